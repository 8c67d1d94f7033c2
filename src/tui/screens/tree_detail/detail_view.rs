//! The detail pane: the selected goal for the chosen period — heading, bedömning and analys,
//! beskrivning, förväntat resultat, the plan's text, the indicators and the activities. All
//! content is laid out as lines here (wrapping included) so the pane scrolls as one page and
//! the scroll limit is known. Wide panes show the indicators as a table; narrow ones show each
//! indicator as a name followed by labelled values. Each indicator shows its status (the
//! effective one, and the computed one beside it where a stated status differs); each goal
//! its summary sentence generated from the statuses. A value the importer placed by a guess
//! is marked `?`, and the cells as the document wrote them (*som det stod*) are shown under
//! the values where they differ from what is shown or their column was a guess. An årsmål the
//! period does not state itself shows the year's, marked `*`.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::domain::evaluate::{Evaluation, indicator_status};
use crate::domain::goal_summary::generated_sentence;
use crate::domain::{Activity, Assessment, Goal, Indicator, IndicatorReport, Period, ReportField};
use crate::tui::app::{App, Focus};
use crate::tui::theme;
use crate::tui::widgets::text_table::{Cell, row_lines, total_width};
use crate::tui::widgets::{lines, text};

use crate::tui::widgets::pane::Pane;

/// Indicator value columns after the name: header and width. The last is the status.
const INDICATOR_COLUMNS: [(&str, usize); 9] = [
    ("Periodens utfall", 10),
    ("Män/pojkar", 10),
    ("Kvinnor/flickor", 10),
    ("Föregående år", 10),
    ("Prognos helår", 9),
    ("Årsmål", 12),
    ("KF:s årsmål", 12),
    ("Period", 10),
    ("Status", 16),
];

/// The narrowest indicator name column the table layout accepts.
const MIN_NAME_COLUMN: usize = 24;

/// The selected goal's lines at the pane's width and each cursor row's lines, as the layout
/// pass built them for the frame (see [`goal_lines_with_rows`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DetailLines {
    pub lines: Vec<Line<'static>>,
    pub rows: Vec<(usize, usize)>,
}

/// The pane's text area inside its frame.
pub fn inner(area: Rect) -> Rect {
    Pane::new(" ", false).inner(area)
}

/// Builds the selected goal's lines for a pane at `area` (the layout pass does, once a frame).
pub fn lines(app: &App, area: Rect) -> Option<DetailLines> {
    let (_, goal) = app.selected_goal()?;
    let (lines, rows) = goal_lines_with_rows(
        goal,
        app.period(),
        app.year(),
        usize::from(inner(area).width),
    );
    Some(DetailLines { lines, rows })
}

/// Draws the pane from `detail` (the layout pass's lines), scrolled as the layout pass left
/// it. When the pane has the focus, its cursor row (the goal, an indicator or an activity, see
/// [`App::detail_row`]) is reversed and marked `›`.
pub fn render(app: &App, detail: Option<&DetailLines>, frame: &mut Frame<'_>, area: Rect) {
    let block = Pane::new(" Detaljer ", app.focus() == Focus::Detail);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let rows = usize::from(inner.height);
    let Some(detail) = detail else {
        return;
    };
    let max_scroll = detail.lines.len().saturating_sub(rows);
    let scroll = app.detail_scroll().min(max_scroll);
    let cursor = (app.focus() == Focus::Detail)
        .then(|| detail.rows.get(app.detail_row()).copied())
        .flatten();
    let buf = frame.buffer_mut();
    // Drawn from the layout pass's lines; only the cursor row's lines are copied to mark.
    for (i, line) in detail.lines.iter().enumerate().skip(scroll).take(rows) {
        let row = Rect {
            y: inner.y + (i - scroll) as u16,
            height: 1,
            ..inner
        };
        match cursor {
            Some((start, len)) if (start..start + len).contains(&i) => {
                let mut line = line.clone();
                if i == start
                    && let Some(first) = line.spans.first_mut()
                    && first.content.starts_with(' ')
                {
                    first.content = format!("›{}", &first.content[1..]).into();
                }
                line.style = line.style.patch(theme::selection());
                lines::draw(std::slice::from_ref(&line), row, buf);
            }
            _ => lines::draw(std::slice::from_ref(line), row, buf),
        }
    }
}

