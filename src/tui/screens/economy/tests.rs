use super::*;
use crate::domain::budget::{BudgetArea, Economy, Money};

fn area(name: &str, budget: &str, t1: &str) -> BudgetArea {
    let mut area = BudgetArea::new(name);
    area.line.budget = Money::parse_mnkr(budget).ok();
    area.line
        .forecasts
        .insert(Period::Tertial(1), Money::parse_mnkr(t1).expect("amount"));
    area
}

fn economy() -> Economy {
    let mut ifo = area("Individ- och familjeomsorg", "226,2", "241,2");
    ifo.children.push(area("varav vuxen", "55,6", "57,6"));
    Economy {
        areas: vec![
            area("Nämnd och administration", "71,2", "71,2"),
            ifo,
            area("Äldreomsorg", "1071,1", "1063,1"),
        ],
        ..Economy::default()
    }
}

fn scope(economy: &Economy, period: Period) -> Option<Scope<'_>> {
    Some(Scope {
        council: "sodermalm",
        year: 2020,
        period,
        economy,
    })
}

fn open_screen() -> EconomyScreen {
    let mut screen = EconomyScreen::default();
    screen.set_page(Page {
        rows: 2,
        max_scroll: 0,
    });
    screen
}

fn forecast_change(area: &str, period: Period, amount: Option<i64>) -> Change {
    Change::Economy(EconomyChange::SetAreaForecast {
        council: "sodermalm".into(),
        year: 2020,
        area: area.into(),
        period,
        amount: amount.map(Money::from_tkr),
    })
}

#[test]
fn moves_over_every_area_and_its_parts_and_stays_within_them() {
    let economy = economy();
    let m5 = Period::Month(5);
    let mut screen = open_screen();
    assert_eq!(screen.context(), Context::Economy);
    screen.update(Action::MoveDown, scope(&economy, m5));
    screen.update(Action::MoveDown, scope(&economy, m5));
    // Individ- och familjeomsorg, then its "varav" part.
    assert_eq!(screen.selected(4), 2);
    screen.update(Action::PageDown, scope(&economy, m5));
    assert_eq!(screen.selected(4), 3, "the last area stops the page");
    screen.update(Action::MoveDown, scope(&economy, m5));
    assert_eq!(screen.selected(4), 3);
    screen.update(Action::PageUp, scope(&economy, m5));
    assert_eq!(screen.selected(4), 1);
    screen.update(Action::First, scope(&economy, m5));
    assert_eq!(screen.selected(4), 0);
    // A shorter economy after a reload clamps the selection.
    screen.update(Action::Last, scope(&economy, m5));
    assert_eq!(screen.selected(2), 1);
}

#[test]
fn periods_undo_and_quit_are_left_to_the_app_and_other_keys_stay_here() {
    let economy = economy();
    let mut screen = open_screen();
    for action in [
        Action::NextPeriod,
        Action::PrevYear,
        Action::NextCouncil,
        Action::UndoChange,
        Action::Quit,
        Action::Help,
    ] {
        assert_eq!(
            screen.update(action, scope(&economy, Period::Month(5))),
            Outcome::NotMine,
            "{action}"
        );
    }
    // The tree's editors do not open over the economy.
    assert_eq!(
        screen.update(Action::EditAnalysis, scope(&economy, Period::Month(5))),
        Outcome::Done
    );
    // Att åtgärda takes over: this screen closes and lets the app open it.
    assert_eq!(
        screen.update(Action::OpenFlags, scope(&economy, Period::Month(5))),
        Outcome::Leave
    );
    assert_eq!(
        screen.update(Action::Close, scope(&economy, Period::Month(5))),
        Outcome::Close
    );
}

#[test]
fn a_typed_prognosis_becomes_one_economy_change_and_the_field_closes_when_stored() {
    let economy = economy();
    let m5 = Period::Month(5);
    let mut screen = open_screen();
    screen.update(Action::Last, scope(&economy, m5));
    assert_eq!(
        screen.update(Action::EditForecast, scope(&economy, m5)),
        Outcome::Done
    );
    assert_eq!(screen.context(), Context::Form);
    assert!(screen.takes_text());
    let entry = screen.entry().expect("field open");
    assert_eq!(entry.area, "Äldreomsorg");
    // No prognosis of its own for May yet: the field starts empty.
    assert_eq!(entry.input.text(), "");
    screen.type_text("1 100,5 mnkr");
    let expected = forecast_change("Äldreomsorg", m5, Some(1_100_500));
    assert_eq!(
        screen.update(Action::Confirm, scope(&economy, m5)),
        Outcome::Save(expected.clone())
    );
    // Waiting for the store: a second Enter sends nothing more.
    assert_eq!(
        screen.update(Action::Confirm, scope(&economy, m5)),
        Outcome::Done
    );
    // Another change's result leaves the field alone; its own closes it.
    screen.applied(&forecast_change("Förskola", m5, None), Ok(()));
    assert!(screen.entry().is_some());
    screen.applied(&expected, Ok(()));
    assert!(screen.entry().is_none());
    assert_eq!(screen.context(), Context::Economy);
}

