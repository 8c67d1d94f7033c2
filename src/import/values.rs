//! `import values`: indicator values (utfall, män, kvinnor, prognos helår) from a CSV or
//! xlsx file, one row per council, year, period and indicator. This module reads the file
//! into checked [`ValueRow`]s: every bad row becomes a [`RowError`] with its line (the
//! spreadsheet's row number) and reason; nothing here touches the store.
//!
//! Columns are found by their heading (case and spaces ignored), so the file
//! `export csv` writes is read back as it is: `nämnd`, `år` (or a period such as `T1-2020`),
//! `period`, `indikator_id` or `indikator`, and any of `utfall`, `utfall_män` (`män`),
//! `utfall_kvinnor` (`kvinnor`), `prognos_helår` (`prognos`), with an optional `enhet`.
//! Numbers may be Swedish ("1 050,5", "0,56 %") or plain ("1050.5"); "Ny indikator 2020"
//! and "Inget utfall 2019" are read as those markers. An empty cell gives no value: it never
//! becomes 0 and never clears a stored value.

use std::path::Path;

use crate::domain::text::sanitize_line;
use crate::domain::{Period, Quantity, Value, YearPeriod, parse_quantity};

/// A bad row: where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// 1-based line of the CSV file, or row of the sheet; the header is line 1.
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "rad {}: {}", self.line, self.message)
    }
}

/// How a row names its indicator.
#[derive(Debug, Clone, PartialEq)]
pub enum IndicatorRef {
    /// Its id within the plan year (`indikator_id`).
    Id(u32),
    /// Its name, compared without case and extra spaces.
    Name(String),
}

/// The value fields a row may set; `None`: not given.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GivenValues {
    pub outcome: Option<Value>,
    pub outcome_men: Option<Value>,
    pub outcome_women: Option<Value>,
    pub forecast_full_year: Option<Value>,
}

/// One checked row; `None` from [`parse_rows`] for a row that names an indicator but gives
/// no value (as `export csv` writes for a period with targets only).
#[derive(Debug, Clone, PartialEq)]
pub struct ValueRow {
    pub line: usize,
    /// The council as written (id or name); resolved against the store later.
    pub council: String,
    pub year: u16,
    pub period: Period,
    pub indicator: IndicatorRef,
    pub values: GivenValues,
    /// Where the row's values came from, when that is not the file itself (Kolada).
    pub source: Option<String>,
}

/// The cells of a file as text, with their line numbers; the header first.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RawTable {
    pub header: Vec<String>,
    pub rows: Vec<(usize, Vec<String>)>,
}

/// Reads a CSV file: `;` when the header has one (Swedish Excel), else `,`; a BOM is skipped.
pub fn read_csv(bytes: &[u8]) -> Result<RawTable, RowError> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|error| RowError {
        line: 1 + bytes[..error.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count(),
        message: "filen är inte UTF-8 (spara den som «CSV UTF-8» i Excel)".to_owned(),
    })?;
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = if first_line.contains(';') { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut table = RawTable::default();
    for (index, record) in reader.records().enumerate() {
        let record = record.map_err(|error| RowError {
            line: error.position().map_or(index + 1, |p| {
                usize::try_from(p.line()).unwrap_or(index + 1)
            }),
            message: format!("raden går inte att läsa som CSV: {error}"),
        })?;
        let line = record.position().map_or(index + 1, |p| {
            usize::try_from(p.line()).unwrap_or(index + 1)
        });
        let cells: Vec<String> = record.iter().map(str::to_owned).collect();
        if index == 0 {
            table.header = cells;
        } else if cells.iter().any(|c| !c.trim().is_empty()) {
            table.rows.push((line, cells));
        }
    }
    Ok(table)
}

/// Reads the first sheet of an xlsx workbook; numbers come as plain numbers.
pub fn read_xlsx(path: &Path) -> Result<RawTable, RowError> {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let whole_file = |message: String| RowError { line: 1, message };
    let mut workbook: Xlsx<_> = open_workbook(path)
        .map_err(|error| whole_file(format!("ingen läsbar xlsx-fil: {error}")))?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or_else(|| whole_file("arbetsboken har inget blad".to_owned()))?
        .map_err(|error| whole_file(format!("första bladet går inte att läsa: {error}")))?;
    let first_row = range.start().map_or(0, |(row, _)| row as usize);
    let mut table = RawTable::default();
    for (index, row) in range.rows().enumerate() {
        let line = first_row + index + 1;
        let cells: Vec<String> = row
            .iter()
            .map(|cell| match cell {
                Data::Empty => String::new(),
                Data::String(text) => text.clone(),
                Data::Float(number) => format!("{number}"),
                Data::Int(number) => number.to_string(),
                Data::Bool(value) => value.to_string(),
                Data::DateTimeIso(text) | Data::DurationIso(text) => text.clone(),
                Data::DateTime(date) => format!("datum {date}"),
                Data::Error(error) => format!("#FEL {error}"),
            })
            .collect();
        if index == 0 {
            table.header = cells;
        } else if cells.iter().any(|c| !c.trim().is_empty()) {
            table.rows.push((line, cells));
        }
    }
    Ok(table)
}

