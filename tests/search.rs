//! The finder: ranking, Swedish letters, filters, dedupe fan-out and incremental narrowing,
//! and series identity of drifted indicator names.

use std::collections::BTreeMap;

use malkoll::domain::indicator::default_tolerance;
use malkoll::domain::{Activity, Council, Goal, GoalLevel, Indicator, Origin, PlanYear};
use malkoll::search::{EntryKind, Finder, Hit, Query, SearchIndex, series_key};

fn indicator(id: u32, name: &str) -> Indicator {
    Indicator {
        id,
        origin: Origin::Committee,
        name: name.to_owned(),
        unit: None,
        periodicity: Default::default(),
        direction: Default::default(),
        tolerance: default_tolerance(),
        direction_confirmed: false,
        reports: BTreeMap::new(),
    }
}

fn activity(id: u32, title: &str) -> Activity {
    Activity {
        id,
        origin: Origin::Committee,
        title: title.to_owned(),
        start: None,
        end: None,
        reports: BTreeMap::new(),
    }
}

/// One council-year: a goal with the given indicator names and one activity.
fn plan(slug: &str, name: &str, year: u16, goal_title: &str, indicators: &[&str]) -> PlanYear {
    let mut goal = Goal::new(1, GoalLevel::Committee, Some("1.1.1"), goal_title);
    for (i, name) in indicators.iter().enumerate() {
        goal.indicators.push(indicator(10 + i as u32, name));
    }
    goal.activities.push(activity(
        50,
        "Förvaltningen ska utveckla äldreomsorgens arbete med måltider",
    ));
    PlanYear {
        council: Council {
            id: slug.to_owned(),
            name: name.to_owned(),
        },
        year,
        documents: Vec::new(),
        goals: vec![goal],
        months: Vec::new(),
        economy: Default::default(),
    }
}

const BISTAND_BARN: &str = "Andel barn som lever i familjer som har ekonomiskt bistånd";

fn city() -> Vec<PlanYear> {
    let shared = [
        BISTAND_BARN,
        "Andel äldre som är nöjda med sitt särskilda boende",
        "Antal aspiranter som fått Stockholmsjobb",
    ];
    let soder = "Södermalms stadsdelsnämnd";
    vec![
        plan(
            "sodermalm",
            soder,
            2020,
            "Vuxna försörjer sig själva",
            &shared,
        ),
        plan(
            "sodermalm",
            soder,
            2021,
            "Vuxna försörjer sig själva",
            &shared,
        ),
        plan(
            "ostermalm",
            "Östermalms stadsdelsnämnd",
            2021,
            "Äldreomsorgen håller hög kvalitet",
            &[BISTAND_BARN, "Brukarbedömning inom stödboende"],
        ),
        plan(
            "enskede-arsta-vantor",
            "Enskede-Årsta-Vantörs stadsdelsnämnd",
            2019,
            "Östra delarna är trygga",
            &["Andel invånare som känner sig trygga"],
        ),
    ]
}

