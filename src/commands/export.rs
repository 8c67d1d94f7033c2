//! `malkoll export json`: the lossless JSON of stored plan years, the format data/ uses.

use std::path::Path;

use crate::commands::progress::Progress;
use crate::domain::PlanYear;
use crate::domain::text::sanitize_line;
use crate::export::manifest::{MANIFEST_FILE, Manifest};
use crate::export::plan_to_json;
use crate::store::archive::History;
use crate::store::{Store, StoreError};

/// Why an export did not happen.
#[derive(Debug, thiserror::Error)]
pub enum ExportCommandError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("ingen nämnd med id «{0}» i databasen (se malkoll export json --out KATALOG för alla)")]
    UnknownCouncil(String),
    #[error("{council} saknar år {year} i databasen")]
    UnknownYear { council: String, year: u16 },
    #[error(
        "ange både --council och --year för att skriva ett planår till standard ut, eller --out KATALOG"
    )]
    NeedsOneYearOrDirectory,
    #[error("kunde inte skriva {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
}

/// The plan years selected by council and year (each optional).
pub fn select(
    store: &Store,
    council: Option<&str>,
    year: Option<u16>,
) -> Result<Vec<PlanYear>, ExportCommandError> {
    let councils = store.councils()?;
    if let Some(wanted) = council
        && !councils.iter().any(|c| c.id == wanted)
    {
        return Err(ExportCommandError::UnknownCouncil(wanted.to_owned()));
    }
    let mut plans = Vec::new();
    for council_entry in councils
        .iter()
        .filter(|c| council.is_none_or(|wanted| c.id == wanted))
    {
        for stored_year in store.years(&council_entry.id)? {
            if year.is_some_and(|wanted| wanted != stored_year) {
                continue;
            }
            if let Some(plan) = store.plan_year(&council_entry.id, stored_year)? {
                plans.push(plan);
            }
        }
    }
    if let (Some(council), Some(year), true) = (council, year, plans.is_empty()) {
        return Err(ExportCommandError::UnknownYear {
            council: council.to_owned(),
            year,
        });
    }
    Ok(plans)
}

/// Writes `<council>-<year>.json` per plan into `dir`, and with `history` (an export of the
/// whole database) `malkoll.json` with the audit log and series links; returns what was
/// written.
pub fn export_to_dir(
    plans: &[PlanYear],
    history: Option<History>,
    dir: &Path,
) -> Result<String, ExportCommandError> {
    let write_error = |path: &Path, source| ExportCommandError::Write {
        path: path.display().to_string(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(|e| write_error(dir, e))?;
    let progress = Progress::on_terminal();
    let total = plans.len();
    let mut out = String::new();
    let mut names = Vec::with_capacity(plans.len());
    for (done, plan) in plans.iter().enumerate() {
        progress.show(&format!(
            "Exporterar {}/{total}: {} {}",
            done + 1,
            sanitize_line(&plan.council.id),
            plan.year
        ));
        let name = format!("{}-{}.json", plan.council.id, plan.year);
        let path = dir.join(&name);
        std::fs::write(&path, plan_to_json(plan)).map_err(|e| write_error(&path, e))?;
        out.push_str(&format!("{}\n", path.display()));
        names.push(name);
    }
    if let Some(history) = history {
        progress.show(&format!(
            "Exporterar loggen: {} poster",
            history.audit.len()
        ));
        let path = dir.join(MANIFEST_FILE);
        let json = Manifest::new(names, history).to_json();
        std::fs::write(&path, json).map_err(|e| write_error(&path, e))?;
        out.push_str(&format!("{}\n", path.display()));
    }
    progress.clear();
    Ok(out)
}

/// The JSON of exactly one plan year, for standard output.
pub fn export_one(plans: &[PlanYear]) -> Result<String, ExportCommandError> {
    match plans {
        [plan] => Ok(plan_to_json(plan)),
        _ => Err(ExportCommandError::NeedsOneYearOrDirectory),
    }
}
