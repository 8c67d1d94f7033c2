//! SkimMatcherV2's score, computed over precomputed keys.
//!
//! fuzzy-matcher's `SkimMatcherV2::fuzzy_match` decodes the text into chars, classifies every
//! char for its in-place bonus and allocates, on every call: about 1.5 µs for a 90-char name,
//! so 6 000 distinct keys take 10 ms — the whole keystroke budget. The key never changes, so
//! its chars and bonuses are computed once at index time ([`PreparedKey`]) and only the
//! dynamic programme runs per query.
//!
//! This is a faithful port of fuzzy-matcher 0.3.7 (`skim.rs`, `fuzzy` with `compressed` rows,
//! `ignore_case`, default `SkimScoreConfig`), including its reuse of two rows and the cell a
//! pass starts from; the tests check that it returns exactly the score of a new crate matcher
//! (a reused one can differ, see [`Scorer`]). Folded ASCII keys take a byte path. Highlights
//! still come from the crate (`fuzzy_indices`), for the few hits shown.

/// The default `SkimScoreConfig`.
const SCORE_MATCH: i32 = 16;
const GAP_START: i32 = -3;
const GAP_EXTENSION: i32 = -1;
const BONUS_FIRST_CHAR_MULTIPLIER: i32 = 2;
const BONUS_HEAD: i32 = SCORE_MATCH / 2;
const BONUS_BREAK: i32 = SCORE_MATCH / 2 + GAP_EXTENSION;
const BONUS_CAMEL: i32 = SCORE_MATCH / 2 + 2 * GAP_EXTENSION;
const BONUS_CONSECUTIVE: i32 = -(GAP_START + GAP_EXTENSION);
const PENALTY_CASE_MISMATCH: i32 = GAP_EXTENSION * 2;
const NEG_INFINITY: i32 = i16::MIN as i32;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CharType {
    Empty,
    Upper,
    Lower,
    Number,
    HardSep,
    SoftSep,
}

fn char_type(c: char) -> CharType {
    match c {
        '\0' => CharType::Empty,
        ' ' | '/' | '\\' | '|' | '(' | ')' | '[' | ']' | '{' | '}' => CharType::HardSep,
        '!'..='\'' | '*'..='.' | ':'..='@' | '^'..='`' | '~' => CharType::SoftSep,
        '0'..='9' => CharType::Number,
        'A'..='Z' => CharType::Upper,
        _ => CharType::Lower,
    }
}

/// Bonus for matching a char in its place: word heads, breaks after punctuation, camel humps.
fn in_place_bonus(previous: CharType, current: CharType) -> i32 {
    match (previous, current) {
        (CharType::Empty, _) | (CharType::HardSep, _) => BONUS_HEAD,
        (CharType::SoftSep, _) => BONUS_BREAK,
        (CharType::Lower, CharType::Upper) | (CharType::Number, CharType::Upper) => BONUS_CAMEL,
        _ => 0,
    }
}

/// A key's text. Folded keys are lower case and nearly all ASCII: those are kept as bytes
/// (a quarter of the memory of chars), and against a pattern that is lower-case ASCII too a
/// char matches by equality alone, with no case mismatch to penalise.
#[derive(Debug, Clone)]
enum Text {
    LowerAscii(Box<[u8]>),
    Chars(Box<[char]>),
}

/// ASCII and not a capital: the chars of the byte fast path.
fn is_lower_ascii(c: char) -> bool {
    c.is_ascii() && !c.is_ascii_uppercase()
}

/// A key's text and in-place bonuses, computed once.
#[derive(Debug, Clone)]
pub struct PreparedKey {
    text: Text,
    /// `bonus[j + 1]` is the bonus of char `j`; `bonus[0]` is unused, as in the crate.
    bonus: Box<[i8]>,
}

impl PreparedKey {
    pub fn new(text: &str) -> PreparedKey {
        let chars: Box<[char]> = text.chars().collect();
        let mut bonus = vec![0i8; chars.len() + 1];
        let mut previous = '\0';
        for (j, &c) in chars.iter().enumerate() {
            let value = in_place_bonus(char_type(previous), char_type(c));
            let value = if j == 0 {
                value * BONUS_FIRST_CHAR_MULTIPLIER
            } else {
                value
            };
            if let Some(slot) = bonus.get_mut(j + 1) {
                // The largest bonus is 16: it fits.
                *slot = value as i8;
            }
            previous = c;
        }
        let text = if chars.iter().all(|&c| is_lower_ascii(c)) {
            Text::LowerAscii(text.as_bytes().into())
        } else {
            Text::Chars(chars)
        };
        PreparedKey {
            text,
            bonus: bonus.into_boxed_slice(),
        }
    }
}

