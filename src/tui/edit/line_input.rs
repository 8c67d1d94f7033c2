//! A one-line text field: the text and a cursor, edited by keymap actions. Used by the forms;
//! newlines never get in (a paste is joined into one line), so a paste cannot submit.

use crate::domain::text::sanitize_line;

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
}
