//! `malkoll find`, `malkoll history` and `malkoll gen-demo`, run as a user would.

mod cli_common;

use std::path::Path;

use cli_common::{malkoll, text};
use malkoll::store::{Actor, Store};

/// A database with the bundled samples, closed again so the binary can open it.
fn seeded(home: &Path) -> String {
    let db = home.join("db");
    let store = Store::open(&db).expect("open");
    store
        .seed_bundled(&Actor::from_parts("test".into(), None))
        .expect("seed");
    drop(store);
    db.display().to_string()
}

#[test]
fn find_prints_ranked_hits_as_text_and_json() {
    let home = tempfile::tempdir().expect("temp dir");
    let db = seeded(home.path());
    let output = malkoll(
        home.path(),
        &["find", "bistand", "--limit", "3", "--db", &db],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    let out = text(&output.stdout);
    assert_eq!(out.lines().count(), 3, "{out}");
    assert!(out.contains("bistånd"), "{out}");

    let output = malkoll(
        home.path(),
        &["find", "i:sjukfranvaro", "--format", "json", "--db", &db],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    let first = &json[0];
    assert_eq!(first["kind"], "Indikator");
    assert_eq!(first["text"], "Sjukfrånvaro");
    assert!(first["entries"].as_array().is_some_and(|e| e.len() >= 2));
}

#[test]
fn find_works_from_the_name_list_while_the_database_is_held() {
    let home = tempfile::tempdir().expect("temp dir");
    let db = seeded(home.path());
    let holder = Store::open(Path::new(&db)).expect("held");
    let output = malkoll(home.path(), &["find", "aldreomsorg", "--db", &db]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(text(&output.stdout).to_lowercase().contains("äldreomsorg"));
    drop(holder);
}

#[test]
fn history_prints_text_json_and_csv() {
    let home = tempfile::tempdir().expect("temp dir");
    let db = seeded(home.path());
    let output = malkoll(
        home.path(),
        &[
            "history",
            "sjukfranvaro",
            "--council",
            "hagersten-liljeholmen",
            "--db",
            &db,
        ],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    let out = text(&output.stdout);
    assert!(
        out.contains("Hägersten-Liljeholmen") && out.contains("2019"),
        "{out}"
    );
    assert!(out.contains("Årsmål") && out.contains("Status"), "{out}");

    let output = malkoll(
        home.path(),
        &[
            "history",
            "sjukfranvaro",
            "--council",
            "alvsjo",
            "--format",
            "json",
            "--db",
            &db,
        ],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(json["council"], "hagersten-alvsjo");
    assert!(
        json["rows"]
            .as_array()
            .is_some_and(|r| r.iter().all(|row| row["year"] == 2022))
    );

    let output = malkoll(
        home.path(),
        &[
            "history",
            "sjukfranvaro",
            "--council",
            "alvsjo",
            "--format",
            "csv",
            "--db",
            &db,
        ],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    let csv = text(&output.stdout);
    assert!(
        csv.starts_with("\u{feff}nämnd;indikator;år;period;enhet;utfall"),
        "{csv}"
    );
    assert!(csv.lines().count() >= 2, "{csv}");
}

#[test]
fn gen_demo_writes_a_city_that_find_searches() {
    let home = tempfile::tempdir().expect("temp dir");
    let db = home.path().join("city").display().to_string();
    let output = malkoll(
        home.path(),
        &[
            "gen-demo",
            "--councils",
            "2",
            "--years",
            "2",
            "--seed",
            "7",
            "--db",
            &db,
        ],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        text(&output.stdout).starts_with("4 planår"),
        "{}",
        text(&output.stdout)
    );
    let names = malkoll(home.path(), &["find", "--dump-names", "--db", &db]);
    assert!(names.status.success());
    let count = text(&names.stdout).lines().count();
    assert!(count > 100, "{count}");
    let output = malkoll(
        home.path(),
        &["find", "bistand", "--limit", "1", "--db", &db],
    );
    assert!(
        text(&output.stdout).contains("bistånd"),
        "{}",
        text(&output.stdout)
    );
}

#[test]
fn an_unknown_indicator_is_a_clear_error() {
    let home = tempfile::tempdir().expect("temp dir");
    let db = seeded(home.path());
    let output = malkoll(home.path(), &["history", "qqqqxz", "--db", &db]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).contains("ingen indikator"),
        "{}",
        text(&output.stderr)
    );
}
