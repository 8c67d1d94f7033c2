//! Imports every sample document and checks it against the hand-verified counts, the
//! hand-checked facts in tests/fixtures/import/, and the committed JSON in data/ (which is
//! rewritten from the importer's output when `MALKOLL_UPDATE_DATA=1`).

use malkoll::domain::{DocKind, PlanYear};
use malkoll::export::{plan_from_json, plan_to_json};
use malkoll::import::{ImportHints, ImportReport, counts, import_report};

/// `../shared/samples/` beside the clone (CI); a worktree sits one level deeper.
fn sample_path(file: &str) -> String {
    let root = env!("CARGO_MANIFEST_DIR");
    let beside = format!("{root}/../shared/samples/{file}");
    if std::path::Path::new(&beside).exists() {
        beside
    } else {
        format!("{root}/../../shared/samples/{file}")
    }
}

fn import(file: &str) -> ImportReport {
    let text = std::fs::read_to_string(sample_path(file)).expect("sample is readable");
    let hints = ImportHints {
        source_name: file.to_owned(),
        ..ImportHints::default()
    };
    import_report(&text, &hints).expect("sample imports")
}

/// Compares with data/<name>.json, or rewrites it when MALKOLL_UPDATE_DATA=1.
fn check_data(plan: &PlanYear, name: &str) {
    let path = format!("{}/data/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let json = plan_to_json(plan);
    if std::env::var("MALKOLL_UPDATE_DATA").as_deref() == Ok("1") {
        std::fs::write(&path, format!("{json}\n")).expect("data/ is writable");
        return;
    }
    let stored =
        std::fs::read_to_string(&path).expect("data file exists; run with MALKOLL_UPDATE_DATA=1");
    let stored_plan = plan_from_json(&stored).expect("data file is valid JSON");
    assert!(
        stored_plan == *plan,
        "data/{name}.json differs from the importer's output; rerun with MALKOLL_UPDATE_DATA=1"
    );
}

fn print_summary(report: &ImportReport) {
    let c = report.counts();
    eprintln!(
        "{} {:?}: {c:?}, {} warnings",
        report.plan.council.id,
        report.kind,
        report.warnings.len()
    );
    for w in &report.warnings {
        eprintln!("  {}: {}", w.line, w.message);
    }
}

#[test]
fn t1_2020_sodermalm() {
    let report = import("t1-2020-sodermalm.txt");
    print_summary(&report);
    assert_eq!(report.kind, DocKind::Tertial(1));
    assert_eq!(report.plan.year, 2020);
    assert_eq!(report.plan.council.id, "sodermalm");
    assert_eq!(report.plan.council.name, "Södermalms stadsdelsnämnd");
    let c = counts(&report.plan, report.kind.period());
    assert_eq!(
        (c.direction_goals, c.area_goals, c.committee_goals),
        (3, 12, 27)
    );
    check_data(&report.plan, "sodermalm-2020");
}

#[test]
fn vp_2021_hasselby_vallingby() {
    let report = import("vp-2021-hasselby-vallingby.txt");
    print_summary(&report);
    assert_eq!(report.kind, DocKind::Plan);
    assert_eq!(report.plan.year, 2021);
    assert_eq!(report.plan.council.id, "hasselby-vallingby");
    let c = report.counts();
    assert_eq!(
        (c.direction_goals, c.area_goals, c.committee_goals),
        (3, 12, 18)
    );
    check_data(&report.plan, "hasselby-vallingby-2021");
}

#[test]
fn vp_2019_hagersten_liljeholmen() {
    let report = import("vp-2019-hagersten-liljeholmen.txt");
    print_summary(&report);
    assert_eq!(report.kind, DocKind::Plan);
    assert_eq!(report.plan.year, 2019);
    assert_eq!(report.plan.council.id, "hagersten-liljeholmen");
    let c = report.counts();
    assert_eq!(
        (c.direction_goals, c.area_goals, c.committee_goals),
        (3, 12, 21)
    );
    check_data(&report.plan, "hagersten-liljeholmen-2019");
}

#[test]
fn vp_2022_hagersten_alvsjo() {
    let report = import("vp-2022-hagersten-alvsjo.txt");
    print_summary(&report);
    assert_eq!(report.kind, DocKind::Plan);
    assert_eq!(report.plan.year, 2022);
    assert_eq!(report.plan.council.id, "hagersten-alvsjo");
    let c = report.counts();
    assert_eq!(
        (c.direction_goals, c.area_goals, c.committee_goals),
        (3, 12, 17)
    );
    check_data(&report.plan, "hagersten-alvsjo-2022");
}
