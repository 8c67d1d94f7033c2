//! The interface's budget (DESIGN.md §8), measured through the real message loop
//! ([`malkoll::tui::event_loop::run`]) with scripted keys:
//! - start to first frame: the release binary as a whole process in a pseudo-terminal at
//!   80x24, from spawn to the last byte of its first frame (the end of its synchronized
//!   update) — on the generated city (14 councils × 10 years); budget ≤ 100 ms; and the same
//!   in process (open the store, build the app, draw), to see where the time goes;
//! - one keystroke in the tree (update, effects, layout, draw) at 200x50; budget ≤ 1 ms;
//! - bytes written at 80x24 through the terminal's backend stack, with the
//!   synchronized-output markers every frame carries, per changed cell, for a one-row move,
//!   a page move, a switch to the next council and a switch to the help screen; budget ≤ 1.5.
//!   Measured twice: for a terminal whose terminfo entry has REP (xterm-256color, what most
//!   SSH clients announce) and for one without (GNU screen, the Linux console).
//!
//! Run with `cargo bench --bench ui` (`-- keystroke`, `-- start` or `-- bytes` for one of
//! them). Without `--bench` (as `cargo test --all-targets` runs it) it does one quick pass
//! on the bundled data, so the test run stays fast.

use std::cell::Cell;
use std::io::{self, Write};
use std::rc::Rc;
use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use malkoll::store::{Actor, Change, Store};
use malkoll::tui::event_loop::Live;
use malkoll::tui::event_loop::{Session, run, terminal_backend};
use malkoll::tui::events::{Events, Input};
use malkoll::tui::keymap::Keymap;
use malkoll::tui::terminfo::Abilities;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

fn main() {
    let full = std::env::args().any(|arg| arg == "--bench");
    // `cargo bench --bench ui -- keystroke` runs only the measures whose name holds a word.
    let only = std::env::args().skip(1).find(|arg| !arg.starts_with('-'));
    let wanted = |measure: &str| only.as_deref().is_none_or(|word| measure.contains(word));
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("db");
    let store = Store::open(&db).expect("store opens");
    let actor = Actor::from_parts("bench".to_owned(), None);
    if full {
        for plan in malkoll::demo::generate(2026, 14, 10) {
            store
                .apply(&Change::PutPlanYear(plan), &actor)
                .expect("plan stored");
        }
    } else {
        store.seed_bundled(&actor).expect("bundled data");
    }
    drop(store);
    let keymap = Keymap::builtin().expect("default keymap");

    if wanted("start") {
        first_frame(dir.path(), &db, &keymap, full);
    }
    if wanted("keystroke") {
        keystroke(&db, &keymap, full);
    }
    if wanted("bytes") {
        bytes(&db, &keymap, full);
    }
}

/// Start to first frame, in process and as the release binary in a pseudo-terminal.
fn first_frame(root: &std::path::Path, db: &std::path::Path, keymap: &Keymap, full: bool) {
    let runs = if full { 20 } else { 1 };
    let mut starts = Vec::new();
    for _ in 0..runs {
        let started = Instant::now();
        let store = Store::open(db).expect("store reopens");
        let mut session = Session::start(store, "bench".to_owned(), keymap.clone()).expect("app");
        let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
        // The loop draws the first frame, then finds no input.
        run(
            &mut terminal,
            &mut Timed::new(0),
            &mut session,
            &Live::default(),
        )
        .expect("loop");
        starts.push(started.elapsed());
    }
    report(
        "start to first frame (open + load + draw, in process)",
        &mut starts,
        Duration::from_millis(100),
        full,
    );
    let mut process_starts = (0..runs)
        .map(|_| process_first_frame(root, db))
        .collect::<Vec<_>>();
    report(
        "start to first frame (release binary in a pty at 80x24, spawn to the frame's last byte)",
        &mut process_starts,
        Duration::from_millis(100),
        full,
    );
}

