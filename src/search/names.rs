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
//! malkoll-names 2
//! @ <council slug> <year> <council name>
//! G|I|A <node id> <text> [<Agenda 2030 goals, "1,5,10": goals only, may be empty>]
//! ```
//! A file of an earlier version is no name list: it is rebuilt from the database.

use std::io;
use std::path::{Path, PathBuf};

use super::index::{EntryKind, IndexBuilder, SearchIndex};
use crate::domain::{Council, NodeId, PlanYear};

/// The file's name inside the database directory.
pub const FILE_NAME: &str = "search-names.tsv";

const HEADER: &str = "malkoll-names 2";

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
    let mut line = |kind: char, node: NodeId, text: &str, tags: Option<&[u8]>| {
        out.push(kind);
        out.push('\t');
        out.push_str(&node.to_string());
        out.push('\t');
        out.push_str(&one_field(text));
        if let Some(tags) = tags {
            out.push('\t');
            let numbers: Vec<String> = tags.iter().map(u8::to_string).collect();
            out.push_str(&numbers.join(","));
        }
        out.push('\n');
    };
    for goal in plan.goals_depth_first() {
        line('G', goal.id, &goal.heading(), Some(&goal.sdg_refs));
        for indicator in &goal.indicators {
            line('I', indicator.id, &indicator.name, None);
        }
        for activity in &goal.activities {
            line('A', activity.id, &activity.title, None);
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
    /// A goal's Agenda 2030 goals as bits (bit n for goal n); 0 for the others.
    pub sdg: u32,
}

/// Every entry of a name list's text, in file order; malformed lines are skipped.
pub fn lines(text: &str) -> impl Iterator<Item = NameLine<'_>> {
    let mut council: Option<(&str, &str, u16)> = None;
    text.lines().skip(1).filter_map(move |line| {
        let Some(entry) = entry_line(line) else {
            if let Some(header) = council_line(line) {
                council = Some(header);
            }
            return None;
        };
        let (council_id, council_name, year) = council?;
        Some(NameLine {
            council_id,
            council_name,
            year,
            kind: entry.kind,
            node: entry.node,
            text: entry.text,
            sdg: entry.sdg,
        })
    })
}

/// One entry line as read, borrowed from the file's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct EntryLine<'a> {
    pub kind: EntryKind,
    pub node: NodeId,
    pub text: &'a str,
    pub sdg: u32,
}

/// An entry line (`G|I|A <node> <text> [<Agenda 2030 goals>]`); `None` for any other line.
/// The one reader of the format, for the index and for `malkoll find`'s quick pass.
pub(crate) fn entry_line(line: &str) -> Option<EntryLine<'_>> {
    let kind = match line.as_bytes() {
        [b'G', b'\t', ..] => EntryKind::Goal,
        [b'I', b'\t', ..] => EntryKind::Indicator,
        [b'A', b'\t', ..] => EntryKind::Activity,
        _ => return None,
    };
    let (node, rest) = line.get(2..)?.split_once('\t')?;
    // Only a goal's line has the fourth field, so the others are not scanned for it.
    let (text, sdg) = match (kind, rest.split_once('\t')) {
        (EntryKind::Goal, Some((text, tags))) => (
            text,
            sdg_bits(tags.split(',').filter_map(|n| n.parse().ok())),
        ),
        _ => (rest, 0),
    };
    Some(EntryLine {
        kind,
        node: node.parse().ok()?,
        text,
        sdg,
    })
}

/// A council block's header (`@ <slug> <year> <name>`); `None` for any other line.
pub(crate) fn council_line(line: &str) -> Option<(&str, &str, u16)> {
    let mut fields = line.splitn(4, '\t');
    if fields.next()? != "@" {
        return None;
    }
    let id = fields.next()?;
    let year = fields.next()?.parse().ok()?;
    let name = fields.next().unwrap_or(id);
    Some((id, name, year))
}

/// Agenda 2030 goal numbers as bits: bit n for goal n (1–17; others are dropped).
pub fn sdg_bits(numbers: impl IntoIterator<Item = u8>) -> u32 {
    numbers
        .into_iter()
        .filter(|n| (1..=31).contains(n))
        .fold(0, |bits, n| bits | 1 << n)
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
        builder.add(
            &council, line.year, line.kind, line.node, line.text, line.sdg,
        );
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
    fn agenda_2030_goals_survive_the_file_and_filter_the_finder() {
        let mut plans = generate(7, 1, 1);
        let ids: Vec<NodeId> = plans[0].goals_depth_first().iter().map(|g| g.id).collect();
        for id in ids {
            if let Some(goal) = plans[0].goal_mut(id) {
                goal.sdg_refs.clear();
            }
        }
        let goal = plans[0].goals_depth_first()[1].clone();
        if let Some(stored) = plans[0].goal_mut(goal.id) {
            stored.sdg_refs = vec![5, 13];
        }
        let text = file_text([block(&plans[0]).as_str()]);
        let tagged: Vec<_> = lines(&text).filter(|l| l.sdg != 0).collect();
        assert_eq!(tagged.len(), 1, "{text}");
        assert_eq!(tagged[0].sdg, sdg_bits([5, 13]));
        assert_eq!(tagged[0].text, goal.heading());
        let index = index_of(&text);
        for query in ["g:5", "g:13", &format!("g:13 {}", goal.title)] {
            let hits = index.query(query, 10);
            assert_eq!(hits.len(), 1, "{query}");
            assert_eq!(hits[0].text, goal.heading(), "{query}");
        }
        assert!(index.query("g:6", 10).is_empty());
        assert!(index.query("g:99", 10).is_empty());
        // An empty filter filters nothing yet.
        assert_eq!(index.query("g:", 1000).len(), index.query("", 1000).len());
    }

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
