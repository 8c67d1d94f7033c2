//! The app's side of quick lookup: the finder overlay and the Historik screen. Their
//! own state lives in [`crate::tui::finder`] and [`crate::tui::history`]; this module routes
//! actions to them, turns their outcomes into effects, and sends a hit to a [`super::GoTo`].
//!
//! The search index is requested from the event loop the first time the finder opens
//! ([`Effect::BuildSearchIndex`]) and kept; series aliases (bundled list plus stored links)
//! come with it and again after every link or unlink.

use std::collections::HashMap;
use std::sync::Arc;

use super::{App, Effect, GoTo, Spot};
use crate::domain::Council;
use crate::search::history::IndicatorHistory;
use crate::search::{EntryKind, SearchIndex, SeriesAliases, SeriesKey};
use crate::store::SeriesRef;
use crate::tui::action::Action;
use crate::tui::finder::{FinderOutcome, FinderState, FinderTarget};
use crate::tui::history::{HistoryLoad, HistoryOutcome, HistoryRequest, HistoryState};
use crate::tui::keymap::Context;

/// Finder and history state held by the app.
#[derive(Debug, Clone, Default)]
pub struct Lookup {
    index: Option<Arc<SearchIndex>>,
    aliases: SeriesAliases,
    index_requested: bool,
    index_error: Option<String>,
    finder: FinderState,
    finder_open: bool,
    history: Option<HistoryState>,
    /// Whether closing the history goes back to the finder (else to the tree).
    history_from_finder: bool,
    marked: Option<SeriesRef>,
}

impl App {
    // ---- read access for the views ----

    /// The finder, when it is open.
    pub fn finder(&self) -> Option<&FinderState> {
        self.lookup.finder_open.then_some(&self.lookup.finder)
    }

    /// Whether the finder is still waiting for its index (or why it has none).
    pub fn finder_status(&self) -> Option<&str> {
        match (&self.lookup.index, &self.lookup.index_error) {
            (_, Some(error)) => Some(error),
            (None, None) => Some("Bygger sökindex …"),
            (Some(_), None) => None,
        }
    }

    /// The Historik screen, when it is open.
    pub fn history(&self) -> Option<&HistoryState> {
        self.lookup.history.as_ref()
    }

    /// The indicator marked for a link, if any.
    pub fn marked_series(&self) -> Option<&SeriesRef> {
        self.lookup.marked.as_ref()
    }

    /// The series aliases in force: bundled list plus stored links.
    pub fn series_aliases(&self) -> &SeriesAliases {
        &self.lookup.aliases
    }

    /// The context of the open finder or history, if one is open.
    pub(super) fn lookup_context(&self) -> Option<Context> {
        if self.lookup.history.is_some() {
            Some(Context::History)
        } else if self.lookup.finder_open {
            Some(Context::Finder)
        } else {
            None
        }
    }

    /// Records the room the finder list and the history table had in the last frame.
    pub(super) fn set_lookup_pages(&mut self, finder_rows: usize, history_rows: usize) {
        self.lookup.finder.set_page(finder_rows);
        if let Some(history) = self.lookup.history.as_mut() {
            history.set_page(history_rows);
        }
    }

    // ---- state changes ----

    /// Handles `action` when the finder or history has the keyboard; `None` otherwise.
    pub(super) fn update_lookup(&mut self, action: Action) -> Option<Vec<Effect>> {
        match self.lookup_context()? {
            Context::History => Some(self.update_history(action)),
            _ => Some(self.update_finder(action)),
        }
    }

    /// Opens the finder, asking for the index the first time.
    pub(super) fn open_finder(&mut self) -> Vec<Effect> {
        self.lookup.finder_open = true;
        if self.lookup.index.is_none() && !self.lookup.index_requested {
            self.lookup.index_requested = true;
            return vec![Effect::BuildSearchIndex];
        }
        Vec::new()
    }

    /// Text typed into the finder (printable characters the keymap does not bind there).
    pub(super) fn insert_text(&mut self, text: &str) -> Vec<Effect> {
        if self.lookup_context() == Some(Context::Finder) {
            let index = self.lookup.index.clone();
            self.lookup.finder.insert(text, index.as_deref());
        }
        Vec::new()
    }

