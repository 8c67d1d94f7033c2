//! The *Historik* screen: one indicator series over the years, its state, its update and
//! its view. It opens from the finder, over it, and closing it goes back there.

mod state;
mod view;

pub use state::{HistoryLoad, HistoryOutcome, HistoryRequest, HistoryState, MAX_SHOWN};
pub use view::{layout, render};

/// Marks a row whose values were imported with a source (Kolada); the source of the
/// selected row is written under the table after the same mark.
pub const SOURCE_MARK: &str = "◆";

use std::collections::HashMap;

use crate::domain::Council;
use crate::search::history::IndicatorHistory;
use crate::search::{EntryKind, SeriesAliases, SeriesKey};
use crate::store::SeriesRef;
use crate::tui::action::Action;
use crate::tui::app::{App, Effect};

use super::{Routed, Screen};

impl App {
    /// The Historik screen, when it is open.
    pub fn history(&self) -> Option<&HistoryState> {
        self.screens.history()
    }

    /// An action while the history is on top: all but quitting, redrawing and help are its.
    pub(in crate::tui) fn update_history(&mut self, action: Action) -> Routed {
        if matches!(action, Action::Quit | Action::Redraw | Action::Help) {
            return Routed::Pass;
        }
        let marked = self.lookup.marked.clone();
        let Some(history) = self.screens.history_mut() else {
            return Routed::Pass;
        };
        Routed::Done(match history.update(action, marked.as_ref()) {
            HistoryOutcome::Stay => Vec::new(),
            HistoryOutcome::Close => {
                self.screens.close_top();
                Vec::new()
            }
            HistoryOutcome::Load(requests) => loads(requests),
            HistoryOutcome::Say(message) => {
                self.message = Some(message);
                Vec::new()
            }
            HistoryOutcome::Mark(reference) => {
                self.message = Some(format!(
                    "Markerad för länkning: «{}» ({} {}). Öppna en annan serie och tryck länka.",
                    reference.name, reference.council, reference.year
                ));
                self.lookup.marked = Some(reference);
                Vec::new()
            }
            HistoryOutcome::Link(b) => match self.lookup.marked.take() {
                Some(a) => vec![Effect::ApplySeriesLink { link: true, a, b }],
                None => Vec::new(),
            },
            HistoryOutcome::Unlink { a, b } => vec![Effect::ApplySeriesLink { link: false, a, b }],
        })
    }

    /// Opens the history of the indicator `origin` over the screen on top.
    pub(in crate::tui) fn open_history(&mut self, origin: SeriesRef) -> Vec<Effect> {
        let series = self.lookup.aliases.key(&origin.name);
        let councils = self.councils_with(&series, &origin.council);
        let (state, requests) = HistoryState::open(HistoryRequest {
            origin,
            series,
            councils,
        });
        self.screens.open(Screen::History(state));
        loads(requests)
    }

    /// A council's history of `series` arrived.
    pub(in crate::tui) fn history_loaded(
        &mut self,
        series: &SeriesKey,
        result: Result<IndicatorHistory, String>,
    ) {
        if let Some(history) = self.screens.history_mut() {
            history.loaded(series, result);
        }
    }

    /// A link or unlink was applied (or failed); `result` has the aliases now in force.
    pub(in crate::tui) fn series_changed(
        &mut self,
        description: &str,
        result: Result<SeriesAliases, String>,
    ) -> Vec<Effect> {
        match result {
            Ok(aliases) => {
                self.lookup.aliases = aliases;
                self.message = Some(format!("Sparat: {description}"));
                let Some(history) = self.screens.history() else {
                    return Vec::new();
                };
                let origin = history.request().origin.clone();
                let series = self.lookup.aliases.key(&origin.name);
                let councils = self.councils_with(&series, &origin.council);
                match self.screens.history_mut() {
                    Some(history) => loads(history.relinked(series, councils)),
                    None => Vec::new(),
                }
            }
            Err(error) => {
                self.message = Some(error);
                Vec::new()
            }
        }
    }

    /// Councils that have `series` somewhere, by name, `first` first. Each distinct text is
    /// normalised once.
    fn councils_with(&self, series: &SeriesKey, first: &str) -> Vec<Council> {
        let Some(index) = self.lookup.index.as_ref() else {
            return Vec::new();
        };
        let mut in_series: HashMap<&str, bool> = HashMap::new();
        let mut councils: Vec<Council> = Vec::new();
        for entry in index.entries() {
            if entry.kind != EntryKind::Indicator
                || councils.iter().any(|c| c.id == entry.council.id)
            {
                continue;
            }
            let matches = *in_series
                .entry(&entry.text)
                .or_insert_with(|| &self.lookup.aliases.key(&entry.text) == series);
            if matches {
                councils.push((*entry.council).clone());
            }
        }
        councils.sort_by(|a, b| {
            (a.id != first)
                .cmp(&(b.id != first))
                .then_with(|| a.name.cmp(&b.name))
        });
        councils
    }
}

/// The loads the Historik screen asks for, as effects for the runner.
fn loads(requests: Vec<HistoryLoad>) -> Vec<Effect> {
    requests
        .into_iter()
        .map(|HistoryLoad { council, series }| Effect::LoadHistory { council, series })
        .collect()
}
