//! The service (*tjänsten*, DESIGN.md §6c): one process owns the database and serves every
//! interface and command on the host over a Unix socket beside it, so several controllers
//! can work at once.
//!
//! Modules: [`protocol`] (messages and frames), [`peer`] (who is connected, from the
//! socket), [`access`] (`access.toml`: who may write which council), [`versions`] (what
//! each save was read at: conflicts instead of lost updates), [`sessions`] (who is
//! connected, fan-out of changes), `handler` (one request against the store), [`server`]
//! (`malkoll serve`), [`client`] (what the interface and the commands use; starts the
//! service when none runs).

pub mod access;
pub mod client;
mod handler;
pub mod peer;
pub mod protocol;
pub mod server;
pub mod sessions;
pub mod versions;

use std::path::{Path, PathBuf};

pub use client::{Client, ClientError, RemoteUpdate};
pub use server::{ServeOptions, serve};

/// The socket's name in the database directory.
pub const SOCKET_FILE: &str = "malkoll.sock";

/// Where the service for the database in `db_dir` listens.
pub fn socket_path(db_dir: &Path) -> PathBuf {
    db_dir.join(SOCKET_FILE)
}

/// One line in the service's log (its standard error; a started service writes it to
/// `serve.log` beside the database). Text from clients is never copied in raw.
pub(crate) fn log(message: &str) {
    let clean: String = message.chars().filter(|c| !c.is_control()).collect();
    eprintln!("{} malkoll serve: {clean}", jiff::Timestamp::now());
}
