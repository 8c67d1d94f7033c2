//! The economy and the month periods of a council-year in the store: reading them, and
//! applying [`EconomyChange`], [`Change::AddMonth`] and [`Change::RemoveMonth`] each as one
//! transaction with its audit entry (the whole economy before and after, so any edit undoes).
//!
//! Trees (keys as in [`keys`]): `economy` `[council u32][year u16]` → `EconomyRecord`;
//! `months` `[council u32][year u16]` → `MonthsRecord`.

use serde::{Deserialize, Serialize};
use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, abort};

use super::audit::{Actor, AuditEntry};
use super::change::{Change, Snapshot};
use super::codec;
use super::records::{EconomyRecord, MonthsRecord};
use super::{Store, StoreError, apply, keys};
use crate::domain::Period;
use crate::domain::budget::{Economy, Money, format_mnkr};

/// One edit of a council-year's economy (*ekonomi*).
// PutEconomy carries a whole economy; changes are made one at a time, size is moot.
#[allow(clippy::large_enum_variant)]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub enum EconomyChange {
    /// An area's *prognos* in a month or tertial (the *bokslut* in the VB); `None` clears it.
    SetAreaForecast {
        council: String,
        year: u16,
        area: String,
        period: Period,
        amount: Option<Money>,
    },
    /// An area's *budget* and *begärda budgetjusteringar*; a new name adds the area.
    SetAreaBudget {
        council: String,
        year: u16,
        area: String,
        budget: Option<Money>,
        adjustments: Option<Money>,
    },
    /// An area's economic *analys* in a period; empty text clears it.
    SetAreaAnalysis {
        council: String,
        year: u16,
        area: String,
        period: Period,
        text: String,
    },
    /// The whole economy at once: the undo of any of the above.
    PutEconomy {
        council: String,
        year: u16,
        economy: Economy,
    },
}

impl EconomyChange {
    pub fn council(&self) -> &str {
        match self {
            EconomyChange::SetAreaForecast { council, .. }
            | EconomyChange::SetAreaBudget { council, .. }
            | EconomyChange::SetAreaAnalysis { council, .. }
            | EconomyChange::PutEconomy { council, .. } => council,
        }
    }

    pub fn year(&self) -> u16 {
        match self {
            EconomyChange::SetAreaForecast { year, .. }
            | EconomyChange::SetAreaBudget { year, .. }
            | EconomyChange::SetAreaAnalysis { year, .. }
            | EconomyChange::PutEconomy { year, .. } => *year,
        }
    }

    /// A Swedish one-liner: "Prognos för Äldreomsorg M4 2020: 1 063,1 mnkr".
    pub fn describe(&self) -> String {
        let amount = |money: &Option<Money>| match money {
            Some(money) => format!("{} mnkr", format_mnkr(money.tkr)),
            None => "tom".to_owned(),
        };
        match self {
            EconomyChange::SetAreaForecast {
                area,
                period,
                year,
                amount: value,
                ..
            } => {
                let what = if *period == Period::AnnualReport {
                    "Bokslut"
                } else {
                    "Prognos"
                };
                format!("{what} för {area} {period} {year}: {}", amount(value))
            }
            EconomyChange::SetAreaBudget {
                area,
                year,
                budget,
                adjustments,
                ..
            } => format!(
                "Budget för {area} {year}: {}, justeringar {}",
                amount(budget),
                amount(adjustments)
            ),
            EconomyChange::SetAreaAnalysis {
                area, period, year, ..
            } => format!("Ekonomisk analys för {area} {period} {year}"),
            EconomyChange::PutEconomy { year, .. } => format!("Ekonomin {year}"),
        }
    }

    /// Applies the edit to `economy`, or says in Swedish why it cannot be made.
    pub fn apply_to(&self, economy: &mut Economy) -> Result<(), StoreError> {
        let invalid = |error: crate::domain::budget::EconomyError| {
            StoreError::InvalidEconomyEdit(error.to_string())
        };
        match self {
            EconomyChange::SetAreaForecast {
                area,
                period,
                amount,
                ..
            } => {
                check_period(*period)?;
                economy
                    .set_forecast(area, *period, amount.clone())
                    .map_err(invalid)
            }
            EconomyChange::SetAreaBudget {
                area,
                budget,
                adjustments,
                ..
            } => economy
                .set_budget(area, budget.clone(), adjustments.clone())
                .map_err(invalid),
            EconomyChange::SetAreaAnalysis {
                area, period, text, ..
            } => {
                check_period(*period)?;
                economy.set_analysis(area, *period, text).map_err(invalid)
            }
            EconomyChange::PutEconomy { economy: new, .. } => {
                economy.clone_from(new);
                Ok(())
            }
        }
    }

    /// The edit that puts back `before`, the economy this one replaced.
    pub fn undo(&self, before: Option<&Snapshot>) -> Option<Change> {
        let economy = match before {
            Some(Snapshot::Economy(economy)) => (**economy).clone(),
            _ => return None,
        };
        Some(Change::Economy(EconomyChange::PutEconomy {
            council: self.council().to_owned(),
            year: self.year(),
            economy,
        }))
    }
}

fn check_period(period: Period) -> Result<(), StoreError> {
    if Period::from_ordinal(period.ordinal()) == Some(period) {
        Ok(())
    } else {
        Err(StoreError::InvalidPeriod(period.label()))
    }
}

