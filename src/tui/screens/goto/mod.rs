//! *Gå till*: a picker that jumps straight to a council (*nämnd*), year and period, beside
//! stepping through them with n/N, y/Y and p/P. Three columns — every council in the source
//! by name, the chosen council's years, the chosen year's periods (VP, its added months, T1,
//! T2, VB: what p/P steps through) — start at the place on screen. Typing filters the
//! councils (folded as the finder folds, so "sod" finds Södermalm); Tab and ←/→ move between
//! the columns, ↑/↓ choose, Enter goes there through the one [`GoTo`] request (keeping the
//! selected goal where the target has it, as `y` does), Esc closes without a change.
//!
//! The choices come from the source ([`Effect::LoadCouncilPeriods`]) when the picker opens.
//! A chosen year or period stays chosen while the council changes: when the new council
//! lacks it, the picker says so and does not jump until the user picks one it has.

mod view;

pub use view::{layout, render};

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::domain::text::sanitize_line;
use crate::domain::{CouncilPeriods, Period};
use crate::search::fold::fold;
use crate::tui::action::Action;
use crate::tui::app::{App, CouncilYears, Effect, GoTo, Spot, periods_to_choose};
use crate::tui::widgets::scroll_list::ScrollList;

use super::{Routed, Screen};

/// The longest filter kept: far beyond any council's name.
const MAX_QUERY_CHARS: usize = 80;

/// The picker's columns, left to right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Council,
    Year,
    Period,
}

impl Column {
    const ALL: [Column; 3] = [Column::Council, Column::Year, Column::Period];

    fn index(self) -> usize {
        match self {
            Column::Council => 0,
            Column::Year => 1,
            Column::Period => 2,
        }
    }

    /// The column `delta` steps away; with `wrap`, past the ends round to the other end.
    fn step(self, delta: isize, wrap: bool) -> Column {
        let at = self.index() as isize + delta;
        let at = if wrap {
            at.rem_euclid(3)
        } else {
            at.clamp(0, 2)
        };
        Column::ALL[at as usize]
    }
}

/// One council the filter lets through: its place in the choices and the char indices of
/// its name that matched (for highlighting).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub index: usize,
    pub highlight: Vec<usize>,
}

/// The picker's state.
#[derive(Debug, Clone)]
pub struct GoToState {
    /// The filter over the councils' names, as typed (sanitised).
    pub query: String,
    /// The column the arrows choose in.
    pub column: Column,
    /// `None` while loading; an error in Swedish when the source failed.
    pub choices: Option<Result<Vec<CouncilPeriods>, String>>,
    /// The councils the filter lets through, best first (all by name without a filter).
    pub matches: Vec<Match>,
    /// The chosen council's id.
    pub council: Option<String>,
    /// The chosen year, kept while a council without it is chosen.
    pub year: Option<u16>,
    /// The chosen period, kept while a year without it is chosen.
    pub period: Period,
    /// Each column's scroll (the choice itself is the values above).
    pub lists: [ScrollList; 3],
}

impl GoToState {
    /// A picker at `council`, `year` and `period`, waiting for its choices.
    pub fn new(council: Option<String>, year: Option<u16>, period: Period) -> GoToState {
        GoToState {
            query: String::new(),
            column: Column::Council,
            choices: None,
            matches: Vec::new(),
            council,
            year,
            period,
            lists: [ScrollList::default(); 3],
        }
    }

    fn all(&self) -> &[CouncilPeriods] {
        match &self.choices {
            Some(Ok(all)) => all,
            _ => &[],
        }
    }

    /// The chosen council, when the filter lets it through.
    pub fn chosen(&self) -> Option<&CouncilPeriods> {
        let id = self.council.as_deref()?;
        self.matches
            .iter()
            .map(|m| &self.all()[m.index])
            .find(|c| c.council.id == id)
    }

    /// The chosen council's row among the matches.
    pub fn council_row(&self) -> Option<usize> {
        let id = self.council.as_deref()?;
        self.matches
            .iter()
            .position(|m| self.all()[m.index].council.id == id)
    }

    /// The chosen council's years.
    pub fn years(&self) -> Vec<u16> {
        self.chosen()
            .map(|c| c.years.iter().map(|y| y.year).collect())
            .unwrap_or_default()
    }

