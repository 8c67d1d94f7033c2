//! Two users at once through the real service: the interface (the real loop with real keys,
//! on a `Client` of a running `malkoll serve`) saves over nothing it has not seen. A save that
//! crosses another user's gives the conflict question; keep mine, take theirs and merge each
//! end as they say, and a reload of the view while an editor is open (the live update) does
//! not move the editor's base past the other user's change.

#[path = "service_common/mod.rs"]
mod service_common;
#[path = "ui_common/mod.rs"]
mod ui_common;

use std::sync::mpsc::Receiver;
use std::time::Duration;

use crossterm::event::KeyCode;
use malkoll::domain::{NodeId, Period, PlanYear};
use malkoll::service::{Client, RemoteUpdate};
use malkoll::store::Change;
use malkoll::tui::action::Action;
use malkoll::tui::events::Input;
use malkoll::tui::source::PlanSource;
use service_common::{Service, analysis_of};
use ui_common::Driver;

const T1: Period = Period::Tertial(1);

/// Anna in the interface at Södermalm T1 2020, watching for others' saves; Bertil a second
/// client of the same service.
struct TwoUsers {
    /// Kept running for as long as the users are.
    _service: Service,
    anna: Driver<Client>,
    anna_updates: Receiver<RemoteUpdate>,
    bertil: Client,
}

impl TwoUsers {
    fn start() -> TwoUsers {
        let service = Service::start(None);
        let client = service.client();
        client.watch(None).expect("watches");
        let anna_updates = client.updates().expect("the update stream");
        let mut anna = Driver::new(client);
        anna.go_to("sodermalm", 2020, T1);
        let bertil = service.client();
        TwoUsers {
            _service: service,
            anna,
            anna_updates,
            bertil,
        }
    }

    /// Selects `goal` in the tree with the keys a user presses.
    fn select_goal(&mut self, goal: NodeId) {
        self.anna.press(&[Action::ExpandAll]);
        for _ in 0..200 {
            if self.anna.app().selected_goal().map(|(_, g)| g.id) == Some(goal) {
                return;
            }
            self.anna.press(&[Action::MoveDown]);
        }
        panic!("goal {goal} not reached in the tree");
    }

    /// Bertil saves `text` as the goal's T1 analys, over what he reads now.
    fn bertil_saves_analysis(&self, goal: NodeId, text: &str) {
        let plan = plan_now(&self.bertil);
        let mut status = plan
            .goals_depth_first()
            .into_iter()
            .find(|g| g.id == goal)
            .expect("the goal")
            .status_in(T1);
        status.analysis = text.to_owned();
        self.bertil
            .apply_change(&Change::SetGoalStatus {
                council: "sodermalm".into(),
                year: 2020,
                goal,
                period: T1,
                status,
            })
            .expect("Bertil's save lands");
    }

    /// Hands Anna's interface the update the service pushed for Bertil's save, as the
    /// loop's event thread does.
    fn deliver_update(&mut self) {
        let update = self
            .anna_updates
            .recv_timeout(Duration::from_secs(30))
            .expect("the service pushes Bertil's save");
        self.anna.run([Input::Remote(Box::new(update))]);
    }

    fn stored_analysis(&self, goal: NodeId) -> String {
        analysis_of(&plan_now(&self.bertil), goal, T1).unwrap_or_default()
    }

    /// Anna saves the open editor; the save must come back as a conflict.
    fn anna_saves_into_a_conflict(&mut self) -> String {
        self.anna.press(&[Action::Save]);
        assert!(
            self.anna.app().conflict().is_some(),
            "the save must be a conflict, not an overwrite: {:?}",
            self.anna.app().message()
        );
        self.anna.screen(80, 24)
    }
}

fn plan_now(client: &Client) -> PlanYear {
    PlanSource::plan_year(client, "sodermalm", 2020)
        .expect("reads")
        .expect("bundled Södermalm 2020")
}

/// A goal whose T1 analys has at least two paragraphs.
fn goal_with_paragraphs(plan: &PlanYear) -> (NodeId, String) {
    plan.goals_depth_first()
        .into_iter()
        .map(|goal| (goal.id, goal.status_in(T1).analysis))
        .find(|(_, text)| text.lines().filter(|l| !l.trim().is_empty()).count() >= 2)
        .expect("a goal with a T1 analys of two paragraphs")
}

