//! The finder: its state (query, hits, selection), its update and its overlay.

mod state;
mod update;
mod view;

pub use state::{FinderOutcome, FinderRow, FinderState, FinderTarget, HIT_LIMIT};
pub use update::Lookup;
pub use view::{fit, highlighted, render, short_council};

use ratatui::layout::Rect;

/// The layout pass: how many hit rows the overlay has room for in `body`.
pub fn layout(body: Rect) -> usize {
    view::hit_rows(view::area(body))
}
