//! `merge_into`: a VP and then a T1 of the same council-year become one plan. Goals match by
//! number (or normalised title where the VP leaves nämndmål unnumbered), indicators and
//! activities by normalised name within their goal; matched nodes keep their ids and gain the
//! T1 period, new nodes take ids after the largest; merging the same document again changes
//! nothing (DOMAIN.md: "importing the same document twice does not duplicate anything").
//!
//! The texts are small synthetic documents in the samples' PDF layout.

use malkoll::domain::{Assessment, DocKind, Goal, GoalLevel, Period, PlanYear};
use malkoll::import::{ImportHints, MergePolicy, import_report, merge_into, merge_with_policy};

/// A plan with one IM, one KF-mål (a KF indicator and a KF activity) and an unnumbered
/// nämndmål with one activity, laid out like vp-2019-hagersten-liljeholmen.txt.
const PLAN: &str = "\
KF:s inriktningsmål:
1. En modern storstad med möjligheter och valfrihet för alla
Stadsdelsnämnden bidrar till inriktningsmålet.

KF:s mål för verksamhetsområdet:
1.1 I Stockholm är människor självförsörjande och vägen till arbete och~
svenskkunskaper är kort
Stadsdelsnämnden bidrar till målet.

Indikator Årsmål KF:s årsmål Periodicitet

Andel barn som lever i familjer som har ekonomiskt bistånd 0,6 % 2,7 % Tertial

Aktivitet Startdatum Slutdatum

Socialnämnden ska i samarbete med stadsdelsnämnderna stärka samverkan~
kring personer med funktionsnedsättning.

2020-01-01 2020-12-31

Nämndmål:
Vuxna försörjer sig själva

Beskrivning

Förvaltningen erbjuder individuella insatser.

Förväntat resultat

- Fler vuxna försörjer sig själva.

Aktivitet Startdatum Slutdatum

Arbeta för att ungdomsrådet återupptas. 2020-01-01 2020-12-31
";

/// The T1 of the same year, laid out like t1-2020-sodermalm.txt: bedömning lines, the
/// eight-value indicator row, titles wrapped differently, the nämndmål numbered, one new
/// indicator, one new activity and one new nämndmål.
const TERTIAL: &str = "\
KF:s inriktningsmål:
1. En modern storstad med möjligheter och valfrihet för alla
Förvaltningen gör bedömningen att inriktningsmålet kommer att uppfyllas under året.

KF:s mål för verksamhetsområdet:
1.1. I Stockholm är människor självförsörjande och vägen till arbete och svenskkunskaper är~
kort

 Uppfylls delvis

Analys

Förvaltningen gör bedömningen att målet kommer att uppnås delvis under året.

Indikator Periodens utfall Utfall män/pojkar Utfall kvinnor/flickor Periodens utfall VB 2019 Prognos helår Årsmål KF:s årsmål Period

Andel barn som lever i familjer som har ekonomiskt bistånd 0,6 % 0,5 % 0,6 % 0,6 % 2,7 % Tertial 1 2020

Antal aspiranter som fått Stockholmsjobb 16 st 9 st 7 st 30 st 45 st 45 st 800 st Tertial 1 2020

Aktivitet Startdatum Slutdatum Avvikelse

Socialnämnden ska i samarbete med stadsdelsnämnderna stärka~
samverkan kring personer med funktionsnedsättning.

2020-01-01 2020-12-31

Nämndmål:
1.1.1. Vuxna försörjer sig själva

 Uppfylls helt

Beskrivning

Förvaltningen erbjuder individuella insatser.

Förväntat resultat

- Fler vuxna försörjer sig själva.

Analys

Förvaltningen gör bedömningen att nämndmålet kommer att uppnås under året.

Aktivitet Startdatum Slutdatum Avvikelse

Arbeta för att ungdomsrådet   återupptas. 2020-01-01 2020-12-31

Arbeta för att fler unga får feriejobb. 2020-01-01 2020-12-31

Nämndmål:
1.1.2. Nyanlända etablerar sig på arbetsmarknaden

 Uppfylls delvis

Beskrivning

Samhällsvägledning erbjuds alla nyanlända.
";

/// The texts mark a wrapped line's trailing space with `~`, which editors would strip; the
/// PDF text has that space on every line that wraps inside a sentence.
fn import(text: &str, kind: DocKind) -> PlanYear {
    let text = text.replace("~\n", " \n");
    let hints = ImportHints {
        council: Some("Södermalm".to_owned()),
        year: Some(2020),
        kind: Some(kind),
        source_name: format!("{kind:?}.txt"),
    };
    match import_report(&text, &hints) {
        Ok(report) => report.plan,
        Err(error) => panic!("synthetic {kind:?} does not import: {error}"),
    }
}

