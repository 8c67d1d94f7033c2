//! `import kolada`: the example file and mapping in data/kolada against the bundled data
//! (real sled in a temp dir): T/K/M to utfall/kvinnor/män, null never stored, the source kept
//! with each value in the audit log; and every bad entry kind — message, line, nothing written.

use std::path::Path;

use malkoll::commands::import_kolada::run;
use malkoll::commands::import_values::ImportOptions;
use malkoll::domain::{Period, Value};
use malkoll::store::{Actor, Change, Store};

fn seeded() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("db")).expect("open");
    store.seed_bundled(&Actor::from_env()).expect("seed");
    (dir, store)
}

fn example(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data/kolada")
        .join(name)
}

const OVERWRITE: ImportOptions = ImportOptions {
    dry_run: false,
    skip_bad: false,
    overwrite: true,
};

#[test]
fn the_example_maps_genders_keeps_nulls_out_and_keeps_the_source() {
    let (_dir, store) = seeded();
    let before = store
        .plan_year("sodermalm", 2020)
        .expect("read")
        .expect("plan");
    let report = run(
        &store,
        &example("example-sodermalm.json"),
        &example("example-map.toml"),
        OVERWRITE,
        &Actor::from_env(),
    )
    .expect("imported");
    assert!(
        report.contains("«Sjukfrånvaro» T1 2020: Kolada N00001 2020 T, K, M"),
        "{report}"
    );

    let plan = store
        .plan_year("sodermalm", 2020)
        .expect("read")
        .expect("plan");
    let report_of = |plan: &malkoll::domain::PlanYear, name: &str| {
        plan.indicators()
            .find(|(_, i)| i.name == name)
            .map(|(_, i)| i.report_in(Period::Tertial(1)))
            .expect("indicator")
    };
    let sick = report_of(&plan, "Sjukfrånvaro");
    assert_eq!(sick.outcome.number(), Some(7.6));
    assert_eq!(sick.outcome_women.number(), Some(8.1));
    assert_eq!(sick.outcome_men.number(), Some(5.9));
    assert_eq!(
        sick.outcome.quantity().and_then(|q| q.unit.as_deref()),
        Some("%")
    );
    // Kolada's nulls: the stored values stay as they were, nothing became 0.
    let aid = "Andel personer som har ekonomiskt bistånd i förhållande till befolkningen";
    assert_eq!(report_of(&plan, aid).outcome.number(), Some(0.58));
    assert_eq!(
        report_of(&plan, aid).outcome_men,
        report_of(&before, aid).outcome_men
    );
    assert_eq!(
        report_of(&plan, "Index Bra arbetsgivare"),
        report_of(&before, "Index Bra arbetsgivare")
    );
    assert!(
        !matches!(report_of(&plan, aid).outcome_women, Value::Number { quantity, .. } if quantity.amount == 0.0)
    );

    let log = store.audit_log().expect("log");
    let Some(Change::SetIndicatorValues { items, source }) = log.last().map(|e| &e.change) else {
        panic!("the import is one SetIndicatorValues change");
    };
    assert_eq!(source, "example-sodermalm.json");
    let sources: Vec<_> = items.iter().map(|i| i.source.as_deref()).collect();
    assert_eq!(
        sources,
        [
            Some("Kolada N00001 2020 T, K, M"),
            Some("Kolada N00002 2020 T")
        ]
    );
}

fn import(store: &Store, dir: &Path, json: &str, map: &str) -> String {
    let file = dir.join("k.json");
    let mapping = dir.join("m.toml");
    std::fs::write(&file, json).expect("write");
    std::fs::write(&mapping, map).expect("write");
    run(store, &file, &mapping, OVERWRITE, &Actor::from_env())
        .expect_err("refused")
        .to_string()
}

const MAP: &str = "[councils]\n\"0180\" = \"sodermalm\"\n\n[[indicators]]\nkpi = \"N1\"\nindicator = \"Sjukfrånvaro\"\nperiod = \"T1\"\n\n[[indicators]]\nkpi = \"N2\"\nindicator = \"Finns inte\"\nperiod = \"T1\"\n\n[[indicators]]\nkpi = \"N3\"\nindicator = \"Sjukfrånvaro\"\nperiod = \"T9\"\n";

