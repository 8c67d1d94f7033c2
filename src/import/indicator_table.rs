//! Indicator tables: which columns a table has (from its header's token set), where a row's
//! name ends and its values begin, and which column each value cell belongs to. PDF text
//! drops blank cells and uses a space both as thousands separator and as cell separator, so
//! placement anchors the period cell at the right, puts marker texts in their fixed columns
//! and otherwise fills by a fixed drop order, flagging every row the count does not settle
//! (DOMAIN.md §10.1).

use std::sync::LazyLock;

use regex::Regex;

use crate::domain::{Origin, ReportField};

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
    /// An empty cell proven by spacing evidence (one extra space per blank cell).
    Blank,
}

/// Stands for one empty cell in a row's joined text: written by [`join_row_lines`] where
/// the export left an extra space, read back by [`tokenize_values`].
pub const BLANK_CELL: &str = "\u{2400}";

/// Glues the digit groups of one number ("2 480") so no later step splits them.
const GROUP_GLUE: char = '\u{2060}';

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
    /// The columns whose cell was placed by a guess (*osäker placering*): every plain cell
    /// of a row the count does not settle; markers keep their fixed columns.
    pub uncertain: Vec<Slot>,
    /// Placement was not certain; `note` says why (Swedish).
    pub ambiguous: bool,
    pub note: Option<String>,
}

impl Slot {
    /// The report field this column fills.
    pub fn field(self) -> ReportField {
        match self {
            Slot::Outcome => ReportField::Outcome,
            Slot::Men => ReportField::OutcomeMen,
            Slot::Women => ReportField::OutcomeWomen,
            Slot::Prev => ReportField::PrevYearOutcome,
            Slot::Forecast => ReportField::ForecastFullYear,
            Slot::Annual => ReportField::AnnualTarget,
            Slot::Council => ReportField::CouncilTarget,
        }
    }

    /// The column's Swedish name, for notes.
    pub fn label(self) -> &'static str {
        match self {
            Slot::Outcome => "Periodens utfall",
            Slot::Men => "Utfall män/pojkar",
            Slot::Women => "Utfall kvinnor/flickor",
            Slot::Prev => "Utfall VB föregående år",
            Slot::Forecast => "Prognos helår",
            Slot::Annual => "Årsmål",
            Slot::Council => "KF:s årsmål",
        }
    }
}

/// Where a row's cells went: the placed cells, the columns guessed, the columns taken to be
/// empty because the row had fewer cells than its layout, and whether it is all certain.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Placement {
    pub cells: Vec<(Slot, String)>,
    pub uncertain: Vec<Slot>,
    /// Columns dropped by the drop order (blank cells that left no trace), in order.
    pub dropped: Vec<Slot>,
    pub certain: bool,
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
    if let Some(glued) = tokens.get(i).filter(|t| t.contains(GROUP_GLUE))
        && is_number(&glued.replace(GROUP_GLUE, ""))
    {
        return Some((1 + unit_len(tokens, i + 1), 0));
    }
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
        if tokens[i] == BLANK_CELL {
            cells.push(Cell {
                raw: String::new(),
                kind: CellKind::Blank,
            });
            i += 1;
            continue;
        }
        let (len, kind, optional) = if let Some((len, kind)) = read_marker(tokens, i) {
            (len, kind, 0)
        } else if let Some((len, optional)) = read_number(tokens, i, join_optional) {
            (len, CellKind::Plain, optional)
        } else {
            return None;
        };
        optional_joins += optional;
        cells.push(Cell {
            raw: tokens[i..i + len].join(" ").replace(GROUP_GLUE, " "),
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
    let name_of = |part: &[&str]| -> String {
        // Extra spaces inside a name are noise, not blank cells.
        part.iter()
            .filter(|t| **t != BLANK_CELL)
            .map(|t| t.replace(GROUP_GLUE, " "))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let filled = |cells: &[Cell]| cells.iter().filter(|c| c.kind != CellKind::Blank).count();
    for start in 1..=body.len() {
        if body[start - 1] == BLANK_CELL {
            continue;
        }
        if let Some((cells, _)) = tokenize_values(&body[start..], false) {
            let (cells, joins) = if filled(&cells) > slot_count {
                tokenize_values(&body[start..], true).unwrap_or((cells, 0))
            } else {
                (cells, 0)
            };
            return Some((name_of(&body[..start]), cells, period_label, joins));
        }
    }
    Some((name_of(body), Vec::new(), period_label, 0))
}

static WRAPPED_GROUPS: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"(^|\s)(\d{1,3}(?: \d{3})+)\s*$").ok());

