//! The seal (*sigill*) on a real sled database: a store that read every record without fault
//! seals the files at close, and the next open skips reading them through only while the
//! files are byte for byte as sealed and read by the same formats. Anything else — a record
//! written by another program, a seal from other formats, a store that found damage — makes
//! the next open read every record again.

mod raw_sled;
mod ui_common;

use std::path::Path;

use malkoll::domain::{GoalStatus, Period};
use malkoll::store::{Actor, Change, Store};
use ui_common::seeded_store;

const SEAL: &str = "malkoll.seal.json";

fn actor() -> Actor {
    Actor::from_parts("kontroller".into(), None)
}

fn a_change(store: &Store) -> Change {
    let plan = store
        .plan_year("sodermalm", 2020)
        .expect("reads")
        .expect("bundled");
    Change::SetGoalStatus {
        council: "sodermalm".into(),
        year: 2020,
        goal: plan.goals[1].id,
        period: Period::Tertial(1),
        status: GoalStatus::default(),
    }
}

/// Opens `db` and says whether opening's check was skipped by the seal, and why it is
/// read-only if it is.
fn reopen(db: &Path) -> (bool, Option<String>) {
    let store = Store::open(db).expect("opens");
    let sealed = store.read_through_was_sealed();
    (sealed, store.read_only_reason())
}

#[test]
fn a_clean_close_seals_and_our_own_writes_keep_the_seal() {
    let (dir, store) = seeded_store();
    let db = dir.path().join("db");
    assert!(
        !store.read_through_was_sealed(),
        "a new database has no seal"
    );
    drop(store);
    assert!(db.join(SEAL).exists(), "sealed at close");

    assert_eq!(reopen(&db), (true, None), "unchanged files: not read again");

    let store = Store::open(&db).expect("opens");
    let change = a_change(&store);
    store.apply(&change, &actor()).expect("saved");
    drop(store);
    assert_eq!(
        reopen(&db),
        (true, None),
        "a write through the store is sealed again at close"
    );
}

#[test]
fn a_record_written_by_another_program_breaks_the_seal_and_is_found() {
    let (dir, store) = seeded_store();
    let db = dir.path().join("db");
    drop(store);
    assert_eq!(reopen(&db), (true, None));

    // An audit record no screen reads: only reading every record meets it.
    raw_sled::overwrite_first_record(&db, "audit", &[0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
    let (sealed, read_only) = reopen(&db);
    assert!(!sealed, "changed files are read through");
    let reason = read_only.expect("the damage is found");
    assert!(reason.contains("audit"), "{reason}");
    assert!(!db.join(SEAL).exists(), "a damaged store removes the seal");
    let (sealed, read_only) = reopen(&db);
    assert!(!sealed && read_only.is_some(), "and stays found");
}

#[test]
fn a_seal_of_other_formats_is_not_trusted() {
    let (dir, store) = seeded_store();
    let db = dir.path().join("db");
    drop(store);
    let seal = db.join(SEAL);
    let text = std::fs::read_to_string(&seal).expect("seal");
    let json: serde_json::Value = serde_json::from_str(&text).expect("json");
    let format = json["format"].as_str().expect("format").to_owned();
    assert!(
        format.contains("nodes:") && format.contains("audit:"),
        "{format}"
    );
    let other = text.replace(&format, &format.replace("schema 1", "schema 2"));
    std::fs::write(&seal, other).expect("write");
    assert_eq!(reopen(&db), (false, None), "read through under our formats");
    assert_eq!(reopen(&db), (true, None), "and sealed under them at close");
}
