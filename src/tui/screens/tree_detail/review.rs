//! The app's review behaviour: opening editors on the selected goal, indicator or
//! activity, turning their saves into [`Effect::Apply`], taking the results back (undo/redo,
//! "sparat"), offering drafts from an earlier session, the detail pane's row cursor and the
//! jump to the next thing to fill in: the main screen's side of the review (the editors
//! themselves are [`crate::tui::screens::editor`]).

use crate::store::{AuditEntry, Change, Draft};
use crate::tui::action::Action;
use crate::tui::edit::activity_status::activity_status_picker;
use crate::tui::edit::analysis::{FoundNode, find, stored_analysis};
use crate::tui::edit::assessment_picker::assessment_picker;
use crate::tui::edit::drafts::{ValuesDraft, offerable, short_time};
use crate::tui::edit::next_todo::next_todo;
use crate::tui::edit::state::PickerOverlay;
use crate::tui::edit::{
    AnalysisEditor, DraftKind, EditTarget, EditorPurpose, FormKind, FormOverlay, NodeRef, Overlay,
    SaveKind, settings_form, value_form,
};

use super::Focus;
use crate::tui::app::{App, Effect, GoTo, Spot};
use crate::tui::screens::Screen;

/// What the top bar says about saving.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveState {
    /// Everything shown is stored and flushed.
    Saved,
    /// An editor holds changes, or the last save failed.
    Unsaved,
    /// An editor holds changes that are kept as a draft (not yet a saved change).
    Drafted,
}

impl SaveState {
    pub fn label(self) -> &'static str {
        match self {
            SaveState::Saved => "✓ sparat",
            SaveState::Unsaved => "● osparat",
            SaveState::Drafted => "● osparat · utkast finns",
        }
    }
}

impl App {
    // ---- read access for the views and the event loop ----

    /// The open editor, form or picker.
    pub fn overlay(&self) -> Option<&Overlay> {
        self.screens.overlay()
    }

    pub fn save_state(&self) -> SaveState {
        let modified = self.screens.overlay().is_some_and(Overlay::is_modified);
        if self.review.save_failed {
            SaveState::Unsaved
        } else if modified && self.review.draft_stored {
            SaveState::Drafted
        } else if modified {
            SaveState::Unsaved
        } else {
            SaveState::Saved
        }
    }

    /// The detail pane's cursor row for the selected goal (0 is the goal itself).
    pub fn detail_row(&self) -> usize {
        match (self.review.detail_row, self.tree.selected_node()) {
            (Some((goal, row)), Some(node)) if node.id == goal => row,
            _ => 0,
        }
    }

    /// The node the detail cursor is on: the goal, one of its indicators or activities.
    pub fn selected_node(&self) -> Option<NodeRef> {
        let (_, goal) = self.selected_goal()?;
        Some(NodeRef::at_detail_row(goal, self.detail_row()))
    }

    /// Whether text changed since the last call; the loop then schedules a draft.
    pub fn take_text_edited(&mut self) -> bool {
        let edited = std::mem::take(&mut self.review.text_edited);
        if edited {
            self.review.draft_stored = false;
        }
        edited
    }

    /// The draft `(key, text)` was written; if it is still the editor's text, say so.
    pub(in crate::tui) fn draft_stored(&mut self, key: &str, text: &str) {
        self.review.draft_stored = self
            .live_draft()
            .is_some_and(|(live_key, live_text)| live_key == key && live_text == text);
        if let Some(overlay) = self.screens.overlay_mut() {
            overlay.draft_written(key);
        }
    }

    /// The analys or the value form's fields being typed and not yet saved, as (draft key,
    /// text).
    pub fn live_draft(&self) -> Option<(String, String)> {
        self.screens.overlay().and_then(Overlay::draft)
    }

    // ---- results of effects ----

