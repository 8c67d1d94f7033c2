use super::*;
use crate::domain::evaluate::test_support::{indicator, with_report};

const T1: Period = Period::Tertial(1);
const VB: Period = Period::AnnualReport;

fn suggested_in(direction: Direction, period: Period, value: &str, target: &str) -> Suggestion {
    let cells = match period {
        Period::AnnualReport => (value, ""),
        _ => ("", value),
    };
    indicator_status(
        &indicator(direction, period, cells.0, cells.1, target),
        period,
    )
    .suggested
}

fn suggested(direction: Direction, forecast: &str, target: &str) -> Suggestion {
    suggested_in(direction, T1, forecast, target)
}

const MET: Suggestion = Suggestion::Status(IndicatorStatus::Met);
const PARTLY: Suggestion = Suggestion::Status(IndicatorStatus::PartlyMet);
const NOT_MET: Suggestion = Suggestion::Status(IndicatorStatus::NotMet);

fn is_not_evaluable(suggestion: Suggestion) -> bool {
    matches!(suggestion, Suggestion::NotEvaluable { .. })
}

#[test]
fn higher_better_at_and_around_the_tolerance_boundary() {
    let up = Direction::HigherBetter;
    assert_eq!(suggested(up, "100", "100"), MET, "exactly at target");
    assert_eq!(suggested(up, "120", "100"), MET);
    assert_eq!(suggested(up, "80,1", "100"), PARTLY, "19.9 %");
    assert_eq!(
        suggested(up, "80", "100"),
        PARTLY,
        "exactly 20 % is inclusive"
    );
    assert_eq!(suggested(up, "79,9", "100"), NOT_MET, "20.1 %");
    // 127/635 is exactly 20 % but not exact in binary floating point.
    assert_eq!(suggested(up, "508 st", "635 st"), PARTLY);
    assert_eq!(suggested(up, "507 st", "635 st"), NOT_MET);
}

#[test]
fn lower_better_and_max_at_and_around_the_tolerance_boundary() {
    for direction in [Direction::LowerBetter, Direction::Max] {
        assert_eq!(suggested(direction, "10 %", "10 %"), MET, "{direction:?}");
        assert_eq!(suggested(direction, "9 %", "10 %"), MET, "{direction:?}");
        assert_eq!(
            suggested(direction, "11,99 %", "10 %"),
            PARTLY,
            "{direction:?}"
        );
        assert_eq!(
            suggested(direction, "12 %", "10 %"),
            PARTLY,
            "{direction:?}"
        );
        assert_eq!(
            suggested(direction, "12,01 %", "10 %"),
            NOT_MET,
            "{direction:?}"
        );
    }
}

#[test]
fn a_max_target_is_a_ceiling_whatever_the_stored_direction() {
    for direction in [Direction::HigherBetter, Direction::Unknown, Direction::Max] {
        assert_eq!(suggested(direction, "10", "Max 10 personer"), MET);
        assert_eq!(suggested(direction, "11,98", "Max 10 personer"), PARTLY);
        assert_eq!(suggested(direction, "12", "Max 10 personer"), PARTLY);
        assert_eq!(suggested(direction, "12,02", "Max 10 personer"), NOT_MET);
    }
}

#[test]
fn shortfall_compared_and_basis_are_reported() {
    let evaluation = indicator_status(
        &indicator(Direction::HigherBetter, T1, "0 st", "510", "635 st"),
        T1,
    );
    assert_eq!(evaluation.basis, Some(Basis::Forecast));
    assert_eq!(evaluation.compared, Some((510.0, 635.0)));
    let shortfall = evaluation.shortfall.unwrap_or(f64::NAN);
    assert!((shortfall - 125.0 / 635.0).abs() < 1e-12, "{shortfall}");
    assert_eq!(evaluation.effective, IndicatorStatus::PartlyMet);
    assert_eq!(Basis::Forecast.label(), "Prognos helår");

    let met = indicator_status(&indicator(Direction::LowerBetter, T1, "", "8", "10"), T1);
    assert!(
        met.shortfall.is_some_and(|s| s < 0.0),
        "met is zero or negative"
    );
}

