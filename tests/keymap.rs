//! Keymap behaviour as the user meets it: real files in a temporary directory, loaded over the
//! built-in defaults, resolved with real crossterm key events, and the messages a user reads.

use std::path::{Path, PathBuf};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use malkoll::tui::action::Action;
use malkoll::tui::keymap::{
    self, Context, DEFAULT_KEYMAP, DELIBERATELY_UNBOUND, KeyChord, Keymap, KeymapErrors,
    LoadedKeymap,
};
use tempfile::TempDir;

fn write(dir: &TempDir, name: &str, text: &str) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    path
}

fn load_text(text: &str) -> Result<LoadedKeymap, KeymapErrors> {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = write(&dir, "keymap.toml", text);
    keymap::load_with_default_path(Some(&path), None)
}

fn loaded(text: &str) -> Keymap {
    load_text(text).unwrap_or_else(|e| panic!("{e}")).keymap
}

/// The problems of a bad file, as printed ("FILE:LINE: message — menade du …?"), with the
/// temporary directory stripped so tests can compare whole lines.
fn problems(text: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = write(&dir, "keymap.toml", text);
    let errors = keymap::load_with_default_path(Some(&path), None)
        .map(|_| ())
        .expect_err("the file should be refused");
    let prefix = format!("{}/", dir.path().display());
    errors
        .iter()
        .map(|e| e.to_string().replace(&prefix, ""))
        .collect()
}

fn key(text: &str) -> KeyChord {
    text.parse().unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn press(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn builtin() -> Keymap {
    Keymap::builtin().unwrap_or_else(|e| panic!("{e}"))
}

// --- The default keymap -------------------------------------------------------------------

#[test]
fn default_keymap_parses_without_conflicts_or_warnings() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = write(&dir, "default.toml", DEFAULT_KEYMAP);
    let outcome = keymap::check_file(&path);
    assert!(outcome.problems.is_empty(), "{}", outcome.report());
    assert!(outcome.warnings.is_empty(), "{}", outcome.report());
    assert_eq!(outcome.binding_count, builtin().bindings().len());
}

#[test]
fn every_action_is_bound_by_default_or_deliberately_unbound() {
    let keymap = builtin();
    for action in Action::ALL {
        let bound = keymap.bindings().iter().any(|b| b.action == *action);
        let listed = DELIBERATELY_UNBOUND.contains(action);
        assert!(
            bound != listed,
            "{action}: bound {bound}, on DELIBERATELY_UNBOUND {listed}"
        );
    }
}

#[test]
fn default_keys_work_on_any_terminal_without_alt() {
    let keymap = builtin();
    assert!(
        keymap.bindings().iter().all(|b| !b.key.alt),
        "nothing needs Alt"
    );
    let tree = [
        (KeyCode::Up, Action::MoveUp),
        (KeyCode::Down, Action::MoveDown),
        (KeyCode::PageUp, Action::PageUp),
        (KeyCode::PageDown, Action::PageDown),
        (KeyCode::Home, Action::First),
        (KeyCode::End, Action::Last),
        (KeyCode::Enter, Action::Toggle),
        (KeyCode::Left, Action::Collapse),
        (KeyCode::Right, Action::Expand),
    ];
    for (code, action) in tree {
        assert_eq!(
            keymap.resolve(Context::Tree, &press(code)),
            Some(action),
            "{code:?}"
        );
    }
    for context in [
        Context::Detail,
        Context::Help,
        Context::Editor,
        Context::Form,
        Context::Finder,
        Context::Confirm,
    ] {
        assert!(
            keymap.resolve(context, &press(KeyCode::Esc)).is_some(),
            "Esc in {context:?}"
        );
    }
}

#[test]
fn bindings_are_grouped_by_context_then_action() {
    let keymap = builtin();
    let order: Vec<(Context, Action)> = keymap
        .bindings()
        .iter()
        .map(|b| (b.context, b.action))
        .collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);
}

// --- Keys ----------------------------------------------------------------------------------

#[test]
fn key_strings_round_trip_through_display() {
    let cases = [
        ("ctrl-s", "Ctrl-s"),
        ("shift-tab", "Shift-Tab"),
        ("pgdown", "PgDn"),
        ("f1", "F1"),
        ("space", "Mellanslag"),
        ("?", "?"),
        ("+", "+"),
        ("Å", "Å"),
    ];
    for (text, shown) in cases {
        let chord = key(text);
        assert_eq!(chord.to_string(), shown);
        assert_eq!(key(shown), chord, "{shown} parses back");
        assert_eq!(key(&chord.to_file_string()), chord);
    }
}

