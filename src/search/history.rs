//! An indicator's history: one series ([`super::SeriesKey`]) in one council, every period of
//! every year, with its status. Shared by the Historik screen and `malkoll history`.
//!
//! Rows come in time order: by year, then by period (VP, months, T1, T2, VB). An indicator
//! that recurs under two goals in one year gives a row for each.

use std::collections::BTreeMap;

use crate::domain::evaluate::indicator_status;
use crate::domain::{Council, Indicator, IndicatorStatus, NodeId, Period, PlanYear, Target, Value};

use super::series::{SeriesAliases, SeriesKey};

/// One period of one year.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryRow {
    pub year: u16,
    pub period: Period,
    /// The indicator's name that year (names drift; the series links them).
    pub name: String,
    /// The indicator's id within its plan year.
    pub node: NodeId,
    pub unit: Option<String>,
    pub outcome: Value,
    pub outcome_men: Value,
    pub outcome_women: Value,
    pub forecast: Value,
    pub annual_target: Target,
    /// `indicator_status(..).effective`.
    pub status: IndicatorStatus,
    /// Where imported values came from ("Kolada N00945 2020 T"), when the caller looked it
    /// up in the store; `None` for typed values and those read from a document.
    pub source: Option<String>,
}

impl HistoryRow {
    /// The row's place on a time axis: the year plus the period's share of it.
    pub fn time(&self) -> f64 {
        f64::from(self.year) + f64::from(self.period.ordinal()) / 26.0
    }

    /// The outcome as a number; in a plan or tertial without an outcome, nothing.
    pub fn outcome_number(&self) -> Option<f64> {
        self.outcome.number()
    }

    /// The årsmål as a number where it has one.
    pub fn target_number(&self) -> Option<f64> {
        self.annual_target
            .quantity()
            .map(|quantity| quantity.amount)
    }
}

/// Where imported values came from, by year, indicator and period: what
/// [`IndicatorHistory::attach_sources`] puts into the rows.
pub type RowSources = BTreeMap<(u16, NodeId, Period), String>;

/// One series in one council.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorHistory {
    pub council: Council,
    pub series: SeriesKey,
    pub rows: Vec<HistoryRow>,
}

impl IndicatorHistory {
    /// The names the series has had in this council, first seen first.
    pub fn names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = Vec::new();
        for row in &self.rows {
            if !names.contains(&row.name.as_str()) {
                names.push(&row.name);
            }
        }
        names
    }

    /// Puts into each row its source from `sources` (the store's, looked up by the caller:
    /// the history itself is built from plan years alone).
    pub fn attach_sources(&mut self, sources: &RowSources) {
        for row in &mut self.rows {
            row.source = sources.get(&(row.year, row.node, row.period)).cloned();
        }
    }

    /// The years with at least one row.
    pub fn years(&self) -> Vec<u16> {
        let mut years: Vec<u16> = self.rows.iter().map(|row| row.year).collect();
        years.dedup();
        years
    }
}

/// The history of `series` in `council` (its slug) over `plans`, under `aliases`.
pub fn history(
    plans: &[PlanYear],
    council: &str,
    series: &SeriesKey,
    aliases: &SeriesAliases,
) -> Option<IndicatorHistory> {
    let mut council_found = None;
    let mut rows = Vec::new();
    let mut own: Vec<&PlanYear> = plans.iter().filter(|p| p.council.id == council).collect();
    own.sort_by_key(|plan| plan.year);
    for plan in own {
        council_found.get_or_insert_with(|| plan.council.clone());
        for (_, indicator) in plan.indicators() {
            if &aliases.key(&indicator.name) == series {
                rows.extend(rows_of(plan.year, indicator));
            }
        }
    }
    rows.sort_by_key(|row| (row.year, row.period));
    Some(IndicatorHistory {
        council: council_found?,
        series: series.clone(),
        rows,
    })
}

/// Every council that has `series` in some year, in the order of `plans`' first mention.
pub fn councils_with_series(
    plans: &[PlanYear],
    series: &SeriesKey,
    aliases: &SeriesAliases,
) -> Vec<Council> {
    let mut councils: Vec<Council> = Vec::new();
    for plan in plans {
        if councils.iter().any(|c| c.id == plan.council.id) {
            continue;
        }
        if plan
            .indicators()
            .any(|(_, indicator)| &aliases.key(&indicator.name) == series)
        {
            councils.push(plan.council.clone());
        }
    }
    councils.sort_by(|a, b| a.name.cmp(&b.name));
    councils
}

fn rows_of(year: u16, indicator: &Indicator) -> impl Iterator<Item = HistoryRow> + '_ {
    indicator
        .reports
        .iter()
        .map(move |(&period, report)| HistoryRow {
            year,
            period,
            name: indicator.name.clone(),
            node: indicator.id,
            unit: indicator.unit.clone(),
            outcome: report.outcome.clone(),
            outcome_men: report.outcome_men.clone(),
            outcome_women: report.outcome_women.clone(),
            forecast: report.forecast_full_year.clone(),
            // The year's årsmål where the period states none: what its status is judged by.
            annual_target: indicator.report_in(period).annual_target,
            status: indicator_status(indicator, period).effective,
            source: None,
        })
}
