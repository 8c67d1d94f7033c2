//! The audit log: who applied which [`Change`], when, and the records before and after.
//! Written in the same transaction as the change itself, keyed by a gapless sequence number.
//!
//! Since record version 2 a plan year's `before` is kept as the records that differ from the
//! plan year the change put (a re-import that touched one value stores one record, not two
//! whole copies), and an entry can carry notes (the conflicts an import kept). Version 3
//! (issue 11) has the same shape over the domain types that gained read cells and a
//! confirmed direction. Version 1 and 2 entries are still read.

use serde::{Deserialize, Serialize};

use super::change::{Change, Snapshot};
use super::codec::Versioned;
use super::records::{self, NodeRecord, ReportRecord, YearRecord};
use crate::domain::budget::Economy;
use crate::domain::{Council, NodeId, Period, PlanYear};

/// Who made a change: the login name, and the SSH client address when over SSH.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    pub login: String,
    pub ssh_client: Option<String>,
}

impl Actor {
    /// The user running this process: login from the OS (falling back to `$USER`), client
    /// address from the first field of `SSH_CONNECTION`.
    pub fn from_env() -> Actor {
        let login = whoami::fallible::username()
            .ok()
            .filter(|name| !name.is_empty())
            .or_else(|| std::env::var("USER").ok())
            .unwrap_or_else(|| "okänd".to_owned());
        let ssh_connection = std::env::var("SSH_CONNECTION").ok();
        Actor::from_parts(login, ssh_connection.as_deref())
    }

    /// An actor from a login and the value of `SSH_CONNECTION`
    /// ("client-ip client-port server-ip server-port").
    pub fn from_parts(login: String, ssh_connection: Option<&str>) -> Actor {
        let ssh_client = ssh_connection
            .and_then(|value| value.split_whitespace().next())
            .map(str::to_owned);
        Actor { login, ssh_client }
    }
}

/// One applied change.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct AuditEntry {
    /// 1, 2, 3 … in the order changes were applied.
    pub seq: u64,
    pub actor: Actor,
    /// RFC 3339 time stamp (UTC).
    pub at: String,
    pub change: Change,
    /// The record the change replaced; `None` when there was none. Undo is
    /// [`Change::undo`] of this.
    pub before: Option<Snapshot>,
    /// The record the change wrote.
    pub after: Option<Snapshot>,
}

impl AuditEntry {
    /// The change that reverts this one, where one can be expressed.
    pub fn undo_change(&self) -> Option<Change> {
        self.change.undo(self.before.as_ref())
    }
}

/// The stored form of an audit entry.
// Decoded one entry at a time; boxing would change nothing stored, only add indirection.
#[allow(clippy::large_enum_variant)]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub(crate) enum AuditRecord {
    /// Before the plan year had months and an economy; migrated on read.
    V1(super::audit_v1::AuditV1),
    /// Before indicator reports kept their read cells; migrated on read.
    V2(super::audit_v2::AuditV2),
    V3(AuditV3),
}

impl Versioned for AuditRecord {
    const KIND: &'static str = "loggpost";
    const KNOWN_VERSIONS: u32 = 3;
}

/// Version 3: `before` as a difference where the change is a whole plan year, and notes.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub(crate) struct AuditV3 {
    pub actor: Actor,
    pub at: String,
    pub change: Change,
    pub before: BeforeV3,
    /// As in version 1: `None` for a plan year, which the change carries.
    pub after: Option<Snapshot>,
    /// What the change kept or noticed, in Swedish, one line each (import conflicts).
    pub notes: Vec<String>,
}

/// What a change replaced.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub(crate) enum BeforeV3 {
    /// The whole record (small changes), or `None` when there was none.
    Whole(Option<Box<Snapshot>>),
    /// A plan year, as the records that differ from the plan year the change put.
    PlanYearDiff(Box<PlanDiff>),
}

/// The records of the replaced plan year that differ from the new one. `None` in a list:
/// the record did not exist before.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub(crate) struct PlanDiff {
    pub council_name: String,
    /// `None`: the same as after.
    pub year: Option<YearRecord>,
    pub nodes: Vec<(NodeId, Option<NodeRecord>)>,
    pub reports: Vec<(NodeId, Period, Option<ReportRecord>)>,
    /// `None`: the same as after.
    pub economy: Option<Economy>,
    /// `None`: the same as after.
    pub months: Option<Vec<u8>>,
}

