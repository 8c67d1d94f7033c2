//! The *Gå till* overlay: the filter line, three columns (Nämnd, År, Period) with the chosen
//! row of each marked `›` — reversed in the column the arrows act on, bold in the others —
//! and a last line saying where Enter goes, or why it cannot. Council names are data: they
//! are cleaned and cut to their column; the filter's matched letters are underlined.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use super::{Column, GoToState};
use crate::tui::action::Action;
use crate::tui::app::periods_to_choose;
use crate::tui::keymap::{Context, Keymap};
use crate::tui::screens::finder::{highlighted, short_council};
use crate::tui::theme;
use crate::tui::widgets::text;

/// Lines above the columns: the filter and the headings.
const HEAD: u16 = 2;
/// Lines below them: where Enter goes, or why it cannot.
const FOOT: u16 = 2;
/// The year column's width: `› 2020`.
const YEAR_WIDTH: usize = 6;
/// Between columns.
const GAP: usize = 2;
/// From this inner width on, a period without a report keeps its name and says so after it.
const WIDE: usize = 100;

/// The rows the columns would like: the most councils, years or periods any choice has, so
/// the box keeps its size while the user moves.
fn wanted_rows(state: &GoToState) -> u16 {
    let all = state.all();
    let years = all.iter().map(|c| c.years.len()).max().unwrap_or(0);
    let periods = all
        .iter()
        .flat_map(|c| &c.years)
        .map(|y| periods_to_choose(&y.periods).len())
        .max()
        .unwrap_or(0);
    let rows = all.len().max(years).max(periods).max(4);
    u16::try_from(rows).unwrap_or(u16::MAX)
}

/// The overlay's area: centred in the body, at most 120 wide, as tall as the columns need.
fn area(state: &GoToState, body: Rect) -> Rect {
    let width = body.width.saturating_sub(4).min(120);
    let height = wanted_rows(state)
        .saturating_add(HEAD + FOOT + 2)
        .min(body.height.saturating_sub(2));
    Rect {
        x: body.x + (body.width - width) / 2,
        y: body.y + (body.height - height) / 2,
        width,
        height,
    }
}

/// The layout pass: rows each column has room for in `body`.
pub fn layout(state: &GoToState, body: Rect) -> usize {
    let inner = Block::bordered().inner(area(state, body));
    usize::from(inner.height.saturating_sub(HEAD + FOOT))
}

/// The columns' widths in an inner width: council, year, period.
fn widths(inner: usize) -> [usize; 3] {
    let period = match inner {
        WIDE.. => 44,
        64.. => 28,
        // The smallest windows: the periods' labels alone.
        _ => 6,
    };
    let council = inner.saturating_sub(YEAR_WIDTH + period + 2 * GAP);
    [council, YEAR_WIDTH, period]
}

/// `spans` padded with `style` to `width` cells (they are cut to it already).
fn padded(mut spans: Vec<Span<'static>>, width: usize, style: Style) -> Vec<Span<'static>> {
    let used: usize = spans.iter().map(|s| text::width(&s.content)).sum();
    spans.push(Span::styled(" ".repeat(width.saturating_sub(used)), style));
    spans
}

/// The style of a row: the chosen one reversed where the arrows act, bold elsewhere.
fn row_style(chosen: bool, focused: bool) -> Style {
    match (chosen, focused) {
        (true, true) => theme::selection(),
        (true, false) => theme::heading(),
        _ => Style::new(),
    }
}

fn mark(chosen: bool) -> &'static str {
    if chosen { "› " } else { "  " }
}

