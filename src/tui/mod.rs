//! The terminal interface: terminal guard and signals, event loop, app state, keymaps, views.
//!
//! Data flows one way: terminal event → [`keymap::Keymap::resolve`] → [`app::App::update`] →
//! [`app::Effect`]s performed by the [`event_loop`] → [`views::render`] of the app.

pub mod action;
pub mod app;
pub mod edit;
pub mod event_loop;
pub mod finder;
pub mod flags;
mod frame_writer;
pub mod history;
pub mod keymap;
pub mod lean_backend;
pub mod lookup_io;
pub mod source;
pub mod terminal;
pub mod theme;
pub mod tree_model;
pub mod views;
pub mod widgets;

use std::sync::Arc;

use edit::drafts::LiveDraft;
use keymap::Keymap;
use source::{ActingStore, PlanSource};

use crate::store::{Actor, Store};

/// Runs the interactive UI on `store` with `keymap` until the user quits; `actor` is shown in
/// the top bar and recorded with every change. On SIGHUP/SIGTERM/SIGINT the analys being
/// typed is kept as a draft, the store is flushed, the terminal restored and the process
/// exits (see [`terminal`]).
pub fn run(store: Store, keymap: Keymap, actor: Actor) -> anyhow::Result<()> {
    let store = Arc::new(store);
    let for_signals = Arc::clone(&store);
    let live = LiveDraft::default();
    let live_for_signals = live.clone();
    let user = match &actor.ssh_client {
        Some(client) => format!("{} ({client})", actor.login),
        None => actor.login.clone(),
    };
    let source = ActingStore { store, actor };
    run_with_drafts(&source, &keymap, user, &live, move || {
        // Nothing useful can be done with an error while the process is going down.
        if let Some((key, text)) = live_for_signals.get() {
            let _ = for_signals.save_draft(&key, &text);
        }
        let _ = for_signals.flush();
    })
}

/// Runs the interactive UI over `source` until the user quits. `user` is shown in the top
/// bar; `shutdown` runs on SIGHUP/SIGTERM/SIGINT before the process exits (flush the store).
pub fn run_with(
    source: &impl PlanSource,
    keymap: &Keymap,
    user: String,
    shutdown: impl Fn() + Send + 'static,
) -> anyhow::Result<()> {
    run_with_drafts(source, keymap, user, &LiveDraft::default(), shutdown)
}

/// [`run_with`], keeping `live` current with the unsaved analys text for `shutdown` to save.
pub fn run_with_drafts(
    source: &impl PlanSource,
    keymap: &Keymap,
    user: String,
    live: &LiveDraft,
    shutdown: impl Fn() + Send + 'static,
) -> anyhow::Result<()> {
    let mut app = event_loop::start_app(source, user)?;
    terminal::spawn_signal_thread(shutdown)?;
    let guard = terminal::TerminalGuard::enter()?;
    let result = event_loop::run_loop_with_drafts(&mut app, keymap, source, live);
    drop(guard);
    result
}
