//! A picker overlay: numbered options with their marks; the selected one reversed and marked
//! `›`, the current state marked "(nu)".

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::edit::Picker;
use crate::tui::theme;
use crate::tui::widgets::text;

use super::{centred, overlay_block};

pub fn render(picker: &Picker, frame: &mut Frame<'_>, body: Rect) {
    let lines: Vec<Line<'static>> = picker
        .options
        .iter()
        .enumerate()
        .map(|(index, option)| {
            let selected = index == picker.selected;
            let current = if option.current { "  (nu)" } else { "" };
            let line = Line::from(vec![
                Span::raw(if selected { "› " } else { "  " }),
                Span::raw(format!("{} {} ", index + 1, option.symbol)),
                Span::raw(text::clean(&option.label)),
                Span::styled(current, theme::muted()),
            ]);
            if selected {
                line.style(theme::selection())
            } else {
                line
            }
        })
        .collect();
    let width = body.width.saturating_sub(4).min(60);
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let area = centred(frame, body, width, height);
    let block = overlay_block(&picker.title, area.width);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
