//! The report's economy part (*Uppföljning av ekonomi*, DOMAIN.md §8), after the goal tree
//! as in the documents: the driftbudget per verksamhetsområde — budget, begärda
//! budgetjusteringar, prognos (bokslut in the VB), avvikelse in mnkr and per cent — with the
//! nämnd's total, the deficits beyond the flag threshold (*underskott*) and each area's
//! analys. A VP shows the budget alone. Built from [`EconomyView`] and [`economy_flags`], the
//! same numbers as the Ekonomi screen and `malkoll economy`.

use super::{Table, clean, paragraphs};
use crate::domain::budget::{AreaRow, EconomyView, format_mnkr};
use crate::domain::flags::economy::{DEFAULT_DEFICIT_SHARE, economy_flags};
use crate::domain::number::format_number;
use crate::domain::{Period, PlanYear};

/// The economy part of a report.
#[derive(Debug, Clone, PartialEq)]
pub struct EconomySection {
    /// "Uppföljning av ekonomi" (VP: "Ekonomi").
    pub heading: String,
    /// "Uppföljning av driftbudget" (VP: "Budget per verksamhetsområde").
    pub table_heading: String,
    pub table: Table,
    /// Below the table: what a carried prognosis in parentheses means, when there is one.
    pub notes: Vec<String>,
    /// *Underskott*: one sentence per flagged verksamhetsområde, then the nämnd's total.
    pub deficits: Vec<String>,
    /// Analyses per verksamhetsområde: (area, paragraphs).
    pub analyses: Vec<(String, Vec<String>)>,
}

/// An amount cell in mnkr; empty when unknown, as the documents leave it.
fn amount(tkr: Option<i64>) -> String {
    tkr.map(format_mnkr).unwrap_or_default()
}

/// A share in per cent with one decimal, as the documents write it ("-6,6", "0,0").
fn percent(value: Option<f64>) -> String {
    value
        .map(|p| {
            let text = format_number(p, 1);
            if text.contains(',') {
                text
            } else {
                format!("{text},0")
            }
        })
        .unwrap_or_default()
}

/// A row's name: a "varav" part says so, as in the documents.
fn row_name(row: &AreaRow) -> String {
    let name = clean(&row.name);
    if row.depth > 0 && !name.to_lowercase().starts_with("varav") {
        format!("varav {name}")
    } else {
        name
    }
}

fn cells(row: &AreaRow, name: String, plan: bool) -> Vec<String> {
    if plan {
        return vec![name, amount(row.budget)];
    }
    let forecast = match (row.forecast, row.carried_from) {
        (Some(tkr), Some(from)) => format!("{} ({})", format_mnkr(tkr), from.label()),
        (forecast, _) => amount(forecast),
    };
    vec![
        name,
        amount(row.budget),
        amount(row.adjustments),
        forecast,
        amount(row.variance),
        percent(row.variance_percent),
    ]
}

/// The economy part of `plan` in `period`; `None` when the year has no economy.
pub fn section(plan: &PlanYear, period: Period) -> Option<EconomySection> {
    let view = EconomyView::build(&plan.economy, period);
    if view.rows.is_empty() {
        return None;
    }
    let is_plan = period == Period::Plan;
    let headers: Vec<String> = if is_plan {
        vec!["Mnkr, netto".into(), format!("Budget {}", plan.year)]
    } else {
        let forecast = if period == Period::AnnualReport {
            format!("Bokslut {}", plan.year)
        } else {
            format!("Prognos {} {}", period.label(), plan.year)
        };
        vec![
            "Mnkr, netto".into(),
            format!("Budget {}", plan.year),
            "Begärda budgetjusteringar".into(),
            forecast,
            "Avvikelse".into(),
            "Avvikelse, %".into(),
        ]
    };
    let mut rows: Vec<Vec<String>> = view
        .rows
        .iter()
        .map(|row| cells(row, row_name(row), is_plan))
        .collect();
    rows.push(cells(&view.total, "Nämnden totalt".into(), is_plan));
    let notes = if view.rows.iter().any(|r| r.carried_from.is_some()) {
        vec![format!(
            "En prognos inom parentes är den senaste tidigare prognosen: verksamhetsområdet har \
             ingen ny för {}.",
            period.label()
        )]
    } else {
        Vec::new()
    };
    let deficits = if is_plan {
        Vec::new()
    } else {
        economy_flags(&plan.economy, period, DEFAULT_DEFICIT_SHARE)
            .into_iter()
            .map(|flag| format!("{}: {}", clean(&flag.area), clean(&flag.message)))
            .collect()
    };
    let analyses = view
        .rows
        .iter()
        .filter_map(|row| {
            let text = paragraphs(row.analysis.as_deref()?);
            (!text.is_empty()).then(|| (row_name(row), text))
        })
        .collect();
    Some(EconomySection {
        heading: if is_plan {
            "Ekonomi"
        } else {
            "Uppföljning av ekonomi"
        }
        .to_owned(),
        table_heading: if is_plan {
            "Budget per verksamhetsområde"
        } else {
            "Uppföljning av driftbudget"
        }
        .to_owned(),
        table: Table { headers, rows },
        notes,
        deficits,
        analyses,
    })
}
