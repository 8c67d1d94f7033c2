//! *Krock*: a save refused because someone else saved the same thing after the user read it
//! (several users at once, DESIGN.md §6c). Nothing is overwritten silently; over the editor,
//! form or the main screen the user chooses: keep mine (save over the version now seen),
//! take theirs (let it stand, drop mine), or, for an analys, merge the two texts in the
//! editor ([`crate::tui::edit::merge`]). Esc goes back with nothing saved. The plan year is
//! reloaded when the conflict arrives, so the detail behind the question shows theirs.

mod view;

pub use view::render;

use crate::service::versions::Target;
use crate::store::Change;
use crate::tui::action::Action;
use crate::tui::app::{App, Effect};
use crate::tui::edit::analysis::stored_analysis;
use crate::tui::edit::merge::{MINE_MARKER, merge_texts};
use crate::tui::edit::{AnalysisEditor, EditTarget, FormKind, NodeRef, Overlay, SaveKind};
use crate::tui::error::Conflict;

use super::{Routed, Screen};

/// A refused save waiting for the user's choice.
#[derive(Debug, Clone)]
pub struct ConflictState {
    /// The change that was not saved.
    pub change: Change,
    pub kind: SaveKind,
    pub conflict: Conflict,
    /// An analys editor is open on it: its text can be merged with theirs.
    pub mergeable: bool,
}

impl App {
    /// A save came back as a conflict: ask what to do, and reload the plan year so theirs is
    /// what the panes show.
    pub(in crate::tui) fn change_conflicted(
        &mut self,
        change: Change,
        kind: SaveKind,
        conflict: Conflict,
    ) -> Vec<Effect> {
        self.screens
            .close(|s| matches!(s, Screen::Confirm | Screen::StoreQuestion { .. }));
        self.review.save_failed = true;
        let mergeable = kind == SaveKind::Edit
            && matches!(self.screens.overlay(), Some(Overlay::Editor(editor))
                if Target::of(&change) == edit_target(&editor.target, false));
        // The question shows the whole explanation; the status line only points at it.
        self.message = Some("Krock: välj i rutan vad som ska gälla".to_owned());
        let reload = self.reload_of(&change);
        self.screens.open(Screen::Conflict(ConflictState {
            change,
            kind,
            conflict,
            mergeable,
        }));
        reload
    }

    /// The reload of the plan year on screen, when `change` is in it.
    fn reload_of(&self, change: &Change) -> Vec<Effect> {
        match self.plan.as_ref() {
            Some(plan) if plan.council.id == change.council() && plan.year == change.year() => {
                vec![Effect::LoadPlan {
                    council: plan.council.id.clone(),
                    year: plan.year,
                }]
            }
            _ => Vec::new(),
        }
    }

    /// The question on top, if a conflict is waiting.
    pub fn conflict(&self) -> Option<&ConflictState> {
        match self.screens.top() {
            Some(Screen::Conflict(state)) => Some(state),
            _ => None,
        }
    }

    /// An action while the conflict question is on top.
    pub(in crate::tui) fn update_conflict(&mut self, action: Action) -> Routed {
        let state = match (action, self.screens.top()) {
            (Action::Help | Action::Redraw, _) => return Routed::Pass,
            // Quitting goes through the editor, which keeps unsaved text as a draft.
            (Action::Quit, _) if self.screens.overlay().is_some() => {
                return self.update_editor(action);
            }
            (Action::Quit, _) => return Routed::Pass,
            (Action::MergeTexts, Some(Screen::Conflict(state))) if !state.mergeable => {
                self.message =
                    Some("Bara en analystext kan slås ihop: behåll din eller ta deras".to_owned());
                return Routed::Done(Vec::new());
            }
            (
                Action::KeepMine | Action::TakeTheirs | Action::MergeTexts | Action::Close,
                Some(Screen::Conflict(_)),
            ) => match self.screens.close_top() {
                Some(Screen::Conflict(state)) => state,
                _ => return Routed::Done(Vec::new()),
            },
            _ => return Routed::Done(Vec::new()),
        };
        let login = state.conflict.theirs_login.clone();
        let effects = match action {
            Action::KeepMine => self.keep_mine(state),
            Action::TakeTheirs => {
                self.review.save_failed = false;
                self.message = Some(match state.kind {
                    SaveKind::Edit => format!("Din ändring sparades inte: {login}s står kvar"),
                    _ => format!("Ångringen gjordes inte: {login}s ändring står kvar"),
                });
                if state.kind == SaveKind::Edit {
                    self.close_overlay(true)
                } else {
                    Vec::new()
                }
            }
            Action::MergeTexts => {
                self.merge_with_theirs(&state);
                Vec::new()
            }
            _ => {
                // Back with nothing saved; an undo can be tried again.
                if state.kind != SaveKind::Edit {
                    self.review.history.failed(state.kind);
                }
                self.message = Some(format!(
                    "Inget sparat: {login}s ändring står kvar; spara igen för att välja"
                ));
                Vec::new()
            }
        };
        Routed::Done(effects)
    }

