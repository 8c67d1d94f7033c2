//! The finder's index over every goal, indicator and activity of all councils and years.
//!
//! Each entry is matched on its folded search key ([`super::fold()`]). Identical keys are
//! stored once: the same indicator name recurs in every council and year, so a query scores
//! each distinct key once and fans the hit out to all its occurrences ([`Hit::entries`]).
//!
//! # Query syntax
//! Words are separated by spaces; every word must match (fuzzy, in order of its letters) and
//! the scores add up. Case and diacritics never matter: "Ö", "ö" and "o" are the same letter.
//! A word with one of these prefixes filters instead of matching text:
//!
//! | prefix | filter | example |
//! |---|---|---|
//! | `m:` | goals (*mål*) only | `m:` or `m:aldre` (filter plus the word "aldre") |
//! | `i:` | indicators only | `i:bistand` |
//! | `a:` | activities only | `a:feriejobb` |
//! | `n:` | council (*nämnd*): prefix of its slug, of a part of the slug, or of its name | `n:soder`, `n:vantor` |
//! | `å:` or `y:` | year, by prefix of the four digits | `å:2020`, `y:202` |
//! | `g:` | goals citing an Agenda 2030 goal (*globala målen*, 1–17) | `g:5`, `g:13 klimat` |
//!
//! The last kind prefix wins; an empty filter value (`n:`) filters nothing yet.
//!
//! # Ranking
//! Higher fuzzy score first (fuzzy-matcher's `SkimMatcherV2` rewards consecutive letters and
//! word starts, so an exact word beats a scattered match; an exact port over precomputed keys,
//! [`super::skim`], computes it); ties go to the newer year, then to
//! the shorter text.
//!
//! # Incremental narrowing
//! A [`Finder`] remembers which keys matched its previous query. When the new query only
//! narrows it (a word grew, a filter was added or lengthened), every new match is among those
//! keys, so only they are rescanned.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::sync::Arc;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::fold::fold;
use super::skim::{PreparedKey, Scorer};
use crate::domain::{Council, NodeId, PlanYear};

/// What an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntryKind {
    Goal,
    Indicator,
    Activity,
}

impl EntryKind {
    /// The Swedish label shown in the finder.
    pub fn label(self) -> &'static str {
        match self {
            EntryKind::Goal => "Mål",
            EntryKind::Indicator => "Indikator",
            EntryKind::Activity => "Aktivitet",
        }
    }

    fn bit(self) -> u8 {
        match self {
            EntryKind::Goal => 1,
            EntryKind::Indicator => 2,
            EntryKind::Activity => 4,
        }
    }
}

/// One goal, indicator or activity in one council's year.
#[derive(Debug, Clone)]
pub struct Entry {
    pub kind: EntryKind,
    pub council: Arc<Council>,
    pub year: u16,
    /// The node's id within its plan year.
    pub node: NodeId,
    /// What the finder shows: a goal's heading ("1.1.1 Title"), an indicator's name, an
    /// activity's title.
    pub text: Arc<str>,
    /// A goal's Agenda 2030 goals as bits ([`super::names::sdg_bits`]); 0 for the others.
    pub sdg: u32,
    council_index: u16,
}

/// A distinct search key and every entry that has it.
#[derive(Debug)]
struct Key {
    folded: String,
    /// The folded text ready for scoring ([`super::skim`]).
    prepared: PreparedKey,
    /// Length of the text in chars: the second tie-break.
    chars: usize,
    /// Union of the occurrences' kinds, so a kind filter skips a key without matching it.
    kinds: u8,
    /// Entry indices, newest year first.
    occurrences: Vec<u32>,
}

/// A council as the `n:` filter sees it.
#[derive(Debug)]
struct CouncilKey {
    slug: String,
    slug_parts: Vec<String>,
    folded_name: String,
}

/// A parsed query: filters and the words to match.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    pub kind: Option<EntryKind>,
    /// Folded prefix for the council filter.
    pub council: Option<String>,
    /// Prefix of the year's digits.
    pub year: Option<String>,
    /// An Agenda 2030 goal a goal must cite (`g:5`); 0 for a value that is no goal number,
    /// which nothing cites.
    pub sdg: Option<u8>,
    /// Folded words, each of which must match.
    pub words: Vec<String>,
}

