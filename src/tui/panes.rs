//! The user's pane layout — how many columns wider (or narrower) than its default the goal
//! tree was made with the width keys — remembered across restarts. It is the user's, not the
//! database's, so it is one small versioned JSON file beside the position files in the
//! user's XDG state dir (`$XDG_STATE_HOME/malkoll/panes.json`), written atomically when
//! malkoll quits or is hung up on, and only by a session that changed it. Without the file
//! (an earlier malkoll, a first start) the panes have their default widths.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

use super::position::{PositionFile, write_atomically};

/// The remembered layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Panes {
    /// Columns added to the tree's default width (negative: taken from it); the view keeps
    /// the result within what the terminal allows.
    pub tree_width: i16,
}

/// The file's record: versioned, so a later malkoll can read (and migrate) this one and this
/// one ignores a newer one instead of misreading it.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "version")]
enum PanesRecord {
    #[serde(rename = "1")]
    V1 { tree_width: i16 },
}

/// The file holding one user's pane layout.
#[derive(Debug, Clone)]
pub struct PanesFile {
    path: PathBuf,
}

impl PanesFile {
    pub fn at(path: PathBuf) -> Self {
        PanesFile { path }
    }

    /// The file in the same directory as the user's position files.
    pub fn beside(positions: &PositionFile) -> Self {
        let dir = positions.path().parent().unwrap_or(Path::new("."));
        PanesFile::at(dir.join("panes.json"))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The layout last saved; `None` when there is none or it cannot be read (the panes then
    /// start at their defaults, which is no reason to stop a start).
    pub fn load(&self) -> Option<Panes> {
        let text = std::fs::read_to_string(&self.path).ok()?;
        match serde_json::from_str::<PanesRecord>(&text).ok()? {
            PanesRecord::V1 { tree_width } => Some(Panes { tree_width }),
        }
    }

    /// Saves `panes` atomically (a temporary file renamed over the old one).
    pub fn save(&self, panes: &Panes) -> io::Result<()> {
        let record = PanesRecord::V1 {
            tree_width: panes.tree_width,
        };
        write_atomically(&self.path, &serde_json::to_string(&record)?)
    }
}

/// The layout the loop keeps current after every burst of input when the user changed it,
/// for quitting and for the signal thread to save.
#[derive(Debug, Clone, Default)]
pub struct LivePanes(Arc<Mutex<Option<Panes>>>);

impl LivePanes {
    pub fn set(&self, panes: Option<Panes>) {
        // A poisoned lock only means another thread panicked mid-write; the value is whole.
        *self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = panes;
    }

    pub fn get(&self) -> Option<Panes> {
        *self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saves_loads_and_sits_beside_the_position_files() {
        let dir = tempfile::tempdir().expect("temp dir");
        let positions = PositionFile::at(dir.path().join("state").join("position-1.json"));
        let file = PanesFile::beside(&positions);
        assert_eq!(file.path(), dir.path().join("state").join("panes.json"));
        assert_eq!(file.load(), None, "no file: the defaults");
        file.save(&Panes { tree_width: -8 }).expect("saved");
        assert_eq!(file.load(), Some(Panes { tree_width: -8 }));
        file.save(&Panes { tree_width: 12 }).expect("saved again");
        assert_eq!(file.load(), Some(Panes { tree_width: 12 }));
        assert_eq!(
            std::fs::read_to_string(file.path()).expect("read"),
            "{\"version\":\"1\",\"tree_width\":12}"
        );
    }

    #[test]
    fn a_damaged_or_newer_file_is_no_layout() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = PanesFile::at(dir.path().join("panes.json"));
        for text in [
            "{\"version\":\"1\",\"tree_width\":",
            "{\"version\":\"2\",\"tree_width\":4}",
            "{\"version\":\"1\",\"tree_width\":99999}",
            "",
        ] {
            std::fs::write(file.path(), text).expect("write");
            assert_eq!(file.load(), None, "{text}");
        }
    }
}
