//! What the user's terminal can do beyond what every terminal does, as the terminfo entry that
//! `TERM` names says: the same contract every ncurses program relies on, so a terminal that
//! claims an entry has to honour it already.

use termini::{StringCapability, TermInfo};

/// The optional abilities the lean backend uses when the terminal has them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Abilities {
    /// REP (`ESC [ n b`, terminfo `rep`): repeat the character just printed. A run of box
    /// lines, each `═` three bytes of UTF-8, then costs a few bytes instead of three per cell.
    pub repeat: bool,
}

impl Abilities {
    /// What every terminal can do: nothing optional.
    pub const NONE: Abilities = Abilities { repeat: false };

    /// The abilities of the terminal `TERM` names; none when it is unset or has no entry.
    pub fn from_env() -> Abilities {
        std::env::var("TERM").map_or(Abilities::NONE, |term| Abilities::of_term(&term))
    }

    /// The abilities of the terminfo entry `term`, looked up where ncurses looks (`TERMINFO`,
    /// `~/.terminfo`, `TERMINFO_DIRS`, the system directories); none when there is no entry
    /// or it cannot be read.
    pub fn of_term(term: &str) -> Abilities {
        // An entry's name is one file name: never let TERM point elsewhere.
        if term.is_empty() || term.contains('/') || term.starts_with('.') {
            return Abilities::NONE;
        }
        TermInfo::from_name(term).map_or(Abilities::NONE, |info| Abilities::of_entry(&info))
    }

    fn of_entry(info: &TermInfo) -> Abilities {
        Abilities {
            repeat: info.raw_string_cap(StringCapability::RepeatChar).is_some(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The machine's own terminfo entries (Debian's ncurses-base): xterm-256color declares
    /// `rep`, the Linux console and GNU screen do not.
    #[test]
    fn reads_rep_from_the_terminfo_entry() {
        assert!(
            Abilities::of_term("xterm-256color").repeat,
            "no xterm-256color entry with rep: install ncurses-base (.ci/run does)"
        );
        assert!(!Abilities::of_term("linux").repeat);
        assert!(!Abilities::of_term("screen").repeat);
    }

    #[test]
    fn an_unknown_or_odd_term_has_no_abilities() {
        for term in [
            "",
            "no-such-terminal",
            "../x/xterm-256color",
            "/lib/terminfo/x/xterm",
        ] {
            assert_eq!(Abilities::of_term(term), Abilities::NONE, "{term:?}");
        }
    }
}
