//! The goal tree reader: walks the cleaned lines once, opening a goal at each heading and
//! routing every other line to the goal's current text section (Beskrivning, Förväntat
//! resultat, Analys, Kommentar, narrative), to an indicator table or to an activity table.
//! Only those keywords, the bedömning line and the table headers are structural; everything
//! else is opaque prose (DOMAIN.md §10.5).

use std::collections::BTreeMap;

use crate::domain::direction::{DirectionSource, infer_direction_with_source};
use crate::domain::{
    Activity, ActivityReport, Assessment, Completion, DocKind, Goal, GoalLevel, GoalStatus,
    Indicator, IndicatorReport, Origin, Period, Periodicity, ReadCell, Target, Value,
};

use super::ImportWarning;
use super::activity_table::{self, DateLine};
use super::headings::{parse_label, split_number};
use super::indicator_table::{self, Profile, Slot};
use super::lines::{Line, join_cell_lines, join_heading_lines, join_prose, split_expected_results};

/// What the goal tree reader produced.
pub struct Parsed {
    pub goals: Vec<Goal>,
    pub summary: String,
    pub warnings: Vec<ImportWarning>,
    /// Indicators whose direction is the higher-is-better fallback, with their lines.
    pub assumed_directions: Vec<ImportWarning>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    None,
    Narrative,
    Description,
    ExpectedResults,
    Analysis,
    Comment,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Table {
    None,
    Indicators(Profile),
    Activities,
}

/// Headings that end the summary at the start of a document.
const SUMMARY_STOPS: [&str; 6] = [
    "Bakgrund",
    "Ärendets beredning",
    "Inledning",
    "Uppföljning av Kommunfullmäktiges inriktningsmål",
    "Förslag till beslut",
    "Förvaltningens fokusområden",
];

/// Chapters after the goal tree: the economy ends the tree.
fn ends_tree(trimmed: &str) -> bool {
    let lower = trimmed.trim_end_matches('.').to_lowercase();
    [
        "uppföljning av ekonomi",
        "redovisning av ekonomi",
        "uppföljning av driftbudget",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
        && lower.len() < 40
}

fn is_section_keyword(trimmed: &str) -> bool {
    matches!(
        trimmed,
        "Beskrivning" | "Förväntat resultat" | "Analys" | "Kommentar"
    )
}

/// An indicator header starting at `lines[i]`: its profile and the index of its last line.
/// The T header is shredded over ~23 lines, so the header is read as a token set up to the
/// line ending in "Period"/"Periodicitet".
fn indicator_header(lines: &[Line], i: usize) -> Option<(Profile, usize)> {
    let first = lines.get(i)?.trimmed();
    let starts =
        first == "Indikator" || first.starts_with("Indikator ") || first.starts_with("Indikator\t");
    if !starts {
        return None;
    }
    let mut texts: Vec<&str> = Vec::new();
    for (offset, line) in lines[i..].iter().take(40).enumerate() {
        texts.push(&line.text);
        let t = line.trimmed();
        if t.ends_with("Period") || t.ends_with("Periodicitet") {
            let header = join_cell_lines(texts.iter().copied());
            return Some((Profile::from_header(&header), i + offset));
        }
        if offset > 0 && (parse_label(&line.text).is_some() || is_section_keyword(t)) {
            return None;
        }
    }
    None
}

fn starts_lowercase(text: &str) -> bool {
    text.trim_start()
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
}

/// The reader's state while it walks the lines.
struct Reader<'a> {
    lines: &'a [Line],
    kind: DocKind,
    period: Period,
    year: Option<u16>,
    goals: Vec<Goal>,
    /// Index path to the current goal: inriktningsmål, KF-mål, nämndmål.
    direction: Option<usize>,
    area: Option<usize>,
    committee: Option<usize>,
    /// False while a heading arrived without a parent: its contents are skipped.
    have_goal: bool,
    section: Section,
    section_lines: Vec<String>,
    table: Table,
    row_lines: Vec<String>,
    row_first_line: usize,
    activity_title: Vec<String>,
    activity_first_line: usize,
    continuing_activity: bool,
    /// Whether the last source line of the last activity's title ended in a space: the
    /// stored title is trimmed, but a continuation after a page break needs that wrap
    /// evidence ("… gatukonst och " / "muralmålningar …", T1:3138-3143).
    last_title_line_spaced: bool,
    after_repeated_header: bool,
    warnings: Vec<ImportWarning>,
    assumed_directions: Vec<ImportWarning>,
}

impl<'a> Reader<'a> {
    fn warn(&mut self, line: usize, message: String) {
        self.warnings.push(ImportWarning { line, message });
    }

