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

/// Whether `goal` is the one a fact names by `<prefix>number` and/or `<prefix>title_starts`.
fn names_goal(fact: &serde_json::Value, prefix: &str, goal: &malkoll::domain::Goal) -> bool {
    let text = |key: &str| {
        fact.get(format!("{prefix}{key}"))
            .and_then(serde_json::Value::as_str)
    };
    text("number").is_none_or(|n| goal.number.as_deref() == Some(n))
        && text("title_starts").is_none_or(|t| goal.title.starts_with(t))
}

/// Each goal's parent, so a fact can say "this nämndmål sits under KF-mål 1.1".
fn parents(
    plan: &PlanYear,
) -> std::collections::HashMap<malkoll::domain::NodeId, &malkoll::domain::Goal> {
    fn walk<'a>(
        goal: &'a malkoll::domain::Goal,
        into: &mut std::collections::HashMap<malkoll::domain::NodeId, &'a malkoll::domain::Goal>,
    ) {
        for child in &goal.children {
            into.insert(child.id, goal);
            walk(child, into);
        }
    }
    let mut map = std::collections::HashMap::new();
    for goal in &plan.goals {
        walk(goal, &mut map);
    }
    map
}

/// Checks the hand-checked facts in tests/fixtures/import/facts.json; each fact cites the
/// sample line it was read from.
#[test]
fn hand_checked_facts() {
    use malkoll::domain::Period;
    use serde_json::Value as Json;
    let path = format!(
        "{}/tests/fixtures/import/facts.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let facts: Json = serde_json::from_str(&std::fs::read_to_string(path).expect("facts file"))
        .expect("facts JSON");
    let Json::Object(per_file) = facts else {
        panic!("facts.json is an object keyed by sample file");
    };
    let mut failures = Vec::new();
    let mut checked = 0;
    let mut per_file_counts = Vec::new();
    for (file, list) in per_file {
        let picked = list
            .as_array()
            .into_iter()
            .flatten()
            .filter(|fact| fact.get("picked_by").is_some())
            .count();
        per_file_counts.push((file.clone(), list.as_array().map_or(0, Vec::len), picked));
        let report = import(&file);
        let period: Period = report.kind.period();
        let goals = report.plan.goals_depth_first();
        let parent_of = parents(&report.plan);
        for fact in list.as_array().into_iter().flatten() {
            checked += 1;
            let text = |key: &str| fact.get(key).and_then(Json::as_str);
            let line = fact.get("line").and_then(Json::as_u64).unwrap_or(0);
            let mut fail = |what: String| failures.push(format!("{file}:{line}: {what}"));
            match text("kind") {
                Some("indicator") => {
                    let name = text("name").unwrap_or_default();
                    let Some(indicator) = goals
                        .iter()
                        .filter(|g| names_goal(fact, "goal_", g))
                        .flat_map(|g| g.indicators.iter())
                        .find(|i| i.name == name)
                    else {
                        fail(format!("indicator «{name}» missing"));
                        continue;
                    };
                    let report = indicator.report_in(period);
                    let fields = [
                        ("outcome", report.outcome.display()),
                        ("men", report.outcome_men.display()),
                        ("women", report.outcome_women.display()),
                        ("prev", report.prev_year_outcome.display()),
                        ("forecast", report.forecast_full_year.display()),
                        ("annual", report.annual_target.display()),
                        ("council", report.council_target.display()),
                        ("period", report.period_label.clone()),
                        ("origin", format!("{:?}", indicator.origin)),
                        ("direction", format!("{:?}", indicator.direction)),
                        ("periodicity", format!("{:?}", indicator.periodicity)),
                    ];
                    for (key, actual) in fields {
                        if let Some(expected) = text(key)
                            && expected != actual
                        {
                            fail(format!(
                                "«{name}» {key}: expected «{expected}», got «{actual}»"
                            ));
                        }
                    }
                    // "read_council": the cell as the document wrote it, where it differs
                    // from the value shown («öka» shown as Öka).
                    use malkoll::domain::ReportField;
                    for (key, field) in [
                        ("read_outcome", ReportField::Outcome),
                        ("read_prev", ReportField::PrevYearOutcome),
                        ("read_forecast", ReportField::ForecastFullYear),
                        ("read_annual", ReportField::AnnualTarget),
                        ("read_council", ReportField::CouncilTarget),
                    ] {
                        let actual = report.read_cell(field).map(|cell| cell.raw.as_str());
                        if let Some(expected) = text(key)
                            && actual != Some(expected)
                        {
                            fail(format!(
                                "«{name}» {key}: expected «{expected}», got {actual:?}"
                            ));
                        }
                    }
                    if let Some(expected) = fact.get("excluded").and_then(Json::as_bool)
                        && expected != report.excluded
                    {
                        fail(format!("«{name}» excluded: expected {expected}"));
                    }
                    if let Some(start) = text("analysis_starts")
                        && !report.analysis.starts_with(start)
                    {
                        fail(format!("«{name}» analysis: «{}»", report.analysis));
                    }
                    if let Some(start) = text("comment_starts")
                        && !report.comment.starts_with(start)
                    {
                        fail(format!("«{name}» comment: «{}»", report.comment));
                    }
                }
                Some("activity") => {
                    let starts = text("title_starts").unwrap_or_default();
                    let Some(activity) = goals
                        .iter()
                        .filter(|g| names_goal(fact, "goal_", g))
                        .flat_map(|g| g.activities.iter())
                        .find(|a| a.title.starts_with(starts))
                    else {
                        fail(format!("activity «{starts}» missing"));
                        continue;
                    };
                    let start = activity.start.map(|d| d.to_string()).unwrap_or_default();
                    let end = activity.end.map(|d| d.to_string()).unwrap_or_default();
                    if text("start") != Some(start.as_str()) || text("end") != Some(end.as_str()) {
                        fail(format!("«{starts}» dates {start} {end}"));
                    }
                    let deviation = fact
                        .get("deviation")
                        .and_then(Json::as_bool)
                        .unwrap_or(false);
                    if activity.report_in(period).deviation != deviation {
                        fail(format!("«{starts}» deviation"));
                    }
                    if let Some(origin) = text("origin")
                        && format!("{:?}", activity.origin) != origin
                    {
                        fail(format!("«{starts}» origin {:?}", activity.origin));
                    }
                    if let Some(end_text) = text("title_ends")
                        && !activity.title.ends_with(end_text)
                    {
                        fail(format!("«{starts}» title: «{}»", activity.title));
                    }
                }
                Some("goal") => {
                    let number = text("number");
                    let title = text("title_starts").unwrap_or_default();
                    let Some(goal) = goals.iter().find(|g| {
                        g.number.as_deref() == number
                            && g.title.starts_with(title)
                            && text("level").is_none_or(|l| format!("{:?}", g.level) == l)
                    }) else {
                        fail(format!("goal {number:?} «{title}» missing"));
                        continue;
                    };
                    if let Some(level) = text("level")
                        && format!("{:?}", goal.level) != level
                    {
                        fail(format!("goal {number:?} level {:?}", goal.level));
                    }
                    let has_parent_fact = fact.get("parent_number").is_some()
                        || fact.get("parent_title_starts").is_some();
                    if has_parent_fact
                        && !parent_of
                            .get(&goal.id)
                            .is_some_and(|parent| names_goal(fact, "parent_", parent))
                    {
                        fail(format!(
                            "goal {number:?} «{title}» parent {:?}",
                            parent_of.get(&goal.id).map(|p| p.heading())
                        ));
                    }
                    for (key, actual) in [
                        ("expected_raw_starts", &goal.expected_results_raw),
                        ("comment_starts", &goal.comment),
                        ("narrative_starts", &goal.narrative),
                        ("title_ends", &goal.title),
                    ] {
                        let Some(expected) = text(key) else { continue };
                        let holds = if key == "title_ends" {
                            actual.ends_with(expected)
                        } else {
                            actual.starts_with(expected)
                        };
                        if !holds {
                            fail(format!("goal {number:?} «{title}» {key}: «{actual}»"));
                        }
                    }
                    for (key, actual) in [
                        ("indicator_count", goal.indicators.len()),
                        ("activity_count", goal.activities.len()),
                        ("children_count", goal.children.len()),
                    ] {
                        if let Some(expected) = fact.get(key).and_then(Json::as_u64)
                            && expected != actual as u64
                        {
                            fail(format!("goal {number:?} «{title}» {key}: {actual}"));
                        }
                    }
                    if let Some(expected) = fact.get("sdg_refs").and_then(Json::as_array) {
                        let expected: Vec<u64> = expected.iter().filter_map(Json::as_u64).collect();
                        let actual: Vec<u64> =
                            goal.sdg_refs.iter().map(|&n| u64::from(n)).collect();
                        if expected != actual {
                            fail(format!("goal {number:?} «{title}» sdg_refs {actual:?}"));
                        }
                    }
                    let status = goal.status_in(period);
                    if let Some(expected) = text("assessment")
                        && format!("{:?}", status.assessment) != expected
                    {
                        fail(format!(
                            "goal {number:?} assessment {:?}",
                            status.assessment
                        ));
                    }
                    if let Some(start) = text("analysis_starts")
                        && !status.analysis.starts_with(start)
                    {
                        fail(format!("goal {number:?} analysis «{}»", status.analysis));
                    }
                    if let Some(start) = text("description_starts")
                        && !goal.description.starts_with(start)
                    {
                        fail(format!(
                            "goal {number:?} description «{}»",
                            goal.description
                        ));
                    }
                    if let Some(first) = text("expected_first")
                        && goal.expected_results.first().map(String::as_str) != Some(first)
                    {
                        fail(format!(
                            "goal {number:?} expected results {:?}",
                            goal.expected_results
                        ));
                    }
                }
                other => fail(format!("unknown fact kind {other:?}")),
            }
        }
    }
    for (file, count, picked) in &per_file_counts {
        if *count < 30 {
            failures.push(format!("{file}: only {count} hand-checked facts, want 30"));
        }
        // Rows chosen by tests/fixtures/import/pick_lines.py (random lines, not by hand).
        if *picked < 40 {
            failures.push(format!("{file}: only {picked} picked rows, want 40"));
        }
    }
    if per_file_counts.len() < 4 {
        failures.push(format!(
            "facts for {} samples, want all 4",
            per_file_counts.len()
        ));
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} facts fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
