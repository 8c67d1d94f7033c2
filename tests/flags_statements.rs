//! The document's own statements in Södermalm's T1 2020 (`t1-2020-sodermalm.txt`, every
//! "Bedömningen grundas på" of an inriktningsmål or KF-mål, and the nämndmål sentences),
//! recomputed from the *stored* data: the bundled data seeded into a fresh database, read
//! back through `Store::plan_year`, evaluated by the rules and turned into the flag list
//! and the summary sentences the UI and `malkoll flags` / `malkoll summary` show.
//!
//! T1 authors count annual indicators without T1 figures as "prognostiseras att nås"
//! (DOMAIN.md §5); the rules count them as *inget resultat* (`not_yet_measured`), so the
//! counts are compared both strictly and with that convention.

use malkoll::domain::evaluate::{IndicatorCounts, Summary};
use malkoll::domain::flags::{FlagKind, flags_of_plan};
use malkoll::domain::goal_summary::{generated_sentence, stated_sentence};
use malkoll::domain::{Goal, GoalLevel, IndicatorStatus, Period, PlanYear};
use malkoll::store::{Actor, Store};

const T1: Period = Period::Tertial(1);

fn stored_plan() -> (tempfile::TempDir, PlanYear) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("db")).expect("open store");
    store
        .seed_bundled(&Actor::from_env())
        .expect("seed bundled data");
    let plan = store
        .plan_year("sodermalm", 2020)
        .expect("read plan")
        .expect("Södermalm 2020 is bundled");
    (dir, plan)
}

fn goal<'a>(plan: &'a PlanYear, number: &str) -> &'a Goal {
    plan.goals_depth_first()
        .into_iter()
        .find(|g| g.number.as_deref() == Some(number))
        .unwrap_or_else(|| panic!("goal {number} is stored"))
}

/// (met, partly, not met, total) as the document words them.
type Counts = (usize, usize, usize, usize);

fn strict(counts: &IndicatorCounts) -> Counts {
    (
        counts.met,
        counts.partly_met,
        counts.not_met,
        counts.total(),
    )
}

fn by_convention(counts: &IndicatorCounts) -> Counts {
    (
        counts.met + counts.not_yet_measured,
        counts.partly_met,
        counts.not_met,
        counts.total(),
    )
}

/// Every KF-mål statement with KF indicator counts, as the document states them
/// (line in `t1-2020-sodermalm.txt`, number, counts). "samtliga" = all of them.
const KF_STATEMENTS: [(u32, &str, Counts); 10] = [
    (152, "1.1", (6, 1, 1, 8)), // sex av åtta … en nås delvis och en nås inte
    (534, "1.2", (1, 0, 0, 1)), // KF-indikatorn prognostiseras att nås
    (922, "1.3", (5, 0, 0, 5)), // samtliga KF-indikatorer
    (1361, "1.4", (20, 0, 1, 21)), // tjugo av tjugoen … en nås inte
    (2214, "1.5", (9, 0, 1, 10)), // nio av tio … en nås inte
    (2891, "2.2", (1, 0, 0, 1)), // KF-indikatorn prognostiseras att nås
    (3026, "2.4", (3, 0, 0, 3)), // samtliga
    (3217, "2.5", (7, 0, 0, 7)), // samtliga
    (3523, "3.1", (3, 0, 0, 3)), // samtliga
    (3618, "3.2", (5, 2, 1, 8)), // fem av åtta, två nås delvis och en uppnås inte
];

#[test]
fn kf_1_1_six_of_eight_one_partly_one_not_from_the_store() {
    let (_dir, plan) = stored_plan();
    let kf = Summary::of_goal(goal(&plan, "1.1"), T1).kf_indicators;
    assert_eq!(strict(&kf), (6, 1, 1, 8));
    let sentence = generated_sentence(goal(&plan, "1.1"), T1).expect("a T1 sentence");
    assert!(
        sentence.contains(
            "Bedömningen grundas på att sex av åtta KF-indikatorer prognostiseras att nås, en \
             nås delvis och en nås inte och att KF-aktiviteterna kommer att genomföras. \
             Underliggande nämndmål bedöms uppnås."
        ),
        "{sentence}"
    );
    // The same two rows are what the flags screen and `malkoll flags` list under 1.1.
    let flags = flags_of_plan(&plan, T1);
    let under_1_1: Vec<(FlagKind, &str)> = flags
        .iter()
        .filter(|f| f.goal.number.as_deref() == Some("1.1") && !f.kind.is_finding())
        .map(|f| (f.kind, f.name.as_str()))
        .collect();
    assert_eq!(
        under_1_1,
        vec![
            (
                FlagKind::NotMet,
                "Antal tillhandahållna platser för feriejobb"
            ),
            (
                FlagKind::PartlyMet,
                "Antal ungdomar som fått feriejobb i stadens regi"
            ),
        ]
    );
    let places = &flags[0];
    assert_eq!(
        (places.value.as_deref(), places.target.as_deref()),
        (Some("510"), Some("680 st"))
    );
    assert!((places.shortfall.expect("a shortfall") - 0.25).abs() < 1e-9);
}

