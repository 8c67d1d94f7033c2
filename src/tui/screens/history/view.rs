//! The Historik screen: one indicator series in one council — every period of every year as
//! a table (utfall, män, kvinnor, prognos, årsmål, status) — and a chart of the outcome over
//! time with the årsmål as a line. Compared councils are drawn in the chart with a legend,
//! each with its own marker so the lines differ without colour. Wide screens put table and
//! chart side by side; narrow ones stack them.
//!
//! Where imported values came from ("Kolada N00001 2020 T, K, M") would widen every row past
//! 80 columns, so a row with a source has [`SOURCE_MARK`] in a narrow last column and the
//! selected row's source is written in the table's bottom border: readable at 80x24.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Block, Chart, Dataset, GraphType, LegendPosition, Paragraph, Row, Table,
};

use crate::commands::history::{HEADINGS, row_cells};
use crate::domain::{IndicatorStatus, format_number};
use crate::search::history::IndicatorHistory;
use crate::tui::app::App;
use crate::tui::theme;
use crate::tui::widgets::text;

use super::{HistoryState, SOURCE_MARK};
use crate::tui::screens::finder::short_council;
use crate::tui::widgets::pane::Pane;

/// From this width the table and the chart stand side by side.
const SIDE_BY_SIDE: u16 = 160;

/// Column widths of the table: år, period, utfall, män, kvinnor, prognos, årsmål, status,
/// and the source's mark.
const WIDTHS: [u16; 9] = [5, 3, 10, 8, 8, 8, 10, 16, 1];

/// Line styles and markers of the compared councils, the table's council first.
const SERIES_STYLES: [(Color, Marker); 3] = [
    (Color::Cyan, Marker::Braille),
    (Color::Magenta, Marker::Dot),
    (Color::Green, Marker::HalfBlock),
];

/// The table's and the chart's areas in `body` (below the two heading lines).
fn areas(state: &HistoryState, area: Rect) -> (Rect, Rect, Rect) {
    let [head, body] = Layout::vertical([Constraint::Length(2), Constraint::Min(4)]).areas(area);
    let rows = state.primary().map_or(0, |h| h.rows.len()) as u16;
    if area.width >= SIDE_BY_SIDE {
        let table_width = WIDTHS.iter().sum::<u16>() + WIDTHS.len() as u16 + 2;
        let [table, chart] =
            Layout::horizontal([Constraint::Length(table_width), Constraint::Min(20)]).areas(body);
        (head, table, chart)
    } else {
        let table_height = (rows + 3).min(body.height / 2).max(4);
        let [table, chart] =
            Layout::vertical([Constraint::Length(table_height), Constraint::Min(3)]).areas(body);
        (head, table, chart)
    }
}

/// Body rows of a table drawn in `area` (its frame and header take the rest).
fn table_rows(area: Rect) -> usize {
    usize::from(Block::bordered().inner(area).height.saturating_sub(1))
}

/// The layout pass: how many table rows the screen has room for in `area`.
pub fn layout(state: &HistoryState, area: Rect) -> usize {
    let (_, table, _) = areas(state, area);
    table_rows(table)
}

/// Draws the screen into `area`.
pub fn render(app: &App, state: &HistoryState, frame: &mut Frame<'_>, area: Rect) {
    let (head, table_area, chart_area) = areas(state, area);
    render_head(app, state, frame, head);
    let histories = state.histories();
    render_table(state, state.primary(), frame, table_area);
    render_chart(&histories, frame, chart_area);
}