fn fail<T>(error: StoreError) -> Result<T, ConflictableTransactionError<StoreError>> {
    abort(error)
}

impl Store {
    /// A council-year's economy; empty when none is stored, `None` for an unknown year.
    pub fn economy(&self, council: &str, year: u16) -> Result<Option<Economy>, StoreError> {
        let Some((key, _)) = self.council_record(council)? else {
            return Ok(None);
        };
        let year_key = keys::year_key(key, year);
        if self.years.get(year_key)?.is_none() {
            return Ok(None);
        }
        Ok(Some(self.stored_economy(&year_key)?))
    }

    pub(super) fn stored_economy(&self, year_key: &[u8]) -> Result<Economy, StoreError> {
        Ok(match self.economy.get(year_key)? {
            Some(bytes) => {
                let EconomyRecord::V1(economy) = self.decode(&bytes)?;
                economy
            }
            None => Economy::default(),
        })
    }

    pub(super) fn stored_months(&self, year_key: &[u8]) -> Result<Vec<u8>, StoreError> {
        Ok(match self.months.get(year_key)? {
            Some(bytes) => {
                let MonthsRecord::V1(months) = self.decode(&bytes)?;
                months
            }
            None => Vec::new(),
        })
    }

    /// Applies an economy edit with its audit entry.
    pub(super) fn apply_economy_change(
        &self,
        change: &Change,
        edit: &EconomyChange,
        actor: &Actor,
        at: String,
    ) -> Result<AuditEntry, StoreError> {
        let council = edit.council().to_owned();
        let year = edit.year();
        let (council_key, _) = self
            .council_record(&council)?
            .ok_or_else(|| StoreError::UnknownCouncil(council.clone()))?;
        let year_key = keys::year_key(council_key, year);
        // Checked before the transaction too, so a refused edit says why in Swedish at once.
        edit.apply_to(&mut self.stored_economy(&year_key)?)?;
        let entry = (&self.meta, &self.years, &self.economy, &self.audit).transaction(
            |(meta, years, economies, audit)| {
                if years.get(year_key)?.is_none() {
                    return fail(StoreError::UnknownYear {
                        council: council.clone(),
                        year,
                    });
                }
                let before = match economies.get(year_key)? {
                    Some(bytes) => {
                        let EconomyRecord::V1(economy) = codec::decode(&bytes).or_else(fail)?;
                        economy
                    }
                    None => Economy::default(),
                };
                let mut after = before.clone();
                edit.apply_to(&mut after).or_else(fail)?;
                if after.is_empty() {
                    economies.remove(&year_key)?;
                } else {
                    let bytes = codec::encode(&EconomyRecord::V1(after.clone())).or_else(fail)?;
                    economies.insert(&year_key, bytes)?;
                }
                let entry = AuditEntry {
                    seq: 0,
                    actor: actor.clone(),
                    at: at.clone(),
                    change: change.clone(),
                    before: Some(Snapshot::Economy(Box::new(before))),
                    after: Some(Snapshot::Economy(Box::new(after))),
                };
                apply::write_audit(meta, audit, entry)
            },
        )?;
        Ok(entry)
    }

    /// Adds (`add`) or removes a month period of a council-year, with its audit entry.
    pub(super) fn apply_month_change(
        &self,
        change: &Change,
        (council, year, month): (&str, u16, u8),
        add: bool,
        actor: &Actor,
        at: String,
    ) -> Result<AuditEntry, StoreError> {
        if !(1..=12).contains(&month) {
            return Err(StoreError::InvalidPeriod(format!("M{month}")));
        }
        let (council_key, _) = self
            .council_record(council)?
            .ok_or_else(|| StoreError::UnknownCouncil(council.to_owned()))?;
        let year_key = keys::year_key(council_key, year);
        let entry = (&self.meta, &self.years, &self.months, &self.audit).transaction(
            |(meta, years, months, audit)| {
                if years.get(year_key)?.is_none() {
                    return fail(StoreError::UnknownYear {
                        council: council.to_owned(),
                        year,
                    });
                }
                let before = match months.get(year_key)? {
                    Some(bytes) => {
                        let MonthsRecord::V1(list) = codec::decode(&bytes).or_else(fail)?;
                        list
                    }
                    None => Vec::new(),
                };
                let present = before.contains(&month);
                let name = Period::Month(month).name().to_lowercase();
                if add && present {
                    return fail(StoreError::InvalidPlanYear(format!(
                        "{name} {year} finns redan som period"
                    )));
                }
                if !add && !present {
                    return fail(StoreError::InvalidPlanYear(format!(
                        "{name} {year} är ingen tillagd period"
                    )));
                }
                let mut after: Vec<u8> = before.iter().copied().filter(|m| *m != month).collect();
                if add {
                    after.push(month);
                    after.sort_unstable();
                }
                if after.is_empty() {
                    months.remove(&year_key)?;
                } else {
                    let bytes = codec::encode(&MonthsRecord::V1(after.clone())).or_else(fail)?;
                    months.insert(&year_key, bytes)?;
                }
                let entry = AuditEntry {
                    seq: 0,
                    actor: actor.clone(),
                    at: at.clone(),
                    change: change.clone(),
                    before: Some(Snapshot::Months(before)),
                    after: Some(Snapshot::Months(after)),
                };
                apply::write_audit(meta, audit, entry)
            },
        )?;
        Ok(entry)
    }
}
