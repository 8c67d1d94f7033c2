//! The evaluation rules against a real document: KF 1.1 of Södermalm's T1 2020
//! (`/work/shared/samples/t1-2020-sodermalm.txt:143-366`), whose eight KF indicator rows are
//! rebuilt here by hand from the text, cell by cell.

use std::collections::BTreeMap;

use malkoll::domain::evaluate::sentences::{area_goal_forecast_sentence, kf_indicator_clause};
use malkoll::domain::evaluate::{
    Basis, Suggestion, Summary, council_target_status, indicator_status,
};
use malkoll::domain::{
    Activity, ActivityReport, Assessment, Direction, Goal, GoalLevel, GoalStatus, Indicator,
    IndicatorReport, IndicatorStatus, Origin, Period, Periodicity, Target, Value,
};

const T1: Period = Period::Tertial(1);

/// The document's own sentence, `t1-2020-sodermalm.txt:152-154`, joined onto one line.
const DOCUMENT_GROUNDS: &str = "Bedömningen grundas på att sex av åtta KF-indikatorer \
    prognostiseras att nås och en nås delvis och en nås inte och att KF-aktiviteterna kommer \
    att genomföras. Underliggande nämndmål bedöms uppnås.";

/// One T1 row: the eight value cells in column order (empty where the PDF dropped a blank
/// cell), placed as DOMAIN.md §10.1.4 says: gender pair dropped first, then the outcome.
struct Row {
    line: u32,
    name: &'static str,
    direction: Direction,
    outcome: &'static str,
    men: &'static str,
    women: &'static str,
    previous: &'static str,
    forecast: &'static str,
    annual: &'static str,
    council: &'static str,
    expected: IndicatorStatus,
}

const ROWS: [Row; 8] = [
    // "0,6 % 0,5 % 0,6 % 0,6 % 2,7 % Tertial 1 2020": lower is better (DOMAIN §4.1).
    Row {
        line: 239,
        name: "Andel barn som lever i familjer som har ekonomiskt bistånd",
        direction: Direction::LowerBetter,
        outcome: "0,6 %",
        men: "",
        women: "",
        previous: "0,5 %",
        forecast: "0,6 %",
        annual: "0,6 %",
        council: "2,7 %",
        expected: IndicatorStatus::Met,
    },
    Row {
        line: 247,
        name: "Andel personer som har ekonomiskt bistånd i förhållande till befolkningen",
        direction: Direction::LowerBetter,
        outcome: "0,56 %",
        men: "0,69 %",
        women: "0,43 %",
        previous: "0,56 %",
        forecast: "0,6 %",
        annual: "0,6 %",
        council: "1,5 %",
        expected: IndicatorStatus::Met,
    },
    Row {
        line: 261,
        name: "Andel vuxna med långvarigt ekonomiskt bistånd jämfört med samtliga vuxna invånare",
        direction: Direction::LowerBetter,
        outcome: "0,34 %",
        men: "0,41 %",
        women: "0,28 %",
        previous: "0,34 %",
        forecast: "0,4 %",
        annual: "0,4 %",
        council: "1,0 %",
        expected: IndicatorStatus::Met,
    },
    Row {
        line: 273,
        name: "Antal aspiranter som fått Stockholmsjobb",
        direction: Direction::HigherBetter,
        outcome: "16 st",
        men: "9 st",
        women: "7 st",
        previous: "30 st",
        forecast: "45 st",
        annual: "45 st",
        council: "800 st",
        expected: IndicatorStatus::Met,
    },
    // "510 680 510 680 st Tas fram av nämnd": 510 against 680 is 25 % short.
    Row {
        line: 279,
        name: "Antal tillhandahållna platser för feriejobb",
        direction: Direction::HigherBetter,
        outcome: "510",
        men: "",
        women: "",
        previous: "680",
        forecast: "510",
        annual: "680 st",
        council: "Tas fram av nämnd",
        expected: IndicatorStatus::NotMet,
    },
    Row {
        line: 319,
        name: "Antal tillhandahållna platser för Stockholmsjobb",
        direction: Direction::HigherBetter,
        outcome: "55",
        men: "",
        women: "",
        previous: "63",
        forecast: "55",
        annual: "45 st",
        council: "Tas fram av nämnd",
        expected: IndicatorStatus::Met,
    },
    Row {
        line: 333,
        name: "Antal tillhandahållna praktikplatser för högskolestuderande samt platser för \
               verksamhetsförlagd utbildning",
        direction: Direction::HigherBetter,
        outcome: "195",
        men: "",
        women: "",
        previous: "152",
        forecast: "200",
        annual: "200",
        council: "Tas fram av nämnd",
        expected: IndicatorStatus::Met,
    },
    // "0 st 651 st 510 635 st 9 000 st": 510 against the adjusted 635 is 19.7 % short.
    Row {
        line: 343,
        name: "Antal ungdomar som fått feriejobb i stadens regi",
        direction: Direction::HigherBetter,
        outcome: "0 st",
        men: "",
        women: "",
        previous: "651 st",
        forecast: "510",
        annual: "635 st",
        council: "9 000 st",
        expected: IndicatorStatus::PartlyMet,
    },
];

