//! `malkoll import json`: export json → restore into an empty database → export json gives
//! byte-identical files; a bad file restores nothing; a database with data is refused.

mod cli_common;

use std::path::Path;

use cli_common::{malkoll, text};

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
    assert_eq!(a.len(), 4);
    assert!(a == b, "export → restore → export differs");
    assert!(String::from_utf8_lossy(&a[3].1).contains("\"raw\": \"7,9\""));

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
