//! Flags marked *ej aktuell* in a real store: one audited change each way, refused with a
//! Swedish message without a reason or for a node the year lacks (nothing written), undone
//! from the audit entry, and read back by a fresh open and by the full record check.

mod ui_common;

use malkoll::domain::Period;
use malkoll::domain::flags::{FlagCode, flags_of_plan};
use malkoll::store::{Actor, Change, Store};
use ui_common::seeded_store;

const T1: Period = Period::Tertial(1);

fn mark(node: u32, code: FlagCode, reason: Option<&str>) -> Change {
    Change::SetFlagDismissal {
        council: "sodermalm".into(),
        year: 2020,
        period: T1,
        node,
        code,
        reason: reason.map(str::to_owned),
    }
}

#[test]
fn a_mark_is_stored_refused_when_bad_undone_and_read_back_after_reopening() {
    let (dir, store) = seeded_store();
    let actor = Actor::from_parts("kontroller".into(), None);
    let plan = store
        .plan_year("sodermalm", 2020)
        .expect("reads")
        .expect("bundled");
    let flag = flags_of_plan(&plan, T1)
        .into_iter()
        .next()
        .expect("Södermalm T1 2020 has a flag");
    let audit_before = store.audit_log().expect("audit").len();

    for (bad, expected) in [
        (
            mark(flag.node, flag.code, Some("  ")),
            "Skälet får inte vara tomt",
        ),
        (
            mark(999_999, flag.code, Some("Skäl")),
            "ingen aktivitet 999999",
        ),
    ] {
        let error = store.apply(&bad, &actor).expect_err("refused").to_string();
        assert!(error.contains(expected), "{error}");
    }
    assert_eq!(store.audit_log().expect("audit").len(), audit_before);
    assert!(
        store
            .dismissals("sodermalm", 2020)
            .expect("reads")
            .is_empty()
    );

    let entry = store
        .apply(&mark(flag.node, flag.code, Some(" Årlig enkät ")), &actor)
        .expect("stored");
    let marks = store.dismissals("sodermalm", 2020).expect("reads");
    assert_eq!(marks.reason(T1, flag.node, flag.code), Some("Årlig enkät"));
    assert!(
        store
            .describe(&entry.change)
            .contains("ej aktuell T1 2020 (Årlig enkät)"),
        "{}",
        store.describe(&entry.change)
    );

    // The undo the audit entry gives is the mark taken away again.
    let undo = entry.undo_change().expect("undoable");
    assert_eq!(undo, mark(flag.node, flag.code, None));
    store.apply(&undo, &actor).expect("undone");
    assert!(
        store
            .dismissals("sodermalm", 2020)
            .expect("reads")
            .is_empty()
    );
    store
        .apply(&mark(flag.node, flag.code, Some("Mäts i VB")), &actor)
        .expect("stored again");
    drop(store);

    let store = Store::open(&dir.path().join("db")).expect("reopens");
    assert!(store.verify().is_ok(), "every record, the marks too, reads");
    let marks = store.dismissals("sodermalm", 2020).expect("reads");
    assert_eq!(marks.reason(T1, flag.node, flag.code), Some("Mäts i VB"));
    assert_eq!(store.audit_log().expect("audit").len(), audit_before + 3);
}
