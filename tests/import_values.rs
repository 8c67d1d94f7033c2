//! `malkoll import values`: round trips (export csv/xlsx → import values → the same values)
//! through the real binary, and every kind of bad row — message, line, nothing written —
//! against a real sled store in a temp dir.

mod cli_common;

use std::path::Path;

use cli_common::{malkoll_db, text};
use malkoll::commands::import_values::{ImportOptions, ImportValuesError, run};
use malkoll::domain::{Period, Value};
use malkoll::store::{Actor, Store};

fn ok(home: &Path, args: &[&str]) -> String {
    let output = malkoll_db(home, args);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{args:?}: {}{}",
        text(&output.stdout),
        text(&output.stderr)
    );
    text(&output.stdout)
}

fn path(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 path")
}

const CHANGES: &str = "\u{feff}nämnd;år;period;indikator;utfall;utfall_män;utfall_kvinnor;prognos_helår;enhet\n\
sodermalm;2020;T1;Antal aspiranter som fått Stockholmsjobb;18;10;8;46;st\n\
Södermalm;2020;T1;Sjukfrånvaro;7,1;;;6,8;%\n";

#[test]
fn csv_and_xlsx_export_import_the_same_values() {
    let a = tempfile::tempdir().expect("temp dir");
    let changes = a.path().join("changes.csv");
    std::fs::write(&changes, CHANGES).expect("write");
    let report = ok(
        a.path(),
        &["import", "values", path(&changes), "--overwrite"],
    );
    assert!(report.contains("Ersätter sparade värden"), "{report}");
    assert!(report.contains("utfall: 16 st → 18 st"), "{report}");

    let e1 = a.path().join("e1.csv");
    ok(
        a.path(),
        &["export", "csv", "--council", "södermalm", "-o", path(&e1)],
    );
    let x1 = a.path().join("e1.xlsx");
    ok(
        a.path(),
        &["export", "xlsx", "--council", "södermalm", "-o", path(&x1)],
    );
    let e1_text = std::fs::read_to_string(&e1).expect("e1");
    assert!(
        e1_text.contains(";Antal aspiranter som fått Stockholmsjobb;KF;st;18;10;8;30;46;45;800;"),
        "{e1_text}"
    );

    for (name, file) in [("csv", &e1), ("xlsx", &x1)] {
        let b = tempfile::tempdir().expect("temp dir");
        let report = ok(b.path(), &["import", "values", path(file), "--overwrite"]);
        assert!(report.contains("Sparat som en ändring"), "{name}: {report}");
        let e2 = b.path().join("e2.csv");
        ok(
            b.path(),
            &["export", "csv", "--council", "södermalm", "-o", path(&e2)],
        );
        assert_eq!(
            std::fs::read_to_string(&e2).expect("e2"),
            e1_text,
            "{name}: export → import values → export gives the same values"
        );
        // Importing the same file again changes nothing and writes nothing.
        let again = ok(b.path(), &["import", "values", path(file)]);
        assert!(again.contains("Inget nytt att spara"), "{name}: {again}");
    }
}

fn seeded() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("db")).expect("open");
    store.seed_bundled(&Actor::from_env()).expect("seed");
    (dir, store)
}

fn import(
    store: &Store,
    dir: &Path,
    name: &str,
    bytes: &[u8],
    options: ImportOptions,
) -> Result<String, ImportValuesError> {
    let file = dir.join(name);
    std::fs::write(&file, bytes).expect("write");
    run(store, &file, options, &Actor::from_env())
}

const HEADER: &str = "nämnd;år;period;indikator_id;indikator;utfall;enhet\n";

