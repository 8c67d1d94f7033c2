//! The application state and its one entry point: [`App::update`] takes every input as a
//! [`Msg`](super::msg::Msg) and returns the [`Effect`]s the effect runner must perform. No I/O
//! happens here.

mod dispatch;
mod economy;
mod lookup;
mod navigation;

use crate::domain::{Council, CouncilId, Period, PlanYear};
use crate::search::SeriesKey;
use crate::store::Change;
use crate::store::SeriesRef;
use lookup::Lookup;

use super::action::Action;
use super::edit::{ReviewState, SaveKind};
use super::flags::FlagsState;
use super::keymap::{Context, Keymap};
use super::position::Position;
use super::tree_model::{GoalTree, TreeNode, goal_at};

mod review;

pub use navigation::{GoTo, Spot};
pub use review::SaveState;

/// I/O the event loop performs for the app.
// Effects live for one update; boxing the change would only add an allocation per save.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Load a council's plan year and hand it to [`App::plan_loaded`].
    LoadPlan {
        council: CouncilId,
        year: u16,
    },
    /// Clear the terminal and draw everything anew (Ctrl-L, a resize).
    ClearScreen,
    /// Read the drafts an earlier session left, to offer them back.
    LoadDrafts,
    /// Ask what opening the data found (read-only, `recovered/`), for the status line.
    LoadNotices,
    /// Build the finder's index over all councils and years; hand it to [`App::search_ready`].
    BuildSearchIndex,
    /// Load one council's history of a series; hand it to [`App::history_loaded`].
    LoadHistory {
        council: CouncilId,
        series: SeriesKey,
    },
    /// Store a series link (`link`) or unlink of `a` and `b`; hand the aliases now in force to
    /// [`App::series_changed`].
    ApplySeriesLink {
        link: bool,
        a: SeriesRef,
        b: SeriesRef,
    },
    Quit,
    /// Apply a change to the store (one transaction with its audit entry, flushed) and hand
    /// the result to [`App::change_applied`].
    Apply {
        change: Change,
        kind: SaveKind,
    },
    /// Keep unsaved analys text as a draft.
    SaveDraft {
        key: String,
        text: String,
    },
    /// Forget a draft (its text was saved or discarded).
    DiscardDraft {
        key: String,
    },
    /// Write the period's report of a council-year as a Word file in the working directory;
    /// hand where it went to [`Msg::ReportWritten`](super::msg::Msg::ReportWritten).
    WriteReport {
        council: CouncilId,
        year: u16,
        period: Period,
    },
}

/// Which pane has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Tree,
    Detail,
}

/// A council and the years the store has for it.
#[derive(Debug, Clone)]
pub struct CouncilYears {
    pub council: Council,
    pub years: Vec<u16>,
}

/// Sizes of the frame about to be drawn, which paging and scroll limits depend on. The loop's
/// layout pass hands them over before each draw ([`App::set_viewport`]); drawing never
/// writes into the state, and `update` stays free of layout code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Viewport {
    pub tree_rows: usize,
    pub detail_rows: usize,
    pub detail_max_scroll: usize,
    pub help_rows: usize,
    pub help_max_scroll: usize,
    /// Flags shown per page on the flags screen.
    pub flags_rows: usize,
    /// Lines (first, count) of the detail pane's cursor row, for scrolling it into view.
    pub detail_row_lines: Option<(usize, usize)>,
    /// Rows of the finder's hit list and of the history table.
    pub finder_rows: usize,
    pub history_rows: usize,
    /// Area rows and the detail's furthest scroll on the Ekonomi screen.
    pub economy: crate::tui::screens::economy::Page,
}

impl Default for Viewport {
    fn default() -> Self {
        // Until the first frame: a 24-line terminal.
        Viewport {
            tree_rows: 20,
            detail_rows: 20,
            detail_max_scroll: usize::MAX,
            help_rows: 16,
            help_max_scroll: usize::MAX,
            flags_rows: 8,
            detail_row_lines: None,
            finder_rows: 16,
            history_rows: 8,
            economy: crate::tui::screens::economy::Page {
                rows: 8,
                max_scroll: usize::MAX,
            },
        }
    }
}

