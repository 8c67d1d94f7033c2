//! *Granskning* (DESIGN.md §2): how far the review of a period has come — goals assessed,
//! analyses written, values entered, flags handled — for every council in the chosen year
//! and period, or for the chosen council in every period of its year (Tab switches). The
//! counts are [`crate::domain::review_progress`]'s, computed by the runner from the stored
//! plan years and their *ej aktuell* marks, and read again after every save (anyone's) and
//! when the council, year or period changes under the open screen. Enter on a council goes
//! there; on a period, to that period.

mod view;

pub use view::{layout, render};

use crate::domain::Period;
use crate::domain::review_progress::{ReviewProgress, review_progress};
use crate::tui::action::Action;
use crate::tui::app::{App, Effect, GoTo, Spot};
use crate::tui::error::SourceError;
use crate::tui::source::PlanSource;
use crate::tui::widgets::loaded_list::LoadedList;

use super::{Routed, Screen};

/// Which rows the screen lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgressScope {
    /// Every council that has the year, in the chosen period.
    Councils,
    /// The chosen council, in every period its year has.
    Periods,
}

/// What a list was (or is being) computed for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgressKey {
    pub scope: ProgressScope,
    pub council: String,
    pub year: u16,
    pub period: Period,
}

impl ProgressKey {
    /// "T1 2020 · alla nämnder", "Södermalm 2020 · alla perioder".
    pub fn label(&self, council_name: &str) -> String {
        match self.scope {
            ProgressScope::Councils => {
                format!("{} {} · alla nämnder", self.period.label(), self.year)
            }
            ProgressScope::Periods => format!("{council_name} {} · alla perioder", self.year),
        }
    }
}

/// One row: a council in the period, or a period of the council.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgressRow {
    /// The council's name or the period's.
    pub label: String,
    pub council: String,
    pub council_name: String,
    pub period: Period,
    pub progress: ReviewProgress,
}

/// Computes the rows for `key` from `source` (the runner's side of [`Effect::LoadProgress`]).
pub fn load_progress<S: PlanSource + ?Sized>(
    source: &S,
    key: &ProgressKey,
) -> Result<Vec<ProgressRow>, SourceError> {
    let mut rows = Vec::new();
    match key.scope {
        ProgressScope::Councils => {
            for council in source.councils()? {
                if !source.years(&council.id)?.contains(&key.year) {
                    continue;
                }
                let Some(plan) = source.plan_year(&council.id, key.year)? else {
                    continue;
                };
                let dismissals = source.dismissals(&council.id, key.year)?;
                rows.push(ProgressRow {
                    label: council.name.clone(),
                    council: council.id.clone(),
                    council_name: council.name.clone(),
                    period: key.period,
                    progress: review_progress(&plan, key.period, &dismissals),
                });
            }
        }
        ProgressScope::Periods => {
            if let Some(plan) = source.plan_year(&key.council, key.year)? {
                let dismissals = source.dismissals(&key.council, key.year)?;
                for period in plan.periods() {
                    rows.push(ProgressRow {
                        label: period.name().to_owned(),
                        council: key.council.clone(),
                        council_name: plan.council.name.clone(),
                        period,
                        progress: review_progress(&plan, period, &dismissals),
                    });
                }
            }
        }
    }
    Ok(rows)
}

/// The screen's state: the rows counted for a key.
pub type ProgressState = LoadedList<ProgressKey, ProgressRow>;

impl App {
    /// The open *Granskning* screen, if any.
    pub fn progress(&self) -> Option<&ProgressState> {
        self.screens.progress()
    }

    /// The key of a list in `scope` for what is chosen now.
    fn progress_key(&self, scope: ProgressScope) -> Option<ProgressKey> {
        Some(ProgressKey {
            scope,
            council: self.council()?.id.clone(),
            year: self.year?,
            period: self.period,
        })
    }

