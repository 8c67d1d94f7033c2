//! End to end: a controller's monthly review of Södermalm T1 2020 with the real binary in
//! tmux — a prognosis that misses its årsmål, a two-paragraph analys with a pasted block, a
//! bedömning, an activity marked Avvikelse with its analys — then quit, start again and find
//! everything, on screen and in the database. A second run kills the session with SIGHUP
//! while typing and finds the draft offered back. Each run has its own tmux server, HOME,
//! XDG dirs and database. Without tmux they fail, loudly (CI installs it).
//! `MALKOLL_E2E_BIN=target/release/malkoll` runs them against the release binary.

mod e2e_common;

use std::time::Duration;

use e2e_common::{Home, Tmux, go_to_sodermalm_t1_2020, require_tmux, top_line};
use malkoll::domain::{Assessment, Goal, Period};
use malkoll::store::Store;

/// A session in `home` that pauses 150 ms after each key, so screens stay readable when a
/// step fails.
fn start(home: &Home, name: &str, width: u16, height: u16) -> Tmux {
    Tmux::start_in(home, name, width, height).paced(Duration::from_millis(150))
}

/// From the top of the tree: down to 1.1.1 (IM 1 → KF 1.1 → 1.1.1).
fn select_goal_111(tmux: &Tmux) {
    tmux.send(&["Home", "Down", "Down"]);
    tmux.wait_for("1.1.1 Vuxna försörjer sig själva");
}

/// Goal `number` in Södermalm's 2020 plan as stored.
fn sodermalm_2020_goal(store: &Store, number: &str) -> Goal {
    let plan = store
        .plan_year("sodermalm", 2020)
        .expect("read")
        .expect("plan year");
    plan.goals_depth_first()
        .into_iter()
        .find(|g| g.number.as_deref() == Some(number))
        .expect(number)
        .clone()
}

const PARAGRAPH_ONE: &str = "Prognosen 20 % når inte årsmålet 28 %.";
const PASTED: &str = "Andra stycket: färre platser i arbetsträning\nunder pandemin.";
const DEVIATION: &str = "Försenad: vägledningen pausades under våren.";

#[test]
fn monthly_review_is_saved_and_found_after_restart() {
    require_tmux();
    let home = Home::new();
    {
        let tmux = start(&home, "review", 80, 24);
        go_to_sodermalm_t1_2020(&tmux);
        select_goal_111(&tmux);

        // The indicator of 1.1.1: a prognosis of 20 % against an årsmål of 28 %.
        tmux.send(&["Tab", "Down", "v"]);
        tmux.wait_for("Prognos helår (%)");
        tmux.send(&["Tab", "Tab", "Tab"]);
        tmux.send(&["End", "BSpace", "BSpace", "BSpace", "BSpace"]);
        tmux.type_text("2x");
        tmux.send(&["C-s"]);
        let screen = tmux.wait_for("Inget sparat");
        assert!(
            screen.contains("⚠ «2x»"),
            "the message is at the field:\n{screen}"
        );
        tmux.send(&["BSpace", "BSpace"]);
        tmux.type_text("20 %");
        tmux.send(&["Enter", "Enter"]);
        let screen = tmux.wait_for("Sparat: Värden");
        assert!(screen.contains("✓ sparat"), "{screen}");

        // The goal's analys: two paragraphs, the second pasted.
        tmux.send(&["Up", "a"]);
        tmux.wait_for("Analys T1 · 1.1.1");
        tmux.send(&["C-a"]); // to the start of the line; nothing is typed
        tmux.send(&["C-End", "Enter", "Enter"]);
        tmux.type_text(PARAGRAPH_ONE);
        let screen = tmux.wait_for("● osparat");
        assert!(screen.contains(PARAGRAPH_ONE), "{screen}");
        tmux.send(&["Enter", "Enter"]);
        tmux.paste(PASTED);
        let screen = tmux.wait_for("under pandemin.");
        assert!(
            screen.contains("Analys T1 · 1.1.1"),
            "a multi-line paste must not close the editor:\n{screen}"
        );
        tmux.send(&["C-s"]);
        tmux.wait_for("Sparat: analysen (Bedömning för 1.1.1");

        // Bedömning: uppfylls delvis.
        tmux.send(&["b"]);
        tmux.wait_for("2 ◐ Uppfylls delvis");
        tmux.send(&["Down", "Enter"]);
        tmux.wait_for("Sparat: Bedömning för 1.1.1");

        // 1.1.2's first activity: Avvikelse, whose analys may not be empty.
        tmux.send(&["Tab", "Down"]);
        tmux.wait_for("1.1.2 Nyanlända");
        tmux.send(&["Tab", "Down", "Down", "s"]);
        tmux.wait_for("Markera avvikelse");
        tmux.send(&["Enter"]);
        tmux.wait_for("Avvikelse: analys");
        tmux.send(&["C-s"]);
        tmux.wait_for("Analysen får inte vara tom");
        tmux.type_text(DEVIATION);
        tmux.send(&["C-s"]);
        tmux.wait_for("Sparat: analysen (Status för");
        tmux.send(&["q"]);
        tmux.wait_for("EXITED 0");
        tmux.wait_until_ended();
    }
    {
        // Start again: back where the review stopped (1.1.2's activity, in the detail
        // pane), and everything is there on screen.
        let tmux = start(&home, "again", 200, 50);
        let screen = tmux.wait_for("malkoll ·");
        assert!(top_line(&screen).contains("Södermalm"), "{screen}");
        assert!(top_line(&screen).contains("· 2020 ·"), "{screen}");
        assert!(top_line(&screen).contains("· T1 "), "{screen}");
        tmux.wait_for("1.1.2 Nyanlända");
        tmux.send(&["Tab"]);
        select_goal_111(&tmux);
        let screen = tmux.wait_for("under pandemin.");
        assert!(screen.contains(PARAGRAPH_ONE), "{screen}");
        assert!(screen.contains("◐ Uppfylls delvis"), "{screen}");
        assert!(screen.contains("20 %"), "{screen}");
        assert!(
            !screen.contains("Utkast"),
            "nothing was left unsaved:\n{screen}"
        );
        tmux.send(&["Down"]);
        let screen = tmux.wait_for("1.1.2 Nyanlända");
        assert!(screen.contains("⚠ Ja"), "{screen}");
        assert!(screen.contains(DEVIATION), "{screen}");
        tmux.send(&["q"]);
        tmux.wait_for("EXITED 0");
        tmux.wait_until_ended();
    }
    // And in the database, after the process has ended.
    let store = Store::open(&home.db()).expect("store opens");
    let t1 = Period::Tertial(1);
    let goal = sodermalm_2020_goal(&store, "1.1.1");
    let status = goal.status_in(t1);
    assert_eq!(status.assessment, Assessment::PartiallyMet);
    assert!(
        status
            .analysis
            .ends_with(&format!("\n\n{PARAGRAPH_ONE}\n\n{PASTED}")),
        "{:?}",
        status.analysis
    );
    let report = goal.indicators[0].report_in(t1);
    assert_eq!(report.forecast_full_year.display(), "20 %");
    assert_eq!(report.annual_target.display(), "28 %");
    let goal_112 = sodermalm_2020_goal(&store, "1.1.2");
    let activity = goal_112.activities[0].report_in(t1);
    assert!(activity.deviation);
    assert_eq!(activity.analysis, DEVIATION);
    assert!(store.drafts().expect("drafts").is_empty());
    let log = store.audit_log().expect("audit log");
    assert_eq!(
        log.iter().filter(|e| e.actor.login != "okänd").count(),
        log.len()
    );
}

