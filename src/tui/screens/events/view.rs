//! The *Händelser* list: one change a line (version, time, login, what), the selected one
//! in full below, and the keys from the live keymap in the hint bar.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::{EventRow, EventsState};
use crate::tui::app::App;
use crate::tui::theme;
use crate::tui::widgets::text;

use crate::tui::widgets::pane::Pane;

/// The list's frame, titled with the scope (data text, cleaned; cut with "…" to fit).
fn list_block(title: &str, width: u16) -> Block<'static> {
    let title = text::truncate(&text::clean(title), usize::from(width.saturating_sub(4)));
    Block::bordered()
        .border_style(theme::focused_border())
        .title(Span::styled(format!(" {title} "), theme::heading()))
}

/// Lines below the list for the selected change.
const DETAIL_LINES: u16 = 4;

fn areas(area: Rect) -> (Rect, Rect) {
    let [list, detail] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(DETAIL_LINES + 2)]).areas(area);
    (list, detail)
}

/// The layout pass: rows the list has room for in `area`.
pub fn layout(area: Rect) -> usize {
    let (list, _) = areas(area);
    usize::from(Block::bordered().inner(list).height)
}

/// "2026-12-03 10:15" from an RFC 3339 time stamp.
fn short_time(at: &str) -> String {
    at.get(..16).unwrap_or(at).replace('T', " ")
}

fn row_line(row: &EventRow, user: &str, selected: bool, width: usize) -> Line<'static> {
    let own = row.entry.actor.login == user;
    let mark = match (&row.superseded_by, own) {
        (Some(_), _) => "↻",
        (None, true) => "↶",
        (None, false) => " ",
    };
    let head = format!(
        "{}{mark} {:>5}  {}  {:<10} ",
        if selected { "›" } else { " " },
        row.entry.seq,
        short_time(&row.entry.at),
        text::clean(&row.entry.actor.login),
    );
    let room = width.saturating_sub(text::width(&head));
    let what = text::truncate(&text::clean(&row.description), room);
    let style = if selected {
        theme::selection()
    } else {
        ratatui::style::Style::new()
    };
    Line::from(vec![Span::styled(head, style), Span::styled(what, style)])
}

/// Draws the screen into `area`.
pub fn render(app: &App, state: &EventsState, frame: &mut Frame<'_>, area: Rect) {
    let (list_area, detail_area) = areas(area);
    let title = format!("Händelser · {}", state.key.label());
    let block = list_block(&title, list_area.width);
    let inner = block.inner(list_area);
    frame.render_widget(block, list_area);
    let lines: Vec<Line<'static>> = match &state.rows {
        None => vec![Line::raw("Läser ändringsloggen …")],
        Some(Err(error)) => vec![Line::styled(text::clean(error), theme::warning())],
        Some(Ok(rows)) if rows.is_empty() => vec![Line::raw("Inga sparade ändringar här.")],
        Some(Ok(rows)) => rows
            .iter()
            .enumerate()
            .skip(state.list.offset())
            .take(usize::from(inner.height))
            .map(|(i, row)| {
                row_line(
                    row,
                    app.user(),
                    state.list.selected() == Some(i),
                    usize::from(inner.width),
                )
            })
            .collect(),
    };
    frame.render_widget(Paragraph::new(lines), inner);

    let block = Pane::new("Vald ändring", false);
    let inner = block.inner(detail_area);
    frame.render_widget(block, detail_area);
    let Some(row) = state.selected() else {
        return;
    };
    let mut detail = format!(
        "Ändring {} · {} · {}",
        row.entry.seq,
        short_time(&row.entry.at),
        row.entry.actor.login
    );
    if let Some(from) = &row.entry.actor.ssh_client {
        detail.push_str(&format!(" (från {from})"));
    }
    detail.push_str(&format!(": {}. ", row.description));
    detail.push_str(
        &match (&row.superseded_by, row.entry.actor.login == app.user()) {
            (Some((seq, login)), _) => {
                format!("Ändrat igen av {login} (ändring {seq}): en ångring frågar först.")
            }
            (None, true) => "Din ändring: kan ångras.".to_owned(),
            (None, false) => "En annans ändring: bara den som gjorde den kan ångra den.".to_owned(),
        },
    );
    let lines: Vec<Line<'static>> = text::wrap(&detail, usize::from(inner.width))
        .into_iter()
        .take(usize::from(inner.height))
        .map(Line::raw)
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
