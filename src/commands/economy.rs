//! `malkoll economy`: the Ekonomi view of one council and period ([`EconomyView`]) as text,
//! JSON or CSV, with its deficit flags and warnings; with `--area` and `--forecast` (or
//! `--budget`) it first saves that amount as one audited change. `malkoll period add` adds a
//! month period to a council-year.

use serde::Serialize;

use crate::domain::budget::{EconomyView, Money, format_mnkr};
use crate::domain::flags::economy::{EconomyFlag, economy_flags, parse_share_percent};
use crate::domain::text::sanitize_line;
use crate::domain::{Council, YearPeriod};
use crate::store::{Actor, Change, EconomyChange, Store};

use super::select::{SelectError, find_council, load_plan, parse_period};

/// Why an economy command did nothing.
#[derive(Debug, thiserror::Error)]
pub enum EconomyCommandError {
    #[error(transparent)]
    Select(#[from] SelectError),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error("beloppet «{given}»: {reason}")]
    BadAmount { given: String, reason: String },
    #[error("ange --area och en av --forecast, --budget eller --analysis")]
    IncompleteEdit,
    #[error("månaden ska vara 1–12, inte {0}")]
    BadMonth(u8),
}

impl EconomyCommandError {
    /// Whether the user's input was wrong (exit code 2) rather than the database.
    pub fn is_bad_input(&self) -> bool {
        match self {
            EconomyCommandError::Select(error) => error.is_bad_input(),
            EconomyCommandError::Store(error) => matches!(
                error,
                crate::store::StoreError::InvalidEconomyEdit(_)
                    | crate::store::StoreError::InvalidPlanYear(_)
                    | crate::store::StoreError::InvalidPeriod(_)
                    | crate::store::StoreError::UnknownCouncil(_)
                    | crate::store::StoreError::UnknownYear { .. }
            ),
            _ => true,
        }
    }
}

/// An edit asked for on the command line.
#[derive(Debug, Clone, Default)]
pub struct EconomyEdit {
    pub area: Option<String>,
    pub forecast: Option<String>,
    pub budget: Option<String>,
    /// The area's analys for the period (empty text removes it).
    pub analysis: Option<String>,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    council: &'a Council,
    year: u16,
    period: String,
    view: &'a EconomyView,
    flags: &'a [EconomyFlag],
}

fn parse_amount(given: &str) -> Result<Option<Money>, EconomyCommandError> {
    let trimmed = given.trim();
    if trimmed.is_empty() || trimmed == "-" {
        return Ok(None);
    }
    Money::parse_mnkr(trimmed)
        .map(Some)
        .map_err(|error| EconomyCommandError::BadAmount {
            given: sanitize_line(trimmed),
            reason: error.to_string(),
        })
}

/// Runs `malkoll economy`: saves `edit` if any, then shows the period; deficits beyond
/// `deficit_percent` of budget (in per cent, as `malkoll flags` takes it) are flagged.
pub fn run(
    store: &Store,
    actor: &Actor,
    council: &str,
    period: &str,
    format: &str,
    deficit_percent: &str,
    edit: &EconomyEdit,
) -> Result<String, EconomyCommandError> {
    let share = parse_share_percent(deficit_percent).map_err(SelectError::from)?;
    let format = match format.trim().to_lowercase().as_str() {
        "text" => Format::Text,
        "json" => Format::Json,
        "csv" => Format::Csv,
        _ => {
            return Err(SelectError::BadFormat {
                given: format.to_owned(),
                choices: "text, json eller csv",
            }
            .into());
        }
    };
    let at = parse_period(period)?;
    let council = find_council(store, council)?;
    load_plan(store, &council, at)?;
    let change = match (&edit.area, &edit.forecast, &edit.budget, &edit.analysis) {
        (None, None, None, None) => None,
        (Some(area), Some(forecast), None, None) => {
            Some(Change::Economy(EconomyChange::SetAreaForecast {
                council: council.id.clone(),
                year: at.year,
                area: area.clone(),
                period: at.period,
                amount: parse_amount(forecast)?,
            }))
        }
        (Some(area), None, Some(budget), None) => {
            let adjustments = store
                .economy(&council.id, at.year)?
                .and_then(|e| e.area(area).and_then(|a| a.line.adjustments.clone()));
            Some(Change::Economy(EconomyChange::SetAreaBudget {
                council: council.id.clone(),
                year: at.year,
                area: area.clone(),
                budget: parse_amount(budget)?,
                adjustments,
            }))
        }
        (Some(area), None, None, Some(text)) => {
            Some(Change::Economy(EconomyChange::SetAreaAnalysis {
                council: council.id.clone(),
                year: at.year,
                area: area.clone(),
                period: at.period,
                text: text.clone(),
            }))
        }
        _ => return Err(EconomyCommandError::IncompleteEdit),
    };
    let mut saved = None;
    if let Some(change) = change {
        store.apply(&change, actor)?;
        saved = Some(store.describe(&change));
    }
    let plan = load_plan(store, &council, at)?;
    let view = EconomyView::build(&plan.economy, at.period);
    let flags = economy_flags(&plan.economy, at.period, share);
    let mut out = String::new();
    if let Some(saved) = saved {
        out.push_str(&format!("Sparat: {saved}\n"));
    }
    out.push_str(&match format {
        Format::Text => text(&council, at, &view, &flags),
        Format::Json => serde_json::to_string_pretty(&JsonReport {
            council: &council,
            year: at.year,
            period: at.period.label(),
            view: &view,
            flags: &flags,
        })
        .map(|json| json + "\n")
        .unwrap_or_default(),
        Format::Csv => csv(&view),
    });
    Ok(out)
}

/// Runs `malkoll period add`: the month becomes a period of the council-year.
pub fn add_month(
    store: &Store,
    actor: &Actor,
    council: &str,
    year: u16,
    month: u8,
) -> Result<String, EconomyCommandError> {
    if !(1..=12).contains(&month) {
        return Err(EconomyCommandError::BadMonth(month));
    }
    let council = find_council(store, council)?;
    let change = Change::AddMonth {
        council: council.id.clone(),
        year,
        month,
    };
    store.apply(&change, actor)?;
    Ok(format!(
        "Sparat: {} för {}\n",
        change.describe(),
        council.name
    ))
}

#[derive(Clone, Copy)]
enum Format {
    Text,
    Json,
    Csv,
}

fn amount(tkr: Option<i64>) -> String {
    tkr.map_or_else(|| "–".to_owned(), format_mnkr)
}

fn percent(value: Option<f64>) -> String {
    value.map_or_else(
        || "–".to_owned(),
        |p| crate::domain::number::format_number(p, 1),
    )
}

/// Cuts a name to `width` characters, marking the cut with "…".
fn fit(name: &str, width: usize) -> String {
    let name = sanitize_line(name);
    if name.chars().count() <= width {
        format!("{name:<width$}")
    } else {
        let cut: String = name.chars().take(width.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

fn text(council: &Council, at: YearPeriod, view: &EconomyView, flags: &[EconomyFlag]) -> String {
    let mut out = format!(
        "Ekonomi: {} {} {} (mnkr netto)\n",
        council.name,
        at.period.name(),
        at.year
    );
    if view.is_empty() {
        out.push_str("  ingen ekonomi inläst eller inlagd för året\n");
        return out;
    }
    let line = |name: &str, indent: usize, row: &crate::domain::budget::AreaRow| {
        let mark = if row.carried_from.is_some() { "*" } else { "" };
        format!(
            "{}{} {:>9} {:>7} {:>9} {:>8} {:>6}\n",
            " ".repeat(indent),
            fit(name, 32 - indent),
            amount(row.budget),
            amount(row.adjustments),
            format!("{}{mark}", amount(row.forecast)),
            amount(row.variance),
            percent(row.variance_percent)
        )
    };
    out.push_str(&format!(
        "{:<32} {:>9} {:>7} {:>9} {:>8} {:>6}\n",
        "Verksamhetsområde",
        "Budget",
        "Just.",
        view.forecast_label(),
        "Avvik.",
        "%"
    ));
    for row in &view.rows {
        out.push_str(&line(&row.name, row.depth * 2, row));
    }
    out.push_str(&line("Totalt", 0, &view.total));
    for row in [&view.income, &view.costs].into_iter().flatten() {
        out.push_str(&line(&row.name, 0, row));
    }
    if view.rows.iter().any(|r| r.carried_from.is_some()) {
        out.push_str("* ingen egen prognos för perioden: den senaste gäller\n");
    }
    if view.result_units_in.is_some() || view.result_units_out.is_some() {
        out.push_str(&format!(
            "Resultatenheternas överskott: in {} · ut {}\n",
            amount(view.result_units_in),
            amount(view.result_units_out)
        ));
    }
    if view.trend_periods.len() > 1 {
        out.push_str(&format!(
            "Prognos per period ({}):\n",
            view.trend_periods
                .iter()
                .map(|p| p.label())
                .collect::<Vec<_>>()
                .join(" → ")
        ));
        for row in view.rows.iter().filter(|r| r.depth == 0) {
            out.push_str(&format!(
                "  {} {}\n",
                fit(&row.name, 30),
                row.trend
                    .iter()
                    .map(|v| amount(*v))
                    .collect::<Vec<_>>()
                    .join(" → ")
            ));
        }
    }
    if !flags.is_empty() {
        out.push_str(&format!("Att åtgärda ({}):\n", flags.len()));
        for flag in flags {
            out.push_str(&format!(
                "  ✗ {}: {}\n",
                sanitize_line(&flag.area),
                flag.message
            ));
        }
    }
    for row in view.rows.iter().filter(|r| r.analysis.is_some()) {
        out.push_str(&format!(
            "Analys, {}: {}\n",
            sanitize_line(&row.name),
            sanitize_line(row.analysis.as_deref().unwrap_or_default())
        ));
    }
    if !view.warnings.is_empty() {
        out.push_str(&format!("Varningar ({}):\n", view.warnings.len()));
        for warning in &view.warnings {
            out.push_str(&format!("  {}\n", sanitize_line(warning)));
        }
    }
    out
}

const CSV_HEADER: [&str; 8] = [
    "område",
    "nivå",
    "budget_mnkr",
    "justeringar_mnkr",
    "prognos_mnkr",
    "avvikelse_mnkr",
    "avvikelse_procent",
    "period",
];

fn csv(view: &EconomyView) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let cell = |tkr: Option<i64>| tkr.map(format_mnkr).unwrap_or_default();
    let mut rows: Vec<Vec<String>> = vec![CSV_HEADER.iter().map(|h| (*h).to_owned()).collect()];
    for row in view.rows.iter().chain(std::iter::once(&view.total)) {
        rows.push(vec![
            row.name.clone(),
            row.depth.to_string(),
            cell(row.budget),
            cell(row.adjustments),
            cell(row.forecast),
            cell(row.variance),
            row.variance_percent
                .map(|p| format!("{p:.1}"))
                .unwrap_or_default(),
            view.period.label(),
        ]);
    }
    for row in rows {
        // Writing to a Vec cannot fail.
        let _ = writer.write_record(&row);
    }
    writer
        .into_inner()
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .unwrap_or_default()
}
