//! Activity tables: the header (`Aktivitet Startdatum Slutdatum [Avvikelse]`), the date line
//! that closes each activity (alone, or at the end of a short title line, optionally followed
//! by the literal word `Avvikelse` in a VB), and DOCX rows with tab-separated cells.

use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;

/// An activity header line; `Some(true)` when it has the Avvikelse column (T and VB).
pub fn parse_header(line: &str) -> Option<bool> {
    let trimmed = line.trim();
    let words: Vec<&str> = trimmed.split_whitespace().collect();
    (words.first() == Some(&"Aktivitet") && words.contains(&"Startdatum"))
        .then(|| words.contains(&"Avvikelse"))
}

/// The end of an activity: its title text before the dates (if on the same line), both
/// dates, and whether the Avvikelse cell is filled.
#[derive(Debug, Clone, PartialEq)]
pub struct DateLine {
    pub title_part: String,
    pub start: Option<Date>,
    pub end: Option<Date>,
    pub deviation: bool,
}

static DATE_LINE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"^(.*?)\s*(\d{4}-\d{2}-\d{2})\s+(\d{4}-\d{2}-\d{2})\s*(Avvikelse)?\s*$").ok()
});

fn date(text: &str) -> Option<Date> {
    text.trim().parse::<Date>().ok()
}

/// Reads a PDF date line ("2020-01-01 2020-12-31", "Titel 2020-01-01 2020-12-31",
/// "2021-01-01 2021-12-31 Avvikelse").
pub fn parse_date_line(line: &str) -> Option<DateLine> {
    let caps = DATE_LINE.as_ref()?.captures(line.trim_end())?;
    Some(DateLine {
        title_part: caps.get(1).map_or("", |m| m.as_str()).trim().to_owned(),
        start: caps.get(2).and_then(|m| date(m.as_str())),
        end: caps.get(3).and_then(|m| date(m.as_str())),
        deviation: caps.get(4).is_some(),
    })
}

/// A DOCX activity row: title, start, end and optionally Avvikelse, tab-separated. A row
/// whose date cells are empty continues the previous activity's title.
pub fn parse_tab_row(line: &str) -> DateLine {
    let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
    let title = fields.first().copied().unwrap_or_default();
    DateLine {
        title_part: crate::domain::text::collapse_whitespace(title),
        start: fields.get(1).and_then(|f| date(f)),
        end: fields.get(2).and_then(|f| date(f)),
        deviation: fields
            .get(3)
            .is_some_and(|f| f.eq_ignore_ascii_case("avvikelse")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_with_and_without_deviation() {
        assert_eq!(
            parse_header(" Aktivitet Startdatum Slutdatum Avvikelse"),
            Some(true)
        );
        assert_eq!(
            parse_header("Aktivitet\tStartdatum\tSlutdatum"),
            Some(false)
        );
        assert_eq!(parse_header("Aktiviteten genomförs"), None);
    }

    #[test]
    fn vb_date_line_ending_in_avvikelse() {
        let line = parse_date_line("2021-01-01 2021-12-31 Avvikelse").expect("date line");
        assert!(line.deviation);
        assert_eq!(line.start, date("2021-01-01"));
        let line = parse_date_line("2020-01-01 2020-12-31   ").expect("date line");
        assert!(!line.deviation);
        assert!(line.title_part.is_empty());
    }

    #[test]
    fn short_title_shares_the_date_line() {
        let line = parse_date_line("Arbeta för att ungdomsrådet återupptas. 2020-01-01 2020-04-30")
            .expect("date line");
        assert_eq!(line.title_part, "Arbeta för att ungdomsrådet återupptas.");
        assert_eq!(line.end, date("2020-04-30"));
        assert!(parse_date_line("denna verksamhet upphörde 2017-06-30.").is_none());
    }

    #[test]
    fn tab_rows() {
        let row = parse_tab_row("Förvaltningen ska X.\t2022-01-01\t2022-12-31");
        assert_eq!(row.title_part, "Förvaltningen ska X.");
        assert_eq!(row.end, date("2022-12-31"));
        let continuation = parse_tab_row("Detta för att skapa en samlad bild\t\t");
        assert!(continuation.start.is_none() && continuation.end.is_none());
    }
}
