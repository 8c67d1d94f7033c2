//! Identities shared by the domain types, kept apart so the types need not import each
//! other for them: a node's id within a plan year, a council's id, and who set an indicator
//! or activity.

use serde::{Deserialize, Serialize};

/// Identity of a goal, indicator or activity within one plan year. Assigned in document
/// order (pre-order), so ordering by id is the order of the document.
pub type NodeId = u32;

/// A council's stable identifier: a lower-case ASCII slug, "sodermalm".
pub type CouncilId = String;

/// Who set the indicator or activity: the City Council (*KF*) or the district council.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Origin {
    /// *KF-indikator / KF-aktivitet*.
    CityCouncil,
    /// *Nämndindikator / nämndaktivitet*.
    Committee,
}

impl Origin {
    pub fn label(self) -> &'static str {
        match self {
            Origin::CityCouncil => "KF",
            Origin::Committee => "Nämnd",
        }
    }
}
