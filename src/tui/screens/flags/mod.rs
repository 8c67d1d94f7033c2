//! The *Att åtgärda* screen: its list state ([`FlagsState`], kept by the app while the screen
//! is closed, since the tree's marks come from it and the selection survives a jump and a
//! return), its update and its view.

mod state;
mod view;

pub use state::FlagsState;
pub use view::{DISMISSED, layout, render};

use crate::tui::action::Action;
use crate::tui::app::{App, Effect, GoTo, Spot};
use crate::tui::edit::dismissal::{dismissal_change, flag_target, reason_editor};
use crate::tui::edit::{Overlay, SaveKind};

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
            Action::DismissFlag => return Routed::Done(self.dismiss_selected_flag()),
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

    /// Marks the selected flag *ej aktuell i denna period*: the editor asks for the reason.
    /// On a flag already marked, the mark goes (one change, undoable like any other).
    fn dismiss_selected_flag(&mut self) -> Vec<Effect> {
        let Some(flag) = self.flags.selected_flag().cloned() else {
            self.message = Some(if self.flags.selected_deficit().is_some() {
                "Ett underskott i ekonomin markeras inte som ej aktuellt".to_owned()
            } else {
                "Välj en flagga först".to_owned()
            });
            return Vec::new();
        };
        let (Some(council), Some(year)) = (self.council().map(|c| c.id.clone()), self.year) else {
            return Vec::new();
        };
        let target = flag_target(&flag, &council, year, self.period);
        if flag.dismissed.is_some() {
            return vec![Effect::Apply {
                change: dismissal_change(&target, flag.code, None),
                kind: SaveKind::Edit,
                base: self.plan_version,
            }];
        }
        self.show_overlay(Overlay::Editor(reason_editor(&flag, target)));
        self.message = Some(
            "Skriv varför flaggan inte gäller i perioden, t.ex. «Årlig enkät, redovisas i VB»"
                .to_owned(),
        );
        Vec::new()
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