fn build_indicator(id: u32, row: &Row) -> Indicator {
    let report = IndicatorReport {
        outcome: Value::from_cell(row.outcome),
        outcome_men: Value::from_cell(row.men),
        outcome_women: Value::from_cell(row.women),
        prev_year_outcome: Value::from_cell(row.previous),
        forecast_full_year: Value::from_cell(row.forecast),
        annual_target: Target::from_cell(row.annual),
        council_target: Target::from_cell(row.council),
        period_label: "Tertial 1 2020".to_owned(),
        ..IndicatorReport::default()
    };
    Indicator {
        id,
        // Position decides (DOMAIN §3.2): every row sits before the first nämndmål.
        origin: Origin::CityCouncil,
        name: row.name.to_owned(),
        unit: None,
        periodicity: Periodicity::Tertial,
        direction: row.direction,
        tolerance: 0.20,
        direction_confirmed: false,
        reports: BTreeMap::from([(T1, report)]),
    }
}

fn goal_with(id: u32, level: GoalLevel, number: &str, assessment: Assessment) -> Goal {
    let mut goal = Goal::new(id, level, Some(number), "");
    goal.status.insert(
        T1,
        GoalStatus {
            assessment,
            is_forecast: true,
            analysis: "Analys".to_owned(),
        },
    );
    goal
}

/// KF 1.1 as of T1 2020: the eight KF indicators, two KF activities (`:351-362`) and the
/// nämndmål 1.1.1 and 1.1.2, both *Uppfylls helt* (`:367`, `:436`).
fn kf_1_1() -> Goal {
    let mut goal = goal_with(2, GoalLevel::Area, "1.1", Assessment::FullyMet);
    goal.indicators = ROWS
        .iter()
        .zip(10..)
        .map(|(row, id)| build_indicator(id, row))
        .collect();
    goal.activities = (30..32)
        .map(|id| Activity {
            id,
            origin: Origin::CityCouncil,
            title: "Arbetsmarknadsnämnden ska i samarbete med stadsdelsnämnderna …".to_owned(),
            start: None,
            end: None,
            reports: BTreeMap::from([(T1, ActivityReport::default())]),
        })
        .collect();
    goal.children = vec![
        goal_with(40, GoalLevel::Committee, "1.1.1", Assessment::FullyMet),
        goal_with(41, GoalLevel::Committee, "1.1.2", Assessment::FullyMet),
    ];
    goal
}

#[test]
fn each_kf_1_1_row_gets_the_status_the_document_implies() {
    for (row, indicator) in ROWS.iter().zip(&kf_1_1().indicators) {
        let evaluation = indicator_status(indicator, T1);
        assert_eq!(
            evaluation.suggested,
            Suggestion::Status(row.expected),
            "line {}: {}",
            row.line,
            row.name
        );
        assert_eq!(evaluation.basis, Some(Basis::Forecast), "line {}", row.line);
        assert!(!evaluation.excluded);
    }
}

#[test]
fn the_feriejobb_pair_straddles_the_twenty_percent_line() {
    let goal = kf_1_1();
    let places = indicator_status(&goal.indicators[4], T1);
    assert_eq!(places.compared, Some((510.0, 680.0)));
    assert!(places.shortfall.is_some_and(|s| (s - 0.25).abs() < 1e-12));
    let youths = indicator_status(&goal.indicators[7], T1);
    assert_eq!(youths.compared, Some((510.0, 635.0)));
    assert!(youths.shortfall.is_some_and(|s| s > 0.19 && s < 0.20));
}

