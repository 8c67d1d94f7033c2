//! The bottom bar: the keys of the current context, generated from the active keymap so a
//! remap shows at once. Hints that do not fit the width are left out from the end.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::{Context, Keymap};
use crate::tui::theme;
use crate::tui::widgets::{lines, text};

/// The actions worth a hint in each context, most useful first.
fn hinted_actions(context: Context) -> &'static [Action] {
    match context {
        Context::Help => &[Action::Close, Action::MoveDown, Action::PageDown],
        Context::Flags => &[
            Action::JumpToFlag,
            Action::DismissFlag,
            Action::CycleFlagSort,
            Action::Close,
            Action::MoveDown,
            Action::NextPeriod,
            Action::Help,
        ],
        Context::Finder => &[
            Action::JumpTo,
            Action::OpenHistory,
            Action::MoveDown,
            Action::Close,
        ],
        Context::History => &[
            Action::Close,
            Action::CompareCouncil,
            Action::MoveDown,
            Action::MarkSeries,
            Action::LinkSeries,
            Action::UnlinkSeries,
        ],
        Context::Detail => &[
            Action::Help,
            Action::NextItem,
            Action::EditAnalysis,
            Action::EditValues,
            Action::ActivityStatus,
            Action::SetAssessment,
            Action::NextTodo,
            Action::UndoChange,
            Action::OpenFlags,
            Action::SwitchFocus,
            Action::PageDown,
            Action::NextPeriod,
            Action::Quit,
        ],
        Context::Editor => &[
            Action::Save,
            Action::Close,
            Action::UndoEdit,
            Action::RedoEdit,
            Action::WordRight,
            Action::Help,
        ],
        Context::Form => &[
            Action::Confirm,
            Action::NextField,
            Action::Save,
            Action::Close,
            Action::Help,
        ],
        Context::Confirm => &[Action::Yes, Action::No, Action::KeepDraft, Action::Close],
        Context::Events => &[
            Action::UndoChange,
            Action::CycleScope,
            Action::MoveDown,
            Action::Close,
            Action::Help,
        ],
        Context::Progress => &[
            Action::JumpTo,
            Action::CycleScope,
            Action::NextPeriod,
            Action::MoveDown,
            Action::Close,
            Action::Help,
        ],
        Context::GoTo => &[
            Action::JumpTo,
            Action::NextField,
            Action::MoveDown,
            Action::Close,
            Action::Help,
        ],
        Context::Conflict => &[
            Action::KeepMine,
            Action::TakeTheirs,
            Action::MergeTexts,
            Action::Close,
        ],
        Context::Economy => &[
            Action::EditForecast,
            Action::MoveDown,
            Action::SwitchFocus,
            Action::NextPeriod,
            Action::UndoChange,
            Action::Close,
            Action::Help,
        ],
        _ => &[
            Action::Help,
            Action::OpenFlags,
            Action::Toggle,
            Action::SwitchFocus,
            Action::EditAnalysis,
            Action::SetAssessment,
            Action::NextTodo,
            Action::NextPeriod,
            Action::NextYear,
            Action::NextCouncil,
            Action::OpenFinder,
            Action::Quit,
        ],
    }
}

/// `(key, description)` for each hinted action that a key reaches in `context`: the shortest
/// such key ([`Keymap::shortest_binding`]), and its description up to any colon ("Hjälp: alla
/// tangenter" → "Hjälp"), since the bar has little room.
pub fn hints(keymap: &Keymap, context: Context) -> Vec<(String, String)> {
    hinted_actions(context)
        .iter()
        .filter_map(|&action| {
            let binding = keymap.shortest_binding(context, action)?;
            let description = binding
                .description
                .split(':')
                .next()
                .unwrap_or_default()
                .trim()
                .to_owned();
            Some((binding.key.to_string(), description))
        })
        .collect()
}

pub fn render(app: &App, keymap: &Keymap, frame: &mut Frame<'_>, area: Rect) {
    // A message ("Sparat: …", an error) stands in for the hints until the next key.
    if let Some(message) = app.message() {
        let line = Line::from(vec![Span::raw(" "), text::span(message, theme::warning())]);
        lines::draw(&[line], area, frame.buffer_mut());
        return;
    }
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    let available = usize::from(area.width);
    let mut hints = hints(keymap, app.context());
    // The question before storing an unlikely value: no goes back to the form, nothing is
    // thrown away (the confirm context's own descriptions are for closing with changes).
    if app.store_question().is_some() {
        hints = [
            (Action::Yes, "Ja, spara ändå"),
            (Action::No, "Nej, tillbaka"),
        ]
        .into_iter()
        .filter_map(|(action, what)| {
            let key = keymap.key_for(Context::Confirm, action)?;
            Some((key.to_string(), what.to_owned()))
        })
        .collect();
    }
    for (key, description) in hints {
        let key = text::clean(&key);
        let description = text::clean(&description);
        let needed = text::width(&key) + 1 + text::width(&description) + 2;
        if used + needed > available {
            break;
        }
        used += needed;
        spans.push(Span::styled(key, theme::key()));
        spans.push(Span::raw(format!(" {description}  ")));
    }
    lines::draw(&[Line::from(spans)], area, frame.buffer_mut());
}
