//! The audit log: who applied which [`Change`], when, and the records before and after.
//! Written in the same transaction as the change itself, keyed by a gapless sequence number.

use serde::{Deserialize, Serialize};

use super::change::{Change, Snapshot};
use super::codec::Versioned;

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
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub(crate) enum AuditRecord {
    /// Before the plan year had months and an economy; migrated on read.
    V1(super::audit_v1::AuditV1),
    V2(AuditV2),
}

impl Versioned for AuditRecord {
    const KIND: &'static str = "loggpost";
    const KNOWN_VERSIONS: u32 = 2;
}

/// As [`AuditEntry`], but `after` is left out when the change itself carries it (a whole
/// plan year), so an import is not stored twice.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub(crate) struct AuditV2 {
    pub actor: Actor,
    pub at: String,
    pub change: Change,
    pub before: Option<Snapshot>,
    pub after: Option<Snapshot>,
}

impl AuditRecord {
    pub(crate) fn from_entry(entry: &AuditEntry) -> AuditRecord {
        let after = match entry.change {
            Change::PutPlanYear(_) => None,
            _ => entry.after.clone(),
        };
        AuditRecord::V2(AuditV2 {
            actor: entry.actor.clone(),
            at: entry.at.clone(),
            change: entry.change.clone(),
            before: entry.before.clone(),
            after,
        })
    }

    pub(crate) fn into_entry(self, seq: u64) -> AuditEntry {
        let record = match self {
            AuditRecord::V1(old) => AuditV2 {
                actor: old.actor,
                at: old.at,
                change: old.change.into(),
                before: old.before.map(Snapshot::from),
                after: old.after.map(Snapshot::from),
            },
            AuditRecord::V2(record) => record,
        };
        let after = match &record.change {
            Change::PutPlanYear(plan) => Some(Snapshot::PlanYear(Box::new(plan.clone()))),
            _ => record.after,
        };
        AuditEntry {
            seq,
            actor: record.actor,
            at: record.at,
            change: record.change,
            before: record.before,
            after,
        }
    }
}
