//! The audit record as written before the plan year had months and an economy (`AuditRecord::V1`),
//! frozen so those entries stay readable: bincode cannot read old bytes once a field is
//! added, so the shapes that embed a [`PlanYear`] are copied here as they were, and migrated
//! on read (no months, an empty economy).

use serde::{Deserialize, Serialize};

use super::audit::Actor;
use super::change::{Change, Snapshot};
use super::frozen::{GoalV1Tree, IndicatorReportV1};
use super::series_links::{SeriesLinkState, SeriesRef};
use crate::domain::{
    ActivityReport, Council, Direction, Goal, GoalStatus, NodeId, Period, PlanYear, SourceDocument,
};

/// [`PlanYear`] before `months` and `economy`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub(crate) struct PlanYearV1 {
    pub council: Council,
    pub year: u16,
    pub documents: Vec<SourceDocument>,
    pub goals: Vec<GoalV1Tree>,
}

impl From<PlanYearV1> for PlanYear {
    fn from(plan: PlanYearV1) -> PlanYear {
        PlanYear {
            council: plan.council,
            year: plan.year,
            documents: plan.documents,
            goals: plan.goals.into_iter().map(Goal::from).collect(),
            months: Vec::new(),
            economy: Default::default(),
        }
    }
}

/// [`Change`] as it was in `AuditRecord::V1`: the same variants, in the same order.
#[allow(clippy::large_enum_variant)]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub(crate) enum ChangeV1 {
    PutPlanYear(PlanYearV1),
    SetGoalStatus {
        council: String,
        year: u16,
        goal: NodeId,
        period: Period,
        status: GoalStatus,
    },
    SetIndicatorReport {
        council: String,
        year: u16,
        indicator: NodeId,
        period: Period,
        report: IndicatorReportV1,
    },
    SetActivityReport {
        council: String,
        year: u16,
        activity: NodeId,
        period: Period,
        report: ActivityReport,
    },
    SetIndicatorSettings {
        council: String,
        year: u16,
        indicator: NodeId,
        direction: Direction,
        tolerance: f64,
    },
    LinkSeries {
        a: SeriesRef,
        b: SeriesRef,
    },
    UnlinkSeries {
        a: SeriesRef,
        b: SeriesRef,
    },
}

impl From<ChangeV1> for Change {
    fn from(change: ChangeV1) -> Change {
        match change {
            ChangeV1::PutPlanYear(plan) => Change::PutPlanYear(plan.into()),
            ChangeV1::SetGoalStatus {
                council,
                year,
                goal,
                period,
                status,
            } => Change::SetGoalStatus {
                council,
                year,
                goal,
                period,
                status,
            },
            ChangeV1::SetIndicatorReport {
                council,
                year,
                indicator,
                period,
                report,
            } => Change::SetIndicatorReport {
                council,
                year,
                indicator,
                period,
                report: report.into(),
            },
            ChangeV1::SetActivityReport {
                council,
                year,
                activity,
                period,
                report,
            } => Change::SetActivityReport {
                council,
                year,
                activity,
                period,
                report,
            },
            ChangeV1::SetIndicatorSettings {
                council,
                year,
                indicator,
                direction,
                tolerance,
            } => Change::SetIndicatorSettings {
                council,
                year,
                indicator,
                direction,
                tolerance,
                // Only the settings form wrote this change.
                confirmed: true,
            },
            ChangeV1::LinkSeries { a, b } => Change::LinkSeries { a, b },
            ChangeV1::UnlinkSeries { a, b } => Change::UnlinkSeries { a, b },
        }
    }
}

/// [`Snapshot`] as it was in `AuditRecord::V1`.
#[allow(clippy::large_enum_variant)]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub(crate) enum SnapshotV1 {
    PlanYear(Box<PlanYearV1>),
    GoalStatus(GoalStatus),
    IndicatorReport(IndicatorReportV1),
    ActivityReport(ActivityReport),
    IndicatorSettings {
        direction: Direction,
        tolerance: f64,
    },
    SeriesLinks(SeriesLinkState),
}

impl From<SnapshotV1> for Snapshot {
    fn from(snapshot: SnapshotV1) -> Snapshot {
        match snapshot {
            SnapshotV1::PlanYear(plan) => Snapshot::PlanYear(Box::new((*plan).into())),
            SnapshotV1::GoalStatus(status) => Snapshot::GoalStatus(status),
            SnapshotV1::IndicatorReport(report) => Snapshot::IndicatorReport(report.into()),
            SnapshotV1::ActivityReport(report) => Snapshot::ActivityReport(report),
            SnapshotV1::IndicatorSettings {
                direction,
                tolerance,
            } => Snapshot::IndicatorSettings {
                direction,
                tolerance,
                // A direction could not be confirmed before audit version 3.
                confirmed: false,
            },
            SnapshotV1::SeriesLinks(state) => Snapshot::SeriesLinks(state),
        }
    }
}

/// The first audit record format.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub(crate) struct AuditV1 {
    pub actor: Actor,
    pub at: String,
    pub change: ChangeV1,
    pub before: Option<SnapshotV1>,
    pub after: Option<SnapshotV1>,
}

#[cfg(test)]
mod tests {
    use super::super::audit::AuditRecord;
    use super::super::codec;
    use super::*;

    #[test]
    fn an_entry_written_before_the_economy_still_reads() {
        let plan = PlanYearV1 {
            council: Council {
                id: "sodermalm".to_owned(),
                name: "Södermalms stadsdelsnämnd".to_owned(),
            },
            year: 2020,
            documents: Vec::new(),
            goals: Vec::new(),
        };
        let old = AuditRecord::V1(AuditV1 {
            actor: Actor::from_parts("a".to_owned(), None),
            at: "2026-01-01T00:00:00Z".to_owned(),
            change: ChangeV1::PutPlanYear(plan.clone()),
            before: Some(SnapshotV1::PlanYear(Box::new(plan.clone()))),
            after: None,
        });
        let bytes = codec::encode(&old).expect("encode");
        let entry = codec::decode::<AuditRecord>(&bytes)
            .expect("decode")
            .into_entry(7);
        let expected: PlanYear = plan.into();
        assert_eq!(entry.seq, 7);
        assert_eq!(entry.change, Change::PutPlanYear(expected.clone()));
        assert_eq!(
            entry.before,
            Some(Snapshot::PlanYear(Box::new(expected.clone())))
        );
        assert_eq!(entry.after, Some(Snapshot::PlanYear(Box::new(expected))));
    }
}
