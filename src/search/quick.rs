//! One query straight over the name list's text, for `malkoll find` (*sök från
//! kommandoraden*): the same hits, in the same order, as [`SearchIndex::query`] over
//! [`super::names::index_of`] of that text, without building the index.
//!
//! A command-line search asks one question and exits, so the index's work for every entry
//! (interning, folding, preparing each key for scoring, sorting every key's occurrences) is
//! mostly thrown away. Here every entry line is borrowed from the one buffer the file was
//! read into, and checked first with a cheap pass: every query word must occur in the folded
//! text letter by letter, in order — exactly the condition under which the fuzzy score
//! exists. Only the entries that pass are grouped by folded key, and only those keys are
//! folded, prepared and scored.
//!
//! [`SearchIndex::query`]: super::SearchIndex::query

use std::collections::HashMap;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::fold::{fold, fold_char};
use super::index::{EntryKind, FastHash, Query, Scored, rank};
use super::names::{council_line, entry_line};
use super::skim::{PreparedKey, Scorer};
use crate::domain::NodeId;

/// One goal, indicator or activity of the name list, borrowed from its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuickEntry<'a> {
    pub kind: EntryKind,
    /// The council's slug.
    pub council_id: &'a str,
    /// The council's name as its first block in the list spells it (as the index keeps it).
    pub council_name: &'a str,
    pub year: u16,
    pub node: NodeId,
    pub text: &'a str,
    /// A goal's Agenda 2030 goals as bits; 0 for the others.
    pub sdg: u32,
    council_index: u16,
}

/// One distinct text that matched, with every entry that has it and passes the filters,
/// newest year first.
#[derive(Debug, Clone)]
pub struct QuickHit<'a> {
    /// The text of the first (newest) entry.
    pub text: &'a str,
    pub entries: Vec<QuickEntry<'a>>,
    pub score: i64,
    folded: String,
}

/// The parsed query and its best hits.
#[derive(Debug, Clone)]
pub struct Found<'a> {
    pub query: Query,
    pub hits: Vec<QuickHit<'a>>,
}

impl Found<'_> {
    /// Char indices into `hit.text` of the matched letters, as [`super::Hit::highlight`].
    pub fn highlight(&self, hit: &QuickHit<'_>) -> Vec<usize> {
        let matcher = SkimMatcherV2::default().ignore_case();
        let mut highlight: Vec<usize> = self
            .query
            .words
            .iter()
            .filter_map(|word| matcher.fuzzy_indices(&hit.folded, word))
            .flat_map(|(_, indices)| indices)
            .collect();
        highlight.sort_unstable();
        highlight.dedup();
        highlight
    }
}

/// A council as the entries met it: slug and the name of its first block.
struct CouncilSeen<'a> {
    id: &'a str,
    name: &'a str,
}

/// A folded key whose text matched every word, and its entries in file order.
struct Group<'a> {
    folded: String,
    occurrences: Vec<QuickEntry<'a>>,
}

