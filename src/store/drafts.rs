//! Drafts: editor text not yet saved as a [`Change`](super::Change), kept in the `drafts`
//! tree so a dropped SSH connection loses nothing typed (DESIGN.md §6). A draft is keyed by a
//! string the editor chooses (e.g. `sodermalm/2020/12/T1/analys`); the store does not read
//! it. Drafts are not stored data: they are not audited and not part of any plan year.

use serde::{Deserialize, Serialize};

use super::codec::Versioned;

/// One unsaved text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// What the text belongs to, as the editor named it.
    pub key: String,
    pub text: String,
    /// RFC 3339 time it was last written.
    pub saved_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) enum DraftRecord {
    V1(DraftV1),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct DraftV1 {
    pub text: String,
    pub saved_at: String,
}

impl Versioned for DraftRecord {
    const KIND: &'static str = "utkast";
    const KNOWN_VERSIONS: u32 = 1;
}
