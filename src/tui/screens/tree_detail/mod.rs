//! The main screen, always at the bottom of the stack: the goal tree (*mål*) on the left and
//! the selected goal's detail on the right, with the keyboard in one of them. It handles
//! what the screens above pass down: quitting, help, period, year and council, the review
//! keys, the tree's width ([`tree_width`]) and opening the other screens.

mod detail_view;
mod review;
mod tree_view;
pub mod tree_width;

pub use detail_view::{DetailLines, goal_lines_with_rows};
pub use review::SaveState;

use crate::tui::action::Action;
use crate::tui::app::{App, Effect};
use crate::tui::panes::Panes;
use crate::tui::tree_model::GoalTree;
use crate::tui::widgets::pane::Pane;
use crate::tui::widgets::scroll_list::ScrollList;

use super::{BodyAreas, Screen};
use ratatui::Frame;

/// Which pane has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Tree,
    Detail,
}

/// The main screen's own state: focus, the two panes' scrolling and the tree's width. The
/// tree's selection and folds are the [`GoalTree`]'s.
#[derive(Debug, Clone)]
pub struct TreeDetail {
    pub focus: Focus,
    /// The tree's rows; its selection follows the tree's selected row.
    pub tree: ScrollList,
    /// The detail pane's lines (no selection: its row cursor is shown with [`ScrollList::show`]).
    pub detail: ScrollList,
    /// Columns the user added to the tree's default width (negative: took from it).
    tree_adjust: i16,
    /// The user changed the width in this session, so it is saved on quit.
    tree_adjusted: bool,
    /// The body's width in the last layout pass: what the width keys step from.
    body_width: u16,
}

impl Default for TreeDetail {
    fn default() -> Self {
        TreeDetail {
            focus: Focus::Tree,
            tree: ScrollList::selecting(),
            detail: ScrollList::default(),
            tree_adjust: 0,
            tree_adjusted: false,
            body_width: 0,
        }
    }
}

/// The main screen's sizes in the frame about to be drawn, and the detail's lines (built
/// once a frame, here, and drawn from).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sizes {
    /// The body's width, which the tree's width is a part of.
    pub body_width: u16,
    pub tree_rows: usize,
    pub detail_rows: usize,
    /// The selected goal's detail at the pane's width.
    pub detail: Option<DetailLines>,
}

impl Sizes {
    /// Lines (first, count) of the detail pane's cursor row, for scrolling it into view.
    fn detail_row_lines(&self, app: &App) -> Option<(usize, usize)> {
        let detail = self.detail.as_ref()?;
        (app.focus() == Focus::Detail)
            .then(|| detail.rows.get(app.detail_row()).copied())
            .flatten()
    }
}

/// The layout pass of the main screen: pane sizes and the detail's lines, from the same
/// areas and line builder the views use.
pub fn layout(app: &App, areas: BodyAreas) -> Sizes {
    Sizes {
        body_width: areas.body.width,
        tree_rows: usize::from(Pane::new(" ", false).inner(areas.tree).height),
        detail_rows: usize::from(detail_view::inner(areas.detail).height),
        detail: detail_view::lines(app, areas.detail),
    }
}

/// Draws both panes; the detail from the layout pass's lines.
pub fn render(app: &App, sizes: &Sizes, frame: &mut Frame<'_>, areas: BodyAreas) {
    tree_view::render(app, frame, areas.tree);
    detail_view::render(app, sizes.detail.as_ref(), frame, areas.detail);
}

impl App {
    /// Takes the main screen's sizes from the layout pass.
    pub(in crate::tui) fn lay_out_main(&mut self, sizes: &Sizes) {
        let row_lines = sizes.detail_row_lines(self);
        let lines = sizes.detail.as_ref().map_or(0, |d| d.lines.len());
        let main = &mut self.screens.main;
        main.body_width = sizes.body_width;
        main.tree.resize(self.tree.visible().len(), sizes.tree_rows);
        main.tree.select(self.tree.selected_row());
        main.detail.resize(lines, sizes.detail_rows);
        if std::mem::take(&mut self.review.follow_row)
            && let Some((start, count)) = row_lines
        {
            self.screens.main.detail.show(start, count);
        }
    }

