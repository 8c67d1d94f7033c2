//! The app's side of the Ekonomi screen: routes actions and typed text to
//! [`crate::tui::screens::economy`] while it is open and turns its outcomes into effects
//! (a prognosis saved through the one [`Effect::Apply`] path) and messages.

use super::{App, Effect};
use crate::domain::flags::economy::DEFAULT_DEFICIT_SHARE;
use crate::store::Change;
use crate::tui::action::Action;
use crate::tui::edit::SaveKind;
use crate::tui::screens::economy::{EconomyScreen, Outcome, Scope};

impl App {
    /// The Ekonomi screen's state, for the view.
    pub fn economy(&self) -> &EconomyScreen {
        &self.economy
    }

    /// The share of budget beyond which a deficit is flagged, on this screen and in
    /// *Att åtgärda* alike.
    pub fn deficit_share(&self) -> f64 {
        DEFAULT_DEFICIT_SHARE
    }

    /// Opens the Ekonomi screen (over the flags list, which it closes).
    pub(super) fn open_economy(&mut self) {
        self.flags.close();
        self.economy.open();
    }

    /// Opens the Ekonomi screen on the area called `area`.
    pub(super) fn open_economy_at(&mut self, area: &str) {
        match self.plan.as_ref() {
            Some(plan) => self.economy.open_at(&plan.economy, area),
            None => self.economy.open(),
        }
    }

    /// Handles `action` while the screen is open; `None` leaves it to the rest of the app.
    pub(super) fn update_economy(&mut self, action: Action) -> Option<Vec<Effect>> {
        if !self.economy.is_open() || self.help_scroll.is_some() || self.review.overlay.is_some() {
            return None;
        }
        let period = self.period;
        let scope = self.plan.as_ref().map(|plan| Scope {
            council: &plan.council.id,
            year: plan.year,
            period,
            economy: &plan.economy,
        });
        let outcome = self.economy.update(action, scope);
        match outcome {
            Outcome::NotMine => None,
            Outcome::Done => Some(Vec::new()),
            Outcome::Message(message) => {
                self.message = Some(message);
                Some(Vec::new())
            }
            Outcome::Save(change) => Some(vec![Effect::Apply {
                change,
                kind: SaveKind::Edit,
            }]),
        }
    }

    /// Text typed or pasted while the prognosis field is open; `false` when it is not.
    pub(super) fn economy_text(&mut self, text: &str) -> bool {
        if self.economy.takes_text() && self.help_scroll.is_none() && self.review.overlay.is_none()
        {
            self.economy.type_text(text);
            true
        } else {
            false
        }
    }

    /// Tells the screen how saving `change` went.
    pub(super) fn economy_applied(&mut self, change: &Change, result: Result<(), &str>) {
        self.economy.applied(change, result);
    }
}
