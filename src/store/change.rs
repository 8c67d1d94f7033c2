//! [`Change`]: every mutation of stored data, as a value. The same value is applied by
//! [`Store::apply`](super::Store::apply), kept in the audit log, and is the unit of undo.

use serde::{Deserialize, Serialize};

use super::economy::EconomyChange;
use super::series_links::{SeriesLinkState, SeriesRef};
use crate::domain::flags::FlagCode;
use crate::domain::{
    ActivityReport, Direction, GoalStatus, IndicatorReport, NodeId, Period, PlanYear,
};

/// One mutation of stored data.
// The API is fixed with PutPlanYear unboxed; changes are made one at a time, size is moot.
#[allow(clippy::large_enum_variant)]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub enum Change {
    /// Import or replace a whole council-year.
    PutPlanYear(PlanYear),
    /// *Bedömning* and *analys* of a goal in one period.
    SetGoalStatus {
        council: String,
        year: u16,
        goal: NodeId,
        period: Period,
        status: GoalStatus,
    },
    /// Values, targets and analysis of an indicator in one period.
    SetIndicatorReport {
        council: String,
        year: u16,
        indicator: NodeId,
        period: Period,
        report: IndicatorReport,
    },
    /// *Avvikelse*, completion and analysis of an activity in one period.
    SetActivityReport {
        council: String,
        year: u16,
        activity: NodeId,
        period: Period,
        report: ActivityReport,
    },
    /// An indicator's *riktning* and tolerance for *uppnås delvis*: they live on the
    /// indicator, not per period, so they hold for the whole year.
    SetIndicatorSettings {
        council: String,
        year: u16,
        indicator: NodeId,
        direction: Direction,
        tolerance: f64,
        /// Whether the direction is settled by a user afterwards (true from the settings
        /// form); an undo puts back what was before, so an assumed direction is assumed again.
        confirmed: bool,
    },
    /// `b` joins the indicator series of `a` (names drift between years).
    LinkSeries { a: SeriesRef, b: SeriesRef },
    /// `a` and `b` are not the same series, even if the bundled alias list says so.
    UnlinkSeries { a: SeriesRef, b: SeriesRef },
    /// An edit of the council-year's economy (budget, prognosis, analys per area).
    Economy(EconomyChange),
    /// A month (1–12) becomes a period of the council-year: a monthly follow-up.
    AddMonth {
        council: String,
        year: u16,
        month: u8,
    },
    /// A month added by [`Change::AddMonth`] is no longer a period (its undo).
    RemoveMonth {
        council: String,
        year: u16,
        month: u8,
    },
    /// Values of many indicators at once (`import values`, `import kolada`): one audited
    /// change per import, undone as one. `source` names the file.
    SetIndicatorValues {
        source: String,
        items: Vec<IndicatorValues>,
    },
    /// A flag marked *ej aktuell i denna period* with its reason, or (`None`) open again.
    SetFlagDismissal {
        council: String,
        year: u16,
        period: Period,
        /// The indicator, activity or goal flagged.
        node: NodeId,
        code: FlagCode,
        reason: Option<String>,
    },
}

/// One indicator's whole report in one period, within [`Change::SetIndicatorValues`].
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct IndicatorValues {
    pub council: String,
    pub year: u16,
    pub indicator: NodeId,
    pub period: Period,
    pub report: IndicatorReport,
    /// Where the values came from when not typed: "Kolada N00945 2020 T" (kept in the audit
    /// log with the value).
    #[serde(default)]
    pub source: Option<String>,
}

impl Change {
    /// The council slug the change is about.
    pub fn council(&self) -> &str {
        match self {
            Change::PutPlanYear(plan) => &plan.council.id,
            Change::SetGoalStatus { council, .. }
            | Change::SetIndicatorReport { council, .. }
            | Change::SetActivityReport { council, .. }
            | Change::SetIndicatorSettings { council, .. } => council,
            Change::LinkSeries { b, .. } | Change::UnlinkSeries { b, .. } => &b.council,
            Change::Economy(edit) => edit.council(),
            Change::AddMonth { council, .. } | Change::RemoveMonth { council, .. } => council,
            Change::SetIndicatorValues { items, .. } => {
                items.first().map_or("", |item| item.council.as_str())
            }
            Change::SetFlagDismissal { council, .. } => council,
        }
    }

