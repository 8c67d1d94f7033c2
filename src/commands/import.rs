//! `malkoll import report FILE`: reads a plan or report text into the database, merging it
//! into the council-year it belongs to, as one change (all or nothing).

use std::path::Path;

use crate::domain::{Period, PlanYear};
use crate::import::{ImportHints, ImportReport, import_report, merge_into};
use crate::store::{Actor, Change, Store};

/// Why an import did not happen.
#[derive(Debug, thiserror::Error)]
pub enum ImportCommandError {
    #[error("kunde inte läsa {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path} är inte text i UTF-8: spara dokumentets text som UTF-8 och försök igen")]
    NotUtf8 { path: String },
    #[error("{path}: {source}")]
    Docx {
        path: String,
        source: crate::import::docx::DocxError,
    },
    #[error("{path}: {source}")]
    Import {
        path: String,
        source: crate::import::ImportError,
    },
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

/// Reads `file` and imports it. With `database: None` (a dry run) nothing is written.
pub fn import_file(
    file: &Path,
    hints: ImportHints,
    database: Option<(&Store, &Actor)>,
) -> Result<String, ImportCommandError> {
    let path = file.display().to_string();
    let bytes = std::fs::read(file).map_err(|source| ImportCommandError::Read {
        path: path.clone(),
        source,
    })?;
    // A DOCX is read itself (its table cells as cells); anything else must be UTF-8 text.
    let text = if crate::import::docx::looks_like_docx(&bytes) {
        crate::import::docx::docx_to_text(&bytes).map_err(|source| ImportCommandError::Docx {
            path: path.clone(),
            source,
        })?
    } else {
        String::from_utf8(bytes).map_err(|_| ImportCommandError::NotUtf8 { path: path.clone() })?
    };
    let hints = ImportHints {
        source_name: file
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default(),
        ..hints
    };
    let report = import_report(&text, &hints)
        .map_err(|source| ImportCommandError::Import { path, source })?;
    let mut out = summary(&report);
    match database {
        None => out.push_str("\nTorrkörning: ingenting sparades.\n"),
        Some((store, actor)) => {
            let plan = merged_with_stored(store, report.plan)?;
            store.apply(&Change::PutPlanYear(plan), actor)?;
            out.push_str("\nSparat.\n");
        }
    }
    Ok(out)
}

/// The imported document merged into what the database already holds for that year, so a
/// T1 joins its VP and importing the same document twice adds nothing.
fn merged_with_stored(store: &Store, imported: PlanYear) -> Result<PlanYear, ImportCommandError> {
    match store.plan_year(&imported.council.id, imported.year)? {
        Some(mut existing) => {
            merge_into(&mut existing, imported);
            Ok(existing)
        }
        None => Ok(imported),
    }
}

/// The counts and every warning with its line number.
pub fn summary(report: &ImportReport) -> String {
    let counts = report.counts();
    let plan = &report.plan;
    let period: Period = report.kind.period();
    let mut out = format!(
        "{} {} för {} ({} {}):\n  {} inriktningsmål, {} KF-mål, {} nämndmål\n  {} indikatorer, {} aktiviteter, {} med avvikelse\n",
        period.name(),
        plan.year,
        plan.council.name,
        period.label(),
        plan.year,
        counts.direction_goals,
        counts.area_goals,
        counts.committee_goals,
        counts.indicators,
        counts.activities,
        counts.deviations,
    );
    if report.warnings.is_empty() {
        out.push_str("  inga varningar\n");
    } else {
        out.push_str(&format!("  {} varningar:\n", report.warnings.len()));
        for warning in &report.warnings {
            out.push_str(&format!("  rad {}: {}\n", warning.line, warning.message));
        }
    }
    if !report.assumed_directions.is_empty() {
        out.push_str(&format!(
            "  {} indikatorer med antagen riktning (högre är bättre); ändra med r där lägre är bättre:\n",
            report.assumed_directions.len()
        ));
        for assumed in &report.assumed_directions {
            out.push_str(&format!("  rad {}: {}\n", assumed.line, assumed.message));
        }
    }
    out
}