fn texts(hits: &[Hit<'_>]) -> Vec<String> {
    hits.iter().map(|hit| hit.text.to_owned()).collect()
}

#[test]
fn an_exact_word_beats_a_scattered_match() {
    // "Brukare i stödboende tar ansvar när det behövs" holds b…i…s…t…a…n…d, and is shorter.
    let plans = vec![plan(
        "x",
        "X",
        2020,
        "Trygghet",
        &[
            "Brukare i stödboende tar ansvar när det behövs",
            "Hushåll som under lång tid har fått ekonomiskt bistånd",
        ],
    )];
    let index = SearchIndex::build(&plans);
    let hits = index.query("bistand", 10);
    assert_eq!(
        texts(&hits),
        vec![
            "Hushåll som under lång tid har fått ekonomiskt bistånd",
            "Brukare i stödboende tar ansvar när det behövs",
        ]
    );
    assert!(hits[0].score > hits[1].score);
}

#[test]
fn swedish_letters_match_their_plain_forms_and_both_cases() {
    let index = SearchIndex::build(&city());
    assert_eq!(index.query("bistand", 5)[0].text, BISTAND_BARN);
    let aldre = texts(&index.query("aldreomsorg", 5));
    assert!(
        aldre.iter().any(|t| t.contains("Äldreomsorgen")),
        "{aldre:?}"
    );
    assert!(
        aldre.iter().any(|t| t.contains("äldreomsorgens")),
        "{aldre:?}"
    );
    let upper = texts(&index.query("Ö", 50));
    let lower = texts(&index.query("ö", 50));
    assert_eq!(upper, lower);
    assert!(upper.iter().any(|t| t.contains('ö')), "{upper:?}");
    assert!(upper.iter().any(|t| t.contains('Ö')), "{upper:?}");
}

#[test]
fn highlights_point_at_the_original_chars() {
    let index = SearchIndex::build(&city());
    let hits = index.query("östra", 5);
    let chars: Vec<char> = hits[0].text.chars().collect();
    let marked: String = hits[0]
        .highlight
        .iter()
        .filter_map(|&i| chars.get(i))
        .collect();
    assert_eq!(marked, "Östra");
}

#[test]
fn filters_by_kind_council_and_year() {
    let index = SearchIndex::build(&city());
    let indicators = index.query("i:andel", 50);
    assert!(!indicators.is_empty());
    assert!(
        indicators
            .iter()
            .flat_map(|h| &h.entries)
            .all(|e| e.kind == EntryKind::Indicator)
    );
    let goals = index.query("m:", 50);
    assert_eq!(goals.len(), 3, "{:?}", texts(&goals));
    let activities = index.query("a:maltider", 50);
    assert_eq!(activities.len(), 1);
    assert_eq!(activities[0].entries.len(), 4);

    let soder = index.query("n:sodermalm bistand", 50);
    assert_eq!(soder.len(), 1);
    assert!(soder[0].entries.iter().all(|e| e.council.id == "sodermalm"));
    assert_eq!(soder[0].entries.len(), 2);
    // By part of the slug, and by the name with its Swedish letters.
    assert!(!index.query("n:vantor trygga", 5).is_empty());
    assert_eq!(index.query("n:Östermalm bistand", 5)[0].entries.len(), 1);

    let year = index.query("å:2020 bistand", 50);
    assert!(year[0].entries.iter().all(|e| e.year == 2020));
    assert_eq!(texts(&year), texts(&index.query("y:2020 bistand", 50)));
    assert!(index.query("y:2018", 50).is_empty());
}

#[test]
fn a_recurring_name_is_one_hit_fanned_out_to_every_occurrence() {
    let index = SearchIndex::build(&city());
    assert!(index.distinct_key_count() < index.entry_count());
    let hits = index.query("familjer bistand", 50);
    assert_eq!(hits.len(), 1);
    let occurrences: Vec<(u16, &str)> = hits[0]
        .entries
        .iter()
        .map(|e| (e.year, e.council.id.as_str()))
        .collect();
    // Newest year first.
    assert_eq!(
        occurrences,
        vec![
            (2021, "sodermalm"),
            (2021, "ostermalm"),
            (2020, "sodermalm")
        ]
    );
}

#[test]
fn ties_go_to_the_newer_year_then_the_shorter_text() {
    let plans = vec![
        plan("a", "A", 2019, "Trygghet i parker", &[]),
        plan("b", "B", 2022, "Trygghet i parkerna", &[]),
        plan("c", "C", 2021, "Trygghet i parkerna mm", &[]),
        plan("d", "D", 2022, "Trygghet i parker", &[]),
    ];
    let index = SearchIndex::build(&plans);
    let hits = index.query("m:trygghet", 10);
    assert_eq!(
        texts(&hits),
        vec![
            "1.1.1 Trygghet i parker",
            "1.1.1 Trygghet i parkerna",
            "1.1.1 Trygghet i parkerna mm"
        ]
    );
    assert_eq!(hits[0].entries[0].year, 2022);
}

#[test]
fn incremental_narrowing_gives_the_fresh_results() {
    let plans = malkoll::demo::generate(7, 3, 2);
    let index = SearchIndex::build(&plans);
    let mut finder = Finder::new(&index);
    let typed = "bistandbarn";
    for end in 1..=typed.len() {
        let input = &typed[..end];
        let narrowed = finder.query(input, 30);
        let fresh = index.query(input, 30);
        assert_eq!(texts(&narrowed), texts(&fresh), "{input}");
        if end > 1 {
            assert!(
                finder.last_scanned() < index.distinct_key_count(),
                "{input}"
            );
        }
    }
    // Filters typed after the words narrow as well; a changed word starts over.
    for input in [
        "bistandbarn n:",
        "bistandbarn n:so",
        "bistandbarn n:sod i:",
        "aldre",
    ] {
        let narrowed = finder.query(input, 30);
        assert_eq!(texts(&narrowed), texts(&index.query(input, 30)), "{input}");
    }
    assert_eq!(finder.last_scanned(), index.distinct_key_count());
}

/// The best few hits are the head of the whole ranking: a key is left unscored only when
/// its score cannot reach the worst of the best so far, never when it could tie or win.
#[test]
fn the_best_few_are_the_head_of_the_whole_ranking() {
    let plans = malkoll::demo::generate(2026, 3, 3);
    let index = SearchIndex::build(&plans);
    let summary = |hits: &[Hit<'_>]| -> Vec<(String, i64, Vec<usize>, usize)> {
        hits.iter()
            .map(|hit| {
                (
                    hit.text.to_owned(),
                    hit.score,
                    hit.highlight.clone(),
                    hit.entries.len(),
                )
            })
            .collect()
    };
    let inputs = [
        "a",
        "al",
        "ald",
        "aldrenoj",
        "bis",
        "e e",
        "i:and",
        "m:mal",
        "å:20 ald",
        "s",
    ];
    for input in inputs {
        let all = summary(&index.query(input, usize::MAX));
        assert!(!all.is_empty(), "{input}: no hits");
        for limit in [1, 5, 50] {
            let best = summary(&index.query(input, limit));
            assert_eq!(best, all[..limit.min(all.len())], "{input}, {limit} best");
            let mut finder = Finder::new(&index);
            let chars: Vec<char> = input.chars().collect();
            for end in 1..chars.len() {
                finder.query(&chars[..end].iter().collect::<String>(), limit);
            }
            assert_eq!(summary(&finder.query(input, limit)), best, "{input} typed");
        }
    }
}

#[test]
fn query_refinement_rules() {
    let refines = |new: &str, old: &str| Query::parse(new).refines(&Query::parse(old));
    assert!(refines("bis", "b"));
    assert!(refines("bis barn", "bis"));
    assert!(refines("bis n:sod", "bis n:s"));
    assert!(refines("i:bis", "bis"));
    assert!(!refines("bi", "bis"));
    assert!(!refines("i:", "i"), "a kind filter is not a word");
    assert!(!refines("bis n:s", "bis n:sod"));
    assert!(!refines("m:bis", "i:bis"));
}

#[test]
fn drifted_indicator_names_share_a_series() {
    let pairs = [
        (
            "Andel brukare som trivs - funktionsnedsättning (stöd och service till personer med funktionsnedsättning)",
            "Andel brukare som är nöjd med sin insats - Funktionsnedsättning (stöd och service till personer med funktionsnedsättning)",
        ),
        (
            "Köpt energi (GWh)",
            "Totalt köpt energi i stadens verksamheter",
        ),
        (
            "Andel meddelanden om avhysning som inkommit till förvaltningen från Kronofogdemyndigheten som kunnat avvärjas",
            "Andel avhysningar som kunnat avvärjas efter inkommet meddelande till förvaltningen från kronofogdemyndigheten",
        ),
        (
            "Andel barn och unga som bedöms ha skyddsbehov som har kunnat placeras under trygga förhållanden",
            "Andel barn och unga som bedömts ha skyddsbehov och som inte fått vänta på placering",
        ),
        (
            "Stockholmarnas nöjdhet med skötsel av park och grönområden",
            "Stockholmarnas nöjdhet med skötsel och städning av park och grönområden",
        ),
    ];
    for (old, new) in pairs {
        assert_eq!(series_key(old), series_key(new), "{old} / {new}");
    }
    // Wrapping, case and a unit qualifier do not split a series.
    assert_eq!(series_key("Köpt  energi"), series_key("köpt energi (GWh)"));
    // Different indicators stay apart, even when they share words.
    assert_ne!(
        series_key(BISTAND_BARN),
        series_key("Andel personer som har ekonomiskt bistånd i förhållande till befolkningen")
    );
    assert_ne!(
        series_key("Andel brukare som trivs - funktionsnedsättning"),
        series_key("Andel brukare som trivs - äldreomsorg")
    );
}

#[test]
fn the_index_can_move_to_another_thread() {
    fn shareable<T: Send + Sync>() {}
    shareable::<SearchIndex>();
}

mod properties {
    use super::*;
    use malkoll::search::fold;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn folding_keeps_one_char_per_char(text in "\\PC{0,40}") {
            let folded = fold(&text);
            prop_assert_eq!(folded.chars().count(), text.chars().count());
            prop_assert_eq!(fold(&folded), folded);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        #[test]
        fn typing_any_query_narrows_to_the_fresh_result(typed in "[abdeilnorstäö :]{1,12}") {
            let plans = malkoll::demo::generate(3, 2, 2);
            let index = SearchIndex::build(&plans);
            let mut finder = Finder::new(&index);
            let chars: Vec<char> = typed.chars().collect();
            for end in 1..=chars.len() {
                let input: String = chars[..end].iter().collect();
                let narrowed = texts(&finder.query(&input, 20));
                prop_assert_eq!(narrowed, texts(&index.query(&input, 20)), "{:?}", input);
            }
        }
    }
}
