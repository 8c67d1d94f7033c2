use super::*;
use crate::domain::evaluate::test_support::{activity, goal, indicator, with_report};
use crate::domain::flags::FlagCode;
use crate::domain::{
    Completion, Council, Direction, DocKind, GoalLevel, NodeId, Origin, SourceDocument, Value,
};

const T1: Period = Period::Tertial(1);

fn document(kind: DocKind) -> SourceDocument {
    SourceDocument {
        kind,
        source: "test.txt".into(),
        summary: String::new(),
    }
}

/// An area goal assessed with analys and two indicators (one red without its own analys, one
/// due without a value); a committee goal neither assessed nor analysed, with an activity in
/// *Avvikelse* without analys.
fn plan() -> PlanYear {
    let mut area = goal(1, GoalLevel::Area, T1, Assessment::PartiallyMet, "Analys.");
    let mut red = indicator(Direction::HigherBetter, T1, "510", "510", "680 st");
    red.id = 10;
    let mut empty = with_report(
        indicator(Direction::HigherBetter, T1, "", "", "45 st"),
        T1,
        |report| report.outcome = Value::default(),
    );
    empty.id = 11;
    area.indicators = vec![red, empty];
    let mut committee = goal(2, GoalLevel::Committee, T1, Assessment::NotAssessed, "");
    committee.activities = vec![activity(
        20,
        Origin::Committee,
        T1,
        Completion::Unknown,
        true,
        "",
    )];
    area.children = vec![committee];
    PlanYear {
        council: Council {
            id: "test".into(),
            name: "Test".into(),
        },
        year: 2020,
        documents: vec![document(DocKind::Plan), document(DocKind::Tertial(1))],
        goals: vec![area],
        months: Vec::new(),
        economy: Default::default(),
    }
}

fn open_codes(plan: &PlanYear, dismissals: &Dismissals) -> Vec<(NodeId, FlagCode)> {
    let mut flags = flags_of_plan(plan, T1);
    dismissals.mark(&mut flags, T1);
    flags
        .iter()
        .filter(|f| f.is_open())
        .map(|f| (f.node, f.code))
        .collect()
}

#[test]
fn counts_follow_the_rules_that_raise_the_flags() {
    let plan = plan();
    let progress = review_progress(&plan, T1, &Dismissals::default());
    assert_eq!(progress.assessed, Tally { done: 1, total: 2 });
    // Two goals' analyses and one deviation's.
    assert_eq!(progress.analysed, Tally { done: 1, total: 3 });
    assert_eq!(progress.values, Tally { done: 1, total: 2 });
    // Open flags: the red indicator is explained by its goal's analys; the empty value,
    // the committee goal's missing bedömning and analys, the deviation and its missing
    // analys are not.
    let open = open_codes(&plan, &Dismissals::default());
    assert_eq!(progress.flags.total, open.len());
    assert_eq!(progress.flags.done, 1, "{open:?}");
    assert_eq!(progress.dismissed, 0);
    assert!(!progress.is_complete());
}

#[test]
fn a_flag_marked_ej_aktuell_is_handled_and_no_longer_open() {
    let plan = plan();
    let mut dismissals = Dismissals::default();
    dismissals.set(
        T1,
        11,
        FlagCode::MissingValue,
        Some("Årlig enkät, redovisas i VB".into()),
    );
    let before = review_progress(&plan, T1, &Dismissals::default());
    let after = review_progress(&plan, T1, &dismissals);
    assert_eq!(after.flags.total, before.flags.total);
    assert_eq!(after.flags.done, before.flags.done + 1);
    assert_eq!(after.dismissed, 1);
    assert!(!open_codes(&plan, &dismissals).contains(&(11, FlagCode::MissingValue)));
    // The same mark in another period does nothing here.
    let mut elsewhere = Dismissals::default();
    elsewhere.set(
        Period::Tertial(2),
        11,
        FlagCode::MissingValue,
        Some("x".into()),
    );
    assert_eq!(review_progress(&plan, T1, &elsewhere), before);
}

#[test]
fn a_period_without_a_report_asks_for_nothing() {
    let plan = plan();
    let progress = review_progress(&plan, Period::Tertial(2), &Dismissals::default());
    assert_eq!(progress, ReviewProgress::default());
    assert!(progress.is_complete());
    assert_eq!(progress.assessed.text(), "–");
    // The plan itself: no bedömning or analys is asked for, only what is flagged.
    let plan_progress = review_progress(&plan, Period::Plan, &Dismissals::default());
    assert_eq!(plan_progress.assessed.total, 0);
    assert_eq!(plan_progress.analysed.total, 0);
}