/// UI state: what is chosen, selected, open and scrolled.
#[derive(Debug, Clone)]
pub struct App {
    councils: Vec<CouncilYears>,
    council_index: usize,
    year: Option<u16>,
    plan: Option<PlanYear>,
    tree: GoalTree,
    period: Period,
    focus: Focus,
    tree_offset: usize,
    detail_scroll: usize,
    help_scroll: Option<usize>,
    user: String,
    /// The bindings keys are resolved through.
    keymap: Keymap,
    message: Option<String>,
    /// Where to go once the plan being loaded arrives.
    pending: Option<GoTo>,
    viewport: Viewport,
    /// The *Att åtgärda* list and screen.
    flags: FlagsState,
    /// Editors, undo history and drafts of the monthly review.
    review: ReviewState,
    /// The finder and the history screen.
    lookup: Lookup,
    /// The Ekonomi screen.
    economy: crate::tui::screens::economy::EconomyScreen,
    /// Opening notices already shown, and whether the source has said all it will.
    notices_shown: Vec<String>,
    notices_done: bool,
}

impl App {
    /// A new app over `councils` (sorted), shown to `user`, keys bound by `keymap`. Returns
    /// the effects that load the first screen (the first council's latest year) and then the
    /// drafts an earlier session left.
    /// With `start`, it opens there instead (where the user left off), if that still exists.
    pub fn new(
        councils: Vec<CouncilYears>,
        user: impl Into<String>,
        keymap: Keymap,
        start: Option<Position>,
    ) -> (App, Vec<Effect>) {
        let mut app = App {
            councils,
            council_index: 0,
            year: None,
            plan: None,
            tree: GoalTree::default(),
            period: Period::Plan,
            focus: Focus::Tree,
            tree_offset: 0,
            detail_scroll: 0,
            help_scroll: None,
            user: user.into(),
            keymap,
            message: None,
            pending: None,
            viewport: Viewport::default(),
            flags: FlagsState::default(),
            review: ReviewState::default(),
            lookup: Lookup::default(),
            economy: Default::default(),
            notices_shown: Vec::new(),
            notices_done: false,
        };
        let mut effects = match start {
            Some(position) => app.go_to(GoTo {
                council: position.council,
                year: position.year,
                period: Some(position.period),
                spot: position.node.map_or(Spot::Start, Spot::Node),
                announce: None,
            }),
            None => Vec::new(),
        };
        if effects.is_empty() {
            // No position, or its council or year is gone.
            effects = app.choose_council(0, None);
        }
        effects.push(Effect::LoadDrafts);
        effects.push(Effect::LoadNotices);
        (app, effects)
    }

    // ---- read access for the views ----

    pub fn council(&self) -> Option<&Council> {
        self.councils.get(self.council_index).map(|c| &c.council)
    }

    pub fn year(&self) -> Option<u16> {
        self.year
    }

    pub fn period(&self) -> Period {
        self.period
    }

    pub fn plan(&self) -> Option<&PlanYear> {
        self.plan.as_ref()
    }

    pub fn tree(&self) -> &GoalTree {
        &self.tree
    }

    pub fn tree_offset(&self) -> usize {
        self.tree_offset
    }

    pub fn focus(&self) -> Focus {
        self.focus
    }

    pub fn detail_scroll(&self) -> usize {
        self.detail_scroll
    }

    /// The help overlay's scroll position, when it is open.
    pub fn help_scroll(&self) -> Option<usize> {
        self.help_scroll
    }

    pub fn user(&self) -> &str {
        &self.user
    }

    /// The bindings in force, for hints and help.
    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    /// A message for the user (a load error), shown until the next action.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// Whether the loaded plan has a document for the chosen period.
    pub fn period_has_report(&self) -> bool {
        self.plan
            .as_ref()
            .is_some_and(|plan| plan.periods().contains(&self.period))
    }

    /// The selected goal and its tree node.
    pub fn selected_goal(&self) -> Option<(&TreeNode, &crate::domain::Goal)> {
        let node = self.tree.selected_node()?;
        let goal = goal_at(&self.plan.as_ref()?.goals, &node.path)?;
        Some((node, goal))
    }

    /// Where the user is: council, year, period and the node the review keys act on.
    pub fn position(&self) -> Option<Position> {
        Some(Position {
            council: self.council()?.id.clone(),
            year: self.year?,
            period: self.period,
            node: self.selected_node().map(|node| node.id()),
        })
    }

    /// The flags screen's state (list, sort, selection, tree marks).
    pub fn flags(&self) -> &FlagsState {
        &self.flags
    }

    /// Marks the flag list stale after the loaded plan changed in place (an edit).
    pub fn flags_changed(&mut self) {
        self.flags.invalidate();
        self.flags.sync(self.plan.as_ref(), self.period);
    }

