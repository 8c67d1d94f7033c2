//! *Granskning* (DESIGN.md §2): how far a council's report for one period has come — goals
//! assessed, analyses written, values entered, flags handled — so a controller and the
//! förvaltning see what is left. Each count uses the rule that raises the matching flag
//! ([`crate::domain::evaluate::consistency`]), so "3 av 5 bedömda" and the flags list never
//! disagree about what is missing. Pure: computed from a plan year, a period and its
//! *ej aktuell* marks.

use serde::Serialize;

use super::evaluate::consistency::{
    expects_assessment, is_due, is_goal_reporting_period, reporting_starts_later,
};
use super::flags::{Dismissals, Flag, FlagKind, Subject, flags_of_plan};
use super::{Assessment, Goal, Period, PlanYear};

/// `done` of `total`; a total of 0 means the period asks for none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Tally {
    pub done: usize,
    pub total: usize,
}

impl Tally {
    fn count(&mut self, done: bool) {
        self.total += 1;
        self.done += usize::from(done);
    }

    /// Whether everything asked for is done (also when nothing is asked for).
    pub fn is_complete(&self) -> bool {
        self.done == self.total
    }

    /// "3 av 5", or "–" when the period asks for none.
    pub fn text(&self) -> String {
        if self.total == 0 {
            "–".to_owned()
        } else {
            format!("{} av {}", self.done, self.total)
        }
    }
}

/// The progress of one council's report in one period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct ReviewProgress {
    /// Goals that carry a *bedömning* in the period, and how many have one.
    #[serde(rename = "bedomda_mal")]
    pub assessed: Tally,
    /// Goals (and activities with *Avvikelse*) that need an *analys*, and how many have one.
    #[serde(rename = "skrivna_analyser")]
    pub analysed: Tally,
    /// Indicators due in the period, and how many have an outcome (or say it comes later).
    #[serde(rename = "ifyllda_varden")]
    pub values: Tally,
    /// Flags of the period, and how many are handled: explained by an analys, or marked
    /// *ej aktuell*.
    #[serde(rename = "hanterade_flaggor")]
    pub flags: Tally,
    /// Of the handled flags, those marked *ej aktuell*.
    #[serde(rename = "ej_aktuella")]
    pub dismissed: usize,
}

impl ReviewProgress {
    /// Whether nothing is left to do.
    pub fn is_complete(&self) -> bool {
        [self.assessed, self.analysed, self.values, self.flags]
            .iter()
            .all(Tally::is_complete)
    }
}

/// The progress of `plan`'s report in `period`, with the flags' *ej aktuell* marks.
pub fn review_progress(plan: &PlanYear, period: Period, dismissals: &Dismissals) -> ReviewProgress {
    let mut progress = ReviewProgress::default();
    if !plan.periods().contains(&period) {
        return progress;
    }
    let goals = plan.goals_depth_first();
    if is_goal_reporting_period(period) {
        for goal in &goals {
            let status = goal.status_in(period);
            if expects_assessment(goal.level, period) {
                progress
                    .assessed
                    .count(status.assessment != Assessment::NotAssessed);
            }
            progress.analysed.count(!status.analysis.trim().is_empty());
            for activity in &goal.activities {
                let report = activity.report_in(period);
                if report.deviation {
                    progress.analysed.count(!report.analysis.trim().is_empty());
                }
            }
        }
    }
    for goal in &goals {
        for indicator in &goal.indicators {
            if is_due(indicator, period) {
                let report = indicator.report_in(period);
                progress
                    .values
                    .count(!report.outcome.is_empty() || reporting_starts_later(&report));
            }
        }
    }
    let mut flags = flags_of_plan(plan, period);
    dismissals.mark(&mut flags, period);
    for flag in &flags {
        let handled = !flag.is_open() || is_explained(flag, &goals, period);
        progress.flags.count(handled);
        progress.dismissed += usize::from(!flag.is_open());
    }
    progress
}

/// Whether an indicator's or activity's flag is explained by an analys in the period: its
/// own, or its goal's (where reports discuss their indicators). A finding (something
/// missing, a contradiction) is explained only by being fixed, when it disappears.
fn is_explained(flag: &Flag, goals: &[&Goal], period: Period) -> bool {
    let Some(goal) = goals.iter().find(|goal| goal.id == flag.goal.id) else {
        return false;
    };
    let goal_analysed = || !goal.status_in(period).analysis.trim().is_empty();
    match (flag.kind, flag.subject) {
        (FlagKind::NotMet | FlagKind::PartlyMet, Subject::Indicator) => {
            goal.indicators.iter().any(|indicator| {
                indicator.id == flag.node && !indicator.report_in(period).analysis.trim().is_empty()
            }) || goal_analysed()
        }
        (FlagKind::Deviation, Subject::Activity) => goal.activities.iter().any(|activity| {
            activity.id == flag.node && !activity.report_in(period).analysis.trim().is_empty()
        }),
        _ => false,
    }
}

#[cfg(test)]
mod tests;
