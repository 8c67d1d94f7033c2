//! Keymaps: which key does what, per context. Views ask the keymap, never match keys
//! themselves, so a remap shows everywhere — in behaviour, in the help overlay and in the hint
//! bar, which are both drawn from the live keymap ([`help_sections`], [`hints`]).
//!
//! A keymap is built from layers, later ones overriding earlier ones key by key within a
//! context: the compiled-in keymaps/default.toml, then an optional preset
//! (`preset = "vim"` → keymaps/vim.toml), then the user's own file ([`load`]). An entry
//! `"q" = "none"` removes a key an earlier layer bound. Every problem is reported with file,
//! line and a suggestion ([`KeymapError`]); `malkoll keymap check` uses [`run_check`].

mod diagnostic;
mod file;
mod help;
mod key;
mod load;

use std::collections::{BTreeMap, HashMap};

use crossterm::event::KeyEvent;
use serde::Deserialize;

pub use diagnostic::{KeymapError, KeymapErrors, KeymapWarning};
pub use file::UNBIND;
pub use help::{HelpSection, help_sections, help_sections_for, hints};
pub use key::{ACCEPTED_KEY_FORMS, KeyChord, KeyName, KeyParseError};
pub use load::{
    CheckOutcome, LoadedKeymap, check_file, default_user_path, load, load_with_default_path,
    run_check,
};

use super::action::Action;
use file::{Layer, PresetAllowed, Target, parse_layer};

/// Where a binding applies. Global bindings apply everywhere a context does not override.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Context {
    Global,
    Tree,
    Detail,
    Help,
    Editor,
    Form,
    Finder,
    Confirm,
    /// A save that crossed another user's: keep mine, take theirs or merge.
    Conflict,
    Flags,
    History,
    Economy,
    Events,
    /// *Granskning*: the review's progress per council or period.
    Progress,
    /// *Gå till*: the council, year and period picker.
    #[serde(rename = "goto")]
    GoTo,
}

impl Context {
    pub const ALL: [Context; 15] = [
        Context::Global,
        Context::Tree,
        Context::Detail,
        Context::Help,
        Context::Editor,
        Context::Form,
        Context::Finder,
        Context::Confirm,
        Context::Conflict,
        Context::Flags,
        Context::History,
        Context::Economy,
        Context::Events,
        Context::Progress,
        Context::GoTo,
    ];

    /// The table name in keymap files.
    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::Tree => "tree",
            Context::Detail => "detail",
            Context::Help => "help",
            Context::Editor => "editor",
            Context::Form => "form",
            Context::Finder => "finder",
            Context::Confirm => "confirm",
            Context::Conflict => "conflict",
            Context::Flags => "flags",
            Context::History => "history",
            Context::Economy => "economy",
            Context::Events => "events",
            Context::Progress => "progress",
            Context::GoTo => "goto",
        }
    }

    pub fn from_name(name: &str) -> Option<Context> {
        Context::ALL
            .into_iter()
            .find(|context| context.name() == name)
    }

    /// Swedish heading in the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Överallt",
            Context::Tree => "Målträdet",
            Context::Detail => "Detaljer",
            Context::Help => "Hjälp",
            Context::Editor => "Textredigering",
            Context::Form => "Formulär",
            Context::Finder => "Sök",
            Context::Confirm => "Bekräfta",
            Context::Conflict => "Krock med en annans ändring",
            Context::Flags => "Att åtgärda",
            Context::History => "Historik",
            Context::Economy => "Ekonomi",
            Context::Events => "Händelser",
            Context::Progress => "Granskning",
            Context::GoTo => "Gå till",
        }
    }

    /// Whether typing goes into a text field here. Then a plain character is text, not a
    /// global shortcut: typing "quarter" in a form must not quit on the "q".
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Context::Editor | Context::Form | Context::Finder | Context::GoTo
        )
    }

    /// Whether a global binding of `key` still acts in this context when the context does
    /// not bind the key itself.
    fn inherits_global(self, key: &KeyChord) -> bool {
        !(self.takes_text() && key.is_text_input())
    }
}