#[test]
fn equal_keys_are_equal_after_normalisation() {
    assert_eq!(key("ctrl-S"), key("ctrl-s"));
    assert_eq!(key("space"), key(" "));
    assert_eq!(key("shift-tab"), key("backtab"));
    assert_ne!(key("n"), key("N"));
}

// --- Resolution ----------------------------------------------------------------------------

#[test]
fn resolve_falls_back_to_global() {
    let keymap = builtin();
    assert_eq!(
        keymap.resolve(Context::Tree, &press(KeyCode::Char('q'))),
        Some(Action::Quit)
    );
    assert_eq!(
        keymap.resolve(Context::Detail, &press(KeyCode::Char('p'))),
        Some(Action::NextPeriod)
    );
    assert_eq!(
        keymap.resolve(Context::Tree, &ctrl('c')),
        Some(Action::Quit)
    );
    assert_eq!(
        keymap.resolve(Context::Tree, &press(KeyCode::Char('z'))),
        None
    );
}

#[test]
fn context_beats_global() {
    let keymap = builtin();
    assert_eq!(
        keymap.resolve(Context::Help, &press(KeyCode::Char('q'))),
        Some(Action::Close)
    );
    assert_eq!(
        keymap.resolve(Context::Help, &press(KeyCode::Char('?'))),
        Some(Action::Close)
    );
    // …but the global way out still works there, and hints show it rather than the taken key.
    assert_eq!(
        keymap.resolve(Context::Help, &ctrl('c')),
        Some(Action::Quit)
    );
    assert_eq!(
        keymap.key_for(Context::Help, Action::Quit),
        Some(&key("ctrl-c"))
    );
}

#[test]
fn typing_in_a_text_field_does_not_trigger_global_letters() {
    let keymap = builtin();
    assert_eq!(
        keymap.resolve(Context::Form, &press(KeyCode::Char('q'))),
        None
    );
    assert_eq!(
        keymap.resolve(Context::Finder, &press(KeyCode::Char('n'))),
        None
    );
    // Ctrl-C in an editor asks before closing, as Esc does, instead of quitting.
    assert_eq!(
        keymap.resolve(Context::Editor, &ctrl('c')),
        Some(Action::Close)
    );
}

// --- User files over the defaults ---------------------------------------------------------

#[test]
fn user_override_replaces_one_key_only() {
    let keymap = loaded("[tree]\n\"enter\" = \"expand\"\n");
    assert_eq!(
        keymap.resolve(Context::Tree, &press(KeyCode::Enter)),
        Some(Action::Expand)
    );
    assert_eq!(
        keymap.resolve(Context::Tree, &press(KeyCode::Char(' '))),
        Some(Action::Toggle)
    );
    assert_eq!(
        keymap.resolve(Context::Tree, &press(KeyCode::Up)),
        Some(Action::MoveUp)
    );
    assert_eq!(
        keymap.resolve(Context::Detail, &press(KeyCode::Enter)),
        None
    );
    assert_eq!(keymap.bindings().len(), builtin().bindings().len());
}

#[test]
fn user_description_shows_in_help() {
    let keymap = loaded("[global]\n\"q\" = { run = \"quit\", desc = \"Sluta för idag\" }\n");
    let hints = keymap::hints(&keymap, Context::Tree, &[Action::Quit]);
    assert_eq!(hints, vec![("q".to_owned(), "Sluta för idag".to_owned())]);
}

#[test]
fn unbind_removes_a_key_in_both_syntaxes() {
    let keymap = loaded("[global]\n\"q\" = \"none\"\n\"?\" = { run = \"none\" }\n");
    assert_eq!(
        keymap.resolve(Context::Tree, &press(KeyCode::Char('q'))),
        None
    );
    assert_eq!(
        keymap.resolve(Context::Tree, &press(KeyCode::Char('?'))),
        None
    );
    assert_eq!(
        keymap.resolve(Context::Tree, &ctrl('c')),
        Some(Action::Quit)
    );
    assert_eq!(
        keymap.resolve(Context::Tree, &press(KeyCode::F(1))),
        Some(Action::Help)
    );
    // Help's own "q" is a separate binding and stays.
    assert_eq!(
        keymap.resolve(Context::Help, &press(KeyCode::Char('q'))),
        Some(Action::Close)
    );
}

