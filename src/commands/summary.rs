//! `malkoll summary`: the counts of one council and period ([`Summary::of_plan`]) and, per
//! goal, the summary sentence generated from the stored statuses beside the document's own.

use serde_json::json;

use crate::domain::evaluate::{ActivityCounts, AssessmentCounts, IndicatorCounts, Summary};
use crate::domain::goal_summary::{generated_sentence, plan_sentences, stated_sentence};
use crate::domain::text::sanitize_line;
use crate::domain::{Council, Goal, GoalLevel, PlanYear, YearPeriod};
use crate::store::Store;

use super::select::{SelectError, find_council, load_plan, parse_period};

/// Runs the command: `council` by id or name, `period` as `T1-2020`, `format` text/json.
pub fn run(
    store: &Store,
    council: &str,
    period: &str,
    format: &str,
) -> Result<String, SelectError> {
    let json_output = match format.trim().to_lowercase().as_str() {
        "text" => false,
        "json" => true,
        _ => {
            return Err(SelectError::BadFormat {
                given: format.to_owned(),
                choices: "text eller json",
            });
        }
    };
    let at = parse_period(period)?;
    let council = find_council(store, council)?;
    let plan = load_plan(store, &council, at)?;
    Ok(if json_output {
        json_report(&council, at, &plan)
    } else {
        text_report(&council, at, &plan)
    })
}

fn indicator_line(label: &str, counts: &IndicatorCounts) -> String {
    format!(
        "{label}: {} ({} uppnås, {} uppnås delvis, {} uppnås ej, {} inget resultat, varav {} ej \
         mätta ännu; {} undantagna)\n",
        counts.total(),
        counts.met,
        counts.partly_met,
        counts.not_met,
        counts.no_result,
        counts.not_yet_measured,
        counts.excluded
    )
}

fn activity_line(label: &str, counts: &ActivityCounts) -> String {
    format!(
        "{label}: {} ({} genomförda, {} ej genomförda, {} pågår, {} utan uppgift; {} med \
         avvikelse)\n",
        counts.total(),
        counts.done,
        counts.not_done,
        counts.ongoing,
        counts.unknown,
        counts.deviation
    )
}

fn goal_line(label: &str, counts: &AssessmentCounts) -> String {
    format!(
        "{label}: {} ({} uppfylls helt, {} delvis, {} ej, {} ej bedömda)\n",
        counts.total(),
        counts.fully_met,
        counts.partially_met,
        counts.not_met,
        counts.not_assessed
    )
}

fn text_report(council: &Council, at: YearPeriod, plan: &PlanYear) -> String {
    let summary = Summary::of_plan(plan, at.period);
    let mut out = format!(
        "Sammanfattning: {} {} {}\n\n",
        council.name,
        at.period.label(),
        at.year
    );
    out.push_str(&goal_line("Inriktningsmål", &summary.goals.direction));
    out.push_str(&goal_line(
        "KF:s mål för verksamhetsområdet",
        &summary.goals.area,
    ));
    out.push_str(&goal_line("Nämndmål", &summary.goals.committee));
    out.push_str(&indicator_line("Indikatorer", &summary.indicators));
    out.push_str(&indicator_line(
        "  varav KF-indikatorer",
        &summary.kf_indicators,
    ));
    out.push_str(&activity_line("Aktiviteter", &summary.activities));
    out.push_str(&activity_line(
        "  varav KF-aktiviteter",
        &summary.kf_activities,
    ));
    if let Some((generated, stated)) = plan_sentences(plan, at.period) {
        out.push_str("\nNämnden (verksamhetsplan)\n");
        out.push_str(&format!("  Beräknat:     {}\n", sanitize_line(&generated)));
        if let Some(stated) = stated {
            out.push_str(&format!("  I dokumentet: {}\n", sanitize_line(&stated)));
        }
    }
    for goal in plan.goals_depth_first() {
        let Some(generated) = generated_sentence(goal, at.period) else {
            continue;
        };
        out.push_str(&format!(
            "\n{} ({})\n",
            sanitize_line(&goal.heading()),
            level_tag(goal)
        ));
        out.push_str(&format!("  Beräknat:     {}\n", sanitize_line(&generated)));
        if let Some(stated) = stated_sentence(goal, at.period) {
            out.push_str(&format!("  I dokumentet: {}\n", sanitize_line(&stated)));
        }
    }
    out
}

fn level_tag(goal: &Goal) -> &'static str {
    match goal.level {
        GoalLevel::Direction => "inriktningsmål",
        GoalLevel::Area => "KF-mål",
        GoalLevel::Committee => "nämndmål",
    }
}

fn indicator_json(counts: &IndicatorCounts) -> serde_json::Value {
    json!({
        "totalt": counts.total(),
        "uppnas": counts.met,
        "uppnas_delvis": counts.partly_met,
        "uppnas_ej": counts.not_met,
        "inget_resultat": counts.no_result,
        "ej_matta_annu": counts.not_yet_measured,
        "undantagna": counts.excluded,
    })
}

fn activity_json(counts: &ActivityCounts) -> serde_json::Value {
    json!({
        "totalt": counts.total(),
        "genomforda": counts.done,
        "ej_genomforda": counts.not_done,
        "pagar": counts.ongoing,
        "utan_uppgift": counts.unknown,
        "avvikelse": counts.deviation,
    })
}

fn goals_json(counts: &AssessmentCounts) -> serde_json::Value {
    json!({
        "totalt": counts.total(),
        "uppfylls_helt": counts.fully_met,
        "uppfylls_delvis": counts.partially_met,
        "uppfylls_ej": counts.not_met,
        "ej_bedomda": counts.not_assessed,
    })
}

fn json_report(council: &Council, at: YearPeriod, plan: &PlanYear) -> String {
    let summary = Summary::of_plan(plan, at.period);
    let goals: Vec<serde_json::Value> = plan
        .goals_depth_first()
        .into_iter()
        .filter_map(|goal| {
            let generated = generated_sentence(goal, at.period)?;
            Some(json!({
                "id": goal.id,
                "nummer": goal.number,
                "titel": goal.title,
                "niva": level_tag(goal),
                "beraknat": generated,
                "i_dokumentet": stated_sentence(goal, at.period),
            }))
        })
        .collect();
    let report = json!({
        "council": council,
        "year": at.year,
        "period": at.period.label(),
        "mal": {
            "inriktningsmal": goals_json(&summary.goals.direction),
            "kf_mal": goals_json(&summary.goals.area),
            "namndmal": goals_json(&summary.goals.committee),
        },
        "indikatorer": indicator_json(&summary.indicators),
        "kf_indikatorer": indicator_json(&summary.kf_indicators),
        "aktiviteter": activity_json(&summary.activities),
        "kf_aktiviteter": activity_json(&summary.kf_activities),
        "sammanfattningar": goals,
    });
    let mut out = serde_json::to_string_pretty(&report).unwrap_or_default();
    out.push('\n');
    out
}