    /// Takes the result of an [`Effect::Apply`]: `Ok` with the audit entry and the store's
    /// description of the change, or a Swedish error.
    pub(in crate::tui) fn change_applied(
        &mut self,
        change: &Change,
        kind: SaveKind,
        result: Result<(AuditEntry, String), String>,
    ) -> Vec<Effect> {
        match result {
            Ok((entry, description)) => {
                // The view is refreshed from the store (folds and selection kept), never
                // patched by a second interpreter of the change.
                let mut effects = match self.plan.as_ref() {
                    Some(plan)
                        if plan.council.id == change.council() && plan.year == change.year() =>
                    {
                        vec![Effect::LoadPlan {
                            council: plan.council.id.clone(),
                            year: plan.year,
                        }]
                    }
                    _ => Vec::new(),
                };
                // A goal's analys is stored with its bedömning, so the store's description
                // of the change says "Bedömning"; name the analys when that is what was saved.
                let from_editor = matches!(self.screens.overlay(), Some(Overlay::Editor(editor))
                    if editor.keeps_draft());
                self.message = Some(match &kind {
                    SaveKind::Edit if from_editor => format!("Sparat: analysen ({description})"),
                    SaveKind::Edit => format!("Sparat: {description}"),
                    SaveKind::Undo(_) => format!("Ångrade: {description}"),
                    SaveKind::Redo(_) => format!("Gjorde om: {description}"),
                });
                let closes_overlay = kind == SaveKind::Edit;
                self.review.history.applied(kind, entry);
                self.review.save_failed = false;
                if closes_overlay {
                    effects.extend(self.close_overlay(true));
                }
                effects
            }
            Err(error) => {
                self.review.history.failed(kind);
                self.review.save_failed = true;
                self.screens.close(|s| matches!(s, Screen::Confirm));
                self.message = Some(format!("Kunde inte spara: {error}"));
                Vec::new()
            }
        }
    }

    /// Drafts found in the store on start: each is opened in place, in turn, for the user
    /// to save or discard. Returns the effects that load the first one's plan year.
    pub(in crate::tui) fn offer_drafts(&mut self, drafts: Vec<Draft>) -> Vec<Effect> {
        self.review.offered_drafts = offerable(drafts).into();
        self.open_next_draft()
    }

    pub(in crate::tui) fn open_next_draft(&mut self) -> Vec<Effect> {
        let Some(draft) = self.review.offered_drafts.pop_front() else {
            return Vec::new();
        };
        let target = draft.target.clone();
        if !self
            .councils
            .iter()
            .any(|c| c.council.id == target.council && c.years.contains(&target.year))
        {
            self.message = Some(format!(
                "Ett utkast gäller {} {}, som inte finns längre",
                target.council, target.year
            ));
            return self.open_next_draft();
        }
        self.review.pending_draft = Some(draft);
        self.screens.close(|s| matches!(s, Screen::Help(_)));
        let effects = self.go_to(GoTo {
            council: target.council,
            year: target.year,
            period: Some(target.period),
            spot: Spot::Node(target.node.id()),
            announce: None,
        });
        // Already there: the editor opens now, else when the plan has loaded.
        if effects.is_empty() {
            self.open_pending_draft();
        }
        effects
    }

    /// Opens the draft waiting for this plan year, if any (called when a plan has loaded).
    pub(in crate::tui) fn open_pending_draft(&mut self) {
        let Some(draft) = self.review.pending_draft.take() else {
            return;
        };
        let target = draft.target.clone();
        let Some(plan) = self.plan.as_ref() else {
            self.review.pending_draft = Some(draft);
            return;
        };
        if plan.council.id != target.council || plan.year != target.year {
            self.review.pending_draft = Some(draft);
            return;
        }
        let Some(found) = find(plan, target.node) else {
            self.message = Some("Ett utkast gäller något som inte finns längre".to_owned());
            return;
        };
        // The GoTo that brought us here selected the node and set the period.
        let overlay = match draft.kind {
            DraftKind::Analysis => {
                let saved = stored_analysis(found, &target);
                let title = editor_title(found, &target);
                let mut editor = AnalysisEditor::new(
                    target,
                    EditorPurpose::Analysis,
                    title,
                    &saved,
                    &draft.text,
                );
                editor.restored_draft_at = Some(draft.saved_at.clone());
                Overlay::Editor(editor)
            }
            DraftKind::Values => {
                let FoundNode::Indicator(_, indicator) = found else {
                    self.message = Some("Ett utkast gäller något som inte finns längre".into());
                    return;
                };
                let Some(texts) = ValuesDraft::decode(&draft.text) else {
                    // Kept for a malkoll that can read it; nothing here is lost by waiting.
                    self.message =
                        Some("Ett utkast av värden kunde inte läsas och lämnas orört".into());
                    return;
                };
                let mut form = value_form::value_form(indicator, &target);
                value_form::restore_texts(&mut form, &texts);
                let mut overlay = FormOverlay::new(target, FormKind::IndicatorValues, form);
                overlay.restored_draft_at = Some(draft.saved_at.clone());
                Overlay::Form(overlay)
            }
        };
        self.show_overlay(overlay);
        self.review.draft_stored = true;
        self.screens.close(|s| matches!(s, Screen::Confirm));
        self.message = Some(format!(
            "Utkast från {} återställt: spara det, eller kasta eller behåll det när du stänger",
            short_time(&draft.saved_at)
        ));
    }

