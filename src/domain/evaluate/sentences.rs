//! The Swedish summary sentences of DOMAIN.md §7, generated from counts, and the numeral
//! words they need.
//!
//! Documents write the T1/T2 counts as words with grammatical gender: *mål* is neuter
//! ("ett av två mål"), *indikator* and *aktivitet* are common gender ("en nås delvis").
//! The VB template writes digits ("Av de 8 indikatorerna …"). A generated sentence is a
//! check against the document's own sentence, which is kept as stated text.

use crate::domain::text::capitalize;
use crate::domain::{Assessment, GoalLevel, Period};

use super::summary::{ActivityCounts, AssessmentCounts, IndicatorCounts, Summary};

/// Grammatical gender of the counted noun: decides *en/ett*, *ingen/inget*.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    /// *en indikator, en aktivitet*.
    Common,
    /// *ett mål, ett nämndmål*.
    Neuter,
}

const NUMERALS: [&str; 31] = [
    "",
    "",
    "två",
    "tre",
    "fyra",
    "fem",
    "sex",
    "sju",
    "åtta",
    "nio",
    "tio",
    "elva",
    "tolv",
    "tretton",
    "fjorton",
    "femton",
    "sexton",
    "sjutton",
    "arton",
    "nitton",
    "tjugo",
    "",
    "tjugotvå",
    "tjugotre",
    "tjugofyra",
    "tjugofem",
    "tjugosex",
    "tjugosju",
    "tjugoåtta",
    "tjugonio",
    "trettio",
];

/// A count as a Swedish word, 0–30, agreeing with `gender`: 1 → en/ett, 21 → tjugoen/
/// tjugoett, 0 → ingen/inget. Larger counts are written in digits, as documents do.
pub fn numeral(n: usize, gender: Gender) -> String {
    let word = match (n, gender) {
        (0, Gender::Common) => "ingen",
        (0, Gender::Neuter) => "inget",
        (1, Gender::Common) => "en",
        (1, Gender::Neuter) => "ett",
        (21, Gender::Common) => "tjugoen",
        (21, Gender::Neuter) => "tjugoett",
        (n, _) if n < NUMERALS.len() => NUMERALS[n],
        (n, _) => return n.to_string(),
    };
    word.to_owned()
}

/// "a", "a och b", "a, b och c".
pub fn join_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [init @ .., last] => format!("{} och {last}", init.join(", ")),
    }
}

/// "{A} av {N} KF-indikatorer prognostiseras att nås[, {B} nås delvis][ och {C} nås inte]"
/// with the singular and *samtliga* variants (T1/T2). Indicators without a result are
/// named last ("en saknar prognos"); the documents have no wording for them. `None` when
/// there are no indicators.
pub fn kf_indicator_clause(counts: &IndicatorCounts) -> Option<String> {
    let total = counts.total();
    let common = |n| numeral(n, Gender::Common);
    if total == 0 {
        return None;
    }
    if total == 1 {
        let verb = if counts.met == 1 {
            "prognostiseras att nås"
        } else if counts.partly_met == 1 {
            "nås delvis"
        } else if counts.not_met == 1 {
            "nås inte"
        } else {
            "saknar prognos"
        };
        return Some(format!("KF-indikatorn {verb}"));
    }
    if counts.met == total {
        return Some("samtliga KF-indikatorer prognostiseras att nås".to_owned());
    }
    let mut parts = vec![format!(
        "{} av {} KF-indikatorer prognostiseras att nås",
        common(counts.met),
        common(total)
    )];
    if counts.partly_met > 0 {
        parts.push(format!("{} nås delvis", common(counts.partly_met)));
    }
    if counts.not_met > 0 {
        parts.push(format!("{} nås inte", common(counts.not_met)));
    }
    if counts.no_result > 0 {
        parts.push(format!("{} saknar prognos", common(counts.no_result)));
    }
    Some(join_list(&parts))
}

