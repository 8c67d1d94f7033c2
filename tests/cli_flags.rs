//! `malkoll flags` and `malkoll summary` run as a user would, on the bundled data seeded
//! into a fresh database: text, JSON, CSV, `--fail-on-flags` and bad input.

mod cli_common;

use cli_common::{malkoll_db, text};

const SODERMALM_T1: [&str; 5] = ["flags", "--council", "sodermalm", "--period", "T1-2020"];

#[test]
fn text_lists_the_feriejobb_pair_under_kf_1_1() {
    let home = tempfile::tempdir().expect("temp dir");
    let output = malkoll_db(home.path(), &SODERMALM_T1);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let out = text(&output.stdout);
    assert!(
        out.starts_with(
            "Att åtgärda: Södermalms stadsdelsnämnd T1 2020: 2 uppnås ej, 4 uppnås delvis"
        ),
        "{out}"
    );
    assert!(
        out.contains("✗ Uppnås ej (indikator): Antal tillhandahållna platser för feriejobb"),
        "{out}"
    );
    assert!(
        out.contains("Prognos helår 510 mot årsmål 680 st, 25 % från målet (högre är bättre)"),
        "{out}"
    );
    assert!(
        out.contains(
            "◐ Uppnås delvis (indikator): Antal ungdomar som fått feriejobb i stadens regi"
        ),
        "{out}"
    );
    assert!(out.contains("19,7 % från målet"), "{out}");
}

#[test]
fn the_swedish_name_in_any_case_names_the_council() {
    let home = tempfile::tempdir().expect("temp dir");
    let by_id = malkoll_db(home.path(), &SODERMALM_T1);
    let by_name = malkoll_db(
        home.path(),
        &["flags", "--council", "SÖDERMALM", "--period", "t1-2020"],
    );
    assert_eq!(by_name.status.code(), Some(0), "{}", text(&by_name.stderr));
    assert_eq!(by_id.stdout, by_name.stdout);
    let folded = malkoll_db(
        home.path(),
        &[
            "flags",
            "--council",
            "Sodermalms stadsdelsnamnd",
            "--period",
            "T1-2020",
        ],
    );
    assert_eq!(folded.stdout, by_id.stdout);
}

#[test]
fn json_parses_and_counts_match_the_list() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut args = SODERMALM_T1.to_vec();
    args.extend(["--format", "json"]);
    let output = malkoll_db(home.path(), &args);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let json: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("flags --format json is JSON");
    assert_eq!(json["council"]["id"], "sodermalm");
    assert_eq!(json["period"], "T1");
    assert_eq!(json["counts"]["not_met"], 2);
    assert_eq!(json["counts"]["partly_met"], 4);
    let flags = json["flags"].as_array().expect("a list of flags");
    let first = &flags[0];
    assert_eq!(first["kind"], "uppnas-ej");
    assert_eq!(first["name"], "Antal tillhandahållna platser för feriejobb");
    assert_eq!(first["value"], "510");
    assert_eq!(first["target"], "680 st");
    assert!((first["shortfall"].as_f64().expect("a number") - 0.25).abs() < 1e-9);
    assert_eq!(first["goal"]["number"], "1.1");
}

#[test]
fn csv_is_for_swedish_excel() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut args = SODERMALM_T1.to_vec();
    args.extend(["--format", "csv"]);
    let output = malkoll_db(home.path(), &args);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let out = text(&output.stdout);
    let body = out
        .strip_prefix('\u{feff}')
        .expect("UTF-8 byte order mark first");
    let mut lines = body.lines();
    assert_eq!(
        lines.next(),
        Some(
            "målnummer;mål;typ;avser;id;namn;värde;årsmål;enhet;avstånd_procent;riktning;jämfört;meddelande"
        )
    );
    let first = lines.next().expect("a row");
    assert!(first.starts_with("1.1;"), "{first}");
    // Numbers bare, unit in its own column, decimal comma.
    assert!(first.contains(";510;680;st;25;"), "{first}");
    let partly = lines.next().expect("a second row");
    assert!(partly.contains(";510;635;st;19,7;"), "{partly}");
    assert!(
        first.ends_with(";Prognos helår 510 mot årsmål 680 st, 25 % från målet (högre är bättre)"),
        "{first}"
    );
}

#[test]
fn fail_on_flags_exits_1_when_anything_is_flagged() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut args = SODERMALM_T1.to_vec();
    args.push("--fail-on-flags");
    let output = malkoll_db(home.path(), &args);
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stdout).contains("Att åtgärda"));
}

#[test]
fn bad_input_gets_a_swedish_message_and_exit_2() {
    let home = tempfile::tempdir().expect("temp dir");
    let unknown = malkoll_db(
        home.path(),
        &["flags", "--council", "Kungsholmen", "--period", "T1-2020"],
    );
    assert_eq!(unknown.status.code(), Some(2));
    let message = text(&unknown.stderr);
    assert!(message.contains("okänd nämnd «Kungsholmen»"), "{message}");
    assert!(
        message.contains("sodermalm (Södermalms stadsdelsnämnd)"),
        "{message}"
    );

    for (args, expected) in [
        (vec!["--period", "T7-2020"], "ogiltig period «T7-2020»"),
        (vec!["--period", "T1-2019"], "har inget år 2019"),
        (vec!["--period", "VB-2020"], "har ingen rapport för VB"),
        (
            vec!["--period", "T1-2020", "--format", "xml"],
            "okänt format «xml»",
        ),
    ] {
        let mut full = vec!["flags", "--council", "sodermalm"];
        full.extend(args);
        let output = malkoll_db(home.path(), &full);
        assert_eq!(output.status.code(), Some(2), "{full:?}");
        assert!(
            text(&output.stderr).contains(expected),
            "{}",
            text(&output.stderr)
        );
    }
}

#[test]
fn summary_prints_counts_and_sentences() {
    let home = tempfile::tempdir().expect("temp dir");
    let output = malkoll_db(
        home.path(),
        &["summary", "--council", "södermalm", "--period", "T1-2020"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let out = text(&output.stdout);
    assert!(out.contains("KF:s mål för verksamhetsområdet: 12"), "{out}");
    assert!(
        out.contains("Bedömningen grundas på att sex av åtta KF-indikatorer prognostiseras att nås, en nås delvis och en nås inte"),
        "{out}"
    );

    let json = malkoll_db(
        home.path(),
        &[
            "summary",
            "--council",
            "sodermalm",
            "--period",
            "T1-2020",
            "--format",
            "json",
        ],
    );
    let json: serde_json::Value =
        serde_json::from_slice(&json.stdout).expect("summary --format json is JSON");
    assert_eq!(json["kf_indikatorer"]["uppnas_ej"], 2);
    assert!(
        json["sammanfattningar"]
            .as_array()
            .is_some_and(|goals| goals.len() == 42)
    );
}