#[test]
fn band_inside_and_outside() {
    let band = Direction::Band;
    assert_eq!(suggested(band, "0,5 %", "+/-1 %"), MET);
    assert_eq!(
        suggested(band, "-1 %", "+/-1 %"),
        MET,
        "the edge is inclusive"
    );
    assert_eq!(suggested(band, "1 %", "+/- 1 %"), MET);
    assert_eq!(
        suggested(band, "0", "+/-1 %"),
        MET,
        "unit missing on one side"
    );
    // Outside the band is uppnås ej: the relative rule does not apply to a band.
    assert_eq!(suggested(band, "1,01 %", "+/-1 %"), NOT_MET);
    assert_eq!(suggested(band, "-1,1 %", "+/-1 %"), NOT_MET);
    // The band's form decides even when the stored direction says otherwise.
    assert_eq!(suggested(Direction::HigherBetter, "-0,4 %", "+/-1 %"), MET);
}

#[test]
fn band_with_a_configured_tolerance_gets_a_delvis_zone() {
    let mut configured = indicator(Direction::Band, T1, "", "1,5 %", "+/-1 %");
    configured.tolerance = 0.5;
    assert_eq!(indicator_status(&configured, T1).suggested, PARTLY);
    let configured = with_report(configured, T1, |report| {
        report.forecast_full_year = Value::from_cell("-1,51 %");
    });
    assert_eq!(indicator_status(&configured, T1).suggested, NOT_MET);
}

#[test]
fn a_plain_number_needs_a_known_direction() {
    assert!(is_not_evaluable(suggested(Direction::Unknown, "5", "5")));
    assert!(is_not_evaluable(suggested(Direction::Band, "5", "5")));
}

#[test]
fn zero_target() {
    let down = Direction::LowerBetter;
    assert_eq!(suggested(down, "0 st", "0 st"), MET, "exactly at target");
    assert_eq!(
        suggested(down, "1 st", "0 st"),
        NOT_MET,
        "no relative zone at 0"
    );
    assert_eq!(suggested(Direction::HigherBetter, "0", "0"), MET);
    assert_eq!(suggested(Direction::HigherBetter, "-1", "0"), NOT_MET);
    let evaluation = indicator_status(&indicator(down, T1, "", "1 st", "0 st"), T1);
    assert_eq!(evaluation.shortfall, None, "undefined at 0");

    let mut configured = indicator(down, T1, "", "1 st", "0 st");
    configured.tolerance = 1.5;
    assert_eq!(indicator_status(&configured, T1).suggested, PARTLY);
}

#[test]
fn negative_targets_keep_the_direction() {
    // A signed deviation target: -2 is the goal, -2,4 is 20 % short of it.
    assert_eq!(suggested(Direction::HigherBetter, "-2,4", "-2"), PARTLY);
    assert_eq!(suggested(Direction::HigherBetter, "-1", "-2"), MET);
    assert_eq!(suggested(Direction::LowerBetter, "-3", "-2"), MET);
}

#[test]
fn configured_tolerance_moves_the_boundary() {
    let mut strict = indicator(Direction::HigherBetter, T1, "", "90", "100");
    strict.tolerance = 0.10;
    assert_eq!(indicator_status(&strict, T1).suggested, PARTLY);
    let strict = with_report(strict, T1, |report| {
        report.forecast_full_year = Value::from_cell("89,9");
    });
    assert_eq!(indicator_status(&strict, T1).suggested, NOT_MET);
}

#[test]
fn trend_targets_compare_with_last_year() {
    let with_previous = |value: &str, target: &str, previous: &str| {
        let built = with_report(
            indicator(Direction::HigherBetter, VB, value, "", target),
            VB,
            |report| report.prev_year_outcome = Value::from_cell(previous),
        );
        indicator_status(&built, VB)
    };
    assert_eq!(with_previous("60 %", "Öka", "50 %").suggested, MET);
    assert_eq!(
        with_previous("50 %", "Öka", "50 %").suggested,
        PARTLY,
        "no increase is not met"
    );
    assert_eq!(with_previous("40 %", "Öka", "50 %").suggested, PARTLY);
    assert_eq!(with_previous("39,9 %", "Öka", "50 %").suggested, NOT_MET);
    assert_eq!(with_previous("40", "Minska", "50").suggested, MET);
    assert_eq!(with_previous("50", "Minskning", "50").suggested, PARTLY);
    assert_eq!(with_previous("60", "Minska", "50").suggested, PARTLY);
    assert_eq!(with_previous("60,1", "Minska", "50").suggested, NOT_MET);
    assert_eq!(
        with_previous("60", "Öka", "50").compared,
        Some((60.0, 50.0))
    );
    // A bare "Öka" without last year's outcome cannot be judged.
    assert!(is_not_evaluable(with_previous("60", "Öka", "").suggested));
    assert!(is_not_evaluable(
        with_previous("60", "Öka", "Ny indikator 2020").suggested
    ));
}