/// A heading folded for comparison: lower case, spaces and dashes as `_`.
fn fold_heading(text: &str) -> String {
    text.trim()
        .trim_start_matches('\'')
        .to_lowercase()
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .collect()
}

/// Where each known column is.
#[derive(Debug, Default)]
struct Columns {
    council: Option<usize>,
    year: Option<usize>,
    period: Option<usize>,
    indicator_id: Option<usize>,
    indicator: Option<usize>,
    unit: Option<usize>,
    outcome: Option<usize>,
    outcome_men: Option<usize>,
    outcome_women: Option<usize>,
    forecast: Option<usize>,
}

impl Columns {
    fn find(header: &[String]) -> Result<Columns, RowError> {
        let mut columns = Columns::default();
        for (index, heading) in header.iter().enumerate() {
            let slot = match fold_heading(heading).as_str() {
                "nämnd" | "nämnd_id" | "namnd" => &mut columns.council,
                "år" | "ar" => &mut columns.year,
                "period" => &mut columns.period,
                "indikator_id" | "id" => &mut columns.indicator_id,
                "indikator" => &mut columns.indicator,
                "enhet" => &mut columns.unit,
                "utfall" | "periodens_utfall" => &mut columns.outcome,
                "utfall_män" | "män" | "utfall_män/pojkar" => &mut columns.outcome_men,
                "utfall_kvinnor" | "kvinnor" | "utfall_kvinnor/flickor" => {
                    &mut columns.outcome_women
                }
                "prognos_helår" | "prognos" => &mut columns.forecast,
                _ => continue,
            };
            slot.get_or_insert(index);
        }
        let missing = |what: &str| RowError {
            line: 1,
            message: format!("rubrikraden saknar kolumnen {what}"),
        };
        if columns.council.is_none() {
            return Err(missing("«nämnd»"));
        }
        if columns.period.is_none() {
            return Err(missing("«period»"));
        }
        if columns.indicator.is_none() && columns.indicator_id.is_none() {
            return Err(missing("«indikator» eller «indikator_id»"));
        }
        if [
            columns.outcome,
            columns.outcome_men,
            columns.outcome_women,
            columns.forecast,
        ]
        .iter()
        .all(Option::is_none)
        {
            return Err(missing(
                "för ett värde («utfall», «utfall_män», «utfall_kvinnor» eller «prognos_helår»)",
            ));
        }
        Ok(columns)
    }
}

/// Reads a number cell: a marker, a Swedish number (unit allowed), or a plain one with a
/// decimal point. `Ok(None)` for an empty cell.
pub fn parse_value(cell: &str, unit: Option<&str>) -> Result<Option<Value>, String> {
    // A leading ' is how `export csv` keeps a spreadsheet from reading text as a formula.
    let cell = cell.trim().trim_start_matches('\'').trim();
    if cell.is_empty() {
        return Ok(None);
    }
    if let marker @ (Value::NewIndicator(_) | Value::NoOutcome(_)) = Value::from_cell(cell) {
        return Ok(Some(marker));
    }
    let quantity = match parse_quantity(cell) {
        Ok(quantity) => quantity,
        Err(swedish) => match plain_number(cell) {
            Some(amount) => Quantity::new(amount, None),
            None => return Err(swedish.to_string()),
        },
    };
    if !quantity.amount.is_finite() {
        return Err(format!("«{cell}» är inget ändligt tal"));
    }
    let unit = quantity.unit.clone().or_else(|| {
        unit.map(str::trim)
            .filter(|u| !u.is_empty())
            .map(str::to_owned)
    });
    let decimals = decimals_of(cell);
    let quantity = Quantity {
        amount: quantity.amount,
        unit,
    };
    Ok(Some(Value::Number {
        raw: quantity.format_with_decimals(decimals),
        quantity,
    }))
}

/// "1050.5", "-0.25", "1e3" is not accepted: only digits, one point and a sign.
fn plain_number(cell: &str) -> Option<f64> {
    let body = cell.strip_prefix('-').unwrap_or(cell);
    let ok = !body.is_empty()
        && body.chars().all(|c| c.is_ascii_digit() || c == '.')
        && body.matches('.').count() <= 1
        && body.chars().any(|c| c.is_ascii_digit());
    ok.then(|| cell.parse().ok()).flatten()
}

/// How many decimals the cell was written with, so "0,50" stays "0,50".
fn decimals_of(cell: &str) -> usize {
    cell.split_once([',', '.']).map_or(0, |(_, fraction)| {
        fraction.chars().take_while(char::is_ascii_digit).count()
    })
}

/// A cell's text, sanitised, for messages.
fn shown(cell: &str) -> String {
    sanitize_line(cell.trim())
}

