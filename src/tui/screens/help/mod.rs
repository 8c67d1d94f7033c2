//! The help overlay: every binding of the keymap in force and a legend of every symbol,
//! scrolled with the one [`ScrollList`](crate::tui::widgets::scroll_list::ScrollList). It
//! stays on top of every other screen while open.

mod view;

pub use view::{layout, lines, render};

use crate::tui::action::Action;
use crate::tui::app::App;

use super::{Routed, Screen};

impl App {
    /// An action while help is on top: it scrolls and closes; quitting, redrawing and
    /// stepping period, year or council pass to the screen below (which shows as help
    /// closes); the rest does nothing while help is open.
    pub(in crate::tui) fn update_help(&mut self, action: Action) -> Routed {
        match action {
            Action::Help | Action::Close => {
                self.screens.close_top();
            }
            Action::MoveUp
            | Action::MoveDown
            | Action::PageUp
            | Action::PageDown
            | Action::First
            | Action::Last => {
                if let Some(Screen::Help(scroll)) = self.screens.top_mut() {
                    scroll.scroll(action);
                }
            }
            Action::Quit
            | Action::Redraw
            | Action::NextPeriod
            | Action::PrevPeriod
            | Action::NextYear
            | Action::PrevYear
            | Action::NextCouncil
            | Action::PrevCouncil
            | Action::SwitchFocus
            | Action::Expand
            | Action::Collapse
            | Action::Toggle
            | Action::ExpandAll
            | Action::CollapseAll
            | Action::CycleFlagSort => return Routed::Pass,
            _ => {}
        }
        Routed::Done(Vec::new())
    }
}
