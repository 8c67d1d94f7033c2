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

/// The Kolada example in data/kolada, imported into a newly seeded store in `dir`.
fn store_with_kolada(dir: &std::path::Path) -> Store {
    use malkoll::commands::import_values::ImportOptions;
    let (store, actor) = seeded_in(dir);
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/kolada");
    let options = ImportOptions {
        dry_run: false,
        skip_bad: false,
        overwrite: true,
    };
    malkoll::commands::import_kolada::run(
        &store,
        &example.join("example-sodermalm.json"),
        &example.join("example-map.toml"),
        options,
        &actor,
    )
    .expect("the example imports");
    store
}

fn seeded_in(dir: &std::path::Path) -> (Store, malkoll::store::Actor) {
    let store = Store::open(&dir.join("db")).expect("store opens");
    let actor = malkoll::store::Actor::from_parts("test".into(), None);
    store.seed_bundled(&actor).expect("bundled data loads");
    (store, actor)
}

/// Values imported from Kolada say where they came from in Historik, as `malkoll history`
/// does: the row has the source's mark and, selected, its source under the table. Through
/// the store as the interface holds it (with the user who acts), at both sizes.
#[test]
fn history_shows_where_imported_values_came_from() {
    use malkoll::tui::screens::history::SOURCE_MARK;
    use malkoll::tui::source::ActingStore;

    for (width, height) in SIZES {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = std::sync::Arc::new(store_with_kolada(dir.path()));
        let actor = malkoll::store::Actor::from_parts("test".into(), None);
        let mut driver = Driver::new(ActingStore { store, actor });
        driver.press(&[OpenFinder]);
        driver.type_text("i:sjukfranvaro n:soder");
        driver.press(&[OpenHistory]);
        let screen = driver.screen(width, height);
        let row = screen
            .lines()
            .find(|line| line.contains("2020 T1"))
            .unwrap_or_else(|| panic!("the T1 2020 row:\n{screen}"));
        assert!(
            row.contains("7,6 %") && row.contains(SOURCE_MARK),
            "the imported row is marked:\n{screen}"
        );
        assert!(
            screen.contains(&format!("{SOURCE_MARK} Källa: Kolada N00001 2020 T, K, M")),
            "the selected row's source is under the table:\n{screen}"
        );
        insta::assert_snapshot!(format!("history_source_{width}x{height}"), screen);
    }
}

/// A source is text from a file: the importers clean it, and the view cleans it again, so
/// a terminal escape stored by any way in does not reach the terminal.
#[test]
fn a_source_is_sanitised_before_it_is_drawn() {
    use malkoll::domain::Period;
    use malkoll::store::{Change, IndicatorValues};

    let dir = tempfile::tempdir().expect("temp dir");
    let (store, actor) = seeded_in(dir.path());
    let plan = store
        .plan_year("sodermalm", 2020)
        .expect("read")
        .expect("a plan year");
    let (_, indicator) = plan
        .indicators()
        .find(|(_, indicator)| indicator.name == "Sjukfrånvaro")
        .expect("the indicator");
    let period = Period::Tertial(1);
    let change = Change::SetIndicatorValues {
        source: "test".into(),
        items: vec![IndicatorValues {
            council: "sodermalm".into(),
            year: 2020,
            indicator: indicator.id,
            period,
            report: indicator.report_in(period),
            source: Some("Kolada N0\u{1b}]0;x\u{7}\u{1b}[31m1 2020 T".into()),
        }],
    };
    store.apply(&change, &actor).expect("stored");
    let mut driver = Driver::new(store);
    driver.press(&[OpenFinder]);
    driver.type_text("i:sjukfranvaro n:soder");
    driver.press(&[OpenHistory]);
    let screen = driver.screen(80, 24);
    let history = driver.app().history().expect("history open");
    let stored = history.primary().expect("loaded").rows[0].source.clone();
    assert!(
        stored.is_some_and(|source| source.contains('\u{1b}')),
        "the escape reaches the view, so the test means something"
    );
    let border = screen
        .lines()
        .find(|line| line.contains("Källa:"))
        .unwrap_or_else(|| panic!("the source under the table:\n{screen}"));
    // Whole sequences go, not just their control characters (which the terminal library
    // would drop, leaving «]0;x[31m» on the screen).
    assert!(border.contains("Källa: Kolada N01 2020 T"), "{screen}");
    assert!(
        !screen.chars().any(|c| c.is_control() && c != '\n'),
        "{screen:?}"
    );
}
