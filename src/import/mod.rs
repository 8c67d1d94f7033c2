//! Readers for plans and reports (VP, T1/T2, VB) as text taken from their PDF or DOCX.
//!
//! [`import_report`] turns one document into a [`PlanYear`] holding that document's period:
//! [`lines`] cleans the text, [`detect`] finds council, year and kind, [`sections`] reads
//! the goal tree with the help of [`headings`], [`indicator_table`] and [`activity_table`].
//! Every uncertain placement is kept, flagged and reported as a warning with its line.
//! [`agenda2030`] reads the SDG numbers from a goal's Agenda 2030 subsection.
//! [`merge_into`] adds another period of the same council-year to an existing plan.

pub mod activity_table;
pub mod agenda2030;
pub mod detect;
pub mod docx;
pub mod economy;
pub mod economy_table;
pub mod headings;
pub mod indicator_table;
pub mod json_restore;
pub mod kolada;
pub mod lines;
mod merge;
pub mod sections;
pub mod values;

use crate::domain::{Council, DocKind, Goal, GoalLevel, NodeId, Period, PlanYear, SourceDocument};

pub use merge::{MergeConflict, MergePolicy, merge_into, merge_with_policy};

/// What the caller knows about a document; every `None` is detected from the text.
#[derive(Debug, Clone, Default)]
pub struct ImportHints {
    /// A council name or id ("Södermalm", "Södermalms stadsdelsnämnd").
    pub council: Option<String>,
    pub year: Option<u16>,
    pub kind: Option<DocKind>,
    /// File name of the source text, kept in `SourceDocument::source`.
    pub source_name: String,
}

/// A place where the importer was not sure, in Swedish, with its 1-based source line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportWarning {
    pub line: usize,
    pub message: String,
}

/// One imported document.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportReport {
    pub plan: PlanYear,
    pub kind: DocKind,
    pub warnings: Vec<ImportWarning>,
    /// Indicators whose direction no target marker and no name family settles: they were
    /// given higher-is-better and should be confirmed (DOMAIN.md §4).
    pub assumed_directions: Vec<ImportWarning>,
}

/// Why a document could not be imported at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("dokumentet är tomt")]
    Empty,
    #[error("kunde inte avgöra vilken stadsdelsnämnd dokumentet gäller: ange nämnd")]
    UnknownCouncil,
    #[error("kunde inte avgöra vilket år dokumentet gäller: ange år")]
    UnknownYear,
    #[error("kunde inte avgöra dokumenttyp (VP, T1, T2 eller VB): ange typ")]
    UnknownKind,
    #[error("inga mål hittades: dokumentet saknar rubriker som «KF:s inriktningsmål:»")]
    NoGoals,
}

/// How many of each thing a plan holds; `deviations` counts activities marked Avvikelse in
/// the given period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportCounts {
    pub direction_goals: usize,
    pub area_goals: usize,
    pub committee_goals: usize,
    pub indicators: usize,
    pub activities: usize,
    pub deviations: usize,
}

/// Counts goals per level, indicators, activities and Avvikelse marks in `period`.
pub fn counts(plan: &PlanYear, period: Period) -> ImportCounts {
    let mut counts = ImportCounts::default();
    for goal in plan.goals_depth_first() {
        match goal.level {
            GoalLevel::Direction => counts.direction_goals += 1,
            GoalLevel::Area => counts.area_goals += 1,
            GoalLevel::Committee => counts.committee_goals += 1,
        }
        counts.indicators += goal.indicators.len();
        counts.activities += goal.activities.len();
        counts.deviations += goal
            .activities
            .iter()
            .filter(|a| a.reports.get(&period).is_some_and(|r| r.deviation))
            .count();
    }
    counts
}

impl ImportReport {
    pub fn counts(&self) -> ImportCounts {
        counts(&self.plan, self.kind.period())
    }
}

/// Gives ids in document pre-order from `next`: the goal, its indicators, its activities,
/// then its children. Returns the next free id.
pub(crate) fn assign_ids(goals: &mut [Goal], mut next: NodeId) -> NodeId {
    for goal in goals {
        goal.id = next;
        next += 1;
        for indicator in &mut goal.indicators {
            indicator.id = next;
            next += 1;
        }
        for activity in &mut goal.activities {
            activity.id = next;
            next += 1;
        }
        next = assign_ids(&mut goal.children, next);
    }
    next
}

/// Sets every goal's `sdg_refs` from the Agenda 2030 blocks in its narrative (VP) and its
/// analyses (T1/T2/VB, where the KF-mål analyses carry such paragraphs).
fn fill_sdg_refs(goals: &mut [Goal]) {
    for goal in goals {
        let mut refs = agenda2030::sdg_refs(&goal.narrative);
        for status in goal.status.values() {
            refs.extend(agenda2030::sdg_refs(&status.analysis));
        }
        refs.sort_unstable();
        refs.dedup();
        goal.sdg_refs = refs;
        fill_sdg_refs(&mut goal.children);
    }
}

/// Imports one document. Never panics; what it could not place for certain is flagged on
/// the value (`ambiguous`) and listed in the warnings.
pub fn import_report(text: &str, hints: &ImportHints) -> Result<ImportReport, ImportError> {
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    // CRLF (Windows) and CR-only (old Mac) line ends read as LF, so detection and line
    // numbers see the same lines whatever the export wrote.
    let normalised;
    let text = if text.contains('\r') {
        normalised = text.replace("\r\n", "\n").replace('\r', "\n");
        normalised.as_str()
    } else {
        text
    };
    let kind = hints
        .kind
        .or_else(|| detect::detect_kind(text))
        .ok_or(ImportError::UnknownKind)?;
    let year = hints
        .year
        .or_else(|| detect::detect_year(text, kind))
        .ok_or(ImportError::UnknownYear)?;
    let council: Council = match &hints.council {
        Some(hint) => detect::council_from_hint(hint).ok_or(ImportError::UnknownCouncil)?,
        None => detect::detect_council(text).ok_or(ImportError::UnknownCouncil)?,
    };
    let lines = lines::clean(text);
    let parsed = sections::read_goal_tree(&lines, kind, Some(year));
    let mut goals = parsed.goals;
    if goals.is_empty() {
        return Err(ImportError::NoGoals);
    }
    fill_sdg_refs(&mut goals);
    assign_ids(&mut goals, 1);
    let economy = economy::read_economy(text, kind, year);
    let mut warnings = parsed.warnings;
    warnings.extend(economy.warnings);
    let plan = PlanYear {
        council,
        year,
        documents: vec![SourceDocument {
            kind,
            source: crate::domain::text::sanitize_line(&hints.source_name),
            summary: parsed.summary,
        }],
        goals,
        months: Vec::new(),
        economy: economy.economy,
    };
    Ok(ImportReport {
        plan,
        kind,
        warnings,
        assumed_directions: parsed.assumed_directions,
    })
}
