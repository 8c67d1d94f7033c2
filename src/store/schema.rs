//! The schema version in `meta`: written when a database is created, checked on every open.
//! A database from a newer malkoll is refused, never rewritten. Stored as a raw `u32`
//! big-endian, outside the codec, so the check never depends on the record format.

use super::StoreError;
use super::keys;

/// The schema this binary reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

/// Checks the schema version of an opened database, stamping a new one.
pub(crate) fn check_or_initialise(db: &sled::Db, meta: &sled::Tree) -> Result<(), StoreError> {
    match meta.get(keys::SCHEMA_VERSION)? {
        Some(bytes) => {
            let found = keys::read_u32(&bytes).ok_or_else(|| {
                StoreError::Corrupt(format!("schemaversionen är {} byte, inte 4", bytes.len()))
            })?;
            if found > SCHEMA_VERSION {
                return Err(StoreError::SchemaTooNew {
                    found,
                    supported: SCHEMA_VERSION,
                });
            }
            if found == 0 {
                return Err(StoreError::Corrupt("schemaversion 0 finns inte".to_owned()));
            }
            // Older schemas are migrated here once there is more than one.
            Ok(())
        }
        None => {
            // A database without a version is either new or not ours; refuse the latter.
            let has_data = db
                .tree_names()
                .iter()
                .filter(|name| name.as_ref() != b"__sled__default")
                .any(|name| {
                    db.open_tree(name)
                        .map(|tree| !tree.is_empty())
                        .unwrap_or(true)
                });
            if has_data || !db.is_empty() {
                return Err(StoreError::Corrupt(
                    "databasen saknar schemaversion men innehåller data: är det en malkoll-databas?"
                        .to_owned(),
                ));
            }
            meta.insert(keys::SCHEMA_VERSION, &SCHEMA_VERSION.to_be_bytes())?;
            Ok(())
        }
    }
}
