use super::*;
use crate::domain::Origin;
use crate::domain::evaluate::test_support::{activity, goal, stated};
use crate::domain::{Completion, IndicatorStatus};

fn indicator_counts(
    met: usize,
    partly_met: usize,
    not_met: usize,
    no_result: usize,
) -> IndicatorCounts {
    IndicatorCounts {
        met,
        partly_met,
        not_met,
        no_result,
        excluded: 0,
        not_yet_measured: 0,
    }
}

fn goal_counts(fully_met: usize, partially_met: usize, not_met: usize) -> AssessmentCounts {
    AssessmentCounts {
        fully_met,
        partially_met,
        not_met,
        not_assessed: 0,
    }
}

fn kf_activities(total: usize, deviation: usize) -> ActivityCounts {
    ActivityCounts {
        unknown: total,
        deviation,
        ..ActivityCounts::default()
    }
}

#[test]
fn numeral_words_one_to_thirty_with_gender() {
    let common: Vec<String> = (1..=30).map(|n| numeral(n, Gender::Common)).collect();
    assert_eq!(
        common.join(" "),
        "en två tre fyra fem sex sju åtta nio tio elva tolv tretton fjorton femton sexton \
         sjutton arton nitton tjugo tjugoen tjugotvå tjugotre tjugofyra tjugofem tjugosex \
         tjugosju tjugoåtta tjugonio trettio"
    );
    assert_eq!(numeral(1, Gender::Neuter), "ett");
    assert_eq!(numeral(21, Gender::Neuter), "tjugoett");
    assert_eq!(numeral(2, Gender::Neuter), "två");
    assert_eq!(numeral(0, Gender::Common), "ingen");
    assert_eq!(numeral(0, Gender::Neuter), "inget");
    assert_eq!(numeral(31, Gender::Common), "31");
}

#[test]
fn helpers_join_and_capitalize() {
    assert_eq!(join_list(&[]), "");
    assert_eq!(join_list(&["a".into()]), "a");
    assert_eq!(join_list(&["a".into(), "b".into()]), "a och b");
    assert_eq!(
        join_list(&["a".into(), "b".into(), "c".into()]),
        "a, b och c"
    );
    assert_eq!(capitalize("ett av två"), "Ett av två");
    assert_eq!(capitalize("ärende"), "Ärende");
}

#[test]
fn kf_indicator_clause_forms() {
    assert_eq!(
        kf_indicator_clause(&indicator_counts(6, 1, 1, 0)).as_deref(),
        Some("sex av åtta KF-indikatorer prognostiseras att nås, en nås delvis och en nås inte")
    );
    assert_eq!(
        kf_indicator_clause(&indicator_counts(20, 0, 1, 0)).as_deref(),
        Some("tjugo av tjugoen KF-indikatorer prognostiseras att nås och en nås inte")
    );
    assert_eq!(
        kf_indicator_clause(&indicator_counts(5, 2, 1, 0)).as_deref(),
        Some("fem av åtta KF-indikatorer prognostiseras att nås, två nås delvis och en nås inte")
    );
    assert_eq!(
        kf_indicator_clause(&indicator_counts(4, 0, 0, 0)).as_deref(),
        Some("samtliga KF-indikatorer prognostiseras att nås")
    );
    assert_eq!(
        kf_indicator_clause(&indicator_counts(1, 0, 0, 0)).as_deref(),
        Some("KF-indikatorn prognostiseras att nås")
    );
    assert_eq!(
        kf_indicator_clause(&indicator_counts(0, 1, 0, 0)).as_deref(),
        Some("KF-indikatorn nås delvis")
    );
    assert_eq!(
        kf_indicator_clause(&indicator_counts(3, 0, 0, 1)).as_deref(),
        Some("tre av fyra KF-indikatorer prognostiseras att nås och en saknar prognos")
    );
    assert_eq!(kf_indicator_clause(&indicator_counts(0, 0, 0, 0)), None);
}

#[test]
fn area_goal_sentence_kf_1_1_of_t1_2020() {
    // t1-2020-sodermalm.txt:151-154, with the list comma of the DOMAIN §7 template.
    assert_eq!(
        area_goal_forecast_sentence(
            Assessment::FullyMet,
            &indicator_counts(6, 1, 1, 0),
            &kf_activities(2, 0),
            &goal_counts(2, 0, 0),
        ),
        "Förvaltningen gör bedömningen att kommunfullmäktiges mål för verksamhetsområdet \
         kommer att uppnås under året. Bedömningen grundas på att sex av åtta KF-indikatorer \
         prognostiseras att nås, en nås delvis och en nås inte och att KF-aktiviteterna kommer \
         att genomföras. Underliggande nämndmål bedöms uppnås."
    );
}

