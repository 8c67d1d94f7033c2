//! Consistency checks: what a reviewer should look at before a report is sent. Each finding
//! names the node and says in Swedish what is wrong. Findings are hints, never corrections:
//! roll-up is judgement (DOMAIN.md §2.4), so nothing here changes a stored value.
//!
//! Only the effective indicator status against the *Årsmål* is used; *KF:s årsmål* never
//! raises a finding.

use crate::domain::{
    Assessment, Goal, GoalLevel, Indicator, IndicatorStatus, NodeId, Period, Periodicity, PlanYear,
};

use super::status::indicator_status;

/// What kind of inconsistency was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FindingKind {
    /// The goal is *Uppfylls helt* but one of its own indicators is *uppnås delvis/ej*.
    FullyMetWithUnmetIndicator,
    /// An activity is flagged *Avvikelse* without an *Analys*.
    DeviationWithoutAnalysis,
    /// A goal has no *bedömning* in a reporting period.
    MissingAssessment,
    /// A goal has no *Analys* in a reporting period.
    MissingAnalysis,
    /// An indicator due this period has no value entered.
    MissingValue,
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
fn is_goal_reporting_period(period: Period) -> bool {
    matches!(period, Period::Tertial(_) | Period::AnnualReport)
}

/// Whether a goal of `level` carries a bedömning line in `period`. In T1/T2 the
/// inriktningsmål has a prose verdict only (DOMAIN.md §2.3); in a VB every level has one.
fn expects_assessment(level: GoalLevel, period: Period) -> bool {
    match period {
        Period::AnnualReport => true,
        Period::Tertial(_) => level != GoalLevel::Direction,
        Period::Plan | Period::Month(_) => false,
    }
}

/// Whether `indicator` should have a value in `period`: tertial (and monthly) indicators in
/// T1/T2, every indicator in the VB.
fn is_due(indicator: &Indicator, period: Period) -> bool {
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

    for indicator in &goal.indicators {
        let evaluation = indicator_status(indicator, period);
        if evaluation.excluded {
            continue;
        }
        if status.assessment == Assessment::FullyMet
            && matches!(
                evaluation.effective,
                IndicatorStatus::PartlyMet | IndicatorStatus::NotMet
            )
        {
            findings.push(Finding {
                node: goal.id,
                kind: FindingKind::FullyMetWithUnmetIndicator,
                message: format!(
                    "«{heading}» bedöms uppfyllas helt men indikatorn «{}» {}",
                    indicator.name,
                    match evaluation.effective {
                        IndicatorStatus::PartlyMet => "uppnås delvis",
                        _ => "uppnås ej",
                    }
                ),
            });
        }
        let report = indicator.report_in(period);
        // A marker ("Inget utfall", "Ny indikator") is an entered explanation, so only a
        // truly empty outcome counts as missing.
        if is_due(indicator, period) && report.outcome.is_empty() {
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
