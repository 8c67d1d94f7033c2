//! The computed status suggestion of one indicator in one period (DOMAIN.md §4–§5).
//!
//! The suggestion compares one value with the *Årsmål*: *Periodens utfall* in a VB,
//! *Prognos helår* in T1/T2 and the months (falling back to the period's outcome when no
//! prognosis is given). The comparison follows the indicator's good direction and counts a
//! relative shortfall of at most the indicator's tolerance (default 20 %, inclusive) as
//! *uppnås delvis*. A status stated by a document or a user always wins; the suggestion is
//! kept beside it so the UI can show where they differ.
//!
//! *KF:s årsmål* is evaluated separately by [`council_target_status`], only where it is
//! comparable with the district's value, and never feeds the effective status.

use crate::domain::{
    Direction, Indicator, IndicatorReport, IndicatorStatus, Period, Quantity, Target, Trend, Value,
    indicator::default_tolerance,
};

/// Floating-point slack for the inclusive boundaries: 508 against 635 is a shortfall of
/// exactly 20 %, which `f64` may compute as 0.200000000001.
const EPSILON: f64 = 1e-9;

/// A *KF:s årsmål* this many times the district's target (or value) is taken to be a
/// city-wide total ("9 000 st" against "635 st") and not comparable.
pub const CITY_WIDE_FACTOR: f64 = 5.0;

/// Which value of the row the suggestion compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// *Prognos helår* (T1/T2 and months).
    Forecast,
    /// *Periodens utfall* (VB, or T1/T2 without a prognosis).
    PeriodOutcome,
}

impl Basis {
    /// The column name as the documents write it.
    pub fn label(self) -> &'static str {
        match self {
            Basis::Forecast => "Prognos helår",
            Basis::PeriodOutcome => "Periodens utfall",
        }
    }
}

/// The computed suggestion: a status, or why none can be computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Suggestion {
    Status(IndicatorStatus),
    /// No comparison is possible; `reason` is a Swedish sentence fragment for the UI.
    NotEvaluable {
        reason: &'static str,
    },
}

impl Suggestion {
    /// The status the suggestion stands for in counts: *inget resultat* when not evaluable.
    pub fn status(self) -> IndicatorStatus {
        match self {
            Suggestion::Status(status) => status,
            Suggestion::NotEvaluable { .. } => IndicatorStatus::NoResult,
        }
    }
}

/// The evaluation of one indicator in one period.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// What the rules compute.
    pub suggested: Suggestion,
    /// What a document or user stated.
    pub stated: Option<IndicatorStatus>,
    /// The status to count and show: the stated one when there is one, else the suggestion
    /// (*inget resultat* when not evaluable).
    pub effective: IndicatorStatus,
    /// Relative shortfall against the target: positive when short, zero or negative when
    /// met. `None` where the relative rule is undefined (zero target, no comparison).
    pub shortfall: Option<f64>,
    /// The numbers compared: (value, target). For a band the target is the band's half
    /// width; for *Öka*/*Minska* it is last year's outcome.
    pub compared: Option<(f64, f64)>,
    /// Which value was compared.
    pub basis: Option<Basis>,
    /// *Undantas från rapportering*: left out of every count.
    pub excluded: bool,
}

impl Evaluation {
    fn new(suggested: Suggestion, report: &IndicatorReport) -> Self {
        let stated = report.stated_status;
        Evaluation {
            suggested,
            stated,
            effective: stated.unwrap_or(suggested.status()),
            shortfall: None,
            compared: None,
            basis: None,
            excluded: report.excluded,
        }
    }

    fn not_evaluable(reason: &'static str, report: &IndicatorReport) -> Self {
        Evaluation::new(Suggestion::NotEvaluable { reason }, report)
    }

    /// Whether the stated status differs from a computed one (both present).
    pub fn disagrees(&self) -> bool {
        match (self.stated, self.suggested) {
            (Some(stated), Suggestion::Status(suggested)) => stated != suggested,
            _ => false,
        }
    }
}