/// One key bound to one action in one context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub context: Context,
    pub key: KeyChord,
    pub action: Action,
    pub description: String,
}

/// The compiled-in default keymap file.
pub const DEFAULT_KEYMAP: &str = include_str!("../../../keymaps/default.toml");

/// Presets a user file can start from with `preset = "name"`, compiled in.
pub const PRESETS: &[(&str, &str)] = &[("vim", include_str!("../../../keymaps/vim.toml"))];

/// How the compiled-in default is named in messages.
const DEFAULT_FILE_NAME: &str = "keymaps/default.toml (inbyggd)";

/// Actions that deliberately have no key in the default keymap (reachable only if a user
/// binds them). A test checks that every action is bound in default.toml or listed here, so a
/// new action cannot silently end up unreachable.
pub const DELIBERATELY_UNBOUND: &[Action] = &[];

/// A global action that has no working key left in a context, because the context binds the
/// global action's key(s) to something else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShadowedGlobal {
    pub context: Context,
    /// The global key the context took over.
    pub key: KeyChord,
    /// What the key does globally, now unreachable in `context`.
    pub global_action: Action,
    /// What the key does in `context` instead.
    pub context_action: Action,
}

/// The active keymap.
#[derive(Debug, Clone)]
pub struct Keymap {
    /// Sorted by context, then action (in `Action::ALL` order), then help order of the key.
    bindings: Vec<Binding>,
    index: HashMap<(Context, KeyChord), usize>,
    /// For each action a key reaches in a context, the binding with the shortest key (see
    /// [`Keymap::shortest_binding`]): worked out once, as the hint bar asks every frame.
    shortest: HashMap<(Context, Action), usize>,
}

impl Keymap {
    /// The built-in default keymap. It is tested to load, so an error here is a build bug.
    pub fn builtin() -> Result<Keymap, KeymapErrors> {
        Keymap::from_layers_text(&[(DEFAULT_KEYMAP, DEFAULT_FILE_NAME)])
    }

    /// A keymap from one file's text alone, without the defaults (for tests and tools).
    pub fn from_toml(text: &str) -> Result<Keymap, KeymapErrors> {
        Keymap::from_layers_text(&[(text, "<text>")])
    }

    /// Layers given as (text, file name), none of which may name a preset.
    fn from_layers_text(texts: &[(&str, &str)]) -> Result<Keymap, KeymapErrors> {
        let mut layers = Vec::new();
        let mut problems = Vec::new();
        for (text, file) in texts {
            let (layer, mut found) = parse_layer(text, file, PresetAllowed::No);
            problems.append(&mut found);
            layers.push(layer);
        }
        if problems.is_empty() {
            Ok(Keymap::from_layers(&layers).0)
        } else {
            Err(KeymapErrors(problems))
        }
    }

    /// Applies layers in order, each overriding earlier ones key by key. Also returns a
    /// warning for each unbind of a key that nothing bound (probably a typo).
    pub(crate) fn from_layers(layers: &[Layer]) -> (Keymap, Vec<KeymapWarning>) {
        let mut merged: BTreeMap<(Context, KeyChord), Binding> = BTreeMap::new();
        let mut warnings = Vec::new();
        for layer in layers {
            for entry in &layer.entries {
                let slot = (entry.context, entry.key.clone());
                match entry.target {
                    Target::Run(action) => {
                        let description = entry
                            .description
                            .clone()
                            .unwrap_or_else(|| action.description().to_owned());
                        let binding = Binding {
                            context: entry.context,
                            key: entry.key.clone(),
                            action,
                            description,
                        };
                        merged.insert(slot, binding);
                    }
                    Target::Unbind => {
                        if merged.remove(&slot).is_none() {
                            warnings.push(KeymapError::new(
                                &layer.file,
                                Some(entry.line),
                                format!(
                                    "[{}] «{}» = \"{UNBIND}\" gör inget: tangenten är inte bunden där",
                                    entry.context.name(),
                                    entry.key.to_file_string()
                                ),
                            ));
                        }
                    }
                }
            }
        }
        (
            Keymap::from_bindings(merged.into_values().collect()),
            warnings,
        )
    }