    /// The chosen year's periods, each with whether it has a report (data); `None` when the
    /// chosen council lacks the chosen year.
    pub fn periods(&self) -> Option<Vec<(Period, bool)>> {
        let year = self.year?;
        let with_data = &self
            .chosen()?
            .years
            .iter()
            .find(|y| y.year == year)?
            .periods;
        Some(
            periods_to_choose(with_data)
                .into_iter()
                .map(|p| (p, with_data.contains(&p)))
                .collect(),
        )
    }

    /// Where Enter goes, or why it cannot (in Swedish, for the picker and the status line).
    pub fn target(&self) -> Result<(String, u16, Period), String> {
        match &self.choices {
            None => return Err("Läser nämnder, år och perioder …".to_owned()),
            Some(Err(error)) => return Err(error.clone()),
            Some(Ok(_)) => {}
        }
        let Some(council) = self.chosen() else {
            return Err(format!(
                "Ingen nämnd matchar «{}»: radera med Backsteg",
                self.query
            ));
        };
        let name = &council.council.name;
        let Some(year) = self.year.filter(|y| self.years().contains(y)) else {
            return Err(match self.year {
                Some(year) => format!("{name} har inget år {year}: välj ett av nämndens år"),
                None => format!("Välj ett av {name}s år"),
            });
        };
        let periods = self.periods().unwrap_or_default();
        if !periods.iter().any(|(p, _)| *p == self.period) {
            return Err(format!(
                "{year} har ingen period {} ({}): välj en av årets perioder",
                self.period.label(),
                self.period.name().to_lowercase()
            ));
        }
        Ok((council.council.id.clone(), year, self.period))
    }

    /// The choices arrived (or could not be read).
    fn loaded(&mut self, result: Result<Vec<CouncilPeriods>, String>) {
        self.choices = Some(result.map_err(|e| format!("Nämnder och år kunde inte läsas: {e}")));
        self.refilter(false);
    }

    /// Matches the councils against the filter; with `choose_best`, the best match becomes
    /// the chosen council, else the chosen one stays if it still matches.
    fn refilter(&mut self, choose_best: bool) {
        let query = fold(self.query.trim());
        let matcher = SkimMatcherV2::default().ignore_case();
        let mut scored: Vec<(i64, Match)> = self
            .all()
            .iter()
            .enumerate()
            .filter_map(|(index, c)| {
                if query.is_empty() {
                    return Some((
                        0,
                        Match {
                            index,
                            highlight: Vec::new(),
                        },
                    ));
                }
                let name = fold(&sanitize_line(&c.council.name));
                let (score, highlight) = matcher.fuzzy_indices(&name, &query)?;
                Some((score, Match { index, highlight }))
            })
            .collect();
        // Best first; equal scores by name (the choices come by name).
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.index.cmp(&b.1.index)));
        self.matches = scored.into_iter().map(|(_, m)| m).collect();
        if choose_best || self.chosen().is_none() {
            self.council = self
                .matches
                .first()
                .map(|m| self.all()[m.index].council.id.clone())
                .or(self.council.take().filter(|_| self.matches.is_empty()));
        }
        self.settle();
    }

    /// Text typed or pasted into the filter.
    fn type_text(&mut self, text: &str) {
        let room = MAX_QUERY_CHARS.saturating_sub(self.query.chars().count());
        self.query.extend(sanitize_line(text).chars().take(room));
        self.column = Column::Council;
        self.refilter(true);
    }

    /// Backspace (`word`: Ctrl-W) in the filter.
    fn delete_back(&mut self, word: bool) {
        if word {
            let kept = self.query.trim_end().len();
            let cut = self.query[..kept]
                .rfind(char::is_whitespace)
                .map_or(0, |i| i + 1);
            self.query.truncate(cut);
        } else {
            self.query.pop();
        }
        self.column = Column::Council;
        let choose_best = !self.query.trim().is_empty();
        self.refilter(choose_best);
    }

    /// Moves the choice in the focused column for a navigation action; returns whether it
    /// was one.
    fn navigate(&mut self, action: Action) -> bool {
        let page = self.lists[self.column.index()].page();
        match self.column {
            Column::Council => {
                let at = self.council_row().ok_or(0);
                if let Some(row) = step(self.matches.len(), at, action, page) {
                    let index = self.matches[row].index;
                    self.council = Some(self.all()[index].council.id.clone());
                }
            }
            Column::Year => {
                let years = self.years();
                let at = match self.year {
                    Some(year) => years.binary_search(&year),
                    None => Err(years.len()),
                };
                if let Some(row) = step(years.len(), at, action, page) {
                    self.year = Some(years[row]);
                }
            }
            Column::Period => {
                let periods: Vec<Period> = self
                    .periods()
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(p, _)| p)
                    .collect();
                let at = periods.binary_search(&self.period);
                if let Some(row) = step(periods.len(), at, action, page) {
                    self.period = periods[row];
                }
            }
        }
        let navigation = step(1, Ok(0), action, 1).is_some();
        self.settle();
        navigation
    }

    /// Takes the rows each column has room for (from the layout pass).
    pub fn set_rows(&mut self, rows: usize) {
        let columns = self.columns();
        for (list, (len, _)) in self.lists.iter_mut().zip(columns) {
            list.resize(len, rows);
        }
        self.settle();
    }

    /// Each column's length and chosen row.
    fn columns(&self) -> [(usize, Option<usize>); 3] {
        let years = self.years();
        let periods = self.periods().unwrap_or_default();
        [
            (self.matches.len(), self.council_row()),
            (
                years.len(),
                self.year.and_then(|y| years.iter().position(|&c| c == y)),
            ),
            (
                periods.len(),
                periods.iter().position(|(p, _)| *p == self.period),
            ),
        ]
    }

    /// Keeps each column's choice in view.
    fn settle(&mut self) {
        let columns = self.columns();
        for (list, (len, row)) in self.lists.iter_mut().zip(columns) {
            list.set_len(len);
            if let Some(row) = row {
                list.show(row, 1);
            }
        }
    }
}

