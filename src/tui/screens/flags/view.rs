//! The *Att åtgärda* screen: the flag list of the chosen council and period over the whole
//! body — red and yellow indicators with value, årsmål, shortfall and direction, activities
//! with *Avvikelse*, and findings — grouped under goal headings in goal order, as a flat list
//! in the other orders. The selected flag's whole message shows below the list, as many
//! lines as it takes (a ≠ flag's reason is what the controller acts on). Narrow
//! terminals get short columns (direction as an arrow); wide ones the labels.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use crate::domain::Direction;
use crate::domain::flags::{Flag, FlagCounts, FlagSort};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::{Context, Keymap};
use crate::tui::theme;
use crate::tui::widgets::text;

use super::{FlagsState, Sizes};

/// From this inner width on, the wide columns are used.
const WIDE: usize = 110;

/// Column widths: (kind label, value, target, shortfall, direction); 0 = not shown.
fn columns(width: usize) -> [usize; 5] {
    if width >= WIDE {
        [14, 14, 14, 9, 16]
    } else {
        [0, 8, 8, 8, 1]
    }
}

/// The selected flag's whole message at `width`: it shows below the list — the reason of a
/// ≠ or ? flag is what the controller acts on.
/// A flag marked *ej aktuell* says so first, with the reason.
fn message_lines(state: &FlagsState, width: usize) -> Vec<String> {
    let message = match state.selected_flag() {
        Some(flag) => match &flag.dismissed {
            Some(reason) => format!(
                "{DISMISSED} Ej aktuell i perioden: {reason}\n{}",
                flag.message
            ),
            None => flag.message.clone(),
        },
        None => match state.selected_deficit() {
            Some(deficit) => deficit.message.clone(),
            None => return Vec::new(),
        },
    };
    message
        .lines()
        .flat_map(|line| text::wrap(&text::clean(line), width))
        .collect()
}

/// The mark of a flag marked *ej aktuell i denna period* (handled, listed muted).
pub const DISMISSED: &str = "⊘";

/// The list's lines at `width` — the goals' flags, then the economy's deficits under their
/// heading — and the selected row's line.
fn all_lines(app: &App, width: usize) -> (Vec<Line<'static>>, usize) {
    let state = app.flags();
    let flags = state.flags();
    let (mut lines, mut selected_line) = list_lines(flags, state.sort(), state.selected(), width);
    if !state.deficits().is_empty() {
        lines.push(Line::styled(
            text::truncate(
                &format!(
                    "Ekonomi: underskott över {} % av budget",
                    crate::domain::number::format_number(app.deficit_share() * 100.0, 2)
                ),
                width.saturating_sub(1),
            ),
            theme::heading(),
        ));
        for (index, deficit) in state.deficits().iter().enumerate() {
            let selected = state.selected() == flags.len() + index;
            if selected {
                selected_line = lines.len();
            }
            lines.push(deficit_line(deficit, selected, width));
        }
    }
    (lines, selected_line)
}

/// The summary, the list and the message below it, with at least four list rows left above
/// the message.
fn areas(inner: Rect, message_lines: usize) -> [Rect; 3] {
    let room = usize::from(inner.height).saturating_sub(2 + 4).max(3);
    let detail_height = (2 + message_lines).max(3).min(room) as u16;
    Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(1),
        Constraint::Length(detail_height),
    ])
    .areas(inner)
}

/// The layout pass: list rows, its lines and the selected flag's line, without drawing.
pub fn layout(app: &App, area: Rect) -> Sizes {
    let state = app.flags();
    let inner = Block::bordered().inner(area);
    let width = usize::from(inner.width);
    let [_, list_area, _] = areas(inner, message_lines(state, width).len());
    let rows = usize::from(list_area.height).max(1);
    let (lines, selected_line) = all_lines(app, width);
    Sizes {
        rows,
        lines: lines.len(),
        selected_line,
    }
}

