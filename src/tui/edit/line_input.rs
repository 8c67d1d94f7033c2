//! A one-line text field: the text and a cursor, edited by keymap actions. Used by the forms;
//! newlines never get in (a paste is joined into one line), so a paste cannot submit.

use crate::domain::text::sanitize_line;
use crate::tui::action::Action;

/// One line of editable text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    text: String,
    /// Cursor position in characters.
    cursor: usize,
}

impl LineInput {
    /// A field holding `text`, the cursor at its end.
    pub fn new(text: &str) -> LineInput {
        let text = sanitize_line(text);
        let cursor = text.chars().count();
        LineInput { text, cursor }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor position in characters.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    fn byte_at(&self, chars: usize) -> usize {
        self.text
            .char_indices()
            .nth(chars)
            .map_or(self.text.len(), |(i, _)| i)
    }

    /// Inserts text at the cursor; control and invisible characters are dropped.
    pub fn insert(&mut self, text: &str) {
        let clean = sanitize_line(text);
        let at = self.byte_at(self.cursor);
        self.text.insert_str(at, &clean);
        self.cursor += clean.chars().count();
    }

    pub fn delete_back(&mut self) -> bool {
        if self.cursor == 0 {
            return false;
        }
        self.cursor -= 1;
        let at = self.byte_at(self.cursor);
        self.text.remove(at);
        true
    }

    pub fn delete_forward(&mut self) -> bool {
        if self.cursor >= self.text.chars().count() {
            return false;
        }
        let at = self.byte_at(self.cursor);
        self.text.remove(at);
        true
    }

    /// Ctrl-W: deletes the word before the cursor (and the spaces after it).
    pub fn delete_word_back(&mut self) -> bool {
        let chars: Vec<char> = self.text.chars().collect();
        let mut start = self.cursor;
        while start > 0 && chars[start - 1].is_whitespace() {
            start -= 1;
        }
        while start > 0 && !chars[start - 1].is_whitespace() {
            start -= 1;
        }
        self.delete_before(start)
    }

    /// Ctrl-U: deletes everything before the cursor.
    pub fn delete_to_start(&mut self) -> bool {
        self.delete_before(0)
    }

    /// Deletes the characters from `start` up to the cursor.
    fn delete_before(&mut self, start: usize) -> bool {
        if start >= self.cursor {
            return false;
        }
        let (from, to) = (self.byte_at(start), self.byte_at(self.cursor));
        self.text.replace_range(from..to, "");
        self.cursor = start;
        true
    }

    pub fn left(&mut self) {
        self.cursor = self.cursor.saturating_sub(1);
    }

    pub fn right(&mut self) {
        self.cursor = (self.cursor + 1).min(self.text.chars().count());
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.text.chars().count();
    }

    /// Applies a cursor or delete action; `true` when the text changed. Any other action
    /// does nothing, so a field's owner handles those first.
    pub fn edit(&mut self, action: Action) -> bool {
        match action {
            Action::CursorLeft => self.left(),
            Action::CursorRight => self.right(),
            Action::LineStart => self.home(),
            Action::LineEnd => self.end(),
            Action::DeleteBack => return self.delete_back(),
            Action::DeleteForward => return self.delete_forward(),
            Action::DeleteWordBack => return self.delete_word_back(),
            Action::DeleteToLineStart => return self.delete_to_start(),
            _ => {}
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_at_the_cursor_and_keeps_one_line() {
        let mut input = LineInput::new("1050");
        input.left();
        input.left();
        input.left();
        input.insert(" ");
        assert_eq!(input.text(), "1 050");
        input.insert("\n2\u{202e}");
        assert_eq!(input.text(), "1  2050");
        input.home();
        assert!(!input.delete_back());
        assert!(input.delete_forward());
        assert_eq!(input.text(), "  2050");
    }

    #[test]
    fn readline_deletes_a_word_or_everything_before_the_cursor() {
        let mut input = LineInput::new("över 1 050 st");
        assert!(input.delete_word_back());
        assert_eq!(input.text(), "över 1 050 ");
        assert!(input.delete_word_back());
        assert_eq!(input.text(), "över 1 ");
        input.left();
        input.left();
        assert!(input.delete_to_start());
        assert_eq!((input.text(), input.cursor()), ("1 ", 0));
        assert!(!input.delete_to_start());
        assert!(!input.delete_word_back());
    }
}
