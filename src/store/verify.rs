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
    name: &str,
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

impl Trees {
    /// Decodes every record of every tree (no assembling into plan years); stops early,
    /// with what it found so far, once `stop` is set.
    pub(crate) fn decode_all(&self, stop: &AtomicBool) -> Verification {
        let mut found = Verification::default();
        check_tree::<CouncilRecord>(&self.councils, "councils", &mut found, stop);
        check_tree::<YearRecord>(&self.years, "years", &mut found, stop);
        check_tree::<NodeRecord>(&self.nodes, "nodes", &mut found, stop);
        check_tree::<ReportRecord>(&self.reports, "reports", &mut found, stop);
        check_tree::<AuditRecord>(&self.audit, "audit", &mut found, stop);
        check_tree::<DraftRecord>(&self.drafts, "drafts", &mut found, stop);
        let links = &self.series_links;
        check_tree::<SeriesLinkRecord>(links, "series_links", &mut found, stop);
        let sources = &self.value_sources;
        check_tree::<ValueSourceRecord>(sources, "value_sources", &mut found, stop);
        check_tree::<EconomyRecord>(&self.economy, "economy", &mut found, stop);
        check_tree::<MonthsRecord>(&self.months, "months", &mut found, stop);
        let dismissals = &self.dismissals;
        check_tree::<DismissalsRecord>(dismissals, "dismissals", &mut found, stop);
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
        found
    }
}
