//! `malkoll find QUERY`: the finder from the command line. Reads only the compact name list
//! beside the database ([`crate::search::names`]), in one read, and searches it directly
//! ([`crate::search::quick`]); when there is none yet it is built from the database once. `--dump-names` prints every searched text, one a line (for comparing with
//! other tools on the same names).

use std::borrow::Cow;
use std::io::Write;
use std::path::Path;

use serde::Serialize;

use crate::domain::text::{is_hostile, sanitize_line};
use crate::search::names;
use crate::search::quick::{self, Found, QuickHit};
use crate::store::{Store, StoreError};

/// How results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FindFormat {
    #[default]
    Text,
    Json,
}

/// Why a search did not happen.
#[derive(Debug, thiserror::Error)]
pub enum FindError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("sökordslistan {path} kunde inte läsas: {source}")]
    NameList {
        path: String,
        source: std::io::Error,
    },
    #[error("JSON kunde inte skrivas: {0}")]
    Json(#[from] serde_json::Error),
    #[error("träffarna kunde inte skrivas: {0}")]
    Write(#[from] std::io::Error),
}

/// The name list of the database in `db_dir`, built from the database if it is missing.
pub fn load_name_list(db_dir: &Path) -> Result<String, FindError> {
    let read = names::read(db_dir).map_err(|source| FindError::NameList {
        path: names::path_in(db_dir).display().to_string(),
        source,
    })?;
    match read {
        Some(text) => Ok(text),
        None => Ok(Store::open(db_dir)?.rebuild_name_list()?),
    }
}

/// Every searched text, one a line, in the name list's order.
pub fn dump_names(name_list: &str) -> String {
    let mut out = String::with_capacity(name_list.len());
    for line in names::lines(name_list) {
        out.push_str(line.text);
        out.push('\n');
    }
    out
}

/// The `limit` best hits for `query`, printed in `format`.
pub fn find(
    name_list: &str,
    query: &str,
    limit: usize,
    format: FindFormat,
) -> Result<String, FindError> {
    let mut out = Vec::new();
    write_find(&mut out, name_list, query, limit, format)?;
    // Every text went through `sanitize_line` or serde_json: the bytes are UTF-8.
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// Writes the `limit` best hits for `query` in `format` to `out`, searching the name list
/// directly ([`quick::search`]) instead of building the finder's index.
pub fn write_find(
    out: &mut impl Write,
    name_list: &str,
    query: &str,
    limit: usize,
    format: FindFormat,
) -> Result<(), FindError> {
    let found = quick::search(name_list, query, limit);
    match format {
        FindFormat::Text => text(out, &found.hits)?,
        FindFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &json(&found))?;
            out.write_all(b"\n")?;
        }
    }
    Ok(())
}

/// One line per hit: kind, council, year, text, and how many more places have the same text.
fn text(out: &mut impl Write, hits: &[QuickHit<'_>]) -> std::io::Result<()> {
    for hit in hits {
        let Some(first) = hit.entries.first() else {
            continue;
        };
        write!(
            out,
            "{:<10} {:<36} {}  {}",
            first.kind.label(),
            one_line(first.council_name),
            first.year,
            one_line(hit.text),
        )?;
        match hit.entries.len() {
            0 | 1 => out.write_all(b"\n")?,
            n => writeln!(out, "  (+{} till)", n - 1)?,
        }
    }
    if hits.is_empty() {
        out.write_all("Inga träffar.\n".as_bytes())?;
    }
    Ok(())
}

/// `text` as [`sanitize_line`] makes it, borrowed when it is clean already (nearly always).
fn one_line(text: &str) -> Cow<'_, str> {
    if text
        .chars()
        .any(|c| is_hostile(c) || matches!(c, '\t' | '\n' | '\r'))
    {
        Cow::Owned(sanitize_line(text))
    } else {
        Cow::Borrowed(text)
    }
}

#[derive(Serialize)]
struct JsonHit<'a> {
    kind: &'static str,
    text: &'a str,
    score: i64,
    /// Char indices of the matched letters.
    highlight: Vec<usize>,
    entries: Vec<JsonEntry<'a>>,
}

#[derive(Serialize)]
struct JsonEntry<'a> {
    kind: &'static str,
    council: &'a str,
    council_name: &'a str,
    year: u16,
    node: u32,
}

fn json<'a>(found: &'a Found<'a>) -> Vec<JsonHit<'a>> {
    found
        .hits
        .iter()
        .map(|hit| JsonHit {
            kind: hit.entries.first().map_or("", |e| e.kind.label()),
            text: hit.text,
            score: hit.score,
            highlight: found.highlight(hit),
            entries: hit
                .entries
                .iter()
                .map(|entry| JsonEntry {
                    kind: entry.kind.label(),
                    council: entry.council_id,
                    council_name: entry.council_name,
                    year: entry.year,
                    node: entry.node,
                })
                .collect(),
        })
        .collect()
}
