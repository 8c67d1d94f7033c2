//! `malkoll import values FILE.csv|FILE.xlsx`: checks every row of the file
//! ([`crate::import::values`]) against the store — council, year, period, indicator, no
//! row twice — and saves the new values as ONE audited change
//! ([`Change::SetIndicatorValues`]). Nothing is written unless every row is valid (or, with
//! `--skip-bad`, the valid ones, listing the rest). A stored value that the file would
//! change is never replaced silently: such rows are refused unless `--overwrite` is given,
//! and each replacement is listed.

use std::collections::HashMap;
use std::path::Path;

use crate::commands::progress::Progress;
use crate::domain::{Council, IndicatorReport, PlanYear, Value};
use crate::import::values::{
    GivenValues, IndicatorRef, RowError, ValueRow, describe, parse_rows, read_csv, read_xlsx,
};
use crate::store::{Actor, Change, IndicatorValues, Store, StoreError};

use super::select::find_council;

/// What the user asked for besides the file.
#[derive(Debug, Clone, Copy, Default)]
pub struct ImportOptions {
    /// Check and report; write nothing.
    pub dry_run: bool,
    /// Save the valid rows and list the rest, instead of refusing the whole file.
    pub skip_bad: bool,
    /// Replace stored values that differ from the file's.
    pub overwrite: bool,
}

/// Why nothing (or not everything) was imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportValuesError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("kunde inte läsa {path}: {message}")]
    Read { path: String, message: String },
    #[error("{0}")]
    File(RowError),
    /// Bad rows; the text lists each with its line. Nothing was written.
    #[error("{0}")]
    Rejected(String),
}

impl ImportValuesError {
    /// Whether the file, not the database, is at fault (exit code 2).
    pub fn is_bad_input(&self) -> bool {
        !matches!(self, ImportValuesError::Store(_))
    }
}

/// Normalises a name for comparison: lower case, single spaces.
fn fold(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether a new value says the same as the stored one: the same number (the file's unit
/// column is one per row, so a unit alone is no change), or the same marker.
fn same_value(stored: &Value, new: &Value) -> bool {
    match (stored, new) {
        (Value::Number { quantity: a, .. }, Value::Number { quantity: b, .. }) => {
            a.amount == b.amount
        }
        _ => stored == new,
    }
}

/// One row resolved against the store, with what it changes.
struct Resolved {
    item: IndicatorValues,
    new_values: usize,
    replaced: Vec<String>,
}

/// Everything loaded while resolving rows, so each council and year is read once.
struct Lookup<'a> {
    store: &'a Store,
    councils: HashMap<String, Option<Council>>,
    plans: HashMap<(String, u16), Option<PlanYear>>,
}

impl Lookup<'_> {
    fn council(&mut self, given: &str) -> Result<Option<Council>, StoreError> {
        if let Some(found) = self.councils.get(given) {
            return Ok(found.clone());
        }
        let found = match find_council(self.store, given) {
            Ok(council) => Some(council),
            Err(super::select::SelectError::Store(error)) => return Err(error),
            Err(_) => None,
        };
        self.councils.insert(given.to_owned(), found.clone());
        Ok(found)
    }

    fn plan(&mut self, council: &str, year: u16) -> Result<Option<&PlanYear>, StoreError> {
        let key = (council.to_owned(), year);
        if !self.plans.contains_key(&key) {
            let plan = self.store.plan_year(council, year)?;
            self.plans.insert(key.clone(), plan);
        }
        Ok(self.plans.get(&key).and_then(Option::as_ref))
    }
}

