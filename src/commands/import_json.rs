//! `malkoll import json FILE|DIR`: restores what `export json` wrote into an empty database,
//! each plan year as one [`Change::PutPlanYear`], then the exported audit log and series
//! links in place of those entries. A database that has data is refused, so a restore never
//! mixes with or replaces what is there.

use std::path::Path;

use crate::commands::progress::Progress;
use crate::import::json_restore::{RestoreReadError, RestoreSet, read};
use crate::store::{Actor, Change, Store, StoreError};

/// Why nothing was restored.
#[derive(Debug, thiserror::Error)]
pub enum RestoreError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Read(#[from] RestoreReadError),
    #[error("databasen i {0} har redan data; återställ till en tom databas (--db NY_KATALOG)")]
    NotEmpty(String),
}

/// Restores the file or directory; returns what was restored.
///
/// A directory exported whole also brings back the audit log and the series links exactly as
/// they were: the log then reads as it did where it was exported (same numbers, users, times
/// and notes), and the restore adds no entry of its own — it is the same database again, not
/// a change to it. Plan years without `malkoll.json` are put as changes by `actor`.
pub fn run(store: &Store, path: &Path, actor: &Actor) -> Result<String, RestoreError> {
    if !store.is_empty()? {
        return Err(RestoreError::NotEmpty(store.path().display().to_string()));
    }
    let RestoreSet { plans, history } = read(path)?;
    let total = plans.len();
    let progress = Progress::on_terminal();
    let mut out = String::new();
    for (done, (file, plan)) in plans.into_iter().enumerate() {
        progress.show(&format!(
            "Återställer {}/{total}: {} {}",
            done + 1,
            crate::domain::text::sanitize_line(&plan.council.id),
            plan.year
        ));
        let line = format!(
            "{} {} från {}\n",
            crate::domain::text::sanitize_line(&plan.council.name),
            plan.year,
            file.display()
        );
        store.apply(&Change::PutPlanYear(plan), actor)?;
        out.push_str(&line);
    }
    if let Some(history) = history {
        progress.show(&format!(
            "Återställer loggen: {} poster",
            history.audit.len()
        ));
        store.restore_history(&history, total as u64)?;
        out.push_str(&format!(
            "Loggen: {} poster, serielänkar: {}\n",
            history.audit.len(),
            history.series_links.len()
        ));
    }
    progress.clear();
    Ok(format!("Återställde:\n{out}"))
}
