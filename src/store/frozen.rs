//! Domain shapes as they were stored before issue 11, frozen so old records stay readable:
//! an [`IndicatorReport`] without its read cells and an [`Indicator`] without its confirmed
//! direction, and the goal tree and plan year built from them. bincode cannot read old bytes
//! once a field is added, so every stored form that embedded these types (period records,
//! audit entries of versions 1 and 2, refused changes of version 1) reads them through the
//! copies here and upgrades them on read: no read cells, direction not confirmed.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::domain::{
    Activity, Council, Direction, Economy, Goal, GoalLevel, GoalStatus, Indicator, IndicatorReport,
    IndicatorStatus, NodeId, Origin, Period, Periodicity, PlanYear, SourceDocument, Target, Value,
};

/// [`IndicatorReport`] before it kept the cells as read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct IndicatorReportV1 {
    pub outcome: Value,
    pub outcome_men: Value,
    pub outcome_women: Value,
    pub prev_year_outcome: Value,
    pub forecast_full_year: Value,
    pub annual_target: Target,
    pub council_target: Target,
    pub period_label: String,
    pub analysis: String,
    pub comment: String,
    pub excluded: bool,
    pub stated_status: Option<IndicatorStatus>,
    pub ambiguous: bool,
}

impl From<IndicatorReportV1> for IndicatorReport {
    fn from(old: IndicatorReportV1) -> IndicatorReport {
        IndicatorReport {
            outcome: old.outcome,
            outcome_men: old.outcome_men,
            outcome_women: old.outcome_women,
            prev_year_outcome: old.prev_year_outcome,
            forecast_full_year: old.forecast_full_year,
            annual_target: old.annual_target,
            council_target: old.council_target,
            period_label: old.period_label,
            analysis: old.analysis,
            comment: old.comment,
            excluded: old.excluded,
            stated_status: old.stated_status,
            ambiguous: old.ambiguous,
            read_cells: Vec::new(),
        }
    }
}

/// [`Indicator`] before its direction could be confirmed, with version 1 reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct IndicatorV1Tree {
    pub id: NodeId,
    pub origin: Origin,
    pub name: String,
    pub unit: Option<String>,
    pub periodicity: Periodicity,
    pub direction: Direction,
    pub tolerance: f64,
    pub reports: BTreeMap<Period, IndicatorReportV1>,
}

impl From<IndicatorV1Tree> for Indicator {
    fn from(old: IndicatorV1Tree) -> Indicator {
        Indicator {
            id: old.id,
            origin: old.origin,
            name: old.name,
            unit: old.unit,
            periodicity: old.periodicity,
            direction: old.direction,
            tolerance: old.tolerance,
            direction_confirmed: false,
            reports: old
                .reports
                .into_iter()
                .map(|(period, report)| (period, report.into()))
                .collect(),
        }
    }
}

/// [`Goal`] with [`IndicatorV1Tree`] indicators.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct GoalV1Tree {
    pub id: NodeId,
    pub level: GoalLevel,
    pub number: Option<String>,
    pub title: String,
    pub description: String,
    pub expected_results: Vec<String>,
    pub expected_results_raw: String,
    pub narrative: String,
    pub comment: String,
    pub sdg_refs: Vec<u8>,
    pub status: BTreeMap<Period, GoalStatus>,
    pub indicators: Vec<IndicatorV1Tree>,
    pub activities: Vec<Activity>,
    pub children: Vec<GoalV1Tree>,
}

impl From<GoalV1Tree> for Goal {
    fn from(old: GoalV1Tree) -> Goal {
        Goal {
            id: old.id,
            level: old.level,
            number: old.number,
            title: old.title,
            description: old.description,
            expected_results: old.expected_results,
            expected_results_raw: old.expected_results_raw,
            narrative: old.narrative,
            comment: old.comment,
            sdg_refs: old.sdg_refs,
            status: old.status,
            indicators: old.indicators.into_iter().map(Indicator::from).collect(),
            activities: old.activities,
            children: old.children.into_iter().map(Goal::from).collect(),
        }
    }
}

/// [`PlanYear`] with months and economy (audit version 2) and [`GoalV1Tree`] goals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct PlanYearV2 {
    pub council: Council,
    pub year: u16,
    pub documents: Vec<SourceDocument>,
    pub goals: Vec<GoalV1Tree>,
    pub months: Vec<u8>,
    pub economy: Economy,
}

impl From<PlanYearV2> for PlanYear {
    fn from(old: PlanYearV2) -> PlanYear {
        PlanYear {
            council: old.council,
            year: old.year,
            documents: old.documents,
            goals: old.goals.into_iter().map(Goal::from).collect(),
            months: old.months,
            economy: old.economy,
        }
    }
}