    fn from_bindings(mut bindings: Vec<Binding>) -> Keymap {
        bindings.sort_by(|a, b| {
            (a.context, a.action)
                .cmp(&(b.context, b.action))
                .then_with(|| a.key.help_order(&b.key))
        });
        let index = bindings
            .iter()
            .enumerate()
            .map(|(i, binding)| ((binding.context, binding.key.clone()), i))
            .collect();
        let mut keymap = Keymap {
            bindings,
            index,
            shortest: HashMap::new(),
        };
        keymap.shortest = keymap.shortest_bindings();
        keymap
    }

    /// [`Keymap::shortest_binding`] for every context and action, in one pass over the
    /// bindings: each binding is a candidate where it acts — its own context, and for a
    /// global one every context that neither overrides its key nor takes it as text. Ties go
    /// as in [`Keymap::bindings_for`]: the context's own first, then binding order.
    fn shortest_bindings(&self) -> HashMap<(Context, Action), usize> {
        let mut best: HashMap<(Context, Action), (usize, bool, usize)> = HashMap::new();
        for (i, binding) in self.bindings.iter().enumerate() {
            let length = binding.key.to_string().chars().count();
            let global = binding.context == Context::Global;
            let acting_in = Context::ALL.into_iter().filter(|&context| {
                context == binding.context
                    || (global
                        && context != Context::Global
                        && self
                            .binding_at(context, &binding.key)
                            .is_some_and(|acting| acting == binding))
            });
            for context in acting_in {
                let rank = (length, global && context != Context::Global, i);
                best.entry((context, binding.action))
                    .and_modify(|held| *held = (*held).min(rank))
                    .or_insert(rank);
            }
        }
        best.into_iter()
            .map(|(at, (_, _, index))| (at, index))
            .collect()
    }

    /// The binding with the shortest key among [`Keymap::bindings_for`] `(context, action)`,
    /// the first of them on a tie; `None` when no key reaches the action there.
    pub fn shortest_binding(&self, context: Context, action: Action) -> Option<&Binding> {
        self.shortest
            .get(&(context, action))
            .map(|&i| &self.bindings[i])
    }

    /// The action for a key event in `context`: the context's own binding first, then the
    /// global one — except that in a text field a plain character is text, never a global
    /// shortcut (see [`Context::takes_text`]).
    pub fn resolve(&self, context: Context, event: &KeyEvent) -> Option<Action> {
        self.resolve_chord(context, &KeyChord::from_event(event))
    }

    /// [`Keymap::resolve`] for an already parsed chord.
    pub fn resolve_chord(&self, context: Context, chord: &KeyChord) -> Option<Action> {
        self.binding_at(context, chord)
            .map(|binding| binding.action)
    }

    /// The binding that acts on `chord` in `context`, if any.
    fn binding_at(&self, context: Context, chord: &KeyChord) -> Option<&Binding> {
        let own = self.index.get(&(context, chord.clone()));
        let inherited = || {
            context
                .inherits_global(chord)
                .then(|| self.index.get(&(Context::Global, chord.clone())))
                .flatten()
        };
        own.or_else(inherited).map(|&i| &self.bindings[i])
    }

    /// Every binding, grouped by context then action (in `Action::ALL` order).
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The bindings that really trigger `action` in `context`, best key first: the context's
    /// own, then global ones the context neither overrides nor swallows as text.
    pub fn bindings_for(&self, context: Context, action: Action) -> Vec<&Binding> {
        let own = self
            .bindings
            .iter()
            .filter(move |b| b.context == context && b.action == action);
        let global = self.bindings.iter().filter(move |b| {
            context != Context::Global
                && b.context == Context::Global
                && b.action == action
                && self
                    .binding_at(context, &b.key)
                    .is_some_and(|acting| acting == *b)
        });
        own.chain(global).collect()
    }