#[test]
fn unbinding_an_unbound_key_is_a_warning_with_its_line() {
    let loaded = load_text("[tree]\n\"x\" = \"none\"\n").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.warnings.len(), 1);
    assert_eq!(loaded.warnings[0].line, Some(2));
    assert!(
        loaded.warnings[0].message.contains("gör inget"),
        "{}",
        loaded.warnings[0]
    );
}

#[test]
fn taking_the_only_key_of_a_global_action_is_a_warning() {
    let loaded = load_text("[tree]\n\"tab\" = \"toggle\"\n").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        loaded.keymap.key_for(Context::Tree, Action::SwitchFocus),
        None
    );
    let messages: Vec<String> = loaded.warnings.iter().map(|w| w.message.clone()).collect();
    assert_eq!(
        messages,
        ["[tree] «tab» gör «toggle», så «switch-focus» har ingen tangent kvar i [tree]"]
    );
    assert_eq!(loaded.warnings[0].line, Some(2));
}

#[test]
fn preset_vim_loads_and_the_user_file_overrides_it() {
    let keymap = loaded("preset = \"vim\"\n[tree]\n\"g\" = \"toggle\"\n");
    let tree = |c: char| keymap.resolve(Context::Tree, &press(KeyCode::Char(c)));
    assert_eq!(tree('k'), Some(Action::MoveUp));
    assert_eq!(tree('j'), Some(Action::MoveDown));
    assert_eq!(tree('h'), Some(Action::Collapse));
    assert_eq!(tree('l'), Some(Action::Expand));
    assert_eq!(tree('G'), Some(Action::Last));
    assert_eq!(
        tree('g'),
        Some(Action::Toggle),
        "the user's own entry wins over the preset"
    );
    assert_eq!(
        keymap.resolve(Context::Tree, &ctrl('d')),
        Some(Action::PageDown)
    );
    assert_eq!(
        keymap.resolve(Context::Tree, &ctrl('u')),
        Some(Action::PageUp)
    );
    // The defaults are still under the preset.
    assert_eq!(
        keymap.resolve(Context::Tree, &press(KeyCode::Up)),
        Some(Action::MoveUp)
    );
}

#[test]
fn preset_vim_has_no_conflicts_and_no_new_shadowing() {
    let loaded = load_text("preset = \"vim\"\n").unwrap_or_else(|e| panic!("{e}"));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert!(
        loaded.source_description.contains("förval vim"),
        "{}",
        loaded.source_description
    );
}

// --- Where the file comes from -------------------------------------------------------------

#[test]
fn missing_file_at_the_default_location_means_defaults() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let absent = dir.path().join("malkoll/keymap.toml");
    let loaded =
        keymap::load_with_default_path(None, Some(&absent)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.source_description, "inbyggd standard");
    assert_eq!(loaded.keymap.bindings(), builtin().bindings());
}

#[test]
fn file_at_the_default_location_is_used() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = write(&dir, "keymap.toml", "[global]\n\"x\" = \"quit\"\n");
    let loaded =
        keymap::load_with_default_path(None, Some(&path)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        loaded
            .keymap
            .resolve(Context::Tree, &press(KeyCode::Char('x'))),
        Some(Action::Quit)
    );
}

#[test]
fn missing_explicit_file_is_an_error() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let absent = dir.path().join("nope.toml");
    let errors = keymap::load_with_default_path(Some(&absent), None)
        .map(|_| ())
        .expect_err("a named file must exist");
    assert_eq!(errors.0.len(), 1);
    assert!(
        errors.to_string().ends_with("nope.toml: filen finns inte"),
        "{errors}"
    );
}

#[test]
fn explicit_file_wins_over_the_default_location() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let usual = write(&dir, "usual.toml", "[global]\n\"x\" = \"quit\"\n");
    let named = write(&dir, "named.toml", "[global]\n\"x\" = \"help\"\n");
    let loaded = keymap::load_with_default_path(Some(&named), Some(&usual))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        loaded
            .keymap
            .resolve(Context::Tree, &press(KeyCode::Char('x'))),
        Some(Action::Help)
    );
}

// --- Bad files: the right message on the right line ---------------------------------------