    /// Handles an action on the main screen (or passed down by the screen on top).
    pub(in crate::tui) fn update_main(&mut self, action: Action) -> Vec<Effect> {
        if let Some(effects) = self.review_update(action) {
            return effects;
        }
        match action {
            Action::Quit => return vec![Effect::Quit],
            Action::Redraw => return vec![Effect::ClearScreen],
            Action::Help => self.screens.open(Screen::Help(ScrollList::default())),
            Action::Close => self.screens.main.focus = Focus::Tree,
            Action::SwitchFocus => {
                let main = &mut self.screens.main;
                main.focus = match main.focus {
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
            | Action::Last => self.navigate_main(action),
            Action::Expand => self.tree_changed(|tree| tree.expand()),
            Action::Collapse => self.tree_changed(|tree| tree.collapse()),
            Action::Toggle => self.tree_changed(|tree| tree.toggle()),
            Action::ExpandAll => self.tree_changed(|tree| tree.expand_all()),
            Action::CollapseAll => self.tree_changed(|tree| tree.collapse_all()),
            Action::TreeNarrower => self.resize_tree(false),
            Action::TreeWider => self.resize_tree(true),
            Action::OpenFlags => self.toggle_flags(),
            Action::CycleFlagSort => self.flags.cycle_sort(),
            Action::JumpToFlag => return self.jump_to_flag(),
            Action::OpenFinder => return self.open_finder(),
            Action::OpenEconomy => self.open_economy(),
            Action::OpenEvents => return self.open_events(),
            Action::OpenProgress => return self.open_progress(),
            Action::OpenGoTo => return self.open_goto(),
            Action::ExportReport => return self.write_report(),
            // Review actions are handled by `review_update` where they apply; text, finder,
            // history and dialog actions belong to the screens that have them.
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
            | Action::KeepDraft
            | Action::KeepMine
            | Action::CycleScope
            | Action::DismissFlag
            | Action::TakeTheirs
            | Action::MergeTexts
            | Action::DeleteBack
            | Action::DeleteWordBack
            | Action::DeleteToLineStart
            | Action::JumpTo
            | Action::OpenHistory
            | Action::CompareCouncil
            | Action::MarkSeries
            | Action::LinkSeries
            | Action::UnlinkSeries
            // Only on the Ekonomi screen.
            | Action::EditForecast => {}
        }
        Vec::new()
    }

    /// Columns the user added to the tree's default width (negative: took from it).
    pub fn tree_width_adjust(&self) -> i16 {
        self.screens.main.tree_adjust
    }

    /// The pane layout to remember, when the user changed it in this session (a session that
    /// did not leaves the saved one alone, whatever another session saved meanwhile).
    pub fn changed_panes(&self) -> Option<Panes> {
        let main = &self.screens.main;
        main.tree_adjusted.then_some(Panes {
            tree_width: main.tree_adjust,
        })
    }

    /// Takes the pane layout remembered from an earlier session.
    pub fn restore_panes(&mut self, panes: Panes) {
        self.screens.main.tree_adjust = panes.tree_width;
    }

    /// Widens (or narrows) the tree by a step, within what the terminal allows.
    fn resize_tree(&mut self, wider: bool) {
        let main = &mut self.screens.main;
        match tree_width::step(main.body_width, main.tree_adjust, wider) {
            Some(adjust) => {
                main.tree_adjust = adjust;
                main.tree_adjusted = true;
            }
            None => {
                self.message = Some(
                    if wider {
                        "Målträdet kan inte bli bredare i det här fönstret"
                    } else {
                        "Målträdet kan inte bli smalare"
                    }
                    .to_owned(),
                );
            }
        }
    }

    fn navigate_main(&mut self, action: Action) {
        if self.screens.main.focus == Focus::Detail {
            self.screens.main.detail.scroll(action);
            return;
        }
        let page = self.screens.main.tree.page() as isize;
        let moved = match action {
            Action::MoveUp => self.tree.move_by(-1),
            Action::MoveDown => self.tree.move_by(1),
            Action::PageUp => self.tree.move_by(-page),
            Action::PageDown => self.tree.move_by(page),
            Action::First => self.tree.select_first(),
            _ => self.tree.select_last(),
        };
        if moved {
            self.screens.main.detail.reset();
        }
        self.keep_selection_visible();
    }

    fn tree_changed(&mut self, change: impl FnOnce(&mut GoalTree) -> bool) {
        let before = self.tree.selected_node().map(|n| n.id);
        if change(&mut self.tree) {
            if self.tree.selected_node().map(|n| n.id) != before {
                self.screens.main.detail.reset();
            }
            self.keep_selection_visible();
        }
    }

    /// Scrolls the tree just enough that the selected row shows.
    pub(in crate::tui) fn keep_selection_visible(&mut self) {
        let tree = &mut self.screens.main.tree;
        tree.set_len(self.tree.visible().len());
        tree.select(self.tree.selected_row());
    }
}