    /// The keymap context of the current state.
    pub fn context(&self) -> Context {
        if self.help_scroll.is_some() {
            Context::Help
        } else if let Some(context) = self.lookup_context() {
            context
        } else if let Some(context) = self.review_context() {
            context
        } else if let Some(context) = self.economy.context() {
            context
        } else if self.flags.is_open() {
            Context::Flags
        } else if self.focus == Focus::Detail {
            Context::Detail
        } else {
            Context::Tree
        }
    }

    /// The periods one can switch between: VP, T1, T2 and VB always, months only where the
    /// year has data.
    pub fn selectable_periods(&self) -> Vec<Period> {
        let with_data = self
            .plan
            .as_ref()
            .map(PlanYear::periods)
            .unwrap_or_default();
        Period::all()
            .into_iter()
            .filter(|p| !matches!(p, Period::Month(_)) || with_data.contains(p))
            .collect()
    }

    // ---- state changes ----

    /// Takes the sizes of the frame about to be drawn (from the loop's layout pass).
    pub fn set_viewport(&mut self, viewport: Viewport) {
        self.viewport = viewport;
        self.detail_scroll = self.detail_scroll.min(viewport.detail_max_scroll);
        if let Some(scroll) = self.help_scroll.as_mut() {
            *scroll = (*scroll).min(viewport.help_max_scroll);
        }
        self.set_lookup_pages(viewport.finder_rows, viewport.history_rows);
        self.economy.set_page(viewport.economy);
        self.keep_selection_visible();
        self.follow_detail_row(viewport);
    }

    /// Handles one user intention (a key the keymap resolved).
    fn act(&mut self, action: Action) -> Vec<Effect> {
        self.message = None;
        if self.help_scroll.is_none()
            && !matches!(action, Action::Quit | Action::Redraw | Action::Help)
            && let Some(effects) = self.update_lookup(action)
        {
            return effects;
        }
        if let Some(effects) = self.update_economy(action) {
            return effects;
        }
        if let Some(effects) = self.review_update(action) {
            return effects;
        }
        match action {
            Action::Quit => return vec![Effect::Quit],
            Action::Redraw => return vec![Effect::ClearScreen],
            Action::Help => {
                self.help_scroll = match self.help_scroll {
                    Some(_) => None,
                    None => Some(0),
                };
            }
            Action::Close => {
                if self.help_scroll.is_some() {
                    self.help_scroll = None;
                } else if self.flags.is_open() {
                    self.flags.close();
                } else {
                    self.focus = Focus::Tree;
                }
            }
            Action::SwitchFocus => {
                self.focus = match self.focus {
                    Focus::Tree => Focus::Detail,
                    Focus::Detail => Focus::Tree,
                };
            }
            Action::NextPeriod => self.step_period(1),
            Action::PrevPeriod => self.step_period(-1),
            Action::NextYear => return self.step_year(1),
            Action::PrevYear => return self.step_year(-1),
            Action::NextCouncil => return self.step_council(1),
            Action::PrevCouncil => return self.step_council(-1),
            Action::MoveUp
            | Action::MoveDown
            | Action::PageUp
            | Action::PageDown
            | Action::First
            | Action::Last => self.navigate(action),
            Action::Expand => self.tree_changed(|tree| tree.expand()),
            Action::Collapse => self.tree_changed(|tree| tree.collapse()),
            Action::Toggle => self.tree_changed(|tree| tree.toggle()),
            Action::ExpandAll => self.tree_changed(|tree| tree.expand_all()),
            Action::CollapseAll => self.tree_changed(|tree| tree.collapse_all()),
            Action::OpenFlags => self.toggle_flags(),
            Action::CycleFlagSort => self.flags.cycle_sort(),
            Action::JumpToFlag => return self.jump_to_flag(),
            // Review and text actions: handled by `review_update` where they apply.
            Action::NextItem
            | Action::PrevItem
            | Action::EditAnalysis
            | Action::SetAssessment
            | Action::EditValues
            | Action::EditSettings
            | Action::ActivityStatus
            | Action::UndoChange
            | Action::RedoChange
            | Action::NextTodo
            | Action::Save
            | Action::Confirm
            | Action::NextField
            | Action::PrevField
            | Action::CursorLeft
            | Action::CursorRight
            | Action::WordLeft
            | Action::WordRight
            | Action::LineStart
            | Action::LineEnd
            | Action::NewLine
            | Action::DeleteForward
            | Action::UndoEdit
            | Action::RedoEdit
            | Action::Yes
            | Action::No
            | Action::KeepDraft => {}
            Action::OpenFinder => return self.open_finder(),
            Action::ExportReport => return self.write_report(),
            Action::OpenEconomy => self.open_economy(),
            // Only on the Ekonomi screen.
            Action::EditForecast => {}
            // Finder and history actions; outside them they do nothing.
            Action::DeleteBack
            | Action::DeleteWordBack
            | Action::DeleteToLineStart
            | Action::JumpTo
            | Action::OpenHistory
            | Action::CompareCouncil
            | Action::MarkSeries
            | Action::LinkSeries
            | Action::UnlinkSeries => {}
        }
        Vec::new()
    }

