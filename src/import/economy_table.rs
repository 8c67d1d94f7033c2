//! Reading one economy table of a report text (DOMAIN.md §8): its header (which column is
//! budget, *begärda budgetjusteringar*, prognosis, *avvikelse*, bokslut, or something kept but
//! not interpreted) and its rows, in the two layouts the documents use: PDF text with cells
//! separated by spaces (labels wrapped over several lines, empty cells simply missing) and
//! DOCX text with tab-separated cells. Where a row has fewer amounts than columns, the
//! placement that makes the row's own arithmetic hold is chosen, and the guess is reported.

use crate::domain::budget::table::Column;
use crate::domain::budget::{ColumnKind, Money};

/// Words of a header, read into columns; `None` when a word is not a known column phrase.
pub fn read_header(text: &str, year: u16) -> Option<Vec<Column>> {
    let words: Vec<&str> = text.split_whitespace().collect();
    // "VP 2020*": a year may carry a footnote mark.
    let year_of = |w: &str| {
        let digits = w.trim_end_matches('*');
        (digits.len() == 4)
            .then(|| digits.parse::<u16>().ok())
            .flatten()
    };
    let is_year = |w: &str| year_of(w).is_some();
    let this_year = |w: &str| year_of(w) == Some(year);
    let mut columns = Vec::new();
    let mut i = 0;
    let mut push = |header: String, kind: ColumnKind| columns.push(Column { header, kind });
    while i < words.len() {
        let word = words[i].to_lowercase();
        let next = words.get(i + 1).copied().unwrap_or("");
        let start = i;
        let kind = match word.trim_end_matches(',') {
            "mnkr" | "netto" | "(mnkr)" | "(netto)" | "mnkr," => {
                i += 1;
                continue;
            }
            "budget" | "vp" if is_year(next) => {
                i += 2;
                if words
                    .get(i)
                    .is_some_and(|w| w.eq_ignore_ascii_case("(netto)"))
                {
                    i += 1;
                }
                if this_year(next) {
                    ColumnKind::Budget
                } else {
                    ColumnKind::Other
                }
            }
            // Gross columns beside the netto ones (VP per-area tables): kept, not interpreted.
            "kostnader" | "intäkter" => {
                i += 1;
                ColumnKind::Other
            }
            "begärda" if next.eq_ignore_ascii_case("budgetjusteringar") => {
                i += 2;
                ColumnKind::Adjustments
            }
            "budgetjusteringar" => {
                i += 1;
                ColumnKind::Adjustments
            }
            "prognos" => {
                i += 1;
                let mut for_this_year = true;
                // "Prognos 2020", "Prognos Tertial/2020", "Prognos tertial 2020",
                // "Prognos Nov 2020" (the forecast made in that month).
                if words.get(i).is_some_and(|w| is_month_name(w))
                    && words.get(i + 1).is_some_and(|y| is_year(y))
                {
                    i += 1;
                }
                if let Some(w) = words.get(i) {
                    let lower = w.to_lowercase();
                    if let Some(y) = lower.strip_prefix("tertial/") {
                        for_this_year = this_year(y);
                        i += 1;
                    } else if lower == "tertial" && words.get(i + 1).is_some_and(|y| is_year(y)) {
                        for_this_year = words.get(i + 1).is_some_and(|y| this_year(y));
                        i += 2;
                    } else if is_year(w) {
                        for_this_year = this_year(w);
                        i += 1;
                    }
                }
                let mut after = false;
                if words.get(i).is_some_and(|w| w.starts_with('(')) {
                    let mut group = String::new();
                    while let Some(w) = words.get(i) {
                        group.push_str(w);
                        group.push(' ');
                        i += 1;
                        if w.ends_with(')') {
                            break;
                        }
                    }
                    after = group.to_lowercase().contains("efter");
                }
                match (for_this_year, after) {
                    (false, _) => ColumnKind::Other,
                    (true, false) => ColumnKind::Forecast,
                    (true, true) => ColumnKind::ForecastAfterTransfers,
                }
            }
            "avvikelse" => {
                i += 1;
                if words.get(i).is_some_and(|w| *w == "(+/-)") {
                    i += 1;
                }
                ColumnKind::Variance
            }
            "bokslut" if is_year(next) => {
                i += 2;
                if this_year(next) {
                    ColumnKind::Outcome
                } else {
                    ColumnKind::Other
                }
            }
            "jmf" if next.eq_ignore_ascii_case("budget") => {
                i += 3;
                ColumnKind::Other
            }
            "beräknad" if next.eq_ignore_ascii_case("slutlig") => {
                i += 4;
                ColumnKind::Other
            }
            "beräknadslutlig" if next.eq_ignore_ascii_case("budget") => {
                i += 3;
                ColumnKind::Other
            }
            "prognostiserat" if next.eq_ignore_ascii_case("utfall") => {
                i += 3;
                if words.get(i).is_some_and(|w| w.starts_with('(')) {
                    i += 1;
                }
                ColumnKind::Other
            }
            _ => return None,
        };
        let end = i.min(words.len());
        push(words[start..end].join(" "), kind);
    }
    (!columns.is_empty()).then_some(columns)
}

