//! Builders for the unit tests: indicators, goals and activities from document cells.

use std::collections::BTreeMap;

use crate::domain::{
    Activity, ActivityReport, Assessment, Completion, Direction, Goal, GoalLevel, GoalStatus,
    Indicator, IndicatorReport, IndicatorStatus, NodeId, Origin, Period, Periodicity, Target,
    Value,
};

/// An indicator with one report in `period`, built from the cells as written.
pub fn indicator(
    direction: Direction,
    period: Period,
    outcome: &str,
    forecast: &str,
    annual_target: &str,
) -> Indicator {
    let report = IndicatorReport {
        outcome: Value::from_cell(outcome),
        forecast_full_year: Value::from_cell(forecast),
        annual_target: Target::from_cell(annual_target),
        ..IndicatorReport::default()
    };
    Indicator {
        id: 100,
        origin: Origin::CityCouncil,
        name: "Testindikator".to_owned(),
        unit: None,
        periodicity: Periodicity::Tertial,
        direction,
        tolerance: 0.20,
        direction_confirmed: false,
        reports: BTreeMap::from([(period, report)]),
    }
}

/// Changes the one report of `indicator` in `period`.
pub fn with_report(
    mut indicator: Indicator,
    period: Period,
    change: impl FnOnce(&mut IndicatorReport),
) -> Indicator {
    change(indicator.reports.entry(period).or_default());
    indicator
}

/// An indicator whose effective status in `period` is `status` (stated).
pub fn stated(id: NodeId, origin: Origin, period: Period, status: IndicatorStatus) -> Indicator {
    let mut indicator = with_report(
        indicator(Direction::HigherBetter, period, "", "", ""),
        period,
        |report| report.stated_status = Some(status),
    );
    indicator.id = id;
    indicator.origin = origin;
    indicator
}

pub fn activity(
    id: NodeId,
    origin: Origin,
    period: Period,
    completion: Completion,
    deviation: bool,
    analysis: &str,
) -> Activity {
    Activity {
        id,
        origin,
        title: format!("Aktivitet {id}"),
        start: None,
        end: None,
        reports: BTreeMap::from([(
            period,
            ActivityReport {
                deviation,
                completion,
                analysis: analysis.to_owned(),
            },
        )]),
    }
}

pub fn goal(
    id: NodeId,
    level: GoalLevel,
    period: Period,
    assessment: Assessment,
    analysis: &str,
) -> Goal {
    let mut goal = Goal::new(id, level, Some(&id.to_string()), "Mål");
    goal.status.insert(
        period,
        GoalStatus {
            assessment,
            is_forecast: period.is_forecast(),
            analysis: analysis.to_owned(),
        },
    );
    goal
}