/// Draws the screen over `area`.
pub fn render(app: &App, keymap: &Keymap, frame: &mut Frame<'_>, area: Rect) {
    let state = app.flags();
    let flags = state.flags();
    let title = match (app.council(), app.year()) {
        (Some(council), Some(year)) => format!(
            " Att åtgärda · {} · {} {year} ",
            text::clean(&council.name),
            app.period().label()
        ),
        _ => " Att åtgärda ".to_owned(),
    };
    let sort_hint = keymap
        .key_for(Context::Flags, Action::CycleFlagSort)
        .map(|key| {
            format!(
                " {} sorterar: {} ",
                text::clean(&key.to_string()),
                state.sort().label()
            )
        })
        .unwrap_or_else(|| format!(" sortering: {} ", state.sort().label()));
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(theme::focused_border())
        .title(Span::styled(title, theme::heading()))
        .title_bottom(Line::from(sort_hint).right_aligned());
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);

    let width = usize::from(inner.width);
    let message_lines = message_lines(state, width);
    let [summary_area, list_area, detail_area] = areas(inner, message_lines.len());

    let summary = vec![
        summary_line(&FlagCounts::of(flags), width),
        header_line(width),
    ];
    frame.render_widget(Paragraph::new(summary), summary_area);

    let rows = usize::from(list_area.height).max(1);
    if state.is_empty() {
        frame.render_widget(
            Paragraph::new(if app.plan().is_some() {
                "Inget att åtgärda i den här perioden."
            } else {
                "Inga mål att visa"
            })
            .style(theme::muted()),
            list_area,
        );
        return;
    }
    let (lines, _) = all_lines(app, width);
    let visible: Vec<Line<'static>> = lines.into_iter().skip(state.offset()).take(rows).collect();
    frame.render_widget(Paragraph::new(visible), list_area);

    if let Some(flag) = state.selected_flag() {
        let mut detail = vec![Line::styled("─".repeat(width), theme::muted())];
        let goal = format!("{} · {}", flag.subject.label(), flag.goal.heading());
        detail.push(Line::styled(
            text::truncate(&text::clean(&goal), width),
            theme::muted(),
        ));
        let room = usize::from(detail_area.height).saturating_sub(2);
        let cut = message_lines.len() > room;
        for (index, line) in message_lines.into_iter().take(room).enumerate() {
            // Only a terminal too low for the whole message cuts it, and says so.
            if cut && index + 1 == room {
                detail.push(Line::raw(text::truncate(&format!("{line} …"), width)));
                break;
            }
            detail.push(Line::raw(line));
        }
        frame.render_widget(Paragraph::new(detail), detail_area);
    } else if let Some(deficit) = state.selected_deficit() {
        let mut detail = vec![Line::styled("─".repeat(width), theme::muted())];
        let what = if deficit.total {
            "nämnden · Ekonomi".to_owned()
        } else {
            format!("verksamhetsområde · Ekonomi · {}", deficit.area)
        };
        detail.push(Line::styled(
            text::truncate(&text::clean(&what), width),
            theme::muted(),
        ));
        let room = usize::from(detail_area.height).saturating_sub(2);
        detail.extend(message_lines.into_iter().take(room).map(Line::raw));
        frame.render_widget(Paragraph::new(detail), detail_area);
    }
}

