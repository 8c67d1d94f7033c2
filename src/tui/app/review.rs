//! The app's review behaviour: opening editors on the selected goal, indicator or
//! activity, turning their saves into [`Effect::Apply`], taking the results back (undo/redo,
//! "sparat"), offering drafts from an earlier session, the detail pane's row cursor and the
//! jump to the next thing to fill in. A child module of `app`, so it works on the same state.

use crate::store::{AuditEntry, Change, Draft};
use crate::tui::action::Action;
use crate::tui::edit::activity_status::{activity_change, activity_status_picker, report_after};
use crate::tui::edit::analysis::{FoundNode, analysis_change, find, stored_analysis};
use crate::tui::edit::assessment_picker::{assessment_change, assessment_picker};
use crate::tui::edit::drafts::{offerable, short_time};
use crate::tui::edit::next_todo::next_todo;
use crate::tui::edit::state::PickerOverlay;
use crate::tui::edit::{
    AnalysisEditor, EditTarget, EditorPurpose, EditorStep, FormKind, FormOverlay, FormStep,
    NodeRef, Overlay, PickerChoice, PickerStep, SaveKind, settings_form, value_form,
};
use crate::tui::keymap::Context;

use super::{App, Effect, Focus, GoTo, Spot, Viewport};

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
        self.review.overlay.as_ref()
    }

    /// Whether the "spara / kasta / behåll?" question is showing.
    pub fn asking_before_close(&self) -> bool {
        self.review.asking_before_close
    }

    /// The question shown before storing an unlikely value ("120 % … Spara ändå?").
    pub fn store_question(&self) -> Option<&str> {
        self.review
            .confirm_store
            .as_ref()
            .map(|(_, question)| question.as_str())
    }

    pub fn save_state(&self) -> SaveState {
        let modified = self
            .review
            .overlay
            .as_ref()
            .is_some_and(Overlay::is_modified);
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
    pub(super) fn draft_stored(&mut self, key: &str, text: &str) {
        self.review.draft_stored = self
            .live_draft()
            .is_some_and(|(live_key, live_text)| live_key == key && live_text == text);
    }

    /// The analys being typed and not yet saved, as (draft key, text).
    pub fn live_draft(&self) -> Option<(String, String)> {
        match &self.review.overlay {
            Some(Overlay::Editor(editor)) if editor.is_modified() => {
                Some((editor.target.draft_key(), editor.text()))
            }
            _ => None,
        }
    }

    // ---- input that is text, not an action ----

    /// A typed character that no binding claims, in a text context.
    pub(super) fn type_char(&mut self, c: char) -> Vec<Effect> {
        self.message = None;
        if self.review.asking_before_close || self.help_scroll.is_some() {
            return Vec::new();
        }
        match self.review.overlay.as_mut() {
            Some(Overlay::Editor(editor)) => {
                if editor.type_char(c) == EditorStep::Edited {
                    self.review.text_edited = true;
                }
                Vec::new()
            }
            Some(Overlay::Form(form)) => {
                form.form.type_text(&c.to_string());
                Vec::new()
            }
            Some(Overlay::Picker(picker)) => {
                let step = picker.picker.type_char(c);
                self.picker_step(step)
            }
            None => Vec::new(),
        }
    }

    /// A bracketed paste: inserted into the open editor or field, never submitted.
    pub(super) fn paste(&mut self, text: &str) {
        if self.review.asking_before_close || self.help_scroll.is_some() {
            return;
        }
        match self.review.overlay.as_mut() {
            Some(Overlay::Editor(editor)) => {
                let edited = editor.paste(text) == EditorStep::Edited;
                self.review.text_edited |= edited;
            }
            Some(Overlay::Form(form)) => {
                form.form.type_text(text);
            }
            _ => {}
        }
    }

    // ---- results of effects ----

    /// Takes the result of an [`Effect::Apply`]: `Ok` with the audit entry and the store's
    /// description of the change, or a Swedish error.
    pub(super) fn change_applied(
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
                let from_editor = matches!(self.review.overlay, Some(Overlay::Editor(_)));
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
                self.review.asking_before_close = false;
                self.message = Some(format!("Kunde inte spara: {error}"));
                Vec::new()
            }
        }
    }

    /// Drafts found in the store on start: each is opened in place, in turn, for the user
    /// to save or discard. Returns the effects that load the first one's plan year.
    pub(super) fn offer_drafts(&mut self, drafts: Vec<Draft>) -> Vec<Effect> {
        self.review.offered_drafts = offerable(drafts).into();
        self.open_next_draft()
    }

    fn open_next_draft(&mut self) -> Vec<Effect> {
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
        self.help_scroll = None;
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
    pub(super) fn open_pending_draft(&mut self) {
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
        let saved = stored_analysis(found, &target);
        let title = editor_title(found, &target);
        let mut editor =
            AnalysisEditor::new(target, EditorPurpose::Analysis, title, &saved, &draft.text);
        editor.restored_draft_at = Some(draft.saved_at.clone());
        self.review.overlay = Some(Overlay::Editor(editor));
        self.review.draft_stored = true;
        self.review.asking_before_close = false;
        self.message = Some(format!(
            "Utkast från {} återställt: spara det, eller kasta eller behåll det när du stänger",
            short_time(&draft.saved_at)
        ));
    }

    /// Scrolls the detail pane to show the row cursor after it moved.
    pub(super) fn follow_detail_row(&mut self, viewport: Viewport) {
        if !std::mem::take(&mut self.review.follow_row) {
            return;
        }
        let Some((start, len)) = viewport.detail_row_lines else {
            return;
        };
        let rows = viewport.detail_rows.max(1);
        if start < self.detail_scroll {
            self.detail_scroll = start;
        } else if start + len > self.detail_scroll + rows {
            self.detail_scroll = (start + len).saturating_sub(rows).min(start);
        }
        self.detail_scroll = self.detail_scroll.min(viewport.detail_max_scroll);
    }

    // ---- actions ----

    /// The keymap context of an open overlay.
    pub(super) fn review_context(&self) -> Option<Context> {
        let overlay = self.review.overlay.as_ref()?;
        Some(
            if self.review.asking_before_close || self.review.confirm_store.is_some() {
                Context::Confirm
            } else {
                match overlay {
                    Overlay::Editor(_) => Context::Editor,
                    Overlay::Form(_) | Overlay::Picker(_) => Context::Form,
                }
            },
        )
    }

    /// Handles the review's actions; `None` leaves the action to the browsing code.
    pub(super) fn review_update(&mut self, action: Action) -> Option<Vec<Effect>> {
        if self.help_scroll.is_some() || matches!(action, Action::Help | Action::Redraw) {
            return None;
        }
        if self.review.overlay.is_some() {
            return Some(self.overlay_update(action));
        }
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

    fn overlay_update(&mut self, action: Action) -> Vec<Effect> {
        if action == Action::Quit {
            // Nothing typed is lost: unsaved analys text becomes a draft before quitting.
            let mut effects: Vec<Effect> = self
                .live_draft()
                .map(|(key, text)| Effect::SaveDraft { key, text })
                .into_iter()
                .collect();
            effects.push(Effect::Quit);
            return effects;
        }
        if self.review.confirm_store.is_some() {
            return self.answer_store_question(action);
        }
        if self.review.asking_before_close {
            return self.answer_close_question(action);
        }
        match self.review.overlay.as_mut() {
            Some(Overlay::Editor(editor)) => {
                let step = editor.handle(action);
                self.editor_step(step)
            }
            Some(Overlay::Form(form)) => {
                let step = form.form.handle(action);
                self.form_step(step)
            }
            Some(Overlay::Picker(picker)) => {
                let step = picker.picker.handle(action);
                self.picker_step(step)
            }
            None => Vec::new(),
        }
    }

    fn answer_close_question(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Yes => {
                self.review.asking_before_close = false;
                self.overlay_update(Action::Save)
            }
            Action::No => self.close_overlay(true),
            Action::KeepDraft => match self.live_draft() {
                Some((key, text)) => {
                    let mut effects = vec![Effect::SaveDraft { key, text }];
                    effects.extend(self.close_overlay(false));
                    self.message = Some("Utkastet sparades; det erbjuds igen nästa gång".into());
                    effects
                }
                // A form has no drafts: keeping means going back to it.
                None => {
                    self.review.asking_before_close = false;
                    Vec::new()
                }
            },
            Action::Close => {
                self.review.asking_before_close = false;
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// Yes stores the change the question was about; no (or Esc) goes back to the form with
    /// nothing stored.
    fn answer_store_question(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Yes => match self.review.confirm_store.take() {
                Some((change, _)) => vec![apply(change)],
                None => Vec::new(),
            },
            Action::No | Action::Close => {
                self.review.confirm_store = None;
                self.message = Some("Inget sparat: ändra värdet eller spara igen".to_owned());
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// Closes the overlay; `forget_draft` also removes a stored draft of its text. Then
    /// offers the next draft from an earlier session, if any.
    fn close_overlay(&mut self, forget_draft: bool) -> Vec<Effect> {
        self.review.asking_before_close = false;
        self.review.draft_stored = false;
        let mut effects = Vec::new();
        if let Some(Overlay::Editor(editor)) = self.review.overlay.take()
            && forget_draft
        {
            effects.push(Effect::DiscardDraft {
                key: editor.target.draft_key(),
            });
        }
        effects.extend(self.open_next_draft());
        effects
    }

    fn editor_step(&mut self, step: EditorStep) -> Vec<Effect> {
        match step {
            EditorStep::Edited => {
                self.review.text_edited = true;
                Vec::new()
            }
            EditorStep::Unchanged => Vec::new(),
            EditorStep::Cancel => self.close_overlay(true),
            EditorStep::AskBeforeClose => {
                self.review.asking_before_close = true;
                Vec::new()
            }
            EditorStep::Save(text) => {
                let Some(Overlay::Editor(editor)) = self.review.overlay.as_ref() else {
                    return Vec::new();
                };
                let target = editor.target.clone();
                let mark_deviation = editor.purpose == EditorPurpose::DeviationAnalysis;
                match self.found(&target) {
                    Some(found) => {
                        let change = analysis_change(found, &target, text, mark_deviation);
                        vec![apply(change)]
                    }
                    None => self.node_gone(),
                }
            }
        }
    }

    fn form_step(&mut self, step: FormStep) -> Vec<Effect> {
        match step {
            FormStep::Edited | FormStep::Unchanged => Vec::new(),
            FormStep::Cancel => self.close_overlay(false),
            FormStep::AskBeforeClose => {
                self.review.asking_before_close = true;
                Vec::new()
            }
            FormStep::Submit => {
                let Some(plan) = self.plan.as_ref() else {
                    return Vec::new();
                };
                let Some(Overlay::Form(overlay)) = self.review.overlay.as_mut() else {
                    return Vec::new();
                };
                let Some(FoundNode::Indicator(_, indicator)) = find(plan, overlay.target.node)
                else {
                    return self.node_gone();
                };
                let change = match overlay.kind {
                    FormKind::IndicatorValues => {
                        let change = value_form::checked_change(
                            &mut overlay.form,
                            indicator,
                            &overlay.target,
                        );
                        // An unlikely value is stored only after a yes.
                        let question = match &change {
                            Some(Change::SetIndicatorReport { report, .. }) => {
                                value_form::confirmation(
                                    report,
                                    &indicator.report_in(overlay.target.period),
                                )
                            }
                            _ => None,
                        };
                        if let (Some(change), Some(question)) = (&change, question) {
                            self.review.confirm_store = Some((change.clone(), question));
                            return Vec::new();
                        }
                        change
                    }
                    FormKind::IndicatorSettings => {
                        settings_form::checked_change(&mut overlay.form, indicator, &overlay.target)
                    }
                };
                match change {
                    Some(change) => vec![apply(change)],
                    None => {
                        self.message =
                            Some("Inget sparat: rätta fälten som är markerade".to_owned());
                        Vec::new()
                    }
                }
            }
        }
    }

    fn picker_step(&mut self, step: PickerStep) -> Vec<Effect> {
        let choice = match step {
            PickerStep::Unchanged => return Vec::new(),
            PickerStep::Cancel => return self.close_overlay(false),
            PickerStep::Chosen(choice) => choice,
        };
        let Some(Overlay::Picker(overlay)) = self.review.overlay.as_ref() else {
            return Vec::new();
        };
        let target = overlay.target.clone();
        let Some(found) = self.found(&target) else {
            return self.node_gone();
        };
        let change = match (choice, found) {
            (PickerChoice::Assessment(assessment), FoundNode::Goal(goal)) => {
                assessment_change(goal, &target, assessment)
            }
            (PickerChoice::MarkDeviation, FoundNode::Activity(..)) => {
                let saved = stored_analysis(found, &target);
                let title = format!("Avvikelse: analys · {}", found.name());
                self.review.overlay = Some(Overlay::Editor(AnalysisEditor::new(
                    target,
                    EditorPurpose::DeviationAnalysis,
                    title,
                    &saved,
                    &saved,
                )));
                self.message = Some(
                    "Skriv analysen av avvikelsen; den sparas tillsammans med markeringen".into(),
                );
                return Vec::new();
            }
            (choice, FoundNode::Activity(_, activity)) => {
                match report_after(activity, &target, choice) {
                    Some(report) => activity_change(activity, &target, report),
                    None => return Vec::new(),
                }
            }
            _ => return Vec::new(),
        };
        self.review.overlay = None;
        vec![apply(change)]
    }

    // ---- opening editors ----

    /// The target for `node` in the chosen council, year and period.
    fn target_for(&self, node: NodeRef) -> Option<EditTarget> {
        let plan = self.plan.as_ref()?;
        Some(EditTarget {
            council: plan.council.id.clone(),
            year: plan.year,
            period: self.period,
            node,
        })
    }

    fn found(&self, target: &EditTarget) -> Option<FoundNode<'_>> {
        let plan = self.plan.as_ref()?;
        if plan.council.id != target.council || plan.year != target.year {
            return None;
        }
        find(plan, target.node)
    }

    fn node_gone(&mut self) -> Vec<Effect> {
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
                let action = if delta < 0 {
                    Action::MoveUp
                } else {
                    Action::MoveDown
                };
                self.detail_scroll = super::scrolled(
                    self.detail_scroll,
                    action,
                    1,
                    self.viewport.detail_max_scroll,
                );
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
        self.review.overlay = Some(Overlay::Editor(AnalysisEditor::new(
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
            self.review.overlay = Some(Overlay::Picker(PickerOverlay { target, picker }));
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
        self.review.overlay = Some(Overlay::Form(FormOverlay { target, kind, form }));
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
        self.review.overlay = Some(Overlay::Picker(PickerOverlay { target, picker }));
        Vec::new()
    }

    fn apply_from_history(&mut self, undo: bool) -> Vec<Effect> {
        let taken = if undo {
            self.review.history.take_undo()
        } else {
            self.review.history.take_redo()
        };
        match taken {
            Ok((change, kind)) => vec![Effect::Apply { change, kind }],
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
        self.focus = Focus::Detail;
        effects
    }
}

fn apply(change: Change) -> Effect {
    Effect::Apply {
        change,
        kind: SaveKind::Edit,
    }
}

fn editor_title(found: FoundNode<'_>, target: &EditTarget) -> String {
    format!("Analys {} · {}", target.period.label(), found.name())
}