/// The result of one numeric comparison, before it is wrapped in an [`Evaluation`].
#[derive(Debug, Clone, Copy, PartialEq)]
struct Comparison {
    status: IndicatorStatus,
    shortfall: Option<f64>,
    target: f64,
}

/// Whether the indicator's tolerance was set on purpose. The model stores a plain `f64`
/// defaulting to 0.20, so "configured" can only mean "differs from the default"; it decides
/// whether a band or a zero target gets an *uppnås delvis* zone at all (DOMAIN.md §5).
fn tolerance_is_configured(tolerance: f64) -> bool {
    (tolerance - default_tolerance()).abs() > EPSILON
}

/// Whether two units can be compared: equal, one missing (documents leave units off one
/// cell of a pair, DOMAIN.md §3.3), or one a truncation of the other ("kg CO2" vs
/// "kg CO2 per kg livsmedel").
fn units_compatible(a: &Quantity, b: &Quantity) -> bool {
    match (&a.unit, &b.unit) {
        (Some(a), Some(b)) => {
            let (a, b) = (a.to_lowercase(), b.to_lowercase());
            a.starts_with(&b) || b.starts_with(&a)
        }
        _ => true,
    }
}

/// Met / partly / not met for a relative shortfall (positive = short) and a tolerance.
fn grade(shortfall: f64, tolerance: f64) -> IndicatorStatus {
    if shortfall <= EPSILON {
        IndicatorStatus::Met
    } else if shortfall <= tolerance + EPSILON {
        IndicatorStatus::PartlyMet
    } else {
        IndicatorStatus::NotMet
    }
}

/// Compares `value` with a numeric `target`: ≥ when higher is better, ≤ otherwise (lower
/// is better, ceilings).
fn compare_relative(value: f64, target: f64, higher_is_better: bool, tolerance: f64) -> Comparison {
    // Signed gap in the bad direction: positive means short of the target.
    let gap = if higher_is_better {
        target - value
    } else {
        value - target
    };
    if target.abs() <= EPSILON {
        // The relative rule divides by the target: undefined at 0. Outside is uppnås ej,
        // unless a tolerance was configured, which then applies as an absolute margin.
        let status = if gap <= EPSILON {
            IndicatorStatus::Met
        } else if tolerance_is_configured(tolerance) && gap <= tolerance + EPSILON {
            IndicatorStatus::PartlyMet
        } else {
            IndicatorStatus::NotMet
        };
        return Comparison {
            status,
            shortfall: None,
            target,
        };
    }
    // |target| keeps the sign of the shortfall meaningful for negative targets.
    let shortfall = gap / target.abs();
    Comparison {
        status: grade(shortfall, tolerance),
        shortfall: Some(shortfall),
        target,
    }
}

/// A band "+/-1 %": the value is a deviation and must lie within ±width (inclusive).
/// Outside is uppnås ej, unless a tolerance was configured: then an excess of at most that
/// share of the width is uppnås delvis.
fn compare_band(value: f64, width: f64, tolerance: f64) -> Comparison {
    let width = width.abs();
    let excess = value.abs() - width;
    let shortfall = (width > EPSILON).then(|| excess / width);
    let status = if excess <= EPSILON {
        IndicatorStatus::Met
    } else if tolerance_is_configured(tolerance)
        && shortfall.is_some_and(|share| share <= tolerance + EPSILON)
    {
        IndicatorStatus::PartlyMet
    } else {
        IndicatorStatus::NotMet
    };
    Comparison {
        status,
        shortfall,
        target: width,
    }
}

/// *Öka* / *Minska*: better than last year's outcome. Equal to last year is no change, so
/// not met; it falls in the delvis zone (shortfall 0 is within any tolerance).
fn compare_trend(value: f64, previous: f64, trend: Trend, tolerance: f64) -> Comparison {
    let improved = match trend {
        Trend::Increase => value > previous + EPSILON,
        Trend::Decrease => value < previous - EPSILON,
    };
    let mut comparison = compare_relative(value, previous, trend == Trend::Increase, tolerance);
    if !improved && comparison.status == IndicatorStatus::Met {
        comparison.status = IndicatorStatus::PartlyMet;
    }
    comparison
}