/// Resolves one row: `Err` is the reason the row is bad.
fn resolve(lookup: &mut Lookup, row: &ValueRow) -> Result<Result<Resolved, String>, StoreError> {
    let Some(council) = lookup.council(&row.council)? else {
        return Ok(Err(format!(
            "okänd nämnd «{}»",
            crate::domain::text::sanitize_line(&row.council)
        )));
    };
    let Some(plan) = lookup.plan(&council.id, row.year)? else {
        return Ok(Err(format!(
            "{} har inget år {} i databasen",
            council.name, row.year
        )));
    };
    if !plan.periods().contains(&row.period) {
        return Ok(Err(format!(
            "{} {} har ingen rapport för {} (läs in rapporten först)",
            council.name,
            row.year,
            row.period.label()
        )));
    }
    let indicator = match &row.indicator {
        IndicatorRef::Id(id) => match plan.indicators().find(|(_, i)| i.id == *id) {
            Some((_, indicator)) => indicator,
            None => {
                return Ok(Err(format!(
                    "{} {} har ingen indikator med id {id}",
                    council.name, row.year
                )));
            }
        },
        IndicatorRef::Name(name) => {
            let wanted = fold(name);
            let found: Vec<_> = plan
                .indicators()
                .filter(|(_, i)| fold(&i.name) == wanted)
                .map(|(_, i)| i)
                .collect();
            match found.as_slice() {
                [one] => *one,
                [] => {
                    return Ok(Err(format!(
                        "ingen indikator «{}» i {} {}",
                        crate::domain::text::sanitize_line(name),
                        council.name,
                        row.year
                    )));
                }
                several => {
                    return Ok(Err(format!(
                        "flera indikatorer heter «{}» (id {}): ange indikator_id",
                        crate::domain::text::sanitize_line(name),
                        several
                            .iter()
                            .map(|i| i.id.to_string())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )));
                }
            }
        }
    };
    let mut report: IndicatorReport = indicator.stored_report(row.period);
    let mut new_values = 0;
    let mut replaced = Vec::new();
    let GivenValues {
        outcome,
        outcome_men,
        outcome_women,
        forecast_full_year,
    } = &row.values;
    let fields: [(&str, &Option<Value>, &mut Value); 4] = [
        ("utfall", outcome, &mut report.outcome),
        ("utfall män", outcome_men, &mut report.outcome_men),
        ("utfall kvinnor", outcome_women, &mut report.outcome_women),
        (
            "prognos helår",
            forecast_full_year,
            &mut report.forecast_full_year,
        ),
    ];
    for (label, given, stored) in fields {
        let Some(new) = given else { continue };
        if same_value(stored, new) {
            continue;
        }
        if !stored.is_empty() {
            replaced.push(format!(
                "«{}» {} {} {label}: {} → {}",
                crate::domain::text::sanitize_line(&indicator.name),
                row.period.label(),
                row.year,
                describe(stored),
                describe(new)
            ));
        }
        new_values += 1;
        *stored = new.clone();
    }
    Ok(Ok(Resolved {
        item: IndicatorValues {
            council: council.id.clone(),
            year: row.year,
            indicator: indicator.id,
            period: row.period,
            report,
            source: row.source.clone(),
        },
        new_values,
        replaced,
    }))
}

/// Reads the file as xlsx (by its extension) or CSV.
fn read_table(path: &Path) -> Result<crate::import::values::RawTable, ImportValuesError> {
    let is_xlsx = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if is_xlsx {
        return read_xlsx(path).map_err(ImportValuesError::File);
    }
    let bytes = std::fs::read(path).map_err(|error| ImportValuesError::Read {
        path: path.display().to_string(),
        message: error.to_string(),
    })?;
    read_csv(&bytes).map_err(ImportValuesError::File)
}

/// Runs the import; returns the report to print.
pub fn run(
    store: &Store,
    path: &Path,
    options: ImportOptions,
    actor: &Actor,
) -> Result<String, ImportValuesError> {
    let progress = Progress::on_terminal();
    progress.show(&format!(
        "Läser {}…",
        crate::domain::text::sanitize_line(&path.display().to_string())
    ));
    let table = read_table(path)?;
    let (rows, errors) = parse_rows(&table).map_err(ImportValuesError::File)?;
    drop(progress);
    apply_rows(
        store,
        path,
        (table.rows.len(), rows, errors),
        options,
        actor,
    )
}

