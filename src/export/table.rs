//! Every indicator of a council with every value per period, as rows for a spreadsheet
//! (`export csv`, `export xlsx`) — and the column names `import values` reads back.

use crate::domain::evaluate::status::indicator_status;
use std::collections::BTreeMap;

use crate::domain::{NodeId, Period, PlanYear};

use super::sv_csv::{Cell, target_cell, value_cell};

/// The columns, Swedish; `import values` reads files with these headings.
pub const HEADER: [&str; 18] = [
    "nämnd",
    "nämndnamn",
    "år",
    "period",
    "målnummer",
    "indikator_id",
    "indikator",
    "ursprung",
    "enhet",
    "utfall",
    "utfall_män",
    "utfall_kvinnor",
    "utfall_föregående_år",
    "prognos_helår",
    "årsmål",
    "kf_årsmål",
    "status",
    // Where imported values came from ("Kolada N00945 2020 T, K, M"); empty when typed or
    // read from a document. `import values` ignores it.
    "källa",
];

/// Index of the first numeric column (`utfall`).
pub const FIRST_VALUE_COLUMN: usize = 9;

/// The sources of imported values per plan year, by indicator and period
/// ([`crate::store::Store::value_sources`]).
pub type Sources = BTreeMap<(NodeId, Period), String>;

/// The rows of the selected plan years (each with its values' sources): one per indicator
/// and period with a report, restricted to `period` when given.
pub fn rows(plans: &[(PlanYear, Sources)], period: Option<Period>) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    for (plan, sources) in plans {
        for (goal, indicator) in plan.indicators() {
            for (report_period, report) in &indicator.reports {
                if period.is_some_and(|wanted| wanted != *report_period) {
                    continue;
                }
                let values = [
                    value_cell(&report.outcome),
                    value_cell(&report.outcome_men),
                    value_cell(&report.outcome_women),
                    value_cell(&report.prev_year_outcome),
                    value_cell(&report.forecast_full_year),
                    target_cell(&report.annual_target),
                    target_cell(&report.council_target),
                ];
                let unit = values
                    .iter()
                    .find_map(|(_, unit)| unit.clone())
                    .or_else(|| indicator.unit.clone())
                    .unwrap_or_default();
                let status = if report.excluded {
                    "Undantas".to_owned()
                } else {
                    indicator_status(indicator, *report_period)
                        .effective
                        .label()
                        .to_owned()
                };
                let mut row = vec![
                    Cell::text(plan.council.id.clone()),
                    Cell::text(plan.council.name.clone()),
                    Cell::Number(f64::from(plan.year)),
                    Cell::text(report_period.label()),
                    Cell::text(goal.number.clone().unwrap_or_default()),
                    Cell::Number(f64::from(indicator.id)),
                    Cell::text(indicator.name.clone()),
                    Cell::text(indicator.origin.label()),
                    if unit.is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(unit)
                    },
                ];
                row.extend(values.into_iter().map(|(cell, _)| cell));
                row.push(Cell::Text(status));
                row.push(
                    sources
                        .get(&(indicator.id, *report_period))
                        .map_or(Cell::Empty, |source| Cell::text(source.clone())),
                );
                rows.push(row);
            }
        }
    }
    rows
}
