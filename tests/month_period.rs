//! A month as a period of the plan year (the monthly review): a prognosis entered for a
//! month is evaluated against the year's årsmål from the VP, and flagged in *Att åtgärda*
//! as in a tertial; a month's own target wins; the months sort between the tertials, and
//! the history shows the year's årsmål in each.

use std::collections::BTreeMap;

use malkoll::domain::flags::{FlagKind, flags_of_plan};
use malkoll::domain::{
    Council, DocKind, Goal, GoalLevel, Indicator, IndicatorReport, Origin, Period, Periodicity,
    PlanYear, SourceDocument, Target, Value,
};

fn plan_with(month_report: IndicatorReport) -> PlanYear {
    let mut reports = BTreeMap::new();
    reports.insert(
        Period::Plan,
        IndicatorReport {
            annual_target: Target::from_cell("80 %"),
            ..IndicatorReport::default()
        },
    );
    reports.insert(Period::Month(5), month_report);
    let mut goal = Goal::new(1, GoalLevel::Area, Some("1.1"), "Mål 1.1");
    goal.indicators.push(Indicator {
        id: 2,
        origin: Origin::Committee,
        name: "Andel nöjda".to_owned(),
        unit: Some("%".to_owned()),
        periodicity: Periodicity::Month,
        direction: malkoll::domain::Direction::HigherBetter,
        tolerance: 0.1,
        direction_confirmed: false,
        reports,
    });
    PlanYear {
        council: Council {
            id: "sodermalm".to_owned(),
            name: "Södermalms stadsdelsnämnd".to_owned(),
        },
        year: 2020,
        documents: vec![SourceDocument {
            kind: DocKind::Plan,
            source: "vp.txt".to_owned(),
            summary: String::new(),
        }],
        goals: vec![goal],
        months: vec![5],
        economy: Default::default(),
    }
}

#[test]
fn a_months_prognosis_is_flagged_against_the_plans_target() {
    let plan = plan_with(IndicatorReport {
        forecast_full_year: Value::from_cell("60 %"),
        ..IndicatorReport::default()
    });
    assert_eq!(plan.periods(), vec![Period::Plan, Period::Month(5)]);
    let flags = flags_of_plan(&plan, Period::Month(5));
    assert_eq!(flags.len(), 1, "{flags:?}");
    assert_eq!(flags[0].kind, FlagKind::NotMet);
    assert_eq!(flags[0].target.as_deref(), Some("80 %"));
    assert_eq!(flags[0].value.as_deref(), Some("60 %"));
    // Within the tolerance of 10 % it is partly met.
    let partly = plan_with(IndicatorReport {
        forecast_full_year: Value::from_cell("75 %"),
        ..IndicatorReport::default()
    });
    let flags = flags_of_plan(&partly, Period::Month(5));
    assert_eq!(flags.first().map(|f| f.kind), Some(FlagKind::PartlyMet));
}

#[test]
fn a_months_own_target_wins_and_a_met_prognosis_is_not_flagged() {
    let own = plan_with(IndicatorReport {
        forecast_full_year: Value::from_cell("60 %"),
        annual_target: Target::from_cell("55 %"),
        ..IndicatorReport::default()
    });
    assert!(flags_of_plan(&own, Period::Month(5)).is_empty());
    let met = plan_with(IndicatorReport {
        forecast_full_year: Value::from_cell("85 %"),
        ..IndicatorReport::default()
    });
    assert!(flags_of_plan(&met, Period::Month(5)).is_empty());
}

#[test]
fn history_shows_months_in_time_order_among_the_tertials() {
    let mut plan = plan_with(IndicatorReport {
        forecast_full_year: Value::from_cell("60 %"),
        ..IndicatorReport::default()
    });
    if let Some(indicator) = plan.indicator_mut(2) {
        indicator.reports.insert(
            Period::Tertial(1),
            IndicatorReport {
                forecast_full_year: Value::from_cell("70 %"),
                ..IndicatorReport::default()
            },
        );
        indicator.reports.insert(
            Period::Month(3),
            IndicatorReport {
                forecast_full_year: Value::from_cell("72 %"),
                ..IndicatorReport::default()
            },
        );
    }
    let aliases = malkoll::search::SeriesAliases::default();
    let history = malkoll::search::history::history(
        &[plan],
        "sodermalm",
        &aliases.key("Andel nöjda"),
        &aliases,
    )
    .expect("the series is there");
    let periods: Vec<Period> = history.rows.iter().map(|row| row.period).collect();
    assert_eq!(
        periods,
        vec![
            Period::Plan,
            Period::Month(3),
            Period::Tertial(1),
            Period::Month(5)
        ],
        "M3 comes before T1 (after April), M5 after"
    );
    // No period after the VP states an årsmål: each row shows the year's, as it is judged.
    let targets: Vec<String> = history
        .rows
        .iter()
        .map(|row| row.annual_target.display())
        .collect();
    assert_eq!(targets, ["80 %", "80 %", "80 %", "80 %"]);
}
