//! The application state and its one entry point: [`App::update`] takes every input as a
//! [`Msg`](super::msg::Msg) and returns the [`Effect`]s the effect runner must perform. No I/O
//! happens here.

mod dispatch;
mod navigation;

use crate::domain::flags::Dismissals;
use crate::domain::{Council, CouncilId, Period, PlanYear};
use crate::search::SeriesKey;
use crate::store::Change;
use crate::store::SeriesRef;

use super::action::Action;
use super::edit::{ReviewState, SaveKind};
use super::keymap::{Context, Keymap};
use super::position::Position;
use super::screens::ScreenStack;
use super::screens::Viewport;
use super::screens::finder::Lookup;
use super::screens::flags::FlagsState;
use super::tree_model::{GoalTree, TreeNode, goal_at};

pub use super::screens::tree_detail::{Focus, SaveState};
pub use navigation::{GoTo, Spot};

/// I/O the event loop performs for the app.
// Effects live for one update; boxing the change would only add an allocation per save.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Load a council's plan year and hand it to `App::plan_loaded`.
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
    /// Build the finder's index over all councils and years; hand it to `App::search_ready`.
    BuildSearchIndex,
    /// Load one council's history of a series; hand it to `App::history_loaded`.
    LoadHistory {
        council: CouncilId,
        series: SeriesKey,
    },
    /// Store a series link (`link`) or unlink of `a` and `b`; hand the aliases now in force to
    /// `App::series_changed`.
    ApplySeriesLink {
        link: bool,
        a: SeriesRef,
        b: SeriesRef,
    },
    Quit,
    /// Apply a change to the store (one transaction with its audit entry, flushed) and hand
    /// the result to `App::change_applied`.
    Apply {
        change: Change,
        kind: SaveKind,
        /// The version what was edited was read at (`None`: the source decides, as for an
        /// undo); a later change by someone else to the same thing makes it a conflict.
        base: Option<u64>,
    },
    /// Keep unsaved analys text, or a value form's field texts, as a draft.
    SaveDraft {
        key: String,
        text: String,
    },
    /// Forget a draft (its text was saved or discarded).
    DiscardDraft {
        key: String,
    },
    /// Count the review's progress for *Granskning*; hand the rows to
    /// [`Msg::ProgressLoaded`](super::msg::Msg::ProgressLoaded).
    LoadProgress {
        key: crate::tui::screens::progress::ProgressKey,
    },
    /// Read the audit log and list the entries in `scope` for *Händelser*.
    LoadEvents {
        scope: crate::tui::screens::events::EventScope,
    },
    /// Read every council, its years and their periods for the *Gå till* picker; hand them to
    /// `App::council_periods_loaded`.
    LoadCouncilPeriods,
    /// Write the period's report of a council-year as a Word file in the working directory;
    /// hand where it went to [`Msg::ReportWritten`](super::msg::Msg::ReportWritten).
    WriteReport {
        council: CouncilId,
        year: u16,
        period: Period,
    },
}

/// The periods of a year one can switch between, given those with data: VP, T1, T2 and VB
/// always, months only where the year has data (p/P and the *Gå till* picker).
pub fn periods_to_choose(with_data: &[Period]) -> Vec<Period> {
    Period::all()
        .into_iter()
        .filter(|p| !matches!(p, Period::Month(_)) || with_data.contains(p))
        .collect()
}

/// A council and the years the store has for it.
#[derive(Debug, Clone)]
pub struct CouncilYears {
    pub council: Council,
    pub years: Vec<u16>,
}

