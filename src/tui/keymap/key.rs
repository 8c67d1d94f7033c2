//! Key chords as keymap files write them ("q", "?", "ctrl-s", "shift-tab", "pgdown", "f1") and
//! as the help overlay shows them ("q", "?", "Ctrl-s", "Shift-Tab", "PgDn", "F1").
//!
//! Parsing and reading crossterm events both end in one normal form, so that two spellings of
//! the same key compare equal and a conflict check over a set sees them as one:
//! - a character carries its own case, so "shift-a" is "A" and a shifted event is its character;
//! - with ctrl a letter is case-insensitive ("ctrl-S" is "ctrl-s"): terminals send the same
//!   byte for both, so telling them apart would only make bindings that never fire;
//! - "space" is " ", "shift-tab" is "backtab".
//!
//! `Display` output parses back to the same chord, so what the help overlay shows is also
//! something a user can copy into a keymap file.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key with its modifiers, in normal form (see the module docs).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyChord {
    pub code: KeyName,
    pub ctrl: bool,
    pub alt: bool,
    pub shift: bool,
}

/// The key itself, without modifiers; characters are stored as typed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyName {
    Char(char),
    F(u8),
    /// A named key by its canonical file name ("up", "pgdown", …).
    Named(&'static str),
}

/// A named key: the canonical name written in files, how help shows it, the crossterm code,
/// and other spellings a file may use (all compared case-insensitively).
struct NamedKey {
    name: &'static str,
    shown: &'static str,
    code: KeyCode,
    aliases: &'static [&'static str],
}

const NAMED_KEYS: &[NamedKey] = &[
    NamedKey {
        name: "up",
        shown: "↑",
        code: KeyCode::Up,
        aliases: &["↑"],
    },
    NamedKey {
        name: "down",
        shown: "↓",
        code: KeyCode::Down,
        aliases: &["↓"],
    },
    NamedKey {
        name: "left",
        shown: "←",
        code: KeyCode::Left,
        aliases: &["←"],
    },
    NamedKey {
        name: "right",
        shown: "→",
        code: KeyCode::Right,
        aliases: &["→"],
    },
    NamedKey {
        name: "enter",
        shown: "Enter",
        code: KeyCode::Enter,
        aliases: &["return"],
    },
    NamedKey {
        name: "esc",
        shown: "Esc",
        code: KeyCode::Esc,
        aliases: &["escape"],
    },
    NamedKey {
        name: "tab",
        shown: "Tab",
        code: KeyCode::Tab,
        aliases: &[],
    },
    NamedKey {
        name: "backtab",
        shown: "Shift-Tab",
        code: KeyCode::BackTab,
        aliases: &[],
    },
    NamedKey {
        name: "backspace",
        shown: "Backsteg",
        code: KeyCode::Backspace,
        aliases: &["backsteg"],
    },
    NamedKey {
        name: "delete",
        shown: "Delete",
        code: KeyCode::Delete,
        aliases: &["del"],
    },
    NamedKey {
        name: "insert",
        shown: "Insert",
        code: KeyCode::Insert,
        aliases: &["ins"],
    },
    NamedKey {
        name: "home",
        shown: "Home",
        code: KeyCode::Home,
        aliases: &[],
    },
    NamedKey {
        name: "end",
        shown: "End",
        code: KeyCode::End,
        aliases: &[],
    },
    NamedKey {
        name: "pgup",
        shown: "PgUp",
        code: KeyCode::PageUp,
        aliases: &["pageup"],
    },
    NamedKey {
        name: "pgdown",
        shown: "PgDn",
        code: KeyCode::PageDown,
        aliases: &["pgdn", "pagedown"],
    },
];

/// How the space bar is written in files and shown in help.
const SPACE_NAMES: &[&str] = &["space", "mellanslag"];
const SPACE_SHOWN: &str = "Mellanslag";

/// Stands in for keys we have no name for (media keys, …): no keymap entry can match it.
const UNSUPPORTED: &str = "unsupported";

/// Function keys a file may name; terminals rarely send more than F12, but F13–F24 exist.
const HIGHEST_FUNCTION_KEY: u8 = 24;

