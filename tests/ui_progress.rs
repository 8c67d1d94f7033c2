//! *Granskning* and *ej aktuell* through the real loop on a real store: a flag marked ej
//! aktuell with a reason is one audited change (refused without a reason, undone like any
//! change), is listed as handled, and Granskning's counts follow it; Granskning lists every
//! council or every period, follows the period chosen and goes where Enter says. Through a
//! real service, another user's mark reaches an open Granskning.

#[path = "service_common/mod.rs"]
mod service_common;
#[path = "ui_common/mod.rs"]
mod ui_common;

use std::sync::Arc;
use std::time::Duration;

use malkoll::domain::flags::FlagCode;
use malkoll::domain::{GoalLevel, Period};
use malkoll::service::Client;
use malkoll::store::{Actor, Change, Store};
use malkoll::tui::action::Action;
use malkoll::tui::events::Input;
use malkoll::tui::screens::progress::ProgressScope;
use malkoll::tui::source::{ActingStore, PlanSource};
use service_common::Service;
use ui_common::{Driver, seeded_store};

type Source = ActingStore<Arc<Store>>;

const T1: Period = Period::Tertial(1);
const REASON: &str = "Årlig enkät, redovisas i VB";

fn start(store: Arc<Store>) -> Driver<Source> {
    let source = ActingStore {
        store,
        actor: Actor::from_parts("kontroller".into(), None),
    };
    let mut driver = Driver::new(source);
    driver.go_to("sodermalm", 2020, T1);
    driver
}

/// The selected flag's node, code and reason (if marked) on the open flags screen.
fn selected_flag<S: PlanSource>(driver: &Driver<S>) -> (u32, FlagCode, Option<String>) {
    let flag = driver
        .app()
        .flags()
        .selected_flag()
        .expect("a flag is selected");
    (flag.node, flag.code, flag.dismissed.clone())
}

/// Marks the selected flag ej aktuell with `reason`, as a user types it.
fn dismiss_selected<S: PlanSource>(driver: &mut Driver<S>, reason: &str) {
    driver.press(&[Action::DismissFlag]);
    assert!(driver.app().overlay().is_some(), "the reason editor opens");
    driver.type_text(reason);
    driver.press(&[Action::Save]);
    assert!(
        driver.app().overlay().is_none(),
        "saved: {:?}",
        driver.app().message()
    );
}

#[test]
fn a_flag_marked_ej_aktuell_is_an_audited_change_listed_as_handled_and_undone() {
    let (_dir, store) = seeded_store();
    let store = Arc::new(store);
    let mut driver = start(Arc::clone(&store));
    driver.press(&[Action::OpenFlags]);
    let open_before = driver.app().flags().flags().len();
    assert!(open_before > 0, "Södermalm T1 2020 has flags");
    let (node, code, reason) = selected_flag(&driver);
    assert_eq!(reason, None);

    // Without a reason nothing is saved, and the editor says why.
    driver.press(&[Action::DismissFlag]);
    driver.press(&[Action::Save]);
    let screen = driver.screen(80, 24);
    assert!(driver.app().overlay().is_some(), "{screen}");
    assert!(screen.contains("Skälet får inte vara tomt"), "{screen}");
    driver.press(&[Action::Close]);
    assert!(
        store
            .dismissals("sodermalm", 2020)
            .expect("reads")
            .is_empty()
    );

    let audit_before = store.audit_log().expect("reads").len();
    dismiss_selected(&mut driver, REASON);
    let marks = store.dismissals("sodermalm", 2020).expect("reads");
    assert_eq!(marks.reason(T1, node, code), Some(REASON));
    let log = store.audit_log().expect("reads");
    assert_eq!(log.len(), audit_before + 1, "one audited change");
    let entry = log.last().expect("reads");
    assert_eq!(entry.actor.login, "kontroller");
    assert!(
        matches!(&entry.change, Change::SetFlagDismissal { reason: Some(r), .. } if r == REASON)
    );
    let message = driver.app().message().unwrap_or_default().to_owned();
    assert!(message.contains("ej aktuell"), "{message}");

    // Still listed, as handled: its mark, and the reason in full below the list.
    assert_eq!(driver.app().flags().flags().len(), open_before);
    assert_eq!(selected_flag(&driver).2.as_deref(), Some(REASON));
    let screen = driver.screen(80, 24);
    assert!(screen.contains('⊘'), "{screen}");
    assert!(
        screen.contains(&format!("Ej aktuell i perioden: {REASON}")),
        "{screen}"
    );
    assert!(screen.contains("1 ej aktuell"), "{screen}");

    // Undo is a new audited change that opens the flag again.
    driver.press(&[Action::UndoChange]);
    assert_eq!(
        store
            .dismissals("sodermalm", 2020)
            .expect("reads")
            .reason(T1, node, code),
        None
    );
    assert_eq!(store.audit_log().expect("reads").len(), audit_before + 2);
    assert_eq!(selected_flag(&driver).2, None);

    // Marked again, the same key takes the mark away.
    dismiss_selected(&mut driver, REASON);
    assert_eq!(selected_flag(&driver).2.as_deref(), Some(REASON));
    driver.press(&[Action::DismissFlag]);
    assert_eq!(selected_flag(&driver).2, None);
    assert!(
        store
            .dismissals("sodermalm", 2020)
            .expect("reads")
            .is_empty()
    );
}