/// Turns one line of a row into text for [`split_row`]: "100  %" closes up first, then
/// every extra space between two values (and, on a line that starts with a value, every
/// leading space) becomes a [`BLANK_CELL`], since some exports write an empty cell as one
/// more space. Leading spaces on a name line are noise and are dropped.
fn blank_evidence(line: &str, first_of_row: bool) -> String {
    let line = match PERCENT_GAP.as_ref() {
        Some(re) => re.replace_all(line, "$1 %").into_owned(),
        None => line.to_owned(),
    };
    let body = line.trim_start();
    let leading = line.len() - body.len();
    let starts_with_value = body
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || c == '-' || c == '−');
    let mut out = String::new();
    if !first_of_row && starts_with_value && !line.contains('\t') {
        for _ in 0..leading {
            out.push_str(BLANK_CELL);
            out.push(' ');
        }
    } else if leading > 0 {
        out.push(' ');
    }
    let trailing = body.len() - body.trim_end().len();
    let core = body.trim_end();
    let mut run = 0;
    for c in core.chars() {
        if c == ' ' {
            run += 1;
            continue;
        }
        if run > 0 {
            out.push(' ');
            for _ in 1..run {
                out.push_str(BLANK_CELL);
                out.push(' ');
            }
            run = 0;
        }
        out.push(c);
    }
    out.push_str(&" ".repeat(trailing));
    out
}