/// Every line of a goal's detail at `width` cells, with the lines (first, count) of each
/// cursor row: the goal's heading,
/// then each indicator, then each activity.
pub fn goal_lines_with_rows(
    goal: &Goal,
    period: Period,
    year: Option<u16>,
    width: usize,
) -> (Vec<Line<'static>>, Vec<(usize, usize)>) {
    let width = width.max(10);
    let mut lines = Vec::new();
    let mut rows = Vec::new();
    for line in text::wrap(&goal.heading(), width) {
        lines.push(Line::styled(line, theme::title()));
    }
    lines.push(Line::styled(goal.level.label(), theme::muted()));
    if !goal.sdg_refs.is_empty() {
        let tags = format!(
            "Agenda 2030: {}",
            crate::domain::sdg::describe(&goal.sdg_refs)
        );
        for line in text::wrap(&tags, width) {
            lines.push(Line::styled(line, theme::muted()));
        }
    }
    rows.push((0, lines.len()));

    let status = goal.status_in(period);
    let period_text = match year {
        Some(year) => format!("{} {year}", period.label()),
        None => period.label(),
    };
    let forecast = if status.is_forecast && status.assessment != Assessment::NotAssessed {
        " (prognos)"
    } else {
        ""
    };
    lines.push(Line::raw(""));
    lines.extend(flow(
        vec![
            vec![Span::styled(
                format!("Bedömning {period_text}: "),
                theme::heading(),
            )],
            vec![
                Span::styled(
                    status.assessment.symbol(),
                    theme::assessment(status.assessment),
                ),
                Span::raw(format!(" {}{forecast}", status.assessment.label())),
            ],
        ],
        width,
    ));
    if let Some(sentence) = goal
        .status
        .contains_key(&period)
        .then(|| generated_sentence(goal, period))
        .flatten()
    {
        section(
            &mut lines,
            "Sammanfattning (beräknad ur statusarna)",
            &sentence,
            width,
        );
    }
    if !status.analysis.trim().is_empty() {
        section(&mut lines, "Analys", &status.analysis, width);
    }
    if !goal.description.trim().is_empty() {
        section(&mut lines, "Beskrivning", &goal.description, width);
    }
    if !goal.expected_results.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Förväntat resultat", theme::heading()));
        for item in &goal.expected_results {
            for (i, line) in text::wrap(item, width.saturating_sub(2))
                .into_iter()
                .enumerate()
            {
                let bullet = if i == 0 { "• " } else { "  " };
                lines.push(Line::raw(format!("{bullet}{line}")));
            }
        }
    }
    if !goal.narrative.trim().is_empty() {
        section(&mut lines, "Text ur planen", &goal.narrative, width);
    }
    if !goal.comment.trim().is_empty() {
        section(&mut lines, "Kommentar", &goal.comment, width);
    }
    if !goal.indicators.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            format!("Indikatorer ({})", goal.indicators.len()),
            theme::heading(),
        ));
        let name_width = width.saturating_sub(total_width(&column_widths(0)));
        if name_width >= MIN_NAME_COLUMN {
            indicator_table(&mut lines, &mut rows, &goal.indicators, period, name_width);
        } else {
            for indicator in &goal.indicators {
                let start = lines.len();
                indicator_stacked(&mut lines, indicator, period, width);
                // The blank separator line is not part of the row.
                rows.push((start + 1, lines.len() - start - 1));
            }
        }
    }
    if !goal.activities.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            format!("Aktiviteter ({})", goal.activities.len()),
            theme::heading(),
        ));
        for activity in &goal.activities {
            let start = lines.len();
            activity_lines(&mut lines, activity, period, width);
            rows.push((start + 1, lines.len() - start - 1));
        }
    }
    (lines, rows)
}

