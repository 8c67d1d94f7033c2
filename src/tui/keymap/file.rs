//! Reading one keymap file (the default, a preset or the user's) into entries with line
//! numbers. Parsing goes on after a bad entry, so `malkoll keymap check` can list every
//! problem at once; toml_edit keeps the spans that toml's serde path would throw away.
//!
//! The format (documented for users at the top of keymaps/default.toml):
//! ```toml
//! preset = "vim"                                  # user file only: start from a preset
//! [tree]                                          # a context
//! "k" = "move-up"                                 # short form
//! "j" = { run = "move-down", desc = "Ned" }       # with a description for help
//! "q" = "none"                                    # unbind (also { run = "none" })
//! ```

use std::collections::HashMap;

use toml_edit::{Document, Item, TableLike};

use super::diagnostic::{KeymapError, closest};
use super::{Context, KeyChord, PRESETS};
use crate::tui::action::Action;

/// The `run` value that removes a binding instead of adding one.
pub const UNBIND: &str = "none";

/// What an entry does to its key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    Run(Action),
    /// Remove whatever an earlier layer bound to this key in this context.
    Unbind,
}

/// One valid entry of a file.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub context: Context,
    pub key: KeyChord,
    pub target: Target,
    pub description: Option<String>,
    pub line: usize,
}

/// Everything valid in one file; the problems are returned beside it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Layer {
    /// The file as the user knows it, for messages.
    pub file: String,
    /// `preset = "…"` with its line, already checked against [`PRESETS`].
    pub preset: Option<(&'static str, usize)>,
    pub entries: Vec<Entry>,
}

/// Whether a file may name a preset: only the user's file may, so presets cannot chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PresetAllowed {
    Yes,
    No,
}

/// Parses `text` (named `file` in messages), collecting every problem.
pub(crate) fn parse_layer(
    text: &str,
    file: &str,
    preset_allowed: PresetAllowed,
) -> (Layer, Vec<KeymapError>) {
    let mut layer = Layer {
        file: file.to_owned(),
        ..Layer::default()
    };
    let mut problems = Vec::new();
    let document = match Document::parse(text) {
        Ok(document) => document,
        Err(error) => {
            problems.push(syntax_error(text, file, &error));
            return (layer, problems);
        }
    };
    let places = Places {
        file,
        line_starts: line_starts(text),
    };
    let root = document.as_table();
    for (name, item) in root.iter() {
        let line = places.key_line(root, name);
        if name == "preset" {
            if preset_allowed == PresetAllowed::No {
                problems.push(places.error(line, "preset går bara att ange i din egen fil"));
            } else {
                match parse_preset(item) {
                    Ok(preset) => layer.preset = Some((preset, line.unwrap_or(0))),
                    Err((message, suggestion)) => {
                        problems.push(places.error(line, message).with_suggestion(suggestion))
                    }
                }
            }
            continue;
        }
        let Some(context) = Context::from_name(name) else {
            let candidates = Context::ALL.iter().map(|c| c.name()).chain(["preset"]);
            problems.push(
                places
                    .error(line, format!("okänt sammanhang «{name}»"))
                    .with_suggestion(closest(name, candidates)),
            );
            continue;
        };
        let Some(table) = item.as_table_like() else {
            problems.push(places.error(
                line,
                format!("«{name}» ska vara en tabell: skriv [{name}] och tangenterna under"),
            ));
            continue;
        };
        parse_context(&places, context, table, &mut layer.entries, &mut problems);
    }
    (layer, problems)
}

/// Turns byte offsets into 1-based lines and builds located errors.
struct Places<'a> {
    file: &'a str,
    /// Byte offset of each line's start, so a line number is a binary search, not a count
    /// from the top (which made `keymap check` quadratic in bindings).
    line_starts: Vec<usize>,
}

fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(index, _)| index + 1))
        .collect()
}

impl Places<'_> {
    fn key_line(&self, table: &dyn TableLike, name: &str) -> Option<usize> {
        let (key, item) = table.get_key_value(name)?;
        key.span().or_else(|| item.span()).map(|span| {
            self.line_starts
                .partition_point(|&start| start <= span.start)
        })
    }

    fn error(&self, line: Option<usize>, message: impl Into<String>) -> KeymapError {
        KeymapError::new(self.file, line, message)
    }
}

