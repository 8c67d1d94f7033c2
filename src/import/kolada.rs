//! `import kolada`: values in Kolada's API format — `{"values": [{"kpi", "municipality",
//! "period", "values": [{"gender": "T|K|M", "value", …}]}]}`, with the v3 spellings
//! (`kpi_id`, `municipality_id`, `ou`/`ou_id`) read too — mapped to our indicators by a
//! mapping file (TOML):
//!
//! ```toml
//! [councils]            # Kolada municipality or district (ou) id → council id or name
//! "0180" = "sodermalm"
//! [[indicators]]        # one per KPI
//! kpi = "N00000"
//! indicator = "Sjukfrånvaro"   # the indicator's name in the plan year
//! period = "VB"                # the period the year's value belongs to (default VB)
//! unit = "%"                   # optional
//! ```
//!
//! T → utfall, K → kvinnor, M → män. A `null` value is left out, never stored as 0. Each row
//! keeps its source ("Kolada N00000 2020 T, K, M"), which goes with the value into the audit
//! log. The rows are [`ValueRow`]s, checked and saved like `import values`; a row's "line" is
//! the line of its entry in the JSON file.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::values::{GivenValues, IndicatorRef, RowError, ValueRow, parse_value};
use crate::domain::Period;
use crate::domain::text::sanitize_line;

/// The mapping file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// Kolada municipality/ou id → council id or name.
    #[serde(default)]
    pub councils: BTreeMap<String, String>,
    #[serde(default)]
    pub indicators: Vec<KpiMapping>,
}

/// One KPI → one indicator series.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KpiMapping {
    pub kpi: String,
    /// The indicator's name in the plan year.
    pub indicator: String,
    /// "VB" (default), "T1", "T2", …
    #[serde(default)]
    pub period: Option<String>,
    #[serde(default)]
    pub unit: Option<String>,
}

#[derive(Debug, Deserialize)]
struct KoladaFile {
    values: Vec<KoladaEntry>,
}

#[derive(Debug, Deserialize)]
struct KoladaEntry {
    #[serde(alias = "kpi_id")]
    kpi: String,
    #[serde(alias = "municipality_id", alias = "ou", alias = "ou_id")]
    municipality: String,
    period: serde_json::Value,
    values: Vec<KoladaValue>,
}

#[derive(Debug, Deserialize)]
struct KoladaValue {
    gender: String,
    #[serde(default)]
    value: Option<f64>,
}

/// Reads the mapping file; errors name the line.
pub fn read_mapping(text: &str) -> Result<Mapping, RowError> {
    toml::from_str(text).map_err(|error| RowError {
        line: error.span().map_or(1, |span| {
            1 + text[..span.start.min(text.len())].matches('\n').count()
        }),
        message: format!("mappningsfilen: {}", error.message()),
    })
}

/// The line of each entry: where its `"kpi"` (or `"kpi_id"`) key stands, one per entry;
/// the entry's number when the keys cannot be matched up.
fn entry_lines(text: &str, count: usize) -> Vec<usize> {
    let lines: Vec<usize> = regex::Regex::new(r#""kpi(?:_id)?"\s*:"#)
        .map(|key| {
            key.find_iter(text)
                .map(|found| 1 + text[..found.start()].matches('\n').count())
                .collect()
        })
        .unwrap_or_default();
    if lines.len() == count {
        lines
    } else {
        (1..=count).collect()
    }
}

/// Reads a Kolada file with the mapping into rows for [`crate::commands::import_values`]:
/// (entries, good rows, bad rows).
pub fn read(
    text: &str,
    mapping: &Mapping,
) -> Result<(usize, Vec<ValueRow>, Vec<RowError>), RowError> {
    let file: KoladaFile = serde_json::from_str(text).map_err(|error| RowError {
        line: error.line(),
        message: format!("ingen Kolada-fil: {error}"),
    })?;
    let lines = entry_lines(text, file.values.len());
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for (entry, line) in file.values.iter().zip(lines) {
        match row(entry, mapping, line) {
            Ok(Some(row)) => rows.push(row),
            Ok(None) => {}
            Err(message) => errors.push(RowError { line, message }),
        }
    }
    Ok((file.values.len(), rows, errors))
}

fn row(entry: &KoladaEntry, mapping: &Mapping, line: usize) -> Result<Option<ValueRow>, String> {
    let kpi = sanitize_line(&entry.kpi);
    let target = mapping
        .indicators
        .iter()
        .find(|m| m.kpi == entry.kpi)
        .ok_or_else(|| format!("KPI {kpi} finns inte i mappningsfilen"))?;
    let council = mapping.councils.get(&entry.municipality).ok_or_else(|| {
        format!(
            "kommun/enhet {} finns inte i mappningsfilens [councils]",
            sanitize_line(&entry.municipality)
        )
    })?;
    let year = match &entry.period {
        serde_json::Value::Number(n) => n.as_u64(),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
    .and_then(|y| u16::try_from(y).ok())
    .filter(|y| (1900..=2200).contains(y))
    .ok_or_else(|| format!("ogiltig period {} (ett år väntas)", entry.period))?;
    let period = match &target.period {
        Some(text) => text.parse::<Period>().map_err(|_| {
            format!(
                "mappningen för {kpi} har ogiltig period «{}»",
                sanitize_line(text)
            )
        })?,
        None => Period::AnnualReport,
    };
    let mut values = GivenValues::default();
    let mut genders = Vec::new();
    for value in &entry.values {
        let slot = match value.gender.as_str() {
            "T" => &mut values.outcome,
            "K" => &mut values.outcome_women,
            "M" => &mut values.outcome_men,
            other => {
                return Err(format!(
                    "okänt kön «{}» (T, K eller M väntas)",
                    sanitize_line(other)
                ));
            }
        };
        // null: Kolada has no value; it is left out, never stored as 0.
        let Some(amount) = value.value else { continue };
        if slot.is_some() {
            return Err(format!("kön {} förekommer två gånger", value.gender));
        }
        *slot = parse_value(&format!("{amount}"), target.unit.as_deref())?;
        genders.push(value.gender.clone());
    }
    if genders.is_empty() {
        return Ok(None);
    }
    Ok(Some(ValueRow {
        line,
        council: council.clone(),
        year,
        period,
        indicator: IndicatorRef::Name(target.indicator.clone()),
        values,
        source: Some(format!("Kolada {kpi} {year} {}", genders.join(", "))),
    }))
}
