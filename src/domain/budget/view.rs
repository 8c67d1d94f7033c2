//! [`EconomyView`]: what the Ekonomi screen and `malkoll economy` show for one period, as
//! plain rows: per verksamhetsområde budget, justeringar, prognos (bokslut in the VB),
//! avvikelse in mnkr and per cent, the prognosis trend month by month, the analys; the totals
//! (computed from the rows, never taken from the document) and a warning wherever a
//! document's total or avvikelse disagrees with its rows. Pure: built from an [`Economy`].

use serde::Serialize;

use super::{BudgetLine, Economy};
use crate::domain::period::Period;

/// One row of the view: an area, a "varav" part, the total or the nämnd's income or costs.
/// Amounts in tkr.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AreaRow {
    pub name: String,
    /// 0 for a verksamhetsområde, 1 for a "varav" part.
    pub depth: usize,
    pub budget: Option<i64>,
    pub adjustments: Option<i64>,
    /// The prognosis of the period (the bokslut in the VB); without one, the latest earlier
    /// prognosis of the year, named in [`AreaRow::carried_from`].
    pub forecast: Option<i64>,
    /// The earlier period whose prognosis stands in for a missing one ("oförändrad").
    pub carried_from: Option<Period>,
    /// Budget + adjustments − prognosis; negative is a deficit.
    pub variance: Option<i64>,
    /// The variance as a share of budget + adjustments, in per cent.
    pub variance_percent: Option<f64>,
    /// The prognosis in each of [`EconomyView::trend_periods`].
    pub trend: Vec<Option<i64>>,
    /// The area's analys for the period.
    pub analysis: Option<String>,
}

/// The economy of one council-year as seen in one period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EconomyView {
    pub period: Period,
    /// The verksamhetsområden and their parts, in document order.
    pub rows: Vec<AreaRow>,
    /// The sum of the top-level rows.
    pub total: AreaRow,
    /// *Intäkter* and *kostnader* of the whole nämnd, where known.
    pub income: Option<AreaRow>,
    pub costs: Option<AreaRow>,
    /// The investments (*investeringar*), each with its own budget line, and their sum: apart
    /// from the operating total above, as the documents keep them.
    pub investments: Vec<AreaRow>,
    pub investments_total: Option<AreaRow>,
    /// Result units' surplus brought in and carried out, as the period's document states.
    pub result_units_in: Option<i64>,
    pub result_units_out: Option<i64>,
    /// The periods up to this one with a prognosis, in time order: the trend's x axis.
    pub trend_periods: Vec<Period>,
    /// Where the numbers do not add up or are missing, in Swedish.
    pub warnings: Vec<String>,
}

fn percent(variance: Option<i64>, base: Option<i64>) -> Option<f64> {
    let base = base.filter(|b| *b != 0)?;
    Some(variance? as f64 * 100.0 / base.abs() as f64)
}

fn row_of(
    name: &str,
    depth: usize,
    line: &BudgetLine,
    period: Period,
    trend_periods: &[Period],
) -> AreaRow {
    let own = line.forecasts.get(&period).map(|m| m.tkr);
    // In the monthly review an area without a new prognosis keeps its last one; in the VB
    // the bokslut is never stood in for by a prognosis.
    let carried = match (own, period) {
        (None, Period::Month(_) | Period::Tertial(_)) => line
            .forecasts
            .range(..period)
            .next_back()
            .map(|(p, m)| (*p, m.tkr)),
        _ => None,
    };
    let forecast = own.or(carried.map(|(_, tkr)| tkr));
    let variance = match (line.adjusted_budget(), forecast) {
        (Some(budget), Some(forecast)) => Some(budget.saturating_sub(forecast)),
        _ => None,
    };
    AreaRow {
        name: name.to_owned(),
        depth,
        budget: line.budget.as_ref().map(|m| m.tkr),
        adjustments: line.adjustments.as_ref().map(|m| m.tkr),
        forecast,
        carried_from: carried.map(|(p, _)| p),
        variance,
        variance_percent: percent(variance, line.adjusted_budget()),
        trend: trend_periods
            .iter()
            .map(|p| line.forecasts.get(p).map(|m| m.tkr))
            .collect(),
        analysis: None,
    }
}

fn sum(values: impl Iterator<Item = Option<i64>>) -> Option<i64> {
    values
        .flatten()
        .fold(None, |acc, v| Some(acc.unwrap_or(0) + v))
}