    /// The first key that triggers `action` in `context` (or globally, unless shadowed), for
    /// hints. `None` when no key reaches the action there.
    pub fn key_for(&self, context: Context, action: Action) -> Option<&KeyChord> {
        self.bindings_for(context, action).first().map(|b| &b.key)
    }

    /// Global actions that a context makes unreachable by binding all their keys to other
    /// actions. Often deliberate ("q" closes help instead of quitting), so loading reports
    /// only the ones a user file introduced.
    pub fn shadowed_globals(&self) -> Vec<ShadowedGlobal> {
        let mut shadowed = Vec::new();
        for context in Context::ALL.into_iter().filter(|c| *c != Context::Global) {
            for global in self
                .bindings
                .iter()
                .filter(|b| b.context == Context::Global)
            {
                let Some(&own) = self.index.get(&(context, global.key.clone())) else {
                    continue;
                };
                let own = &self.bindings[own];
                if own.action != global.action && self.key_for(context, global.action).is_none() {
                    shadowed.push(ShadowedGlobal {
                        context,
                        key: global.key.clone(),
                        global_action: global.action,
                        context_action: own.action,
                    });
                }
            }
        }
        shadowed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyModifiers};

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn the_shortest_binding_is_the_shortest_of_the_bindings_that_act() {
        let user = "[global]\nx = \"help\"\nctrl-h = \"help\"\n[help]\nx = \"close\"\n\
                    [editor]\nq = \"save\"\n";
        let keymaps = [
            Keymap::builtin().unwrap_or_else(|e| panic!("{e}")),
            Keymap::from_toml(user).unwrap_or_else(|e| panic!("{e}")),
        ];
        for keymap in &keymaps {
            for context in Context::ALL {
                for &action in Action::ALL {
                    let by_scan = keymap
                        .bindings_for(context, action)
                        .into_iter()
                        .min_by_key(|b| b.key.to_string().chars().count());
                    assert_eq!(
                        keymap.shortest_binding(context, action),
                        by_scan,
                        "{context:?} {action:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn context_beats_global_and_global_is_the_fallback() {
        let keymap =
            Keymap::from_toml("[global]\nq = \"quit\"\nx = \"help\"\n[help]\nq = \"close\"\n")
                .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            keymap.resolve(Context::Help, &press(KeyCode::Char('q'))),
            Some(Action::Close)
        );
        assert_eq!(
            keymap.resolve(Context::Tree, &press(KeyCode::Char('q'))),
            Some(Action::Quit)
        );
        assert_eq!(
            keymap.resolve(Context::Help, &press(KeyCode::Char('x'))),
            Some(Action::Help)
        );
        assert_eq!(
            keymap.resolve(Context::Help, &press(KeyCode::Char('z'))),
            None
        );
    }

    #[test]
    fn text_contexts_do_not_inherit_plain_characters() {
        let keymap = Keymap::from_toml("[global]\nq = \"quit\"\nctrl-c = \"quit\"\n")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            keymap.resolve(Context::Form, &press(KeyCode::Char('q'))),
            None
        );
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(keymap.resolve(Context::Form, &ctrl_c), Some(Action::Quit));
        assert_eq!(
            keymap
                .key_for(Context::Form, Action::Quit)
                .map(ToString::to_string),
            Some("Ctrl-c".into())
        );
    }

    #[test]
    fn shadowed_global_is_found_and_key_for_skips_it() {
        let keymap = Keymap::from_toml("[global]\nq = \"quit\"\n[help]\nq = \"close\"\n")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(keymap.key_for(Context::Help, Action::Quit), None);
        let shadowed = keymap.shadowed_globals();
        assert_eq!(shadowed.len(), 1);
        assert_eq!(
            (shadowed[0].context, shadowed[0].global_action),
            (Context::Help, Action::Quit)
        );
    }
}
