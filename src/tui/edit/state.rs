//! The review part of the app state: what an open editor, form or picker is (the screen
//! holding it is on the screen stack), the row cursor of the detail pane, undo/redo, drafts
//! waiting to be offered back and whether the last save failed.

use std::collections::VecDeque;

use crate::domain::NodeId;

use super::drafts::OfferedDraft;
use super::editor::AnalysisEditor;
use super::form::Form;
use super::picker::Picker;
use super::target::EditTarget;
use super::undo::UndoHistory;

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
    /// Text changed since the loop last asked (a draft is due a moment later).
    pub text_edited: bool,
    /// The editor's current text is stored as a draft.
    pub draft_stored: bool,
    /// The version of the plan year the open overlay was opened on (its save's base).
    pub read_at: Option<u64>,
}
