//! End to end in tmux with the real binary: find an indicator by five letters, open its
//! history, go back to the finder, close it. Own tmux socket, HOME, XDG dirs and database.
//! Without tmux they fail, loudly (CI installs it).

mod e2e_common;

use std::thread::sleep;
use std::time::{Duration, Instant};

use e2e_common::{Home, Tmux, require_tmux};

fn find_history_and_back(width: u16, height: u16) {
    require_tmux();
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
    require_tmux();
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

/// Enter on an indicator hit lands on that indicator, so `v` opens its value form; after a
/// quit, the next start is back at the same council, year, period and indicator row.
fn finder_enter_v_and_restart(width: u16, height: u16) {
    require_tmux();
    let home = Home::new();
    let top = {
        let tmux = Tmux::start_in(&home, &format!("goto{width}"), width, height);
        tmux.wait_for("Mål");
        tmux.send(&["/"]);
        tmux.wait_for("Sök mål, indikatorer och aktiviteter");
        tmux.send(&["-l", "i:sjukfranvaro"]);
        tmux.wait_for("Sjukfrånvaro");
        tmux.send(&["Enter"]);
        let screen = tmux.wait_for("Indikator: Sjukfrånvaro");
        let top = e2e_common::top_line(&screen).to_owned();
        tmux.send(&["v"]);
        let screen = tmux.wait_until("the value form of the indicator", |s| {
            s.lines()
                .any(|l| l.contains("Värden") && l.contains("Sjukfrånvaro"))
        });
        assert!(!screen.contains("Välj en indikator"), "{screen}");
        tmux.send(&["Escape"]);
        tmux.wait_gone("Periodens utfall (", "the form did not close");
        tmux.send(&["q"]);
        tmux.wait_for("EXITED 0");
        top
    };
    let tmux = Tmux::start_in(&home, &format!("goto{width}-again"), width, height);
    let screen = tmux.wait_for("malkoll ·");
    assert_eq!(
        e2e_common::top_line(&screen)
            .split("·")
            .take(4)
            .collect::<Vec<_>>(),
        top.split("·").take(4).collect::<Vec<_>>(),
        "the same council, year and period:\n{screen}"
    );
    tmux.send(&["v"]);
    tmux.wait_until("the same indicator's form", |s| {
        s.lines()
            .any(|l| l.contains("Värden") && l.contains("Sjukfrånvaro"))
    });
    tmux.send(&["Escape"]);
    tmux.wait_gone("Periodens utfall (", "the form did not close");
    tmux.send(&["q"]);
    tmux.wait_for("EXITED 0");
}

#[test]
fn finder_enter_on_an_indicator_then_v_and_a_restart_80x24() {
    finder_enter_v_and_restart(80, 24);
}

#[test]
fn finder_enter_on_an_indicator_then_v_and_a_restart_200x50() {
    finder_enter_v_and_restart(200, 50);
}