impl Query {
    /// Parses the finder's input; see the module doc for the syntax.
    pub fn parse(input: &str) -> Query {
        let mut query = Query::default();
        for token in input.split_whitespace() {
            // Prefixes are read before folding: folded, "å:" would read as "a:".
            let lower = token.to_lowercase();
            let (kind, rest) = if let Some(rest) = lower.strip_prefix("m:") {
                (Some(EntryKind::Goal), rest)
            } else if let Some(rest) = lower.strip_prefix("i:") {
                (Some(EntryKind::Indicator), rest)
            } else if let Some(rest) = lower.strip_prefix("a:") {
                (Some(EntryKind::Activity), rest)
            } else {
                (None, lower.as_str())
            };
            if kind.is_some() {
                query.kind = kind;
                if !rest.is_empty() {
                    query.words.push(fold(rest));
                }
                continue;
            }
            if let Some(value) = lower.strip_prefix("g:") {
                query.sdg = (!value.is_empty()).then(|| {
                    value
                        .parse::<u8>()
                        .ok()
                        .filter(|n| (1..=17).contains(n))
                        .unwrap_or(0)
                });
            } else if let Some(value) = lower.strip_prefix("n:") {
                query.council = (!value.is_empty()).then(|| fold(value));
            } else if let Some(value) = lower
                .strip_prefix("å:")
                .or_else(|| lower.strip_prefix("y:"))
            {
                query.year = (!value.is_empty()).then(|| value.to_owned());
            } else {
                query.words.push(fold(&lower));
            }
        }
        query
    }

    /// True when every match of `self` is also a match of `earlier`, so a search for `self`
    /// needs to look only at `earlier`'s matches.
    pub fn refines(&self, earlier: &Query) -> bool {
        let kind_ok = earlier.kind.is_none() || earlier.kind == self.kind;
        let prefix_ok = |new: &Option<String>, old: &Option<String>| match (new, old) {
            (_, None) => true,
            (Some(new), Some(old)) => new.starts_with(old.as_str()),
            (None, Some(_)) => false,
        };
        // A word that contains the earlier word as a subsequence only matches texts that the
        // earlier word matched; extra words only add conditions.
        let words_ok = earlier.words.len() <= self.words.len()
            && earlier
                .words
                .iter()
                .zip(&self.words)
                .all(|(old, new)| is_subsequence(old, new));
        let sdg_ok = earlier.sdg.is_none() || earlier.sdg == self.sdg;
        kind_ok
            && sdg_ok
            && prefix_ok(&self.council, &earlier.council)
            && prefix_ok(&self.year, &earlier.year)
            && words_ok
    }
}

/// Whether the chars of `needle` occur in `haystack` in order.
fn is_subsequence(needle: &str, haystack: &str) -> bool {
    let mut rest = haystack.chars();
    needle.chars().all(|c| rest.any(|h| h == c))
}

/// One distinct text that matched, with every entry that has it.
#[derive(Debug, Clone)]
pub struct Hit<'a> {
    /// The text of the first (newest) entry.
    pub text: &'a str,
    /// Every occurrence that passes the query's filters, newest year first.
    pub entries: Vec<&'a Entry>,
    pub score: i64,
    /// Char indices into `text` (and into every entry's text) of the matched letters.
    pub highlight: Vec<usize>,
}

/// A key that matched, before the winners get their highlights.
#[derive(Debug, Clone, Copy)]
pub(super) struct Scored {
    pub(super) key: u32,
    pub(super) score: i64,
    pub(super) newest_year: u16,
    pub(super) chars: usize,
}

/// Best first: score, then newer year, then shorter text, then index order for stability.
pub(super) fn rank(a: &Scored, b: &Scored) -> Ordering {
    b.score
        .cmp(&a.score)
        .then(b.newest_year.cmp(&a.newest_year))
        .then(a.chars.cmp(&b.chars))
        .then(a.key.cmp(&b.key))
}

