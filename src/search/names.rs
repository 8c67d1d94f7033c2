//! The compact name list: every goal heading, indicator name and activity title with its
//! council, year, kind and node id, as a small text file beside the database. `malkoll find`
//! builds its index from this file alone — no sled open, no plan years decoded — so a whole
//! `malkoll find` process stays as fast as `fzf --filter`, and it works while a malkoll UI
//! holds the database lock.
//!
//! The store rewrites one council-year's block whenever that plan year is put (see
//! `Store::apply`); the file is removed while a write is under way, so a crash leaves no stale
//! file but a missing one, which is rebuilt from the database on the next `malkoll find`.
//!
//! Format (UTF-8, one record a line, fields split by tabs, which texts never contain):
//! ```text
//! malkoll-names 1
//! @ <council slug> <year> <council name>
//! G|I|A <node id> <text>
//! ```

use std::io;
use std::path::{Path, PathBuf};

use super::index::{EntryKind, IndexBuilder, SearchIndex};
use crate::domain::{Council, NodeId, PlanYear};

/// The file's name inside the database directory.
pub const FILE_NAME: &str = "search-names.tsv";

const HEADER: &str = "malkoll-names 1";

/// Where the name list of the database in `db_dir` lives.
pub fn path_in(db_dir: &Path) -> PathBuf {
    db_dir.join(FILE_NAME)
}

/// One council-year's block: its header line and one line per entry.
pub fn block(plan: &PlanYear) -> String {
    let mut out = format!(
        "@\t{}\t{}\t{}\n",
        one_field(&plan.council.id),
        plan.year,
        one_field(&plan.council.name)
    );
    let mut line = |kind: char, node: NodeId, text: &str| {
        out.push(kind);
        out.push('\t');
        out.push_str(&node.to_string());
        out.push('\t');
        out.push_str(&one_field(text));
        out.push('\n');
    };
    for goal in plan.goals_depth_first() {
        line('G', goal.id, &goal.heading());
        for indicator in &goal.indicators {
            line('I', indicator.id, &indicator.name);
        }
        for activity in &goal.activities {
            line('A', activity.id, &activity.title);
        }
    }
    out
}

/// A file's text from blocks.
pub fn file_text<'a>(blocks: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::from(HEADER);
    out.push('\n');
    for block in blocks {
        out.push_str(block);
    }
    out
}

/// `text` (a whole file) with the block of `plan`'s council-year replaced or added; `None`
/// when `text` is not a name list.
pub fn replace_block(text: &str, plan: &PlanYear) -> Option<String> {
    let body = text.strip_prefix(HEADER)?.strip_prefix('\n')?;
    let wanted = (plan.council.id.as_str(), plan.year.to_string());
    let mut out = String::with_capacity(text.len() + 4096);
    out.push_str(HEADER);
    out.push('\n');
    let mut skipping = false;
    for line in body.split_inclusive('\n') {
        if let Some(header) = line.strip_prefix("@\t") {
            let mut fields = header.split('\t');
            let slug = fields.next().unwrap_or_default();
            let year = fields.next().unwrap_or_default();
            skipping = slug == wanted.0 && year == wanted.1;
        }
        if !skipping {
            out.push_str(line);
        }
    }
    out.push_str(&block(plan));
    Some(out)
}

/// Writes `text` as the name list of `db_dir`, atomically (a temporary file, then a rename).
pub fn write(db_dir: &Path, text: &str) -> io::Result<()> {
    let temporary = db_dir.join(format!("{FILE_NAME}.tmp"));
    std::fs::write(&temporary, text)?;
    std::fs::rename(&temporary, path_in(db_dir))
}

/// Reads the name list of `db_dir`; `Ok(None)` when there is none (or it is not one).
pub fn read(db_dir: &Path) -> io::Result<Option<String>> {
    match std::fs::read_to_string(path_in(db_dir)) {
        Ok(text) if text.starts_with(HEADER) => Ok(Some(text)),
        Ok(_) => Ok(None),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(error),
    }
}

/// One entry of a name list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameLine<'a> {
    pub council_id: &'a str,
    pub council_name: &'a str,
    pub year: u16,
    pub kind: EntryKind,
    pub node: NodeId,
    pub text: &'a str,
}

/// Every entry of a name list's text, in file order; malformed lines are skipped.
pub fn lines(text: &str) -> impl Iterator<Item = NameLine<'_>> {
    let mut council: Option<(&str, &str, u16)> = None;
    text.lines().skip(1).filter_map(move |line| {
        let mut fields = line.splitn(4, '\t');
        let first = fields.next()?;
        if first == "@" {
            let id = fields.next()?;
            let year = fields.next()?.parse().ok()?;
            let name = fields.next().unwrap_or(id);
            council = Some((id, name, year));
            return None;
        }
        let kind = match first {
            "G" => EntryKind::Goal,
            "I" => EntryKind::Indicator,
            "A" => EntryKind::Activity,
            _ => return None,
        };
        let mut rest = line.get(2..)?.splitn(2, '\t');
        let node = rest.next()?.parse().ok()?;
        let text = rest.next()?;
        let (council_id, council_name, year) = council?;
        Some(NameLine {
            council_id,
            council_name,
            year,
            kind,
            node,
            text,
        })
    })
}

/// The finder's index over a name list's text.
pub fn index_of(text: &str) -> SearchIndex {
    let mut builder = IndexBuilder::default();
    let mut council = Council {
        id: String::new(),
        name: String::new(),
    };
    for line in lines(text) {
        if council.id != line.council_id {
            council = Council {
                id: line.council_id.to_owned(),
                name: line.council_name.to_owned(),
            };
        }
        builder.add(&council, line.year, line.kind, line.node, line.text);
    }
    builder.finish()
}

/// A text as one field: tabs and line breaks become spaces.
fn one_field(text: &str) -> String {
    text.replace(['\t', '\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::generate;

    #[test]
    fn a_block_replaced_and_read_back_gives_the_same_index() {
        let plans = generate(7, 2, 2);
        let blocks: Vec<String> = plans.iter().map(block).collect();
        let text = file_text(blocks.iter().map(String::as_str));
        let from_file = index_of(&text);
        let from_plans = SearchIndex::build(&plans);
        assert_eq!(from_file.entry_count(), from_plans.entry_count());
        let replaced = replace_block(&text, &plans[0]).unwrap_or_default();
        assert_eq!(index_of(&replaced).entry_count(), from_plans.entry_count());
        let hits = from_file.query("bistand", 5);
        let expected = from_plans.query("bistand", 5);
        assert_eq!(
            hits.iter().map(|h| h.text).collect::<Vec<_>>(),
            expected.iter().map(|h| h.text).collect::<Vec<_>>()
        );
    }
}
