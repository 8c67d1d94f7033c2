//! The screens and the one stack that decides which has the keyboard, where an action goes
//! and what is drawn over what.
//!
//! The main screen (the goal tree and the detail pane, [`tree_detail`]) is always at the
//! bottom; every other screen is a [`Screen`] pushed over it. The screen on top gives the
//! keymap context ([`ScreenStack::context`]), gets every action first
//! ([`App::route`](crate::tui::app::App)) and is drawn last ([`render`]): the stack is drawn
//! from the bottom up, starting at the topmost screen that covers the whole body.
//!
//! Each screen lives in its own module with its state, its update (an `impl App` block, as
//! screens act on the plan, the councils and the message line) and its view.
//!
//! Adding a screen: a module `screens/<name>/` with its state, an `update_<name>` (an
//! `impl App` block returning [`Routed`]: `Pass` for what the main screen should handle, at
//! least `Quit`, `Redraw` and `Help`), its `render` and, if it pages or scrolls, a `layout`
//! computing its sizes without drawing; then one variant in [`Screen`] (holding the state)
//! and its arm in each `match` of this file: [`Screen::context`], `covers_body`,
//! `App::route`, [`layout`] and `lay_out_screens` (a field in [`Viewport`] if it pages),
//! [`render`]. It is opened with `self.screens.open(Screen::…)` from the action that opens it
//! (in [`tree_detail`]'s `update_main` for a key on the main screen) and closed with
//! `self.screens.close_top()`.

pub mod conflict;
pub mod economy;
pub mod editor;
pub mod events;
pub mod finder;
pub mod flags;
pub mod goto;
pub mod help;
pub mod history;
pub mod progress;
pub mod tree_detail;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

use crate::store::Change;
use crate::tui::action::Action;
use crate::tui::app::{App, Effect};
use crate::tui::edit::Overlay;
use crate::tui::keymap::{Context, Keymap};
use crate::tui::widgets::scroll_list::ScrollList;

use conflict::ConflictState;
use economy::EconomyScreen;
use events::EventsState;
use goto::GoToState;
use history::HistoryState;
use progress::ProgressState;
use tree_detail::{Focus, TreeDetail};

/// A screen over the main one.
// Screens live as long as they are open; boxing the larger ones would only add indirection.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Screen {
    /// *Att åtgärda*: the flag list of the chosen council and period (its list and selection
    /// are the app's, as the tree's marks come from them; see [`flags`]).
    Flags,
    /// The finder (its query and hits survive closing; see [`finder`]).
    Finder,
    /// *Historik* of one indicator series.
    History(HistoryState),
    /// The help overlay, scrolled.
    Help(ScrollList),
    /// An analys editor, a form or a picker of the monthly review.
    Editor(Overlay),
    /// The question before closing an editor with unsaved changes.
    Confirm,
    /// The question before storing an unlikely value (a share over 100 %, a negative
    /// count), over the form: `change` is stored on a yes.
    StoreQuestion { change: Change, question: String },
    /// A save someone else's crossed: keep mine, take theirs or merge ([`conflict`]).
    Conflict(ConflictState),
    /// *Ekonomi*: budget, prognosis and avvikelse per verksamhetsområde.
    Economy(EconomyScreen),
    /// *Händelser*: the audit trail of a node, the council or the user ([`events`]).
    Events(EventsState),
    /// *Granskning*: the review's progress per council or period ([`progress`]).
    Progress(ProgressState),
    /// *Gå till*: council, year and period chosen directly ([`goto`]).
    GoTo(GoToState),
}

impl Screen {
    /// The keymap context while this screen is on top.
    pub fn context(&self) -> Context {
        match self {
            Screen::Flags => Context::Flags,
            Screen::Finder => Context::Finder,
            Screen::History(_) => Context::History,
            Screen::Help(_) => Context::Help,
            Screen::Editor(Overlay::Editor(_)) => Context::Editor,
            Screen::Editor(_) => Context::Form,
            Screen::Confirm | Screen::StoreQuestion { .. } => Context::Confirm,
            Screen::Conflict(_) => Context::Conflict,
            Screen::Events(_) => Context::Events,
            Screen::Progress(_) => Context::Progress,
            Screen::GoTo(_) => Context::GoTo,
            Screen::Economy(screen) => screen.context(),
        }
    }

