//! One goal's summary sentence in one period, generated from the stored statuses
//! (DOMAIN.md §7), beside the document's own sentence for comparison. Used by the detail
//! pane and `malkoll summary`.

use super::evaluate::Summary;
use super::evaluate::sentences::goal_summary_sentence;
use super::text::collapse_whitespace;
use super::{Assessment, DocKind, Goal, GoalLevel, Period, PlanYear};

/// The counts a goal's template speaks of: its own items and direct children in T1/T2, the
/// whole subtree in the VB (see [`goal_summary_sentence`]).
pub fn goal_counts(goal: &Goal, period: Period) -> Summary {
    match period {
        Period::AnnualReport => Summary::of_subtree(goal, period),
        _ => Summary::of_goal(goal, period),
    }
}

/// The verdict the sentence opens with: the goal's *bedömning*. An inriktningsmål has none
/// in T1/T2 (DOMAIN.md §2.3); it stands in as *uppfylls* unless one of its KF-mål is
/// *uppfylls ej*, as the T1 authors write it (IM 3 "kommer att uppfyllas" with one KF-mål
/// *delvis*, `t1-2020-sodermalm.txt:3508-3510`).
pub fn verdict(goal: &Goal, period: Period) -> Assessment {
    let stated = goal.status_in(period).assessment;
    if stated != Assessment::NotAssessed || goal.level != GoalLevel::Direction {
        return stated;
    }
    let children = &goal.children;
    if children.is_empty() {
        return stated;
    }
    let any_not_met = children
        .iter()
        .any(|child| child.status_in(period).assessment == Assessment::NotMet);
    if any_not_met {
        Assessment::PartiallyMet
    } else {
        Assessment::FullyMet
    }
}

/// The generated sentence; `None` in a VP and in the months.
pub fn generated_sentence(goal: &Goal, period: Period) -> Option<String> {
    goal_summary_sentence(
        goal.level,
        period,
        verdict(goal, period),
        &goal_counts(goal, period),
    )
}

/// The document's own summary: from "Förvaltningen gör bedömningen" through the sentence
/// "Bedömningen grundas på …", and a following sentence about *underliggande nämndmål*.
/// `None` when the analysis has no such sentence.
pub fn stated_sentence(goal: &Goal, period: Period) -> Option<String> {
    let analysis = collapse_whitespace(&goal.status_in(period).analysis);
    if period == Period::AnnualReport {
        return counted_sentences(&analysis);
    }
    let start = analysis.find("Förvaltningen gör bedömningen")?;
    let rest = &analysis[start..];
    let sentences = split_sentences(rest);
    let grounds = sentences
        .iter()
        .position(|s| s.starts_with("Bedömningen grundas på"))?;
    let mut end = grounds;
    if sentences
        .get(grounds + 1)
        .is_some_and(|s| s.to_lowercase().contains("underliggande nämndmål"))
    {
        end += 1;
    }
    Some(sentences[..=end].join(" "))
}

/// Sentences ending in ". ", kept with their full stop.
/// A VP's own count of nämndmål (DOMAIN.md §7, "Nämnden har tagit fram {N} nämndmål med
/// tillhörande aktiviteter och indikatorer."), generated from the tree, beside the sentence
/// of the document's summary that counts them (found by its count, not its words). `None`
/// outside a VP.
pub fn plan_sentences(plan: &PlanYear, period: Period) -> Option<(String, Option<String>)> {
    if period != Period::Plan {
        return None;
    }
    let committee_goals = plan
        .goals_depth_first()
        .into_iter()
        .filter(|g| g.level == GoalLevel::Committee)
        .count();
    let generated = format!(
        "Nämnden har tagit fram {committee_goals} nämndmål med tillhörande aktiviteter och \
         indikatorer."
    );
    let stated = plan
        .documents
        .iter()
        .filter(|d| d.kind == DocKind::Plan)
        .find_map(|d| {
            let text = collapse_whitespace(&d.summary);
            split_sentences(&text)
                .into_iter()
                .find(|s| {
                    let lower = s.to_lowercase();
                    lower.contains("nämndmål")
                        && lower.split(|c: char| !c.is_alphanumeric()).any(|w| {
                            !w.is_empty()
                                && (w.chars().all(|c| c.is_ascii_digit())
                                    || COUNT_WORDS.contains(&w))
                        })
                })
                .map(str::to_owned)
        });
    Some((generated, stated))
}

/// Number words a count can be written with (DOMAIN.md §7), besides digits.
const COUNT_WORDS: &[&str] = &[
    "en", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv",
    "tretton", "fjorton", "femton", "sexton", "sjutton", "arton", "nitton", "tjugo", "samtliga",
    "alla", "inga", "ingen",
];