impl PlanDiff {
    /// The records of `before` that differ from `after`; `None` if either cannot be split.
    fn between(before: &PlanYear, after: &PlanYear) -> Option<PlanDiff> {
        let old = records::split(before).ok()?;
        let new = records::split(after).ok()?;
        let new_nodes: std::collections::HashMap<_, _> =
            new.nodes.iter().map(|(id, r)| (*id, r)).collect();
        let old_nodes: std::collections::HashMap<_, _> =
            old.nodes.iter().map(|(id, r)| (*id, r)).collect();
        let new_reports: std::collections::HashMap<_, _> = new
            .reports
            .iter()
            .map(|(id, p, r)| ((*id, *p), r))
            .collect();
        let old_reports: std::collections::HashMap<_, _> = old
            .reports
            .iter()
            .map(|(id, p, r)| ((*id, *p), r))
            .collect();
        let mut nodes: Vec<(NodeId, Option<NodeRecord>)> = old
            .nodes
            .iter()
            .filter(|(id, record)| new_nodes.get(id) != Some(&record))
            .map(|(id, record)| (*id, Some(record.clone())))
            .collect();
        nodes.extend(
            new.nodes
                .iter()
                .filter(|(id, _)| !old_nodes.contains_key(id))
                .map(|(id, _)| (*id, None)),
        );
        let mut reports: Vec<(NodeId, Period, Option<ReportRecord>)> = old
            .reports
            .iter()
            .filter(|(id, period, record)| new_reports.get(&(*id, *period)) != Some(&record))
            .map(|(id, period, record)| (*id, *period, Some(record.clone())))
            .collect();
        reports.extend(
            new.reports
                .iter()
                .filter(|(id, period, _)| !old_reports.contains_key(&(*id, *period)))
                .map(|(id, period, _)| (*id, *period, None)),
        );
        Some(PlanDiff {
            council_name: before.council.name.clone(),
            year: (old.year != new.year).then_some(old.year),
            nodes,
            reports,
            economy: (before.economy != after.economy).then(|| before.economy.clone()),
            months: (before.months != after.months).then(|| before.months.clone()),
        })
    }

    /// The plan year before, rebuilt from `after` and this difference.
    fn rebuild(self, after: &PlanYear) -> Option<PlanYear> {
        let new = records::split(after).ok()?;
        let mut nodes: std::collections::BTreeMap<NodeId, NodeRecord> =
            new.nodes.into_iter().collect();
        for (id, record) in self.nodes {
            match record {
                Some(record) => nodes.insert(id, record),
                None => nodes.remove(&id),
            };
        }
        let mut reports: std::collections::BTreeMap<(NodeId, Period), ReportRecord> = new
            .reports
            .into_iter()
            .map(|(id, period, record)| ((id, period), record))
            .collect();
        for (id, period, record) in self.reports {
            match record {
                Some(record) => reports.insert((id, period), record),
                None => reports.remove(&(id, period)),
            };
        }
        records::assemble(
            Council {
                id: after.council.id.clone(),
                name: self.council_name,
            },
            after.year,
            self.year.unwrap_or(new.year),
            nodes.into_iter().collect(),
            reports
                .into_iter()
                .map(|((id, period), record)| (id, period, record))
                .collect(),
        )
        .ok()
        .map(|mut plan| {
            plan.economy = self.economy.unwrap_or_else(|| after.economy.clone());
            plan.months = self.months.unwrap_or_else(|| after.months.clone());
            plan
        })
    }
}

impl AuditRecord {
    /// The stored form of `entry`, with `notes`; always the newest version.
    pub(crate) fn from_entry(entry: &AuditEntry, notes: &[String]) -> AuditRecord {
        let after = match entry.change {
            Change::PutPlanYear(_) => None,
            _ => entry.after.clone(),
        };
        let before = match (&entry.change, &entry.before) {
            (Change::PutPlanYear(new), Some(Snapshot::PlanYear(old))) => {
                match PlanDiff::between(old, new) {
                    Some(diff) => BeforeV3::PlanYearDiff(Box::new(diff)),
                    None => BeforeV3::Whole(entry.before.clone().map(Box::new)),
                }
            }
            _ => BeforeV3::Whole(entry.before.clone().map(Box::new)),
        };
        AuditRecord::V3(AuditV3 {
            actor: entry.actor.clone(),
            at: entry.at.clone(),
            change: entry.change.clone(),
            before,
            after,
            notes: notes.to_vec(),
        })
    }

    /// The notes stored with the entry (none before version 2).
    pub(crate) fn notes(&self) -> &[String] {
        match self {
            AuditRecord::V1(_) => &[],
            AuditRecord::V2(record) => &record.notes,
            AuditRecord::V3(record) => &record.notes,
        }
    }

    pub(crate) fn into_entry(self, seq: u64) -> AuditEntry {
        let (actor, at, change, before, after) = match self {
            AuditRecord::V1(record) => (
                record.actor,
                record.at,
                record.change.into(),
                record.before.map(Snapshot::from),
                record.after.map(Snapshot::from),
            ),
            AuditRecord::V2(old) => {
                let record = AuditV3 {
                    actor: old.actor,
                    at: old.at,
                    change: old.change.into(),
                    before: match old.before {
                        super::audit_v2::BeforeV2::Whole(before) => {
                            BeforeV3::Whole(before.map(|before| Box::new((*before).into())))
                        }
                        super::audit_v2::BeforeV2::PlanYearDiff(diff) => {
                            BeforeV3::PlanYearDiff(diff)
                        }
                    },
                    after: old.after.map(Snapshot::from),
                    notes: old.notes,
                };
                return AuditRecord::V3(record).into_entry(seq);
            }
            AuditRecord::V3(record) => {
                let before = match (record.before, &record.change) {
                    (BeforeV3::Whole(before), _) => before.map(|before| *before),
                    (BeforeV3::PlanYearDiff(diff), Change::PutPlanYear(plan)) => diff
                        .rebuild(plan)
                        .map(|plan| Snapshot::PlanYear(Box::new(plan))),
                    (BeforeV3::PlanYearDiff(_), _) => None,
                };
                (record.actor, record.at, record.change, before, record.after)
            }
        };
        let after = match &change {
            Change::PutPlanYear(plan) => Some(Snapshot::PlanYear(Box::new(plan.clone()))),
            _ => after,
        };
        AuditEntry {
            seq,
            actor,
            at,
            change,
            before,
            after,
        }
    }
}
