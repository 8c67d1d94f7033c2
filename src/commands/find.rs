//! `malkoll find QUERY`: the finder from the command line. Reads only the compact name list
//! beside the database ([`crate::search::names`]); when there is none yet it is built from the
//! database once. `--dump-names` prints every searched text, one a line (for comparing with
//! other tools on the same names).

use std::path::Path;

use serde::Serialize;

use crate::search::{Hit, SearchIndex, names};
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
    let index = names::index_of(name_list);
    render(&index, query, limit, format)
}

/// The hits of `query` in `index`, printed in `format`.
pub fn render(
    index: &SearchIndex,
    query: &str,
    limit: usize,
    format: FindFormat,
) -> Result<String, FindError> {
    let hits = index.query(query, limit);
    Ok(match format {
        FindFormat::Text => text(&hits),
        FindFormat::Json => serde_json::to_string_pretty(&json(&hits))? + "\n",
    })
}

/// One line per hit: kind, council, year, text, and how many more places have the same text.
fn text(hits: &[Hit<'_>]) -> String {
    let mut out = String::new();
    for hit in hits {
        let Some(first) = hit.entries.first() else {
            continue;
        };
        let more = match hit.entries.len() {
            0 | 1 => String::new(),
            n => format!("  (+{} till)", n - 1),
        };
        out.push_str(&format!(
            "{:<10} {:<36} {}  {}{more}\n",
            first.kind.label(),
            crate::domain::text::sanitize_line(&first.council.name),
            first.year,
            crate::domain::text::sanitize_line(hit.text),
        ));
    }
    if hits.is_empty() {
        out.push_str("Inga träffar.\n");
    }
    out
}

#[derive(Serialize)]
struct JsonHit<'a> {
    kind: &'static str,
    text: &'a str,
    score: i64,
    /// Char indices of the matched letters.
    highlight: &'a [usize],
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

fn json<'a>(hits: &'a [Hit<'a>]) -> Vec<JsonHit<'a>> {
    hits.iter()
        .map(|hit| JsonHit {
            kind: hit.entries.first().map_or("", |e| e.kind.label()),
            text: hit.text,
            score: hit.score,
            highlight: &hit.highlight,
            entries: hit
                .entries
                .iter()
                .map(|entry| JsonEntry {
                    kind: entry.kind.label(),
                    council: &entry.council.id,
                    council_name: &entry.council.name,
                    year: entry.year,
                    node: entry.node,
                })
                .collect(),
        })
        .collect()
}
