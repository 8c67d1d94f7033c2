//! The bedömning picker: *uppfylls helt / delvis / ej / ej bedömd* for a goal in a period,
//! and the [`Change`] a choice makes (the goal's analys is kept).

use crate::domain::{Assessment, Goal};
use crate::store::Change;

use super::picker::{Picker, PickerChoice, PickerOption};
use super::target::EditTarget;

/// The picker for `goal` in the target's period, its current bedömning selected.
pub fn assessment_picker(goal: &Goal, target: &EditTarget) -> Picker {
    let current = goal.status_in(target.period).assessment;
    let options = Assessment::ALL
        .into_iter()
        .map(|assessment| PickerOption {
            choice: PickerChoice::Assessment(assessment),
            symbol: assessment.symbol(),
            label: assessment.label().to_owned(),
            current: assessment == current,
        })
        .collect();
    Picker::new(
        format!("Bedömning {} · {}", target.period.label(), goal.heading()),
        options,
    )
}

/// The change that gives `goal` the bedömning `assessment` in the target's period.
pub fn assessment_change(goal: &Goal, target: &EditTarget, assessment: Assessment) -> Change {
    let mut status = goal.status_in(target.period);
    status.assessment = assessment;
    status.is_forecast = target.period.is_forecast();
    Change::SetGoalStatus {
        council: target.council.clone(),
        year: target.year,
        goal: goal.id,
        period: target.period,
        status,
    }
}
