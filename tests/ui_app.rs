//! App state without a terminal: key → action → state, as a user would press the keys.

mod ui_common;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use malkoll::domain::Period;
use malkoll::tui::action::Action::{self, *};
use malkoll::tui::app::Focus;
use malkoll::tui::keymap::Context;
use ui_common::{Driver, source};

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// Presses a bound key through the real loop; returns the action the default keymap gives it
/// in the app's context (an unbound key is not pressed).
fn press_key(
    driver: &mut Driver<impl malkoll::tui::source::PlanSource>,
    code: KeyCode,
) -> Option<Action> {
    press_event(driver, key(code))
}

/// As [`press_key`], with Ctrl held.
fn press_ctrl(
    driver: &mut Driver<impl malkoll::tui::source::PlanSource>,
    code: KeyCode,
) -> Option<Action> {
    press_event(driver, KeyEvent::new(code, KeyModifiers::CONTROL))
}

fn press_event(
    driver: &mut Driver<impl malkoll::tui::source::PlanSource>,
    event: KeyEvent,
) -> Option<Action> {
    let action = driver.keymap().resolve(driver.app().context(), &event)?;
    driver.key_event(event);
    Some(action)
}

fn sodermalm_t1() -> Driver<malkoll::tui::source::MemorySource> {
    let mut driver = Driver::new(source());
    // Councils are sorted by name: Hässelby-Vällingby first, then Södermalm.
    driver.press(&[NextCouncil]);
    driver
}

#[test]
fn starts_on_first_council_latest_year_latest_period() {
    let driver = Driver::new(source());
    assert_eq!(
        driver.app().council().map(|c| c.id.as_str()),
        Some("hasselby-vallingby")
    );
    assert_eq!(driver.app().year(), Some(2021));
    assert_eq!(driver.app().period(), Period::Plan);
    assert_eq!(
        driver.selected_title().as_deref(),
        Some("1 En modern storstad med möjligheter och valfrihet för alla")
    );
}

#[test]
fn switching_council_keeps_year_when_it_exists() {
    let driver = sodermalm_t1();
    assert_eq!(
        driver.app().council().map(|c| c.id.as_str()),
        Some("sodermalm")
    );
    assert_eq!(driver.app().year(), Some(2021));
    let mut driver = driver;
    driver.press(&[PrevYear]);
    assert_eq!(driver.app().year(), Some(2020));
    assert_eq!(
        driver.app().period(),
        Period::Tertial(1),
        "the period with a report"
    );
    assert!(driver.app().period_has_report());
}

#[test]
fn keys_move_collapse_and_expand() {
    let mut driver = sodermalm_t1();
    assert_eq!(press_key(&mut driver, KeyCode::Down), Some(MoveDown));
    assert_eq!(
        driver.selected_title().as_deref(),
        Some("1.1 Stockholm är en stad där människor kan leva ett självständigt liv")
    );
    let rows_before = driver.app().tree().visible().len();
    assert_eq!(press_key(&mut driver, KeyCode::Left), Some(Collapse));
    assert_eq!(
        driver.app().tree().visible().len(),
        rows_before - 2,
        "1.1.1 and 1.1.2 hidden"
    );
    // Left on a collapsed goal goes to its parent.
    press_key(&mut driver, KeyCode::Left);
    assert_eq!(
        driver.selected_title().as_deref(),
        Some("1 En modern storstad med möjligheter och valfrihet för alla")
    );
    press_key(&mut driver, KeyCode::Down);
    assert_eq!(press_key(&mut driver, KeyCode::Right), Some(Expand));
    assert_eq!(driver.app().tree().visible().len(), rows_before);
    press_key(&mut driver, KeyCode::Enter);
    assert_eq!(
        driver.app().tree().visible().len(),
        rows_before - 2,
        "enter toggles"
    );
}

#[test]
fn collapse_all_then_expand_all() {
    let mut driver = sodermalm_t1();
    driver.press(&[MoveDown, MoveDown, CollapseAll]);
    assert_eq!(
        driver.app().tree().visible().len(),
        3,
        "the three inriktningsmål"
    );
    assert_eq!(
        driver.selected_title().as_deref(),
        Some("1 En modern storstad med möjligheter och valfrihet för alla")
    );
    driver.press(&[ExpandAll]);
    assert_eq!(driver.app().tree().visible().len(), 10);
}

