//! Refused changes (*nekade ändringar*): a change the service would not apply because the
//! user may not write that council is kept here with who, when and why, beside the audit
//! log of applied changes (which stays gapless). Added for the service (issue 10).

use serde::{Deserialize, Serialize};

use super::codec::{self, Versioned};
use super::{Actor, Change, Store, StoreError};

/// One refused change.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct RefusedChange {
    pub actor: Actor,
    /// RFC 3339 time stamp (UTC).
    pub at: String,
    pub change: Change,
    /// The Swedish message the user was given.
    pub reason: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub(crate) enum RefusedRecord {
    /// Before indicator reports kept their read cells (issue 11); migrated on read.
    V1(RefusedV1),
    V2(RefusedChange),
}

impl Versioned for RefusedRecord {
    const KIND: &'static str = "nekad ändring";
    const KNOWN_VERSIONS: u32 = 2;
}

/// A refused change as stored in version 1, over the frozen change of audit version 2.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub(crate) struct RefusedV1 {
    pub actor: Actor,
    pub at: String,
    pub change: super::audit_v2::ChangeV2,
    pub reason: String,
}

impl RefusedRecord {
    fn into_current(self) -> RefusedChange {
        match self {
            RefusedRecord::V2(record) => record,
            RefusedRecord::V1(old) => RefusedChange {
                actor: old.actor,
                at: old.at,
                change: old.change.into(),
                reason: old.reason,
            },
        }
    }
}

const TREE: &str = "refused";

impl Store {
    /// Keeps a refused change, flushed before returning.
    pub fn record_refusal(
        &self,
        change: &Change,
        actor: &Actor,
        reason: &str,
    ) -> Result<(), StoreError> {
        let tree = self.db.open_tree(TREE)?;
        let key = self.db.generate_id()?.to_be_bytes();
        let record = RefusedRecord::V2(RefusedChange {
            actor: actor.clone(),
            at: jiff::Timestamp::now().to_string(),
            change: change.clone(),
            reason: reason.to_owned(),
        });
        tree.insert(key, codec::encode(&record)?)?;
        self.db.flush()?;
        Ok(())
    }

    /// Every refused change, oldest first.
    pub fn refusals(&self) -> Result<Vec<RefusedChange>, StoreError> {
        let tree = self.db.open_tree(TREE)?;
        let mut refused = Vec::new();
        for entry in tree.iter() {
            let (_, bytes) = entry?;
            let record: RefusedRecord = self.decode(&bytes)?;
            refused.push(record.into_current());
        }
        Ok(refused)
    }
}
