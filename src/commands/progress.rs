//! A one-line progress note (*förlopp*) for long imports and exports, on standard error and
//! only when that is a terminal: a pipe or a log file gets nothing. The line is removed when
//! the note is dropped, so an early return or an error leaves no half line behind.

use std::cell::Cell;
use std::io::IsTerminal;
use std::time::{Duration, Instant};

/// How often a counting note is redrawn at most: a slow SSH link is not flooded.
const STEP_INTERVAL: Duration = Duration::from_millis(100);

/// Rewrites one line of standard error while a long command runs.
pub struct Progress {
    on: bool,
    shown: Cell<bool>,
    last_step: Cell<Option<Instant>>,
}

impl Progress {
    /// On when standard error is a terminal.
    pub fn on_terminal() -> Progress {
        Progress {
            on: std::io::stderr().is_terminal(),
            shown: Cell::new(false),
            last_step: Cell::new(None),
        }
    }

    /// Replaces the line with `text` (already sanitised by the caller).
    pub fn show(&self, text: &str) {
        if self.on {
            eprint!("\r\x1b[2K{text}");
            self.shown.set(true);
        }
    }

    /// "`what` `done`/`total`", redrawn at most every `STEP_INTERVAL` and at the last step.
    pub fn step(&self, what: &str, done: usize, total: usize) {
        if !self.on {
            return;
        }
        let now = Instant::now();
        let due = self
            .last_step
            .get()
            .is_none_or(|last| now.duration_since(last) >= STEP_INTERVAL);
        if due || done == total {
            self.last_step.set(Some(now));
            self.show(&format!("{what} {done}/{total}"));
        }
    }

    /// Removes the line, before the command prints its result.
    pub fn clear(&self) {
        if self.on && self.shown.replace(false) {
            eprint!("\r\x1b[2K");
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.clear();
    }
}
