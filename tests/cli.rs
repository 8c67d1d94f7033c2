//! The binary's command line, run as a user would: `keymap check` and the message a second
//! malkoll gets when the database is in use.

mod cli_common;

use cli_common::{malkoll, text};
use malkoll::store::Store;

#[test]
fn keymap_check_accepts_a_good_file() {
    let home = tempfile::tempdir().expect("temp dir");
    let file = home.path().join("keymap.toml");
    std::fs::write(
        &file,
        "[tree]\n\"j\" = { run = \"move-down\", desc = \"Ned\" }\n",
    )
    .expect("write");
    let output = malkoll(
        home.path(),
        &["keymap", "check", file.to_str().expect("utf-8 path")],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        text(&output.stdout).contains("inga fel"),
        "{}",
        text(&output.stdout)
    );
}

#[test]
fn keymap_check_names_line_and_suggests() {
    let home = tempfile::tempdir().expect("temp dir");
    let file = home.path().join("keymap.toml");
    std::fs::write(
        &file,
        "[global]\n\"x\" = { run = \"help\" }\n\"Q\" = { run = \"quitt\" }\n",
    )
    .expect("write");
    let output = malkoll(
        home.path(),
        &["keymap", "check", file.to_str().expect("utf-8 path")],
    );
    assert_eq!(output.status.code(), Some(1));
    let report = text(&output.stdout);
    assert!(report.contains(":3:"), "names line 3: {report}");
    assert!(
        report.contains("quitt") && report.contains("«quit»"),
        "suggests quit: {report}"
    );
}

#[test]
fn a_bad_user_keymap_stops_start_with_the_place() {
    let home = tempfile::tempdir().expect("temp dir");
    let file = home.path().join("keys.toml");
    std::fs::write(&file, "[tre]\n\"j\" = \"move-down\"\n").expect("write");
    let db = home.path().join("db");
    let output = malkoll(
        home.path(),
        &[
            "--keymap",
            file.to_str().expect("utf-8"),
            "--db",
            db.to_str().expect("utf-8"),
        ],
    );
    assert_eq!(output.status.code(), Some(2));
    let message = text(&output.stderr);
    assert!(message.contains("keys.toml:1"), "{message}");
    assert!(message.contains("«tree»"), "{message}");
}

#[test]
fn a_second_malkoll_on_the_same_database_is_told_who_holds_it() {
    let home = tempfile::tempdir().expect("temp dir");
    let db = home.path().join("db");
    let holder = Store::open(&db).expect("first open");
    let output = malkoll(home.path(), &["--db", db.to_str().expect("utf-8 path")]);
    assert_eq!(output.status.code(), Some(1), "exits non-zero");
    let message = text(&output.stderr);
    assert!(message.contains("används redan"), "{message}");
    assert!(
        message.contains(&std::process::id().to_string()),
        "names the pid: {message}"
    );
    assert!(!message.contains("panicked"), "{message}");
    drop(holder);
}

#[test]
fn the_interface_without_a_terminal_says_so_in_swedish() {
    let home = tempfile::tempdir().expect("temp dir");
    let db = home.path().join("db");
    let output = malkoll(home.path(), &["--db", db.to_str().expect("utf-8 path")]);
    assert_eq!(output.status.code(), Some(1));
    let message = text(&output.stderr);
    assert!(message.contains("behöver en terminal"), "{message}");
}
