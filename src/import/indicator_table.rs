//! Indicator tables: which columns a table has (from its header's token set), where a row's
//! name ends and its values begin, and which column each value cell belongs to. PDF text
//! drops blank cells and uses a space both as thousands separator and as cell separator, so
//! placement anchors the period cell at the right, puts marker texts in their fixed columns
//! and otherwise fills by a fixed drop order, flagging every row the count does not settle
//! (DOMAIN.md §10.1).

use std::sync::LazyLock;

use regex::Regex;

use crate::domain::Origin;

/// The column layout of an indicator table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    /// VP: Årsmål, KF:s årsmål, Periodicitet.
    Plan,
    /// T1/T2: outcome, men, women, last VB, Prognos helår, Årsmål, KF:s årsmål, Period.
    Tertial,
    /// VB: as T but without Prognos.
    AnnualReport,
}

/// A value column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Slot {
    Outcome,
    Men,
    Women,
    Prev,
    Forecast,
    Annual,
    Council,
}

impl Profile {
    /// Chooses the layout from a header's joined text: `Prognos` only in T, `Periodicitet`
    /// only in VP, whatever the line layout was.
    pub fn from_header(header: &str) -> Profile {
        if header.contains("Periodicitet") {
            Profile::Plan
        } else if header.contains("Prognos") || header.contains("Progno") {
            Profile::Tertial
        } else {
            Profile::AnnualReport
        }
    }

    pub fn slots(self) -> &'static [Slot] {
        match self {
            Profile::Plan => &[Slot::Annual, Slot::Council],
            Profile::Tertial => &[
                Slot::Outcome,
                Slot::Men,
                Slot::Women,
                Slot::Prev,
                Slot::Forecast,
                Slot::Annual,
                Slot::Council,
            ],
            Profile::AnnualReport => &[
                Slot::Outcome,
                Slot::Men,
                Slot::Women,
                Slot::Prev,
                Slot::Annual,
                Slot::Council,
            ],
        }
    }
}

/// What a value cell is, which decides whether it has a fixed column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    /// A number, with or without unit, or "-".
    Plain,
    /// "Tas fram av nämnd", "Fastställs …", "Max …", "+/- …", "Öka": KF:s årsmål.
    CouncilMarker,
    /// "Ny indikator …", "Inget utfall …": the previous-year column.
    PrevMarker,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub raw: String,
    pub kind: CellKind,
}

/// A row split into its parts and its cells placed into columns.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedRow {
    pub name: String,
    /// The Period / Periodicitet cell as written.
    pub period_label: String,
    pub cells: Vec<(Slot, String)>,
    /// Placement was not certain; `note` says why (Swedish).
    pub ambiguous: bool,
    pub note: Option<String>,
}

/// Units that follow a number; longer ones first. Generic words are not units, so a name
/// such as "inom 48 timmar" is never read as a value.
const MULTI_WORD_UNITS: [&[&str]; 4] = [
    &["%", "energieffektivisering", "relativt", "2018"],
    &["kg", "co2", "per", "kg", "livsmedel"],
    &["%", "energieffektivisering"],
    &["kg", "co2"],
];
const UNITS: [&str; 14] = [
    "%",
    "st",
    "barn/avd.",
    "gwh",
    "mwh",
    "kwh",
    "personer",
    "kr",
    "tkr",
    "mnkr",
    "dagar",
    "kg",
    "ton",
    "poäng",
];

static NUMBER: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r"^[-+−]?\d+(,\d+)?$").ok());
static THOUSANDS_GROUP: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^\d{3}(,\d+)?$").ok());
static PERCENT_GAP: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r"(\d)\s*%").ok());
static YEAR: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r"^(19|20)\d{2}$").ok());

fn is_match(re: &LazyLock<Option<Regex>>, text: &str) -> bool {
    re.as_ref().is_some_and(|re| re.is_match(text))
}

fn is_number(token: &str) -> bool {
    is_match(&NUMBER, token)
}

