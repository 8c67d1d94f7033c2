//! The state of the *Att åtgärda* screen: the flag list of the loaded plan and period
//! ([`crate::domain::flags`]), its sort order and selection, and each goal's worst flag for
//! the tree's status marks. The list is computed when the plan or period changes
//! ([`FlagsState::sync`]), never per frame; the selection survives closing and reopening,
//! so jumping to a node and coming back finds the list where it was. After the goals' flags
//! come the economy's deficits beyond the threshold ([`crate::domain::flags::economy`]): each
//! verksamhetsområde with its amount, and the nämnd as a whole.

use std::collections::HashMap;

use crate::domain::flags::economy::{DEFAULT_DEFICIT_SHARE, EconomyFlag, economy_flags};
use crate::domain::flags::{Dismissals, Flag, FlagKind, FlagSort, flags_of_plan, sort_flags};
use crate::domain::{NodeId, Period, PlanYear};
use crate::tui::action::Action;
use crate::tui::widgets::scroll_list::ScrollList;

use super::Sizes;

/// Which plan and period the list was computed for.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ListKey {
    council: String,
    year: u16,
    period: Period,
    revision: u64,
}

/// The flags screen's state.
#[derive(Debug, Clone, Default)]
pub struct FlagsState {
    flags: Vec<Flag>,
    /// The economy's deficits, listed after `flags`.
    deficits: Vec<EconomyFlag>,
    /// The most severe flag kind per goal id.
    marks: HashMap<NodeId, FlagKind>,
    sort: FlagSort,
    /// Index into `flags` followed by `deficits`.
    selected: usize,
    /// The list's lines (goal headings and flags) as shown; the selected flag's line is kept
    /// in view.
    scroll: ScrollList,
    key: Option<ListKey>,
    /// Bumped by [`FlagsState::invalidate`] when the plan's data changed in place.
    revision: u64,
    /// The loaded plan year's flags marked *ej aktuell*, which the list shows as handled.
    dismissals: Dismissals,
}

impl FlagsState {
    /// Recomputes the list when the plan, period or revision differ from the last
    /// computation; keeps the selection (clamped) otherwise.
    pub fn sync(&mut self, plan: Option<&PlanYear>, period: Period) {
        let Some(plan) = plan else {
            self.flags.clear();
            self.deficits.clear();
            self.marks.clear();
            self.key = None;
            self.selected = 0;
            return;
        };
        let key = ListKey {
            council: plan.council.id.clone(),
            year: plan.year,
            period,
            revision: self.revision,
        };
        if self.key.as_ref() == Some(&key) {
            return;
        }
        let same_scope = self
            .key
            .as_ref()
            .is_some_and(|old| old.council == key.council && old.year == key.year);
        // A period without a report has nothing to flag (not "everything missing").
        let reported = plan.periods().contains(&period);
        self.flags = if reported {
            flags_of_plan(plan, period)
        } else {
            Vec::new()
        };
        self.dismissals.mark(&mut self.flags, period);
        self.deficits = if reported {
            economy_flags(&plan.economy, period, DEFAULT_DEFICIT_SHARE)
        } else {
            Vec::new()
        };
        sort_flags(&mut self.flags, self.sort);
        self.marks.clear();
        // A flag marked ej aktuell is handled: it no longer marks its goal in the tree.
        for flag in self.flags.iter().filter(|flag| flag.is_open()) {
            self.marks
                .entry(flag.goal.id)
                .and_modify(|kind| *kind = (*kind).min(flag.kind))
                .or_insert(flag.kind);
        }
        if !same_scope {
            self.selected = 0;
        }
        self.selected = self.selected.min(self.len().saturating_sub(1));
        self.key = Some(key);
    }

    /// The loaded plan year's *ej aktuell* marks (read with it); the list is recomputed
    /// when they differ.
    pub fn set_dismissals(&mut self, dismissals: Dismissals) {
        if self.dismissals != dismissals {
            self.dismissals = dismissals;
            self.invalidate();
        }
    }

    /// Marks the list stale, for after the plan's data was changed in place (an edit).
    pub fn invalidate(&mut self) {
        self.revision += 1;
    }

    /// Takes the list's sizes from the layout pass and keeps the selected flag in view.
    pub fn lay_out(&mut self, sizes: Sizes) {
        self.scroll.resize(sizes.lines, sizes.rows);
        self.scroll.show(sizes.selected_line, 1);
    }

    /// The first line of the list shown.
    pub fn offset(&self) -> usize {
        self.scroll.offset()
    }

    /// The list in its current order.
    pub fn flags(&self) -> &[Flag] {
        &self.flags
    }

    pub fn sort(&self) -> FlagSort {
        self.sort
    }

    /// Index of the selected flag in [`FlagsState::flags`].
    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn selected_flag(&self) -> Option<&Flag> {
        self.flags.get(self.selected)
    }

    /// The economy's deficits beyond the threshold, listed after the flags.
    pub fn deficits(&self) -> &[EconomyFlag] {
        &self.deficits
    }

    /// The selected deficit, when the selection is past the goals' flags.
    pub fn selected_deficit(&self) -> Option<&EconomyFlag> {
        self.deficits
            .get(self.selected.checked_sub(self.flags.len())?)
    }

    /// Rows in the list: flags and deficits.
    pub fn len(&self) -> usize {
        self.flags.len() + self.deficits.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The most severe flag on the goal `goal` (its own items and findings).
    pub fn mark(&self, goal: NodeId) -> Option<FlagKind> {
        self.marks.get(&goal).copied()
    }

    /// Next sort order; the selected flag stays selected.
    pub fn cycle_sort(&mut self) {
        let selected = self
            .selected_flag()
            .map(|f| (f.node, f.kind, f.message.clone()));
        self.sort = self.sort.next();
        sort_flags(&mut self.flags, self.sort);
        if let Some(selected) = selected {
            self.selected = self
                .flags
                .iter()
                .position(|f| (f.node, f.kind, f.message.clone()) == selected)
                .unwrap_or(0);
        }
    }

    /// Moves the selection over the flags and the deficits after them for a navigation
    /// action, a page being the list's rows.
    pub fn navigate(&mut self, action: Action) {
        let last = self.len().saturating_sub(1);
        let page = self.scroll.page().max(1);
        self.selected = match action {
            Action::MoveUp => self.selected.saturating_sub(1),
            Action::MoveDown => self.selected.saturating_add(1),
            Action::PageUp => self.selected.saturating_sub(page),
            Action::PageDown => self.selected.saturating_add(page),
            Action::First => 0,
            Action::Last => last,
            _ => self.selected,
        }
        .min(last);
    }
}
