//! Issue 12, "Must hold": a damaged, foreign or log-less database, a re-import over typed
//! values, hostile text on every CLI output, a closed stdout, bounded input and private
//! files — each tried on the real binary or the real store, as a user would meet it.

mod cli_common;
mod raw_sled;
mod ui_common;

use std::path::{Path, PathBuf};
use std::process::Stdio;

use cli_common::{malkoll, malkoll_db, text};
use malkoll::commands::import::{self, ImportOptions};
use malkoll::domain::{IndicatorReport, Period, Value};
use malkoll::import::ImportHints;
use malkoll::store::{Actor, Change, Store};

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

/// A seeded database (bundled data) in `<home>/db`, closed again.
fn seeded(home: &Path) -> PathBuf {
    let db = home.join("db");
    let output = malkoll_db(
        home,
        &[
            "export",
            "json",
            "--out",
            &home.join("x").display().to_string(),
        ],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    db
}

fn assert_no_debug_text(message: &str) {
    for debug in [
        "Some(",
        "None",
        "Inline",
        "UnexpectedVariant",
        "Os {",
        "kind:",
        "\u{1b}",
    ] {
        assert!(
            !message.contains(debug),
            "debug text «{debug}» in: {message}"
        );
    }
}

#[test]
fn the_interface_says_in_its_status_line_why_nothing_is_saved() {
    let home = tempfile::tempdir().expect("temp dir");
    let db = seeded(home.path());
    raw_sled::overwrite_first_record(&db, "nodes", &[0u8, 0xff, 0xff, 0xff, 0xff, 0xff]);
    let store = Store::open(&db).expect("opens read-only");
    // The reading-through has finished: the interface knows at its start.
    let reason = store.read_only_reason().expect("read-only");
    let (notices, done) = store.opening_notices();
    assert!(done);
    assert_eq!(notices, [malkoll::store::read_only_notice(&reason)]);
    let mut driver = ui_common::Driver::new(store);
    let screen = driver.screen(200, 50);
    let status = screen.lines().nth(49).unwrap_or_default();
    assert!(
        status.contains("databasen öppnas bara för läsning; inget sparas."),
        "{screen}"
    );
}

#[test]
fn an_unreadable_record_makes_the_process_read_only_with_the_reason() {
    for (what, bytes) in [
        ("garbage", vec![0u8, 0xff, 0xff, 0xff, 0xff, 0xff]),
        ("newer version", vec![1u8, 0, 0, 0]),
    ] {
        let home = tempfile::tempdir().expect("temp dir");
        let db = seeded(home.path());
        raw_sled::overwrite_first_record(&db, "nodes", &bytes);
        let before = raw_sled::records(&db);
        let output = malkoll_db(
            home.path(),
            &[
                "import",
                "report",
                &sample("vp-2021-hasselby-vallingby.txt")
                    .display()
                    .to_string(),
            ],
        );
        let (out, err) = (text(&output.stdout), text(&output.stderr));
        assert!(!output.status.success(), "{what}: {out}");
        assert!(!out.contains("Sparat."), "{what}: {out}");
        assert!(
            err.contains("bara för läsning") || err.contains("nyare malkoll"),
            "{what}: {err}"
        );
        assert!(err.contains("sparas inte"), "{what}: {err}");
        assert_no_debug_text(&err);
        let store = Store::open(&db).expect("opens read-only");
        assert!(store.read_only_reason().is_some(), "{what}");
        drop(store);
        assert_eq!(
            raw_sled::records(&db),
            before,
            "{what}: nothing was written"
        );
    }
}

/// A goal-status change for the first goal below the top of Södermalm 2020 (bundled data).
fn a_status_change(store: &Store) -> Change {
    let plan = store
        .plan_year("sodermalm", 2020)
        .expect("the plan reads")
        .expect("Södermalm 2020 is bundled");
    Change::SetGoalStatus {
        council: "sodermalm".to_owned(),
        year: 2020,
        goal: plan.goals[1].id,
        period: malkoll::domain::Period::Tertial(1),
        status: malkoll::domain::GoalStatus::default(),
    }
}

#[test]
fn a_store_opened_for_reading_reads_at_once_and_a_write_still_waits_for_the_full_check() {
    let home = tempfile::tempdir().expect("temp dir");
    let db = seeded(home.path());
    // An audit record is read by no report: only the full check meets it.
    raw_sled::overwrite_first_record(&db, "audit", &[0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
    let before = raw_sled::records(&db);

    let store = Store::open_for_reading(&db).expect("opens");
    let change = a_status_change(&store);
    assert_eq!(
        store.read_only_reason_if_known(),
        None,
        "nothing read so far is damaged, and reading did not run the full check"
    );
    let write = store.apply(&change, &actor());
    assert!(
        matches!(&write, Err(malkoll::store::StoreError::ReadOnly(reason)) if reason.contains("audit")),
        "{write:?}"
    );
    assert!(store.read_only_reason_if_known().is_some());
    drop(store);

    // Opened for everything, the check runs on its thread; writes racing it right after the
    // open both wait for it and are refused.
    let store = std::sync::Arc::new(Store::open(&db).expect("opens"));
    let change = a_status_change(&store);
    let writers = (0..2)
        .map(|_| {
            let (store, change) = (store.clone(), change.clone());
            std::thread::spawn(move || store.apply(&change, &actor()))
        })
        .collect::<Vec<_>>();
    for writer in writers {
        let write = writer.join().expect("writer");
        assert!(
            matches!(write, Err(malkoll::store::StoreError::ReadOnly(_))),
            "{write:?}"
        );
    }
    drop(store);
    assert_eq!(raw_sled::records(&db), before, "nothing was written");
}

#[test]
fn read_commands_answer_on_a_damaged_database_and_writes_refuse() {
    let home = tempfile::tempdir().expect("temp dir");
    let db = seeded(home.path());
    raw_sled::overwrite_first_record(&db, "audit", &[0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
    let before = raw_sled::records(&db);
    for args in [
        &["flags", "--council", "sodermalm", "--period", "T1-2020"][..],
        &["export", "json", "--council", "sodermalm"][..],
        &["find", "bistand"][..],
    ] {
        let output = malkoll_db(home.path(), args);
        assert!(
            output.status.success(),
            "{args:?}: {}",
            text(&output.stderr)
        );
        assert!(!output.stdout.is_empty(), "{args:?} printed nothing");
    }
    let output = malkoll_db(
        home.path(),
        &[
            "import",
            "report",
            &sample("vp-2021-hasselby-vallingby.txt")
                .display()
                .to_string(),
        ],
    );
    let err = text(&output.stderr);
    assert!(!output.status.success(), "{err}");
    assert!(err.contains("bara för läsning"), "{err}");
    assert!(!text(&output.stdout).contains("Sparat."));
    assert_eq!(raw_sled::records(&db), before, "nothing was written");
}

#[test]
fn a_log_less_or_foreign_directory_is_refused_not_opened_empty() {
    let home = tempfile::tempdir().expect("temp dir");
    let db = seeded(home.path());
    std::fs::remove_file(db.join("db")).expect("remove the log");
    let output = malkoll_db(home.path(), &["find", "bistand"]);
    let err = text(&output.stderr);
    assert!(!output.status.success());
    assert!(
        err.contains("«db» saknas") && err.contains("doctor"),
        "{err}"
    );
    assert!(!db.join("db").exists(), "no new empty log was created");

    let foreign = home.path().join("bilder");
    std::fs::create_dir(&foreign).expect("dir");
    std::fs::write(foreign.join("semester.jpg"), b"jpeg").expect("file");
    let output = malkoll(
        home.path(),
        &["export", "json", "--db", &foreign.display().to_string()],
    );
    let err = text(&output.stderr);
    assert!(!output.status.success());
    assert!(err.contains("inte en malkoll-databas"), "{err}");
    assert_eq!(std::fs::read_dir(&foreign).expect("dir").count(), 1);
}

#[test]
fn find_sees_the_bundled_data_from_the_first_call() {
    let home = tempfile::tempdir().expect("temp dir");
    let output = malkoll_db(home.path(), &["find", "bistand", "--limit", "2"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let out = text(&output.stdout);
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(!out.contains("Inga träffar"), "{out}");
}

#[test]
fn a_year_outside_2000_2100_is_refused_at_import() {
    let home = tempfile::tempdir().expect("temp dir");
    let original =
        std::fs::read_to_string(sample("vp-2021-hasselby-vallingby.txt")).expect("sample");
    let file = home.path().join("vp.txt");
    std::fs::write(
        &file,
        original.replace("2021", "1899").replace("2020", "1898"),
    )
    .expect("write");
    // The detector does not take 1899 for a year in the text, so the user gives it.
    let output = malkoll_db(
        home.path(),
        &[
            "import",
            "report",
            "--year",
            "1899",
            &file.display().to_string(),
        ],
    );
    let err = text(&output.stderr);
    assert!(!output.status.success(), "{}", text(&output.stdout));
    assert!(err.contains("1899") && err.contains("2000–2100"), "{err}");
}

/// The first indicator of the stored plan that has a T1 report.
fn first_t1_indicator(store: &Store) -> (u32, IndicatorReport) {
    let plan = store
        .plan_year("sodermalm", 2020)
        .expect("read")
        .expect("stored");
    plan.indicators()
        .find_map(|(_, indicator)| {
            indicator
                .reports
                .get(&Period::Tertial(1))
                .filter(|report| report.outcome.number().is_some())
                .map(|report| (indicator.id, report.clone()))
        })
        .expect("an indicator with a T1 outcome")
}

#[test]
fn a_re_import_keeps_typed_values_lists_the_conflict_and_writes_nothing_when_unchanged() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path()).expect("open");
    let file = sample("t1-2020-sodermalm.txt");
    import::import_file(&file, ImportHints::default(), Some((&store, &actor()))).expect("import");
    let (indicator, mut report) = first_t1_indicator(&store);
    report.outcome = Value::from_input("42 %").expect("a value");
    report.analysis = "Skrivet av kontrollern.".to_owned();
    store
        .apply(
            &Change::SetIndicatorReport {
                council: "sodermalm".to_owned(),
                year: 2020,
                indicator,
                period: Period::Tertial(1),
                report: report.clone(),
            },
            &actor(),
        )
        .expect("typed value saved");
    let entries = store.audit_log().expect("log").len();

    // The same document again: the typed value is kept and the conflict listed with its
    // line; nothing else differs, so nothing is written, not even the log.
    let size = std::fs::metadata(dir.path().join("db")).expect("db").len();
    for _ in 0..5 {
        let out = import::import_file(&file, ImportHints::default(), Some((&store, &actor())))
            .expect("re-import");
        assert!(out.contains("1 skillnader"), "{out}");
        assert!(out.contains("\n  rad ") && out.contains("behölls"), "{out}");
        assert!(out.contains("ingenting sparades"), "{out}");
        assert!(!out.contains("Sparat."), "{out}");
    }
    let kept = store
        .plan_year("sodermalm", 2020)
        .expect("read")
        .expect("stored");
    let kept_report = kept
        .indicators()
        .find(|(_, i)| i.id == indicator)
        .and_then(|(_, i)| i.reports.get(&Period::Tertial(1)))
        .expect("still there");
    assert_eq!(
        kept_report, &report,
        "the typed value and analysis are kept"
    );
    assert_eq!(store.audit_log().expect("log").len(), entries);
    assert_eq!(
        std::fs::metadata(dir.path().join("db")).expect("db").len(),
        size
    );

    // --overwrite: the document wins, says so, and the audit entry notes the conflict and
    // keeps the typed value as what was before (rebuilt from the stored difference).
    let out = import::import_file_with(
        &file,
        ImportHints::default(),
        Some((&store, &actor())),
        ImportOptions { overwrite: true },
    )
    .expect("overwrite");
    assert!(out.contains("ersatte") && out.contains("Sparat."), "{out}");
    let (_, replaced) = first_t1_indicator(&store);
    assert_ne!(replaced.analysis, "Skrivet av kontrollern.");
    let log = store.audit_log().expect("log");
    assert_eq!(log.len(), entries + 1);
    let last = log.last().expect("entry");
    let notes = store.audit_notes(last.seq).expect("notes");
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(
        notes[0].contains("ersatte") && notes[0].starts_with("rad "),
        "{notes:?}"
    );
    let Some(malkoll::store::Snapshot::PlanYear(before)) = &last.before else {
        panic!("a plan year before: {:?}", last.before.is_some());
    };
    let before_report = before
        .indicators()
        .find(|(_, i)| i.id == indicator)
        .and_then(|(_, i)| i.reports.get(&Period::Tertial(1)))
        .expect("in the before plan");
    assert_eq!(before_report, &report);
    assert_eq!(**before, kept, "the whole plan before, rebuilt exactly");
    // Undo puts the typed value back.
    let undo = last.undo_change().expect("undo");
    store.apply(&undo, &actor()).expect("undone");
    assert_eq!(
        store
            .plan_year("sodermalm", 2020)
            .expect("read")
            .expect("stored"),
        kept
    );
}

#[cfg(unix)]
#[test]
fn a_new_database_and_its_files_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().expect("temp dir");
    let db = seeded(home.path());
    let mode = |path: &Path| {
        std::fs::metadata(path)
            .expect("exists")
            .permissions()
            .mode()
            & 0o777
    };
    assert_eq!(mode(&db), 0o700);
    assert_eq!(mode(&db.join("blobs")), 0o700);
    for file in ["db", "conf", "search-names.tsv"] {
        assert_eq!(mode(&db.join(file)), 0o600, "{file}");
    }
    let store = Store::open(&db).expect("open");
    assert_eq!(mode(&db.join("malkoll.lock.json")), 0o600);
    store.save_draft("x", "hemlig text").expect("draft");
    drop(store);
    for backup in malkoll::store::backup::list(&db) {
        assert_eq!(mode(&backup.path), 0o700);
    }
}

#[test]
fn hostile_text_never_reaches_the_terminal_from_any_cli_path() {
    let home = tempfile::tempdir().expect("temp dir");
    let db = seeded(home.path());
    let hostile = "x\u{1b}]0;kapad\u{7}\u{9b}2J\u{202e}\u{061c}\u{2060}\u{180e}\u{e0041}\u{fffa}y";
    let clean = |bytes: &[u8]| {
        let s = text(bytes);
        !s.chars().any(malkoll::domain::text::is_hostile) && !s.contains("kapad")
    };
    let runs: Vec<Vec<String>> = vec![
        vec![
            "flags".into(),
            "--council".into(),
            hostile.into(),
            "--period".into(),
            "T1-2020".into(),
        ],
        vec![
            "summary".into(),
            "--council".into(),
            "sodermalm".into(),
            "--period".into(),
            hostile.into(),
        ],
        vec!["history".into(), hostile.into()],
        vec!["find".into(), hostile.into()],
        vec![
            "export".into(),
            "json".into(),
            "--council".into(),
            hostile.into(),
        ],
        vec![
            "import".into(),
            "report".into(),
            home.path().join(hostile).display().to_string(),
        ],
        vec![
            "keymap".into(),
            "check".into(),
            home.path().join(hostile).display().to_string(),
        ],
    ];
    for args in &runs {
        let mut full = vec!["--db".to_owned(), db.display().to_string()];
        full.extend(args.iter().cloned());
        let refs: Vec<&str> = full.iter().map(String::as_str).collect();
        let output = malkoll(home.path(), &refs);
        assert!(
            clean(&output.stdout),
            "{args:?} stdout: {:?}",
            text(&output.stdout)
        );
        assert!(
            clean(&output.stderr),
            "{args:?} stderr: {:?}",
            text(&output.stderr)
        );
    }

    // A keymap whose keys are escape sequences.
    let keymap = home.path().join("keymap.toml");
    std::fs::write(
        &keymap,
        format!(
            "[normal]\nquit = [\"{}\"]\n\"{}\" = [\"q\"]\n",
            hostile
                .replace('\u{1b}', "\\u001b")
                .replace('\u{7}', "\\u0007")
                .replace('\u{9b}', "\\u009b"),
            "a\\u001b[31mb"
        ),
    )
    .expect("keymap");
    let output = malkoll(
        home.path(),
        &["keymap", "check", &keymap.display().to_string()],
    );
    assert!(clean(&output.stdout), "keymap: {:?}", text(&output.stdout));
    assert!(clean(&output.stderr), "keymap: {:?}", text(&output.stderr));

    // A lock file written by someone else, naming a hostile user and host.
    let store = Store::open(&db).expect("hold");
    std::fs::write(
        db.join("malkoll.lock.json"),
        serde_json::json!({"user": hostile, "pid": 1, "started": hostile, "host": hostile})
            .to_string(),
    )
    .expect("lock file");
    let output = malkoll_db(
        home.path(),
        &["export", "json", "--council", "sodermalm", "--year", "2020"],
    );
    assert!(!output.status.success());
    let err = text(&output.stderr);
    assert!(err.contains("används redan av xy"), "{err:?}");
    assert!(clean(&output.stderr), "lock: {err:?}");
    drop(store);
}

#[test]
fn a_closed_stdout_ends_quietly() {
    let home = tempfile::tempdir().expect("temp dir");
    let db = seeded(home.path());
    for args in [
        vec!["export", "json", "--council", "sodermalm", "--year", "2020"],
        vec!["find", "a", "--limit", "500"],
        vec!["import", "report", "--dry-run"],
    ] {
        let mut args: Vec<String> = args.into_iter().map(str::to_owned).collect();
        if args[0] == "import" {
            args.push(sample("t1-2020-sodermalm.txt").display().to_string());
        }
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_malkoll"))
            .arg("--db")
            .arg(&db)
            .args(&args)
            .env("HOME", home.path())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("runs");
        // Close the reading end at once, as `| head -c0` would.
        drop(child.stdout.take());
        let output = child.wait_with_output().expect("ends");
        let err = text(&output.stderr);
        assert!(
            output.status.success(),
            "{args:?}: {:?} {err}",
            output.status
        );
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(err.is_empty(), "{args:?}: {err}");
    }
}

#[test]
fn import_reads_only_bounded_regular_files() {
    let home = tempfile::tempdir().expect("temp dir");
    let started = std::time::Instant::now();
    let output = malkoll_db(home.path(), &["import", "report", "--dry-run", "/dev/zero"]);
    assert!(!output.status.success());
    assert!(
        text(&output.stderr).contains("ingen vanlig fil"),
        "{}",
        text(&output.stderr)
    );
    let output = malkoll_db(home.path(), &["import", "report", "--dry-run", "/tmp"]);
    assert!(
        text(&output.stderr).contains("ingen vanlig fil"),
        "{}",
        text(&output.stderr)
    );
    let big = home.path().join("stor.txt");
    std::fs::File::create(&big)
        .and_then(|file| file.set_len(import::MAX_IMPORT_BYTES + 1))
        .expect("sparse file");
    let output = malkoll_db(
        home.path(),
        &["import", "report", "--dry-run", &big.display().to_string()],
    );
    assert!(
        text(&output.stderr).contains("större än 20 MB"),
        "{}",
        text(&output.stderr)
    );
    assert!(started.elapsed().as_secs() < 20, "refused without reading");
}

#[test]
fn doctor_names_the_damage_and_restores_the_newest_backup() {
    let home = tempfile::tempdir().expect("temp dir");
    let db = seeded(home.path());
    {
        let store = Store::open(&db).expect("open");
        let backup = store.backup("prov").expect("backup");
        assert_eq!(backup.plans, 4);
    }
    let output = malkoll_db(home.path(), &["doctor"]);
    assert!(output.status.success(), "{}", text(&output.stdout));
    assert!(text(&output.stdout).contains("Databasen är hel"));

    raw_sled::overwrite_first_record(&db, "reports", &[0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
    let output = malkoll_db(home.path(), &["doctor"]);
    let out = text(&output.stdout);
    assert!(!output.status.success(), "{out}");
    assert!(
        out.contains("går inte att läsa helt") && out.contains("--restore"),
        "{out}"
    );
    assert_no_debug_text(&out);

    let output = malkoll_db(home.path(), &["doctor", "--restore"]);
    let out = text(&output.stdout);
    assert!(out.contains("Återställt: 4 planår"), "{out}");
    let output = malkoll_db(home.path(), &["doctor"]);
    assert!(output.status.success(), "{}", text(&output.stdout));
    let damaged_kept = std::fs::read_dir(home.path())
        .expect("home")
        .flatten()
        .any(|entry| {
            entry
                .file_name()
                .to_string_lossy()
                .starts_with("db.skadad-")
        });
    assert!(damaged_kept, "the damaged database is kept beside");
}

#[test]
fn an_incomplete_snapshot_is_moved_aside_and_the_user_told() {
    let home = tempfile::tempdir().expect("temp dir");
    let db = seeded(home.path());
    std::fs::write(db.join("snap.00000000000FFFFF.generating"), vec![7u8; 100]).expect("write");
    let output = malkoll_db(
        home.path(),
        &["export", "json", "--council", "sodermalm", "--year", "2020"],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        text(&output.stderr).contains("recovered"),
        "{}",
        text(&output.stderr)
    );
    assert_eq!(
        std::fs::read_dir(db.join("recovered"))
            .expect("moved")
            .count(),
        1
    );
}
