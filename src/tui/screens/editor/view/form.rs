//! A form overlay: each field as a label (with the indicator's unit), the value with a
//! cursor, under it what the field means as it stands (the årsmål that applies) and under a
//! bad value its Swedish message. The focused field is marked `›` and reversed, so it shows
//! without colour. A form brought back from a draft says so at the top.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::edit::FormOverlay;
use crate::tui::edit::drafts::short_time;
use crate::tui::edit::form::FieldKind;
use crate::tui::theme;
use crate::tui::widgets::text;

use super::{centred, overlay_block};

pub fn render(overlay: &FormOverlay, frame: &mut Frame<'_>, body: Rect) {
    let form = &overlay.form;
    let width = body.width.saturating_sub(4).min(76);
    let inner_width = usize::from(width.saturating_sub(2)).max(10);
    let mut lines: Vec<Line<'static>> = Vec::new();
    if let Some(saved_at) = &overlay.restored_draft_at {
        let note = format!(
            "Utkast från {} — inte sparat förrän du sparar",
            short_time(saved_at)
        );
        for line in text::wrap(&note, inner_width) {
            lines.push(Line::styled(line, theme::warning()));
        }
    }
    for (index, field) in form.fields.iter().enumerate() {
        let focused = index == form.focused;
        let label = match &field.unit {
            Some(unit) => format!("{} ({})", field.label, unit),
            None => field.label.clone(),
        };
        lines.push(Line::styled(text::clean(&label), theme::heading()));
        let marker = if focused { "› " } else { "  " };
        let mut spans = vec![Span::raw(marker)];
        match &field.kind {
            FieldKind::Text(input) => {
                let chars: Vec<char> = input.text().chars().collect();
                let cursor = input.cursor().min(chars.len());
                let before: String = chars[..cursor].iter().collect();
                let at: String = chars.get(cursor).map_or(" ".to_owned(), char::to_string);
                let after: String = chars.iter().skip(cursor + 1).collect();
                spans.push(Span::raw(text::clean(&before)));
                if focused {
                    spans.push(Span::styled(text::clean(&at), theme::selection()));
                } else {
                    spans.push(Span::raw(text::clean(&at)));
                }
                spans.push(Span::raw(text::clean(&after)));
            }
            FieldKind::Choice { .. } => {
                let style = if focused {
                    theme::selection()
                } else {
                    Style::new()
                };
                spans.push(Span::styled(
                    format!("‹ {} ›", text::clean(field.value())),
                    style,
                ));
            }
        }
        lines.push(Line::from(spans));
        if let Some(note) = &field.note {
            for line in text::wrap(&note.for_text(field.value()), inner_width.saturating_sub(2)) {
                lines.push(Line::styled(format!("  {line}"), theme::muted()));
            }
        }
        if let Some(error) = &field.error {
            for (i, line) in text::wrap(error, inner_width.saturating_sub(4))
                .into_iter()
                .enumerate()
            {
                let mark = if i == 0 { "  ⚠ " } else { "    " };
                lines.push(Line::styled(format!("{mark}{line}"), theme::warning()));
            }
        }
    }
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let area = centred(frame, body, width, height);
    let block = overlay_block(&form.title, area.width);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