/// A month's name or its abbreviation ("nov", "november", "Okt."), as forecasts are dated.
fn is_month_name(word: &str) -> bool {
    let lower = word.trim_end_matches('.').to_lowercase();
    lower.chars().count() >= 3
        && crate::domain::period::MONTH_NAMES
            .iter()
            .any(|month| *month == lower || month.starts_with(lower.as_str()))
}

/// Whether a header line's words could all belong to a header (so the header goes on).
pub fn is_header_continuation(text: &str) -> bool {
    const WORDS: [&str; 22] = [
        "mnkr",
        "netto",
        "budget",
        "begärda",
        "budgetjusteringar",
        "prognos",
        "avvikelse",
        "(+/-)",
        "bokslut",
        "vp",
        "jmf",
        "beräknad",
        "slutlig",
        "prognostiserat",
        "utfall",
        "tertial",
        "(netto)",
        "(mnkr)",
        "resultat",
        "överföringar)",
        "kostnader",
        "intäkter",
    ];
    let mut in_group = false;
    text.split_whitespace().all(|word| {
        let lower = word.to_lowercase();
        let known = in_group
            || lower.starts_with('(')
            || lower.starts_with("tertial/")
            || lower
                .chars()
                .all(|c| c.is_ascii_digit() || c == '-' || c == '*')
            || is_month_name(&lower)
            || WORDS.contains(&lower.trim_end_matches(','));
        if lower.starts_with('(') && !lower.ends_with(')') {
            in_group = true;
        } else if lower.ends_with(')') {
            in_group = false;
        }
        known
    })
}

/// A line split into its label and its trailing amounts (as printed). Space-separated
/// amounts may use a space as thousands separator ("1 948,4"): a group of 1–3 digits is
/// joined with a following group of exactly three digits.
pub fn split_row(text: &str) -> (String, Vec<String>) {
    if text.contains('\t') {
        let cells: Vec<&str> = text.split('\t').map(str::trim).collect();
        let first = cells
            .iter()
            .position(|c| !c.is_empty())
            .unwrap_or(cells.len());
        let label = cells.get(first).copied().unwrap_or("");
        if is_amount(label) {
            return (
                String::new(),
                cells[first..].iter().map(|c| (*c).to_owned()).collect(),
            );
        }
        let amounts = cells
            .get(first + 1..)
            .unwrap_or(&[])
            .iter()
            .map(|c| (*c).to_owned())
            .collect();
        return (label.to_owned(), amounts);
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut first_amount = words
        .iter()
        .rposition(|w| !is_amount(w))
        .map_or(0, |i| i + 1);
    // "överskott från 2019 23,9": a year after a word belongs to the label.
    if first_amount > 0
        && words.get(first_amount).is_some_and(|w| is_year_word(w))
        && words[first_amount - 1]
            .chars()
            .last()
            .is_some_and(char::is_alphabetic)
    {
        first_amount += 1;
    }
    let label = words[..first_amount].join(" ");
    let mut amounts: Vec<String> = Vec::new();
    for word in &words[first_amount..] {
        let joins = word.len() >= 3
            && word.chars().take(3).all(|c| c.is_ascii_digit())
            && (word.len() == 3 || word[3..].starts_with(','))
            && amounts.last().is_some_and(|last| {
                let digits = last.trim_start_matches(['-', '−']);
                !digits.is_empty()
                    && digits.len() <= 3
                    && digits.chars().all(|c| c.is_ascii_digit())
                    && !last.contains(' ')
            });
        match amounts.last_mut() {
            Some(last) if joins => {
                last.push(' ');
                last.push_str(word);
            }
            _ => amounts.push((*word).to_owned()),
        }
    }
    (label, amounts)
}

/// A bare year (1990–2100), which in a label is no amount.
fn is_year_word(word: &str) -> bool {
    word.len() == 4
        && word
            .parse::<u16>()
            .is_ok_and(|y| (1990..=2100).contains(&y))
}

/// Whether a word is an amount cell: "2439,5", "-0,8", "623", "−2,5".
pub fn is_amount(word: &str) -> bool {
    let body = word.trim_start_matches(['-', '−', '–']);
    !body.is_empty()
        && body.chars().next().is_some_and(|c| c.is_ascii_digit())
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == ' ')
        && body.matches(',').count() <= 1
        && !body.ends_with(',')
}

