//! "Where was I" (*var var jag*): the council, year, period and node a user last looked at,
//! kept per user and database in a small versioned JSON file in the user's XDG state dir
//! (`$XDG_STATE_HOME/malkoll/`), written atomically (a temporary file renamed over the old one)
//! when malkoll quits or is hung up on, and read on the next start.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

use crate::domain::{NodeId, Period};

/// A place in the plans: what [`super::app::App::position`] reports and a start goes back to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    pub council: String,
    pub year: u16,
    pub period: Period,
    /// The goal, indicator or activity selected (`None`: an empty year).
    pub node: Option<NodeId>,
}

/// The file's record: versioned, so a later malkoll can read (and migrate) an older one and
/// an older one ignores a newer one instead of misreading it.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "version")]
enum PositionRecord {
    #[serde(rename = "1")]
    V1 {
        council: String,
        year: u16,
        /// [`Period::ordinal`].
        period: u8,
        node: Option<NodeId>,
    },
}

impl From<&Position> for PositionRecord {
    fn from(position: &Position) -> Self {
        PositionRecord::V1 {
            council: position.council.clone(),
            year: position.year,
            period: position.period.ordinal(),
            node: position.node,
        }
    }
}

impl PositionRecord {
    fn into_position(self) -> Option<Position> {
        match self {
            PositionRecord::V1 {
                council,
                year,
                period,
                node,
            } => Some(Position {
                council,
                year,
                period: Period::from_ordinal(period)?,
                node,
            }),
        }
    }
}

/// The file holding one user's position in one database.
#[derive(Debug, Clone)]
pub struct PositionFile {
    path: PathBuf,
}

impl PositionFile {
    pub fn at(path: PathBuf) -> Self {
        PositionFile { path }
    }

    /// The file for the database at `db` in the user's state dir; `None` without a home.
    pub fn for_database(db: &Path) -> Option<Self> {
        let dir = dirs::state_dir()?.join("malkoll");
        let db = std::fs::canonicalize(db).unwrap_or_else(|_| db.to_path_buf());
        Some(PositionFile::at(dir.join(format!(
            "position-{:016x}.json",
            fnv1a(&db.to_string_lossy())
        ))))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The position last saved; `None` when there is none or it cannot be read (a damaged
    /// or newer file is not an error worth stopping a start for: the user starts at the top).
    pub fn load(&self) -> Option<Position> {
        let text = std::fs::read_to_string(&self.path).ok()?;
        serde_json::from_str::<PositionRecord>(&text)
            .ok()?
            .into_position()
    }

    /// Saves `position`: written to a temporary file beside it, synced, then renamed over the
    /// old one, so a crash leaves the old file or the new one, never half of one.
    pub fn save(&self, position: &Position) -> io::Result<()> {
        let text = serde_json::to_string(&PositionRecord::from(position))?;
        write_atomically(&self.path, &text)
    }
}

/// Writes `text` to a temporary file beside `path`, syncs it and renames it over `path`, so a
/// crash leaves the old file or the new one, never half of one.
pub(super) fn write_atomically(path: &Path, text: &str) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let temporary = path.with_extension(format!("json.{}.tmp", std::process::id()));
    let mut file = std::fs::File::create(&temporary)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    drop(file);
    std::fs::rename(&temporary, path)
}

/// FNV-1a: a stable name for a database path (std's hasher may change between releases).
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The position the loop keeps current after every burst of input, for quitting and for the
/// signal thread to save.
#[derive(Debug, Clone, Default)]
pub struct LivePosition(Arc<Mutex<Option<Position>>>);

impl LivePosition {
    pub fn set(&self, position: Option<Position>) {
        // A poisoned lock only means another thread panicked mid-write; the value is whole.
        *self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = position;
    }

    pub fn get(&self) -> Option<Position> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn here() -> Position {
        Position {
            council: "sodermalm".into(),
            year: 2020,
            period: Period::Tertial(1),
            node: Some(42),
        }
    }

    #[test]
    fn saves_and_loads_and_replaces() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = PositionFile::at(dir.path().join("state").join("position.json"));
        assert_eq!(file.load(), None);
        file.save(&here()).expect("saved");
        assert_eq!(file.load(), Some(here()));
        let there = Position {
            period: Period::Month(3),
            node: None,
            ..here()
        };
        file.save(&there).expect("saved again");
        assert_eq!(file.load(), Some(there));
        let left: Vec<_> = std::fs::read_dir(dir.path().join("state"))
            .expect("dir")
            .collect();
        assert_eq!(left.len(), 1, "no temporary file left behind");
    }

    #[test]
    fn a_damaged_or_newer_file_is_no_position() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = PositionFile::at(dir.path().join("position.json"));
        for text in [
            "{\"version\":\"1\",\"council\":",
            "{\"version\":\"9\",\"council\":\"x\"}",
            "{\"version\":\"1\",\"council\":\"x\",\"year\":2020,\"period\":200,\"node\":null}",
        ] {
            std::fs::write(file.path(), text).expect("write");
            assert_eq!(file.load(), None, "{text}");
        }
    }

    #[test]
    fn each_database_has_its_own_file() {
        let a = PositionFile::for_database(Path::new("/tmp/a/db"));
        let b = PositionFile::for_database(Path::new("/tmp/b/db"));
        if let (Some(a), Some(b)) = (a, b) {
            assert_ne!(a.path(), b.path());
        }
    }
}
