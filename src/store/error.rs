//! [`StoreError`]: what can go wrong in the store, in Swedish a controller understands.
//! Raw sled errors are wrapped here, never shown as they are.

use std::path::{Path, PathBuf};

use sled::transaction::TransactionError;

use super::lock::LockInfo;
use super::records::NodeKind;
use crate::domain::NodeId;

/// Why the store could not do what was asked, in words a controller understands.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{}", locked_message(.path, .holder.as_ref()))]
    Locked {
        path: PathBuf,
        holder: Option<LockInfo>,
    },
    #[error(
        "Databasen har schemaversion {found}, men den här malkoll kan bara läsa version {supported}. Uppdatera malkoll; databasen har inte ändrats."
    )]
    SchemaTooNew { found: u32, supported: u32 },
    #[error(
        "En {record} i databasen har version {found}, men den här malkoll känner bara till version {supported}. Den är skriven av en nyare malkoll; uppdatera malkoll. Inget skrivs."
    )]
    UnknownRecordVersion {
        record: &'static str,
        found: u32,
        supported: u32,
    },
    #[error(
        "Ändringen sparas inte: databasen innehåller poster från en nyare malkoll. Uppdatera malkoll."
    )]
    WriteRefused,
    #[error("Databasen är skadad: {0}")]
    Corrupt(String),
    #[error("Fel vid läsning eller skrivning av databasen: {0}")]
    Io(#[from] std::io::Error),
    #[error("Databasfel: {0}")]
    Database(String),
    #[error("Nämnden «{0}» finns inte i databasen.")]
    UnknownCouncil(String),
    #[error("{council} har inget år {year} i databasen.")]
    UnknownYear { council: String, year: u16 },
    #[error("{council} {year} har ingen nod {node} som är {}.", .expected.label())]
    UnknownNode {
        council: String,
        year: u16,
        node: NodeId,
        expected: NodeKind,
    },
    #[error("Perioden {0} finns inte: ange VP, M1 … M12, T1, T2 eller VB.")]
    InvalidPeriod(String),
    #[error("Planåret kan inte sparas: {0}")]
    InvalidPlanYear(String),
    #[error("Den medföljande filen {file} kunde inte läsas: {message}")]
    BundledData { file: String, message: String },
    #[error("Ekonomin kan inte ändras: {0}.")]
    InvalidEconomyEdit(String),
    #[error("Serierna kan inte ändras: {0}.")]
    InvalidSeriesLink(String),
}

/// "2026-11-25 10:48" (UTC) from the lock file's RFC 3339 time, or the text as written.
fn readable_time(rfc3339: &str) -> String {
    match rfc3339.parse::<jiff::Timestamp>() {
        Ok(time) => time.strftime("%Y-%m-%d %H:%M UTC").to_string(),
        Err(_) => rfc3339.to_owned(),
    }
}

fn locked_message(path: &Path, holder: Option<&LockInfo>) -> String {
    let path = path.display();
    let advice = "Avsluta den andra malkoll eller välj en annan databas med --db.";
    match holder {
        Some(holder) => {
            let host = if holder.host.is_empty() {
                String::new()
            } else {
                format!(" på {}", holder.host)
            };
            format!(
                "Databasen i {path} används redan av {} (pid {}{host}, startad {}). {advice}",
                holder.user,
                holder.pid,
                readable_time(&holder.started)
            )
        }
        None => format!("Databasen i {path} används redan av en annan malkoll. {advice}"),
    }
}

impl From<sled::Error> for StoreError {
    fn from(error: sled::Error) -> Self {
        match error {
            sled::Error::Io(io) => StoreError::Io(io),
            sled::Error::Corruption { at, .. } => {
                StoreError::Corrupt(format!("sled fann skadad data vid {at:?}"))
            }
            other => StoreError::Database(other.to_string()),
        }
    }
}

impl From<TransactionError<StoreError>> for StoreError {
    fn from(error: TransactionError<StoreError>) -> Self {
        match error {
            TransactionError::Abort(inner) => inner,
            TransactionError::Storage(sled_error) => sled_error.into(),
        }
    }
}