#[test]
fn every_bad_entry_is_named_with_its_line_and_nothing_is_written() {
    let (dir, store) = seeded();
    let before = store.audit_log().expect("log").len();
    let entry = |kpi: &str, municipality: &str, period: &str, values: &str| {
        format!(
            "{{\"kpi\": \"{kpi}\", \"municipality\": \"{municipality}\", \"period\": {period},\n \"values\": [{values}]}}"
        )
    };
    let t = "{\"gender\": \"T\", \"value\": 7.0}";
    let entries = [
        entry("N9", "0180", "2020", t),
        entry("N1", "9999", "2020", t),
        entry("N1", "0180", "\"tjugo\"", t),
        entry("N1", "0180", "2020", "{\"gender\": \"X\", \"value\": 1}"),
        entry("N1", "0180", "2020", &format!("{t}, {t}")),
        entry("N2", "0180", "2020", t),
        entry("N3", "0180", "2020", t),
        entry("N1", "0180", "2031", t),
    ];
    let json = format!("{{\"values\": [\n{}\n]}}", entries.join(",\n"));
    let message = import(&store, dir.path(), &json, MAP);
    for expected in [
        "rad 2: KPI N9 finns inte i mappningsfilen",
        "rad 4: kommun/enhet 9999 finns inte i mappningsfilens [councils]",
        "rad 6: ogiltig period \"tjugo\" (ett år väntas)",
        "rad 8: okänt kön «X» (T, K eller M väntas)",
        "rad 10: kön T förekommer två gånger",
        "rad 12: ingen indikator «Finns inte» i Södermalms stadsdelsnämnd 2020",
        "rad 14: mappningen för N3 har ogiltig period «T9»",
        "rad 16: Södermalms stadsdelsnämnd har inget år 2031 i databasen",
    ] {
        assert!(
            message.contains(expected),
            "missing «{expected}» in:\n{message}"
        );
    }
    assert!(
        message.contains("8 av 8 rader är felaktiga; inget sparades"),
        "{message}"
    );

    let broken = import(&store, dir.path(), "{\"values\": [\n{\"kpi\": 1}\n]}", MAP);
    assert!(broken.starts_with("rad 2: ingen Kolada-fil"), "{broken}");
    let bad_map = import(&store, dir.path(), &json, "[councils]\n\"0180\" = 5\n");
    assert!(bad_map.contains("rad 2: mappningsfilen"), "{bad_map}");
    assert_eq!(
        store.audit_log().expect("log").len(),
        before,
        "nothing written"
    );
}

/// The CSV export's row of `indicator` in T1 2020, as cells.
fn csv_row(store: &Store, indicator: &str) -> Vec<String> {
    use malkoll::commands::export_table::{TableFormat, TableRequest, run as export};
    let bytes = export(
        store,
        &TableRequest {
            council: "sodermalm",
            year: Some(2020),
            period: Some("T1"),
            format: TableFormat::Csv,
            out: None,
        },
    )
    .expect("exported");
    let text = String::from_utf8(bytes).expect("UTF-8");
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    let header: Vec<&str> = lines.next().expect("header").split(';').collect();
    assert_eq!(
        header.last(),
        Some(&"källa"),
        "the source has its own column"
    );
    lines
        .map(|line| line.split(';').map(str::to_owned).collect::<Vec<_>>())
        .find(|cells| cells[6] == indicator)
        .expect("the indicator's row")
}

#[test]
fn the_kolada_source_is_shown_beside_the_value_until_the_value_changes() {
    let (dir, store) = seeded();
    run(
        &store,
        &example("example-sodermalm.json"),
        &example("example-map.toml"),
        OVERWRITE,
        &Actor::from_env(),
    )
    .expect("imported");
    assert_eq!(
        csv_row(&store, "Sjukfrånvaro").last().map(String::as_str),
        Some("Kolada N00001 2020 T, K, M")
    );
    // Index Bra arbetsgivare had only a null: nothing imported, no source claimed.
    assert_eq!(
        csv_row(&store, "Index Bra arbetsgivare")
            .last()
            .map(String::as_str),
        Some("")
    );
    let history = |store: &Store| {
        use malkoll::commands::history::{HistoryFormat, lookup, render};
        let found = lookup(store, "Sjukfrånvaro", Some("sodermalm")).expect("history");
        render(&found, HistoryFormat::Text).expect("text")
    };
    let text = history(&store);
    assert!(
        text.contains("Källa T1 2020: Kolada N00001 2020 T, K, M"),
        "{text}"
    );

    // A user types another utfall: that value is not Kolada's.
    let plan = store
        .plan_year("sodermalm", 2020)
        .expect("read")
        .expect("plan");
    let (_, sick) = plan
        .indicators()
        .find(|(_, i)| i.name == "Sjukfrånvaro")
        .expect("indicator");
    let mut report = sick.report_in(Period::Tertial(1)).clone();
    report.outcome = Value::Text("7,0".into());
    report.outcome_women = Value::Empty;
    report.outcome_men = Value::Empty;
    store
        .apply(
            &Change::SetIndicatorReport {
                council: "sodermalm".into(),
                year: 2020,
                indicator: sick.id,
                period: Period::Tertial(1),
                report,
            },
            &Actor::from_env(),
        )
        .expect("typed");
    assert_eq!(
        csv_row(&store, "Sjukfrånvaro").last().map(String::as_str),
        Some("")
    );
    assert!(!history(&store).contains("Källa T1 2020"));
    drop(dir);
}
