//! A one-line progress note (*förlopp*) for long imports and exports, on standard error and
//! only when that is a terminal: a pipe or a log file gets nothing.

use std::io::IsTerminal;

/// Rewrites one line of standard error while a long command runs.
pub struct Progress {
    on: bool,
}

impl Progress {
    /// On when standard error is a terminal.
    pub fn on_terminal() -> Progress {
        Progress {
            on: std::io::stderr().is_terminal(),
        }
    }

    /// Replaces the line with `text` (already sanitised by the caller).
    pub fn show(&self, text: &str) {
        if self.on {
            eprint!("\r\x1b[2K{text}");
        }
    }

    /// Removes the line, before the command prints its result.
    pub fn clear(&self) {
        if self.on {
            eprint!("\r\x1b[2K");
        }
    }
}
