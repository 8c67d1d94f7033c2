//! `import json`: reads back what `export json` wrote — one plan year per file, the format
//! of data/ (described in data/README.md and [`crate::export`]) — from a file or every
//! `*.json` in a directory. Every file is read and checked before anything is written, so a
//! bad file restores nothing.

use std::path::{Path, PathBuf};

use crate::domain::PlanYear;
use crate::export::plan_from_json;

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
}

/// The plan years to restore, with the file each came from, in file name order.
pub fn read(path: &Path) -> Result<Vec<(PathBuf, PlanYear)>, RestoreReadError> {
    let read_error = |path: &Path, error: std::io::Error| RestoreReadError::Read {
        path: path.display().to_string(),
        message: error.to_string(),
    };
    let files: Vec<PathBuf> = if path.is_dir() {
        let mut files = Vec::new();
        for entry in std::fs::read_dir(path).map_err(|e| read_error(path, e))? {
            let file = entry.map_err(|e| read_error(path, e))?.path();
            if file.extension().is_some_and(|e| e == "json") && file.is_file() {
                files.push(file);
            }
        }
        files.sort();
        if files.is_empty() {
            return Err(RestoreReadError::Empty(path.display().to_string()));
        }
        files
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
    Ok(plans)
}
