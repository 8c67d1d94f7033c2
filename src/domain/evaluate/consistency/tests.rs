use super::*;
use crate::domain::evaluate::test_support::{activity, goal, indicator, stated, with_report};
use crate::domain::{Completion, Direction, Origin, Value};

const T1: Period = Period::Tertial(1);
const VB: Period = Period::AnnualReport;

fn kinds(findings: &[Finding]) -> Vec<(NodeId, FindingKind)> {
    findings.iter().map(|f| (f.node, f.kind)).collect()
}

fn year_stated(id: NodeId, status: IndicatorStatus) -> crate::domain::Indicator {
    let mut built = stated(id, Origin::CityCouncil, T1, status);
    built.periodicity = Periodicity::Year;
    built
}

#[test]
fn one_unmet_indicator_under_a_fully_met_goal_is_judgement_not_contradiction() {
    let mut area = goal(1, GoalLevel::Area, T1, Assessment::FullyMet, "Analys");
    area.indicators = vec![
        year_stated(10, IndicatorStatus::Met),
        year_stated(11, IndicatorStatus::PartlyMet),
        year_stated(12, IndicatorStatus::NotMet),
    ];
    assert!(check_goal(&area, T1).is_empty());
}

#[test]
fn fully_met_goal_with_most_indicators_not_met_is_a_contradiction() {
    let mut area = goal(1, GoalLevel::Area, T1, Assessment::FullyMet, "Analys");
    area.indicators = vec![
        year_stated(10, IndicatorStatus::Met),
        year_stated(11, IndicatorStatus::NotMet),
        year_stated(12, IndicatorStatus::NotMet),
    ];
    let findings = check_goal(&area, T1);
    assert_eq!(
        kinds(&findings),
        vec![(1, FindingKind::FullyMetWithUnmetIndicator)]
    );
    assert!(
        findings[0].message.contains("2 av 3 indikatorer uppnås ej"),
        "{}",
        findings[0].message
    );
    // The same goal assessed delvis is consistent.
    area.status.entry(T1).or_default().assessment = Assessment::PartiallyMet;
    assert!(check_goal(&area, T1).is_empty());
}

#[test]
fn not_met_goal_with_every_indicator_met_is_a_contradiction() {
    let mut area = goal(1, GoalLevel::Area, T1, Assessment::NotMet, "Analys");
    area.indicators = vec![
        year_stated(10, IndicatorStatus::Met),
        year_stated(11, IndicatorStatus::Met),
    ];
    let findings = check_goal(&area, T1);
    assert_eq!(
        kinds(&findings),
        vec![(1, FindingKind::FullyMetWithUnmetIndicator)]
    );
    assert!(
        findings[0]
            .message
            .contains("samtliga 2 indikatorer uppnås")
    );
    area.indicators[1] = year_stated(11, IndicatorStatus::PartlyMet);
    assert!(check_goal(&area, T1).is_empty());
}

#[test]
fn the_computed_status_counts_when_none_is_stated() {
    let mut area = goal(1, GoalLevel::Area, T1, Assessment::FullyMet, "Analys");
    // Prognos 510 against 680: 25 % short, uppnås ej; the only indicator.
    let mut feriejobb = indicator(Direction::HigherBetter, T1, "510", "510", "680");
    feriejobb.name = "Antal platser för feriejobb".to_owned();
    area.indicators = vec![feriejobb];
    let findings = check_goal(&area, T1);
    assert_eq!(
        kinds(&findings),
        vec![(1, FindingKind::FullyMetWithUnmetIndicator)]
    );
    assert!(findings[0].message.contains("uppnås ej"));

    // Excluded indicators are left out.
    area.indicators[0] = with_report(area.indicators[0].clone(), T1, |report| {
        report.excluded = true;
    });
    assert!(check_goal(&area, T1).is_empty());
}

#[test]
fn an_assumed_direction_is_raised_where_it_decides_the_status() {
    let area = {
        let mut area = goal(1, GoalLevel::Area, T1, Assessment::PartiallyMet, "Analys");
        // "Testindikator" is in no family, and the status is computed.
        area.indicators = vec![indicator(Direction::HigherBetter, T1, "5", "5", "6")];
        area
    };
    assert_eq!(
        kinds(&check_goal(&area, T1)),
        vec![(100, FindingKind::AssumedDirection)]
    );
    let mut confirmed = area.clone();
    confirmed.indicators[0].direction = Direction::LowerBetter;
    assert!(check_goal(&confirmed, T1).is_empty());
    // Confirmed as the default it had: no longer assumed.
    let mut kept = area.clone();
    kept.indicators[0].direction_confirmed = true;
    assert!(check_goal(&kept, T1).is_empty());
}

#[test]
fn a_guessed_placement_is_uncertain_not_missing() {
    let mut committee = goal(1, GoalLevel::Committee, T1, Assessment::FullyMet, "A");
    committee.indicators = vec![with_report(
        stated(30, Origin::Committee, T1, IndicatorStatus::Met),
        T1,
        |report| report.ambiguous = true,
    )];
    assert_eq!(
        kinds(&check_goal(&committee, T1)),
        vec![(30, FindingKind::UncertainPlacement)]
    );
}

