//! The *Ekonomi* screen (DESIGN.md §2, DOMAIN.md §8): the council's budget follow-up for the
//! year and the chosen period — per verksamhetsområde budget, begärda budgetjusteringar,
//! prognos (bokslut in the VB), avvikelse in mnkr and per cent, the prognosis trend and the
//! area's analys, the nämnd's totals and the warnings where a document's own total or
//! avvikelse disagrees with its rows ([`EconomyView`]).
//!
//! Keyboard-only entry of the period's prognosis for the selected area: Swedish mnkr
//! ("−1,5", "12,3 mnkr") read by the domain's strict reader ([`Money::parse_typed_mnkr`]); a
//! bad amount gets its Swedish message at the field and nothing is saved; a good one becomes
//! one [`Change::Economy`] for the app's one `Effect::Apply` path (transaction, audit, undo).
//!
//! Pure state: [`EconomyScreen::update`] turns an action into an [`Outcome`]; the app does
//! the I/O (its `update` module: the screen's place in the stack, `Screen::Economy`). Drawing is in
//! [`view`].

mod update;
pub mod view;

use crate::domain::Period;
use crate::domain::budget::{Economy, EconomyError, EconomyView, Money, format_mnkr, name_key};
use crate::store::{Change, EconomyChange};
use crate::tui::action::Action;
use crate::tui::edit::line_input::LineInput;
use crate::tui::keymap::Context;

/// What the screen shows: a council-year's economy in one period.
#[derive(Debug, Clone, Copy)]
pub struct Scope<'a> {
    pub council: &'a str,
    pub year: u16,
    pub period: Period,
    pub economy: &'a Economy,
}

/// The prognosis being typed for one area.
#[derive(Debug, Clone, PartialEq)]
pub struct ForecastEntry {
    /// The area's name as the economy has it.
    pub area: String,
    /// The period the prognosis is for (the bokslut in the VB).
    pub period: Period,
    pub input: LineInput,
    /// The Swedish message shown at the field after a refused amount or a failed save.
    pub error: Option<String>,
    /// The change sent to be saved, until its result arrives.
    pub pending: Option<Change>,
}

/// What an action asks of the app.
// An outcome lives for one update; boxing the change would only add an allocation per save.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Not the screen's action: the app handles it (period, year, council, undo, quit, help).
    NotMine,
    /// Handled inside the screen.
    Done,
    /// Handled; say this in the status line.
    Message(String),
    /// Save this change (one transaction with its audit entry).
    Save(Change),
    /// Close the screen.
    Close,
    /// Close the screen and leave the action to the app (another screen takes over).
    Leave,
}

/// Sizes from the last frame: area rows per page, and how far the detail can scroll.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Page {
    pub rows: usize,
    pub max_scroll: usize,
}

/// The Ekonomi screen's state while it is open ([`Screen::Economy`](super::Screen)): the
/// selected row, the page size of the last frame and the prognosis being typed.
#[derive(Debug, Clone, Default)]
pub struct EconomyScreen {
    /// Index into [`EconomyView::rows`] (areas depth first).
    selected: usize,
    /// Rows per page in the last frame (from the layout pass).
    page: usize,
    /// Reading the detail (warnings, trend, analys) over the whole screen instead of the
    /// table, scrolled this far: what an 80x24 terminal cannot show under the table.
    reading: Option<usize>,
    /// The furthest the detail can scroll, from the last frame.
    max_scroll: usize,
    entry: Option<ForecastEntry>,
}

impl EconomyScreen {
    /// The screen with the area called `area` selected (a deficit in *Att åtgärda*).
    pub fn at(economy: &Economy, area: &str) -> EconomyScreen {
        let mut screen = EconomyScreen::default();
        let wanted = name_key(area);
        if let Some(index) = economy
            .areas_depth_first()
            .iter()
            .position(|(_, a)| name_key(&a.name) == wanted)
        {
            screen.selected = index;
        }
        screen
    }

    /// The selected row, within `rows` rows.
    pub fn selected(&self, rows: usize) -> usize {
        self.selected.min(rows.saturating_sub(1))
    }

    /// The prognosis being typed, if any.
    pub fn entry(&self) -> Option<&ForecastEntry> {
        self.entry.as_ref()
    }

    /// Whether typed characters are text for the prognosis field.
    pub fn takes_text(&self) -> bool {
        self.entry.is_some()
    }

    /// The keymap context: the form's while a prognosis is typed.
    pub fn context(&self) -> Context {
        match &self.entry {
            Some(_) => Context::Form,
            None => Context::Economy,
        }
    }

    /// Takes the page size and the detail's furthest scroll the last frame had room for.
    pub fn set_page(&mut self, page: Page) {
        self.page = page.rows.max(1);
        self.max_scroll = page.max_scroll;
        if let Some(scroll) = self.reading.as_mut() {
            *scroll = (*scroll).min(page.max_scroll);
        }
    }

    /// Whether the detail is shown over the whole screen, and scrolled how far.
    pub fn reading(&self) -> Option<usize> {
        self.reading
    }

    /// Text typed or pasted into the prognosis field (one line: a paste is joined).
    pub fn type_text(&mut self, text: &str) {
        if let Some(entry) = self.entry.as_mut() {
            entry.input.insert(text);
            entry.error = None;
        }
    }