/// The counts by kind over the list; when the marks *ej aktuell* make it too long for the
/// width, the labels shorten so every count stays in view.
fn summary_line(counts: &FlagCounts, width: usize) -> Line<'static> {
    use crate::domain::flags::FlagKind;
    let parts = |short: bool| {
        let label = |long: &'static str, brief: &'static str| if short { brief } else { long };
        let mut parts = vec![
            (
                format!("✗ {} {}", counts.not_met, label("uppnås ej", "ej")),
                theme::flag(FlagKind::NotMet),
            ),
            (
                format!(
                    "◐ {} {}",
                    counts.partly_met,
                    label("uppnås delvis", "delvis")
                ),
                theme::flag(FlagKind::PartlyMet),
            ),
            (
                format!("⚠ {} avvikelser", counts.deviation),
                theme::flag(FlagKind::Deviation),
            ),
            (
                format!(
                    "≠/? {} {}",
                    counts.contradiction + counts.missing,
                    label("att kontrollera", "kontrollera")
                ),
                Style::new(),
            ),
        ];
        if counts.dismissed > 0 {
            parts.push((
                format!(
                    "{DISMISSED} {}",
                    crate::domain::flags::dismissal::count_text(counts.dismissed)
                ),
                theme::muted(),
            ));
        }
        parts
    };
    let long = parts(false);
    let long_width: usize = long.iter().map(|(text, _)| text::width(text) + 2).sum();
    let chosen = if long_width > width + 2 {
        parts(true)
    } else {
        long
    };
    let mut spans = Vec::new();
    for (index, (content, style)) in chosen.into_iter().enumerate() {
        if index > 0 {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(content, style));
    }
    Line::from(spans)
}

/// A deficit of the economy: `▼`, the area, the deficit as a negative amount in mnkr, the
/// budget it is measured against and its share of it, in the value, årsmål and avstånd
/// columns.
fn deficit_line(
    deficit: &crate::domain::flags::economy::EconomyFlag,
    selected: bool,
    width: usize,
) -> Line<'static> {
    use crate::domain::budget::format_mnkr;
    let [kind, value, target, shortfall, direction] = columns(width);
    let name_width = name_width(width);
    let style = theme::flag(crate::domain::flags::FlagKind::NotMet);
    let mut spans = vec![
        Span::raw(if selected { "› " } else { "  " }),
        Span::styled("▼", style),
        Span::raw(" "),
    ];
    if kind > 0 {
        spans.push(Span::styled(pad("underskott", kind), style));
    }
    spans.push(Span::raw(pad(
        &text::truncate(&text::clean(&deficit.area), name_width),
        name_width,
    )));
    let cell =
        |content: String, w: usize| pad_left(&text::truncate(&content, w.saturating_sub(1)), w);
    spans.push(Span::raw(cell(format_mnkr(-deficit.deficit_tkr), value)));
    spans.push(Span::raw(cell(format_mnkr(deficit.budget_tkr), target)));
    spans.push(Span::raw(cell(
        deficit.share.map_or_else(String::new, |s| {
            format!("{} %", crate::domain::number::format_number(s * 100.0, 1))
        }),
        shortfall,
    )));
    spans.push(Span::raw(" "));
    spans.push(Span::styled(
        pad(if direction > 1 { "mnkr" } else { "" }, direction),
        theme::muted(),
    ));
    let line = Line::from(spans);
    if selected {
        line.style(theme::selection())
    } else {
        line.style(Style::new())
    }
}

fn header_line(width: usize) -> Line<'static> {
    let [kind, value, target, shortfall, direction] = columns(width);
    let name_width = name_width(width);
    let mut spans = vec![Span::raw("    ")];
    if kind > 0 {
        spans.push(Span::styled(pad("Status", kind), theme::heading()));
    }
    spans.push(Span::styled(
        pad("Indikator, aktivitet eller brist", name_width),
        theme::heading(),
    ));
    for (title, w) in [("Värde", value), ("Årsmål", target), ("Avstånd", shortfall)] {
        spans.push(Span::styled(
            pad_left(&text::truncate(title, w.saturating_sub(1)), w),
            theme::heading(),
        ));
    }
    let direction_title = if direction > 1 { "Riktning" } else { "" };
    spans.push(Span::raw(" "));
    spans.push(Span::styled(
        pad(direction_title, direction),
        theme::heading(),
    ));
    Line::from(spans)
}

/// Width of the name column: the rest after the mark and the fixed columns (each with a
/// space before it).
fn name_width(width: usize) -> usize {
    let [kind, value, target, shortfall, direction] = columns(width);
    let fixed = 4 + kind + value + target + shortfall + 1 + direction + 4;
    width.saturating_sub(fixed).max(10)
}

