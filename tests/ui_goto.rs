//! *Gå till* through the real loop with real keys: open the picker, type a few letters of a
//! council, choose its year and a month period, Enter lands there (keeping the selected goal
//! where the target has it); Esc changes nothing; a year the chosen council lacks is said at
//! the picker and not jumped to. Also through a real service (the new request), and as the
//! user sees it at 80x24 and 200x50.

#[path = "service_common/mod.rs"]
mod service_common;
#[path = "ui_common/mod.rs"]
mod ui_common;

use crossterm::event::KeyCode;
use malkoll::domain::Period;
use malkoll::store::Change;
use malkoll::tui::action::Action;
use malkoll::tui::source::{MemorySource, PlanSource};
use service_common::Service;
use ui_common::{
    Driver, SIZES, hasselby_2021, seeded_sodermalm_t1, sodermalm_2020, sodermalm_2021,
};

const T1: Period = Period::Tertial(1);

/// Södermalm 2020 (T1) and 2021 (VP, May added); Hässelby-Vällingby 2021 (VP, March added).
fn source() -> MemorySource {
    let mut sodermalm = sodermalm_2021();
    sodermalm.months = vec![5];
    let mut hasselby = hasselby_2021();
    hasselby.months = vec![3];
    MemorySource {
        plans: vec![sodermalm_2020(), sodermalm, hasselby],
    }
}

/// At Södermalm T1 2020 with the KF-mål 1.1 selected (Hässelby-Vällingby has it too).
fn start() -> Driver<MemorySource> {
    let mut driver = Driver::new(source());
    driver.go_to("sodermalm", 2020, T1);
    driver.press(&[Action::MoveDown]);
    assert_eq!(
        driver.selected_title().as_deref(),
        Some("1.1 Stockholm är en stad där människor kan leva ett självständigt liv")
    );
    driver
}

fn place<S: PlanSource>(driver: &Driver<S>) -> (Option<String>, Option<u16>, Period) {
    let app = driver.app();
    (
        app.council().map(|c| c.id.clone()),
        app.year(),
        app.period(),
    )
}

fn top_line(screen: &str) -> &str {
    screen.lines().next().unwrap_or_default()
}

#[test]
fn typing_choosing_a_month_of_another_council_and_year_and_enter_lands_there() {
    let mut driver = start();
    driver.press(&[Action::OpenGoTo]);
    let screen = driver.screen(80, 24);
    assert!(screen.contains("Gå till: nämnd, år och period"), "{screen}");
    assert!(
        screen.contains("Enter: Södermalms stadsdelsnämnd · 2020 · Tertialrapport 1"),
        "starts at the place on screen:\n{screen}"
    );

    driver.type_text("häss");
    let screen = driver.screen(80, 24);
    assert!(screen.contains("Nämnd: häss"), "{screen}");
    assert!(
        screen.contains("Nämnd (1)"),
        "only Hässelby matches:\n{screen}"
    );
    // Right to the year column, down to 2021; right to the periods, up from T1 to March.
    driver.keys(&[KeyCode::Right, KeyCode::Down, KeyCode::Right, KeyCode::Up]);
    let screen = driver.screen(80, 24);
    assert!(
        screen.contains("Enter: Hässelby-Vällingby stadsdelsnämnd · 2021 · Mars"),
        "{screen}"
    );
    driver.keys(&[KeyCode::Enter]);

    assert_eq!(
        place(&driver),
        (
            Some("hasselby-vallingby".into()),
            Some(2021),
            Period::Month(3)
        )
    );
    let screen = driver.screen(80, 24);
    assert!(
        !screen.contains("Gå till: nämnd"),
        "the picker closed:\n{screen}"
    );
    assert!(
        top_line(&screen).contains("Hässelby-Vällingby stadsdelsnämnd · 2021 · M3"),
        "{screen}"
    );
    assert_eq!(
        driver.selected_title().as_deref(),
        Some("1.1 Stockholm är en stad där människor kan leva ett självständigt liv"),
        "the goal the target has too stays selected"
    );
}

#[test]
fn the_same_council_another_year_by_tab_keeps_the_goal() {
    let mut driver = start();
    driver.press(&[Action::MoveDown]);
    let title = driver.selected_title();
    driver.press(&[Action::OpenGoTo]);
    // Tab to the years, ↓ to 2021; Tab to the periods, ↓ from T1 to May.
    driver.keys(&[KeyCode::Tab, KeyCode::Down, KeyCode::Tab, KeyCode::Down]);
    driver.keys(&[KeyCode::Enter]);
    assert_eq!(
        place(&driver),
        (Some("sodermalm".into()), Some(2021), Period::Month(5))
    );
    assert_eq!(driver.selected_title(), title);
    let screen = driver.screen(80, 24);
    assert!(top_line(&screen).contains("2021 · M5"), "{screen}");
}

