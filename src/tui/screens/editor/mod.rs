//! The review's editors as a screen: the analys editor, the value and settings forms and the
//! pickers ([`Screen::Editor`]), and the question before closing one with unsaved changes
//! ([`Screen::Confirm`], over it), and the question before storing an unlikely value (a share
//! over 100 %, a negative count: [`Screen::StoreQuestion`], over the form). Their state is in [`crate::tui::edit`]; here they take
//! actions and text, and turn saves into effects.

mod view;

pub(in crate::tui) use view::{centred, key_hints, overlay_block};
pub use view::{render, render_question, render_store_question};

use crate::store::Change;
use crate::tui::action::Action;
use crate::tui::app::{App, Effect};
use crate::tui::edit::activity_status::{activity_change, report_after};
use crate::tui::edit::analysis::{FoundNode, analysis_change, find, stored_analysis};
use crate::tui::edit::assessment_picker::assessment_change;
use crate::tui::edit::dismissal::dismissal_change;
use crate::tui::edit::{
    AnalysisEditor, EditorPurpose, EditorStep, FormKind, FormStep, Overlay, PickerChoice,
    PickerStep, settings_form, value_form,
};

use super::{Routed, Screen, ScreenStack};

impl ScreenStack {
    /// Shows `overlay`: in place of the open one, else on top.
    pub fn set_overlay(&mut self, overlay: Overlay) {
        self.close(|s| matches!(s, Screen::Confirm | Screen::StoreQuestion { .. }));
        match self.overlay_mut() {
            Some(open) => *open = overlay,
            None => self.open(Screen::Editor(overlay)),
        }
    }

    /// Closes the overlay (and its question); returns it.
    pub fn take_overlay(&mut self) -> Option<Overlay> {
        self.close(|s| matches!(s, Screen::Confirm | Screen::StoreQuestion { .. }));
        let at = self
            .above
            .iter()
            .rposition(|s| matches!(s, Screen::Editor(_)))?;
        match self.above.remove(at) {
            Screen::Editor(overlay) => Some(overlay),
            _ => None,
        }
    }
}

impl App {
    /// Whether the "spara / kasta / behåll?" question is showing.
    pub fn asking_before_close(&self) -> bool {
        self.screens.is_open(|s| matches!(s, Screen::Confirm))
    }

    /// An action while an editor, form or picker is on top: all but help and redrawing are
    /// its.
    pub(in crate::tui) fn update_editor(&mut self, action: Action) -> Routed {
        if matches!(action, Action::Help | Action::Redraw) {
            return Routed::Pass;
        }
        Routed::Done(self.overlay_update(action))
    }

    /// An action while the question before closing is on top.
    pub(in crate::tui) fn update_confirm(&mut self, action: Action) -> Routed {
        self.update_editor(action)
    }

    /// The question on top before storing an unlikely value ("120 % … Spara ändå?").
    pub fn store_question(&self) -> Option<&str> {
        match self.screens.top() {
            Some(Screen::StoreQuestion { question, .. }) => Some(question.as_str()),
            _ => None,
        }
    }

    /// An action while the question before storing an unlikely value is on top: yes stores
    /// the change it was about; no (or Esc) goes back to the form with nothing stored.
    pub(in crate::tui) fn update_store_question(&mut self, action: Action) -> Routed {
        let effects = match action {
            Action::Help | Action::Redraw => return Routed::Pass,
            // Quitting goes through the editor, which keeps unsaved text as a draft.
            Action::Quit => return self.update_editor(action),
            Action::Yes => match self.screens.close_top() {
                Some(Screen::StoreQuestion { change, .. }) => vec![self.save_effect(change)],
                _ => Vec::new(),
            },
            Action::No | Action::Close => {
                self.screens.close_top();
                self.message = Some("Inget sparat: ändra värdet eller spara igen".to_owned());
                Vec::new()
            }
            _ => Vec::new(),
        };
        Routed::Done(effects)
    }

    // ---- input that is text, not an action ----

    /// A typed character that no binding claims, in a text context.
    pub(in crate::tui) fn type_char(&mut self, c: char) -> Vec<Effect> {
        self.message = None;
        if !matches!(self.screens.top(), Some(Screen::Editor(_))) {
            return Vec::new();
        }
        match self.screens.overlay_mut() {
            Some(Overlay::Editor(editor)) => {
                if editor.type_char(c) == EditorStep::Edited {
                    self.review.text_edited = true;
                }
                Vec::new()
            }
            Some(Overlay::Form(form)) => {
                let step = form.form.type_text(&c.to_string());
                self.form_step(step)
            }
            Some(Overlay::Picker(picker)) => {
                let step = picker.picker.type_char(c);
                self.picker_step(step)
            }
            None => Vec::new(),
        }
    }

