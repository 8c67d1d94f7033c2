//! The value form: an indicator's *periodens utfall*, *män/pojkar*, *kvinnor/flickor*,
//! *prognos helår* and *årsmål* for one period, in Swedish formats ("1 050", "0,56 %",
//! "12,4"). Each field is checked with the domain's parsers; a bad one gets its Swedish
//! message and nothing is saved until every field is valid.
//!
//! The årsmål belongs to the year (DESIGN.md §4, [`crate::domain::TargetSource`]): the field
//! holds the period's own årsmål, and the line under it says which target the period is
//! compared against — its own, or the year's from the VP (or from a tertial that adjusted
//! it) while the field is left empty. Saving an empty field keeps the period following the
//! year.
//!
//! Unsaved field texts are kept as a draft like the analys editor's text
//! ([`super::drafts::ValuesDraft`]), read with [`field_texts`] and brought back with
//! [`restore_texts`].

use crate::domain::number::needs_confirmation;
use crate::domain::{Indicator, IndicatorReport, Period, Target, Value};
use crate::store::Change;

use super::drafts::ValuesDraft;
use super::form::{FieldNote, Form, FormField};
use super::target::EditTarget;

/// Field order, as the form shows them.
const OUTCOME: usize = 0;
const OUTCOME_MEN: usize = 1;
const OUTCOME_WOMEN: usize = 2;
const FORECAST: usize = 3;
const ANNUAL_TARGET: usize = 4;

/// The form for `indicator` in the target's period, filled with what the period stores.
pub fn value_form(indicator: &Indicator, target: &EditTarget) -> Form {
    let report = indicator.stored_report(target.period);
    let unit = unit_of(indicator, &indicator.report_in(target.period));
    let unit = unit.as_deref();
    Form::new(
        format!("Värden {} · {}", target.period.label(), indicator.name),
        vec![
            FormField::text("Periodens utfall", unit, &report.outcome.display()),
            FormField::text("Utfall män/pojkar", unit, &report.outcome_men.display()),
            FormField::text(
                "Utfall kvinnor/flickor",
                unit,
                &report.outcome_women.display(),
            ),
            FormField::text("Prognos helår", unit, &report.forecast_full_year.display()),
            FormField::text("Årsmål", unit, &report.annual_target.display())
                .with_note(annual_target_note(indicator, target)),
        ],
    )
}

/// What the årsmål field means: which target the period is compared against, empty or
/// filled. "Gäller: 95 % (från VP 2020)" while the period states none of its own.
fn annual_target_note(indicator: &Indicator, target: &EditTarget) -> FieldNote {
    let (period, year) = (target.period, target.year);
    if period == Period::Plan {
        return FieldNote {
            when_empty: format!("Gäller: inget årsmål för {year}"),
            when_filled: "Gäller: {} (årets årsmål)".to_owned(),
        };
    }
    match indicator.year_annual_target(period) {
        Some((from, year_target)) => {
            let year_target = format!("{} (från {} {year})", year_target.display(), from.label());
            FieldNote {
                when_empty: format!(
                    "Gäller: {year_target} · fyll i om {} har ett eget",
                    period.label()
                ),
                when_filled: format!(
                    "Gäller: {{}} (periodens eget) · töm fältet för {year_target}"
                ),
            }
        }
        None => FieldNote {
            when_empty: format!("Gäller: inget årsmål (inget i VP {year})"),
            when_filled: "Gäller: {} (periodens eget)".to_owned(),
        },
    }
}

/// The form's field texts as a draft keeps them.
pub fn field_texts(form: &Form) -> ValuesDraft {
    let text = |index: usize| {
        form.fields
            .get(index)
            .map_or_else(String::new, |field| field.value().to_owned())
    };
    ValuesDraft {
        outcome: text(OUTCOME),
        outcome_men: text(OUTCOME_MEN),
        outcome_women: text(OUTCOME_WOMEN),
        forecast_full_year: text(FORECAST),
        annual_target: text(ANNUAL_TARGET),
    }
}

