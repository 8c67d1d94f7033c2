//! Finding and loading the user's keymap over the defaults, and checking a file without the
//! UI (`malkoll keymap check FILE`).
//!
//! Order of layers: keymaps/default.toml, then the preset the user file names (if any), then
//! the user file. A missing file at the default location is normal (most users have none); a
//! missing file the user named with `--keymap` is an error, since they expect it to apply.

use std::io;
use std::path::{Path, PathBuf};

use super::diagnostic::{KeymapError, KeymapErrors, KeymapWarning};
use super::file::{Layer, PresetAllowed, Target, parse_layer};
use super::{DEFAULT_FILE_NAME, DEFAULT_KEYMAP, Keymap, PRESETS};

/// A keymap ready for the UI, with where it came from and what looked odd.
#[derive(Debug, Clone)]
pub struct LoadedKeymap {
    pub keymap: Keymap,
    /// For the status line or `--version`-style output: "inbyggd standard + förval vim +
    /// ~/.config/malkoll/keymap.toml".
    pub source_description: String,
    /// Problems that do not stop loading: an unbind of an unbound key, or a user binding that
    /// leaves a global action without a key in some context.
    pub warnings: Vec<KeymapWarning>,
}

/// The user's keymap at the usual place: `$XDG_CONFIG_HOME/malkoll/keymap.toml`.
pub fn default_user_path() -> Option<PathBuf> {
    dirs::config_dir().map(|dir| dir.join("malkoll").join("keymap.toml"))
}

/// Loads the keymap: `explicit` (from `--keymap`) if given, else the file at
/// [`default_user_path`] if it exists, over the defaults.
pub fn load(explicit: Option<&Path>) -> Result<LoadedKeymap, KeymapErrors> {
    load_with_default_path(explicit, default_user_path().as_deref())
}

/// [`load`] with the default location passed in, so tests need not touch the environment.
pub fn load_with_default_path(
    explicit: Option<&Path>,
    default_location: Option<&Path>,
) -> Result<LoadedKeymap, KeymapErrors> {
    let user_text = match (explicit, default_location) {
        (Some(path), _) => Some((read(path)?, path)),
        (None, Some(path)) => match std::fs::read_to_string(path) {
            Ok(text) => Some((text, path)),
            Err(error) if error.kind() == io::ErrorKind::NotFound => None,
            Err(error) => return Err(read_error(path, &error).into()),
        },
        (None, None) => None,
    };
    let Some((text, path)) = user_text else {
        return Ok(LoadedKeymap {
            keymap: Keymap::builtin()?,
            source_description: "inbyggd standard".to_owned(),
            warnings: Vec::new(),
        });
    };
    let built = build_over_defaults(&text, &shown_path(path));
    if built.problems.is_empty() {
        Ok(LoadedKeymap {
            keymap: built.keymap,
            source_description: built.source_description,
            warnings: built.warnings,
        })
    } else {
        Err(KeymapErrors(built.problems))
    }
}

/// The result of `check_file`: every problem, not only the first.
#[derive(Debug, Clone)]
pub struct CheckOutcome {
    /// The file as given.
    pub file: String,
    /// Entries in the file that bind a key (unbinds not counted).
    pub binding_count: usize,
    /// Entries in the file that unbind a key.
    pub unbind_count: usize,
    pub problems: Vec<KeymapError>,
    pub warnings: Vec<KeymapWarning>,
}

impl CheckOutcome {
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }

    /// The report `malkoll keymap check` prints: problems and warnings one per line, then a
    /// summary such as "keymap.toml: 23 bindningar, inga fel".
    pub fn report(&self) -> String {
        let mut lines: Vec<String> = self.problems.iter().map(ToString::to_string).collect();
        lines.extend(self.warnings.iter().map(|w| format!("varning: {w}")));
        let bindings = match self.binding_count {
            1 => "1 bindning".to_owned(),
            n => format!("{n} bindningar"),
        };
        let unbinds = match self.unbind_count {
            0 => String::new(),
            1 => ", 1 borttagen".to_owned(),
            n => format!(", {n} borttagna"),
        };
        let verdict = match self.problems.len() {
            0 => "inga fel".to_owned(),
            n => format!("{n} fel"),
        };
        lines.push(format!("{}: {bindings}{unbinds}, {verdict}", self.file));
        lines.join("\n")
    }
}

/// Checks a keymap file as the UI would load it (over the defaults and its preset), listing
/// every problem.
pub fn check_file(path: &Path) -> CheckOutcome {
    let file = path.display().to_string();
    let text = match read(path) {
        Ok(text) => text,
        Err(error) => {
            return CheckOutcome {
                file,
                binding_count: 0,
                unbind_count: 0,
                problems: vec![error],
                warnings: Vec::new(),
            };
        }
    };
    let built = build_over_defaults(&text, &file);
    let count = |wanted: fn(&Target) -> bool| {
        built
            .user_layer
            .entries
            .iter()
            .filter(|e| wanted(&e.target))
            .count()
    };
    CheckOutcome {
        binding_count: count(|t| matches!(t, Target::Run(_))),
        unbind_count: count(|t| matches!(t, Target::Unbind)),
        file,
        problems: built.problems,
        warnings: built.warnings,
    }
}

