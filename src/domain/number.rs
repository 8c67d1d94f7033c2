//! Swedish numbers: decimal comma, a space (or NBSP) as thousands separator, an optional unit.
//! "1 050 st", "0,56 %", "96,9  %", "75%", "-1 %", "12,4".

use serde::{Deserialize, Serialize};

/// A number with its unit, e.g. `0,56 %` or `1 050 st`. A missing unit is `None`
/// (indexes, ratios, and cells whose unit the document left off).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    pub amount: f64,
    pub unit: Option<String>,
}

/// Why a text is not a Swedish number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NumberError {
    #[error("värdet är tomt: skriv ett tal, t.ex. 1 050 eller 0,56 %")]
    Empty,
    #[error("«{0}» är inget tal: skriv t.ex. 1 050, 12,4 eller 0,56 %")]
    NotANumber(String),
    #[error("«{0}»: använd decimalkomma (12,4), inte decimalpunkt")]
    DecimalPoint(String),
    #[error("«{0}»: tusentalsavgränsaren ska stå före grupper om tre siffror (1 050)")]
    BadGrouping(String),
    #[error("«{0}» är för stort för att räknas med: skriv ett tal med högst 300 siffror")]
    TooLarge(String),
    #[error(
        "«{0}» har fler än {MAX_SIGNIFICANT_DIGITS} siffror och kan inte sparas exakt: avrunda talet"
    )]
    TooPrecise(String),
    #[error("värdet innehåller en radbrytning: skriv ett tal på en rad, t.ex. 1 050")]
    LineBreak,
    #[error("«{0}»: skriv talet utan exponent (t.ex. 1 000 000, inte 1e6)")]
    Exponent(String),
    #[error("«{typed}»: indikatorn mäts i {expected}; skriv värdet i {expected} eller utan enhet")]
    WrongUnit { typed: String, expected: String },
    #[error("«{0}»: toleransen är en andel i procent mellan 0 och 100, t.ex. 20 eller 12,5 %")]
    BadTolerance(String),
}

/// Digits an `f64` holds exactly in every case: a number with more is refused, not rounded.
pub const MAX_SIGNIFICANT_DIGITS: usize = 15;

/// Refuses a typed text with a line break inside it (a pasted "1⏎2" is not 12).
pub fn reject_line_breaks(text: &str) -> Result<(), NumberError> {
    if text
        .trim_matches(is_space)
        .contains(['\n', '\r', '\u{2028}', '\u{2029}'])
    {
        Err(NumberError::LineBreak)
    } else {
        Ok(())
    }
}

/// Significant digits of a digit string with an optional '.': leading zeros of the whole
/// and trailing zeros of the fraction do not count.
fn significant_digits(canonical: &str) -> usize {
    let (integer, fraction) = canonical.split_once('.').unwrap_or((canonical, ""));
    let fraction = fraction.trim_end_matches('0');
    let digits: String = format!("{integer}{fraction}");
    let digits = digits.trim_start_matches('0');
    if fraction.is_empty() {
        // Trailing zeros of a whole number are exact (1 000 000 000 000 000 000).
        digits.trim_end_matches('0').len()
    } else {
        digits.len()
    }
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}'
}

/// Parses a Swedish number without unit: "1 050", "0,56", "-1", "+3", "−2,5".
pub fn parse_number(text: &str) -> Result<f64, NumberError> {
    let trimmed = text.trim_matches(is_space);
    if trimmed.is_empty() {
        return Err(NumberError::Empty);
    }
    let not_a_number = || NumberError::NotANumber(trimmed.to_owned());
    let (negative, body) = match trimmed.chars().next() {
        Some('-' | '−' | '–') => (
            true,
            trimmed[trimmed.chars().next().map_or(1, char::len_utf8)..]
                .trim_start_matches(is_space),
        ),
        Some('+') => (false, trimmed[1..].trim_start_matches(is_space)),
        _ => (false, trimmed),
    };
    let (integer, fraction) = match body.split_once(',') {
        Some((integer, fraction)) => (integer, Some(fraction)),
        None => (body, None),
    };
    if fraction.is_none() && integer.contains('.') {
        let digits_and_dot = integer.chars().all(|c| c.is_ascii_digit() || c == '.');
        if digits_and_dot && integer.matches('.').count() == 1 {
            return Err(NumberError::DecimalPoint(trimmed.to_owned()));
        }
        return Err(not_a_number());
    }
    let groups: Vec<&str> = integer.split(is_space).filter(|g| !g.is_empty()).collect();
    if groups.is_empty()
        || groups
            .iter()
            .any(|g| !g.chars().all(|c| c.is_ascii_digit()))
    {
        return Err(not_a_number());
    }
    if groups.len() > 1 && (groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3)) {
        return Err(NumberError::BadGrouping(trimmed.to_owned()));
    }
    let mut canonical: String = groups.concat();
    if let Some(fraction) = fraction {
        if fraction.is_empty() || !fraction.chars().all(|c| c.is_ascii_digit()) {
            return Err(not_a_number());
        }
        canonical.push('.');
        canonical.push_str(fraction);
    }
    if significant_digits(&canonical) > MAX_SIGNIFICANT_DIGITS {
        return Err(NumberError::TooPrecise(trimmed.to_owned()));
    }
    let magnitude: f64 = canonical.parse().map_err(|_| not_a_number())?;
    // Past about 309 digits the parse gives infinity, which no comparison or sum survives.
    if !magnitude.is_finite() {
        return Err(NumberError::TooLarge(trimmed.to_owned()));
    }
    Ok(if negative { -magnitude } else { magnitude })
}

