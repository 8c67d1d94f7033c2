//! Tests of the economy model and its view.

use super::*;

fn mnkr(text: &str) -> Money {
    Money::parse_mnkr(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn area(name: &str, budget: &str, forecasts: &[(Period, &str)]) -> BudgetArea {
    let mut area = BudgetArea::new(name);
    area.line.budget = Some(mnkr(budget));
    for (period, amount) in forecasts {
        area.line.forecasts.insert(*period, mnkr(amount));
    }
    area
}

fn sample() -> Economy {
    let mut ifo = area(
        "Individ- och familjeomsorg",
        "226,2",
        &[(Period::Month(3), "236,0"), (Period::Tertial(1), "241,2")],
    );
    ifo.children
        .push(area("varav vuxen", "55,6", &[(Period::Tertial(1), "57,6")]));
    let mut elder = area("Äldreomsorg", "1071,1", &[(Period::Tertial(1), "1063,1")]);
    elder.line.adjustments = Some(mnkr("-2,0"));
    Economy {
        areas: vec![ifo, elder],
        ..Economy::default()
    }
}

#[test]
fn variance_is_budget_plus_adjustments_minus_forecast() {
    let economy = sample();
    let ifo = economy.area("individ- och  familjeomsorg").expect("found");
    assert_eq!(ifo.line.variance(Period::Tertial(1)), Some(-15_000));
    assert_eq!(ifo.line.variance(Period::Month(3)), Some(-9_800));
    assert_eq!(ifo.line.variance(Period::Tertial(2)), None);
    let elder = economy.area("Äldreomsorg").expect("found");
    assert_eq!(elder.line.variance(Period::Tertial(1)), Some(6_000));
}

#[test]
fn the_view_adds_up_top_level_rows_only() {
    let view = EconomyView::build(&sample(), Period::Tertial(1));
    assert_eq!(view.rows.len(), 3);
    assert_eq!(view.rows[1].depth, 1);
    assert_eq!(view.total.budget, Some(1_297_300));
    assert_eq!(view.total.adjustments, Some(-2_000));
    assert_eq!(view.total.forecast, Some(1_304_300));
    assert_eq!(view.total.variance, Some(-9_000));
    let percent = view.rows[0].variance_percent.expect("percent");
    assert!(
        (percent - (-15.0 * 100.0 / 226.2)).abs() < 1e-9,
        "{percent}"
    );
    assert_eq!(
        view.trend_periods,
        vec![Period::Month(3), Period::Tertial(1)]
    );
    assert_eq!(view.rows[0].trend, vec![Some(236_000), Some(241_200)]);
    assert_eq!(view.total.trend, vec![Some(236_000), Some(1_304_300)]);
    assert!(view.warnings.is_empty(), "{:?}", view.warnings);
}

#[test]
fn the_view_warns_when_an_area_has_no_forecast() {
    let view = EconomyView::build(&sample(), Period::Month(3));
    assert_eq!(view.total.forecast, Some(236_000));
    assert_eq!(view.warnings.len(), 1, "{:?}", view.warnings);
    assert!(
        view.warnings[0].contains("Äldreomsorg"),
        "{}",
        view.warnings[0]
    );
    assert!(view.warnings[0].contains("mars"), "{}", view.warnings[0]);
}

#[test]
fn a_month_without_a_new_prognosis_keeps_the_last_one_and_says_so() {
    let mut economy = sample();
    economy
        .set_forecast(
            "Individ- och familjeomsorg",
            Period::Month(5),
            Some(mnkr("245,0")),
        )
        .expect("known");
    let view = EconomyView::build(&economy, Period::Month(5));
    let elder = &view.rows[2];
    assert_eq!(elder.forecast, Some(1_063_100));
    assert_eq!(elder.carried_from, Some(Period::Tertial(1)));
    assert_eq!(elder.variance, Some(6_000));
    assert_eq!(view.rows[0].carried_from, None);
    assert_eq!(view.total.forecast, Some(245_000 + 1_063_100));
    assert_eq!(
        view.total.variance,
        Some(
            view.total.budget.unwrap_or(0) + view.total.adjustments.unwrap_or(0)
                - view.total.forecast.unwrap_or(0)
        )
    );
    assert_eq!(view.warnings.len(), 1, "{:?}", view.warnings);
    assert!(
        view.warnings[0].contains("Äldreomsorg (T1)"),
        "{}",
        view.warnings[0]
    );
    // The VB's bokslut is never stood in for by a prognosis.
    let vb = EconomyView::build(&economy, Period::AnnualReport);
    assert_eq!(vb.rows[2].forecast, None);
}

#[test]
fn the_view_warns_where_a_documents_total_disagrees() {
    let mut economy = sample();
    let cell = |text: &str| Some(mnkr(text));
    let columns = vec![
        table::Column {
            header: "Budget 2020".to_owned(),
            kind: ColumnKind::Budget,
        },
        table::Column {
            header: "Prognos".to_owned(),
            kind: ColumnKind::Forecast,
        },
        table::Column {
            header: "Avvikelse".to_owned(),
            kind: ColumnKind::Variance,
        },
    ];
    let row = |label: &str, depth: u8, line: usize, cells: Vec<Option<Money>>| TableRow {
        label: label.to_owned(),
        depth,
        line,
        cells,
    };
    economy.tables.push(EconomyTable {
        period: Period::Tertial(1),
        kind: TableKind::AreaSummary,
        line: 10,
        columns,
        rows: vec![
            row("A", 0, 11, vec![cell("10,0"), cell("12,0"), cell("-2,0")]),
            row(
                "varav a",
                1,
                12,
                vec![cell("5,0"), cell("5,0"), cell("0,0")],
            ),
            row("B", 0, 13, vec![cell("20,0"), cell("19,0"), cell("2,0")]),
            row(
                "Totalt",
                0,
                14,
                vec![cell("30,0"), cell("32,0"), cell("0,0")],
            ),
        ],
    });
    let view = EconomyView::build(&economy, Period::Tertial(1));
    // B's avvikelse is off by one; the total's avvikelse is not 30 − 32; its prognosis is
    // not the sum of A and B (the "varav" row is a part of A, not added again).
    assert_eq!(view.warnings.len(), 3, "{:?}", view.warnings);
    assert!(
        view.warnings[0].starts_with("rad 13:"),
        "{}",
        view.warnings[0]
    );
    assert!(view.warnings[0].contains("är 1,0"), "{}", view.warnings[0]);
    assert!(
        view.warnings[1].starts_with("rad 14:"),
        "{}",
        view.warnings[1]
    );
    assert!(view.warnings[1].contains("är -2,0"), "{}", view.warnings[1]);
    assert!(
        view.warnings[2].starts_with("rad 14:"),
        "{}",
        view.warnings[2]
    );
    assert!(
        view.warnings[2].contains("«Prognos» är 32,0"),
        "{}",
        view.warnings[2]
    );
    assert!(
        view.warnings[2].contains("till 31,0"),
        "{}",
        view.warnings[2]
    );
    // Another period's tables say nothing about this one.
    assert!(
        EconomyView::build(&economy, Period::Tertial(2))
            .warnings
            .iter()
            .all(|w| !w.starts_with("rad"))
    );
}

#[test]
fn edits_reach_areas_by_name_and_refuse_unknown_ones() {
    let mut economy = sample();
    economy
        .set_forecast("varav vuxen", Period::Month(5), Some(mnkr("58,0")))
        .expect("known area");
    assert_eq!(
        economy.area("VARAV VUXEN").map(|a| a.line.forecasts.len()),
        Some(2)
    );
    assert_eq!(
        economy.set_forecast("Skola", Period::Month(5), Some(mnkr("1,0"))),
        Err(EconomyError::UnknownArea("Skola".to_owned()))
    );
    assert_eq!(
        economy.set_forecast("Äldreomsorg", Period::Plan, Some(mnkr("1,0"))),
        Err(EconomyError::NoForecastInPlan)
    );
    economy
        .set_budget("Ny verksamhet", Some(mnkr("3,5")), None)
        .expect("added");
    assert_eq!(economy.areas.len(), 3);
    assert_eq!(
        economy.set_budget("  ", None, None),
        Err(EconomyError::EmptyName)
    );
    economy
        .set_forecast("Äldreomsorg", Period::Tertial(1), None)
        .expect("removed");
    assert_eq!(
        economy.area("Äldreomsorg").map(|a| a.line.forecasts.len()),
        Some(0)
    );
}

#[test]
fn a_later_document_adds_its_prognosis_to_the_plans_budget() {
    let mut plan = Economy {
        areas: vec![area("Äldreomsorg", "1071,1", &[])],
        ..Economy::default()
    };
    let report = Economy {
        areas: vec![
            area("äldreomsorg", "1071,1", &[(Period::Tertial(1), "1063,1")]),
            area(
                "Förskoleverksamhet",
                "453,5",
                &[(Period::Tertial(1), "451,5")],
            ),
        ],
        ..Economy::default()
    };
    plan.merge_from(&report);
    assert_eq!(plan.areas.len(), 2);
    assert_eq!(plan.areas[0].name, "Äldreomsorg");
    assert_eq!(plan.areas[0].line.variance(Period::Tertial(1)), Some(8_000));
}

#[test]
fn json_round_trips_with_period_labels() {
    let economy = sample();
    let json = serde_json::to_string(&economy).expect("json");
    assert!(json.contains("\"T1\""), "{json}");
    let back: Economy = serde_json::from_str(&json).expect("read back");
    assert_eq!(back, economy);
}