/// `malkoll keymap check FILE` in one call: the report text and whether the file is fine
/// (exit 0) or not (exit 1).
pub fn run_check(path: &Path) -> (String, bool) {
    let outcome = check_file(path);
    (outcome.report(), outcome.is_ok())
}

/// Defaults, preset and user file merged, with everything found on the way.
struct Built {
    keymap: Keymap,
    user_layer: Layer,
    source_description: String,
    problems: Vec<KeymapError>,
    warnings: Vec<KeymapWarning>,
}

fn build_over_defaults(user_text: &str, user_file: &str) -> Built {
    let mut problems = Vec::new();
    let (default_layer, mut found) =
        parse_layer(DEFAULT_KEYMAP, DEFAULT_FILE_NAME, PresetAllowed::No);
    problems.append(&mut found);
    let (user_layer, mut found) = parse_layer(user_text, user_file, PresetAllowed::Yes);
    problems.append(&mut found);

    let mut layers = vec![default_layer];
    let mut sources = vec!["inbyggd standard".to_owned()];
    if let Some((preset, _)) = user_layer.preset {
        // parse_layer only accepts names from PRESETS, so the lookup cannot miss.
        if let Some((_, text)) = PRESETS.iter().find(|(name, _)| *name == preset) {
            let file = format!("keymaps/{preset}.toml (inbyggd)");
            let (layer, mut found) = parse_layer(text, &file, PresetAllowed::No);
            problems.append(&mut found);
            layers.push(layer);
            sources.push(format!("förval {preset}"));
        }
    }
    layers.push(user_layer.clone());
    sources.push(user_file.to_owned());

    let builtin_layers = &layers[..layers.len() - 1];
    let (builtin, _) = Keymap::from_layers(builtin_layers);
    let (keymap, mut warnings) = Keymap::from_layers(&layers);
    warnings.extend(new_shadowing_warnings(&builtin, &keymap, &user_layer));
    // Read top to bottom, like the file.
    warnings.sort_by_key(|warning| warning.line);

    Built {
        keymap,
        user_layer,
        source_description: sources.join(" + "),
        problems,
        warnings,
    }
}

/// Warns when the user's file leaves a global action with no key in some context — unless the
/// built-in layers already did so on purpose (e.g. "q" closes help).
fn new_shadowing_warnings(builtin: &Keymap, merged: &Keymap, user: &Layer) -> Vec<KeymapWarning> {
    let before = builtin.shadowed_globals();
    merged
        .shadowed_globals()
        .into_iter()
        .filter(|shadowed| !before.contains(shadowed))
        .map(|shadowed| {
            // Point at the user's entry that took the key, if it was a context entry; else at
            // the file (the user changed the global side).
            let line = user
                .entries
                .iter()
                .find(|e| e.context == shadowed.context && e.key == shadowed.key)
                .map(|e| e.line);
            KeymapError::new(
                &user.file,
                line,
                format!(
                    "[{context}] «{}» gör «{}», så «{}» har ingen tangent kvar i [{context}]",
                    shadowed.key.to_file_string(),
                    shadowed.context_action.name(),
                    shadowed.global_action.name(),
                    context = shadowed.context.name(),
                ),
            )
        })
        .collect()
}

/// The largest keymap file read: the default map is about 10 kB.
pub const MAX_KEYMAP_BYTES: u64 = 1024 * 1024;

/// Reads a keymap: a regular file of at most [`MAX_KEYMAP_BYTES`], in UTF-8.
fn read(path: &Path) -> Result<String, KeymapError> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|error| read_error(path, &error))?;
    let meta = file.metadata().map_err(|error| read_error(path, &error))?;
    if !meta.is_file() {
        return Err(KeymapError::new(
            &shown_path(path),
            None,
            "är ingen vanlig fil: ange en tangentbordsfil (.toml)".to_owned(),
        ));
    }
    let too_large = || {
        KeymapError::new(
            &shown_path(path),
            None,
            format!(
                "filen är större än {} kB och läses inte: en tangentbordsfil är några kB",
                MAX_KEYMAP_BYTES / 1024
            ),
        )
    };
    if meta.len() > MAX_KEYMAP_BYTES {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    file.take(MAX_KEYMAP_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| read_error(path, &error))?;
    if bytes.len() as u64 > MAX_KEYMAP_BYTES {
        return Err(too_large());
    }
    String::from_utf8(bytes).map_err(|_| {
        read_error(
            path,
            &io::Error::new(io::ErrorKind::InvalidData, "not UTF-8"),
        )
    })
}

fn read_error(path: &Path, error: &io::Error) -> KeymapError {
    let message = match error.kind() {
        io::ErrorKind::NotFound => "filen finns inte".to_owned(),
        io::ErrorKind::PermissionDenied => "filen går inte att läsa (behörighet saknas)".to_owned(),
        io::ErrorKind::InvalidData => "filen är inte UTF-8-text".to_owned(),
        _ => format!("filen går inte att läsa: {error}"),
    };
    KeymapError::new(&shown_path(path), None, message)
}

/// The path with the home directory written as "~", as users write it.
fn shown_path(path: &Path) -> String {
    if let Some(home) = dirs::home_dir()
        && let Ok(rest) = path.strip_prefix(&home)
    {
        return Path::new("~").join(rest).display().to_string();
    }
    path.display().to_string()
}
