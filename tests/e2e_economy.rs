//! End to end: the monthly economy review with the real binary in tmux at 80x24. May 2020 is
//! added to Södermalm with `malkoll period add` (the bundled data has no months); then, in the
//! interface, the Ekonomi screen takes a refused amount (message at the field, nothing
//! saved) and the prognoses of two verksamhetsområden typed the Swedish way; *Att åtgärda*
//! then lists both deficits and the nämnd's with their amounts; and after quitting, the
//! database holds both prognoses.

mod e2e_common;

use std::time::Duration;

use e2e_common::{Home, Tmux, go_to_sodermalm_t1_2020, require_tmux, top_line};
use malkoll::domain::Period;
use malkoll::store::Store;

/// Moves the Ekonomi screen's selection down to the row of `area`.
fn select_area(tmux: &Tmux, area: &str) {
    tmux.press_until("Down", 20, |screen| {
        screen
            .lines()
            .any(|line| line.contains(area) && line.contains("›"))
    });
}

/// The row of the flags list (or any screen) that names `area`.
fn line_of<'a>(screen: &'a str, area: &str) -> &'a str {
    screen
        .lines()
        .find(|line| line.contains(area))
        .unwrap_or_else(|| panic!("no line with {area}:\n{screen}"))
}

#[test]
fn a_months_prognosis_for_two_areas_shows_their_deficits_in_att_atgarda() {
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
    assert!(
        String::from_utf8_lossy(&added.stdout).contains("Perioden maj 2020 tillagd"),
        "{added:?}"
    );
    {
        let tmux = Tmux::start_in(&home, "economy", 80, 24).paced(Duration::from_millis(150));
        go_to_sodermalm_t1_2020(&tmux);
        tmux.press_until("p", 10, |s| top_line(s).contains("· M5 "));
        tmux.send(&["e"]);
        tmux.wait_for("Ekonomi · Södermalms stadsdelsnämnd · M5 2020");

        // Förskoleverksamhet: a decimal point is refused where it was typed.
        select_area(&tmux, "Förskoleverksamhet");
        tmux.send(&["Enter"]);
        tmux.wait_for("Prognos M5 för Förskoleverksamhet");
        tmux.type_text("470.0");
        tmux.send(&["Enter"]);
        let screen = tmux.wait_for("använd decimalkomma");
        assert!(screen.contains("⚠ «470.0»"), "{screen}");
        assert!(screen.contains("Inget sparat"), "{screen}");
        tmux.send(&["C-u"]);
        tmux.type_text("470,0 mnkr");
        tmux.send(&["Enter"]);
        tmux.wait_for("Sparat: Prognos för Förskoleverksamhet M5 2020: 470,0 mnkr");

        // Äldreomsorg, with a space between the thousands.
        select_area(&tmux, "Äldreomsorg");
        tmux.send(&["Enter"]);
        tmux.wait_for("Prognos M5 för Äldreomsorg");
        tmux.type_text("1 100,0");
        tmux.send(&["Enter"]);
        let screen = tmux.wait_for("Sparat: Prognos för Äldreomsorg M5 2020: 1 100,0 mnkr");
        // 1 071,1 − 1 100,0 = −28,9, 2,7 % of the budget: flagged ▼ on its row.
        let row = line_of(&screen, "Äldreomsorg");
        assert!(row.contains("-28,9") && row.contains("▼"), "{row}");

        // Att åtgärda: both deficits with their amounts, and the nämnd's.
        // Esc alone (followed at once by a key it would read as Alt-key).
        tmux.send(&["Escape"]);
        tmux.wait_gone("Ekonomi · Södermalm", "the Ekonomi screen closing");
        tmux.send(&["f"]);
        tmux.wait_for("Att åtgärda · Södermalm");
        tmux.send(&["End"]);
        let screen = tmux.wait_for("Ekonomi: underskott över 1 % av budget");
        let forskola = line_of(&screen, "Förskoleverksamhet");
        assert!(
            forskola.contains("-16,5") && forskola.contains("▼"),
            "{screen}"
        );
        assert!(
            line_of(&screen, "Äldreomsorg").contains("-28,9"),
            "{screen}"
        );
        // 2 439,5 budgeted, 2 494,9 forecast (the others keep their T1 prognosis).
        assert!(
            line_of(&screen, "Nämnden totalt").contains("-55,4"),
            "{screen}"
        );
        assert!(
            screen.contains("Underskott 55,4 mnkr i prognosen M5"),
            "the selected deficit's sentence shows below the list:\n{screen}"
        );
        tmux.send(&["q"]);
        tmux.wait_gone("Att åtgärda · Södermalm", "the flags screen closing");
        tmux.send(&["q"]);
        tmux.wait_for("EXITED 0");
        tmux.wait_until_ended();
    }
    let store = Store::open(&home.db()).expect("store opens");
    let economy = store
        .economy("sodermalm", 2020)
        .expect("read")
        .expect("economy");
    let may = |area: &str| {
        economy
            .area(area)
            .and_then(|a| a.line.forecasts.get(&Period::Month(5)).map(|m| m.tkr))
    };
    assert_eq!(may("Förskoleverksamhet"), Some(470_000));
    assert_eq!(may("Äldreomsorg"), Some(1_100_000));
    assert_eq!(may("Stadsmiljöverksamhet"), None, "nothing else was saved");
}