/// "100  %" → "100 %", "75%" → "75 %": before any spacing is read (§10.1.5).
pub fn normalise_value_text(text: &str) -> String {
    let spaced = match PERCENT_GAP.as_ref() {
        Some(re) => re.replace_all(text, "$1 %").into_owned(),
        None => text.to_owned(),
    };
    crate::domain::text::collapse_whitespace(&spaced)
}

/// A unit starting at `tokens[i]`, as the number of tokens it takes.
fn unit_len(tokens: &[&str], i: usize) -> usize {
    for unit in MULTI_WORD_UNITS {
        if tokens.len() >= i + unit.len()
            && unit
                .iter()
                .zip(&tokens[i..])
                .all(|(u, t)| t.to_lowercase() == *u)
        {
            return unit.len();
        }
    }
    match tokens.get(i) {
        Some(t) if UNITS.contains(&t.to_lowercase().as_str()) => 1,
        _ => 0,
    }
}

/// Reads a number with its optional thousands groups and unit at `tokens[i]`. Returns the
/// tokens taken, and how many thousands joins were optional (not forced by a leading zero).
fn read_number(tokens: &[&str], i: usize, join_optional: bool) -> Option<(usize, usize)> {
    if !tokens.get(i).is_some_and(|t| is_number(t)) {
        return None;
    }
    let mut end = i + 1;
    let mut optional = 0;
    let integer_len = tokens[i]
        .trim_start_matches(['-', '+', '−'])
        .split(',')
        .next()
        .map_or(0, str::len);
    if integer_len <= 3 && !tokens[i].contains(',') {
        while let Some(next) = tokens.get(end) {
            if !is_match(&THOUSANDS_GROUP, next) {
                break;
            }
            // "9 000": a group with a leading zero is never a cell of its own.
            let forced = next.starts_with('0');
            if !forced && !join_optional {
                break;
            }
            if !forced {
                optional += 1;
            }
            let last = next.contains(',');
            end += 1;
            if last {
                break;
            }
        }
    }
    end += unit_len(tokens, end);
    Some((end - i, optional))
}

/// Reads a marker text at `tokens[i]`: its length and kind.
fn read_marker(tokens: &[&str], i: usize) -> Option<(usize, CellKind)> {
    let lower = |k: usize| tokens.get(k).map(|t| t.to_lowercase());
    let first = lower(i)?;
    let year_or_when = |k: usize| {
        tokens.get(k).is_some_and(|t| {
            is_match(&YEAR, t) || matches!(t.to_lowercase().as_str(), "t1" | "t2" | "senare")
        })
    };
    match first.as_str() {
        "tas"
            if lower(i + 1).as_deref() == Some("fram") && lower(i + 2).as_deref() == Some("av") =>
        {
            let takes_object = tokens.get(i + 3).is_some_and(|t| {
                t.to_lowercase().starts_with("nämnd") || t.to_lowercase().starts_with("styrelse")
            });
            Some((if takes_object { 4 } else { 3 }, CellKind::CouncilMarker))
        }
        "fastställs" => Some((
            if year_or_when(i + 1) { 2 } else { 1 },
            CellKind::CouncilMarker,
        )),
        "ny" if lower(i + 1).as_deref() == Some("indikator") => Some((
            if year_or_when(i + 2) { 3 } else { 2 },
            CellKind::PrevMarker,
        )),
        "inget" if lower(i + 1).as_deref() == Some("utfall") => Some((
            if year_or_when(i + 2) { 3 } else { 2 },
            CellKind::PrevMarker,
        )),
        "max" => {
            let (len, _) = read_number(tokens, i + 1, false)?;
            Some((1 + len, CellKind::CouncilMarker))
        }
        "öka" | "ökning" | "ökar" | "minska" | "minskning" | "minskar" => {
            Some((1, CellKind::CouncilMarker))
        }
        _ if first.starts_with("+/-") || first.starts_with('±') => {
            if first == "+/-" || first == "±" {
                let (len, _) = read_number(tokens, i + 1, false)?;
                Some((1 + len, CellKind::CouncilMarker))
            } else {
                let rest = first.trim_start_matches("+/-").trim_start_matches('±');
                if !is_number(rest) {
                    return None;
                }
                Some((1 + unit_len(tokens, i + 1), CellKind::CouncilMarker))
            }
        }
        "-" | "–" => Some((1, CellKind::Plain)),
        _ => None,
    }
}

