//! `malkoll export csv|xlsx`: every indicator of a council with every value per period, for
//! Excel ([`crate::export::table`]); CSV the Swedish way ([`crate::export::sv_csv`]).

use std::path::{Path, PathBuf};

use crate::domain::{Period, YearPeriod};
use crate::export::report::write_whole;
use crate::export::{sv_csv, table, xlsx};
use crate::store::Store;

use super::select::{SelectError, find_council};

/// The two spreadsheet formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableFormat {
    Csv,
    Xlsx,
}

/// Why no table was written.
#[derive(Debug, thiserror::Error)]
pub enum ExportTableError {
    #[error(transparent)]
    Select(#[from] SelectError),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error("{council} har inget år {year} i databasen")]
    NoYear { council: String, year: u16 },
    #[error("{0}")]
    Write(String),
}

/// What was asked for: `period` is `T1` or `T1-2020` (the year then also selects).
pub struct TableRequest<'a> {
    pub council: &'a str,
    pub year: Option<u16>,
    pub period: Option<&'a str>,
    pub format: TableFormat,
    pub out: Option<&'a Path>,
}

/// What the command prints: the CSV itself when no file was named, else where it went.
pub fn run(store: &Store, request: &TableRequest) -> Result<Vec<u8>, ExportTableError> {
    let council = find_council(store, request.council)?;
    let (year, period) = match request.period {
        None => (request.year, None),
        Some(given) => match given.parse::<YearPeriod>() {
            Ok(at) => (Some(at.year), Some(at.period)),
            Err(_) => (
                request.year,
                Some(
                    given
                        .parse::<Period>()
                        .map_err(|_| SelectError::BadPeriod(given.to_owned()))?,
                ),
            ),
        },
    };
    let mut plans = Vec::new();
    for stored in store.years(&council.id)? {
        if year.is_none_or(|wanted| wanted == stored)
            && let Some(plan) = store.plan_year(&council.id, stored)?
        {
            let sources = store.value_sources(&plan)?;
            plans.push((plan, sources));
        }
    }
    if let (Some(year), true) = (year, plans.is_empty()) {
        return Err(ExportTableError::NoYear {
            council: council.name,
            year,
        });
    }
    let rows = table::rows(&plans, period);
    let bytes = match request.format {
        TableFormat::Csv => sv_csv::write(&table::HEADER, &rows).into_bytes(),
        TableFormat::Xlsx => xlsx::write(&table::HEADER, &rows).map_err(ExportTableError::Write)?,
    };
    let out = match (request.out, request.format) {
        (Some(path), _) => path.to_path_buf(),
        (None, TableFormat::Csv) => return Ok(bytes),
        (None, TableFormat::Xlsx) => PathBuf::from(match year {
            Some(year) => format!("{}-{year}.xlsx", council.id),
            None => format!("{}.xlsx", council.id),
        }),
    };
    write_whole(&out, &bytes).map_err(|error| ExportTableError::Write(error.to_string()))?;
    Ok(format!("{} rader skrevs till {}\n", rows.len(), out.display()).into_bytes())
}