#[test]
fn granskning_counts_what_the_period_asks_for_and_follows_a_mark_and_the_period() {
    let (_dir, store) = seeded_store();
    let store = Arc::new(store);
    let mut driver = start(Arc::clone(&store));
    let plan = store
        .plan_year("sodermalm", 2020)
        .expect("reads")
        .expect("reads");
    let expected_goals = plan
        .goals_depth_first()
        .into_iter()
        .filter(|goal| goal.level != GoalLevel::Direction)
        .count();
    driver.press(&[Action::OpenFlags]);
    let flags = driver.app().flags().flags().len();
    driver.press(&[Action::Close, Action::OpenProgress]);

    let row = |driver: &Driver<Source>| {
        let state = driver.app().progress().expect("Granskning is open");
        let rows = state.rows.as_ref().expect("loaded").as_ref().expect("read");
        rows.iter()
            .find(|row| row.council == "sodermalm" && row.period == T1)
            .cloned()
            .expect("a row for Södermalm T1")
    };
    let before = row(&driver);
    // T1 asks a bedömning of every goal but the inriktningsmål, and counts every flag.
    assert_eq!(before.progress.assessed.total, expected_goals);
    assert_eq!(before.progress.flags.total, flags);
    assert_eq!(before.progress.dismissed, 0);
    for (width, height) in [(80, 24), (200, 50)] {
        let screen = driver.screen(width, height);
        assert!(
            screen.contains("Granskning · T1 2020 · alla nämnder"),
            "{screen}"
        );
        assert!(screen.contains(&before.progress.flags.text()), "{screen}");
        assert!(screen.contains('◂'), "the council one stands in: {screen}");
        insta::assert_snapshot!(format!("granskning_{width}x{height}"), screen);
    }

    // A flag marked ej aktuell is one more handled.
    driver.press(&[Action::Close, Action::OpenFlags]);
    let first_open = driver
        .app()
        .flags()
        .flags()
        .iter()
        .position(|flag| flag.kind.is_finding())
        .expect("a finding to mark");
    for _ in 0..first_open {
        driver.press(&[Action::MoveDown]);
    }
    dismiss_selected(&mut driver, REASON);
    driver.press(&[Action::Close, Action::OpenProgress]);
    let after = row(&driver);
    assert_eq!(after.progress.flags.total, before.progress.flags.total);
    assert_eq!(after.progress.flags.done, before.progress.flags.done + 1);
    assert_eq!(after.progress.dismissed, 1);

    // The period chosen under the open screen is the one it counts.
    driver.press(&[Action::NextPeriod]);
    let state = driver.app().progress().expect("still open");
    assert_eq!(state.key.period, driver.app().period());
    assert_ne!(state.key.period, T1);

    // Every period of the council; Enter goes to the one chosen.
    driver.press(&[Action::CycleScope]);
    let state = driver.app().progress().expect("still open");
    assert_eq!(state.key.scope, ProgressScope::Periods);
    let periods: Vec<Period> = state
        .rows
        .as_ref()
        .expect("reads")
        .as_ref()
        .expect("reads")
        .iter()
        .map(|row| row.period)
        .collect();
    assert_eq!(periods, plan.periods());
    driver.press(&[Action::First, Action::JumpTo]);
    assert!(driver.app().progress().is_none(), "Enter closes it");
    assert_eq!(driver.app().period(), plan.periods()[0]);
    assert_eq!(
        driver.app().council().map(|c| c.id.as_str()),
        Some("sodermalm")
    );
}

#[test]
fn another_users_mark_reaches_an_open_granskning_through_the_service() {
    let service = Service::start(None);
    let client = service.client();
    client.watch(None).expect("watches");
    let updates = client.updates().expect("the update stream");
    let mut anna = Driver::new(client);
    anna.go_to("sodermalm", 2020, T1);
    anna.press(&[Action::OpenFlags]);
    // A finding: handled only once marked (an indicator's flag may be explained already).
    let finding = anna
        .app()
        .flags()
        .flags()
        .iter()
        .position(|flag| flag.kind.is_finding())
        .expect("a finding to mark");
    for _ in 0..finding {
        anna.press(&[Action::MoveDown]);
    }
    let (node, code, _) = selected_flag(&anna);
    anna.press(&[Action::Close, Action::OpenProgress]);
    let done = |driver: &Driver<Client>| {
        let state = driver.app().progress().expect("open");
        let rows = state.rows.as_ref().expect("reads").as_ref().expect("reads");
        let row = rows
            .iter()
            .find(|r| r.council == "sodermalm")
            .expect("reads");
        (row.progress.flags.done, row.progress.dismissed)
    };
    let (done_before, dismissed_before) = done(&anna);

    let bertil = service.client();
    bertil
        .apply_change(&Change::SetFlagDismissal {
            council: "sodermalm".into(),
            year: 2020,
            period: T1,
            node,
            code,
            reason: Some(REASON.into()),
        })
        .expect("Bertil's mark lands");
    let update = updates
        .recv_timeout(Duration::from_secs(30))
        .expect("the service pushes Bertil's mark");
    anna.run([Input::Remote(Box::new(update))]);
    assert_eq!(done(&anna), (done_before + 1, dismissed_before + 1));
    // And the flags list, read through the service, shows Bertil's reason.
    anna.press(&[Action::Close, Action::OpenFlags]);
    assert_eq!(selected_flag(&anna).2.as_deref(), Some(REASON));
}
