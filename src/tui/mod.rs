//! The terminal interface: terminal guard and signals, the one message loop and effect runner,
//! app state, keymaps, views.
//!
//! Data flows one way: terminal event → [`msg::Msg`] → [`app::App::update`] (keys resolved
//! through the keymap) → [`app::Effect`]s performed by the [`runner::EffectRunner`], whose
//! results come back as messages → a layout pass ([`views::layout`], sizes without drawing)
//! and [`views::render`] of the app, drawn once by the [`event_loop`]. What has the keyboard
//! and what is drawn over what is decided by one stack of [`screens`].

pub mod action;
pub mod app;
pub mod edit;
pub mod error;
pub mod event_loop;
pub mod events;
mod frame_writer;
pub mod keymap;
pub mod lean_backend;
pub mod msg;
pub mod panes;
pub mod position;
pub mod runner;
pub mod screens;
pub mod source;
pub mod terminal;
pub mod terminfo;
pub mod theme;
pub mod tree_model;
pub mod views;
pub mod widgets;

use std::sync::Arc;

use event_loop::{Live, Session, run as run_loop, terminal_backend};
use events::TerminalEvents;
use keymap::Keymap;
use panes::PanesFile;
use position::PositionFile;
use source::ActingStore;
use terminfo::Abilities;

use crate::store::{Actor, Store};

/// Runs the interactive UI on `store` with `keymap` until the user quits; `actor` is shown in
/// the top bar and recorded with every change. On SIGHUP/SIGTERM/SIGINT the analys or values
/// being typed are kept as a draft, the store is flushed, the terminal restored and the process
/// exits (see [`terminal`]).
pub fn run(store: Store, keymap: Keymap, actor: Actor) -> anyhow::Result<()> {
    let positions = PositionFile::for_database(store.path());
    let store = Arc::new(store);
    // Weak: the signal thread outlives the loop, and a strong handle would keep the store from
    // closing (flush, seal, lock file removed) when the user quits.
    let for_signals = Arc::downgrade(&store);
    let user = match &actor.ssh_client {
        Some(client) => format!("{} ({client})", actor.login),
        None => actor.login.clone(),
    };
    let source = ActingStore { store, actor };
    run_source(
        source,
        TerminalEvents,
        keymap,
        user,
        positions,
        move |draft| {
            let Some(store) = for_signals.upgrade() else {
                return;
            };
            // Nothing useful can be done with an error while the process is going down.
            if let Some((key, text)) = draft {
                let _ = store.save_draft(&key, &text);
            }
            // Flushed and sealed: the process exits without dropping the store.
            let _ = store.close();
        },
    )
}

/// Runs the interactive UI over any `source` (the store, or the service's client) with input
/// from `events` (the terminal, merged with the service's updates) until the user quits.
/// `user` is shown in the top bar; the position is restored from and saved to `positions`,
/// the pane layout to the [`PanesFile`] beside it. On SIGHUP/SIGTERM/SIGINT `on_signal` gets
/// the unsaved analys or value form (draft key, text), if any, to keep as a draft, before the
/// position and layout are saved and the process exits.
pub fn run_source<S: source::PlanSource, E: events::Events>(
    source: S,
    mut events: E,
    keymap: Keymap,
    user: String,
    positions: Option<PositionFile>,
    on_signal: impl Fn(Option<(String, String)>) + Send + 'static,
) -> anyhow::Result<()> {
    let start = positions.as_ref().and_then(PositionFile::load);
    let panes = positions.as_ref().map(PanesFile::beside);
    let live = Live::default();
    let live_for_signals = live.clone();
    let positions_for_signals = positions.clone();
    let panes_for_signals = panes.clone();
    let mut session = Session::start_at(source, user, keymap, start)?;
    if let Some(layout) = panes.as_ref().and_then(PanesFile::load) {
        session.app.restore_panes(layout);
    }
    terminal::spawn_signal_thread(move || {
        on_signal(live_for_signals.draft.get());
        if let (Some(file), Some(position)) =
            (&positions_for_signals, live_for_signals.position.get())
        {
            let _ = file.save(&position);
        }
        if let (Some(file), Some(layout)) = (&panes_for_signals, live_for_signals.panes.get()) {
            let _ = file.save(&layout);
        }
    })?;
    let guard = terminal::TerminalGuard::enter()?;
    let result = (|| {
        let mut terminal =
            ratatui::Terminal::new(terminal_backend(std::io::stdout(), Abilities::from_env()))?;
        run_loop(&mut terminal, &mut events, &mut session, &live)
    })();
    drop(guard);
    if let (Some(file), Some(position)) = (&positions, live.position.get())
        && let Err(error) = file.save(&position)
    {
        eprintln!(
            "malkoll: kunde inte spara var du var ({}): {error}",
            file.path().display()
        );
    }
    if let (Some(file), Some(layout)) = (&panes, live.panes.get())
        && let Err(error) = file.save(&layout)
    {
        eprintln!(
            "malkoll: kunde inte spara trädets bredd ({}): {error}",
            file.path().display()
        );
    }
    result.map(|_| ()).map_err(Into::into)
}
