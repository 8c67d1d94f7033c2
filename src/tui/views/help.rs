//! The help overlay: every binding of the active keymap, by context, with its description;
//! scrollable. Built from the live keymap, so a user's remaps show.

use std::collections::BTreeMap;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use crate::tui::action::Action;
use crate::tui::keymap::{Context, Keymap};
use crate::tui::theme;
use crate::tui::widgets::text;

/// Width of the key column: the widest keys, within bounds.
const KEY_COLUMN_MIN: usize = 12;
const KEY_COLUMN_MAX: usize = 24;

/// The overlay's lines: a heading per context, then one line per action with all its keys.
pub fn lines(keymap: &Keymap) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let mut sections = Vec::new();
    for context in Context::ALL {
        // Keys per action, in the keymap's order; the first binding's description wins.
        let mut by_action: BTreeMap<Action, (Vec<String>, String)> = BTreeMap::new();
        for binding in keymap.bindings().iter().filter(|b| b.context == context) {
            by_action
                .entry(binding.action)
                .or_insert_with(|| (Vec::new(), binding.description.clone()))
                .0
                .push(binding.key.to_string());
        }
        if !by_action.is_empty() {
            sections.push((context, by_action));
        }
    }
    let key_column = sections
        .iter()
        .flat_map(|(_, actions)| actions.values())
        .map(|(keys, _)| text::width(&keys.join(", ")) + 2)
        .max()
        .unwrap_or(0)
        .clamp(KEY_COLUMN_MIN, KEY_COLUMN_MAX);
    for (context, by_action) in sections {
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(context.title(), theme::heading()));
        for (keys, description) in by_action.values() {
            let keys = text::clean(&keys.join(", "));
            let pad = key_column.saturating_sub(text::width(&keys)).max(1);
            lines.push(Line::from(vec![
                Span::raw("  "),
                Span::styled(keys, theme::key()),
                Span::raw(" ".repeat(pad)),
                text::span(description, ratatui::style::Style::new()),
            ]));
        }
    }
    lines
}

/// Draws the overlay scrolled to `scroll`; returns (visible rows, largest useful scroll).
pub fn render(keymap: &Keymap, scroll: usize, frame: &mut Frame<'_>, area: Rect) -> (usize, usize) {
    let close_hint = keymap
        .key_for(Context::Help, Action::Close)
        .map(|k| format!(" {} stänger ", text::clean(&k.to_string())))
        .unwrap_or_default();
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .border_style(theme::focused_border())
        .title(Span::styled(" Hjälp: alla tangenter ", theme::heading()))
        .title_bottom(Line::from(close_hint).right_aligned());
    let inner = block.inner(area);
    let all = lines(keymap);
    let rows = usize::from(inner.height);
    let max_scroll = all.len().saturating_sub(rows);
    let scroll = scroll.min(max_scroll);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let visible: Vec<Line<'static>> = all.into_iter().skip(scroll).take(rows).collect();
    frame.render_widget(Paragraph::new(visible), inner);
    (rows, max_scroll)
}
