//! `import json`: reads back what `export json` wrote — one plan year per file, the format
//! of data/ (described in data/README.md and [`crate::export`]) — from a file or every
//! `*.json` in a directory. A directory exported whole (format 2) also holds `malkoll.json`
//! with the audit log and series links ([`crate::export::manifest`]); one without it is
//! format 1, plan years alone. Every file is read and checked before anything is written, so
//! a bad file restores nothing.

use std::path::{Path, PathBuf};

use crate::domain::PlanYear;
use crate::export::manifest::{MANIFEST_FILE, Manifest};
use crate::export::plan_from_json;
use crate::store::archive::History;

/// Why a restore set could not be read.
#[derive(Debug, thiserror::Error)]
pub enum RestoreReadError {
    #[error("kunde inte läsa {path}: {message}")]
    Read { path: String, message: String },
    #[error("{path}: {message}")]
    Invalid { path: String, message: String },
    #[error("{0} innehåller inga .json-filer")]
    Empty(String),
    #[error("{first} och {second} innehåller båda {council} {year}")]
    Twice {
        first: String,
        second: String,
        council: String,
        year: u16,
    },
    #[error("{0} är loggen, inte ett planår: ange katalogen den ligger i")]
    ManifestAlone(String),
    #[error("{manifest} nämner {file}, som saknas i katalogen")]
    Missing { manifest: String, file: String },
    #[error("{file} hör inte till exporten enligt {manifest}; flytta den eller ta bort den")]
    Extra { manifest: String, file: String },
}

/// What a restore reads: the plan years, with the file each came from, in file name order,
/// and the log and series links when the directory has them.
pub struct RestoreSet {
    pub plans: Vec<(PathBuf, PlanYear)>,
    pub(crate) history: Option<History>,
}

/// Everything to restore from a file or directory.
pub fn read(path: &Path) -> Result<RestoreSet, RestoreReadError> {
    let read_error = |path: &Path, error: std::io::Error| RestoreReadError::Read {
        path: path.display().to_string(),
        message: error.to_string(),
    };
    let mut history = None;
    let files: Vec<PathBuf> = if path.is_dir() {
        let mut files = Vec::new();
        for entry in std::fs::read_dir(path).map_err(|e| read_error(path, e))? {
            let file = entry.map_err(|e| read_error(path, e))?.path();
            if file.extension().is_some_and(|e| e == "json") && file.is_file() {
                files.push(file);
            }
        }
        files.sort();
        if let Some(at) = files
            .iter()
            .position(|f| f.file_name() == Some(MANIFEST_FILE.as_ref()))
        {
            let manifest_path = files.remove(at);
            let manifest = read_manifest(&manifest_path)?;
            check_listed(&manifest_path, &manifest, &files)?;
            let log = manifest.into_history();
            if let Some(message) = log.problem() {
                return Err(RestoreReadError::Invalid {
                    path: manifest_path.display().to_string(),
                    message,
                });
            }
            history = Some(log);
        }
        if files.is_empty() {
            return Err(RestoreReadError::Empty(path.display().to_string()));
        }
        files
    } else if path.file_name() == Some(MANIFEST_FILE.as_ref()) {
        return Err(RestoreReadError::ManifestAlone(path.display().to_string()));
    } else {
        vec![path.to_path_buf()]
    };
    let mut plans: Vec<(PathBuf, PlanYear)> = Vec::with_capacity(files.len());
    for file in files {
        let text = std::fs::read_to_string(&file).map_err(|e| read_error(&file, e))?;
        let plan = plan_from_json(&text).map_err(|error| RestoreReadError::Invalid {
            path: file.display().to_string(),
            message: error.to_string(),
        })?;
        if plan.council.id.is_empty() {
            return Err(RestoreReadError::Invalid {
                path: file.display().to_string(),
                message: "nämnden saknar id".to_owned(),
            });
        }
        if let Some((first, _)) = plans
            .iter()
            .find(|(_, p)| p.council.id == plan.council.id && p.year == plan.year)
        {
            return Err(RestoreReadError::Twice {
                first: first.display().to_string(),
                second: file.display().to_string(),
                council: plan.council.id.clone(),
                year: plan.year,
            });
        }
        plans.push((file, plan));
    }
    Ok(RestoreSet { plans, history })
}

fn read_manifest(path: &Path) -> Result<Manifest, RestoreReadError> {
    let text = std::fs::read_to_string(path).map_err(|error| RestoreReadError::Read {
        path: path.display().to_string(),
        message: error.to_string(),
    })?;
    Manifest::from_json(&text).map_err(|error| RestoreReadError::Invalid {
        path: path.display().to_string(),
        message: error.to_string(),
    })
}

/// The plan-year files found are exactly the ones `malkoll.json` lists: a log restored with
/// a year missing (or a stray year added) would not describe the data.
fn check_listed(
    manifest_path: &Path,
    manifest: &Manifest,
    files: &[PathBuf],
) -> Result<(), RestoreReadError> {
    let found: Vec<String> = files
        .iter()
        .filter_map(|f| f.file_name())
        .map(|name| name.to_string_lossy().into_owned())
        .collect();
    let shown = manifest_path.display().to_string();
    if let Some(file) = manifest.plans.iter().find(|name| !found.contains(name)) {
        return Err(RestoreReadError::Missing {
            manifest: shown,
            file: file.clone(),
        });
    }
    if let Some(file) = found.iter().find(|name| !manifest.plans.contains(name)) {
        return Err(RestoreReadError::Extra {
            manifest: shown,
            file: file.clone(),
        });
    }
    Ok(())
}
