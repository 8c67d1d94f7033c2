//! The app's one entry point: [`App::update`] takes every input as a [`Msg`] — keys resolved
//! through the keymap in the context of the screen on top, text, pastes, resizes, ticks and
//! the results of effects — and returns the effects to perform next.

use crossterm::event::{KeyCode, KeyEventKind, KeyModifiers};

use super::{App, Effect};
use crate::search::history::history;
use crate::service::RemoteUpdate;
use crate::tui::keymap::Context;
use crate::tui::msg::Msg;

impl App {
    /// Handles one input; returns the I/O it asks for.
    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        let saved_elsewhere = matches!(&msg, Msg::Remote(RemoteUpdate::Applied(_)));
        let mut effects = self.handle(msg);
        // An open Granskning follows the council, year and period chosen, and anyone's save.
        effects.extend(self.refresh_progress(saved_elsewhere));
        effects
    }

    fn handle(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Key(key) if key.kind == KeyEventKind::Press => {
                let mut effects = self.key_pressed(key);
                // The store may still be reading its records through: ask again.
                if !self.notices_done {
                    effects.push(Effect::LoadNotices);
                }
                effects
            }
            // Releases and repeats reported by some terminals change nothing.
            Msg::Key(_) => Vec::new(),
            Msg::Notices { lines, done } => {
                self.notices_done = done;
                let new: Vec<String> = lines
                    .into_iter()
                    .filter(|line| !self.notices_shown.contains(line))
                    .collect();
                if !new.is_empty() {
                    let mut message = new.join(" ");
                    if let Some(earlier) = self.message.take() {
                        message = format!("{message} · {earlier}");
                    }
                    self.message = Some(message);
                    self.notices_shown.extend(new);
                }
                Vec::new()
            }
            Msg::Paste(text) => {
                if !self.economy_text(&text) && !self.goto_text(&text) {
                    self.paste(&text);
                }
                Vec::new()
            }
            Msg::Resize { .. } => vec![Effect::ClearScreen],
            Msg::Tick => match self.live_draft() {
                // Typing stopped a moment ago: keep the text as a draft.
                Some((key, text)) => vec![Effect::SaveDraft { key, text }],
                None => Vec::new(),
            },
            Msg::PlanLoaded {
                council,
                year,
                result,
                version,
                dismissals,
            } => {
                let result = result.map_err(|e| e.to_string());
                self.plan_loaded(&council, year, result, version, dismissals);
                Vec::new()
            }
            Msg::SearchReady(result) => {
                self.search_ready(result.map_err(|e| format!("{e:#}")));
                Vec::new()
            }
            Msg::HistoryLoaded {
                council,
                series,
                result,
            } => {
                let result = result
                    .map_err(|e| e.to_string())
                    .and_then(|(plans, sources)| {
                        let mut found = history(&plans, &council, &series, self.series_aliases())
                            .ok_or_else(|| format!("{council} har inga år"))?;
                        found.attach_sources(&sources);
                        Ok(found)
                    })
                    .map_err(|e| format!("Historiken kunde inte läsas: {e}"));
                self.history_loaded(&series, result);
                Vec::new()
            }
            Msg::SeriesChanged(result) => match result {
                Ok((description, aliases)) => self.series_changed(&description, Ok(aliases)),
                Err(error) => self.series_changed("", Err(error.to_string())),
            },
            Msg::Applied {
                change,
                kind,
                result,
            } => {
                if let Err(error) = &result
                    && let Some(conflict) = error.conflict()
                {
                    self.economy_applied(&change, Err(&conflict.message));
                    return self.change_conflicted(change, kind, conflict);
                }
                let result = result.map_err(|e| e.to_string());
                self.economy_applied(&change, result.as_ref().map(|_| ()).map_err(String::as_str));
                let mut effects = self.change_applied(&change, kind, result);
                effects.extend(self.reload_events());
                effects.extend(self.refresh_progress(true));
                effects
            }
            Msg::DraftSaved { key, text } => {
                self.draft_stored(&key, &text);
                Vec::new()
            }
            Msg::DraftsFound(drafts) if drafts.is_empty() => Vec::new(),
            Msg::DraftsFound(drafts) => self.offer_drafts(drafts),
            Msg::Failed(failure) => {
                self.message = Some(failure.to_string());
                Vec::new()
            }
            Msg::ReportWritten(result) => {
                self.report_written(result);
                Vec::new()
            }
            Msg::Remote(update) => self.remote_update(update),
            Msg::ProgressLoaded { key, result } => {
                self.progress_loaded(
                    &key,
                    result.map_err(|e| format!("Granskningen kunde inte räknas: {e}")),
                );
                Vec::new()
            }
            Msg::CouncilPeriods(result) => {
                self.council_periods_loaded(result.map_err(|e| e.to_string()));
                Vec::new()
            }
            Msg::EventsLoaded { scope, result } => {
                self.events_loaded(
                    &scope,
                    result.map_err(|e| format!("Ändringsloggen kunde inte läsas: {e}")),
                );
                Vec::new()
            }
        }
    }

    /// A key press, resolved through the keymap in the context of the screen on top.
    fn key_pressed(&mut self, key: crossterm::event::KeyEvent) -> Vec<Effect> {
        let context = self.context();
        match self.keymap.resolve(context, &key) {
            Some(action) => self.act(action),
            // In a text field a key no binding claims is text.
            None => match key.code {
                KeyCode::Char(c)
                    if context.takes_text()
                        && !key
                            .modifiers
                            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
                {
                    // The finder takes text itself; editors and forms go through review.
                    if context == Context::Finder {
                        self.insert_text(&c.to_string())
                    } else if self.economy_text(&c.to_string()) || self.goto_text(&c.to_string()) {
                        Vec::new()
                    } else {
                        self.type_char(c)
                    }
                }
                _ => Vec::new(),
            },
        }
    }

    /// Another session's save, or the service going away and coming back. A save to the
    /// plan year on screen reloads it from the source, keeping folds, selection and any open
    /// editor or form: the user's own unsaved text stays theirs.
    pub(in crate::tui) fn remote_update(&mut self, update: RemoteUpdate) -> Vec<Effect> {
        let reload_shown = |app: &App| match app.plan.as_ref() {
            Some(plan) => vec![Effect::LoadPlan {
                council: plan.council.id.clone(),
                year: plan.year,
            }],
            None => Vec::new(),
        };
        match update {
            RemoteUpdate::Applied(applied) => {
                let shown = self.plan.as_ref().is_some_and(|plan| {
                    plan.council.id == applied.council && plan.year == applied.year
                });
                if !shown {
                    return Vec::new();
                }
                if !self.warn_if_editing(&applied.change, &applied.login) {
                    self.message = Some(format!(
                        "{} sparade: {}",
                        applied.login, applied.description
                    ));
                }
                let mut effects = reload_shown(self);
                effects.extend(self.reload_events());
                effects
            }
            RemoteUpdate::ServiceLost { message } => {
                self.message = Some(format!(
                    "malkoll-tjänsten svarar inte ({message}). Utkast och osparade värden finns kvar; nästa sparning startar en ny tjänst."
                ));
                Vec::new()
            }
            RemoteUpdate::Reconnected => {
                self.message = Some("Ansluten till en ny malkoll-tjänst.".to_owned());
                // The new service opened the database anew: ask what it found.
                self.notices_done = false;
                let mut effects = reload_shown(self);
                effects.push(Effect::LoadNotices);
                effects
            }
        }
    }
}
