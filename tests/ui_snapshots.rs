//! Snapshots of what the user sees, at 80x24 and 200x50, driven by actions as key presses.

mod ui_common;

use malkoll::tui::action::Action::*;
use ui_common::{SIZES, seeded_sodermalm_t1};

#[test]
fn main_screen() {
    for (width, height) in SIZES {
        let (_dir, mut driver) = seeded_sodermalm_t1();
        insta::assert_snapshot!(
            format!("main_{width}x{height}"),
            driver.screen(width, height)
        );
    }
}

#[test]
fn collapsed_tree() {
    for (width, height) in SIZES {
        let (_dir, mut driver) = seeded_sodermalm_t1();
        driver.press(&[MoveDown, Collapse, MoveDown, Collapse]);
        insta::assert_snapshot!(
            format!("collapsed_{width}x{height}"),
            driver.screen(width, height)
        );
    }
}

#[test]
fn help_overlay() {
    for (width, height) in SIZES {
        let (_dir, mut driver) = seeded_sodermalm_t1();
        driver.press(&[Help]);
        insta::assert_snapshot!(
            format!("help_{width}x{height}"),
            driver.screen(width, height)
        );
    }
}

#[test]
fn committee_goal_with_indicators() {
    for (width, height) in SIZES {
        let (_dir, mut driver) = seeded_sodermalm_t1();
        driver.press(&[MoveDown, MoveDown]);
        insta::assert_snapshot!(
            format!("namndmal_t1_{width}x{height}"),
            driver.screen(width, height)
        );
    }
}

#[test]
fn committee_goal_scrolled_to_indicators() {
    for (width, height) in SIZES {
        let (_dir, mut driver) = seeded_sodermalm_t1();
        driver.press(&[MoveDown, MoveDown, SwitchFocus]);
        // Scroll as a user would until the indicator heading tops the pane.
        let mut screen = driver.screen(width, height);
        for _ in 0..300 {
            if screen
                .lines()
                .nth(2)
                .is_some_and(|l| l.contains("Indikatorer ("))
            {
                break;
            }
            let before = driver.app().detail_scroll();
            driver.press(&[MoveDown]);
            screen = driver.screen(width, height);
            if driver.app().detail_scroll() == before {
                break;
            }
        }
        assert!(screen.contains("Indikatorer (1)"), "{screen}");
        assert!(screen.contains("Årsmål"), "{screen}");
        insta::assert_snapshot!(
            format!("namndmal_t1_scrolled_{width}x{height}"),
            driver.screen(width, height)
        );
    }
}