/// The crate's match score of key char `c` against pattern char `p`, ignoring ASCII case.
fn match_score(c: char, p: char) -> Option<i32> {
    if !c.eq_ignore_ascii_case(&p) {
        return None;
    }
    let penalty = if p != c { PENALTY_CASE_MISMATCH } else { 0 };
    Some((SCORE_MATCH + penalty).max(0))
}

/// Reusable rows for [`Scorer::score`]: one scorer per scan, not per key.
///
/// The programme keeps two rows, as the crate's compressed matrix does: pattern char `i`
/// fills row `(i + 1) % 2` from row `i % 2`. Each of the crate's cell fields is its own
/// array (`m`: `m_score`, `p`: `p_score`), so the inner loop reads and writes plain `i32`s.
///
/// The crate's cells also hold a `bonus` for runs of consecutive matches. A cell's bonus is
/// only ever set to 0 or to the max of its old value, its own char's in-place bonus and
/// `BONUS_CONSECUTIVE`, so in a new matrix it is always 0 or
/// `max(in-place, BONUS_CONSECUTIVE)`, and the run bonus it gives is the latter: computed
/// here, not stored. The crate never clears its matrix between calls, so on a reused
/// matcher another key's bonus can be read (`fuzzy_match("ssss", "sss")` is 71 on a new
/// matcher, 75 after `fuzzy_match("s ss", "s")`); this port returns the new matcher's score.
#[derive(Debug, Default)]
pub struct Scorer {
    m: [Vec<i32>; 2],
    p: [Vec<i32>; 2],
    first_matches: Vec<usize>,
}

/// One row's match and skip scores over a range of columns.
struct Row<'a> {
    m: &'a [i32],
    p: &'a [i32],
}

/// The row being filled, over the same columns plus the one after.
struct RowMut<'a> {
    m: &'a mut [i32],
    p: &'a mut [i32],
}

impl Scorer {
    /// The score `SkimMatcherV2::default().ignore_case().fuzzy_match(key, pattern)` returns.
    pub fn score(&mut self, key: &PreparedKey, pattern: &[char]) -> Option<i64> {
        match &key.text {
            // The finder's case: both folded, so `eq_ignore_ascii_case` is equality.
            Text::LowerAscii(bytes) if pattern.iter().all(|&p| is_lower_ascii(p)) => self
                .score_with(bytes, &key.bonus, pattern, |c, p| {
                    (char::from(c) == p).then_some(SCORE_MATCH)
                }),
            Text::LowerAscii(bytes) => self.score_with(bytes, &key.bonus, pattern, |c, p| {
                match_score(char::from(c), p)
            }),
            Text::Chars(chars) => self.score_with(chars, &key.bonus, pattern, match_score),
        }
    }

