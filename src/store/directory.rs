//! The database directory before and around sled: refuses a directory that is not (or no
//! longer) a malkoll database, creates a new one private (0700, files 0600), moves an
//! incomplete sled snapshot aside, and measures free space before a write.
//!
//! sled 0.34 keeps `db` (its log), `conf`, `snap.<lsn>` snapshots and a `blobs/` folder. A
//! snapshot is first written as `snap.<lsn>.generating` and renamed when done; a process that
//! dies (or a disk that fills) in between leaves the `.generating` file behind, and sled then
//! refuses to open ("corrupt") — upstream issue 1527. Such a file is only ever incomplete, so
//! moving it to `recovered/` loses nothing: sled rebuilds its snapshot from the log.

use std::path::{Path, PathBuf};

use super::StoreError;

/// sled's log: a directory without it is not an openable database.
pub const SLED_LOG: &str = "db";
/// Where incomplete snapshot files are moved to.
pub const RECOVERED_DIR: &str = "recovered";
/// Where the automatic JSON backups live.
pub const BACKUP_DIR: &str = "backups";

/// Writes are refused below this much free space: a sled log segment is 512 KiB, a flush
/// may write a new snapshot of the page table, and a plan year's put writes a few MB.
pub const FREE_SPACE_MARGIN_BYTES: u64 = 32 * 1024 * 1024;

/// Files malkoll itself keeps beside sled's; they alone do not make a directory a database.
const OWN_FILES: &[&str] = &[
    "malkoll.lock.json",
    super::seal::SEAL_FILE,
    super::seal::SEAL_TEMPORARY,
    "search-names.tsv",
    "search-names.tsv.tmp",
    BACKUP_DIR,
    RECOVERED_DIR,
    // The service's (src/service): its socket, the log of a service started for a user
    // (written before the service opens the database), and the access rules.
    "malkoll.sock",
    "serve.log",
    "access.toml",
];

/// What `prepare` found and did, for the user to be told.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Prepared {
    /// The directory had no database yet; a new one will be created.
    pub is_new: bool,
    /// Incomplete snapshot files moved to `recovered/`, with their new paths.
    pub moved_aside: Vec<PathBuf>,
}

/// Checks `dir` before sled opens it: creates it private if missing, refuses a directory
/// whose `db` is gone or that holds unrelated files, moves incomplete snapshots aside.
pub fn prepare(dir: &Path) -> Result<Prepared, StoreError> {
    if !dir.exists() {
        create_private_dir(dir)?;
        return Ok(Prepared {
            is_new: true,
            moved_aside: Vec::new(),
        });
    }
    if !dir.is_dir() {
        return Err(StoreError::NotADatabase {
            path: dir.to_path_buf(),
            reason: "det är en fil, inte en katalog".to_owned(),
        });
    }
    let names = entry_names(dir)?;
    let has_log = names.iter().any(|name| name == SLED_LOG);
    let sled_files: Vec<&String> = names
        .iter()
        .filter(|name| is_sled_file(name) && name.as_str() != SLED_LOG)
        .collect();
    let foreign: Vec<&String> = names
        .iter()
        .filter(|name| !is_sled_file(name) && !OWN_FILES.contains(&name.as_str()))
        .collect();
    if !has_log && !sled_files.is_empty() {
        return Err(StoreError::LogMissing(dir.to_path_buf()));
    }
    if !has_log && !foreign.is_empty() {
        return Err(StoreError::NotADatabase {
            path: dir.to_path_buf(),
            reason: format!(
                "katalogen innehåller andra filer ({})",
                foreign
                    .iter()
                    .take(3)
                    .map(|name| name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        });
    }
    let moved_aside = move_incomplete_snapshots(dir, &names)?;
    tighten(dir);
    Ok(Prepared {
        is_new: !has_log,
        moved_aside,
    })
}

fn entry_names(dir: &Path) -> Result<Vec<String>, StoreError> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        names.push(entry?.file_name().to_string_lossy().into_owned());
    }
    names.sort();
    Ok(names)
}

fn is_sled_file(name: &str) -> bool {
    name == SLED_LOG || name == "conf" || name == "blobs" || name.starts_with("snap.")
}

