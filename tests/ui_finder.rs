//! Snapshots of the finder overlay and the Historik screen at 80x24 and 200x50, on the bundled
//! sample data.

mod ui_common;

use malkoll::store::Store;
use malkoll::tui::action::Action::*;
use malkoll::tui::app::Effect;
use ui_common::{Driver, seeded_store};

const SIZES: [(u16, u16); 2] = [(80, 24), (200, 50)];

fn drive(driver: &mut Driver<Store>, actions: &[malkoll::tui::action::Action]) {
    for &action in actions {
        let mut effects = driver.app.update(action);
        while let Some(effect) = effects.pop() {
            match effect {
                Effect::LoadPlan { council, year } => {
                    let result = driver
                        .source
                        .plan_year(&council, year)
                        .map_err(|e| e.to_string());
                    driver.app.plan_loaded(&council, year, result);
                }
                Effect::ClearScreen | Effect::Quit => {}
                other => effects.extend(malkoll::tui::lookup_io::perform(
                    &mut driver.app,
                    &driver.source,
                    other,
                )),
            }
        }
    }
}

fn finder_with(query: &str) -> (tempfile::TempDir, Driver<Store>) {
    let (dir, store) = seeded_store();
    let mut driver = Driver::new(store);
    drive(&mut driver, &[OpenFinder]);
    driver.app.insert_text(query);
    (dir, driver)
}

#[test]
fn finder_overlay() {
    for (width, height) in SIZES {
        let (_dir, mut driver) = finder_with("bistand");
        drive(&mut driver, &[MoveDown]);
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
        drive(&mut driver, &[OpenHistory, CompareCouncil]);
        insta::assert_snapshot!(
            format!("history_{width}x{height}"),
            driver.screen(width, height)
        );
    }
}
