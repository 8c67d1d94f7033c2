//! Issue 6: the finder in the app (ranking, Swedish letters), series links stored as audited,
//! undoable changes, and the history of an indicator shared by two sample years.

mod ui_common;

use malkoll::search::history::history;
use malkoll::search::{SeriesAliases, series_key};
use malkoll::store::{Actor, Change, SeriesRef, Snapshot, Store};
use malkoll::tui::action::Action::*;
use malkoll::tui::keymap::Context;
use ui_common::{Driver, seeded_store};

fn all_plans(store: &Store) -> Vec<malkoll::domain::PlanYear> {
    let mut plans = Vec::new();
    for council in store.councils().expect("councils") {
        for year in store.years(&council.id).expect("years") {
            plans.extend(store.plan_year(&council.id, year).expect("plan"));
        }
    }
    plans
}

/// Opens the finder (its index is built on the first open) and types `text` key by key.
fn type_in(driver: &mut Driver<Store>, text: &str) {
    if driver.app().context() != Context::Finder {
        driver.press(&[OpenFinder]);
    }
    assert_eq!(driver.app().finder_status(), None, "the index is ready");
    driver.type_text(text);
}

fn first_texts(driver: &Driver<Store>, n: usize) -> Vec<String> {
    driver
        .app()
        .finder()
        .map(|f| f.rows().iter().take(n).map(|r| r.text.clone()).collect())
        .unwrap_or_default()
}

#[test]
fn swedish_letters_are_found_without_typing_them() {
    let (_dir, store) = seeded_store();
    let mut driver = Driver::new(store);
    type_in(&mut driver, "bistand");
    let texts = first_texts(&driver, 5);
    assert!(texts.iter().any(|t| t.contains("bistånd")), "{texts:?}");

    driver.press(&[DeleteWordBack]);
    assert_eq!(
        driver.app().finder().map(|f| f.input().to_owned()),
        Some(String::new())
    );
    driver.type_text("aldreomsorg");
    let texts = first_texts(&driver, 10);
    assert!(
        texts
            .iter()
            .any(|t| t.to_lowercase().contains("äldreomsorg")),
        "{texts:?}"
    );

    driver.press(&[DeleteWordBack]);
    driver.type_text("Ö");
    let upper = first_texts(&driver, 20);
    driver.press(&[DeleteBack]);
    driver.type_text("ö");
    let lower = first_texts(&driver, 20);
    assert!(!upper.is_empty());
    assert_eq!(upper, lower, "Ö and ö find the same");
}

#[test]
fn exact_words_rank_first_and_highlights_fall_on_the_word() {
    let (_dir, store) = seeded_store();
    let mut driver = Driver::new(store);
    type_in(&mut driver, "sjukfranvaro");
    let finder = driver.app().finder().expect("open");
    let first = finder.rows().first().expect("a hit");
    assert!(first.text.starts_with("Sjukfrånvaro"), "{}", first.text);
    assert_eq!(first.highlight, (0..12).collect::<Vec<_>>());
    assert!(
        first.more >= 1,
        "the same indicator in another year or council"
    );
}

#[test]
fn enter_jumps_to_the_indicators_goal_in_its_council_and_year() {
    let (_dir, store) = seeded_store();
    let mut driver = Driver::new(store);
    type_in(&mut driver, "i:sjukfranvaro");
    let target = driver
        .app()
        .finder()
        .and_then(|f| f.selected_row())
        .map(|r| r.target.clone())
        .expect("hit");
    driver.press(&[JumpTo]);
    assert_eq!(
        driver.app().context(),
        Context::Detail,
        "the indicator's goal shows"
    );
    assert_eq!(
        driver.app().council().map(|c| c.id.clone()),
        Some(target.council.clone())
    );
    assert_eq!(driver.app().year(), Some(target.year));
    let (_, goal) = driver.app().selected_goal().expect("a goal is selected");
    assert!(goal.indicators.iter().any(|i| i.id == target.node));
}

#[test]
fn history_opens_from_the_finder_and_back_returns_to_it() {
    let (_dir, store) = seeded_store();
    let mut driver = Driver::new(store);
    type_in(&mut driver, "i:sjukfranvaro");
    driver.press(&[OpenHistory]);
    assert_eq!(driver.app().context(), Context::History);
    let history = driver.app().history().expect("open");
    let primary = history.primary().expect("loaded");
    assert!(!primary.rows.is_empty());
    assert!(
        history.request().councils.len() >= 2,
        "Sjukfrånvaro is in two samples"
    );
    driver.press(&[CompareCouncil]);
    assert_eq!(driver.app().history().map(|h| h.histories().len()), Some(2));
    driver.press(&[Close]);
    assert_eq!(driver.app().context(), Context::Finder);
    assert_eq!(
        driver.app().finder().map(|f| f.input().to_owned()),
        Some("i:sjukfranvaro".into())
    );
}

#[test]
fn an_indicator_in_two_sample_years_has_rows_in_both() {
    let (_dir, store) = seeded_store();
    let plans = all_plans(&store);
    let aliases = store.series_aliases().expect("aliases");
    let name = "Andel barn som lever i familjer som har ekonomiskt bistånd";
    let series = aliases.key(name);
    let mut years = Vec::new();
    for council in malkoll::search::history::councils_with_series(&plans, &series, &aliases) {
        let history = history(&plans, &council.id, &series, &aliases).expect("history");
        assert!(history.rows.iter().all(|row| row.name == name));
        years.extend(history.years());
        assert!(!history.rows.is_empty());
        let times: Vec<_> = history.rows.iter().map(|r| (r.year, r.period)).collect();
        let mut sorted = times.clone();
        sorted.sort();
        assert_eq!(times, sorted, "time order");
    }
    years.sort_unstable();
    years.dedup();
    assert!(years.len() >= 2, "in two sample years: {years:?}");
}