/// Why a value cell cannot be compared.
fn value_missing_reason(value: &Value) -> &'static str {
    match value {
        Value::Empty => "Inget värde är inlagt",
        Value::NewIndicator(_) => "Ny indikator: inget utfall finns",
        Value::NoOutcome(_) => "Inget utfall finns",
        Value::Text(_) => "Värdet är inget tal",
        Value::Number { .. } => "Värdet är inget tal",
    }
}

/// Why a target cannot be compared with.
fn target_missing_reason(target: &Target) -> &'static str {
    match target {
        Target::Empty => "Årsmål saknas",
        Target::None => "Inget årsmål är satt (-)",
        Target::SetByCommittee(_) => "Årsmålet tas fram av nämnd men är inte inlagt",
        Target::Pending(_) => "Årsmålet fastställs senare",
        Target::Text(_) => "Årsmålet är inget tal",
        Target::Value { .. } | Target::Band { .. } | Target::Max { .. } | Target::Trend(_) => {
            "Årsmålet kan inte jämföras"
        }
    }
}

/// Picks the value to compare in `period`: the outcome in a VB, the full-year forecast in
/// T1/T2 and months (falling back to the outcome). `Err` carries the reason when none is
/// numeric.
fn pick_value(report: &IndicatorReport, period: Period) -> Result<(Quantity, Basis), &'static str> {
    match period {
        Period::Plan => Err("Verksamhetsplanen har inga utfall att bedöma"),
        Period::AnnualReport => report
            .outcome
            .quantity()
            .map(|quantity| (quantity.clone(), Basis::PeriodOutcome))
            .ok_or_else(|| value_missing_reason(&report.outcome)),
        Period::Tertial(_) | Period::Month(_) => {
            if let Some(quantity) = report.forecast_full_year.quantity() {
                Ok((quantity.clone(), Basis::Forecast))
            } else if let Some(quantity) = report.outcome.quantity() {
                Ok((quantity.clone(), Basis::PeriodOutcome))
            } else if report.forecast_full_year.is_empty() {
                // Neither cell has a number; the outcome cell says why, if anything.
                match &report.outcome {
                    Value::Empty => Err("Varken prognos eller utfall är inlagt"),
                    other => Err(value_missing_reason(other)),
                }
            } else {
                Err(value_missing_reason(&report.forecast_full_year))
            }
        }
    }
}

/// Compares a value with a target in the indicator's direction.
fn compare_with_target(
    value: &Quantity,
    target: &Target,
    direction: Direction,
    tolerance: f64,
    previous_year: &Value,
) -> Result<Comparison, &'static str> {
    let check_units = |target: &Quantity| {
        if units_compatible(value, target) {
            Ok(())
        } else {
            Err("Värde och mål har olika enheter")
        }
    };
    // The target's form carries its own direction (Max, +/-, Öka/Minska); the indicator's
    // direction matters only for a plain number.
    match target {
        Target::Max { limit, .. } => {
            check_units(limit)?;
            Ok(compare_relative(
                value.amount,
                limit.amount,
                false,
                tolerance,
            ))
        }
        Target::Band {
            tolerance: width, ..
        } => {
            check_units(width)?;
            Ok(compare_band(value.amount, width.amount, tolerance))
        }
        Target::Trend(trend) => {
            let previous = previous_year
                .quantity()
                .ok_or("Öka/Minska kräver föregående års utfall, som saknas")?;
            check_units(previous)?;
            Ok(compare_trend(
                value.amount,
                previous.amount,
                *trend,
                tolerance,
            ))
        }
        Target::Value { quantity, .. } => {
            check_units(quantity)?;
            match direction {
                Direction::HigherBetter => Ok(compare_relative(
                    value.amount,
                    quantity.amount,
                    true,
                    tolerance,
                )),
                Direction::LowerBetter | Direction::Max => Ok(compare_relative(
                    value.amount,
                    quantity.amount,
                    false,
                    tolerance,
                )),
                Direction::Band => {
                    Err("Indikatorn ska ligga inom ett intervall men målet saknar +/-")
                }
                Direction::Unknown => Err("Okänt om högre eller lägre värde är bättre"),
            }
        }
        other => Err(target_missing_reason(other)),
    }
}