/// A heading followed by wrapped prose; a narrow pane (a wide tree) wraps the heading too.
fn section(lines: &mut Vec<Line<'static>>, heading: &'static str, body: &str, width: usize) {
    lines.push(Line::raw(""));
    for line in text::wrap(heading, width) {
        lines.push(Line::styled(line, theme::heading()));
    }
    lines.extend(text::wrap(body, width).into_iter().map(Line::raw));
}

/// Lays `groups` of spans (a label with its value) one after another, starting a new line
/// where the next group would not fit in `width`, so a narrow pane shows every part instead
/// of cutting the line at its edge. A group is never split.
fn flow(groups: Vec<Vec<Span<'static>>>, width: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let mut current: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for group in groups {
        let group_width: usize = group.iter().map(|span| text::width(&span.content)).sum();
        if used > 0 && used + group_width > width {
            lines.push(Line::from(std::mem::take(&mut current)));
            used = 0;
        }
        used += group_width;
        current.extend(group);
    }
    if !current.is_empty() {
        lines.push(Line::from(current));
    }
    lines
}

fn column_widths(name_width: usize) -> Vec<usize> {
    std::iter::once(name_width)
        .chain(INDICATOR_COLUMNS.iter().map(|&(_, w)| w))
        .collect()
}

/// The value fields in column order (the period label follows them).
const VALUE_FIELDS: [ReportField; 7] = [
    ReportField::Outcome,
    ReportField::OutcomeMen,
    ReportField::OutcomeWomen,
    ReportField::PrevYearOutcome,
    ReportField::ForecastFullYear,
    ReportField::AnnualTarget,
    ReportField::CouncilTarget,
];

/// The mark after a value whose column the importer guessed (*osäker placering*).
const UNCERTAIN_MARK: &str = " ?";

/// The mark after an årsmål (or KF:s årsmål) the period does not state: the year's, from
/// the VP or a tertial that adjusted it, applies (see [`Indicator::report_in`]).
const YEAR_TARGET_MARK: &str = "*";

/// The eight cells of `indicator`'s `report` in `period`, in column order; a guessed value
/// carries [`UNCERTAIN_MARK`], a target the period follows from the year [`YEAR_TARGET_MARK`].
fn report_cells(indicator: &Indicator, period: Period, report: &IndicatorReport) -> [String; 8] {
    let in_force = indicator.report_in(period);
    let value = |field: ReportField| {
        let shown = report.display(field);
        let target = matches!(
            field,
            ReportField::AnnualTarget | ReportField::CouncilTarget
        );
        if target && shown.is_empty() {
            let year = in_force.display(field);
            if !year.is_empty() {
                return format!("{year}{YEAR_TARGET_MARK}");
            }
        }
        if report.is_uncertain(field) && !shown.is_empty() {
            format!("{shown}{UNCERTAIN_MARK}")
        } else {
            shown
        }
    };
    [
        value(VALUE_FIELDS[0]),
        value(VALUE_FIELDS[1]),
        value(VALUE_FIELDS[2]),
        value(VALUE_FIELDS[3]),
        value(VALUE_FIELDS[4]),
        value(VALUE_FIELDS[5]),
        value(VALUE_FIELDS[6]),
        report.period_label.clone(),
    ]
}

/// "Som det stod: Årsmål «Ökning» · Prognos helår «510» ?", the cells as the document wrote
/// them where that would surprise; `None` when there is nothing to show.
fn as_written(report: &IndicatorReport) -> Option<String> {
    let cells: Vec<String> = report
        .read_cells_to_show()
        .map(|cell| {
            let mark = if report.is_uncertain(cell.field) {
                UNCERTAIN_MARK
            } else {
                ""
            };
            format!("{} «{}»{mark}", cell.field.label(), cell.raw)
        })
        .collect();
    if cells.is_empty() {
        return None;
    }
    let guessed = report
        .read_cells
        .iter()
        .any(|cell| report.is_uncertain(cell.field));
    let legend = if guessed {
        " (? osäker placering)"
    } else {
        ""
    };
    Some(format!("Som det stod: {}{legend}", cells.join(" · ")))
}

