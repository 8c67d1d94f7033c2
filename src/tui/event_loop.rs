//! The one message loop, generic over its backend and its event source: take the next input,
//! hand it to [`App::update`] as a [`Msg`], let the one [`EffectRunner`] perform the effects
//! and feed their results back as messages, then lay out and draw one frame — only after
//! something happened. While analys text or a value form is unsaved the loop waits with a
//! timeout, so a draft is written a moment after typing stops; otherwise it blocks (never a
//! busy loop).
//!
//! The real terminal, tests, snapshots and benchmarks all run through [`run`]; they differ
//! only in the [`Events`] they feed and the backend they draw on.

use std::collections::VecDeque;
use std::io::{self, Write};
use std::time::{Duration, Instant};

use crossterm::event::Event;
use crossterm::{queue, terminal};
use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, CrosstermBackend, TestBackend};
use ratatui::buffer::Buffer;

use super::app::{App, CouncilYears, Effect};
use super::edit::drafts::LiveDraft;
use super::error::SourceError;
use super::events::{Events, Input};
use super::frame_writer::FrameWriter;
use super::keymap::Keymap;
use super::lean_backend::LeanBackend;
use super::msg::Msg;
use super::panes::LivePanes;
use super::position::{LivePosition, Position};
use super::runner::EffectRunner;
use super::source::PlanSource;
use super::terminfo::Abilities;
use super::views;

/// How long typing must pause before the text is kept as a draft.
pub const DRAFT_IDLE: Duration = Duration::from_secs(1);

/// The app and the runner that performs its effects: everything the loop drives.
#[derive(Debug)]
pub struct Session<S: PlanSource> {
    pub app: App,
    pub runner: EffectRunner<S>,
}

/// What the loop asks of the terminal after a message.
#[derive(Debug, Default, Clone, Copy)]
struct Outcome {
    clear: bool,
    quit: bool,
}

impl<S: PlanSource> Session<S> {
    /// Reads the councils and their years from `source`, builds the app and performs its
    /// first effects (the first plan year, drafts left by an earlier session).
    pub fn start(source: S, user: String, keymap: Keymap) -> Result<Session<S>, SourceError> {
        Self::start_at(source, user, keymap, None)
    }

    /// [`Session::start`] at `position` (where the user left off) when it still exists.
    pub fn start_at(
        source: S,
        user: String,
        keymap: Keymap,
        position: Option<Position>,
    ) -> Result<Session<S>, SourceError> {
        let councils = source
            .councils()?
            .into_iter()
            .map(|council| {
                let years = source.years(&council.id)?;
                Ok(CouncilYears { council, years })
            })
            .collect::<Result<Vec<_>, SourceError>>()?;
        let (app, effects) = App::new(councils, user, keymap, position);
        let mut session = Session {
            app,
            runner: EffectRunner::new(source),
        };
        session.perform(effects);
        Ok(session)
    }

    /// Hands `msg` to the app and performs what it asks, feeding every result back as a
    /// message until none is left.
    fn dispatch(&mut self, msg: Msg) -> Outcome {
        let effects = self.app.update(msg);
        self.perform(effects)
    }

    fn perform(&mut self, effects: Vec<Effect>) -> Outcome {
        let mut outcome = Outcome::default();
        let mut queue = VecDeque::from(effects);
        while let Some(effect) = queue.pop_front() {
            match effect {
                Effect::Quit => outcome.quit = true,
                Effect::ClearScreen => outcome.clear = true,
                effect => {
                    if let Some(result) = self.runner.perform(effect) {
                        queue.extend(self.app.update(result));
                    }
                }
            }
        }
        outcome
    }
}

/// A backend that frames what it draws: the terminal's wraps each frame in synchronized
/// output and writes it in one go; a test backend just draws.
pub trait FrameOutput: Backend {
    fn begin_frame(&mut self) -> io::Result<()>;
    fn end_frame(&mut self) -> io::Result<()>;

    /// Draws the frame `next` against what the backend knows the terminal shows, where it
    /// keeps that; `None` leaves the diff to ratatui (`Terminal::flush`).
    fn draw_frame(&mut self, next: &Buffer) -> Option<Result<(), Self::Error>> {
        let _ = next;
        None
    }
}

impl FrameOutput for TestBackend {
    fn begin_frame(&mut self) -> io::Result<()> {
        Ok(())
    }