#[test]
fn the_field_starts_with_the_periods_own_prognosis_and_an_empty_field_removes_it() {
    let economy = economy();
    let t1 = Period::Tertial(1);
    let mut screen = open_screen();
    screen.update(Action::MoveDown, scope(&economy, t1));
    screen.update(Action::EditForecast, scope(&economy, t1));
    assert_eq!(screen.entry().map(|e| e.input.text()), Some("241,2"));
    screen.update(Action::DeleteToLineStart, scope(&economy, t1));
    assert_eq!(
        screen.update(Action::Save, scope(&economy, t1)),
        Outcome::Save(forecast_change("Individ- och familjeomsorg", t1, None))
    );
}

#[test]
fn swedish_negative_amounts_are_read_with_the_typographic_minus() {
    let economy = economy();
    let m5 = Period::Month(5);
    let mut screen = open_screen();
    screen.update(Action::EditForecast, scope(&economy, m5));
    screen.type_text("−1,5");
    assert_eq!(
        screen.update(Action::Confirm, scope(&economy, m5)),
        Outcome::Save(forecast_change(
            "Nämnd och administration",
            m5,
            Some(-1_500)
        ))
    );
}

#[test]
fn a_bad_amount_gets_a_swedish_message_at_the_field_and_nothing_is_saved() {
    let economy = economy();
    let m5 = Period::Month(5);
    let mut screen = open_screen();
    screen.update(Action::EditForecast, scope(&economy, m5));
    for (typed, says) in [
        ("12.3", "decimalkomma"),
        ("5 tkr", "mnkr"),
        ("tolv", "inget tal"),
        ("1,2345", "tre decimaler"),
    ] {
        screen.update(Action::DeleteToLineStart, scope(&economy, m5));
        screen.update(Action::LineEnd, scope(&economy, m5));
        screen.update(Action::DeleteToLineStart, scope(&economy, m5));
        screen.type_text(typed);
        let outcome = screen.update(Action::Confirm, scope(&economy, m5));
        assert_eq!(
            outcome,
            Outcome::Message("Inget sparat: rätta beloppet".into()),
            "{typed}"
        );
        let entry = screen.entry().expect("the field stays open");
        let error = entry.error.as_deref().unwrap_or_default();
        assert!(error.contains(says), "{typed}: {error}");
        assert_eq!(entry.pending, None);
    }
    // Typing again clears the message; Esc closes the field without saving.
    screen.type_text("0");
    assert_eq!(screen.entry().and_then(|e| e.error.clone()), None);
    assert_eq!(
        screen.update(Action::Close, scope(&economy, m5)),
        Outcome::Done
    );
    assert!(
        screen.entry().is_none(),
        "Esc closes the field, not the screen"
    );
}

#[test]
fn a_refused_save_stays_at_the_field_with_its_reason() {
    let economy = economy();
    let m5 = Period::Month(5);
    let mut screen = open_screen();
    screen.update(Action::EditForecast, scope(&economy, m5));
    screen.type_text("80");
    let Outcome::Save(change) = screen.update(Action::Confirm, scope(&economy, m5)) else {
        panic!("a valid amount is saved");
    };
    screen.applied(&change, Err("databasen är skrivskyddad"));
    let entry = screen.entry().expect("still open");
    assert_eq!(
        entry.error.as_deref(),
        Some("Kunde inte spara: databasen är skrivskyddad")
    );
    assert_eq!(entry.input.text(), "80", "what was typed is kept");
    // And it can be sent again.
    assert!(matches!(
        screen.update(Action::Confirm, scope(&economy, m5)),
        Outcome::Save(_)
    ));
}

#[test]
fn no_prognosis_in_the_plan_and_none_without_an_economy() {
    let economy = economy();
    let mut screen = open_screen();
    assert_eq!(
        screen.update(Action::EditForecast, scope(&economy, Period::Plan)),
        Outcome::Message(EconomyError::NoForecastInPlan.to_string())
    );
    assert!(screen.entry().is_none());
    let empty = Economy::default();
    assert!(matches!(
        screen.update(Action::EditForecast, scope(&empty, Period::Month(5))),
        Outcome::Message(message) if message.starts_with("Ingen ekonomi för 2020")
    ));
    assert!(matches!(
        screen.update(Action::EditForecast, None),
        Outcome::Message(_)
    ));
}

#[test]
fn the_detail_is_read_over_the_whole_screen_and_scrolls_within_it() {
    let economy = economy();
    let m5 = Period::Month(5);
    let mut screen = open_screen();
    screen.update(Action::SwitchFocus, scope(&economy, m5));
    assert_eq!(screen.reading(), Some(0));
    screen.set_page(Page {
        rows: 5,
        max_scroll: 7,
    });
    screen.update(Action::PageDown, scope(&economy, m5));
    assert_eq!(screen.reading(), Some(5));
    screen.update(Action::PageDown, scope(&economy, m5));
    assert_eq!(screen.reading(), Some(7));
    screen.update(Action::First, scope(&economy, m5));
    assert_eq!(screen.reading(), Some(0));
    // Selection did not move while reading; Esc goes back to the table, not out.
    assert_eq!(screen.selected(4), 0);
    assert_eq!(
        screen.update(Action::Close, scope(&economy, m5)),
        Outcome::Done,
        "Esc goes back to the table"
    );
    assert_eq!(screen.reading(), None);
}

#[test]
fn a_deficit_in_att_atgarda_opens_the_screen_on_its_area() {
    let economy = economy();
    let screen = EconomyScreen::at(&economy, "ÄLDREOMSORG");
    assert_eq!(screen.selected(4), 3);
}
