//! SkimMatcherV2's score, computed over precomputed keys.
//!
//! fuzzy-matcher's `SkimMatcherV2::fuzzy_match` decodes the text into chars, classifies every
//! char for its in-place bonus and allocates, on every call: about 1.5 µs for a 90-char name,
//! so 6 000 distinct keys take 10 ms — the whole keystroke budget. The key never changes, so
//! its chars and bonuses are computed once at index time ([`PreparedKey`]) and only the
//! dynamic programme runs per query.
//!
//! This is a faithful port of fuzzy-matcher 0.3.7 (`skim.rs`, `fuzzy` with `compressed` rows,
//! `ignore_case`, default `SkimScoreConfig`), including its reuse of two rows; the tests check
//! that it returns exactly the crate's score. Highlights still come from the crate
//! (`fuzzy_indices`), for the few hits shown.

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

/// A key's chars and in-place bonuses, computed once.
#[derive(Debug, Clone)]
pub struct PreparedKey {
    chars: Box<[char]>,
    /// `bonus[j + 1]` is the bonus of `chars[j]`; `bonus[0]` is unused, as in the crate.
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
        PreparedKey {
            chars,
            bonus: bonus.into_boxed_slice(),
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Cell {
    m_score: i32,
    p_score: i32,
    bonus: i32,
}

const RESET: Cell = Cell {
    m_score: NEG_INFINITY,
    p_score: NEG_INFINITY,
    bonus: 0,
};

/// Reusable buffers for [`Scorer::score`]: one per scan, not per key.
#[derive(Debug, Default)]
pub struct Scorer {
    matrix: Vec<Cell>,
    first_matches: Vec<usize>,
}

fn match_score(c: char, p: char) -> Option<i32> {
    if !c.eq_ignore_ascii_case(&p) {
        return None;
    }
    let penalty = if p != c { PENALTY_CASE_MISMATCH } else { 0 };
    Some((SCORE_MATCH + penalty).max(0))
}

impl Scorer {
    /// The score `SkimMatcherV2::default().ignore_case().fuzzy_match(key, pattern)` returns.
    pub fn score(&mut self, key: &PreparedKey, pattern: &[char]) -> Option<i64> {
        let choice = &key.chars;
        match pattern {
            [] => return Some(0),
            // One char (the first keystroke, the costliest scan): row 0 holds -infinity
            // matches and -1 skips, so the programme reduces to the best in-place bonus.
            [p] => {
                return choice
                    .iter()
                    .zip(key.bonus.iter().skip(1))
                    .filter_map(|(&c, &bonus)| {
                        match_score(c, *p).map(|score| GAP_EXTENSION + i32::from(bonus) + score)
                    })
                    .max()
                    .map(i64::from);
            }
            _ => {}
        }
        // cheap_matches: the first place each pattern char can match, greedily.
        self.first_matches.clear();
        let mut next = pattern.iter().peekable();
        for (index, &c) in choice.iter().enumerate() {
            match next.peek() {
                Some(&&p) if c.eq_ignore_ascii_case(&p) => {
                    self.first_matches.push(index);
                    next.next();
                }
                Some(_) => {}
                None => break,
            }
        }
        if next.peek().is_some() {
            return None;
        }

        let cols = choice.len() + 1;
        // Columns after the last place the last pattern char can match only hold -infinity
        // in the last row and feed nothing before it, so the programme stops there.
        let end = pattern
            .last()
            .and_then(|last| choice.iter().rposition(|c| c.eq_ignore_ascii_case(last)))
            .map_or(choice.len(), |position| position + 1);
        // Every score that is read has been written in this call (row 0 and one cell of row 1
        // below, the rest by the pass two rows up). A bonus can be read in a later pass than
        // the one that wrote it, and the crate never clears its matrix between calls, so its
        // score can depend on the calls before (`fuzzy_match("ssss", "sss")` is 71 on a new
        // matcher, 75 after `fuzzy_match("s ss", "s")`). Row 1's bonuses are cleared too: the
        // score is the one a new matcher returns, whatever was scored before.
        if self.matrix.len() < 2 * cols {
            self.matrix.resize(2 * cols, RESET);
        }
        let (row0, rest) = self.matrix.split_at_mut(cols);
        let row1 = &mut rest[..cols];
        for cell in row1.iter_mut() {
            cell.bonus = 0;
        }
        // Row 0 is the empty pattern: nothing matched, every skip costs one extension.
        for cell in row0.iter_mut() {
            *cell = Cell {
                p_score: GAP_EXTENSION,
                ..RESET
            };
        }
        if let Some(cell) = self
            .first_matches
            .first()
            .and_then(|&first| row1.get_mut(first))
        {
            *cell = RESET;
        }

        for (i, &p) in pattern.iter().enumerate() {
            // Pattern char i fills row (i + 1) % 2 from row i % 2.
            let (current, previous): (&mut [Cell], &[Cell]) = if i % 2 == 0 {
                (&mut *row1, &*row0)
            } else {
                (&mut *row0, &*row1)
            };
            let to_skip = self.first_matches.get(i).copied().unwrap_or(0);
            for j in to_skip..end {
                let col = j + 1;
                let before = previous[j];
                let last = current[j];
                if let Some(score) = match_score(choice[j], p) {
                    let in_place = i32::from(key.bonus[col]);
                    let consecutive = last.bonus.max(in_place.max(BONUS_CONSECUTIVE));
                    current[j].bonus = consecutive;
                    let via_match = before.m_score + consecutive;
                    let via_skip = before.p_score + in_place;
                    current[col].m_score = via_match.max(via_skip) + score;
                } else {
                    current[col].m_score = NEG_INFINITY;
                    current[col].bonus = 0;
                }
                let after_match = GAP_START + GAP_EXTENSION + last.m_score;
                let after_skip = GAP_EXTENSION + last.p_score;
                current[col].p_score = after_match.max(after_skip);
            }
        }

        let last_row: &[Cell] = if pattern.len() % 2 == 1 { row1 } else { row0 };
        let first_col = self.first_matches.last().copied().unwrap_or(0);
        last_row
            .get(first_col..=end)
            .unwrap_or_default()
            .iter()
            .map(|cell| cell.m_score)
            .max()
            .map(i64::from)
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
        let mut compared = 0;
        for text in &texts {
            let key = PreparedKey::new(text);
            for pattern in &patterns {
                let chars: Vec<char> = pattern.chars().collect();
                let ours = scorer.score(&key, &chars);
                assert_eq!(ours, crate_score(text, pattern), "{text:?} / {pattern:?}");
                compared += 1;
            }
        }
        assert!(compared > 10_000);
    }

    #[test]
    fn a_score_does_not_depend_on_the_keys_scored_before() {
        // The crate's own matcher returns 75 here after `fuzzy_match("s ss", "s")`, and so did
        // this port after `("s ss", "ss")`: a bonus left in the matrix by that call was read.
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
}
