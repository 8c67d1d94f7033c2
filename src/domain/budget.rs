//! The council's economy for a year (*ekonomi*, DESIGN.md §4 `Budget`, DOMAIN.md §8): per
//! verksamhetsområde the budget, the *begärda budgetjusteringar*, the prognosis of each month
//! and tertial and the *bokslut* in the VB, all in mnkr netto; the whole nämnd's *intäkter* and
//! *kostnader*; the result units' surplus in and out (*resultatenheternas överskott*); the
//! investments; and the economy tables as the documents printed them, raw cells kept.
//!
//! Variance (*avvikelse*) = budget + adjustments − prognosis: positive is a surplus, negative a
//! deficit. Submodules: [`money`] (exact amounts in tkr), [`view`] (what a screen or the CLI
//! shows for one period), [`table`] (the printed tables and their arithmetic checks).

pub mod money;
pub mod table;
pub mod view;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::period::Period;
use super::text::collapse_whitespace;

pub use money::{Money, MoneyError, format_mnkr};
pub use table::{ColumnKind, EconomyTable, TableKind, TableRow};
pub use view::{AreaRow, EconomyView};

/// One line of the budget follow-up (*budgetrad*): an area, the nämnd's income or costs, an
/// investment.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct BudgetLine {
    /// *Budget* (netto) for the year.
    #[serde(default)]
    pub budget: Option<Money>,
    /// *Begärda budgetjusteringar*: adjustments asked for during the year.
    #[serde(default)]
    pub adjustments: Option<Money>,
    /// *Prognos* for the whole year as made in each month or tertial; in the VB the *bokslut*.
    #[serde(default)]
    pub forecasts: BTreeMap<Period, Money>,
}

impl BudgetLine {
    /// Budget plus adjustments, in tkr; `None` without a budget.
    pub fn adjusted_budget(&self) -> Option<i64> {
        let budget = self.budget.as_ref()?.tkr;
        Some(budget.saturating_add(self.adjustments.as_ref().map_or(0, |a| a.tkr)))
    }

    /// *Avvikelse* in `period`: budget + adjustments − prognosis, in tkr. Negative is a deficit.
    pub fn variance(&self, period: Period) -> Option<i64> {
        let forecast = self.forecasts.get(&period)?.tkr;
        Some(self.adjusted_budget()?.saturating_sub(forecast))
    }

    pub fn is_empty(&self) -> bool {
        self.budget.is_none() && self.adjustments.is_none() && self.forecasts.is_empty()
    }
}

/// A *verksamhetsområde* (or a "varav" part of one) with its budget line and analyses.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct BudgetArea {
    /// As the document names it: "Individ- och familjeomsorg", "varav vuxen".
    pub name: String,
    pub line: BudgetLine,
    /// The *analys* of the area's economy per period.
    #[serde(default)]
    pub analyses: BTreeMap<Period, String>,
    /// "varav …" rows: parts of this area, not added again to the total.
    #[serde(default)]
    pub children: Vec<BudgetArea>,
}

impl BudgetArea {
    pub fn new(name: &str) -> BudgetArea {
        BudgetArea {
            name: name.to_owned(),
            ..BudgetArea::default()
        }
    }
}

/// An investment (*investering*) with its budget line.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Investment {
    pub name: String,
    pub line: BudgetLine,
}

/// A council's economy for one year.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Economy {
    /// Per verksamhetsområde, in document order.
    #[serde(default)]
    pub areas: Vec<BudgetArea>,
    /// *Intäkter* of the whole nämnd (negative in T1 and VP22, positive in VP19: as printed).
    #[serde(default)]
    pub income: BudgetLine,
    /// *Kostnader* of the whole nämnd.
    #[serde(default)]
    pub costs: BudgetLine,
    /// *Resultatenheternas överskott* brought in from last year, per period that states it.
    #[serde(default)]
    pub result_units_in: BTreeMap<Period, Money>,
    /// *Resultatenheternas överskott* carried to next year (the document's sign), per period.
    #[serde(default)]
    pub result_units_out: BTreeMap<Period, Money>,
    #[serde(default)]
    pub investments: Vec<Investment>,
    /// The economy tables as printed, cell by cell (the record the model was read from).
    #[serde(default)]
    pub tables: Vec<EconomyTable>,
}

/// Why an economy edit cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EconomyError {
    #[error("verksamhetsområdet «{0}» finns inte i årets ekonomi")]
    UnknownArea(String),
    #[error("verksamhetsområdets namn är tomt")]
    EmptyName,
    #[error("ingen prognos i VP: välj en månad, T1, T2 eller VB (bokslut)")]
    NoForecastInPlan,
}

impl Economy {
    pub fn is_empty(&self) -> bool {
        self == &Economy::default()
    }

    /// Every area, depth first, with its depth (0 for a verksamhetsområde, 1 for "varav").
    pub fn areas_depth_first(&self) -> Vec<(usize, &BudgetArea)> {
        fn walk<'a>(area: &'a BudgetArea, depth: usize, out: &mut Vec<(usize, &'a BudgetArea)>) {
            out.push((depth, area));
            for child in &area.children {
                walk(child, depth + 1, out);
            }
        }
        let mut out = Vec::new();
        for area in &self.areas {
            walk(area, 0, &mut out);
        }
        out
    }

    /// The area called `name` at any depth, compared without case and diacritics.
    pub fn area(&self, name: &str) -> Option<&BudgetArea> {
        let wanted = name_key(name.trim());
        self.areas_depth_first()
            .into_iter()
            .map(|(_, area)| area)
            .find(|area| name_key(&area.name) == wanted)
    }

