//! [`Money`]: an amount of the economy tables (*belopp*), kept exactly in tkr (thousands of
//! kronor) as an integer, read from and written as Swedish mnkr ("2 439,5", "-353,2").
//! The document's own text of the cell is kept beside the number (DOMAIN.md §8: number slips
//! such as "858,60" or a lost minus sign must stay visible).

use serde::{Deserialize, Serialize};

use crate::domain::number::{NumberError, format_number, parse_number, parse_quantity_in};

/// An amount in tkr, with the cell text it was read from (`None` when a user typed it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Money {
    /// Thousands of kronor; 1 000 tkr = 1 mnkr.
    pub tkr: i64,
    /// The cell as the document printed it, when it came from a document.
    #[serde(default)]
    pub raw: Option<String>,
}

/// Why a text is not an amount in mnkr.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error(transparent)]
    Number(#[from] NumberError),
    #[error("«{0}»: ett belopp i mnkr har högst tre decimaler (tkr)")]
    TooPrecise(String),
    #[error("«{0}» är för stort för ett belopp i mnkr")]
    TooLarge(String),
    #[error("«{0}»: beloppet anges i mnkr; skriv t.ex. 12,3 eller 12,3 mnkr")]
    WrongUnit(String),
}

/// Largest amount accepted, in mnkr: far above any council's budget, far below overflow.
const MAX_MNKR: f64 = 1.0e9;

impl Money {
    /// An amount typed by a user or computed, without document text.
    pub fn from_tkr(tkr: i64) -> Money {
        Money { tkr, raw: None }
    }

    /// Parses Swedish mnkr ("2 439,5", "-0,8", "1071,1") into tkr, keeping `text` as raw
    /// only when `keep_raw`.
    pub fn parse_mnkr(text: &str) -> Result<Money, MoneyError> {
        Money::from_mnkr(parse_number(text)?, text)
    }

    /// Reads an amount a user typed: Swedish mnkr with "mnkr" after it or no unit
    /// ("−1,5", "12,3 mnkr", "1 080,5"), through the strict reader of typed values
    /// ([`parse_quantity_in`]: no line breaks, no other unit, no decimal point).
    pub fn parse_typed_mnkr(text: &str) -> Result<Money, MoneyError> {
        let quantity = parse_quantity_in(text, Some("mnkr")).map_err(|error| match error {
            NumberError::WrongUnit { typed, .. } => MoneyError::WrongUnit(typed),
            other => MoneyError::Number(other),
        })?;
        Money::from_mnkr(quantity.amount, text)
    }

    /// An amount in mnkr as tkr: at most three decimals, within [`MAX_MNKR`].
    fn from_mnkr(amount: f64, text: &str) -> Result<Money, MoneyError> {
        if amount.abs() > MAX_MNKR {
            return Err(MoneyError::TooLarge(text.trim().to_owned()));
        }
        let tkr = amount * 1000.0;
        let rounded = tkr.round();
        if (tkr - rounded).abs() > 1e-6 {
            return Err(MoneyError::TooPrecise(text.trim().to_owned()));
        }
        // In range (checked above) and whole, so the cast is exact.
        Ok(Money::from_tkr(rounded as i64))
    }

    /// As [`Money::parse_mnkr`], remembering the document's cell text.
    pub fn from_cell(text: &str) -> Result<Money, MoneyError> {
        let mut money = Money::parse_mnkr(text)?;
        money.raw = Some(crate::domain::text::sanitize_line(text.trim()));
        Ok(money)
    }

    /// The amount in mnkr as a float, for shares and charts only.
    pub fn mnkr(&self) -> f64 {
        self.tkr as f64 / 1000.0
    }

    /// "2 439,5": Swedish mnkr with one decimal (more only when the amount has them).
    pub fn format(&self) -> String {
        format_mnkr(self.tkr)
    }
}

/// Formats tkr as Swedish mnkr: one decimal always ("0,0", "-15,0"), up to three when the
/// amount needs them.
pub fn format_mnkr(tkr: i64) -> String {
    let mnkr = tkr as f64 / 1000.0;
    let text = format_number(mnkr, 3);
    if text.contains(',') {
        text
    } else {
        format!("{text},0")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_documents_amounts_exactly() {
        assert_eq!(Money::parse_mnkr("2439,5").map(|m| m.tkr), Ok(2_439_500));
        assert_eq!(Money::parse_mnkr("-353,2").map(|m| m.tkr), Ok(-353_200));
        assert_eq!(Money::parse_mnkr("2 838,2").map(|m| m.tkr), Ok(2_838_200));
        assert_eq!(Money::parse_mnkr("858,60").map(|m| m.tkr), Ok(858_600));
        assert_eq!(Money::parse_mnkr("623").map(|m| m.tkr), Ok(623_000));
        assert_eq!(Money::parse_mnkr("0,0").map(|m| m.tkr), Ok(0));
        let cell = Money::from_cell(" 858,60 ").expect("valid");
        assert_eq!(cell.raw.as_deref(), Some("858,60"));
    }

    #[test]
    fn refuses_what_is_not_an_amount() {
        assert!(matches!(
            Money::parse_mnkr("12.4"),
            Err(MoneyError::Number(NumberError::DecimalPoint(_)))
        ));
        assert!(matches!(
            Money::parse_mnkr("1,2345"),
            Err(MoneyError::TooPrecise(_))
        ));
        assert!(matches!(
            Money::parse_mnkr(&"9".repeat(12)),
            Err(MoneyError::TooLarge(_))
        ));
        // Beyond exact representation the number itself is refused (issue 12).
        assert!(matches!(
            Money::parse_mnkr(&"9".repeat(20)),
            Err(MoneyError::Number(_))
        ));
        assert!(Money::parse_mnkr("").is_err());
    }

    #[test]
    fn reads_what_a_user_types() {
        assert_eq!(Money::parse_typed_mnkr("−1,5").map(|m| m.tkr), Ok(-1_500));
        assert_eq!(
            Money::parse_typed_mnkr("12,3 mnkr").map(|m| m.tkr),
            Ok(12_300)
        );
        assert_eq!(
            Money::parse_typed_mnkr("1 080,5").map(|m| m.tkr),
            Ok(1_080_500)
        );
        assert_eq!(
            Money::parse_typed_mnkr("12,3 MNKR").map(|m| m.tkr),
            Ok(12_300)
        );
        assert!(matches!(
            Money::parse_typed_mnkr("12,3 tkr"),
            Err(MoneyError::WrongUnit(_))
        ));
        assert!(matches!(
            Money::parse_typed_mnkr("12.3"),
            Err(MoneyError::Number(NumberError::DecimalPoint(_)))
        ));
        assert!(matches!(
            Money::parse_typed_mnkr("1\n2"),
            Err(MoneyError::Number(NumberError::LineBreak))
        ));
        assert!(Money::parse_typed_mnkr("").is_err());
        assert!(Money::parse_typed_mnkr("abc").is_err());
        assert!(Money::parse_typed_mnkr("1,2345").is_err());
    }

    #[test]
    fn formats_as_mnkr_with_a_decimal() {
        assert_eq!(format_mnkr(2_439_500), "2 439,5");
        assert_eq!(format_mnkr(-15_000), "-15,0");
        assert_eq!(format_mnkr(0), "0,0");
        assert_eq!(format_mnkr(858_600), "858,6");
        assert_eq!(format_mnkr(1_234), "1,234");
    }
}