fn indicator_table(
    lines: &mut Vec<Line<'static>>,
    rows: &mut Vec<(usize, usize)>,
    indicators: &[Indicator],
    period: Period,
    name_width: usize,
) {
    let widths = column_widths(name_width);
    let heading = theme::heading();
    let header: Vec<Cell<'_>> = std::iter::once(Cell::new("Indikator", heading))
        .chain(
            INDICATOR_COLUMNS
                .iter()
                .map(|&(title, _)| Cell::new(title, heading)),
        )
        .collect();
    lines.extend(row_lines(0, &widths, &header));
    for indicator in indicators {
        let start = lines.len();
        let name = indicator_name(indicator);
        match indicator.reports.get(&period) {
            Some(report) => {
                let values = report_cells(indicator, period, report);
                let evaluation = indicator_status(indicator, period);
                let status = status_text(&evaluation);
                let cells: Vec<Cell<'_>> = std::iter::once(Cell::new(&name, Style::new()))
                    .chain(values.iter().map(|v| Cell::new(v, Style::new())))
                    .chain(std::iter::once(Cell::new(
                        &status,
                        theme::indicator_status(evaluation.effective),
                    )))
                    .collect();
                lines.extend(row_lines(0, &widths, &cells));
                if let Some(written) = as_written(report) {
                    for line in text::wrap(&written, total_width(&widths).saturating_sub(4)) {
                        lines.push(Line::styled(format!("  ┆ {line}"), theme::muted()));
                    }
                }
                if !report.analysis.trim().is_empty() {
                    for line in text::wrap(&report.analysis, total_width(&widths).saturating_sub(4))
                    {
                        lines.push(Line::styled(format!("  │ {line}"), theme::muted()));
                    }
                }
            }
            None => {
                let note = format!("inga värden för {}", period.label());
                let cells = [
                    Cell::new(&name, Style::new()),
                    Cell::new(&note, theme::muted()),
                ];
                lines.extend(row_lines(0, &[name_width, 40], &cells));
            }
        }
        rows.push((start, lines.len() - start));
    }
}

/// "✓ Uppnås", or with a stated status that the rules would not give, "✓ Uppnås
/// (beräknat: ◐)".
fn status_text(evaluation: &Evaluation) -> String {
    let effective = evaluation.effective;
    let mut text = format!("{} {}", effective.symbol(), effective.label());
    if evaluation.disagrees() {
        text.push_str(&format!(
            " (beräknat: {})",
            evaluation.suggested.status().symbol()
        ));
    }
    text
}

/// "Name (KF)" for council indicators, so the origin shows.
fn indicator_name(indicator: &Indicator) -> String {
    match indicator.origin {
        crate::domain::Origin::CityCouncil => format!("{} (KF)", indicator.name),
        crate::domain::Origin::Committee => indicator.name.clone(),
    }
}

