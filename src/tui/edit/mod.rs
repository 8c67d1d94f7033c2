//! Monthly review: the editors a controller fills a period's report with — the analys editor,
//! the value and settings forms, the bedömning and activity-status pickers — and what
//! surrounds them: which node an edit is about ([`EditTarget`]), drafts of unsaved edits,
//! undo/redo of saved changes and the jump to the next thing to fill in.
//!
//! Everything here is pure state: an editor turns actions into a step (`Save`, `Cancel`, …)
//! and the app turns a save into an `Effect::Apply` of a [`Change`](crate::store::Change).

pub mod activity_status;
pub mod analysis;
pub mod assessment_picker;
pub mod dismissal;
pub mod drafts;
pub mod editor;
pub mod form;
pub mod line_input;
pub mod merge;
pub mod next_todo;
pub mod picker;
pub mod settings_form;
pub mod state;
pub mod target;
pub mod undo;
pub mod value_form;

pub use editor::{AnalysisEditor, EditorPurpose, EditorStep};
pub use form::{Form, FormStep};
pub use picker::{Picker, PickerChoice, PickerStep};
pub use state::{FormKind, FormOverlay, Overlay, ReviewState};
pub use target::{DraftKind, EditTarget, NodeRef};
pub use undo::{SaveKind, UndoHistory};