/// "KF-aktiviteterna kommer att genomföras"; with *Avvikelse*, how many will be done as
/// planned. `None` when there are no KF activities.
pub fn kf_activity_clause(counts: &ActivityCounts) -> Option<String> {
    let total = counts.total();
    let as_planned = total.saturating_sub(counts.deviation);
    match (total, counts.deviation) {
        (0, _) => None,
        (1, 0) => Some("KF-aktiviteten kommer att genomföras".to_owned()),
        (1, _) => Some("KF-aktiviteten inte kommer att genomföras enligt plan".to_owned()),
        (_, 0) => Some("KF-aktiviteterna kommer att genomföras".to_owned()),
        _ => Some(format!(
            "{} av {} KF-aktiviteter kommer att genomföras enligt plan",
            numeral(as_planned, Gender::Common),
            numeral(total, Gender::Common)
        )),
    }
}

/// "underliggande nämndmål bedöms uppnås" or "ett av två underliggande nämndmål bedöms
/// uppnås", over the assessed nämndmål. `None` when none is assessed.
pub fn committee_goals_clause(goals: &AssessmentCounts) -> Option<String> {
    let assessed = goals.total() - goals.not_assessed;
    match assessed {
        0 => None,
        1 if goals.fully_met == 1 => Some("det underliggande nämndmålet bedöms uppnås".to_owned()),
        n if goals.fully_met == n => Some("underliggande nämndmål bedöms uppnås".to_owned()),
        n => Some(format!(
            "{} av {} underliggande nämndmål bedöms uppnås",
            numeral(goals.fully_met, Gender::Neuter),
            numeral(n, Gender::Neuter)
        )),
    }
}

/// "Bedömningen grundas på att a och att b." Returns an empty string without grounds.
fn grounds_sentence(grounds: &[String]) -> String {
    if grounds.is_empty() {
        return String::new();
    }
    format!(" Bedömningen grundas på att {}.", grounds.join(" och att "))
}

/// T1/T2, KF-mål (`t1-2020-sodermalm.txt:151-154`, `:533-536`, `:2795-2797`,
/// `:2890-2892`): "Förvaltningen gör bedömningen att kommunfullmäktiges mål för
/// verksamhetsområdet kommer att uppnås\[ delvis\] under året. Bedömningen grundas på att
/// {indicators} och att KF-aktiviteterna kommer att genomföras. Underliggande nämndmål bedöms
/// uppnås." With fewer than two other grounds, the nämndmål clause joins the grounds.
pub fn area_goal_forecast_sentence(
    assessment: Assessment,
    kf_indicators: &IndicatorCounts,
    kf_activities: &ActivityCounts,
    committee_goals: &AssessmentCounts,
) -> String {
    let verdict = match assessment {
        Assessment::FullyMet => "kommer att uppnås under året",
        Assessment::PartiallyMet => "kommer att uppnås delvis under året",
        Assessment::NotMet => "inte kommer att uppnås under året",
        Assessment::NotAssessed => {
            return "Förvaltningen har inte bedömt kommunfullmäktiges mål för verksamhetsområdet."
                .to_owned();
        }
    };
    let mut grounds: Vec<String> = [
        kf_indicator_clause(kf_indicators),
        kf_activity_clause(kf_activities),
    ]
    .into_iter()
    .flatten()
    .collect();
    let subgoals = committee_goals_clause(committee_goals);
    let mut closing = String::new();
    match subgoals {
        Some(clause) if grounds.len() < 2 => grounds.push(clause),
        Some(clause) => closing = format!(" {}.", capitalize(&clause)),
        None => {}
    }
    format!(
        "Förvaltningen gör bedömningen att kommunfullmäktiges mål för verksamhetsområdet \
         {verdict}.{}{closing}",
        grounds_sentence(&grounds)
    )
}

