//! `malkoll import json`: export json → restore into an empty database → export json gives
//! byte-identical files; a bad file restores nothing; a database with data is refused.

mod cli_common;

use std::path::Path;

use cli_common::{malkoll, text};
use malkoll::domain::{NodeId, PlanYear};
use malkoll::store::{Actor, Change, SeriesRef, Store};

fn run(home: &Path, db: &str, args: &[&str]) -> std::process::Output {
    let db = home.join(db);
    let mut all = vec!["--db", db.to_str().expect("UTF-8 path")];
    all.extend_from_slice(args);
    malkoll(home, &all)
}

fn ok(home: &Path, db: &str, args: &[&str]) -> String {
    let output = run(home, db, args);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{args:?}: {}",
        text(&output.stderr)
    );
    text(&output.stdout)
}

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| {
            let path = e.expect("entry").path();
            let name = path
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned();
            (name, std::fs::read(&path).expect("read"))
        })
        .collect();
    files.sort();
    files
}

#[test]
fn export_restore_export_is_byte_identical() {
    let home = tempfile::tempdir().expect("temp dir");
    let h = home.path();
    // Seed the bundled data, then change a value so the export is not just data/.
    let values = h.join("v.csv");
    std::fs::write(
        &values,
        "nämnd;år;period;indikator;utfall\nsodermalm;2020;T1;Sjukfrånvaro;7,9\n",
    )
    .expect("write");
    ok(
        h,
        "a",
        &[
            "import",
            "values",
            values.to_str().expect("UTF-8"),
            "--overwrite",
        ],
    );
    let first = h.join("first");
    ok(
        h,
        "a",
        &["export", "json", "--out", first.to_str().expect("UTF-8")],
    );

    let restored = ok(h, "b", &["import", "json", first.to_str().expect("UTF-8")]);
    assert!(
        restored.contains("Södermalms stadsdelsnämnd 2020"),
        "{restored}"
    );
    let second = h.join("second");
    ok(
        h,
        "b",
        &["export", "json", "--out", second.to_str().expect("UTF-8")],
    );
    let (a, b) = (files(&first), files(&second));
    assert_eq!(a.len(), 5, "four plan years and malkoll.json");
    assert!(a == b, "export → restore → export differs");
    assert!(String::from_utf8_lossy(&a[4].1).contains("\"raw\": \"7,9\""));

    // A database with data is refused.
    let again = run(h, "b", &["import", "json", first.to_str().expect("UTF-8")]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        text(&again.stderr).contains("har redan data"),
        "{}",
        text(&again.stderr)
    );
}

#[test]
fn one_bad_file_restores_nothing() {
    let home = tempfile::tempdir().expect("temp dir");
    let h = home.path();
    let dir = h.join("dump");
    // Any report command seeds the bundled data into a new database.
    ok(h, "a", &["export", "csv", "--council", "södermalm"]);
    ok(
        h,
        "a",
        &["export", "json", "--out", dir.to_str().expect("UTF-8")],
    );
    // Format 1: plan years alone, as before the log was exported.
    std::fs::remove_file(dir.join("malkoll.json")).expect("remove the log");
    std::fs::write(dir.join("zz-trasig-2020.json"), "{\"council\": ").expect("write");
    let output = run(h, "b", &["import", "json", dir.to_str().expect("UTF-8")]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("zz-trasig-2020.json: ogiltig JSON"),
        "{stderr}"
    );
    // Nothing was written: a restore of the good files alone still finds an empty database.
    std::fs::remove_file(dir.join("zz-trasig-2020.json")).expect("remove");
    ok(h, "b", &["import", "json", dir.to_str().expect("UTF-8")]);
}

/// The first indicator named `name` in a plan year.
fn indicator(plan: &PlanYear, name: &str) -> NodeId {
    fn find(goals: &[malkoll::domain::Goal], name: &str) -> Option<NodeId> {
        goals.iter().find_map(|goal| {
            goal.indicators
                .iter()
                .find(|i| i.name == name)
                .map(|i| i.id)
                .or_else(|| find(&goal.children, name))
        })
    }
    find(&plan.goals, name).expect("indicator in the plan")
}