fn goal<'a>(plan: &'a PlanYear, title_start: &str) -> &'a Goal {
    plan.goals_depth_first()
        .into_iter()
        .find(|g| g.title.starts_with(title_start))
        .unwrap_or_else(|| panic!("goal «{title_start}» missing"))
}

fn merged() -> (PlanYear, PlanYear) {
    let plan = import(PLAN, DocKind::Plan);
    let mut merged = plan.clone();
    merge_into(&mut merged, import(TERTIAL, DocKind::Tertial(1)));
    (plan, merged)
}

#[test]
fn the_synthetic_documents_import_as_intended() {
    let plan = import(PLAN, DocKind::Plan);
    let tertial = import(TERTIAL, DocKind::Tertial(1));
    let shape = |p: &PlanYear| {
        let goals = p.goals_depth_first();
        (goals.len(), p.indicators().count(), p.activities().count())
    };
    assert_eq!(shape(&plan), (3, 1, 2));
    assert_eq!(shape(&tertial), (4, 2, 3));
    assert_eq!(goal(&plan, "Vuxna").number, None);
    assert_eq!(goal(&tertial, "Vuxna").number.as_deref(), Some("1.1.1"));
}

#[test]
fn matched_goals_keep_their_ids_and_gain_the_tertial() {
    let (plan, merged) = merged();
    for title in [
        "En modern storstad",
        "I Stockholm är människor",
        "Vuxna försörjer",
    ] {
        let before = goal(&plan, title);
        let after = goal(&merged, title);
        assert_eq!(after.id, before.id, "«{title}» kept its id");
        assert!(
            after.status.contains_key(&Period::Tertial(1)),
            "«{title}» T1"
        );
    }
    let area = goal(&merged, "I Stockholm är människor");
    assert_eq!(
        area.status_in(Period::Tertial(1)).assessment,
        Assessment::PartiallyMet
    );
    assert_eq!(
        goal(&merged, "Vuxna försörjer")
            .status_in(Period::Tertial(1))
            .assessment,
        Assessment::FullyMet
    );
    // The unnumbered VP nämndmål was matched by title, not added again, and took the number.
    assert_eq!(
        goal(&merged, "Vuxna försörjer").number.as_deref(),
        Some("1.1.1")
    );
    let levels: Vec<GoalLevel> = merged.goals_depth_first().iter().map(|g| g.level).collect();
    assert_eq!(
        levels,
        [
            GoalLevel::Direction,
            GoalLevel::Area,
            GoalLevel::Committee,
            GoalLevel::Committee
        ]
    );
}

#[test]
fn matched_indicators_and_activities_keep_their_ids_and_gain_the_tertial() {
    let (plan, merged) = merged();
    let area_before = goal(&plan, "I Stockholm är människor");
    let area_after = goal(&merged, "I Stockholm är människor");
    let before = &area_before.indicators[0];
    let after = area_after
        .indicators
        .iter()
        .find(|i| i.name == before.name)
        .expect("the VP indicator is still there");
    assert_eq!(after.id, before.id);
    assert_eq!(
        after.report_in(Period::Plan).annual_target.display(),
        "0,6 %"
    );
    assert_eq!(
        after.report_in(Period::Tertial(1)).outcome.display(),
        "0,6 %"
    );

    // Wrapped at another word and spaced differently in the T1: still the same activity.
    for (goal_title, activity_start) in [
        ("I Stockholm är människor", "Socialnämnden ska"),
        ("Vuxna försörjer", "Arbeta för att ungdomsrådet"),
    ] {
        let find = |p: &PlanYear| {
            let matches: Vec<_> = goal(p, goal_title)
                .activities
                .iter()
                .filter(|a| a.title.starts_with(activity_start))
                .cloned()
                .collect();
            assert_eq!(matches.len(), 1, "one «{activity_start}»");
            matches[0].clone()
        };
        let (before, after) = (find(&plan), find(&merged));
        assert_eq!(after.id, before.id);
        assert!(
            after.reports.contains_key(&Period::Tertial(1)),
            "{activity_start}"
        );
    }
}

