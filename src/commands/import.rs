//! `malkoll import report FILE`: reads a plan or report text into the database, merging it
//! into the council-year it belongs to, as one change (all or nothing).
//!
//! Bounds: only a regular file of at most [`MAX_IMPORT_BYTES`] is read, and only years
//! [`MIN_YEAR`]..=[`MAX_YEAR`] are stored. A re-import keeps what is stored where it differs
//! from the document unless `--overwrite` is given, lists every such conflict with the line
//! of the document it comes from and stores the list in the audit entry; a re-import that
//! changes nothing writes nothing. A backup of the database is taken before every import
//! that writes.

use std::io::Read;
use std::path::Path;

use crate::commands::progress::Progress;
use crate::domain::{Period, PlanYear};
use crate::import::{
    ImportHints, ImportReport, MergeConflict, MergePolicy, import_report, merge_with_policy,
};
use crate::store::{Actor, Change, Store};

/// The largest file `import report` reads: a year's VB as text is about 1 MB.
pub const MAX_IMPORT_BYTES: u64 = 20 * 1024 * 1024;
/// The first plan year stored.
pub const MIN_YEAR: u16 = 2000;
/// The last plan year stored.
pub const MAX_YEAR: u16 = 2100;

/// How an import treats what is already stored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// `--overwrite`: the document replaces stored entries that differ.
    pub overwrite: bool,
}

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
    #[error(
        "{path} är ingen vanlig fil (utan t.ex. en katalog, enhet eller rörledning): spara dokumentets text i en fil och ange den"
    )]
    NotAFile { path: String },
    #[error(
        "{path} är större än {} MB och läses inte in: en verksamhetsberättelse som text är omkring 1 MB. Kontrollera att det är rätt fil",
        MAX_IMPORT_BYTES / (1024 * 1024)
    )]
    TooLarge { path: String },
    #[error(
        "{path}: året {year} ligger utanför {MIN_YEAR}–{MAX_YEAR} och läses inte in; ange rätt år med --year"
    )]
    YearOutOfRange { path: String, year: u16 },
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

/// Reads `file` and imports it, keeping stored entries that differ from the document. With
/// `database: None` (a dry run) nothing is written.
pub fn import_file(
    file: &Path,
    hints: ImportHints,
    database: Option<(&Store, &Actor)>,
) -> Result<String, ImportCommandError> {
    import_file_with(file, hints, database, ImportOptions::default())
}

