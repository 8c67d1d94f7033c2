//! Terminal manners: raw mode, alternate screen, hidden cursor and bracketed paste on entry,
//! all undone by one idempotent [`restore`] that runs from a drop guard, from a panic hook
//! (before the previous hook prints) and from a signal thread. SIGHUP, SIGTERM and SIGINT are
//! handled on that thread — never by the event loop, because crossterm's `read` spins at
//! 100 % CPU once the SSH connection behind the terminal is gone.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::{cursor, event, execute, terminal};

/// Whether the terminal is in our mode and needs restoring.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Puts the terminal into the application's mode; restores it when dropped.
pub struct TerminalGuard {
    _private: (),
}

impl TerminalGuard {
    /// Enters raw mode and the alternate screen, hides the cursor, turns on bracketed paste.
    pub fn enter() -> io::Result<TerminalGuard> {
        install_panic_hook();
        terminal::enable_raw_mode()?;
        ACTIVE.store(true, Ordering::SeqCst);
        let guard = TerminalGuard { _private: () };
        execute!(
            io::stdout(),
            terminal::EnterAlternateScreen,
            cursor::Hide,
            event::EnableBracketedPaste
        )?;
        Ok(guard)
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

/// Puts the terminal back as we found it. Safe to call any number of times, from any thread;
/// only the first call after [`TerminalGuard::enter`] does anything. Errors are ignored: there
/// is nothing better to do with them while shutting down.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut stdout = io::stdout();
    let _ = execute!(
        stdout,
        terminal::EndSynchronizedUpdate,
        event::DisableBracketedPaste,
        cursor::Show,
        terminal::LeaveAlternateScreen
    );
    let _ = terminal::disable_raw_mode();
    let _ = stdout.flush();
}

/// Restores the terminal before the previous panic hook prints, so the message lands on the
/// normal screen and the shell stays usable.
fn install_panic_hook() {
    static INSTALLED: AtomicBool = AtomicBool::new(false);
    if INSTALLED.swap(true, Ordering::SeqCst) {
        return;
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// Starts the signal thread: on SIGHUP, SIGTERM or SIGINT it runs `shutdown` (flush the
/// store), restores the terminal and exits with 128 + the signal number.
pub fn spawn_signal_thread(shutdown: impl Fn() + Send + 'static) -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGHUP, SIGTERM, SIGINT])?;
    std::thread::Builder::new()
        .name("malkoll-signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                shutdown();
                restore();
                std::process::exit(128 + signal);
            }
        })?;
    Ok(())
}
