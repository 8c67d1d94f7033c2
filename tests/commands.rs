//! The import and export commands on a real database in a temp dir, with the real samples.

use std::path::PathBuf;

use malkoll::commands::{export, import};
use malkoll::domain::DocKind;
use malkoll::import::ImportHints;
use malkoll::store::{Actor, Store};

/// `../shared/samples/` beside the clone (CI); a worktree sits one level deeper.
fn sample(file: &str) -> PathBuf {
    let root = env!("CARGO_MANIFEST_DIR");
    let beside = PathBuf::from(format!("{root}/../shared/samples/{file}"));
    if beside.exists() {
        beside
    } else {
        PathBuf::from(format!("{root}/../../shared/samples/{file}"))
    }
}

fn actor() -> Actor {
    Actor::from_parts("kontroller".to_owned(), None)
}

#[test]
fn importing_a_report_stores_it_and_twice_adds_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path()).expect("open");
    let file = sample("t1-2020-sodermalm.txt");
    let summary = import::import_file(&file, ImportHints::default(), Some((&store, &actor())))
        .expect("import");
    assert!(summary.contains("Tertialrapport 1 2020"), "{summary}");
    assert!(summary.contains("27 nämndmål"), "{summary}");
    assert!(summary.contains("Sparat."), "{summary}");
    let first = store
        .plan_year("sodermalm", 2020)
        .expect("read")
        .expect("stored");

    import::import_file(&file, ImportHints::default(), Some((&store, &actor())))
        .expect("import again");
    let second = store
        .plan_year("sodermalm", 2020)
        .expect("read")
        .expect("stored");
    assert_eq!(
        first, second,
        "a second import of the same document changes nothing"
    );
    assert_eq!(
        store.audit_log().expect("audit").len(),
        1,
        "a re-import that changes nothing writes nothing, not even an audit entry"
    );
}

#[test]
fn a_dry_run_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path()).expect("open");
    let summary = import::import_file(
        &sample("vp-2021-hasselby-vallingby.txt"),
        ImportHints::default(),
        None,
    )
    .expect("dry run");
    assert!(summary.contains("Torrkörning"), "{summary}");
    assert!(summary.contains("18 nämndmål"), "{summary}");
    assert!(store.is_empty().expect("empty"));
}

#[test]
fn hints_override_detection_and_bad_files_say_why() {
    let dir = tempfile::tempdir().expect("temp dir");
    let hints = ImportHints {
        year: Some(2030),
        kind: Some(DocKind::Plan),
        ..ImportHints::default()
    };
    let summary = import::import_file(&sample("vp-2021-hasselby-vallingby.txt"), hints, None)
        .expect("dry run");
    assert!(summary.contains("Verksamhetsplan 2030"), "{summary}");

    let missing = import::import_file(
        &dir.path().join("finns-inte.txt"),
        ImportHints::default(),
        None,
    );
    assert!(
        missing
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default()
            .contains("kunde inte läsa")
    );

    let binary = dir.path().join("bild.txt");
    std::fs::write(&binary, [0xff, 0xfe, 0x00, 0x41]).expect("write");
    let refused = import::import_file(&binary, ImportHints::default(), None);
    assert!(
        refused
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default()
            .contains("UTF-8")
    );

    let prose = dir.path().join("prosa.txt");
    std::fs::write(
        &prose,
        "Hägersten-Älvsjö stadsdelsnämnd\nVerksamhetsplan 2022\nBara text.\n",
    )
    .expect("write");
    let error = import::import_file(&prose, ImportHints::default(), None)
        .err()
        .map(|e| e.to_string());
    assert!(error.is_some_and(|e| e.contains("prosa.txt")));
}

#[test]
fn export_writes_what_data_holds() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("db")).expect("open");
    store.seed_bundled(&actor()).expect("seed");
    let plans = export::select(&store, Some("sodermalm"), Some(2020)).expect("select");
    let json = export::export_one(&plans).expect("one plan");
    let bundled = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/sodermalm-2020.json"
    ))
    .expect("bundled file");
    assert_eq!(
        json.trim_end(),
        bundled.trim_end(),
        "export gives back the bundled file"
    );

    let out = dir.path().join("ut");
    let all = export::select(&store, None, None).expect("select all");
    let history = store.history_for_export().expect("log");
    assert_eq!(
        history.entries(),
        all.len(),
        "one entry per seeded plan year"
    );
    let written = export::export_to_dir(&all, Some(history), &out).expect("write");
    assert_eq!(
        written.lines().count(),
        all.len() + 1,
        "the plans and malkoll.json"
    );
    assert!(
        export::export_one(&all).is_err(),
        "several plans need --out"
    );
    assert!(export::select(&store, Some("gotham"), None).is_err());
}