#[test]
fn the_log_and_series_links_come_back_as_they_were() {
    let home = tempfile::tempdir().expect("temp dir");
    let h = home.path();
    let reference = |name: &str| SeriesRef {
        council: "hagersten-alvsjo".into(),
        year: 2022,
        indicator: NodeId::default(),
        name: name.into(),
    };
    let (log_a, links_a) = {
        let store = Store::open(&h.join("a")).expect("open a");
        store
            .seed_bundled(&Actor::from_parts("seed".into(), None))
            .expect("seed");
        let plan = store
            .plan_year("hagersten-alvsjo", 2022)
            .expect("read")
            .expect("plan");
        let x = SeriesRef {
            indicator: indicator(&plan, "Sjukfrånvaro"),
            ..reference("Sjukfrånvaro")
        };
        let y = SeriesRef {
            indicator: indicator(&plan, "Sjukfrånvaro dag 1-14"),
            ..reference("Sjukfrånvaro dag 1-14")
        };
        let controller = Actor::from_parts("kontrollant".into(), Some("10.1.2.3 5555 10.0.0.1 22"));
        store
            .apply(&Change::LinkSeries { a: x, b: y }, &controller)
            .expect("link");
        (
            store.audit_log().expect("log"),
            store.series_links().expect("links"),
        )
    };
    assert_eq!(log_a.len(), 5);
    assert_eq!(links_a.len(), 1);

    let first = h.join("first");
    let listed = ok(
        h,
        "a",
        &["export", "json", "--out", first.to_str().expect("UTF-8")],
    );
    assert!(listed.contains("malkoll.json"), "{listed}");
    let manifest = std::fs::read_to_string(first.join("malkoll.json")).expect("manifest");
    assert!(manifest.contains("\"format\": 2"), "versioned");
    assert!(manifest.contains("\"login\": \"kontrollant\""));
    assert!(manifest.contains("\"ssh_client\": \"10.1.2.3\""));
    assert!(
        manifest.contains("\"sodermalm-2020.json\""),
        "lists its plan files"
    );

    let restored = ok(h, "b", &["import", "json", first.to_str().expect("UTF-8")]);
    assert!(
        restored.contains("Loggen: 5 poster, serielänkar: 1"),
        "{restored}"
    );
    let second = h.join("second");
    ok(
        h,
        "b",
        &["export", "json", "--out", second.to_str().expect("UTF-8")],
    );
    assert!(
        files(&first) == files(&second),
        "export → restore → export differs"
    );

    // The restored log is the exported one: numbers, users, times, changes, befores.
    let store = Store::open(&h.join("b")).expect("open b");
    assert_eq!(store.audit_log().expect("log"), log_a);
    assert_eq!(store.series_links().expect("links"), links_a);
    assert_eq!(
        store
            .series_aliases()
            .expect("aliases")
            .key("Sjukfrånvaro dag 1-14"),
        store.series_aliases().expect("aliases").key("Sjukfrånvaro"),
        "the link works after the restore"
    );
    // The next change continues the numbering.
    let undo = log_a[4].undo_change().expect("undoable");
    let entry = store
        .apply(&undo, &Actor::from_parts("kontrollant".into(), None))
        .expect("undo after restore");
    assert_eq!(entry.seq, 6);
}

#[test]
fn a_set_that_does_not_match_its_log_restores_nothing() {
    let home = tempfile::tempdir().expect("temp dir");
    let h = home.path();
    let dir = h.join("dump");
    ok(h, "a", &["export", "csv", "--council", "södermalm"]);
    ok(
        h,
        "a",
        &["export", "json", "--out", dir.to_str().expect("UTF-8")],
    );
    let path = dir.to_str().expect("UTF-8");

    let moved = h.join("sodermalm-2020.json");
    std::fs::rename(dir.join("sodermalm-2020.json"), &moved).expect("move");
    let output = run(h, "b", &["import", "json", path]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).contains("nämner sodermalm-2020.json, som saknas"),
        "{}",
        text(&output.stderr)
    );
    std::fs::rename(&moved, dir.join("sodermalm-2020.json")).expect("move back");

    std::fs::copy(
        dir.join("sodermalm-2020.json"),
        dir.join("sodermalm-2021.json"),
    )
    .expect("copy");
    let output = run(h, "b", &["import", "json", path]);
    assert!(
        text(&output.stderr).contains("sodermalm-2021.json hör inte till exporten"),
        "{}",
        text(&output.stderr)
    );
    std::fs::remove_file(dir.join("sodermalm-2021.json")).expect("remove");

    let manifest = std::fs::read_to_string(dir.join("malkoll.json")).expect("read");
    std::fs::write(
        dir.join("malkoll.json"),
        manifest.replacen("\"format\": 2", "\"format\": 3", 1),
    )
    .expect("write");
    let output = run(h, "b", &["import", "json", path]);
    assert!(
        text(&output.stderr).contains("exportformat 3 är okänt"),
        "{}",
        text(&output.stderr)
    );
    std::fs::write(
        dir.join("malkoll.json"),
        manifest.replacen("\"seq\": 2,", "\"seq\": 1,", 1),
    )
    .expect("write");
    let output = run(h, "b", &["import", "json", path]);
    assert!(
        text(&output.stderr).contains("loggpost 1 står efter 1"),
        "a log out of order is refused before anything is written: {}",
        text(&output.stderr)
    );
    let output = run(
        h,
        "b",
        &[
            "import",
            "json",
            dir.join("malkoll.json").to_str().expect("UTF-8"),
        ],
    );
    assert!(
        text(&output.stderr).contains("är loggen, inte ett planår"),
        "{}",
        text(&output.stderr)
    );
    std::fs::write(dir.join("malkoll.json"), manifest).expect("write back");
    // Nothing was written by the refusals: the good set restores.
    ok(h, "b", &["import", "json", path]);
}

#[test]
fn the_sources_of_imported_values_survive_a_restore() {
    let home = tempfile::tempdir().expect("temp dir");
    let h = home.path();
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/data/kolada");
    ok(
        h,
        "a",
        &[
            "import",
            "kolada",
            &format!("{data}/example-sodermalm.json"),
            "--map",
            &format!("{data}/example-map.toml"),
            "--overwrite",
        ],
    );
    let csv = [
        "export",
        "csv",
        "--council",
        "sodermalm",
        "--period",
        "T1-2020",
    ];
    let before = ok(h, "a", &csv);
    assert!(before.contains(";Kolada N00001 2020 T, K, M"), "{before}");
    let dump = h.join("dump");
    ok(
        h,
        "a",
        &["export", "json", "--out", dump.to_str().expect("UTF-8")],
    );
    ok(h, "b", &["import", "json", dump.to_str().expect("UTF-8")]);
    assert_eq!(
        ok(h, "b", &csv),
        before,
        "values and their sources as they were"
    );
}