#[test]
fn an_outcome_reported_later_is_not_missing() {
    let mut committee = goal(1, GoalLevel::Committee, T1, Assessment::FullyMet, "A");
    committee.indicators = vec![with_report(
        stated(30, Origin::Committee, T1, IndicatorStatus::NoResult),
        T1,
        |report| {
            report.analysis =
                "Rapporteringen av utfall för denna indikator startar i tertialrapport 2."
                    .to_owned();
        },
    )];
    assert!(check_goal(&committee, T1).is_empty());
    committee.indicators[0] = with_report(committee.indicators[0].clone(), T1, |report| {
        report.analysis = "Enkäten genomfördes i mars.".to_owned();
    });
    assert_eq!(
        kinds(&check_goal(&committee, T1)),
        vec![(30, FindingKind::MissingValue)]
    );
}

#[test]
fn deviation_without_analysis() {
    let mut committee = goal(1, GoalLevel::Committee, VB, Assessment::FullyMet, "Analys");
    committee.activities = vec![
        activity(20, Origin::Committee, VB, Completion::NotDone, true, ""),
        activity(
            21,
            Origin::Committee,
            VB,
            Completion::Done,
            true,
            "Försenad.",
        ),
        activity(22, Origin::Committee, VB, Completion::Done, false, ""),
    ];
    let findings = check_goal(&committee, VB);
    assert_eq!(
        kinds(&findings),
        vec![(20, FindingKind::DeviationWithoutAnalysis)]
    );
    assert!(findings[0].message.contains("avvikelse"));
}

#[test]
fn goals_need_assessment_and_analysis_in_reporting_periods() {
    let bare = goal(1, GoalLevel::Committee, T1, Assessment::NotAssessed, " ");
    assert_eq!(
        kinds(&check_goal(&bare, T1)),
        vec![
            (1, FindingKind::MissingAssessment),
            (1, FindingKind::MissingAnalysis)
        ]
    );
    // No status stored at all for VB.
    assert_eq!(check_goal(&bare, VB).len(), 2);
    // The plan and the months have no assessments.
    assert!(check_goal(&bare, Period::Plan).is_empty());
    assert!(check_goal(&bare, Period::Month(3)).is_empty());
    // The T1 inriktningsmål has only a prose verdict; in a VB it has a bedömning line.
    let direction = goal(
        2,
        GoalLevel::Direction,
        T1,
        Assessment::NotAssessed,
        "Prosa",
    );
    assert!(check_goal(&direction, T1).is_empty());
    let direction = goal(
        2,
        GoalLevel::Direction,
        VB,
        Assessment::NotAssessed,
        "Prosa",
    );
    assert_eq!(
        kinds(&check_goal(&direction, VB)),
        vec![(2, FindingKind::MissingAssessment)]
    );
}

#[test]
fn due_indicators_without_a_value() {
    let mut committee = goal(1, GoalLevel::Committee, T1, Assessment::FullyMet, "Analys");
    let tertial_empty = {
        let mut built = indicator(Direction::HigherBetter, T1, "", "", "50");
        built.id = 30;
        built
    };
    let annual_empty = {
        let mut built = tertial_empty.clone();
        built.id = 31;
        built.periodicity = Periodicity::Year;
        built
    };
    let tertial_marker = with_report(
        {
            let mut built = tertial_empty.clone();
            built.id = 32;
            built
        },
        T1,
        |report| report.outcome = Value::from_cell("Inget utfall 2020"),
    );
    committee.indicators = vec![tertial_empty, annual_empty, tertial_marker];
    assert_eq!(
        kinds(&check_goal(&committee, T1)),
        vec![(30, FindingKind::MissingValue)]
    );

    // In the VB every indicator is due; the annual one has no VB report at all.
    let mut vb_goal = committee.clone();
    vb_goal.status = goal(1, GoalLevel::Committee, VB, Assessment::FullyMet, "A").status;
    assert_eq!(
        kinds(&check_goal(&vb_goal, VB)),
        vec![
            (30, FindingKind::MissingValue),
            (31, FindingKind::MissingValue),
            (32, FindingKind::MissingValue)
        ]
    );
}

#[test]
fn check_plan_walks_the_tree_in_document_order() {
    let mut direction = goal(
        1,
        GoalLevel::Direction,
        T1,
        Assessment::NotAssessed,
        "Prosa",
    );
    let mut area = goal(2, GoalLevel::Area, T1, Assessment::FullyMet, "");
    area.children = vec![goal(
        3,
        GoalLevel::Committee,
        T1,
        Assessment::NotAssessed,
        "A",
    )];
    direction.children = vec![area];
    let plan = PlanYear {
        council: crate::domain::Council {
            id: "test".into(),
            name: "Test".into(),
        },
        year: 2020,
        documents: Vec::new(),
        goals: vec![direction],
        months: Vec::new(),
        economy: Default::default(),
    };
    assert_eq!(
        kinds(&check_plan(&plan, T1)),
        vec![
            (2, FindingKind::MissingAnalysis),
            (3, FindingKind::MissingAssessment)
        ]
    );
}