    /// The search index (and the aliases in force) arrived, or could not be built.
    pub(super) fn search_ready(&mut self, result: Result<(SearchIndex, SeriesAliases), String>) {
        match result {
            Ok((index, aliases)) => {
                let index = Arc::new(index);
                self.lookup.finder.index_ready(&index);
                self.lookup.index = Some(index);
                self.lookup.aliases = aliases;
                self.lookup.index_error = None;
            }
            Err(error) => {
                self.lookup.index_requested = false;
                self.lookup.index_error = Some(format!("Sökindexet kunde inte byggas: {error}"));
            }
        }
    }

    /// A council's history of `series` arrived.
    pub(super) fn history_loaded(
        &mut self,
        series: &SeriesKey,
        result: Result<IndicatorHistory, String>,
    ) {
        if let Some(history) = self.lookup.history.as_mut() {
            history.loaded(series, result);
        }
    }

    /// A link or unlink was applied (or failed); `result` has the aliases now in force.
    pub(super) fn series_changed(
        &mut self,
        description: &str,
        result: Result<SeriesAliases, String>,
    ) -> Vec<Effect> {
        match result {
            Ok(aliases) => {
                self.lookup.aliases = aliases;
                self.message = Some(format!("Sparat: {description}"));
                let Some(history) = self.lookup.history.as_ref() else {
                    return Vec::new();
                };
                let origin = history.request().origin.clone();
                let series = self.lookup.aliases.key(&origin.name);
                let councils = self.councils_with(&series, &origin.council);
                match self.lookup.history.as_mut() {
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

    fn update_finder(&mut self, action: Action) -> Vec<Effect> {
        let index = self.lookup.index.clone();
        match self.lookup.finder.update(action, index.as_deref()) {
            FinderOutcome::Stay => Vec::new(),
            FinderOutcome::Close => {
                self.lookup.finder_open = false;
                Vec::new()
            }
            FinderOutcome::Jump(target) => {
                self.lookup.finder_open = false;
                self.jump_to(target)
            }
            FinderOutcome::History(target) => {
                if target.kind != EntryKind::Indicator {
                    self.message = Some("Historik finns för indikatorer: välj en indikator".into());
                    return Vec::new();
                }
                self.lookup.history_from_finder = true;
                self.open_history(SeriesRef {
                    council: target.council,
                    year: target.year,
                    indicator: target.node,
                    name: target.text,
                })
            }
        }
    }

    fn update_history(&mut self, action: Action) -> Vec<Effect> {
        let marked = self.lookup.marked.clone();
        let Some(history) = self.lookup.history.as_mut() else {
            return Vec::new();
        };
        match history.update(action, marked.as_ref()) {
            HistoryOutcome::Stay => Vec::new(),
            HistoryOutcome::Close => {
                self.lookup.history = None;
                self.lookup.finder_open = self.lookup.history_from_finder;
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
        }
    }

    /// Opens the history of the indicator `origin`.
    fn open_history(&mut self, origin: SeriesRef) -> Vec<Effect> {
        let series = self.lookup.aliases.key(&origin.name);
        let councils = self.councils_with(&series, &origin.council);
        let (state, requests) = HistoryState::open(HistoryRequest {
            origin,
            series,
            councils,
        });
        self.lookup.history = Some(state);
        loads(requests)
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

    /// Goes to the hit: its council and year, the goal in the tree, an indicator's or
    /// activity's row in the detail pane.
    fn jump_to(&mut self, target: FinderTarget) -> Vec<Effect> {
        let announce = (target.kind != EntryKind::Goal)
            .then(|| format!("{}: {}", target.kind.label(), target.text));
        self.go_to(GoTo {
            council: target.council,
            year: target.year,
            period: None,
            spot: Spot::Node(target.node),
            announce,
        })
    }
}

/// The loads the Historik screen asks for, as effects for the runner.
fn loads(requests: Vec<HistoryLoad>) -> Vec<Effect> {
    requests
        .into_iter()
        .map(|HistoryLoad { council, series }| Effect::LoadHistory { council, series })
        .collect()
}