/// Splits value text into cells; `None` when some token is neither a value nor a marker.
/// With `join_optional`, space-separated groups of three digits are joined into one number.
pub fn tokenize_values(tokens: &[&str], join_optional: bool) -> Option<(Vec<Cell>, usize)> {
    let mut cells = Vec::new();
    let mut optional_joins = 0;
    let mut i = 0;
    while i < tokens.len() {
        let (len, kind, optional) = if let Some((len, kind)) = read_marker(tokens, i) {
            (len, kind, 0)
        } else if let Some((len, optional)) = read_number(tokens, i, join_optional) {
            (len, CellKind::Plain, optional)
        } else {
            return None;
        };
        optional_joins += optional;
        cells.push(Cell {
            raw: tokens[i..i + len].join(" "),
            kind,
        });
        i += len;
    }
    Some((cells, optional_joins))
}

/// Takes the Period (T/VB) or Periodicitet (VP) cell off the end of a row's tokens.
pub fn take_period(
    tokens: &[&str],
    profile: Profile,
    year: Option<u16>,
) -> Option<(usize, String)> {
    let n = tokens.len();
    let last = *tokens.last()?;
    match profile {
        Profile::Plan => {
            matches!(last, "Tertial" | "År" | "Halvår" | "Månad").then(|| (n - 1, last.to_owned()))
        }
        Profile::Tertial | Profile::AnnualReport => {
            if !is_match(&YEAR, last) {
                return None;
            }
            if let Some(year) = year
                && last.parse::<u16>().ok() != Some(year)
            {
                return None;
            }
            if n >= 3 && tokens[n - 3] == "Tertial" && matches!(tokens[n - 2], "1" | "2" | "3") {
                return Some((n - 3, tokens[n - 3..].join(" ")));
            }
            if n >= 2 && tokens[n - 2] == "VB" {
                return Some((n - 2, tokens[n - 2..].join(" ")));
            }
            let before = n.checked_sub(2).map(|k| tokens[k].to_lowercase());
            if matches!(
                before.as_deref(),
                Some("indikator" | "utfall" | "fastställs" | "relativt" | "tertial")
            ) {
                return None;
            }
            Some((n - 1, last.to_owned()))
        }
    }
}

/// Splits a row's joined text (name, values, period) into name, cells and period label.
/// The name is the shortest prefix after which everything reads as value cells.
pub fn split_row(
    text: &str,
    profile: Profile,
    year: Option<u16>,
) -> Option<(String, Vec<Cell>, String, usize)> {
    let normalised = normalise_value_text(text);
    let tokens: Vec<&str> = normalised.split(' ').filter(|t| !t.is_empty()).collect();
    let (period_start, period_label) = take_period(&tokens, profile, year)?;
    let body = &tokens[..period_start];
    let slot_count = profile.slots().len();
    for start in 1..=body.len() {
        if let Some((cells, _)) = tokenize_values(&body[start..], false) {
            let (cells, joins) = if cells.len() > slot_count {
                tokenize_values(&body[start..], true).unwrap_or((cells, 0))
            } else {
                (cells, 0)
            };
            return Some((body[..start].join(" "), cells, period_label, joins));
        }
    }
    Some((body.join(" "), Vec::new(), period_label, 0))
}

/// Whether a row's text ends in its period cell, i.e. the row is complete.
pub fn ends_row(text: &str, profile: Profile, year: Option<u16>) -> bool {
    let normalised = normalise_value_text(text);
    let tokens: Vec<&str> = normalised.split(' ').filter(|t| !t.is_empty()).collect();
    tokens.len() >= 2 && take_period(&tokens, profile, year).is_some()
}