    /// Whether it covers the whole body, so nothing under it need be drawn.
    fn covers_body(&self) -> bool {
        matches!(
            self,
            Screen::Flags
                | Screen::History(_)
                | Screen::Economy(_)
                | Screen::Events(_)
                | Screen::Progress(_)
        )
    }
}

/// What a screen did with an action.
#[derive(Debug)]
pub enum Routed {
    /// Handled; these effects follow.
    Done(Vec<Effect>),
    /// Not this screen's: the main screen handles it (quit, help, period, year, council …).
    Pass,
}

/// The main screen at the bottom and the screens opened over it, in order.
#[derive(Debug, Clone, Default)]
pub struct ScreenStack {
    pub main: TreeDetail,
    above: Vec<Screen>,
}

impl ScreenStack {
    /// The screen on top, if any is over the main screen.
    pub fn top(&self) -> Option<&Screen> {
        self.above.last()
    }

    pub fn top_mut(&mut self) -> Option<&mut Screen> {
        self.above.last_mut()
    }

    /// The keymap context of the screen on top.
    pub fn context(&self) -> Context {
        match self.top() {
            Some(screen) => screen.context(),
            None => self.main.focus.context(),
        }
    }

    /// Opens `screen` on top. Help stays on top of everything: a screen opened under it
    /// (an editor of a draft whose plan arrived) goes just below it.
    pub fn open(&mut self, screen: Screen) {
        let at = self
            .above
            .iter()
            .rposition(|s| !matches!(s, Screen::Help(_)))
            .map_or(0, |i| i + 1);
        self.above.insert(at, screen);
    }

    /// Closes the screen on top.
    pub fn close_top(&mut self) -> Option<Screen> {
        self.above.pop()
    }

    /// Closes every screen `which` matches (wherever it is in the stack).
    pub fn close(&mut self, which: impl Fn(&Screen) -> bool) {
        self.above.retain(|s| !which(s));
    }

    /// Whether a screen `which` matches is open.
    pub fn is_open(&self, which: impl Fn(&Screen) -> bool) -> bool {
        self.above.iter().any(which)
    }

    /// The screens over the main one, bottom first.
    pub fn above(&self) -> &[Screen] {
        &self.above
    }

    /// The open review overlay (editor, form or picker).
    pub fn overlay(&self) -> Option<&Overlay> {
        self.above.iter().rev().find_map(|s| match s {
            Screen::Editor(overlay) => Some(overlay),
            _ => None,
        })
    }

    pub fn overlay_mut(&mut self) -> Option<&mut Overlay> {
        self.above.iter_mut().rev().find_map(|s| match s {
            Screen::Editor(overlay) => Some(overlay),
            _ => None,
        })
    }

    /// The open *Historik* screen.
    pub fn history(&self) -> Option<&HistoryState> {
        self.above.iter().rev().find_map(|s| match s {
            Screen::History(state) => Some(state),
            _ => None,
        })
    }

    pub fn history_mut(&mut self) -> Option<&mut HistoryState> {
        self.above.iter_mut().rev().find_map(|s| match s {
            Screen::History(state) => Some(state),
            _ => None,
        })
    }

    /// The open *Händelser* screen.
    pub fn events(&self) -> Option<&EventsState> {
        self.above.iter().rev().find_map(|s| match s {
            Screen::Events(state) => Some(state),
            _ => None,
        })
    }

    pub fn events_mut(&mut self) -> Option<&mut EventsState> {
        self.above.iter_mut().rev().find_map(|s| match s {
            Screen::Events(state) => Some(state),
            _ => None,
        })
    }

    /// The open *Granskning* screen.
    pub fn progress(&self) -> Option<&ProgressState> {
        self.above.iter().rev().find_map(|s| match s {
            Screen::Progress(state) => Some(state),
            _ => None,
        })
    }

    pub fn progress_mut(&mut self) -> Option<&mut ProgressState> {
        self.above.iter_mut().rev().find_map(|s| match s {
            Screen::Progress(state) => Some(state),
            _ => None,
        })
    }