/// The row a navigation action moves to in a column of `len` rows, from `at` (`Ok`: the
/// chosen row; `Err`: where the choice would be, when the column lacks it); `None` for an
/// empty column or another action.
fn step(len: usize, at: Result<usize, usize>, action: Action, page: usize) -> Option<usize> {
    let last = len.checked_sub(1)?;
    let page = page.max(1);
    let row = match (action, at) {
        (Action::MoveDown, Ok(i)) => i + 1,
        (Action::MoveDown, Err(i)) => i,
        (Action::MoveUp, Ok(i) | Err(i)) => i.saturating_sub(1),
        (Action::PageDown, Ok(i) | Err(i)) => i + page,
        (Action::PageUp, Ok(i) | Err(i)) => i.saturating_sub(page),
        (Action::First, _) => 0,
        (Action::Last, _) => last,
        _ => return None,
    };
    Some(row.min(last))
}

impl App {
    /// The open picker.
    pub fn goto_picker(&self) -> Option<&GoToState> {
        self.screens.above().iter().rev().find_map(|s| match s {
            Screen::GoTo(state) => Some(state),
            _ => None,
        })
    }

    fn goto_mut(&mut self) -> Option<&mut GoToState> {
        match self.screens.top_mut() {
            Some(Screen::GoTo(state)) => Some(state),
            _ => None,
        }
    }

    /// Opens the picker at the council, year and period on screen, and asks for the choices.
    pub(in crate::tui) fn open_goto(&mut self) -> Vec<Effect> {
        let council = self.council().map(|c| c.id.clone());
        self.screens.open(Screen::GoTo(GoToState::new(
            council,
            self.year,
            self.period,
        )));
        vec![Effect::LoadCouncilPeriods]
    }

    /// The choices arrived: into the open picker, and the councils and years that n/N and
    /// y/Y step through are brought up to date with them.
    pub(in crate::tui) fn council_periods_loaded(
        &mut self,
        result: Result<Vec<CouncilPeriods>, String>,
    ) {
        if let Ok(found) = &result {
            self.refresh_councils(
                found
                    .iter()
                    .map(|c| CouncilYears {
                        council: c.council.clone(),
                        years: c.years.iter().map(|y| y.year).collect(),
                    })
                    .collect(),
            );
        }
        if let Some(state) = self.goto_mut() {
            state.loaded(result);
        }
    }

    /// Text typed or pasted while the picker is on top; `false` when it is not.
    pub(in crate::tui) fn goto_text(&mut self, text: &str) -> bool {
        match self.goto_mut() {
            Some(state) => {
                state.type_text(text);
                true
            }
            None => false,
        }
    }

