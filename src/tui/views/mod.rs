//! Drawing: a pure function of the [`App`] and the [`Keymap`] onto a frame — the top bar, the
//! hint bar and, between them, the screen stack ([`screens::render`]). [`layout`] computes the
//! sizes paging and scrolling depend on from the same areas, without drawing.

mod hint_bar;
mod top_bar;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::app::App;
use super::keymap::Keymap;
use super::screens::{self, Viewport};
use super::theme;
use super::widgets::text;

/// The smallest terminal the screens are laid out for (*för litet fönster* below it).
pub const MIN_SIZE: (u16, u16) = (40, 12);

/// The top bar, the body the screens share and the hint bar.
fn frame_areas(area: Rect) -> [Rect; 3] {
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(area)
}

/// The layout pass for a frame of `area`: the sizes paging and scrolling depend on, from the
/// same areas and line builders the views draw with, without drawing. Below [`MIN_SIZE`],
/// where only a notice is drawn, the keys still page and scroll by the window's real size.
pub fn layout(app: &App, keymap: &Keymap, area: Rect) -> Viewport {
    let [_, body, _] = frame_areas(area);
    screens::layout(app, keymap, body)
}

/// Draws the whole screen: the bars and the screen stack, bottom to top, with the frame's
/// `viewport` from [`layout`].
pub fn render(app: &App, keymap: &Keymap, viewport: &Viewport, frame: &mut Frame<'_>) {
    let area = frame.area();
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        too_small(frame, area);
        return;
    }
    let [top, body, bottom] = frame_areas(area);
    top_bar::render(app, frame, top);
    hint_bar::render(app, keymap, frame, bottom);
    screens::render(app, keymap, viewport, frame, body);
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
