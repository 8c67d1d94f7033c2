//! The stored record types, and the split of a [`PlanYear`] into records and back.
//!
//! Each record is a versioned enum. The payloads reuse the domain's small value types
//! (`GoalStatus`, `IndicatorReport`, `Target`, …); when one of those changes shape, the old
//! payload is frozen as a private copy (module `frozen`) and a new version added, because
//! bincode cannot read old bytes after a field is added. Old versions are read and upgraded
//! in memory ([`NodeRecord::into_current`], [`ReportRecord::into_current`]); writes are
//! always the newest version.
//!
//! Version 2 of nodes and reports (issue 11): an indicator knows whether a user confirmed its
//! *riktning*, and an indicator report keeps the cells as the document wrote them.
//!
//! A plan year is stored as one `YearRecord` (its source documents), one `NodeRecord` per goal,
//! indicator and activity (static fields, parent and position among its siblings) and one
//! `ReportRecord` per node and period. Reassembly sorts siblings by position, so the tree
//! comes back exactly as it was put, whatever order the ids were given in.

use std::collections::{BTreeMap, HashMap, HashSet};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::StoreError;
use super::codec::Versioned;
use super::frozen::IndicatorReportV1;
use crate::domain::{
    Activity, ActivityReport, Council, Direction, Goal, GoalLevel, GoalStatus, Indicator,
    IndicatorReport, NodeId, Origin, Period, Periodicity, PlanYear, SourceDocument,
};

/// A council: its internal key number and its name. Keyed by slug.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) enum CouncilRecord {
    V1(CouncilV1),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct CouncilV1 {
    pub key: u32,
    pub name: String,
}

impl Versioned for CouncilRecord {
    const KIND: &'static str = "nämndpost";
    const KNOWN_VERSIONS: u32 = 1;
}

/// What belongs to a council-year as a whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) enum YearRecord {
    V1(YearV1),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct YearV1 {
    pub documents: Vec<SourceDocument>,
}

impl Versioned for YearRecord {
    const KIND: &'static str = "årspost";
    const KNOWN_VERSIONS: u32 = 1;
}

/// A goal, indicator or activity without its per-period data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) enum NodeRecord {
    /// Before an indicator's direction could be confirmed.
    V1(NodeV1),
    V2(NodeV2),
}

impl Versioned for NodeRecord {
    const KIND: &'static str = "nodpost";
    const KNOWN_VERSIONS: u32 = 2;
}

/// A node record of the current version (2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct NodeV2 {
    /// The goal it hangs on; `None` for an inriktningsmål.
    pub parent: Option<NodeId>,
    /// Index among the parent's goals, indicators or activities (each list counts apart).
    pub position: u32,
    pub body: NodeBodyV2,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) enum NodeBodyV2 {
    Goal(GoalV1),
    Indicator(IndicatorV2),
    Activity(ActivityV1),
}

/// An indicator's static fields, with whether a user confirmed its *riktning*.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct IndicatorV2 {
    pub origin: Origin,
    pub name: String,
    pub unit: Option<String>,
    pub periodicity: Periodicity,
    pub direction: Direction,
    pub tolerance: f64,
    pub direction_confirmed: bool,
}

