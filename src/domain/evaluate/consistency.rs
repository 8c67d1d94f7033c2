//! Consistency checks: what a reviewer should look at before a report is sent. Each finding
//! names the node and says in Swedish what is wrong. Findings are hints, never corrections:
//! roll-up is judgement (DOMAIN.md §2.4), so nothing here changes a stored value.
//!
//! Only the effective indicator status against the *Årsmål* is used; *KF:s årsmål* never
//! raises a finding.

use std::sync::LazyLock;

use regex::Regex;

use crate::domain::direction::is_fallback_direction;
use crate::domain::{
    Assessment, Goal, GoalLevel, Indicator, IndicatorReport, IndicatorStatus, NodeId, Period,
    Periodicity, PlanYear,
};

use super::status::{Suggestion, indicator_status};

/// What kind of inconsistency was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FindingKind {
    /// A real contradiction between a goal's *bedömning* and its own indicators: *Uppfylls
    /// helt* while most of them *uppnås ej*, or *Uppfylls ej* while all of them *uppnås*.
    /// Roll-up is a judgement (DOMAIN.md §2.4), so a single delvis/ej under *helt* is not one.
    FullyMetWithUnmetIndicator,
    /// An activity is flagged *Avvikelse* without an *Analys*.
    DeviationWithoutAnalysis,
    /// A goal has no *bedömning* in a reporting period.
    MissingAssessment,
    /// A goal has no *Analys* in a reporting period.
    MissingAnalysis,
    /// An indicator due this period has no value entered (and its analys does not say that
    /// reporting starts later).
    MissingValue,
    /// The importer placed this indicator's cells by a guess: check them against the
    /// document (*osäker placering*).
    UncertainPlacement,
    /// No target marker and no name family settles the direction: higher is better was
    /// assumed (*antagen riktning*); set it with `r`.
    AssumedDirection,
}

static STARTS_LATER: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(startar|börjar|påbörjas|redovisas|rapporteras|mäts|tas fram|finns)\b[^.]{0,60}?\b(först|senare|tertialrapport\s*[23]|t[23]\b|verksamhetsberättelse(n)?|vb\b|helår(et)?|årsskiftet|hösten|nästa år)",
    )
    .ok()
});

/// Whether an indicator's analys or kommentar says its outcome comes later ("Rapporteringen
/// av utfall för denna indikator startar i tertialrapport 2.", DOMAIN.md §3.3).
pub(crate) fn reporting_starts_later(report: &IndicatorReport) -> bool {
    STARTS_LATER
        .as_ref()
        .is_some_and(|re| re.is_match(&report.analysis) || re.is_match(&report.comment))
}

/// One finding on one node (goal, indicator or activity).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub node: NodeId,
    pub kind: FindingKind,
    /// Swedish, for the UI.
    pub message: String,
}

/// Whether goals are assessed and analysed in `period`: T1, T2 and VB.
pub(crate) fn is_goal_reporting_period(period: Period) -> bool {
    matches!(period, Period::Tertial(_) | Period::AnnualReport)
}

/// Whether a goal of `level` carries a bedömning line in `period`. In T1/T2 the
/// inriktningsmål has a prose verdict only (DOMAIN.md §2.3); in a VB every level has one.
pub(crate) fn expects_assessment(level: GoalLevel, period: Period) -> bool {
    match period {
        Period::AnnualReport => true,
        Period::Tertial(_) => level != GoalLevel::Direction,
        Period::Plan | Period::Month(_) => false,
    }
}

/// Whether `indicator` should have a value in `period`: tertial (and monthly) indicators in
/// T1/T2, every indicator in the VB.
pub(crate) fn is_due(indicator: &Indicator, period: Period) -> bool {
    match period {
        Period::Tertial(_) => matches!(
            indicator.periodicity,
            Periodicity::Tertial | Periodicity::Month
        ),
        Period::AnnualReport => true,
        Period::Plan | Period::Month(_) => false,
    }
}

