//! The conflict question: who crossed the save and what, for an analys the start of both
//! texts, and the choices from the live keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::ConflictState;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::edit::Overlay;
use crate::tui::edit::analysis::stored_analysis;
use crate::tui::keymap::{Context, Keymap};
use crate::tui::screens::editor::{centred, key_hints, overlay_block};
use crate::tui::theme;
use crate::tui::widgets::text;

/// Lines of each text shown, so the question fits at 80x24.
const TEXT_LINES: usize = 3;

/// Draws the question over `body`.
pub fn render(
    app: &App,
    state: &ConflictState,
    keymap: &Keymap,
    frame: &mut Frame<'_>,
    body: Rect,
) {
    let width = body.width.saturating_sub(4).min(76);
    let room = usize::from(width.saturating_sub(2)).max(10);
    let mut lines: Vec<Line<'static>> = text::wrap(&state.conflict.message, room)
        .into_iter()
        .map(|line| Line::styled(line, theme::warning()))
        .collect();
    if state.mergeable
        && let Some(Overlay::Editor(editor)) = app.screens.overlay()
    {
        let theirs = app
            .found(&editor.target)
            .map(|found| stored_analysis(found, &editor.target))
            .unwrap_or_default();
        for (heading, content) in [
            ("Din text:".to_owned(), editor.text()),
            (format!("{}s text:", state.conflict.theirs_login), theirs),
        ] {
            lines.push(Line::raw(""));
            lines.push(Line::styled(text::clean(&heading), theme::heading()));
            lines.extend(excerpt(&content, room));
        }
    }
    lines.push(Line::raw(""));
    let choices: &[Action] = if state.mergeable {
        &[
            Action::KeepMine,
            Action::TakeTheirs,
            Action::MergeTexts,
            Action::Close,
        ]
    } else {
        &[Action::KeepMine, Action::TakeTheirs, Action::Close]
    };
    // One choice a line: the descriptions are long, and each must be read whole.
    for &action in choices {
        lines.push(key_hints(keymap, Context::Conflict, &[action]));
    }
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let area = centred(frame, body, width, height);
    let title = format!("Krock med {}s ändring", state.conflict.theirs_login);
    frame.render_widget(
        Paragraph::new(lines).block(overlay_block(&title, area.width)),
        area,
    );
}

/// The start of `content`, wrapped to `room`: at most [`TEXT_LINES`] lines, the last ending
/// in "…" when there is more; "(tom)" for no text.
fn excerpt(content: &str, room: usize) -> Vec<Line<'static>> {
    if content.trim().is_empty() {
        return vec![Line::raw("  (tom)")];
    }
    let wrapped = text::wrap(content, room.saturating_sub(2));
    let more = wrapped.len() > TEXT_LINES;
    let mut lines: Vec<Line<'static>> = wrapped
        .into_iter()
        .take(TEXT_LINES)
        .map(|line| Line::raw(format!("  {line}")))
        .collect();
    if more && let Some(last) = lines.last_mut() {
        last.push_span("…");
    }
    lines
}
