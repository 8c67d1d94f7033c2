//! Marking a flag *ej aktuell i denna period* (Granskning, DESIGN.md §2): the reason is typed
//! in the editor ([`EditorPurpose::Dismissal`]) and saved as one audited change; taking the
//! mark away is a change too, so both undo like any other.

use super::editor::{AnalysisEditor, EditorPurpose};
use super::target::{EditTarget, NodeRef};
use crate::domain::Period;
use crate::domain::flags::{Flag, FlagCode, Subject};
use crate::store::Change;

/// The node a flag is about, as an edit target in `council`, `year` and `period`.
pub fn flag_target(flag: &Flag, council: &str, year: u16, period: Period) -> EditTarget {
    let node = match flag.subject {
        Subject::Goal => NodeRef::Goal(flag.node),
        Subject::Indicator => NodeRef::Indicator(flag.node),
        Subject::Activity => NodeRef::Activity(flag.node),
    };
    EditTarget {
        council: council.to_owned(),
        year,
        period,
        node,
    }
}

/// The editor for the reason a flag is *ej aktuell*, starting from the reason it has.
pub fn reason_editor(flag: &Flag, target: EditTarget) -> AnalysisEditor {
    // A finding's name already says what it is ("Antagen riktning: «…»").
    let what = if flag.kind.is_finding() {
        flag.name.clone()
    } else {
        format!("{}: {}", flag.kind.label(), flag.name)
    };
    let title = format!("Ej aktuell i {}: skäl · {what}", target.period.label());
    let reason = flag.dismissed.clone().unwrap_or_default();
    AnalysisEditor::new(
        target,
        EditorPurpose::Dismissal(flag.code),
        title,
        &reason,
        &reason,
    )
}

/// Marks the flag `code` on `target` *ej aktuell* with `reason`, or (`None`) open again.
pub fn dismissal_change(target: &EditTarget, code: FlagCode, reason: Option<String>) -> Change {
    Change::SetFlagDismissal {
        council: target.council.clone(),
        year: target.year,
        period: target.period,
        node: target.node.id(),
        code,
        reason,
    }
}
