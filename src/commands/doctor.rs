//! `malkoll doctor`: checks a database and says in Swedish what is wrong with it (it will not
//! open, a record cannot be read, the disk is nearly full, snapshots were moved aside), and
//! with `--restore` replaces a damaged database by its newest complete backup, keeping the
//! damaged one beside it.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::store::backup::{self, Backup};
use crate::store::directory::{self, BACKUP_DIR, FREE_SPACE_MARGIN_BYTES};
use crate::store::{Actor, Change, Store, StoreError};

/// What the check found, and the text to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DoctorReport {
    pub text: String,
    /// True when the database opened and every record was read.
    pub healthy: bool,
}

/// Checks the database in `dir`; with `restore`, restores a damaged one from its newest
/// backup.
pub fn run(dir: &Path, restore: bool, actor: &Actor) -> Result<DoctorReport, StoreError> {
    let mut text = String::new();
    let _ = writeln!(text, "Databas: {}", dir.display());
    if !dir.exists() {
        let _ = writeln!(
            text,
            "Här finns ingen databas. Ange rätt katalog med --db (standard: {}).",
            Store::default_path().display()
        );
        return Ok(DoctorReport {
            text,
            healthy: false,
        });
    }
    match directory::free_space(dir) {
        Ok(free) if free < FREE_SPACE_MARGIN_BYTES => {
            let _ = writeln!(
                text,
                "Disken är nästan full: {} MB ledigt; malkoll sparar inget under {} MB. Frigör utrymme.",
                free / 1_000_000,
                FREE_SPACE_MARGIN_BYTES / 1_000_000
            );
        }
        Ok(free) => {
            let _ = writeln!(text, "Ledigt på disken: {} MB.", free / 1_000_000);
        }
        Err(_) => {}
    }
    let backups = backup::list(dir);
    match backups.first() {
        Some(newest) => {
            let _ = writeln!(
                text,
                "Säkerhetskopior: {} (den senaste, {}, har {} planår).",
                backups.len(),
                file_name(&newest.path),
                newest.plans
            );
        }
        None => {
            let _ = writeln!(text, "Säkerhetskopior: inga ännu.");
        }
    }
    let healthy = match Store::open(dir) {
        Ok(store) => {
            for moved in store.moved_aside() {
                let _ = writeln!(
                    text,
                    "En ofullständig ögonblicksbild flyttades undan till {}; databasen öppnas utan den.",
                    moved.display()
                );
            }
            let found = store.verify();
            if found.is_ok() {
                let _ = writeln!(
                    text,
                    "Databasen är hel: {} poster lästes utan fel.",
                    found.records
                );
                if store.read_through_was_sealed() {
                    let _ = writeln!(
                        text,
                        "Sigillet malkoll.seal.json visar filerna oförändrade sedan alla poster \
                         senast lästes igenom: öppningen läste inte igenom dem igen."
                    );
                }
                true
            } else {
                let _ = writeln!(
                    text,
                    "Databasen går inte att läsa helt ({} poster lästes). Fel:",
                    found.records
                );
                for problem in &found.problems {
                    let _ = writeln!(text, "  {problem}");
                }
                false
            }
        }
        Err(error @ StoreError::Locked { .. }) => return Err(error),
        Err(error) => {
            let _ = writeln!(text, "Databasen kan inte öppnas: {error}");
            false
        }
    };
    if healthy {
        if restore {
            let _ = writeln!(text, "Inget återställdes: databasen behöver det inte.");
        }
        return Ok(DoctorReport { text, healthy });
    }
    match (restore, backups.first()) {
        (false, Some(_)) => {
            let _ = writeln!(
                text,
                "Återställ från den senaste säkerhetskopian med «malkoll doctor --restore --db {}». Den skadade databasen sparas bredvid.",
                dir.display()
            );
        }
        (false, None) | (true, None) => {
            let _ = writeln!(
                text,
                "Det finns ingen säkerhetskopia att återställa från. Flytta katalogen åt sidan och läs in dokumenten igen, eller kontakta den som sköter malkoll."
            );
        }
        (true, Some(newest)) => {
            let (plans, kept) = restore_from(dir, newest, actor)?;
            let _ = writeln!(
                text,
                "Återställt: {plans} planår från {}. Den skadade databasen finns kvar i {}. Historiken (loggen) och osparade utkast börjar om i den återställda databasen.",
                file_name(&newest.path),
                kept.display()
            );
        }
    }
    Ok(DoctorReport { text, healthy })
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Moves `dir` aside, creates a new database there with the backups folder, and puts every
/// plan year of `backup` into it. Returns how many plan years and where the old one went.
fn restore_from(
    dir: &Path,
    backup: &Backup,
    actor: &Actor,
) -> Result<(usize, PathBuf), StoreError> {
    // Every file is read before anything is moved.
    let plans = backup::read(backup)?;
    let stamp = jiff::Timestamp::now().strftime("%Y%m%dT%H%M%SZ");
    let name = format!("{}.skadad-{stamp}", file_name(dir));
    let kept = dir.with_file_name(name);
    std::fs::rename(dir, &kept)?;
    directory::create_private_dir(dir)?;
    std::fs::rename(kept.join(BACKUP_DIR), dir.join(BACKUP_DIR))?;
    let store = Store::open(dir)?;
    for plan in &plans {
        store.apply(&Change::PutPlanYear(plan.clone()), actor)?;
    }
    Ok((plans.len(), kept))
}