/// The `limit` best hits for `input` in the name list `text` (a whole file, header line
/// first), ranked as the index ranks them.
pub fn search<'a>(text: &'a str, input: &str, limit: usize) -> Found<'a> {
    let query = Query::parse(input);
    let words: Vec<Vec<char>> = query.words.iter().map(|w| w.chars().collect()).collect();
    let mut councils: Vec<CouncilSeen<'a>> = Vec::new();
    // Consecutive entries borrow the same council slice: compare its address before its text.
    let mut last_council: Option<(*const u8, u16)> = None;
    let mut groups: Vec<Group<'a>> = Vec::new();
    let mut group_of_text: HashMap<&'a str, u32, FastHash> = HashMap::default();
    let mut group_of_key: HashMap<String, u32, FastHash> = HashMap::default();
    let mut council: Option<(&'a str, &'a str, u16)> = None;

    for line in text.lines().skip(1) {
        let Some(entry) = entry_line(line) else {
            if let Some(header) = council_line(line) {
                council = Some(header);
            }
            continue;
        };
        let Some((council_id, council_name, year)) = council else {
            continue;
        };
        let council_index = match last_council {
            Some((address, index)) if address == council_id.as_ptr() => index,
            _ => {
                let index = match councils.iter().position(|seen| seen.id == council_id) {
                    Some(index) => index,
                    None => {
                        councils.push(CouncilSeen {
                            id: council_id,
                            name: council_name,
                        });
                        councils.len() - 1
                    }
                };
                let index = u16::try_from(index).unwrap_or(u16::MAX);
                last_council = Some((council_id.as_ptr(), index));
                index
            }
        };
        let entry_text = entry.text;
        if !words.iter().all(|word| contains_in_order(entry_text, word)) {
            continue;
        }
        let group = match group_of_text.get(entry_text) {
            Some(&group) => group,
            None => {
                let folded = fold(entry_text);
                let group = match group_of_key.get(folded.as_str()) {
                    Some(&group) => group,
                    None => {
                        groups.push(Group {
                            folded: folded.clone(),
                            occurrences: Vec::new(),
                        });
                        let group = (groups.len() - 1) as u32;
                        group_of_key.insert(folded, group);
                        group
                    }
                };
                group_of_text.insert(entry_text, group);
                group
            }
        };
        if let Some(group) = groups.get_mut(group as usize) {
            group.occurrences.push(QuickEntry {
                kind: entry.kind,
                council_id,
                council_name: "",
                year,
                node: entry.node,
                text: entry_text,
                sdg: entry.sdg,
                council_index,
            });
        }
    }

    let allowed = allowed_councils(&query, &councils);
    let passes = |entry: &QuickEntry<'_>| {
        query.kind.is_none_or(|kind| entry.kind == kind)
            && allowed.as_ref().is_none_or(|allowed| {
                allowed
                    .get(usize::from(entry.council_index))
                    .copied()
                    .unwrap_or(false)
            })
            && query
                .year
                .as_ref()
                .is_none_or(|prefix| entry.year.to_string().starts_with(prefix.as_str()))
            && query.sdg.is_none_or(|n| n > 0 && entry.sdg & (1 << n) != 0)
    };
    let mut scorer = Scorer::default();
    let mut scored = Vec::new();
    for (index, group) in groups.iter_mut().enumerate() {
        group.occurrences.sort_by(|a, b| {
            b.year
                .cmp(&a.year)
                .then(a.council_index.cmp(&b.council_index))
                .then(a.node.cmp(&b.node))
        });
        for entry in &mut group.occurrences {
            entry.council_name = councils
                .get(usize::from(entry.council_index))
                .map_or(entry.council_id, |seen| seen.name);
        }
        let Some(newest_year) = group
            .occurrences
            .iter()
            .find(|entry| passes(entry))
            .map(|entry| entry.year)
        else {
            continue;
        };
        let key = PreparedKey::new(&group.folded);
        let Some(score) = words.iter().try_fold(0i64, |total, word| {
            scorer.score(&key, word).map(|score| total + score)
        }) else {
            continue;
        };
        scored.push(Scored {
            key: index as u32,
            score,
            newest_year,
            chars: group.folded.chars().count(),
        });
    }

    let mut hits = Vec::new();
    if limit > 0 {
        if scored.len() > limit {
            scored.select_nth_unstable_by(limit - 1, rank);
            scored.truncate(limit);
        }
        scored.sort_by(rank);
        for winner in scored {
            let Some(group) = groups.get_mut(winner.key as usize) else {
                continue;
            };
            let entries: Vec<QuickEntry<'a>> = group
                .occurrences
                .iter()
                .filter(|entry| passes(entry))
                .copied()
                .collect();
            let Some(first) = entries.first() else {
                continue;
            };
            hits.push(QuickHit {
                text: first.text,
                entries,
                score: winner.score,
                folded: std::mem::take(&mut group.folded),
            });
        }
    }
    Found { query, hits }
}

