//! Targets (*årsmål*, *KF:s årsmål*) in every form the documents use: a number with unit,
//! a tolerance band, a ceiling, a direction, "set by the council", "to be decided", none.

use serde::{Deserialize, Serialize};

use super::number::{NumberError, Quantity, parse_quantity};
use super::text::collapse_whitespace;

/// Increase or decrease (*öka* / *minska*).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Trend {
    Increase,
    Decrease,
}

/// An annual target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub enum Target {
    /// An empty cell.
    #[default]
    Empty,
    /// "-": explicitly no target set.
    None,
    /// A number with unit: "635 st", "2,7 %".
    Value { quantity: Quantity, raw: String },
    /// *+/-*: a tolerance band around zero deviation, "+/-1 %".
    Band { tolerance: Quantity, raw: String },
    /// *Max*: a ceiling, "Max 10 personer".
    Max { limit: Quantity, raw: String },
    /// *Öka* / *Minska*: better than last year's outcome.
    Trend(Trend),
    /// *Tas fram av nämnd/styrelse*: the council sets its own target. Holds the cell as
    /// written ("Tas fram av nämnden", "tas fram av nämnd/styrelse"), whitespace collapsed,
    /// so it is shown the way the document wrote it.
    SetByCommittee(String),
    /// *Fastställs …*: decided later; holds when ("2020", "t1").
    Pending(String),
    /// Text that is none of the above, kept as written.
    Text(String),
}

/// Why a typed target was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TargetError {
    #[error(
        "«{0}» är inget årsmål: skriv ett tal (635 st, 2,7 %), +/- 1 %, Max 10 personer, Öka, Minska, Tas fram av nämnd, Fastställs …, - eller lämna tomt"
    )]
    Unrecognised(String),
    #[error("{0}")]
    Number(#[from] NumberError),
}

/// What follows `prefix` (written in lower case) when `text` starts with it in any case.
fn strip_prefix_any_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let end = text
        .char_indices()
        .nth(prefix.chars().count())
        .map_or(text.len(), |(index, _)| index);
    let head = text.get(..end)?;
    (head.to_lowercase() == prefix)
        .then(|| text.get(end..))
        .flatten()
}

impl Target {
    /// Reads a target cell from a document; never fails.
    pub fn from_cell(cell: &str) -> Target {
        Target::recognise(cell).unwrap_or_else(Target::Text)
    }

