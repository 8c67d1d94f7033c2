//! A table drawn as plain lines, so it scrolls with the rest of the detail pane: each cell is
//! wrapped to its column and a row is as tall as its tallest cell.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::text::{width, wrap};

/// Space between columns.
const GAP: usize = 1;

/// One cell: its text (data, sanitised when wrapped) and style.
pub struct Cell<'a> {
    pub text: &'a str,
    pub style: Style,
}

impl<'a> Cell<'a> {
    pub fn new(text: &'a str, style: Style) -> Self {
        Cell { text, style }
    }
}

/// Lines of one table row; `widths` gives each column's width in cells.
pub fn row_lines(indent: usize, widths: &[usize], cells: &[Cell<'_>]) -> Vec<Line<'static>> {
    let wrapped: Vec<Vec<String>> = cells
        .iter()
        .zip(widths)
        .map(|(cell, &w)| wrap(cell.text, w))
        .collect();
    let height = wrapped.iter().map(Vec::len).max().unwrap_or(0).max(1);
    (0..height)
        .map(|line_index| {
            let mut spans = vec![Span::raw(" ".repeat(indent))];
            for ((cell_lines, cell), &w) in wrapped.iter().zip(cells).zip(widths) {
                let text = cell_lines.get(line_index).map_or("", String::as_str);
                let pad = w.saturating_sub(width(text)) + GAP;
                spans.push(Span::styled(text.to_owned(), cell.style));
                spans.push(Span::raw(" ".repeat(pad)));
            }
            Line::from(spans)
        })
        .collect()
}

/// Total width of a table with these columns.
pub fn total_width(widths: &[usize]) -> usize {
    widths.iter().sum::<usize>() + GAP * widths.len()
}