/// The index: entries, their distinct keys and the councils.
pub struct SearchIndex {
    entries: Vec<Entry>,
    keys: Vec<Key>,
    councils: Vec<CouncilKey>,
    matcher: SkimMatcherV2,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("entries", &self.entries.len())
            .field("distinct_keys", &self.keys.len())
            .field("councils", &self.councils.len())
            .finish()
    }
}

impl SearchIndex {
    /// Indexes every goal, indicator and activity of `plans`.
    pub fn build(plans: &[PlanYear]) -> SearchIndex {
        let mut builder = IndexBuilder::default();
        for plan in plans {
            builder.add_plan(plan);
        }
        builder.finish()
    }

    /// Number of entries (goals + indicators + activities over all plans).
    pub fn entry_count(&self) -> usize {
        self.entries.len()
    }

    /// Number of distinct search keys: what a query actually scans.
    pub fn distinct_key_count(&self) -> usize {
        self.keys.len()
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// A fresh query over the whole index: the `limit` best hits.
    pub fn query(&self, input: &str, limit: usize) -> Vec<Hit<'_>> {
        let query = Query::parse(input);
        let scored = self.scan(&query, 0..self.keys.len() as u32);
        self.hits(&query, scored, limit)
    }

    /// Scores the candidate keys against `query`; returns every key that matches.
    fn scan(&self, query: &Query, candidates: impl Iterator<Item = u32>) -> Vec<Scored> {
        let kind_bit = query.kind.map_or(0xff, EntryKind::bit);
        let allowed_councils = self.allowed_councils(query);
        let filters_entries = query.kind.is_some()
            || query.council.is_some()
            || query.year.is_some()
            || query.sdg.is_some();
        let words: Vec<Vec<char>> = query.words.iter().map(|w| w.chars().collect()).collect();
        let mut scorer = Scorer::default();
        let mut out = Vec::new();
        for key_index in candidates {
            let Some(key) = self.keys.get(key_index as usize) else {
                continue;
            };
            if key.kinds & kind_bit == 0 {
                continue;
            }
            let Some(score) = words.iter().try_fold(0i64, |total, word| {
                scorer.score(&key.prepared, word).map(|score| total + score)
            }) else {
                continue;
            };
            let newest_year = if filters_entries {
                match key
                    .occurrences
                    .iter()
                    .map(|&e| &self.entries[e as usize])
                    .find(|entry| self.passes(entry, query, allowed_councils.as_deref()))
                {
                    Some(entry) => entry.year,
                    None => continue,
                }
            } else {
                key.occurrences
                    .first()
                    .map_or(0, |&e| self.entries[e as usize].year)
            };
            out.push(Scored {
                key: key_index,
                score,
                newest_year,
                chars: key.chars,
            });
        }
        out
    }

    /// For a council filter, which councils (by index) pass it.
    fn allowed_councils(&self, query: &Query) -> Option<Vec<bool>> {
        query.council.as_ref().map(|prefix| {
            self.councils
                .iter()
                .map(|council| {
                    council.slug.starts_with(prefix.as_str())
                        || council.folded_name.starts_with(prefix.as_str())
                        || council
                            .slug_parts
                            .iter()
                            .any(|part| part.starts_with(prefix.as_str()))
                })
                .collect()
        })
    }