#[test]
fn esc_closes_without_a_change() {
    let mut driver = start();
    let before = (place(&driver), driver.selected_title());
    driver.press(&[Action::OpenGoTo]);
    driver.type_text("häss");
    driver.keys(&[KeyCode::Tab, KeyCode::Down, KeyCode::Esc]);
    assert!(driver.app().goto_picker().is_none(), "closed");
    assert_eq!((place(&driver), driver.selected_title()), before);
    let screen = driver.screen(80, 24);
    assert!(!screen.contains("Gå till: nämnd"), "{screen}");
    assert!(
        top_line(&screen).contains("Södermalms stadsdelsnämnd · 2020 · T1"),
        "{screen}"
    );
}

#[test]
fn a_year_the_chosen_council_lacks_is_said_and_not_jumped_to() {
    let mut driver = start();
    driver.press(&[Action::OpenGoTo]);
    // Up from Södermalm to Hässelby-Vällingby (by name, it comes first): it has no 2020.
    driver.keys(&[KeyCode::Up]);
    let message = "Hässelby-Vällingby stadsdelsnämnd har inget år 2020: välj ett av nämndens år";
    let screen = driver.screen(80, 24);
    assert!(
        screen.contains("Hässelby-Vällingby stadsdelsnämnd har inget år 2020:"),
        "said at the picker:\n{screen}"
    );
    driver.keys(&[KeyCode::Enter]);
    assert!(driver.app().goto_picker().is_some(), "still open");
    assert_eq!(driver.app().message(), Some(message));
    assert_eq!(
        place(&driver),
        (Some("sodermalm".into()), Some(2020), T1),
        "nothing changed"
    );
    // Choosing one of its years lets Enter through.
    driver.keys(&[KeyCode::Tab, KeyCode::Down, KeyCode::Enter]);
    assert_eq!(
        place(&driver),
        (Some("hasselby-vallingby".into()), Some(2021), T1)
    );
}

#[test]
fn no_council_matching_says_so_and_backspace_brings_them_back() {
    let mut driver = start();
    driver.press(&[Action::OpenGoTo]);
    driver.type_text("qqq");
    let screen = driver.screen(80, 24);
    assert!(screen.contains("Ingen nämnd matchar «qqq»"), "{screen}");
    driver.keys(&[KeyCode::Enter]);
    assert!(driver.app().goto_picker().is_some());
    driver.ctrl('w');
    let screen = driver.screen(80, 24);
    assert!(screen.contains("Nämnd (2)"), "{screen}");
    assert!(
        screen.contains("Enter: Södermalms stadsdelsnämnd · 2020"),
        "{screen}"
    );
}

#[test]
fn hostile_text_in_a_council_name_never_reaches_the_screen() {
    let mut plan = hasselby_2021();
    plan.council.name = "Häss\u{1b}[2J\u{202e}elby stadsdelsnämnd".into();
    let mut driver = Driver::new(MemorySource {
        plans: vec![plan, sodermalm_2020()],
    });
    driver.press(&[Action::OpenGoTo]);
    driver.type_text("hässelby");
    let screen = driver.screen(80, 24);
    assert!(screen.contains("Hässelby stadsdelsnämnd"), "{screen}");
    assert!(!screen.contains('\u{1b}') && !screen.contains('\u{202e}'));
}

#[test]
fn through_a_real_service_the_picker_offers_an_added_month() {
    let service = Service::start(None);
    let client = service.client();
    client
        .apply_change(&Change::AddMonth {
            council: "sodermalm".into(),
            year: 2020,
            month: 6,
        })
        .expect("the month is added");
    let found = client.council_periods().expect("the service answers");
    let sodermalm = found
        .iter()
        .find(|c| c.council.id == "sodermalm")
        .expect("Södermalm");
    assert_eq!(sodermalm.years.len(), 1);
    assert_eq!(sodermalm.years[0].periods, [T1, Period::Month(6)]);
    assert_eq!(found.len(), 4, "every bundled council");

    let mut driver = Driver::new(client);
    driver.press(&[Action::OpenGoTo]);
    driver.type_text("söd");
    // It starts at the first council's year, which Södermalm lacks: its year first, then
    // the periods, where June comes after T1 (VP, T1, juni, T2, VB).
    driver.keys(&[KeyCode::Tab, KeyCode::Down, KeyCode::Tab, KeyCode::Home]);
    driver.keys(&[KeyCode::Down, KeyCode::Down, KeyCode::Enter]);
    assert_eq!(
        place(&driver),
        (Some("sodermalm".into()), Some(2020), Period::Month(6))
    );
    let screen = driver.screen(80, 24);
    assert!(
        top_line(&screen).contains("Södermalms stadsdelsnämnd · 2020 · M6"),
        "{screen}"
    );
}

#[test]
fn picker_snapshots() {
    for (width, height) in SIZES {
        let (_dir, mut driver) = seeded_sodermalm_t1();
        driver.press(&[Action::OpenGoTo]);
        insta::assert_snapshot!(
            format!("goto_{width}x{height}"),
            driver.screen(width, height)
        );
    }
    let (_dir, mut driver) = seeded_sodermalm_t1();
    driver.press(&[Action::OpenGoTo]);
    driver.type_text("hä");
    insta::assert_snapshot!("goto_filtered_80x24", driver.screen(80, 24));
}
