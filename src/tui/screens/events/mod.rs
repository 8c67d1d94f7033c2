//! *Händelser*: the audit trail in the interface — every saved change to the selected node,
//! to the council, or by the user, newest first, with who, when and what — and undo of any
//! of the user's own entries, also from an earlier session, as a new audited change. An
//! undo over a later change to the same thing (by anyone) goes through the conflict
//! question first ([`super::conflict`]).

mod view;

pub use view::{layout, render};

use std::collections::HashMap;

use crate::domain::NodeId;
use crate::service::versions::Target;
use crate::store::AuditEntry;
use crate::tui::action::Action;
use crate::tui::app::{App, Effect};
use crate::tui::edit::SaveKind;
use crate::tui::error::Conflict;
use crate::tui::widgets::loaded_list::LoadedList;

use super::conflict::ConflictState;
use super::{Routed, Screen};

/// The newest entries listed: enough for a year of a council's review, bounded so a
/// database of many years opens the screen at once.
pub const MAX_LISTED: usize = 500;

/// Whose changes are listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventScope {
    /// One goal, indicator or activity of a council-year.
    Node {
        council: String,
        year: u16,
        node: NodeId,
        name: String,
    },
    /// Everything in a council, every year.
    Council { council: String, name: String },
    /// Everything one login saved.
    User { login: String },
}

impl EventScope {
    /// The heading of the list.
    pub fn label(&self) -> String {
        match self {
            EventScope::Node { name, year, .. } => format!("{year}: {name}"),
            EventScope::Council { name, .. } => name.clone(),
            EventScope::User { login } => format!("ändringar av {login}"),
        }
    }

    /// Whether `entry` belongs to the list.
    pub fn contains(&self, entry: &AuditEntry) -> bool {
        match self {
            EventScope::Node {
                council,
                year,
                node,
                ..
            } => match Target::of(&entry.change) {
                Target::Report {
                    council: c,
                    year: y,
                    node: n,
                    ..
                }
                | Target::Settings {
                    council: c,
                    year: y,
                    node: n,
                }
                | Target::Dismissal {
                    council: c,
                    year: y,
                    node: n,
                    ..
                } => &c == council && y == *year && n == *node,
                _ => false,
            },
            EventScope::Council { council, .. } => entry.change.council() == council,
            EventScope::User { login } => &entry.actor.login == login,
        }
    }
}

/// One listed change.
#[derive(Debug, Clone)]
pub struct EventRow {
    pub entry: AuditEntry,
    /// The store's Swedish one-liner, with names.
    pub description: String,
    /// The latest later change to the same thing (its version and login), by anyone.
    pub superseded_by: Option<(u64, String)>,
}

/// The entries of `log` in `scope`, newest first, at most [`MAX_LISTED`], each with the
/// latest later change to what it touched; for a whole council-year (an import), any later
/// change in that year, as undoing it would replace them all. `describe` names a change.
pub fn select_events(
    log: Vec<AuditEntry>,
    scope: &EventScope,
    describe: impl Fn(&AuditEntry) -> String,
) -> Vec<EventRow> {
    let mut last: HashMap<Target, (u64, String)> = HashMap::new();
    let mut last_in_year: HashMap<(String, u16), (u64, String)> = HashMap::new();
    for entry in &log {
        let by = (entry.seq, entry.actor.login.clone());
        last.insert(Target::of(&entry.change), by.clone());
        last_in_year.insert((entry.change.council().to_owned(), entry.change.year()), by);
    }
    log.into_iter()
        .rev()
        .filter(|entry| scope.contains(entry))
        .take(MAX_LISTED)
        .map(|entry| {
            let target = Target::of(&entry.change);
            let latest = match target {
                Target::Year { council, year } => last_in_year.get(&(council, year)),
                target => last.get(&target),
            };
            let superseded_by = latest.filter(|(seq, _)| *seq > entry.seq).cloned();
            EventRow {
                description: describe(&entry),
                entry,
                superseded_by,
            }
        })
        .collect()
}

/// The screen's state: the rows read for a scope.
pub type EventsState = LoadedList<EventScope, EventRow>;

