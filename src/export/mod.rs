//! Writers of stored data. The lossless JSON format (used by data/ and as the escape hatch
//! from the binary store) is `serde_json`'s pretty form of [`PlanYear`]: one object with
//! `council` (`id`, `name`), `year`, `documents` (`kind`, `source`, `summary`) and `goals`,
//! a nested tree in document order where each goal has `id`, `level`, `number`, `title`,
//! texts, `status` keyed by period label ("VP", "T1", "T2", "VB"), `indicators` (each with
//! `reports` keyed by period, values and targets as tagged enums keeping the raw cell text),
//! `activities` (ISO dates, `reports` per period) and `children`. Reading it back gives an
//! equal value.

pub mod manifest;
pub mod report;
pub mod sv_csv;
pub mod table;
pub mod xlsx;

use crate::domain::PlanYear;

/// Why a JSON text is not a plan year.
#[derive(Debug, thiserror::Error)]
#[error("ogiltig JSON för ett planår: {0}")]
pub struct JsonError(#[from] serde_json::Error);

/// The lossless, human-readable JSON of a plan year.
pub fn plan_to_json(plan: &PlanYear) -> String {
    // Serialising plain data with string map keys cannot fail; fall back to an empty object.
    serde_json::to_string_pretty(plan).unwrap_or_else(|_| "{}".to_owned())
}

/// Reads a plan year written by [`plan_to_json`].
pub fn plan_from_json(json: &str) -> Result<PlanYear, JsonError> {
    Ok(serde_json::from_str(json)?)
}