    /// The open *Ekonomi* screen.
    pub fn economy_mut(&mut self) -> Option<&mut EconomyScreen> {
        self.above.iter_mut().rev().find_map(|s| match s {
            Screen::Economy(screen) => Some(screen),
            _ => None,
        })
    }

    /// The help overlay's scroll, when it is open.
    pub fn help(&self) -> Option<&ScrollList> {
        self.above.iter().rev().find_map(|s| match s {
            Screen::Help(scroll) => Some(scroll),
            _ => None,
        })
    }

    /// The screens to draw, bottom first: from the topmost that covers the body (then the
    /// main screen is hidden), else all of them over the main screen.
    pub(in crate::tui) fn visible(&self) -> (bool, &[Screen]) {
        match self.above.iter().rposition(Screen::covers_body) {
            Some(i) => (false, &self.above[i..]),
            None => (true, &self.above),
        }
    }
}

impl App {
    /// Routes one action: to the screen on top, and to the main screen when it passes.
    pub(in crate::tui) fn route(&mut self, action: Action) -> Vec<Effect> {
        let routed = match self.screens.top() {
            None => Routed::Pass,
            Some(Screen::Flags) => self.update_flags(action),
            Some(Screen::Finder) => self.update_finder(action),
            Some(Screen::History(_)) => self.update_history(action),
            Some(Screen::Help(_)) => self.update_help(action),
            Some(Screen::Editor(_)) => self.update_editor(action),
            Some(Screen::Confirm) => self.update_confirm(action),
            Some(Screen::StoreQuestion { .. }) => self.update_store_question(action),
            Some(Screen::Conflict(_)) => self.update_conflict(action),
            Some(Screen::Events(_)) => self.update_events(action),
            Some(Screen::Progress(_)) => self.update_progress(action),
            Some(Screen::Economy(_)) => self.update_economy(action),
            Some(Screen::GoTo(_)) => self.update_goto(action),
        };
        match routed {
            Routed::Done(effects) => effects,
            Routed::Pass => self.update_main(action),
        }
    }
}

/// The body's areas: the tree on the left, the detail pane on the right; other screens take
/// the whole body or a part of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BodyAreas {
    pub body: Rect,
    pub tree: Rect,
    pub detail: Rect,
}

impl BodyAreas {
    /// The areas of `body` with the tree `tree_adjust` columns wider than its default (see
    /// [`tree_detail::tree_width`]).
    pub fn of(body: Rect, tree_adjust: i16) -> BodyAreas {
        let [tree, detail] = Layout::horizontal([
            Constraint::Length(tree_detail::tree_width::width(body.width, tree_adjust)),
            Constraint::Min(20),
        ])
        .areas(body);
        BodyAreas { body, tree, detail }
    }
}

/// Sizes of the frame about to be drawn, which paging and scroll limits depend on: computed
/// by [`layout`] from the areas and the same line builders the views use, without drawing,
/// and handed to the app ([`App::set_viewport`]) and then to [`render`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Viewport {
    pub main: tree_detail::Sizes,
    pub flags: Option<flags::Sizes>,
    pub finder_rows: Option<usize>,
    pub history_rows: Option<usize>,
    /// Rows and lines of the help overlay.
    pub help: Option<(usize, usize)>,
    /// Area rows and the detail's furthest scroll on the Ekonomi screen.
    pub economy: Option<economy::Page>,
    /// Rows of the *Händelser* list.
    pub events_rows: Option<usize>,
    /// Rows of the *Granskning* table.
    pub progress_rows: Option<usize>,
    /// Rows of each *Gå till* column.
    pub goto_rows: Option<usize>,
}