/// Cells placed in columns; `guessed` when fewer amounts than columns had to be placed.
pub struct Placement {
    pub cells: Vec<Option<Money>>,
    pub guessed: bool,
    /// The columns left empty.
    pub empty: Vec<usize>,
}

/// Places `amounts` into `columns`. With as many amounts as columns, in order. With fewer,
/// every order-keeping placement is tried and one is taken where the row's avvikelse is
/// budget + adjustments − prognosis; `preferred` (the empty columns most rows of the table
/// had) decides between placements that all hold, and is the fallback when none does.
pub fn place(
    columns: &[Column],
    amounts: &[Money],
    label: &str,
    preferred: Option<&[usize]>,
) -> Placement {
    let n = columns.len();
    if amounts.len() >= n {
        return Placement {
            cells: amounts.iter().take(n).cloned().map(Some).collect(),
            guessed: false,
            empty: Vec::new(),
        };
    }
    if amounts.len() == 1 {
        let wanted = if label.to_lowercase().contains("avvikelse") {
            ColumnKind::Variance
        } else {
            ColumnKind::Forecast
        };
        let index = columns
            .iter()
            .position(|c| c.kind == wanted)
            .unwrap_or(n - 1);
        let mut cells = vec![None; n];
        cells[index] = Some(amounts[0].clone());
        return Placement {
            cells,
            guessed: true,
            empty: (0..n).filter(|i| *i != index).collect(),
        };
    }
    let mut holding: Vec<Vec<usize>> = Vec::new();
    let mut all: Vec<Vec<usize>> = Vec::new();
    for_each_subset(n, amounts.len(), &mut |chosen: &[usize]| {
        let cells = spread(n, chosen, amounts);
        let empty: Vec<usize> = (0..n).filter(|i| !chosen.contains(i)).collect();
        if arithmetic_holds(columns, &cells) {
            holding.push(empty.clone());
        }
        all.push(empty);
    });
    let empty = match (holding.len(), preferred) {
        (1, _) => holding[0].clone(),
        (_, Some(preferred)) if holding.iter().any(|e| e == preferred) => preferred.to_vec(),
        (0, Some(preferred)) if all.iter().any(|e| e == preferred) => preferred.to_vec(),
        (_, _) if !holding.is_empty() => holding[0].clone(),
        _ => all.last().cloned().unwrap_or_default(),
    };
    let chosen: Vec<usize> = (0..n).filter(|i| !empty.contains(i)).collect();
    Placement {
        cells: spread(n, &chosen, amounts),
        guessed: true,
        empty,
    }
}

fn spread(n: usize, chosen: &[usize], amounts: &[Money]) -> Vec<Option<Money>> {
    let mut cells = vec![None; n];
    for (index, amount) in chosen.iter().zip(amounts) {
        cells[*index] = Some(amount.clone());
    }
    cells
}

/// budget + adjustments − prognosis = avvikelse, where the row has all three that matter.
fn arithmetic_holds(columns: &[Column], cells: &[Option<Money>]) -> bool {
    let get = |kind: ColumnKind| {
        columns
            .iter()
            .position(|c| c.kind == kind)
            .and_then(|i| cells[i].as_ref())
            .map(|m| m.tkr)
    };
    let forecast = get(ColumnKind::Forecast).or(get(ColumnKind::Outcome));
    match (get(ColumnKind::Budget), forecast, get(ColumnKind::Variance)) {
        (Some(budget), Some(forecast), Some(variance)) => {
            budget + get(ColumnKind::Adjustments).unwrap_or(0) - forecast == variance
        }
        _ => false,
    }
}

