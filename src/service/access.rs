//! Who may write what (*behörighet*): `access.toml` beside the database maps logins and
//! Unix groups to the councils they may change; everyone else reads. Without the file the
//! owner of the database directory writes every council and everyone else reads.
//!
//! ```toml
//! [users]
//! anna = ["sodermalm", "farsta"]
//! [groups]
//! controllers = ["*"]        # "*": every council
//! ```

use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use serde::Deserialize;

use super::peer::Peer;

/// The file's name in the database directory.
pub const ACCESS_FILE: &str = "access.toml";

/// Every council, in a list of councils.
pub const ALL: &str = "*";

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct AccessFile {
    #[serde(default)]
    users: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    groups: BTreeMap<String, Vec<String>>,
}

/// The rules in force.
#[derive(Debug)]
pub enum Access {
    /// No access file: the database directory's owner writes all.
    OwnerOnly { owner_uid: u32 },
    File {
        users: BTreeMap<String, Vec<String>>,
        groups: BTreeMap<String, Vec<String>>,
    },
}

/// A bad access file: the service does not start on one (failing open would let everyone
/// write, failing closed silently would puzzle everyone).
#[derive(Debug, thiserror::Error)]
#[error("behörighetsfilen {path} kan inte läsas: {message}")]
pub struct AccessError {
    pub path: PathBuf,
    pub message: String,
}

impl Access {
    /// Reads `access.toml` in `db_dir`, or the owner rule when there is none.
    pub fn load(db_dir: &Path) -> Result<Access, AccessError> {
        let path = db_dir.join(ACCESS_FILE);
        let error = |message: String| AccessError {
            path: path.clone(),
            message,
        };
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                let file: AccessFile = toml::from_str(&text).map_err(|e| error(e.to_string()))?;
                Ok(Access::File {
                    users: file.users,
                    groups: file.groups,
                })
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let owner_uid = std::fs::metadata(db_dir)
                    .map_err(|e| error(e.to_string()))?
                    .uid();
                Ok(Access::OwnerOnly { owner_uid })
            }
            Err(e) => Err(error(e.to_string())),
        }
    }

    /// The councils `peer` may change (`["*"]`: all; empty: reads only).
    pub fn writable(&self, peer: &Peer) -> Vec<String> {
        let mut councils: Vec<String> = match self {
            Access::OwnerOnly { owner_uid } if *owner_uid == peer.uid => vec![ALL.to_owned()],
            Access::OwnerOnly { .. } => Vec::new(),
            Access::File { users, groups } => users
                .get(&peer.login)
                .into_iter()
                .chain(peer.groups.iter().filter_map(|group| groups.get(group)))
                .flatten()
                .cloned()
                .collect(),
        };
        councils.sort();
        councils.dedup();
        if councils.iter().any(|council| council == ALL) {
            return vec![ALL.to_owned()];
        }
        councils
    }

    /// Whether `peer` may change `council`.
    pub fn may_write(&self, peer: &Peer, council: &str) -> bool {
        self.writable(peer)
            .iter()
            .any(|allowed| allowed == ALL || allowed == council)
    }
}

/// The rules as the file says now: read again whenever `access.toml` changes (or appears or
/// goes), so an edit takes effect without restarting the service. A file that became
/// unreadable leaves the previous rules in force, with a log line.
pub struct LiveAccess {
    db_dir: PathBuf,
    state: Mutex<(Option<SystemTime>, Arc<Access>)>,
}

fn stamp(db_dir: &Path) -> Option<SystemTime> {
    std::fs::metadata(db_dir.join(ACCESS_FILE))
        .and_then(|meta| meta.modified())
        .ok()
}

impl LiveAccess {
    /// Reads the rules at start; a bad file is an error (the service does not start).
    pub fn load(db_dir: &Path) -> Result<LiveAccess, AccessError> {
        let stamp = stamp(db_dir);
        let access = Access::load(db_dir)?;
        Ok(LiveAccess {
            db_dir: db_dir.to_path_buf(),
            state: Mutex::new((stamp, Arc::new(access))),
        })
    }

    /// The rules in force now.
    pub fn current(&self) -> Option<Arc<Access>> {
        let mut state = self.state.lock().ok()?;
        let now = stamp(&self.db_dir);
        if now != state.0 {
            state.0 = now;
            match Access::load(&self.db_dir) {
                Ok(access) => {
                    super::log("behörighetsfilen har ändrats; de nya reglerna gäller");
                    state.1 = Arc::new(access);
                }
                Err(error) => super::log(&format!("{error}; de tidigare reglerna gäller")),
            }
        }
        Some(Arc::clone(&state.1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn peer(uid: u32, login: &str, groups: &[&str]) -> Peer {
        Peer {
            uid,
            pid: 1,
            login: login.to_owned(),
            groups: groups.iter().map(|g| (*g).to_owned()).collect(),
        }
    }

    #[test]
    fn without_a_file_the_owner_writes_and_others_read() {
        let access = Access::OwnerOnly { owner_uid: 1000 };
        assert!(access.may_write(&peer(1000, "anna", &[]), "sodermalm"));
        assert!(!access.may_write(&peer(1001, "bertil", &[]), "sodermalm"));
    }

    #[test]
    fn logins_and_groups_name_councils() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(
            dir.path().join(ACCESS_FILE),
            "[users]\nanna = [\"sodermalm\"]\n[groups]\nstaben = [\"*\"]\n",
        )
        .expect("write");
        let access = Access::load(dir.path()).expect("loads");
        assert!(access.may_write(&peer(5, "anna", &[]), "sodermalm"));
        assert!(!access.may_write(&peer(5, "anna", &[]), "farsta"));
        assert!(access.may_write(&peer(6, "cecilia", &["staben"]), "farsta"));
        assert!(!access.may_write(&peer(7, "david", &["annat"]), "sodermalm"));
        assert_eq!(access.writable(&peer(6, "cecilia", &["staben"])), ["*"]);
    }

    #[test]
    fn an_unknown_key_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join(ACCESS_FILE), "[anvandare]\nanna = []\n").expect("write");
        let error = Access::load(dir.path()).expect_err("refused");
        assert!(error.to_string().contains("access.toml"), "{error}");
    }
}