    fn passes(&self, entry: &Entry, query: &Query, allowed_councils: Option<&[bool]>) -> bool {
        query.kind.is_none_or(|kind| entry.kind == kind)
            && allowed_councils.is_none_or(|allowed| {
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
    }

    /// Ranks `scored`, keeps the best `limit` and gives them their entries and highlights.
    fn hits(&self, query: &Query, mut scored: Vec<Scored>, limit: usize) -> Vec<Hit<'_>> {
        if limit == 0 {
            return Vec::new();
        }
        if scored.len() > limit {
            scored.select_nth_unstable_by(limit - 1, rank);
            scored.truncate(limit);
        }
        scored.sort_by(rank);
        let allowed_councils = self.allowed_councils(query);
        scored
            .into_iter()
            .filter_map(|scored| {
                let key = self.keys.get(scored.key as usize)?;
                let entries: Vec<&Entry> = key
                    .occurrences
                    .iter()
                    .map(|&e| &self.entries[e as usize])
                    .filter(|entry| self.passes(entry, query, allowed_councils.as_deref()))
                    .collect();
                let first = entries.first()?;
                let mut highlight: Vec<usize> = query
                    .words
                    .iter()
                    .filter_map(|word| self.matcher.fuzzy_indices(&key.folded, word))
                    .flat_map(|(_, indices)| indices)
                    .collect();
                highlight.sort_unstable();
                highlight.dedup();
                Some(Hit {
                    text: &first.text,
                    entries,
                    score: scored.score,
                    highlight,
                })
            })
            .collect()
    }
}

/// Builds a [`SearchIndex`] entry by entry: from plan years ([`IndexBuilder::add_plan`]) or
/// from a stored name list ([`IndexBuilder::add`]), which is how `malkoll find` avoids
/// loading whole plan years.
#[derive(Debug, Default)]
pub struct IndexBuilder {
    council_index: HashMap<String, u16>,
    councils: Vec<Arc<Council>>,
    entries: Vec<Entry>,
    /// Display texts are interned: the same name is stored once, however often it recurs,
    /// and folded once: each text maps to its key.
    texts: HashMap<Arc<str>, u32, FastHash>,
    keys: Vec<Key>,
    key_of: HashMap<String, u32, FastHash>,
}

/// FNV-1a: the builder hashes tens of thousands of short texts, where SipHash's resistance to
/// chosen collisions buys nothing (the texts are the user's own data) and costs a third of
/// the build.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct FastHash;

impl std::hash::BuildHasher for FastHash {
    type Hasher = Fnv1a;
    fn build_hasher(&self) -> Fnv1a {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }
}

#[derive(Debug)]
pub(super) struct Fnv1a(u64);

impl std::hash::Hasher for Fnv1a {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

impl IndexBuilder {
    /// Adds every goal, indicator and activity of one plan year.
    pub fn add_plan(&mut self, plan: &PlanYear) {
        for goal in plan.goals_depth_first() {
            self.add(
                &plan.council,
                plan.year,
                EntryKind::Goal,
                goal.id,
                &goal.heading(),
                super::names::sdg_bits(goal.sdg_refs.iter().copied()),
            );
            for indicator in &goal.indicators {
                self.add(
                    &plan.council,
                    plan.year,
                    EntryKind::Indicator,
                    indicator.id,
                    &indicator.name,
                    0,
                );
            }
            for activity in &goal.activities {
                self.add(
                    &plan.council,
                    plan.year,
                    EntryKind::Activity,
                    activity.id,
                    &activity.title,
                    0,
                );
            }
        }
    }

    /// Adds one entry; `sdg` is a goal's Agenda 2030 goals as bits, else 0.
    pub fn add(
        &mut self,
        council: &Council,
        year: u16,
        kind: EntryKind,
        node: NodeId,
        text: &str,
        sdg: u32,
    ) {
        let council_index = match self.council_index.get(council.id.as_str()) {
            Some(&index) => index,
            None => {
                self.councils.push(Arc::new(council.clone()));
                let index = u16::try_from(self.councils.len() - 1).unwrap_or(u16::MAX);
                self.council_index.insert(council.id.clone(), index);
                index
            }
        };
        let council_arc = self
            .councils
            .get(usize::from(council_index))
            .cloned()
            .unwrap_or_else(|| Arc::new(council.clone()));
        let (shared, key) = match self.texts.get_key_value(text) {
            Some((shared, &key)) => (shared.clone(), key),
            None => {
                let shared: Arc<str> = Arc::from(text);
                let key = self.key_for(fold(text));
                self.texts.insert(shared.clone(), key);
                (shared, key)
            }
        };
        let entry_index = self.entries.len() as u32;
        if let Some(key) = self.keys.get_mut(key as usize) {
            key.kinds |= kind.bit();
            key.occurrences.push(entry_index);
        }
        self.entries.push(Entry {
            kind,
            council: council_arc,
            year,
            node,
            text: shared,
            sdg,
            council_index,
        });
    }

