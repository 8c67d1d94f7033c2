//! The audit log (*loggen*) and the series links as `export json` writes them beside the plan
//! years, and their restore into a new database.
//!
//! Each audit entry is written in its newest stored form (`AuditV3`: a plan year's `before`
//! as the records that differ, not a second copy) with its number, so a restore writes the
//! very records that were exported: same numbers, same actor and time, same notes. An entry
//! stored in an older version is exported in the newest, the form it is migrated to on read.

use serde::{Deserialize, Serialize};
use sled::Transactional;

use super::audit::{Actor, AuditRecord, AuditV3, BeforeV3};
use super::change::{Change, Snapshot};
use super::codec;
use super::series_links::{SeriesLink, SeriesLinkRecord};
use super::{Store, StoreError, bad_key, keys};
use crate::search::series::normalise_name;

/// One audit entry as exported: its number and its stored record.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub(crate) struct ArchivedEntry {
    /// 1, 2, 3 … as in the log.
    pub seq: u64,
    pub actor: Actor,
    /// RFC 3339 time stamp (UTC).
    pub at: String,
    pub change: Change,
    /// What the change replaced: `{"Whole": snapshot | null}` or, for a plan year,
    /// `{"PlanYearDiff": …}` (the records that differ from the plan year the change put).
    pub before: BeforeV3,
    /// What the change wrote; `null` for a plan year, which the change itself carries.
    pub after: Option<Snapshot>,
    /// What the change kept or noticed (an import's conflicts), one line each.
    pub notes: Vec<String>,
}

impl ArchivedEntry {
    fn from_record(seq: u64, record: AuditRecord) -> ArchivedEntry {
        let record = match record {
            AuditRecord::V3(record) => record,
            old @ (AuditRecord::V1(_) | AuditRecord::V2(_)) => {
                let notes = old.notes().to_vec();
                let entry = old.into_entry(seq);
                match AuditRecord::from_entry(&entry, &notes) {
                    AuditRecord::V3(record) => record,
                    // from_entry always writes the newest version.
                    AuditRecord::V1(_) | AuditRecord::V2(_) => {
                        unreachable!("from_entry writes version 3")
                    }
                }
            }
        };
        ArchivedEntry {
            seq,
            actor: record.actor,
            at: record.at,
            change: record.change,
            before: record.before,
            after: record.after,
            notes: record.notes,
        }
    }

    fn into_record(self) -> AuditRecord {
        AuditRecord::V3(AuditV3 {
            actor: self.actor,
            at: self.at,
            change: self.change,
            before: self.before,
            after: self.after,
            notes: self.notes,
        })
    }
}

/// What `export json` keeps besides the plan years.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct History {
    pub(crate) series_links: Vec<SeriesLink>,
    pub(crate) audit: Vec<ArchivedEntry>,
}

impl History {
    /// How many audit entries it holds.
    pub fn entries(&self) -> usize {
        self.audit.len()
    }

    /// Why the log cannot be restored as it is, checked before anything is written: its
    /// numbers must start at 1 or later and increase.
    pub fn problem(&self) -> Option<String> {
        let mut last = 0;
        for entry in &self.audit {
            if entry.seq <= last {
                return Some(format!(
                    "loggpost {} står efter {last}: numren ska öka från 1",
                    entry.seq
                ));
            }
            last = entry.seq;
        }
        None
    }
}

impl Store {
    /// The series links and every audit entry in its stored form, oldest first.
    pub fn history_for_export(&self) -> Result<History, StoreError> {
        let mut audit = Vec::new();
        for entry in self.audit.iter() {
            let (key, bytes) = entry?;
            let seq = keys::read_u64(&key).ok_or_else(|| bad_key("audit", &key))?;
            audit.push(ArchivedEntry::from_record(
                seq,
                self.decode::<AuditRecord>(&bytes)?,
            ));
        }
        Ok(History {
            series_links: self.series_links()?,
            audit,
        })
    }

    /// Replaces the log of a database just restored with the exported one, and writes the
    /// exported series links, in one transaction. Not a [`Change`]: the plan years were put
    /// as changes a moment ago (entries `1..=restored`), and those entries are what this
    /// replaces, so the log reads as it did where it was exported — no entry for the restore.
    /// Refused unless the log holds exactly those `restored` entries and no series link.
    pub fn restore_history(&self, history: &History, restored: u64) -> Result<(), StoreError> {
        self.check_writable()?;
        let _serialised = self
            .write_lock
            .lock()
            .map_err(|_| StoreError::Database("en tidigare skrivning avbröts".to_owned()))?;
        let last_here = match self.meta.get(keys::LAST_SEQ)? {
            Some(bytes) => keys::read_u64(&bytes)
                .ok_or_else(|| StoreError::Corrupt("loggräknare med fel längd".to_owned()))?,
            None => 0,
        };
        if last_here != restored || self.audit.len() as u64 != restored {
            return Err(StoreError::Database(format!(
                "loggen har {} poster, väntade {restored} från återställningen",
                self.audit.len()
            )));
        }
        if !self.series_links.is_empty() {
            return Err(StoreError::Database(
                "databasen har redan serielänkar".to_owned(),
            ));
        }
        let mut records = Vec::with_capacity(history.audit.len());
        let mut last = 0;
        for entry in &history.audit {
            if entry.seq <= last {
                return Err(StoreError::Corrupt(format!(
                    "loggpost {} står efter {last}: numren ska öka",
                    entry.seq
                )));
            }
            last = entry.seq;
            records.push((
                keys::audit_key(entry.seq),
                codec::encode(&entry.clone().into_record())?,
            ));
        }
        let links = history
            .series_links
            .iter()
            .map(|link| {
                Ok((
                    normalise_name(&link.alias.name),
                    codec::encode(&SeriesLinkRecord::V1(link.clone()))?,
                ))
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        // The sources of imported values, as the logged imports wrote them.
        let sources = self.source_writes_of_log(history.audit.iter().map(|e| &e.change))?;
        (
            &self.meta,
            &self.audit,
            &self.series_links,
            &self.value_sources,
        )
            .transaction(|(meta, audit, series, value_sources)| {
                for seq in 1..=restored {
                    audit.remove(&keys::audit_key(seq))?;
                }
                for (key, bytes) in &records {
                    audit.insert(key, bytes.clone())?;
                }
                meta.insert(keys::LAST_SEQ, &last.to_be_bytes())?;
                for (key, bytes) in &links {
                    series.insert(key.as_bytes(), bytes.clone())?;
                }
                for (key, bytes) in &sources {
                    match bytes {
                        Some(bytes) => value_sources.insert(key, bytes.clone())?,
                        None => value_sources.remove(key)?,
                    };
                }
                Ok::<(), sled::transaction::ConflictableTransactionError<StoreError>>(())
            })?;
        self.flush_bounded()
    }
}
