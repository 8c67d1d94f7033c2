//! Who holds the database. sled lets one process open a database; a second open fails with
//! "could not acquire lock". So that the second malkoll can say *who* holds it, the holder
//! writes `malkoll.lock.json` beside the database after opening and removes it on close. A
//! file left behind by a killed process is harmless: sled's own lock is released by the OS,
//! the next open succeeds and overwrites it.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The process holding a database.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct LockInfo {
    pub user: String,
    pub pid: u32,
    /// RFC 3339 time the holder opened the database.
    pub started: String,
    pub host: String,
}

const LOCK_FILE: &str = "malkoll.lock.json";

pub(crate) fn lock_file(dir: &Path) -> PathBuf {
    dir.join(LOCK_FILE)
}

impl LockInfo {
    /// This process, now.
    pub(crate) fn current(user: &str) -> LockInfo {
        LockInfo {
            user: user.to_owned(),
            pid: std::process::id(),
            started: jiff::Timestamp::now().to_string(),
            host: whoami::fallible::hostname().unwrap_or_default(),
        }
    }

    /// The holder recorded beside the database, if the file is there and readable.
    pub(crate) fn read(dir: &Path) -> Option<LockInfo> {
        let text = std::fs::read_to_string(lock_file(dir)).ok()?;
        serde_json::from_str(&text).ok()
    }

    /// Records this process as holder. Best effort: the lock itself is sled's; this file only
    /// improves the message another process shows.
    pub(crate) fn write(&self, dir: &Path) -> std::io::Result<()> {
        use std::io::Write;
        let json = serde_json::to_string_pretty(self).map_err(std::io::Error::other)?;
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let path = lock_file(dir);
        let mut file = options.open(&path)?;
        // A file left by an older malkoll keeps its mode on open: tighten it.
        super::directory::make_private(&path);
        file.write_all(json.as_bytes())
    }
}

/// Whether a sled open error means another process holds the database.
pub(crate) fn is_lock_conflict(error: &sled::Error) -> bool {
    match error {
        sled::Error::Io(io) => {
            io.kind() == std::io::ErrorKind::WouldBlock
                || io.to_string().contains("could not acquire lock")
        }
        _ => false,
    }
}

/// Removes the lock-info file if it still names this process.
pub(crate) fn release(dir: &Path) {
    if LockInfo::read(dir).is_some_and(|info| info.pid == std::process::id()) {
        // Nothing to do on failure: a stale file is overwritten by the next open.
        let _ = std::fs::remove_file(lock_file(dir));
    }
}