/// One indicator as a name line and labelled value lines; empty values are left out.
fn indicator_stacked(
    lines: &mut Vec<Line<'static>>,
    indicator: &Indicator,
    period: Period,
    width: usize,
) {
    lines.push(Line::raw(""));
    for (i, line) in text::wrap(&indicator_name(indicator), width.saturating_sub(2))
        .into_iter()
        .enumerate()
    {
        let bullet = if i == 0 { "▪ " } else { "  " };
        lines.push(Line::styled(format!("{bullet}{line}"), theme::heading()));
    }
    let Some(report) = indicator.reports.get(&period) else {
        lines.push(Line::styled(
            format!("  inga värden för {}", period.label()),
            theme::muted(),
        ));
        return;
    };
    let label_width = INDICATOR_COLUMNS
        .iter()
        .map(|(t, _)| text::width(t))
        .max()
        .unwrap_or(0)
        + 1;
    let value_width = width.saturating_sub(2 + label_width).max(8);
    let evaluation = indicator_status(indicator, period);
    let mut cells = report_cells(indicator, period, report).to_vec();
    cells.push(status_text(&evaluation));
    for (index, value) in cells.iter().enumerate() {
        let (label, _) = INDICATOR_COLUMNS[index];
        if value.trim().is_empty() && index != 0 {
            continue;
        }
        let shown = if value.trim().is_empty() {
            "–"
        } else {
            value.as_str()
        };
        for (i, line) in text::wrap(shown, value_width).into_iter().enumerate() {
            let label_text = if i == 0 { label } else { "" };
            let pad = label_width - text::width(label_text);
            lines.push(Line::from(vec![
                Span::raw("  "),
                Span::styled(label_text, theme::muted()),
                Span::raw(" ".repeat(pad)),
                Span::raw(line),
            ]));
        }
    }
    if let Some(written) = as_written(report) {
        for line in text::wrap(&written, width.saturating_sub(2)) {
            lines.push(Line::styled(format!("  {line}"), theme::muted()));
        }
    }
    if !report.analysis.trim().is_empty() {
        lines.push(Line::styled("  Analys", theme::muted()));
        for line in text::wrap(&report.analysis, width.saturating_sub(2)) {
            lines.push(Line::raw(format!("  {line}")));
        }
    }
}

