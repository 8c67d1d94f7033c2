//! The finder overlay: the query line, a status line, and the ranked hits — kind, council,
//! year and the text with its matched letters in bold and underlined (so `NO_COLOR` shows
//! them too), the selected hit reversed and marked `›`.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};
use unicode_width::UnicodeWidthChar;

use super::FinderRow;
use crate::search::EntryKind;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::{Context, Keymap};
use crate::tui::theme;
use crate::tui::widgets::text;

/// Below this width kinds and councils are abbreviated.
const WIDE: u16 = 110;

/// The matched letters: bold and underlined, and yellow where colour shows.
fn matched() -> Style {
    Style::new()
        .fg(Color::Yellow)
        .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
}

/// The overlay's area: most of the body, centred, at most 160 wide.
pub fn area(body: Rect) -> Rect {
    let width = body.width.saturating_sub(4).min(160);
    let height = body.height.saturating_sub(2);
    Rect {
        x: body.x + (body.width - width) / 2,
        y: body.y + (body.height - height) / 2,
        width,
        height,
    }
}

/// Lines above the hits: the query and the status.
const HEAD_LINES: usize = 2;

/// How many hit rows the overlay at `area` has room for.
pub fn hit_rows(area: Rect) -> usize {
    usize::from(Block::bordered().inner(area).height).saturating_sub(HEAD_LINES)
}

/// Draws the overlay over `body`.
pub fn render(app: &App, keymap: &Keymap, frame: &mut Frame<'_>, body: Rect) {
    let finder = &app.lookup.finder;
    let area = area(body);
    let hint = [
        (Action::JumpTo, "gå till"),
        (Action::OpenHistory, "historik"),
        (Action::Close, "stäng"),
    ]
    .iter()
    .filter_map(|&(action, label)| {
        keymap
            .key_for(Context::Finder, action)
            .map(|key| format!("{} {label}", text::clean(&key.to_string())))
    })
    .collect::<Vec<_>>()
    .join(" · ");
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .border_style(theme::focused_border())
        .title(Span::styled(
            " Sök mål, indikatorer och aktiviteter ",
            theme::heading(),
        ))
        .title_bottom(Line::from(format!(" {hint} ")).right_aligned());
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);

    let mut lines = vec![Line::from(vec![
        Span::styled("› ", theme::key()),
        text::span(
            &tail_to_width(finder.input(), width.saturating_sub(3)),
            Style::new(),
        ),
        Span::styled("▏", theme::key()),
    ])];
    let status = match app.finder_status() {
        Some(status) => status.to_owned(),
        None if finder.input().trim().is_empty() => {
            "Skriv några bokstäver. Filter: m: mål, i: indikatorer, a: aktiviteter, n:nämnd, å:år, g:5 Agenda 2030-mål"
                .to_owned()
        }
        None if finder.rows().is_empty() => "Inga träffar".to_owned(),
        None => format!("{} träffar", finder.rows().len()),
    };
    lines.push(Line::styled(text::clean(&status), theme::muted()));
    let room = usize::from(inner.height).saturating_sub(HEAD_LINES);
    let wide = area.width >= WIDE;
    for (index, row) in finder
        .rows()
        .iter()
        .enumerate()
        .skip(finder.offset())
        .take(room)
    {
        lines.push(row_line(row, index == finder.selected(), wide, width));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// One hit: `› Indikator  Södermalm      2020  text (+3)`.
fn row_line(row: &FinderRow, selected: bool, wide: bool, width: usize) -> Line<'static> {
    let base = if selected {
        theme::selection()
    } else {
        Style::new()
    };
    let kind = match (row.target.kind, wide) {
        (kind, true) => kind.label(),
        (EntryKind::Goal, false) => "Mål",
        (EntryKind::Indicator, false) => "Ind",
        (EntryKind::Activity, false) => "Akt",
    };
    let council_width = if wide { 24 } else { 12 };
    let council = fit(&short_council(&row.council_name), council_width);
    let prefix = format!(
        "{} {kind:<kw$} {council:<council_width$} {} ",
        if selected { "›" } else { " " },
        row.target.year,
        kw = if wide { 9 } else { 3 },
    );
    let more = if row.more > 0 {
        format!(" (+{})", row.more)
    } else {
        String::new()
    };
    let room = width
        .saturating_sub(text::width(&prefix))
        .saturating_sub(text::width(&more));
    let mut spans = vec![Span::styled(prefix, base.patch(theme::muted()).patch(base))];
    spans.extend(highlighted(&row.text, &row.highlight, room, base));
    spans.push(Span::styled(more, base.patch(theme::muted())));
    if selected {
        // Reverse the rest of the line too, so the selection reads as one bar.
        let used: usize = spans.iter().map(|s| text::width(&s.content)).sum();
        spans.push(Span::styled(" ".repeat(width.saturating_sub(used)), base));
    }
    Line::from(spans)
}

/// `text` cut to `room` cells, with the chars at `highlight` (char indices) in the matched
/// style. Characters that must not reach the terminal are dropped; the others keep their
/// index, so highlights stay on the right letters.
pub fn highlighted(
    text_in: &str,
    highlight: &[usize],
    room: usize,
    base: Style,
) -> Vec<Span<'static>> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut current = String::new();
    let mut current_matched = false;
    let mut used = 0;
    let total = text::width(text_in);
    let limit = if total > room {
        room.saturating_sub(1)
    } else {
        room
    };
    for (index, c) in text_in.chars().enumerate() {
        let cleaned = text::clean(&c.to_string());
        let Some(c) = cleaned.chars().next() else {
            continue;
        };
        let w = UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > limit {
            break;
        }
        used += w;
        let is_matched = highlight.binary_search(&index).is_ok();
        if is_matched != current_matched && !current.is_empty() {
            let style = if current_matched {
                base.patch(matched())
            } else {
                base
            };
            spans.push(Span::styled(std::mem::take(&mut current), style));
        }
        current_matched = is_matched;
        current.push(c);
    }
    if total > room {
        if current_matched && !current.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut current),
                base.patch(matched()),
            ));
        }
        current.push('…');
        current_matched = false;
    }
    if !current.is_empty() {
        let style = if current_matched {
            base.patch(matched())
        } else {
            base
        };
        spans.push(Span::styled(current, style));
    }
    spans
}

/// "Södermalms stadsdelsnämnd" → "Södermalms".
pub fn short_council(name: &str) -> String {
    let name = text::clean(name);
    name.strip_suffix(" stadsdelsnämnd")
        .map(str::to_owned)
        .unwrap_or(name)
}

/// `text` cut to `width` cells with an ellipsis.
pub fn fit(text_in: &str, width: usize) -> String {
    if text::width(text_in) <= width {
        return text_in.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text_in.chars() {
        let w = UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// The end of `input` that fits `width` cells: the cursor end stays visible.
fn tail_to_width(input: &str, width: usize) -> String {
    let mut out: Vec<char> = Vec::new();
    let mut used = 0;
    for c in input.chars().rev() {
        let w = UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.into_iter().rev().collect()
}
