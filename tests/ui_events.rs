//! *Händelser* through the real loop on a real store: the audit trail of the selected node,
//! the council and the user, and undo of one's own entry from an earlier session as a new
//! audited change; an undo over a later change asks first; others' entries are not undone.

mod ui_common;

use std::sync::Arc;

use malkoll::domain::{NodeId, Period};
use malkoll::store::{Actor, Store};
use malkoll::tui::action::Action;
use malkoll::tui::source::ActingStore;
use ui_common::{Driver, seeded_store};

type Source = ActingStore<Arc<Store>>;

const T1: Period = Period::Tertial(1);

/// The interface as the user `kontroller` (the driver's login), at Södermalm T1 2020.
fn start(store: Arc<Store>) -> Driver<Source> {
    let source = ActingStore {
        store,
        actor: Actor::from_parts("kontroller".into(), None),
    };
    let mut driver = Driver::new(source);
    driver.go_to("sodermalm", 2020, T1);
    driver
}

fn selected_goal(driver: &Driver<Source>) -> NodeId {
    driver
        .app()
        .selected_goal()
        .expect("a goal is selected")
        .1
        .id
}

fn analysis(store: &Store, goal: NodeId) -> String {
    let plan = store
        .plan_year("sodermalm", 2020)
        .expect("reads")
        .expect("bundled");
    plan.goals_depth_first()
        .into_iter()
        .find(|g| g.id == goal)
        .expect("the goal")
        .status_in(T1)
        .analysis
}

fn save_analysis_addition(driver: &mut Driver<Source>, text: &str) {
    driver.press(&[Action::EditAnalysis]);
    driver.type_text(text);
    driver.press(&[Action::Save]);
    assert!(
        driver.app().overlay().is_none(),
        "{:?}",
        driver.app().message()
    );
}

#[test]
fn an_own_change_from_an_earlier_session_is_undone_from_the_list_as_a_new_change() {
    let (_dir, store) = seeded_store();
    let store = Arc::new(store);
    let mut driver = start(Arc::clone(&store));
    let goal = selected_goal(&driver);
    let original = analysis(&store, goal);
    save_analysis_addition(&mut driver, " Ett tillägg.");
    assert_ne!(analysis(&store, goal), original);
    drop(driver);

    // A new session: its own undo stack is empty; Händelser still has the change.
    let mut driver = start(Arc::clone(&store));
    let before = store.audit_log().expect("audit").len();
    driver.press(&[Action::OpenEvents]);
    let screen = driver.screen(80, 24);
    assert!(screen.contains("Händelser"), "{screen}");
    assert!(screen.contains("kontroller"), "{screen}");
    assert!(screen.contains("kan ångras"), "{screen}");
    driver.press(&[Action::UndoChange]);
    assert_eq!(
        analysis(&store, goal),
        original,
        "{:?}",
        driver.app().message()
    );
    let log = store.audit_log().expect("audit");
    assert_eq!(log.len(), before + 1, "the undo is one new audited change");
    assert_eq!(
        log.last().map(|e| e.actor.login.as_str()),
        Some("kontroller")
    );
    // The list shows the undo at the top.
    let screen = driver.screen(200, 50);
    let top = screen
        .lines()
        .find(|line| line.contains('›'))
        .unwrap_or_default()
        .to_owned();
    assert!(top.contains(&log.len().to_string()), "{screen}");
}

#[test]
fn undoing_an_entry_changed_again_later_asks_and_keep_mine_undoes_it() {
    let (_dir, store) = seeded_store();
    let store = Arc::new(store);
    let mut driver = start(Arc::clone(&store));
    let goal = selected_goal(&driver);
    let original = analysis(&store, goal);
    save_analysis_addition(&mut driver, " Första.");
    save_analysis_addition(&mut driver, " Andra.");
    driver.press(&[Action::OpenEvents]);
    // The older of the two saves.
    driver.press(&[Action::MoveDown]);
    driver.press(&[Action::UndoChange]);
    let screen = driver.screen(80, 24);
    assert!(driver.app().conflict().is_some(), "{screen}");
    assert!(screen.contains("har ändrats igen"), "{screen}");
    assert!(
        analysis(&store, goal).ends_with("Andra."),
        "nothing undone before the choice"
    );
    driver.press(&[Action::KeepMine]);
    assert_eq!(analysis(&store, goal), original);
}

#[test]
fn the_council_and_user_lists_and_someone_elses_entry_is_not_undone() {
    let (_dir, store) = seeded_store();
    let store = Arc::new(store);
    let mut driver = start(Arc::clone(&store));
    save_analysis_addition(&mut driver, " Tillägg.");
    driver.press(&[Action::OpenEvents]);
    // Node, then the council: the bundled import (by «test») is in it.
    driver.press(&[Action::CycleScope]);
    let screen = driver.screen(200, 50);
    assert!(screen.contains("Södermalm"), "{screen}");
    assert!(screen.contains("test"), "{screen}");
    driver.press(&[Action::Last]);
    let before = store.audit_log().expect("audit").len();
    driver.press(&[Action::UndoChange]);
    assert!(
        driver
            .app()
            .message()
            .is_some_and(|m| m.contains("bara ångra dina egna")),
        "{:?}",
        driver.app().message()
    );
    assert_eq!(store.audit_log().expect("audit").len(), before);
    // The user's own changes only.
    driver.press(&[Action::CycleScope]);
    let screen = driver.screen(80, 24);
    assert!(screen.contains("ändringar av kontroller"), "{screen}");
    assert!(!screen.contains(" test "), "{screen}");
    driver.press(&[Action::Close]);
    assert!(driver.app().context() != malkoll::tui::keymap::Context::Events);
}
