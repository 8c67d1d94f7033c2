//! The activity status menu: mark or clear *Avvikelse* and say whether the activity was
//! carried out. Avvikelse and completion are stored apart (DOMAIN.md §6); marking Avvikelse
//! first asks for its analys, which may not be empty.

use crate::domain::{Activity, ActivityReport, Completion};
use crate::store::Change;

use super::picker::{Picker, PickerChoice, PickerOption};
use super::target::EditTarget;

/// The menu for `activity` in the target's period.
pub fn activity_status_picker(activity: &Activity, target: &EditTarget) -> Picker {
    let report = activity.report_in(target.period);
    let deviation = if report.deviation {
        PickerOption {
            choice: PickerChoice::ClearDeviation,
            symbol: "✓",
            label: "Ta bort avvikelse".to_owned(),
            current: false,
        }
    } else {
        PickerOption {
            choice: PickerChoice::MarkDeviation,
            symbol: "⚠",
            label: "Markera avvikelse (med analys)".to_owned(),
            current: false,
        }
    };
    let completion = |completion: Completion, symbol: &'static str| PickerOption {
        choice: PickerChoice::Completion(completion),
        symbol,
        label: completion.label().to_owned(),
        current: report.completion == completion,
    };
    Picker::new(
        format!("Status {} · {}", target.period.label(), activity.title),
        vec![
            deviation,
            completion(Completion::Done, "●"),
            completion(Completion::NotDone, "○"),
            completion(Completion::Ongoing, "◐"),
        ],
    )
}

/// The change that stores `report` for the activity in the target's period.
pub fn activity_change(activity: &Activity, target: &EditTarget, report: ActivityReport) -> Change {
    Change::SetActivityReport {
        council: target.council.clone(),
        year: target.year,
        activity: activity.id,
        period: target.period,
        report,
    }
}

/// The report after a menu choice that needs no further input (`None` for
/// [`PickerChoice::MarkDeviation`], which first opens the analys editor).
pub fn report_after(
    activity: &Activity,
    target: &EditTarget,
    choice: PickerChoice,
) -> Option<ActivityReport> {
    let mut report = activity.report_in(target.period);
    match choice {
        PickerChoice::ClearDeviation => report.deviation = false,
        PickerChoice::Completion(completion) => report.completion = completion,
        PickerChoice::MarkDeviation | PickerChoice::Assessment(_) => return None,
    }
    Some(report)
}
