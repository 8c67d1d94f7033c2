//! The top bar: nämnd · år · period · användare · sparat/osparat, and a notice when the chosen period has no
//! report yet or a load failed.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::tui::app::{App, SaveState};
use crate::tui::theme;
use crate::tui::widgets::{lines, text};

pub fn render(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let state = save_state_span(app.save_state());
    let state_width = text::width(&state.content) + 2;
    // The most telling bar that fits beside the save state: first the period's long name
    // goes, then the council's "stadsdelsnämnd", so the user's name always shows.
    let room = usize::from(area.width).saturating_sub(state_width);
    let spans = [Detail::Full, Detail::NoPeriodName, Detail::Short]
        .into_iter()
        .map(|detail| bar_spans(app, detail))
        .find(|spans| spans.iter().map(|s| text::width(&s.content)).sum::<usize>() <= room)
        .unwrap_or_else(|| bar_spans(app, Detail::Short));
    let buf = frame.buffer_mut();
    buf.set_style(area, theme::top_bar());
    lines::draw(&[Line::from(spans)], area, buf);
    // The save state sits at the right end, where a long council name cannot push it off.
    let state_width = u16::try_from(state_width).unwrap_or(area.width);
    if area.width > state_width + 20 {
        let state_area = Rect {
            x: area.x + area.width - state_width,
            width: state_width,
            ..area
        };
        // Over the bar's end: its cells already carry the bar's style.
        lines::draw(
            &[Line::from(vec![Span::raw(" "), state, Span::raw(" ")])],
            state_area,
            buf,
        );
    }
}

/// How much the bar spells out.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Detail {
    Full,
    NoPeriodName,
    Short,
}

/// nämnd · år · period (· name) · notice · user, at the given detail.
fn bar_spans(app: &App, detail: Detail) -> Vec<Span<'static>> {
    let council = app.council().map_or_else(
        || "Ingen nämnd".to_owned(),
        |c| {
            let name = text::clean(&c.name);
            match detail {
                Detail::Short => name.trim_end_matches(" stadsdelsnämnd").to_owned(),
                _ => name,
            }
        },
    );
    let year = app.year().map_or_else(|| "–".to_owned(), |y| y.to_string());
    let period = app.period();
    let mut spans = vec![
        Span::raw(" malkoll · "),
        Span::styled(council, theme::heading()),
        Span::raw(format!(" · {year} · ")),
        Span::styled(period.label(), theme::heading()),
    ];
    if detail == Detail::Full {
        spans.push(Span::raw(format!(" {}", period.name())));
    }
    if app.plan().is_some() && !app.period_has_report() {
        spans.push(Span::raw(" "));
        let notice = match detail {
            Detail::Short => "(ingen rapport)".to_owned(),
            _ => format!("{} {year} (ingen rapport)", period.label()),
        };
        spans.push(Span::styled(notice, theme::warning()));
    }
    spans.push(Span::raw(" · "));
    spans.push(text::span(app.user(), ratatui::style::Style::new()));
    spans
}

/// "✓ sparat" once everything is stored and flushed, "● osparat" (bold) while an editor holds
/// changes or a save failed: the mark and the word carry it without colour.
fn save_state_span(state: SaveState) -> Span<'static> {
    match state {
        SaveState::Saved => Span::raw(state.label()),
        SaveState::Unsaved | SaveState::Drafted => Span::styled(state.label(), theme::warning()),
    }
}
