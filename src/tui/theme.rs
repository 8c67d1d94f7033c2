//! Semantic styles: every colour the UI uses is named here by what it means, from the 16 ANSI
//! colours only, so the user's own palette applies. Every state a colour shows is also shown
//! by a symbol or modifier elsewhere (selection = reversed + `›`), so `NO_COLOR` loses nothing.

use ratatui::style::{Color, Modifier, Style};

use crate::domain::Assessment;

/// The style of a goal's assessment mark; the mark itself ([`Assessment::symbol`]) carries the
/// state without colour.
pub fn assessment(assessment: Assessment) -> Style {
    match assessment {
        Assessment::FullyMet => Style::new().fg(Color::Green),
        Assessment::PartiallyMet => Style::new().fg(Color::Yellow),
        Assessment::NotMet => Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
        Assessment::NotAssessed => muted(),
    }
}

/// The selected row: reversed, so it shows in monochrome too.
pub fn selection() -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}

/// Headings inside the detail pane and the help overlay.
pub fn heading() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

/// The goal title at the top of the detail pane.
pub fn title() -> Style {
    Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
}

/// Secondary text: levels, labels, empty markers.
pub fn muted() -> Style {
    Style::new().fg(Color::DarkGray)
}

/// The border of the pane that has the keyboard focus (also drawn thick).
pub fn focused_border() -> Style {
    Style::new().fg(Color::Cyan)
}

/// The border of a pane without focus.
pub fn unfocused_border() -> Style {
    Style::new()
}

/// The top bar.
pub fn top_bar() -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}

/// Something the user should notice: a period without a report, an *Avvikelse*, an error.
pub fn warning() -> Style {
    Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
}

/// A key in the hint bar and the help overlay.
pub fn key() -> Style {
    Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
}

/// The style of a flag's mark on the flags screen and in the tree; the mark itself
/// ([`FlagKind::symbol`](crate::domain::flags::FlagKind::symbol)) carries the kind without colour.
pub fn flag(kind: crate::domain::flags::FlagKind) -> Style {
    use crate::domain::flags::FlagKind;
    match kind {
        FlagKind::NotMet => Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
        FlagKind::PartlyMet => Style::new().fg(Color::Yellow),
        FlagKind::Deviation => warning(),
        FlagKind::Contradiction => Style::new().fg(Color::Magenta),
        FlagKind::Missing => Style::new().fg(Color::Blue),
    }
}

/// The style of an indicator status in the detail table; the symbol
/// ([`crate::domain::IndicatorStatus::symbol`]) carries it without colour.
pub fn indicator_status(status: crate::domain::IndicatorStatus) -> Style {
    use crate::domain::IndicatorStatus;
    match status {
        IndicatorStatus::Met => Style::new().fg(Color::Green),
        IndicatorStatus::PartlyMet => Style::new().fg(Color::Yellow),
        IndicatorStatus::NotMet => Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
        IndicatorStatus::NoResult => muted(),
    }
}