#[test]
fn unknown_action_names_line_and_suggests() {
    let text = "# my keys\n\n[global]\n\"x\" = { run = \"quitt\" }\n";
    assert_eq!(
        problems(text),
        ["keymap.toml:4: [global] «x»: okänd åtgärd «quitt» — menade du «quit»?"]
    );
}

#[test]
fn error_sentence_reads_like_the_design() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = write(&dir, "keymap.toml", "[global]\n\"x\" = \"quitt\"\n");
    let errors = keymap::load_with_default_path(Some(&path), None)
        .map(|_| ())
        .expect_err("bad");
    let sentence = errors.0[0].sentence();
    assert!(
        sentence.contains("okänd åtgärd «quitt» på rad 2 i "),
        "{sentence}"
    );
    assert!(
        sentence.ends_with("keymap.toml — menade du «quit»?"),
        "{sentence}"
    );
}

#[test]
fn unknown_context_names_line_and_suggests() {
    assert_eq!(
        problems("[tre]\n\"k\" = \"move-up\"\n"),
        ["keymap.toml:1: okänt sammanhang «tre» — menade du «tree»?"]
    );
}

#[test]
fn bad_key_names_line_and_the_accepted_forms() {
    let found = problems("[tree]\n\"k\" = \"move-up\"\n\"pgdwn\" = \"page-down\"\n");
    assert_eq!(found.len(), 1);
    assert!(
        found[0].starts_with("keymap.toml:3: [tree]: okänd tangent «pgdwn»; skriv"),
        "{}",
        found[0]
    );
    assert!(
        found[0].contains("pgdown") && found[0].contains("ctrl-s"),
        "{}",
        found[0]
    );
}

#[test]
fn same_key_twice_in_a_context_names_both_lines() {
    let text = "[tree]\n\"ctrl-s\" = \"expand\"\n\"up\" = \"move-up\"\n\"ctrl-S\" = \"collapse\"\n";
    assert_eq!(
        problems(text),
        [
            "keymap.toml:4: [tree]: «ctrl-S» på rad 4 är samma tangent som «ctrl-s» på rad 2; ta bort en av dem"
        ]
    );
    let spaces = problems("[tree]\n\"space\" = \"expand\"\n\" \" = \"collapse\"\n");
    assert_eq!(spaces.len(), 1);
    assert!(
        spaces[0].contains("på rad 3") && spaces[0].contains("på rad 2"),
        "{}",
        spaces[0]
    );
}

#[test]
fn same_key_in_different_contexts_is_fine() {
    let keymap = loaded("[tree]\n\"x\" = \"expand\"\n[detail]\n\"x\" = \"first\"\n");
    assert_eq!(
        keymap.resolve(Context::Tree, &press(KeyCode::Char('x'))),
        Some(Action::Expand)
    );
    assert_eq!(
        keymap.resolve(Context::Detail, &press(KeyCode::Char('x'))),
        Some(Action::First)
    );
}

#[test]
fn toml_syntax_error_names_its_line() {
    let found = problems("[tree]\n\"k\" = \"move-up\"\n\"j\" = { run = \"move-down\"\n");
    assert_eq!(found.len(), 1);
    assert!(
        found[0].starts_with("keymap.toml:3: ogiltig TOML:"),
        "{}",
        found[0]
    );
}

#[test]
fn entry_without_run_is_refused() {
    assert_eq!(
        problems("[tree]\n\"k\" = { desc = \"Upp\" }\n"),
        [
            "keymap.toml:2: [tree] «k»: run saknas: skriv { run = \"åtgärd\" } eller { run = \"none\" }"
        ]
    );
}

// --- Checking without the UI ---------------------------------------------------------------

#[test]
fn check_file_reports_every_problem() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let text = "preset = \"vin\"\n[global]\n\"x\" = \"quitt\"\n\"ctrl-\" = \"help\"\n[tre]\n\
                \"k\" = \"move-up\"\n[tree]\n\"j\" = { desc = \"Ned\" }\n\"k\" = \"move-up\"\n";
    let path = write(&dir, "keymap.toml", text);
    let outcome = keymap::check_file(&path);
    let lines: Vec<Option<usize>> = outcome.problems.iter().map(|p| p.line).collect();
    assert_eq!(
        lines,
        [Some(1), Some(3), Some(4), Some(5), Some(8)],
        "{}",
        outcome.report()
    );
    assert_eq!(outcome.binding_count, 1);
    let (report, ok) = keymap::run_check(&path);
    assert!(!ok);
    assert!(
        report.ends_with("keymap.toml: 1 bindning, 5 fel"),
        "{report}"
    );
    assert_eq!(report.lines().count(), 6);
}

