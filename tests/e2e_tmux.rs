//! End to end: the real binary in tmux, as a controller over SSH would use it. Each test runs
//! its own tmux server (own socket), HOME, XDG dirs and database, and checks that the terminal
//! is given back: after quitting the pane shows the shell's output, not the alternate screen.
//! Without tmux they fail, loudly (CI installs it).

mod e2e_common;

use e2e_common::{Home, Tmux, go_to_sodermalm_t1_2020, require_tmux};
use malkoll::export::report::docx::{Block, read_outline};

#[test]
fn browse_to_committee_goal_indicators_help_and_quit_at_80x24() {
    require_tmux();
    let tmux = Tmux::start("browse", 80, 24);
    go_to_sodermalm_t1_2020(&tmux);
    // IM 1 → KF 1.1 → the first nämndmål.
    tmux.send(&["Down", "Down"]);
    tmux.wait_for("Nämndmål");
    tmux.wait_for("Bedömning T1 2020");
    // Into the detail pane and down to the indicators.
    tmux.send(&["Tab"]);
    let screen = tmux.press_until("NPage", 10, |s| s.contains("Indikatorer ("));
    assert!(screen.contains("Indikatorer ("), "{screen}");
    let screen = tmux.press_until("Down", 30, |s| s.contains("Årsmål"));
    assert!(
        screen.contains("Periodens utfall"),
        "indicator values are labelled:\n{screen}"
    );

    tmux.send(&["?"]);
    let screen = tmux.wait_for("Hjälp: alla tangenter");
    assert!(screen.contains("Avsluta"), "{screen}");
    tmux.send(&["Escape"]);
    tmux.wait_gone("Hjälp: alla tangenter", "help did not close");
    // Separately: ESC with a key right behind it arrives as Alt+key.
    tmux.send(&["Escape"]);
    tmux.wait_for("Fäll ut/ihop");
    tmux.send(&["q"]);
    let screen = tmux.wait_for("EXITED 0");
    assert!(
        !screen.contains("malkoll ·"),
        "the alternate screen is left after quitting:\n{screen}"
    );
    assert_eq!(tmux.malkoll_pid(), None, "malkoll has ended");
}

#[test]
fn full_indicator_table_at_200x50() {
    require_tmux();
    let tmux = Tmux::start("wide", 200, 50);
    go_to_sodermalm_t1_2020(&tmux);
    tmux.send(&["Down", "Down", "Tab"]);
    let screen = tmux.press_until("NPage", 10, |s| s.contains("KF:s årsmål"));
    assert!(screen.contains("Prognos"), "{screen}");
    tmux.send(&["q"]);
    tmux.wait_for("EXITED 0");
}

#[test]
fn sigterm_restores_the_terminal() {
    require_tmux();
    let tmux = Tmux::start("term", 80, 24);
    tmux.wait_for("malkoll ·");
    let screen = tmux.signal_malkoll("TERM");
    assert!(!screen.contains("malkoll ·"), "{screen}");
}

/// Issue 5: open Att åtgärda, jump to an indicator, come back to the list where it was; at
/// both sizes.
#[test]
fn flags_jump_to_an_indicator_and_back() {
    require_tmux();
    for (width, height) in [(80, 24), (200, 50)] {
        let tmux = Tmux::start(&format!("flags{width}"), width, height);
        go_to_sodermalm_t1_2020(&tmux);
        tmux.send(&["f"]);
        tmux.wait_for("Att åtgärda ·");
        tmux.wait_for("Antal tillhandahållna platser för feriejobb");
        tmux.send(&["Down"]);
        tmux.wait_for("19,7 % från målet");
        tmux.send(&["Enter"]);
        tmux.wait_for("Detaljer");
        let screen = tmux.wait_for_cursor_on("Antal ungdomar som fått");
        assert!(!screen.contains("Att åtgärda ·"), "{screen}");
        tmux.wait_for("Uppnås delvis");
        tmux.send(&["f"]);
        let screen = tmux.wait_for("Att åtgärda ·");
        assert!(
            screen
                .lines()
                .any(|l| l.contains("› ◐") && l.contains("Antal ungdomar som fått")),
            "the list keeps its position:\n{screen}"
        );
        tmux.send(&["Escape"]);
        tmux.wait_for("Detaljer");
        tmux.wait_for_cursor_on("Antal ungdomar som fått");
        tmux.send(&["q"]);
        tmux.wait_for("EXITED 0");
    }
}

#[test]
fn e_writes_the_report_on_screen_into_the_working_directory() {
    require_tmux();
    let home = Home::new();
    // Where the harness starts malkoll (`cd`): the directory a controller is in.
    let working = home.db().parent().expect("root").join("home");
    let tmux = Tmux::start_in(&home, "report-key", 80, 24);
    go_to_sodermalm_t1_2020(&tmux);
    tmux.send(&["E"]);
    let screen = tmux.wait_for("Rapporten skrevs till");
    let path = working.join("sodermalm-t1-2020.docx");
    assert!(
        screen.contains("sodermalm-t1-2020.docx"),
        "the status line names the file:\n{screen}"
    );
    let blocks = read_outline(&std::fs::read(&path).expect("the report file")).expect("a docx");
    assert!(
        blocks
            .iter()
            .any(|b| matches!(b, Block::Paragraph { style, text }
        if style == "Title" && text == "Tertialrapport 1 2020 – Södermalms stadsdelsnämnd"))
    );
    assert!(
        blocks
            .iter()
            .any(|b| matches!(b, Block::Paragraph { text, .. }
        if text == "Uppföljning av ekonomi"))
    );
    // The key is in the help, generated from the keymap.
    tmux.send(&["?"]);
    let screen = tmux.press_until("Down", 40, |s| {
        s.contains("Rapport (.docx) till aktuell katalog")
    });
    assert!(
        screen.contains("E                   Rapport (.docx)"),
        "{screen}"
    );
    tmux.send(&["Escape"]);
    tmux.wait_gone("Hjälp: alla tangenter", "help did not close");
    tmux.send(&["q"]);
    tmux.wait_for("EXITED 0");
}