    fn current(&mut self) -> Option<&mut Goal> {
        if !self.have_goal {
            return None;
        }
        let direction = self.goals.get_mut(self.direction?)?;
        let Some(area) = self.area else {
            return Some(direction);
        };
        let area = direction.children.get_mut(area)?;
        match self.committee {
            Some(committee) => area.children.get_mut(committee),
            None => Some(area),
        }
    }

    /// KF-indikator/-aktivitet when it hangs on a KF-mål, nämnd's own otherwise.
    fn origin(&mut self) -> Origin {
        match self.current().map(|g| g.level) {
            Some(GoalLevel::Area) => Origin::CityCouncil,
            _ => Origin::Committee,
        }
    }

    fn status_mut(&mut self) -> Option<&mut GoalStatus> {
        let period = self.period;
        let forecast = period.is_forecast();
        let goal = self.current()?;
        Some(goal.status.entry(period).or_insert_with(|| GoalStatus {
            assessment: Assessment::NotAssessed,
            is_forecast: forecast,
            analysis: String::new(),
        }))
    }

    fn flush_section(&mut self) {
        let lines = std::mem::take(&mut self.section_lines);
        let section = self.section;
        let text = join_prose(lines.iter().map(String::as_str));
        if text.is_empty() {
            return;
        }
        let plan = self.kind == DocKind::Plan;
        let append = |field: &mut String, text: &str| {
            if !field.is_empty() {
                field.push('\n');
            }
            field.push_str(text);
        };
        match section {
            Section::None => {}
            Section::Narrative => {
                let is_direction = self
                    .current()
                    .is_some_and(|g| g.level == GoalLevel::Direction);
                if !plan && is_direction {
                    if let Some(status) = self.status_mut() {
                        append(&mut status.analysis, &text);
                    }
                } else if let Some(goal) = self.current() {
                    append(&mut goal.narrative, &text);
                }
            }
            Section::Description => {
                if let Some(goal) = self.current() {
                    append(&mut goal.description, &text);
                }
            }
            Section::ExpectedResults => {
                if let Some(goal) = self.current() {
                    append(&mut goal.expected_results_raw, &text);
                    let raw_lines: Vec<&str> = lines.iter().map(String::as_str).collect();
                    goal.expected_results
                        .extend(split_expected_results(&raw_lines));
                }
            }
            Section::Analysis => {
                if let Some(status) = self.status_mut() {
                    append(&mut status.analysis, &text);
                }
            }
            Section::Comment => {
                if let Some(goal) = self.current() {
                    append(&mut goal.comment, &text);
                }
            }
        }
    }

    /// Ends whatever was open: text section, pending row, pending activity title.
    fn finish_context(&mut self) {
        self.flush_section();
        self.section = Section::None;
        if self.row_lines.iter().any(|l| !l.trim().is_empty()) {
            let text = join_cell_lines(self.row_lines.iter().map(String::as_str));
            let line = self.row_first_line;
            self.warn(
                line,
                format!(
                    "Ofullständig indikatorrad utan periodcell hoppades över: «{}»",
                    shorten(&text)
                ),
            );
        }
        self.row_lines.clear();
        if !self.activity_title.is_empty() {
            let title = join_cell_lines(self.activity_title.iter().map(String::as_str));
            let line = self.activity_first_line;
            self.warn(
                line,
                format!("Aktiviteten «{}» saknar datum", shorten(&title)),
            );
            self.push_activity(
                title,
                &DateLine {
                    title_part: String::new(),
                    start: None,
                    end: None,
                    deviation: false,
                },
            );
        }
        self.activity_title.clear();
        self.continuing_activity = false;
        self.after_repeated_header = false;
        self.table = Table::None;
    }