/// Whether the chars of `word` occur in order in the folded `text` — the condition under
/// which [`Scorer::score`] has a score (it compares with `eq_ignore_ascii_case` too).
fn contains_in_order(text: &str, word: &[char]) -> bool {
    let mut wanted = word.iter();
    let Some(mut next) = wanted.next() else {
        return true;
    };
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        // ASCII folds to its lower case: compare the byte, no decoding; only the other
        // chars (å, ä, ö …) are decoded and folded.
        let folded = if byte.is_ascii() {
            at += 1;
            char::from(byte.to_ascii_lowercase())
        } else {
            let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
                return false;
            };
            at += c.len_utf8();
            fold_char(c)
        };
        if folded.eq_ignore_ascii_case(next) {
            match wanted.next() {
                Some(c) => next = c,
                None => return true,
            }
        }
    }
    false
}

/// For a council filter, which councils (by index) pass it, as the index decides.
fn allowed_councils(query: &Query, councils: &[CouncilSeen<'_>]) -> Option<Vec<bool>> {
    query.council.as_ref().map(|prefix| {
        councils
            .iter()
            .map(|council| {
                let slug = fold(council.id);
                slug.starts_with(prefix.as_str())
                    || fold(council.name).starts_with(prefix.as_str())
                    || slug
                        .split(['-', ' ', '_'])
                        .filter(|part| !part.is_empty())
                        .any(|part| part.starts_with(prefix.as_str()))
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::generate;
    use crate::search::names;

    /// A name list of generated plans, with one council renamed in a later year and a few
    /// malformed lines, as a hand-edited or half-migrated file might hold.
    fn name_list() -> String {
        let mut plans = generate(11, 3, 3);
        if let Some(plan) = plans.last_mut() {
            plan.council.name = "Omdöpt nämnd".into();
        }
        let blocks: Vec<String> = plans.iter().map(names::block).collect();
        let mut text = names::file_text(blocks.iter().map(String::as_str));
        text.push_str("I\tnot-a-number\tTrasig rad\n@\tbroken\tyear\nG\n\nX\t1\tokänd\n");
        text.push_str("A\t999999\tÄldreomsorg  Café\tmed tabb\n");
        text
    }

    #[test]
    fn the_same_hits_in_the_same_order_as_the_index() {
        let text = name_list();
        let index = names::index_of(&text);
        let queries = [
            "",
            "b",
            "bistand",
            "ekonomiskt bistand barn",
            "Ä",
            "cafe",
            "i:",
            "i:trygga",
            "m:aldre",
            "a:",
            "n:soder",
            "n:",
            "y:202",
            "å:2019 sjuk",
            "zzz",
            "ö o",
            "i: m:",
            "n:omdo",
            "xyz:abc",
            "tabb",
            "ALDRE",
            "g:5",
            "g:13 stad",
            "g:",
            "g:99",
        ];
        for input in queries {
            for limit in [0, 1, 7, 100_000] {
                let expected = index.query(input, limit);
                let found = search(&text, input, limit);
                assert_eq!(found.hits.len(), expected.len(), "{input:?} {limit}");
                for (hit, want) in found.hits.iter().zip(&expected) {
                    assert_eq!(hit.text, want.text, "{input:?}");
                    assert_eq!(hit.score, want.score, "{input:?} {}", want.text);
                    assert_eq!(found.highlight(hit), want.highlight, "{input:?}");
                    let got: Vec<_> = hit
                        .entries
                        .iter()
                        .map(|e| (e.kind, e.council_id, e.council_name, e.year, e.node))
                        .collect();
                    let wanted: Vec<_> = want
                        .entries
                        .iter()
                        .map(|e| {
                            (
                                e.kind,
                                e.council.id.as_str(),
                                e.council.name.as_str(),
                                e.year,
                                e.node,
                            )
                        })
                        .collect();
                    assert_eq!(got, wanted, "{input:?} {}", want.text);
                }
            }
        }
    }

    #[test]
    fn the_prefilter_is_the_condition_for_a_score() {
        let mut scorer = Scorer::default();
        for text in ["Ekonomiskt bistånd", "BARN och unga", "Äldre", "a", ""] {
            let key = PreparedKey::new(&fold(text));
            for word in ["bistand", "barn", "ald", "a", "eb", "ö", "x"] {
                let word: Vec<char> = word.chars().collect();
                assert_eq!(
                    contains_in_order(text, &word),
                    scorer.score(&key, &word).is_some(),
                    "{text:?} {word:?}"
                );
            }
        }
    }
}