#[test]
fn every_bad_row_is_named_with_its_line_and_nothing_is_written() {
    let (dir, store) = seeded();
    let before_log = store.audit_log().expect("log").len();
    let before_plan = store.plan_year("sodermalm", 2020).expect("read");
    let body = format!(
        "{HEADER}\
         sodermalm;2020;T1;;Antal aspiranter som fått Stockholmsjobb;17;st\n\
         kungsholmen;2020;T1;;Sjukfrånvaro;7;%\n\
         sodermalm;2031;T1;;Sjukfrånvaro;7;%\n\
         sodermalm;tjugo;T1;;Sjukfrånvaro;7;%\n\
         sodermalm;2020;T7;;Sjukfrånvaro;7;%\n\
         sodermalm;2020;T2;;Sjukfrånvaro;7;%\n\
         sodermalm;2020;T1;;Finns inte;7;%\n\
         sodermalm;2020;T1;99999;;7;%\n\
         sodermalm;2020;T1;;Sjukfrånvaro;sju;%\n\
         sodermalm;2020;T1;;Sjukfrånvaro;1,050.5;%\n\
         ;2020;T1;;Sjukfrånvaro;7;%\n\
         sodermalm;2020;T1;;;7;%\n\
         sodermalm;2020;T1-2019;;Sjukfrånvaro;7;%\n\
         sodermalm;2020;T1;abc;;7;%\n\
         sodermalm;2020;T1;;Index Bra arbetsgivare;;\n\
         sodermalm;2020;T1;;Andel barn som lever i familjer som har ekonomiskt bistånd;0,7;%\n\
         sodermalm;2020;T1;;andel barn som lever i familjer  som har ekonomiskt bistånd;0,8;%\n"
    );
    let error = import(
        &store,
        dir.path(),
        "bad.csv",
        body.as_bytes(),
        ImportOptions::default(),
    )
    .expect_err("bad rows refuse the file");
    let message = error.to_string();
    let expected = [
        "rad 2: skulle ersätta sparade värden («Antal aspiranter som fått Stockholmsjobb» T1 2020 utfall: 16 st → 17 st); ange --overwrite",
        "rad 3: okänd nämnd «kungsholmen»",
        "rad 4: Södermalms stadsdelsnämnd har inget år 2031 i databasen",
        "rad 5: ogiltigt år «tjugo»",
        "rad 6: ogiltig period «T7»",
        "rad 7: Södermalms stadsdelsnämnd 2020 har ingen rapport för T2",
        "rad 8: ingen indikator «Finns inte» i Södermalms stadsdelsnämnd 2020",
        "rad 9: Södermalms stadsdelsnämnd 2020 har ingen indikator med id 99999",
        "rad 10: utfall: «sju» är inget tal",
        "rad 11: utfall: «1,050.5»: använd decimalkomma",
        "rad 12: nämnd saknas",
        "rad 13: indikator saknas",
        "rad 14: året 2020 och perioden «T1-2019» säger olika år",
        "rad 15: ogiltigt indikator_id «abc»",
        "rad 18: samma indikator och period som rad 17",
    ];
    for line in expected {
        assert!(message.contains(line), "missing «{line}» in:\n{message}");
    }
    assert!(
        message.contains("16 av 17 rader är felaktiga; inget sparades"),
        "{message}"
    );
    assert!(
        !message.contains("rad 16:"),
        "a row without values is no error: {message}"
    );
    assert_eq!(
        store.audit_log().expect("log").len(),
        before_log,
        "nothing written"
    );
    assert_eq!(
        store.plan_year("sodermalm", 2020).expect("read"),
        before_plan
    );
}

#[test]
fn a_file_without_the_needed_columns_is_refused_at_line_1() {
    let (dir, store) = seeded();
    for (header, missing) in [
        ("år;period;indikator;utfall\n", "«nämnd»"),
        ("nämnd;år;indikator;utfall\n", "«period»"),
        (
            "nämnd;år;period;utfall\n",
            "«indikator» eller «indikator_id»",
        ),
        (
            "nämnd;år;period;indikator;enhet\n",
            "för ett värde («utfall», «utfall_män», «utfall_kvinnor» eller «prognos_helår»)",
        ),
    ] {
        let error = import(
            &store,
            dir.path(),
            "h.csv",
            header.as_bytes(),
            ImportOptions::default(),
        )
        .expect_err("refused");
        assert_eq!(
            error.to_string(),
            format!("rad 1: rubrikraden saknar kolumnen {missing}"),
            "{header}"
        );
    }
    let latin1 = b"n\xe4mnd;\xe5r;period;indikator;utfall\n";
    let error = import(
        &store,
        dir.path(),
        "l.csv",
        latin1,
        ImportOptions::default(),
    )
    .expect_err("refused");
    assert!(
        error.to_string().contains("rad 1: filen är inte UTF-8"),
        "{error}"
    );
}