    /// Saves again over the version that crossed the save. From an open editor or form the
    /// change is made anew from the reloaded plan year, so only what the user edited is
    /// theirs to overwrite (another user's bedömning beside the analys stays); a picker's
    /// choice or an undo is stored as it was.
    fn keep_mine(&mut self, state: ConflictState) -> Vec<Effect> {
        let base = Some(state.conflict.theirs_seq);
        self.message = Some(format!(
            "Sparar din ändring över {}s",
            state.conflict.theirs_login
        ));
        if state.kind == SaveKind::Edit && self.screens.overlay().is_some() {
            self.review.read_at = base;
            return match self.update_editor(Action::Save) {
                Routed::Done(effects) => effects,
                Routed::Pass => Vec::new(),
            };
        }
        vec![Effect::Apply {
            change: state.change,
            kind: state.kind,
            base,
        }]
    }

    /// Puts the three-way merge of the editor's text and theirs in the editor, based on the
    /// version now read, for the user to settle and save.
    fn merge_with_theirs(&mut self, state: &ConflictState) {
        let Some(Overlay::Editor(editor)) = self.screens.overlay() else {
            return;
        };
        let target = editor.target.clone();
        let Some(found) = self.found(&target) else {
            self.message = Some("Det du skrev om finns inte längre".to_owned());
            return;
        };
        let theirs = stored_analysis(found, &target);
        let merged = merge_texts(
            editor.saved_text(),
            &editor.text(),
            &theirs,
            &state.conflict.theirs_login,
        );
        let mut merged_editor = AnalysisEditor::new(
            target,
            editor.purpose,
            editor.title.clone(),
            &theirs,
            &merged.text,
        );
        merged_editor.cursor_to_line_starting(MINE_MARKER);
        // Theirs was read with the plan year reloaded when the conflict came.
        self.review.read_at = self.plan_version.or(Some(state.conflict.theirs_seq));
        self.screens.set_overlay(Overlay::Editor(merged_editor));
        self.review.text_edited = true;
        self.message = Some(match merged.conflicts {
            0 => "Texterna är sammanslagna: läs igenom och spara".to_owned(),
            n => format!("Sammanslaget: välj text mellan «««« och »»»» ({n} st), spara sedan"),
        });
    }

    /// Another user's save touches what the open editor or form is about: say so now,
    /// not only when saving.
    pub(in crate::tui) fn warn_if_editing(&mut self, change: &Change, login: &str) -> bool {
        let touched = match self.screens.overlay() {
            Some(Overlay::Form(form)) if form.kind == FormKind::IndicatorSettings => {
                Target::of(change) == edit_target(&form.target, true)
            }
            Some(Overlay::Form(form)) => Target::of(change) == edit_target(&form.target, false),
            Some(Overlay::Editor(editor)) => {
                Target::of(change) == edit_target(&editor.target, false)
            }
            _ => false,
        };
        if touched {
            self.message = Some(format!(
                "{login} sparade just det du har öppet: du väljer version när du sparar"
            ));
        }
        touched
    }
}

/// What a save from an editor on `target` touches: its report in the period, or with
/// `settings` the indicator's year-wide settings.
fn edit_target(target: &EditTarget, settings: bool) -> Target {
    let node = target.node.id();
    match (settings, target.node) {
        (true, NodeRef::Indicator(_)) => Target::Settings {
            council: target.council.clone(),
            year: target.year,
            node,
        },
        _ => Target::Report {
            council: target.council.clone(),
            year: target.year,
            node,
            period: target.period,
        },
    }
}
