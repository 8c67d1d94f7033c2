//! Evaluation rules: pure functions from stored values to statuses, counts, the Swedish
//! summary sentences of DOMAIN.md §7 and consistency findings. No I/O.
//!
//! * [`status`]: an indicator's computed status (*uppnås / delvis / ej / inget resultat*)
//!   against its *Årsmål*, and separately against a comparable *KF:s årsmål*.
//! * [`summary`]: counts per goal, per subtree and per council-period.
//! * [`sentences`]: Swedish numeral words and the document templates.
//! * [`consistency`]: what a reviewer should look at before a report is sent.

pub mod consistency;
pub mod sentences;
pub mod status;
pub mod summary;

pub use consistency::{Finding, FindingKind, check_goal, check_plan};
pub use sentences::{Gender, numeral};
pub use status::{Basis, Evaluation, Suggestion, council_target_status, indicator_status};
pub use summary::{ActivityCounts, AssessmentCounts, IndicatorCounts, Summary};

#[cfg(test)]
pub(crate) mod test_support;