#[test]
fn targets_without_a_number_are_not_evaluable_with_a_reason() {
    for target in [
        "Tas fram av nämnd",
        "Fastställs 2020",
        "-",
        "",
        "Enligt plan",
    ] {
        let suggestion = suggested(Direction::HigherBetter, "50", target);
        assert!(
            matches!(suggestion, Suggestion::NotEvaluable { reason } if !reason.is_empty()),
            "{target}: {suggestion:?}"
        );
        assert_eq!(suggestion.status(), IndicatorStatus::NoResult);
    }
}

#[test]
fn missing_values_are_not_evaluable() {
    for value in ["", "Ny indikator 2020", "Inget utfall 2019", "Saknas"] {
        assert!(
            is_not_evaluable(suggested_in(Direction::HigherBetter, VB, value, "50")),
            "{value}"
        );
    }
    let nothing = indicator_status(&indicator(Direction::HigherBetter, T1, "", "", "50"), T1);
    assert!(is_not_evaluable(nothing.suggested));
    assert_eq!(nothing.effective, IndicatorStatus::NoResult);
}

#[test]
fn tertial_falls_back_to_the_period_outcome_without_a_prognosis() {
    let evaluation = indicator_status(&indicator(Direction::HigherBetter, T1, "45", "", "50"), T1);
    assert_eq!(evaluation.basis, Some(Basis::PeriodOutcome));
    assert_eq!(evaluation.suggested, PARTLY);
}

#[test]
fn the_annual_report_uses_the_outcome_not_a_prognosis() {
    let evaluation = indicator_status(
        &indicator(Direction::HigherBetter, VB, "30", "50", "50"),
        VB,
    );
    assert_eq!(evaluation.basis, Some(Basis::PeriodOutcome));
    assert_eq!(evaluation.suggested, NOT_MET);
}

#[test]
fn the_plan_is_not_evaluable() {
    assert!(is_not_evaluable(suggested_in(
        Direction::HigherBetter,
        Period::Plan,
        "50",
        "50"
    )));
}

#[test]
fn units_must_be_compatible() {
    assert!(is_not_evaluable(suggested(
        Direction::HigherBetter,
        "45 st",
        "45 %"
    )));
    assert_eq!(
        suggested(
            Direction::LowerBetter,
            "1,2 kg CO2",
            "1,4 kg CO2 per kg livsmedel"
        ),
        MET,
        "a truncated unit still compares"
    );
}

#[test]
fn the_stated_status_wins() {
    let built = with_report(
        indicator(Direction::HigherBetter, T1, "", "10", "100"),
        T1,
        |report| report.stated_status = Some(IndicatorStatus::Met),
    );
    let evaluation = indicator_status(&built, T1);
    assert_eq!(evaluation.suggested, NOT_MET);
    assert_eq!(evaluation.stated, Some(IndicatorStatus::Met));
    assert_eq!(evaluation.effective, IndicatorStatus::Met);
    assert!(evaluation.disagrees());

    let stated_without_values = with_report(
        indicator(Direction::HigherBetter, T1, "", "", "90 %"),
        T1,
        |report| report.stated_status = Some(IndicatorStatus::Met),
    );
    let evaluation = indicator_status(&stated_without_values, T1);
    assert_eq!(evaluation.effective, IndicatorStatus::Met);
    assert!(!evaluation.disagrees());
}

#[test]
fn excluded_indicators_are_marked() {
    let built = with_report(
        indicator(Direction::HigherBetter, T1, "", "10", "100"),
        T1,
        |report| report.excluded = true,
    );
    let evaluation = indicator_status(&built, T1);
    assert!(evaluation.excluded);
    assert!(is_not_evaluable(evaluation.suggested));
}

fn with_council_target(built: Indicator, council: &str) -> Indicator {
    with_report(built, T1, |report| {
        report.council_target = Target::from_cell(council);
    })
}