    /// The year the change is about.
    pub fn year(&self) -> u16 {
        match self {
            Change::PutPlanYear(plan) => plan.year,
            Change::SetGoalStatus { year, .. }
            | Change::SetIndicatorReport { year, .. }
            | Change::SetActivityReport { year, .. }
            | Change::SetIndicatorSettings { year, .. } => *year,
            Change::LinkSeries { b, .. } | Change::UnlinkSeries { b, .. } => b.year,
            Change::Economy(edit) => edit.year(),
            Change::AddMonth { year, .. } | Change::RemoveMonth { year, .. } => *year,
            Change::SetIndicatorValues { items, .. } => items.first().map_or(0, |item| item.year),
            Change::SetFlagDismissal { year, .. } => *year,
        }
    }

    /// A Swedish one-liner for messages and undo, without looking anything up: nodes are
    /// named by id ("Bedömning för mål 12 T1 2020"). [`Store::describe`](super::Store::describe)
    /// names them by number or title instead.
    pub fn describe(&self) -> String {
        match self {
            Change::PutPlanYear(plan) => {
                format!("Plan och uppföljning {} {}", plan.council.name, plan.year)
            }
            Change::SetGoalStatus {
                goal, period, year, ..
            } => format!("Bedömning för mål {goal} {period} {year}"),
            Change::SetIndicatorReport {
                indicator,
                period,
                year,
                ..
            } => format!("Värden för indikator {indicator} {period} {year}"),
            Change::SetActivityReport {
                activity,
                period,
                year,
                ..
            } => format!("Status för aktivitet {activity} {period} {year}"),
            Change::SetIndicatorSettings {
                indicator, year, ..
            } => format!("Riktning och tolerans för indikator {indicator} {year}"),
            Change::LinkSeries { a, b } => {
                format!("Serien «{}» länkad till «{}»", b.name, a.name)
            }
            Change::UnlinkSeries { a, b } => {
                format!("Serien «{}» skild från «{}»", b.name, a.name)
            }
            Change::Economy(edit) => edit.describe(),
            Change::AddMonth { year, month, .. } => format!(
                "Perioden {} {year} tillagd",
                Period::Month(*month).name().to_lowercase()
            ),
            Change::RemoveMonth { year, month, .. } => format!(
                "Perioden {} {year} borttagen",
                Period::Month(*month).name().to_lowercase()
            ),
            Change::SetIndicatorValues { source, items } => {
                format!("Import av {} indikatorvärden från {source}", items.len())
            }
            Change::SetFlagDismissal {
                node,
                period,
                year,
                code,
                reason,
                ..
            } => dismissal_description(&format!("nod {node}"), *code, *period, *year, reason),
        }
    }
}

/// A stored record as it was before or after a change: enough to show it and to undo.
// Held one or two at a time; boxing the indicator report would only add an allocation.
#[allow(clippy::large_enum_variant)]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub enum Snapshot {
    PlanYear(Box<PlanYear>),
    GoalStatus(GoalStatus),
    IndicatorReport(IndicatorReport),
    ActivityReport(ActivityReport),
    /// An indicator's direction and tolerance ([`Change::SetIndicatorSettings`]).
    IndicatorSettings {
        direction: Direction,
        tolerance: f64,
        /// Whether a user had confirmed the direction (*antagen riktning* when not).
        confirmed: bool,
    },
    /// The series decisions a link or unlink touched, by key (`None`: no decision stored).
    SeriesLinks(SeriesLinkState),
    /// A council-year's whole economy ([`Change::Economy`]).
    Economy(Box<crate::domain::Economy>),
    /// A council-year's added months ([`Change::AddMonth`], [`Change::RemoveMonth`]).
    Months(Vec<u8>),
    /// The reports a [`Change::SetIndicatorValues`] replaced, item by item (`None`: none).
    IndicatorReports(Vec<Option<IndicatorReport>>),
    /// A flag's *ej aktuell* reason ([`Change::SetFlagDismissal`]; `None`: not marked).
    Dismissal(Option<String>),
}

/// "«Brukarundersökning» saknar utfall: ej aktuell T1 2020 (Årlig enkät)", or "… gäller
/// igen" when the mark is taken away.
pub(super) fn dismissal_description(
    name: &str,
    code: FlagCode,
    period: Period,
    year: u16,
    reason: &Option<String>,
) -> String {
    match reason {
        Some(reason) => format!(
            "«{name}» {}: ej aktuell {period} {year} ({})",
            code.label(),
            reason.trim()
        ),
        None => format!("«{name}» {}: gäller igen {period} {year}", code.label()),
    }
}

