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
    /// A record could not be read: nothing is written by this process from then on.
    #[error(
        "Ändringen sparas inte: databasen går inte att läsa helt, så malkoll skriver inget i den. Orsak: {0} Kör «malkoll doctor» för att kontrollera den och återställa från en säkerhetskopia."
    )]
    ReadOnly(String),
    #[error(
        "Databasen är skadad: {0}. Inget skrivs i den. Kör «malkoll doctor» för att kontrollera den och återställa från en säkerhetskopia."
    )]
    Corrupt(String),
    #[error("{}", io_message(.0))]
    Io(#[from] std::io::Error),
    #[error(
        "Databasmotorn (sled) rapporterade ett fel; inget sparades. Försök igen, och kör «malkoll doctor» om det upprepas. Detalj: {0}"
    )]
    Database(String),
    #[error(
        "Det finns ingen databas i {}: filen «db» saknas men andra databasfiler finns kvar. Den öppnas inte som en tom databas. Återställ med «malkoll doctor --db {}» eller flytta katalogen.",
        .0.display(), .0.display()
    )]
    LogMissing(PathBuf),
    #[error(
        "{} är inte en malkoll-databas: {reason}. Välj en tom eller ny katalog med --db.",
        .path.display()
    )]
    NotADatabase { path: PathBuf, reason: String },
    #[error(
        "Disken är nästan full ({} MB ledigt i {}); ändringen sparades inte. Frigör minst {} MB och försök igen.",
        .free / 1_000_000, .path.display(), super::directory::FREE_SPACE_MARGIN_BYTES / 1_000_000
    )]
    DiskFull { path: PathBuf, free: u64 },
    #[error(
        "Sparandet blev inte klart inom {seconds} sekunder (disken svarar inte eller är full); ändringen räknas som inte sparad. Kontrollera disken och försök igen."
    )]
    SaveTimedOut { seconds: u64 },
    #[error("Nämnden «{0}» finns inte i databasen.")]
    UnknownCouncil(String),
    #[error("{council} har inget år {year} i databasen.")]
    UnknownYear { council: String, year: u16 },
    #[error("{council} {year} har inget mål, ingen indikator och ingen aktivitet {node}.")]
    NoSuchNode {
        council: String,
        year: u16,
        node: NodeId,
    },
    #[error("{council} {year} har ingen nod {node} som är {}.", .expected.label())]
    UnknownNode {
        council: String,
        year: u16,
        node: NodeId,
        expected: NodeKind,
    },
    #[error("Perioden {0} finns inte: ange VP, M1 … M12, T1, T2 eller VB.")]
    InvalidPeriod(String),
    #[error("Ändringen sparas inte: {0}.")]
    InvalidReport(String),
    #[error("Planåret kan inte sparas: {0}")]
    InvalidPlanYear(String),
    #[error("Skälet får inte vara tomt: skriv varför flaggan inte gäller i perioden.")]
    EmptyReason,
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
    use crate::domain::text::sanitize_line;
    let path = sanitize_line(&path.display().to_string());
    let advice = "Avsluta den andra malkoll eller välj en annan databas med --db.";
    match holder {
        Some(holder) => {
            let host = if holder.host.is_empty() {
                String::new()
            } else {
                format!(" på {}", sanitize_line(&holder.host))
            };
            format!(
                "Databasen i {path} används redan av {} (pid {}{host}, startad {}). {advice}",
                sanitize_line(&holder.user),
                holder.pid,
                sanitize_line(&readable_time(&holder.started))
            )
        }
        None => format!("Databasen i {path} används redan av en annan malkoll. {advice}"),
    }
}

/// A Swedish sentence for an OS error: what happened and what to do, the OS text after.
fn io_message(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    let advice = match error.kind() {
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => {
            "Disken är full; det som skulle sparas sparades inte. Frigör utrymme och försök igen."
        }
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => {
            "Malkoll får inte läsa eller skriva databasen. Kontrollera katalogens ägare och rättigheter, eller välj en annan med --db."
        }
        ErrorKind::NotFound => {
            "En fil i databasen saknas. Kontrollera sökvägen (--db) och kör «malkoll doctor»."
        }
        _ => {
            "Databasen kunde inte läsas eller skrivas. Kontrollera disken och försök igen; «malkoll doctor» kontrollerar databasen."
        }
    };
    format!(
        "{advice} (Systemet: {})",
        crate::domain::text::sanitize_line(&error.to_string())
    )
}

impl From<sled::Error> for StoreError {
    fn from(error: sled::Error) -> Self {
        match error {
            sled::Error::Io(io) => StoreError::Io(io),
            sled::Error::Corruption { .. } => {
                StoreError::Corrupt("databasmotorn hittade en trasig post i sin logg".to_owned())
            }
            sled::Error::CollectionNotFound(_) => {
                StoreError::Corrupt("ett av databasens träd saknas".to_owned())
            }
            sled::Error::Unsupported(text) | sled::Error::ReportableBug(text) => {
                StoreError::Database(crate::domain::text::sanitize_line(&text))
            }
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
