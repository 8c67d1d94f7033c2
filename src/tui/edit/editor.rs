//! The analys editor: multi-line text with soft wrap, word and line moves, undo/redo and
//! bracketed paste, on top of `ratatui-textarea`. Every key arrives as a keymap [`Action`]
//! (the editor context) or as a typed character; the textarea's own shortcuts are never
//! used, so a remap in keymap.toml is the whole truth. A paste only ever inserts.

use ratatui::style::{Modifier, Style};
use ratatui_textarea::{CursorMove, Scrolling, TextArea, WrapMode};

use crate::domain::text::sanitize;
use crate::tui::action::Action;

use super::target::EditTarget;
use crate::domain::flags::FlagCode;

/// Why the editor was opened, which decides what may be saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditorPurpose {
    /// The analys of a goal, indicator or activity; may be empty.
    Analysis,
    /// The analys an activity needs when it is marked *Avvikelse*; may not be empty.
    DeviationAnalysis,
    /// Why a flag (of this code, on the target's node and period) is *ej aktuell i denna
    /// period*; may not be empty. Kept as no draft: a reason is a line, typed again.
    Dismissal(FlagCode),
}

/// What an action did to the editor, for the app to act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditorStep {
    /// The text changed (a draft is due).
    Edited,
    /// Only the cursor or view moved, or nothing happened.
    Unchanged,
    /// Save this text.
    Save(String),
    /// Close without saving; nothing was changed.
    Cancel,
    /// Close was asked for with unsaved changes: ask the user what to do.
    AskBeforeClose,
}

/// An open analys editor.
#[derive(Debug, Clone)]
pub struct AnalysisEditor {
    pub target: EditTarget,
    pub purpose: EditorPurpose,
    /// What is being edited, for the frame title ("Analys · 1.1.1 Vuxna …").
    pub title: String,
    /// The text as stored; the editor is modified when its text differs.
    saved_text: String,
    /// When the text came from a draft: the time the draft was written.
    pub restored_draft_at: Option<String>,
    /// A Swedish message about the last save attempt (an empty deviation analys).
    pub error: Option<String>,
    textarea: TextArea<'static>,
}

impl AnalysisEditor {
    /// An editor on `target` whose stored text is `saved_text`, starting with `start_text`
    /// (the stored text, or a draft of it).
    pub fn new(
        target: EditTarget,
        purpose: EditorPurpose,
        title: String,
        saved_text: &str,
        start_text: &str,
    ) -> AnalysisEditor {
        let lines: Vec<String> = normalise(start_text)
            .split('\n')
            .map(str::to_owned)
            .collect();
        let mut textarea = TextArea::new(lines);
        textarea.set_wrap_mode(WrapMode::WordOrGlyph);
        textarea.set_cursor_line_style(Style::new());
        textarea.set_cursor_style(Style::new().add_modifier(Modifier::REVERSED));
        textarea.set_max_histories(500);
        textarea.move_cursor(CursorMove::Bottom);
        textarea.move_cursor(CursorMove::End);
        AnalysisEditor {
            target,
            purpose,
            title,
            saved_text: normalise(saved_text),
            restored_draft_at: None,
            error: None,
            textarea,
        }
    }

    /// Whether its text is kept as a draft: an analys's is; a reason is not (it would share
    /// the node's analys draft key).
    pub fn keeps_draft(&self) -> bool {
        !matches!(self.purpose, EditorPurpose::Dismissal(_))
    }

    /// The whole text, lines joined by `\n`.
    pub fn text(&self) -> String {
        self.textarea.lines().join("\n")
    }

    /// Puts the cursor at the start of the first line that starts with `prefix` (the first
    /// place a merge left for the user to settle), if there is one.
    pub fn cursor_to_line_starting(&mut self, prefix: &str) {
        if let Some(row) = self
            .textarea
            .lines()
            .iter()
            .position(|line| line.starts_with(prefix))
            .and_then(|row| u16::try_from(row).ok())
        {
            self.textarea.move_cursor(CursorMove::Jump(row, 0));
        }
    }

    /// The text as stored when the editor opened: the common ancestor when a save crosses
    /// someone else's ([`super::merge`]).
    pub fn saved_text(&self) -> &str {
        &self.saved_text
    }

    /// Whether the text differs from what is stored.
    pub fn is_modified(&self) -> bool {
        self.text() != self.saved_text
    }