/// Parses a number with an optional unit after it: "1 050 st", "96,9  %", "75%",
/// "12,7 barn/avd.", "1,4 kg CO2 per kg livsmedel".
pub fn parse_quantity(text: &str) -> Result<Quantity, NumberError> {
    let trimmed = text.trim_matches(is_space);
    if trimmed.is_empty() {
        return Err(NumberError::Empty);
    }
    // The number is the longest prefix of sign, digits, spaces and one comma that parses;
    // what follows is the unit. A unit never starts with a digit.
    let numeric_end = trimmed
        .char_indices()
        .find(|&(i, c)| {
            !(c.is_ascii_digit()
                || is_space(c)
                || c == ','
                || (i == 0 && matches!(c, '-' | '+' | '−' | '–')))
        })
        .map_or(trimmed.len(), |(i, _)| i);
    let (number, unit) = trimmed.split_at(numeric_end);
    if unit.starts_with('.') && number.chars().last().is_some_and(|c| c.is_ascii_digit()) {
        return Err(NumberError::DecimalPoint(trimmed.to_owned()));
    }
    // "1e309" is not 1 in the unit "e309".
    let mut unit_chars = unit.chars();
    if matches!(unit_chars.next(), Some('e' | 'E'))
        && unit_chars
            .next()
            .is_some_and(|c| c.is_ascii_digit() || c == '+' || c == '-')
    {
        return Err(NumberError::Exponent(trimmed.to_owned()));
    }
    let amount = parse_number(number).map_err(|error| match error {
        NumberError::Empty => NumberError::NotANumber(trimmed.to_owned()),
        other => other,
    })?;
    let unit = collapse_spaces(unit);
    Ok(Quantity {
        amount,
        unit: if unit.is_empty() { None } else { Some(unit) },
    })
}

/// Whether two units are the same one as written: case and spacing aside.
pub fn same_unit(a: &str, b: &str) -> bool {
    collapse_spaces(a).to_lowercase() == collapse_spaces(b).to_lowercase()
}

/// Parses a number typed for an indicator measured in `expected`: a unit, when given, must
/// be that one ("5 kr" on a % indicator is refused); without one the indicator's is used.
pub fn parse_quantity_in(text: &str, expected: Option<&str>) -> Result<Quantity, NumberError> {
    reject_line_breaks(text)?;
    let mut quantity = parse_quantity(text)?;
    match (expected, &quantity.unit) {
        (Some(expected), Some(typed)) if !same_unit(expected, typed) => {
            return Err(NumberError::WrongUnit {
                typed: text.trim().to_owned(),
                expected: expected.to_owned(),
            });
        }
        (Some(expected), None) => quantity.unit = Some(expected.to_owned()),
        _ => {}
    }
    Ok(quantity)
}

/// Reads a tolerance typed as a percentage ("20", "20 %", "12,5"): a fraction 0 … 1.
/// Anything after the number but a "%" is refused.
pub fn parse_tolerance_percent(text: &str) -> Result<f64, NumberError> {
    reject_line_breaks(text)?;
    let quantity = parse_quantity(text)?;
    let percent_or_none = quantity.unit.as_deref().is_none_or(|unit| unit == "%");
    if !percent_or_none || !(0.0..=100.0).contains(&quantity.amount) {
        return Err(NumberError::BadTolerance(text.trim().to_owned()));
    }
    Ok(quantity.amount / 100.0)
}