    fn open_goal(&mut self, level: GoalLevel, title: String, line: usize) {
        self.finish_context();
        let (number, title) = split_number(level, &title);
        let mut goal = Goal::new(0, level, number.as_deref(), &title);
        if self.kind != DocKind::Plan {
            goal.status.insert(
                self.period,
                GoalStatus {
                    assessment: Assessment::NotAssessed,
                    is_forecast: self.period.is_forecast(),
                    analysis: String::new(),
                },
            );
        }
        self.have_goal = true;
        match level {
            GoalLevel::Direction => {
                self.goals.push(goal);
                self.direction = Some(self.goals.len() - 1);
                self.area = None;
                self.committee = None;
            }
            GoalLevel::Area => {
                self.committee = None;
                self.area = None;
                match self.direction.and_then(|d| self.goals.get_mut(d)) {
                    Some(parent) => {
                        parent.children.push(goal);
                        self.area = Some(parent.children.len() - 1);
                    }
                    None => {
                        self.have_goal = false;
                        self.warn(
                            line,
                            format!("KF-målet «{title}» saknar inriktningsmål och hoppades över"),
                        );
                    }
                }
            }
            GoalLevel::Committee => {
                self.committee = None;
                let parent = match (self.direction, self.area) {
                    (Some(d), Some(a)) => self.goals.get_mut(d).and_then(|g| g.children.get_mut(a)),
                    _ => None,
                };
                match parent {
                    Some(parent) => {
                        parent.children.push(goal);
                        self.committee = Some(parent.children.len() - 1);
                    }
                    None => {
                        self.have_goal = false;
                        self.warn(
                            line,
                            format!("Nämndmålet «{title}» saknar KF-mål och hoppades över"),
                        );
                    }
                }
            }
        }
        self.section = Section::Narrative;
    }

    fn push_indicator(&mut self, row: indicator_table::PlacedRow, line: usize) {
        if row.name.is_empty() {
            self.warn(line, "Indikatorrad utan namn hoppades över".to_owned());
            return;
        }
        let Table::Indicators(profile) = self.table else {
            return;
        };
        let origin = self.origin();
        let mut report = IndicatorReport::default();
        let mut unit = None;
        for (slot, raw) in &row.cells {
            match slot {
                Slot::Annual | Slot::Council => {
                    let target = Target::from_cell(raw);
                    if unit.is_none() {
                        unit = target.quantity().and_then(|q| q.unit.clone());
                    }
                    if *slot == Slot::Annual {
                        report.annual_target = target;
                    } else {
                        report.council_target = target;
                    }
                }
                _ => {
                    let value = Value::from_cell(raw);
                    if unit.is_none() {
                        unit = value.quantity().and_then(|q| q.unit.clone());
                    }
                    match slot {
                        Slot::Outcome => report.outcome = value,
                        Slot::Men => report.outcome_men = value,
                        Slot::Women => report.outcome_women = value,
                        Slot::Prev => report.prev_year_outcome = value,
                        _ => report.forecast_full_year = value,
                    }
                }
            }
        }
        let periodicity = if profile == Profile::Plan {
            Periodicity::from_cell(&row.period_label)
        } else {
            report.period_label = row.period_label.clone();
            if row.period_label.starts_with("Tertial") || row.period_label.starts_with("VB") {
                Periodicity::Tertial
            } else {
                Periodicity::Year
            }
        };
        report.ambiguous = row.ambiguous;
        report.read_cells = row
            .cells
            .iter()
            .map(|(slot, raw)| ReadCell {
                field: slot.field(),
                raw: raw.clone(),
                uncertain: row.uncertain.contains(slot),
            })
            .collect();
        if let Some(note) = &row.note {
            self.warn(line, format!("Indikatorn «{}»: {note}", shorten(&row.name)));
        }
        let (direction, source) =
            infer_direction_with_source(&row.name, &report.annual_target, &report.council_target);
        if source == DirectionSource::Fallback {
            self.assumed_directions.push(ImportWarning {
                line,
                message: format!("«{}»", shorten(&row.name)),
            });
        }
        let mut reports = BTreeMap::new();
        reports.insert(self.period, report);
        let indicator = Indicator {
            id: 0,
            origin,
            name: row.name,
            unit,
            periodicity,
            direction,
            tolerance: crate::domain::indicator::default_tolerance(),
            direction_confirmed: false,
            reports,
        };
        if let Some(goal) = self.current() {
            goal.indicators.push(indicator);
        }
    }

