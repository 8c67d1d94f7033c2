//! The audit record as written before indicator reports kept their read cells and indicators
//! their confirmed direction (`AuditRecord::V2`, and `RefusedRecord::V1`), frozen so those
//! entries stay readable: [`Change`] and [`Snapshot`] as they were, over the frozen domain
//! shapes of [`super::frozen`], migrated on read.

use serde::{Deserialize, Serialize};

use super::audit::Actor;
use super::audit::PlanDiff;
use super::change::{Change, IndicatorValues, Snapshot};
use super::economy::EconomyChange;
use super::frozen::{IndicatorReportV1, PlanYearV2};
use super::series_links::{SeriesLinkState, SeriesRef};
use crate::domain::{ActivityReport, Direction, Economy, GoalStatus, NodeId, Period};

/// [`IndicatorValues`] with a version 1 report.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub(crate) struct IndicatorValuesV1 {
    pub council: String,
    pub year: u16,
    pub indicator: NodeId,
    pub period: Period,
    pub report: IndicatorReportV1,
    pub source: Option<String>,
}

/// [`Change`] as it was in `AuditRecord::V2`: the same variants, in the same order.
#[allow(clippy::large_enum_variant)]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub(crate) enum ChangeV2 {
    PutPlanYear(PlanYearV2),
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
    Economy(EconomyChange),
    AddMonth {
        council: String,
        year: u16,
        month: u8,
    },
    RemoveMonth {
        council: String,
        year: u16,
        month: u8,
    },
    SetIndicatorValues {
        source: String,
        items: Vec<IndicatorValuesV1>,
    },
}

impl From<ChangeV2> for Change {
    fn from(change: ChangeV2) -> Change {
        match change {
            ChangeV2::PutPlanYear(plan) => Change::PutPlanYear(plan.into()),
            ChangeV2::SetGoalStatus {
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
            ChangeV2::SetIndicatorReport {
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
            ChangeV2::SetActivityReport {
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
            ChangeV2::SetIndicatorSettings {
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
            ChangeV2::LinkSeries { a, b } => Change::LinkSeries { a, b },
            ChangeV2::UnlinkSeries { a, b } => Change::UnlinkSeries { a, b },
            ChangeV2::Economy(edit) => Change::Economy(edit),
            ChangeV2::AddMonth {
                council,
                year,
                month,
            } => Change::AddMonth {
                council,
                year,
                month,
            },
            ChangeV2::RemoveMonth {
                council,
                year,
                month,
            } => Change::RemoveMonth {
                council,
                year,
                month,
            },
            ChangeV2::SetIndicatorValues { source, items } => Change::SetIndicatorValues {
                source,
                items: items
                    .into_iter()
                    .map(|item| IndicatorValues {
                        council: item.council,
                        year: item.year,
                        indicator: item.indicator,
                        period: item.period,
                        report: item.report.into(),
                        source: item.source,
                    })
                    .collect(),
            },
        }
    }
}

/// [`Snapshot`] as it was in `AuditRecord::V2`.
#[allow(clippy::large_enum_variant)]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub(crate) enum SnapshotV2 {
    PlanYear(Box<PlanYearV2>),
    GoalStatus(GoalStatus),
    IndicatorReport(IndicatorReportV1),
    ActivityReport(ActivityReport),
    IndicatorSettings {
        direction: Direction,
        tolerance: f64,
    },
    SeriesLinks(SeriesLinkState),
    Economy(Box<Economy>),
    Months(Vec<u8>),
    IndicatorReports(Vec<Option<IndicatorReportV1>>),
}

impl From<SnapshotV2> for Snapshot {
    fn from(snapshot: SnapshotV2) -> Snapshot {
        match snapshot {
            SnapshotV2::PlanYear(plan) => Snapshot::PlanYear(Box::new((*plan).into())),
            SnapshotV2::GoalStatus(status) => Snapshot::GoalStatus(status),
            SnapshotV2::IndicatorReport(report) => Snapshot::IndicatorReport(report.into()),
            SnapshotV2::ActivityReport(report) => Snapshot::ActivityReport(report),
            SnapshotV2::IndicatorSettings {
                direction,
                tolerance,
            } => Snapshot::IndicatorSettings {
                direction,
                tolerance,
                // Unknown then; a direction could not be confirmed before version 3.
                confirmed: false,
            },
            SnapshotV2::SeriesLinks(state) => Snapshot::SeriesLinks(state),
            SnapshotV2::Economy(economy) => Snapshot::Economy(economy),
            SnapshotV2::Months(months) => Snapshot::Months(months),
            SnapshotV2::IndicatorReports(reports) => Snapshot::IndicatorReports(
                reports
                    .into_iter()
                    .map(|report| report.map(Into::into))
                    .collect(),
            ),
        }
    }
}

/// What a change replaced, as in `AuditRecord::V2`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub(crate) enum BeforeV2 {
    Whole(Option<Box<SnapshotV2>>),
    /// The plan-year difference is made of versioned node and period records, which read
    /// old versions themselves.
    PlanYearDiff(Box<PlanDiff>),
}

/// The audit record of version 2: `before` as a difference where the change is a whole
/// plan year, and notes.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub(crate) struct AuditV2 {
    pub actor: Actor,
    pub at: String,
    pub change: ChangeV2,
    pub before: BeforeV2,
    pub after: Option<SnapshotV2>,
    pub notes: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::super::audit::AuditRecord;
    use super::super::codec;
    use super::*;
    use crate::domain::{Target, Value};

    #[test]
    fn an_entry_written_before_read_cells_still_reads() {
        let report = IndicatorReportV1 {
            outcome: Value::from_cell("12 st"),
            outcome_men: Value::Empty,
            outcome_women: Value::Empty,
            prev_year_outcome: Value::Empty,
            forecast_full_year: Value::Empty,
            annual_target: Target::from_cell("öka"),
            council_target: Target::Empty,
            period_label: "2020".to_owned(),
            analysis: String::new(),
            comment: String::new(),
            excluded: false,
            stated_status: None,
            ambiguous: false,
        };
        let old = AuditRecord::V2(AuditV2 {
            actor: Actor::from_parts("a".to_owned(), None),
            at: "2026-06-01T00:00:00Z".to_owned(),
            change: ChangeV2::SetIndicatorReport {
                council: "sodermalm".to_owned(),
                year: 2020,
                indicator: 7,
                period: Period::Tertial(1),
                report: report.clone(),
            },
            before: BeforeV2::Whole(Some(Box::new(SnapshotV2::IndicatorSettings {
                direction: Direction::LowerBetter,
                tolerance: 0.1,
            }))),
            after: Some(SnapshotV2::IndicatorReport(report)),
            notes: vec!["en anteckning".to_owned()],
        });
        let bytes = codec::encode(&old).expect("encode");
        assert_eq!(bytes[0], 1, "audit version 2");
        let record = codec::decode::<AuditRecord>(&bytes).expect("decode");
        assert_eq!(record.notes(), ["en anteckning".to_owned()]);
        let entry = record.into_entry(4);
        let Change::SetIndicatorReport { report, .. } = &entry.change else {
            panic!("{:?}", entry.change);
        };
        assert_eq!(report.annual_target, Target::from_cell("öka"));
        assert!(report.read_cells.is_empty());
        assert_eq!(
            entry.before,
            Some(Snapshot::IndicatorSettings {
                direction: Direction::LowerBetter,
                tolerance: 0.1,
                confirmed: false,
            })
        );
        assert!(matches!(entry.after, Some(Snapshot::IndicatorReport(_))));
    }
}