#[test]
fn check_of_a_good_file_says_so() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = write(
        &dir,
        "keymap.toml",
        "preset = \"vim\"\n[tree]\n\"x\" = \"expand\"\n\"z\" = \"collapse\"\n[global]\n\"q\" = \"none\"\n",
    );
    let (report, ok) = keymap::run_check(&path);
    assert!(ok, "{report}");
    assert_eq!(
        report,
        format!("{}: 2 bindningar, 1 borttagen, inga fel", path.display())
    );
}

#[test]
fn check_of_a_missing_file_fails() {
    let (report, ok) = keymap::run_check(Path::new("/nonexistent/keymap.toml"));
    assert!(!ok);
    assert!(report.contains("filen finns inte"), "{report}");
}

// --- Help data -----------------------------------------------------------------------------

#[test]
fn help_sections_join_keys_in_a_stable_order() {
    let keymap = loaded("preset = \"vim\"\n");
    let sections = keymap::help_sections(&keymap);
    let titles: Vec<&str> = sections.iter().map(|s| s.context_title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Överallt",
            "Målträdet",
            "Detaljer",
            "Hjälp",
            "Textredigering",
            "Formulär",
            "Sök",
            "Bekräfta",
            "Krock med en annans ändring",
            "Att åtgärda",
            "Historik",
            "Ekonomi",
            "Händelser",
            "Granskning",
            "Gå till"
        ]
    );
    let tree = &sections[1];
    assert_eq!(tree.rows[0], ("↑ / k".to_owned(), "Upp".to_owned()));
    assert_eq!(tree.rows[1], ("↓ / j".to_owned(), "Ned".to_owned()));
    let global = &sections[0];
    assert_eq!(
        global.rows[0],
        ("q / Ctrl-c".to_owned(), "Avsluta".to_owned())
    );
    assert_eq!(
        global.rows[1],
        ("? / F1".to_owned(), "Hjälp: alla tangenter".to_owned())
    );
}

#[test]
fn help_shows_a_remap() {
    let keymap = loaded("[global]\n\"q\" = \"none\"\n\"Q\" = \"quit\"\n");
    let sections = keymap::help_sections(&keymap);
    assert_eq!(sections[0].rows[0].0, "Q / Ctrl-c");
}

#[test]
fn help_for_a_context_leaves_out_taken_global_keys() {
    let keymap = builtin();
    let sections = keymap::help_sections_for(&keymap, Context::Help);
    assert_eq!(sections[0].context_title, "Hjälp");
    assert_eq!(sections[1].context_title, "Överallt");
    let global_quit = sections[1].rows.iter().find(|(_, desc)| desc == "Avsluta");
    assert_eq!(global_quit.map(|(keys, _)| keys.as_str()), Some("Ctrl-c"));
}

#[test]
fn hints_show_working_keys_and_skip_unreachable_actions() {
    let keymap = builtin();
    let hints = keymap::hints(
        &keymap,
        Context::Tree,
        &[Action::Help, Action::Toggle, Action::Close],
    );
    assert_eq!(
        hints,
        vec![
            ("?".to_owned(), "Hjälp: alla tangenter".to_owned()),
            ("Enter".to_owned(), "Fäll ut/ihop".to_owned()),
        ]
    );
}

#[test]
fn same_spelling_twice_is_caught_by_toml_and_names_both_lines() {
    assert_eq!(
        problems("[tree]\n\"k\" = \"move-up\"\n\"j\" = \"move-down\"\n\"k\" = \"first\"\n"),
        ["keymap.toml:4: tangenten \"k\" står två gånger (också på rad 2); ta bort en av dem"]
    );
}

#[test]
fn unquoted_action_gets_a_plain_explanation() {
    assert_eq!(
        problems("[tree]\nk = move-up\n"),
        ["keymap.toml:2: värdet måste stå inom citattecken, t.ex. \"move-up\""]
    );
}

#[test]
fn every_action_name_is_documented_in_default_toml() {
    // default.toml is the user's reference for action names, so even an action left unbound
    // on purpose must be mentioned there (in a comment).
    for action in Action::ALL {
        assert!(
            DEFAULT_KEYMAP.contains(&format!("\"{}\"", action.name())),
            "{action}"
        );
    }
}
