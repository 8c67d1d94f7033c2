//! Line normalisation: turns the raw text of a PDF or DOCX export into numbered lines without
//! page furniture (page headers, "Sid N (M)", footers) or table-of-contents entries, and joins
//! wrapped lines back into cells and paragraphs. The trailing space a PDF export leaves at a
//! wrap point is the evidence used throughout: a line that ends in a space was wrapped between
//! words, one that does not either ends a paragraph or (inside a table cell) was cut mid-word.

use std::sync::LazyLock;

use regex::Regex;

use crate::domain::text::sanitize_line;

/// One line of the document after cleaning, with its 1-based line number in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub no: usize,
    /// The text as written (trailing spaces kept: they are wrap evidence); tabs kept.
    pub text: String,
}

impl Line {
    pub fn trimmed(&self) -> &str {
        self.text.trim()
    }

    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    pub fn has_tab(&self) -> bool {
        self.text.contains('\t')
    }
}

static PAGE_NUMBER: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^Sid \d+ \(\d+\)$").ok());
static FOOTER: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^.{2,80}, (verksamhetsplan|tertialrapport \d|verksamhetsberättelse)( \d{4})? \d+ ?\(\d+\)$",
    )
    .ok()
});
/// A page number has at most three digits: a tab row ending in a year ("…\t2021", the
/// Period cell of an annual indicator in DOCX text) is a table row, not a TOC entry.
static TOC_ENTRY: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"(\t\s*\d{1,3}\s*$)|(\.{3,})").ok());

fn matches(re: &LazyLock<Option<Regex>>, text: &str) -> bool {
    re.as_ref().is_some_and(|re| re.is_match(text))
}

/// Page furniture: the repeated page header of a tjänsteutlåtande and page footers.
pub fn is_page_furniture(trimmed: &str) -> bool {
    trimmed == "Tjänsteutlåtande"
        || trimmed == "start.stockholm"
        || matches(&PAGE_NUMBER, trimmed)
        || matches(&FOOTER, trimmed)
}

/// A table-of-contents entry: ends in a tab and a page number, or has "....." leaders.
pub fn is_toc_entry(text: &str) -> bool {
    matches(&TOC_ENTRY, text)
}

/// Sanitises every cell of a line (a tab would otherwise become a space) and drops NBSP.
fn clean_line(raw: &str) -> String {
    let raw = raw.strip_suffix('\r').unwrap_or(raw);
    let cleaned: Vec<String> = raw
        .split('\t')
        .map(|cell| sanitize_line(cell).replace('\u{a0}', " "))
        .collect();
    let joined = cleaned.join("\t");
    if joined.trim().is_empty() {
        String::new()
    } else {
        joined
    }
}

/// Splits `text` into clean lines: hostile characters removed, whitespace-only lines made
/// empty, page furniture and TOC entries removed. A page break that cut a sentence (the line
/// before it ends in a space) is closed up so the sentence rejoins; otherwise one blank line
/// stands in for it, so cell and paragraph boundaries survive.
pub fn clean(text: &str) -> Vec<Line> {
    let raw: Vec<Line> = text
        .split('\n')
        .enumerate()
        .map(|(index, line)| Line {
            no: index + 1,
            text: clean_line(line),
        })
        .collect();
    let mut out: Vec<Line> = Vec::with_capacity(raw.len());
    let mut index = 0;
    while index < raw.len() {
        let line = &raw[index];
        let trimmed = line.trimmed();
        if is_page_furniture(trimmed) {
            // Remove the furniture and the blank lines around it.
            while out.last().is_some_and(Line::is_blank) {
                out.pop();
            }
            let mut end = index;
            while end < raw.len() && (raw[end].is_blank() || is_page_furniture(raw[end].trimmed()))
            {
                end += 1;
            }
            let cut_mid_sentence = out
                .last()
                .is_some_and(|prev| prev.text.ends_with(char::is_whitespace));
            if !cut_mid_sentence && !out.is_empty() && end < raw.len() {
                out.push(Line {
                    no: line.no,
                    text: String::new(),
                });
            }
            index = end;
            continue;
        }
        if line.has_tab() && is_toc_entry(&line.text) || trimmed.contains(".....") {
            index += 1;
            continue;
        }
        out.push(line.clone());
        index += 1;
    }
    out
}