    /// Handles `action` while the screen is open; `scope` is the loaded economy, if any.
    pub fn update(&mut self, action: Action, scope: Option<Scope<'_>>) -> Outcome {
        if matches!(action, Action::Quit | Action::Help | Action::Redraw) {
            return Outcome::NotMine;
        }
        if self.entry.is_some() {
            return self.entry_update(action, scope);
        }
        let rows = scope.map_or(0, |s| s.economy.areas_depth_first().len());
        let last = rows.saturating_sub(1);
        let page = self.page.max(1);
        if let Some(scroll) = self.reading {
            let max = self.max_scroll;
            let scrolled = match action {
                Action::MoveUp => scroll.saturating_sub(1),
                Action::MoveDown => scroll + 1,
                Action::PageUp => scroll.saturating_sub(page),
                Action::PageDown => scroll + page,
                Action::First => 0,
                Action::Last => max,
                _ => scroll,
            };
            if scrolled != scroll || matches!(action, Action::First | Action::Last) {
                self.reading = Some(scrolled.min(max));
                return Outcome::Done;
            }
        }
        match action {
            Action::SwitchFocus => {
                self.reading = match self.reading {
                    Some(_) => None,
                    None => Some(0),
                };
            }
            Action::MoveUp => self.selected = self.selected(rows).saturating_sub(1),
            Action::MoveDown => self.selected = (self.selected(rows) + 1).min(last),
            Action::PageUp => self.selected = self.selected(rows).saturating_sub(page),
            Action::PageDown => self.selected = (self.selected(rows) + page).min(last),
            Action::First => self.selected = 0,
            Action::Last => self.selected = last,
            Action::Close if self.reading.is_some() => self.reading = None,
            Action::Close | Action::OpenEconomy => return Outcome::Close,
            Action::EditForecast => return self.start_entry(scope),
            // Another screen: this one steps aside.
            Action::OpenFlags => return Outcome::Leave,
            // The period, year and council switch under the screen; undo works here too.
            Action::NextPeriod
            | Action::PrevPeriod
            | Action::NextYear
            | Action::PrevYear
            | Action::NextCouncil
            | Action::PrevCouncil
            | Action::UndoChange
            | Action::RedoChange => return Outcome::NotMine,
            // The tree's editors and the finder do not open over the economy.
            _ => {}
        }
        Outcome::Done
    }

    fn start_entry(&mut self, scope: Option<Scope<'_>>) -> Outcome {
        let Some(scope) = scope else {
            return Outcome::Message("Ingen plan inläst: välj en nämnd och ett år".into());
        };
        if scope.period == Period::Plan {
            return Outcome::Message(EconomyError::NoForecastInPlan.to_string());
        }
        let areas = scope.economy.areas_depth_first();
        let Some((_, area)) = areas.get(self.selected(areas.len())) else {
            return Outcome::Message(format!(
                "Ingen ekonomi för {}: läs in en rapport med ekonomitabeller (malkoll import)",
                scope.year
            ));
        };
        let current = area
            .line
            .forecasts
            .get(&scope.period)
            .map(|m| format_mnkr(m.tkr))
            .unwrap_or_default();
        self.reading = None;
        self.entry = Some(ForecastEntry {
            area: area.name.clone(),
            period: scope.period,
            input: LineInput::new(&current),
            error: None,
            pending: None,
        });
        Outcome::Done
    }

    fn entry_update(&mut self, action: Action, scope: Option<Scope<'_>>) -> Outcome {
        let Some(entry) = self.entry.as_mut() else {
            return Outcome::Done;
        };
        let input = &mut entry.input;
        let edited = match action {
            Action::Close => {
                self.entry = None;
                return Outcome::Done;
            }
            Action::Confirm | Action::Save => return self.submit(scope),
            action => input.edit(action),
        };
        if edited {
            entry.error = None;
        }
        Outcome::Done
    }

    /// Reads the typed amount: a refused one stays with its message; an accepted one (or an
    /// empty field, which removes the prognosis) goes to be saved for `scope`'s council-year.
    fn submit(&mut self, scope: Option<Scope<'_>>) -> Outcome {
        let Some(entry) = self.entry.as_mut() else {
            return Outcome::Done;
        };
        if entry.pending.is_some() {
            return Outcome::Done;
        }
        let Some(scope) = scope else {
            entry.error = Some("Planen är inte inläst längre: inget sparat".into());
            return Outcome::Done;
        };
        let typed = entry.input.text().trim();
        let amount = if typed.is_empty() {
            None
        } else {
            match Money::parse_typed_mnkr(typed) {
                Ok(money) => Some(money),
                Err(error) => {
                    entry.error = Some(error.to_string());
                    return Outcome::Message("Inget sparat: rätta beloppet".into());
                }
            }
        };
        entry.error = None;
        let change = Change::Economy(EconomyChange::SetAreaForecast {
            council: scope.council.to_owned(),
            year: scope.year,
            area: entry.area.clone(),
            period: entry.period,
            amount,
        });
        entry.pending = Some(change.clone());
        Outcome::Save(change)
    }

    /// The result of saving `change`: the field closes when it was its change and it was
    /// stored; a refusal stays at the field.
    pub fn applied(&mut self, change: &Change, result: Result<(), &str>) {
        let Some(entry) = self.entry.as_mut() else {
            return;
        };
        if entry.pending.as_ref() != Some(change) {
            return;
        }
        match result {
            Ok(()) => self.entry = None,
            Err(error) => {
                entry.pending = None;
                entry.error = Some(format!("Kunde inte spara: {error}"));
            }
        }
    }

    /// The view of `scope`'s economy in its period.
    pub fn view(scope: Scope<'_>) -> EconomyView {
        EconomyView::build(scope.economy, scope.period)
    }
}

#[cfg(test)]
mod tests;
