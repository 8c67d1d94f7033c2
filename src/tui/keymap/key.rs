//! Key chords as keymap files write them: "q", "?", "ctrl-s", "shift-tab", "pgdown", "f1".

use std::fmt;
use std::str::FromStr;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key with its modifiers.
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
    Named(&'static str),
}

const NAMED: [(&str, KeyCode); 14] = [
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pgup", KeyCode::PageUp),
    ("pgdown", KeyCode::PageDown),
];

/// Why a key string is not a key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("okänd tangent «{0}»: skriv t.ex. q, ?, ctrl-s, shift-tab, up, pgdown, f1, space")]
pub struct KeyParseError(pub String);

impl KeyChord {
    pub fn from_event(event: &KeyEvent) -> KeyChord {
        let mut shift = event.modifiers.contains(KeyModifiers::SHIFT);
        let code = match event.code {
            // Characters carry their own case; a shifted letter is just the upper-case letter.
            KeyCode::Char(c) => {
                shift = false;
                KeyName::Char(c)
            }
            KeyCode::F(n) => KeyName::F(n),
            KeyCode::BackTab => {
                shift = false;
                KeyName::Named("backtab")
            }
            other => NAMED
                .iter()
                .find(|(_, code)| *code == other)
                .map_or(KeyName::Named("?"), |(name, _)| KeyName::Named(name)),
        };
        KeyChord {
            code,
            ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
            alt: event.modifiers.contains(KeyModifiers::ALT),
            shift,
        }
    }
}

impl FromStr for KeyChord {
    type Err = KeyParseError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let error = || KeyParseError(text.to_owned());
        let (mut ctrl, mut alt, mut shift) = (false, false, false);
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            if rest.chars().count() > 1 && lower.starts_with("ctrl-") {
                ctrl = true;
                rest = &rest[5..];
            } else if rest.chars().count() > 1 && lower.starts_with("alt-") {
                alt = true;
                rest = &rest[4..];
            } else if rest.chars().count() > 1 && lower.starts_with("shift-") {
                shift = true;
                rest = &rest[6..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyName::Char(c),
            _ => {
                let lower = rest.to_ascii_lowercase();
                if lower == "space" {
                    KeyName::Char(' ')
                } else if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                    KeyName::F(n)
                } else if shift && lower == "tab" {
                    shift = false;
                    KeyName::Named("backtab")
                } else {
                    let name = NAMED
                        .iter()
                        .find(|(name, _)| *name == lower)
                        .ok_or_else(error)?
                        .0;
                    KeyName::Named(name)
                }
            }
        };
        Ok(KeyChord {
            code,
            ctrl,
            alt,
            shift,
        })
    }
}

impl fmt::Display for KeyChord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        if self.shift {
            f.write_str("Shift-")?;
        }
        match &self.code {
            KeyName::Char(' ') => f.write_str("Mellanslag"),
            KeyName::Char(c) => write!(f, "{c}"),
            KeyName::F(n) => write!(f, "F{n}"),
            KeyName::Named(name) => f.write_str(match *name {
                "up" => "↑",
                "down" => "↓",
                "left" => "←",
                "right" => "→",
                "enter" => "Enter",
                "esc" => "Esc",
                "tab" => "Tab",
                "backtab" => "Shift-Tab",
                "backspace" => "Backsteg",
                "delete" => "Delete",
                "home" => "Home",
                "end" => "End",
                "pgup" => "PgUp",
                "pgdown" => "PgDn",
                other => other,
            }),
        }
    }
}