/// A dash at the start of a wrapped line followed by a digit or a lower-case word is the
/// middle of a sentence ("avtalstid 2016-07-16 " / "- 2018-08-15 med …"), not a list item:
/// items start with a capital.
fn dash_continues(line: &str) -> bool {
    let t = line.trim_start();
    t.strip_prefix("- ")
        .or_else(|| t.strip_prefix("– "))
        .and_then(|rest| rest.trim_start().chars().next())
        .is_some_and(|c| c.is_ascii_digit() || c.is_lowercase())
}

fn starts_with_bullet(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with("- ")
        || t.starts_with('•')
        || t.starts_with('\u{f0b7}')
        || t.starts_with('·')
        || t.starts_with("– ")
}

/// Joins the lines of one table cell or name: a wrap after a space becomes one space; a wrap
/// without one was cut mid-word ("Faststäl" / "ls 2020", "nämnd/" / "styrelse") and is closed
/// up when the next line continues in lower case.
pub fn join_cell_lines<'a>(lines: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for line in lines {
        if line.trim().is_empty() {
            continue;
        }
        if out.is_empty() {
            out.push_str(line);
            continue;
        }
        let prev_spaced = out.ends_with(char::is_whitespace);
        let next_spaced = line.starts_with(char::is_whitespace);
        let next_lower = line.chars().next().is_some_and(char::is_lowercase);
        let prev_joiner = out.ends_with(['/', '-']);
        if !prev_spaced && !next_spaced && (next_lower || prev_joiner) {
            out.push_str(line);
        } else {
            out.push(' ');
            out.push_str(line);
        }
    }
    crate::domain::text::collapse_whitespace(&out)
}

/// Joins the wrapped lines of a goal heading: always with exactly one space, whatever
/// spacing the export left at the break (a same-line heading loses its trailing space when
/// the label is cut off), except inside a hyphenated word ("hälso-" / "och" keeps its space
/// only when the line ended in one; "14-" / "dagarsperiod" closes up).
pub fn join_heading_lines<'a>(lines: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    let mut prev_spaced = false;
    for raw in lines {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let hyphen_wrap = !prev_spaced
            && out.ends_with('-')
            && !out.ends_with(" -")
            && line.chars().next().is_some_and(char::is_lowercase);
        if !out.is_empty() && !hyphen_wrap {
            out.push(' ');
        }
        out.push_str(line);
        prev_spaced = raw.ends_with(char::is_whitespace);
    }
    crate::domain::text::collapse_whitespace(&out)
}

/// Joins prose lines into paragraphs separated by `\n`. A line that ends in a space was
/// wrapped; one that does not ends its paragraph (PDF exports), a blank line always does,
/// and a bullet always starts a new one. A word hyphenated at the wrap ("myndighets-" /
/// "utövningen") is closed up; a hyphen the line ended after with a space is the first half
/// of a pair ("vård- " / "och omsorgsboende") and keeps its space.
pub fn join_prose<'a>(lines: impl IntoIterator<Item = &'a str>) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut open = false;
    let mut hyphen_wrap = false;
    for line in lines {
        if line.trim().is_empty() {
            if !current.trim().is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
            current.clear();
            open = false;
            continue;
        }
        // A bullet item wrapped with a hanging indent ("• Äldre känner sig … samt" /
        // "  tycker att …", VP19:1855-1857) continues the item although the line has no
        // trailing space.
        let hanging_indent =
            starts_with_bullet(&current) && line.starts_with("  ") && !starts_with_bullet(line);
        let new_item = starts_with_bullet(line) && !dash_continues(line);
        if (open || hanging_indent) && !new_item {
            if hyphen_wrap && line.chars().next().is_some_and(char::is_lowercase) {
                current.push_str(line.trim());
            } else {
                current.push(' ');
                current.push_str(line.trim());
            }
        } else {
            if !current.trim().is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
            current = line.trim().to_owned();
        }
        hyphen_wrap = line.ends_with('-') && !line.ends_with(" -");
        open = line.ends_with(char::is_whitespace) || hyphen_wrap;
    }
    if !current.trim().is_empty() {
        paragraphs.push(current);
    }
    paragraphs
        .iter()
        .map(|p| crate::domain::text::collapse_whitespace(p))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Words after which a wrapped line cannot end a list item: "… möter under en" /