/// Checks every row; returns the good ones and an error for each bad one.
/// Rows without any value are left out (`export csv` writes them for targets-only periods).
pub fn parse_rows(table: &RawTable) -> Result<(Vec<ValueRow>, Vec<RowError>), RowError> {
    let columns = Columns::find(&table.header)?;
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for (line, cells) in &table.rows {
        match parse_row(&columns, *line, cells) {
            Ok(Some(row)) => rows.push(row),
            Ok(None) => {}
            Err(message) => errors.push(RowError {
                line: *line,
                message,
            }),
        }
    }
    Ok((rows, errors))
}

fn parse_row(columns: &Columns, line: usize, cells: &[String]) -> Result<Option<ValueRow>, String> {
    let cell = |index: Option<usize>| -> &str {
        index
            .and_then(|i| cells.get(i))
            .map_or("", |c| c.trim().trim_start_matches('\''))
    };
    let council = cell(columns.council).trim().to_owned();
    if council.is_empty() {
        return Err("nämnd saknas".to_owned());
    }
    let period_text = cell(columns.period);
    let (year, period) = match period_text.parse::<YearPeriod>() {
        Ok(at) => (Some(at.year), at.period),
        Err(_) => match period_text.parse::<Period>() {
            Ok(period) => (None, period),
            Err(_) => {
                return Err(format!(
                    "ogiltig period «{}»: skriv T1, T2, VB, VP, M1 … M12 eller T1-2020",
                    shown(period_text)
                ));
            }
        },
    };
    let year_text = cell(columns.year);
    let year = match (year, year_text.is_empty()) {
        (Some(year), true) => year,
        (given, false) => {
            let parsed = year_text
                .strip_suffix(".0")
                .unwrap_or(year_text)
                .parse::<u16>()
                .ok()
                .filter(|y| (1900..=2200).contains(y))
                .ok_or_else(|| format!("ogiltigt år «{}»", shown(year_text)))?;
            if given.is_some_and(|g| g != parsed) {
                return Err(format!(
                    "året {parsed} och perioden «{}» säger olika år",
                    shown(period_text)
                ));
            }
            parsed
        }
        (None, true) => return Err("år saknas (i kolumnen «år» eller som T1-2020)".to_owned()),
    };
    let id_text = cell(columns.indicator_id);
    let name_text = cell(columns.indicator);
    let indicator = if !id_text.is_empty() {
        IndicatorRef::Id(
            id_text
                .strip_suffix(".0")
                .unwrap_or(id_text)
                .parse()
                .map_err(|_| format!("ogiltigt indikator_id «{}»", shown(id_text)))?,
        )
    } else if !name_text.is_empty() {
        IndicatorRef::Name(name_text.split_whitespace().collect::<Vec<_>>().join(" "))
    } else {
        return Err("indikator saknas (namn eller indikator_id)".to_owned());
    };
    let unit = columns.unit.map(|_| cell(columns.unit));
    let value = |index: Option<usize>, label: &str| -> Result<Option<Value>, String> {
        parse_value(cell(index), unit).map_err(|reason| format!("{label}: {reason}"))
    };
    let values = GivenValues {
        outcome: value(columns.outcome, "utfall")?,
        outcome_men: value(columns.outcome_men, "utfall män")?,
        outcome_women: value(columns.outcome_women, "utfall kvinnor")?,
        forecast_full_year: value(columns.forecast, "prognos helår")?,
    };
    if values == GivenValues::default() {
        return Ok(None);
    }
    Ok(Some(ValueRow {
        line,
        council,
        year,
        period,
        indicator,
        values,
        source: None,
    }))
}

/// A value for messages: "0,6 %", "Ny indikator 2020", "(tomt)".
pub fn describe(value: &Value) -> String {
    match value {
        Value::Empty => "(tomt)".to_owned(),
        other => sanitize_line(&other.display()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_and_plain_numbers() {
        let number = |cell: &str, unit: Option<&str>| {
            parse_value(cell, unit)
                .ok()
                .flatten()
                .and_then(|v| v.quantity().cloned())
        };
        assert_eq!(number("1 050,5", None), Some(Quantity::new(1050.5, None)));
        assert_eq!(number("1050.5", None), Some(Quantity::new(1050.5, None)));
        assert_eq!(number("0,56 %", None), Some(Quantity::new(0.56, Some("%"))));
        assert_eq!(
            number("0,56", Some("%")),
            Some(Quantity::new(0.56, Some("%")))
        );
        assert_eq!(number("-2", None), Some(Quantity::new(-2.0, None)));
        assert_eq!(number("0", None), Some(Quantity::new(0.0, None)));
        assert_eq!(parse_value("", None), Ok(None));
        assert_eq!(parse_value("  ", Some("%")), Ok(None));
        assert!(parse_value("1,050.5", None).is_err());
        assert!(parse_value("abc", None).is_err());
        assert!(parse_value("1.2.3", None).is_err());
        assert_eq!(
            parse_value("Ny indikator 2020", None),
            Ok(Some(Value::NewIndicator(Some(2020))))
        );
    }
}
