//! A council's plan year: the whole goal tree with everything reported on it, the unit that
//! is imported, exported as JSON (data/) and loaded for the screens.

use serde::{Deserialize, Serialize};

use super::activity::Activity;
use super::budget::Economy;
use super::goal::Goal;
use super::ids::{CouncilId, NodeId};
use super::indicator::Indicator;
use super::period::Period;

/// A district council (*stadsdelsnämnd*).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Council {
    pub id: CouncilId,
    /// "Södermalms stadsdelsnämnd".
    pub name: String,
}

/// The kind of document a period's data came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DocKind {
    /// *Verksamhetsplan*.
    Plan,
    /// *Tertialrapport* 1 or 2.
    Tertial(u8),
    /// *Verksamhetsberättelse*.
    AnnualReport,
}

impl DocKind {
    pub fn period(self) -> Period {
        match self {
            DocKind::Plan => Period::Plan,
            DocKind::Tertial(n) => Period::Tertial(n),
            DocKind::AnnualReport => Period::AnnualReport,
        }
    }
}

/// Where one period's data came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceDocument {
    pub kind: DocKind,
    /// File name of the source text.
    pub source: String,
    /// Document-level text: the *Sammanfattande analys* or *Sammanfattning*.
    #[serde(default)]
    pub summary: String,
}

/// One council's year: the goal tree and every period reported on it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct PlanYear {
    pub council: Council,
    pub year: u16,
    #[serde(default)]
    pub documents: Vec<SourceDocument>,
    /// The inriktningsmål, each with its subtree.
    pub goals: Vec<Goal>,
    /// The months (1–12) the year reports on besides its documents' periods: a monthly
    /// economy follow-up, added by a user (an importer never invents one).
    #[serde(default)]
    pub months: Vec<u8>,
    /// The economy of the year (*ekonomi*): budget, prognoses, bokslut per verksamhetsområde.
    #[serde(default)]
    pub economy: Economy,
}

/// The JSON (human-readable) form leaves out empty months and economy, so data/ files of
/// years without them read as before; the binary form (audit snapshots) writes every field,
/// as bincode needs a fixed shape.
impl Serialize for PlanYear {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let human = serializer.is_human_readable();
        let months = !human || !self.months.is_empty();
        let economy = !human || !self.economy.is_empty();
        let fields = 4 + usize::from(months) + usize::from(economy);
        let mut out = serializer.serialize_struct("PlanYear", fields)?;
        out.serialize_field("council", &self.council)?;
        out.serialize_field("year", &self.year)?;
        out.serialize_field("documents", &self.documents)?;
        out.serialize_field("goals", &self.goals)?;
        if months {
            out.serialize_field("months", &self.months)?;
        } else {
            out.skip_field("months")?;
        }
        if economy {
            out.serialize_field("economy", &self.economy)?;
        } else {
            out.skip_field("economy")?;
        }
        out.end()
    }
}

/// The periods that have data, in time order: the documents' periods and the added months.
pub fn periods_with_data(documents: &[SourceDocument], months: &[u8]) -> Vec<Period> {
    let mut periods: Vec<Period> = documents
        .iter()
        .map(|d| d.kind.period())
        .chain(
            months
                .iter()
                .filter(|m| (1..=12).contains(*m))
                .map(|m| Period::Month(*m)),
        )
        .collect();
    periods.sort();
    periods.dedup();
    periods
}

/// One year of a council and its periods with data ([`PlanYear::periods`]), without its goals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearPeriods {
    pub year: u16,
    pub periods: Vec<Period>,
}

/// A council with its years and their periods (*nämnd, år, perioder*): what one chooses
/// between to go somewhere, read without loading a goal tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CouncilPeriods {
    pub council: Council,
    /// Ascending.
    pub years: Vec<YearPeriods>,
}

impl PlanYear {
    /// The periods that have data, in time order: the documents' periods and the months.
    pub fn periods(&self) -> Vec<Period> {
        periods_with_data(&self.documents, &self.months)
    }

    /// Every goal, depth first in document order.
    pub fn goals_depth_first(&self) -> Vec<&Goal> {
        fn walk<'a>(goal: &'a Goal, out: &mut Vec<&'a Goal>) {
            out.push(goal);
            for child in &goal.children {
                walk(child, out);
            }
        }
        let mut out = Vec::new();
        for goal in &self.goals {
            walk(goal, &mut out);
        }
        out
    }

    pub fn indicators(&self) -> impl Iterator<Item = (&Goal, &Indicator)> {
        self.goals_depth_first()
            .into_iter()
            .flat_map(|goal| goal.indicators.iter().map(move |i| (goal, i)))
    }

    pub fn activities(&self) -> impl Iterator<Item = (&Goal, &Activity)> {
        self.goals_depth_first()
            .into_iter()
            .flat_map(|goal| goal.activities.iter().map(move |a| (goal, a)))
    }

    pub fn goal(&self, id: NodeId) -> Option<&Goal> {
        self.goals_depth_first()
            .into_iter()
            .find(|goal| goal.id == id)
    }

    pub fn goal_mut(&mut self, id: NodeId) -> Option<&mut Goal> {
        fn find(goals: &mut [Goal], id: NodeId) -> Option<&mut Goal> {
            for goal in goals {
                if goal.id == id {
                    return Some(goal);
                }
                if let Some(found) = find(&mut goal.children, id) {
                    return Some(found);
                }
            }
            None
        }
        find(&mut self.goals, id)
    }

    /// Mutable access to the indicator with `id`, wherever it hangs.
    pub fn indicator_mut(&mut self, id: NodeId) -> Option<&mut Indicator> {
        fn find(goals: &mut [Goal], id: NodeId) -> Option<&mut Indicator> {
            for goal in goals {
                if let Some(found) = goal.indicators.iter_mut().find(|i| i.id == id) {
                    return Some(found);
                }
                if let Some(found) = find(&mut goal.children, id) {
                    return Some(found);
                }
            }
            None
        }
        find(&mut self.goals, id)
    }

    /// Mutable access to the activity with `id`, wherever it hangs.
    pub fn activity_mut(&mut self, id: NodeId) -> Option<&mut Activity> {
        fn find(goals: &mut [Goal], id: NodeId) -> Option<&mut Activity> {
            for goal in goals {
                if let Some(found) = goal.activities.iter_mut().find(|a| a.id == id) {
                    return Some(found);
                }
                if let Some(found) = find(&mut goal.children, id) {
                    return Some(found);
                }
            }
            None
        }
        find(&mut self.goals, id)
    }

    /// The largest id in use; new nodes take ids after it.
    pub fn max_id(&self) -> NodeId {
        let goals = self.goals_depth_first();
        let goal_max = goals.iter().map(|g| g.id);
        let indicator_max = goals.iter().flat_map(|g| g.indicators.iter().map(|i| i.id));
        let activity_max = goals.iter().flat_map(|g| g.activities.iter().map(|a| a.id));
        goal_max
            .chain(indicator_max)
            .chain(activity_max)
            .max()
            .unwrap_or(0)
    }
}