/// "Hässelby-Vällingby …" is one sentence broken before a name.
const WORDS_THAT_CONTINUE: &[&str] = &[
    "i", "och", "av", "för", "till", "med", "på", "att", "om", "en", "ett", "som", "den", "det",
    "de", "från", "vid", "mot", "samt", "eller", "under", "inom", "hos", "är", "har", "blir",
];

/// Splits *Förväntat resultat* into items. Besides bullets and paragraphs (see
/// [`join_prose`]), a bare-line list (VP21:1442-1454) starts a new item where a line that ends
/// in a space is followed by one in upper case whose first word would have fitted on the line
/// (so the PDF did not wrap there), unless the line ends in a word that needs a continuation.
/// The PDF leaves trailing spaces on complete items, so the space alone proves nothing.
pub fn split_expected_results(lines: &[&str]) -> Vec<String> {
    let wrap_width = lines
        .iter()
        .map(|l| l.trim_end().chars().count())
        .max()
        .unwrap_or(0);
    let mut with_breaks: Vec<&str> = Vec::with_capacity(lines.len());
    for (index, line) in lines.iter().enumerate() {
        with_breaks.push(line);
        let Some(next) = lines.get(index + 1) else {
            continue;
        };
        let next_upper = next.chars().next().is_some_and(char::is_uppercase);
        let last_word = line.split_whitespace().last().unwrap_or_default();
        let needs_more = WORDS_THAT_CONTINUE.contains(&last_word.to_lowercase().as_str())
            || last_word.ends_with([',', '-', ':']);
        let next_word = next.split_whitespace().next().unwrap_or_default();
        let fitted = line.trim_end().chars().count() + 1 + next_word.chars().count() <= wrap_width;
        if line.ends_with(char::is_whitespace) && next_upper && fitted && !needs_more {
            with_breaks.push("");
        }
    }
    join_prose(with_breaks)
        .lines()
        .map(|item| strip_bullet(item).trim().to_owned())
        .filter(|item| !item.is_empty())
        .collect()
}