#[test]
fn moves_stop_at_the_ends() {
    let mut driver = sodermalm_t1();
    driver.press(&[MoveUp, MoveUp]);
    assert_eq!(driver.app().tree().selected_row(), 0);
    driver.press(&[Last, MoveDown]);
    assert_eq!(driver.app().tree().selected_row(), 9);
    driver.press(&[First]);
    assert_eq!(driver.app().tree().selected_row(), 0);
}

#[test]
fn switching_period_keeps_selection_and_shows_missing_report() {
    let mut driver = sodermalm_t1();
    driver.press(&[PrevYear, MoveDown, MoveDown]);
    assert_eq!(
        driver.selected_title().as_deref(),
        Some("1.1.1 Vuxna försörjer sig själva")
    );
    driver.press(&[NextPeriod]);
    assert_eq!(driver.app().period(), Period::Tertial(2));
    assert!(!driver.app().period_has_report());
    assert_eq!(
        driver.selected_title().as_deref(),
        Some("1.1.1 Vuxna försörjer sig själva")
    );
    driver.press(&[NextPeriod, NextPeriod]);
    assert_eq!(driver.app().period(), Period::AnnualReport, "stops at VB");
    driver.press(&[PrevPeriod, PrevPeriod, PrevPeriod]);
    assert_eq!(
        driver.app().period(),
        Period::Plan,
        "no months without data"
    );
}

#[test]
fn switching_year_keeps_selection_by_number() {
    let mut driver = sodermalm_t1();
    driver.press(&[PrevYear, MoveDown, MoveDown, MoveDown]);
    assert_eq!(
        driver.selected_title().as_deref(),
        Some("1.1.2 Hemlösa har tak över huvudet")
    );
    driver.press(&[NextYear]);
    assert_eq!(driver.app().year(), Some(2021));
    assert_eq!(
        driver.selected_title().as_deref(),
        Some("1.1.2 Hemlösa har tak över huvudet")
    );
}

#[test]
fn help_opens_scrolls_and_closes() {
    let mut driver = sodermalm_t1();
    assert_eq!(press_key(&mut driver, KeyCode::Char('?')), Some(Help));
    assert_eq!(driver.app().context(), Context::Help);
    driver.screen(80, 24);
    press_key(&mut driver, KeyCode::Down);
    assert_eq!(driver.app().help_scroll(), Some(1));
    // In help, q closes the overlay instead of quitting.
    assert_eq!(press_key(&mut driver, KeyCode::Char('q')), Some(Close));
    assert_eq!(driver.app().help_scroll(), None);
    assert_eq!(driver.app().context(), Context::Tree);
}

#[test]
fn focus_switches_and_detail_scrolls() {
    let mut driver = sodermalm_t1();
    driver.press(&[PrevYear, MoveDown, MoveDown]);
    press_key(&mut driver, KeyCode::Tab);
    assert_eq!(driver.app().focus(), Focus::Detail);
    driver.screen(80, 24);
    // In the detail pane ↓ moves the row cursor; Ctrl-↓ scrolls.
    press_ctrl(&mut driver, KeyCode::Down);
    press_ctrl(&mut driver, KeyCode::Down);
    assert_eq!(driver.app().detail_scroll(), 2);
    assert_eq!(
        driver.app().tree().selected_row(),
        2,
        "tree selection unchanged"
    );
    press_key(&mut driver, KeyCode::End);
    driver.screen(80, 24);
    let end = driver.app().detail_scroll();
    press_ctrl(&mut driver, KeyCode::Down);
    assert_eq!(
        driver.app().detail_scroll(),
        end,
        "no scrolling past the end"
    );
    press_key(&mut driver, KeyCode::Esc);
    assert_eq!(driver.app().focus(), Focus::Tree);
}

#[test]
fn quit_ends_the_loop_and_redraw_does_not() {
    let mut driver = sodermalm_t1();
    let redraw = driver.key_for(Redraw);
    assert!(!driver.key_event(redraw), "Ctrl-L redraws");
    let quit = driver.key_for(Quit);
    assert!(driver.key_event(quit), "q quits");
}

