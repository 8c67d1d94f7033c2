//! `malkoll history QUERY|ID`: one indicator series in one council over every period and
//! year, as text, JSON or CSV. The indicator is found like the finder finds it (the best
//! indicator hit for QUERY) or named by its ID, `<council>/<year>/<node>`; its series includes
//! the drifted names the alias list and the user's links join to it.

use serde::Serialize;

use crate::domain::Council;
use crate::search::history::{HistoryRow, IndicatorHistory, RowSources, history};
use crate::search::{SeriesAliases, fold, names};
use crate::store::{Store, StoreError};

/// How the history is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HistoryFormat {
    #[default]
    Text,
    Json,
    Csv,
}

/// Why no history was printed.
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("ingen indikator matchar «{0}»")]
    NoIndicator(String),
    #[error("ingen nämnd matchar «{0}»")]
    UnknownCouncil(String),
    #[error("{council} har ingen indikator i serien «{series}»")]
    NotInCouncil { council: String, series: String },
    #[error("kunde inte skriva: {0}")]
    Write(String),
}

/// The indicator a query or ID names: (council slug, name).
fn resolve(store: &Store, query: &str) -> Result<(String, String), HistoryError> {
    if let Some((council, year, node)) = parse_id(query)
        && let Some(plan) = store.plan_year(council, year)?
        && let Some((_, indicator)) = plan.indicators().find(|(_, i)| i.id == node)
    {
        return Ok((council.to_owned(), indicator.name.clone()));
    }
    let name_list = match names::read(store.path()).ok().flatten() {
        Some(text) => text,
        None => store.rebuild_name_list()?,
    };
    let index = names::index_of(&name_list);
    let hits = index.query(&format!("i: {query}"), 1);
    let entry = hits
        .first()
        .and_then(|hit| hit.entries.first())
        .ok_or_else(|| HistoryError::NoIndicator(query.to_owned()))?;
    Ok((entry.council.id.clone(), entry.text.to_string()))
}

/// `<council>/<year>/<node>`.
fn parse_id(text: &str) -> Option<(&str, u16, u32)> {
    let mut parts = text.split('/');
    let council = parts.next()?;
    let year = parts.next()?.parse().ok()?;
    let node = parts.next()?.parse().ok()?;
    parts.next().is_none().then_some((council, year, node))
}

/// The council `wanted` names: its slug, or the start of its slug or name (case and
/// diacritics ignored), else a part of its name.
pub fn find_council(councils: &[Council], wanted: &str) -> Option<Council> {
    let wanted = fold(wanted.trim());
    let exact = councils.iter().find(|c| fold(&c.id) == wanted);
    let prefix = || {
        councils
            .iter()
            .find(|c| fold(&c.id).starts_with(&wanted) || fold(&c.name).starts_with(&wanted))
    };
    let part = || councils.iter().find(|c| fold(&c.name).contains(&wanted));
    exact.or_else(prefix).or_else(part).cloned()
}

/// The history `query` asks for, in `council` (else where the indicator was found).
pub fn lookup(
    store: &Store,
    query: &str,
    council: Option<&str>,
) -> Result<IndicatorHistory, HistoryError> {
    let (found_in, name) = resolve(store, query)?;
    let council_id = match council {
        Some(wanted) => {
            find_council(&store.councils()?, wanted)
                .ok_or_else(|| HistoryError::UnknownCouncil(wanted.to_owned()))?
                .id
        }
        None => found_in,
    };
    let aliases: SeriesAliases = store.series_aliases()?;
    let series = aliases.key(&name);
    let mut plans = Vec::new();
    let mut sources = RowSources::new();
    for year in store.years(&council_id)? {
        if let Some(plan) = store.plan_year(&council_id, year)? {
            for ((node, period), source) in store.value_sources(&plan)? {
                sources.insert((year, node, period), source);
            }
            plans.push(plan);
        }
    }
    let mut found = history(&plans, &council_id, &series, &aliases)
        .filter(|history| !history.rows.is_empty())
        .ok_or(HistoryError::NotInCouncil {
            council: council_id,
            series: name,
        })?;
    found.attach_sources(&sources);
    Ok(found)
}

/// The history printed in `format`.
pub fn render(history: &IndicatorHistory, format: HistoryFormat) -> Result<String, HistoryError> {
    match format {
        HistoryFormat::Text => Ok(text(history)),
        HistoryFormat::Json => serde_json::to_string_pretty(&JsonHistory::of(history))
            .map(|json| json + "\n")
            .map_err(|e| HistoryError::Write(e.to_string())),
        HistoryFormat::Csv => csv(history),
    }
}