/// Creates `dir` (and missing parents) with mode 0700.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// Moves every `snap.*.generating` in `dir` into `dir/recovered/`.
fn move_incomplete_snapshots(dir: &Path, names: &[String]) -> Result<Vec<PathBuf>, StoreError> {
    let mut moved = Vec::new();
    for name in names
        .iter()
        .filter(|name| name.starts_with("snap.") && name.ends_with(".generating"))
    {
        let target_dir = dir.join(RECOVERED_DIR);
        create_private_dir(&target_dir)?;
        let stamp = jiff::Timestamp::now().as_second();
        let target = target_dir.join(format!("{name}.{stamp}"));
        std::fs::rename(dir.join(name), &target)?;
        moved.push(target);
    }
    Ok(moved)
}

/// Takes away what others may do with the directory and the files in it: new files get
/// 0600 by [`make_private`]; existing ones lose their "others" bits (group is left to the
/// site's access rules).
fn tighten(dir: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let strip = |path: &Path| {
            if let Ok(meta) = std::fs::symlink_metadata(path) {
                let mode = meta.permissions().mode();
                if mode & 0o007 != 0 && !meta.file_type().is_symlink() {
                    let _ = std::fs::set_permissions(
                        path,
                        std::fs::Permissions::from_mode(mode & !0o007),
                    );
                }
            }
        };
        strip(dir);
        if let Ok(entries) = std::fs::read_dir(dir) {
            for entry in entries.flatten() {
                strip(&entry.path());
            }
        }
    }
}

/// Sets a file malkoll wrote (or sled created in a new database) to 0600. Best effort.
pub fn make_private(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if path.is_file() {
            let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// After sled created a new database: its files private.
pub fn make_new_database_private(dir: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(dir.join("blobs"), std::fs::Permissions::from_mode(0o700));
    }
    make_private(&dir.join(SLED_LOG));
    make_private(&dir.join("conf"));
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            if entry.file_name().to_string_lossy().starts_with("snap.") {
                make_private(&entry.path());
            }
        }
    }
}

/// Free bytes for an unprivileged writer on the file system of `dir`.
pub fn free_space(dir: &Path) -> std::io::Result<u64> {
    fs2::available_space(dir)
}

/// Refuses a write when the file system of `dir` has less than the margin free.
pub fn check_free_space(dir: &Path) -> Result<(), StoreError> {
    match free_space(dir) {
        Ok(free) if free < FREE_SPACE_MARGIN_BYTES => Err(StoreError::DiskFull {
            path: dir.to_path_buf(),
            free,
        }),
        // A file system that cannot say (some network mounts) is not refused for that.
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_directory_is_created_private() {
        let temp = tempfile::tempdir().expect("temp dir");
        let dir = temp.path().join("ny/db");
        let prepared = prepare(&dir).expect("prepare");
        assert!(prepared.is_new);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&dir).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o700);
        }
    }

    #[test]
    fn the_services_own_files_do_not_make_a_directory_foreign() {
        // The first client starts the service, whose log is written before it opens sled.
        let temp = tempfile::tempdir().expect("temp dir");
        std::fs::write(temp.path().join("serve.log"), b"x").expect("write");
        std::fs::write(temp.path().join("access.toml"), b"").expect("write");
        let prepared = prepare(temp.path()).expect("a new database beside the service's files");
        assert!(prepared.is_new);
    }

    #[test]
    fn unrelated_files_are_refused() {
        let temp = tempfile::tempdir().expect("temp dir");
        std::fs::write(temp.path().join("semester.jpg"), b"x").expect("write");
        let error = prepare(temp.path()).expect_err("not a database");
        assert!(matches!(error, StoreError::NotADatabase { .. }), "{error}");
        assert!(error.to_string().contains("semester.jpg"), "{error}");
    }

    #[test]
    fn a_database_without_its_log_is_refused() {
        let temp = tempfile::tempdir().expect("temp dir");
        std::fs::write(temp.path().join("conf"), b"x").expect("write");
        std::fs::write(temp.path().join("snap.0000000000001234"), b"x").expect("write");
        let error = prepare(temp.path()).expect_err("log missing");
        assert!(matches!(error, StoreError::LogMissing(_)), "{error}");
    }

    #[test]
    fn an_incomplete_snapshot_is_moved_aside() {
        let temp = tempfile::tempdir().expect("temp dir");
        std::fs::write(temp.path().join("db"), b"").expect("write");
        std::fs::write(temp.path().join("snap.00000000000042.generating"), b"half").expect("w");
        let prepared = prepare(temp.path()).expect("prepare");
        assert_eq!(prepared.moved_aside.len(), 1);
        assert!(!temp.path().join("snap.00000000000042.generating").exists());
        assert_eq!(
            std::fs::read(&prepared.moved_aside[0]).expect("moved file"),
            b"half"
        );
    }
}