    /// The textarea, for drawing.
    pub fn textarea(&self) -> &TextArea<'static> {
        &self.textarea
    }

    /// Handles one editor-context action.
    pub fn handle(&mut self, action: Action) -> EditorStep {
        let textarea = &mut self.textarea;
        let edited = match action {
            Action::Save => return self.try_save(),
            Action::Close => {
                return if self.is_modified() {
                    EditorStep::AskBeforeClose
                } else {
                    EditorStep::Cancel
                };
            }
            Action::CursorLeft => move_only(textarea, CursorMove::Back),
            Action::CursorRight => move_only(textarea, CursorMove::Forward),
            Action::MoveUp => move_only(textarea, CursorMove::Up),
            Action::MoveDown => move_only(textarea, CursorMove::Down),
            Action::WordLeft => move_only(textarea, CursorMove::WordBack),
            Action::WordRight => move_only(textarea, CursorMove::WordForward),
            Action::LineStart => move_only(textarea, CursorMove::Head),
            Action::LineEnd => move_only(textarea, CursorMove::End),
            Action::First => move_only(textarea, CursorMove::Top),
            Action::Last => {
                textarea.move_cursor(CursorMove::Bottom);
                move_only(textarea, CursorMove::End)
            }
            Action::PageUp => {
                textarea.scroll(Scrolling::PageUp);
                false
            }
            Action::PageDown => {
                textarea.scroll(Scrolling::PageDown);
                false
            }
            Action::NewLine => {
                textarea.insert_newline();
                true
            }
            Action::DeleteBack => textarea.delete_char(),
            Action::DeleteForward => textarea.delete_next_char(),
            Action::DeleteWordBack => textarea.delete_word(),
            Action::DeleteToLineStart => textarea.delete_line_by_head(),
            Action::UndoEdit => textarea.undo(),
            Action::RedoEdit => textarea.redo(),
            _ => false,
        };
        if edited {
            self.error = None;
            EditorStep::Edited
        } else {
            EditorStep::Unchanged
        }
    }

    /// Types one character; control and invisible characters are dropped.
    pub fn type_char(&mut self, c: char) -> EditorStep {
        if c == '\n' {
            self.textarea.insert_newline();
            return EditorStep::Edited;
        }
        let clean = sanitize(&c.to_string());
        if clean.is_empty() {
            return EditorStep::Unchanged;
        }
        self.textarea.insert_str(clean);
        self.error = None;
        EditorStep::Edited
    }

    /// Inserts a pasted block at the cursor as one undo step; it never saves or closes.
    pub fn paste(&mut self, text: &str) -> EditorStep {
        let clean = normalise(text);
        if clean.is_empty() || !self.textarea.insert_str(clean) {
            return EditorStep::Unchanged;
        }
        self.error = None;
        EditorStep::Edited
    }

    fn try_save(&mut self) -> EditorStep {
        let text = self.text();
        let text = text.trim_end().to_owned();
        if text.trim().is_empty() {
            let refusal = match self.purpose {
                EditorPurpose::Analysis => None,
                EditorPurpose::DeviationAnalysis => Some(
                    "Analysen får inte vara tom: skriv varför aktiviteten avviker från planen.",
                ),
                EditorPurpose::Dismissal(_) => {
                    Some("Skälet får inte vara tomt: skriv varför flaggan inte gäller i perioden.")
                }
            };
            if let Some(refusal) = refusal {
                self.error = Some(refusal.to_owned());
                return EditorStep::Unchanged;
            }
        }
        if super::merge::has_markers(&text) {
            self.error = Some(
                "Välj först vad som ska stå där texterna krockar: ta bort raderna som börjar med «««« , ==== och »»»» och det du inte vill behålla."
                    .to_owned(),
            );
            return EditorStep::Unchanged;
        }
        EditorStep::Save(text)
    }
}

fn move_only(textarea: &mut TextArea<'static>, movement: CursorMove) -> bool {
    textarea.move_cursor(movement);
    false
}

/// Text as the editor holds it: `\r\n` and `\r` become `\n`, hostile characters go.
fn normalise(text: &str) -> String {
    sanitize(&text.replace("\r\n", "\n").replace('\r', "\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Period;
    use crate::tui::edit::NodeRef;

    fn editor(text: &str) -> AnalysisEditor {
        let target = EditTarget {
            council: "sodermalm".into(),
            year: 2020,
            period: Period::Tertial(1),
            node: NodeRef::Goal(3),
        };
        AnalysisEditor::new(target, EditorPurpose::Analysis, "Analys".into(), text, text)
    }

    #[test]
    fn typing_undo_redo_and_paste() {
        let mut editor = editor("Första");
        assert!(!editor.is_modified());
        editor.type_char(' ');
        editor.type_char('x');
        assert_eq!(editor.text(), "Första x");
        assert_eq!(editor.handle(Action::UndoEdit), EditorStep::Edited);
        assert_eq!(editor.handle(Action::UndoEdit), EditorStep::Edited);
        assert_eq!(editor.text(), "Första");
        editor.handle(Action::RedoEdit);
        assert_eq!(editor.text(), "Första ");
        assert_eq!(editor.paste("a\r\nb\u{202e}\n\nc"), EditorStep::Edited);
        assert_eq!(editor.text(), "Första a\nb\n\nc");
        assert_eq!(editor.handle(Action::Close), EditorStep::AskBeforeClose);
        assert_eq!(
            editor.handle(Action::Save),
            EditorStep::Save("Första a\nb\n\nc".into())
        );
    }

    #[test]
    fn word_and_line_moves() {
        let mut editor = editor("ett två tre");
        editor.handle(Action::LineStart);
        editor.handle(Action::WordRight);
        editor.type_char('X');
        assert_eq!(editor.text(), "ett Xtvå tre");
        editor.handle(Action::LineEnd);
        editor.handle(Action::DeleteWordBack);
        assert_eq!(editor.text(), "ett Xtvå ");
    }
}
