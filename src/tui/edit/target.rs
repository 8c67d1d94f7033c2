//! What an edit is about: a goal, indicator or activity of one council-year, in one period.
//! The same target names the drafts of its analys text and of its value form, so a draft
//! finds its way back.

use crate::domain::{Goal, NodeId, Period};

/// A node of the plan year that can be edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NodeRef {
    Goal(NodeId),
    Indicator(NodeId),
    Activity(NodeId),
}

impl NodeRef {
    pub fn id(self) -> NodeId {
        match self {
            NodeRef::Goal(id) | NodeRef::Indicator(id) | NodeRef::Activity(id) => id,
        }
    }

    fn kind_name(self) -> &'static str {
        match self {
            NodeRef::Goal(_) => "mal",
            NodeRef::Indicator(_) => "indikator",
            NodeRef::Activity(_) => "aktivitet",
        }
    }

    /// The node at row `index` of a goal's detail pane: the goal itself, then its
    /// indicators, then its activities (the order the pane shows them in).
    pub fn at_detail_row(goal: &Goal, index: usize) -> NodeRef {
        let indicators = goal.indicators.len();
        if index == 0 {
            NodeRef::Goal(goal.id)
        } else if index <= indicators {
            NodeRef::Indicator(goal.indicators[index - 1].id)
        } else {
            match goal.activities.get(index - 1 - indicators) {
                Some(activity) => NodeRef::Activity(activity.id),
                None => NodeRef::Goal(goal.id),
            }
        }
    }

    /// The detail row of this node under `goal`, if it hangs there.
    pub fn detail_row(self, goal: &Goal) -> Option<usize> {
        match self {
            NodeRef::Goal(id) => (id == goal.id).then_some(0),
            NodeRef::Indicator(id) => goal
                .indicators
                .iter()
                .position(|i| i.id == id)
                .map(|i| i + 1),
            NodeRef::Activity(id) => goal
                .activities
                .iter()
                .position(|a| a.id == id)
                .map(|i| i + 1 + goal.indicators.len()),
        }
    }
}

/// A node in one council, year and period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditTarget {
    pub council: String,
    pub year: u16,
    pub period: Period,
    pub node: NodeRef,
}

/// What a draft holds: the analys editor's text, or the value form's field texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftKind {
    /// The analys of a goal, indicator or activity (the text as typed).
    Analysis,
    /// The value form of an indicator (the field texts, see
    /// [`super::drafts::ValuesDraft`]).
    Values,
}

impl DraftKind {
    /// The last part of the draft key.
    fn key_suffix(self) -> &'static str {
        match self {
            DraftKind::Analysis => "analys",
            DraftKind::Values => "varden",
        }
    }
}

impl EditTarget {
    /// The key of this node's analys draft: `sodermalm/2020/9/mal/3/analys`. The period is
    /// stored by its ordinal, which round-trips for every period (labels do not for months).
    pub fn draft_key(&self) -> String {
        self.draft_key_for(DraftKind::Analysis)
    }

    /// The key of a draft of `kind` for this node: `sodermalm/2020/9/indikator/4/varden` for
    /// an indicator's value form. A malkoll that predates a kind does not read its key, so it
    /// leaves such a draft alone instead of misreading it.
    pub fn draft_key_for(&self, kind: DraftKind) -> String {
        format!(
            "{}/{}/{}/{}/{}/{}",
            self.council,
            self.year,
            self.period.ordinal(),
            self.node.kind_name(),
            self.node.id(),
            kind.key_suffix()
        )
    }

    /// Reads a key made by [`EditTarget::draft_key_for`]; `None` for anything else (a value
    /// draft is only an indicator's).
    pub fn from_draft_key(key: &str) -> Option<(EditTarget, DraftKind)> {
        let mut parts = key.split('/');
        let council = parts.next()?.to_owned();
        let year = parts.next()?.parse().ok()?;
        let period = Period::from_ordinal(parts.next()?.parse().ok()?)?;
        let kind = parts.next()?;
        let id = parts.next()?.parse().ok()?;
        let draft = match parts.next()? {
            "analys" => DraftKind::Analysis,
            "varden" => DraftKind::Values,
            _ => return None,
        };
        if parts.next().is_some() || council.is_empty() {
            return None;
        }
        let node = match kind {
            "mal" => NodeRef::Goal(id),
            "indikator" => NodeRef::Indicator(id),
            "aktivitet" => NodeRef::Activity(id),
            _ => return None,
        };
        if draft == DraftKind::Values && !matches!(node, NodeRef::Indicator(_)) {
            return None;
        }
        Some((
            EditTarget {
                council,
                year,
                period,
                node,
            },
            draft,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draft_keys_round_trip() {
        for period in Period::all() {
            for node in [
                NodeRef::Goal(3),
                NodeRef::Indicator(4),
                NodeRef::Activity(6),
            ] {
                let target = EditTarget {
                    council: "sodermalm".into(),
                    year: 2020,
                    period,
                    node,
                };
                assert_eq!(
                    EditTarget::from_draft_key(&target.draft_key()),
                    Some((target.clone(), DraftKind::Analysis))
                );
                let values = EditTarget::from_draft_key(&target.draft_key_for(DraftKind::Values));
                let expected = matches!(node, NodeRef::Indicator(_))
                    .then(|| (target.clone(), DraftKind::Values));
                assert_eq!(values, expected, "only an indicator has a value form");
            }
        }
        assert_eq!(
            EditTarget::from_draft_key("sodermalm/2020/9/mal/3/analys").map(|(_, k)| k),
            Some(DraftKind::Analysis),
            "an analys draft of an earlier malkoll still reads"
        );
        assert_eq!(
            EditTarget::from_draft_key("sodermalm/2020/9/mal/x/analys"),
            None
        );
        assert_eq!(
            EditTarget::from_draft_key("sodermalm/2020/9/indikator/4/annat"),
            None
        );
        assert_eq!(EditTarget::from_draft_key("annat"), None);
    }
}
