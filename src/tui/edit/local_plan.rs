//! Applies a saved [`Change`] to the plan year the app holds, so the screen shows what was
//! stored without reloading (a reload would rebuild the tree and lose its folds).

use crate::domain::PlanYear;
use crate::store::Change;

/// Updates `plan` as `change` updated the store; changes to another council-year, and
/// whole-plan replacements, are left alone.
pub fn apply_to_plan(plan: &mut PlanYear, change: &Change) {
    if plan.council.id != change.council() || plan.year != change.year() {
        return;
    }
    match change {
        Change::PutPlanYear(_) | Change::LinkSeries { .. } | Change::UnlinkSeries { .. } => {}
        // The same edit the store applied; it was checked there, so it cannot fail here.
        Change::Economy(edit) => {
            let _ = edit.apply_to(&mut plan.economy);
        }
        Change::AddMonth { month, .. } => {
            if !plan.months.contains(month) {
                plan.months.push(*month);
                plan.months.sort_unstable();
            }
        }
        Change::RemoveMonth { month, .. } => plan.months.retain(|m| m != month),
        Change::SetIndicatorValues { items, .. } => {
            for item in items {
                if item.council == plan.council.id
                    && item.year == plan.year
                    && let Some(indicator) = plan.indicator_mut(item.indicator)
                {
                    indicator.reports.insert(item.period, item.report.clone());
                }
            }
        }
        Change::SetGoalStatus {
            goal,
            period,
            status,
            ..
        } => {
            if let Some(goal) = plan.goal_mut(*goal) {
                goal.status.insert(*period, status.clone());
            }
        }
        Change::SetIndicatorReport {
            indicator,
            period,
            report,
            ..
        } => {
            if let Some(indicator) = plan.indicator_mut(*indicator) {
                indicator.reports.insert(*period, report.clone());
            }
        }
        Change::SetActivityReport {
            activity,
            period,
            report,
            ..
        } => {
            if let Some(activity) = plan.activity_mut(*activity) {
                activity.reports.insert(*period, report.clone());
            }
        }
        Change::SetIndicatorSettings {
            indicator,
            direction,
            tolerance,
            ..
        } => {
            if let Some(indicator) = plan.indicator_mut(*indicator) {
                indicator.direction = *direction;
                indicator.tolerance = *tolerance;
            }
        }
    }
}
