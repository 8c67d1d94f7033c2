//! The review overlays drawn over the panes: the analys editor, the forms, the pickers, and
//! the question before closing one with unsaved changes. Key names in them come from the
//! live keymap, like the hint bar.

mod editor;
mod form;
mod picker;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};

use crate::tui::action::Action;
use crate::tui::edit::Overlay;
use crate::tui::keymap::{Context, Keymap};
use crate::tui::theme;
use crate::tui::widgets::text;

/// Draws `overlay` over `body`.
pub fn render(overlay: &Overlay, frame: &mut Frame<'_>, body: Rect) {
    match overlay {
        Overlay::Editor(editor) => editor::render(editor, frame, body),
        Overlay::Form(form) => form::render(form, frame, body),
        Overlay::Picker(picker) => picker::render(&picker.picker, frame, body),
    }
}

/// "120 % är en andel utanför 0–100 %. Spara ändå?" with the confirm context's keys: yes
/// stores, no goes back to the form.
pub fn render_store_question(question: &str, keymap: &Keymap, frame: &mut Frame<'_>, body: Rect) {
    let key = |action: Action| {
        keymap
            .key_for(Context::Confirm, action)
            .map(|key| text::clean(&key.to_string()))
    };
    let mut hints = Vec::new();
    for (action, what) in [
        (Action::Yes, "Ja, spara ändå"),
        (Action::No, "Nej, tillbaka till formuläret"),
    ] {
        if let Some(key) = key(action) {
            if !hints.is_empty() {
                hints.push(Span::raw("  "));
            }
            hints.push(Span::styled(key, theme::key()));
            hints.push(Span::raw(format!(" {what}")));
        }
    }
    let width = body.width.saturating_sub(4).min(64);
    let wrapped = text::wrap(question, usize::from(width.saturating_sub(2)).max(10));
    let height = u16::try_from(wrapped.len() + 4).unwrap_or(u16::MAX);
    let area = centred(frame, body, width, height);
    let block = overlay_block("Ovanligt värde", area.width);
    let mut lines: Vec<Line<'static>> = wrapped
        .into_iter()
        .map(|line| Line::styled(line, theme::warning()))
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::from(hints));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// A centred box of at most `width`x`height` inside `area`, cleared.
/// A margin narrower than a few cells would only show stray letters of the pane behind, so
/// then the box takes the whole width.
pub(in crate::tui) fn centred(frame: &mut Frame<'_>, area: Rect, width: u16, height: u16) -> Rect {
    let width = if area.width.saturating_sub(width) < 8 {
        area.width
    } else {
        width
    };
    let height = height.min(area.height);
    let rect = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    frame.render_widget(Clear, rect);
    rect
}

/// An overlay's frame: thick, so it stands out without colour; the title is data text.
pub(in crate::tui) fn overlay_block(title: &str, width: u16) -> Block<'static> {
    let title = text::truncate(&text::clean(title), usize::from(width.saturating_sub(4)));
    Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(theme::focused_border())
        .title(Span::styled(format!(" {title} "), theme::heading()))
}

/// "j Ja, spara · n Nej …" for the confirm context, from the keymap.
pub(in crate::tui) fn key_hints(
    keymap: &Keymap,
    context: Context,
    actions: &[Action],
) -> Line<'static> {
    let mut spans = Vec::new();
    for &action in actions {
        let Some(binding) = keymap.bindings_for(context, action).into_iter().next() else {
            continue;
        };
        if !spans.is_empty() {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(
            text::clean(&binding.key.to_string()),
            theme::key(),
        ));
        spans.push(Span::raw(format!(" {}", text::clean(&binding.description))));
    }
    Line::from(spans)
}

/// The question before closing an overlay with unsaved changes, over `body`.
pub fn render_question(keymap: &Keymap, frame: &mut Frame<'_>, body: Rect) {
    let area = centred(frame, body, 64, 6);
    let block = overlay_block("Osparade ändringar", area.width);
    let lines = vec![
        Line::styled(
            "Det du har skrivit är inte sparat. Spara det?",
            theme::warning(),
        ),
        Line::raw(""),
        key_hints(
            keymap,
            Context::Confirm,
            &[Action::Yes, Action::No, Action::KeepDraft, Action::Close],
        ),
    ];
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}
