//! Lines drawn straight into the buffer, cell for cell as ratatui's `Paragraph` (no wrap, left
//! aligned) draws them, for the panes redrawn on every keystroke. `Paragraph` collects each
//! line's graphemes into a vector and runs Unicode grapheme segmentation over every char;
//! the tree and detail panes are mostly ASCII and Swedish letters, which are each one
//! grapheme of one cell, so those are written directly and only the rest of a span that holds
//! something else goes through the segmentation. `tests` compare every cell with `Paragraph`.

use ratatui::buffer::{Buffer, CellWidth};
use ratatui::layout::{Alignment, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};
use unicode_segmentation::UnicodeSegmentation;

/// Draws `lines` from the top of `area`, one a row, each cut at the area's width where a
/// grapheme no longer fits (as `Paragraph::new(lines)` would).
pub fn draw(lines: &[Line<'_>], area: Rect, buf: &mut Buffer) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    let aligned = |line: &Line<'_>| matches!(line.alignment, Some(a) if a != Alignment::Left);
    if lines.iter().any(aligned) {
        // Not drawn by the panes this is for; left to ratatui.
        Paragraph::new(lines.to_vec()).render(area, buf);
        return;
    }
    for (line, y) in lines.iter().zip(area.top()..area.bottom()) {
        draw_line(line, area.left(), y, area.width, buf);
    }
}

/// A char that is a grapheme of its own, one cell wide, and never joins the char before it:
/// printable ASCII and Latin-1 (not the soft hyphen, a format char).
fn is_simple(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{a0}'..='\u{ff}') && c != '\u{ad}'
}

fn draw_line(line: &Line<'_>, left: u16, y: u16, width: u16, buf: &mut Buffer) {
    // The row's cells as one slice: one bounds check a line, not one a cell.
    let start = buf.index_of(left, y);
    let row = &mut buf.content[start..start + usize::from(width)];
    let mut x = 0;
    for span in &line.spans {
        let style = line.style.patch(span.style);
        let text = span.content.as_ref();
        let mut chars = text.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            // A simple char followed by another (or by the span's end) ends its grapheme.
            if is_simple(c) && chars.peek().is_none_or(|&(_, next)| is_simple(next)) {
                let Some(cell) = row.get_mut(x) else {
                    return;
                };
                cell.set_symbol(&text[at..at + c.len_utf8()])
                    .set_style(style);
                x += 1;
                continue;
            }
            // From here the span goes through the segmentation, as `Paragraph` does it.
            for grapheme in text[at..].graphemes(true) {
                if grapheme.contains(char::is_control) {
                    continue;
                }
                let cells = usize::from(grapheme.cell_width());
                if cells == 0 || cells > row.len() {
                    continue;
                }
                if x + cells > row.len() {
                    return;
                }
                row[x].set_symbol(grapheme).set_style(style);
                x += cells;
            }
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Modifier, Style};
    use ratatui::text::Span;

    fn both(lines: &[Line<'static>], width: u16) -> (Buffer, Buffer) {
        let area = Rect::new(1, 1, width, 3);
        let mut fast = Buffer::empty(Rect::new(0, 0, width + 2, 5));
        let mut paragraph = fast.clone();
        draw(lines, area, &mut fast);
        Paragraph::new(lines.to_vec()).render(area, &mut paragraph);
        (fast, paragraph)
    }

    #[test]
    fn every_simple_char_is_one_cell() {
        for c in (' '..='~')
            .chain('\u{a0}'..='\u{ff}')
            .filter(|&c| is_simple(c))
        {
            assert_eq!(c.to_string().cell_width(), 1, "{c:?}");
            assert_eq!(c.to_string().graphemes(true).count(), 1, "{c:?}");
        }
    }

    #[test]
    fn draws_the_cells_paragraph_draws() {
        let styled = Style::new().fg(Color::Red).add_modifier(Modifier::BOLD);
        let texts = [
            "Äldreomsorgen ska vara trygg och nära",
            "e\u{301}n kombinerad accent, ett 😀 och 漢字 breda tecken",
            "kontroll\u{7}tecken\ttab och mjukt\u{ad}bindestreck",
            "a\u{301}\u{302}",
            "漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字",
            "",
            "ÅÄÖ åäö éü ½ × ÷ · «citat» — tankstreck",
        ];
        for width in [1, 2, 5, 9, 17, 40, 80] {
            for (i, text) in texts.iter().enumerate() {
                let lines = vec![
                    Line::from(vec![
                        Span::raw("› "),
                        Span::styled(*text, styled),
                        Span::raw(*text),
                    ])
                    .style(Style::new().add_modifier(Modifier::REVERSED)),
                    Line::raw(*text),
                    Line::from(vec![Span::raw("漢"), Span::raw("abc")]),
                ];
                let (fast, paragraph) = both(&lines, width);
                assert_eq!(fast, paragraph, "text {i} at width {width}");
            }
        }
    }

    #[test]
    fn more_lines_than_rows_stop_at_the_bottom() {
        let lines: Vec<Line<'static>> = (0..10).map(|i| Line::raw(format!("rad {i}"))).collect();
        let (fast, paragraph) = both(&lines, 10);
        assert_eq!(fast, paragraph);
    }
}