#[test]
fn tas_fram_av_namnd_rows_are_still_kf_indicators() {
    let goal = kf_1_1();
    let set_by_committee: Vec<u32> = ROWS
        .iter()
        .filter(|row| row.council == "Tas fram av nämnd")
        .map(|row| row.line)
        .collect();
    assert_eq!(set_by_committee, [279, 319, 333]);
    let summary = Summary::of_goal(&goal, T1);
    assert_eq!(summary.kf_indicators.total(), 8);
}

#[test]
fn kf_1_1_counts_reproduce_the_documents_sentence() {
    let goal = kf_1_1();
    let summary = Summary::of_goal(&goal, T1);
    let counts = summary.kf_indicators;
    assert_eq!(
        (
            counts.met,
            counts.partly_met,
            counts.not_met,
            counts.no_result
        ),
        (6, 1, 1, 0)
    );
    assert_eq!(
        kf_indicator_clause(&counts).as_deref(),
        Some("sex av åtta KF-indikatorer prognostiseras att nås, en nås delvis och en nås inte")
    );
    let generated = area_goal_forecast_sentence(
        Assessment::FullyMet,
        &summary.kf_indicators,
        &summary.kf_activities,
        &summary.goals.committee,
    );
    // The template lists with a comma ("att nås, en nås delvis och en nås inte"); this
    // document strings the list together with "och". Same counts, same words otherwise.
    let document = DOCUMENT_GROUNDS.replace("att nås och en nås delvis", "att nås, en nås delvis");
    assert!(
        generated.ends_with(&document),
        "generated: {generated}\ndocument:  {document}"
    );
    assert!(generated.starts_with(
        "Förvaltningen gör bedömningen att kommunfullmäktiges mål för verksamhetsområdet \
         kommer att uppnås under året."
    ));
}

#[test]
fn kf_targets_are_compared_only_where_comparable() {
    let goal = kf_1_1();
    let not_comparable: Vec<u32> = ROWS
        .iter()
        .zip(&goal.indicators)
        .filter(|(_, indicator)| {
            matches!(
                council_target_status(indicator, T1).suggested,
                Suggestion::NotEvaluable { .. }
            )
        })
        .map(|(row, _)| row.line)
        .collect();
    // 800 st and 9 000 st are city-wide; three rows have no KF number.
    assert_eq!(not_comparable, [273, 279, 319, 333, 343]);
    // The percentages are comparable and the district is under the KF ceilings.
    for indicator in &goal.indicators[..3] {
        assert_eq!(
            council_target_status(indicator, T1).suggested,
            Suggestion::Status(IndicatorStatus::Met)
        );
    }
}

// ---------------------------------------------------------------------------------------
// The same statements recomputed from the importer's output, `data/sodermalm-2020.json`.

/// The counts a T1 KF-mål Analys states: (met, partly met, not met, total).
type StatedCounts = (usize, usize, usize, usize);

/// Reads a numeral word back (the inverse of `numeral`), 0–30.
fn number_word(word: &str) -> Option<usize> {
    use malkoll::domain::evaluate::{Gender, numeral};
    (0..=30).find(|&n| {
        [Gender::Common, Gender::Neuter]
            .into_iter()
            .any(|gender| numeral(n, gender) == word.to_lowercase())
    })
}

/// The KF indicator counts a T1 KF-mål Analys states in its first sentences, if any.
fn stated_counts(analysis: &str) -> Option<StatedCounts> {
    let grounds = analysis.split("Bedömningen grundas på att ").nth(1)?;
    let grounds = grounds.split(" och att ").next()?;
    if grounds.starts_with("samtliga KF-indikatorer") {
        return Some((usize::MAX, 0, 0, usize::MAX));
    }
    if grounds.starts_with("KF-indikatorn prognostiseras att nås") {
        return Some((1, 0, 0, 1));
    }
    let pattern = regex::Regex::new(r"^(\w+) av (\w+) KF-indikatorer").ok()?;
    let captures = pattern.captures(grounds)?;
    let met = number_word(&captures[1])?;
    let total = number_word(&captures[2])?;
    let count_before = |suffix: &str| {
        regex::Regex::new(&format!(r"(\w+) {suffix}"))
            .ok()
            .and_then(|re| re.captures(grounds).and_then(|c| number_word(&c[1])))
            .unwrap_or(0)
    };
    Some((
        met,
        count_before("nås delvis"),
        count_before("(?:upp)?nås inte"),
        total,
    ))
}