/// Drops empty columns until `cells` fit, in the documented order; the bool says whether
/// the drop followed a convention (certain) or was a guess.
fn fill(cells: &[Cell], slots: &[Slot], origin: Origin) -> (Vec<(Slot, String)>, bool) {
    let mut slots: Vec<Slot> = slots.to_vec();
    if cells.is_empty() {
        // Nothing left of an anchor: every column there is empty, for certain.
        return (Vec::new(), true);
    }
    let mut certain = true;
    // Nämnd indicators leave KF:s årsmål empty (DOMAIN.md §3.2): dropping it is safe.
    let mut order: Vec<(Slot, bool)> = Vec::new();
    if origin == Origin::Committee {
        order.push((Slot::Council, true));
    }
    order.extend([
        (Slot::Men, true),
        (Slot::Women, true),
        (Slot::Outcome, false),
        // Without an outcome there is rarely a prognos: drop it before last year's value.
        (Slot::Forecast, false),
        (Slot::Prev, false),
        (Slot::Council, false),
        (Slot::Annual, false),
    ]);
    for (slot, safe) in order {
        if slots.len() <= cells.len() {
            break;
        }
        if let Some(pos) = slots.iter().position(|s| *s == slot) {
            slots.remove(pos);
            certain &= safe;
        }
    }
    if cells.len() > slots.len() {
        certain = false;
    }
    let placed = slots
        .iter()
        .zip(cells)
        .map(|(slot, cell)| (*slot, cell.raw.clone()))
        .collect();
    (placed, certain)
}

/// Places a row's cells into columns.
pub fn place(
    cells: &[Cell],
    profile: Profile,
    period_label: &str,
    origin: Origin,
) -> (Vec<(Slot, String)>, bool) {
    let annual_row = profile == Profile::Tertial && is_match(&YEAR, period_label);
    let full = profile.slots();
    let slots: Vec<Slot> = if annual_row && cells.len() <= 3 {
        // In a T report an annual indicator holds only last VB, Årsmål and KF:s årsmål.
        vec![Slot::Prev, Slot::Annual, Slot::Council]
    } else if annual_row && cells.len() == 4 {
        // …and sometimes a prognos ("0 % 0 % +/-1 % +/- 1 % 2020").
        vec![Slot::Prev, Slot::Forecast, Slot::Annual, Slot::Council]
    } else {
        full.to_vec()
    };
    let before =
        |anchor: Slot| -> Vec<Slot> { slots.iter().copied().filter(|s| *s < anchor).collect() };
    let after =
        |anchor: Slot| -> Vec<Slot> { slots.iter().copied().filter(|s| *s > anchor).collect() };
    if let Some(j) = cells
        .iter()
        .rposition(|c| c.kind == CellKind::CouncilMarker)
    {
        let (mut placed, mut certain) = fill(&cells[..j], &before(Slot::Council), origin);
        placed.push((Slot::Council, cells[j].raw.clone()));
        if j + 1 < cells.len() {
            certain = false;
        }
        return (placed, certain);
    }
    if let Some(j) = cells.iter().position(|c| c.kind == CellKind::PrevMarker)
        && slots.contains(&Slot::Prev)
    {
        let (mut placed, left_certain) = fill(&cells[..j], &before(Slot::Prev), origin);
        placed.push((Slot::Prev, cells[j].raw.clone()));
        let (right, right_certain) = fill(&cells[j + 1..], &after(Slot::Prev), origin);
        placed.extend(right);
        return (placed, left_certain && right_certain);
    }
    fill(cells, &slots, origin)
}

/// The whole of a PDF row: split, then place. `None` when the text has no period cell.
pub fn read_row(
    text: &str,
    profile: Profile,
    year: Option<u16>,
    origin: Origin,
) -> Option<PlacedRow> {
    let (name, cells, period_label, optional_joins) = split_row(text, profile, year)?;
    let (placed, certain) = place(&cells, profile, &period_label, origin);
    let mut note = None;
    if optional_joins > 0 {
        note = Some("tusentalsgruppering tolkad utifrån antalet celler".to_owned());
    } else if !certain {
        note = Some(format!(
            "{} värdeceller för {} kolumner: placeringen är en gissning",
            cells.len(),
            profile.slots().len()
        ));
    }
    Some(PlacedRow {
        name,
        period_label,
        cells: placed,
        ambiguous: optional_joins > 0 || !certain,
        note,
    })
}