/// T1/T2, inriktningsmål (`t1-2020-sodermalm.txt:138-140`, `:108-110`): "Förvaltningen gör
/// bedömningen att inriktningsmålet kommer att uppfyllas under året. Bedömningen grundas på
/// att {samtliga fem | ett av två} mål för verksamhetsområdet som är kopplade till
/// inriktningsmålet bedöms uppnås[ och ett uppnås delvis]." `verdict` is the author's
/// judgement (the IM has no bedömning line in T1); `area_goals` counts its KF-mål.
pub fn direction_goal_forecast_sentence(
    verdict: Assessment,
    area_goals: &AssessmentCounts,
) -> String {
    let verdict = match verdict {
        Assessment::FullyMet => "kommer att uppfyllas under året",
        Assessment::PartiallyMet => "kommer att uppfyllas delvis under året",
        Assessment::NotMet => "inte kommer att uppfyllas under året",
        Assessment::NotAssessed => {
            return "Förvaltningen har inte bedömt inriktningsmålet.".to_owned();
        }
    };
    let opening = format!("Förvaltningen gör bedömningen att inriktningsmålet {verdict}.");
    let total = area_goals.total() - area_goals.not_assessed;
    let neuter = |n| numeral(n, Gender::Neuter);
    let first = match total {
        0 => return opening,
        1 if area_goals.fully_met == 1 => {
            "målet för verksamhetsområdet som är kopplat till inriktningsmålet bedöms uppnås"
                .to_owned()
        }
        1 if area_goals.partially_met == 1 => {
            "målet för verksamhetsområdet som är kopplat till inriktningsmålet bedöms uppnås delvis"
                .to_owned()
        }
        1 => "målet för verksamhetsområdet som är kopplat till inriktningsmålet bedöms inte uppnås"
            .to_owned(),
        n if area_goals.fully_met == n => format!(
            "samtliga {} mål för verksamhetsområdet som är kopplade till inriktningsmålet \
             bedöms uppnås",
            neuter(n)
        ),
        n => format!(
            "{} av {} mål för verksamhetsområdet som är kopplade till inriktningsmålet \
             bedöms uppnås",
            neuter(area_goals.fully_met),
            neuter(n)
        ),
    };
    let mut parts = vec![first];
    if total > 1 && area_goals.fully_met < total {
        if area_goals.partially_met > 0 {
            parts.push(format!(
                "{} uppnås delvis",
                neuter(area_goals.partially_met)
            ));
        }
        if area_goals.not_met > 0 {
            parts.push(format!("{} uppnås inte", neuter(area_goals.not_met)));
        }
    }
    format!(
        "{opening} Bedömningen grundas på att {}.",
        join_list(&parts)
    )
}

/// T1/T2, nämndmål (`t1-2020-sodermalm.txt:398-399`, `:460-462`, `:857-859`):
/// "Förvaltningen gör bedömningen att nämndmålet \[delvis \]kommer att uppnås under året.
/// Bedömningen grundas på att förväntat resultat [och indikatorn/indikatorerna
/// ]prognostiseras att nås[ delvis][ och att aktiviteten/aktiviteterna kommer att
/// genomföras]."
pub fn committee_goal_forecast_sentence(
    assessment: Assessment,
    indicator_count: usize,
    activity_count: usize,
) -> String {
    let (verdict, reach) = match assessment {
        Assessment::FullyMet => ("kommer att uppnås", "prognostiseras att nås"),
        Assessment::PartiallyMet => ("delvis kommer att uppnås", "prognostiseras att nås delvis"),
        Assessment::NotMet => ("inte kommer att uppnås", "prognostiseras att inte nås"),
        Assessment::NotAssessed => {
            return "Förvaltningen har inte bedömt nämndmålet.".to_owned();
        }
    };
    let subject = match indicator_count {
        0 => "förväntat resultat",
        1 => "förväntat resultat och indikatorn",
        _ => "förväntat resultat och indikatorerna",
    };
    let activities = match activity_count {
        0 => "",
        1 => " och att aktiviteten kommer att genomföras",
        _ => " och att aktiviteterna kommer att genomföras",
    };
    format!(
        "Förvaltningen gör bedömningen att nämndmålet {verdict} under året. Bedömningen \
         grundas på att {subject} {reach}{activities}."
    )
}

