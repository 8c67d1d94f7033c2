//! `malkoll economy` and `malkoll period add` run as a user would, on the bundled data seeded
//! into a fresh database: T1 2020 Södermalm's economy, a month added, prognoses typed the
//! Swedish way for two areas, the deficit flags with their amounts, and bad input.

mod cli_common;

use cli_common::{malkoll_db, text};

fn run_ok(home: &std::path::Path, args: &[&str]) -> String {
    let output = malkoll_db(home, args);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{args:?}: {}",
        text(&output.stderr)
    );
    text(&output.stdout)
}

#[test]
fn t1_shows_the_areas_their_deficits_and_the_documents_slips() {
    let home = tempfile::tempdir().expect("temp dir");
    let out = run_ok(
        home.path(),
        &["economy", "--council", "Södermalm", "--period", "T1-2020"],
    );
    assert!(
        out.starts_with("Ekonomi: Södermalms stadsdelsnämnd Tertialrapport 1 2020 (mnkr netto)"),
        "{out}"
    );
    assert!(
        out.contains(
            "Äldreomsorg                        1 071,1       –   1 063,1      8,0    0,7"
        ),
        "{out}"
    );
    assert!(
        out.contains("Totalt                             2 439,5"),
        "{out}"
    );
    assert!(
        out.contains("✗ Individ- ochfamiljeomsorg: Underskott 15,0 mnkr i prognosen T1 (6,6 % av budget 226,2 mnkr)"),
        "{out}"
    );
    assert!(out.contains("rad 4162: «varav socialpsykiatri»"), "{out}");
    // The table fits an 80-column terminal.
    assert!(
        out.lines()
            .take_while(|line| !line.starts_with("Att åtgärda"))
            .all(|line| line.chars().count() <= 80),
        "{out}"
    );

    // A higher threshold leaves Ekonomiskt bistånd (7,4 %) flagged but not IFO (6,6 %).
    let strict = run_ok(
        home.path(),
        &[
            "economy",
            "--council",
            "sodermalm",
            "--period",
            "T1-2020",
            "--deficit-percent",
            "7",
        ],
    );
    assert!(strict.contains("Att åtgärda (1):"), "{strict}");
    assert!(strict.contains("✗ Ekonomiskt bistånd"), "{strict}");
}

#[test]
fn a_months_prognosis_for_two_areas_shows_the_deficit_flag() {
    let home = tempfile::tempdir().expect("temp dir");
    let home = home.path();
    let missing = malkoll_db(
        home,
        &["economy", "--council", "sodermalm", "--period", "2020-05"],
    );
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        text(&missing.stderr).contains("har ingen rapport för M5 (finns: T1)"),
        "{}",
        text(&missing.stderr)
    );
    let added = run_ok(
        home,
        &[
            "period",
            "add",
            "--council",
            "sodermalm",
            "--year",
            "2020",
            "--month",
            "5",
        ],
    );
    assert!(added.contains("Perioden maj 2020 tillagd"), "{added}");
    for (area, amount) in [("Äldreomsorg", "1 090,0"), ("förskoleverksamhet", "460")] {
        let saved = run_ok(
            home,
            &[
                "economy",
                "--council",
                "sodermalm",
                "--period",
                "2020-05",
                "--area",
                area,
                "--forecast",
                amount,
            ],
        );
        assert!(saved.starts_with("Sparat: Prognos för"), "{saved}");
    }
    let out = run_ok(
        home,
        &["economy", "--council", "sodermalm", "--period", "2020-05"],
    );
    assert!(
        out.contains("Ekonomi: Södermalms stadsdelsnämnd Maj 2020"),
        "{out}"
    );
    assert!(
        out.contains(
            "✗ Äldreomsorg: Underskott 18,9 mnkr i prognosen M5 (1,8 % av budget 1 071,1 mnkr)"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "✗ Förskoleverksamhet: Underskott 6,5 mnkr i prognosen M5 (1,4 % av budget 453,5 mnkr)"
        ),
        "{out}"
    );
    // The other areas keep their T1 prognosis, marked, so the total adds up:
    // 2 439,5 − (2 439,5 − 1 063,1 − 451,5 + 1 090,0 + 460,0) = −35,4.
    assert!(
        out.contains("Nämnd och administration              71,2       –     71,2*"),
        "{out}"
    );
    assert!(
        out.contains(
            "✗ Nämnden totalt: Underskott 35,4 mnkr i prognosen M5 (1,5 % av budget 2 439,5 mnkr)"
        ),
        "{out}"
    );
    assert!(out.contains("Prognos per period (T1 → M5):"), "{out}");
    let analysed = run_ok(
        home,
        &[
            "economy",
            "--council",
            "sodermalm",
            "--period",
            "2020-05",
            "--area",
            "Äldreomsorg",
            "--analysis",
            "Fler platser i vård- och omsorgsboende än budgeterat.",
        ],
    );
    assert!(
        analysed
            .contains("Analys, Äldreomsorg: Fler platser i vård- och omsorgsboende än budgeterat."),
        "{analysed}"
    );
    assert!(out.contains("Att åtgärda (5):"), "{out}");

    let csv = run_ok(
        home,
        &[
            "economy",
            "--council",
            "sodermalm",
            "--period",
            "2020-05",
            "--format",
            "csv",
        ],
    );
    assert!(csv.starts_with("område,nivå,budget_mnkr"), "{csv}");
    assert!(
        csv.contains("Äldreomsorg,0,\"1 071,1\",,\"1 090,0\",\"-18,9\",-1.8,M5"),
        "{csv}"
    );
    let json = run_ok(
        home,
        &[
            "economy",
            "--council",
            "sodermalm",
            "--period",
            "2020-05",
            "--format",
            "json",
        ],
    );
    let value: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(value["period"], "M5");
    // Äldreomsorg, Förskoleverksamhet, and IFO and Ekonomiskt bistånd whose T1 deficits
    // stand, and the nämnd's total.
    assert_eq!(value["flags"].as_array().map(Vec::len), Some(5));
    assert_eq!(value["view"]["total"]["variance"], -35_400);
}