    /// The programme over `choice` (a key's chars or bytes) with `matches` as match score.
    fn score_with<K: Copy>(
        &mut self,
        choice: &[K],
        bonus: &[i8],
        pattern: &[char],
        matches: impl Fn(K, char) -> Option<i32>,
    ) -> Option<i64> {
        match pattern {
            [] => return Some(0),
            // One char (the first keystroke, the costliest scan): row 0 holds -infinity
            // matches and -1 skips, so the programme reduces to the best in-place bonus.
            [p] => {
                return choice
                    .iter()
                    .zip(bonus.iter().skip(1))
                    .filter_map(|(&c, &bonus)| {
                        matches(c, *p).map(|score| GAP_EXTENSION + i32::from(bonus) + score)
                    })
                    .max()
                    .map(i64::from);
            }
            _ => {}
        }
        // cheap_matches: the first place each pattern char can match, greedily.
        self.first_matches.clear();
        let mut from = 0;
        for &p in pattern {
            let place = from
                + choice
                    .get(from..)?
                    .iter()
                    .position(|&c| matches(c, p).is_some())?;
            self.first_matches.push(place);
            from = place + 1;
        }
        let first_matches = &self.first_matches;

        let cols = choice.len() + 1;
        // Columns after the last place the last pattern char can match only hold -infinity
        // in the last row and feed nothing before it, so the programme stops there.
        let end = pattern
            .last()
            .and_then(|&last| choice.iter().rposition(|&c| matches(c, last).is_some()))
            .map_or(choice.len(), |position| position + 1);
        for row in self.m.iter_mut().chain(&mut self.p) {
            if row.len() < cols {
                row.resize(cols, 0);
            }
        }
        let [m0, m1] = &mut self.m;
        let [p0, p1] = &mut self.p;
        // Row 0 is the empty pattern: nothing matched, every skip costs one extension.
        m0[..=end].fill(NEG_INFINITY);
        p0[..=end].fill(GAP_EXTENSION);
        // Row 1 before the first pattern char's first place: reset as the crate does.
        let first = first_matches.first().copied().unwrap_or(0);
        m1[first] = NEG_INFINITY;
        p1[first] = NEG_INFINITY;

        for (i, &p) in pattern.iter().enumerate() {
            let to_skip = first_matches.get(i).copied().unwrap_or(0);
            let even = i % 2 == 0;
            let (previous_m, current_m) = if even {
                (&*m0, &mut *m1)
            } else {
                (&*m1, &mut *m0)
            };
            let (previous_p, current_p) = if even {
                (&*p0, &mut *p1)
            } else {
                (&*p1, &mut *p0)
            };
            fill_row(
                &choice[to_skip..end],
                &bonus[to_skip + 1..=end],
                |c| matches(c, p),
                Row {
                    m: &previous_m[to_skip..end],
                    p: &previous_p[to_skip..end],
                },
                RowMut {
                    m: &mut current_m[to_skip..=end],
                    p: &mut current_p[to_skip..=end],
                },
            );
        }

        let last_row = if pattern.len() % 2 == 1 { m1 } else { m0 };
        let first_col = first_matches.last().copied().unwrap_or(0);
        last_row
            .get(first_col..=end)
            .unwrap_or_default()
            .iter()
            .max()
            .copied()
            .map(i64::from)
    }
}

/// Fills `current` from `previous` for one pattern char: `choice`, `in_place` (the chars'
/// bonuses) and `previous` start at the pass's first column, `current` one column earlier
/// (the cell it starts from) and ends one later.
fn fill_row<K: Copy>(
    choice: &[K],
    in_place: &[i8],
    matches: impl Fn(K) -> Option<i32>,
    previous: Row<'_>,
    current: RowMut<'_>,
) {
    let n = choice.len();
    // Slices of one length, so the loop needs no bounds checks.
    let (in_place, previous_m, previous_p) = (&in_place[..n], &previous.m[..n], &previous.p[..n]);
    let (m, p) = (&mut current.m[..=n], &mut current.p[..=n]);
    // The cell left of column j + 1 was written in the step before: kept in registers rather
    // than read back, since the skip score is a chain from column to column.
    let mut last_m = m[0];
    let mut last_p = p[0];
    for j in 0..n {
        let m_score = match matches(choice[j]) {
            Some(score) => {
                let in_place = i32::from(in_place[j]);
                let via_match = previous_m[j] + in_place.max(BONUS_CONSECUTIVE);
                let via_skip = previous_p[j] + in_place;
                via_match.max(via_skip) + score
            }
            None => NEG_INFINITY,
        };
        let p_score = (GAP_START + GAP_EXTENSION + last_m).max(GAP_EXTENSION + last_p);
        m[j + 1] = m_score;
        p[j + 1] = p_score;
        last_m = m_score;
        last_p = p_score;
    }
}

#[cfg(test)]
mod tests {
    use fuzzy_matcher::FuzzyMatcher;
    use fuzzy_matcher::skim::SkimMatcherV2;

    use super::*;
    use crate::search::fold;

    /// The crate's score on a new matcher: one that no earlier call has left bonuses in.
    fn crate_score(text: &str, pattern: &str) -> Option<i64> {
        SkimMatcherV2::default()
            .ignore_case()
            .fuzzy_match(text, pattern)
    }

    fn texts() -> Vec<String> {
        let plans = crate::demo::generate(11, 3, 3);
        let originals: Vec<String> = plans
            .iter()
            .flat_map(|plan| {
                let goals = plan.goals_depth_first();
                let mut out: Vec<String> = goals.iter().map(|g| g.heading()).collect();
                out.extend(plan.indicators().map(|(_, i)| i.name.clone()));
                out.extend(plan.activities().map(|(_, a)| a.title.clone()));
                out
            })
            .collect();
        let mut texts: Vec<String> = originals.iter().map(|text| fold(text)).collect();
        texts.sort();
        texts.dedup();
        // Unfolded texts (capitals, å ä ö) take the char path.
        texts.extend(originals.iter().step_by(40).cloned());
        texts.extend(
            [
                "",
                "a",
                "x.y/z",
                "Abc Def",
                "a1B2",
                "i:andel",
                "ö ö",
                "(gwh) 1 050 st",
                "ssss",
                "sssss",
                "s ss",
                "ss ss",
                "mississippi",
                "ÄLDRE äldre ALD",
                "naïve café",
            ]
            .map(str::to_owned),
        );
        texts
    }