impl NodeRecord {
    /// The record as the current version: a version 1 indicator's direction was never
    /// confirmed (there was no way to say so).
    pub(crate) fn into_current(self) -> NodeV2 {
        match self {
            NodeRecord::V2(node) => node,
            NodeRecord::V1(node) => NodeV2 {
                parent: node.parent,
                position: node.position,
                body: match node.body {
                    NodeBodyV1::Goal(goal) => NodeBodyV2::Goal(goal),
                    NodeBodyV1::Activity(activity) => NodeBodyV2::Activity(activity),
                    NodeBodyV1::Indicator(indicator) => NodeBodyV2::Indicator(IndicatorV2 {
                        origin: indicator.origin,
                        name: indicator.name,
                        unit: indicator.unit,
                        periodicity: indicator.periodicity,
                        direction: indicator.direction,
                        tolerance: indicator.tolerance,
                        direction_confirmed: false,
                    }),
                },
            },
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct NodeV1 {
    /// The goal it hangs on; `None` for an inriktningsmål.
    pub parent: Option<NodeId>,
    /// Index among the parent's goals, indicators or activities (each list counts apart).
    pub position: u32,
    pub body: NodeBodyV1,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) enum NodeBodyV1 {
    Goal(GoalV1),
    Indicator(IndicatorV1),
    Activity(ActivityV1),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct GoalV1 {
    pub level: GoalLevel,
    pub number: Option<String>,
    pub title: String,
    pub description: String,
    pub expected_results: Vec<String>,
    pub expected_results_raw: String,
    pub narrative: String,
    pub comment: String,
    pub sdg_refs: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct IndicatorV1 {
    pub origin: Origin,
    pub name: String,
    pub unit: Option<String>,
    pub periodicity: Periodicity,
    pub direction: Direction,
    pub tolerance: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct ActivityV1 {
    pub origin: Origin,
    pub title: String,
    pub start: Option<Date>,
    pub end: Option<Date>,
}

/// A node's data in one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) enum ReportRecord {
    /// Before an indicator report kept its cells as read.
    V1(ReportV1),
    V2(ReportV2),
}

impl Versioned for ReportRecord {
    const KIND: &'static str = "periodpost";
    const KNOWN_VERSIONS: u32 = 2;
}

// Decoded and dropped one at a time; boxing would only add an allocation per record.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) enum ReportV1 {
    Goal(GoalStatus),
    Indicator(IndicatorReportV1),
    Activity(ActivityReport),
}

/// A period record of the current version (2).
// Decoded and dropped one at a time; boxing would only add an allocation per record.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) enum ReportV2 {
    Goal(GoalStatus),
    Indicator(IndicatorReport),
    Activity(ActivityReport),
}

impl ReportRecord {
    /// The record as the current version: a version 1 indicator report has no read cells.
    pub(crate) fn into_current(self) -> ReportV2 {
        match self {
            ReportRecord::V2(report) => report,
            ReportRecord::V1(ReportV1::Goal(status)) => ReportV2::Goal(status),
            ReportRecord::V1(ReportV1::Indicator(report)) => ReportV2::Indicator(report.into()),
            ReportRecord::V1(ReportV1::Activity(report)) => ReportV2::Activity(report),
        }
    }
}

/// What kind of node an id names; used to check a change aims at the right thing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    Goal,
    Indicator,
    Activity,
}

impl NodeKind {
    /// Swedish noun with indefinite article, for messages.
    pub fn label(self) -> &'static str {
        match self {
            NodeKind::Goal => "ett mål",
            NodeKind::Indicator => "en indikator",
            NodeKind::Activity => "en aktivitet",
        }
    }
}

impl NodeRecord {
    pub(crate) fn kind(&self) -> NodeKind {
        match self {
            NodeRecord::V1(node) => match node.body {
                NodeBodyV1::Goal(_) => NodeKind::Goal,
                NodeBodyV1::Indicator(_) => NodeKind::Indicator,
                NodeBodyV1::Activity(_) => NodeKind::Activity,
            },
            NodeRecord::V2(node) => match node.body {
                NodeBodyV2::Goal(_) => NodeKind::Goal,
                NodeBodyV2::Indicator(_) => NodeKind::Indicator,
                NodeBodyV2::Activity(_) => NodeKind::Activity,
            },
        }
    }
}

/// A plan year cut into records, ready to write.
pub(crate) struct SplitPlanYear {
    pub year: YearRecord,
    pub nodes: Vec<(NodeId, NodeRecord)>,
    pub reports: Vec<(NodeId, Period, ReportRecord)>,
}

/// Cuts a plan year into records. Refuses a tree that uses an id twice, since the second
/// node would silently overwrite the first.
pub(crate) fn split(plan: &PlanYear) -> Result<SplitPlanYear, StoreError> {
    let mut out = SplitPlanYear {
        year: YearRecord::V1(YearV1 {
            documents: plan.documents.clone(),
        }),
        nodes: Vec::new(),
        reports: Vec::new(),
    };
    for (position, goal) in plan.goals.iter().enumerate() {
        split_goal(goal, None, position, &mut out);
    }
    for (id, period, _) in &out.reports {
        if Period::from_ordinal(period.ordinal()) != Some(*period) {
            return Err(StoreError::InvalidPlanYear(format!(
                "nod {id} har data för perioden {period}, som inte finns"
            )));
        }
    }
    let mut seen = HashSet::new();
    for (id, _) in &out.nodes {
        if !seen.insert(*id) {
            return Err(StoreError::InvalidPlanYear(format!(
                "{} {}: id {id} används av mer än ett mål, en indikator eller en aktivitet",
                plan.council.id, plan.year
            )));
        }
    }
    Ok(out)
}

fn position_of(index: usize) -> u32 {
    u32::try_from(index).unwrap_or(u32::MAX)
}

fn split_goal(goal: &Goal, parent: Option<NodeId>, position: usize, out: &mut SplitPlanYear) {
    out.nodes.push((
        goal.id,
        NodeRecord::V2(NodeV2 {
            parent,
            position: position_of(position),
            body: NodeBodyV2::Goal(GoalV1 {
                level: goal.level,
                number: goal.number.clone(),
                title: goal.title.clone(),
                description: goal.description.clone(),
                expected_results: goal.expected_results.clone(),
                expected_results_raw: goal.expected_results_raw.clone(),
                narrative: goal.narrative.clone(),
                comment: goal.comment.clone(),
                sdg_refs: goal.sdg_refs.clone(),
            }),
        }),
    ));
    for (period, status) in &goal.status {
        out.reports.push((
            goal.id,
            *period,
            ReportRecord::V2(ReportV2::Goal(status.clone())),
        ));
    }
    for (position, indicator) in goal.indicators.iter().enumerate() {
        out.nodes.push((
            indicator.id,
            NodeRecord::V2(NodeV2 {
                parent: Some(goal.id),
                position: position_of(position),
                body: NodeBodyV2::Indicator(IndicatorV2 {
                    origin: indicator.origin,
                    name: indicator.name.clone(),
                    unit: indicator.unit.clone(),
                    periodicity: indicator.periodicity,
                    direction: indicator.direction,
                    tolerance: indicator.tolerance,
                    direction_confirmed: indicator.direction_confirmed,
                }),
            }),
        ));
        for (period, report) in &indicator.reports {
            out.reports.push((
                indicator.id,
                *period,
                ReportRecord::V2(ReportV2::Indicator(report.clone())),
            ));
        }
    }
    for (position, activity) in goal.activities.iter().enumerate() {
        out.nodes.push((
            activity.id,
            NodeRecord::V2(NodeV2 {
                parent: Some(goal.id),
                position: position_of(position),
                body: NodeBodyV2::Activity(ActivityV1 {
                    origin: activity.origin,
                    title: activity.title.clone(),
                    start: activity.start,
                    end: activity.end,
                }),
            }),
        ));
        for (period, report) in &activity.reports {
            out.reports.push((
                activity.id,
                *period,
                ReportRecord::V2(ReportV2::Activity(report.clone())),
            ));
        }
    }
    for (position, child) in goal.children.iter().enumerate() {
        split_goal(child, Some(goal.id), position, out);
    }
}

/// Rebuilds the nested plan year from its records (nodes and reports in key order).
pub(crate) fn assemble(
    council: Council,
    year: u16,
    year_record: YearRecord,
    nodes: Vec<(NodeId, NodeRecord)>,
    reports: Vec<(NodeId, Period, ReportRecord)>,
) -> Result<PlanYear, StoreError> {
    let corrupt = |what: String| StoreError::Corrupt(format!("{} {year}: {what}", council.id));
    let YearRecord::V1(year_v1) = year_record;

    let mut reports_by_node: HashMap<NodeId, Vec<(Period, ReportV2)>> = HashMap::new();
    for (node, period, record) in reports {
        reports_by_node
            .entry(node)
            .or_default()
            .push((period, record.into_current()));
    }

    // Siblings grouped under their parent, in stored position order.
    let mut children: BTreeMap<Option<NodeId>, Vec<(u32, NodeId)>> = BTreeMap::new();
    let mut bodies: HashMap<NodeId, NodeBodyV2> = HashMap::new();
    for (id, record) in nodes {
        let node = record.into_current();
        children
            .entry(node.parent)
            .or_default()
            .push((node.position, id));
        bodies.insert(id, node.body);
    }
    for siblings in children.values_mut() {
        siblings.sort_unstable();
    }

    let mut builder = TreeBuilder {
        children,
        bodies,
        reports_by_node,
    };
    let roots = builder.children.remove(&None).unwrap_or_default();
    let mut goals = Vec::with_capacity(roots.len());
    for (_, id) in roots {
        goals.push(builder.goal(id).map_err(corrupt)?);
    }
    if !builder.bodies.is_empty() {
        let mut orphans: Vec<_> = builder.bodies.keys().copied().collect();
        orphans.sort_unstable();
        return Err(corrupt(format!("noder utan förälder: {orphans:?}")));
    }
    Ok(PlanYear {
        council,
        year,
        documents: year_v1.documents,
        goals,
        months: Vec::new(),
        economy: Default::default(),
    })
}

struct TreeBuilder {
    children: BTreeMap<Option<NodeId>, Vec<(u32, NodeId)>>,
    bodies: HashMap<NodeId, NodeBodyV2>,
    reports_by_node: HashMap<NodeId, Vec<(Period, ReportV2)>>,
}

impl TreeBuilder {
    /// Builds goal `id` with its subtree. Each body is taken out of the map when used, so a
    /// corrupt parent cycle ends instead of recursing forever.
    fn goal(&mut self, id: NodeId) -> Result<Goal, String> {
        let Some(NodeBodyV2::Goal(goal)) = self.bodies.remove(&id) else {
            return Err(format!("nod {id} saknas eller är inget mål"));
        };
        let mut status = BTreeMap::new();
        for (period, report) in self.reports_by_node.remove(&id).unwrap_or_default() {
            match report {
                ReportV2::Goal(goal_status) => {
                    status.insert(period, goal_status);
                }
                _ => return Err(format!("mål {id} har en periodpost av fel slag")),
            }
        }
        let mut built = Goal {
            id,
            level: goal.level,
            number: goal.number,
            title: goal.title,
            description: goal.description,
            expected_results: goal.expected_results,
            expected_results_raw: goal.expected_results_raw,
            narrative: goal.narrative,
            comment: goal.comment,
            sdg_refs: goal.sdg_refs,
            status,
            indicators: Vec::new(),
            activities: Vec::new(),
            children: Vec::new(),
        };
        for (_, child) in self.children.remove(&Some(id)).unwrap_or_default() {
            match self.bodies.get(&child) {
                Some(NodeBodyV2::Goal(_)) => built.children.push(self.goal(child)?),
                Some(NodeBodyV2::Indicator(_)) => built.indicators.push(self.indicator(child)?),
                Some(NodeBodyV2::Activity(_)) => built.activities.push(self.activity(child)?),
                None => return Err(format!("nod {child} förekommer två gånger i trädet")),
            }
        }
        Ok(built)
    }

