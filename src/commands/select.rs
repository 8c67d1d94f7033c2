//! Choosing what a report command is about: a council by id or Swedish name (case- and
//! å/ä/ö-insensitive), a period written `T1-2020`, and the stored plan year with that period.

use crate::domain::{Council, Period, PlanYear, YearPeriod};
use crate::store::{Store, StoreError};

/// Why a council-period could not be chosen. Everything but [`SelectError::Store`] is the
/// user's input ([`SelectError::is_bad_input`]).
#[derive(Debug, thiserror::Error)]
pub enum SelectError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("okänd nämnd «{given}»; välj bland: {known}")]
    UnknownCouncil { given: String, known: String },
    #[error("ogiltig period «{0}»: skriv till exempel T1-2020, VB-2019 eller en månad som 2020-04")]
    BadPeriod(String),
    #[error("{council} har inget år {year} i databasen (finns: {years})")]
    UnknownYear {
        council: String,
        year: u16,
        years: String,
    },
    #[error("{council} {year} har ingen rapport för {period} (finns: {periods})")]
    NoReport {
        council: String,
        year: u16,
        period: String,
        periods: String,
    },
    #[error("okänt format «{given}»: välj {choices}")]
    BadFormat {
        given: String,
        choices: &'static str,
    },
    /// `--deficit-percent` that is not a share of the budget.
    #[error(transparent)]
    BadShare(#[from] crate::domain::flags::economy::ShareError),
}

impl SelectError {
    /// Whether the user asked for something that does not exist (exit code 2).
    pub fn is_bad_input(&self) -> bool {
        !matches!(self, SelectError::Store(_))
    }
}

/// Lower case, å/ä → a, ö → o, é → e, spaces and underscores → '-'.
pub fn fold_name(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'å' | 'ä' | 'à' | 'á' => 'a',
            'ö' | 'ø' => 'o',
            'é' | 'è' => 'e',
            'ü' => 'u',
            ' ' | '_' => '-',
            other => other,
        })
        .collect()
}

/// Whether `given` names `council`: its id, its name, or its name without
/// "stadsdelsnämnd" ("Södermalm" for "Södermalms stadsdelsnämnd").
fn names(council: &Council, given: &str) -> bool {
    let given = fold_name(given);
    let name = fold_name(&council.name);
    let short = name
        .strip_suffix("s-stadsdelsnamnd")
        .or_else(|| name.strip_suffix("-stadsdelsnamnd"))
        .unwrap_or(&name);
    given == fold_name(&council.id) || given == name || given == short
}

/// The stored council that `given` names.
pub fn find_council(store: &Store, given: &str) -> Result<Council, SelectError> {
    let councils = store.councils()?;
    councils
        .iter()
        .find(|council| names(council, given))
        .cloned()
        .ok_or_else(|| SelectError::UnknownCouncil {
            given: given.to_owned(),
            known: councils
                .iter()
                .map(|c| format!("{} ({})", c.id, c.name))
                .collect::<Vec<_>>()
                .join(", "),
        })
}

/// Parses `T1-2020`.
pub fn parse_period(given: &str) -> Result<YearPeriod, SelectError> {
    given
        .parse()
        .map_err(|_| SelectError::BadPeriod(given.to_owned()))
}

/// The plan year of `council` in `at.year`, which must have a report for `at.period`.
pub fn load_plan(
    store: &Store,
    council: &Council,
    at: YearPeriod,
) -> Result<PlanYear, SelectError> {
    let unknown_year = || -> Result<SelectError, SelectError> {
        Ok(SelectError::UnknownYear {
            council: council.name.clone(),
            year: at.year,
            years: join(store.years(&council.id)?.iter()),
        })
    };
    let Some(plan) = store.plan_year(&council.id, at.year)? else {
        return Err(unknown_year()?);
    };
    let periods = plan.periods();
    if !periods.contains(&at.period) {
        return Err(SelectError::NoReport {
            council: council.name.clone(),
            year: at.year,
            period: at.period.label(),
            periods: join(periods.iter().map(|p: &Period| p.label())),
        });
    }
    Ok(plan)
}

fn join<T: ToString>(items: impl Iterator<Item = T>) -> String {
    let items: Vec<String> = items.map(|item| item.to_string()).collect();
    if items.is_empty() {
        "inga".to_owned()
    } else {
        items.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fold_case_and_swedish_letters() {
        let council = Council {
            id: "hagersten-alvsjo".into(),
            name: "Hägersten-Älvsjö stadsdelsnämnd".into(),
        };
        for given in [
            "hagersten-alvsjo",
            "Hägersten-Älvsjö",
            "HÄGERSTEN-ÄLVSJÖ STADSDELSNÄMND",
        ] {
            assert!(names(&council, given), "{given}");
        }
        let sodermalm = Council {
            id: "sodermalm".into(),
            name: "Södermalms stadsdelsnämnd".into(),
        };
        assert!(names(&sodermalm, "södermalm"));
        assert!(names(&sodermalm, "SÖDERMALMS STADSDELSNÄMND"));
        assert!(!names(&sodermalm, "kungsholmen"));
    }
}