/// Tree keystrokes at 200x50 through the terminal's own backend stack, its bytes counted
/// instead of sent: the encoding of each frame is part of what a keystroke costs.
fn keystroke(db: &std::path::Path, keymap: &Keymap, full: bool) {
    let store = Store::open(db).expect("store reopens");
    let mut session = Session::start(store, "bench".to_owned(), keymap.clone()).expect("app");
    let options = ratatui::TerminalOptions {
        viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, 200, 50)),
    };
    let backend = terminal_backend(CountingWriter::default(), Abilities::NONE);
    let mut terminal = Terminal::with_options(backend, options).expect("terminal");
    let presses = if full { 2000 } else { 10 };
    let mut events = Timed::new(presses);
    run(&mut terminal, &mut events, &mut session, &Live::default()).expect("loop");
    report(
        "tree keystroke at 200x50 (update + effects + layout + draw + encode)",
        &mut events.frames,
        Duration::from_millis(1),
        full,
    );
}

/// Bytes per changed cell at 80x24 for the moves of the budget, with and without REP.
fn bytes(db: &std::path::Path, keymap: &Keymap, full: bool) {
    let moves = [
        ("one-row move", KeyCode::Down),
        ("page move", KeyCode::PageDown),
        ("switch to the next council", KeyCode::Char('n')),
        ("switch to the help screen", KeyCode::Char('?')),
    ];
    // The entries are read as the binary reads TERM's: the machine's terminfo database.
    for term in ["xterm-256color", "screen"] {
        let abilities = Abilities::of_term(term);
        let store = Store::open(db).expect("store reopens");
        let mut session = Session::start(store, "bench".to_owned(), keymap.clone()).expect("app");
        for (what, key) in moves {
            bytes_per_changed_cell(&mut session, (what, term, abilities), key, full);
        }
    }
}

/// Starts the binary on `db` in a new pseudo-terminal of 80x24 (HOME and XDG dirs under
/// `root`) and returns the time from spawn until its first frame has been written: the bytes
/// read from the terminal end a synchronized update. The process is then killed.
fn process_first_frame(root: &std::path::Path, db: &std::path::Path) -> Duration {
    use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
    use std::io::Read;
    use std::os::fd::OwnedFd;
    use std::os::unix::ffi::OsStrExt;
    use std::process::{Command, Stdio};

    let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY).expect("a pty");
    grantpt(&master).expect("grantpt");
    unlockpt(&master).expect("unlockpt");
    let name = ptsname(&master, Vec::new()).expect("ptsname");
    rustix::termios::tcsetwinsize(
        &master,
        rustix::termios::Winsize {
            ws_row: 24,
            ws_col: 80,
            ws_xpixel: 0,
            ws_ypixel: 0,
        },
    )
    .expect("window size");
    let slave: OwnedFd = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(std::ffi::OsStr::from_bytes(name.as_bytes()))
        .expect("the pty's terminal side")
        .into();
    let io = |fd: &OwnedFd| Stdio::from(fd.try_clone().expect("fd"));
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_malkoll"))
        .arg("--db")
        .arg(db)
        .env("HOME", root)
        .env("XDG_CONFIG_HOME", root.join("config"))
        .env("XDG_STATE_HOME", root.join("state"))
        .env("TERM", "xterm-256color")
        // The database opened by the process itself, as measured before the service: a
        // started service would also hold the database past the process (DESIGN.md §6c).
        .env("MALKOLL_SERVICE", "av")
        .stdin(io(&slave))
        .stdout(io(&slave))
        .stderr(io(&slave))
        .spawn()
        .expect("malkoll starts");
    drop(slave);
    let (done, frame) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut master = std::fs::File::from(master);
        let mut seen = Vec::new();
        let mut buffer = [0u8; 64 * 1024];
        while let Ok(read) = master.read(&mut buffer) {
            if read == 0 {
                break;
            }
            seen.extend_from_slice(&buffer[..read]);
            if seen.windows(8).any(|w| w == b"\x1b[?2026l") {
                let _ = done.send(Instant::now());
                break;
            }
        }
    });
    let drawn = frame
        .recv_timeout(Duration::from_secs(30))
        .expect("a first frame within 30 s");
    let _ = child.kill();
    let _ = child.wait();
    drawn - started
}