/// An activity: title, dates and Avvikelse on one line, then its analysis.
fn activity_lines(
    lines: &mut Vec<Line<'static>>,
    activity: &Activity,
    period: Period,
    width: usize,
) {
    lines.push(Line::raw(""));
    let origin = match activity.origin {
        crate::domain::Origin::CityCouncil => " (KF)",
        crate::domain::Origin::Committee => "",
    };
    let title = format!("{}{origin}", activity.title);
    for (i, line) in text::wrap(&title, width.saturating_sub(2))
        .into_iter()
        .enumerate()
    {
        let bullet = if i == 0 { "▪ " } else { "  " };
        lines.push(Line::styled(format!("{bullet}{line}"), theme::heading()));
    }
    let date = |d: Option<jiff::civil::Date>| d.map_or_else(|| "–".to_owned(), |d| d.to_string());
    let report = activity.reports.get(&period);
    let deviation = report.is_some_and(|r| r.deviation);
    let mut groups = vec![
        vec![
            Span::styled("  Start ", theme::muted()),
            Span::raw(date(activity.start)),
        ],
        vec![
            Span::styled("  Slut ", theme::muted()),
            Span::raw(date(activity.end)),
        ],
    ];
    let deviation_value = if deviation {
        Span::styled("⚠ Ja", theme::warning())
    } else if report.is_some() {
        Span::raw("Nej")
    } else {
        Span::styled("–", theme::muted())
    };
    groups.push(vec![
        Span::styled("  Avvikelse ", theme::muted()),
        deviation_value,
    ]);
    if let Some(completion) = report
        .map(|r| r.completion.label())
        .filter(|l| !l.is_empty())
    {
        groups.push(vec![Span::raw(format!("  {completion}"))]);
    }
    lines.extend(flow(groups, width));
    if let Some(analysis) = report
        .map(|r| r.analysis.as_str())
        .filter(|a| !a.trim().is_empty())
    {
        lines.push(Line::styled("  Analys", theme::muted()));
        for line in text::wrap(analysis, width.saturating_sub(2)) {
            lines.push(Line::raw(format!("  {line}")));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{GoalLevel, Origin, ReadCell, Target, Value};

    fn text_of(lines: &[Line<'static>]) -> String {
        lines
            .iter()
            .map(|line| {
                line.spans
                    .iter()
                    .map(|span| span.content.as_ref())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn goal_with_read_cells() -> Goal {
        let report = IndicatorReport {
            outcome: Value::from_cell("510"),
            annual_target: Target::from_cell("Ökning"),
            period_label: "Tertial 1 2020".to_owned(),
            ambiguous: true,
            read_cells: vec![
                ReadCell {
                    field: ReportField::Outcome,
                    raw: "510".to_owned(),
                    uncertain: true,
                },
                ReadCell {
                    field: ReportField::AnnualTarget,
                    raw: "Ökning".to_owned(),
                    uncertain: false,
                },
            ],
            ..IndicatorReport::default()
        };
        let mut goal = Goal::new(1, GoalLevel::Committee, Some("1.1.1"), "Mål");
        goal.indicators.push(Indicator {
            id: 2,
            origin: Origin::Committee,
            name: "Antal platser".to_owned(),
            unit: None,
            periodicity: Default::default(),
            direction: Default::default(),
            tolerance: 0.2,
            direction_confirmed: false,
            reports: [(Period::Tertial(1), report)].into_iter().collect(),
        });
        goal
    }

    #[test]
    fn a_guessed_value_is_marked_and_the_text_as_written_shown() {
        for width in [200, 70] {
            let (lines, _) = goal_lines_with_rows(
                &goal_with_read_cells(),
                Period::Tertial(1),
                Some(2020),
                width,
            );
            let shown = text_of(&lines);
            assert!(shown.contains("510 ?"), "{width}: {shown}");
            for part in [
                "Som det stod: Periodens utfall «510» ? · Årsmål «Ökning» (? osäker",
                "placering)",
            ] {
                assert!(shown.contains(part), "{width}: {shown}");
            }
        }
    }

    #[test]
    fn values_read_as_shown_need_no_note() {
        let mut goal = goal_with_read_cells();
        for report in goal.indicators[0].reports.values_mut() {
            report.annual_target = Target::from_cell("5 st");
            report.read_cells[1].raw = "5 st".to_owned();
            report.read_cells[0].uncertain = false;
        }
        let (lines, _) = goal_lines_with_rows(&goal, Period::Tertial(1), Some(2020), 200);
        let shown = text_of(&lines);
        assert!(!shown.contains("Som det stod"), "{shown}");
        assert!(!shown.contains(" ?"), "{shown}");
    }

    /// A wide tree leaves the detail pane as narrow as 30 columns: every line still fits,
    /// the bedömning and the activity's Avvikelse wrap instead of being cut at the edge, and
    /// a VP årsmål that T1 does not state shows marked `*`.
    #[test]
    fn a_narrow_pane_wraps_every_line_and_the_years_target_is_marked() {
        use crate::domain::{ActivityReport, GoalStatus};
        let mut goal = goal_with_read_cells();
        goal.status.insert(
            Period::Tertial(1),
            GoalStatus {
                assessment: Assessment::PartiallyMet,
                is_forecast: true,
                analysis: "Nås delvis.".to_owned(),
            },
        );
        let indicator = &mut goal.indicators[0];
        indicator.reports.insert(
            Period::Plan,
            IndicatorReport {
                annual_target: Target::from_cell("95 %"),
                ..IndicatorReport::default()
            },
        );
        if let Some(report) = indicator.reports.get_mut(&Period::Tertial(1)) {
            report.annual_target = Target::Empty;
            report.read_cells.clear();
            report.ambiguous = false;
        }
        goal.activities.push(Activity {
            id: 3,
            origin: Origin::Committee,
            title: "Utveckla digitala stöd".to_owned(),
            start: "2020-01-01".parse().ok(),
            end: "2020-12-31".parse().ok(),
            reports: [(
                Period::Tertial(1),
                ActivityReport {
                    deviation: true,
                    analysis: "Försenad.".to_owned(),
                    ..Default::default()
                },
            )]
            .into_iter()
            .collect(),
        });
        for width in 30..=70 {
            let (lines, _) = goal_lines_with_rows(&goal, Period::Tertial(1), Some(2020), width);
            for line in &lines {
                assert!(line.width() <= width, "{width}: «{line}»");
            }
            let shown = text_of(&lines);
            assert!(
                shown.contains("◐ Uppfylls delvis (prognos)"),
                "{width}: {shown}"
            );
            assert!(shown.contains("Avvikelse ⚠ Ja"), "{width}: {shown}");
            assert!(shown.contains("95 %*"), "{width}: {shown}");
        }
    }
}
