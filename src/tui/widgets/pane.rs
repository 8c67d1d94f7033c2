//! A pane's frame: a border with a title, thick and coloured when the pane has the keyboard,
//! so focus shows without colour too. It draws the cells `Block::bordered().title(…)` draws,
//! but only those: `Block` first sets its style on every cell of its area, which for a frame
//! without a style of its own changes nothing and was an eighth of a tree keystroke at 200x50
//! (the two panes cover the whole body). `tests` compare every cell with `Block`.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::symbols::border;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Widget};

use super::lines;
use crate::tui::theme;

/// A bordered pane with its title at the top left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pane {
    title: &'static str,
    focused: bool,
}

impl Pane {
    pub fn new(title: &'static str, focused: bool) -> Pane {
        Pane { title, focused }
    }

    /// The area inside the border.
    pub fn inner(&self, area: Rect) -> Rect {
        Block::bordered().inner(area)
    }

    fn look(&self) -> (border::Set<'static>, Style, Style) {
        if self.focused {
            (
                BorderType::Thick.to_border_set(),
                theme::focused_border(),
                theme::heading(),
            )
        } else {
            (
                BorderType::Plain.to_border_set(),
                theme::unfocused_border(),
                Style::new(),
            )
        }
    }
}

impl Widget for Pane {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return;
        }
        let (set, border_style, title_style) = self.look();
        let (left, top) = (area.left(), area.top());
        let (right, bottom) = (area.right() - 1, area.bottom() - 1);
        let mut put = |x: u16, y: u16, symbol: &str| {
            buf[(x, y)].set_symbol(symbol).set_style(border_style);
        };
        // In `Block`'s order, so a pane one cell wide or high ends as it does there.
        for y in top..=bottom {
            put(left, y, set.vertical_left);
        }
        for x in left..=right {
            put(x, top, set.horizontal_top);
        }
        for y in top..=bottom {
            put(right, y, set.vertical_right);
        }
        for x in left..=right {
            put(x, bottom, set.horizontal_bottom);
        }
        put(right, bottom, set.bottom_right);
        put(right, top, set.top_right);
        put(left, bottom, set.bottom_left);
        put(left, top, set.top_left);

        let title = Line::raw(self.title);
        let room = area.width.saturating_sub(2);
        let width = u16::try_from(title.width()).unwrap_or(u16::MAX).min(room);
        if width == 0 {
            return;
        }
        let title_area = Rect::new(left + 1, top, width, 1);
        buf.set_style(title_area, title_style);
        lines::draw(&[title], title_area, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(title: &'static str, focused: bool) -> Block<'static> {
        let block = Block::bordered().title(title);
        if focused {
            block
                .border_type(BorderType::Thick)
                .border_style(theme::focused_border())
                .title_style(theme::heading())
        } else {
            block.border_style(theme::unfocused_border())
        }
    }

    #[test]
    fn draws_every_cell_as_block_does() {
        let titles = [
            " Mål ",
            " ",
            "",
            " Utfall över tid, årsmål som linje ",
            "Vald rad",
        ];
        for title in titles {
            for focused in [false, true] {
                for (width, height) in [(0, 0), (1, 1), (1, 3), (2, 2), (3, 1), (5, 4), (40, 6)] {
                    // Drawn over text, at an offset, as a pane is drawn in a frame.
                    let screen = Rect::new(0, 0, 44, 8);
                    let area = Rect::new(2, 1, width, height);
                    let mut by_block = Buffer::with_lines(vec!["x".repeat(44); 8]);
                    let mut by_pane = by_block.clone();
                    block(title, focused).render(area, &mut by_block);
                    Pane::new(title, focused).render(area, &mut by_pane);
                    assert_eq!(by_pane, by_block, "{title:?} {focused} {width}x{height}");
                    assert_eq!(by_pane.area, screen);
                    assert_eq!(
                        Pane::new(title, focused).inner(area),
                        block(title, focused).inner(area)
                    );
                }
            }
        }
    }
}
