//! `malkoll import kolada FILE.json --map MAP.toml`: Kolada values mapped to our indicators
//! ([`crate::import::kolada`]), checked and saved as one change like `import values`.

use std::path::Path;

use crate::import::kolada::{read, read_mapping};
use crate::store::{Actor, Store};

use super::import_values::{ImportOptions, ImportValuesError, apply_rows};

fn read_text(path: &Path) -> Result<String, ImportValuesError> {
    std::fs::read_to_string(path).map_err(|error| ImportValuesError::Read {
        path: path.display().to_string(),
        message: error.to_string(),
    })
}

/// Runs the import; returns the report to print.
pub fn run(
    store: &Store,
    file: &Path,
    map: &Path,
    options: ImportOptions,
    actor: &Actor,
) -> Result<String, ImportValuesError> {
    let mapping = read_mapping(&read_text(map)?).map_err(|error| ImportValuesError::Read {
        path: map.display().to_string(),
        message: error.to_string(),
    })?;
    let read = read(&read_text(file)?, &mapping).map_err(ImportValuesError::File)?;
    apply_rows(store, file, read, options, actor)
}