#[test]
fn a_live_reload_does_not_let_a_save_overwrite_what_was_not_seen_and_merge_keeps_both() {
    let mut users = TwoUsers::start();
    let (goal, ancestor) = goal_with_paragraphs(&plan_now(&users.bertil));
    users.select_goal(goal);
    users.anna.press(&[Action::EditAnalysis]);
    // Anna adds a paragraph at the end (the editor opens with the cursor there).
    users.anna.press(&[Action::NewLine]);
    users.anna.type_text("Annas tillägg.");
    // Meanwhile Bertil rewrites the first paragraph; Anna's view reloads live.
    let mut paragraphs: Vec<&str> = ancestor.split('\n').collect();
    paragraphs[0] = "Bertils nya inledning.";
    let theirs = paragraphs.join("\n");
    users.bertil_saves_analysis(goal, &theirs);
    users.deliver_update();
    assert!(
        users
            .anna
            .app()
            .message()
            .is_some_and(|m| m.contains("det du har öppet")),
        "Anna is told at once: {:?}",
        users.anna.app().message()
    );
    let screen = users.anna_saves_into_a_conflict();
    assert!(screen.contains("Krock"), "{screen}");
    assert!(screen.contains("Slå ihop"), "{screen}");
    assert_eq!(users.stored_analysis(goal), theirs, "nothing overwritten");

    users.anna.press(&[Action::MergeTexts]);
    assert!(users.anna.app().conflict().is_none());
    users.anna.press(&[Action::Save]);
    let expected = format!("{theirs}\nAnnas tillägg.");
    assert_eq!(
        users.stored_analysis(goal),
        expected,
        "{:?}",
        users.anna.app().message()
    );
    assert!(users.anna.app().overlay().is_none(), "the editor closed");
}

#[test]
fn keep_mine_overwrites_theirs_only_after_the_choice_and_take_theirs_drops_mine() {
    let mut users = TwoUsers::start();
    let (goal, _) = goal_with_paragraphs(&plan_now(&users.bertil));
    users.select_goal(goal);

    // Keep mine.
    users.anna.press(&[Action::EditAnalysis]);
    users.anna.press(&[Action::NewLine]);
    users.anna.type_text("Anna.");
    users.bertil_saves_analysis(goal, "Bertil.");
    users.deliver_update();
    users.anna_saves_into_a_conflict();
    assert_eq!(users.stored_analysis(goal), "Bertil.");
    users.anna.press(&[Action::KeepMine]);
    assert!(
        users.stored_analysis(goal).ends_with("Anna."),
        "{:?}",
        users.anna.app().message()
    );
    assert!(users.anna.app().overlay().is_none());

    // Take theirs.
    users.anna.press(&[Action::EditAnalysis]);
    users.anna.type_text(" Mer av Anna.");
    users.bertil_saves_analysis(goal, "Bertil igen.");
    users.deliver_update();
    users.anna_saves_into_a_conflict();
    users.anna.press(&[Action::TakeTheirs]);
    assert_eq!(users.stored_analysis(goal), "Bertil igen.");
    assert!(users.anna.app().overlay().is_none(), "the editor closed");
    assert!(
        PlanSource::drafts(users.anna.source())
            .expect("drafts")
            .is_empty(),
        "no draft of the dropped text is left to be offered"
    );
}

#[test]
fn a_merge_of_the_same_paragraph_is_marked_and_not_saved_until_settled() {
    let mut users = TwoUsers::start();
    let (goal, _) = goal_with_paragraphs(&plan_now(&users.bertil));
    users.select_goal(goal);
    users.anna.press(&[Action::EditAnalysis]);
    users.anna.type_text(" Anna.");
    users.bertil_saves_analysis(goal, "Bertil.");
    users.deliver_update();
    users.anna_saves_into_a_conflict();
    users.anna.press(&[Action::MergeTexts]);
    let message = users.anna.app().message().unwrap_or_default().to_owned();
    assert!(message.contains("(1 st)"), "{message}");
    users.anna.press(&[Action::Save]);
    assert_eq!(
        users.stored_analysis(goal),
        "Bertil.",
        "markers are not saved"
    );
    let screen = users.anna.screen(80, 24);
    assert!(screen.contains("«««« Din text"), "{screen}");
    assert!(screen.contains("Välj först"), "{screen}");
    // Esc on the editor asks before closing; nothing is lost.
    users.anna.keys(&[KeyCode::Esc]);
    assert!(users.anna.app().asking_before_close());
}

#[test]
fn an_undo_over_another_users_change_asks_and_esc_keeps_it_undoable() {
    let mut users = TwoUsers::start();
    let (goal, _) = goal_with_paragraphs(&plan_now(&users.bertil));
    users.select_goal(goal);
    users.anna.press(&[Action::EditAnalysis]);
    users.anna.type_text(" Anna.");
    users.anna.press(&[Action::Save]);
    assert!(users.anna.app().overlay().is_none(), "saved");
    users.bertil_saves_analysis(goal, "Bertil.");
    users.deliver_update();
    users.anna.press(&[Action::UndoChange]);
    let screen = users.anna.screen(80, 24);
    assert!(users.anna.app().conflict().is_some(), "{screen}");
    assert!(
        !screen.contains("Slå ihop"),
        "an undo has no text to merge: {screen}"
    );
    users.anna.keys(&[KeyCode::Esc]);
    assert_eq!(users.stored_analysis(goal), "Bertil.");
    // Still undoable: the same question again, and keep mine undoes over Bertil.
    users.anna.press(&[Action::UndoChange]);
    assert!(users.anna.app().conflict().is_some());
    users.anna.press(&[Action::KeepMine]);
    assert_ne!(users.stored_analysis(goal), "Bertil.");
    assert!(!users.stored_analysis(goal).ends_with("Anna."));
}
