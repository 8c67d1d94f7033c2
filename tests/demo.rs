//! The demo generator: deterministic from the seed, and shaped like real plans.

use malkoll::demo::{LAST_YEAR, generate};
use malkoll::domain::{GoalLevel, Origin, Period, Value};
use malkoll::search::series_key;

#[test]
fn the_same_seed_gives_the_same_plans() {
    let first = generate(42, 3, 2);
    assert_eq!(first, generate(42, 3, 2));
    assert_ne!(first, generate(43, 3, 2));
    // A council-year does not depend on how many others are generated.
    let bigger = generate(42, 5, 2);
    assert_eq!(first[..], bigger[..first.len()]);
}

#[test]
fn every_council_and_year_is_there() {
    let plans = generate(1, 14, 10);
    assert_eq!(plans.len(), 140);
    let names: std::collections::BTreeSet<&str> =
        plans.iter().map(|p| p.council.name.as_str()).collect();
    assert_eq!(names.len(), 14);
    assert!(names.contains("Enskede-Årsta-Vantörs stadsdelsnämnd"));
    assert!(names.contains("Älvsjö stadsdelsnämnd"));
    let years: std::collections::BTreeSet<u16> = plans.iter().map(|p| p.year).collect();
    assert_eq!(years.len(), 10);
    assert_eq!(years.last(), Some(&LAST_YEAR));
    // More than 14 councils get numbered copies with their own ids.
    let more = generate(1, 15, 1);
    assert_eq!(more[14].council.id, "rinkeby-kista-2");
}

#[test]
fn each_council_year_has_the_shape_of_a_plan() {
    for plan in generate(5, 4, 3) {
        assert_eq!(plan.goals.len(), 3, "three inriktningsmål");
        let goals = plan.goals_depth_first();
        let area: Vec<_> = goals
            .iter()
            .filter(|g| g.level == GoalLevel::Area)
            .collect();
        let committee: Vec<_> = goals
            .iter()
            .filter(|g| g.level == GoalLevel::Committee)
            .collect();
        assert_eq!(area.len(), 12);
        assert!((15..=30).contains(&committee.len()), "{}", committee.len());
        for goal in &area {
            assert!((3..=8).contains(&goal.indicators.len()));
            assert!(
                goal.indicators
                    .iter()
                    .all(|i| i.origin == Origin::CityCouncil)
            );
            assert!((2..=6).contains(&goal.activities.len()));
        }
        // Within a KF-mål and its nämndmål an indicator is listed once.
        for goal in &area {
            let mut names: Vec<&str> = goal.indicators.iter().map(|i| i.name.as_str()).collect();
            for child in &goal.children {
                names.extend(child.indicators.iter().map(|i| i.name.as_str()));
            }
            let count = names.len();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), count, "{}", goal.heading());
        }
        for goal in &committee {
            assert!(goal.indicators.len() <= 4);
            assert!(
                goal.indicators
                    .iter()
                    .all(|i| i.origin == Origin::Committee)
            );
            assert!((2..=6).contains(&goal.activities.len()));
            assert!(!goal.description.is_empty());
            assert!(!goal.expected_results.is_empty());
        }
        // Ids are unique and in document order.
        let mut ids: Vec<u32> = goals.iter().map(|g| g.id).collect();
        ids.extend(plan.indicators().map(|(_, i)| i.id));
        ids.extend(plan.activities().map(|(_, a)| a.id));
        let count = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), count);
        assert_eq!(plan.max_id() as usize, count);
        // Activities have dates; the year in progress has only VP and T1.
        assert!(
            plan.activities()
                .all(|(_, a)| a.start.is_some() && a.end.is_some())
        );
        // Besides its documents, a year has the months of the monthly follow-up before its
        // last report (Feb, Mar for the year in progress).
        let (documents, months) = if plan.year == LAST_YEAR {
            (2, 2)
        } else {
            (4, 7)
        };
        assert_eq!(plan.documents.len(), documents);
        assert_eq!(plan.months.len(), months);
        assert_eq!(plan.periods().len(), documents + months);
        assert!(!plan.economy.areas.is_empty());
    }
}

#[test]
fn values_look_like_report_values() {
    let plans = generate(9, 2, 3);
    let mut outcomes = 0;
    let mut gender_split = 0;
    for plan in &plans {
        for (_, indicator) in plan.indicators() {
            let plan_report = indicator.report_in(Period::Plan);
            assert!(plan_report.outcome.is_empty(), "VP has targets only");
            assert!(!plan_report.period_label.is_empty());
            if let Some(report) = indicator.reports.get(&Period::AnnualReport) {
                let Value::Number { quantity, raw } = &report.outcome else {
                    panic!("VB has an outcome: {}", indicator.name);
                };
                outcomes += 1;
                let number = raw.split(' ').next().unwrap_or_default();
                assert!(!number.contains('.'), "decimal comma: {raw}");
                let may_pass_100 = indicator.name.starts_with("Nämndens");
                if quantity.is_percent() && !may_pass_100 {
                    assert!((0.0..=100.0).contains(&quantity.amount), "{raw}");
                }
                if !report.outcome_men.is_empty() {
                    gender_split += 1;
                }
            }
        }
    }
    assert!(outcomes > 100);
    assert!(gender_split > 10);
}

#[test]
fn drifted_names_appear_and_stay_one_series() {
    let plans = generate(3, 14, 10);
    let names: std::collections::BTreeSet<&str> = plans
        .iter()
        .flat_map(|p| p.indicators().map(|(_, i)| i.name.as_str()))
        .collect();
    assert!(
        names
            .iter()
            .any(|n| n.contains('å') || n.contains('ä') || n.contains('ö'))
    );
    let old = "Köpt energi (GWh)";
    let new = "Totalt köpt energi i stadens verksamheter";
    if names.contains(old) && names.contains(new) {
        assert_eq!(series_key(old), series_key(new));
    }
}