    /// Mutable access to the first area, at any depth, whose name `matches`.
    pub fn area_mut_by(&mut self, matches: impl Fn(&str) -> bool) -> Option<&mut BudgetArea> {
        fn find<'a>(
            areas: &'a mut [BudgetArea],
            matches: &dyn Fn(&str) -> bool,
        ) -> Option<&'a mut BudgetArea> {
            for area in areas {
                if matches(&area.name) {
                    return Some(area);
                }
                if let Some(found) = find(&mut area.children, matches) {
                    return Some(found);
                }
            }
            None
        }
        find(&mut self.areas, &matches)
    }

    /// Mutable access to the area called `name`, as [`Economy::area`].
    pub fn area_mut(&mut self, name: &str) -> Option<&mut BudgetArea> {
        fn find<'a>(areas: &'a mut [BudgetArea], wanted: &str) -> Option<&'a mut BudgetArea> {
            for area in areas {
                if name_key(&area.name) == wanted {
                    return Some(area);
                }
                if let Some(found) = find(&mut area.children, wanted) {
                    return Some(found);
                }
            }
            None
        }
        find(&mut self.areas, &name_key(name.trim()))
    }

    /// The periods with any prognosis, in time order.
    pub fn forecast_periods(&self) -> Vec<Period> {
        let mut periods: Vec<Period> = self
            .areas_depth_first()
            .into_iter()
            .flat_map(|(_, area)| area.line.forecasts.keys().copied())
            .chain(self.income.forecasts.keys().copied())
            .chain(self.costs.forecasts.keys().copied())
            .collect();
        periods.sort();
        periods.dedup();
        periods
    }

    /// Sets (or, with `None`, removes) an area's prognosis for `period`.
    pub fn set_forecast(
        &mut self,
        area: &str,
        period: Period,
        amount: Option<Money>,
    ) -> Result<(), EconomyError> {
        if period == Period::Plan {
            return Err(EconomyError::NoForecastInPlan);
        }
        let found = self
            .area_mut(area)
            .ok_or_else(|| EconomyError::UnknownArea(area.trim().to_owned()))?;
        match amount {
            Some(amount) => found.line.forecasts.insert(period, amount),
            None => found.line.forecasts.remove(&period),
        };
        Ok(())
    }

    /// Sets an area's budget and adjustments, adding the area (last) when it is new.
    pub fn set_budget(
        &mut self,
        area: &str,
        budget: Option<Money>,
        adjustments: Option<Money>,
    ) -> Result<(), EconomyError> {
        let name = crate::domain::text::sanitize_line(area.trim());
        if name.is_empty() {
            return Err(EconomyError::EmptyName);
        }
        if self.area(&name).is_none() {
            self.areas.push(BudgetArea::new(&name));
        }
        let found = self
            .area_mut(&name)
            .ok_or_else(|| EconomyError::UnknownArea(name.clone()))?;
        found.line.budget = budget;
        found.line.adjustments = adjustments;
        Ok(())
    }

    /// Sets (or, with an empty text, removes) an area's analysis for `period`.
    pub fn set_analysis(
        &mut self,
        area: &str,
        period: Period,
        text: &str,
    ) -> Result<(), EconomyError> {
        let found = self
            .area_mut(area)
            .ok_or_else(|| EconomyError::UnknownArea(area.trim().to_owned()))?;
        let text = crate::domain::text::sanitize(text.trim());
        if text.is_empty() {
            found.analyses.remove(&period);
        } else {
            found.analyses.insert(period, text);
        }
        Ok(())
    }

    /// Adds what `other` (another document of the same year) knows: areas are matched by
    /// name; its budget and prognoses win where it states them; its tables are added,
    /// replacing earlier tables of the same period.
    pub fn merge_from(&mut self, other: &Economy) {
        fn merge_line(into: &mut BudgetLine, from: &BudgetLine) {
            if from.budget.is_some() {
                into.budget.clone_from(&from.budget);
            }
            if from.adjustments.is_some() {
                into.adjustments.clone_from(&from.adjustments);
            }
            for (period, amount) in &from.forecasts {
                into.forecasts.insert(*period, amount.clone());
            }
        }
        fn merge_areas(into: &mut Vec<BudgetArea>, from: &[BudgetArea]) {
            for area in from {
                let key = name_key(&area.name);
                match into.iter_mut().find(|a| name_key(&a.name) == key) {
                    Some(existing) => {
                        merge_line(&mut existing.line, &area.line);
                        for (period, text) in &area.analyses {
                            existing.analyses.insert(*period, text.clone());
                        }
                        merge_areas(&mut existing.children, &area.children);
                    }
                    None => into.push(area.clone()),
                }
            }
        }
        merge_areas(&mut self.areas, &other.areas);
        merge_line(&mut self.income, &other.income);
        merge_line(&mut self.costs, &other.costs);
        for (period, amount) in &other.result_units_in {
            self.result_units_in.insert(*period, amount.clone());
        }
        for (period, amount) in &other.result_units_out {
            self.result_units_out.insert(*period, amount.clone());
        }
        for investment in &other.investments {
            match self
                .investments
                .iter_mut()
                .find(|i| name_key(&i.name) == name_key(&investment.name))
            {
                Some(existing) => merge_line(&mut existing.line, &investment.line),
                None => self.investments.push(investment.clone()),
            }
        }
        let periods: Vec<Period> = other.tables.iter().map(|t| t.period).collect();
        self.tables.retain(|t| !periods.contains(&t.period));
        self.tables.extend(other.tables.iter().cloned());
    }
}

/// How area names are compared: case and runs of spaces do not matter.
pub fn name_key(name: &str) -> String {
    collapse_whitespace(name.trim()).to_lowercase()
}

#[cfg(test)]
mod tests;
