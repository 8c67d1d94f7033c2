//! The app's side of the Ekonomi screen ([`Screen::Economy`]): routes actions and typed text
//! to the screen's state while it is on top and turns its outcomes into effects (a prognosis
//! saved through the one [`Effect::Apply`] path) and messages.

use super::{EconomyScreen, Outcome, Scope};
use crate::domain::flags::economy::DEFAULT_DEFICIT_SHARE;
use crate::store::Change;
use crate::tui::action::Action;
use crate::tui::app::{App, Effect};
use crate::tui::edit::SaveKind;
use crate::tui::screens::{Routed, Screen};

impl App {
    /// The Ekonomi screen's state, when it is open.
    pub fn economy(&self) -> Option<&EconomyScreen> {
        self.screens.above().iter().rev().find_map(|s| match s {
            Screen::Economy(screen) => Some(screen),
            _ => None,
        })
    }

    fn economy_mut(&mut self) -> Option<&mut EconomyScreen> {
        self.screens.economy_mut()
    }

    /// The share of budget beyond which a deficit is flagged, on this screen and in
    /// *Att åtgärda* alike.
    pub fn deficit_share(&self) -> f64 {
        DEFAULT_DEFICIT_SHARE
    }

    /// Opens the Ekonomi screen in place of the flags list (or closes it when it is on top).
    pub(in crate::tui) fn open_economy(&mut self) {
        self.screens
            .close(|s| matches!(s, Screen::Flags | Screen::Economy(_)));
        self.screens.open(Screen::Economy(EconomyScreen::default()));
    }

    /// Opens the Ekonomi screen on the area called `area`, in place of the flags list.
    pub(in crate::tui) fn open_economy_at(&mut self, area: &str) {
        let screen = match self.plan.as_ref() {
            Some(plan) => EconomyScreen::at(&plan.economy, area),
            None => EconomyScreen::default(),
        };
        self.screens
            .close(|s| matches!(s, Screen::Flags | Screen::Economy(_)));
        self.screens.open(Screen::Economy(screen));
    }

    /// An action while the Ekonomi screen is on top.
    pub(in crate::tui) fn update_economy(&mut self, action: Action) -> Routed {
        let period = self.period;
        let scope = self.plan.as_ref().map(|plan| Scope {
            council: &plan.council.id,
            year: plan.year,
            period,
            economy: &plan.economy,
        });
        let Some(Screen::Economy(screen)) = self.screens.top_mut() else {
            return Routed::Pass;
        };
        match screen.update(action, scope) {
            Outcome::NotMine => Routed::Pass,
            Outcome::Done => Routed::Done(Vec::new()),
            Outcome::Message(message) => {
                self.message = Some(message);
                Routed::Done(Vec::new())
            }
            Outcome::Save(change) => Routed::Done(vec![Effect::Apply {
                change,
                kind: SaveKind::Edit,
                base: None,
            }]),
            Outcome::Close => {
                self.screens.close_top();
                Routed::Done(Vec::new())
            }
            Outcome::Leave => {
                self.screens.close_top();
                Routed::Pass
            }
        }
    }

    /// Text typed or pasted while the prognosis field is on top; `false` when it is not.
    pub(in crate::tui) fn economy_text(&mut self, text: &str) -> bool {
        match self.screens.top_mut() {
            Some(Screen::Economy(screen)) if screen.takes_text() => {
                screen.type_text(text);
                true
            }
            _ => false,
        }
    }

    /// Tells the open screen how saving `change` went.
    pub(in crate::tui) fn economy_applied(&mut self, change: &Change, result: Result<(), &str>) {
        if let Some(screen) = self.economy_mut() {
            screen.applied(change, result);
        }
    }
}
