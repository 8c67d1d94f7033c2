//! The *Ekonomi* screen on the bundled data (Södermalm 2020): snapshots at 80x24 and 200x50
//! of T1 as the tertial report printed it, and of May after a prognosis typed for one area;
//! a refused amount with its message at the field; the saved prognosis in the store, in the
//! audit and undone again; and the deficit in *Att åtgärda* with its amount.

mod ui_common;

use malkoll::domain::Period;
use malkoll::store::{Actor, Change, Store};
use malkoll::tui::action::Action::*;
use malkoll::tui::keymap::Context;
use ui_common::{Driver, SIZES, seeded_sodermalm_t1, seeded_store};

const IFO: &str = "Individ- ochfamiljeomsorg";

/// The app on the bundled data with May 2020 added to Södermalm, at M5.
fn sodermalm_may() -> (tempfile::TempDir, Driver<Store>) {
    let (dir, store) = seeded_store();
    let actor = Actor::from_parts("test".into(), None);
    store
        .apply(
            &Change::AddMonth {
                council: "sodermalm".into(),
                year: 2020,
                month: 5,
            },
            &actor,
        )
        .expect("month added");
    let mut driver = Driver::new(store);
    driver.go_to("sodermalm", 2020, Period::Month(5));
    (dir, driver)
}

fn stored_forecast(driver: &Driver<Store>, area: &str, period: Period) -> Option<i64> {
    let economy = driver
        .source()
        .economy("sodermalm", 2020)
        .expect("read")
        .expect("economy");
    economy
        .area(area)
        .and_then(|a| a.line.forecasts.get(&period).map(|m| m.tkr))
}

#[test]
fn economy_screen_in_t1() {
    for (width, height) in SIZES {
        let (_dir, mut driver) = seeded_sodermalm_t1();
        driver.press(&[OpenEconomy, MoveDown]);
        assert_eq!(driver.app().context(), Context::Economy);
        let screen = driver.screen(width, height);
        assert!(screen.contains("Ekonomi · Södermalms stadsdelsnämnd · T1 2020"));
        // The deficit of Individ- och familjeomsorg: 226,2 − 241,2 = −15,0, −6,6 %, flagged.
        let ifo = screen
            .lines()
            .find(|l| l.contains(IFO) && l.contains("226,2"))
            .unwrap_or_else(|| panic!("{screen}"));
        assert!(ifo.contains("›▼"), "{ifo}");
        assert!(ifo.contains("-15,0") && ifo.contains("-6,6"), "{ifo}");
        // The nämnd's total is the sum of the rows.
        assert!(
            screen
                .lines()
                .any(|l| l.contains("Totalt") && l.contains("2 439,5")),
            "{screen}"
        );
        // The document's own figures that disagree with its rows are warned about.
        assert!(screen.contains("⚠ rad 4162"), "{screen}");
        insta::assert_snapshot!(format!("economy_t1_{width}x{height}"), screen);
    }
}

#[test]
fn a_months_prognosis_is_typed_saved_flagged_and_undone() {
    for (width, height) in SIZES {
        let (_dir, mut driver) = sodermalm_may();
        driver.screen(width, height);
        driver.press(&[OpenEconomy, MoveDown, EditForecast]);
        assert_eq!(driver.app().context(), Context::Form);
        // A decimal point is refused at the field; nothing is stored.
        driver.type_text("250.0");
        driver.press(&[Confirm]);
        let screen = driver.screen(width, height);
        assert!(
            screen.contains("⚠ «250.0»: använd decimalkomma"),
            "{screen}"
        );
        assert!(screen.contains("Inget sparat"), "{screen}");
        assert_eq!(stored_forecast(&driver, IFO, Period::Month(5)), None);
        if width == 80 {
            insta::assert_snapshot!("economy_refused_80x24", screen);
        }
        // The Swedish way: stored as one change, the field closes, the row shows it.
        driver.press(&[DeleteToLineStart]);
        driver.type_text("250,0 mnkr");
        driver.press(&[Confirm]);
        assert_eq!(
            stored_forecast(&driver, IFO, Period::Month(5)),
            Some(250_000)
        );
        assert_eq!(driver.app().context(), Context::Economy);
        let screen = driver.screen(width, height);
        assert!(
            screen.contains("Sparat: Prognos för Individ- ochfamiljeomsorg M5 2020: 250,0 mnkr"),
            "{screen}"
        );
        assert!(screen.contains("T1 241,2 → M5 250,0"), "{screen}");
        insta::assert_snapshot!(format!("economy_may_{width}x{height}"), screen);

        // Att åtgärda lists the deficit with its amount: 226,2 − 250,0 = −23,8.
        driver.press(&[Close, OpenFlags]);
        let flags = driver.app().flags();
        let deficit = flags
            .deficits()
            .iter()
            .find(|d| d.area == IFO)
            .expect("flagged");
        assert_eq!(deficit.deficit_tkr, 23_800);
        let screen = driver.screen(width, height);
        assert!(
            screen
                .lines()
                .any(|l| l.contains(IFO) && l.contains("-23,8")),
            "{screen}"
        );
        // Enter on it opens the Ekonomi screen on that area (the list ends with Ekonomiskt
        // bistånd's deficit carried from T1; the nämnd's 8,8 of 2 439,5 is under 1 %).
        driver.press(&[Last, MoveUp]);
        assert_eq!(
            driver
                .app()
                .flags()
                .selected_deficit()
                .map(|d| d.area.as_str()),
            Some(IFO)
        );
        assert!(!flags_has_total(&driver));
        driver.press(&[JumpToFlag]);
        assert_eq!(driver.app().context(), Context::Economy);
        assert_eq!(
            driver.app().economy().expect("Ekonomi open").selected(16),
            1
        );

        // Undo is one more audited change.
        driver.press(&[UndoChange]);
        assert_eq!(stored_forecast(&driver, IFO, Period::Month(5)), None);
        let audit = driver.source().audit_log().expect("audit");
        assert!(
            audit
                .iter()
                .filter(|e| matches!(e.change, Change::Economy(_)))
                .count()
                >= 2,
            "the save and its undo are both audited"
        );
    }
}

fn flags_has_total(driver: &Driver<Store>) -> bool {
    driver.app().flags().deficits().iter().any(|d| d.total)
}