    fn indicator(&mut self, id: NodeId) -> Result<Indicator, String> {
        let Some(NodeBodyV2::Indicator(indicator)) = self.bodies.remove(&id) else {
            return Err(format!("nod {id} är ingen indikator"));
        };
        let mut reports = BTreeMap::new();
        for (period, report) in self.reports_by_node.remove(&id).unwrap_or_default() {
            match report {
                ReportV2::Indicator(indicator_report) => {
                    reports.insert(period, indicator_report);
                }
                _ => return Err(format!("indikator {id} har en periodpost av fel slag")),
            }
        }
        Ok(Indicator {
            id,
            origin: indicator.origin,
            name: indicator.name,
            unit: indicator.unit,
            periodicity: indicator.periodicity,
            direction: indicator.direction,
            tolerance: indicator.tolerance,
            direction_confirmed: indicator.direction_confirmed,
            reports,
        })
    }

    fn activity(&mut self, id: NodeId) -> Result<Activity, String> {
        let Some(NodeBodyV2::Activity(activity)) = self.bodies.remove(&id) else {
            return Err(format!("nod {id} är ingen aktivitet"));
        };
        let mut reports = BTreeMap::new();
        for (period, report) in self.reports_by_node.remove(&id).unwrap_or_default() {
            match report {
                ReportV2::Activity(activity_report) => {
                    reports.insert(period, activity_report);
                }
                _ => return Err(format!("aktivitet {id} har en periodpost av fel slag")),
            }
        }
        Ok(Activity {
            id,
            origin: activity.origin,
            title: activity.title,
            start: activity.start,
            end: activity.end,
            reports,
        })
    }
}

/// A council-year's economy (tree `economy`, keyed like `years`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) enum EconomyRecord {
    V1(crate::domain::Economy),
}

