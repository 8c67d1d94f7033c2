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
    };
    let entry = store.apply(&change, &actor).expect("applied");
    assert_eq!(
        entry.before,
        Some(Snapshot::IndicatorSettings {
            direction: before.direction,
            tolerance: before.tolerance
        })
    );
    assert_eq!(
        entry.after,
        Some(Snapshot::IndicatorSettings {
            direction: Direction::LowerBetter,
            tolerance: 0.1
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
        };
        assert!(store.apply(&bad, &actor).is_err());
    }
    assert_eq!(
        store.audit_log().expect("log").len(),
        log,
        "nothing written"
    );
}
