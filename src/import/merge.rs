//! Merging another period of the same council-year into a stored plan: goals are matched by
//! level and number (or, unnumbered, by normalised title), indicators and activities by
//! normalised name within their goal. Matched nodes gain the new period's entries; new nodes
//! are appended and take ids after the plan's largest.

use crate::domain::text::collapse_whitespace;
use crate::domain::{Goal, NodeId, PlanYear};

fn normalise(text: &str) -> String {
    collapse_whitespace(text).to_lowercase()
}

fn same_goal(a: &Goal, b: &Goal) -> bool {
    a.level == b.level
        && match (&a.number, &b.number) {
            (Some(x), Some(y)) => x == y,
            _ => normalise(&a.title) == normalise(&b.title),
        }
}

fn renumber(goal: &mut Goal, next: &mut NodeId) {
    goal.id = *next;
    *next += 1;
    for indicator in &mut goal.indicators {
        indicator.id = *next;
        *next += 1;
    }
    for activity in &mut goal.activities {
        activity.id = *next;
        *next += 1;
    }
    for child in &mut goal.children {
        renumber(child, next);
    }
}

fn merge_goal(existing: &mut Goal, imported: Goal, next: &mut NodeId) {
    existing.status.extend(imported.status);
    // A VP that leaves nämndmål unnumbered (VP19, VP22) matched its T1 by title; the T1's
    // number is the better key for the next merge.
    if existing.number.is_none() {
        existing.number = imported.number;
    }
    if existing.description.is_empty() {
        existing.description = imported.description;
    }
    if existing.expected_results.is_empty() {
        existing.expected_results = imported.expected_results;
        existing.expected_results_raw = imported.expected_results_raw;
    }
    for mut indicator in imported.indicators {
        let key = normalise(&indicator.name);
        match existing
            .indicators
            .iter_mut()
            .find(|i| normalise(&i.name) == key)
        {
            Some(found) => found.reports.extend(indicator.reports),
            None => {
                indicator.id = *next;
                *next += 1;
                existing.indicators.push(indicator);
            }
        }
    }
    for mut activity in imported.activities {
        let key = normalise(&activity.title);
        match existing
            .activities
            .iter_mut()
            .find(|a| normalise(&a.title) == key)
        {
            Some(found) => found.reports.extend(activity.reports),
            None => {
                activity.id = *next;
                *next += 1;
                existing.activities.push(activity);
            }
        }
    }
    merge_goals(&mut existing.children, imported.children, next);
}

fn merge_goals(existing: &mut Vec<Goal>, imported: Vec<Goal>, next: &mut NodeId) {
    for mut goal in imported {
        match existing.iter_mut().find(|g| same_goal(g, &goal)) {
            Some(found) => merge_goal(found, goal, next),
            None => {
                renumber(&mut goal, next);
                existing.push(goal);
            }
        }
    }
}

/// Adds `imported` (another period of the same council and year) to `existing`.
pub fn merge_into(existing: &mut PlanYear, imported: PlanYear) {
    let mut next = existing.max_id() + 1;
    merge_goals(&mut existing.goals, imported.goals, &mut next);
    existing.economy.merge_from(&imported.economy);
    // A re-imported document replaces its earlier version in place, so merging the same
    // document again leaves the plan exactly as it was.
    for document in imported.documents {
        match existing
            .documents
            .iter_mut()
            .find(|d| d.kind == document.kind)
        {
            Some(found) => *found = document,
            None => existing.documents.push(document),
        }
    }
}
