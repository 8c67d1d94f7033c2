//! The settings form of an indicator: its *riktning* (which way is better) and the tolerance
//! still counted as *uppnås delvis* (DOMAIN.md §5: default 20 %). Both hold for the year.

use crate::domain::number::parse_tolerance_percent;
use crate::domain::{Direction, Indicator, format_number};
use crate::store::Change;

use super::form::{Form, FormField};
use super::target::EditTarget;

const DIRECTIONS: [Direction; 5] = [
    Direction::HigherBetter,
    Direction::LowerBetter,
    Direction::Band,
    Direction::Max,
    Direction::Unknown,
];

/// The form for `indicator`, showing its current direction and tolerance.
pub fn settings_form(indicator: &Indicator) -> Form {
    let chosen = DIRECTIONS
        .iter()
        .position(|d| *d == indicator.direction)
        .unwrap_or(0);
    Form::new(
        format!("Riktning och tolerans · {}", indicator.name),
        vec![
            FormField::choice(
                "Riktning",
                DIRECTIONS.iter().map(|d| d.label().to_owned()).collect(),
                chosen,
            ),
            FormField::text(
                "Tolerans för uppnås delvis",
                Some("%"),
                &format_number(indicator.tolerance * 100.0, 2),
            ),
        ],
    )
}

/// Reads a tolerance typed as a percentage ("20", "20 %", "12,5"): a fraction 0 … 1, by the
/// domain's strict reading (nothing but a "%" may follow the number).
fn parse_tolerance(text: &str) -> Result<f64, String> {
    parse_tolerance_percent(text).map_err(|error| error.to_string())
}

/// Checks the form; on success the change that stores direction and tolerance.
pub fn checked_change(
    form: &mut Form,
    indicator: &Indicator,
    target: &EditTarget,
) -> Option<Change> {
    let direction = DIRECTIONS.get(form.fields.first()?.chosen()).copied()?;
    let field = form.fields.get_mut(1)?;
    let tolerance = match parse_tolerance(field.value()) {
        Ok(tolerance) => {
            field.error = None;
            tolerance
        }
        Err(error) => {
            field.error = Some(error);
            form.focus_first_error();
            return None;
        }
    };
    Some(Change::SetIndicatorSettings {
        council: target.council.clone(),
        year: target.year,
        indicator: indicator.id,
        direction,
        tolerance,
        // Saved from the form: the user has settled the direction.
        confirmed: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tolerance_is_a_percentage() {
        assert_eq!(parse_tolerance("20"), Ok(0.2));
        assert_eq!(parse_tolerance("12,5 %"), Ok(0.125));
        assert!(parse_tolerance("150").is_err());
        assert!(parse_tolerance("tjugo").is_err());
        // Nothing but a "%" may follow the number.
        assert!(parse_tolerance("20 procent").is_err());
        assert!(parse_tolerance("2\n0").is_err());
    }
}
