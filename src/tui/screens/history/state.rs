//! The Historik screen's state: one indicator series, the council whose table shows and the
//! councils compared in the chart (at most [`MAX_SHOWN`]), the selected row, and what the user
//! marked for linking. The histories themselves are loaded by the effect runner (the app
//! turns each [`HistoryLoad`] into an effect) and handed back with [`HistoryState::loaded`].

use crate::domain::Council;
use crate::search::SeriesKey;
use crate::search::history::IndicatorHistory;
use crate::store::SeriesRef;
use crate::tui::action::Action;
use crate::tui::widgets::scroll_list::ScrollList;

/// Councils drawn in the chart at once (the legend fits three at 200x50).
pub const MAX_SHOWN: usize = 3;

/// What history is asked for: an indicator seen in one council's year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryRequest {
    pub origin: SeriesRef,
    pub series: SeriesKey,
    /// Councils that have the series somewhere, sorted by name; the origin's first.
    pub councils: Vec<Council>,
}

/// One council's history of a series, to be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryLoad {
    pub council: String,
    pub series: SeriesKey,
}

/// What the history screen asks of the app.
#[derive(Debug, Clone, PartialEq)]
pub enum HistoryOutcome {
    Stay,
    Close,
    Load(Vec<HistoryLoad>),
    /// A message for the top bar.
    Say(String),
    /// Remember this indicator for a later link.
    Mark(SeriesRef),
    /// Link the selected indicator to the marked one.
    Link(SeriesRef),
    /// Part the selected indicator from the origin's series.
    Unlink {
        a: SeriesRef,
        b: SeriesRef,
    },
}

/// The open Historik screen.
#[derive(Debug, Clone)]
pub struct HistoryState {
    request: HistoryRequest,
    /// Council ids shown, the table's first.
    shown: Vec<String>,
    /// Loaded histories by council (a shown council whose load is under way is missing).
    loaded: Vec<IndicatorHistory>,
    error: Option<String>,
    /// The table's selection and scroll.
    list: ScrollList,
}

impl HistoryState {
    /// A new screen for `request`; returns it with the load of the origin's council.
    pub fn open(request: HistoryRequest) -> (HistoryState, Vec<HistoryLoad>) {
        let council = request.origin.council.clone();
        let state = HistoryState {
            shown: vec![council.clone()],
            loaded: Vec::new(),
            error: None,
            list: ScrollList::selecting(),
            request,
        };
        let effects = vec![state.load(&council)];
        (state, effects)
    }

    pub fn request(&self) -> &HistoryRequest {
        &self.request
    }

    /// The histories to draw, in the order shown (the table's first).
    pub fn histories(&self) -> Vec<&IndicatorHistory> {
        self.shown
            .iter()
            .filter_map(|id| self.loaded.iter().find(|h| &h.council.id == id))
            .collect()
    }

    /// The history whose table shows.
    pub fn primary(&self) -> Option<&IndicatorHistory> {
        let id = self.shown.first()?;
        self.loaded.iter().find(|h| &h.council.id == id)
    }

    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    pub fn selected(&self) -> usize {
        self.list.selected().unwrap_or(0)
    }

    pub fn offset(&self) -> usize {
        self.list.offset()
    }

    /// Takes how many table rows the screen has room for (from the layout pass): the page
    /// grows from the tiny table of the «Läser …» frame to its real room once the rows are
    /// there.
    pub fn set_page(&mut self, rows: usize) {
        let len = self.row_count();
        self.list.resize(len, rows);
    }

    /// Rows of the table.
    fn row_count(&self) -> usize {
        self.primary().map_or(0, |h| h.rows.len())
    }

    /// A history (or its error) arrived. Stale ones (a council no longer shown, an older
    /// series) are dropped.
    pub fn loaded(&mut self, series: &SeriesKey, result: Result<IndicatorHistory, String>) {
        match result {
            Ok(history) => {
                if &history.series != series
                    || series != &self.request.series
                    || !self.shown.contains(&history.council.id)
                {
                    return;
                }
                let first_load = self.loaded.is_empty();
                self.loaded.retain(|h| h.council.id != history.council.id);
                self.loaded.push(history);
                self.list.set_len(self.row_count());
                if first_load {
                    // Open on the newest rows, where the user's question usually is.
                    self.list.select(self.row_count().saturating_sub(1));
                }
            }
            Err(error) => self.error = Some(error),
        }
    }

