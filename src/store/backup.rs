//! Automatic backups (*säkerhetskopior*) beside the database: every stored plan year in the
//! lossless `export json` format, in `backups/<time>-<reason>/`, taken before every import and
//! before the first write of a day, the newest [`KEEP`] kept. A backup counts only once its
//! `klar` file is written, last; `malkoll doctor --restore` reads the newest such backup.

use std::path::{Path, PathBuf};

use super::directory::{self, BACKUP_DIR};
use super::{Store, StoreError};
use crate::domain::PlanYear;
use crate::export::{plan_from_json, plan_to_json};

/// How many complete backups are kept.
pub const KEEP: usize = 10;
/// A backup is due when the newest is older than this.
const DAILY_SECONDS: i64 = 24 * 60 * 60;
/// Written last: its presence marks a complete backup; it holds the number of plan years.
const DONE_FILE: &str = "klar";

/// One complete backup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    pub path: PathBuf,
    /// How many plan years it holds.
    pub plans: usize,
}

/// Complete backups of the database in `db_dir`, newest first.
pub fn list(db_dir: &Path) -> Vec<Backup> {
    let Ok(entries) = std::fs::read_dir(db_dir.join(BACKUP_DIR)) else {
        return Vec::new();
    };
    let mut backups: Vec<Backup> = entries
        .flatten()
        .filter_map(|entry| {
            let path = entry.path();
            let done = std::fs::read_to_string(path.join(DONE_FILE)).ok()?;
            Some(Backup {
                plans: done.trim().parse().ok()?,
                path,
            })
        })
        .collect();
    // Names start with a sortable UTC time.
    backups.sort_by(|a, b| b.path.cmp(&a.path));
    backups
}

/// The plan years of a backup, every file parsed before any is returned.
pub fn read(backup: &Backup) -> Result<Vec<PlanYear>, StoreError> {
    let mut plans = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&backup.path)?
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    for file in files {
        let text = std::fs::read_to_string(&file)?;
        let plan = plan_from_json(&text).map_err(|error| StoreError::BundledData {
            file: file.display().to_string(),
            message: error.to_string(),
        })?;
        plans.push(plan);
    }
    if plans.len() != backup.plans {
        return Err(StoreError::Corrupt(format!(
            "säkerhetskopian {} ska ha {} planår men har {}",
            backup.path.display(),
            backup.plans,
            plans.len()
        )));
    }
    Ok(plans)
}

impl Store {
    /// Writes a backup of every plan year now; `reason` ends its folder name ("import").
    /// Refused on a database that cannot be fully read: a backup must be a good one.
    pub fn backup(&self, reason: &str) -> Result<Backup, StoreError> {
        if let Some(reason) = self.read_only_reason() {
            return Err(StoreError::ReadOnly(reason));
        }
        directory::check_free_space(&self.dir)?;
        let root = self.dir.join(BACKUP_DIR);
        directory::create_private_dir(&root)?;
        let stamp = jiff::Timestamp::now().strftime("%Y%m%dT%H%M%S%.3fZ");
        let path = root.join(format!("{stamp}-{reason}"));
        directory::create_private_dir(&path)?;
        let mut plans = 0;
        for council in self.councils()? {
            for year in self.years(&council.id)? {
                if let Some(plan) = self.plan_year(&council.id, year)? {
                    let file = path.join(format!("{}-{year}.json", council.id));
                    write_private(&file, plan_to_json(&plan).as_bytes())?;
                    plans += 1;
                }
            }
        }
        write_private(&path.join(DONE_FILE), plans.to_string().as_bytes())?;
        self.rotate_backups();
        Ok(Backup { path, plans })
    }

    /// A backup when the newest is a day old or there is none, and the database has data.
    pub fn backup_if_due(&self) -> Result<Option<Backup>, StoreError> {
        if self.is_empty()? {
            return Ok(None);
        }
        let newest_age = list(&self.dir).first().and_then(|backup| {
            let modified = std::fs::metadata(backup.path.join(DONE_FILE))
                .and_then(|meta| meta.modified())
                .ok()?;
            let age = std::time::SystemTime::now().duration_since(modified).ok()?;
            Some(age.as_secs() as i64)
        });
        match newest_age {
            Some(age) if age < DAILY_SECONDS => Ok(None),
            _ => self.backup("dag").map(Some),
        }
    }

    /// Removes all but the newest [`KEEP`] complete backups, and incomplete ones.
    fn rotate_backups(&self) {
        let complete = list(&self.dir);
        for old in complete.iter().skip(KEEP) {
            let _ = std::fs::remove_dir_all(&old.path);
        }
        let Ok(entries) = std::fs::read_dir(self.dir.join(BACKUP_DIR)) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if !path.join(DONE_FILE).exists() {
                let _ = std::fs::remove_dir_all(&path);
            }
        }
    }
}

fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}
