//! The interface's budget (DESIGN.md §8), measured on the real code paths:
//! - start to first frame: open the store, build the app, draw — on the generated city
//!   (14 councils × 10 years); budget ≤ 100 ms;
//! - one keystroke in the tree (update + render) at 200x50; budget ≤ 1 ms;
//! - bytes written for a one-row move at 80x24, per changed cell; budget ≤ 1.5.
//!
//! Run with `cargo bench --bench ui`. Without `--bench` (as `cargo test --all-targets` runs
//! it) it does one quick pass on the bundled data, so the test run stays fast.

use std::cell::Cell;
use std::io::Write;
use std::rc::Rc;
use std::time::{Duration, Instant};

use malkoll::store::{Actor, Change, Store};
use malkoll::tui::action::Action;
use malkoll::tui::app::{App, Effect};
use malkoll::tui::event_loop::start_app;
use malkoll::tui::keymap::Keymap;
use malkoll::tui::lean_backend::LeanBackend;
use malkoll::tui::source::PlanSource;
use malkoll::tui::views;
use ratatui::Terminal;
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::buffer::Buffer;

fn main() {
    let full = std::env::args().any(|arg| arg == "--bench");
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

    let runs = if full { 20 } else { 1 };
    let mut starts = Vec::new();
    for _ in 0..runs {
        let started = Instant::now();
        let store = Store::open(&db).expect("store reopens");
        let mut app = start_app(&store, "bench".to_owned()).expect("app starts");
        let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
        draw(&mut terminal, &mut app, &keymap);
        starts.push(started.elapsed());
        drop(store);
    }
    report(
        "start to first frame (open + load + draw)",
        &mut starts,
        Duration::from_millis(100),
        full,
    );

    let store = Store::open(&db).expect("store reopens");
    let mut app = start_app(&store, "bench".to_owned()).expect("app starts");
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
    draw(&mut terminal, &mut app, &keymap);
    let presses = if full { 2000 } else { 10 };
    let mut keystrokes = Vec::with_capacity(presses);
    for i in 0..presses {
        let action = if (i / 40) % 2 == 0 {
            Action::MoveDown
        } else {
            Action::MoveUp
        };
        let started = Instant::now();
        press(&mut app, &store, action);
        draw(&mut terminal, &mut app, &keymap);
        keystrokes.push(started.elapsed());
    }
    report(
        "tree keystroke at 200x50 (update + render)",
        &mut keystrokes,
        Duration::from_millis(1),
        full,
    );

    bytes_per_changed_cell(&store, &keymap, full);
}

/// Draws a frame and hands the sizes back, as the event loop does.
fn draw<B: ratatui::backend::Backend>(terminal: &mut Terminal<B>, app: &mut App, keymap: &Keymap) {
    let mut viewport = None;
    terminal
        .draw(|frame| viewport = Some(views::render(app, keymap, frame)))
        .expect("draw");
    if let Some(viewport) = viewport {
        app.set_viewport(viewport);
    }
}

fn press(app: &mut App, source: &impl PlanSource, action: Action) {
    for effect in app.update(action) {
        if let Effect::LoadPlan { council, year } = effect {
            let result = source.plan_year(&council, year).map_err(|e| e.to_string());
            app.plan_loaded(&council, year, result);
        }
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
fn screen(app: &App, keymap: &Keymap) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    terminal
        .draw(|frame| {
            views::render(app, keymap, frame);
        })
        .expect("draw");
    terminal.backend().buffer().clone()
}

/// Moves the selection one row at 80x24 through the event loop's backend stack (a
/// [`LeanBackend`] around crossterm's), and compares the bytes it writes with the cells that
/// changed.
fn bytes_per_changed_cell(store: &Store, keymap: &Keymap, full: bool) {
    let mut app = start_app(store, "bench".to_owned()).expect("app starts");
    let writer = CountingWriter::default();
    let written = writer.0.clone();
    let options = ratatui::TerminalOptions {
        viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, 80, 24)),
    };
    let backend = LeanBackend::new(CrosstermBackend::new(writer));
    let mut terminal = Terminal::with_options(backend, options).expect("terminal");
    draw(&mut terminal, &mut app, keymap);
    let before = screen(&app, keymap);
    written.set(0);
    press(&mut app, store, Action::MoveDown);
    draw(&mut terminal, &mut app, keymap);
    let bytes = written.get();
    let after = screen(&app, keymap);
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
        "ui: one-row move at 80x24: {bytes} bytes for {changed} changed cells = {per_cell:.2} bytes/cell (budget 1.5) {verdict}"
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
