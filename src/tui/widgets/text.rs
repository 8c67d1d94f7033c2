//! The one place where text from data becomes terminal cells. ratatui strips control
//! characters, but bidi overrides and zero-width characters pass it, so every string from the
//! store goes through [`clean`] or [`wrap`] before it becomes a span.

use ratatui::style::Style;
use ratatui::text::Span;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::domain::text::{sanitize, sanitize_line};

/// One line of data text, safe to draw.
pub fn clean(text: &str) -> String {
    sanitize_line(text)
}

/// A span of data text, sanitised.
pub fn span(text: &str, style: Style) -> Span<'static> {
    Span::styled(clean(text), style)
}

/// Display width in terminal cells.
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// Sanitises `text` and wraps it to `max_width` cells, keeping its paragraphs (newlines).
/// Words longer than the width are broken, preferably after a `/`.
pub fn wrap(text: &str, max_width: usize) -> Vec<String> {
    let max_width = max_width.max(1);
    let cleaned = sanitize(text);
    let mut lines = Vec::new();
    for paragraph in cleaned.lines() {
        let mut current = String::new();
        let mut current_width = 0;
        let mut place = |piece: &str, piece_width: usize| {
            let needed = if current.is_empty() {
                piece_width
            } else {
                current_width + 1 + piece_width
            };
            if needed > max_width && !current.is_empty() {
                lines.push(std::mem::take(&mut current));
                current_width = 0;
            }
            if !current.is_empty() {
                current.push(' ');
                current_width += 1;
            }
            current.push_str(piece);
            current_width += piece_width;
        };
        for word in paragraph.split_whitespace() {
            // Nearly every word fits: no pieces to split it into (this runs for every word
            // of the details pane on every frame).
            let word_width = width(word);
            if word_width <= max_width {
                place(word, word_width);
                continue;
            }
            for piece in split_long_word(word, max_width) {
                place(piece, width(piece));
            }
        }
        lines.push(current);
    }
    // Drop trailing empty lines the source ended with; keep inner paragraph breaks.
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

/// Pieces of `word` no wider than `max_width`; breaks after a `/` when that keeps a piece
/// whole ("Kvinnor/" "flickor"), else at the width.
fn split_long_word(word: &str, max_width: usize) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut rest = word;
    while width(rest) > max_width {
        let mut cut = 0;
        let mut used = 0;
        let mut slash_cut = None;
        for (index, c) in rest.char_indices() {
            let w = UnicodeWidthChar::width(c).unwrap_or(0);
            if used + w > max_width {
                break;
            }
            used += w;
            cut = index + c.len_utf8();
            if c == '/' {
                slash_cut = Some(cut);
            }
        }
        let cut = slash_cut
            .unwrap_or(cut)
            .max(rest.chars().next().map_or(1, char::len_utf8));
        let (head, tail) = rest.split_at(cut);
        pieces.push(head);
        rest = tail;
    }
    if !rest.is_empty() {
        pieces.push(rest);
    }
    pieces
}

/// Cuts `text` to at most `max_width` cells, ending with `…` when cut.
pub fn truncate(text: &str, max_width: usize) -> String {
    if width(text) <= max_width {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > max_width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_words_and_keeps_paragraphs() {
        assert_eq!(wrap("ett två tre", 7), vec!["ett två", "tre"]);
        assert_eq!(wrap("a\n\nb\n", 10), vec!["a", "", "b"]);
    }

    #[test]
    fn breaks_long_words_after_slash() {
        assert_eq!(wrap("Kvinnor/flickor", 10), vec!["Kvinnor/", "flickor"]);
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
    }

    #[test]
    fn strips_hostile_characters() {
        assert_eq!(clean("a\u{202e}b\u{200b}c\nd"), "abc d");
        assert_eq!(wrap("x\u{1b}[2Jy", 20), vec!["xy"]);
    }

    #[test]
    fn truncates_with_ellipsis() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 4), "abc");
    }
}