/// Puts a draft's texts into a form built by [`value_form`]: the form then differs from what
/// is stored by exactly what the draft held, and the first field it changed has the focus.
pub fn restore_texts(form: &mut Form, draft: &ValuesDraft) {
    for (index, text) in [
        (OUTCOME, &draft.outcome),
        (OUTCOME_MEN, &draft.outcome_men),
        (OUTCOME_WOMEN, &draft.outcome_women),
        (FORECAST, &draft.forecast_full_year),
        (ANNUAL_TARGET, &draft.annual_target),
    ] {
        if let Some(field) = form.fields.get_mut(index) {
            field.set_text(text);
        }
    }
    form.focus_first_changed();
}

/// The indicator's unit: as configured, else the one its values or target are written in —
/// in this period, else in any other (a VP without values yet takes the tertials' unit).
fn unit_of(indicator: &Indicator, report: &IndicatorReport) -> Option<String> {
    let written_in = |report: &IndicatorReport| {
        [
            report.outcome.quantity(),
            report.forecast_full_year.quantity(),
            report.annual_target.quantity(),
        ]
        .into_iter()
        .flatten()
        .find_map(|q| q.unit.clone())
    };
    indicator
        .unit
        .clone()
        .or_else(|| written_in(report))
        .or_else(|| indicator.reports.values().find_map(written_in))
}

/// A number typed without a unit in a field that has one ("10" under «Prognos helår (%)»)
/// means that unit: it is stored as "10 %", like the other values of the indicator.
fn with_unit(value: Value, unit: Option<&str>, typed: &str) -> Value {
    match (value.quantity(), unit) {
        (Some(quantity), Some(unit)) if quantity.unit.is_none() => {
            Value::from_input(&format!("{} {unit}", typed.trim())).unwrap_or(value)
        }
        _ => value,
    }
}

/// As [`with_unit`], for the årsmål ("635" → "635 st", "Max 10" → "Max 10 personer"). Asks
/// the text as typed whether it named a unit: the target checked against the field's unit
/// already carries that unit in its number, but not in its text, which is what is shown.
fn target_with_unit(target: Target, unit: Option<&str>, typed: &str) -> Target {
    let typed_unit = Target::from_input(typed)
        .ok()
        .and_then(|typed| typed.quantity().map(|q| q.unit.is_some()));
    match (typed_unit, unit) {
        (Some(false), Some(unit)) => {
            Target::from_input(&format!("{} {unit}", typed.trim())).unwrap_or(target)
        }
        _ => target,
    }
}

/// A Swedish message when a number carries a unit other than the indicator's ("2x.5" read as
/// 2 with unit "x.5" is a typo, not a unit).
fn unit_mismatch(value: &Value, expected: Option<&str>, typed: &str) -> Option<String> {
    let typed_unit = value.quantity()?.unit.as_deref()?;
    let normalise = |unit: &str| unit.split_whitespace().collect::<String>().to_lowercase();
    match expected {
        Some(expected) if normalise(expected) == normalise(typed_unit) => None,
        Some(expected) => Some(format!(
            "«{}»: enheten ska vara {expected} (eller utelämnas); skriv t.ex. 1 050 eller 12,4",
            typed.trim()
        )),
        None if typed_unit.starts_with(|c: char| c.is_alphabetic() || c == '%')
            && !typed_unit.contains(|c: char| c.is_ascii_digit() || c == '.') =>
        {
            None
        }
        None => Some(format!(
            "«{}» är inget tal: skriv t.ex. 1 050, 12,4 eller 0,56 %",
            typed.trim()
        )),
    }
}