#[test]
fn new_nodes_take_ids_after_the_largest() {
    let (plan, merged) = merged();
    let old_max = plan.max_id();
    let new_indicator = merged
        .indicators()
        .find(|(_, i)| i.name == "Antal aspiranter som fått Stockholmsjobb")
        .map(|(_, i)| i.id)
        .expect("the T1-only indicator was added");
    let new_activity = merged
        .activities()
        .find(|(_, a)| a.title.starts_with("Arbeta för att fler unga"))
        .map(|(_, a)| a.id)
        .expect("the T1-only activity was added");
    let new_goal = goal(&merged, "Nyanlända etablerar");
    assert!(new_indicator > old_max && new_activity > old_max && new_goal.id > old_max);
    assert_eq!(new_goal.number.as_deref(), Some("1.1.2"));
    // Every id is still unique.
    let mut ids: Vec<u32> = merged.goals_depth_first().iter().map(|g| g.id).collect();
    ids.extend(merged.indicators().map(|(_, i)| i.id));
    ids.extend(merged.activities().map(|(_, a)| a.id));
    let count = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), count, "ids are unique");
    assert_eq!(
        merged.documents.iter().map(|d| d.kind).collect::<Vec<_>>(),
        [DocKind::Plan, DocKind::Tertial(1)]
    );
}

#[test]
fn merging_the_same_document_again_changes_nothing() {
    let (_, once) = merged();
    let mut twice = once.clone();
    merge_into(&mut twice, import(TERTIAL, DocKind::Tertial(1)));
    assert_eq!(twice, once, "T1 merged twice");
    merge_into(&mut twice, import(PLAN, DocKind::Plan));
    assert_eq!(twice, once, "the VP merged again after the T1");

    let plan = import(PLAN, DocKind::Plan);
    let mut again = plan.clone();
    merge_into(&mut again, import(PLAN, DocKind::Plan));
    assert_eq!(again, plan, "a VP merged into itself");
}

#[test]
fn a_whole_sample_merged_into_itself_changes_nothing() {
    let root = env!("CARGO_MANIFEST_DIR");
    let path = ["../shared/samples", "../../shared/samples"]
        .iter()
        .map(|dir| format!("{root}/{dir}/t1-2020-sodermalm.txt"))
        .find(|p| std::path::Path::new(p).exists())
        .expect("the T1 sample is there");
    let text = std::fs::read_to_string(path).expect("sample is readable");
    let hints = ImportHints::default();
    let plan = import_report(&text, &hints).expect("sample imports").plan;
    let mut again = plan.clone();
    merge_into(
        &mut again,
        import_report(&text, &hints).expect("sample imports").plan,
    );
    assert_eq!(again, plan);
}

/// A T1 stored before the importer kept its read cells: the same document read again adds
/// them without a conflict, since no value differs; a value a user changed still conflicts.
#[test]
fn reading_the_same_values_again_adds_the_read_cells_without_a_conflict() {
    let (_, stored) = merged();
    let mut old = stored.clone();
    fn strip(goals: &mut [Goal]) {
        for goal in goals {
            for indicator in &mut goal.indicators {
                if let Some(report) = indicator.reports.get_mut(&Period::Tertial(1)) {
                    report.read_cells.clear();
                }
            }
            strip(&mut goal.children);
        }
    }
    fn first_t1(goals: &mut [Goal]) -> Option<&mut malkoll::domain::IndicatorReport> {
        for goal in goals {
            if let Some(report) = goal
                .indicators
                .iter_mut()
                .find_map(|indicator| indicator.reports.get_mut(&Period::Tertial(1)))
            {
                return Some(report);
            }
            if let Some(report) = first_t1(&mut goal.children) {
                return Some(report);
            }
        }
        None
    }
    strip(&mut old.goals);
    assert_ne!(old, stored, "the synthetic T1 has read cells to lose");
    let conflicts = merge_with_policy(
        &mut old,
        import(TERTIAL, DocKind::Tertial(1)),
        MergePolicy::KeepStored,
    );
    assert!(conflicts.is_empty(), "{conflicts:?}");
    assert_eq!(old, stored);

    // A value typed by a user is no provenance: the document conflicts with it.
    strip(&mut old.goals);
    let typed = first_t1(&mut old.goals).expect("a T1 report");
    typed.outcome = malkoll::domain::Value::from_cell("1 %");
    let conflicts = merge_with_policy(
        &mut old,
        import(TERTIAL, DocKind::Tertial(1)),
        MergePolicy::KeepStored,
    );
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
}