#[test]
fn every_kf_statement_checked() {
    let (_dir, plan) = stored_plan();
    let mut strict_match = Vec::new();
    let mut convention_match = Vec::new();
    for (line, number, stated) in KF_STATEMENTS {
        let kf = Summary::of_goal(goal(&plan, number), T1).kf_indicators;
        eprintln!(
            "KF {number} (:{line}): stated {stated:?}, strict {:?}, by convention {:?}",
            strict(&kf),
            by_convention(&kf)
        );
        if strict(&kf) == stated {
            strict_match.push(number);
        }
        if by_convention(&kf) == stated {
            convention_match.push(number);
        }
    }
    // Every row has a T1 figure in 1.1 and 3.1 (budgetföljsamhet as a ceiling, 99,8 % ≤
    // 100 %): the rules alone reproduce them.
    assert_eq!(strict_match, vec!["1.1", "3.1"]);
    // Counting annual indicators as the authors do reproduces eight of the ten. Not
    // reproduced: 1.4 (the allvarssamtal row 80 % vs 90 %, 11 % short, is "nås inte" by
    // the authors' judgement, delvis by the 20 % rule) and 1.5 (no row has a T1 figure;
    // one "nås inte" by judgement).
    assert_eq!(
        convention_match,
        vec!["1.1", "1.2", "1.3", "2.2", "2.4", "2.5", "3.1", "3.2"]
    );
    let allvarssamtal = goal(&plan, "1.4")
        .indicators
        .iter()
        .find(|i| i.name.contains("kallats till samtal"))
        .expect("the allvarssamtal row");
    let evaluation = malkoll::domain::evaluate::indicator_status(allvarssamtal, T1);
    assert_eq!(evaluation.effective, IndicatorStatus::PartlyMet);
}

#[test]
fn kf_goals_without_indicators_rest_on_their_namndmal() {
    // :2796 and :2985 "Bedömningen grundas på att underliggande nämndmål bedöms uppnås":
    // KF 2.1 (two nämndmål) word for word; KF 2.3 has one nämndmål, which the rules word
    // in the singular ("det underliggande nämndmålet"), the document in the plural.
    let (_dir, plan) = stored_plan();
    for number in ["2.1", "2.3"] {
        let area = goal(&plan, number);
        let summary = Summary::of_goal(area, T1);
        assert_eq!(summary.kf_indicators.total(), 0, "{number}");
        assert_eq!(
            summary.goals.committee.fully_met,
            summary.goals.committee.total(),
            "{number}"
        );
    }
    let kf_2_1 = goal(&plan, "2.1");
    assert_eq!(generated_sentence(kf_2_1, T1), stated_sentence(kf_2_1, T1));
    assert!(generated_sentence(goal(&plan, "2.3"), T1).is_some_and(|s| {
        s.ends_with("grundas på att det underliggande nämndmålet bedöms uppnås.")
    }));
}

#[test]
fn every_im_statement_checked() {
    let (_dir, plan) = stored_plan();
    // :139 and :2783 (and :4, :83 in the Sammanfattande analys): "samtliga fem mål för
    // verksamhetsområdet … bedöms uppnås", word for word.
    for number in ["1", "2"] {
        let im = goal(&plan, number);
        assert_eq!(im.level, GoalLevel::Direction);
        let generated = generated_sentence(im, T1).expect("a T1 sentence");
        assert!(
            generated.contains("samtliga fem mål för verksamhetsområdet"),
            "{generated}"
        );
        assert_eq!(Some(generated), stated_sentence(im, T1), "IM {number}");
    }
    // :109-110 (Sammanfattande analys) "ett av två … bedöms uppnås och ett uppnås delvis" is
    // reproduced word for word; :3509 in the body leaves the delvis clause out of that
    // sentence and names the goal in the next.
    let im3 = goal(&plan, "3");
    let generated = generated_sentence(im3, T1).expect("a T1 sentence");
    assert!(
        generated.ends_with(
            "Bedömningen grundas på att ett av två mål för verksamhetsområdet som är kopplade \
             till inriktningsmålet bedöms uppnås och ett uppnås delvis."
        ),
        "{generated}"
    );
    let summary_text: String = plan.documents.iter().map(|d| d.summary.clone()).collect();
    let summary_text = malkoll::domain::text::collapse_whitespace(&summary_text);
    let grounds = generated
        .split_once(" Bedömningen")
        .map(|(_, rest)| format!("Bedömningen{rest}"))
        .unwrap_or_default();
    assert!(summary_text.contains(&grounds), "{grounds}");
}

#[test]
fn namndmal_sentences_reproduced_word_for_word() {
    let (_dir, plan) = stored_plan();
    let mut same = Vec::new();
    let mut different = Vec::new();
    for goal in plan.goals_depth_first() {
        if goal.level != GoalLevel::Committee {
            continue;
        }
        let (Some(stated), Some(generated)) =
            (stated_sentence(goal, T1), generated_sentence(goal, T1))
        else {
            continue;
        };
        let number = goal.number.clone().unwrap_or_default();
        if stated == generated {
            same.push(number);
        } else {
            eprintln!("{number}\n  stated:    {stated}\n  generated: {generated}");
            different.push(number);
        }
    }
    eprintln!("same: {same:?}\ndifferent: {different:?}");
    // 21 of 27 word for word, :858 (1.2.2, "delvis … prognostiseras att nås delvis") among
    // them. The other six differ in wording only: "nås" for "uppnås" (1.1.1), "och
    // aktiviteterna" without "att" (1.2.1), "indikatorer" for "indikatorerna" (1.3.3, 1.4.x).
    assert_eq!(same.len(), 21, "{same:?}");
    assert!(same.contains(&"1.2.2".to_owned()));
    assert_eq!(
        different,
        ["1.1.1", "1.2.1", "1.3.3", "1.4.1", "1.4.2", "1.4.3"]
    );
}
