//! `malkoll.json`, the file `export json --out DIR` writes beside the plan years when it
//! exports the whole database: the export format's version, the plan-year files that belong
//! to the set, the series links (*serielänkar*) and the audit log (*loggen*). Described in
//! data/README.md.
//!
//! Format versions: 1 is a directory of plan-year files alone (what malkoll wrote before
//! this file existed, and still what a filtered export or data/ is); 2 adds this file. A
//! restore reads both.

use serde::{Deserialize, Serialize};

use crate::store::SeriesLink;
use crate::store::archive::{ArchivedEntry, History};

/// The file's name; no council slug ends in a year, so it never clashes with a plan year.
pub const MANIFEST_FILE: &str = "malkoll.json";

/// The export format this malkoll writes.
pub const FORMAT: u32 = 2;

/// The contents of `malkoll.json`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub(crate) struct Manifest {
    /// [`FORMAT`] when written.
    pub format: u32,
    /// The plan-year files of the set, by name, sorted.
    pub plans: Vec<String>,
    pub series_links: Vec<SeriesLink>,
    pub audit: Vec<ArchivedEntry>,
}

impl Manifest {
    pub(crate) fn new(mut plans: Vec<String>, history: History) -> Manifest {
        plans.sort();
        Manifest {
            format: FORMAT,
            plans,
            series_links: history.series_links,
            audit: history.audit,
        }
    }

    pub(crate) fn into_history(self) -> History {
        History {
            series_links: self.series_links,
            audit: self.audit,
        }
    }

    /// Pretty JSON, as the plan-year files.
    pub(crate) fn to_json(&self) -> String {
        // Plain data with string keys: serialising cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".to_owned())
    }

    /// Reads the file, refusing a format this malkoll does not know before reading the rest.
    pub(crate) fn from_json(json: &str) -> Result<Manifest, ManifestError> {
        #[derive(Deserialize)]
        struct FormatOnly {
            format: u32,
        }
        let FormatOnly { format } = serde_json::from_str(json)?;
        if format != FORMAT {
            return Err(ManifestError::Format(format));
        }
        Ok(serde_json::from_str(json)?)
    }
}

/// Why `malkoll.json` cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum ManifestError {
    #[error("ogiltig JSON för loggen: {0}")]
    Json(#[from] serde_json::Error),
    #[error("exportformat {0} är okänt för denna malkoll (den läser format 1 och {FORMAT})")]
    Format(u32),
}