/// Draws the overlay over `body`.
pub fn render(state: &GoToState, keymap: &Keymap, frame: &mut Frame<'_>, body: Rect) {
    let area = area(state, body);
    let hint = [
        (Action::JumpTo, "gå dit"),
        (Action::NextField, "kolumn"),
        (Action::Close, "stäng"),
    ]
    .iter()
    .filter_map(|&(action, label)| {
        keymap
            .key_for(Context::GoTo, action)
            .map(|key| format!("{} {label}", text::clean(&key.to_string())))
    })
    .collect::<Vec<_>>()
    .join(" · ");
    let mut block = Block::bordered()
        .border_type(BorderType::Double)
        .border_style(theme::focused_border())
        .title(Span::styled(
            " Gå till: nämnd, år och period ",
            theme::heading(),
        ));
    // The keys are in the hint bar too: here only where they fit whole.
    if text::width(&hint) + 4 <= usize::from(area.width) {
        block = block.title_bottom(Line::from(format!(" {hint} ")).right_aligned());
    }
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let [council_width, year_width, period_width] = widths(width);

    let mut filter = vec![
        Span::styled("Nämnd: ", theme::muted()),
        text::span(
            &text::truncate(&state.query, width.saturating_sub(9)),
            Style::new(),
        ),
        Span::styled("▏", theme::key()),
    ];
    if state.query.is_empty() {
        filter.push(Span::styled("skriv för att söka", theme::muted()));
    }
    let mut lines = vec![Line::from(filter)];

    let heading = |label: &str, column: Column, width: usize| {
        let style = if state.column == column {
            theme::heading().add_modifier(Modifier::UNDERLINED)
        } else {
            theme::muted()
        };
        padded(
            vec![Span::styled(label.to_owned(), style)],
            width,
            Style::new(),
        )
    };
    let gap = || Span::raw(" ".repeat(GAP));
    let mut head = heading(
        &format!("Nämnd ({})", state.matches.len()),
        Column::Council,
        council_width,
    );
    head.push(gap());
    head.extend(heading("År", Column::Year, year_width));
    head.push(gap());
    head.extend(heading("Period", Column::Period, period_width));
    lines.push(Line::from(head));

    let all = state.all();
    let short = all
        .iter()
        .any(|c| text::width(&c.council.name) + 2 > council_width);
    let years = state.years();
    let periods = state.periods().unwrap_or_default();
    let rows = usize::from(inner.height.saturating_sub(HEAD + FOOT));
    let [council_list, year_list, period_list] = &state.lists;
    for i in 0..rows {
        let mut spans = Vec::new();
        // Nämnd.
        let row = council_list.offset() + i;
        let cell = match state.matches.get(row) {
            Some(found) => {
                let name = &all[found.index].council.name;
                let name = if short {
                    short_council(name)
                } else {
                    text::clean(name)
                };
                let chosen = state.council_row() == Some(row);
                let style = row_style(chosen, state.column == Column::Council);
                let mut cell = vec![Span::styled(mark(chosen), style)];
                cell.extend(highlighted(
                    &name,
                    &found.highlight,
                    council_width.saturating_sub(2),
                    style,
                ));
                padded(cell, council_width, style)
            }
            None => padded(Vec::new(), council_width, Style::new()),
        };
        spans.extend(cell);
        spans.push(gap());
        // År.
        let row = year_list.offset() + i;
        let cell = match years.get(row) {
            Some(&year) => {
                let chosen = state.year == Some(year);
                let style = row_style(chosen, state.column == Column::Year);
                padded(
                    vec![Span::styled(format!("{}{year}", mark(chosen)), style)],
                    year_width,
                    style,
                )
            }
            None => padded(Vec::new(), year_width, Style::new()),
        };
        spans.extend(cell);
        spans.push(gap());
        // Period.
        let row = period_list.offset() + i;
        if let Some(&(period, has_report)) = periods.get(row) {
            let chosen = state.period == period;
            let style = row_style(chosen, state.column == Column::Period);
            let label = format!("{}{:<3} ", mark(chosen), period.label());
            let name = match (has_report, width >= WIDE) {
                (true, _) => period.name(),
                (false, true) => format!("{} (ingen rapport)", period.name()),
                (false, false) => "(ingen rapport)".to_owned(),
            };
            let name_style = if has_report {
                style
            } else {
                style.patch(theme::muted()).patch(row_style(chosen, false))
            };
            let room = period_width.saturating_sub(text::width(&label) + 1);
            let mut cell = vec![Span::styled(label, style)];
            if room > 1 {
                cell.push(Span::styled(
                    format!(" {}", text::truncate(&name, room)),
                    name_style,
                ));
            }
            spans.extend(padded(cell, period_width, style));
        }
        lines.push(Line::from(spans));
    }

    let (foot, style) = match state.target() {
        Ok((_, year, period)) => {
            let name = state
                .chosen()
                .map(|c| c.council.name.clone())
                .unwrap_or_default();
            let enter = keymap
                .key_for(Context::GoTo, Action::JumpTo)
                .map(|key| key.to_string())
                .unwrap_or_default();
            (
                format!("{enter}: {name} · {year} · {}", period.name()),
                theme::muted(),
            )
        }
        Err(why) => (why, theme::warning()),
    };
    let mut foot = text::wrap(&text::clean(&foot), width);
    if foot.len() > usize::from(FOOT) {
        foot.truncate(usize::from(FOOT));
        if let Some(last) = foot.last_mut() {
            *last = text::truncate(&format!("{last} …"), width);
        }
    }
    lines.extend(foot.into_iter().map(|line| Line::styled(line, style)));
    frame.render_widget(Paragraph::new(lines), inner);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_fit_from_the_smallest_window_to_a_wide_one() {
        // 40x12 leaves 34 columns inside the box; 200x50 leaves 118.
        for inner in [34, 54, 64, 74, 99, 100, 118] {
            let [council, year, period] = widths(inner);
            assert_eq!(council + year + period + 2 * GAP, inner, "{inner}");
            assert!(council >= 12, "{inner}: room for a council's name");
        }
    }
}