#[test]
fn drifted_names_are_one_series_and_can_be_unlinked_and_relinked() {
    let old = "Köpt energi (GWh)";
    let new = "Totalt köpt energi i stadens verksamheter";
    assert_eq!(series_key(old), series_key(new));

    let (_dir, store) = seeded_store();
    let actor = Actor::from_parts("test".into(), None);
    let reference = |name: &str, council: &str, year: u16| SeriesRef {
        council: council.into(),
        year,
        indicator: 1,
        name: name.into(),
    };
    let a = reference(old, "hagersten-liljeholmen", 2019);
    let b = reference(new, "sodermalm", 2020);
    let unlink = Change::UnlinkSeries {
        a: a.clone(),
        b: b.clone(),
    };
    let entry = store.apply(&unlink, &actor).expect("unlink stored");
    let aliases = store.series_aliases().expect("aliases");
    assert_ne!(
        aliases.key(old),
        aliases.key(new),
        "unlinked against the bundled list"
    );
    assert!(
        matches!(entry.before, Some(Snapshot::SeriesLinks(ref s)) if s.iter().all(|(_, l)| l.is_none()))
    );
    assert!(matches!(entry.after, Some(Snapshot::SeriesLinks(ref s)) if !s.is_empty()));

    // Undo is a change too, and puts the link back.
    let undo = entry.undo_change().expect("undoable");
    store.apply(&undo, &actor).expect("undo stored");
    let aliases = store.series_aliases().expect("aliases");
    assert_eq!(aliases.key(old), aliases.key(new));

    // A user's own link of two unrelated indicators, audited and undone.
    let x = reference("Sjukfrånvaro", "hagersten-alvsjo", 2022);
    let y = reference("Sjukfrånvaro dag 1-14", "hagersten-alvsjo", 2022);
    let link = Change::LinkSeries {
        a: x.clone(),
        b: y.clone(),
    };
    let entry = store.apply(&link, &actor).expect("link stored");
    assert_eq!(
        store.series_aliases().expect("a").key(&y.name),
        SeriesAliases::bundled().key(&x.name)
    );
    let log = store.audit_log().expect("log");
    assert_eq!(log.last().map(|e| &e.change), Some(&link));
    assert_eq!(log.last().map(|e| e.actor.login.as_str()), Some("test"));
    store
        .apply(&entry.undo_change().expect("undo"), &actor)
        .expect("undone");
    let aliases = store.series_aliases().expect("a");
    assert_ne!(aliases.key(&y.name), aliases.key(&x.name));
    assert!(
        store
            .apply(&Change::UnlinkSeries { a: x, b: y }, &actor)
            .is_err(),
        "not linked: refused"
    );
}

#[test]
fn linking_from_the_history_screen_stores_the_change() {
    let (_dir, store) = seeded_store();
    let mut driver = Driver::new(store);
    type_in(&mut driver, "i:sjukfranvaro dag");
    driver.press(&[
        OpenHistory,
        MarkSeries,
        Close,
        DeleteWordBack,
        DeleteWordBack,
    ]);
    let marked = driver.app().marked_series().cloned().expect("marked");
    assert!(
        marked.name.starts_with("Sjukfrånvaro dag"),
        "{}",
        marked.name
    );
    driver.type_text("i:sjukfranvaro");
    driver.press(&[OpenHistory, LinkSeries]);
    assert!(
        driver
            .app()
            .message()
            .is_some_and(|m| m.starts_with("Sparat")),
        "{:?}",
        driver.app().message()
    );
    let log = driver.source().audit_log().expect("log");
    assert!(matches!(
        log.last().map(|e| &e.change),
        Some(Change::LinkSeries { .. })
    ));
    let names = driver
        .app()
        .history()
        .and_then(|h| h.primary())
        .map(|h| h.names().len());
    assert_eq!(names, Some(2), "the history now holds both names");
    driver.press(&[UnlinkSeries]);
    let log = driver.source().audit_log().expect("log");
    assert!(matches!(
        log.last().map(|e| &e.change),
        Some(Change::UnlinkSeries { .. })
    ));
}

/// Enter on an indicator lands on that indicator's row, so `v` opens its value form (it used
/// to land on the goal, and `v` said "Välj en indikator först").
#[test]
fn enter_on_an_indicator_then_v_opens_that_indicators_form() {
    use crossterm::event::KeyCode;
    use malkoll::search::EntryKind;
    use malkoll::tui::edit::{FormKind, NodeRef, Overlay};
    let (_dir, store) = seeded_store();
    let mut driver = Driver::new(store);
    type_in(&mut driver, "i:sjukfranvaro");
    let target = driver
        .app()
        .finder()
        .and_then(|f| f.selected_row())
        .map(|row| row.target.clone())
        .expect("a hit");
    assert_eq!(target.kind, EntryKind::Indicator);
    driver.keys(&[KeyCode::Enter]);
    assert_eq!(driver.app().context(), Context::Detail);
    assert_eq!(
        (
            driver.app().council().map(|c| c.id.clone()),
            driver.app().year()
        ),
        (Some(target.council.clone()), Some(target.year))
    );
    assert_eq!(
        driver.app().selected_node(),
        Some(NodeRef::Indicator(target.node))
    );
    driver.keys(&[KeyCode::Char('v')]);
    match driver.app().overlay() {
        Some(Overlay::Form(form)) => {
            assert_eq!(form.kind, FormKind::IndicatorValues);
            assert_eq!(form.target.node, NodeRef::Indicator(target.node));
        }
        other => panic!("no value form: {other:?}"),
    }
    let screen = driver.screen(80, 24);
    assert!(!screen.contains("Välj en indikator"), "{screen}");
}
