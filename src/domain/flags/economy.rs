//! Deficit flags of the economy (*underskott*, DESIGN.md §2 Ekonomi): a verksamhetsområde
//! whose prognosis (the bokslut in the VB) for a period shows a deficit larger than a share of
//! its budget + adjustments, and the nämnd as a whole on the same rule. They belong in *Att
//! åtgärda* beside the indicator flags. Pure: computed from an [`Economy`](crate::domain::budget::Economy) and a [`Period`].

use serde::Serialize;

use crate::domain::Period;
use crate::domain::budget::{Economy, EconomyView, format_mnkr};
use crate::domain::number::format_number;

/// The share of budget a deficit must exceed to be flagged unless configured: 1 %.
pub const DEFAULT_DEFICIT_SHARE: f64 = 0.01;

/// One flagged deficit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EconomyFlag {
    /// The verksamhetsområde, or "Nämnden totalt".
    pub area: String,
    /// Whether this is the whole nämnd.
    pub total: bool,
    /// The deficit in tkr, as a positive amount.
    pub deficit_tkr: i64,
    /// Budget + adjustments in tkr.
    pub budget_tkr: i64,
    /// The deficit as a share of budget + adjustments (0.066 = 6,6 %); `None` without budget.
    pub share: Option<f64>,
    /// A Swedish sentence.
    pub message: String,
}

/// Why a configured share is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("«{0}»: andelen av budgeten ska vara ett tal från 0 till 100 (procent), t.ex. 1 eller 0,5")]
pub struct ShareError(pub String);

/// Reads a share typed in per cent ("1", "0,5", "2 %") as a fraction.
pub fn parse_share_percent(text: &str) -> Result<f64, ShareError> {
    let trimmed = text.trim().trim_end_matches('%').trim();
    let percent = crate::domain::number::parse_number(trimmed)
        .map_err(|_| ShareError(text.trim().to_owned()))?;
    if !(0.0..=100.0).contains(&percent) {
        return Err(ShareError(text.trim().to_owned()));
    }
    Ok(percent / 100.0)
}

fn flag(
    area: &str,
    total: bool,
    variance: i64,
    budget: i64,
    period: Period,
    share: f64,
) -> Option<EconomyFlag> {
    if variance >= 0 {
        return None;
    }
    let deficit = -variance;
    let of_budget = (budget != 0).then(|| deficit as f64 / budget.abs() as f64);
    if of_budget.is_some_and(|s| s <= share) {
        return None;
    }
    let what = if period == Period::AnnualReport {
        "bokslutet"
    } else {
        "prognosen"
    };
    let message = match of_budget {
        Some(s) => format!(
            "Underskott {} mnkr i {what} {} ({} % av budget {} mnkr)",
            format_mnkr(deficit),
            period.label(),
            format_number(s * 100.0, 1),
            format_mnkr(budget)
        ),
        None => format!(
            "Underskott {} mnkr i {what} {} utan budget",
            format_mnkr(deficit),
            period.label()
        ),
    };
    Some(EconomyFlag {
        area: area.to_owned(),
        total,
        deficit_tkr: deficit,
        budget_tkr: budget,
        share: of_budget,
        message,
    })
}

/// Every verksamhetsområde (not its "varav" parts) with a deficit beyond `share` of its
/// budget in `period`, in document order, then the nämnd's total when it is beyond too.
pub fn economy_flags(economy: &Economy, period: Period, share: f64) -> Vec<EconomyFlag> {
    let view = EconomyView::build(economy, period);
    let mut flags: Vec<EconomyFlag> = view
        .rows
        .iter()
        .filter(|row| row.depth == 0)
        .filter_map(|row| {
            let budget = row.budget? + row.adjustments.unwrap_or(0);
            flag(&row.name, false, row.variance?, budget, period, share)
        })
        .collect();
    let total_budget: i64 = view
        .rows
        .iter()
        .filter(|r| r.depth == 0 && r.variance.is_some())
        .filter_map(|r| r.budget.map(|b| b + r.adjustments.unwrap_or(0)))
        .sum();
    if let Some(variance) = view.total.variance
        && let Some(total) = flag(
            "Nämnden totalt",
            true,
            variance,
            total_budget,
            period,
            share,
        )
    {
        flags.push(total);
    }
    flags
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::budget::{BudgetArea, Money};

    fn area(name: &str, budget: &str, forecast: &str) -> BudgetArea {
        let mut area = BudgetArea::new(name);
        area.line.budget = Money::parse_mnkr(budget).ok();
        area.line.forecasts.insert(
            Period::Month(4),
            Money::parse_mnkr(forecast).expect("amount"),
        );
        area
    }

    fn economy() -> Economy {
        Economy {
            areas: vec![
                // 1,0 of 100,0 is exactly 1 %: not beyond it.
                area("Förskola", "100,0", "101,0"),
                // 1,1 of 100,0 is beyond 1 %.
                area("Äldreomsorg", "100,0", "101,1"),
                // A surplus is never flagged.
                area("Stadsmiljö", "50,0", "40,0"),
            ],
            ..Economy::default()
        }
    }

    #[test]
    fn a_deficit_beyond_the_share_is_flagged_with_its_amount() {
        let flags = economy_flags(&economy(), Period::Month(4), DEFAULT_DEFICIT_SHARE);
        assert_eq!(flags.len(), 1, "{flags:?}");
        assert_eq!(flags[0].area, "Äldreomsorg");
        assert_eq!(flags[0].deficit_tkr, 1_100);
        assert_eq!(
            flags[0].message,
            "Underskott 1,1 mnkr i prognosen M4 (1,1 % av budget 100,0 mnkr)"
        );
    }

    #[test]
    fn the_threshold_is_configurable_and_the_total_is_flagged_too() {
        let mut economy = economy();
        economy.areas[2] = area("Stadsmiljö", "50,0", "50,0");
        let flags = economy_flags(&economy, Period::Month(4), 0.005);
        let names: Vec<&str> = flags.iter().map(|f| f.area.as_str()).collect();
        assert_eq!(names, vec!["Förskola", "Äldreomsorg", "Nämnden totalt"]);
        let total = &flags[2];
        assert!(total.total);
        assert_eq!(total.deficit_tkr, 2_100);
        assert_eq!(total.budget_tkr, 250_000);
        // 2,1 of 250,0 is 0,84 %: under 1 %, so the default flags only Äldreomsorg.
        assert_eq!(
            economy_flags(&economy, Period::Month(4), DEFAULT_DEFICIT_SHARE).len(),
            1
        );
        // Before any prognosis there is nothing to flag.
        assert!(economy_flags(&economy, Period::Month(3), 0.0).is_empty());
    }

    #[test]
    fn shares_are_typed_in_per_cent() {
        assert_eq!(parse_share_percent("1"), Ok(0.01));
        assert_eq!(parse_share_percent("0,5 %"), Ok(0.005));
        assert!(parse_share_percent("-1").is_err());
        assert!(parse_share_percent("abc").is_err());
        assert!(parse_share_percent("101").is_err());
    }
}