#[test]
fn sighup_while_typing_keeps_a_draft_that_is_offered_back() {
    require_tmux();
    let home = Home::new();
    const TYPED: &str = "Halvskriven analys som inte hann sparas";
    {
        let tmux = start(&home, "hup", 80, 24);
        go_to_sodermalm_t1_2020(&tmux);
        select_goal_111(&tmux);
        tmux.send(&["a"]);
        tmux.wait_for("Analys T1 · 1.1.1");
        tmux.send(&["C-End", "Enter"]);
        tmux.type_text(TYPED);
        tmux.wait_for(TYPED);
        // At once, well inside the one-second idle: only the signal thread can save it.
        tmux.signal_malkoll("HUP");
    }
    {
        let store = Store::open(&home.db()).expect("store opens");
        let drafts = store.drafts().expect("drafts");
        assert_eq!(drafts.len(), 1, "{drafts:?}");
        assert!(drafts[0].text.ends_with(TYPED), "{:?}", drafts[0].text);
        let goal = sodermalm_2020_goal(&store, "1.1.1");
        assert!(
            !goal.status_in(Period::Tertial(1)).analysis.contains(TYPED),
            "a draft never overwrites saved text by itself"
        );
    }
    {
        // The next start opens the editor on 1.1.1 with the draft, wherever one starts.
        let tmux = start(&home, "back", 80, 24);
        let screen = tmux.wait_for("Utkast från");
        assert!(screen.contains("Analys T1 · 1.1.1"), "{screen}");
        assert!(screen.contains(TYPED), "{screen}");
        assert!(top_line(&screen).contains("Södermalm"), "{screen}");
        // Closing asks; "b" keeps it as a draft for the next time.
        tmux.send(&["Escape"]);
        tmux.wait_for("Osparade ändringar");
        tmux.send(&["b"]);
        tmux.wait_for("Utkastet sparades");
        tmux.send(&["q"]);
        tmux.wait_for("EXITED 0");
        tmux.wait_until_ended();
    }
    {
        // Offered again; this time saved.
        let tmux = start(&home, "save", 80, 24);
        tmux.wait_for("Utkast från");
        tmux.send(&["C-s"]);
        tmux.wait_for("Sparat: analysen (Bedömning för 1.1.1");
        tmux.send(&["q"]);
        tmux.wait_for("EXITED 0");
        tmux.wait_until_ended();
    }
    let store = Store::open(&home.db()).expect("store opens");
    assert!(store.drafts().expect("drafts").is_empty());
    let analysis = sodermalm_2020_goal(&store, "1.1.1")
        .status_in(Period::Tertial(1))
        .analysis;
    assert!(analysis.ends_with(TYPED), "{analysis:?}");
}

