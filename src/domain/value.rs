//! Indicator values (*utfall*, *prognos*): a number with unit, or one of the markers the
//! documents use. Never a zero that stands for "missing".

use serde::{Deserialize, Serialize};

use super::number::{NumberError, Quantity, parse_quantity};
use super::text::collapse_whitespace;

/// One value cell of an indicator row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub enum Value {
    /// An empty cell: nothing reported.
    #[default]
    Empty,
    /// A number; `raw` is the cell as written ("9 000 st").
    Number { quantity: Quantity, raw: String },
    /// *Ny indikator <år>*: no earlier outcome exists.
    NewIndicator(Option<u16>),
    /// *Inget utfall <år>*: no outcome that year.
    NoOutcome(Option<u16>),
    /// Any other text, kept as written.
    Text(String),
}

fn trailing_year(rest: &str) -> Option<u16> {
    rest.trim().parse().ok()
}

/// A typed number, written back the Swedish way ("1050" → "1 050") with every decimal that
/// was typed, so "19,995 %" is not shown as "20 %" while 19,995 is what gets compared.
fn typed_number(text: &str, quantity: Quantity) -> Value {
    let typed_decimals = text.split_once(',').map_or(0, |(_, fraction)| {
        fraction.chars().take_while(char::is_ascii_digit).count()
    });
    Value::Number {
        raw: quantity.format_with_decimals(typed_decimals),
        quantity,
    }
}

impl Value {
    /// Reads a cell from a document; never fails: what is not a number or a marker is text.
    pub fn from_cell(cell: &str) -> Value {
        let cell = collapse_whitespace(cell);
        if cell.is_empty() {
            return Value::Empty;
        }
        let lower = cell.to_lowercase();
        if let Some(rest) = lower.strip_prefix("ny indikator") {
            return Value::NewIndicator(trailing_year(rest));
        }
        if let Some(rest) = lower.strip_prefix("inget utfall") {
            return Value::NoOutcome(trailing_year(rest));
        }
        match parse_quantity(&cell) {
            Ok(quantity) => Value::Number {
                quantity,
                raw: cell,
            },
            Err(_) => Value::Text(cell),
        }
    }

    /// Reads a value typed by a user: empty clears, a marker or a number; anything else is
    /// an error whose message says what was expected.
    pub fn from_input(input: &str) -> Result<Value, NumberError> {
        super::number::reject_line_breaks(input)?;
        let text = collapse_whitespace(input);
        if text.is_empty() {
            return Ok(Value::Empty);
        }
        match Value::from_cell(&text) {
            Value::Text(_) => parse_quantity(&text).map(|quantity| typed_number(&text, quantity)),
            Value::Number { quantity, .. } => Ok(typed_number(&text, quantity)),
            marker => Ok(marker),
        }
    }

    pub fn number(&self) -> Option<f64> {
        match self {
            Value::Number { quantity, .. } => Some(quantity.amount),
            _ => None,
        }
    }

    pub fn quantity(&self) -> Option<&Quantity> {
        match self {
            Value::Number { quantity, .. } => Some(quantity),
            _ => None,
        }
    }

    pub fn is_empty(&self) -> bool {
        matches!(self, Value::Empty)
    }

    /// How the value is shown: as written in the document, markers spelled out.
    pub fn display(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Number { raw, .. } => raw.clone(),
            Value::NewIndicator(Some(year)) => format!("Ny indikator {year}"),
            Value::NewIndicator(None) => "Ny indikator".to_owned(),
            Value::NoOutcome(Some(year)) => format!("Inget utfall {year}"),
            Value::NoOutcome(None) => "Inget utfall".to_owned(),
            Value::Text(text) => text.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_become_values() {
        assert_eq!(Value::from_cell(""), Value::Empty);
        assert_eq!(Value::from_cell("  "), Value::Empty);
        assert_eq!(Value::from_cell("100  %").number(), Some(100.0));
        assert_eq!(Value::from_cell("100  %").display(), "100 %");
        assert_eq!(
            Value::from_cell("Ny indikator 2020"),
            Value::NewIndicator(Some(2020))
        );
        assert_eq!(
            Value::from_cell("Inget utfall 2019"),
            Value::NoOutcome(Some(2019))
        );
        assert_eq!(Value::from_cell("Saknas"), Value::Text("Saknas".into()));
    }

    #[test]
    fn user_input_is_checked() {
        assert_eq!(Value::from_input(""), Ok(Value::Empty));
        assert_eq!(
            Value::from_input("1 050").map(|v| v.number()),
            Ok(Some(1050.0))
        );
        assert_eq!(
            Value::from_input("0,56 %").map(|v| v.display()),
            Ok("0,56 %".into())
        );
        assert!(Value::from_input("12.4").is_err());
        assert!(Value::from_input("mycket").is_err());
        assert_eq!(
            Value::from_input("inget utfall"),
            Ok(Value::NoOutcome(None))
        );
    }

    #[test]
    fn typed_decimals_are_shown_as_typed() {
        let typed = Value::from_input("19,995 %");
        assert_eq!(typed.as_ref().map(Value::display), Ok("19,995 %".into()));
        assert_eq!(typed.map(|v| v.number()), Ok(Some(19.995)));
        assert_eq!(
            Value::from_input("1050,50 st").map(|v| v.display()),
            Ok("1 050,5 st".into())
        );
    }

    #[test]
    fn zero_is_a_number_not_missing() {
        assert_eq!(Value::from_cell("0 st").number(), Some(0.0));
        assert_eq!(Value::Empty.number(), None);
    }
}
