//! The sessions connected to the service (*anslutna*) and the fan-out of applied changes to
//! the ones that show the council. A session whose outbox is full (a client that stopped
//! reading) is cut off rather than allowed to hold up the others.

use std::collections::BTreeMap;
use std::net::Shutdown;
use std::os::unix::net::UnixStream;
use std::sync::Mutex;
use std::sync::mpsc::{SyncSender, TrySendError};
use std::time::Instant;

use super::log;
use super::protocol::{AppliedChange, ServerMsg, SessionInfo};

/// Which updates a session wants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Watch {
    /// None (command-line clients).
    Nothing,
    All,
    Council(String),
}

struct Entry {
    info: SessionInfo,
    watch: Watch,
    outbox: SyncSender<ServerMsg>,
    /// Kept to cut a slow client off.
    stream: UnixStream,
}

/// Every connected session.
pub struct Sessions {
    entries: Mutex<BTreeMap<u64, Entry>>,
    /// When the last session left (or the service started).
    last_left: Mutex<Instant>,
}

impl Default for Sessions {
    fn default() -> Sessions {
        Sessions {
            entries: Mutex::new(BTreeMap::new()),
            last_left: Mutex::new(Instant::now()),
        }
    }
}

impl Sessions {
    pub fn add(&self, info: SessionInfo, outbox: SyncSender<ServerMsg>, stream: UnixStream) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.insert(
                info.session,
                Entry {
                    info,
                    watch: Watch::Nothing,
                    outbox,
                    stream,
                },
            );
        }
    }

    pub fn remove(&self, session: u64) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.remove(&session);
            if entries.is_empty()
                && let Ok(mut last) = self.last_left.lock()
            {
                *last = Instant::now();
            }
        }
    }

    pub fn watch(&self, session: u64, watch: Watch) {
        if let Ok(mut entries) = self.entries.lock()
            && let Some(entry) = entries.get_mut(&session)
        {
            entry.info.council = match &watch {
                Watch::Council(council) => Some(council.clone()),
                Watch::All | Watch::Nothing => None,
            };
            entry.watch = watch;
        }
    }

    pub fn list(&self) -> Vec<SessionInfo> {
        self.entries
            .lock()
            .map(|entries| entries.values().map(|e| e.info.clone()).collect())
            .unwrap_or_default()
    }

    /// How long no session has been connected; `None` while one is.
    pub fn idle_for(&self) -> Option<std::time::Duration> {
        let empty = self.entries.lock().map(|e| e.is_empty()).unwrap_or(false);
        if !empty {
            return None;
        }
        self.last_left.lock().ok().map(|last| last.elapsed())
    }

    /// Pushes `update` to every other session that shows its council.
    pub fn broadcast(&self, update: &AppliedChange, from: u64) {
        let Ok(mut entries) = self.entries.lock() else {
            return;
        };
        let mut gone = Vec::new();
        for (id, entry) in entries.iter() {
            let wanted = match &entry.watch {
                Watch::Nothing => false,
                Watch::All => true,
                Watch::Council(council) => *council == update.council,
            };
            if *id == from || !wanted {
                continue;
            }
            match entry.outbox.try_send(ServerMsg::Update(update.clone())) {
                Ok(()) => {}
                Err(TrySendError::Full(_)) => {
                    log(&format!(
                        "session {id} ({}) läser inte sina uppdateringar; kopplas bort",
                        entry.info.login
                    ));
                    let _ = entry.stream.shutdown(Shutdown::Both);
                    gone.push(*id);
                }
                Err(TrySendError::Disconnected(_)) => gone.push(*id),
            }
        }
        for id in gone {
            entries.remove(&id);
        }
    }
}