impl Versioned for EconomyRecord {
    const KIND: &'static str = "ekonomipost";
    const KNOWN_VERSIONS: u32 = 1;
}

/// The month periods (1–12) a council-year reports on (tree `months`, keyed like `years`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) enum MonthsRecord {
    V1(Vec<u8>),
}

impl Versioned for MonthsRecord {
    const KIND: &'static str = "månadspost";
    const KNOWN_VERSIONS: u32 = 1;
}

/// The flags of a council-year marked *ej aktuell i denna period* (tree `dismissals`, keyed
/// like `years`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) enum DismissalsRecord {
    V1(crate::domain::flags::Dismissals),
}

impl Versioned for DismissalsRecord {
    const KIND: &'static str = "ej aktuell-post";
    const KNOWN_VERSIONS: u32 = 1;
}

/// Where an indicator's values in one period came from when an import brought them
/// (*källa*): keyed like its report in the `value_sources` tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) enum ValueSourceRecord {
    V1(ValueSourceV1),
}

impl Versioned for ValueSourceRecord {
    const KIND: &'static str = "värdekälla";
    const KNOWN_VERSIONS: u32 = 1;
}

/// The source and the values it set, so that a value changed since (typed by a user, or a
/// re-imported document) is no longer attributed to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct ValueSourceV1 {
    /// "Kolada N00945 2020 T, K, M".
    pub source: String,
    pub outcome: crate::domain::Value,
    pub outcome_men: crate::domain::Value,
    pub outcome_women: crate::domain::Value,
}

