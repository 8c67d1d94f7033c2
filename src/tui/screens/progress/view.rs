//! The *Granskning* table: one council (or period) a line with its four counts, the
//! selected line's counts in words below, and the rule for a handled flag.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::{ProgressRow, ProgressScope, ProgressState};
use crate::domain::review_progress::{ReviewProgress, Tally};
use crate::tui::app::App;
use crate::tui::theme;
use crate::tui::widgets::pane::Pane;
use crate::tui::widgets::text;

/// Lines below the table for the selected row.
const DETAIL_LINES: u16 = 4;

/// Each count's column: a title and its width (right-aligned); from 110 columns on, wider
/// with whole titles.
fn columns(width: usize) -> [(&'static str, usize); 4] {
    if width >= 110 {
        [
            ("Bedömda mål", 16),
            ("Skrivna analyser", 18),
            ("Ifyllda värden", 16),
            ("Hanterade flaggor", 19),
        ]
    } else {
        [
            ("Bedömda", 10),
            ("Analyser", 10),
            ("Värden", 10),
            ("Flaggor", 10),
        ]
    }
}

fn areas(area: Rect) -> (Rect, Rect) {
    let [list, detail] =
        Layout::vertical([Constraint::Min(4), Constraint::Length(DETAIL_LINES + 2)]).areas(area);
    (list, detail)
}

/// The table's frame, titled with what it lists (data text, cleaned; cut to fit).
fn list_block(title: &str, width: u16) -> Block<'static> {
    let title = text::truncate(&text::clean(title), usize::from(width.saturating_sub(4)));
    Block::bordered()
        .border_style(theme::focused_border())
        .title(Span::styled(format!(" {title} "), theme::heading()))
}

/// The layout pass: rows the table has room for in `area` (below its header line).
pub fn layout(area: Rect) -> usize {
    let (list, _) = areas(area);
    usize::from(Block::bordered().inner(list).height.saturating_sub(1))
}

fn pad_left(content: &str, width: usize) -> String {
    let cut = text::truncate(content, width.saturating_sub(1));
    format!(
        "{}{cut}",
        " ".repeat(width.saturating_sub(text::width(&cut)))
    )
}

fn pad(content: &str, width: usize) -> String {
    let cut = text::truncate(content, width);
    format!(
        "{cut}{}",
        " ".repeat(width.saturating_sub(text::width(&cut)))
    )
}

/// The name column: the room the counts leave, at most what a council's name needs, so
/// on a wide terminal the counts stay next to the names.
fn name_width(width: usize) -> usize {
    let fixed: usize = columns(width).iter().map(|(_, w)| w).sum();
    width.saturating_sub(fixed + 4).clamp(8, 48)
}

fn header_line(scope: ProgressScope, width: usize) -> Line<'static> {
    let first = match scope {
        ProgressScope::Councils => "Nämnd",
        ProgressScope::Periods => "Period",
    };
    let mut spans = vec![
        Span::raw("    "),
        Span::styled(pad(first, name_width(width)), theme::heading()),
    ];
    for (title, w) in columns(width) {
        spans.push(Span::styled(pad_left(title, w), theme::heading()));
    }
    Line::from(spans)
}

fn row_line(row: &ProgressRow, current: bool, selected: bool, width: usize) -> Line<'static> {
    let progress = &row.progress;
    let tallies = [
        progress.assessed,
        progress.analysed,
        progress.values,
        progress.flags,
    ];
    // ✓ done, · nothing asked for, blank: something left.
    let mark = if tallies.iter().all(|t| t.total == 0) {
        "·"
    } else if progress.is_complete() {
        "✓"
    } else {
        " "
    };
    // The mark of where the user stands stays visible however long the name.
    let room = name_width(width);
    let name = match current {
        true => format!(
            "{} ◂",
            text::truncate(&text::clean(&row.label), room.saturating_sub(3))
        ),
        false => text::clean(&row.label),
    };
    let mut spans = vec![
        Span::raw(if selected { "› " } else { "  " }),
        Span::raw(format!("{mark} ")),
        Span::raw(pad(&name, room)),
    ];
    for (tally, (_, w)) in tallies.iter().zip(columns(width)) {
        let style = if tally.is_complete() {
            theme::muted()
        } else {
            Style::new()
        };
        spans.push(Span::styled(pad_left(&tally.text(), w), style));
    }
    let line = Line::from(spans);
    if selected {
        line.style(theme::selection())
    } else {
        line
    }
}

/// The selected row's counts in words.
fn describe(row: &ProgressRow) -> String {
    let ReviewProgress {
        assessed,
        analysed,
        values,
        flags,
        dismissed,
    } = row.progress;
    let part = |tally: Tally| match tally.total {
        0 => "inget att göra".to_owned(),
        _ => tally.text(),
    };
    let mut text = format!(
        "{} · {}: bedömda mål {}, skrivna analyser {}, ifyllda värden {}, hanterade flaggor {}",
        text::clean(&row.council_name),
        row.period.name(),
        part(assessed),
        part(analysed),
        part(values),
        part(flags),
    );
    if dismissed > 0 {
        text.push_str(&format!(
            " ({})",
            crate::domain::flags::dismissal::count_text(dismissed)
        ));
    }
    text.push_str(
        ". En flagga är hanterad när en analys förklarar den (indikatorns, aktivitetens eller målets) eller när den är markerad ej aktuell i Att åtgärda.",
    );
    text
}

/// Draws the screen into `area`.
pub fn render(app: &App, state: &ProgressState, frame: &mut Frame<'_>, area: Rect) {
    frame.render_widget(Clear, area);
    let (list_area, detail_area) = areas(area);
    let council_name = app.council().map(|c| c.name.as_str()).unwrap_or_default();
    let title = format!("Granskning · {}", state.key.label(council_name));
    let block = list_block(&title, list_area.width);
    let inner = block.inner(list_area);
    frame.render_widget(block, list_area);
    let width = usize::from(inner.width);
    let rows = usize::from(inner.height.saturating_sub(1));
    let mut lines = vec![header_line(state.key.scope, width)];
    match &state.rows {
        None => lines.push(Line::raw("Räknar …")),
        Some(Err(error)) => lines.push(Line::styled(text::clean(error), theme::warning())),
        Some(Ok(list)) if list.is_empty() => lines.push(Line::raw(match state.key.scope {
            ProgressScope::Councils => "Ingen nämnd har det här året.",
            ProgressScope::Periods => "Året har inga perioder.",
        })),
        Some(Ok(list)) => lines.extend(
            list.iter()
                .enumerate()
                .skip(state.list.offset())
                .take(rows)
                .map(|(i, row)| {
                    let current = match state.key.scope {
                        ProgressScope::Councils => row.council == state.key.council,
                        ProgressScope::Periods => row.period == state.key.period,
                    };
                    row_line(row, current, state.list.selected() == Some(i), width)
                }),
        ),
    }
    frame.render_widget(Paragraph::new(lines), inner);

    let block = Pane::new("Vald rad", false);
    let inner = block.inner(detail_area);
    frame.render_widget(block, detail_area);
    let Some(row) = state.selected() else {
        return;
    };
    let lines: Vec<Line<'static>> = text::wrap(&describe(row), usize::from(inner.width))
        .into_iter()
        .take(usize::from(inner.height))
        .map(Line::raw)
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