/// The findings on one goal and what hangs on it, not its children.
pub fn check_goal(goal: &Goal, period: Period) -> Vec<Finding> {
    let mut findings = Vec::new();
    if !is_goal_reporting_period(period) {
        return findings;
    }
    let status = goal.status_in(period);
    let heading = goal.heading();

    if expects_assessment(goal.level, period) && status.assessment == Assessment::NotAssessed {
        findings.push(Finding {
            node: goal.id,
            kind: FindingKind::MissingAssessment,
            message: format!("«{heading}» saknar bedömning i {}", period.label()),
        });
    }
    if status.analysis.trim().is_empty() {
        findings.push(Finding {
            node: goal.id,
            kind: FindingKind::MissingAnalysis,
            message: format!("«{heading}» saknar analys i {}", period.label()),
        });
    }

    let mut evaluable = 0usize;
    let mut met = 0usize;
    let mut not_met = 0usize;
    for indicator in &goal.indicators {
        let evaluation = indicator_status(indicator, period);
        if evaluation.excluded {
            continue;
        }
        match evaluation.effective {
            IndicatorStatus::Met => met += 1,
            IndicatorStatus::NotMet => not_met += 1,
            IndicatorStatus::PartlyMet | IndicatorStatus::NoResult => {}
        }
        if evaluation.effective != IndicatorStatus::NoResult {
            evaluable += 1;
        }
        let report = indicator.report_in(period);
        if report.placement_uncertain() {
            // A guessed placement is a reason to look, not a missing value; a value typed
            // over every guess settles it.
            findings.push(Finding {
                node: indicator.id,
                kind: FindingKind::UncertainPlacement,
                message: format!(
                    "Indikatorn «{}»: värdenas kolumner i {} är en gissning vid inläsningen; kontrollera mot dokumentet",
                    indicator.name,
                    period.label()
                ),
            });
        } else if is_due(indicator, period)
            && report.outcome.is_empty()
            && !reporting_starts_later(&report)
        {
            // A marker ("Inget utfall", "Ny indikator") is an entered explanation, so only a
            // truly empty outcome counts as missing.
            findings.push(Finding {
                node: indicator.id,
                kind: FindingKind::MissingValue,
                message: format!(
                    "Indikatorn «{}» ska redovisas i {} men saknar utfall",
                    indicator.name,
                    period.label()
                ),
            });
        }
        // The direction only matters where the rules compute the status.
        let computed = matches!(evaluation.suggested, Suggestion::Status(_));
        let targets: Vec<_> = indicator
            .reports
            .values()
            .map(|r| (&r.annual_target, &r.council_target))
            .collect();
        // A direction a user set with `r` is settled, even when it is the default.
        if computed
            && evaluation.stated.is_none()
            && !indicator.direction_confirmed
            && is_fallback_direction(&indicator.name, indicator.direction, &targets)
        {
            findings.push(Finding {
                node: indicator.id,
                kind: FindingKind::AssumedDirection,
                message: format!(
                    "Indikatorn «{}»: riktningen är antagen (högre är bättre); ange den med r",
                    indicator.name
                ),
            });
        }
    }
    if status.assessment == Assessment::FullyMet && not_met * 2 > evaluable {
        findings.push(Finding {
            node: goal.id,
            kind: FindingKind::FullyMetWithUnmetIndicator,
            message: format!(
                "«{heading}» bedöms uppfyllas helt men {not_met} av {evaluable} indikatorer uppnås ej"
            ),
        });
    }
    if status.assessment == Assessment::NotMet && evaluable > 0 && met == evaluable {
        findings.push(Finding {
            node: goal.id,
            kind: FindingKind::FullyMetWithUnmetIndicator,
            message: format!(
                "«{heading}» bedöms inte uppfyllas men samtliga {evaluable} indikatorer uppnås"
            ),
        });
    }

    for activity in &goal.activities {
        let report = activity.report_in(period);
        if report.deviation && report.analysis.trim().is_empty() {
            findings.push(Finding {
                node: activity.id,
                kind: FindingKind::DeviationWithoutAnalysis,
                message: format!(
                    "Aktiviteten «{}» har avvikelse men saknar analys",
                    activity.title
                ),
            });
        }
    }
    findings
}

/// Every finding in the plan year for `period`, in document order.
pub fn check_plan(plan: &PlanYear, period: Period) -> Vec<Finding> {
    plan.goals_depth_first()
        .into_iter()
        .flat_map(|goal| check_goal(goal, period))
        .collect()
}

#[cfg(test)]
mod tests;
