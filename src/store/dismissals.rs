//! Flags marked *ej aktuell i denna period* in the store: reading a council-year's marks and
//! applying [`Change::SetFlagDismissal`] as one transaction with its audit entry (the reason
//! before and after, so it undoes like any change).
//!
//! Tree `dismissals`: `[council u32][year u16]` (as in [`keys`]) → `DismissalsRecord`.

use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, abort};

use super::audit::{Actor, AuditEntry};
use super::change::{Change, Snapshot};
use super::records::DismissalsRecord;
use super::{Store, StoreError, apply, codec, keys};
use crate::domain::flags::{Dismissals, FlagCode};
use crate::domain::{NodeId, Period};

/// What a [`Change::SetFlagDismissal`] is about.
pub(super) struct DismissalTarget<'a> {
    pub council: &'a str,
    pub year: u16,
    pub period: Period,
    pub node: NodeId,
    pub code: FlagCode,
}

fn fail<T>(error: StoreError) -> Result<T, ConflictableTransactionError<StoreError>> {
    abort(error)
}

impl Store {
    /// The *ej aktuell* marks of a council-year; none for an unknown council or year.
    pub fn dismissals(&self, council: &str, year: u16) -> Result<Dismissals, StoreError> {
        let Some((key, _)) = self.council_record(council)? else {
            return Ok(Dismissals::default());
        };
        self.stored_dismissals(&keys::year_key(key, year))
    }

    pub(super) fn stored_dismissals(&self, year_key: &[u8]) -> Result<Dismissals, StoreError> {
        Ok(match self.dismissals.get(year_key)? {
            Some(bytes) => {
                let DismissalsRecord::V1(marks) = self.decode(&bytes)?;
                marks
            }
            None => Dismissals::default(),
        })
    }

    /// Marks (`reason` given) or unmarks a flag as *ej aktuell*, with its audit entry.
    pub(super) fn apply_dismissal_change(
        &self,
        change: &Change,
        target: DismissalTarget<'_>,
        reason: Option<&str>,
        actor: &Actor,
        at: String,
    ) -> Result<AuditEntry, StoreError> {
        let marking = reason.is_some();
        let reason = reason.map(str::trim).filter(|r| !r.is_empty());
        if marking && reason.is_none() {
            return Err(StoreError::EmptyReason);
        }
        apply::check_period(target.period)?;
        let (council_key, _) = self
            .council_record(target.council)?
            .ok_or_else(|| StoreError::UnknownCouncil(target.council.to_owned()))?;
        let year_key = keys::year_key(council_key, target.year);
        let node_key = keys::node_key(council_key, target.year, target.node);
        let trees = (
            &self.meta,
            &self.years,
            &self.nodes,
            &self.dismissals,
            &self.audit,
        );
        let entry = trees.transaction(|(meta, years, nodes, dismissals, audit)| {
            if years.get(year_key)?.is_none() {
                return fail(StoreError::UnknownYear {
                    council: target.council.to_owned(),
                    year: target.year,
                });
            }
            if nodes.get(node_key)?.is_none() {
                return fail(StoreError::NoSuchNode {
                    council: target.council.to_owned(),
                    year: target.year,
                    node: target.node,
                });
            }
            let mut marks = match dismissals.get(year_key)? {
                Some(bytes) => {
                    let DismissalsRecord::V1(marks) = codec::decode(&bytes).or_else(fail)?;
                    marks
                }
                None => Dismissals::default(),
            };
            let before = marks.set(
                target.period,
                target.node,
                target.code,
                reason.map(str::to_owned),
            );
            if marks.is_empty() {
                dismissals.remove(&year_key)?;
            } else {
                let bytes = codec::encode(&DismissalsRecord::V1(marks)).or_else(fail)?;
                dismissals.insert(&year_key, bytes)?;
            }
            let entry = AuditEntry {
                seq: 0,
                actor: actor.clone(),
                at: at.clone(),
                change: change.clone(),
                before: Some(Snapshot::Dismissal(before)),
                after: Some(Snapshot::Dismissal(reason.map(str::to_owned))),
            };
            apply::write_audit(meta, audit, entry)
        })?;
        Ok(entry)
    }
}