    /// Asks for the report of the council-year and period on screen (key `E`).
    fn write_report(&mut self) -> Vec<Effect> {
        let Some(plan) = self.plan.as_ref() else {
            self.message = Some("Ingen nämnd och period att skriva rapport för".to_owned());
            return Vec::new();
        };
        self.message = Some(format!(
            "Skriver rapporten för {} {}…",
            self.period.label(),
            plan.year
        ));
        vec![Effect::WriteReport {
            council: plan.council.id.clone(),
            year: plan.year,
            period: self.period,
        }]
    }

    /// Takes the result of an [`Effect::WriteReport`]: where the file went, in the status line.
    pub(super) fn report_written(&mut self, result: Result<std::path::PathBuf, String>) {
        self.message = Some(match result {
            Ok(path) => format!(
                "Rapporten skrevs till {}",
                crate::domain::text::sanitize_line(&path.display().to_string())
            ),
            Err(error) => format!("Rapporten kunde inte skrivas: {error}"),
        });
    }

    /// Takes the result of an [`Effect::LoadPlan`]. A stale result (the user switched on
    /// while it loaded) is ignored.
    fn plan_loaded(&mut self, council: &str, year: u16, result: Result<Option<PlanYear>, String>) {
        if self.council().map(|c| c.id.as_str()) != Some(council) || self.year != Some(year) {
            return;
        }
        let refresh = self
            .plan
            .as_ref()
            .is_some_and(|loaded| loaded.council.id == council && loaded.year == year);
        match result {
            // The same plan year again, after a save: the new data in the same view.
            Ok(Some(plan)) if refresh => {
                self.tree.refresh(&plan.goals);
                self.plan = Some(plan);
                self.flags_changed();
                self.keep_selection_visible();
                return;
            }
            Ok(Some(plan)) => {
                self.tree = GoalTree::new(&plan.goals);
                let periods = plan.periods();
                if !periods.contains(&self.period)
                    && let Some(&latest) = periods.last()
                {
                    self.period = latest;
                }
                self.plan = Some(plan);
                self.flags.sync(self.plan.as_ref(), self.period);
            }
            Ok(None) => {
                self.clear_plan();
                self.message = Some(format!("Inga mål för {year}"));
            }
            Err(error) => {
                self.clear_plan();
                self.message = Some(format!("Kunde inte läsa {year}: {error}"));
            }
        }
        self.tree_offset = 0;
        self.detail_scroll = 0;
        self.arrive();
        self.keep_selection_visible();
        self.open_pending_draft();
    }

    fn clear_plan(&mut self) {
        self.plan = None;
        self.tree = GoalTree::default();
        self.pending = None;
        self.flags.sync(None, self.period);
    }

    fn step_period(&mut self, delta: isize) {
        let periods = self.selectable_periods();
        let current = periods.iter().position(|&p| p == self.period).unwrap_or(0);
        let target = current
            .saturating_add_signed(delta)
            .min(periods.len().saturating_sub(1));
        if let Some(&period) = periods.get(target) {
            self.period = period;
        }
        self.flags.sync(self.plan.as_ref(), self.period);
    }

    fn step_year(&mut self, delta: isize) -> Vec<Effect> {
        let Some(entry) = self.councils.get(self.council_index) else {
            return Vec::new();
        };
        let current = self
            .year
            .and_then(|y| entry.years.iter().position(|&candidate| candidate == y))
            .unwrap_or(0);
        let target = current
            .saturating_add_signed(delta)
            .min(entry.years.len().saturating_sub(1));
        match entry.years.get(target) {
            Some(&year) if Some(year) != self.year => {
                let council = entry.council.id.clone();
                let spot = self.tree.selected_key().map_or(Spot::Start, Spot::Goal);
                self.go_to(GoTo {
                    council,
                    year,
                    period: None,
                    spot,
                    announce: None,
                })
            }
            _ => Vec::new(),
        }
    }

