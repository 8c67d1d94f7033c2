//! The terminal interface: terminal guard and signals, event loop, app state, keymaps, views.
//!
//! Data flows one way: terminal event → [`keymap::Keymap::resolve`] → [`app::App::update`] →
//! [`app::Effect`]s performed by the [`event_loop`] → [`views::render`] of the app.

pub mod action;
pub mod app;
pub mod event_loop;
pub mod finder;
mod frame_writer;
pub mod history;
pub mod keymap;
pub mod lookup_io;
pub mod source;
pub mod terminal;
pub mod theme;
pub mod tree_model;
pub mod views;
pub mod widgets;

use std::sync::Arc;

use keymap::Keymap;
use source::PlanSource;

use crate::store::{Actor, Store};

/// Runs the interactive UI on `store` with `keymap` until the user quits; `actor` is shown in
/// the top bar. On SIGHUP/SIGTERM/SIGINT the store is flushed, the terminal restored and the
/// process exits (see [`terminal`]).
pub fn run(store: Store, keymap: Keymap, actor: Actor) -> anyhow::Result<()> {
    let store = Arc::new(store);
    let for_signals = Arc::clone(&store);
    let user = match &actor.ssh_client {
        Some(client) => format!("{} ({client})", actor.login),
        None => actor.login.clone(),
    };
    run_with(&store, &keymap, user, move || {
        // Nothing useful can be done with an error while the process is going down.
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
    let mut app = event_loop::start_app(source, user)?;
    terminal::spawn_signal_thread(shutdown)?;
    let guard = terminal::TerminalGuard::enter()?;
    let result = event_loop::run_loop(&mut app, keymap, source);
    drop(guard);
    result
}