/// The «Totalt» of `rows`: each amount summed over the rows that have it; the per cent over
/// the budgets of the rows with a variance, so a row without a prognosis does not dilute it;
/// a trend over `periods` periods.
fn sum_row(rows: &[AreaRow], periods: usize) -> AreaRow {
    let budget = sum(rows.iter().map(|r| r.budget));
    let adjustments = sum(rows.iter().map(|r| r.adjustments));
    let forecast = sum(rows.iter().map(|r| r.forecast));
    let variance = sum(rows.iter().map(|r| r.variance));
    let adjusted = sum(rows
        .iter()
        .filter(|r| r.variance.is_some())
        .map(|r| r.budget.map(|b| b + r.adjustments.unwrap_or(0))));
    AreaRow {
        name: "Totalt".to_owned(),
        depth: 0,
        budget,
        adjustments,
        forecast,
        carried_from: None,
        variance,
        variance_percent: percent(variance, adjusted),
        trend: (0..periods)
            .map(|i| sum(rows.iter().map(|r| r.trend[i])))
            .collect(),
        analysis: None,
    }
}

impl EconomyView {
    /// The view of `economy` in `period`.
    pub fn build(economy: &Economy, period: Period) -> EconomyView {
        let trend_periods: Vec<Period> = economy
            .forecast_periods()
            .into_iter()
            .filter(|p| *p <= period)
            .collect();
        let mut rows = Vec::new();
        for (depth, area) in economy.areas_depth_first() {
            let mut row = row_of(&area.name, depth, &area.line, period, &trend_periods);
            row.analysis = area.analyses.get(&period).cloned();
            rows.push(row);
        }
        let mut warnings = Vec::new();
        let top: Vec<&AreaRow> = rows.iter().filter(|r| r.depth == 0).collect();
        let carried: Vec<String> = top
            .iter()
            .filter_map(|r| Some(format!("{} ({})", r.name, r.carried_from?.label())))
            .collect();
        if !carried.is_empty() && carried.len() < top.len() {
            warnings.push(format!(
                "{} har ingen egen prognos för {}: den senaste prognosen gäller ({})",
                if carried.len() == 1 {
                    "1 verksamhetsområde".to_owned()
                } else {
                    format!("{} verksamhetsområden", carried.len())
                },
                period.name().to_lowercase(),
                carried.join(", ")
            ));
        }
        let missing: Vec<&str> = top
            .iter()
            .filter(|r| r.budget.is_some() && r.forecast.is_none())
            .map(|r| r.name.as_str())
            .collect();
        if period != Period::Plan && !missing.is_empty() && missing.len() < top.len() {
            warnings.push(format!(
                "{} saknar prognos för {}: summan gäller bara övriga områden ({})",
                if missing.len() == 1 {
                    "1 verksamhetsområde".to_owned()
                } else {
                    format!("{} verksamhetsområden", missing.len())
                },
                period.name().to_lowercase(),
                missing.join(", ")
            ));
        }
        let total = sum_row(
            &top.into_iter().cloned().collect::<Vec<_>>(),
            trend_periods.len(),
        );
        for table in economy.tables.iter().filter(|t| t.period == period) {
            for finding in table
                .variance_findings()
                .into_iter()
                .chain(table.total_findings())
            {
                warnings.push(format!("rad {}: {}", finding.line, finding.message));
            }
        }
        let line_row = |name: &str, line: &BudgetLine| {
            (!line.is_empty()).then(|| row_of(name, 0, line, period, &trend_periods))
        };
        let investments: Vec<AreaRow> = economy
            .investments
            .iter()
            .map(|i| row_of(&i.name, 0, &i.line, period, &trend_periods))
            .collect();
        let investments_total =
            (!investments.is_empty()).then(|| sum_row(&investments, trend_periods.len()));
        EconomyView {
            period,
            investments,
            investments_total,
            income: line_row("Intäkter", &economy.income),
            costs: line_row("Kostnader", &economy.costs),
            result_units_in: economy.result_units_in.get(&period).map(|m| m.tkr),
            result_units_out: economy.result_units_out.get(&period).map(|m| m.tkr),
            rows,
            total,
            trend_periods,
            warnings,
        }
    }

    /// Whether there is anything to show.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty() && self.income.is_none() && self.costs.is_none()
    }

    /// The label of the prognosis column: *Bokslut* in the VB, else *Prognos*.
    pub fn forecast_label(&self) -> &'static str {
        if self.period == Period::AnnualReport {
            "Bokslut"
        } else {
            "Prognos"
        }
    }
}
