//! The economy and month periods in the real sled store: stored with the plan year, every
//! edit a `Change` with its audit entry, refused edits leave nothing written, undo puts the
//! economy back, and everything survives a reopen.

use malkoll::domain::budget::{BudgetArea, Economy, Money};
use malkoll::domain::{Council, DocKind, Period, PlanYear, SourceDocument};
use malkoll::store::{Actor, Change, EconomyChange, Snapshot, Store, StoreError};

fn actor() -> Actor {
    Actor::from_parts("controller".to_owned(), None)
}

fn mnkr(text: &str) -> Money {
    Money::parse_mnkr(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn plan() -> PlanYear {
    let mut ifo = BudgetArea::new("Individ- och familjeomsorg");
    ifo.line.budget = Some(Money::from_cell("226,2").expect("amount"));
    ifo.line.forecasts.insert(
        Period::Tertial(1),
        Money::from_cell("241,2").expect("amount"),
    );
    let mut elder = BudgetArea::new("Äldreomsorg");
    elder.line.budget = Some(mnkr("1071,1"));
    PlanYear {
        council: Council {
            id: "sodermalm".to_owned(),
            name: "Södermalms stadsdelsnämnd".to_owned(),
        },
        year: 2020,
        documents: vec![SourceDocument {
            kind: DocKind::Tertial(1),
            source: "t1.txt".to_owned(),
            summary: String::new(),
        }],
        goals: Vec::new(),
        months: vec![3],
        economy: Economy {
            areas: vec![ifo, elder],
            ..Economy::default()
        },
    }
}

fn forecast(area: &str, month: u8, amount: &str) -> Change {
    Change::Economy(EconomyChange::SetAreaForecast {
        council: "sodermalm".to_owned(),
        year: 2020,
        area: area.to_owned(),
        period: Period::Month(month),
        amount: Some(mnkr(amount)),
    })
}

#[test]
fn the_economy_and_months_are_stored_with_the_plan_year_and_survive_a_reopen() {
    let dir = tempfile::tempdir().expect("temp dir");
    {
        let store = Store::open(dir.path()).expect("open");
        store
            .apply(&Change::PutPlanYear(plan()), &actor())
            .expect("put");
        let stored = store
            .plan_year("sodermalm", 2020)
            .expect("read")
            .expect("there");
        assert_eq!(stored, plan());
        assert_eq!(stored.periods(), vec![Period::Month(3), Period::Tertial(1)]);
    }
    let store = Store::open(dir.path()).expect("reopen");
    let economy = store
        .economy("sodermalm", 2020)
        .expect("read")
        .expect("year");
    assert_eq!(economy, plan().economy);
    assert_eq!(
        economy.areas[0]
            .line
            .budget
            .as_ref()
            .and_then(|m| m.raw.as_deref()),
        Some("226,2")
    );
    assert_eq!(store.economy("sodermalm", 2019).expect("read"), None);
    assert_eq!(store.economy("okand", 2020).expect("read"), None);
}

#[test]
fn a_months_prognosis_is_one_audited_change_that_undoes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path()).expect("open");
    store
        .apply(&Change::PutPlanYear(plan()), &actor())
        .expect("put");
    let change = forecast("äldreomsorg", 4, "1 080,0");
    let entry = store.apply(&change, &actor()).expect("saved");
    assert_eq!(entry.change, change);
    assert_eq!(entry.actor.login, "controller");
    let Some(Snapshot::Economy(before)) = &entry.before else {
        panic!("before is the economy: {:?}", entry.before);
    };
    assert_eq!(**before, plan().economy);
    let economy = store
        .economy("sodermalm", 2020)
        .expect("read")
        .expect("year");
    let elder = economy.area("Äldreomsorg").expect("area");
    assert_eq!(elder.line.variance(Period::Month(4)), Some(-8_900));
    assert_eq!(
        store.describe(&change),
        "Prognos för äldreomsorg M4 2020: 1 080,0 mnkr"
    );

    let undo = entry.undo_change().expect("undoable");
    store.apply(&undo, &actor()).expect("undone");
    assert_eq!(
        store.economy("sodermalm", 2020).expect("read"),
        Some(plan().economy)
    );
    assert_eq!(store.audit_log().expect("log").len(), 3);
}

