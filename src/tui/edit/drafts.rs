//! Drafts of analys text: what the signal thread can reach, and which stored drafts to offer
//! back on start. The event loop writes a draft a second after typing stops; the signal
//! thread writes the latest text at once on SIGHUP/SIGTERM, from a [`LiveDraft`] the loop
//! keeps current after every burst of keys.

use std::sync::{Arc, Mutex};

use crate::store::Draft;

use super::target::EditTarget;

/// The analys being typed right now, as (draft key, text); `None` when nothing is unsaved.
#[derive(Debug, Clone, Default)]
pub struct LiveDraft(Arc<Mutex<Option<(String, String)>>>);

impl LiveDraft {
    /// Replaces the current text (or clears it).
    pub fn set(&self, draft: Option<(String, String)>) {
        // A poisoned lock only means another thread panicked mid-write; the value is whole.
        let mut slot = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        *slot = draft;
    }

    /// The current text, if any.
    pub fn get(&self) -> Option<(String, String)> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }
}

/// A stored draft that can be opened again: its target and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfferedDraft {
    pub target: EditTarget,
    pub text: String,
    pub saved_at: String,
}

/// The drafts whose keys this malkoll understands, oldest key order kept.
pub fn offerable(drafts: Vec<Draft>) -> Vec<OfferedDraft> {
    drafts
        .into_iter()
        .filter_map(|draft| {
            Some(OfferedDraft {
                target: EditTarget::from_draft_key(&draft.key)?,
                text: draft.text,
                saved_at: draft.saved_at,
            })
        })
        .collect()
}

/// The time part of an RFC 3339 stamp for messages: "2026-11-25T10:02:03Z" → "2026-11-25 10:02".
pub fn short_time(stamp: &str) -> String {
    let shown: String = stamp.chars().take(16).collect();
    shown.replace('T', " ")
}
