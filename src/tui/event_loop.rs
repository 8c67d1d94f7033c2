//! The event loop: block on the next terminal event, drain whatever else is queued, turn keys
//! into actions through the keymap, let the app update, perform its effects, and draw once per
//! burst — only when something changed. While analys text is unsaved the loop waits with a
//! timeout, so a draft is written a moment after typing stops; otherwise it blocks (never a
//! busy loop).

use std::collections::VecDeque;
use std::io;
use std::time::{Duration, Instant};

use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use crossterm::{queue, terminal};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use super::app::{App, CouncilYears, Effect};
use super::edit::drafts::LiveDraft;
use super::frame_writer::{CommitHandle, FrameWriter};
use super::keymap::{Context, Keymap};
use super::lean_backend::LeanBackend;
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
    // Text typed in an earlier session that never got saved is offered back in place.
    match source.drafts() {
        Ok(drafts) if !drafts.is_empty() => {
            let effects = app.offer_drafts(drafts);
            perform(&mut app, source, effects);
        }
        Ok(_) => {}
        Err(error) => app.report_error(format!("Kunde inte läsa utkast: {error}")),
    }
    Ok(app)
}

/// How long typing must pause before the text is kept as a draft.
pub const DRAFT_IDLE: Duration = Duration::from_secs(1);

/// Performs `effects` (and those their results lead to) as the loop does; returns whether
/// one asked to quit. For tests that drive the app without a terminal.
pub fn perform_effects(app: &mut App, source: &impl PlanSource, effects: Vec<Effect>) -> bool {
    perform(app, source, effects).quit
}

/// Performs the data effects (loads, saves, drafts); returns the terminal ones for the caller.
fn perform(app: &mut App, source: &impl PlanSource, effects: Vec<Effect>) -> Outcome {
    let mut outcome = Outcome::default();
    let mut queue = VecDeque::from(effects);
    while let Some(effect) = queue.pop_front() {
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
            Effect::Apply { change, kind } => {
                let result = source
                    .apply_change(&change)
                    .map(|entry| (entry, source.describe_change(&change)))
                    .map_err(|error| error.to_string());
                queue.extend(app.change_applied(&change, kind, result));
            }
            Effect::SaveDraft { key, text } => match source.save_draft(&key, &text) {
                Ok(()) => app.draft_stored(&key, &text),
                Err(error) => app.report_error(format!("Kunde inte spara utkastet: {error}")),
            },
            Effect::DiscardDraft { key } => {
                if let Err(error) = source.discard_draft(&key) {
                    app.report_error(format!("Kunde inte ta bort utkastet: {error}"));
                }
            }
        }
    }
    outcome
}

/// Runs until the user quits. The terminal must already be in application mode.
pub fn run_loop(app: &mut App, keymap: &Keymap, source: &impl PlanSource) -> anyhow::Result<()> {
    run_loop_with_drafts(app, keymap, source, &LiveDraft::default())
}

/// [`run_loop`], keeping `live` current with the unsaved analys text after every burst of
/// keys, for the signal thread to save on SIGHUP/SIGTERM.
pub fn run_loop_with_drafts(
    app: &mut App,
    keymap: &Keymap,
    source: &impl PlanSource,
    live: &LiveDraft,
) -> anyhow::Result<()> {
    let (writer, commit) = FrameWriter::new(io::stdout());
    let mut terminal = Terminal::new(LeanBackend::new(CrosstermBackend::new(writer)))?;
    terminal.clear()?;
    commit.commit(terminal.backend_mut())?;
    let mut needs_draw = true;
    let mut draft_due: Option<Instant> = None;
    live.set(app.live_draft());
    loop {
        if needs_draw {
            draw(&mut terminal, &commit, app, keymap)?;
        }
        let first = match draft_due {
            Some(due) => {
                let wait = due.saturating_duration_since(Instant::now());
                if event::poll(wait)? {
                    Some(event::read()?)
                } else {
                    None
                }
            }
            None => Some(event::read()?),
        };
        let Some(first) = first else {
            // Typing stopped a moment ago: keep the text as a draft.
            draft_due = None;
            if let Some((key, text)) = app.live_draft() {
                perform(app, source, vec![Effect::SaveDraft { key, text }]);
            }
            // The top bar now says the text is kept as a draft.
            needs_draw = true;
            continue;
        };
        let mut outcome = handle(first, app, keymap, source);
        // Typed-ahead keys cost one frame, not one each.
        while !outcome.quit && event::poll(Duration::ZERO)? {
            let next = handle(event::read()?, app, keymap, source);
            outcome.redraw |= next.redraw;
            outcome.clear |= next.clear;
            outcome.quit |= next.quit;
        }
        if app.take_text_edited() {
            draft_due = Some(Instant::now() + DRAFT_IDLE);
        }
        live.set(app.live_draft());
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
            let context = app.context();
            let effects = match keymap.resolve(context, &key) {
                Some(action) => app.update(action),
                // In a text field a key no binding claims is text.
                None => match key.code {
                    KeyCode::Char(c)
                        if context.takes_text()
                            && !key
                                .modifiers
                                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
                    {
                        // The finder takes text itself; editors and forms go through review.
                        if context == Context::Finder {
                            app.insert_text(&c.to_string())
                        } else {
                            app.type_char(c)
                        }
                    }
                    _ => return Outcome::default(),
                },
            };
            let mut outcome = perform(app, source, effects);
            outcome.redraw = true;
            outcome
        }
        // Bracketed paste inserts into the open editor or field; it never submits.
        Event::Paste(text) => {
            app.paste(&text);
            Outcome {
                redraw: true,
                ..Outcome::default()
            }
        }
        Event::Resize(..) => Outcome {
            redraw: true,
            clear: true,
            quit: false,
        },
        // Focus and mouse events change nothing.
        _ => Outcome::default(),
    }
}

/// Draws one frame inside synchronized output and writes it in one go.
fn draw(
    terminal: &mut Terminal<LeanBackend<CrosstermBackend<FrameWriter<io::Stdout>>>>,
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
        let scroll = |app: &App| {
            (
                (app.tree_offset(), app.detail_scroll(), app.help_scroll()),
                app.finder().map(|finder| finder.offset()),
                app.history().map(|history| history.offset()),
            )
        };
        let before = scroll(app);
        app.set_viewport(viewport);
        // The first frame at a new size (or of a table whose rows just arrived, as the
        // Historik table after its «Läser …» frame) may have been drawn with stale scroll
        // limits.
        if before != scroll(app) {
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
