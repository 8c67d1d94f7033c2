//! Text hygiene: what comes from files or users is stripped of control characters, bidi
//! overrides and zero-width characters before it is stored or drawn.

/// Characters that must never reach the terminal: C0/C1 controls (but newline and tab,
/// which callers handle), bidi marks, embeddings and isolates (U+061C arabic letter mark
/// too), zero-width and invisible characters (U+180E, U+2060–U+2064, U+206A–U+206F),
/// BOM, line and paragraph separators, interlinear annotation marks (U+FFF9–U+FFFB) and
/// tag characters (U+E0000–U+E007F), which can hide text or reorder what is shown.
pub fn is_hostile(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(
            c,
            '\u{061c}'
                | '\u{180e}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{206f}'
                | '\u{feff}'
                | '\u{fff9}'..='\u{fffb}'
                | '\u{e0000}'..='\u{e007f}'
        )
}

/// Removes hostile characters, keeping newlines; a tab becomes a space. A whole terminal
/// escape sequence goes, not only its ESC: "\x1b[31m" would otherwise leave "[31m" in the
/// text (pasted from a coloured terminal, say).
pub fn sanitize(text: &str) -> String {
    if !text.chars().any(|c| is_hostile(c) || c == '\t') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape_sequence(&mut chars),
            // C1 CSI and OSC: the one-character forms of ESC [ and ESC ].
            '\u{9b}' => skip_until_final_byte(&mut chars),
            '\u{9d}' => skip_until_string_end(&mut chars),
            '\t' => out.push(' '),
            c if is_hostile(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// After an ESC: CSI (`[` … final byte), OSC/DCS/APC/PM (`]`, `P`, `_`, `^` … BEL or ESC \\),
/// or a two-character sequence.
fn skip_escape_sequence(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.peek() {
        Some('[') => {
            chars.next();
            skip_until_final_byte(chars);
        }
        Some(']' | 'P' | '_' | '^') => {
            chars.next();
            skip_until_string_end(chars);
        }
        Some(c) if !c.is_whitespace() => {
            chars.next();
        }
        _ => {}
    }
}

/// CSI parameters and intermediates run until a final byte in `@`..=`~`.
fn skip_until_final_byte(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(&c) = chars.peek() {
        if !matches!(c, '\u{20}'..='\u{3f}') {
            if matches!(c, '@'..='~') {
                chars.next();
            }
            return;
        }
        chars.next();
    }
}

/// A control string runs until BEL or ESC \\ (string terminator).
fn skip_until_string_end(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => return,
            '\u{1b}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                return;
            }
            _ => {}
        }
    }
}

/// The longest *analys* (or comment) stored: about ten pages, far beyond any report's
/// analysis (the longest in the samples is under 3 000 characters), small enough that a
/// paste of a whole file is caught.
pub const MAX_ANALYSIS_CHARS: usize = 20_000;

/// Refuses an analysis text longer than [`MAX_ANALYSIS_CHARS`], with a Swedish message.
pub fn check_analysis_length(text: &str) -> Result<(), String> {
    let length = text.chars().count();
    if length > MAX_ANALYSIS_CHARS {
        Err(format!(
            "analysen är {length} tecken lång; högst {MAX_ANALYSIS_CHARS} tecken sparas. Korta den eller dela upp den"
        ))
    } else {
        Ok(())
    }
}

/// Removes hostile characters and turns newlines into spaces: for one-line cells.
pub fn sanitize_line(text: &str) -> String {
    sanitize(text).replace(['\n', '\r'], " ")
}

/// Joins all whitespace runs into one space and trims: names, titles and cells.
pub fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The first letter in upper case, for a clause or name that opens a sentence or a title.
pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_escape_sequences_and_bidi() {
        assert_eq!(sanitize("a\u{1b}[31mb"), "ab");
        assert_eq!(sanitize("röd \u{1b}[1;31mtext\u{1b}[0m."), "röd text.");
        assert_eq!(sanitize("x\u{1b}]0;titel\u{7}y"), "xy");
        assert_eq!(
            sanitize("x\u{1b}]8;;http://a\u{1b}\\länk\u{1b}]8;;\u{1b}\\"),
            "xlänk"
        );
        assert_eq!(sanitize("x\u{9b}2Jy"), "xy");
        assert_eq!(sanitize("slut\u{1b}"), "slut");
        assert_eq!(sanitize("a\u{1b}[31"), "a");
        assert_eq!(sanitize("x\u{202e}y\u{2066}z\u{200b}"), "xyz");
        assert_eq!(sanitize("rad 1\nrad\t2\r"), "rad 1\nrad 2");
        assert_eq!(sanitize("\u{9b}31m"), "");
        assert_eq!(sanitize_line("a\nb"), "a b");
    }

    #[test]
    fn strips_invisible_and_reordering_characters() {
        for hostile in [
            '\u{061c}',
            '\u{180e}',
            '\u{2060}',
            '\u{2064}',
            '\u{206a}',
            '\u{fff9}',
            '\u{fffa}',
            '\u{fffb}',
            '\u{e0000}',
            '\u{e0041}',
            '\u{e007f}',
            '\u{2028}',
            '\u{200b}',
            '\u{feff}',
        ] {
            let text = format!("a{hostile}b");
            assert_eq!(sanitize(&text), "ab", "U+{:04X}", hostile as u32);
        }
        // Ordinary Swedish and other scripts pass untouched.
        let plain = "Åtgärd för äldre – 42 % (Ärende) عربي";
        assert_eq!(sanitize(plain), plain);
    }

    #[test]
    fn capitalizes_the_first_letter_only() {
        assert_eq!(capitalize("ärende om x"), "Ärende om x");
        assert_eq!(capitalize("ßa"), "SSa");
        assert_eq!(capitalize(""), "");
    }

    #[test]
    fn collapses_whitespace() {
        assert_eq!(collapse_whitespace("  Tertial 1 \n2020 "), "Tertial 1 2020");
        assert_eq!(collapse_whitespace("100\u{a0} %"), "100 %");
    }
}