    fn push_activity(&mut self, title: String, date_line: &DateLine) {
        let origin = self.origin();
        let mut reports = BTreeMap::new();
        if self.kind != DocKind::Plan {
            reports.insert(
                self.period,
                ActivityReport {
                    deviation: date_line.deviation,
                    // A VB's table has only the Avvikelse column, and the documents' own
                    // summaries count an activity without Avvikelse as done (avslutad /
                    // genomförd). A flagged one is left for the user: Avvikelse is not
                    // "not done" (DOMAIN.md §6).
                    completion: if self.kind == DocKind::AnnualReport && !date_line.deviation {
                        Completion::Done
                    } else {
                        Completion::Unknown
                    },
                    ..ActivityReport::default()
                },
            );
        }
        let activity = Activity {
            id: 0,
            origin,
            title,
            start: date_line.start,
            end: date_line.end,
            reports,
        };
        if let Some(goal) = self.current() {
            goal.activities.push(activity);
        }
    }

    /// Whether the pending PDF row is complete: its text ends in a period cell, and that
    /// cell is not just a year at the end of the name's first block.
    fn row_complete(&self, profile: Profile) -> Option<String> {
        let text = indicator_table::join_row_lines(&self.row_lines);
        if !indicator_table::ends_row(&text, profile, self.year) {
            return None;
        }
        let blocks = self
            .row_lines
            .split(|l| l.trim().is_empty())
            .filter(|b| !b.is_empty())
            .count();
        if blocks == 1 {
            let (_, cells, _, _) = indicator_table::split_row(&text, profile, self.year)?;
            if cells.is_empty() {
                return None;
            }
        }
        Some(text)
    }

    fn feed_indicator_line(&mut self, line: &Line, profile: Profile) {
        if line.has_tab() {
            let origin = self.origin();
            let row = indicator_table::read_tab_row(&line.text, profile, origin);
            self.push_indicator(row, line.no);
            return;
        }
        if line.is_blank() {
            if !self.row_lines.is_empty() {
                self.row_lines.push(String::new());
            }
            return;
        }
        if self.row_lines.is_empty() {
            self.row_first_line = line.no;
        }
        self.row_lines.push(line.text.clone());
        if self.row_lines.len() > 60 {
            // No row is this long: the table ended without a structural line. Give up on
            // the pending text rather than re-reading it on every line.
            let first = self.row_first_line;
            self.warn(
                first,
                "Indikatortabellen tog slut utan periodcell; texten hoppades över".to_owned(),
            );
            self.row_lines.clear();
            self.table = Table::None;
            return;
        }
        if let Some(text) = self.row_complete(profile) {
            self.row_lines.clear();
            let origin = self.origin();
            match indicator_table::read_row(&text, profile, self.year, origin) {
                Some(row) => self.push_indicator(row, self.row_first_line),
                None => {
                    let first = self.row_first_line;
                    self.warn(
                        first,
                        format!("Indikatorraden kunde inte läsas: «{}»", shorten(&text)),
                    );
                }
            }
        }
    }

    /// Appends a continuation line to the last activity's title, as a wrap after a space
    /// when its previous line ended in one.
    fn append_to_last_activity(&mut self, text: &str) {
        let spaced = self.last_title_line_spaced;
        if let Some(activity) = self.current().and_then(|g| g.activities.last_mut()) {
            let previous = if spaced {
                format!("{} ", activity.title)
            } else {
                activity.title.clone()
            };
            activity.title = join_cell_lines([previous.as_str(), text]);
        }
        self.last_title_line_spaced = text.ends_with(char::is_whitespace);
    }