fn render_head(app: &App, state: &HistoryState, frame: &mut Frame<'_>, area: Rect) {
    let request = state.request();
    let mut names: Vec<String> = state
        .primary()
        .map(|h| h.names().into_iter().map(str::to_owned).collect())
        .unwrap_or_default();
    if names.is_empty() {
        names.push(request.origin.name.clone());
    }
    let title = Line::from(vec![
        Span::styled(" Historik: ", theme::heading()),
        text::span(&names.join(" → "), theme::title()),
    ]);
    let mut second = vec![Span::raw(" ")];
    let shown: Vec<String> = state
        .histories()
        .iter()
        .map(|h| short_council(&h.council.name))
        .collect();
    second.push(text::span(&shown.join(" · "), theme::heading()));
    let others = request.councils.len().saturating_sub(shown.len());
    if others > 0 {
        second.push(Span::styled(
            if others == 1 {
                "  (1 nämnd till har serien)".to_owned()
            } else {
                format!("  ({others} nämnder till har serien)")
            },
            theme::muted(),
        ));
    }
    if let Some(marked) = app.marked_series() {
        second.push(Span::styled("  markerad: ", theme::muted()));
        second.push(text::span(&marked.name, theme::warning()));
    }
    if let Some(error) = state.error() {
        second.push(Span::raw("  "));
        second.push(text::span(error, theme::warning()));
    }
    frame.render_widget(Paragraph::new(vec![title, Line::from(second)]), area);
}

fn status_style(status: IndicatorStatus) -> Style {
    match status {
        IndicatorStatus::Met => Style::new().fg(Color::Green),
        IndicatorStatus::PartlyMet => Style::new().fg(Color::Yellow),
        IndicatorStatus::NotMet => theme::warning().fg(Color::Red),
        IndicatorStatus::NoResult => theme::muted(),
    }
}

/// The table of the primary council.
fn render_table(
    state: &HistoryState,
    primary: Option<&IndicatorHistory>,
    frame: &mut Frame<'_>,
    area: Rect,
) {
    let title = primary.map_or_else(
        || " Läser … ".to_owned(),
        |h| format!(" {} ", short_council(&h.council.name)),
    );
    let mut block = Block::bordered()
        .title(Span::styled(text::clean(&title), theme::heading()))
        .border_style(theme::focused_border());
    let source = primary
        .and_then(|history| history.rows.get(state.selected()))
        .and_then(|row| row.source.as_deref());
    if let Some(source) = source {
        // The border's corners and a line each side stay visible.
        let room = usize::from(area.width.saturating_sub(4));
        let line = text::truncate(
            &format!(" {SOURCE_MARK} Källa: {} ", text::clean(source)),
            room,
        );
        block = block.title_bottom(Span::styled(line, theme::muted()));
    }
    let inner = block.inner(area);
    let room = table_rows(area);
    let header = Row::new(
        HEADINGS
            .into_iter()
            .chain([""])
            .map(|h| Line::styled(h, theme::heading())),
    );
    let body: Vec<Row<'static>> = primary
        .into_iter()
        .flat_map(|history| history.rows.iter().enumerate())
        .skip(state.offset())
        .take(room)
        .map(|(index, row)| {
            let mut cells = row_cells(row).map(|cell| text::clean(&cell));
            cells[7] = format!("{} {}", row.status.symbol(), cells[7]);
            let status_cell = Line::styled(cells[7].clone(), status_style(row.status));
            let mut line: Vec<Line<'static>> =
                cells[..7].iter().map(|c| Line::raw(c.clone())).collect();
            line.push(status_cell);
            line.push(Line::raw(if row.source.is_some() {
                SOURCE_MARK
            } else {
                ""
            }));
            let selected = index == state.selected();
            if selected {
                line[0] = Line::raw(format!("›{}", cells[0]));
            }
            let row = Row::new(line);
            if selected {
                row.style(theme::selection())
            } else {
                row
            }
        })
        .collect();
    let empty = primary.is_some_and(|h| h.rows.is_empty());
    let table = Table::new(body, WIDTHS.map(Constraint::Length))
        .header(header)
        .block(block);
    frame.render_widget(table, area);
    if empty {
        frame.render_widget(
            Paragraph::new(Line::styled(" Inga värden", theme::muted())),
            Rect {
                y: inner.y + 1,
                height: 1,
                ..inner
            },
        );
    }
}

