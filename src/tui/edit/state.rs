//! The review part of the app state: what an open editor, form or picker is (the screen
//! holding it is on the screen stack), the row cursor of the detail pane, undo/redo, drafts
//! waiting to be offered back and whether the last save failed.

use std::collections::VecDeque;

use crate::domain::NodeId;

use super::drafts::OfferedDraft;
use super::editor::AnalysisEditor;
use super::form::Form;
use super::picker::Picker;
use super::target::{DraftKind, EditTarget};
use super::undo::UndoHistory;
use super::value_form;

/// Which form is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    /// Values and årsmål of an indicator in the period.
    IndicatorValues,
    /// Direction and tolerance of an indicator.
    IndicatorSettings,
}

/// An open form and what it is about.
#[derive(Debug, Clone)]
pub struct FormOverlay {
    pub target: EditTarget,
    pub kind: FormKind,
    pub form: Form,
    /// When the form holds a draft from an earlier session: the time that draft was written.
    pub restored_draft_at: Option<String>,
    /// A draft of it was written while it was open.
    pub draft_written: bool,
}

impl FormOverlay {
    pub fn new(target: EditTarget, kind: FormKind, form: Form) -> FormOverlay {
        FormOverlay {
            target,
            kind,
            form,
            restored_draft_at: None,
            draft_written: false,
        }
    }

    /// The key its draft is kept under: only the value form keeps one.
    fn draft_key(&self) -> Option<String> {
        (self.kind == FormKind::IndicatorValues)
            .then(|| self.target.draft_key_for(DraftKind::Values))
    }
}

/// An open picker and what it is about.
#[derive(Debug, Clone)]
pub struct PickerOverlay {
    pub target: EditTarget,
    pub picker: Picker,
}

/// What is open over the panes.
// At most one exists at a time; boxing the editor would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Overlay {
    Editor(AnalysisEditor),
    Form(FormOverlay),
    Picker(PickerOverlay),
}

impl Overlay {
    /// Whether it holds changes not yet saved.
    pub fn is_modified(&self) -> bool {
        match self {
            Overlay::Editor(editor) => editor.is_modified(),
            Overlay::Form(form) => form.form.is_modified(),
            Overlay::Picker(_) => false,
        }
    }

    /// The key a draft of it is kept under: the analys editor's and the value form's; the
    /// settings form and the pickers keep none (a choice is made again in a keystroke).
    pub fn draft_key(&self) -> Option<String> {
        match self {
            Overlay::Editor(editor) if editor.keeps_draft() => Some(editor.target.draft_key()),
            Overlay::Editor(_) => None,
            Overlay::Form(form) => form.draft_key(),
            Overlay::Picker(_) => None,
        }
    }

    /// Whether a draft of it may be stored, to be removed when it closes. The editor always
    /// asks the store; a form only when it was brought back from a draft or wrote one, so
    /// looking at a form and closing it costs no write (nor an error in a read-only store).
    pub fn may_have_draft(&self) -> bool {
        match self {
            Overlay::Editor(editor) => editor.keeps_draft(),
            Overlay::Form(form) => form.restored_draft_at.is_some() || form.draft_written,
            Overlay::Picker(_) => false,
        }
    }

    /// Notes that the draft under `key` was written, if it is this one's.
    pub fn draft_written(&mut self, key: &str) {
        if let Overlay::Form(form) = self
            && form.draft_key().as_deref() == Some(key)
        {
            form.draft_written = true;
        }
    }

    /// Its unsaved changes as a draft (key, text); `None` when there are none to keep.
    pub fn draft(&self) -> Option<(String, String)> {
        if !self.is_modified() {
            return None;
        }
        let text = match self {
            Overlay::Editor(editor) => editor.text(),
            Overlay::Form(form) => value_form::field_texts(&form.form).encode(),
            Overlay::Picker(_) => return None,
        };
        Some((self.draft_key()?, text))
    }
}

/// Review state kept in the app (the open editor itself is a screen on the stack,
/// [`crate::tui::screens::Screen::Editor`]).
#[derive(Debug, Clone, Default)]
pub struct ReviewState {
    /// The detail pane's row cursor: (goal it belongs to, row). Another goal means row 0.
    pub detail_row: Option<(NodeId, usize)>,
    /// The pane should scroll to show the row cursor after the next frame.
    pub follow_row: bool,
    pub history: UndoHistory,
    /// The last save failed: the top bar says "osparat" until one succeeds.
    pub save_failed: bool,
    /// Drafts from an earlier session still to be offered, one at a time.
    pub offered_drafts: VecDeque<OfferedDraft>,
    /// A draft to open once its plan year has loaded.
    pub pending_draft: Option<OfferedDraft>,
    /// Text (the editor's, or a form's field) changed since the loop last asked (a draft is
    /// due a moment later).
    pub text_edited: bool,
    /// The open editor's or value form's current text is stored as a draft.
    pub draft_stored: bool,
    /// The version of the plan year the open overlay was opened on (its save's base).
    pub read_at: Option<u64>,
}