    /// Reads a target typed by a user; anything not in a known form is refused.
    pub fn from_input(input: &str) -> Result<Target, TargetError> {
        super::number::reject_line_breaks(input)?;
        Target::recognise(input).map_err(|text| {
            let lower = text.to_lowercase();
            let looks_numeric = text
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit() || c == '-' || c == '+')
                || lower.starts_with("max");
            match (
                looks_numeric,
                parse_quantity(text.trim_start_matches(|c: char| {
                    c.is_alphabetic() || c == ' ' || c == '+' || c == '/'
                })),
            ) {
                // "Max tio": nothing numeric is left once the words are stripped, which
                // is not an empty value but a target in no known form.
                (true, Err(NumberError::Empty)) => TargetError::Unrecognised(text),
                (true, Err(error)) => TargetError::Number(error),
                _ => TargetError::Unrecognised(text),
            }
        })
    }

    /// As [`Target::from_input`] for an indicator measured in `unit`: a number's unit, when
    /// typed, must be the indicator's ("5 kr" on a % indicator is refused); without one it
    /// gets the indicator's.
    pub fn from_input_for_unit(input: &str, unit: Option<&str>) -> Result<Target, TargetError> {
        let mut target = Target::from_input(input)?;
        let Some(expected) = unit else {
            return Ok(target);
        };
        let quantity = match &mut target {
            Target::Value { quantity, .. }
            | Target::Max {
                limit: quantity, ..
            } => quantity,
            _ => return Ok(target),
        };
        match &quantity.unit {
            Some(typed) if !super::number::same_unit(typed, expected) => {
                Err(TargetError::Number(NumberError::WrongUnit {
                    typed: input.trim().to_owned(),
                    expected: expected.to_owned(),
                }))
            }
            Some(_) => Ok(target),
            None => {
                quantity.unit = Some(expected.to_owned());
                Ok(target)
            }
        }
    }

    /// The known forms; `Err` carries the normalised text when none fits.
    fn recognise(raw: &str) -> Result<Target, String> {
        let text = collapse_whitespace(raw);
        let lower = text.to_lowercase();
        match lower.as_str() {
            "" => return Ok(Target::Empty),
            "-" | "–" => return Ok(Target::None),
            "öka" | "ökning" | "ökar" => return Ok(Target::Trend(Trend::Increase)),
            "minska" | "minskning" | "minskar" => return Ok(Target::Trend(Trend::Decrease)),
            _ => {}
        }
        if lower.starts_with("tas fram av") {
            return Ok(Target::SetByCommittee(text));
        }
        // The rest is cut from `text`, not `lower`: a unit ("GWh") or a date ("T1") keeps the
        // document's spelling.
        if let Some(rest) = strip_prefix_any_case(&text, "fastställs") {
            return Ok(Target::Pending(rest.trim().to_owned()));
        }
        if let Some(rest) =
            strip_prefix_any_case(&text, "+/-").or_else(|| strip_prefix_any_case(&text, "±"))
        {
            let tolerance = parse_quantity(rest).map_err(|_| text.clone())?;
            return Ok(Target::Band {
                tolerance,
                raw: text.clone(),
            });
        }
        if let Some(rest) = strip_prefix_any_case(&text, "max") {
            let limit = parse_quantity(rest).map_err(|_| text.clone())?;
            return Ok(Target::Max {
                limit,
                raw: text.clone(),
            });
        }
        match parse_quantity(&text) {
            Ok(quantity) => Ok(Target::Value {
                quantity,
                raw: text,
            }),
            Err(_) => Err(text),
        }
    }

    /// The number a value is compared with, where the target has one.
    pub fn quantity(&self) -> Option<&Quantity> {
        match self {
            Target::Value { quantity, .. } => Some(quantity),
            Target::Band { tolerance, .. } => Some(tolerance),
            Target::Max { limit, .. } => Some(limit),
            _ => None,
        }
    }

    pub fn is_empty(&self) -> bool {
        matches!(self, Target::Empty)
    }

    /// How the target is shown.
    pub fn display(&self) -> String {
        match self {
            Target::Empty => String::new(),
            Target::None => "-".to_owned(),
            Target::Value { raw, .. } | Target::Band { raw, .. } | Target::Max { raw, .. } => {
                raw.clone()
            }
            Target::Trend(Trend::Increase) => "Öka".to_owned(),
            Target::Trend(Trend::Decrease) => "Minska".to_owned(),
            Target::SetByCommittee(raw) if raw.is_empty() => "Tas fram av nämnd".to_owned(),
            Target::SetByCommittee(raw) => raw.clone(),
            Target::Pending(when) if when.is_empty() => "Fastställs".to_owned(),
            Target::Pending(when) => format!("Fastställs {when}"),
            Target::Text(text) => text.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_target_is_refused_unless_stored_exactly() {
        let wrong_unit = Target::from_input_for_unit("5 kr", Some("%")).expect_err("unit");
        assert!(wrong_unit.to_string().contains("mäts i %"), "{wrong_unit}");
        assert!(matches!(
            Target::from_input_for_unit("1e309", Some("%")),
            Err(TargetError::Number(NumberError::Exponent(_)))
        ));
        assert!(matches!(
            Target::from_input("1\n2"),
            Err(TargetError::Number(NumberError::LineBreak))
        ));
        assert!(matches!(
            Target::from_input("12345678901234567 st"),
            Err(TargetError::Number(NumberError::TooPrecise(_)))
        ));
        assert_eq!(
            Target::from_input_for_unit("80", Some("%"))
                .expect("plain number")
                .quantity(),
            Some(&Quantity::new(80.0, Some("%")))
        );
        assert!(matches!(
            Target::from_input_for_unit("Max 10 st", Some("personer")),
            Err(TargetError::Number(NumberError::WrongUnit { .. }))
        ));
        assert_eq!(
            Target::from_input_for_unit("Öka", Some("%")),
            Ok(Target::Trend(Trend::Increase))
        );
    }

    #[test]
    fn every_document_form_is_recognised() {
        assert_eq!(Target::from_cell("").display(), "");
        assert_eq!(Target::from_cell("-"), Target::None);
        assert_eq!(
            Target::from_cell("635 st").quantity(),
            Some(&Quantity::new(635.0, Some("st")))
        );
        assert!(
            matches!(Target::from_cell("+/-1 %"), Target::Band { tolerance, .. } if tolerance == Quantity::new(1.0, Some("%")))
        );
        assert!(
            matches!(Target::from_cell("+/- 1 %"), Target::Band { tolerance, .. } if tolerance.amount == 1.0)
        );
        assert!(
            matches!(Target::from_cell("Max 10 personer"), Target::Max { limit, .. } if limit == Quantity::new(10.0, Some("personer")))
        );
        assert_eq!(
            Target::from_cell("Tas fram av nämnd/styrelse"),
            Target::SetByCommittee("Tas fram av nämnd/styrelse".into())
        );
        assert_eq!(
            Target::from_cell("tas fram av  nämnden"),
            Target::SetByCommittee("tas fram av nämnden".into())
        );
        // Shown as written, whatever the spelling.
        assert_eq!(
            Target::from_cell("Tas fram av nämnden").display(),
            "Tas fram av nämnden"
        );
        assert_eq!(
            Target::from_cell("Tas fram av nämnd/styrelse").display(),
            "Tas fram av nämnd/styrelse"
        );
        assert_eq!(
            Target::SetByCommittee(String::new()).display(),
            "Tas fram av nämnd"
        );
        assert_eq!(
            Target::from_cell("Fastställs t1"),
            Target::Pending("t1".into())
        );
        assert_eq!(
            Target::from_cell("Fastställs  2020"),
            Target::Pending("2020".into())
        );
        assert_eq!(Target::from_cell("Öka"), Target::Trend(Trend::Increase));
        assert_eq!(Target::from_cell("öka"), Target::Trend(Trend::Increase));
        assert_eq!(
            Target::from_cell("Minskning"),
            Target::Trend(Trend::Decrease)
        );
        assert_eq!(
            Target::from_cell("-1 %").quantity(),
            Some(&Quantity::new(-1.0, Some("%")))
        );
        assert_eq!(Target::from_cell("96,9  %").display(), "96,9 %");
        assert_eq!(
            Target::from_cell("Enligt plan"),
            Target::Text("Enligt plan".into())
        );
    }

    #[test]
    fn units_and_dates_keep_the_documents_spelling() {
        assert!(
            matches!(Target::from_cell("Max 1 735 GWh"), Target::Max { limit, .. } if limit == Quantity::new(1735.0, Some("GWh")))
        );
        assert!(
            matches!(Target::from_cell("MAX 10 personer"), Target::Max { limit, .. } if limit.amount == 10.0)
        );
        assert!(
            matches!(Target::from_cell("+/- 2 GWh"), Target::Band { tolerance, .. } if tolerance == Quantity::new(2.0, Some("GWh")))
        );
        assert_eq!(
            Target::from_cell("Fastställs T1"),
            Target::Pending("T1".into())
        );
        assert_eq!(
            Target::from_cell("FASTSTÄLLS 2021"),
            Target::Pending("2021".into())
        );
    }

    #[test]
    fn typed_targets_are_checked() {
        assert_eq!(
            Target::from_input("Öka"),
            Ok(Target::Trend(Trend::Increase))
        );
        assert!(matches!(
            Target::from_input("Enligt plan"),
            Err(TargetError::Unrecognised(_))
        ));
        assert!(matches!(
            Target::from_input("12.5 %"),
            Err(TargetError::Number(NumberError::DecimalPoint(_)))
        ));
        assert!(Target::from_input("Max tio").is_err());
        let message = Target::from_input("bra")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(message.contains("Max 10 personer"), "{message}");
    }
}
