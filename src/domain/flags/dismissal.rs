//! Flags marked *ej aktuell i denna period* (DESIGN.md §2, Granskning): a controller says why
//! a flag does not apply this period — a yearly survey flagged in T1, say — and the flag is
//! listed as handled with that reason instead of as something left to do. Each mark is keyed
//! by period, node and [`FlagCode`], so when the situation changes (an indicator that was
//! *uppnås delvis* turns *uppnås ej*) the new flag is open again.

use serde::{Deserialize, Serialize};

use super::Flag;
use crate::domain::evaluate::FindingKind;
use crate::domain::{NodeId, Period};

/// What exactly a flag says, finer than [`super::FlagKind`]: a goal can lack both its
/// bedömning and its analys, and the two are marked separately.
// Stored by variant index (bincode): append new codes at the end, never reorder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum FlagCode {
    NotMet,
    PartlyMet,
    Deviation,
    Contradiction,
    MissingAssessment,
    MissingAnalysis,
    MissingValue,
    UncertainPlacement,
    AssumedDirection,
    DeviationWithoutAnalysis,
}

impl FlagCode {
    pub(crate) fn of_finding(kind: FindingKind) -> FlagCode {
        match kind {
            FindingKind::FullyMetWithUnmetIndicator => FlagCode::Contradiction,
            FindingKind::DeviationWithoutAnalysis => FlagCode::DeviationWithoutAnalysis,
            FindingKind::MissingAssessment => FlagCode::MissingAssessment,
            FindingKind::MissingAnalysis => FlagCode::MissingAnalysis,
            FindingKind::MissingValue => FlagCode::MissingValue,
            FindingKind::UncertainPlacement => FlagCode::UncertainPlacement,
            FindingKind::AssumedDirection => FlagCode::AssumedDirection,
        }
    }

    /// A stable machine name (JSON, CSV).
    pub fn code(self) -> &'static str {
        match self {
            FlagCode::NotMet => "uppnas-ej",
            FlagCode::PartlyMet => "uppnas-delvis",
            FlagCode::Deviation => "avvikelse",
            FlagCode::Contradiction => "motsagelse",
            FlagCode::MissingAssessment => "saknar-bedomning",
            FlagCode::MissingAnalysis => "saknar-analys",
            FlagCode::MissingValue => "saknar-utfall",
            FlagCode::UncertainPlacement => "osaker-placering",
            FlagCode::AssumedDirection => "antagen-riktning",
            FlagCode::DeviationWithoutAnalysis => "avvikelse-utan-analys",
        }
    }

    /// Swedish words for messages and the audit trail: "saknar analys".
    pub fn label(self) -> &'static str {
        match self {
            FlagCode::NotMet => "uppnås ej",
            FlagCode::PartlyMet => "uppnås delvis",
            FlagCode::Deviation => "avvikelse",
            FlagCode::Contradiction => "motsägelse",
            FlagCode::MissingAssessment => "saknar bedömning",
            FlagCode::MissingAnalysis => "saknar analys",
            FlagCode::MissingValue => "saknar utfall",
            FlagCode::UncertainPlacement => "osäker placering",
            FlagCode::AssumedDirection => "antagen riktning",
            FlagCode::DeviationWithoutAnalysis => "avvikelse utan analys",
        }
    }
}

/// "1 ej aktuell", "2 ej aktuella".
pub fn count_text(count: usize) -> String {
    match count {
        1 => "1 ej aktuell".to_owned(),
        n => format!("{n} ej aktuella"),
    }
}

/// One flag marked *ej aktuell*.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dismissal {
    pub period: Period,
    pub node: NodeId,
    pub code: FlagCode,
    /// Why the flag does not apply (never empty).
    pub reason: String,
}

/// The *ej aktuell* marks of one council-year, in the order they were made.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dismissals(Vec<Dismissal>);

impl Dismissals {
    /// The reason a flag was marked *ej aktuell*, if it was.
    pub fn reason(&self, period: Period, node: NodeId, code: FlagCode) -> Option<&str> {
        self.0
            .iter()
            .find(|d| d.period == period && d.node == node && d.code == code)
            .map(|d| d.reason.as_str())
    }

    /// Marks (`Some(reason)`) or unmarks (`None`) a flag; returns the reason it had before.
    pub fn set(
        &mut self,
        period: Period,
        node: NodeId,
        code: FlagCode,
        reason: Option<String>,
    ) -> Option<String> {
        let at = self
            .0
            .iter()
            .position(|d| d.period == period && d.node == node && d.code == code);
        let before = at.map(|i| self.0.remove(i).reason);
        if let Some(reason) = reason {
            self.0.push(Dismissal {
                period,
                node,
                code,
                reason,
            });
        }
        before
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Dismissal> {
        self.0.iter()
    }

    /// Notes on each of `flags` (of `period`) whether it was marked *ej aktuell*, and why.
    pub fn mark(&self, flags: &mut [Flag], period: Period) {
        for flag in flags {
            flag.dismissed = self.reason(period, flag.node, flag.code).map(str::to_owned);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mark_is_per_period_node_and_code() {
        let mut marks = Dismissals::default();
        let t1 = Period::Tertial(1);
        assert_eq!(
            marks.set(t1, 4, FlagCode::MissingValue, Some("Årlig enkät".into())),
            None
        );
        assert_eq!(
            marks.reason(t1, 4, FlagCode::MissingValue),
            Some("Årlig enkät")
        );
        assert_eq!(
            marks.reason(Period::Tertial(2), 4, FlagCode::MissingValue),
            None
        );
        assert_eq!(marks.reason(t1, 5, FlagCode::MissingValue), None);
        assert_eq!(marks.reason(t1, 4, FlagCode::NotMet), None);
        assert_eq!(
            marks.set(t1, 4, FlagCode::MissingValue, Some("Mäts i VB".into())),
            Some("Årlig enkät".into()),
            "a new reason replaces the old"
        );
        assert_eq!(marks.iter().count(), 1);
        assert_eq!(
            marks.set(t1, 4, FlagCode::MissingValue, None),
            Some("Mäts i VB".into())
        );
        assert!(marks.is_empty());
    }
}