/// Whether a sentence counts indicators or activities: it names one of them and holds a
/// number (digits or a number word).
fn is_count_sentence(sentence: &str) -> bool {
    let lower = sentence.to_lowercase();
    let names_items = lower.contains("indikator") || lower.contains("aktivitet");
    let has_count = lower.split(|c: char| !c.is_alphanumeric()).any(|w| {
        !w.is_empty() && (w.chars().all(|c| c.is_ascii_digit()) || COUNT_WORDS.contains(&w))
    });
    names_items && has_count
}

/// A VB's own summary: the first run of adjacent sentences that count indicators or
/// activities. The wording varies from the template, so the counts decide, not the words.
fn counted_sentences(analysis: &str) -> Option<String> {
    let sentences = split_sentences(analysis);
    let start = sentences.iter().position(|s| is_count_sentence(s))?;
    let end = sentences[start..]
        .iter()
        .position(|s| !is_count_sentence(s))
        .map_or(sentences.len(), |offset| start + offset);
    Some(sentences[start..end].join(" "))
}

fn split_sentences(text: &str) -> Vec<&str> {
    let mut sentences = Vec::new();
    let mut rest = text;
    while let Some(end) = rest.find(". ") {
        sentences.push(&rest[..=end]);
        rest = &rest[end + 2..];
    }
    if !rest.trim().is_empty() {
        sentences.push(rest.trim());
    }
    sentences
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_vp_count_of_committee_goals_is_generated_beside_the_stated_one() {
        let mut area = Goal::new(1, GoalLevel::Area, Some("1.1"), "KF");
        area.children = vec![
            Goal::new(2, GoalLevel::Committee, None, "A"),
            Goal::new(3, GoalLevel::Committee, None, "B"),
        ];
        let plan = PlanYear {
            council: crate::domain::Council {
                id: "test".into(),
                name: "Test".into(),
            },
            year: 2024,
            documents: vec![crate::domain::SourceDocument {
                kind: DocKind::Plan,
                source: "vp.txt".into(),
                summary: "Inledning. Nämnden har tagit fram tre nämndmål med \
                    tillhörande aktiviteter. Budgeten är 10 mnkr."
                    .into(),
            }],
            goals: vec![area],
            months: Vec::new(),
            economy: Default::default(),
        };
        let (generated, stated) = plan_sentences(&plan, Period::Plan).expect("a VP");
        assert!(generated.contains("tagit fram 2 nämndmål"), "{generated}");
        assert_eq!(
            stated.as_deref(),
            Some("Nämnden har tagit fram tre nämndmål med tillhörande aktiviteter.")
        );
        assert!(plan_sentences(&plan, Period::Tertial(1)).is_none());
    }

    #[test]
    fn a_vb_summary_is_found_by_its_counts_not_its_words() {
        let mut goal = Goal::new(1, GoalLevel::Area, Some("1.2"), "Mål");
        goal.status.insert(
            Period::AnnualReport,
            crate::domain::GoalStatus {
                assessment: Assessment::FullyMet,
                is_forecast: false,
                analysis: "Målet bedöms vara uppfyllt. Sju av nio indikatorer har nått \
                    årsmålet, en nås delvis och en nås inte. Samtliga 12 aktiviteter är \
                    avslutade. Arbetet med trygghet har fortsatt."
                    .into(),
            },
        );
        assert_eq!(
            stated_sentence(&goal, Period::AnnualReport).as_deref(),
            Some(
                "Sju av nio indikatorer har nått årsmålet, en nås delvis och en nås inte. \
                 Samtliga 12 aktiviteter är avslutade."
            )
        );
    }

    #[test]
    fn the_stated_sentence_is_cut_after_its_grounds() {
        let mut goal = Goal::new(1, GoalLevel::Area, Some("1.2"), "Mål");
        goal.status.insert(
            Period::Tertial(1),
            crate::domain::GoalStatus {
                assessment: Assessment::FullyMet,
                is_forecast: true,
                analysis: "Förvaltningen gör bedömningen att kommunfullmäktiges mål för \
                    verksamhetsområdet kommer att uppnås under året. Bedömningen grundas på \
                    att KF-indikatorn prognostiseras att\nnås och att KF-aktiviteterna kommer \
                    att genomföras. Ett av två underliggande nämndmål bedöms uppnås. Med \
                    anledning av pågående pandemi …"
                    .into(),
            },
        );
        assert_eq!(
            stated_sentence(&goal, Period::Tertial(1)).as_deref(),
            Some(
                "Förvaltningen gör bedömningen att kommunfullmäktiges mål för \
                 verksamhetsområdet kommer att uppnås under året. Bedömningen grundas på att \
                 KF-indikatorn prognostiseras att nås och att KF-aktiviteterna kommer att \
                 genomföras. Ett av två underliggande nämndmål bedöms uppnås."
            )
        );
        assert_eq!(stated_sentence(&goal, Period::AnnualReport), None);
    }
}
