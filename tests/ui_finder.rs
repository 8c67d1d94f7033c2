//! Snapshots of the finder overlay and the Historik screen at 80x24 and 200x50, on the bundled
//! sample data.

mod ui_common;

use malkoll::store::Store;
use malkoll::tui::action::Action::*;
use ui_common::{Driver, SIZES, seeded_store};

fn finder_with(query: &str) -> (tempfile::TempDir, Driver<Store>) {
    let (dir, store) = seeded_store();
    let mut driver = Driver::new(store);
    driver.press(&[OpenFinder]);
    driver.type_text(query);
    (dir, driver)
}

#[test]
fn finder_overlay() {
    for (width, height) in SIZES {
        let (_dir, mut driver) = finder_with("bistand");
        driver.press(&[MoveDown]);
        insta::assert_snapshot!(
            format!("finder_{width}x{height}"),
            driver.screen(width, height)
        );
    }
}

#[test]
fn history_screen() {
    for (width, height) in SIZES {
        let (_dir, mut driver) = finder_with("i:sjukfranvaro");
        driver.press(&[OpenHistory, CompareCouncil]);
        insta::assert_snapshot!(
            format!("history_{width}x{height}"),
            driver.screen(width, height)
        );
    }
}

/// The event loop draws a frame («Läser …») between opening Historik and the history's
/// arrival; the table must still open on the newest row, in view, with the page full.
#[test]
fn history_opens_on_the_newest_row_when_a_frame_is_drawn_before_it_loads() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("db")).expect("store opens");
    let actor = malkoll::store::Actor::from_parts("test".into(), None);
    for plan in malkoll::demo::generate(7, 2, 6) {
        store
            .apply(&malkoll::store::Change::PutPlanYear(plan), &actor)
            .expect("stored");
    }
    let mut driver = Driver::new(store);
    driver.press(&[OpenFinder]);
    driver.type_text("i:legitimerade");
    driver.screen(80, 24);
    driver.press(&[OpenHistory]);
    let screen = driver.screen(80, 24);
    let history = driver.app().history().expect("history open");
    let rows = history.primary().expect("loaded").rows.len();
    assert!(rows > 8, "enough rows to scroll: {rows}");
    assert_eq!(history.selected(), rows - 1, "the newest row is selected");
    assert!(
        screen.contains("│›"),
        "the selected row is in view:\n{screen}"
    );
    assert!(
        screen.contains("2024  VB"),
        "the rows before it fill the table:\n{screen}"
    );
    assert!(screen.contains("(1 nämnd till har serien)"), "{screen}");
    assert!(
        screen.contains("Inget resultat"),
        "the status column has room for its words:\n{screen}"
    );
}
