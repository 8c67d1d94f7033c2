//! "Next thing to fill in": the first gap after the current position, in document order, of
//! those [`check_plan`] reports — a goal without bedömning or analys, an indicator due this
//! period without a value, an *Avvikelse* without analys. Wraps around at the end.

use crate::domain::evaluate::consistency::{FindingKind, check_plan};
use crate::domain::{NodeId, Period, PlanYear};

use super::target::NodeRef;

/// Where a gap is: the goal whose detail pane shows it, and the row there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Todo {
    pub goal: NodeId,
    pub node: NodeRef,
    /// The finding's Swedish message.
    pub message: String,
}

/// Every node in the order the tree and detail panes show them: each goal, then its
/// indicators, then its activities.
fn document_order(plan: &PlanYear) -> Vec<(NodeId, NodeRef)> {
    let mut order = Vec::new();
    for goal in plan.goals_depth_first() {
        order.push((goal.id, NodeRef::Goal(goal.id)));
        order.extend(
            goal.indicators
                .iter()
                .map(|i| (goal.id, NodeRef::Indicator(i.id))),
        );
        order.extend(
            goal.activities
                .iter()
                .map(|a| (goal.id, NodeRef::Activity(a.id))),
        );
    }
    order
}

/// The first gap strictly after `current` (or from the start), wrapping around.
pub fn next_todo(plan: &PlanYear, period: Period, current: Option<NodeRef>) -> Option<Todo> {
    let order = document_order(plan);
    let position_of = |node: NodeRef| order.iter().position(|(_, n)| *n == node);
    let mut gaps: Vec<(usize, Todo)> = check_plan(plan, period)
        .into_iter()
        .filter(|finding| {
            matches!(
                finding.kind,
                FindingKind::MissingAssessment
                    | FindingKind::MissingAnalysis
                    | FindingKind::MissingValue
                    | FindingKind::UncertainPlacement
                    | FindingKind::DeviationWithoutAnalysis
            )
        })
        .filter_map(|finding| {
            let index = order.iter().position(|(_, node)| {
                node.id() == finding.node
                    && match finding.kind {
                        FindingKind::MissingValue | FindingKind::UncertainPlacement => {
                            matches!(node, NodeRef::Indicator(_))
                        }
                        FindingKind::DeviationWithoutAnalysis => {
                            matches!(node, NodeRef::Activity(_))
                        }
                        _ => matches!(node, NodeRef::Goal(_)),
                    }
            })?;
            let (goal, node) = order[index];
            Some((
                index,
                Todo {
                    goal,
                    node,
                    message: finding.message,
                },
            ))
        })
        .collect();
    gaps.sort_by_key(|(index, _)| *index);
    // A goal missing both bedömning and analys is one stop, not two.
    gaps.dedup_by_key(|(index, _)| *index);
    let after = current.and_then(position_of);
    let next = gaps
        .iter()
        .position(|(index, _)| after.is_none_or(|after| *index > after))
        .unwrap_or(0);
    gaps.into_iter().nth(next).map(|(_, todo)| todo)
}