    #[test]
    fn the_port_scores_exactly_like_the_crate() {
        let mut scorer = Scorer::default();
        let mut patterns: Vec<String> = ('a'..='z').map(String::from).collect();
        patterns.extend(
            [
                "bis",
                "bistandb",
                "aldrenoj",
                "ald",
                "andel",
                "nojd",
                "s",
                "ss",
                "sss",
                "ssss",
                "xyz",
                "2020",
                "a ",
                " a",
                "fr",
                "kf",
                "st",
                "e e",
                "gwh",
                "(",
                "1.1",
                "ab",
                "tt",
                "eee",
                "aaaaa",
                "sjukfranvaro",
                "forvaltningen ska",
                "Ab",
                "A",
                "Ald",
                "ALD",
                "ö",
                "äl",
                "é",
            ]
            .map(str::to_owned),
        );
        let texts = texts();
        assert!(texts.len() > 300);
        // Patterns cut from the texts themselves match in many places: prefixes, every fifth
        // char, the tail.
        for text in texts.iter().step_by(29) {
            let chars: Vec<char> = text.chars().collect();
            patterns.push(chars.iter().take(4).collect());
            patterns.push(chars.iter().step_by(5).take(6).collect());
            patterns.push(chars.iter().rev().take(3).rev().collect());
        }
        // Pairs compared on each path: the bytes fast path, bytes against a pattern with a
        // capital or a non-ASCII char, and keys kept as chars.
        let mut compared = [0; 3];
        for text in &texts {
            let key = PreparedKey::new(text);
            for pattern in &patterns {
                let chars: Vec<char> = pattern.chars().collect();
                let ours = scorer.score(&key, &chars);
                assert_eq!(ours, crate_score(text, pattern), "{text:?} / {pattern:?}");
                let path = match key.text {
                    Text::LowerAscii(_) if chars.iter().all(|&c| is_lower_ascii(c)) => 0,
                    Text::LowerAscii(_) => 1,
                    Text::Chars(_) => 2,
                };
                compared[path] += 1;
            }
        }
        assert!(compared[0] > 10_000, "{compared:?}");
        assert!(compared[1] > 1_000, "{compared:?}");
        assert!(compared[2] > 1_000, "{compared:?}");
    }

    #[test]
    fn a_score_does_not_depend_on_the_keys_scored_before() {
        // The crate's own matcher returns 75 here after `fuzzy_match("s ss", "s")`, and so did
        // this port after `("s ss", "ss")` while it kept the crate's never-cleared bonuses.
        let pattern: Vec<char> = "sss".chars().collect();
        let key = PreparedKey::new("ssss");
        let mut scorer = Scorer::default();
        let alone = scorer.score(&key, &pattern);
        assert_eq!(alone, crate_score("ssss", "sss"));
        for (before, before_pattern) in [("s ss", "ss"), ("ss ss", "ss"), ("x ss sss", "sss")] {
            let chars: Vec<char> = before_pattern.chars().collect();
            scorer.score(&PreparedKey::new(before), &chars);
            assert_eq!(scorer.score(&key, &pattern), alone, "after {before:?}");
        }
    }

    #[test]
    fn random_short_texts_score_like_the_crate() {
        // Repeated letters, capitals, non-ASCII and separators in every combination the
        // corpus may miss; each pair as typed and folded (the byte path).
        let alphabet: Vec<char> = "sSaA ö-_1xéÖ(".chars().collect();
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        let mut scorer = Scorer::default();
        for _ in 0..20_000 {
            let text: String = (0..next(14))
                .map(|_| alphabet[next(alphabet.len())])
                .collect();
            let pattern: String = (0..1 + next(5))
                .map(|_| alphabet[next(alphabet.len())])
                .collect();
            for (text, pattern) in [
                (text.clone(), pattern.clone()),
                (fold(&text), fold(&pattern)),
            ] {
                let chars: Vec<char> = pattern.chars().collect();
                let ours = scorer.score(&PreparedKey::new(&text), &chars);
                assert_eq!(ours, crate_score(&text, &pattern), "{text:?} / {pattern:?}");
            }
        }
    }
}
