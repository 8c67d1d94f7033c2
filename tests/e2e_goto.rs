//! End to end in tmux with the real binary: *Gå till* (`g`) from the first council straight
//! to a month of Södermalm 2020 — three letters, the year the council has, the month, Enter —
//! and Esc closing it again without a change. Own tmux socket, HOME, XDG dirs and database.
//! Without tmux they fail, loudly (CI installs it).

mod e2e_common;

use std::time::Duration;

use e2e_common::{Home, Tmux, require_tmux, top_line};

fn go_to_a_month_of_another_council(width: u16, height: u16) {
    require_tmux();
    let home = Home::new();
    let added = home.malkoll(&[
        "period",
        "add",
        "--council",
        "sodermalm",
        "--year",
        "2020",
        "--month",
        "5",
    ]);
    assert!(added.status.success(), "{added:?}");
    let tmux = Tmux::start_in(&home, &format!("goto{width}"), width, height)
        .paced(Duration::from_millis(150));
    let screen = tmux.wait_for("malkoll ·");
    assert!(
        top_line(&screen).contains("Hägersten-Liljeholmens stadsdelsnämnd · 2019"),
        "starts at the first council:\n{screen}"
    );

    tmux.send(&["g"]);
    tmux.wait_for("Gå till: nämnd, år och period");
    tmux.wait_for("Enter: Hägersten-Liljeholmens stadsdelsnämnd · 2019");
    tmux.send(&["-l", "söd"]);
    // Södermalm has no 2019: said at the picker, until its year is chosen.
    tmux.wait_for("har inget år 2019");
    tmux.send(&["Tab", "Down", "Tab", "Down", "Down"]);
    tmux.wait_for("Enter: Södermalms stadsdelsnämnd · 2020 · Maj");
    tmux.send(&["Enter"]);
    let screen = tmux.wait_until("Södermalm 2020 M5 in the top bar", |s| {
        top_line(s).contains("Södermalms stadsdelsnämnd · 2020 · M5")
    });
    assert!(!screen.contains("Gå till: nämnd"), "closed:\n{screen}");

    // Esc closes without a change.
    tmux.send(&["g"]);
    tmux.wait_for("Gå till: nämnd, år och period");
    tmux.send(&["-l", "häss"]);
    tmux.wait_for("Nämnd: häss");
    tmux.send(&["Escape"]);
    tmux.wait_gone("Gå till: nämnd", "the picker did not close");
    let screen = tmux.capture();
    assert!(
        top_line(&screen).contains("Södermalms stadsdelsnämnd · 2020 · M5"),
        "{screen}"
    );
    tmux.send(&["q"]);
    tmux.wait_for("EXITED 0");
}

#[test]
fn go_to_a_month_of_another_council_and_close_with_esc_80x24() {
    go_to_a_month_of_another_council(80, 24);
}

#[test]
fn go_to_a_month_of_another_council_and_close_with_esc_200x50() {
    go_to_a_month_of_another_council(200, 50);
}