    /// The key of a folded text, made when it is new.
    fn key_for(&mut self, folded: String) -> u32 {
        if let Some(&key) = self.key_of.get(folded.as_str()) {
            return key;
        }
        self.keys.push(Key {
            chars: folded.chars().count(),
            prepared: PreparedKey::new(&folded),
            folded: folded.clone(),
            kinds: 0,
            occurrences: Vec::new(),
        });
        let key = (self.keys.len() - 1) as u32;
        self.key_of.insert(folded, key);
        key
    }

    /// The finished index.
    pub fn finish(self) -> SearchIndex {
        let IndexBuilder {
            councils,
            entries,
            mut keys,
            ..
        } = self;
        for key in &mut keys {
            key.occurrences.sort_by(|&a, &b| {
                let (a, b) = (&entries[a as usize], &entries[b as usize]);
                b.year
                    .cmp(&a.year)
                    .then(a.council_index.cmp(&b.council_index))
                    .then(a.node.cmp(&b.node))
            });
        }
        let councils = councils
            .iter()
            .map(|council| {
                let slug = fold(&council.id);
                CouncilKey {
                    slug_parts: slug
                        .split(['-', ' ', '_'])
                        .filter(|part| !part.is_empty())
                        .map(str::to_owned)
                        .collect(),
                    slug,
                    folded_name: fold(&council.name),
                }
            })
            .collect();
        SearchIndex {
            entries,
            keys,
            councils,
            // Keys and query are folded to lower case already; ignoring case saves the check.
            matcher: SkimMatcherV2::default().ignore_case(),
        }
    }
}

/// What a finder session remembers between keystrokes, without borrowing the index: the
/// previous query and the keys it matched. [`SearchIndex::query_narrowing`] uses it; an app
/// that owns its index (behind an `Arc`) keeps one of these instead of a [`Finder`].
#[derive(Debug, Default, Clone)]
pub struct NarrowingState {
    previous: Option<(Query, Vec<u32>)>,
    last_scanned: usize,
}

impl NarrowingState {
    /// How many distinct keys the last query scanned.
    pub fn last_scanned(&self) -> usize {
        self.last_scanned
    }

    /// Forgets the previous query: the next one scans everything.
    pub fn reset(&mut self) {
        self.previous = None;
    }
}

impl SearchIndex {
    /// The `limit` best hits for `input`, narrowing from the query remembered in `state`
    /// when the new one only narrows it (see the module doc).
    pub fn query_narrowing(
        &self,
        input: &str,
        limit: usize,
        state: &mut NarrowingState,
    ) -> Vec<Hit<'_>> {
        let query = Query::parse(input);
        let scored = match &state.previous {
            Some((earlier, matched)) if query.refines(earlier) => {
                state.last_scanned = matched.len();
                self.scan(&query, matched.iter().copied())
            }
            _ => {
                state.last_scanned = self.keys.len();
                self.scan(&query, 0..self.keys.len() as u32)
            }
        };
        state.previous = Some((query.clone(), scored.iter().map(|s| s.key).collect()));
        self.hits(&query, scored, limit)
    }
}

/// A finder session: remembers the keys that matched the last query, so that typing one more
/// letter rescans only those.
#[derive(Debug)]
pub struct Finder<'a> {
    index: &'a SearchIndex,
    state: NarrowingState,
}

impl<'a> Finder<'a> {
    pub fn new(index: &'a SearchIndex) -> Finder<'a> {
        Finder {
            index,
            state: NarrowingState::default(),
        }
    }

    /// The `limit` best hits for `input`, narrowing from the previous query when it can.
    pub fn query(&mut self, input: &str, limit: usize) -> Vec<Hit<'a>> {
        self.index.query_narrowing(input, limit, &mut self.state)
    }

    /// How many distinct keys the last query scanned (all of them, or the previous matches).
    pub fn last_scanned(&self) -> usize {
        self.state.last_scanned()
    }

    /// Forgets the previous query: the next one scans everything.
    pub fn reset(&mut self) {
        self.state.reset();
    }
}