    fn feed_activity_line(&mut self, line: &Line) {
        if line.has_tab() {
            let row = activity_table::parse_tab_row(&line.text);
            if row.start.is_none() && row.end.is_none() {
                // A DOCX continuation row after a page break: empty date cells.
                if self.current().is_some_and(|g| !g.activities.is_empty()) {
                    // A DOCX cell boundary is always a word boundary.
                    self.last_title_line_spaced = true;
                    self.append_to_last_activity(&row.title_part);
                } else if !row.title_part.is_empty() {
                    self.warn(
                        line.no,
                        format!("Aktiviteten «{}» saknar datum", shorten(&row.title_part)),
                    );
                    self.push_activity(row.title_part.clone(), &row);
                }
            } else {
                self.push_activity(row.title_part.clone(), &row);
            }
            return;
        }
        if line.is_blank() {
            self.continuing_activity = false;
            return;
        }
        if let Some(date_line) = activity_table::parse_date_line(&line.text) {
            let mut parts = std::mem::take(&mut self.activity_title);
            parts.push(date_line.title_part.clone());
            self.last_title_line_spaced = parts
                .iter()
                .rev()
                .find(|part| !part.trim().is_empty())
                .is_some_and(|part| part.ends_with(char::is_whitespace));
            let title = join_cell_lines(parts.iter().map(String::as_str));
            if title.is_empty() {
                self.warn(line.no, "Datumrad utan aktivitetstitel".to_owned());
            }
            self.push_activity(title, &date_line);
            self.after_repeated_header = false;
            self.continuing_activity = false;
            return;
        }
        if self.activity_title.is_empty()
            && self.after_repeated_header
            && starts_lowercase(&line.text)
            && self.current().is_some_and(|g| !g.activities.is_empty())
        {
            // A title cut by a page break continues after the repeated header (§10.2).
            self.continuing_activity = true;
        }
        self.after_repeated_header = false;
        if self.continuing_activity {
            self.append_to_last_activity(&line.text);
        } else {
            if self.activity_title.is_empty() {
                self.activity_first_line = line.no;
            }
            self.activity_title.push(line.text.clone());
        }
    }

    /// Lines of a row-level Analys/Kommentar: up to a blank line or anything structural.
    fn row_text_end(&self, from: usize) -> usize {
        let mut j = from;
        while let Some(line) = self.lines.get(j) {
            let t = line.trimmed();
            if line.is_blank()
                || parse_label(&line.text).is_some()
                || is_section_keyword(t)
                || indicator_header(self.lines, j).is_some()
                || activity_table::parse_header(t).is_some()
            {
                break;
            }
            j += 1;
        }
        j
    }

    fn attach_row_text(&mut self, keyword: &str, text: String) {
        let period = self.period;
        match self.table {
            Table::Indicators(_) => {
                let Some(indicator) = self.current().and_then(|g| g.indicators.last_mut()) else {
                    return;
                };
                let report = indicator.reports.entry(period).or_default();
                if keyword == "Kommentar" {
                    report.comment = text;
                } else {
                    let lower = text.to_lowercase();
                    if lower.contains("undantas") && lower.contains("rapportering") {
                        report.excluded = true;
                    }
                    report.analysis = text;
                }
            }
            Table::Activities => {
                let Some(activity) = self.current().and_then(|g| g.activities.last_mut()) else {
                    return;
                };
                activity.reports.entry(period).or_default().analysis = text;
            }
            Table::None => {}
        }
    }

    /// Reads a heading's title: on the label's line or the next, wrapped while a line ends
    /// in a space (at most three lines).
    fn read_title(&self, i: usize, rest: &str) -> (String, usize) {
        let mut parts: Vec<String> = Vec::new();
        let mut j = i + 1;
        let mut open;
        if rest.is_empty() {
            while self.lines.get(j).is_some_and(Line::is_blank) && j < i + 3 {
                j += 1;
            }
            match self.lines.get(j) {
                Some(line) if !line.is_blank() => {
                    parts.push(line.text.clone());
                    open = line.text.ends_with(char::is_whitespace);
                    j += 1;
                }
                _ => return (String::new(), j),
            }
        } else {
            open = self
                .lines
                .get(i)
                .is_some_and(|l| l.text.ends_with(char::is_whitespace));
            // `rest` is trimmed; keep the wrap evidence of its line.
            parts.push(if open {
                format!("{rest} ")
            } else {
                rest.to_owned()
            });
        }
        while open && parts.len() < 4 {
            match self.lines.get(j) {
                Some(line)
                    if !line.is_blank()
                        && !line.has_tab()
                        && parse_label(&line.text).is_none()
                        && Assessment::from_line(line.trimmed()).is_none() =>
                {
                    parts.push(line.text.clone());
                    open = line.text.ends_with(char::is_whitespace);
                    j += 1;
                }
                _ => break,
            }
        }
        (join_heading_lines(parts.iter().map(String::as_str)), j)
    }

