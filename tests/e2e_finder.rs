//! End to end in tmux with the real binary: find an indicator by five letters, open its
//! history, go back to the finder, close it. Own tmux socket, HOME, XDG dirs and database.
//! Skipped, with a message, only when tmux is not installed.

mod e2e_common;

use std::thread::sleep;
use std::time::{Duration, Instant};

use e2e_common::{Home, Tmux, skip_without_tmux};

fn find_history_and_back(width: u16, height: u16) {
    if skip_without_tmux() {
        return;
    }
    let tmux = Tmux::start(&format!("finder{width}"), width, height);
    tmux.wait_for("Mål");
    tmux.send(&["/"]);
    tmux.wait_for("Sök mål, indikatorer och aktiviteter");
    tmux.send(&["-l", "sjukf"]);
    let screen = tmux.wait_for("Sjukfrånvaro");
    assert!(screen.contains("› sjukf"), "{screen}");
    tmux.send(&["Tab"]);
    let screen = tmux.wait_for("Historik: Sjukfrånvaro");
    assert!(
        screen.contains("Årsmål") && screen.contains("Status"),
        "{screen}"
    );
    tmux.send(&["Escape"]);
    let screen = tmux.wait_for("› sjukf");
    assert!(!screen.contains("Historik:"), "{screen}");
    tmux.send(&["Escape"]);
    tmux.wait_gone("Sök mål, indikatorer", "the finder did not close");
    tmux.send(&["q"]);
    tmux.wait_for("EXITED 0");
}

#[test]
fn find_by_five_letters_open_history_and_go_back_80x24() {
    find_history_and_back(80, 24);
}

#[test]
fn find_by_five_letters_open_history_and_go_back_200x50() {
    find_history_and_back(200, 50);
}

/// Historik on a long series: the first frame after the rows arrive shows the newest row
/// selected with the rows before it, without a key press to redraw.
#[test]
fn history_opens_on_the_newest_rows_at_80x24() {
    if skip_without_tmux() {
        return;
    }
    let home = Home::new();
    home.gen_demo(2, 6);
    let tmux = Tmux::start_owning(home, "history-demo", 80, 24);
    tmux.wait_for("Mål");
    tmux.send(&["/"]);
    tmux.wait_for("Sök mål, indikatorer och aktiviteter");
    tmux.send(&["-l", "i:legitimerade"]);
    tmux.wait_for("Andel legitimerade");
    tmux.send(&["Tab"]);
    tmux.wait_for("Historik: Andel legitimerade");
    let screen = tmux.wait_for("│›2025");
    let start = Instant::now();
    let mut screen = screen;
    while !screen.contains("2024  VB") {
        assert!(
            start.elapsed() < Duration::from_secs(3),
            "the table shows only its last row:\n{screen}"
        );
        sleep(Duration::from_millis(100));
        screen = tmux.capture();
    }
    tmux.send(&["q"]);
    tmux.wait_for("Sök mål");
}