#[test]
fn council_target_is_evaluated_only_where_comparable() {
    // "45 st 45 st 800 st": a city-wide total.
    let city_wide = with_council_target(
        indicator(Direction::HigherBetter, T1, "16 st", "45 st", "45 st"),
        "800 st",
    );
    assert!(is_not_evaluable(
        council_target_status(&city_wide, T1).suggested
    ));
    assert_eq!(
        indicator_status(&city_wide, T1).effective,
        IndicatorStatus::Met
    );

    // "0,6 % 0,6 % 2,7 %": the same unit and scale, lower is better.
    let comparable = with_council_target(
        indicator(Direction::LowerBetter, T1, "0,6 %", "0,6 %", "0,6 %"),
        "2,7 %",
    );
    let evaluation = council_target_status(&comparable, T1);
    assert_eq!(evaluation.suggested, MET);
    assert_eq!(evaluation.compared, Some((0.6, 2.7)));

    // The KF target is stricter than the nämnd's own: informational only.
    let stricter = with_council_target(
        indicator(Direction::HigherBetter, T1, "", "1 %", "1 %"),
        "2,8 %",
    );
    assert_eq!(council_target_status(&stricter, T1).suggested, NOT_MET);
    assert_eq!(
        indicator_status(&stricter, T1).effective,
        IndicatorStatus::Met
    );

    let set_by_committee = with_council_target(
        indicator(Direction::HigherBetter, T1, "", "510", "680 st"),
        "Tas fram av nämnd",
    );
    assert!(is_not_evaluable(
        council_target_status(&set_by_committee, T1).suggested
    ));

    let other_unit = with_council_target(
        indicator(Direction::LowerBetter, T1, "", "3,4 GWh", "3,4 GWh"),
        "4 %",
    );
    assert!(is_not_evaluable(
        council_target_status(&other_unit, T1).suggested
    ));

    // No numeric Årsmål: the value is the reference for "city-wide".
    let no_annual = with_council_target(
        indicator(Direction::HigherBetter, T1, "", "510 st", ""),
        "9 000 st",
    );
    assert!(is_not_evaluable(
        council_target_status(&no_annual, T1).suggested
    ));
}

#[test]
fn council_target_ignores_the_stated_status() {
    let built = with_report(
        with_council_target(
            indicator(Direction::HigherBetter, T1, "", "1 %", "1 %"),
            "2,8 %",
        ),
        T1,
        |report| report.stated_status = Some(IndicatorStatus::Met),
    );
    let evaluation = council_target_status(&built, T1);
    assert_eq!(evaluation.stated, None);
    assert_eq!(evaluation.effective, IndicatorStatus::NotMet);
}

/// An indicator whose VP sets the årsmål `plan_target` and whose report in `period` has the
/// prognosis (or, in the VB, the outcome) `value` and the årsmål `own_target` ("" for none).
fn year_target(period: Period, value: &str, own_target: &str, plan_target: &str) -> Indicator {
    let cells = match period {
        Period::AnnualReport => (value, ""),
        _ => ("", value),
    };
    with_report(
        indicator(
            Direction::HigherBetter,
            period,
            cells.0,
            cells.1,
            own_target,
        ),
        Period::Plan,
        |report| report.annual_target = Target::from_cell(plan_target),
    )
}

#[test]
fn every_period_without_its_own_arsmal_is_evaluated_against_the_years() {
    for period in [Period::Month(3), T1, Period::Tertial(2), VB] {
        // 60 against the VP's 100 is a shortfall of 40 %.
        let built = year_target(period, "60", "", "100");
        let evaluation = indicator_status(&built, period);
        assert_eq!(evaluation.suggested, NOT_MET, "{period}");
        assert_eq!(evaluation.compared, Some((60.0, 100.0)), "{period}");
        // The period's own årsmål wins.
        let own = year_target(period, "60", "55", "100");
        assert_eq!(indicator_status(&own, period).suggested, MET, "{period}");
    }
}

#[test]
fn a_target_adjusted_in_a_tertial_holds_for_the_rest_of_the_year() {
    // VP 680, T1 adjusts to 635; T2 states none: its prognosis 510 is measured against 635.
    let mut built = year_target(Period::Tertial(2), "510 st", "", "680 st");
    built.reports.entry(T1).or_default().annual_target = Target::from_cell("635 st");
    let evaluation = indicator_status(&built, Period::Tertial(2));
    assert_eq!(evaluation.compared, Some((510.0, 635.0)));
    assert_eq!(evaluation.suggested, PARTLY);
    assert_eq!(
        built.annual_target_source(Period::Tertial(2)),
        crate::domain::TargetSource::Inherited(T1)
    );
    assert_eq!(
        built.annual_target_source(Period::Month(3)),
        crate::domain::TargetSource::Inherited(Period::Plan)
    );
}