    fn run(mut self) -> Parsed {
        let mut summary_lines: Vec<&str> = Vec::new();
        let mut in_summary = false;
        let mut started = false;
        let mut i = 0;
        while i < self.lines.len() {
            let line = &self.lines[i];
            let trimmed = line.trimmed();
            if started && ends_tree(trimmed) {
                break;
            }
            if let Some((level, rest)) = parse_label(&line.text) {
                let (title, next) = self.read_title(i, rest);
                if title.is_empty() {
                    self.warn(line.no, format!("Rubriken «{}» saknar titel", trimmed));
                    i = next;
                    continue;
                }
                started = true;
                self.open_goal(level, title, line.no);
                i = next;
                continue;
            }
            if !started {
                if trimmed == "Sammanfattande analys" || trimmed == "Sammanfattning" {
                    in_summary = true;
                } else if SUMMARY_STOPS.contains(&trimmed) {
                    in_summary = false;
                } else if in_summary {
                    summary_lines.push(&line.text);
                }
                i += 1;
                continue;
            }
            if let Some((profile, end)) = indicator_header(self.lines, i) {
                if self.table == Table::Indicators(profile) {
                    self.after_repeated_header = true;
                } else {
                    self.finish_context();
                    self.table = Table::Indicators(profile);
                }
                i = end + 1;
                continue;
            }
            if activity_table::parse_header(trimmed).is_some() {
                if self.table == Table::Activities {
                    self.after_repeated_header = true;
                } else {
                    self.finish_context();
                    self.table = Table::Activities;
                }
                i += 1;
                continue;
            }
            if let Some(assessment) = Assessment::from_line(trimmed) {
                if self.kind != DocKind::Plan
                    && let Some(status) = self.status_mut()
                {
                    status.assessment = assessment;
                }
                i += 1;
                continue;
            }
            if is_section_keyword(trimmed) {
                let next_has_text = self.lines.get(i + 1).is_some_and(|l| !l.is_blank());
                let row_level = matches!(trimmed, "Analys" | "Kommentar")
                    && next_has_text
                    && self.table != Table::None
                    && (self.kind != DocKind::Plan
                        || trimmed == "Kommentar"
                        || self.table == Table::Activities);
                if row_level {
                    let end = self.row_text_end(i + 1);
                    let text = join_prose(self.lines[i + 1..end].iter().map(|l| l.text.as_str()));
                    self.attach_row_text(trimmed, text);
                    i = end;
                    continue;
                }
                self.finish_context();
                self.section = match trimmed {
                    "Beskrivning" => Section::Description,
                    "Förväntat resultat" => Section::ExpectedResults,
                    "Kommentar" => Section::Comment,
                    _ => Section::Analysis,
                };
                i += 1;
                continue;
            }
            match self.table {
                Table::Indicators(profile) => self.feed_indicator_line(line, profile),
                Table::Activities => self.feed_activity_line(line),
                Table::None => {
                    if self.section != Section::None {
                        self.section_lines.push(line.text.clone());
                    } else if !line.is_blank() {
                        self.section = Section::Narrative;
                        self.section_lines.push(line.text.clone());
                    }
                }
            }
            i += 1;
        }
        self.finish_context();
        Parsed {
            goals: self.goals,
            summary: join_prose(summary_lines),
            warnings: self.warnings,
            assumed_directions: self.assumed_directions,
        }
    }
}

/// The first 60 characters of a text, for warnings.
fn shorten(text: &str) -> String {
    let mut short: String = text.chars().take(60).collect();
    if text.chars().count() > 60 {
        short.push('…');
    }
    short
}

/// Reads the goal tree of a cleaned document.
pub fn read_goal_tree(lines: &[Line], kind: DocKind, year: Option<u16>) -> Parsed {
    let reader = Reader {
        lines,
        kind,
        period: kind.period(),
        year,
        goals: Vec::new(),
        direction: None,
        area: None,
        committee: None,
        have_goal: false,
        section: Section::None,
        section_lines: Vec::new(),
        table: Table::None,
        row_lines: Vec::new(),
        row_first_line: 0,
        activity_title: Vec::new(),
        activity_first_line: 0,
        continuing_activity: false,
        last_title_line_spaced: false,
        after_repeated_header: false,
        warnings: Vec::new(),
        assumed_directions: Vec::new(),
    };
    reader.run()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::lines::clean;

    /// A same-line heading that wraps after a space keeps exactly one space at the wrap,
    /// whether the next line starts in lower case or not (issue 11: "ska ha" + "god" became
    /// "hagod").
    #[test]
    fn a_wrapped_same_line_heading_keeps_one_space() {
        let text = "KF:s inriktningsmål: 1. En modern storstad \nmed möjligheter\n\nKF:s mål för verksamhetsområdet: 1.2 Stockholm ska ha \ngod livsmiljö\n\nText.\n";
        let parsed = read_goal_tree(&clean(text), DocKind::Plan, Some(2024));
        let titles: Vec<String> = parsed
            .goals
            .iter()
            .flat_map(|g| std::iter::once(g).chain(g.children.iter()))
            .map(|g| g.title.clone())
            .collect();
        assert_eq!(
            titles,
            [
                "En modern storstad med möjligheter",
                "Stockholm ska ha god livsmiljö"
            ]
        );
    }

    /// The T1:3136-3144 shape: an activity title cut by a page break after its dates, the
    /// activity header repeated, and the title's rest in lower case after it; then the next
    /// activity. Wrapped lines keep the PDF's trailing space.
    #[test]
    fn an_activity_title_continues_after_a_page_break_and_a_repeated_header() {
        let text = [
            "KF:s inriktningsmål:",
            "2. En hållbart växande och dynamisk storstad med hög tillväxt",
            "",
            "KF:s mål för verksamhetsområdet:",
            "2.4. Stockholm är en modern kultur- och evenemangsstad med en stark ",
            "besöksnäring",
            "",
            " Uppfylls helt",
            "",
            " Aktivitet Startdatum Slutdatum Avvikelse",
            "",
            "Kulturnämnden ska i samråd med fastighetsnämnden, ",
            "stadsbyggnadsnämnden, trafiknämnden, stadsdelsnämnderna och ",
            "bolagsstyrelser utforma en strategi för gatukonst och ",
            "",
            "2020-01-01 2020-12-31",
            "",
            "Tjänsteutlåtande",
            "Sid 46 (72)",
            "",
            "start.stockholm",
            "",
            "  Aktivitet Startdatum Slutdatum Avvikelse",
            "",
            "muralmålningar i stadsmiljön genom ökad samverkan med ",
            "fastighetsägare samt förenklad tillståndshantering.",
            "",
            "Kulturnämnden ska i samråd med kommunstyrelsen, ",
            "stadsdelsnämnderna och bolagsstyrelser ta fram en ",
            "stadsövergripande strategi för fler kulturlokaler.",
            "",
            "2020-01-01 2020-06-30",
        ]
        .join("\n");
        let parsed = read_goal_tree(&clean(&text), DocKind::Tertial(1), Some(2020));
        let area = parsed
            .goals
            .first()
            .and_then(|im| im.children.first())
            .expect("IM 2 with KF-mål 2.4");
        assert_eq!(area.number.as_deref(), Some("2.4"));
        let titles: Vec<&str> = area.activities.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Kulturnämnden ska i samråd med fastighetsnämnden, stadsbyggnadsnämnden, \
                 trafiknämnden, stadsdelsnämnderna och bolagsstyrelser utforma en strategi för \
                 gatukonst och muralmålningar i stadsmiljön genom ökad samverkan med \
                 fastighetsägare samt förenklad tillståndshantering.",
                "Kulturnämnden ska i samråd med kommunstyrelsen, stadsdelsnämnderna och \
                 bolagsstyrelser ta fram en stadsövergripande strategi för fler kulturlokaler.",
            ]
        );
        let dates: Vec<String> = area
            .activities
            .iter()
            .map(|a| format!("{:?} {:?}", a.start, a.end))
            .collect();
        assert_eq!(
            dates,
            [
                "Some(2020-01-01) Some(2020-12-31)",
                "Some(2020-01-01) Some(2020-06-30)"
            ]
        );
        assert!(
            area.activities
                .iter()
                .all(|a| a.origin == Origin::CityCouncil)
        );
    }
}