/// VB, per inriktningsmål or KF-mål: "Av de {N} indikatorerna uppnås målet helt i {A}
/// stycken och {B} uppnås delvis. {C} indikatorer når nämnden inte målet och i {D} finns
/// inget resultat att redovisa. Av {M} aktiviteter är {X} genomförda och {Y} har inte
/// genomförts." Digits, as the template writes them. N = A+B+C+D (excluded indicators are
/// not counted). M = X+Y, where continuing activities count as not carried out within the
/// year and activities whose completion is unknown are left out.
pub fn annual_report_sentence(indicators: &IndicatorCounts, activities: &ActivityCounts) -> String {
    let total = indicators.total();
    let indicator_part = if total == 0 {
        "Det finns inga indikatorer att redovisa.".to_owned()
    } else {
        let of_the = if total == 1 {
            "Av den 1 indikatorn".to_owned()
        } else {
            format!("Av de {total} indikatorerna")
        };
        let not_met = match indicators.not_met {
            1 => "1 indikator".to_owned(),
            n => format!("{n} indikatorer"),
        };
        format!(
            "{of_the} uppnås målet helt i {} stycken och {} uppnås delvis. {not_met} når \
             nämnden inte målet och i {} finns inget resultat att redovisa.",
            indicators.met, indicators.partly_met, indicators.no_result
        )
    };
    let done = activities.done;
    let not_done = activities.not_done + activities.ongoing;
    let activity_total = done + not_done;
    let unknown = activities.unknown;
    let activity_part = if activity_total == 0 && unknown == 0 {
        "Det finns inga aktiviteter att redovisa.".to_owned()
    } else if activity_total == 0 {
        // Activities exist but none has a stated completion: never say there are none.
        match unknown {
            1 => "1 aktivitet saknar uppgift om genomförande.".to_owned(),
            n => format!("{n} aktiviteter saknar uppgift om genomförande."),
        }
    } else {
        let noun = if activity_total == 1 {
            "aktivitet"
        } else {
            "aktiviteter"
        };
        let done_word = if done == 1 {
            "genomförd"
        } else {
            "genomförda"
        };
        let mut part = format!(
            "Av {activity_total} {noun} är {done} {done_word} och {not_done} har inte genomförts."
        );
        if unknown > 0 {
            part.push_str(&format!(" {unknown} saknar uppgift om genomförande."));
        }
        part
    };
    format!("{indicator_part} {activity_part}")
}

/// The summary sentence a document of `period` would print for `level`, from the stored
/// statuses: the T1/T2 templates (forecast) or the VB template (final). `None` in a VP and
/// in the months, which have no goal summaries. `summary` must be
/// [`Summary::of_goal`] for the T templates and [`Summary::of_subtree`] for the VB
/// template; `assessment` is the goal's bedömning (for an IM in T1/T2: the author's verdict).
pub fn goal_summary_sentence(
    level: GoalLevel,
    period: Period,
    assessment: Assessment,
    summary: &Summary,
) -> Option<String> {
    match period {
        Period::Plan | Period::Month(_) => None,
        Period::AnnualReport => Some(annual_report_sentence(
            &summary.indicators,
            &summary.activities,
        )),
        Period::Tertial(_) => Some(match level {
            GoalLevel::Direction => {
                direction_goal_forecast_sentence(assessment, &summary.goals.area)
            }
            GoalLevel::Area => area_goal_forecast_sentence(
                assessment,
                &summary.kf_indicators,
                &summary.kf_activities,
                &summary.goals.committee,
            ),
            GoalLevel::Committee => committee_goal_forecast_sentence(
                assessment,
                summary.indicators.total(),
                summary.activities.total(),
            ),
        }),
    }
}

#[cfg(test)]
mod tests;