/// Reads a regular file of at most [`MAX_IMPORT_BYTES`].
fn read_bounded(file: &Path, path: &str) -> Result<Vec<u8>, ImportCommandError> {
    let read_error = |source| ImportCommandError::Read {
        path: path.to_owned(),
        source,
    };
    let opened = std::fs::File::open(file).map_err(read_error)?;
    let meta = opened.metadata().map_err(read_error)?;
    if !meta.is_file() {
        return Err(ImportCommandError::NotAFile {
            path: path.to_owned(),
        });
    }
    if meta.len() > MAX_IMPORT_BYTES {
        return Err(ImportCommandError::TooLarge {
            path: path.to_owned(),
        });
    }
    let mut bytes = Vec::new();
    // The size may change while reading; the limit holds regardless.
    opened
        .take(MAX_IMPORT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(read_error)?;
    if bytes.len() as u64 > MAX_IMPORT_BYTES {
        return Err(ImportCommandError::TooLarge {
            path: path.to_owned(),
        });
    }
    Ok(bytes)
}

/// A document read and parsed, not yet merged with anything stored.
pub struct ReadDocument {
    /// The text the importer read (a DOCX's text as its tables give it).
    pub text: String,
    pub report: ImportReport,
}

/// Reads `file` (a regular file of at most [`MAX_IMPORT_BYTES`]; DOCX or UTF-8 text) and
/// parses it; the year must be a sane one.
pub fn read_document(file: &Path, hints: ImportHints) -> Result<ReadDocument, ImportCommandError> {
    let path = file.display().to_string();
    let bytes = read_bounded(file, &path)?;
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
    let report = import_report(&text, &hints).map_err(|source| ImportCommandError::Import {
        path: path.clone(),
        source,
    })?;
    if !(MIN_YEAR..=MAX_YEAR).contains(&report.plan.year) {
        return Err(ImportCommandError::YearOutOfRange {
            path,
            year: report.plan.year,
        });
    }
    Ok(ReadDocument { text, report })
}

/// A document merged with what is stored.
pub struct Merged {
    pub plan: PlanYear,
    /// Each stored entry the document differs from, with its line (kept or replaced by
    /// `--overwrite`): printed, and kept with the audit entry.
    pub notes: Vec<String>,
    /// False when the merged plan equals the stored one: nothing is written then.
    pub changes_anything: bool,
}

/// `document` merged into `stored` (the year as the database has it, if at all), so a T1
/// joins its VP and importing the same document twice adds nothing.
pub fn merge_document(
    document: ReadDocument,
    stored: Option<PlanYear>,
    options: ImportOptions,
) -> Merged {
    let policy = if options.overwrite {
        MergePolicy::Overwrite
    } else {
        MergePolicy::KeepStored
    };
    match stored {
        Some(existing) => {
            let mut plan = existing.clone();
            let conflicts = merge_with_policy(&mut plan, document.report.plan, policy);
            Merged {
                changes_anything: plan != existing,
                plan,
                notes: conflicts
                    .iter()
                    .map(|conflict| conflict_line(&document.text, conflict))
                    .collect(),
            }
        }
        None => Merged {
            plan: document.report.plan,
            notes: Vec::new(),
            changes_anything: true,
        },
    }
}

/// The lines that tell what a merge kept or replaced, and whether anything is new.
pub fn merged_text(merged: &Merged) -> String {
    let mut out = String::new();
    if !merged.notes.is_empty() {
        out.push_str(&format!(
            "\n{} skillnader mot det som redan är sparat:\n",
            merged.notes.len()
        ));
        for note in &merged.notes {
            out.push_str(&format!("  {note}\n"));
        }
    }
    if !merged.changes_anything {
        out.push_str("\nInget nytt: databasen har redan detta; ingenting sparades.\n");
    }
    out
}

/// As [`import_file`], with `options` (`--overwrite`).
pub fn import_file_with(
    file: &Path,
    hints: ImportHints,
    database: Option<(&Store, &Actor)>,
    options: ImportOptions,
) -> Result<String, ImportCommandError> {
    let progress = Progress::on_terminal();
    progress.show(&format!(
        "Läser {}…",
        crate::domain::text::sanitize_line(&file.display().to_string())
    ));
    let document = read_document(file, hints)?;
    progress.clear();
    let mut out = summary(&document.report);
    let Some((store, actor)) = database else {
        out.push_str("\nTorrkörning: ingenting sparades.\n");
        return Ok(out);
    };
    // A database that cannot be fully read, or a disk without room: refused before merging,
    // whether or not this document would change anything.
    store.check_writable()?;
    let plan = &document.report.plan;
    progress.show("Jämför med det sparade…");
    let stored = store.plan_year(&plan.council.id, plan.year)?;
    let merged = merge_document(document, stored, options);
    out.push_str(&merged_text(&merged));
    if !merged.changes_anything {
        return Ok(out);
    }
    // A failed backup is said, not hidden; the import itself still goes ahead.
    progress.show("Säkerhetskopierar databasen…");
    if let Err(error) = store.backup("import") {
        out.push_str(&format!(
            "\nVarning: ingen säkerhetskopia före inläsningen: {error}\n"
        ));
    }
    progress.show("Sparar…");
    store.apply_noted(&Change::PutPlanYear(merged.plan), actor, merged.notes)?;
    progress.clear();
    out.push_str("\nSparat.\n");
    Ok(out)
}

/// A conflict with the line of the document its node is first named on. A long name wraps
/// in the document, so a shorter start of it is tried when the whole is not on one line.
fn conflict_line(text: &str, conflict: &MergeConflict) -> String {
    let wanted = crate::domain::text::collapse_whitespace(&conflict.name).to_lowercase();
    let lines: Vec<String> = text
        .lines()
        .map(|line| crate::domain::text::collapse_whitespace(line).to_lowercase())
        .collect();
    let line = [usize::MAX, 40, 20].into_iter().find_map(|chars| {
        let start: String = wanted.chars().take(chars).collect();
        if start.chars().count() < 8.min(wanted.chars().count()) || start.is_empty() {
            return None;
        }
        lines.iter().position(|line| line.contains(&start))
    });
    match line {
        Some(index) => format!("rad {}: {conflict}", index + 1),
        None => format!("(rad okänd): {conflict}"),
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