#[test]
fn bad_input_is_refused_in_swedish_and_nothing_is_written() {
    let home = tempfile::tempdir().expect("temp dir");
    let home = home.path();
    run_ok(
        home,
        &[
            "period",
            "add",
            "--council",
            "sodermalm",
            "--year",
            "2020",
            "--month",
            "4",
        ],
    );
    for (args, expected) in [
        (
            vec!["--area", "Äldreomsorg", "--forecast", "12.5"],
            "använd decimalkomma",
        ),
        (
            vec!["--area", "Skolan", "--forecast", "12,5"],
            "«Skolan» finns inte",
        ),
        (
            vec!["--forecast", "12,5"],
            "ange --area och en av --forecast",
        ),
        (
            vec![
                "--area",
                "Äldreomsorg",
                "--forecast",
                "1,0",
                "--budget",
                "2,0",
            ],
            "ange --area och en av --forecast",
        ),
    ] {
        let mut full = vec!["economy", "--council", "sodermalm", "--period", "2020-04"];
        full.extend(args);
        let output = malkoll_db(home, &full);
        assert_eq!(output.status.code(), Some(2), "{full:?}");
        assert!(
            text(&output.stderr).contains(expected),
            "{}",
            text(&output.stderr)
        );
    }
    let again = malkoll_db(
        home,
        &[
            "period",
            "add",
            "--council",
            "sodermalm",
            "--year",
            "2020",
            "--month",
            "4",
        ],
    );
    assert_eq!(again.status.code(), Some(2));
    assert!(text(&again.stderr).contains("april 2020 finns redan"));
    let out = run_ok(
        home,
        &["economy", "--council", "sodermalm", "--period", "2020-04"],
    );
    assert!(!out.contains("Sparat"), "{out}");
    assert!(!out.contains("Att åtgärda"), "{out}");
}

#[test]
fn malkoll_flags_lists_the_deficits_after_the_goals() {
    let home = tempfile::tempdir().expect("temp dir");
    let home = home.path();
    let base = ["flags", "--council", "sodermalm", "--period", "T1-2020"];
    let out = run_ok(home, &base);
    assert!(
        out.contains(
            "\nEkonomi\n  ✗ Underskott (verksamhetsområde): Individ- ochfamiljeomsorg\n      Underskott 15,0 mnkr i prognosen T1 (6,6 % av budget 226,2 mnkr)\n"
        ),
        "{out}"
    );
    let mut json_args = base.to_vec();
    json_args.extend(["--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run_ok(home, &json_args)).expect("json");
    assert_eq!(json["economy"].as_array().map(Vec::len), Some(2));
    assert_eq!(json["economy"][1]["area"], "Ekonomiskt bistånd");
    assert_eq!(json["economy"][1]["deficit_tkr"], 5_000);
    let mut csv_args = base.to_vec();
    csv_args.extend(["--format", "csv"]);
    let csv = run_ok(home, &csv_args);
    assert!(
        csv.contains(";;underskott;verksamhetsområde;;Ekonomiskt bistånd;-5;67,7;mnkr;7,4;;;"),
        "{csv}"
    );
}

#[test]
fn malkoll_flags_takes_the_same_deficit_threshold_as_malkoll_economy() {
    let home = tempfile::tempdir().expect("temp dir");
    let home = home.path();
    let base = ["flags", "--council", "sodermalm", "--period", "T1-2020"];
    let deficits = |percent: &str| {
        let mut args = base.to_vec();
        args.extend(["--format", "json", "--deficit-percent", percent]);
        let json: serde_json::Value = serde_json::from_str(&run_ok(home, &args)).expect("json");
        json["economy"]
            .as_array()
            .map(|flags| {
                flags
                    .iter()
                    .map(|f| f["area"].as_str().unwrap_or_default().to_owned())
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    // Individ- och familjeomsorg 6,6 %, Ekonomiskt bistånd 7,4 % of budget.
    assert_eq!(
        deficits("1"),
        ["Individ- ochfamiljeomsorg", "Ekonomiskt bistånd"]
    );
    assert_eq!(deficits("7"), ["Ekonomiskt bistånd"]);
    assert_eq!(deficits("7,5 %"), Vec::<String>::new());
    // The same refusal as `malkoll economy`, exit code 2, nothing printed.
    for command in ["flags", "economy"] {
        let output = malkoll_db(
            home,
            &[
                command,
                "--council",
                "sodermalm",
                "--period",
                "T1-2020",
                "--deficit-percent",
                "abc",
            ],
        );
        assert_eq!(output.status.code(), Some(2), "{command}");
        assert!(
            text(&output.stderr).contains("«abc»: andelen av budgeten ska vara ett tal"),
            "{command}: {}",
            text(&output.stderr)
        );
        assert!(text(&output.stdout).is_empty(), "{command}");
    }
}