/// The layout pass: the sizes of every open screen in `body`, from the state as it is.
pub fn layout(app: &App, keymap: &Keymap, body: Rect) -> Viewport {
    let mut viewport = Viewport::default();
    // The panes are laid out only where they show.
    if app.screens.visible().0 {
        viewport.main = tree_detail::layout(app, BodyAreas::of(body, app.tree_width_adjust()));
    }
    for screen in app.screens.above() {
        match screen {
            Screen::Flags => viewport.flags = Some(flags::layout(app, body)),
            Screen::Finder => viewport.finder_rows = Some(finder::layout(body)),
            Screen::History(state) => viewport.history_rows = Some(history::layout(state, body)),
            Screen::Help(_) => viewport.help = Some(help::layout(keymap, body)),
            Screen::Economy(screen) => {
                viewport.economy = Some(economy::view::layout(
                    screen,
                    app.plan(),
                    app.period(),
                    body,
                ));
            }
            Screen::Events(_) => viewport.events_rows = Some(events::layout(body)),
            Screen::Progress(_) => viewport.progress_rows = Some(progress::layout(body)),
            Screen::GoTo(state) => viewport.goto_rows = Some(goto::layout(state, body)),
            Screen::Editor(_)
            | Screen::Confirm
            | Screen::StoreQuestion { .. }
            | Screen::Conflict(_) => {}
        }
    }
    viewport
}

impl App {
    /// Hands each open screen its sizes from the layout pass.
    pub(in crate::tui) fn lay_out_screens(&mut self, viewport: &Viewport) {
        if self.screens.visible().0 {
            self.lay_out_main(&viewport.main);
        }
        if let Some(sizes) = viewport.flags {
            self.flags.lay_out(sizes);
        }
        if let Some(rows) = viewport.finder_rows {
            self.lookup.finder.set_page(rows);
        }
        for screen in &mut self.screens.above {
            match screen {
                Screen::History(state) => {
                    if let Some(rows) = viewport.history_rows {
                        state.set_page(rows);
                    }
                }
                Screen::Help(scroll) => {
                    if let Some((rows, lines)) = viewport.help {
                        scroll.resize(lines, rows);
                    }
                }
                Screen::Economy(screen) => {
                    if let Some(page) = viewport.economy {
                        screen.set_page(page);
                    }
                }
                Screen::Events(state) => {
                    if let Some(rows) = viewport.events_rows {
                        state.set_page(rows);
                    }
                }
                Screen::Progress(state) => {
                    if let Some(rows) = viewport.progress_rows {
                        state.set_page(rows);
                    }
                }
                Screen::GoTo(state) => {
                    if let Some(rows) = viewport.goto_rows {
                        state.set_rows(rows);
                    }
                }
                Screen::Flags
                | Screen::Finder
                | Screen::Editor(_)
                | Screen::Confirm
                | Screen::StoreQuestion { .. }
                | Screen::Conflict(_) => {}
            }
        }
    }
}

/// Draws the stack into `body`, bottom to top, with the frame's `viewport` from [`layout`].
pub fn render(app: &App, keymap: &Keymap, viewport: &Viewport, frame: &mut Frame<'_>, body: Rect) {
    let (main, screens) = app.screens.visible();
    if main {
        tree_detail::render(
            app,
            &viewport.main,
            frame,
            BodyAreas::of(body, app.tree_width_adjust()),
        );
    }
    for screen in screens {
        match screen {
            Screen::Flags => flags::render(app, keymap, frame, body),
            Screen::Finder => finder::render(app, keymap, frame, body),
            Screen::History(state) => history::render(app, state, frame, body),
            Screen::Help(scroll) => help::render(keymap, scroll, frame, body),
            Screen::Editor(overlay) => editor::render(overlay, frame, body),
            Screen::Confirm => editor::render_question(keymap, frame, body),
            Screen::StoreQuestion { question, .. } => {
                editor::render_store_question(question, keymap, frame, body);
            }
            Screen::Conflict(state) => conflict::render(app, state, keymap, frame, body),
            Screen::Events(state) => events::render(app, state, frame, body),
            Screen::Progress(state) => progress::render(app, state, frame, body),
            Screen::GoTo(state) => goto::render(state, keymap, frame, body),
            Screen::Economy(screen) => economy::view::render(
                screen,
                app.plan(),
                app.period(),
                app.deficit_share(),
                keymap,
                frame,
                body,
            ),
        }
    }
}

impl Focus {
    fn context(self) -> Context {
        match self {
            Focus::Tree => Context::Tree,
            Focus::Detail => Context::Detail,
        }
    }
}