/// Down 40 times, up 40 times, …: `count` keys, each timed from the moment the loop asks for
/// it to the moment it asks for the next (the key's update, effects and frame).
struct Timed {
    keys: Vec<KeyCode>,
    asked: Option<Instant>,
    frames: Vec<Duration>,
    /// Called when the loop first asks for input: the first frame is drawn then.
    on_first: Option<Box<dyn FnOnce()>>,
}

impl Timed {
    fn new(count: usize) -> Self {
        let keys = (0..count)
            .rev()
            .map(|i| {
                if (i / 40) % 2 == 0 {
                    KeyCode::Down
                } else {
                    KeyCode::Up
                }
            })
            .collect();
        Timed {
            keys,
            asked: None,
            frames: Vec::new(),
            on_first: None,
        }
    }
}

impl Events for Timed {
    fn next(&mut self, _wait: Option<Duration>) -> io::Result<Option<Input>> {
        if let Some(on_first) = self.on_first.take() {
            on_first();
        }
        let now = Instant::now();
        if let Some(asked) = self.asked.replace(now) {
            self.frames.push(now - asked);
        }
        Ok(self
            .keys
            .pop()
            .map(|code| Input::Event(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)))))
    }

    fn ready(&mut self) -> io::Result<bool> {
        Ok(false)
    }
}

/// Counts what the terminal would receive.
#[derive(Clone, Default)]
struct CountingWriter(Rc<Cell<usize>>);

impl Write for CountingWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.set(self.0.get() + bytes.len());
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The screen as cells, for counting what a frame changed.
fn screen(session: &mut Session<Store>) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    run(&mut terminal, &mut Timed::new(0), session, &Live::default()).expect("loop");
    terminal.backend().buffer().clone()
}

/// Presses `key` at 80x24 through the loop on the terminal's backend stack (one buffered
/// write per frame, synchronized output, the lean backend), and compares the bytes of that
/// frame with the cells that changed. The terminal first draws the screen as it is, as the
/// real one has, so the frame measured is the key's alone.
fn bytes_per_changed_cell(
    session: &mut Session<Store>,
    (what, term, abilities): (&str, &str, Abilities),
    key: KeyCode,
    full: bool,
) {
    let before = screen(session);
    let writer = CountingWriter::default();
    let written = writer.0.clone();
    let options = ratatui::TerminalOptions {
        viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, 80, 24)),
    };
    let mut terminal =
        Terminal::with_options(terminal_backend(writer, abilities), options).expect("terminal");
    let mut events = Timed::new(0);
    events.keys = vec![key];
    let reset = written.clone();
    events.on_first = Some(Box::new(move || reset.set(0)));
    run(&mut terminal, &mut events, session, &Live::default()).expect("loop");
    let bytes = written.get();
    let after = screen(session);
    let changed = before
        .content
        .iter()
        .zip(after.content.iter())
        .filter(|(a, b)| a != b)
        .count()
        .max(1);
    let per_cell = bytes as f64 / changed as f64;
    let verdict = verdict(per_cell <= 1.5, full);
    println!(
        "ui: {what} at 80x24, TERM={term} (REP {}), synchronized-output markers included: {bytes} bytes for {changed} changed cells = {per_cell:.2} bytes/cell (budget 1.5) {verdict}",
        if abilities.repeat { "used" } else { "absent" }
    );
}

fn report(what: &str, samples: &mut [Duration], budget: Duration, full: bool) {
    samples.sort_unstable();
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
    let verdict = verdict(at(0.99) <= budget, full);
    println!(
        "ui: {what}: median {:.3} ms, p99 {:.3} ms over {} runs (budget {} ms) {verdict}",
        at(0.5).as_secs_f64() * 1000.0,
        at(0.99).as_secs_f64() * 1000.0,
        samples.len(),
        budget.as_millis()
    );
}

/// A quick pass (no `--bench`) on the small bundled data measures nothing worth judging.
fn verdict(within_budget: bool, full: bool) -> &'static str {
    match (full, within_budget) {
        (false, _) => "(smoke run: cargo bench --bench ui measures)",
        (true, true) => "ok",
        (true, false) => "OVER BUDGET",
    }
}
