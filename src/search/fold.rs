//! The search key: a text folded for matching, **one char per char**.
//!
//! fuzzy-matcher ignores case for ASCII only, so "ö" would never find "Östra". Every entry is
//! matched on a precomputed key instead: lower-cased, with å/ä→a, ö→o, é→e and the other Latin
//! diacritics folded. Each original char becomes exactly one key char, so a match index in the
//! key is also a char index in the original text, and highlights map back without a table.

/// Folds one char: lower case, diacritics removed. Always exactly one char out.
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let lower = lower_first(c);
    match lower {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'æ' => 'a',
        'ç' | 'ć' | 'č' | 'ĉ' | 'ċ' => 'c',
        'ď' | 'đ' | 'ð' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ğ' | 'ĝ' | 'ġ' | 'ģ' => 'g',
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => 'i',
        'ķ' => 'k',
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' | 'œ' => 'o',
        'ŕ' | 'ř' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' | 'ß' => 's',
        'ţ' | 'ť' | 'ŧ' | 'þ' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        // Typographic look-alikes that users type as ASCII.
        '\u{a0}' | '\u{2007}' | '\u{202f}' => ' ',
        '–' | '—' | '‐' | '‑' | '−' => '-',
        '’' | '‘' => '\'',
        '”' | '“' | '«' | '»' => '"',
        other => other,
    }
}

/// The lower case of `c` (its first char), so the table in [`fold_char`] only needs the
/// small letters. Latin-1 (å, ä, ö and the rest of Swedish text) is worked out directly:
/// `to_lowercase`'s table search is most of a search's time otherwise. `to_lowercase` can
/// expand ('İ' → "i̇"); its first char is the letter we want.
fn lower_first(c: char) -> char {
    match c {
        // À–Þ except × are the capitals of à–þ, 0x20 above them.
        '\u{c0}'..='\u{de}' if c != '\u{d7}' => char::from_u32(u32::from(c) + 0x20).unwrap_or(c),
        // The rest of Latin-1 has no capitals.
        '\u{80}'..='\u{ff}' => c,
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

/// The search key of `text`: [`fold_char`] applied to every char, so
/// `fold(text).chars().count() == text.chars().count()`.
pub fn fold(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_letters_fold_to_ascii() {
        assert_eq!(fold("Äldreomsorg"), "aldreomsorg");
        assert_eq!(fold("Östra"), "ostra");
        assert_eq!(fold("bistånd"), "bistand");
        assert_eq!(fold("Ö"), fold("ö"));
        assert_eq!(fold("Café Müller"), "cafe muller");
        assert_eq!(fold("Spånga–Tensta"), "spanga-tensta");
    }

    #[test]
    fn latin_1_lowers_as_the_unicode_table_does() {
        for c in (0x80..=0xff).filter_map(char::from_u32) {
            assert_eq!(
                lower_first(c),
                c.to_lowercase().next().unwrap_or(c),
                "U+{:04X}",
                u32::from(c)
            );
        }
    }

    #[test]
    fn one_char_out_for_every_char_in() {
        for text in [
            "Enskede-Årsta-Vantör",
            "İstanbul ß Œuvre",
            "KF:s årsmål 2,7 %",
            "",
        ] {
            assert_eq!(fold(text).chars().count(), text.chars().count(), "{text}");
        }
    }
}
