//! The goal tree as rows: a flat, pre-order list of every goal with its depth and parent, an
//! expanded flag per goal, and the list of visible rows, rebuilt only when the tree or the
//! expansion changes (never per frame). Kept apart from drawing, like gitui's filetreelist.

use crate::domain::{Goal, GoalLevel, NodeId};

/// One goal in the flattened tree.
#[derive(Debug, Clone)]
pub struct TreeNode {
    pub id: NodeId,
    pub level: GoalLevel,
    pub number: Option<String>,
    pub title: String,
    /// Number and title as the tree shows them, sanitised once here rather than on every
    /// frame the tree is drawn.
    pub label: String,
    /// Indices of the goal in `PlanYear::goals` and then in each `children`.
    pub path: Vec<usize>,
    pub depth: usize,
    pub parent: Option<usize>,
    pub has_children: bool,
}

/// What identifies "the same goal" across years and reloads: its level and number, or its
/// title where the document leaves it unnumbered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoalKey {
    pub level: GoalLevel,
    pub number: Option<String>,
    pub title: String,
}

/// Visible rows of a collapsible goal tree and the selected row.
#[derive(Debug, Clone, Default)]
pub struct GoalTree {
    nodes: Vec<TreeNode>,
    expanded: Vec<bool>,
    /// Node indices of the rows that show, top to bottom.
    visible: Vec<usize>,
    /// Index into `visible`.
    selected: usize,
}

impl GoalTree {
    /// A tree of `goals`, fully expanded, the first row selected.
    pub fn new(goals: &[Goal]) -> Self {
        let mut nodes = Vec::new();
        fn walk(
            goal: &Goal,
            path: &mut Vec<usize>,
            parent: Option<usize>,
            nodes: &mut Vec<TreeNode>,
        ) {
            let index = nodes.len();
            nodes.push(TreeNode {
                id: goal.id,
                level: goal.level,
                number: goal.number.clone(),
                title: goal.title.clone(),
                label: crate::tui::widgets::text::clean(&match &goal.number {
                    Some(number) => format!("{number} {}", goal.title),
                    None => goal.title.clone(),
                }),
                path: path.clone(),
                depth: path.len() - 1,
                parent,
                has_children: !goal.children.is_empty(),
            });
            for (child_index, child) in goal.children.iter().enumerate() {
                path.push(child_index);
                walk(child, path, Some(index), nodes);
                path.pop();
            }
        }
        for (index, goal) in goals.iter().enumerate() {
            walk(goal, &mut vec![index], None, &mut nodes);
        }
        let expanded = vec![true; nodes.len()];
        let mut tree = GoalTree {
            nodes,
            expanded,
            visible: Vec::new(),
            selected: 0,
        };
        tree.rebuild_visible(None);
        tree
    }