#[test]
fn area_goal_sentence_variants() {
    // :533-536: one indicator, one of two nämndmål.
    assert_eq!(
        area_goal_forecast_sentence(
            Assessment::FullyMet,
            &indicator_counts(1, 0, 0, 0),
            &kf_activities(3, 0),
            &goal_counts(1, 1, 0),
        ),
        "Förvaltningen gör bedömningen att kommunfullmäktiges mål för verksamhetsområdet \
         kommer att uppnås under året. Bedömningen grundas på att KF-indikatorn \
         prognostiseras att nås och att KF-aktiviteterna kommer att genomföras. Ett av två \
         underliggande nämndmål bedöms uppnås."
    );
    // :2795-2797: no indicators, no activities.
    assert_eq!(
        area_goal_forecast_sentence(
            Assessment::FullyMet,
            &indicator_counts(0, 0, 0, 0),
            &kf_activities(0, 0),
            &goal_counts(3, 0, 0),
        ),
        "Förvaltningen gör bedömningen att kommunfullmäktiges mål för verksamhetsområdet \
         kommer att uppnås under året. Bedömningen grundas på att underliggande nämndmål \
         bedöms uppnås."
    );
    // :2890-2892: one indicator, no KF activities.
    assert_eq!(
        area_goal_forecast_sentence(
            Assessment::FullyMet,
            &indicator_counts(1, 0, 0, 0),
            &kf_activities(0, 0),
            &goal_counts(1, 0, 0),
        ),
        "Förvaltningen gör bedömningen att kommunfullmäktiges mål för verksamhetsområdet \
         kommer att uppnås under året. Bedömningen grundas på att KF-indikatorn \
         prognostiseras att nås och att det underliggande nämndmålet bedöms uppnås."
    );
    // :3617-3620 (the document has "uppnås inte och och"; the template is normalised).
    assert_eq!(
        area_goal_forecast_sentence(
            Assessment::PartiallyMet,
            &indicator_counts(5, 2, 1, 0),
            &kf_activities(4, 0),
            &goal_counts(5, 0, 0),
        ),
        "Förvaltningen gör bedömningen att kommunfullmäktiges mål för verksamhetsområdet \
         kommer att uppnås delvis under året. Bedömningen grundas på att fem av åtta \
         KF-indikatorer prognostiseras att nås, två nås delvis och en nås inte och att \
         KF-aktiviteterna kommer att genomföras. Underliggande nämndmål bedöms uppnås."
    );
    assert_eq!(
        kf_activity_clause(&kf_activities(3, 1)).as_deref(),
        Some("två av tre KF-aktiviteter kommer att genomföras enligt plan")
    );
    assert_eq!(
        kf_activity_clause(&kf_activities(1, 0)).as_deref(),
        Some("KF-aktiviteten kommer att genomföras")
    );
}

#[test]
fn direction_goal_sentences() {
    // t1-2020-sodermalm.txt:138-140.
    assert_eq!(
        direction_goal_forecast_sentence(Assessment::FullyMet, &goal_counts(5, 0, 0)),
        "Förvaltningen gör bedömningen att inriktningsmålet kommer att uppfyllas under året. \
         Bedömningen grundas på att samtliga fem mål för verksamhetsområdet som är kopplade \
         till inriktningsmålet bedöms uppnås."
    );
    // :108-110 (the document misspells "uppfylls").
    assert_eq!(
        direction_goal_forecast_sentence(Assessment::FullyMet, &goal_counts(1, 1, 0)),
        "Förvaltningen gör bedömningen att inriktningsmålet kommer att uppfyllas under året. \
         Bedömningen grundas på att ett av två mål för verksamhetsområdet som är kopplade \
         till inriktningsmålet bedöms uppnås och ett uppnås delvis."
    );
    assert_eq!(
        direction_goal_forecast_sentence(Assessment::PartiallyMet, &goal_counts(1, 1, 1)),
        "Förvaltningen gör bedömningen att inriktningsmålet kommer att uppfyllas delvis under \
         året. Bedömningen grundas på att ett av tre mål för verksamhetsområdet som är \
         kopplade till inriktningsmålet bedöms uppnås, ett uppnås delvis och ett uppnås inte."
    );
    assert_eq!(
        direction_goal_forecast_sentence(Assessment::FullyMet, &goal_counts(1, 0, 0)),
        "Förvaltningen gör bedömningen att inriktningsmålet kommer att uppfyllas under året. \
         Bedömningen grundas på att målet för verksamhetsområdet som är kopplat till \
         inriktningsmålet bedöms uppnås."
    );
}