/// Calls `visit` with every increasing choice of `k` indices out of `n`.
fn for_each_subset(n: usize, k: usize, visit: &mut dyn FnMut(&[usize])) {
    fn walk(
        start: usize,
        n: usize,
        k: usize,
        chosen: &mut Vec<usize>,
        visit: &mut dyn FnMut(&[usize]),
    ) {
        if chosen.len() == k {
            visit(chosen);
            return;
        }
        for i in start..n {
            chosen.push(i);
            walk(i + 1, n, k, chosen, visit);
            chosen.pop();
        }
    }
    walk(0, n, k, &mut Vec::new(), visit);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Option<Vec<ColumnKind>> {
        read_header(text, 2020).map(|c| c.into_iter().map(|c| c.kind).collect())
    }

    #[test]
    fn headers_of_the_t1_tables() {
        use ColumnKind::*;
        assert_eq!(
            kinds("Mnkr Budget 2020 Begärda budgetjusteringar Prognos Tertial/2020 Avvikelse"),
            Some(vec![Budget, Adjustments, Forecast, Variance])
        );
        assert_eq!(
            kinds(
                "Mnkr Budget 2020 (netto) Begärda budgetjusteringar Prognos 2020 (föreresultat- överföringar) Prognos 2020 (efter resultat överföringar) Avvikelse (+/-)"
            ),
            Some(vec![
                Budget,
                Adjustments,
                Forecast,
                ForecastAfterTransfers,
                Variance
            ])
        );
        assert_eq!(
            kinds("Mnkr, netto Budget 2020 Prognos tertial 2020 Budgetjusteringar Avvikelse"),
            Some(vec![Budget, Forecast, Adjustments, Variance])
        );
        assert_eq!(
            kinds("Mnkr, netto Södermalms budget 2020 Inskrivning mars 2020"),
            None
        );
        assert_eq!(
            read_header(
                "Mnkr VP 2022 VP 2021 Beräknad slutlig budget 2021 Prognostiserat utfall 2021 (Okt) Bokslut 2020",
                2022
            )
            .map(|c| c.into_iter().map(|c| c.kind).collect::<Vec<_>>()),
            Some(vec![Budget, Other, Other, Other, Other])
        );
    }

    #[test]
    fn gross_columns_footnoted_years_and_dated_forecasts() {
        use ColumnKind::*;
        // VP 2021's per-area tables (the caption before "(mnkr)" is no column).
        assert_eq!(
            read_header(
                "(mnkr) Kostnader Intäkter VP 2021 Netto VP 2020* Netto Prognos Nov 2020",
                2021
            )
            .map(|c| c.into_iter().map(|c| c.kind).collect::<Vec<_>>()),
            Some(vec![Other, Other, Budget, Other, Other])
        );
        assert_eq!(
            kinds("Mnkr Budget 2020 Prognos april 2020 Avvikelse"),
            Some(vec![Budget, Forecast, Variance])
        );
        assert!(is_header_continuation("2020*"));
        assert!(is_header_continuation("Prognos Nov"));
        assert!(!is_header_continuation("Nämnd 2,3 0,0 2,3"));
    }

    #[test]
    fn rows_split_into_label_and_amounts() {
        assert_eq!(
            split_row("SUMMA 1 948,4 80,8 2 029,2 -51,3"),
            (
                "SUMMA".to_owned(),
                vec!["1 948,4", "80,8", "2 029,2", "-51,3"]
                    .into_iter()
                    .map(str::to_owned)
                    .collect()
            )
        );
        assert_eq!(split_row("varav vuxen 55,6 57,6 57,6 -2,0").1.len(), 4);
        assert_eq!(split_row("2439,5 2439,5 0,0").0, "");
        assert_eq!(
            split_row("\tTotalt\t2 838,2\t2 773,4").1,
            vec!["2 838,2".to_owned(), "2 773,4".to_owned()]
        );
        assert_eq!(split_row("Individ- ").1.len(), 0);
        assert_eq!(split_row("överskott från 2019").1.len(), 0);
        assert_eq!(
            split_row("Resultatöverföring från 2019 23,7"),
            (
                "Resultatöverföring från 2019".to_owned(),
                vec!["23,7".to_owned()]
            )
        );
    }

    #[test]
    fn a_missing_cell_goes_where_the_arithmetic_holds() {
        let columns = read_header(
            "Mnkr Budget 2020 Begärda budgetjusteringar Prognos Tertial/2020 Avvikelse",
            2020,
        )
        .expect("header");
        let amounts: Vec<Money> = ["-353,2", "-355,3", "2,1"]
            .iter()
            .map(|t| Money::from_cell(t).expect("amount"))
            .collect();
        let placed = place(&columns, &amounts, "Intäkter", None);
        assert!(placed.guessed);
        assert_eq!(placed.empty, vec![1]);
        assert_eq!(placed.cells[2].as_ref().map(|m| m.tkr), Some(-355_300));
    }
}