    /// Shows `overlay` in place of the open one, else on top. A new one remembers the
    /// version of the plan year it was opened on: its save is checked against that, so a
    /// change someone else makes meanwhile is a conflict, even after the view reloads.
    pub(in crate::tui) fn show_overlay(&mut self, overlay: Overlay) {
        if self.screens.overlay().is_none() {
            self.review.read_at = self.plan_version;
        }
        self.screens.set_overlay(overlay);
    }

    /// The effect that saves `change`, made in the open (or just closed) overlay.
    pub(in crate::tui) fn save_effect(&self, change: Change) -> Effect {
        Effect::Apply {
            change,
            kind: SaveKind::Edit,
            base: self.review.read_at,
        }
    }

    // ---- actions ----

    /// Handles the review's actions on the main screen (moving the detail's row cursor,
    /// opening editors, undo, "next to fill in"); `None` leaves the action to the browsing
    /// code.
    pub(in crate::tui) fn review_update(&mut self, action: Action) -> Option<Vec<Effect>> {
        let effects = match action {
            Action::NextItem => self.move_detail_row(1),
            Action::PrevItem => self.move_detail_row(-1),
            Action::EditAnalysis => self.open_analysis_editor(),
            Action::SetAssessment => self.open_assessment_picker(),
            Action::EditValues => self.open_indicator_form(FormKind::IndicatorValues),
            Action::EditSettings => self.open_indicator_form(FormKind::IndicatorSettings),
            Action::ActivityStatus => self.open_activity_status(),
            Action::UndoChange => self.apply_from_history(true),
            Action::RedoChange => self.apply_from_history(false),
            Action::NextTodo => self.jump_to_next_todo(),
            _ => return None,
        };
        Some(effects)
    }

    // ---- opening editors ----

    /// The target for `node` in the chosen council, year and period.
    pub(in crate::tui) fn target_for(&self, node: NodeRef) -> Option<EditTarget> {
        let plan = self.plan.as_ref()?;
        Some(EditTarget {
            council: plan.council.id.clone(),
            year: plan.year,
            period: self.period,
            node,
        })
    }

