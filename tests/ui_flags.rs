//! The *Att åtgärda* screen on the bundled data (Södermalm T1 2020): snapshots at 80x24 and
//! 200x50, sorting, and the key path open → jump to an indicator → back with the position
//! kept.

mod ui_common;

use malkoll::domain::Period;
use malkoll::domain::flags::{FlagKind, FlagSort};
use malkoll::tui::action::Action::*;
use malkoll::tui::app::Focus;
use malkoll::tui::keymap::Context;
use ui_common::{SIZES, seeded_sodermalm_t1};

#[test]
fn flags_screen() {
    for (width, height) in SIZES {
        let (_dir, mut driver) = seeded_sodermalm_t1();
        driver.press(&[OpenFlags, MoveDown]);
        let screen = driver.screen(width, height);
        assert!(screen.contains("Att åtgärda"), "{screen}");
        assert!(
            screen.contains("Antal tillhandahållna platser för feriejobb"),
            "{screen}"
        );
        assert!(screen.contains("19,7 %"), "{screen}");
        insta::assert_snapshot!(format!("flags_{width}x{height}"), screen);
    }
}

#[test]
fn flags_screen_sorted_by_shortfall() {
    let (_dir, mut driver) = seeded_sodermalm_t1();
    driver.press(&[OpenFlags, CycleFlagSort, CycleFlagSort]);
    assert_eq!(driver.app().flags().sort(), FlagSort::Shortfall);
    let first = &driver.app().flags().flags()[0];
    // Sjukfrånvaro dag 1-14: 3 % against 2,3 %, 30,4 % over the ceiling.
    assert_eq!(first.name, "Sjukfrånvaro dag 1-14");
    assert_eq!(first.kind, FlagKind::NotMet);
    insta::assert_snapshot!("flags_by_shortfall_200x50", driver.screen(200, 50));
}

#[test]
fn jump_to_an_indicator_and_back() {
    let (_dir, mut driver) = seeded_sodermalm_t1();
    driver.press(&[OpenFlags]);
    assert_eq!(driver.app().context(), Context::Flags);
    driver.press(&[MoveDown]);
    let selected = driver.app().flags().selected();
    assert_eq!(
        driver
            .app()
            .flags()
            .selected_flag()
            .map(|f| f.name.as_str()),
        Some("Antal ungdomar som fått feriejobb i stadens regi")
    );
    driver.press(&[JumpToFlag]);
    assert_eq!(driver.app().context(), Context::Detail);
    assert_eq!(driver.app().focus(), Focus::Detail);
    assert!(
        driver
            .selected_title()
            .is_some_and(|t| t.starts_with("1.1 I Stockholm är människor självförsörjande")),
        "{:?}",
        driver.selected_title()
    );
    // The detail's row cursor is on the indicator (goal = row 0, then its indicators), and
    // the pane scrolls to show it.
    let row = driver
        .app()
        .selected_goal()
        .and_then(|(_, goal)| {
            goal.indicators
                .iter()
                .position(|i| i.name == "Antal ungdomar som fått feriejobb i stadens regi")
        })
        .map(|index| index + 1);
    assert_eq!(Some(driver.app().detail_row()), row);
    for (width, height) in SIZES {
        let screen = driver.screen(width, height);
        assert!(screen.contains("Antal ungdomar som fått"), "{screen}");
        assert!(screen.contains("◐ Uppnås delvis"), "{screen}");
    }
    // Back to the list where it was.
    driver.press(&[OpenFlags]);
    assert_eq!(driver.app().context(), Context::Flags);
    assert_eq!(driver.app().flags().selected(), selected);
    driver.press(&[Close]);
    assert_eq!(driver.app().context(), Context::Detail);
}

#[test]
fn tree_marks_and_status_column() {
    let (_dir, mut driver) = seeded_sodermalm_t1();
    let screen = driver.screen(200, 50);
    // KF 1.1: bedömning ● and its worst flag ✗.
    assert!(screen.contains("●✗ 1.1 I Stockholm"), "{screen}");
    assert!(screen.contains("●◐ 1.4 I Stockholm"), "{screen}");
    driver.press(&[MoveDown, SwitchFocus]);
    let mut found = false;
    for _ in 0..80 {
        let screen = driver.screen(200, 50);
        if screen.contains("✗ Uppnås ej") {
            found = true;
            break;
        }
        driver.press(&[PageDown]);
    }
    assert!(
        found,
        "the status column shows ✗ Uppnås ej for feriejobb-platser"
    );
}

#[test]
fn the_list_follows_the_period() {
    let (_dir, mut driver) = seeded_sodermalm_t1();
    driver.press(&[OpenFlags]);
    assert!(!driver.app().flags().flags().is_empty());
    // The VB of 2020 is not stored: nothing to flag rather than everything missing.
    driver.press(&[
        NextPeriod, NextPeriod, NextPeriod, NextPeriod, NextPeriod, NextPeriod,
    ]);
    assert_ne!(driver.app().period(), Period::Tertial(1));
    assert!(driver.app().flags().flags().is_empty());
    let screen = driver.screen(80, 24);
    assert!(screen.contains("Inget att åtgärda"), "{screen}");
}

/// `q` leaves the list, as it leaves Historik and the help, instead of quitting malkoll.
#[test]
fn q_closes_the_flag_list_like_historik() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let (_dir, mut driver) = seeded_sodermalm_t1();
    driver.press(&[OpenFlags]);
    let q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
    let action = driver.keymap().resolve(Context::Flags, &q);
    assert_eq!(action, driver.keymap().resolve(Context::History, &q));
    assert!(action.is_some(), "q is bound");
    assert!(!driver.key_event(q), "q does not quit");
    assert_eq!(driver.app().context(), Context::Tree);
}

/// The reason of every ≠ and ? flag is readable in full at 80x24: every word of its message
/// is on the screen when it is selected.
#[test]
fn a_contradiction_reason_is_shown_in_full_at_80x24() {
    let (_dir, mut driver) = seeded_sodermalm_t1();
    driver.press(&[OpenFlags]);
    let wanted = |kind: FlagKind| matches!(kind, FlagKind::Contradiction | FlagKind::Missing);
    let count = driver.app().flags().flags().len();
    let mut checked = 0;
    for _ in 0..count {
        let flag = driver
            .app()
            .flags()
            .selected_flag()
            .cloned()
            .expect("a flag");
        if wanted(flag.kind) {
            let screen = driver.screen(80, 24);
            let unframed = screen.replace('┃', " ");
            let shown: Vec<&str> = unframed.split_whitespace().collect();
            for word in flag.message.split_whitespace() {
                assert!(
                    shown.contains(&word),
                    "«{word}» of «{}» is not on screen:\n{screen}",
                    flag.message
                );
            }
            checked += 1;
        }
        driver.press(&[MoveDown]);
    }
    assert!(checked > 0, "the sample has ≠ or ? flags");
}