    /// The series was relinked: reload every shown council under the new key.
    pub fn relinked(&mut self, series: SeriesKey, councils: Vec<Council>) -> Vec<HistoryLoad> {
        self.request.series = series;
        self.request.councils = councils;
        self.loaded.clear();
        self.shown.retain(|id| {
            self.request.councils.iter().any(|c| &c.id == id) || id == &self.request.origin.council
        });
        self.shown.iter().map(|id| self.load(id)).collect()
    }

    /// Handles one action of the history context.
    pub fn update(&mut self, action: Action, marked: Option<&SeriesRef>) -> HistoryOutcome {
        match action {
            Action::Close => return HistoryOutcome::Close,
            Action::MoveUp
            | Action::MoveDown
            | Action::PageUp
            | Action::PageDown
            | Action::First
            | Action::Last => {
                self.list.navigate(action);
            }
            Action::CompareCouncil => return self.compare_next(),
            Action::MarkSeries => {
                return match self.selected_ref() {
                    Some(reference) => HistoryOutcome::Mark(reference),
                    None => HistoryOutcome::Stay,
                };
            }
            Action::LinkSeries => {
                return match (marked, self.selected_ref()) {
                    (None, _) => HistoryOutcome::Say(
                        "Markera först en indikator i en annan serie (m), öppna sedan den här"
                            .into(),
                    ),
                    (Some(_), Some(reference)) => HistoryOutcome::Link(reference),
                    (Some(_), None) => HistoryOutcome::Stay,
                };
            }
            Action::UnlinkSeries => {
                let Some(selected) = self.selected_ref() else {
                    return HistoryOutcome::Stay;
                };
                let other = self
                    .primary()
                    .into_iter()
                    .flat_map(|h| &h.rows)
                    .find(|row| row.name != selected.name)
                    .map(|row| SeriesRef {
                        council: selected.council.clone(),
                        year: row.year,
                        indicator: row.node,
                        name: row.name.clone(),
                    });
                return match other {
                    Some(a) => HistoryOutcome::Unlink { a, b: selected },
                    None => HistoryOutcome::Say(
                        "Serien har bara ett namn här: inget att skilja åt".into(),
                    ),
                };
            }
            _ => {}
        }
        HistoryOutcome::Stay
    }

    /// The indicator of the selected row, as a reference to link.
    pub fn selected_ref(&self) -> Option<SeriesRef> {
        let history = self.primary()?;
        let row = history.rows.get(self.selected())?;
        Some(SeriesRef {
            council: history.council.id.clone(),
            year: row.year,
            indicator: row.node,
            name: row.name.clone(),
        })
    }

    /// Adds the next council that has the series; when [`MAX_SHOWN`] are shown or none is
    /// left, goes back to the first alone.
    fn compare_next(&mut self) -> HistoryOutcome {
        let next = self
            .request
            .councils
            .iter()
            .find(|c| !self.shown.contains(&c.id))
            .map(|c| c.id.clone());
        match next {
            Some(id) if self.shown.len() < MAX_SHOWN => {
                self.shown.push(id.clone());
                HistoryOutcome::Load(vec![self.load(&id)])
            }
            _ if self.shown.len() > 1 => {
                // Cycle: keep the table's council, try the councils after the compared ones.
                let last = self.shown.last().cloned();
                self.shown.truncate(1);
                let after = last
                    .and_then(|last| self.request.councils.iter().position(|c| c.id == last))
                    .map_or(0, |i| i + 1);
                let next = self
                    .request
                    .councils
                    .iter()
                    .skip(after)
                    .find(|c| !self.shown.contains(&c.id))
                    .map(|c| c.id.clone());
                match next {
                    Some(id) => {
                        self.shown.push(id.clone());
                        HistoryOutcome::Load(vec![self.load(&id)])
                    }
                    None => HistoryOutcome::Stay,
                }
            }
            _ => HistoryOutcome::Say("Ingen annan nämnd har den här serien".into()),
        }
    }

    fn load(&self, council: &str) -> HistoryLoad {
        HistoryLoad {
            council: council.to_owned(),
            series: self.request.series.clone(),
        }
    }
}