/// Checks read rows against the store and saves them as one change: the part `import
/// values` and `import kolada` share. `read` is (rows in the file, good rows, bad rows).
pub fn apply_rows(
    store: &Store,
    path: &Path,
    (total, rows, mut errors): (usize, Vec<ValueRow>, Vec<RowError>),
    options: ImportOptions,
    actor: &Actor,
) -> Result<String, ImportValuesError> {
    let parse_errors = errors.len();
    let mut lookup = Lookup {
        store,
        councils: HashMap::new(),
        plans: HashMap::new(),
    };
    let mut seen: HashMap<(String, u16, u32, u8), usize> = HashMap::new();
    let mut accepted = Vec::new();
    let mut replacements = Vec::new();
    let progress = Progress::on_terminal();
    for (done, row) in rows.iter().enumerate() {
        progress.step("Kontrollerar rad", done + 1, rows.len());
        let resolved = match resolve(&mut lookup, row)? {
            Ok(resolved) => resolved,
            Err(message) => {
                errors.push(RowError {
                    line: row.line,
                    message,
                });
                continue;
            }
        };
        let key = (
            resolved.item.council.clone(),
            resolved.item.year,
            resolved.item.indicator,
            resolved.item.period.ordinal(),
        );
        if let Some(first) = seen.insert(key, row.line) {
            errors.push(RowError {
                line: row.line,
                message: format!("samma indikator och period som rad {first}"),
            });
            continue;
        }
        if !resolved.replaced.is_empty() && !options.overwrite {
            errors.push(RowError {
                line: row.line,
                message: format!(
                    "skulle ersätta sparade värden ({}); ange --overwrite för att ersätta dem",
                    resolved.replaced.join("; ")
                ),
            });
            continue;
        }
        replacements.extend(
            resolved
                .replaced
                .iter()
                .map(|text| format!("rad {}: {text}", row.line)),
        );
        accepted.push(resolved);
    }
    errors.sort_by_key(|e| e.line);
    let error_list: String = errors.iter().map(|e| format!("  {e}\n")).collect();
    if !errors.is_empty() && !options.skip_bad {
        return Err(ImportValuesError::Rejected(format!(
            "{} av {} rader är felaktiga; inget sparades (--skip-bad sparar de giltiga):\n{error_list}",
            errors.len(),
            total
        )));
    }
    let sourced: Vec<String> = accepted
        .iter()
        .filter(|r| r.new_values > 0)
        .filter_map(|r| {
            let source = r.item.source.as_deref()?;
            let name = lookup
                .plans
                .get(&(r.item.council.clone(), r.item.year))
                .and_then(Option::as_ref)
                .and_then(|plan| plan.indicators().find(|(_, i)| i.id == r.item.indicator))
                .map(|(_, i)| crate::domain::text::sanitize_line(&i.name))
                .unwrap_or_default();
            Some(format!(
                "  «{name}» {} {}: {}\n",
                r.item.period.label(),
                r.item.year,
                crate::domain::text::sanitize_line(source)
            ))
        })
        .collect();
    let new_values: usize = accepted.iter().map(|r| r.new_values).sum();
    let items: Vec<IndicatorValues> = accepted
        .into_iter()
        .filter(|r| r.new_values > 0)
        .map(|r| r.item)
        .collect();
    let mut out = format!(
        "{} rader lästa: {} med värden, {} utan värden, {} felaktiga; {new_values} värden nya \
         eller ändrade på {} indikatorer\n",
        total,
        rows.len() + parse_errors,
        total.saturating_sub(rows.len() + parse_errors),
        errors.len(),
        items.len()
    );
    if !sourced.is_empty() {
        out.push_str("Källor:\n");
        out.extend(sourced);
    }
    if !replacements.is_empty() {
        out.push_str("Ersätter sparade värden:\n");
        for line in &replacements {
            out.push_str(&format!("  {line}\n"));
        }
    }
    if !errors.is_empty() {
        out.push_str("Hoppade över:\n");
        out.push_str(&error_list);
    }
    if options.dry_run {
        out.push_str("Provkörning: inget sparades.\n");
    } else if items.is_empty() {
        out.push_str("Inget nytt att spara.\n");
    } else {
        let source = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        progress.show(&format!("Sparar {} indikatorers värden…", items.len()));
        let entry = store.apply(&Change::SetIndicatorValues { source, items }, actor)?;
        out.push_str(&format!(
            "Sparat som en ändring (logg nr {}); ångras som en.\n",
            entry.seq
        ));
    }
    Ok(out)
}