#[test]
fn skip_bad_saves_the_valid_rows_as_one_change_that_undoes_as_one() {
    let (dir, store) = seeded();
    let before_log = store.audit_log().expect("log").len();
    let before_plan = store.plan_year("sodermalm", 2020).expect("read");
    // Plain numbers (decimal point) and the comma separator are read too.
    let body = "nämnd,år,period,indikator,utfall,prognos_helår,enhet\n\
                sodermalm,2020,T1,Sjukfrånvaro,7.2,6.9,%\n\
                sodermalm,2020,T1,Finns inte,3,,\n\
                sodermalm,2020,T1,Index Bra arbetsgivare,0,,\n";
    let options = ImportOptions {
        skip_bad: true,
        overwrite: true,
        dry_run: false,
    };
    let report = import(&store, dir.path(), "v.csv", body.as_bytes(), options).expect("imported");
    assert!(
        report.contains("rad 3: ingen indikator «Finns inte»"),
        "{report}"
    );
    let log = store.audit_log().expect("log");
    assert_eq!(log.len(), before_log + 1, "one change for the whole file");

    let plan = store
        .plan_year("sodermalm", 2020)
        .expect("read")
        .expect("plan");
    let find = |name: &str| {
        plan.indicators()
            .find(|(_, i)| i.name == name)
            .map(|(_, i)| i.report_in(Period::Tertial(1)))
            .expect("indicator")
    };
    assert_eq!(find("Sjukfrånvaro").outcome.number(), Some(7.2));
    assert_eq!(find("Sjukfrånvaro").forecast_full_year.number(), Some(6.9));
    // A zero is a number; the empty prognos cell left the stored prognos alone.
    let index = find("Index Bra arbetsgivare");
    assert_eq!(index.outcome.number(), Some(0.0));
    assert!(matches!(index.outcome, Value::Number { .. }));

    let undo = log
        .last()
        .and_then(|entry| entry.undo_change())
        .expect("undoable");
    store.apply(&undo, &Actor::from_env()).expect("undo");
    assert_eq!(
        store.plan_year("sodermalm", 2020).expect("read"),
        before_plan
    );
}

#[test]
fn dry_run_writes_nothing() {
    let (dir, store) = seeded();
    let before_log = store.audit_log().expect("log").len();
    let body = format!("{HEADER}sodermalm;2020;T1;;Sjukfrånvaro;7,3;%\n");
    let options = ImportOptions {
        dry_run: true,
        overwrite: true,
        skip_bad: false,
    };
    let report = import(&store, dir.path(), "d.csv", body.as_bytes(), options).expect("checked");
    assert!(report.contains("Provkörning: inget sparades"), "{report}");
    assert_eq!(store.audit_log().expect("log").len(), before_log);
}

