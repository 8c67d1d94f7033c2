//! The help overlay: every binding of the active keymap, by context, with its description,
//! then a legend of every symbol the screens use; scrollable. Built from the live keymap, so
//! a user's remaps show, and from the domain's own symbols, so the legend cannot drift.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use crate::domain::Assessment;
use crate::domain::flags::FlagKind;
use crate::tui::action::Action;
use crate::tui::app::SaveState;
use crate::tui::keymap::{Context, Keymap, help_sections};
use crate::tui::screens::history::SOURCE_MARK;
use crate::tui::theme;
use crate::tui::widgets::scroll_list::ScrollList;
use crate::tui::widgets::text;

/// Width of the key column: the widest keys, within bounds.
const KEY_COLUMN_MIN: usize = 12;
const KEY_COLUMN_MAX: usize = 24;

/// The overlay's lines: a heading per context, then one line per action with all its keys.
pub fn lines(keymap: &Keymap) -> Vec<Line<'static>> {
    let sections = help_sections(keymap);
    let key_column = sections
        .iter()
        .flat_map(|section| &section.rows)
        .map(|(keys, _)| text::width(keys) + 2)
        .max()
        .unwrap_or(0)
        .clamp(KEY_COLUMN_MIN, KEY_COLUMN_MAX);
    let mut lines = Vec::new();
    for section in sections {
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(
            text::clean(&section.context_title),
            theme::heading(),
        ));
        for (keys, description) in &section.rows {
            let keys = text::clean(keys);
            let pad = key_column.saturating_sub(text::width(&keys)).max(1);
            lines.push(Line::from(vec![
                Span::raw("  "),
                Span::styled(keys, theme::key()),
                Span::raw(" ".repeat(pad)),
                text::span(description, ratatui::style::Style::new()),
            ]));
        }
    }
    lines.push(Line::raw(""));
    lines.extend(legend(key_column));
    lines
}

/// What every symbol on the screens means (*teckenförklaring*).
fn legend(key_column: usize) -> Vec<Line<'static>> {
    let mut rows: Vec<(String, String)> = Vec::new();
    for assessment in Assessment::ALL {
        rows.push((
            assessment.symbol().to_owned(),
            format!("Bedömning: {}", assessment.label()),
        ));
    }
    for kind in [
        FlagKind::NotMet,
        FlagKind::PartlyMet,
        FlagKind::Deviation,
        FlagKind::Contradiction,
        FlagKind::Missing,
    ] {
        rows.push((
            kind.symbol().to_owned(),
            format!("Att åtgärda: {}", kind.label()),
        ));
    }
    for (symbol, meaning) in [
        (
            crate::tui::screens::flags::DISMISSED,
            "Att åtgärda: ej aktuell i perioden (skälet står under listan)",
        ),
        ("✓", "Granskning: allt ifyllt och hanterat"),
        ("·", "Granskning: perioden ber inte om något"),
        ("◂", "Granskning: nämnden eller perioden du står i"),
        ("▾ ▸", "Målet är utfällt / hopfällt"),
        ("›", "Vald rad"),
        ("▪", "Markörens rad i detaljerna (indikator, aktivitet)"),
        ("…", "Texten fortsätter men får inte plats"),
        ("▼", "Ekonomi: underskott över gränsen (andel av budget)"),
        (
            "*",
            "Ekonomi: ingen egen prognos för perioden, den senaste gäller",
        ),
        (
            SOURCE_MARK,
            "Historik: hämtat värde; källan står under tabellen",
        ),
        ("*", "Årsmål: perioden anger inget eget, årets gäller"),
    ] {
        rows.push((symbol.to_owned(), meaning.to_owned()));
    }
    for (state, meaning) in [
        (SaveState::Saved, "Allt som visas är sparat"),
        (SaveState::Unsaved, "Ändringar som inte är sparade"),
        (
            SaveState::Drafted,
            "Inte sparat, men kvar som utkast till nästa gång",
        ),
    ] {
        rows.push((state.label().to_owned(), meaning.to_owned()));
    }
    let mut lines = vec![Line::styled("Teckenförklaring", theme::heading())];
    for (symbol, meaning) in rows {
        let pad = key_column.saturating_sub(text::width(&symbol)).max(1);
        lines.push(Line::from(vec![
            Span::raw("  "),
            Span::raw(symbol),
            Span::raw(" ".repeat(pad)),
            Span::raw(meaning),
        ]));
    }
    lines
}

/// The overlay's frame, with the key that closes it.
fn block(keymap: &Keymap) -> Block<'static> {
    let close_hint = keymap
        .key_for(Context::Help, Action::Close)
        .map(|k| format!(" {} stänger ", text::clean(&k.to_string())))
        .unwrap_or_default();
    Block::bordered()
        .border_type(BorderType::Double)
        .border_style(theme::focused_border())
        .title(Span::styled(" Hjälp: alla tangenter ", theme::heading()))
        .title_bottom(Line::from(close_hint).right_aligned())
}

/// The overlay's area: most of the body, centred.
pub fn area(body: Rect) -> Rect {
    let width = body.width.saturating_sub(4).min(90);
    let height = body.height.saturating_sub(2);
    Rect {
        x: body.x + (body.width - width) / 2,
        y: body.y + (body.height - height) / 2,
        width,
        height,
    }
}

/// The layout pass: (visible rows, lines) of the overlay over `body`.
pub fn layout(keymap: &Keymap, body: Rect) -> (usize, usize) {
    let inner = block(keymap).inner(area(body));
    (usize::from(inner.height), lines(keymap).len())
}

/// Draws the overlay over `body`, scrolled to `scroll`.
pub fn render(keymap: &Keymap, scroll: &ScrollList, frame: &mut Frame<'_>, body: Rect) {
    let area = area(body);
    let block = block(keymap);
    let inner = block.inner(area);
    let rows = usize::from(inner.height);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let visible: Vec<Line<'static>> = lines(keymap)
        .into_iter()
        .skip(scroll.offset())
        .take(rows)
        .collect();
    frame.render_widget(Paragraph::new(visible), inner);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_legend_explains_every_flag_and_assessment_symbol() {
        let keymap = Keymap::builtin().expect("default keymap");
        let text: Vec<String> = lines(&keymap).iter().map(|line| line.to_string()).collect();
        let legend = text
            .iter()
            .position(|line| line == "Teckenförklaring")
            .expect("a legend");
        let has = |symbol: &str, label: &str| {
            text[legend..]
                .iter()
                .any(|line| line.contains(symbol) && line.contains(label))
        };
        for kind in [
            FlagKind::NotMet,
            FlagKind::PartlyMet,
            FlagKind::Deviation,
            FlagKind::Contradiction,
            FlagKind::Missing,
        ] {
            assert!(has(kind.symbol(), kind.label()), "{kind:?}");
        }
        for assessment in Assessment::ALL {
            assert!(
                has(assessment.symbol(), assessment.label()),
                "{assessment:?}"
            );
        }
        assert!(has("…", "får inte plats"));
        assert!(has(SOURCE_MARK, "källan"));
    }
}