/// UI state: what is chosen, selected, open and scrolled.
#[derive(Debug, Clone)]
pub struct App {
    pub(in crate::tui) councils: Vec<CouncilYears>,
    council_index: usize,
    pub(in crate::tui) year: Option<u16>,
    pub(in crate::tui) plan: Option<PlanYear>,
    /// The version `plan` was read at, where the source has versions (the service).
    pub(in crate::tui) plan_version: Option<u64>,
    pub(in crate::tui) tree: GoalTree,
    pub(in crate::tui) period: Period,
    user: String,
    /// The bindings keys are resolved through.
    keymap: Keymap,
    pub(in crate::tui) message: Option<String>,
    /// Where to go once the plan being loaded arrives.
    pending: Option<GoTo>,
    /// The main screen and the screens open over it: what has the keyboard and what is drawn.
    pub(in crate::tui) screens: ScreenStack,
    /// The *Att åtgärda* list (the tree's marks; the flags screen's list and selection).
    pub(in crate::tui) flags: FlagsState,
    /// Undo history, drafts and the detail's row cursor of the monthly review.
    pub(in crate::tui) review: ReviewState,
    /// What the finder and the history screen share.
    pub(in crate::tui) lookup: Lookup,
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
            plan_version: None,
            tree: GoalTree::default(),
            period: Period::Plan,
            user: user.into(),
            keymap,
            message: None,
            pending: None,
            screens: ScreenStack::default(),
            flags: FlagsState::default(),
            review: ReviewState::default(),
            lookup: Lookup::default(),
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
        self.screens.main.tree.offset()
    }

    pub fn focus(&self) -> Focus {
        self.screens.main.focus
    }

    pub fn detail_scroll(&self) -> usize {
        self.screens.main.detail.offset()
    }

    /// The help overlay's scroll position, when it is open.
    pub fn help_scroll(&self) -> Option<usize> {
        self.screens.help().map(|scroll| scroll.offset())
    }

    /// The screen stack: the main screen and the screens open over it.
    pub fn screens(&self) -> &ScreenStack {
        &self.screens
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

    /// The keymap context: the screen on top's.
    pub fn context(&self) -> Context {
        self.screens.context()
    }

    /// The periods one can switch between: VP, T1, T2 and VB always, months only where the
    /// year has data.
    pub fn selectable_periods(&self) -> Vec<Period> {
        let with_data = self
            .plan
            .as_ref()
            .map(PlanYear::periods)
            .unwrap_or_default();
        periods_to_choose(&with_data)
    }

    /// Takes the councils and years the source has now (read for the *Gå till* picker),
    /// staying on the council shown; kept as they were if that council is gone.
    pub(in crate::tui) fn refresh_councils(&mut self, councils: Vec<CouncilYears>) {
        let shown = self.council().map(|c| c.id.clone());
        if let Some(index) = councils
            .iter()
            .position(|c| Some(&c.council.id) == shown.as_ref())
        {
            self.councils = councils;
            self.council_index = index;
        }
    }

    // ---- state changes ----

    /// Takes the sizes of the frame about to be drawn (from the loop's layout pass): each
    /// open screen's page and content size, so paging and scroll limits hold. Drawing never
    /// writes into the state, and `update` stays free of layout code.
    pub fn set_viewport(&mut self, viewport: &Viewport) {
        self.lay_out_screens(viewport);
    }

    /// Handles one user intention (a key the keymap resolved): the screen on top takes it,
    /// or passes it to the main screen.
    pub(in crate::tui) fn act(&mut self, action: Action) -> Vec<Effect> {
        self.message = None;
        self.route(action)
    }

    /// Asks for the report of the council-year and period on screen (key `E`).
    pub(in crate::tui) fn write_report(&mut self) -> Vec<Effect> {
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
    pub(in crate::tui) fn plan_loaded(
        &mut self,
        council: &str,
        year: u16,
        result: Result<Option<PlanYear>, String>,
        version: Option<u64>,
        dismissals: Dismissals,
    ) {
        if self.council().map(|c| c.id.as_str()) != Some(council) || self.year != Some(year) {
            return;
        }
        self.plan_version = version;
        self.flags.set_dismissals(dismissals);
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
        self.screens.main.tree.reset();
        self.screens.main.detail.reset();
        self.arrive();
        self.keep_selection_visible();
        self.open_pending_draft();
    }

    pub(in crate::tui) fn clear_plan(&mut self) {
        self.plan = None;
        self.tree = GoalTree::default();
        self.pending = None;
        self.flags.sync(None, self.period);
    }

    pub(in crate::tui) fn step_period(&mut self, delta: isize) {
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

    pub(in crate::tui) fn step_year(&mut self, delta: isize) -> Vec<Effect> {
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

    pub(in crate::tui) fn step_council(&mut self, delta: isize) -> Vec<Effect> {
        let count = self.councils.len();
        if count < 2 {
            return Vec::new();
        }
        let target = (self.council_index as isize + delta).rem_euclid(count as isize) as usize;
        self.choose_council(target, self.year)
    }

    /// Switches to council `index`, in `preferred_year` when it has that year, else its latest.
    pub(in crate::tui) fn choose_council(
        &mut self,
        index: usize,
        preferred_year: Option<u16>,
    ) -> Vec<Effect> {
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

    pub(in crate::tui) fn load_current(&mut self) -> Vec<Effect> {
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
}
