//! Versions for optimistic saves (*ingen förlorad ändring*): the service remembers, for
//! every thing a change can touch, the audit sequence number of the last change to it. A
//! save says which version it was read at; if the thing changed after that, it is a
//! conflict instead of an overwrite. Built from the audit log when the service starts and
//! kept current as changes are applied (only the service writes).

use std::collections::HashMap;

use crate::domain::flags::FlagCode;
use crate::domain::{NodeId, Period};
use crate::store::{AuditEntry, Change};

/// What one change touches.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Target {
    /// A node's report for one period (goal status, indicator values, activity status).
    Report {
        council: String,
        year: u16,
        node: NodeId,
        period: Period,
    },
    /// An indicator's year-wide settings.
    Settings {
        council: String,
        year: u16,
        node: NodeId,
    },
    /// Series decisions for an indicator name.
    Series {
        council: String,
        year: u16,
        name: String,
    },
    /// A flag's *ej aktuell* mark.
    Dismissal {
        council: String,
        year: u16,
        node: NodeId,
        period: Period,
        code: FlagCode,
    },
    /// A whole council-year (an import), and any change this module does not know in
    /// detail: it conflicts with every save in that year read before it.
    Year { council: String, year: u16 },
}

impl Target {
    /// What `change` touches.
    pub fn of(change: &Change) -> Target {
        match change {
            Change::SetGoalStatus {
                council,
                year,
                goal: node,
                period,
                ..
            }
            | Change::SetIndicatorReport {
                council,
                year,
                indicator: node,
                period,
                ..
            }
            | Change::SetActivityReport {
                council,
                year,
                activity: node,
                period,
                ..
            } => Target::Report {
                council: council.clone(),
                year: *year,
                node: *node,
                period: *period,
            },
            Change::SetIndicatorSettings {
                council,
                year,
                indicator,
                ..
            } => Target::Settings {
                council: council.clone(),
                year: *year,
                node: *indicator,
            },
            Change::LinkSeries { b, .. } | Change::UnlinkSeries { b, .. } => Target::Series {
                council: b.council.clone(),
                year: b.year,
                name: b.name.clone(),
            },
            Change::SetFlagDismissal {
                council,
                year,
                period,
                node,
                code,
                ..
            } => Target::Dismissal {
                council: council.clone(),
                year: *year,
                node: *node,
                period: *period,
                code: *code,
            },
            // PutPlanYear, and changes added later (economy): a whole year.
            #[allow(unreachable_patterns)]
            other => Target::Year {
                council: other.council().to_owned(),
                year: other.year(),
            },
        }
    }

    fn year_of(&self) -> Target {
        match self {
            Target::Report { council, year, .. }
            | Target::Settings { council, year, .. }
            | Target::Series { council, year, .. }
            | Target::Dismissal { council, year, .. }
            | Target::Year { council, year } => Target::Year {
                council: council.clone(),
                year: *year,
            },
        }
    }
}

/// The last change to a target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastChange {
    pub seq: u64,
    pub login: String,
}

/// The version index.
#[derive(Debug, Default)]
pub struct Versions {
    last: HashMap<Target, LastChange>,
    /// The sequence number of the last change applied at all.
    pub current: u64,
}

impl Versions {
    /// The versions in `store`'s audit log, read entry by entry: the city's log holds whole
    /// plan years before and after each import, too much to hold at once.
    pub fn from_store(store: &crate::store::Store) -> Result<Versions, crate::store::StoreError> {
        let mut versions = Versions::default();
        store.for_each_audit_entry(|entry| versions.record(&entry))?;
        Ok(versions)
    }

    /// The index of an audit log held in memory (the tests' logs; the service reads its
    /// store's with [`Versions::from_store`]).
    #[cfg(test)]
    pub fn from_log(entries: &[AuditEntry]) -> Versions {
        let mut versions = Versions::default();
        for entry in entries {
            versions.record(entry);
        }
        versions
    }

    /// Notes an applied change.
    pub fn record(&mut self, entry: &AuditEntry) {
        self.last.insert(
            Target::of(&entry.change),
            LastChange {
                seq: entry.seq,
                login: entry.actor.login.clone(),
            },
        );
        self.current = self.current.max(entry.seq);
    }

    /// The change that came after `base` to what `change` touches, if any: its own target
    /// or its whole year.
    pub fn newer_than(&self, change: &Change, base: u64) -> Option<&LastChange> {
        let target = Target::of(change);
        let year = target.year_of();
        [self.last.get(&target), self.last.get(&year)]
            .into_iter()
            .flatten()
            .filter(|last| last.seq > base)
            .max_by_key(|last| last.seq)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::GoalStatus;
    use crate::store::Actor;

    fn status(goal: NodeId, period: Period) -> Change {
        Change::SetGoalStatus {
            council: "sodermalm".to_owned(),
            year: 2020,
            goal,
            period,
            status: GoalStatus::default(),
        }
    }

    fn entry(seq: u64, login: &str, change: Change) -> AuditEntry {
        AuditEntry {
            seq,
            actor: Actor::from_parts(login.to_owned(), None),
            at: String::new(),
            change,
            before: None,
            after: None,
        }
    }

    #[test]
    fn only_a_later_change_to_the_same_thing_is_newer() {
        let versions = Versions::from_log(&[
            entry(1, "anna", status(5, Period::Tertial(1))),
            entry(2, "bertil", status(6, Period::Tertial(1))),
        ]);
        assert_eq!(versions.current, 2);
        // Bertil's change of another goal does not make Anna's read of goal 5 stale.
        assert!(
            versions
                .newer_than(&status(5, Period::Tertial(1)), 1)
                .is_none()
        );
        // Nor does another period of the same goal.
        assert!(
            versions
                .newer_than(&status(6, Period::Tertial(2)), 0)
                .is_none()
        );
        let last = versions
            .newer_than(&status(6, Period::Tertial(1)), 1)
            .expect("changed after version 1");
        assert_eq!((last.seq, last.login.as_str()), (2, "bertil"));
    }

    #[test]
    fn a_whole_year_put_after_a_read_makes_every_save_in_that_year_stale() {
        let plan = crate::domain::PlanYear {
            council: crate::domain::Council {
                id: "sodermalm".to_owned(),
                name: "Södermalm".to_owned(),
            },
            year: 2020,
            documents: Vec::new(),
            goals: Vec::new(),
            months: Vec::new(),
            economy: Default::default(),
        };
        let versions = Versions::from_log(&[entry(3, "import", Change::PutPlanYear(plan))]);
        assert_eq!(
            versions
                .newer_than(&status(9, Period::AnnualReport), 2)
                .map(|last| last.seq),
            Some(3)
        );
        assert!(
            versions
                .newer_than(&status(9, Period::AnnualReport), 3)
                .is_none()
        );
    }
}
