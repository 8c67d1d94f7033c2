//! The event loop: block on the next terminal event, drain whatever else is queued, turn keys
//! into actions through the keymap, let the app update, perform its effects, and draw once per
//! burst — only when something changed.

use std::io;
use std::time::Duration;

use crossterm::event::{self, Event, KeyEventKind};
use crossterm::{queue, terminal};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use super::app::{App, CouncilYears, Effect};
use super::frame_writer::{CommitHandle, FrameWriter};
use super::keymap::Keymap;
use super::source::PlanSource;
use super::views;

/// What one event asks of the loop.
#[derive(Debug, Default)]
struct Outcome {
    redraw: bool,
    clear: bool,
    quit: bool,
}

/// Builds the app from `source`, loading the first screen.
pub fn start_app(source: &impl PlanSource, user: String) -> anyhow::Result<App> {
    let councils = source
        .councils()?
        .into_iter()
        .map(|council| {
            let years = source.years(&council.id)?;
            Ok(CouncilYears { council, years })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let (mut app, effects) = App::new(councils, user);
    perform(&mut app, source, effects);
    Ok(app)
}

/// Performs the data effects (loads); returns the terminal ones for the caller.
fn perform(app: &mut App, source: &impl PlanSource, effects: Vec<Effect>) -> Outcome {
    let mut outcome = Outcome::default();
    for effect in effects {
        match effect {
            Effect::LoadPlan { council, year } => {
                let result = source
                    .plan_year(&council, year)
                    .map_err(|error| error.to_string());
                app.plan_loaded(&council, year, result);
            }
            Effect::ClearScreen => outcome.clear = true,
            Effect::BuildSearchIndex
            | Effect::LoadHistory { .. }
            | Effect::ApplySeriesLink { .. } => {
                let more = super::lookup_io::perform(app, source, effect);
                let next = perform(app, source, more);
                outcome.clear |= next.clear;
                outcome.quit |= next.quit;
            }
            Effect::Quit => outcome.quit = true,
        }
    }
    outcome
}

/// Runs until the user quits. The terminal must already be in application mode.
pub fn run_loop(app: &mut App, keymap: &Keymap, source: &impl PlanSource) -> anyhow::Result<()> {
    let (writer, commit) = FrameWriter::new(io::stdout());
    let mut terminal = Terminal::new(CrosstermBackend::new(writer))?;
    terminal.clear()?;
    commit.commit(terminal.backend_mut())?;
    let mut needs_draw = true;
    loop {
        if needs_draw {
            draw(&mut terminal, &commit, app, keymap)?;
        }
        let mut outcome = handle(event::read()?, app, keymap, source);
        // Typed-ahead keys cost one frame, not one each.
        while !outcome.quit && event::poll(Duration::ZERO)? {
            let next = handle(event::read()?, app, keymap, source);
            outcome.redraw |= next.redraw;
            outcome.clear |= next.clear;
            outcome.quit |= next.quit;
        }
        if outcome.quit {
            return Ok(());
        }
        if outcome.clear {
            // Cleared inside the next frame's synchronized update, not shown on its own.
            queue!(terminal.backend_mut(), terminal::BeginSynchronizedUpdate)?;
            terminal.clear()?;
        }
        needs_draw = outcome.redraw || outcome.clear;
    }
}

fn handle(event: Event, app: &mut App, keymap: &Keymap, source: &impl PlanSource) -> Outcome {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => {
            match keymap.resolve(app.context(), &key) {
                Some(action) => {
                    let effects = app.update(action);
                    let mut outcome = perform(app, source, effects);
                    outcome.redraw = true;
                    outcome
                }
                None => match super::lookup_io::typed_text(app.context(), &key) {
                    Some(text) => {
                        let effects = app.insert_text(&text);
                        let mut outcome = perform(app, source, effects);
                        outcome.redraw = true;
                        outcome
                    }
                    None => Outcome::default(),
                },
            }
        }
        Event::Resize(..) => Outcome {
            redraw: true,
            clear: true,
            quit: false,
        },
        // Paste is ignored until there are editors; focus and mouse events change nothing.
        _ => Outcome::default(),
    }
}

/// Draws one frame inside synchronized output and writes it in one go.
fn draw(
    terminal: &mut Terminal<CrosstermBackend<FrameWriter<io::Stdout>>>,
    commit: &CommitHandle,
    app: &mut App,
    keymap: &Keymap,
) -> anyhow::Result<()> {
    queue!(terminal.backend_mut(), terminal::BeginSynchronizedUpdate)?;
    let mut viewport = None;
    terminal.draw(|frame| viewport = Some(views::render(app, keymap, frame)))?;
    queue!(terminal.backend_mut(), terminal::EndSynchronizedUpdate)?;
    commit.commit(terminal.backend_mut())?;
    if let Some(viewport) = viewport {
        let before = (app.tree_offset(), app.detail_scroll(), app.help_scroll());
        app.set_viewport(viewport);
        // The first frame at a new size may have been drawn with stale scroll limits.
        if before != (app.tree_offset(), app.detail_scroll(), app.help_scroll()) {
            queue!(terminal.backend_mut(), terminal::BeginSynchronizedUpdate)?;
            terminal.draw(|frame| {
                views::render(app, keymap, frame);
            })?;
            queue!(terminal.backend_mut(), terminal::EndSynchronizedUpdate)?;
            commit.commit(terminal.backend_mut())?;
        }
    }
    Ok(())
}