    fn step_council(&mut self, delta: isize) -> Vec<Effect> {
        let count = self.councils.len();
        if count < 2 {
            return Vec::new();
        }
        let target = (self.council_index as isize + delta).rem_euclid(count as isize) as usize;
        self.choose_council(target, self.year)
    }

    /// Switches to council `index`, in `preferred_year` when it has that year, else its latest.
    fn choose_council(&mut self, index: usize, preferred_year: Option<u16>) -> Vec<Effect> {
        let Some(entry) = self.councils.get(index) else {
            return Vec::new();
        };
        self.council_index = index;
        self.year = preferred_year
            .filter(|y| entry.years.contains(y))
            .or_else(|| entry.years.last().copied());
        self.clear_plan();
        self.load_current()
    }

    fn load_current(&mut self) -> Vec<Effect> {
        match (self.council(), self.year) {
            (Some(council), Some(year)) => vec![Effect::LoadPlan {
                council: council.id.clone(),
                year,
            }],
            (Some(council), None) => {
                self.message = Some(format!("{} har inga år", council.name));
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    fn navigate(&mut self, action: Action) {
        match self.context() {
            Context::Help => {
                if let Some(scroll) = self.help_scroll {
                    let page = self.viewport.help_rows.max(1);
                    self.help_scroll = Some(scrolled(
                        scroll,
                        action,
                        page,
                        self.viewport.help_max_scroll,
                    ));
                }
            }
            Context::Flags => self.flags.navigate(action, self.viewport.flags_rows),
            Context::Detail => {
                let page = self.viewport.detail_rows.max(1);
                self.detail_scroll = scrolled(
                    self.detail_scroll,
                    action,
                    page,
                    self.viewport.detail_max_scroll,
                );
            }
            _ => {
                let page = self.viewport.tree_rows.max(1) as isize;
                let moved = match action {
                    Action::MoveUp => self.tree.move_by(-1),
                    Action::MoveDown => self.tree.move_by(1),
                    Action::PageUp => self.tree.move_by(-page),
                    Action::PageDown => self.tree.move_by(page),
                    Action::First => self.tree.select_first(),
                    _ => self.tree.select_last(),
                };
                if moved {
                    self.detail_scroll = 0;
                }
                self.keep_selection_visible();
            }
        }
    }

    fn tree_changed(&mut self, change: impl FnOnce(&mut GoalTree) -> bool) {
        let before = self.tree.selected_node().map(|n| n.id);
        if change(&mut self.tree) {
            if self.tree.selected_node().map(|n| n.id) != before {
                self.detail_scroll = 0;
            }
            self.keep_selection_visible();
        }
    }

    /// Opens the flags screen where it was left, or closes it.
    fn toggle_flags(&mut self) {
        if self.flags.is_open() {
            self.flags.close();
        } else {
            self.flags.open();
        }
    }

    /// Closes the flags screen and goes to the selected flag's node: its goal in the tree,
    /// or for an indicator or activity, its row in the detail pane.
    fn jump_to_flag(&mut self) -> Vec<Effect> {
        if let Some(area) = self.flags.selected_deficit().map(|d| d.area.clone()) {
            self.flags.close();
            self.open_economy_at(&area);
            return Vec::new();
        }
        let Some(node) = self.flags.selected_flag().map(|flag| flag.node) else {
            return Vec::new();
        };
        self.flags.close();
        let (Some(council), Some(year)) = (self.council().map(|c| c.id.clone()), self.year) else {
            return Vec::new();
        };
        self.go_to(GoTo {
            council,
            year,
            period: None,
            spot: Spot::Node(node),
            announce: None,
        })
    }

    /// Scrolls the tree just enough that the selected row shows.
    fn keep_selection_visible(&mut self) {
        let rows = self.viewport.tree_rows.max(1);
        let selected = self.tree.selected_row();
        if selected < self.tree_offset {
            self.tree_offset = selected;
        } else if selected >= self.tree_offset + rows {
            self.tree_offset = selected + 1 - rows;
        }
        let max_offset = self.tree.visible().len().saturating_sub(rows);
        self.tree_offset = self.tree_offset.min(max_offset);
    }
}

/// A scroll position after a scrolling action, within `0..=max`.
fn scrolled(position: usize, action: Action, page: usize, max: usize) -> usize {
    let target = match action {
        Action::MoveUp => position.saturating_sub(1),
        Action::MoveDown => position.saturating_add(1),
        Action::PageUp => position.saturating_sub(page),
        Action::PageDown => position.saturating_add(page),
        Action::First => 0,
        _ => max,
    };
    target.min(max)
}