/// Outcome over time per council, the årsmål of the table's council as a line.
fn render_chart(histories: &[&IndicatorHistory], frame: &mut Frame<'_>, area: Rect) {
    let outcome_points: Vec<Vec<(f64, f64)>> = histories
        .iter()
        .map(|h| {
            h.rows
                .iter()
                .filter_map(|row| Some((row.time(), row.outcome_number()?)))
                .collect()
        })
        .collect();
    let target_points: Vec<(f64, f64)> = histories
        .first()
        .map(|h| {
            h.rows
                .iter()
                .filter_map(|row| Some((row.time(), row.target_number()?)))
                .collect()
        })
        .unwrap_or_default();
    let all = outcome_points.iter().flatten().chain(&target_points);
    let (mut x_min, mut x_max, mut y_min, mut y_max) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for &(x, y) in all {
        x_min = x_min.min(x);
        x_max = x_max.max(x);
        y_min = y_min.min(y);
        y_max = y_max.max(y);
    }
    let block = Pane::new(" Utfall över tid, årsmål som linje ", false);
    if x_min > x_max {
        let inner = block.inner(area);
        frame.render_widget(block, area);
        frame.render_widget(
            Paragraph::new(Line::styled(" Inga utfall att rita", theme::muted())),
            inner,
        );
        return;
    }
    if (x_max - x_min) < 1.0 {
        x_max = x_min + 1.0;
    }
    let pad = ((y_max - y_min) * 0.1).max(y_max.abs() * 0.05).max(0.5);
    let (y_low, y_high) = (
        (y_min - pad).max(if y_min >= 0.0 { 0.0 } else { f64::MIN }),
        y_max + pad,
    );

    let mut datasets = Vec::new();
    if !target_points.is_empty() {
        datasets.push(
            Dataset::default()
                .name("Årsmål")
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(theme::muted())
                .data(&target_points),
        );
    }
    for (history, (points, &(color, marker))) in histories
        .iter()
        .zip(outcome_points.iter().zip(SERIES_STYLES.iter()))
    {
        datasets.push(
            Dataset::default()
                .name(text::clean(&format!(
                    "{} {}",
                    marker_symbol(marker),
                    short_council(&history.council.name)
                )))
                .marker(marker)
                .graph_type(GraphType::Line)
                .style(Style::new().fg(color))
                .data(points),
        );
    }
    let x_labels: Vec<Line<'static>> = {
        let first = x_min.floor() as i64;
        let last = x_max.floor() as i64;
        let middle = (first + last) / 2;
        let mut labels = vec![first.to_string()];
        if middle != first && middle != last {
            labels.push(middle.to_string());
        }
        if last != first {
            labels.push(last.to_string());
        }
        labels.into_iter().map(Line::raw).collect()
    };
    let decimals = if y_high - y_low < 10.0 { 1 } else { 0 };
    let y_labels: Vec<Line<'static>> = [y_low, (y_low + y_high) / 2.0, y_high]
        .iter()
        .map(|&y| Line::raw(format_number(y, decimals)))
        .collect();
    let chart = Chart::new(datasets)
        .x_axis(
            Axis::default()
                .bounds([x_min, x_max])
                .labels(x_labels)
                .style(theme::muted()),
        )
        .y_axis(
            Axis::default()
                .bounds([y_low, y_high])
                .labels(y_labels)
                .style(theme::muted()),
        )
        .legend_position(Some(LegendPosition::TopLeft))
        .hidden_legend_constraints((Constraint::Percentage(60), Constraint::Percentage(60)));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    frame.render_widget(chart, inner);
}

/// The character a marker draws, for the legend (so lines differ without colour).
fn marker_symbol(marker: Marker) -> &'static str {
    match marker {
        Marker::Dot => "•",
        Marker::HalfBlock => "▀",
        Marker::Block => "█",
        _ => "⠿",
    }
}
