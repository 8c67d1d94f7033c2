//! The finder's side of the app: the search index and series aliases it shares with the
//! Historik screen, opening the finder, routing its actions and sending a hit to a
//! [`GoTo`].
//!
//! The search index is requested from the event loop the first time the finder opens
//! ([`Effect::BuildSearchIndex`]) and kept; series aliases (bundled list plus stored links)
//! come with it and again after every link or unlink.

use std::sync::Arc;

use crate::search::{EntryKind, SearchIndex, SeriesAliases};
use crate::store::SeriesRef;
use crate::tui::action::Action;
use crate::tui::app::{App, Effect, GoTo, Spot};
use crate::tui::screens::{Routed, Screen};

use super::{FinderOutcome, FinderState, FinderTarget};

/// What the finder and the history screen share, kept while they are closed: the index, the
/// aliases, the finder's query and hits (reopening finds them), the series marked for a link.
#[derive(Debug, Clone, Default)]
pub struct Lookup {
    pub(in crate::tui) index: Option<Arc<SearchIndex>>,
    pub(in crate::tui) aliases: SeriesAliases,
    index_requested: bool,
    index_error: Option<String>,
    pub(in crate::tui) finder: FinderState,
    pub(in crate::tui) marked: Option<SeriesRef>,
}

impl App {
    // ---- read access for the views ----

    /// The finder, when it is open.
    pub fn finder(&self) -> Option<&FinderState> {
        self.screens
            .is_open(|s| matches!(s, Screen::Finder))
            .then_some(&self.lookup.finder)
    }

    /// Whether the finder is still waiting for its index (or why it has none).
    pub fn finder_status(&self) -> Option<&str> {
        match (&self.lookup.index, &self.lookup.index_error) {
            (_, Some(error)) => Some(error),
            (None, None) => Some("Bygger sökindex …"),
            (Some(_), None) => None,
        }
    }

    /// The indicator marked for a link, if any.
    pub fn marked_series(&self) -> Option<&SeriesRef> {
        self.lookup.marked.as_ref()
    }

    /// The series aliases in force: bundled list plus stored links.
    pub fn series_aliases(&self) -> &SeriesAliases {
        &self.lookup.aliases
    }

    // ---- state changes ----

    /// An action while the finder is on top: all but quitting, redrawing and help are its.
    pub(in crate::tui) fn update_finder(&mut self, action: Action) -> Routed {
        if matches!(action, Action::Quit | Action::Redraw | Action::Help) {
            return Routed::Pass;
        }
        let index = self.lookup.index.clone();
        Routed::Done(match self.lookup.finder.update(action, index.as_deref()) {
            FinderOutcome::Stay => Vec::new(),
            FinderOutcome::Close => {
                self.screens.close_top();
                Vec::new()
            }
            FinderOutcome::Jump(target) => {
                self.screens.close_top();
                self.jump_to(target)
            }
            FinderOutcome::History(target) => {
                if target.kind != EntryKind::Indicator {
                    self.message = Some("Historik finns för indikatorer: välj en indikator".into());
                    return Routed::Done(Vec::new());
                }
                self.open_history(SeriesRef {
                    council: target.council,
                    year: target.year,
                    indicator: target.node,
                    name: target.text,
                })
            }
        })
    }

    /// Opens the finder, asking for the index the first time.
    pub(in crate::tui) fn open_finder(&mut self) -> Vec<Effect> {
        self.screens.open(Screen::Finder);
        if self.lookup.index.is_none() && !self.lookup.index_requested {
            self.lookup.index_requested = true;
            return vec![Effect::BuildSearchIndex];
        }
        Vec::new()
    }

    /// Text typed into the finder (printable characters the keymap does not bind there).
    pub(in crate::tui) fn insert_text(&mut self, text: &str) -> Vec<Effect> {
        if matches!(self.screens.top(), Some(Screen::Finder)) {
            let index = self.lookup.index.clone();
            self.lookup.finder.insert(text, index.as_deref());
        }
        Vec::new()
    }

    /// The search index (and the aliases in force) arrived, or could not be built.
    pub(in crate::tui) fn search_ready(
        &mut self,
        result: Result<(SearchIndex, SeriesAliases), String>,
    ) {
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