/// A question to ask before storing a value that is possible but unlikely: a share over
/// 100 % or below 0 %, a negative count ("st"). `None`: store without asking.
pub fn needs_confirmation(quantity: &Quantity) -> Option<String> {
    let amount = format_number(quantity.amount, 2);
    if quantity.is_percent() && !(0.0..=100.0).contains(&quantity.amount) {
        return Some(format!(
            "{amount} % är en andel utanför 0–100 %. Spara ändå?"
        ));
    }
    let counts = quantity.unit.as_deref().is_some_and(|unit| {
        matches!(
            unit.to_lowercase().as_str(),
            "st" | "st." | "antal" | "personer" | "barn"
        )
    });
    if counts && quantity.amount < 0.0 {
        return Some(format!("{amount} är ett negativt antal. Spara ändå?"));
    }
    None
}

fn collapse_spaces(text: &str) -> String {
    text.split(is_space)
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Formats a number the Swedish way: "1 050", "0,56", "-2,5". At most `decimals` decimals,
/// trailing zeros dropped.
pub fn format_number(amount: f64, decimals: usize) -> String {
    if !amount.is_finite() {
        return "–".to_owned();
    }
    let fixed = format!("{:.*}", decimals, amount.abs());
    let (integer, fraction) = match fixed.split_once('.') {
        Some((integer, fraction)) => (integer, fraction.trim_end_matches('0')),
        None => (fixed.as_str(), ""),
    };
    let mut grouped = String::with_capacity(integer.len() + integer.len() / 3 + fraction.len() + 2);
    for (i, digit) in integer.chars().enumerate() {
        if i > 0 && (integer.len() - i) % 3 == 0 {
            grouped.push(' ');
        }
        grouped.push(digit);
    }
    if !fraction.is_empty() {
        grouped.push(',');
        grouped.push_str(fraction);
    }
    let is_zero = grouped.chars().all(|c| c == '0' || c == ' ' || c == ',');
    if amount < 0.0 && !is_zero {
        format!("-{grouped}")
    } else {
        grouped
    }
}

impl Quantity {
    pub fn new(amount: f64, unit: Option<&str>) -> Self {
        Quantity {
            amount,
            unit: unit.map(str::to_owned),
        }
    }

    /// "1 050 st", "0,56 %", "82".
    pub fn format(&self) -> String {
        self.format_with_decimals(2)
    }

    /// As [`Quantity::format`], with at most `decimals` decimals.
    pub fn format_with_decimals(&self, decimals: usize) -> String {
        let number = format_number(self.amount, decimals);
        match &self.unit {
            Some(unit) => format!("{number} {unit}"),
            None => number,
        }
    }

    pub fn is_percent(&self) -> bool {
        self.unit
            .as_deref()
            .is_some_and(|unit| unit.starts_with('%'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quantity(text: &str) -> Quantity {
        parse_quantity(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    #[test]
    fn refuses_what_it_cannot_store_exactly() {
        assert_eq!(
            parse_quantity("1e309"),
            Err(NumberError::Exponent("1e309".to_owned()))
        );
        assert!(matches!(
            parse_quantity("2E-3 %"),
            Err(NumberError::Exponent(_))
        ));
        assert_eq!(
            parse_quantity_in("1\n234", None),
            Err(NumberError::LineBreak)
        );
        assert_eq!(
            parse_quantity_in("1\r\n2", Some("%")),
            Err(NumberError::LineBreak)
        );
        assert!(matches!(
            parse_number("1234567890123456"),
            Err(NumberError::TooPrecise(_))
        ));
        assert!(matches!(
            parse_number("0,1234567890123456"),
            Err(NumberError::TooPrecise(_))
        ));
        assert_eq!(parse_number("123456789012345"), Ok(123_456_789_012_345.0));
        assert_eq!(parse_number("1 000 000 000 000 000 000"), Ok(1e18));
        assert_eq!(parse_number("0,50000000000000000"), Ok(0.5));
        assert!(
            NumberError::TooPrecise("x".into())
                .to_string()
                .contains("avrunda"),
            "the message says what to do"
        );
    }

    #[test]
    fn a_typed_unit_must_be_the_indicators() {
        assert_eq!(
            parse_quantity_in("5 kr", Some("%")),
            Err(NumberError::WrongUnit {
                typed: "5 kr".to_owned(),
                expected: "%".to_owned()
            })
        );
        assert_eq!(
            parse_quantity_in("5", Some("%")),
            Ok(Quantity::new(5.0, Some("%")))
        );
        assert_eq!(
            parse_quantity_in("5 ST", Some("st")),
            Ok(Quantity::new(5.0, Some("ST")))
        );
        assert_eq!(
            parse_quantity_in("5 kr", None),
            Ok(Quantity::new(5.0, Some("kr")))
        );
    }

    #[test]
    fn tolerance_takes_a_percentage_and_nothing_after_it() {
        assert_eq!(parse_tolerance_percent("20"), Ok(0.2));
        assert_eq!(parse_tolerance_percent("12,5 %"), Ok(0.125));
        for bad in ["20 procent", "20 %x", "150", "-1", "20 kr", "2\n0"] {
            assert!(parse_tolerance_percent(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn unlikely_values_ask_first() {
        assert!(needs_confirmation(&Quantity::new(101.0, Some("%"))).is_some());
        assert!(needs_confirmation(&Quantity::new(-3.0, Some("st"))).is_some());
        assert!(needs_confirmation(&Quantity::new(100.0, Some("%"))).is_none());
        assert!(needs_confirmation(&Quantity::new(-3.0, Some("kr"))).is_none());
    }

    #[test]
    fn parses_every_document_format() {
        assert_eq!(quantity("1 050 st"), Quantity::new(1050.0, Some("st")));
        assert_eq!(quantity("0,56 %"), Quantity::new(0.56, Some("%")));
        assert_eq!(quantity("96,9  %"), Quantity::new(96.9, Some("%")));
        assert_eq!(quantity("75%"), Quantity::new(75.0, Some("%")));
        assert_eq!(quantity("-1 %"), Quantity::new(-1.0, Some("%")));
        assert_eq!(quantity("9 000 st"), Quantity::new(9000.0, Some("st")));
        assert_eq!(quantity("1945 GWh"), Quantity::new(1945.0, Some("GWh")));
        assert_eq!(
            quantity("12,7 barn/avd."),
            Quantity::new(12.7, Some("barn/avd."))
        );
        assert_eq!(quantity("1,4 kg CO2"), Quantity::new(1.4, Some("kg CO2")));
        assert_eq!(quantity("82"), Quantity::new(82.0, None));
        assert_eq!(quantity(" 3,8 "), Quantity::new(3.8, None));
        assert_eq!(quantity("1\u{a0}302"), Quantity::new(1302.0, None));
        assert_eq!(quantity("+3"), Quantity::new(3.0, None));
        assert_eq!(quantity("−2,5 %"), Quantity::new(-2.5, Some("%")));
    }

    #[test]
    fn rejects_with_a_message_saying_what_was_expected() {
        assert_eq!(parse_quantity(""), Err(NumberError::Empty));
        assert_eq!(parse_quantity("   "), Err(NumberError::Empty));
        assert!(matches!(
            parse_quantity("abc"),
            Err(NumberError::NotANumber(_))
        ));
        assert!(matches!(
            parse_quantity("12.4"),
            Err(NumberError::DecimalPoint(_))
        ));
        assert!(matches!(
            parse_number("12.4"),
            Err(NumberError::DecimalPoint(_))
        ));
        assert!(matches!(
            parse_number("1 05"),
            Err(NumberError::BadGrouping(_))
        ));
        assert!(matches!(
            parse_number("1,"),
            Err(NumberError::NotANumber(_))
        ));
        assert!(matches!(
            parse_number("1,2,3"),
            Err(NumberError::NotANumber(_))
        ));
        assert!(matches!(parse_number("-"), Err(NumberError::NotANumber(_))));
        let message = parse_number("12.4")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(message.contains("decimalkomma"), "{message}");
    }

    #[test]
    fn refuses_numbers_too_large_for_a_float() {
        let digits = format!("1{}", "0".repeat(400));
        assert!(matches!(
            parse_number(&digits),
            Err(NumberError::TooLarge(_))
        ));
        assert!(matches!(
            parse_quantity(&format!("{digits} %")),
            Err(NumberError::TooLarge(_))
        ));
        // Many digits are refused as inexact before they could be too large.
        assert!(matches!(
            parse_number(&"9".repeat(400)),
            Err(NumberError::TooPrecise(_))
        ));
        assert_eq!(
            parse_number(&format!("1{}", "0".repeat(300))).map(f64::is_finite),
            Ok(true)
        );
    }

    #[test]
    fn formats_the_swedish_way() {
        assert_eq!(format_number(1050.0, 2), "1 050");
        assert_eq!(format_number(0.56, 2), "0,56");
        assert_eq!(format_number(-2.5, 2), "-2,5");
        assert_eq!(format_number(1_234_567.891, 1), "1 234 567,9");
        assert_eq!(format_number(-0.001, 2), "0");
        assert_eq!(format_number(100.0, 2), "100");
        assert_eq!(Quantity::new(9000.0, Some("st")).format(), "9 000 st");
    }

    #[test]
    fn format_then_parse_round_trips() {
        for amount in [0.0, 1.0, 12.4, 999.99, 1000.0, 65_432.1, -17.25] {
            let text = format_number(amount, 2);
            assert_eq!(parse_number(&text), Ok(amount), "{text}");
        }
    }
}
