//! Where a node's analys text lives (goal status, indicator report or activity report of the
//! period), and the [`Change`] that stores a new text there without touching the rest.

use crate::domain::{Activity, Goal, Indicator, PlanYear};
use crate::store::Change;

use super::target::{EditTarget, NodeRef};

/// A node of the plan with the goal it hangs on.
#[derive(Debug, Clone, Copy)]
pub enum FoundNode<'a> {
    Goal(&'a Goal),
    Indicator(&'a Goal, &'a Indicator),
    Activity(&'a Goal, &'a Activity),
}

impl<'a> FoundNode<'a> {
    /// The goal whose detail pane shows the node.
    pub fn goal(self) -> &'a Goal {
        match self {
            FoundNode::Goal(goal)
            | FoundNode::Indicator(goal, _)
            | FoundNode::Activity(goal, _) => goal,
        }
    }

    /// How the node is named in titles.
    pub fn name(self) -> String {
        match self {
            FoundNode::Goal(goal) => goal.heading(),
            FoundNode::Indicator(_, indicator) => indicator.name.clone(),
            FoundNode::Activity(_, activity) => activity.title.clone(),
        }
    }
}

/// Finds `node` in `plan`.
pub fn find(plan: &PlanYear, node: NodeRef) -> Option<FoundNode<'_>> {
    match node {
        NodeRef::Goal(id) => plan.goal(id).map(FoundNode::Goal),
        NodeRef::Indicator(id) => plan
            .indicators()
            .find(|(_, i)| i.id == id)
            .map(|(g, i)| FoundNode::Indicator(g, i)),
        NodeRef::Activity(id) => plan
            .activities()
            .find(|(_, a)| a.id == id)
            .map(|(g, a)| FoundNode::Activity(g, a)),
    }
}

/// The stored analys of the node in the target's period.
pub fn stored_analysis(found: FoundNode<'_>, target: &EditTarget) -> String {
    match found {
        FoundNode::Goal(goal) => goal.status_in(target.period).analysis,
        FoundNode::Indicator(_, indicator) => indicator.report_in(target.period).analysis,
        FoundNode::Activity(_, activity) => activity.report_in(target.period).analysis,
    }
}

/// The change that stores `text` as the node's analys; `mark_deviation` also marks an
/// activity *Avvikelse* (the analys that explains it is saved in the same change).
pub fn analysis_change(
    found: FoundNode<'_>,
    target: &EditTarget,
    text: String,
    mark_deviation: bool,
) -> Change {
    let council = target.council.clone();
    let (year, period) = (target.year, target.period);
    match found {
        FoundNode::Goal(goal) => {
            let mut status = goal.status_in(period);
            status.analysis = text;
            Change::SetGoalStatus {
                council,
                year,
                goal: goal.id,
                period,
                status,
            }
        }
        FoundNode::Indicator(_, indicator) => {
            let mut report = indicator.stored_report(period);
            report.analysis = text;
            Change::SetIndicatorReport {
                council,
                year,
                indicator: indicator.id,
                period,
                report,
            }
        }
        FoundNode::Activity(_, activity) => {
            let mut report = activity.report_in(period);
            report.analysis = text;
            report.deviation |= mark_deviation;
            Change::SetActivityReport {
                council,
                year,
                activity: activity.id,
                period,
                report,
            }
        }
    }
}
