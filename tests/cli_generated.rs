//! `malkoll completions SHELL` and `malkoll man`: generated from the clap definition, so they
//! name every subcommand, including the new exports and imports.

mod cli_common;

use cli_common::{malkoll, text};

#[test]
fn completions_and_man_page_name_the_subcommands() {
    let home = tempfile::tempdir().expect("temp dir");
    for shell in ["bash", "zsh", "fish"] {
        let output = malkoll(home.path(), &["completions", shell]);
        assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
        let script = text(&output.stdout);
        for word in ["report", "xlsx", "values", "kolada"] {
            assert!(script.contains(word), "{shell} completion lacks {word}");
        }
    }
    let output = malkoll(home.path(), &["man"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let page = text(&output.stdout);
    assert!(page.contains(".TH malkoll 1"), "{page}");
    assert!(page.contains("export"), "{page}");
    let bad = malkoll(home.path(), &["completions", "cmd"]);
    assert_eq!(bad.status.code(), Some(2));
}
