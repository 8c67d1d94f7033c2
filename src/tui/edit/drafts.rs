//! Drafts of unsaved edits — the analys editor's text and the value form's field texts: what
//! the signal thread can reach, how a form's texts are written into a draft, and which stored
//! drafts to offer back on start. The event loop writes a draft a second after typing stops;
//! the signal thread writes the latest one at once on SIGHUP/SIGTERM, from a [`LiveDraft`]
//! the loop keeps current after every burst of keys.
//!
//! The store keeps a draft as a key and a text and reads neither. The key names the node and
//! the kind ([`EditTarget::draft_key_for`]); an analys draft's text is the text as typed, and
//! a value draft's text is a [`ValuesDraft`] record (versioned JSON, see there).

use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

use crate::store::Draft;

use super::target::{DraftKind, EditTarget};

/// The edit being typed right now, as (draft key, text); `None` when nothing is unsaved.
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

/// The value form's field texts as typed (not yet checked: a half-typed "12," is kept as it
/// is), one per field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValuesDraft {
    pub outcome: String,
    pub outcome_men: String,
    pub outcome_women: String,
    pub forecast_full_year: String,
    pub annual_target: String,
}

/// How a [`ValuesDraft`] is written as a draft's text: JSON tagged with its version, e.g.
/// `{"version":"1","outcome":"12","outcome_men":"","outcome_women":"","forecast_full_year":
/// "14,5 %","annual_target":""}`. Fields are named, not positional, so a later form can add
/// or reorder fields; a later malkoll reads (and migrates) version 1, and this one leaves a
/// version it does not know alone rather than misreading it.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "version")]
enum ValuesDraftRecord {
    #[serde(rename = "1")]
    V1 {
        outcome: String,
        outcome_men: String,
        outcome_women: String,
        forecast_full_year: String,
        annual_target: String,
    },
}

impl ValuesDraft {
    /// The draft's text, as stored.
    pub fn encode(&self) -> String {
        let record = ValuesDraftRecord::V1 {
            outcome: self.outcome.clone(),
            outcome_men: self.outcome_men.clone(),
            outcome_women: self.outcome_women.clone(),
            forecast_full_year: self.forecast_full_year.clone(),
            annual_target: self.annual_target.clone(),
        };
        // Strings only: serialising cannot fail.
        serde_json::to_string(&record).unwrap_or_default()
    }

    /// Reads a text made by [`ValuesDraft::encode`]; `None` for a damaged or newer one.
    pub fn decode(text: &str) -> Option<ValuesDraft> {
        match serde_json::from_str::<ValuesDraftRecord>(text).ok()? {
            ValuesDraftRecord::V1 {
                outcome,
                outcome_men,
                outcome_women,
                forecast_full_year,
                annual_target,
            } => Some(ValuesDraft {
                outcome,
                outcome_men,
                outcome_women,
                forecast_full_year,
                annual_target,
            }),
        }
    }
}

/// A stored draft that can be opened again: its target, kind and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfferedDraft {
    pub target: EditTarget,
    pub kind: DraftKind,
    pub text: String,
    pub saved_at: String,
}

/// The drafts whose keys this malkoll understands, oldest key order kept.
pub fn offerable(drafts: Vec<Draft>) -> Vec<OfferedDraft> {
    drafts
        .into_iter()
        .filter_map(|draft| {
            let (target, kind) = EditTarget::from_draft_key(&draft.key)?;
            Some(OfferedDraft {
                target,
                kind,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_drafts_round_trip_and_a_newer_or_damaged_one_is_left_alone() {
        let draft = ValuesDraft {
            outcome: "12,5 %".into(),
            outcome_men: String::new(),
            outcome_women: "\"citat\" / snett".into(),
            forecast_full_year: "12,".into(),
            annual_target: "Max 10 personer".into(),
        };
        let text = draft.encode();
        assert!(text.starts_with("{\"version\":\"1\""), "{text}");
        assert_eq!(ValuesDraft::decode(&text), Some(draft));
        for other in [
            "{\"version\":\"2\",\"outcome\":\"1\"}",
            "{\"version\":\"1\",\"outcome\":",
            "En analys, inte ett formulär",
            "",
        ] {
            assert_eq!(ValuesDraft::decode(other), None, "{other}");
        }
    }

    #[test]
    fn an_analys_and_a_value_draft_are_both_offered() {
        let draft = |key: &str, text: &str| Draft {
            key: key.into(),
            text: text.into(),
            saved_at: "2026-11-25T10:02:03Z".into(),
        };
        let offered = offerable(vec![
            draft("sodermalm/2020/9/indikator/4/analys", "Text"),
            draft("sodermalm/2020/9/indikator/4/varden", "{}"),
            draft("sodermalm/2020/9/indikator/4/okant", "x"),
        ]);
        let kinds: Vec<DraftKind> = offered.iter().map(|d| d.kind).collect();
        assert_eq!(kinds, [DraftKind::Analysis, DraftKind::Values]);
    }
}
