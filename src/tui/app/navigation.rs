//! One navigation request, [`GoTo`], for every "go to this place": the flags jump, the
//! finder, "next to fill in", a draft offered back and the position restored at start. It
//! switches council and year when it must (the node is then selected when the plan arrives),
//! sets the period when it names one, selects the goal in the tree and — for an indicator or
//! activity — puts the detail pane's row cursor on that row, so the review keys act on it.

use super::{App, Effect, Focus};
use crate::domain::{Goal, NodeId, Period};
use crate::tui::edit::NodeRef;
use crate::tui::tree_model::GoalKey;

/// What to select once there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Spot {
    /// A goal, indicator or activity by its id (stable within the store).
    Node(NodeId),
    /// The goal with this level, number and title (the same goal in another year).
    Goal(GoalKey),
    /// Nothing in particular: the tree's first row.
    Start,
}

/// A place to go: council, year, optionally period, and what to select.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoTo {
    pub council: String,
    pub year: u16,
    pub period: Option<Period>,
    pub spot: Spot,
    /// Said in the message line on arrival (e.g. "Indikator: Sjukfrånvaro").
    pub announce: Option<String>,
}

/// The goal a node is, or hangs under, and the node's row in that goal's detail pane.
fn locate(goals: &[Goal], node: NodeId) -> Option<(&Goal, NodeRef)> {
    goals.iter().find_map(|goal| {
        let here = if goal.id == node {
            Some(NodeRef::Goal(node))
        } else if goal.indicators.iter().any(|i| i.id == node) {
            Some(NodeRef::Indicator(node))
        } else if goal.activities.iter().any(|a| a.id == node) {
            Some(NodeRef::Activity(node))
        } else {
            None
        };
        match here {
            Some(row) => Some((goal, row)),
            None => locate(&goal.children, node),
        }
    })
}

impl App {
    /// Goes to `goto`: now when its plan year is loaded, else once it has loaded.
    pub(in crate::tui) fn go_to(&mut self, goto: GoTo) -> Vec<Effect> {
        let Some(index) = self
            .councils
            .iter()
            .position(|c| c.council.id == goto.council && c.years.contains(&goto.year))
        else {
            self.message = Some(format!("{} {} finns inte längre", goto.council, goto.year));
            return Vec::new();
        };
        let loaded = self.council_index == index
            && self.year == Some(goto.year)
            && self
                .plan
                .as_ref()
                .is_some_and(|plan| plan.council.id == goto.council && plan.year == goto.year);
        if loaded {
            self.pending = Some(goto);
            self.arrive();
            return Vec::new();
        }
        self.council_index = index;
        self.year = Some(goto.year);
        self.clear_plan();
        self.pending = Some(goto);
        self.load_current()
    }

    /// Carries out the pending request if the loaded plan is its plan year (called when a
    /// plan arrives, and by [`App::go_to`] when it already has).
    pub(in crate::tui) fn arrive(&mut self) {
        let Some(goto) = self.pending.take() else {
            return;
        };
        let Some(plan) = self.plan.as_ref() else {
            self.pending = Some(goto);
            return;
        };
        if plan.council.id != goto.council || plan.year != goto.year {
            self.pending = Some(goto);
            return;
        }
        if let Some(period) = goto.period {
            self.period = period;
            self.flags.sync(self.plan.as_ref(), self.period);
        }
        self.screens.main.detail.reset();
        let row = match &goto.spot {
            Spot::Start => None,
            Spot::Goal(key) => {
                self.tree.select_matching(key);
                None
            }
            Spot::Node(node) => {
                let Some(plan) = self.plan.as_ref() else {
                    return;
                };
                let Some((goal, row)) = locate(&plan.goals, *node) else {
                    self.message = Some(format!("Det finns inte längre i {}", plan.year));
                    self.keep_selection_visible();
                    return;
                };
                let (goal_id, row_index) = (goal.id, row.detail_row(goal).unwrap_or(0));
                if let Some(index) =
                    (0..self.tree.node_count()).find(|&i| self.tree.node(i).id == goal_id)
                {
                    self.tree.select_node(index);
                }
                (row_index > 0).then_some((goal_id, row_index))
            }
        };
        match row {
            Some((goal_id, row)) => {
                self.screens.main.focus = Focus::Detail;
                self.review.detail_row = Some((goal_id, row));
                self.review.follow_row = true;
            }
            // A goal named by its id is shown in the tree; a goal found again by its key (a
            // year switch) keeps the pane the user was in.
            None if matches!(goto.spot, Spot::Node(_)) => {
                self.screens.main.focus = Focus::Tree;
                self.review.detail_row = None;
            }
            None => {}
        }
        self.keep_selection_visible();
        if let Some(announce) = goto.announce {
            self.message = Some(announce);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Goal, GoalLevel};

    #[test]
    pub(in crate::tui) fn locates_a_node_under_nested_goals() {
        let mut parent = Goal::new(1, GoalLevel::Direction, Some("1"), "Övergripande");
        let mut child = Goal::new(2, GoalLevel::Committee, Some("1.1"), "Nämndmål");
        child.indicators.push(crate::domain::Indicator {
            id: 3,
            origin: crate::domain::Origin::Committee,
            name: "Andel".into(),
            unit: None,
            periodicity: crate::domain::Periodicity::Tertial,
            direction: Default::default(),
            tolerance: 0.2,
            direction_confirmed: false,
            reports: Default::default(),
        });
        parent.children.push(child);
        let goals = vec![parent];
        let (goal, row) = locate(&goals, 3).expect("found");
        assert_eq!((goal.id, row), (2, NodeRef::Indicator(3)));
        assert_eq!(row.detail_row(goal), Some(1));
        assert_eq!(
            locate(&goals, 1).map(|(g, r)| (g.id, r)),
            Some((1, NodeRef::Goal(1)))
        );
        assert!(locate(&goals, 9).is_none());
    }
}
