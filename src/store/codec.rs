//! The one place bincode is used: records to bytes and back.
//!
//! bincode 2.0.1 is pinned and unmaintained (3.0.0 is an empty tombstone), so it stays behind
//! these two functions and can be swapped without touching the rest of the store. Every
//! stored record is a versioned enum; serde encodes the variant index first, as a varint. The
//! decoder reads that index before the payload so that a record written by a newer malkoll
//! is reported as [`StoreError::UnknownRecordVersion`] instead of as garbage.

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::StoreError;

/// A stored record type: an enum with one variant per format version, `V1` first.
pub(crate) trait Versioned: Serialize + DeserializeOwned {
    /// What the record is, in Swedish, for error messages ("nod", "rapport").
    const KIND: &'static str;
    /// How many versions this binary knows; the variant index must be below it.
    const KNOWN_VERSIONS: u32;
}

fn config() -> bincode::config::Configuration {
    bincode::config::standard()
}

/// Encodes a versioned record.
pub(crate) fn encode<R: Versioned>(record: &R) -> Result<Vec<u8>, StoreError> {
    bincode::serde::encode_to_vec(record, config())
        .map_err(|error| StoreError::Corrupt(format!("kunde inte koda {}: {error}", R::KIND)))
}

/// Decodes a versioned record, refusing versions this binary does not know.
pub(crate) fn decode<R: Versioned>(bytes: &[u8]) -> Result<R, StoreError> {
    let (variant, _): (u32, usize) = bincode::serde::decode_from_slice(bytes, config())
        .map_err(|error| StoreError::Corrupt(format!("{} utan version: {error}", R::KIND)))?;
    if variant >= R::KNOWN_VERSIONS {
        return Err(StoreError::UnknownRecordVersion {
            record: R::KIND,
            found: variant.saturating_add(1),
            supported: R::KNOWN_VERSIONS,
        });
    }
    let (record, read) = bincode::serde::decode_from_slice(bytes, config())
        .map_err(|error| StoreError::Corrupt(format!("{} går inte att läsa: {error}", R::KIND)))?;
    if read != bytes.len() {
        return Err(StoreError::Corrupt(format!(
            "{} har {} byte för mycket",
            R::KIND,
            bytes.len() - read
        )));
    }
    Ok(record)
}