impl ValueSourceV1 {
    /// The source of what `item` writes.
    pub(crate) fn of(source: &str, report: &IndicatorReport) -> ValueSourceV1 {
        ValueSourceV1 {
            source: source.to_owned(),
            outcome: report.outcome.clone(),
            outcome_men: report.outcome_men.clone(),
            outcome_women: report.outcome_women.clone(),
        }
    }

    /// Whether a value it set is still the one `report` holds.
    pub(crate) fn still_holds(&self, report: &IndicatorReport) -> bool {
        [
            (&self.outcome, &report.outcome),
            (&self.outcome_men, &report.outcome_men),
            (&self.outcome_women, &report.outcome_women),
        ]
        .iter()
        .any(|(set, now)| !set.is_empty() && set == now)
    }
}

#[cfg(test)]
mod tests {
    use super::super::codec;
    use super::*;
    use crate::domain::{ReadCell, ReportField, Target, Value};

    fn old_report() -> IndicatorReportV1 {
        IndicatorReportV1 {
            outcome: Value::from_cell("7,4 %"),
            outcome_men: Value::Empty,
            outcome_women: Value::Empty,
            prev_year_outcome: Value::from_cell("Ny indikator 2020"),
            forecast_full_year: Value::Empty,
            annual_target: Target::from_cell("Ökning"),
            council_target: Target::from_cell("Tas fram av nämnd"),
            period_label: "Tertial 1 2020".to_owned(),
            analysis: "Analys".to_owned(),
            comment: String::new(),
            excluded: false,
            stated_status: None,
            ambiguous: true,
        }
    }

    /// The bytes of `old_report()` as a version 1 period record, as malkoll wrote them
    /// before issue 11 (checked against a database the earlier binary wrote).
    fn old_report_bytes() -> Vec<u8> {
        codec::encode(&ReportRecord::V1(ReportV1::Indicator(old_report()))).expect("encode")
    }

    #[test]
    fn a_version_1_period_record_still_reads() {
        let bytes = old_report_bytes();
        assert_eq!(bytes[0], 0, "version 1");
        let record: ReportRecord = codec::decode(&bytes).expect("decode");
        let ReportV2::Indicator(report) = record.into_current() else {
            panic!("an indicator report");
        };
        assert_eq!(report.outcome, Value::from_cell("7,4 %"));
        assert_eq!(report.annual_target, Target::from_cell("Ökning"));
        assert!(report.ambiguous);
        assert!(
            report.read_cells.is_empty(),
            "no read cells before version 2"
        );
    }

    #[test]
    fn a_version_1_indicator_node_still_reads_unconfirmed() {
        let old = NodeRecord::V1(NodeV1 {
            parent: Some(1),
            position: 3,
            body: NodeBodyV1::Indicator(IndicatorV1 {
                origin: Origin::Committee,
                name: "Antal hembesök".to_owned(),
                unit: Some("st".to_owned()),
                periodicity: Periodicity::Year,
                direction: Direction::HigherBetter,
                tolerance: 0.2,
            }),
        });
        let bytes = codec::encode(&old).expect("encode");
        let node = codec::decode::<NodeRecord>(&bytes)
            .expect("decode")
            .into_current();
        assert_eq!((node.parent, node.position), (Some(1), 3));
        let NodeBodyV2::Indicator(indicator) = node.body else {
            panic!("an indicator");
        };
        assert_eq!(indicator.name, "Antal hembesök");
        assert!(!indicator.direction_confirmed);
    }

    #[test]
    fn a_version_2_report_keeps_its_read_cells() {
        let mut report: IndicatorReport = old_report().into();
        report.read_cells = vec![ReadCell {
            field: ReportField::AnnualTarget,
            raw: "Ökning".to_owned(),
            uncertain: true,
        }];
        let bytes =
            codec::encode(&ReportRecord::V2(ReportV2::Indicator(report.clone()))).expect("encode");
        assert_eq!(bytes[0], 1, "version 2");
        let decoded: ReportRecord = codec::decode(&bytes).expect("decode");
        assert_eq!(decoded.into_current(), ReportV2::Indicator(report));
    }
}