fn evaluate_against(
    indicator: &Indicator,
    report: &IndicatorReport,
    period: Period,
    target: &Target,
) -> Evaluation {
    let (value, basis) = match pick_value(report, period) {
        Ok(picked) => picked,
        Err(reason) => return Evaluation::not_evaluable(reason, report),
    };
    let comparison = compare_with_target(
        &value,
        target,
        indicator.direction,
        indicator.tolerance,
        &report.prev_year_outcome,
    );
    let mut evaluation = match comparison {
        Ok(comparison) => {
            let mut evaluation = Evaluation::new(Suggestion::Status(comparison.status), report);
            evaluation.shortfall = comparison.shortfall;
            evaluation.compared = Some((value.amount, comparison.target));
            evaluation
        }
        Err(reason) => Evaluation::not_evaluable(reason, report),
    };
    evaluation.basis = Some(basis);
    evaluation
}

/// The status of `indicator` in `period` against its *Årsmål* (DOMAIN.md §5).
pub fn indicator_status(indicator: &Indicator, period: Period) -> Evaluation {
    let report = indicator.report_in(period);
    if report.excluded {
        return Evaluation::not_evaluable("Undantas från rapportering", &report);
    }
    evaluate_against(indicator, &report, period, &report.annual_target)
}

/// The status of `indicator` in `period` against *KF:s årsmål*, where that target is
/// comparable: a number (or Max/band/trend) in a compatible unit that is not a city-wide
/// total. A KF:s årsmål more than [`CITY_WIDE_FACTOR`] times the Årsmål (or, without a
/// numeric Årsmål, the compared value) is taken to be city-wide. Informational only: never
/// part of the effective status or of any finding. The stated status is not applied here,
/// since documents state only one status per row.
pub fn council_target_status(indicator: &Indicator, period: Period) -> Evaluation {
    let mut report = indicator.report_in(period);
    // A stated status answers the Årsmål question, not this one.
    report.stated_status = None;
    if report.excluded {
        return Evaluation::not_evaluable("Undantas från rapportering", &report);
    }
    let council_target = report.council_target.clone();
    if let Target::Value { quantity, .. } = &council_target {
        let reference = report
            .annual_target
            .quantity()
            .filter(|_| matches!(report.annual_target, Target::Value { .. }))
            .cloned()
            .or_else(|| pick_value(&report, period).ok().map(|(q, _)| q));
        if let Some(reference) = reference {
            if !units_compatible(quantity, &reference) {
                return Evaluation::not_evaluable(
                    "KF:s årsmål har en annan enhet än nämndens värde",
                    &report,
                );
            }
            if reference.amount.abs() > EPSILON
                && quantity.amount.abs() > CITY_WIDE_FACTOR * reference.amount.abs()
            {
                return Evaluation::not_evaluable(
                    "KF:s årsmål är ett stadsövergripande värde och kan inte jämföras",
                    &report,
                );
            }
        }
    }
    let reason = match &council_target {
        Target::SetByCommittee(_) => Some("KF:s årsmål tas fram av nämnd"),
        Target::Empty => Some("KF:s årsmål saknas"),
        _ => None,
    };
    match reason {
        Some(reason) => Evaluation::not_evaluable(reason, &report),
        None => evaluate_against(indicator, &report, period, &council_target),
    }
}

#[cfg(test)]
mod tests;
