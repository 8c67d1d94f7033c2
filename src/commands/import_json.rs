//! `malkoll import json FILE|DIR`: restores what `export json` wrote into an empty database,
//! each plan year as one [`Change::PutPlanYear`] (audited like any import). A database that
//! has data is refused, so a restore never mixes with or replaces what is there.

use std::path::Path;

use crate::import::json_restore::{RestoreReadError, read};
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
pub fn run(store: &Store, path: &Path, actor: &Actor) -> Result<String, RestoreError> {
    if !store.is_empty()? {
        return Err(RestoreError::NotEmpty(store.path().display().to_string()));
    }
    let plans = read(path)?;
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
    progress.clear();
    Ok(format!("Återställde:\n{out}"))
}

/// A one-line progress note on standard error, only when that is a terminal (a pipe or a
/// log file gets nothing).
struct Progress {
    on: bool,
}

impl Progress {
    fn on_terminal() -> Progress {
        use std::io::IsTerminal;
        Progress {
            on: std::io::stderr().is_terminal(),
        }
    }

    fn show(&self, text: &str) {
        if self.on {
            eprint!("\r\x1b[2K{text}");
        }
    }

    fn clear(&self) {
        if self.on {
            eprint!("\r\x1b[2K");
        }
    }
}
