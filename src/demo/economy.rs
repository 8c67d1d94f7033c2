//! The demo's economy per council-year: the verksamhetsområden of a district council with
//! budgets sized like the samples (about 2,5 miljarder netto), prognoses that drift month by
//! month and tertial by tertial (some areas ending in deficit), the bokslut in the VB, the
//! nämnd's intäkter and kostnader, and the months the city follows up. Its own random stream,
//! so the goal tree of a council-year is the same with or without it.

use std::collections::BTreeMap;

use super::Dice;
use crate::domain::Period;
use crate::domain::budget::{BudgetArea, BudgetLine, Economy, Money};

/// "varav" parts of an area as (name, share of its budget).
type Parts = &'static [(&'static str, f64)];

/// Area, base budget in mnkr, and its "varav" parts.
const AREAS: [(&str, f64, Parts); 10] = [
    ("Nämnd- och förvaltningsadministration", 70.0, &[]),
    (
        "Individ- och familjeomsorg",
        250.0,
        &[
            ("varav barn och ungdom", 0.55),
            ("varav vuxna", 0.18),
            ("varav socialpsykiatri", 0.27),
        ],
    ),
    ("Stadsmiljö", 45.0, &[]),
    ("Förskola", 820.0, &[]),
    ("Äldreomsorg", 880.0, &[]),
    (
        "Stöd och service till personer med funktionsnedsättning",
        520.0,
        &[],
    ),
    ("Barn, kultur och fritid", 30.0, &[]),
    ("Arbetsmarknadsåtgärder", 17.0, &[]),
    ("Ekonomiskt bistånd", 110.0, &[("varav handläggning", 0.28)]),
    ("Övrig verksamhet", 5.0, &[]),
];

/// The months of a monthly follow-up before the year's last report.
fn months_before(last: Period) -> Vec<u8> {
    [2u8, 3, 5, 6, 9, 10, 11]
        .into_iter()
        .filter(|m| Period::Month(*m) < last)
        .collect()
}

fn tkr(mnkr: f64) -> Money {
    Money::from_tkr((mnkr * 10.0).round() as i64 * 100)
}

/// The months and economy of one council-year whose documents cover `periods`.
pub fn economy(seed: u64, council_index: u64, year: u16, periods: &[Period]) -> (Vec<u8>, Economy) {
    let mut dice = Dice::new(seed, &[7, council_index, u64::from(year)]);
    let last = periods.iter().copied().max().unwrap_or(Period::Plan);
    let months = months_before(last);
    let mut follow_ups: Vec<Period> = months.iter().map(|m| Period::Month(*m)).collect();
    follow_ups.extend(periods.iter().copied().filter(|p| *p != Period::Plan));
    follow_ups.sort();
    let size = 0.6 + 0.8 * dice.unit();
    let growth = 1.0 + 0.02 * f64::from(year.saturating_sub(2016));
    let mut economy = Economy::default();
    for (name, base, parts) in AREAS {
        let budget = base * size * growth * (0.9 + 0.2 * dice.unit());
        // Each area drifts from its budget: most stay near balance, a few run a deficit.
        let pull = if dice.chance(0.25) {
            0.02 + 0.04 * dice.unit()
        } else {
            0.0
        };
        let mut drift = 0.0;
        let mut forecasts = BTreeMap::new();
        for period in &follow_ups {
            drift += pull / follow_ups.len() as f64 + 0.006 * (dice.unit() - 0.5);
            forecasts.insert(*period, tkr(budget * (1.0 + drift)));
        }
        let mut area = BudgetArea::new(name);
        area.line = BudgetLine {
            budget: Some(tkr(budget)),
            adjustments: None,
            forecasts,
        };
        for (part, share) in parts {
            let mut child = BudgetArea::new(part);
            child.line.budget = Some(tkr(budget * share));
            child.line.forecasts = area
                .line
                .forecasts
                .iter()
                .map(|(p, m)| (*p, tkr(m.mnkr() * share)))
                .collect();
            area.children.push(child);
        }
        economy.areas.push(area);
    }
    let total: i64 = economy
        .areas
        .iter()
        .filter_map(|a| a.line.budget.as_ref().map(|m| m.tkr))
        .sum();
    let income = -(total as f64 / 1000.0) * (0.1 + 0.05 * dice.unit());
    economy.income.budget = Some(tkr(income));
    economy.costs.budget = Some(tkr(total as f64 / 1000.0 - income));
    (months, economy)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::EconomyView;

    #[test]
    fn a_year_in_progress_has_months_before_its_t1_and_a_full_year_a_bokslut() {
        let (months, current) = economy(1, 0, 2025, &[Period::Plan, Period::Tertial(1)]);
        assert_eq!(months, vec![2, 3]);
        assert_eq!(current.areas.len(), 10);
        assert_eq!(
            current.forecast_periods(),
            vec![Period::Month(2), Period::Month(3), Period::Tertial(1)]
        );
        let all = [
            Period::Plan,
            Period::Tertial(1),
            Period::Tertial(2),
            Period::AnnualReport,
        ];
        let (months, full) = economy(1, 0, 2024, &all);
        assert_eq!(months, vec![2, 3, 5, 6, 9, 10, 11]);
        let view = EconomyView::build(&full, Period::AnnualReport);
        assert!(
            view.rows
                .iter()
                .all(|r| r.depth > 0 || r.forecast.is_some())
        );
        let budget = view.total.budget.unwrap_or(0);
        assert!((1_200_000..4_500_000).contains(&budget), "{budget}");
        assert_eq!(full.areas[1].children.len(), 3);
    }
}