/// Checks every field; on success the change that stores them (other parts of the report,
/// such as its analys, are kept). On failure each bad field carries its message and the
/// first one has the focus.
pub fn checked_change(
    form: &mut Form,
    indicator: &Indicator,
    target: &EditTarget,
) -> Option<Change> {
    let mut report = indicator.stored_report(target.period);
    let mut value_at = |index: usize| -> Option<Value> {
        let field = form.fields.get_mut(index)?;
        match Value::from_input(field.value()) {
            Ok(value) => match unit_mismatch(&value, field.unit.as_deref(), field.value()) {
                Some(error) => {
                    field.error = Some(error);
                    None
                }
                None => {
                    field.error = None;
                    Some(with_unit(value, field.unit.as_deref(), field.value()))
                }
            },
            Err(error) => {
                field.error = Some(error.to_string());
                None
            }
        }
    };
    let outcome = value_at(OUTCOME);
    let men = value_at(OUTCOME_MEN);
    let women = value_at(OUTCOME_WOMEN);
    let forecast = value_at(FORECAST);
    // The årsmål's unit must be the indicator's ("5 kr" on a % indicator is refused).
    let annual_target = form.fields.get_mut(ANNUAL_TARGET).and_then(|field| {
        match Target::from_input_for_unit(field.value(), field.unit.as_deref()) {
            Ok(target) => {
                field.error = None;
                Some(target_with_unit(
                    target,
                    field.unit.as_deref(),
                    field.value(),
                ))
            }
            Err(error) => {
                field.error = Some(error.to_string());
                None
            }
        }
    });
    if form.focus_first_error() {
        return None;
    }
    report.outcome = outcome?;
    report.outcome_men = men?;
    report.outcome_women = women?;
    report.forecast_full_year = forecast?;
    report.annual_target = annual_target?;
    Some(Change::SetIndicatorReport {
        council: target.council.clone(),
        year: target.year,
        indicator: indicator.id,
        period: target.period,
        report,
    })
}

/// The question to ask before storing `report` over `before`: a value or årsmål changed to a
/// share over 100 % (or below 0 %) or a negative count is possible but unlikely, so the user
/// confirms it (issue 12). Values left as they were are not asked about again.
pub fn confirmation(report: &IndicatorReport, before: &IndicatorReport) -> Option<String> {
    let values = [
        ("Periodens utfall", &report.outcome, &before.outcome),
        (
            "Utfall män/pojkar",
            &report.outcome_men,
            &before.outcome_men,
        ),
        (
            "Utfall kvinnor/flickor",
            &report.outcome_women,
            &before.outcome_women,
        ),
        (
            "Prognos helår",
            &report.forecast_full_year,
            &before.forecast_full_year,
        ),
    ];
    let changed_values = values
        .into_iter()
        .filter(|(_, value, old)| value != old)
        .filter_map(|(label, value, _)| Some((label, value.quantity()?)));
    let changed_target = (report.annual_target != before.annual_target)
        .then(|| report.annual_target.quantity().map(|q| ("Årsmål", q)))
        .flatten();
    changed_values
        .chain(changed_target)
        .find_map(|(label, quantity)| {
            needs_confirmation(quantity).map(|question| format!("{label}: {question}"))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(outcome: &str, target: &str) -> IndicatorReport {
        IndicatorReport {
            outcome: Value::from_cell(outcome),
            annual_target: Target::from_cell(target),
            ..IndicatorReport::default()
        }
    }

    #[test]
    fn a_share_over_100_or_a_negative_count_is_asked_about() {
        let before = report("", "");
        assert_eq!(
            confirmation(&report("120 %", ""), &before).as_deref(),
            Some("Periodens utfall: 120 % är en andel utanför 0–100 %. Spara ändå?")
        );
        assert_eq!(
            confirmation(&report("-3 st", ""), &before).as_deref(),
            Some("Periodens utfall: -3 är ett negativt antal. Spara ändå?")
        );
        assert!(
            confirmation(&report("", "110 %"), &before)
                .is_some_and(|q| q.starts_with("Årsmål: 110 %"))
        );
        assert_eq!(confirmation(&report("99,5 %", "3 st"), &before), None);
        assert_eq!(confirmation(&report("-2,5", ""), &before), None, "no unit");
    }

    #[test]
    fn a_value_left_as_it_was_is_not_asked_about_again() {
        let before = report("120 %", "");
        assert_eq!(confirmation(&report("120 %", "90 %"), &before), None);
        assert!(confirmation(&report("130 %", ""), &before).is_some());
    }
}