impl App {
    /// The scopes the screen cycles through, the selected node's first.
    fn event_scopes(&self) -> Vec<EventScope> {
        let mut scopes = Vec::new();
        if let (Some(plan), Some(node)) = (self.plan.as_ref(), self.selected_node())
            && let Some(found) = crate::tui::edit::analysis::find(plan, node)
        {
            scopes.push(EventScope::Node {
                council: plan.council.id.clone(),
                year: plan.year,
                node: node.id(),
                name: found.name(),
            });
        }
        if let Some(council) = self.council() {
            scopes.push(EventScope::Council {
                council: council.id.clone(),
                name: council.name.clone(),
            });
        }
        scopes.push(EventScope::User {
            login: self.user().to_owned(),
        });
        scopes
    }

    /// Opens *Händelser* on the selected node (else the council).
    pub(in crate::tui) fn open_events(&mut self) -> Vec<Effect> {
        let Some(scope) = self.event_scopes().into_iter().next() else {
            return Vec::new();
        };
        self.screens
            .open(Screen::Events(EventsState::loading(scope.clone())));
        vec![Effect::LoadEvents { scope }]
    }

    /// The list for `scope` arrived.
    pub(in crate::tui) fn events_loaded(
        &mut self,
        scope: &EventScope,
        result: Result<Vec<EventRow>, String>,
    ) {
        if let Some(state) = self.screens.events_mut()
            && &state.key == scope
        {
            let keep = state.list.selected().unwrap_or(0);
            state.arrive(result, keep);
        }
    }

    /// Reloads an open *Händelser* list (after a save, or another user's).
    pub(in crate::tui) fn reload_events(&self) -> Vec<Effect> {
        match self.screens.events() {
            Some(state) => vec![Effect::LoadEvents {
                scope: state.key.clone(),
            }],
            None => Vec::new(),
        }
    }

    /// An action while *Händelser* is on top.
    pub(in crate::tui) fn update_events(&mut self, action: Action) -> Routed {
        if matches!(action, Action::Quit | Action::Redraw | Action::Help) {
            return Routed::Pass;
        }
        let scopes = self.event_scopes();
        let Some(state) = self.screens.events_mut() else {
            return Routed::Pass;
        };
        if state.list.navigate(action) {
            return Routed::Done(Vec::new());
        }
        let effects = match action {
            Action::Close | Action::OpenEvents => {
                self.screens.close_top();
                Vec::new()
            }
            Action::CycleScope => {
                let at = scopes.iter().position(|s| *s == state.key);
                let next = at.map_or(0, |i| (i + 1) % scopes.len());
                *state = EventsState::loading(scopes[next].clone());
                vec![Effect::LoadEvents {
                    scope: state.key.clone(),
                }]
            }
            Action::UndoChange => match state.selected().cloned() {
                Some(row) => self.undo_event(row),
                None => Vec::new(),
            },
            _ => Vec::new(),
        };
        Routed::Done(effects)
    }

    /// Undoes a listed change of the user's own as a new change; over a later change to
    /// the same thing, the conflict question decides.
    fn undo_event(&mut self, row: EventRow) -> Vec<Effect> {
        if row.entry.actor.login != self.user() {
            self.message = Some(format!(
                "Du kan bara ångra dina egna ändringar; den här gjorde {}",
                row.entry.actor.login
            ));
            return Vec::new();
        }
        let Some(change) = row.entry.undo_change() else {
            self.message = Some(format!(
                "«{}» kan inte ångras: det finns inget att återställa",
                row.description
            ));
            return Vec::new();
        };
        let kind = SaveKind::Undo(Box::new(row.entry.clone()));
        if let Some((theirs_seq, theirs_login)) = row.superseded_by {
            let conflict = Conflict {
                message: format!(
                    "«{}» har ändrats igen efter ändring {} (ändring {theirs_seq} av {theirs_login}); en ångring skriver över det.",
                    row.description, row.entry.seq
                ),
                theirs_seq,
                theirs_login,
            };
            self.message = Some("Krock: välj i rutan vad som ska gälla".to_owned());
            self.screens.open(Screen::Conflict(ConflictState {
                change,
                kind,
                conflict,
                mergeable: false,
            }));
            return Vec::new();
        }
        vec![Effect::Apply {
            change,
            kind,
            base: Some(row.entry.seq),
        }]
    }
}