    /// Opens *Granskning* over every council in the chosen period.
    pub(in crate::tui) fn open_progress(&mut self) -> Vec<Effect> {
        let Some(key) = self.progress_key(ProgressScope::Councils) else {
            self.message = Some("Ingen nämnd med mål att granska".to_owned());
            return Vec::new();
        };
        self.screens
            .open(Screen::Progress(ProgressState::loading(key.clone())));
        vec![Effect::LoadProgress { key }]
    }

    /// The rows for `key` arrived; kept when the screen still shows that key, the
    /// selection staying on the same council or period.
    pub(in crate::tui) fn progress_loaded(
        &mut self,
        key: &ProgressKey,
        result: Result<Vec<ProgressRow>, String>,
    ) {
        let current = self.council().map(|c| c.id.clone());
        let Some(state) = self.screens.progress_mut() else {
            return;
        };
        if &state.key != key {
            return;
        }
        let keep = state
            .selected()
            .map(|row| (row.council.clone(), row.period));
        let at = match &result {
            Ok(rows) => keep
                .and_then(|(council, period)| {
                    rows.iter()
                        .position(|r| r.council == council && r.period == period)
                })
                .or_else(|| {
                    rows.iter().position(|r| match key.scope {
                        ProgressScope::Councils => Some(&r.council) == current.as_ref(),
                        ProgressScope::Periods => r.period == key.period,
                    })
                })
                .unwrap_or(0),
            Err(_) => 0,
        };
        state.arrive(result, at);
    }

    /// Reads an open *Granskning* again: always after a save (`force`), and whenever the
    /// council, year or period chosen no longer is the one it shows.
    pub(in crate::tui) fn refresh_progress(&mut self, force: bool) -> Vec<Effect> {
        let Some(scope) = self.screens.progress().map(|state| state.key.scope) else {
            return Vec::new();
        };
        let Some(key) = self.progress_key(scope) else {
            return Vec::new();
        };
        let Some(state) = self.screens.progress_mut() else {
            return Vec::new();
        };
        if !force && state.key == key {
            return Vec::new();
        }
        if state.key != key {
            state.rows = None;
        }
        state.key = key.clone();
        vec![Effect::LoadProgress { key }]
    }

    /// An action while *Granskning* is on top.
    pub(in crate::tui) fn update_progress(&mut self, action: Action) -> Routed {
        let Some(state) = self.screens.progress_mut() else {
            return Routed::Pass;
        };
        if state.list.navigate(action) {
            return Routed::Done(Vec::new());
        }
        let effects = match action {
            Action::Close | Action::OpenProgress => {
                self.screens.close_top();
                Vec::new()
            }
            Action::CycleScope => {
                let scope = match state.key.scope {
                    ProgressScope::Councils => ProgressScope::Periods,
                    ProgressScope::Periods => ProgressScope::Councils,
                };
                let Some(key) = self.progress_key(scope) else {
                    return Routed::Done(Vec::new());
                };
                if let Some(state) = self.screens.progress_mut() {
                    *state = ProgressState::loading(key.clone());
                }
                vec![Effect::LoadProgress { key }]
            }
            Action::JumpTo => match state.selected().cloned() {
                Some(row) => self.go_to_progress_row(row),
                None => Vec::new(),
            },
            _ => return Routed::Pass,
        };
        Routed::Done(effects)
    }

    /// Closes the screen and goes to the row's council and period: in the same council the
    /// selected node stays selected.
    fn go_to_progress_row(&mut self, row: ProgressRow) -> Vec<Effect> {
        let Some(year) = self.year else {
            return Vec::new();
        };
        self.screens.close(|s| matches!(s, Screen::Progress(_)));
        let same_council = self.council().is_some_and(|c| c.id == row.council);
        let spot = match self.selected_node() {
            Some(node) if same_council => Spot::Node(node.id()),
            _ => Spot::Start,
        };
        self.go_to(GoTo {
            council: row.council,
            year,
            period: Some(row.period),
            spot,
            announce: Some(format!(
                "Granskning: {} {}",
                row.council_name,
                row.period.label()
            )),
        })
    }
}