/// Every line of the list and the line of the selected flag.
fn list_lines(
    flags: &[Flag],
    sort: FlagSort,
    selected: usize,
    width: usize,
) -> (Vec<Line<'static>>, usize) {
    let mut lines = Vec::new();
    let mut selected_line = 0;
    let mut current_goal = None;
    for (index, flag) in flags.iter().enumerate() {
        if sort == FlagSort::GoalOrder && current_goal != Some(flag.goal.id) {
            current_goal = Some(flag.goal.id);
            let heading =
                text::truncate(&text::clean(&flag.goal.heading()), width.saturating_sub(1));
            lines.push(Line::styled(heading, theme::heading()));
        }
        if index == selected {
            selected_line = lines.len();
        }
        lines.push(flag_line(flag, sort, index == selected, width));
    }
    (lines, selected_line)
}

fn direction_text(direction: Option<Direction>, wide: bool) -> String {
    let Some(direction) = direction else {
        return String::new();
    };
    if wide {
        return direction.label().to_owned();
    }
    match direction {
        Direction::HigherBetter => "↑",
        Direction::LowerBetter => "↓",
        Direction::Max => "≤",
        Direction::Band => "±",
        Direction::Unknown => "?",
    }
    .to_owned()
}

fn flag_line(flag: &Flag, sort: FlagSort, selected: bool, width: usize) -> Line<'static> {
    let [kind, value, target, shortfall, direction] = columns(width);
    let wide = kind > 0;
    let name_width = name_width(width);
    // Outside goal order there are no headings: the goal number leads the name.
    let prefix = match (&flag.goal.number, sort) {
        (Some(number), FlagSort::Severity | FlagSort::Shortfall) => format!("{number} "),
        _ => String::new(),
    };
    let name = format!("{prefix}{}", flag.name);
    // A flag marked ej aktuell is handled: its own mark, muted, the kind still named.
    let (symbol, mark_style) = match flag.dismissed {
        Some(_) => (DISMISSED, theme::muted()),
        None => (flag.kind.symbol(), theme::flag(flag.kind)),
    };
    let mut spans = vec![
        Span::raw(if selected { "› " } else { "  " }),
        Span::styled(symbol, mark_style),
        Span::raw(" "),
    ];
    if wide {
        let label = match flag.dismissed {
            Some(_) => "ej aktuell",
            None => flag.kind.label(),
        };
        spans.push(Span::styled(pad(label, kind), mark_style));
    }
    spans.push(Span::raw(pad(
        &text::truncate(&text::clean(&name), name_width),
        name_width,
    )));
    let cell = |content: Option<&String>, w: usize| {
        let content = content.map(|c| text::clean(c)).unwrap_or_default();
        pad_left(&text::truncate(&content, w.saturating_sub(1)), w)
    };
    spans.push(Span::raw(cell(flag.value.as_ref(), value)));
    spans.push(Span::raw(cell(flag.target.as_ref(), target)));
    spans.push(Span::raw(cell(flag.shortfall_text().as_ref(), shortfall)));
    spans.push(Span::raw(" "));
    spans.push(Span::styled(
        pad(&direction_text(flag.direction, wide), direction),
        theme::muted(),
    ));
    let line = Line::from(spans);
    if selected {
        line.style(theme::selection())
    } else if flag.dismissed.is_some() {
        line.style(theme::muted())
    } else {
        line.style(Style::new())
    }
}

/// `content` left-aligned in `width` cells (cut with … when longer).
fn pad(content: &str, width: usize) -> String {
    let cut = text::truncate(content, width);
    let fill = width.saturating_sub(text::width(&cut));
    format!("{cut}{}", " ".repeat(fill))
}

/// `content` right-aligned in `width` cells.
fn pad_left(content: &str, width: usize) -> String {
    let cut = text::truncate(content, width);
    let fill = width.saturating_sub(text::width(&cut));
    format!("{}{cut}", " ".repeat(fill))
}