/// The accepted forms, quoted in every key error so the user can fix the entry at once.
pub const ACCEPTED_KEY_FORMS: &str = "ett tecken (q, ?, +, Å), ett namn (up, down, left, right, \
     enter, esc, tab, backtab, backspace, delete, insert, home, end, pgup, pgdown, space, f1–f24), \
     gärna med ctrl-, alt- eller shift- framför (ctrl-s, shift-tab)";

/// Why a key string is not a key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyParseError {
    #[error("okänd tangent «{0}»; skriv {ACCEPTED_KEY_FORMS}")]
    Unknown(String),
    #[error(
        "«{0}»: shift- går bara med bokstäver och namngivna tangenter; skriv tecknet som det \
         blir med shift (t.ex. «?» i stället för «shift-+»)"
    )]
    ShiftedSymbol(String),
}

impl KeyChord {
    /// The chord a terminal key event stands for, in normal form.
    pub fn from_event(event: &KeyEvent) -> KeyChord {
        let code = match event.code {
            KeyCode::Char(c) => KeyName::Char(c),
            KeyCode::F(n) => KeyName::F(n),
            other => KeyName::Named(
                NAMED_KEYS
                    .iter()
                    .find(|named| named.code == other)
                    .map_or(UNSUPPORTED, |named| named.name),
            ),
        };
        KeyChord {
            code,
            ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
            alt: event.modifiers.contains(KeyModifiers::ALT),
            shift: event.modifiers.contains(KeyModifiers::SHIFT),
        }
        .normalized()
    }

    /// A key event that this chord stands for (what a terminal sends for it); `None` for a
    /// named key crossterm has no code for.
    pub fn to_event(&self) -> Option<KeyEvent> {
        let code = match &self.code {
            KeyName::Char(c) => KeyCode::Char(*c),
            KeyName::F(n) => KeyCode::F(*n),
            KeyName::Named(name) => NAMED_KEYS.iter().find(|named| named.name == *name)?.code,
        };
        let mut modifiers = KeyModifiers::NONE;
        for (on, modifier) in [
            (self.ctrl, KeyModifiers::CONTROL),
            (self.alt, KeyModifiers::ALT),
            (self.shift, KeyModifiers::SHIFT),
        ] {
            if on {
                modifiers |= modifier;
            }
        }
        Some(KeyEvent::new(code, modifiers))
    }

    /// A plain key without modifiers, e.g. `KeyChord::plain(KeyName::Char('q'))`.
    pub fn plain(code: KeyName) -> KeyChord {
        KeyChord {
            code,
            ctrl: false,
            alt: false,
            shift: false,
        }
        .normalized()
    }

    /// Whether the key types text when a text field has focus (a character without ctrl/alt).
    pub fn is_text_input(&self) -> bool {
        matches!(self.code, KeyName::Char(_)) && !self.ctrl && !self.alt
    }

    /// The canonical spelling for keymap files ("ctrl-s", "space", "pgdown").
    pub fn to_file_string(&self) -> String {
        let mut text = String::new();
        for (on, prefix) in [
            (self.ctrl, "ctrl-"),
            (self.alt, "alt-"),
            (self.shift, "shift-"),
        ] {
            if on {
                text.push_str(prefix);
            }
        }
        match &self.code {
            KeyName::Char(' ') => text.push_str("space"),
            KeyName::Char(c) => text.push(*c),
            KeyName::F(n) => text.push_str(&format!("f{n}")),
            KeyName::Named(name) => text.push_str(name),
        }
        text
    }

    /// The order keys of one action are listed in help: plain keys before modified ones,
    /// named keys (arrows, Enter) before characters before function keys — so "↑ / k",
    /// "q / Ctrl-c", "? / F1".
    pub fn help_order(&self, other: &KeyChord) -> Ordering {
        fn rank(chord: &KeyChord) -> (bool, u8) {
            let modified = chord.ctrl || chord.alt || chord.shift;
            let kind = match chord.code {
                KeyName::Named(_) => 0,
                KeyName::Char(_) => 1,
                KeyName::F(_) => 2,
            };
            (modified, kind)
        }
        rank(self).cmp(&rank(other)).then_with(|| self.cmp(other))
    }

    /// Brings equal keys to equal values (see the module docs for the rules).
    fn normalized(mut self) -> KeyChord {
        match &mut self.code {
            KeyName::Char(c) => {
                // The character already says whether shift was held.
                self.shift = false;
                if self.ctrl {
                    *c = single_lowercase(*c);
                }
            }
            KeyName::Named(name) if *name == "tab" && self.shift => {
                *name = "backtab";
                self.shift = false;
            }
            KeyName::Named(name) if *name == "backtab" => self.shift = false,
            _ => {}
        }
        self
    }
}