    /// A bracketed paste: inserted into the open editor or field, never submitted.
    pub(in crate::tui) fn paste(&mut self, text: &str) {
        if !matches!(self.screens.top(), Some(Screen::Editor(_))) {
            return;
        }
        match self.screens.overlay_mut() {
            Some(Overlay::Editor(editor)) => {
                let edited = editor.paste(text) == EditorStep::Edited;
                self.review.text_edited |= edited;
            }
            Some(Overlay::Form(form)) => {
                let edited = form.form.type_text(text) == FormStep::Edited;
                self.review.text_edited |= edited;
            }
            _ => {}
        }
    }

    fn overlay_update(&mut self, action: Action) -> Vec<Effect> {
        if action == Action::Quit {
            // Nothing typed is lost: an unsaved analys or value form becomes a draft before
            // quitting.
            let mut effects: Vec<Effect> = self
                .live_draft()
                .map(|(key, text)| Effect::SaveDraft { key, text })
                .into_iter()
                .collect();
            effects.push(Effect::Quit);
            return effects;
        }
        if self.screens.is_open(|s| matches!(s, Screen::Confirm)) {
            return self.answer_close_question(action);
        }
        match self.screens.overlay_mut() {
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
                self.screens.close(|s| matches!(s, Screen::Confirm));
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
                // The settings form keeps no draft: keeping means going back to it.
                None => {
                    self.screens.close(|s| matches!(s, Screen::Confirm));
                    Vec::new()
                }
            },
            Action::Close => {
                self.screens.close(|s| matches!(s, Screen::Confirm));
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// Closes the overlay; `forget_draft` also removes a stored draft of it (the analys
    /// editor's or the value form's). Then offers the next draft from an earlier session, if
    /// any.
    pub(in crate::tui) fn close_overlay(&mut self, forget_draft: bool) -> Vec<Effect> {
        self.screens.close(|s| matches!(s, Screen::Confirm));
        self.review.draft_stored = false;
        let mut effects = Vec::new();
        if let Some(overlay) = self.screens.take_overlay()
            && forget_draft
            && overlay.may_have_draft()
            && let Some(key) = overlay.draft_key()
        {
            effects.push(Effect::DiscardDraft { key });
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
                self.screens.open(Screen::Confirm);
                Vec::new()
            }
            EditorStep::Save(text) => {
                let Some(Overlay::Editor(editor)) = self.screens.overlay() else {
                    return Vec::new();
                };
                let target = editor.target.clone();
                if let EditorPurpose::Dismissal(code) = editor.purpose {
                    return vec![self.save_effect(dismissal_change(&target, code, Some(text)))];
                }
                let mark_deviation = editor.purpose == EditorPurpose::DeviationAnalysis;
                match self.found(&target) {
                    Some(found) => {
                        let change = analysis_change(found, &target, text, mark_deviation);
                        vec![self.save_effect(change)]
                    }
                    None => self.node_gone(),
                }
            }
        }
    }

    fn form_step(&mut self, step: FormStep) -> Vec<Effect> {
        match step {
            FormStep::Edited => {
                self.review.text_edited = true;
                Vec::new()
            }
            FormStep::Unchanged => Vec::new(),
            // Nothing left to keep: a draft written before the texts were put back goes too.
            FormStep::Cancel => self.close_overlay(true),
            FormStep::AskBeforeClose => {
                self.screens.open(Screen::Confirm);
                Vec::new()
            }
            FormStep::Submit => {
                let Some(plan) = self.plan.as_ref() else {
                    return Vec::new();
                };
                let Some(Overlay::Form(overlay)) = self.screens.overlay_mut() else {
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
                        if let (Some(change), Some(question)) = (change.clone(), question) {
                            self.screens
                                .open(Screen::StoreQuestion { change, question });
                            return Vec::new();
                        }
                        change
                    }
                    FormKind::IndicatorSettings => {
                        settings_form::checked_change(&mut overlay.form, indicator, &overlay.target)
                    }
                };
                match change {
                    Some(change) => vec![self.save_effect(change)],
                    None => {
                        self.message =
                            Some("Inget sparat: rätta fälten som är markerade".to_owned());
                        Vec::new()
                    }
                }
            }
        }
    }

    pub(in crate::tui) fn picker_step(&mut self, step: PickerStep) -> Vec<Effect> {
        let choice = match step {
            PickerStep::Unchanged => return Vec::new(),
            PickerStep::Cancel => return self.close_overlay(false),
            PickerStep::Chosen(choice) => choice,
        };
        let Some(Overlay::Picker(overlay)) = self.screens.overlay() else {
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
                self.show_overlay(Overlay::Editor(AnalysisEditor::new(
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
        self.screens.take_overlay();
        vec![self.save_effect(change)]
    }
}
