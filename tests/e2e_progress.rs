//! End to end in tmux with the real binary: Gå till Södermalm T1 2020, a flag marked *ej
//! aktuell* with a typed reason (`x`, Ctrl-S), *Granskning* (`G`) counting it, and the mark
//! still there after a quit and a new start (it is stored, not held by the session). Own
//! tmux socket, HOME, XDG dirs and database. Without tmux they fail, loudly (CI installs it).

mod e2e_common;

use std::time::Duration;

use e2e_common::{Home, Tmux, require_tmux, top_line};

const REASON: &str = "Riktningen bestäms i T2";

fn mark_a_flag_and_see_it_counted(width: u16, height: u16) {
    require_tmux();
    let home = Home::new();
    let name = format!("granskning{width}");
    let tmux = Tmux::start_in(&home, &name, width, height).paced(Duration::from_millis(150));
    tmux.wait_for("malkoll ·");
    tmux.send(&["g"]);
    tmux.wait_for("Gå till: nämnd, år och period");
    tmux.send(&["-l", "söd"]);
    tmux.send(&["Tab", "Down", "Tab", "Down"]);
    tmux.wait_for("Enter: Södermalms stadsdelsnämnd · 2020 · Tertialrapport 1");
    tmux.send(&["Enter"]);
    tmux.wait_until("Södermalm 2020 T1 in the top bar", |s| {
        top_line(s).contains("Södermalms stadsdelsnämnd · 2020 · T1")
    });

    tmux.send(&["f"]);
    tmux.wait_for("Att åtgärda ·");
    tmux.send(&["Home", "x"]);
    tmux.wait_for("Ej aktuell i T1: skäl");
    tmux.send(&["-l", REASON]);
    tmux.send(&["C-s"]);
    tmux.wait_for(&format!("Ej aktuell i perioden: {REASON}"));
    tmux.wait_for("1 ej aktuell");

    tmux.send(&["G"]);
    let screen = tmux.wait_for("Granskning · T1 2020 · alla nämnder");
    assert!(screen.contains("Södermalms stadsdelsnämnd"), "{screen}");
    // The selected row in words, wrapped in its box: read as one line.
    tmux.wait_until("the mark counted in Granskning", |screen| {
        let words: Vec<&str> = screen
            .split(|c: char| c.is_whitespace() || c == '│')
            .filter(|word| !word.is_empty())
            .collect();
        words.join(" ").contains("(1 ej aktuell)")
    });
    // Apart: Esc and q sent together read as Alt-q.
    // Granskning was opened over Att åtgärda: Esc goes back to the list, q closes it.
    tmux.send(&["Escape"]);
    tmux.wait_gone("Granskning ·", "Granskning did not close");
    tmux.send(&["q"]);
    tmux.wait_gone("Att åtgärda ·", "the flag list did not close");
    tmux.send(&["q"]);
    tmux.wait_for("EXITED 0");
}

#[test]
fn a_flag_marked_ej_aktuell_is_counted_in_granskning_80x24() {
    mark_a_flag_and_see_it_counted(80, 24);
}

#[test]
fn a_flag_marked_ej_aktuell_is_counted_in_granskning_200x50() {
    mark_a_flag_and_see_it_counted(200, 50);
}