/// Removes a leading bullet glyph ("- ", "•", U+F0B7, "·", "–") from a list item.
pub fn strip_bullet(item: &str) -> &str {
    let t = item.trim_start();
    for prefix in ["- ", "-", "•", "\u{f0b7}", "·", "– "] {
        if let Some(rest) = t.strip_prefix(prefix) {
            return rest.trim_start();
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[Line]) -> Vec<&str> {
        lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn page_header_mid_sentence_is_closed_up() {
        let text = "arbetet med att organiseras. Även \n\n\n\nTjänsteutlåtande\nSid 5 (72)\n\nstart.stockholm\n\ndet interna samarbetet\n";
        let lines = clean(text);
        assert_eq!(
            texts(&lines),
            vec![
                "arbetet med att organiseras. Även ",
                "det interna samarbetet",
                ""
            ]
        );
        assert_eq!(lines[1].no, 10);
        assert_eq!(
            join_prose(lines.iter().map(|l| l.text.as_str())),
            "arbetet med att organiseras. Även det interna samarbetet"
        );
    }

    #[test]
    fn page_header_between_blocks_leaves_a_blank() {
        let lines =
            clean("Tertial 1 \n2020\n\n\nTjänsteutlåtande\nSid 9 (72)\n\nstart.stockholm\n\nAndel");
        assert_eq!(texts(&lines), vec!["Tertial 1 ", "2020", "", "Andel"]);
    }

    #[test]
    fn toc_lines_are_dropped() {
        let lines = clean(
            "Innehållsförteckning\nInledning\t6\nRedovisning av ekonomi.....\t76\nIndikator\tÅrsmål\tKF:s årsmål\tPeriodicitet\nA\t2022-01-01\t2022-12-31",
        );
        assert_eq!(
            texts(&lines),
            vec![
                "Innehållsförteckning",
                "Indikator\tÅrsmål\tKF:s årsmål\tPeriodicitet",
                "A\t2022-01-01\t2022-12-31"
            ]
        );
    }

    #[test]
    fn a_tab_row_ending_in_a_year_is_not_a_toc_entry() {
        assert!(is_toc_entry("Inledning\t6"));
        assert!(!is_toc_entry("Andel nöjda\t41 %\t\t46 %\t\t2021"));
    }

    #[test]
    fn cells_rejoin_mid_word() {
        assert_eq!(
            join_cell_lines(["95 % Faststäl", "ls 2020"]),
            "95 % Fastställs 2020"
        );
        assert_eq!(
            join_cell_lines(["12,7 ", "barn/a", "vd."]),
            "12,7 barn/avd."
        );
        assert_eq!(
            join_cell_lines(["Tas ", "fram av ", "nämnd/", "styrelse"]),
            "Tas fram av nämnd/styrelse"
        );
        assert_eq!(
            join_cell_lines(["möter under en 14-", "dagarsperiod"]),
            "möter under en 14-dagarsperiod"
        );
        assert_eq!(join_cell_lines(["samhälls- ", "och"]), "samhälls- och");
        assert_eq!(
            join_cell_lines(["Kvalitetsindikatorn -", " Självvärdering"]),
            "Kvalitetsindikatorn - Självvärdering"
        );
    }

    #[test]
    fn a_bare_line_list_splits_where_an_item_ends_in_a_space_before_upper_case() {
        let items = split_expected_results(&[
            "Barn och unga har tidiga insatser för att förebygga kriminalitet och våld  ",
            "Barn har stärkta relationer till sina föräldrar",
            "Vuxna är motiverade till att lämna ett liv med kriminalitet och gå vidare till arbete eller ",
            "studier",
            "Insatser ges i ",
            "Hässelby-Vällingby",
        ]);
        assert_eq!(
            items,
            [
                "Barn och unga har tidiga insatser för att förebygga kriminalitet och våld",
                "Barn har stärkta relationer till sina föräldrar",
                "Vuxna är motiverade till att lämna ett liv med kriminalitet och gå vidare till arbete eller studier",
                "Insatser ges i Hässelby-Vällingby",
            ]
        );
    }

    #[test]
    fn heading_lines_join_with_one_space_unless_hyphenated() {
        assert_eq!(
            join_heading_lines(["1.2 Stockholm ska ha", "god livsmiljö"]),
            "1.2 Stockholm ska ha god livsmiljö"
        );
        assert_eq!(
            join_heading_lines(["1.2 Stockholm ska ha ", "god livsmiljö"]),
            "1.2 Stockholm ska ha god livsmiljö"
        );
        assert_eq!(
            join_heading_lines(["en 14-", "dagarsperiod"]),
            "en 14-dagarsperiod"
        );
        assert_eq!(
            join_heading_lines(["hälso- ", "och sjukvård"]),
            "hälso- och sjukvård"
        );
    }

    #[test]
    fn a_hanging_indent_continues_its_bullet_item() {
        let joined = join_prose([
            "• Äldre känner sig trygga samt",
            "  tycker att de är delaktiga.",
            "• Kvinnor och män har likvärdig äldreomsorg.",
        ]);
        assert_eq!(
            joined,
            "• Äldre känner sig trygga samt tycker att de är delaktiga.\n• Kvinnor och män har likvärdig äldreomsorg."
        );
    }

    #[test]
    fn prose_keeps_paragraphs_and_bullets() {
        let joined = join_prose([
            "Fler vuxna ",
            "försörjer sig.",
            "- Ett ",
            "två",
            "",
            "Nytt stycke",
        ]);
        assert_eq!(joined, "Fler vuxna försörjer sig.\n- Ett två\nNytt stycke");
        assert_eq!(strip_bullet("\u{f0b7} Punkt"), "Punkt");
        assert_eq!(strip_bullet("-Text"), "Text");
    }
}