#[test]
fn committee_goal_sentences() {
    // t1-2020-sodermalm.txt:460-462.
    assert_eq!(
        committee_goal_forecast_sentence(Assessment::FullyMet, 1, 2),
        "Förvaltningen gör bedömningen att nämndmålet kommer att uppnås under året. \
         Bedömningen grundas på att förväntat resultat och indikatorn prognostiseras att nås \
         och att aktiviteterna kommer att genomföras."
    );
    // :857-859.
    assert_eq!(
        committee_goal_forecast_sentence(Assessment::PartiallyMet, 0, 3),
        "Förvaltningen gör bedömningen att nämndmålet delvis kommer att uppnås under året. \
         Bedömningen grundas på att förväntat resultat prognostiseras att nås delvis och att \
         aktiviteterna kommer att genomföras."
    );
    assert_eq!(
        committee_goal_forecast_sentence(Assessment::FullyMet, 2, 1),
        "Förvaltningen gör bedömningen att nämndmålet kommer att uppnås under året. \
         Bedömningen grundas på att förväntat resultat och indikatorerna prognostiseras att \
         nås och att aktiviteten kommer att genomföras."
    );
}

#[test]
fn annual_report_template() {
    let activities = ActivityCounts {
        done: 10,
        not_done: 1,
        ongoing: 1,
        ..ActivityCounts::default()
    };
    assert_eq!(
        annual_report_sentence(&indicator_counts(5, 1, 1, 1), &activities),
        "Av de 8 indikatorerna uppnås målet helt i 5 stycken och 1 uppnås delvis. \
         1 indikator når nämnden inte målet och i 1 finns inget resultat att redovisa. \
         Av 12 aktiviteter är 10 genomförda och 2 har inte genomförts."
    );
    let one_done = ActivityCounts {
        done: 1,
        ..ActivityCounts::default()
    };
    assert_eq!(
        annual_report_sentence(&indicator_counts(0, 0, 0, 0), &one_done),
        "Det finns inga indikatorer att redovisa. Av 1 aktivitet är 1 genomförd och 0 har \
         inte genomförts."
    );
}

#[test]
fn annual_report_never_says_no_activities_when_there_are_some() {
    let unknown = ActivityCounts {
        unknown: 3,
        deviation: 3,
        ..ActivityCounts::default()
    };
    let sentence = annual_report_sentence(&indicator_counts(1, 0, 0, 0), &unknown);
    assert!(!sentence.contains("inga aktiviteter"), "{sentence}");
    assert!(sentence.ends_with("3 aktiviteter saknar uppgift om genomförande."));
    let mixed = ActivityCounts {
        done: 4,
        unknown: 1,
        deviation: 1,
        ..ActivityCounts::default()
    };
    assert!(
        annual_report_sentence(&indicator_counts(1, 0, 0, 0), &mixed).ends_with(
            "Av 4 aktiviteter är 4 genomförda och 0 har inte genomförts. 1 saknar uppgift om \
             genomförande."
        )
    );
}

#[test]
fn goal_summary_sentence_picks_the_template_by_period() {
    let t1 = Period::Tertial(1);
    let mut area = goal(1, GoalLevel::Area, t1, Assessment::FullyMet, "Analys");
    area.indicators = vec![
        stated(10, Origin::CityCouncil, t1, IndicatorStatus::Met),
        stated(11, Origin::CityCouncil, t1, IndicatorStatus::PartlyMet),
    ];
    area.activities = vec![activity(
        20,
        Origin::CityCouncil,
        t1,
        Completion::Unknown,
        false,
        "",
    )];
    area.children = vec![goal(
        2,
        GoalLevel::Committee,
        t1,
        Assessment::FullyMet,
        "Analys",
    )];
    let summary = Summary::of_goal(&area, t1);
    assert_eq!(
        goal_summary_sentence(GoalLevel::Area, t1, Assessment::FullyMet, &summary).as_deref(),
        Some(
            "Förvaltningen gör bedömningen att kommunfullmäktiges mål för verksamhetsområdet \
             kommer att uppnås under året. Bedömningen grundas på att en av två KF-indikatorer \
             prognostiseras att nås och en nås delvis och att KF-aktiviteten kommer att \
             genomföras. Det underliggande nämndmålet bedöms uppnås."
        )
    );
    assert_eq!(
        goal_summary_sentence(
            GoalLevel::Area,
            Period::Plan,
            Assessment::FullyMet,
            &summary
        ),
        None
    );
    let vb = goal_summary_sentence(
        GoalLevel::Area,
        Period::AnnualReport,
        Assessment::FullyMet,
        &Summary::default(),
    );
    assert!(vb.is_some_and(|text| text.starts_with("Det finns inga indikatorer")));
}