#[test]
fn councils_wrap_around() {
    let mut driver = sodermalm_t1();
    driver.press(&[NextCouncil]);
    assert_eq!(
        driver.app().council().map(|c| c.id.as_str()),
        Some("hasselby-vallingby")
    );
    driver.press(&[PrevCouncil]);
    assert_eq!(
        driver.app().council().map(|c| c.id.as_str()),
        Some("sodermalm")
    );
}

#[test]
fn hostile_text_never_reaches_the_screen() {
    let mut plan = ui_common::sodermalm_2020();
    plan.goals[0].title = "Evil\u{202e}txet\u{200b} \u{1b}[2J title".into();
    plan.goals[0].description = "rad\u{2066}ett\u{1b}]0;pwned\u{7}".into();
    let mut driver = Driver::new(malkoll::tui::source::MemorySource { plans: vec![plan] });
    for (width, height) in [(80, 24), (200, 50)] {
        let screen = driver.screen(width, height);
        for hostile in ['\u{202e}', '\u{200b}', '\u{2066}', '\u{1b}', '\u{7}'] {
            assert!(
                !screen.contains(hostile),
                "{hostile:?} on screen:\n{screen}"
            );
        }
        // Whole escape sequences go, not only their ESC.
        assert!(
            !screen.contains("[2J") && !screen.contains("pwned"),
            "{screen}"
        );
        assert!(screen.contains("Evil"), "{screen}");
    }
}

/// ↓ on the detail's last row (a goal without indicators has only its own) scrolls the
/// text on, and after End it does not jump back to the top; ↑ on the first row scrolls up.
#[test]
fn arrow_past_the_last_detail_row_scrolls_instead_of_jumping_back() {
    let mut driver = sodermalm_t1();
    assert!(
        driver
            .app()
            .selected_goal()
            .is_some_and(|(_, g)| g.indicators.is_empty() && g.activities.is_empty()),
        "the first goal has no rows of its own"
    );
    press_key(&mut driver, KeyCode::Tab);
    driver.screen(80, 7);
    let screen = driver.screen(80, 7);
    assert_eq!(driver.app().detail_scroll(), 0, "{screen}");
    press_key(&mut driver, KeyCode::Down);
    driver.screen(80, 7);
    let screen = driver.screen(80, 7);
    assert_eq!(
        driver.app().detail_scroll(),
        1,
        "↓ scrolls the goal's text:\n{screen}"
    );
    press_key(&mut driver, KeyCode::End);
    driver.screen(80, 7);
    let end = driver.app().detail_scroll();
    assert!(end > 1);
    press_key(&mut driver, KeyCode::Down);
    driver.screen(80, 7);
    assert_eq!(driver.app().detail_scroll(), end, "stays at the end");
    press_key(&mut driver, KeyCode::Up);
    driver.screen(80, 7);
    assert_eq!(driver.app().detail_scroll(), end - 1, "↑ scrolls back up");
}

/// Below 40x12 the screen says it is too small instead of cutting everything; it comes back
/// when the window grows.
#[test]
fn a_window_below_40x12_says_it_is_too_small() {
    let mut driver = sodermalm_t1();
    let screen = driver.screen(39, 12);
    assert!(screen.contains("För litet fönster"), "{screen}");
    assert!(screen.contains("nu 39x12"), "{screen}");
    let screen = driver.screen(40, 11);
    assert!(screen.contains("För litet fönster"), "{screen}");
    let screen = driver.screen(40, 12);
    assert!(!screen.contains("För litet fönster"), "{screen}");
    assert!(screen.contains("malkoll"), "{screen}");
}