#[test]
fn bad_xlsx_rows_are_named_by_their_sheet_row() {
    use rust_xlsxwriter::Workbook;
    let (dir, store) = seeded();
    let before_log = store.audit_log().expect("log").len();
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    for (column, heading) in (0u16..).zip(["nämnd", "år", "period", "indikator", "utfall", "enhet"])
    {
        sheet.write_string(0, column, heading).expect("cell");
    }
    /// nämnd, år, period, indikator, utfall as a number, utfall as text.
    type SheetRow<'a> = (&'a str, f64, &'a str, &'a str, Option<f64>, Option<&'a str>);
    let rows: [SheetRow; 3] = [
        ("sodermalm", 2020.0, "T1", "Sjukfrånvaro", Some(7.3), None),
        ("sodermalm", 2020.0, "T1", "Finns inte", Some(1.0), None),
        (
            "sodermalm",
            2020.0,
            "T1",
            "Index Bra arbetsgivare",
            None,
            Some("=1+1"),
        ),
    ];
    for (row, (council, year, period, name, value, text_value)) in (1u32..).zip(rows) {
        sheet.write_string(row, 0, council).expect("cell");
        sheet.write_number(row, 1, year).expect("cell");
        sheet.write_string(row, 2, period).expect("cell");
        sheet.write_string(row, 3, name).expect("cell");
        if let Some(value) = value {
            sheet.write_number(row, 4, value).expect("cell");
        }
        if let Some(text_value) = text_value {
            sheet.write_string(row, 4, text_value).expect("cell");
        }
    }
    let bytes = workbook.save_to_buffer().expect("xlsx");
    let error = import(
        &store,
        dir.path(),
        "v.xlsx",
        &bytes,
        ImportOptions {
            overwrite: true,
            ..ImportOptions::default()
        },
    )
    .expect_err("refused");
    let message = error.to_string();
    assert!(
        message.contains("rad 3: ingen indikator «Finns inte»"),
        "{message}"
    );
    assert!(
        message.contains("rad 4: utfall: «=1+1» är inget tal"),
        "{message}"
    );
    assert!(!message.contains("rad 2:"), "{message}");
    assert_eq!(store.audit_log().expect("log").len(), before_log);

    let not_xlsx = import(
        &store,
        dir.path(),
        "x.xlsx",
        b"not a workbook",
        ImportOptions::default(),
    )
    .expect_err("refused");
    assert!(
        not_xlsx
            .to_string()
            .starts_with("rad 1: ingen läsbar xlsx-fil"),
        "{not_xlsx}"
    );
}

/// Runs malkoll on a pseudo-terminal (util-linux `script`), as a user at a terminal: what
/// the terminal received, standard out and error together.
fn on_terminal(home: &Path, args: &[&str]) -> String {
    let binary = env!("CARGO_BIN_EXE_malkoll");
    let db = home.join("db");
    let command = std::iter::once(binary)
        .chain(["--db", path(&db)])
        .chain(args.iter().copied())
        .map(|word| format!("'{word}'"))
        .collect::<Vec<_>>()
        .join(" ");
    let output = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("MALKOLL_SERVICE", "av")
        .env_remove("SSH_CONNECTION")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("script (util-linux) runs");
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stdout));
    text(&output.stdout)
}

#[test]
fn long_commands_show_progress_on_a_terminal_only() {
    let home = tempfile::tempdir().expect("temp dir");
    let h = home.path();
    let file = h.join("v.csv");
    std::fs::write(
        &file,
        "nämnd;år;period;indikator;utfall\nsodermalm;2020;T1;Sjukfrånvaro;7,9\n",
    )
    .expect("write");
    let shown = on_terminal(h, &["import", "values", path(&file), "--overwrite"]);
    assert!(shown.contains("Kontrollerar rad 1/1"), "{shown}");
    assert!(shown.contains("Sparar 1 indikatorers värden…"), "{shown}");
    assert!(
        shown.contains("\r\u{1b}[2K1 rader lästa"),
        "the note is wiped before the result: {shown:?}"
    );
    let dump = h.join("dump");
    let shown = on_terminal(h, &["export", "json", "--out", path(&dump)]);
    assert!(shown.contains("Exporterar 4/4: sodermalm 2020"), "{shown}");

    // A document import says what it is doing (the sample as in tests/commands.rs).
    let root = env!("CARGO_MANIFEST_DIR");
    let sample = ["..", "../.."]
        .map(|up| format!("{root}/{up}/shared/samples/t1-2020-sodermalm.txt"))
        .into_iter()
        .find(|p| Path::new(p).exists())
        .expect("the shared samples");
    let shown = on_terminal(h, &["import", "report", &sample, "--overwrite"]);
    assert!(shown.contains("Läser "), "{shown}");
    assert!(shown.contains("Jämför med det sparade…"), "{shown}");

    // Not a terminal: standard error stays empty.
    let output = malkoll_db(h, &["import", "values", path(&file), "--overwrite"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(text(&output.stderr), "");
    let output = malkoll_db(h, &["export", "json", "--out", path(&h.join("again"))]);
    assert_eq!(text(&output.stderr), "");
}
