//! Merging another period of the same council-year into a stored plan: goals are matched by
//! level and number (or, unnumbered, by normalised title), indicators and activities by
//! normalised name within their goal. Matched nodes gain the new period's entries; new nodes
//! are appended and take ids after the plan's largest.
//!
//! A period the stored plan already has for a node, with other contents than the document
//! gives, is a *conflict*: the stored entry may hold what a user typed (a value, an analys).
//! [`merge_with_policy`] keeps it unless told to overwrite, and lists every such conflict.

use std::collections::BTreeMap;

use crate::domain::text::collapse_whitespace;
use crate::domain::{Goal, IndicatorReport, NodeId, Period, PlanYear};

/// What to do where the stored plan and the document disagree about a node's period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MergePolicy {
    /// Keep the stored entry (*behåll*): the default, as it may hold user-entered text.
    #[default]
    KeepStored,
    /// The document's entry replaces the stored one (`--overwrite`).
    Overwrite,
}

/// One period of one node where the stored plan and the document disagree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeConflict {
    /// "målet 1.2", "indikatorn «Andel …»", "aktiviteten «…»".
    pub node: String,
    /// The node's name or title as the document writes it, to find its line.
    pub name: String,
    pub period: Period,
    /// Whether the stored entry was kept.
    pub kept: bool,
}

impl std::fmt::Display for MergeConflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = if self.kept {
            "det sparade behölls (ange --overwrite för att ersätta det)"
        } else {
            "dokumentets ersatte det sparade (--overwrite)"
        };
        write!(
            f,
            "{} {}: dokumentet skiljer sig från det sparade; {what}",
            self.node,
            self.period.label()
        )
    }
}

/// Merges `incoming` into `stored` by `policy`, noting each period where both differ.
fn merge_periods<T: PartialEq>(
    stored: &mut BTreeMap<Period, T>,
    incoming: BTreeMap<Period, T>,
    policy: MergePolicy,
    describe: &dyn Fn(Period) -> MergeConflict,
    conflicts: &mut Vec<MergeConflict>,
) {
    for (period, entry) in incoming {
        match stored.get_mut(&period) {
            Some(existing) if *existing == entry => {}
            Some(existing) => {
                let mut conflict = describe(period);
                conflict.kept = policy == MergePolicy::KeepStored;
                conflicts.push(conflict);
                if policy == MergePolicy::Overwrite {
                    *existing = entry;
                }
            }
            None => {
                stored.insert(period, entry);
            }
        }
    }
}

/// The same values read again: the document's read cells and placement marks replace the
/// stored ones, which may predate them (records written before the importer kept its read
/// cells), so re-reading an unchanged document is no conflict. Different values are left
/// to the merge policy.
fn adopt_provenance(
    stored: &mut BTreeMap<Period, IndicatorReport>,
    incoming: &BTreeMap<Period, IndicatorReport>,
) {
    let values = |report: &IndicatorReport| IndicatorReport {
        read_cells: Vec::new(),
        ambiguous: false,
        ..report.clone()
    };
    for (period, report) in incoming {
        if let Some(existing) = stored.get_mut(period)
            && *existing != *report
            && values(existing) == values(report)
        {
            existing.read_cells = report.read_cells.clone();
            existing.ambiguous = report.ambiguous;
        }
    }
}

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

fn merge_goal(
    existing: &mut Goal,
    imported: Goal,
    next: &mut NodeId,
    policy: MergePolicy,
    conflicts: &mut Vec<MergeConflict>,
) {
    let goal_label = match &existing.number {
        Some(number) => format!("målet {number}"),
        None => format!("målet «{}»", existing.title),
    };
    let goal_title = imported.title.clone();
    merge_periods(
        &mut existing.status,
        imported.status,
        policy,
        &|period| MergeConflict {
            node: goal_label.clone(),
            name: goal_title.clone(),
            period,
            kept: true,
        },
        conflicts,
    );
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
            Some(found) => {
                let label = format!("indikatorn «{}»", found.name);
                let name = indicator.name.clone();
                adopt_provenance(&mut found.reports, &indicator.reports);
                merge_periods(
                    &mut found.reports,
                    indicator.reports,
                    policy,
                    &|period| MergeConflict {
                        node: label.clone(),
                        name: name.clone(),
                        period,
                        kept: true,
                    },
                    conflicts,
                );
            }
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
            Some(found) => {
                let label = format!("aktiviteten «{}»", found.title);
                let name = activity.title.clone();
                merge_periods(
                    &mut found.reports,
                    activity.reports,
                    policy,
                    &|period| MergeConflict {
                        node: label.clone(),
                        name: name.clone(),
                        period,
                        kept: true,
                    },
                    conflicts,
                );
            }
            None => {
                activity.id = *next;
                *next += 1;
                existing.activities.push(activity);
            }
        }
    }
    merge_goals(
        &mut existing.children,
        imported.children,
        next,
        policy,
        conflicts,
    );
}

fn merge_goals(
    existing: &mut Vec<Goal>,
    imported: Vec<Goal>,
    next: &mut NodeId,
    policy: MergePolicy,
    conflicts: &mut Vec<MergeConflict>,
) {
    for mut goal in imported {
        match existing.iter_mut().find(|g| same_goal(g, &goal)) {
            Some(found) => merge_goal(found, goal, next, policy, conflicts),
            None => {
                renumber(&mut goal, next);
                existing.push(goal);
            }
        }
    }
}

/// Adds `imported` (another period of the same council and year) to `existing`; where both
/// have a node's period and they differ, the document's entry wins
/// (as [`merge_with_policy`] with [`MergePolicy::Overwrite`]).
pub fn merge_into(existing: &mut PlanYear, imported: PlanYear) {
    merge_with_policy(existing, imported, MergePolicy::Overwrite);
}

/// Adds `imported` to `existing` by `policy`; returns every period where both had an entry
/// and they differed, in document order.
pub fn merge_with_policy(
    existing: &mut PlanYear,
    imported: PlanYear,
    policy: MergePolicy,
) -> Vec<MergeConflict> {
    let mut conflicts = Vec::new();
    let mut next = existing.max_id() + 1;
    merge_goals(
        &mut existing.goals,
        imported.goals,
        &mut next,
        policy,
        &mut conflicts,
    );
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
    conflicts
}