/// The cells of one row as shown: år, period, utfall, män, kvinnor, prognos, årsmål, status.
pub fn row_cells(row: &HistoryRow) -> [String; 8] {
    [
        row.year.to_string(),
        row.period.label(),
        row.outcome.display(),
        row.outcome_men.display(),
        row.outcome_women.display(),
        row.forecast.display(),
        row.annual_target.display(),
        row.status.label().to_owned(),
    ]
}

/// Column headings, Swedish.
pub const HEADINGS: [&str; 8] = [
    "År", "Period", "Utfall", "Män", "Kvinnor", "Prognos", "Årsmål", "Status",
];

fn text(history: &IndicatorHistory) -> String {
    let clean = crate::domain::text::sanitize_line;
    let mut out = format!("{}\n", clean(&history.council.name));
    for name in history.names() {
        out.push_str(&format!("  {}\n", clean(name)));
    }
    out.push('\n');
    let rows: Vec<[String; 8]> = history
        .rows
        .iter()
        .map(|row| row_cells(row).map(|cell| clean(&cell)))
        .collect();
    let mut widths = HEADINGS.map(|h| h.chars().count());
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut line = |cells: &[String]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(widths)
            .map(|(cell, width)| format!("{cell:<width$}"))
            .collect();
        out.push_str(padded.join("  ").trim_end());
        out.push('\n');
    };
    line(&HEADINGS.map(str::to_owned));
    for row in &rows {
        line(row);
    }
    // Where imported values came from, below the table (it would widen every row).
    for row in history.rows.iter().filter(|row| row.source.is_some()) {
        out.push_str(&format!(
            "Källa {} {}: {}\n",
            row.period.label(),
            row.year,
            clean(row.source.as_deref().unwrap_or_default())
        ));
    }
    out
}

/// The CSV header: numbers without unit, the unit in its own column.
pub const CSV_HEADER: [&str; 12] = [
    "nämnd",
    "indikator",
    "år",
    "period",
    "enhet",
    "utfall",
    "utfall_män",
    "utfall_kvinnor",
    "prognos_helår",
    "årsmål",
    "status",
    "källa",
];

/// The history as CSV for Swedish Excel ([`crate::export::sv_csv`]).
fn csv(history: &IndicatorHistory) -> Result<String, HistoryError> {
    use crate::export::sv_csv::{self, Cell, target_cell, value_cell};
    let rows: Vec<Vec<Cell>> = history
        .rows
        .iter()
        .map(|row| {
            let values = [
                value_cell(&row.outcome),
                value_cell(&row.outcome_men),
                value_cell(&row.outcome_women),
                value_cell(&row.forecast),
                target_cell(&row.annual_target),
            ];
            let unit = values
                .iter()
                .find_map(|(_, unit)| unit.clone())
                .or_else(|| row.unit.clone());
            let mut cells = vec![
                Cell::text(history.council.id.clone()),
                Cell::text(row.name.clone()),
                Cell::Number(f64::from(row.year)),
                Cell::text(row.period.label()),
                unit.map_or(Cell::Empty, Cell::Text),
            ];
            cells.extend(values.into_iter().map(|(cell, _)| cell));
            cells.push(Cell::text(row.status.label()));
            cells.push(row.source.clone().map_or(Cell::Empty, Cell::Text));
            cells
        })
        .collect();
    Ok(sv_csv::write(&CSV_HEADER, &rows))
}

#[derive(Serialize)]
struct JsonHistory<'a> {
    council: &'a str,
    council_name: &'a str,
    series: &'a str,
    names: Vec<&'a str>,
    rows: Vec<JsonRow<'a>>,
}

#[derive(Serialize)]
struct JsonRow<'a> {
    year: u16,
    period: String,
    name: &'a str,
    node: u32,
    outcome: String,
    outcome_number: Option<f64>,
    outcome_men: String,
    outcome_women: String,
    forecast: String,
    annual_target: String,
    annual_target_number: Option<f64>,
    status: &'static str,
    /// Where imported values came from; `null` when typed or read from a document.
    source: Option<&'a str>,
}

impl<'a> JsonHistory<'a> {
    fn of(history: &'a IndicatorHistory) -> Self {
        JsonHistory {
            council: &history.council.id,
            council_name: &history.council.name,
            series: history.series.as_str(),
            names: history.names(),
            rows: history
                .rows
                .iter()
                .map(|row| JsonRow {
                    year: row.year,
                    period: row.period.label(),
                    name: &row.name,
                    node: row.node,
                    outcome: row.outcome.display(),
                    outcome_number: row.outcome_number(),
                    outcome_men: row.outcome_men.display(),
                    outcome_women: row.outcome_women.display(),
                    forecast: row.forecast.display(),
                    annual_target: row.annual_target.display(),
                    annual_target_number: row.target_number(),
                    status: row.status.label(),
                    source: row.source.as_deref(),
                })
                .collect(),
        }
    }
}