/// Joins a pending PDF row's lines into one text for [`split_row`]. Blocks (separated by
/// blank lines) are cells or runs of cells; inside a block a wrap is joined as in
/// [`join_cell_lines`](super::lines::join_cell_lines). A number whose digit groups end a
/// line and whose unit starts the next ("2 480 " / "MWh") is one wrapped cell: its groups
/// are glued before cells are counted.
pub fn join_row_lines(lines: &[String]) -> String {
    let mut prepared: Vec<String> = Vec::with_capacity(lines.len());
    let mut first = true;
    for (index, line) in lines.iter().enumerate() {
        if line.trim().is_empty() {
            prepared.push(String::new());
            continue;
        }
        let mut text = blank_evidence(line, first);
        first = false;
        let next_is_unit = lines.get(index + 1).is_some_and(|next| {
            let tokens: Vec<&str> = next.split_whitespace().collect();
            !tokens.is_empty() && unit_len(&tokens, 0) > 0
        });
        if next_is_unit
            && let Some(re) = WRAPPED_GROUPS.as_ref()
            && let Some(found) = re.captures(&text).and_then(|c| c.get(2))
        {
            let glued = found.as_str().replace(' ', &GROUP_GLUE.to_string());
            text = format!("{}{glued} ", &text[..found.start()]);
        }
        prepared.push(text);
    }
    prepared
        .split(|l| l.trim().is_empty())
        .filter(|b| !b.is_empty())
        .map(|b| super::lines::join_cell_lines(b.iter().map(String::as_str)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a row's text ends in its period cell, i.e. the row is complete.
pub fn ends_row(text: &str, profile: Profile, year: Option<u16>) -> bool {
    let normalised = normalise_value_text(text);
    let tokens: Vec<&str> = normalised.split(' ').filter(|t| !t.is_empty()).collect();
    tokens.len() >= 2 && take_period(&tokens, profile, year).is_some()
}

/// Which columns may be empty, in the order they are dropped when a row has too few cells,
/// each with whether that drop follows from the layout (certain) or is a convention, i.e. a
/// guess that is marked and warned. The gender cells are present or absent as a pair; a
/// VB's period outcome is never dropped before the others.
fn drop_order(profile: Profile, origin: Origin, keep_gender: bool) -> Vec<(&'static [Slot], bool)> {
    let mut order: Vec<(&'static [Slot], bool)> = Vec::new();
    // Nämnd indicators have no KF:s årsmål (DOMAIN.md §3.2): the layout itself says that
    // column is empty, so dropping it is not a guess.
    if origin == Origin::Committee {
        order.push((&[Slot::Council], true));
    }
    if keep_gender {
        // The gender cells split the outcome: with them there is an outcome, so a single
        // missing cell is one of the others. A prognos is the cell most often left out
        // (annual rows in T1, DOMAIN.md §3.4); a KF indicator usually has its KF:s årsmål.
        order.extend([
            (&[Slot::Forecast][..], false),
            (&[Slot::Prev][..], false),
            (&[Slot::Council][..], false),
            (&[Slot::Annual][..], false),
        ]);
        return order;
    }
    // The gender pair is filled only for individual-based indicators (DOMAIN.md §3.1): the
    // most likely pair of empty cells, but a convention, not something the text shows.
    order.push((&[Slot::Men, Slot::Women], false));
    match profile {
        Profile::AnnualReport => order.extend([
            (&[Slot::Prev][..], false),
            (&[Slot::Council][..], false),
            (&[Slot::Annual][..], false),
            (&[Slot::Outcome][..], false),
        ]),
        _ => order.extend([
            (&[Slot::Outcome][..], false),
            // Without an outcome there is rarely a prognos: drop it before last year's value.
            (&[Slot::Forecast][..], false),
            (&[Slot::Prev][..], false),
            (&[Slot::Council][..], false),
            (&[Slot::Annual][..], false),
        ]),
    }
    order
}

/// Drops empty columns until `cells` fit, in the documented order. Unless every drop
/// follows from the layout, the placement is a guess: every cell placed is uncertain.
fn fill(cells: &[Cell], slots: &[Slot], profile: Profile, origin: Origin) -> Placement {
    let mut slots: Vec<Slot> = slots.to_vec();
    if cells.is_empty() {
        // Nothing left of an anchor: every column there is empty, for certain.
        return Placement {
            certain: true,
            ..Placement::default()
        };
    }
    let mut dropped = Vec::new();
    let mut certain = true;
    // An odd shortfall cannot be the gender pair: keep it and drop one other column.
    let council_safe = origin == Origin::Committee && slots.contains(&Slot::Council);
    let shortfall = slots
        .len()
        .saturating_sub(cells.len() + usize::from(council_safe));
    let has_gender = slots.contains(&Slot::Men) && slots.contains(&Slot::Women);
    let keep_gender = has_gender && shortfall == 1;
    for (group, safe) in drop_order(profile, origin, keep_gender) {
        if slots.len() <= cells.len() {
            break;
        }
        if !group.iter().all(|slot| slots.contains(slot)) {
            continue;
        }
        if slots.len() - group.len() < cells.len() {
            // Dropping both gender cells would leave too few columns.
            continue;
        }
        slots.retain(|slot| !group.contains(slot));
        dropped.extend_from_slice(group);
        certain &= safe;
    }
    if cells.len() != slots.len() {
        certain = false;
    }
    let placed: Vec<(Slot, String)> = slots
        .iter()
        .zip(cells)
        .map(|(slot, cell)| (*slot, cell.raw.clone()))
        .collect();
    Placement {
        uncertain: if certain {
            Vec::new()
        } else {
            placed.iter().map(|(slot, _)| *slot).collect()
        },
        cells: placed,
        dropped,
        certain,
    }
}

/// Places a row whose blank cells are all visible (spacing evidence or DOCX cells): it fits
/// only when the count matches the columns and every marker sits in its own column.
fn place_by_position(cells: &[Cell], slots: &[Slot]) -> Option<Vec<(Slot, String)>> {
    if cells.len() != slots.len() {
        return None;
    }
    let fits = slots.iter().zip(cells).all(|(slot, cell)| match cell.kind {
        CellKind::CouncilMarker => *slot == Slot::Council,
        CellKind::PrevMarker => *slot == Slot::Prev,
        CellKind::Plain | CellKind::Blank => true,
    });
    fits.then(|| {
        slots
            .iter()
            .zip(cells)
            .filter(|(_, cell)| cell.kind != CellKind::Blank)
            .map(|(slot, cell)| (*slot, cell.raw.clone()))
            .collect()
    })
}

/// The columns of a row: a T report's annual row ("<year>") holds only last VB, Årsmål and
/// KF:s årsmål, sometimes with a prognos. A nämnd indicator has no KF:s årsmål (DOMAIN.md
/// §3.2), so three cells in its annual row are last VB, prognos and Årsmål.
fn row_slots(profile: Profile, period_label: &str, filled: usize, origin: Origin) -> Vec<Slot> {
    let annual_row = profile == Profile::Tertial && is_match(&YEAR, period_label);
    if annual_row && origin == Origin::Committee && filled == 3 {
        vec![Slot::Prev, Slot::Forecast, Slot::Annual]
    } else if annual_row && filled <= 3 {
        vec![Slot::Prev, Slot::Annual, Slot::Council]
    } else if annual_row && filled == 4 {
        // "0 % 0 % +/-1 % +/- 1 % 2020"
        vec![Slot::Prev, Slot::Forecast, Slot::Annual, Slot::Council]
    } else {
        profile.slots().to_vec()
    }
}

/// Places a row's cells into columns. Blank cells proven by spacing are used when they
/// account for every column; otherwise they are set aside and the count decides.
pub fn place(cells: &[Cell], profile: Profile, period_label: &str, origin: Origin) -> Placement {
    let has_blanks = cells.iter().any(|c| c.kind == CellKind::Blank);
    let values: Vec<Cell> = cells
        .iter()
        .filter(|c| c.kind != CellKind::Blank)
        .cloned()
        .collect();
    if has_blanks {
        let candidates = [
            profile.slots().to_vec(),
            row_slots(profile, period_label, values.len(), origin),
        ];
        for slots in candidates {
            if let Some(placed) = place_by_position(cells, &slots) {
                return Placement {
                    cells: placed,
                    certain: true,
                    ..Placement::default()
                };
            }
        }
    }
    let mut placement = place_by_count(&values, profile, period_label, origin);
    if has_blanks && placement.certain {
        // Spacing that contradicts the columns is itself a reason to look.
        placement.certain = false;
        placement.uncertain = plain_slots(&placement.cells, &values);
    }
    placement
}

/// The columns of `placed` that hold a plain cell (not a marker in its fixed column).
fn plain_slots(placed: &[(Slot, String)], cells: &[Cell]) -> Vec<Slot> {
    placed
        .iter()
        .filter(|(_, raw)| {
            cells
                .iter()
                .find(|cell| cell.raw == *raw)
                .is_none_or(|cell| cell.kind == CellKind::Plain)
        })
        .map(|(slot, _)| *slot)
        .collect()
}

fn place_by_count(
    cells: &[Cell],
    profile: Profile,
    period_label: &str,
    origin: Origin,
) -> Placement {
    let slots = row_slots(profile, period_label, cells.len(), origin);
    let before =
        |anchor: Slot| -> Vec<Slot> { slots.iter().copied().filter(|s| *s < anchor).collect() };
    let after =
        |anchor: Slot| -> Vec<Slot> { slots.iter().copied().filter(|s| *s > anchor).collect() };
    if let Some(j) = cells
        .iter()
        .rposition(|c| c.kind == CellKind::CouncilMarker)
    {
        let mut placement = fill(&cells[..j], &before(Slot::Council), profile, origin);
        placement.cells.push((Slot::Council, cells[j].raw.clone()));
        if j + 1 < cells.len() {
            // Cells after KF:s årsmål have no column: the whole row is a guess.
            placement.certain = false;
            placement.uncertain = plain_slots(&placement.cells, cells);
        }
        return placement;
    }
    if let Some(j) = cells.iter().position(|c| c.kind == CellKind::PrevMarker)
        && slots.contains(&Slot::Prev)
    {
        let mut placement = fill(&cells[..j], &before(Slot::Prev), profile, origin);
        placement.cells.push((Slot::Prev, cells[j].raw.clone()));
        let right = fill(&cells[j + 1..], &after(Slot::Prev), profile, origin);
        placement.cells.extend(right.cells);
        placement.uncertain.extend(right.uncertain);
        placement.dropped.extend(right.dropped);
        placement.certain &= right.certain;
        return placement;
    }
    fill(cells, &slots, profile, origin)
}

/// The whole of a PDF row: split, then place. `None` when the text has no period cell.
pub fn read_row(
    text: &str,
    profile: Profile,
    year: Option<u16>,
    origin: Origin,
) -> Option<PlacedRow> {
    let (name, cells, period_label, optional_joins) = split_row(text, profile, year)?;
    let placement = place(&cells, profile, &period_label, origin);
    let certain = placement.certain;
    let mut note = None;
    let filled = cells.iter().filter(|c| c.kind != CellKind::Blank).count();
    let seen = cells
        .iter()
        .map(|c| {
            if c.kind == CellKind::Blank {
                "«»".to_owned()
            } else {
                format!("«{}»", c.raw)
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    if optional_joins > 0 {
        note = Some(format!(
            "tusentalsgruppering tolkad utifrån antalet celler; celler: {seen}"
        ));
    } else if !certain {
        note = Some(format!(
            "{filled} värdeceller för {} kolumner{}: placeringen är en gissning; celler: {seen}",
            profile.slots().len(),
            dropped_note(&placement.dropped)
        ));
    }
    let uncertain = if optional_joins > 0 {
        let values: Vec<Cell> = cells
            .iter()
            .filter(|c| c.kind != CellKind::Blank)
            .cloned()
            .collect();
        plain_slots(&placement.cells, &values)
    } else {
        placement.uncertain
    };
    Some(PlacedRow {
        name,
        period_label,
        cells: placement.cells,
        uncertain,
        ambiguous: optional_joins > 0 || !certain,
        note,
    })
}

/// ", tomma antogs: Utfall män/pojkar, Utfall kvinnor/flickor": the drop convention used.
fn dropped_note(dropped: &[Slot]) -> String {
    if dropped.is_empty() {
        return String::new();
    }
    let names: Vec<&str> = dropped.iter().map(|slot| slot.label()).collect();
    format!(", antogs tomma: {}", names.join(", "))
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
            uncertain: Vec::new(),
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
    let placement = place(&cells, profile, &period_label, origin);
    let certain = placement.certain;
    PlacedRow {
        name,
        period_label,
        cells: placement.cells,
        uncertain: placement.uncertain,
        ambiguous: !certain,
        note: (!certain).then(|| {
            let seen = values
                .iter()
                .map(|v| format!("«{v}»"))
                .collect::<Vec<_>>()
                .join(" ");
            format!(
                "{} fält för {} kolumner{}: placeringen är en gissning; celler: {seen}",
                values.len(),
                slot_count,
                dropped_note(&placement.dropped)
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
        // Five cells for seven columns: the empty gender pair is the convention, a guess
        // that is marked on every cell and named in the warning.
        assert!(placed.ambiguous);
        assert_eq!(placed.uncertain.len(), 5);
        let note = placed.note.as_deref().unwrap_or_default();
        assert!(
            note.contains("antogs tomma: Utfall män/pojkar, Utfall kvinnor/flickor"),
            "{note}"
        );
    }

    #[test]
    fn a_committee_rows_empty_council_target_is_no_guess() {
        // Nämnd indicators have no KF:s årsmål (DOMAIN.md §3.2): the layout says so.
        let placed = row("Andel nöjda 70 % År", Profile::Plan, Origin::Committee);
        assert_eq!(cell(&placed, Slot::Annual), Some("70 %"));
        assert!(!placed.ambiguous);
        assert!(placed.uncertain.is_empty());
        // A KF indicator's single value could be either target: a marked guess.
        let placed = row("Andel nöjda 70 % År", Profile::Plan, Origin::CityCouncil);
        assert!(placed.ambiguous);
        assert_eq!(placed.uncertain, vec![Slot::Annual]);
    }

    #[test]
    fn a_committee_annual_row_of_three_has_a_forecast_not_a_council_target() {
        // t1-2020-sodermalm.txt:2646-2650, "94 % 100 % 100 % 2020" under a nämndmål.
        let placed = row(
            "Andel äldre som känner sig trygga i dagverksamheten 94 % 100 % 100 % 2020",
            Profile::Tertial,
            Origin::Committee,
        );
        assert_eq!(cell(&placed, Slot::Prev), Some("94 %"));
        assert_eq!(cell(&placed, Slot::Forecast), Some("100 %"));
        assert_eq!(cell(&placed, Slot::Annual), Some("100 %"));
        assert_eq!(cell(&placed, Slot::Council), None);
        // A KF indicator's three are last VB, Årsmål and KF:s årsmål.
        let placed = row(
            "Andel nöjda 59 % 71 % 71 % 2020",
            Profile::Tertial,
            Origin::CityCouncil,
        );
        assert_eq!(cell(&placed, Slot::Council), Some("71 %"));
        assert_eq!(cell(&placed, Slot::Forecast), None);
    }

    #[test]
    fn markers_are_certain_in_a_guessed_row() {
        let placed = row(
            "Andel unga 95 % Fastställs 2020 2020",
            Profile::Tertial,
            Origin::CityCouncil,
        );
        assert!(placed.ambiguous);
        assert!(!placed.uncertain.contains(&Slot::Council));
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

    fn joined_row(lines: &[&str], profile: Profile, year: u16) -> PlacedRow {
        let owned: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
        let text = join_row_lines(&owned);
        read_row(&text, profile, Some(year), Origin::CityCouncil).expect("row has a period")
    }

    #[test]
    fn an_extra_space_is_a_blank_cell() {
        // Outcome, (men blank), (women blank), last VB, Årsmål, KF:s årsmål, Period (VB).
        let placed = joined_row(
            &["Andel nöjda 45 %   44 % 47 % 50 % VB 2021"],
            Profile::AnnualReport,
            2021,
        );
        assert_eq!(cell(&placed, Slot::Outcome), Some("45 %"));
        assert_eq!(cell(&placed, Slot::Men), None);
        assert_eq!(cell(&placed, Slot::Prev), Some("44 %"));
        assert_eq!(cell(&placed, Slot::Annual), Some("47 %"));
        assert_eq!(cell(&placed, Slot::Council), Some("50 %"));
        assert!(!placed.ambiguous);
        // A value line that starts with spaces: one per blank cell.
        let placed = joined_row(
            &["Andel nöjda", "", "   44 % 47 % 50 % VB 2021"],
            Profile::AnnualReport,
            2021,
        );
        assert_eq!(cell(&placed, Slot::Outcome), None);
        assert_eq!(cell(&placed, Slot::Prev), Some("44 %"));
        assert!(!placed.ambiguous);
        // Two leading spaces and three values cannot fill six columns: a marked guess.
        let placed = joined_row(
            &["Andel nöjda", "", "  44 % 47 % 50 % VB 2021"],
            Profile::AnnualReport,
            2021,
        );
        assert!(placed.ambiguous);
    }

    #[test]
    fn a_vb_row_never_drops_its_outcome_first() {
        let placed = read_row(
            "Andel nöjda 45 % 47 % 50 % VB 2021",
            Profile::AnnualReport,
            Some(2021),
            Origin::CityCouncil,
        )
        .expect("row");
        assert_eq!(cell(&placed, Slot::Outcome), Some("45 %"));
        assert_eq!(cell(&placed, Slot::Prev), None);
        assert_eq!(cell(&placed, Slot::Annual), Some("47 %"));
        assert!(placed.ambiguous);
    }

    #[test]
    fn gender_cells_go_as_a_pair() {
        // Seven of eight: the gender pair stays, one other column is empty (a guess).
        let placed = row(
            "Andel X 80 % 79 % 81 % 78 % 82 % 82 % Tertial 1 2020",
            Profile::Tertial,
            Origin::CityCouncil,
        );
        assert_eq!(cell(&placed, Slot::Outcome), Some("80 %"));
        assert_eq!(cell(&placed, Slot::Men), Some("79 %"));
        assert_eq!(cell(&placed, Slot::Women), Some("81 %"));
        assert!(placed.ambiguous);
    }

    #[test]
    fn digit_groups_wrapped_before_their_unit_are_one_cell() {
        let placed = joined_row(
            &[
                "Köpt energi 2300 MWh ",
                "",
                "2 480 ",
                "MWh",
                "",
                "2400 MWh 2020",
            ],
            Profile::Tertial,
            2020,
        );
        assert_eq!(cell(&placed, Slot::Prev), Some("2300 MWh"));
        assert_eq!(cell(&placed, Slot::Annual), Some("2 480 MWh"));
        assert_eq!(cell(&placed, Slot::Council), Some("2400 MWh"));
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
