//! The seal (*sigill*) a process leaves on a database it closes knowing every record readable:
//! the record formats it reads and a hash of the files sled keeps the records in.
//!
//! Reading every record at open (*genomläsning*, [`super::verify`]) pages every node into
//! sled's cache, which keeps them: 40 MB of resident memory on the generated city, for a check
//! whose answer cannot have changed when nothing has written the files since. An open that
//! finds the files byte for byte as the seal says, read by the same formats, skips it. Any
//! other writer changes the hash — a raw sled tool, a restored backup, a crash after a write
//! (the seal is written at close), a disk that altered a byte — and a malkoll that reads other
//! formats has another signature: each of these makes the next open read every record again.
//!
//! sled rewrites parts of its log when it opens (free segments), so the seal is compared
//! before sled opens, with the files as the last process left them; and it hashes contents,
//! not modification times, which those rewrites change.

use std::io::Read;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3Default;

/// Beside the database, like the lock file; written through the temporary name.
pub(crate) const SEAL_FILE: &str = "malkoll.seal.json";
pub(crate) const SEAL_TEMPORARY: &str = "malkoll.seal.json.tmp";

/// What a checked database looked like when its last reader closed it.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub(crate) struct Seal {
    /// The record formats the sealing binary reads ([`super::verify::format_signature`]).
    pub format: String,
    /// The hash of sled's files ([`files_hash`]), in hex.
    pub files: String,
    /// Each file's length and modification time when sealed: while they are unchanged and
    /// were already old at sealing, the files need not be hashed again ([`Seal::holds`]).
    pub stats: Vec<FileStat>,
    /// RFC 3339 time of sealing.
    pub sealed: String,
}

/// A file's name (below the database), length and modification time in nanoseconds.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub(crate) struct FileStat {
    pub name: String,
    pub len: u64,
    pub modified_ns: i128,
}

/// A file modified this close to the sealing may be modified again within the same tick of
/// the file system's clock, unseen by its time (git's "racily clean" entries): such files
/// are hashed. Linux stamps files from a clock that ticks every 1–10 ms; a file system that
/// keeps whole seconds (no file time with a fraction) gets two seconds.
const RACY_WINDOW_NS: i128 = 100_000_000;
const RACY_WINDOW_WHOLE_SECONDS_NS: i128 = 2_000_000_000;

impl Seal {
    /// The seal for the database in `dir` as its files are now.
    pub(crate) fn of(dir: &Path, format: String) -> std::io::Result<Seal> {
        let files = sled_files(dir)?;
        Ok(Seal {
            format,
            files: files_hash(dir, &files)?,
            stats: file_stats(dir, &files),
            sealed: jiff::Timestamp::now().to_string(),
        })
    }

    /// The seal left beside the database, if there is a readable one.
    pub(crate) fn read(dir: &Path) -> Option<Seal> {
        let text = std::fs::read_to_string(dir.join(SEAL_FILE)).ok()?;
        serde_json::from_str(&text).ok()
    }

    /// Whether the database in `dir` is still what this seal says, read by `format`.
    ///
    /// Lengths and times the same as sealed, and older than the seal by more than a tick of
    /// the file clock, answer at once (a write would have moved the time); otherwise the
    /// files are hashed: tens of milliseconds for the generated city, before the first frame.
    pub(crate) fn holds(&self, dir: &Path, format: &str) -> bool {
        if self.format != format {
            return false;
        }
        let Ok(files) = sled_files(dir) else {
            return false;
        };
        if self.stats_hold(dir, &files) {
            return true;
        }
        files_hash(dir, &files).is_ok_and(|now| now == self.files)
    }

    fn stats_hold(&self, dir: &Path, files: &[PathBuf]) -> bool {
        let Ok(sealed) = self.sealed.parse::<jiff::Timestamp>() else {
            return false;
        };
        let whole_seconds = self
            .stats
            .iter()
            .all(|stat| stat.modified_ns % 1_000_000_000 == 0);
        let window = if whole_seconds {
            RACY_WINDOW_WHOLE_SECONDS_NS
        } else {
            RACY_WINDOW_NS
        };
        let old_enough = sealed.as_nanosecond() - window;
        !self.stats.is_empty()
            && self.stats.iter().all(|stat| stat.modified_ns < old_enough)
            && file_stats(dir, files) == self.stats
    }

    /// Writes the seal through a temporary file and a rename, so a crash leaves the old seal
    /// or the new one, never half of one.
    pub(crate) fn write(&self, dir: &Path) -> std::io::Result<()> {
        let json = serde_json::to_string_pretty(self).map_err(std::io::Error::other)?;
        let temporary = dir.join(SEAL_TEMPORARY);
        std::fs::write(&temporary, json)?;
        super::directory::make_private(&temporary);
        std::fs::rename(&temporary, dir.join(SEAL_FILE))
    }
}

/// Removes the seal: what this process found makes the next open read every record.
pub(crate) fn remove(dir: &Path) {
    let _ = std::fs::remove_file(dir.join(SEAL_FILE));
}