/// The lower-case form of a letter when it is a single character (always, except e.g. 'İ').
fn single_lowercase(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// The upper-case form of a letter when it is a single character ('ß' stays 'ß').
fn single_uppercase(c: char) -> char {
    let mut upper = c.to_uppercase();
    match (upper.next(), upper.next()) {
        (Some(u), None) => u,
        _ => c,
    }
}

/// Strips one modifier prefix, case-insensitively, leaving at least one character.
fn strip_modifier<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    let rest = &text[prefix.len()..];
    (head.eq_ignore_ascii_case(prefix) && !rest.is_empty()).then_some(rest)
}

impl FromStr for KeyChord {
    type Err = KeyParseError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let unknown = || KeyParseError::Unknown(text.to_owned());
        let (mut ctrl, mut alt, mut shift) = (false, false, false);
        let mut rest = text;
        loop {
            if let Some(after) = strip_modifier(rest, "ctrl-") {
                ctrl = true;
                rest = after;
            } else if let Some(after) = strip_modifier(rest, "alt-") {
                alt = true;
                rest = after;
            } else if let Some(after) = strip_modifier(rest, "shift-") {
                shift = true;
                rest = after;
            } else {
                break;
            }
        }
        let lower = rest.to_lowercase();
        let named = NAMED_KEYS
            .iter()
            .find(|named| named.name == lower || named.aliases.contains(&lower.as_str()));
        let mut chars = rest.chars();
        let code = if let Some(named) = named {
            KeyName::Named(named.name)
        } else if SPACE_NAMES.contains(&lower.as_str()) {
            KeyName::Char(' ')
        } else if let (Some(c), None) = (chars.next(), chars.next()) {
            if shift && !ctrl {
                // "shift-a" is "A"; "shift-+" has no portable meaning (keyboard layouts differ).
                if !c.is_alphabetic() {
                    return Err(KeyParseError::ShiftedSymbol(text.to_owned()));
                }
                shift = false;
                KeyName::Char(single_uppercase(c))
            } else {
                KeyName::Char(c)
            }
        } else if let Some(number) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
            if !(1..=HIGHEST_FUNCTION_KEY).contains(&number) {
                return Err(unknown());
            }
            KeyName::F(number)
        } else {
            return Err(unknown());
        };
        Ok(KeyChord {
            code,
            ctrl,
            alt,
            shift,
        }
        .normalized())
    }
}