#[test]
fn a_refused_edit_writes_nothing_and_says_why_in_swedish() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path()).expect("open");
    store
        .apply(&Change::PutPlanYear(plan()), &actor())
        .expect("put");
    let error = store
        .apply(&forecast("Skolan", 4, "1,0"), &actor())
        .expect_err("unknown area");
    assert!(error.to_string().contains("«Skolan» finns inte"), "{error}");
    let in_plan = Change::Economy(EconomyChange::SetAreaForecast {
        council: "sodermalm".to_owned(),
        year: 2020,
        area: "Äldreomsorg".to_owned(),
        period: Period::Plan,
        amount: Some(mnkr("1,0")),
    });
    assert!(matches!(
        store.apply(&in_plan, &actor()),
        Err(StoreError::InvalidEconomyEdit(_))
    ));
    let other_year = Change::Economy(EconomyChange::SetAreaBudget {
        council: "sodermalm".to_owned(),
        year: 2021,
        area: "Äldreomsorg".to_owned(),
        budget: Some(mnkr("1,0")),
        adjustments: None,
    });
    assert!(matches!(
        store.apply(&other_year, &actor()),
        Err(StoreError::UnknownYear { .. })
    ));
    assert_eq!(store.audit_log().expect("log").len(), 1);
    assert_eq!(
        store.economy("sodermalm", 2020).expect("read"),
        Some(plan().economy)
    );
}

#[test]
fn a_month_period_is_added_once_and_undone_by_removing_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path()).expect("open");
    store
        .apply(&Change::PutPlanYear(plan()), &actor())
        .expect("put");
    let add = Change::AddMonth {
        council: "sodermalm".to_owned(),
        year: 2020,
        month: 5,
    };
    let entry = store.apply(&add, &actor()).expect("added");
    assert_eq!(entry.after, Some(Snapshot::Months(vec![3, 5])));
    let plan_now = store
        .plan_year("sodermalm", 2020)
        .expect("read")
        .expect("there");
    assert_eq!(
        plan_now.periods(),
        vec![Period::Month(3), Period::Tertial(1), Period::Month(5)]
    );
    let again = store.apply(&add, &actor()).expect_err("already there");
    assert!(
        again.to_string().contains("maj 2020 finns redan"),
        "{again}"
    );
    let bad = Change::AddMonth {
        council: "sodermalm".to_owned(),
        year: 2020,
        month: 13,
    };
    assert!(matches!(
        store.apply(&bad, &actor()),
        Err(StoreError::InvalidPeriod(_))
    ));
    store
        .apply(&entry.undo_change().expect("undo"), &actor())
        .expect("removed");
    assert_eq!(
        store
            .plan_year("sodermalm", 2020)
            .expect("read")
            .expect("there")
            .months,
        vec![3]
    );
}

#[test]
fn the_json_export_keeps_the_economy_and_months_losslessly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path()).expect("open");
    store
        .apply(&Change::PutPlanYear(plan()), &actor())
        .expect("put");
    store
        .apply(&forecast("Äldreomsorg", 3, "1 071,1"), &actor())
        .expect("saved");
    let stored = store
        .plan_year("sodermalm", 2020)
        .expect("read")
        .expect("there");
    let json = malkoll::export::plan_to_json(&stored);
    assert!(json.contains("\"months\""), "{json}");
    assert!(json.contains("\"raw\": \"226,2\""), "{json}");
    let back = malkoll::export::plan_from_json(&json).expect("reads back");
    assert_eq!(back, stored);
    // A plan year without either writes neither key, as the files in data/ did before.
    let mut bare = plan();
    bare.months.clear();
    bare.economy = Economy::default();
    let json = malkoll::export::plan_to_json(&bare);
    assert!(
        !json.contains("\"months\"") && !json.contains("\"economy\""),
        "{json}"
    );
    assert_eq!(malkoll::export::plan_from_json(&json).expect("reads"), bare);
}