fn load_imported() -> Option<malkoll::domain::PlanYear> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sodermalm-2020.json");
    let Ok(json) = std::fs::read_to_string(&path) else {
        eprintln!(
            "{} is not here yet (importer branch): skipped",
            path.display()
        );
        return None;
    };
    Some(serde_json::from_str(&json).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

/// The KF-mål of the imported T1 whose stated counts the rules reproduce exactly, and
/// those they reproduce when annual indicators without T1 figures are counted as
/// "prognostiseras att nås", as the T1 authors do (DOMAIN.md §5).
fn reproduced_statements(plan: &malkoll::domain::PlanYear) -> (Vec<String>, Vec<String>) {
    let (mut strict, mut by_convention) = (Vec::new(), Vec::new());
    for goal in plan.goals_depth_first() {
        if goal.level != GoalLevel::Area {
            continue;
        }
        let number = goal.number.clone().unwrap_or_default();
        let counts = Summary::of_goal(goal, T1).kf_indicators;
        let computed = (
            counts.met,
            counts.partly_met,
            counts.not_met,
            counts.total(),
        );
        let convention = (
            counts.met + counts.not_yet_measured,
            counts.partly_met,
            counts.not_met,
            counts.total(),
        );
        let Some(mut stated) = stated_counts(&goal.status_in(T1).analysis) else {
            eprintln!("KF {number}: no KF indicator count stated; computed {computed:?}");
            continue;
        };
        if stated.0 == usize::MAX {
            // "samtliga KF-indikatorer": all of however many there are.
            stated = (computed.3, 0, 0, computed.3);
        }
        eprintln!(
            "KF {number}: stated {stated:?}, computed {computed:?}, \
             annual counted as met {convention:?}"
        );
        if stated == computed {
            strict.push(number.clone());
        }
        if stated == convention {
            by_convention.push(number);
        }
    }
    (strict, by_convention)
}

#[test]
fn imported_t1_statements_recomputed() {
    let Some(plan) = load_imported() else {
        return;
    };
    let (strict, by_convention) = reproduced_statements(&plan);
    // KF 1.1 has a T1 figure on every row: the rules alone reproduce it.
    assert!(strict.contains(&"1.1".to_owned()), "{strict:?}");
    // Counting annual indicators as the authors do reproduces eight of the ten statements
    // (KF 3.1 since budgetföljsamhet is a ceiling, DOMAIN.md §4). Not reproduced: KF 1.4,
    // where the authors call the allvarssamtal row (80 % vs 90 %, 11 % short) "nås inte"
    // (DOMAIN.md §5); KF 1.5, where one annual row "nås inte" by judgement without any T1
    // figure.
    for number in ["1.1", "1.2", "1.3", "2.2", "2.4", "2.5", "3.1", "3.2"] {
        assert!(
            by_convention.contains(&number.to_owned()),
            "KF {number}: {by_convention:?}"
        );
    }
}

#[test]
fn imported_direction_goal_statements_recomputed() {
    use malkoll::domain::evaluate::sentences::direction_goal_forecast_sentence;
    use malkoll::domain::text::collapse_whitespace;
    let Some(plan) = load_imported() else {
        return;
    };
    // The Sammanfattande analys repeats each IM verdict (`t1-2020-sodermalm.txt:3-5`,
    // `:82-84`, `:108-110`); its first sentence has a typo ("uppfylls"), so compare the
    // grounds only.
    let summary: String = plan
        .documents
        .iter()
        .map(|document| collapse_whitespace(&document.summary))
        .collect::<Vec<_>>()
        .join(" ");
    for goal in &plan.goals {
        let area_goals = Summary::of_goal(goal, T1).goals.area;
        let generated = direction_goal_forecast_sentence(Assessment::FullyMet, &area_goals);
        let grounds = generated
            .split_once(" Bedömningen")
            .map(|(_, grounds)| format!("Bedömningen{grounds}"))
            .unwrap_or_default();
        assert!(
            summary.contains(&grounds),
            "IM {:?}: «{grounds}» not in the summary",
            goal.number
        );
    }
}