impl fmt::Display for KeyChord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (on, prefix) in [
            (self.ctrl, "Ctrl-"),
            (self.alt, "Alt-"),
            (self.shift, "Shift-"),
        ] {
            if on {
                f.write_str(prefix)?;
            }
        }
        match &self.code {
            KeyName::Char(' ') => f.write_str(SPACE_SHOWN),
            KeyName::Char(c) => write!(f, "{c}"),
            KeyName::F(n) => write!(f, "F{n}"),
            KeyName::Named(name) => f.write_str(
                NAMED_KEYS
                    .iter()
                    .find(|named| named.name == *name)
                    .map_or(*name, |named| named.shown),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy;

    fn key(text: &str) -> KeyChord {
        text.parse().unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    fn event(code: KeyCode, modifiers: KeyModifiers) -> KeyChord {
        KeyChord::from_event(&KeyEvent::new(code, modifiers))
    }

    #[test]
    fn spellings_of_one_key_are_equal() {
        assert_eq!(key("ctrl-S"), key("ctrl-s"));
        assert_eq!(key("CTRL-s"), key("ctrl-s"));
        assert_eq!(key("space"), key(" "));
        assert_eq!(key("shift-tab"), key("backtab"));
        assert_eq!(key("shift-a"), key("A"));
        assert_eq!(key("PgDn"), key("pgdown"));
        assert_eq!(key("↑"), key("up"));
        assert_ne!(key("a"), key("A"));
        assert_ne!(key("alt-a"), key("alt-A"));
    }

    #[test]
    fn events_match_parsed_keys() {
        assert_eq!(event(KeyCode::Char('S'), KeyModifiers::SHIFT), key("S"));
        assert_eq!(
            event(
                KeyCode::Char('S'),
                KeyModifiers::CONTROL | KeyModifiers::SHIFT
            ),
            key("ctrl-s")
        );
        assert_eq!(
            event(KeyCode::BackTab, KeyModifiers::SHIFT),
            key("shift-tab")
        );
        assert_eq!(event(KeyCode::Tab, KeyModifiers::SHIFT), key("backtab"));
        assert_eq!(event(KeyCode::Char(' '), KeyModifiers::NONE), key("space"));
        assert_eq!(event(KeyCode::PageDown, KeyModifiers::NONE), key("pgdown"));
        assert_eq!(event(KeyCode::F(1), KeyModifiers::NONE), key("f1"));
        assert_eq!(event(KeyCode::Char('Å'), KeyModifiers::SHIFT), key("Å"));
    }

    #[test]
    fn unsupported_events_match_nothing_parseable() {
        let media = event(KeyCode::CapsLock, KeyModifiers::NONE);
        assert_eq!(media.code, KeyName::Named(UNSUPPORTED));
        assert!(UNSUPPORTED.parse::<KeyChord>().is_err());
    }

    #[test]
    fn display_and_file_form_parse_back() {
        for text in [
            "ctrl-s",
            "shift-tab",
            "pgdown",
            "pgup",
            "f1",
            "f12",
            "space",
            "?",
            "+",
            "-",
            "Å",
            "å",
            "ctrl--",
            "alt-x",
            "up",
            "down",
            "left",
            "right",
            "enter",
            "esc",
            "backspace",
            "delete",
            "home",
            "end",
            "q",
            "Q",
            "ctrl-Å",
            "alt-shift-up",
        ] {
            let chord = key(text);
            assert_eq!(key(&chord.to_string()), chord, "display of {text}: {chord}");
            assert_eq!(key(&chord.to_file_string()), chord, "file form of {text}");
        }
    }

    #[test]
    fn display_is_what_help_shows() {
        assert_eq!(key("ctrl-S").to_string(), "Ctrl-s");
        assert_eq!(key("shift-tab").to_string(), "Shift-Tab");
        assert_eq!(key("pgdown").to_string(), "PgDn");
        assert_eq!(key("space").to_string(), "Mellanslag");
        assert_eq!(key("up").to_string(), "↑");
        assert_eq!(key("f1").to_string(), "F1");
    }

    #[test]
    fn bad_keys_are_refused_with_the_accepted_forms() {
        for text in ["", "ctrl-", "pgdwn", "f0", "f25", "hyper-x", "ab"] {
            let error = text.parse::<KeyChord>().expect_err(text);
            assert!(error.to_string().contains("pgdown"), "{text}: {error}");
        }
        assert!(matches!(
            "shift-+".parse::<KeyChord>(),
            Err(KeyParseError::ShiftedSymbol(_))
        ));
    }

    #[test]
    fn help_order_puts_plain_named_keys_first() {
        let mut keys = vec![key("k"), key("ctrl-p"), key("up")];
        keys.sort_by(KeyChord::help_order);
        assert_eq!(keys, vec![key("up"), key("k"), key("ctrl-p")]);
    }

    proptest::proptest! {
        /// Whatever a terminal sends, help shows a string that parses back to the same key.
        #[test]
        fn every_event_displays_as_a_parseable_key(
            code in proptest::prop_oneof![
                proptest::char::any()
                    .prop_filter("arrows are key names", |c| !"↑↓←→".contains(*c))
                    .prop_map(KeyCode::Char),
                (1u8..=HIGHEST_FUNCTION_KEY).prop_map(KeyCode::F),
                proptest::sample::select(NAMED_KEYS.iter().map(|k| k.code).collect::<Vec<_>>()),
            ],
            ctrl: bool,
            alt: bool,
            shift: bool,
        ) {
            let mut modifiers = KeyModifiers::NONE;
            modifiers.set(KeyModifiers::CONTROL, ctrl);
            modifiers.set(KeyModifiers::ALT, alt);
            modifiers.set(KeyModifiers::SHIFT, shift);
            let chord = KeyChord::from_event(&KeyEvent::new(code, modifiers));
            proptest::prop_assert_eq!(chord.to_string().parse::<KeyChord>(), Ok(chord.clone()));
            proptest::prop_assert_eq!(chord.to_file_string().parse::<KeyChord>(), Ok(chord));
        }
    }
}