/// A TOML syntax error in Swedish where we know the usual causes; toml_edit's own words
/// otherwise.
fn syntax_error(text: &str, file: &str, error: &toml_edit::TomlError) -> KeymapError {
    let span = error.span();
    let line = span.as_ref().map(|span| line_of(text, span.start));
    let detail = error.message().trim();
    let message = if detail.starts_with("duplicate key") {
        // TOML refuses the file before we see entries; find the first spelling ourselves so
        // the message names both lines, as for keys that only match after normalisation.
        let first = span
            .as_ref()
            .and_then(|span| earlier_line_of_key(text, span.clone()));
        let key = span.and_then(|span| text.get(span)).unwrap_or("");
        match first {
            Some(first) => {
                format!("tangenten {key} står två gånger (också på rad {first}); ta bort en av dem")
            }
            None => format!("tangenten {key} står två gånger; ta bort en av dem"),
        }
    } else if detail.starts_with("string values must be quoted") {
        "värdet måste stå inom citattecken, t.ex. \"move-up\"".to_owned()
    } else {
        format!("ogiltig TOML: {detail}")
    };
    KeymapError::new(file, line, message)
}

/// The line where the key at `span` was first written in the same table, if it can be found.
fn earlier_line_of_key(text: &str, span: std::ops::Range<usize>) -> Option<usize> {
    let key = text.get(span.clone())?.trim();
    let before = text.get(..span.start)?;
    let lines: Vec<&str> = before.lines().collect();
    let table_start = lines
        .iter()
        .rposition(|line| line.trim_start().starts_with('['))
        .unwrap_or(0);
    lines
        .iter()
        .enumerate()
        .skip(table_start)
        .find(|(_, line)| {
            line.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map(|(index, _)| index + 1)
}

/// A TOML value's type in words, for "should be … not …" messages.
fn type_in_swedish(item: &Item) -> &'static str {
    match item.type_name() {
        "integer" | "float" => "ett tal",
        "boolean" => "sant/falskt",
        "array" | "array of tables" => "en lista",
        "datetime" => "ett datum",
        _ => "något annat",
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    let before = text.get(..offset).unwrap_or(text);
    before.bytes().filter(|&b| b == b'\n').count() + 1
}

fn parse_preset(item: &Item) -> Result<&'static str, (String, Option<String>)> {
    let names = || PRESETS.iter().map(|(name, _)| *name);
    let Some(wanted) = item.as_str() else {
        let list = names().collect::<Vec<_>>().join(", ");
        return Err((
            format!("preset ska vara ett namn inom citattecken, ett av: {list}"),
            None,
        ));
    };
    names().find(|name| *name == wanted).ok_or_else(|| {
        let list = names().collect::<Vec<_>>().join(", ");
        (
            format!("okänt förval «{wanted}» (finns: {list})"),
            closest(wanted, names()),
        )
    })
}

fn parse_context(
    places: &Places<'_>,
    context: Context,
    table: &dyn TableLike,
    entries: &mut Vec<Entry>,
    problems: &mut Vec<KeymapError>,
) {
    // Keys already seen in this context, after normalisation: "ctrl-S" and "ctrl-s" are one
    // key, which TOML itself cannot see.
    let mut seen: HashMap<KeyChord, (String, Option<usize>)> = HashMap::new();
    for (key_text, item) in table.iter() {
        let line = places.key_line(table, key_text);
        let key = match key_text.parse::<KeyChord>() {
            Ok(key) => key,
            Err(error) => {
                problems.push(places.error(line, format!("[{}]: {error}", context.name())));
                continue;
            }
        };
        let entry = match parse_entry(item) {
            Ok(entry) => entry,
            Err((message, suggestion)) => {
                let message = format!("[{}] «{key_text}»: {message}", context.name());
                problems.push(places.error(line, message).with_suggestion(suggestion));
                continue;
            }
        };
        if let Some((first_text, first_line)) = seen.get(&key) {
            let first_place = first_line.map_or(String::new(), |l| format!(" på rad {l}"));
            let here = line.map_or(String::new(), |l| format!(" på rad {l}"));
            problems.push(places.error(
                line,
                format!(
                    "[{}]: «{key_text}»{here} är samma tangent som «{first_text}»{first_place}; \
                     ta bort en av dem",
                    context.name()
                ),
            ));
            continue;
        }
        seen.insert(key.clone(), (key_text.to_owned(), line));
        let (target, description) = entry;
        entries.push(Entry {
            context,
            key,
            target,
            description,
            line: line.unwrap_or(0),
        });
    }
}

type EntryProblem = (String, Option<String>);

/// An entry's value: `"action"`, `"none"` or `{ run = "…", desc = "…" }`.
fn parse_entry(item: &Item) -> Result<(Target, Option<String>), EntryProblem> {
    if let Some(run) = item.as_str() {
        return Ok((parse_run(run)?, None));
    }
    let Some(fields) = item.as_table_like() else {
        return Err((
            format!(
                "värdet ska vara en åtgärd (\"quit\"), \"{UNBIND}\" eller \
                 {{ run = \"…\", desc = \"…\" }}, inte {}",
                type_in_swedish(item)
            ),
            None,
        ));
    };
    let mut run = None;
    let mut description = None;
    for (field, value) in fields.iter() {
        match field {
            "run" => {
                let text = value.as_str().ok_or_else(|| {
                    (
                        "run ska vara ett åtgärdsnamn inom citattecken".to_owned(),
                        None,
                    )
                })?;
                run = Some(parse_run(text)?);
            }
            "desc" => {
                let text = value
                    .as_str()
                    .ok_or_else(|| ("desc ska vara en text inom citattecken".to_owned(), None))?;
                description = Some(text.to_owned());
            }
            other => {
                return Err((
                    format!("okänt fält «{other}» (fälten är run och desc)"),
                    closest(other, ["run", "desc"]),
                ));
            }
        }
    }
    let target = run.ok_or_else(|| {
        (
            format!("run saknas: skriv {{ run = \"åtgärd\" }} eller {{ run = \"{UNBIND}\" }}"),
            None,
        )
    })?;
    Ok((target, description))
}

fn parse_run(name: &str) -> Result<Target, EntryProblem> {
    if name == UNBIND {
        return Ok(Target::Unbind);
    }
    Action::from_name(name).map(Target::Run).ok_or_else(|| {
        let candidates = Action::ALL.iter().map(|a| a.name()).chain([UNBIND]);
        (format!("okänd åtgärd «{name}»"), closest(name, candidates))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        parse_layer(text, "k.toml", PresetAllowed::Yes)
            .1
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn short_long_and_unbind_forms() {
        let text = "[tree]\n\"k\" = \"move-up\"\n\"j\" = { run = \"move-down\", desc = \"Ned\" }\n\
                    \"q\" = \"none\"\n\"x\" = { run = \"none\" }\n";
        let (layer, problems) = parse_layer(text, "k.toml", PresetAllowed::Yes);
        assert!(problems.is_empty(), "{problems:?}");
        let targets: Vec<_> = layer.entries.iter().map(|e| (e.target, e.line)).collect();
        assert_eq!(
            targets,
            vec![
                (Target::Run(Action::MoveUp), 2),
                (Target::Run(Action::MoveDown), 3),
                (Target::Unbind, 4),
                (Target::Unbind, 5),
            ]
        );
        assert_eq!(layer.entries[1].description.as_deref(), Some("Ned"));
    }

    #[test]
    fn standard_subtables_work_too() {
        let text = "[tree.k]\nrun = \"move-up\"\n";
        let (layer, problems) = parse_layer(text, "k.toml", PresetAllowed::Yes);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(layer.entries[0].target, Target::Run(Action::MoveUp));
    }

    #[test]
    fn missing_run_and_unknown_field() {
        assert_eq!(
            problems("[tree]\n\"k\" = { desc = \"x\" }\n"),
            [
                "k.toml:2: [tree] «k»: run saknas: skriv { run = \"åtgärd\" } eller { run = \"none\" }"
            ]
        );
        assert_eq!(
            problems("[tree]\n\"k\" = { run = \"quit\", dsc = \"x\" }\n"),
            ["k.toml:2: [tree] «k»: okänt fält «dsc» (fälten är run och desc) — menade du «desc»?"]
        );
    }

    #[test]
    fn preset_is_checked_and_only_allowed_in_user_files() {
        assert_eq!(
            problems("preset = \"vin\"\n"),
            ["k.toml:1: okänt förval «vin» (finns: vim) — menade du «vim»?"]
        );
        let (_, problems) = parse_layer("preset = \"vim\"\n", "p.toml", PresetAllowed::No);
        assert_eq!(problems.len(), 1);
    }
}