#[test]
fn what_opening_found_shows_in_the_status_line() {
    let (dir, store) = ui_common::seeded_store();
    drop(store);
    let db = dir.path().join("db");
    std::fs::write(db.join("snap.00000000000FFFFF.generating"), vec![7u8; 100]).expect("write");
    let store = malkoll::store::Store::open(&db).expect("store opens");
    assert_eq!(store.moved_aside().len(), 1);
    // As the interface holds the store: with the user who acts (a wrapper that did not pass
    // the notices on once hid them).
    let actor = malkoll::store::Actor::from_parts("test".into(), None);
    let store = malkoll::tui::source::ActingStore {
        store: std::sync::Arc::new(store),
        actor,
    };
    let mut driver = ui_common::Driver::new(store);
    let screen = driver.screen(200, 50);
    let status = screen.lines().nth(49).unwrap_or_default();
    assert!(
        status.contains("en ofullständig ögonblicksbild av databasen")
            && status.contains("recovered"),
        "{screen}"
    );
    // Said once: the next key brings the hints back.
    driver.press(&[malkoll::tui::action::Action::MoveDown]);
    let screen = driver.screen(200, 50);
    assert!(!screen.contains("ofullständig"), "{screen}");
}

#[test]
fn a_goals_agenda_2030_goals_show_as_tags_in_the_detail() {
    let (_dir, store) = ui_common::seeded_store();
    let mut driver = Driver::new(store);
    driver.go_to("hasselby-vallingby", 2021, Period::Plan);
    driver.press(&[MoveDown]);
    assert_eq!(
        driver.selected_title().as_deref(),
        Some(
            "1.1 I Stockholm är människor självförsörjande och vägen till arbete och svenskkunskaper är kort"
        )
    );
    // VP21's Agenda 2030 block under 1.1 names goals 1, 5 and 10; at 80 columns the tags wrap.
    let screen = driver.screen(200, 50);
    assert!(
        screen.contains("Agenda 2030: 1 Ingen fattigdom · 5 Jämställdhet · 10 Minskad ojämlikhet"),
        "{screen}"
    );
    let narrow = driver.screen(80, 24);
    assert!(
        narrow.contains("Agenda 2030: 1 Ingen fattigdom"),
        "{narrow}"
    );
}

/// The tree's width keys work from the tree and from the detail pane, and the width chosen
/// is what the loop hands over for saving on quit or hang-up: saved to the panes file beside
/// the position files and restored on the next start. A session that did not change it
/// saves nothing, and a file from a malkoll without it (none at all) means the default.
#[test]
fn the_tree_width_is_chosen_with_keys_and_remembered_across_a_restart() {
    use malkoll::tui::panes::{Panes, PanesFile};
    use malkoll::tui::position::PositionFile;
    let mut driver = sodermalm_t1();
    let border = |screen: &str| {
        let top = screen.lines().nth(1).unwrap_or_default().to_owned();
        top.chars()
            .position(|c| c == '┐' || c == '┓')
            .map_or(0, |at| at + 1)
    };
    assert_eq!(border(&driver.screen(80, 24)), 32, "the default at 80x24");
    assert_eq!(driver.live_panes(), None, "not changed: nothing to save");
    assert_eq!(press_key(&mut driver, KeyCode::Char('>')), Some(TreeWider));
    assert_eq!(border(&driver.screen(80, 24)), 36);
    // From the detail pane too.
    driver.press(&[SwitchFocus]);
    assert_eq!(press_key(&mut driver, KeyCode::Char('>')), Some(TreeWider));
    assert_eq!(border(&driver.screen(80, 24)), 40);
    assert_eq!(
        press_key(&mut driver, KeyCode::Char('<')),
        Some(TreeNarrower)
    );
    assert_eq!(press_key(&mut driver, KeyCode::Char('>')), Some(TreeWider));
    let panes = driver.live_panes().expect("changed: saved on quit");
    assert_eq!(panes, Panes { tree_width: 8 });

    // What quitting writes, the next start reads.
    let dir = tempfile::tempdir().expect("temp dir");
    let positions = PositionFile::at(dir.path().join("position-1.json"));
    let file = PanesFile::beside(&positions);
    assert_eq!(file.load(), None, "no file yet: the default");
    file.save(&panes).expect("saved");
    let mut again = Driver::new(driver.into_source());
    again
        .session
        .app
        .restore_panes(file.load().expect("read back"));
    assert_eq!(border(&again.screen(80, 24)), 40);
    assert_eq!(again.live_panes(), None, "restored, not changed");
    // The same choice at 200x50: eight columns over that size's default.
    assert_eq!(border(&again.screen(200, 50)), 68);
}
