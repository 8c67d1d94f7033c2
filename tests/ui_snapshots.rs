//! Snapshots of what the user sees, at 80x24 and 200x50, driven by actions as key presses.

mod ui_common;

use malkoll::tui::action::Action::*;
use ui_common::{Driver, source};

const SIZES: [(u16, u16); 2] = [(80, 24), (200, 50)];

fn sodermalm_t1() -> Driver<malkoll::tui::source::MemorySource> {
    let mut driver = Driver::new(source());
    driver.press(&[NextCouncil, PrevYear]);
    driver
}

#[test]
fn main_screen() {
    for (width, height) in SIZES {
        let mut driver = sodermalm_t1();
        insta::assert_snapshot!(
            format!("main_{width}x{height}"),
            driver.screen(width, height)
        );
    }
}

#[test]
fn collapsed_tree() {
    for (width, height) in SIZES {
        let mut driver = sodermalm_t1();
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
        let mut driver = sodermalm_t1();
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
        let mut driver = sodermalm_t1();
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
        let mut driver = sodermalm_t1();
        driver.press(&[MoveDown, MoveDown, SwitchFocus]);
        driver.screen(width, height);
        driver.press(&[PageDown]);
        insta::assert_snapshot!(
            format!("namndmal_t1_scrolled_{width}x{height}"),
            driver.screen(width, height)
        );
    }
}