impl Change {
    /// The change that puts back `before`, the state this change replaced; `None` when
    /// nothing can express it yet (a plan year that did not exist: there is no removal).
    /// A per-period record that did not exist comes back as its default, which the domain
    /// reads the same as absent.
    pub fn undo(&self, before: Option<&Snapshot>) -> Option<Change> {
        match (self, before) {
            (Change::PutPlanYear(_), Some(Snapshot::PlanYear(plan))) => {
                Some(Change::PutPlanYear((**plan).clone()))
            }
            (Change::PutPlanYear(_), _) => None,
            (
                Change::SetGoalStatus {
                    council,
                    year,
                    goal,
                    period,
                    ..
                },
                before,
            ) => Some(Change::SetGoalStatus {
                council: council.clone(),
                year: *year,
                goal: *goal,
                period: *period,
                status: match before {
                    Some(Snapshot::GoalStatus(status)) => status.clone(),
                    _ => GoalStatus::default(),
                },
            }),
            (
                Change::SetIndicatorReport {
                    council,
                    year,
                    indicator,
                    period,
                    ..
                },
                before,
            ) => Some(Change::SetIndicatorReport {
                council: council.clone(),
                year: *year,
                indicator: *indicator,
                period: *period,
                report: match before {
                    Some(Snapshot::IndicatorReport(report)) => report.clone(),
                    _ => IndicatorReport::default(),
                },
            }),
            (
                Change::SetActivityReport {
                    council,
                    year,
                    activity,
                    period,
                    ..
                },
                before,
            ) => Some(Change::SetActivityReport {
                council: council.clone(),
                year: *year,
                activity: *activity,
                period: *period,
                report: match before {
                    Some(Snapshot::ActivityReport(report)) => report.clone(),
                    _ => ActivityReport::default(),
                },
            }),
            // The indicator existed before (settings cannot create one), so `before` is
            // always there; without it nothing honest can be put back.
            (
                Change::SetIndicatorSettings {
                    council,
                    year,
                    indicator,
                    ..
                },
                Some(Snapshot::IndicatorSettings {
                    direction,
                    tolerance,
                    confirmed,
                }),
            ) => Some(Change::SetIndicatorSettings {
                council: council.clone(),
                year: *year,
                indicator: *indicator,
                direction: *direction,
                tolerance: *tolerance,
                confirmed: *confirmed,
            }),
            (Change::SetIndicatorSettings { .. }, _) => None,
            // A link that replaced another link of `b` puts that one back; otherwise undoing a
            // link is unlinking, and undoing an unlink is linking again.
            (Change::LinkSeries { a, b }, before) => {
                let earlier = match before {
                    Some(Snapshot::SeriesLinks(state)) => state
                        .iter()
                        .filter_map(|(_, link)| link.as_ref())
                        .find_map(|link| link.linked_to.clone()),
                    _ => None,
                };
                Some(match earlier {
                    Some(earlier) => Change::LinkSeries {
                        a: earlier,
                        b: b.clone(),
                    },
                    None => Change::UnlinkSeries {
                        a: a.clone(),
                        b: b.clone(),
                    },
                })
            }
            (Change::UnlinkSeries { a, b }, _) => Some(Change::LinkSeries {
                a: a.clone(),
                b: b.clone(),
            }),
            (Change::Economy(edit), before) => edit.undo(before),
            (
                Change::AddMonth {
                    council,
                    year,
                    month,
                },
                _,
            ) => Some(Change::RemoveMonth {
                council: council.clone(),
                year: *year,
                month: *month,
            }),
            (
                Change::RemoveMonth {
                    council,
                    year,
                    month,
                },
                _,
            ) => Some(Change::AddMonth {
                council: council.clone(),
                year: *year,
                month: *month,
            }),
            (
                Change::SetIndicatorValues { source, items },
                Some(Snapshot::IndicatorReports(before)),
            ) if before.len() == items.len() => Some(Change::SetIndicatorValues {
                source: format!("ångra {source}"),
                items: items
                    .iter()
                    .zip(before)
                    .map(|(item, old)| IndicatorValues {
                        report: old.clone().unwrap_or_default(),
                        ..item.clone()
                    })
                    .collect(),
            }),
            (Change::SetIndicatorValues { .. }, _) => None,
            (
                Change::SetFlagDismissal {
                    council,
                    year,
                    period,
                    node,
                    code,
                    ..
                },
                before,
            ) => Some(Change::SetFlagDismissal {
                council: council.clone(),
                year: *year,
                period: *period,
                node: *node,
                code: *code,
                reason: match before {
                    Some(Snapshot::Dismissal(reason)) => reason.clone(),
                    _ => None,
                },
            }),
        }
    }
}