    fn end_frame(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The backend stack the terminal is drawn through.
pub type TerminalBackend<W> = LeanBackend<CrosstermBackend<FrameWriter<W>>>;

impl<W: Write> FrameOutput for TerminalBackend<W> {
    fn begin_frame(&mut self) -> io::Result<()> {
        queue!(self, terminal::BeginSynchronizedUpdate)
    }

    fn end_frame(&mut self) -> io::Result<()> {
        // The frame's bytes end with the marker: this flush writes them in one go.
        queue!(self, terminal::EndSynchronizedUpdate)?;
        Write::flush(self)
    }

    fn draw_frame(&mut self, next: &Buffer) -> Option<Result<(), Self::Error>> {
        Some(LeanBackend::draw_frame(self, next))
    }
}

/// The backend the interactive UI draws on: one buffered write per frame to `out`, a
/// terminal with `abilities`.
pub fn terminal_backend<W: Write>(out: W, abilities: Abilities) -> TerminalBackend<W> {
    LeanBackend::new(CrosstermBackend::new(FrameWriter::new(out)), abilities)
}

/// What the loop keeps current after every burst of input for others to read: the unsaved
/// analys or value form (the signal thread saves it as a draft), the position and the pane
/// layout the user chose (saved on quit and hang-up).
#[derive(Debug, Clone, Default)]
pub struct Live {
    pub draft: LiveDraft,
    pub position: LivePosition,
    pub panes: LivePanes,
}

/// Why the loop stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The user quit.
    Quit,
    /// The event source ran out (a script).
    EventsEnded,
}

/// What can stop the loop with an error.
#[derive(Debug, thiserror::Error)]
pub enum LoopError {
    #[error("terminalen: {0}")]
    Io(#[from] io::Error),
    #[error("terminalen: {0}")]
    Backend(Box<dyn std::error::Error + Send + Sync>),
}

/// Runs `session` on `terminal` with input from `events` until the user quits or the events
/// end, keeping `live` current (unsaved analys or values, position, pane layout).
pub fn run<B, E, S>(
    terminal: &mut Terminal<B>,
    events: &mut E,
    session: &mut Session<S>,
    live: &Live,
) -> Result<Exit, LoopError>
where
    B: FrameOutput,
    B::Error: std::error::Error + Send + Sync + 'static,
    E: Events,
    S: PlanSource,
{
    // The first frame needs no clear: the alternate screen starts blank, like the buffers.
    let mut draw_next = Some(false);
    let mut draft_due: Option<Instant> = None;
    live.draft.set(session.app.live_draft());
    live.position.set(session.app.position());
    loop {
        if let Some(clear) = draw_next.take() {
            draw(terminal, &mut session.app, clear)?;
        }
        let wait = draft_due.map(|due| due.saturating_duration_since(Instant::now()));
        let Some(first) = events.next(wait)? else {
            return Ok(Exit::EventsEnded);
        };
        let mut outcome = handle(first, session, &mut draft_due);
        // Typed-ahead keys cost one frame, not one each.
        while !outcome.quit && events.ready()? {
            let Some(next) = events.next(Some(Duration::ZERO))? else {
                break;
            };
            let more = handle(next, session, &mut draft_due);
            outcome.clear |= more.clear;
            outcome.quit |= more.quit;
        }
        if session.app.take_text_edited() {
            draft_due = Some(Instant::now() + DRAFT_IDLE);
        }
        live.draft.set(session.app.live_draft());
        live.position.set(session.app.position());
        live.panes.set(session.app.changed_panes());
        if outcome.quit {
            return Ok(Exit::Quit);
        }
        draw_next = Some(outcome.clear);
    }
}

fn handle<S: PlanSource>(
    input: Input,
    session: &mut Session<S>,
    draft_due: &mut Option<Instant>,
) -> Outcome {
    let msg = match input {
        Input::Tick => {
            *draft_due = None;
            Msg::Tick
        }
        Input::Remote(update) => Msg::Remote(*update),
        Input::Event(Event::Key(key)) => Msg::Key(key),
        Input::Event(Event::Paste(text)) => Msg::Paste(text),
        Input::Event(Event::Resize(width, height)) => Msg::Resize { width, height },
        // Focus and mouse events change nothing.
        Input::Event(_) => return Outcome::default(),
    };
    session.dispatch(msg)
}

fn backend_error(error: impl std::error::Error + Send + Sync + 'static) -> LoopError {
    LoopError::Backend(Box::new(error))
}

/// Lays the frame out at the terminal's size (page heights, scroll limits, without drawing)
/// and then draws it once, inside synchronized output, written in one go. `clear` first
/// clears the screen (Ctrl-L, a resize) inside the same synchronized update.
fn draw<B>(terminal: &mut Terminal<B>, app: &mut App, clear: bool) -> Result<(), LoopError>
where
    B: FrameOutput,
    B::Error: std::error::Error + Send + Sync + 'static,
{
    // The size the frame will be drawn at (a fixed viewport keeps its own).
    terminal.autoresize().map_err(backend_error)?;
    let area = terminal.get_frame().area();
    let viewport = views::layout(app, app.keymap(), area);
    app.set_viewport(&viewport);
    terminal.backend_mut().begin_frame()?;
    if clear {
        // Not `Terminal::clear`: it asks the terminal where its cursor is and waits for the
        // answer, a round trip over SSH. Clearing the screen and forgetting the last frame (both
        // buffers blank after the swap) makes the next draw repaint everything.
        terminal
            .backend_mut()
            .clear_region(ClearType::All)
            .map_err(backend_error)?;
        terminal.swap_buffers();
    }
    // `Terminal::draw`'s steps (ratatui documents them for drawing by hand), with the diff
    // left to a backend that knows what the terminal shows: the lean backend compares the
    // frame with its shadow and looks at the width only of cells that changed.
    let mut frame = terminal.get_frame();
    views::render(app, app.keymap(), &viewport, &mut frame);
    let next = std::mem::take(terminal.current_buffer_mut());
    let drawn = terminal.backend_mut().draw_frame(&next);
    *terminal.current_buffer_mut() = next;
    match drawn {
        Some(result) => result.map_err(backend_error)?,
        None => terminal.flush().map_err(backend_error)?,
    }
    terminal.hide_cursor().map_err(backend_error)?;
    terminal.swap_buffers();
    Backend::flush(terminal.backend_mut()).map_err(backend_error)?;
    terminal.backend_mut().end_frame()?;
    Ok(())
}
