//! Reading every record once: on open (so one unreadable record makes the whole process
//! read-only before anything is written) and for `malkoll doctor`.

use std::sync::atomic::{AtomicBool, Ordering};

use super::audit::AuditRecord;
use super::codec::{self, Versioned};
use super::drafts::DraftRecord;
use super::records::{
    CouncilRecord, DismissalsRecord, EconomyRecord, MonthsRecord, NodeRecord, ReportRecord,
    ValueSourceRecord, YearRecord,
};
use super::series_links::SeriesLinkRecord;
use super::{Store, StoreError};

/// What a full read found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Verification {
    /// Records read without fault.
    pub records: usize,
    /// One line per unreadable record or tree, in Swedish (at most [`MAX_PROBLEMS`]).
    pub problems: Vec<String>,
    /// Nothing was read: the seal showed the files unchanged since every record was last read.
    pub sealed: bool,
}

/// More problems than this are counted, not listed.
pub const MAX_PROBLEMS: usize = 20;

impl Verification {
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }

    fn note(&mut self, problem: String) {
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push(problem);
        }
    }
}

fn check_tree<R: Versioned>(
    tree: &sled::Tree,
    name: &'static str,
    found: &mut Verification,
    stop: &AtomicBool,
) {
    for entry in tree.iter() {
        if stop.load(Ordering::Relaxed) {
            return;
        }
        match entry {
            Ok((_, bytes)) => match codec::decode::<R>(&bytes) {
                Ok(_) => found.records += 1,
                Err(error) => found.note(format!("trädet {name}: {}", short(&error))),
            },
            Err(error) => {
                found.note(format!("trädet {name}: {}", short(&error.into())));
                // A sled error in iteration repeats for the rest of the tree.
                return;
            }
        }
    }
}

/// The reason without the advice sentence that every store error ends in.
fn short(error: &StoreError) -> String {
    match error {
        StoreError::Corrupt(reason) => reason.clone(),
        other => other.to_string(),
    }
}

/// The trees whose records are decoded, cloned so a thread can read them.
pub(crate) struct Trees {
    pub councils: sled::Tree,
    pub years: sled::Tree,
    pub nodes: sled::Tree,
    pub reports: sled::Tree,
    pub audit: sled::Tree,
    pub drafts: sled::Tree,
    pub series_links: sled::Tree,
    pub value_sources: sled::Tree,
    pub economy: sled::Tree,
    pub months: sled::Tree,
    pub dismissals: sled::Tree,
}

/// One tree the check reads: its name, the record it holds and where it is in [`Trees`].
struct TreeCheck {
    name: &'static str,
    tree: fn(&Trees) -> &sled::Tree,
    check: fn(&sled::Tree, &'static str, &mut Verification, &AtomicBool),
    /// What the record is and how many versions this binary reads ([`Versioned`]).
    kind: &'static str,
    versions: u32,
}

const fn tree_check<R: Versioned>(
    name: &'static str,
    tree: fn(&Trees) -> &sled::Tree,
) -> TreeCheck {
    TreeCheck {
        name,
        tree,
        check: check_tree::<R>,
        kind: R::KIND,
        versions: R::KNOWN_VERSIONS,
    }
}

/// Every tree of records, in the order they are read: one list for the check and for the
/// signature of the formats it reads, so the two cannot drift apart.
const TREE_CHECKS: [TreeCheck; 11] = [
    tree_check::<CouncilRecord>("councils", |t| &t.councils),
    tree_check::<YearRecord>("years", |t| &t.years),
    tree_check::<NodeRecord>("nodes", |t| &t.nodes),
    tree_check::<ReportRecord>("reports", |t| &t.reports),
    tree_check::<AuditRecord>("audit", |t| &t.audit),
    tree_check::<DraftRecord>("drafts", |t| &t.drafts),
    tree_check::<SeriesLinkRecord>("series_links", |t| &t.series_links),
    tree_check::<ValueSourceRecord>("value_sources", |t| &t.value_sources),
    tree_check::<EconomyRecord>("economy", |t| &t.economy),
    tree_check::<MonthsRecord>("months", |t| &t.months),
    tree_check::<DismissalsRecord>("dismissals", |t| &t.dismissals),
];

/// The record formats this binary reads: the schema and, per tree, the record and its number
/// of versions. A database sealed under another signature is read through again
/// ([`super::seal`]).
pub(crate) fn format_signature() -> String {
    let trees: Vec<String> = TREE_CHECKS
        .iter()
        .map(|check| format!("{}:{}:{}", check.name, check.kind, check.versions))
        .collect();
    format!(
        "schema {}; {}",
        super::schema::SCHEMA_VERSION,
        trees.join(", ")
    )
}

impl Trees {
    /// Reads every record as [`Trees::decode_all`] does, unless the database was `sealed`
    /// as read through under this binary's formats and found unchanged before it was opened.
    pub(crate) fn read_through(&self, sealed: bool, stop: &AtomicBool) -> Verification {
        if sealed {
            return Verification {
                sealed: true,
                ..Verification::default()
            };
        }
        self.decode_all(stop)
    }

    /// Decodes every record of every tree (no assembling into plan years); stops early,
    /// with what it found so far, once `stop` is set.
    pub(crate) fn decode_all(&self, stop: &AtomicBool) -> Verification {
        let mut found = Verification::default();
        for check in &TREE_CHECKS {
            (check.check)((check.tree)(self), check.name, &mut found, stop);
        }
        found
    }
}

impl Verification {
    /// The reason a process writes nothing, from the first problem found.
    pub(crate) fn read_only_reason(&self) -> Option<String> {
        let first = self.problems.first()?;
        let more = self.problems.len() - 1;
        Some(if more == 0 {
            format!("{first}.")
        } else {
            format!("{first} (och {more} till).")
        })
    }
}

impl Store {
    pub(crate) fn trees(&self) -> Trees {
        Trees {
            councils: self.councils.clone(),
            years: self.years.clone(),
            nodes: self.nodes.clone(),
            reports: self.reports.clone(),
            audit: self.audit.clone(),
            drafts: self.drafts.clone(),
            series_links: self.series_links.clone(),
            value_sources: self.value_sources.clone(),
            economy: self.economy.clone(),
            months: self.months.clone(),
            dismissals: self.dismissals.clone(),
        }
    }

    /// Decodes every stored record and assembles every plan year; reports what could not be
    /// read (for `malkoll doctor`; opening only decodes, on a thread).
    pub fn verify(&self) -> Verification {
        let mut found = self.trees().decode_all(&AtomicBool::new(false));
        if found.is_ok() {
            // Records that decode may still not assemble (a report for a missing node).
            match self.councils() {
                Ok(councils) => {
                    for council in councils {
                        let years = match self.years(&council.id) {
                            Ok(years) => years,
                            Err(error) => {
                                found.note(format!("{}: {}", council.id, short(&error)));
                                continue;
                            }
                        };
                        for year in years {
                            if let Err(error) = self.plan_year(&council.id, year) {
                                found.note(format!("{} {year}: {}", council.id, short(&error)));
                            }
                        }
                    }
                }
                Err(error) => found.note(short(&error)),
            }
        }
        // A store known damaged writes nothing, and so neither seals the files.
        if let Some(reason) = found.read_only_reason() {
            self.mark_read_only(reason);
        }
        found
    }
}
