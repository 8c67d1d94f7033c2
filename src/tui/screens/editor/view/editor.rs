//! The analys editor overlay: most of the body, the textarea with soft wrap inside, and above
//! it a line saying where the text came from (a restored draft) or why it was not saved.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use crate::tui::edit::AnalysisEditor;
use crate::tui::edit::drafts::short_time;
use crate::tui::theme;
use crate::tui::widgets::text;

use super::{centred, overlay_block};

pub fn render(editor: &AnalysisEditor, frame: &mut Frame<'_>, body: Rect) {
    let width = body.width.saturating_sub(4).min(110);
    let height = body.height.saturating_sub(2).max(6);
    let area = centred(frame, body, width, height);
    let block = overlay_block(&editor.title, area.width);
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let mut notes: Vec<Line<'static>> = Vec::new();
    if let Some(saved_at) = &editor.restored_draft_at {
        notes.push(Line::styled(
            text::clean(&format!(
                "Utkast från {} — inte sparat förrän du sparar",
                short_time(saved_at)
            )),
            theme::warning(),
        ));
    }
    if let Some(error) = &editor.error {
        notes.push(Line::styled(
            format!("⚠ {}", text::clean(error)),
            theme::warning(),
        ));
    }
    let note_rows = notes
        .iter()
        .map(|line| {
            let w = usize::from(inner.width.max(1));
            line.width().div_ceil(w).max(1) as u16
        })
        .sum::<u16>();
    let [note_area, text_area] =
        Layout::vertical([Constraint::Length(note_rows), Constraint::Min(1)]).areas(inner);
    if !notes.is_empty() {
        frame.render_widget(Paragraph::new(notes).wrap(Wrap { trim: false }), note_area);
    }
    // The textarea's text was sanitised as it entered the editor (typing, paste, stored).
    frame.render_widget(editor.textarea(), text_area);
}
