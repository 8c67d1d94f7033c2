//! What the help overlay and the hint bar show, computed from the live keymap so that a remap
//! can never leave them stale (atuin's hand-typed header is the anti-example).

use super::{Binding, Context, Keymap};
use crate::tui::action::Action;

/// Joins several keys of one action in one help row: "↑ / k".
const KEY_SEPARATOR: &str = " / ";

/// One context's part of the help overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpSection {
    pub context: Context,
    /// The Swedish heading ("Målträdet").
    pub context_title: String,
    /// (keys joined with " / ", description), in `Action::ALL` order.
    pub rows: Vec<(String, String)>,
}

/// Every context's own bindings, in context order, then action order; contexts without
/// bindings are left out. Keys of one action are joined ("↑ / k"); the description is the
/// first key's.
pub fn help_sections(keymap: &Keymap) -> Vec<HelpSection> {
    Context::ALL
        .into_iter()
        .filter_map(|context| {
            let rows = rows(|action| {
                keymap
                    .bindings()
                    .iter()
                    .filter(|b| b.context == context && b.action == action)
                    .collect()
            });
            section(context, rows)
        })
        .collect()
}

/// Help for where the user is: `context`'s own bindings, then the global ones that still
/// work there (a global key the context took over, or a letter in a text field, is left out).
pub fn help_sections_for(keymap: &Keymap, context: Context) -> Vec<HelpSection> {
    let own = rows(|action| {
        keymap
            .bindings()
            .iter()
            .filter(|b| b.context == context && b.action == action)
            .collect()
    });
    let mut sections: Vec<HelpSection> = section(context, own).into_iter().collect();
    if context != Context::Global {
        let inherited = rows(|action| {
            keymap
                .bindings_for(context, action)
                .into_iter()
                .filter(|b| b.context == Context::Global)
                .collect()
        });
        sections.extend(section(Context::Global, inherited));
    }
    sections
}

/// The hint bar: for each of `actions`, the first key that works in `context` and its
/// description. Actions without a working key are left out rather than shown wrong.
pub fn hints(keymap: &Keymap, context: Context, actions: &[Action]) -> Vec<(String, String)> {
    actions
        .iter()
        .filter_map(|&action| {
            let binding = keymap.bindings_for(context, action).into_iter().next()?;
            Some((binding.key.to_string(), binding.description.clone()))
        })
        .collect()
}

fn rows<'k>(bindings_of: impl Fn(Action) -> Vec<&'k Binding>) -> Vec<(String, String)> {
    Action::ALL
        .iter()
        .filter_map(|&action| {
            let bindings = bindings_of(action);
            let first = bindings.first()?;
            let keys: Vec<String> = bindings.iter().map(|b| b.key.to_string()).collect();
            Some((keys.join(KEY_SEPARATOR), first.description.clone()))
        })
        .collect()
}

fn section(context: Context, rows: Vec<(String, String)>) -> Option<HelpSection> {
    (!rows.is_empty()).then(|| HelpSection {
        context,
        context_title: context.title().to_owned(),
        rows,
    })
}