/// A DOCX row: tab-separated, blank cells kept. Placement is certain when the count matches.
pub fn read_tab_row(line: &str, profile: Profile, origin: Origin) -> PlacedRow {
    let fields: Vec<String> = line.split('\t').map(normalise_value_text).collect();
    let name = fields.first().cloned().unwrap_or_default();
    let slot_count = profile.slots().len();
    let (values, period_label) = if fields.len() >= 2 {
        (
            &fields[1..fields.len() - 1],
            fields[fields.len() - 1].clone(),
        )
    } else {
        (&fields[0..0], String::new())
    };
    if values.len() == slot_count {
        let cells = profile
            .slots()
            .iter()
            .zip(values)
            .filter(|(_, v)| !v.is_empty())
            .map(|(s, v)| (*s, v.clone()))
            .collect();
        return PlacedRow {
            name,
            period_label,
            cells,
            ambiguous: false,
            note: None,
        };
    }
    let cells: Vec<Cell> = values
        .iter()
        .filter(|v| !v.is_empty())
        .map(|v| {
            let tokens: Vec<&str> = v.split(' ').collect();
            let kind = read_marker(&tokens, 0).map_or(CellKind::Plain, |(_, k)| k);
            Cell {
                raw: v.clone(),
                kind,
            }
        })
        .collect();
    let (placed, certain) = place(&cells, profile, &period_label, origin);
    PlacedRow {
        name,
        period_label,
        cells: placed,
        ambiguous: !certain,
        note: (!certain).then(|| {
            format!(
                "{} fält för {} kolumner: placeringen är en gissning",
                values.len(),
                slot_count
            )
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(text: &str, profile: Profile, origin: Origin) -> PlacedRow {
        read_row(text, profile, Some(2020), origin).expect("row has a period cell")
    }

    fn cell(placed: &PlacedRow, slot: Slot) -> Option<&str> {
        placed
            .cells
            .iter()
            .find(|(s, _)| *s == slot)
            .map(|(_, v)| v.as_str())
    }

    #[test]
    fn shredded_header_is_recognised_by_tokens() {
        let header = "Indikator Periodens utfall Utfall män/ pojkar Utfall kvinnor/ flickor Periodens utfall VB 2019 Prognos helår Årsmål KF:s årsmål Period";
        assert_eq!(Profile::from_header(header), Profile::Tertial);
        assert_eq!(
            Profile::from_header("Indikator Årsmål KF:s årsmål Periodicitet"),
            Profile::Plan
        );
        assert_eq!(
            Profile::from_header(
                "Indikator Periodens utfall Utfall män/pojkar Utfall kvinnor/flickor Utfall VB 2020 Årsmål KF:s årsmål Period"
            ),
            Profile::AnnualReport
        );
    }

    #[test]
    fn thousands_separator_versus_cell_separator() {
        // "510 635 st" is two cells, "9 000 st" one (t1-2020-sodermalm.txt:343).
        let placed = row(
            "Antal ungdomar som fått feriejobb i stadens regi 0 st 651 st 510 635 st 9 000 st Tertial 1 2020",
            Profile::Tertial,
            Origin::CityCouncil,
        );
        assert_eq!(
            placed.name,
            "Antal ungdomar som fått feriejobb i stadens regi"
        );
        assert_eq!(cell(&placed, Slot::Outcome), Some("0 st"));
        assert_eq!(cell(&placed, Slot::Prev), Some("651 st"));
        assert_eq!(cell(&placed, Slot::Forecast), Some("510"));
        assert_eq!(cell(&placed, Slot::Annual), Some("635 st"));
        assert_eq!(cell(&placed, Slot::Council), Some("9 000 st"));
        assert!(!placed.ambiguous);
    }

    #[test]
    fn names_with_digits_and_values_on_the_same_line() {
        let placed = row(
            "Sjukfrånvaro dag 1-14 2,5 % 2,2 % 2,5 % 2,5 % 3 % 2,3 % Tas fram av nämnd/styrelse Tertial 1 2020",
            Profile::Tertial,
            Origin::Committee,
        );
        assert_eq!(placed.name, "Sjukfrånvaro dag 1-14");
        assert_eq!(cell(&placed, Slot::Outcome), Some("2,5 %"));
        assert_eq!(cell(&placed, Slot::Annual), Some("2,3 %"));
        assert_eq!(
            cell(&placed, Slot::Council),
            Some("Tas fram av nämnd/styrelse")
        );
        let placed = row(
            "Andel åtgärder på nivå 2 enligt kemikaliecentrums vägledning 75 % Tertial",
            Profile::Plan,
            Origin::Committee,
        );
        assert_eq!(
            placed.name,
            "Andel åtgärder på nivå 2 enligt kemikaliecentrums vägledning"
        );
        assert_eq!(cell(&placed, Slot::Annual), Some("75 %"));
    }

    #[test]
    fn markers_take_their_columns() {
        let placed = row(
            "Antal tillhandahållna platser för feriejobb 510 680 510 680 st Tas fram av nämnd Tertial 1 2020",
            Profile::Tertial,
            Origin::CityCouncil,
        );
        assert_eq!(cell(&placed, Slot::Outcome), Some("510"));
        assert_eq!(cell(&placed, Slot::Prev), Some("680"));
        assert_eq!(cell(&placed, Slot::Forecast), Some("510"));
        assert_eq!(cell(&placed, Slot::Annual), Some("680 st"));
        let placed = row(
            "Andel som trivs Ny indikator 2020 90 % 2020",
            Profile::Tertial,
            Origin::Committee,
        );
        assert_eq!(cell(&placed, Slot::Prev), Some("Ny indikator 2020"));
        assert_eq!(cell(&placed, Slot::Annual), Some("90 %"));
        assert_eq!(placed.period_label, "2020");
        let placed = row(
            "Andel unga 95 % Fastställs 2020 2020",
            Profile::Tertial,
            Origin::CityCouncil,
        );
        assert_eq!(cell(&placed, Slot::Council), Some("Fastställs 2020"));
        assert!(placed.ambiguous);
    }

    #[test]
    fn double_space_before_percent() {
        let placed = row(
            "Andel X 100  % Tas fram av nämnd 2020",
            Profile::Tertial,
            Origin::CityCouncil,
        );
        assert_eq!(placed.cells.first().map(|(_, v)| v.as_str()), Some("100 %"));
    }

    #[test]
    fn period_cells_of_t2_and_vb() {
        let placed = read_row(
            "Andel X 5 % 4 % 6 % 5 % 5 % 6 % 7 % Tertial 2 2021",
            Profile::Tertial,
            Some(2021),
            Origin::CityCouncil,
        )
        .expect("row");
        assert_eq!(placed.period_label, "Tertial 2 2021");
        assert_eq!(cell(&placed, Slot::Forecast), Some("5 %"));
        assert!(!ends_row("Ny indikator 2021", Profile::Tertial, Some(2021)));
    }

    #[test]
    fn synthetic_vb_row_with_seven_cells() {
        // VB: outcome, men, women, last VB, Årsmål, KF:s årsmål, Period; no prognos.
        let placed = read_row(
            "Sjukfrånvaro 7,1 % 5,9 % 7,5 % 7,3 % 6,9 % Tas fram av nämnd/styrelse VB 2021",
            Profile::AnnualReport,
            Some(2021),
            Origin::Committee,
        )
        .expect("row");
        assert_eq!(placed.period_label, "VB 2021");
        assert_eq!(cell(&placed, Slot::Outcome), Some("7,1 %"));
        assert_eq!(cell(&placed, Slot::Prev), Some("7,3 %"));
        assert_eq!(cell(&placed, Slot::Annual), Some("6,9 %"));
        assert_eq!(cell(&placed, Slot::Forecast), None);
        assert!(!placed.ambiguous);
    }

    #[test]
    fn tab_rows_keep_blank_cells() {
        let placed = read_tab_row(
            " Andel X\t80\t\tTertial",
            Profile::Plan,
            Origin::CityCouncil,
        );
        assert_eq!(placed.name, "Andel X");
        assert_eq!(placed.cells, vec![(Slot::Annual, "80".to_owned())]);
        assert_eq!(placed.period_label, "Tertial");
        assert!(!placed.ambiguous);
    }
}