    pub(in crate::tui) fn found(&self, target: &EditTarget) -> Option<FoundNode<'_>> {
        let plan = self.plan.as_ref()?;
        if plan.council.id != target.council || plan.year != target.year {
            return None;
        }
        find(plan, target.node)
    }

    pub(in crate::tui) fn node_gone(&mut self) -> Vec<Effect> {
        self.message = Some("Det som redigerades finns inte längre i planen".to_owned());
        Vec::new()
    }

    fn move_detail_row(&mut self, delta: isize) -> Vec<Effect> {
        if let Some((_, goal)) = self.selected_goal() {
            let last = goal.indicators.len() + goal.activities.len();
            let current = self.detail_row();
            let row = current.saturating_add_signed(delta).min(last);
            if row == current {
                // No row further that way: the arrow scrolls, so the text past the last row
                // (all of it, for a goal without indicators) can be read, instead of the
                // pane jumping back to the row.
                self.screens.main.detail.scroll_by(delta.signum());
                return Vec::new();
            }
            self.review.detail_row = Some((goal.id, row));
            self.review.follow_row = true;
        }
        Vec::new()
    }

    fn open_analysis_editor(&mut self) -> Vec<Effect> {
        let Some(target) = self.selected_node().and_then(|node| self.target_for(node)) else {
            return Vec::new();
        };
        let Some(found) = self.found(&target) else {
            return Vec::new();
        };
        let saved = stored_analysis(found, &target);
        // An activity with Avvikelse must keep an analys: the editor will not save it empty.
        let purpose = match found {
            FoundNode::Activity(_, activity) if activity.report_in(target.period).deviation => {
                EditorPurpose::DeviationAnalysis
            }
            _ => EditorPurpose::Analysis,
        };
        let title = editor_title(found, &target);
        self.show_overlay(Overlay::Editor(AnalysisEditor::new(
            target, purpose, title, &saved, &saved,
        )));
        Vec::new()
    }

    fn open_assessment_picker(&mut self) -> Vec<Effect> {
        let Some((node, _)) = self.selected_goal() else {
            return Vec::new();
        };
        let Some(target) = self.target_for(NodeRef::Goal(node.id)) else {
            return Vec::new();
        };
        if let Some(FoundNode::Goal(goal)) = self.found(&target) {
            let picker = assessment_picker(goal, &target);
            self.show_overlay(Overlay::Picker(PickerOverlay { target, picker }));
        }
        Vec::new()
    }

    fn open_indicator_form(&mut self, kind: FormKind) -> Vec<Effect> {
        let Some(target) = self.selected_node().and_then(|node| self.target_for(node)) else {
            return Vec::new();
        };
        let Some(FoundNode::Indicator(_, indicator)) = self.found(&target) else {
            self.message = Some(
                "Välj en indikator först: gå till detaljerna och flytta markören till den".into(),
            );
            return Vec::new();
        };
        let form = match kind {
            FormKind::IndicatorValues => value_form::value_form(indicator, &target),
            FormKind::IndicatorSettings => settings_form::settings_form(indicator),
        };
        self.show_overlay(Overlay::Form(FormOverlay::new(target, kind, form)));
        Vec::new()
    }

    fn open_activity_status(&mut self) -> Vec<Effect> {
        let Some(target) = self.selected_node().and_then(|node| self.target_for(node)) else {
            return Vec::new();
        };
        let Some(FoundNode::Activity(_, activity)) = self.found(&target) else {
            self.message = Some(
                "Välj en aktivitet först: gå till detaljerna och flytta markören till den".into(),
            );
            return Vec::new();
        };
        let picker = activity_status_picker(activity, &target);
        self.show_overlay(Overlay::Picker(PickerOverlay { target, picker }));
        Vec::new()
    }

    fn apply_from_history(&mut self, undo: bool) -> Vec<Effect> {
        let taken = if undo {
            self.review.history.take_undo()
        } else {
            self.review.history.take_redo()
        };
        match taken {
            Ok((change, kind)) => vec![Effect::Apply {
                change,
                kind,
                base: None,
            }],
            Err(message) => {
                self.message = Some(message);
                Vec::new()
            }
        }
    }

    fn jump_to_next_todo(&mut self) -> Vec<Effect> {
        let Some(plan) = self.plan.as_ref() else {
            return Vec::new();
        };
        let Some(todo) = next_todo(plan, self.period, self.selected_node()) else {
            self.message = Some(format!(
                "Inget kvar att fylla i för {}",
                self.period.label()
            ));
            return Vec::new();
        };
        let goto = GoTo {
            council: plan.council.id.clone(),
            year: plan.year,
            period: None,
            spot: Spot::Node(todo.node.id()),
            announce: Some(todo.message),
        };
        let effects = self.go_to(goto);
        // What is missing is entered from the detail pane, a goal's too.
        self.screens.main.focus = Focus::Detail;
        effects
    }
}

pub(in crate::tui) fn editor_title(found: FoundNode<'_>, target: &EditTarget) -> String {
    format!("Analys {} · {}", target.period.label(), found.name())
}