    /// An action while the picker is on top.
    pub(in crate::tui) fn update_goto(&mut self, action: Action) -> Routed {
        if matches!(action, Action::Quit | Action::Redraw | Action::Help) {
            return Routed::Pass;
        }
        let Some(state) = self.goto_mut() else {
            return Routed::Pass;
        };
        if state.navigate(action) {
            return Routed::Done(Vec::new());
        }
        match action {
            Action::Close | Action::OpenGoTo => {
                self.screens.close_top();
            }
            Action::NextField => state.column = state.column.step(1, true),
            Action::PrevField => state.column = state.column.step(-1, true),
            Action::CursorRight => state.column = state.column.step(1, false),
            Action::CursorLeft => state.column = state.column.step(-1, false),
            Action::DeleteBack => state.delete_back(false),
            Action::DeleteWordBack => state.delete_back(true),
            Action::JumpTo => return Routed::Done(self.goto_chosen()),
            _ => {}
        }
        Routed::Done(Vec::new())
    }

    /// Enter: goes to the chosen council, year and period, keeping the selected goal where
    /// the target has it; or says, at the picker, why not.
    fn goto_chosen(&mut self) -> Vec<Effect> {
        let Some(state) = self.goto_mut() else {
            return Vec::new();
        };
        match state.target() {
            Ok((council, year, period)) => {
                self.screens.close_top();
                let spot = self.tree.selected_key().map_or(Spot::Start, Spot::Goal);
                self.go_to(GoTo {
                    council,
                    year,
                    period: Some(period),
                    spot,
                    announce: None,
                })
            }
            Err(why) => {
                self.message = Some(why);
                Vec::new()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Council, YearPeriods};

    fn choices() -> Vec<CouncilPeriods> {
        let council = |id: &str, name: &str, years: &[(u16, &[Period])]| CouncilPeriods {
            council: Council {
                id: id.into(),
                name: name.into(),
            },
            years: years
                .iter()
                .map(|(year, periods)| YearPeriods {
                    year: *year,
                    periods: periods.to_vec(),
                })
                .collect(),
        };
        vec![
            council(
                "hasselby",
                "Hässelby-Vällingby stadsdelsnämnd",
                &[(2021, &[Period::Plan])],
            ),
            council(
                "sodermalm",
                "Södermalms stadsdelsnämnd",
                &[
                    (2020, &[Period::Tertial(1)]),
                    (2021, &[Period::Plan, Period::Month(5)]),
                ],
            ),
        ]
    }

    fn picker() -> GoToState {
        let mut state = GoToState::new(Some("sodermalm".into()), Some(2020), Period::Tertial(1));
        state.loaded(Ok(choices()));
        state
    }

    #[test]
    fn typing_folds_and_chooses_the_best_match() {
        let mut state = picker();
        state.council = Some("hasselby".into());
        state.type_text("söd");
        assert_eq!(state.council.as_deref(), Some("sodermalm"));
        assert_eq!(state.matches.len(), 1);
        state.delete_back(true);
        assert_eq!(state.query, "");
        assert_eq!(state.matches.len(), 2);
        assert_eq!(state.council.as_deref(), Some("sodermalm"), "kept");
        state.type_text("xyz\u{1b}[2J");
        assert!(state.matches.is_empty());
        assert!(state.target().is_err_and(|e| e.contains("Ingen nämnd")));
    }

    #[test]
    fn a_year_the_council_lacks_stays_chosen_and_blocks_the_jump() {
        let mut state = picker();
        state.navigate(Action::MoveUp);
        assert_eq!(state.council.as_deref(), Some("hasselby"));
        assert_eq!(
            state.target(),
            Err(
                "Hässelby-Vällingby stadsdelsnämnd har inget år 2020: välj ett av nämndens år"
                    .into()
            )
        );
        state.column = Column::Year;
        state.navigate(Action::MoveDown);
        assert_eq!(
            state.target(),
            Ok(("hasselby".into(), 2021, Period::Tertial(1)))
        );
    }

    #[test]
    fn periods_are_those_p_steps_through_with_the_added_months() {
        let mut state = picker();
        state.column = Column::Year;
        state.navigate(Action::MoveDown);
        let periods: Vec<String> = state
            .periods()
            .unwrap_or_default()
            .iter()
            .map(|(p, data)| format!("{}{}", p.label(), if *data { "" } else { "-" }))
            .collect();
        assert_eq!(periods, ["VP", "T1-", "M5", "T2-", "VB-"]);
        state.column = Column::Period;
        state.navigate(Action::MoveDown);
        assert_eq!(state.period, Period::Month(5));
        assert_eq!(state.column.step(1, false), Column::Period);
        assert_eq!(state.column.step(1, true), Column::Council);
    }
}