/// sled's files that hold records: the log, its configuration and the large values in
/// `blobs/`, each by name, in name order. Not the page-table snapshots (`snap.*`): sled writes
/// them on its own schedule, also while opening and on a thread of its own, and rebuilds them
/// from the log, so they hold no record of their own.
fn sled_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = vec![dir.join("db"), dir.join("conf")];
    let blobs = dir.join("blobs");
    if blobs.is_dir() {
        let mut values: Vec<PathBuf> = std::fs::read_dir(&blobs)?
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .collect();
        values.sort();
        files.extend(values);
    }
    Ok(files)
}

/// Each file's length and modification time; a file that cannot be read has none, so a
/// seal with it never holds by its times.
fn file_stats(dir: &Path, files: &[PathBuf]) -> Vec<FileStat> {
    files
        .iter()
        .filter_map(|path| {
            let metadata = std::fs::metadata(path).ok()?;
            let modified = metadata.modified().ok()?;
            let modified = jiff::Timestamp::try_from(modified).ok()?;
            Some(FileStat {
                name: path
                    .strip_prefix(dir)
                    .unwrap_or(path)
                    .to_string_lossy()
                    .into(),
                len: metadata.len(),
                modified_ns: modified.as_nanosecond(),
            })
        })
        .collect()
}

/// One hash over every sled file's name, length and bytes, read in fixed-size pieces so the
/// files pass through the kernel's cache, not this process's memory.
fn files_hash(dir: &Path, files: &[PathBuf]) -> std::io::Result<String> {
    let mut hasher = Xxh3Default::new();
    let mut piece = vec![0u8; 256 * 1024];
    for path in files {
        let name = path.strip_prefix(dir).unwrap_or(path);
        hasher.update(name.to_string_lossy().as_bytes());
        let Ok(mut file) = std::fs::File::open(path) else {
            // A missing configuration is sled's to report; a missing log was refused earlier.
            hasher.update(b"\0absent");
            continue;
        };
        let mut length: u64 = 0;
        loop {
            let read = file.read(&mut piece)?;
            if read == 0 {
                break;
            }
            hasher.update(&piece[..read]);
            length += read as u64;
        }
        hasher.update(&length.to_le_bytes());
    }
    Ok(format!("{:016x}", hasher.digest()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn database() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("db"), b"log").expect("db");
        std::fs::write(dir.path().join("conf"), b"conf").expect("conf");
        std::fs::create_dir(dir.path().join("blobs")).expect("blobs");
        std::fs::write(dir.path().join("blobs").join("17"), b"value").expect("blob");
        dir
    }

    #[test]
    fn a_seal_holds_until_a_byte_a_file_or_the_format_changes() {
        let dir = database();
        let seal = Seal::of(dir.path(), "f1".to_owned()).expect("seal");
        seal.write(dir.path()).expect("write");
        let read = Seal::read(dir.path()).expect("read back");
        assert_eq!(read, seal);
        assert!(read.holds(dir.path(), "f1"));
        assert!(!read.holds(dir.path(), "f2"), "another format");

        std::fs::write(dir.path().join("blobs").join("17"), b"valuf").expect("blob");
        assert!(!read.holds(dir.path(), "f1"), "a changed large value");
        std::fs::write(dir.path().join("blobs").join("17"), b"value").expect("blob");
        assert!(read.holds(dir.path(), "f1"), "the same bytes again");

        std::fs::write(dir.path().join("snap.0001"), b"s").expect("snapshot");
        assert!(
            read.holds(dir.path(), "f1"),
            "a snapshot is sled's own index"
        );
        std::fs::write(dir.path().join("blobs").join("18"), b"v").expect("blob");
        assert!(!read.holds(dir.path(), "f1"), "a new large value");
        std::fs::remove_file(dir.path().join("blobs").join("18")).expect("remove");

        std::fs::write(dir.path().join("db"), b"logg").expect("db");
        assert!(!read.holds(dir.path(), "f1"), "a longer log");
        remove(dir.path());
        assert_eq!(Seal::read(dir.path()), None);
    }

    fn set_time(path: &Path, time: std::time::SystemTime) {
        std::fs::File::options()
            .write(true)
            .open(path)
            .expect("open")
            .set_modified(time)
            .expect("set time");
    }

    #[test]
    fn times_answer_for_files_older_than_the_racy_window_and_bytes_otherwise() {
        let dir = database();
        let files = ["db", "conf", "blobs/17"].map(|name| dir.path().join(name));
        let long_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
        for file in &files {
            set_time(file, long_ago);
        }
        let seal = Seal::of(dir.path(), "f1".to_owned()).expect("seal");
        // Other bytes of the same length under the same time: the times vouch, as a write
        // through any program moves them.
        std::fs::write(&files[0], b"lug").expect("db");
        set_time(&files[0], long_ago);
        assert!(seal.holds(dir.path(), "f1"));
        // Sealed within a tick of the last write, the times do not vouch: the bytes decide.
        let mut racy = seal.clone();
        let written = jiff::Timestamp::try_from(long_ago).expect("time");
        racy.sealed = (written + jiff::SignedDuration::from_millis(20)).to_string();
        assert!(!racy.holds(dir.path(), "f1"));
        std::fs::write(&files[0], b"log").expect("db");
        assert!(racy.holds(dir.path(), "f1"), "the sealed bytes again");
    }

    #[test]
    fn an_unreadable_seal_is_no_seal() {
        let dir = database();
        std::fs::write(dir.path().join(SEAL_FILE), b"{ not json").expect("write");
        assert_eq!(Seal::read(dir.path()), None);
    }
}
