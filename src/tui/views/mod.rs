//! Drawing: a pure function of the [`App`] and the [`Keymap`] onto a frame. [`render`] lays
//! out the screen and returns the [`Viewport`] sizes that paging and scrolling depend on.

mod detail;
mod edit;
mod finder;
mod flags;
mod help;
mod hint_bar;
mod history;
mod top_bar;
mod tree;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::app::{App, Viewport};
use super::keymap::Keymap;
use super::theme;
use super::widgets::text;

/// Below this terminal width the tree takes a fixed, narrower share.
const WIDE_SCREEN: u16 = 120;

/// The smallest terminal the screens are laid out for (*för litet fönster* below it).
pub const MIN_SIZE: (u16, u16) = (40, 12);

/// Draws the whole screen.
pub fn render(app: &App, keymap: &Keymap, frame: &mut Frame<'_>) -> Viewport {
    let area = frame.area();
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        too_small(frame, area);
        return Viewport::default();
    }
    let [top, body, bottom] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(frame.area());
    top_bar::render(app, frame, top);
    hint_bar::render(app, keymap, frame, bottom);

    let [tree_area, detail_area] = Layout::horizontal([
        Constraint::Length(tree_width(body.width)),
        Constraint::Min(20),
    ])
    .areas(body);
    let viewport = Viewport::default();
    let (tree_rows, detail_rows, detail_max_scroll, detail_row_lines, history_rows) =
        match app.history() {
            // The Historik screen takes the body; the tree keeps its sizes from before.
            Some(state) => (
                viewport.tree_rows,
                viewport.detail_rows,
                viewport.detail_max_scroll,
                None,
                history::render(app, state, frame, body),
            ),
            None => {
                let tree_rows = tree::render(app, frame, tree_area);
                let (detail_rows, detail_max_scroll, detail_row_lines) =
                    detail::render(app, frame, detail_area);
                (
                    tree_rows,
                    detail_rows,
                    detail_max_scroll,
                    detail_row_lines,
                    viewport.history_rows,
                )
            }
        };
    let flags_rows = if app.flags().is_open() && app.history().is_none() {
        flags::render(app, keymap, frame, body)
    } else {
        0
    };
    let economy = if app.economy().is_open() && app.history().is_none() {
        crate::tui::screens::economy::view::render(
            app.economy(),
            app.plan(),
            app.period(),
            app.deficit_share(),
            keymap,
            frame,
            body,
        )
    } else {
        viewport.economy
    };
    edit::render(app, keymap, frame, body);
    let finder_rows = match app.finder().filter(|_| app.history().is_none()) {
        Some(finder) => finder::render(app, finder, keymap, frame, finder::area(body)),
        None => viewport.finder_rows,
    };

    let (help_rows, help_max_scroll) = match app.help_scroll() {
        Some(scroll) => help::render(keymap, scroll, frame, help_area(body)),
        None => (0, 0),
    };
    Viewport {
        tree_rows,
        detail_rows,
        detail_max_scroll,
        help_rows,
        help_max_scroll,
        flags_rows,
        detail_row_lines,
        finder_rows,
        history_rows,
        economy,
    }
}

/// Below [`MIN_SIZE`]: says so, instead of drawing screens whose text would be cut beyond use.
/// Nothing is lost: every key still works and the screens return when the window grows.
fn too_small(frame: &mut Frame<'_>, area: Rect) {
    let lines = [
        "För litet fönster".to_owned(),
        format!(
            "minst {}x{}, nu {}x{}",
            MIN_SIZE.0, MIN_SIZE.1, area.width, area.height
        ),
    ];
    let text: Vec<Line<'_>> = lines
        .iter()
        .map(|line| Line::from(text::truncate(line, usize::from(area.width))).centered())
        .collect();
    let top = area.height.saturating_sub(2) / 2;
    let inner = Rect {
        y: area.y + top,
        height: area.height.saturating_sub(top),
        ..area
    };
    frame.render_widget(Paragraph::new(text).style(theme::heading()), inner);
}

/// The tree's width: enough for numbers and the start of titles; the detail pane gets the rest.
fn tree_width(total: u16) -> u16 {
    if total >= WIDE_SCREEN {
        (total * 3 / 10).min(64)
    } else {
        (total * 2 / 5).clamp(20.min(total), 34)
    }
}

/// The help overlay's area: most of the body, centred.
fn help_area(body: Rect) -> Rect {
    let width = body.width.saturating_sub(4).min(90);
    let height = body.height.saturating_sub(2);
    Rect {
        x: body.x + (body.width - width) / 2,
        y: body.y + (body.height - height) / 2,
        width,
        height,
    }
}
