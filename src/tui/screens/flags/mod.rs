//! The *Att åtgärda* screen: its list state ([`FlagsState`], kept by the app while the screen
//! is closed, since the tree's marks come from it and the selection survives a jump and a
//! return), its update and its view.

mod state;
mod view;

pub use state::FlagsState;
pub use view::{layout, render};

use crate::tui::action::Action;
use crate::tui::app::{App, Effect, GoTo, Spot};

use super::{Routed, Screen};

/// The list's sizes in the frame about to be drawn.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sizes {
    /// List rows on screen: the page.
    pub rows: usize,
    /// Lines of the list (flags and goal headings).
    pub lines: usize,
    /// The line of the selected flag.
    pub selected_line: usize,
}

impl App {
    /// An action while the flags screen is on top.
    pub(in crate::tui) fn update_flags(&mut self, action: Action) -> Routed {
        match action {
            Action::Close | Action::OpenFlags => {
                self.screens.close_top();
            }
            Action::MoveUp
            | Action::MoveDown
            | Action::PageUp
            | Action::PageDown
            | Action::First
            | Action::Last => self.flags.navigate(action),
            _ => return Routed::Pass,
        }
        Routed::Done(Vec::new())
    }

    /// Opens the flags screen where it was left, or closes it.
    pub(in crate::tui) fn toggle_flags(&mut self) {
        if self.screens.is_open(|s| matches!(s, Screen::Flags)) {
            self.screens.close(|s| matches!(s, Screen::Flags));
        } else {
            self.screens.open(Screen::Flags);
        }
    }

    /// Closes the flags screen and goes to the selected flag's node: its goal in the tree,
    /// or for an indicator or activity, its row in the detail pane.
    /// A deficit of the economy opens the Ekonomi screen on its area instead.
    pub(in crate::tui) fn jump_to_flag(&mut self) -> Vec<Effect> {
        if let Some(area) = self.flags.selected_deficit().map(|d| d.area.clone()) {
            self.open_economy_at(&area);
            return Vec::new();
        }
        let Some(node) = self.flags.selected_flag().map(|flag| flag.node) else {
            return Vec::new();
        };
        self.screens.close(|s| matches!(s, Screen::Flags));
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
}
