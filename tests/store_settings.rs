//! `Change::SetIndicatorSettings`: an indicator's direction and tolerance, applied in one
//! transaction with its audit entry (before and after), undone from that entry, refused for
//! a node that is not an indicator or a tolerance that is not a number ≥ 0.

use malkoll::domain::Direction;
use malkoll::store::{Actor, Change, Snapshot, Store, StoreError};

fn seeded() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("db")).expect("store opens");
    store
        .seed_bundled(&Actor::from_parts("test".into(), None))
        .expect("bundled data");
    (dir, store)
}

fn first_indicator(store: &Store) -> malkoll::domain::Indicator {
    let plan = store
        .plan_year("sodermalm", 2020)
        .expect("read")
        .expect("plan");
    plan.indicators()
        .next()
        .map(|(_, indicator)| indicator.clone())
        .expect("an indicator")
}

#[test]
fn settings_are_audited_and_undone() {
    let (_dir, store) = seeded();
    let actor = Actor::from_parts("kontroller".into(), Some("10.0.0.7 5000 10.0.0.1 22"));
    let before = first_indicator(&store);
    let change = Change::SetIndicatorSettings {
        council: "sodermalm".into(),
        year: 2020,
        indicator: before.id,
        direction: Direction::LowerBetter,
        tolerance: 0.1,
        confirmed: true,
    };
    let entry = store.apply(&change, &actor).expect("applied");
    assert_eq!(
        entry.before,
        Some(Snapshot::IndicatorSettings {
            direction: before.direction,
            tolerance: before.tolerance,
            confirmed: false
        })
    );
    assert_eq!(
        entry.after,
        Some(Snapshot::IndicatorSettings {
            direction: Direction::LowerBetter,
            tolerance: 0.1,
            confirmed: true
        })
    );
    let after = first_indicator(&store);
    assert_eq!(
        (after.direction, after.tolerance),
        (Direction::LowerBetter, 0.1)
    );
    assert_eq!(after.reports, before.reports, "per-period data untouched");
    let logged = store.audit_log().expect("log");
    assert_eq!(logged.last(), Some(&entry));
    assert!(
        store
            .describe(&change)
            .starts_with("Riktning och tolerans för «")
    );

    let undo = entry.undo_change().expect("undoable");
    store.apply(&undo, &actor).expect("undo applied");
    assert_eq!(first_indicator(&store), before);
}

#[test]
fn settings_refuse_a_goal_and_a_bad_tolerance() {
    let (_dir, store) = seeded();
    let actor = Actor::from_parts("kontroller".into(), None);
    let log = store.audit_log().expect("log").len();
    let goal_id = store
        .plan_year("sodermalm", 2020)
        .expect("read")
        .expect("plan")
        .goals[0]
        .id;
    let on_goal = Change::SetIndicatorSettings {
        council: "sodermalm".into(),
        year: 2020,
        indicator: goal_id,
        direction: Direction::Max,
        tolerance: 0.2,
        confirmed: true,
    };
    assert!(matches!(
        store.apply(&on_goal, &actor),
        Err(StoreError::UnknownNode { .. })
    ));
    let indicator = first_indicator(&store).id;
    for tolerance in [-0.1, f64::NAN] {
        let bad = Change::SetIndicatorSettings {
            council: "sodermalm".into(),
            year: 2020,
            indicator,
            direction: Direction::Max,
            tolerance,
            confirmed: true,
        };
        assert!(store.apply(&bad, &actor).is_err());
    }
    assert_eq!(
        store.audit_log().expect("log").len(),
        log,
        "nothing written"
    );
}

/// The node ids flagged «Antagen riktning» in Södermalm's T1 2020, as stored.
fn assumed_directions(store: &Store) -> Vec<malkoll::domain::NodeId> {
    let plan = store
        .plan_year("sodermalm", 2020)
        .expect("read")
        .expect("plan");
    malkoll::domain::flags::flags_of_plan(&plan, malkoll::domain::Period::Tertial(1))
        .into_iter()
        .filter(|flag| flag.name.starts_with("Antagen riktning"))
        .map(|flag| flag.node)
        .collect()
}

#[test]
fn a_confirmed_direction_is_no_longer_assumed() {
    let (_dir, store) = seeded();
    let actor = Actor::from_parts("kontroller".into(), None);
    let assumed = assumed_directions(&store);
    let Some(&id) = assumed.first() else {
        panic!("the T1 sample has an indicator whose direction is assumed");
    };
    let plan = store
        .plan_year("sodermalm", 2020)
        .expect("read")
        .expect("plan");
    let (_, indicator) = plan
        .indicators()
        .find(|(_, indicator)| indicator.id == id)
        .expect("flagged indicator");
    assert!(!indicator.direction_confirmed);
    // The user keeps the assumed direction and tolerance: confirming is the change.
    let change = Change::SetIndicatorSettings {
        council: "sodermalm".into(),
        year: 2020,
        indicator: id,
        direction: indicator.direction,
        tolerance: indicator.tolerance,
        confirmed: true,
    };
    let entry = store.apply(&change, &actor).expect("applied");
    assert!(!assumed_directions(&store).contains(&id), "flag gone");
    assert_eq!(assumed_directions(&store).len(), assumed.len() - 1);

    // Reopened from disk, the confirmation is still there.
    let path = _dir.path().join("db");
    drop(store);
    let store = Store::open(&path).expect("reopen");
    assert!(!assumed_directions(&store).contains(&id));

    // Undo makes it an assumption again.
    let undo = entry.undo_change().expect("undoable");
    store.apply(&undo, &actor).expect("undo applied");
    assert_eq!(assumed_directions(&store), assumed);
}
