//! The finder overlay's state: what was typed, the ranked rows and the selection. Typing
//! queries the in-memory [`SearchIndex`] through a [`NarrowingState`], so a letter added only
//! rescans the keys the previous query matched; nothing here does I/O.
//!
//! The index is built once, when the finder is first opened (an effect the event loop
//! performs); until it arrives the overlay says so and typing is kept.

use std::sync::Arc;

use crate::domain::NodeId;
use crate::search::{EntryKind, NarrowingState, SearchIndex};
use crate::tui::action::Action;
use crate::tui::widgets::scroll_list::ScrollList;

/// How many hits are ranked and kept: more than any screen shows.
pub const HIT_LIMIT: usize = 200;

/// One ranked hit as the overlay shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct FinderRow {
    pub target: FinderTarget,
    pub council_name: String,
    pub text: String,
    /// Char indices into `text` of the matched letters.
    pub highlight: Vec<usize>,
    /// How many other councils and years have the same text.
    pub more: usize,
}

/// A node in one council's year: where Enter jumps and whose history Tab opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FinderTarget {
    pub kind: EntryKind,
    pub council: String,
    pub year: u16,
    pub node: NodeId,
    pub text: String,
}

/// What the finder asks the app to do after an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FinderOutcome {
    /// Nothing beyond its own state.
    Stay,
    Close,
    Jump(FinderTarget),
    History(FinderTarget),
}

/// The open finder.
#[derive(Debug, Clone)]
pub struct FinderState {
    input: String,
    rows: Vec<FinderRow>,
    /// The hit list's selection and scroll.
    list: ScrollList,
    narrowing: NarrowingState,
}

impl Default for FinderState {
    fn default() -> Self {
        FinderState {
            input: String::new(),
            rows: Vec::new(),
            list: ScrollList::selecting(),
            narrowing: NarrowingState::default(),
        }
    }
}

impl FinderState {
    pub fn input(&self) -> &str {
        &self.input
    }

    pub fn rows(&self) -> &[FinderRow] {
        &self.rows
    }

    pub fn selected(&self) -> usize {
        self.list.selected().unwrap_or(0)
    }

    /// The first row shown.
    pub fn offset(&self) -> usize {
        self.list.offset()
    }

    pub fn selected_row(&self) -> Option<&FinderRow> {
        self.rows.get(self.selected())
    }

    /// Takes how many rows the list has room for (from the layout pass).
    pub fn set_page(&mut self, rows: usize) {
        self.list.resize(self.rows.len(), rows);
    }

    /// Adds typed text at the end and searches again.
    pub fn insert(&mut self, text: &str, index: Option<&SearchIndex>) {
        self.input.extend(text.chars().filter(|c| !c.is_control()));
        self.search(index);
    }

    /// Handles one action of the finder context.
    pub fn update(&mut self, action: Action, index: Option<&SearchIndex>) -> FinderOutcome {
        match action {
            Action::Close => return FinderOutcome::Close,
            Action::DeleteBack => {
                self.input.pop();
                self.search(index);
            }
            Action::DeleteWordBack => {
                let trimmed = self.input.trim_end().len();
                self.input.truncate(trimmed);
                let word_start = self.input.rfind(' ').map_or(0, |space| space + 1);
                self.input.truncate(word_start);
                self.search(index);
            }
            Action::MoveUp
            | Action::MoveDown
            | Action::PageUp
            | Action::PageDown
            | Action::First
            | Action::Last => {
                self.list.navigate(action);
            }
            Action::JumpTo => {
                if let Some(row) = self.selected_row() {
                    return FinderOutcome::Jump(row.target.clone());
                }
            }
            Action::OpenHistory => {
                if let Some(row) = self.selected_row() {
                    return FinderOutcome::History(row.target.clone());
                }
            }
            _ => {}
        }
        FinderOutcome::Stay
    }

    /// Runs the current input against `index` (nothing while the index is not built).
    pub fn search(&mut self, index: Option<&SearchIndex>) {
        let Some(index) = index else {
            return;
        };
        self.rows = if self.input.trim().is_empty() {
            self.narrowing.reset();
            Vec::new()
        } else {
            index
                .query_narrowing(&self.input, HIT_LIMIT, &mut self.narrowing)
                .into_iter()
                .filter_map(|hit| {
                    let first = hit.entries.first()?;
                    Some(FinderRow {
                        target: FinderTarget {
                            kind: first.kind,
                            council: first.council.id.clone(),
                            year: first.year,
                            node: first.node,
                            text: hit.text.to_owned(),
                        },
                        council_name: first.council.name.clone(),
                        text: hit.text.to_owned(),
                        highlight: hit.highlight,
                        more: hit.entries.len().saturating_sub(1),
                    })
                })
                .collect()
        };
        self.list.set_len(self.rows.len());
        self.list.reset();
    }

    /// The index arrived: run what was typed meanwhile.
    pub fn index_ready(&mut self, index: &Arc<SearchIndex>) {
        self.narrowing.reset();
        self.search(Some(index));
    }
}