    /// The tree of `goals`, the same plan year read again: goals keep their folds and the
    /// selection stays on the same goal (by id; on the same row if that goal is gone).
    pub fn refresh(&mut self, goals: &[Goal]) {
        let folded: std::collections::HashSet<NodeId> = self
            .nodes
            .iter()
            .zip(&self.expanded)
            .filter(|(_, expanded)| !**expanded)
            .map(|(node, _)| node.id)
            .collect();
        let selected = self.selected_node().map(|node| node.id);
        let row = self.selected;
        let mut fresh = GoalTree::new(goals);
        for (node, expanded) in fresh.nodes.iter().zip(fresh.expanded.iter_mut()) {
            *expanded = !folded.contains(&node.id);
        }
        let keep = selected.and_then(|id| fresh.nodes.iter().position(|node| node.id == id));
        fresh.selected = row;
        fresh.rebuild_visible(keep);
        *self = fresh;
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Node indices of the visible rows.
    pub fn visible(&self) -> &[usize] {
        &self.visible
    }

    /// Number of goals in the tree, shown or not.
    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    pub fn node(&self, index: usize) -> &TreeNode {
        &self.nodes[index]
    }

    pub fn is_expanded(&self, index: usize) -> bool {
        self.expanded[index]
    }

    /// The selected row's position among the visible rows.
    pub fn selected_row(&self) -> usize {
        self.selected
    }

    pub fn selected_node(&self) -> Option<&TreeNode> {
        self.visible.get(self.selected).map(|&i| &self.nodes[i])
    }

    pub fn selected_key(&self) -> Option<GoalKey> {
        self.selected_node().map(|node| GoalKey {
            level: node.level,
            number: node.number.clone(),
            title: node.title.clone(),
        })
    }

    /// Moves the selection by `delta` rows, stopping at the ends. Returns whether it moved.
    pub fn move_by(&mut self, delta: isize) -> bool {
        if self.visible.is_empty() {
            return false;
        }
        let last = self.visible.len() - 1;
        let target = self.selected.saturating_add_signed(delta).min(last);
        let moved = target != self.selected;
        self.selected = target;
        moved
    }

    pub fn select_first(&mut self) -> bool {
        let moved = self.selected != 0;
        self.selected = 0;
        moved
    }

    pub fn select_last(&mut self) -> bool {
        let last = self.visible.len().saturating_sub(1);
        let moved = self.selected != last;
        self.selected = last;
        moved
    }

    /// Expands the selected goal. Returns whether anything changed.
    pub fn expand(&mut self) -> bool {
        match self.visible.get(self.selected) {
            Some(&index) if self.nodes[index].has_children && !self.expanded[index] => {
                self.expanded[index] = true;
                self.rebuild_visible(Some(index));
                true
            }
            _ => false,
        }
    }

    /// Collapses the selected goal, or, when it is collapsed or a leaf, selects its parent.
    pub fn collapse(&mut self) -> bool {
        let Some(&index) = self.visible.get(self.selected) else {
            return false;
        };
        if self.nodes[index].has_children && self.expanded[index] {
            self.expanded[index] = false;
            self.rebuild_visible(Some(index));
            true
        } else if let Some(parent) = self.nodes[index].parent {
            self.select_node(parent);
            true
        } else {
            false
        }
    }

    pub fn toggle(&mut self) -> bool {
        let Some(&index) = self.visible.get(self.selected) else {
            return false;
        };
        if !self.nodes[index].has_children {
            return false;
        }
        self.expanded[index] = !self.expanded[index];
        self.rebuild_visible(Some(index));
        true
    }

    pub fn expand_all(&mut self) -> bool {
        let keep = self.visible.get(self.selected).copied();
        self.expanded.iter_mut().for_each(|e| *e = true);
        self.rebuild_visible(keep);
        true
    }

    /// Collapses every goal; the selection moves to the top-level goal it was under.
    pub fn collapse_all(&mut self) -> bool {
        let mut keep = self.visible.get(self.selected).copied();
        while let Some(index) = keep {
            match self.nodes[index].parent {
                Some(parent) => keep = Some(parent),
                None => break,
            }
        }
        self.expanded.iter_mut().for_each(|e| *e = false);
        self.rebuild_visible(keep);
        true
    }

    /// Selects the goal matching `key` (by level and number, else by level and title),
    /// expanding its ancestors. Returns whether one was found.
    pub fn select_matching(&mut self, key: &GoalKey) -> bool {
        let by_number = key.number.as_ref().and_then(|number| {
            self.nodes
                .iter()
                .position(|n| n.level == key.level && n.number.as_ref() == Some(number))
        });
        let found = by_number.or_else(|| {
            self.nodes
                .iter()
                .position(|n| n.level == key.level && n.title == key.title)
        });
        match found {
            Some(index) => {
                self.select_node(index);
                true
            }
            None => false,
        }
    }

    /// Selects the node at `index`, expanding its ancestors so it shows.
    pub fn select_node(&mut self, index: usize) {
        let mut ancestor = self.nodes[index].parent;
        let mut changed = false;
        while let Some(parent) = ancestor {
            if !self.expanded[parent] {
                self.expanded[parent] = true;
                changed = true;
            }
            ancestor = self.nodes[parent].parent;
        }
        if changed {
            self.rebuild_visible(Some(index));
        } else if let Some(row) = self.visible.iter().position(|&i| i == index) {
            self.selected = row;
        }
    }

    /// Recomputes the visible rows and puts the selection on `keep` (or the nearest row).
    fn rebuild_visible(&mut self, keep: Option<usize>) {
        self.visible.clear();
        let mut hidden_below: Option<usize> = None;
        for (index, node) in self.nodes.iter().enumerate() {
            if let Some(depth) = hidden_below {
                if node.depth > depth {
                    continue;
                }
                hidden_below = None;
            }
            self.visible.push(index);
            if node.has_children && !self.expanded[index] {
                hidden_below = Some(node.depth);
            }
        }
        self.selected = keep
            .and_then(|k| self.visible.iter().position(|&i| i == k))
            .unwrap_or(self.selected)
            .min(self.visible.len().saturating_sub(1));
    }
}

/// The goal at `path` in `goals` (see [`TreeNode::path`]).
pub fn goal_at<'a>(goals: &'a [Goal], path: &[usize]) -> Option<&'a Goal> {
    let (first, rest) = path.split_first()?;
    let mut goal = goals.get(*first)?;
    for &index in rest {
        goal = goal.children.get(index)?;
    }
    Some(goal)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn goals() -> Vec<Goal> {
        let mut one = Goal::new(1, GoalLevel::Direction, Some("1"), "Ett");
        let mut area = Goal::new(2, GoalLevel::Area, Some("1.1"), "Område");
        area.children = vec![
            Goal::new(3, GoalLevel::Committee, Some("1.1.1"), "Nämndmål A"),
            Goal::new(4, GoalLevel::Committee, Some("1.1.2"), "Nämndmål B"),
        ];
        one.children = vec![area];
        let mut two = Goal::new(5, GoalLevel::Direction, Some("2"), "Två");
        two.children = vec![Goal::new(6, GoalLevel::Area, Some("2.1"), "Område två")];
        vec![one, two]
    }

    #[test]
    fn a_label_is_number_and_title_without_escape_sequences() {
        let hostile = Goal::new(
            1,
            GoalLevel::Direction,
            Some("1\u{1b}[2J"),
            "Röd\u{1b}[31m\u{202e}",
        );
        let plain = Goal::new(2, GoalLevel::Direction, None, "Utan nummer");
        let tree = GoalTree::new(&[hostile, plain]);
        let label = &tree.node(0).label;
        assert!(label.starts_with('1') && label.contains("Röd"), "{label:?}");
        assert!(
            !label.contains(['\u{1b}', '\u{202e}']),
            "sanitised once for every frame: {label:?}"
        );
        assert_eq!(tree.node(1).label, "Utan nummer");
    }

    #[test]
    fn a_refresh_keeps_folds_and_the_selected_goal() {
        let mut tree = GoalTree::new(&goals());
        let index_of = |tree: &GoalTree, id: NodeId| {
            (0..tree.node_count())
                .find(|&i| tree.node(i).id == id)
                .expect("in the tree")
        };
        // Fold «2», select 1.1.2.
        tree.select_node(index_of(&tree, 5));
        assert!(tree.collapse());
        tree.select_node(index_of(&tree, 3));
        tree.move_by(1);
        assert_eq!(tree.selected_node().map(|n| n.id), Some(4));
        let selected_row = tree.selected_row();
        let visible = tree.visible().len();

        let mut again = goals();
        again[0].title = "Ett, omskrivet".into();
        tree.refresh(&again);
        assert_eq!(tree.selected_node().map(|n| n.id), Some(4));
        assert_eq!(tree.selected_row(), selected_row);
        assert_eq!(tree.visible().len(), visible, "«2» stays folded");
        assert_eq!(tree.node(0).title, "Ett, omskrivet");
        assert_eq!(tree.node(0).label, "1 Ett, omskrivet", "the label follows");

        // The selected goal gone: the selection stays on its row.
        again[0].children[0].children.pop();
        tree.refresh(&again);
        assert_eq!(
            tree.selected_row(),
            selected_row.min(tree.visible().len() - 1)
        );
    }
}
