//! Keymaps: which key does what, per context. The default is keymaps/default.toml, compiled
//! in; views ask the keymap, never match keys themselves.

mod key;

use std::collections::HashMap;

use crossterm::event::KeyEvent;
use serde::Deserialize;

pub use key::{KeyChord, KeyParseError};

use super::action::Action;

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
}

impl Context {
    pub const ALL: [Context; 8] = [
        Context::Global,
        Context::Tree,
        Context::Detail,
        Context::Help,
        Context::Editor,
        Context::Form,
        Context::Finder,
        Context::Confirm,
    ];

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
        }
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
        }
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

/// The active keymap.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<Binding>,
    index: HashMap<(Context, KeyChord), usize>,
}

/// The compiled-in default keymap file.
pub const DEFAULT_KEYMAP: &str = include_str!("../../../keymaps/default.toml");

#[derive(Debug, Deserialize)]
struct EntryFile {
    run: String,
    #[serde(default)]
    desc: Option<String>,
}

/// Why a keymap could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct KeymapError(pub String);

impl Keymap {
    /// The built-in default keymap.
    pub fn builtin() -> Result<Keymap, KeymapError> {
        Keymap::from_toml(DEFAULT_KEYMAP)
    }

    pub fn from_toml(text: &str) -> Result<Keymap, KeymapError> {
        let file: HashMap<Context, HashMap<String, EntryFile>> =
            toml::from_str(text).map_err(|e| KeymapError(e.to_string()))?;
        let mut bindings = Vec::new();
        for (context, entries) in file {
            for (key, entry) in entries {
                let key: KeyChord = key
                    .parse()
                    .map_err(|e: KeyParseError| KeymapError(e.to_string()))?;
                let action = Action::from_name(&entry.run)
                    .ok_or_else(|| KeymapError(format!("okänd åtgärd «{}»", entry.run)))?;
                let description = entry
                    .desc
                    .unwrap_or_else(|| action.description().to_owned());
                bindings.push(Binding {
                    context,
                    key,
                    action,
                    description,
                });
            }
        }
        Ok(Keymap::from_bindings(bindings))
    }

    fn from_bindings(mut bindings: Vec<Binding>) -> Keymap {
        bindings.sort_by(|a, b| (a.context, a.action, &a.key).cmp(&(b.context, b.action, &b.key)));
        let index = bindings
            .iter()
            .enumerate()
            .map(|(i, b)| ((b.context, b.key.clone()), i))
            .collect();
        Keymap { bindings, index }
    }

    /// The action for a key in `context`, falling back to global bindings.
    pub fn resolve(&self, context: Context, event: &KeyEvent) -> Option<Action> {
        let chord = KeyChord::from_event(event);
        self.index
            .get(&(context, chord.clone()))
            .or_else(|| self.index.get(&(Context::Global, chord)))
            .map(|&i| self.bindings[i].action)
    }

    /// Every binding, grouped by context then action.
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The first key bound to `action` in `context` (or globally), for hints.
    pub fn key_for(&self, context: Context, action: Action) -> Option<&KeyChord> {
        let find = |ctx| {
            self.bindings
                .iter()
                .find(|b| b.context == ctx && b.action == action)
                .map(|b| &b.key)
        };
        find(context).or_else(|| find(Context::Global))
    }
}