#[test]
fn a_pause_in_typing_saves_a_draft_that_survives_kill_9() {
    require_tmux();
    let home = Home::new();
    const TYPED: &str = "Skrivet före en paus";
    {
        let tmux = start(&home, "idle", 80, 24);
        go_to_sodermalm_t1_2020(&tmux);
        select_goal_111(&tmux);
        tmux.send(&["a"]);
        tmux.wait_for("Analys T1 · 1.1.1");
        tmux.type_text(TYPED);
        tmux.wait_for(TYPED);
        // The draft is written about a second after the last key; SIGKILL gives the signal
        // thread no chance, so only that idle save can bring the text back.
        tmux.wait_for("utkast finns");
        tmux.signal_malkoll("KILL");
    }
    let tmux = start(&home, "idle-back", 200, 50);
    let screen = tmux.wait_for("Utkast från");
    assert!(screen.contains(TYPED), "{screen}");
    // In the editor "q" is text; Ctrl-C asks as Esc does, «b» keeps the draft for next
    // time, and q quits.
    tmux.send(&["C-c"]);
    tmux.wait_for("Behåll som utkast");
    tmux.send(&["b"]);
    tmux.wait_gone("Utkast från", "the editor did not close");
    tmux.send(&["q"]);
    tmux.wait_for("EXITED 0");
    tmux.wait_until_ended();
    let store = Store::open(&home.db()).expect("store opens");
    let drafts = store.drafts().expect("drafts");
    assert_eq!(drafts.len(), 1, "{drafts:?}");
    assert!(drafts[0].text.ends_with(TYPED));
}

/// The value form keeps a draft too. At 80x24 a prognosis is typed into the form and the
/// session is hung up on (SIGHUP) at once, well inside the idle second, so only the signal
/// thread can keep it; the next start offers the form back with the typed value, and saving
/// it from there stores it and forgets the draft. The tree's width, widened with «>» before
/// the hang-up, is back too (saved beside the position by the same signal thread).
#[test]
fn sighup_in_the_value_form_keeps_a_draft_that_is_offered_back() {
    require_tmux();
    let home = Home::new();
    const TYPED: &str = "17,5";
    let tree_border = |screen: &str| {
        screen
            .lines()
            .nth(1)
            .and_then(|line| line.chars().position(|c| c == '┐' || c == '┓'))
            .map(|at| at + 1)
    };
    let forecast = |store: &Store| {
        sodermalm_2020_goal(store, "1.1.1").indicators[0]
            .report_in(Period::Tertial(1))
            .forecast_full_year
            .display()
    };
    {
        let tmux = start(&home, "values-hup", 80, 24);
        go_to_sodermalm_t1_2020(&tmux);
        select_goal_111(&tmux);
        tmux.send(&[">"]);
        tmux.wait_until("the tree widened", |s| tree_border(s) == Some(36));
        tmux.send(&["Tab", "Down", "v"]);
        tmux.wait_for("Prognos helår (%)");
        tmux.send(&["Tab", "Tab", "Tab", "C-u"]);
        tmux.type_text(TYPED);
        tmux.wait_for(&format!("› {TYPED}"));
        // At once: only the signal thread can save it.
        tmux.signal_malkoll("HUP");
    }
    {
        let store = Store::open(&home.db()).expect("store opens");
        let drafts = store.drafts().expect("drafts");
        assert_eq!(drafts.len(), 1, "{drafts:?}");
        assert!(drafts[0].key.ends_with("/varden"), "{drafts:?}");
        assert!(drafts[0].text.contains(TYPED), "{drafts:?}");
        assert_eq!(forecast(&store), "28 %", "a draft is not a save");
    }
    let panes = std::fs::read_to_string(home.state().join("panes.json")).expect("panes.json");
    assert_eq!(panes, "{\"version\":\"1\",\"tree_width\":4}");
    {
        // The next start opens the form on the indicator, at the typed value.
        let tmux = start(&home, "values-back", 80, 24);
        let screen = tmux.wait_for("Utkast från");
        assert!(screen.contains("Värden T1 · Andel män"), "{screen}");
        assert!(screen.contains(&format!("› {TYPED}")), "{screen}");
        assert!(top_line(&screen).contains("utkast finns"), "{screen}");
        assert_eq!(tree_border(&screen), Some(36), "{screen}");
        tmux.send(&["C-s"]);
        tmux.wait_for("Sparat: Värden");
        tmux.send(&["q"]);
        tmux.wait_for("EXITED 0");
        tmux.wait_until_ended();
    }
    let store = Store::open(&home.db()).expect("store opens");
    assert!(store.drafts().expect("drafts").is_empty());
    assert_eq!(forecast(&store), "17,5 %");
}
