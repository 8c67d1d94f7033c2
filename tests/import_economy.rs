//! The economy tables of the samples (DOMAIN.md §8), checked against hand-checked facts in
//! tests/fixtures/economy/: every table's columns and every row's label, source line and
//! cells as printed, the model read from them (areas, income, costs, result units,
//! investments) and the warnings for every guessed cell and every sum that does not hold.

use malkoll::domain::budget::{ColumnKind, EconomyTable, EconomyView, TableKind, format_mnkr};
use malkoll::domain::{Period, PlanYear};
use malkoll::import::{ImportHints, ImportReport, import_report};

fn sample_path(file: &str) -> String {
    let root = env!("CARGO_MANIFEST_DIR");
    let beside = format!("{root}/../shared/samples/{file}");
    if std::path::Path::new(&beside).exists() {
        beside
    } else {
        format!("{root}/../../shared/samples/{file}")
    }
}

fn import(file: &str) -> ImportReport {
    let path = sample_path(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    import_report(
        &text,
        &ImportHints {
            source_name: file.to_owned(),
            ..ImportHints::default()
        },
    )
    .unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn kind_code(kind: &TableKind) -> String {
    match kind {
        TableKind::CouncilSummary => "nämnd".to_owned(),
        TableKind::AreaSummary => "områden".to_owned(),
        TableKind::AreaDetail(title) => format!("område: {title}"),
        TableKind::Investments => "investeringar".to_owned(),
    }
}

fn column_code(kind: ColumnKind) -> &'static str {
    match kind {
        ColumnKind::Budget => "budget",
        ColumnKind::Adjustments => "justeringar",
        ColumnKind::Forecast => "prognos",
        ColumnKind::ForecastAfterTransfers => "prognos efter",
        ColumnKind::Variance => "avvikelse",
        ColumnKind::Outcome => "bokslut",
        ColumnKind::Other => "annat",
    }
}

/// A table as the fixture writes it.
fn table_json(table: &EconomyTable) -> serde_json::Value {
    serde_json::json!({
        "line": table.line,
        "kind": kind_code(&table.kind),
        "columns": table.columns.iter().map(|c| column_code(c.kind)).collect::<Vec<_>>(),
        "rows": table.rows.iter().map(|row| serde_json::json!({
            "line": row.line,
            "label": row.label,
            "cells": row.cells.iter().map(|c| c.as_ref().and_then(|m| m.raw.clone())).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

fn facts(file: &str) -> serde_json::Value {
    let path = format!(
        "{}/tests/fixtures/economy/{file}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn amount(text: Option<&str>) -> Option<i64> {
    text.map(|t| {
        malkoll::domain::budget::Money::parse_mnkr(t)
            .unwrap_or_else(|e| panic!("{t}: {e}"))
            .tkr
    })
}

fn check_tables(plan: &PlanYear, facts: &serde_json::Value) {
    let expected = facts["tables"].as_array().expect("tables");
    for fact in expected {
        let line = fact["line"].as_u64().expect("line") as usize;
        let table = plan
            .economy
            .tables
            .iter()
            .find(|t| t.line == line)
            .unwrap_or_else(|| panic!("no table at line {line}"));
        assert_eq!(&table_json(table), fact, "table at line {line}");
    }
}

fn check_areas(plan: &PlanYear, facts: &serde_json::Value, period: Period) {
    let view = EconomyView::build(&plan.economy, period);
    let expected = facts["areas"].as_array().expect("areas");
    assert_eq!(view.rows.len(), expected.len(), "number of areas and parts");
    for (row, fact) in view.rows.iter().zip(expected) {
        let name = fact["name"].as_str().expect("name");
        assert_eq!(row.name, name);
        assert_eq!(
            row.depth as u64,
            fact["depth"].as_u64().expect("depth"),
            "{name}"
        );
        assert_eq!(row.budget, amount(fact["budget"].as_str()), "{name} budget");
        assert_eq!(
            row.adjustments,
            amount(fact["adjustments"].as_str()),
            "{name}"
        );
        assert_eq!(
            row.forecast,
            amount(fact["forecast"].as_str()),
            "{name} prognos"
        );
        assert_eq!(
            row.variance,
            amount(fact["variance"].as_str()),
            "{name} avvikelse"
        );
    }
    let total = &facts["total"];
    assert_eq!(
        view.total.budget,
        amount(total["budget"].as_str()),
        "total budget"
    );
    assert_eq!(
        view.total.forecast,
        amount(total["forecast"].as_str()),
        "total prognos"
    );
    assert_eq!(
        view.total.variance,
        amount(total["variance"].as_str()),
        "total avvikelse"
    );
}

fn check_warnings(report: &ImportReport, facts: &serde_json::Value) {
    for fact in facts["warnings"].as_array().expect("warnings") {
        let line = fact["line"].as_u64().expect("line") as usize;
        let contains = fact["contains"].as_str().expect("contains");
        assert!(
            report
                .warnings
                .iter()
                .any(|w| w.line == line && w.message.contains(contains)),
            "no warning at line {line} containing «{contains}»: {:#?}",
            report
                .warnings
                .iter()
                .filter(|w| w.line == line)
                .collect::<Vec<_>>()
        );
    }
}

#[test]
fn t1_2020_sodermalm_economy_comes_out_exactly() {
    let report = import("t1-2020-sodermalm.txt");
    let facts = facts("t1-2020-sodermalm");
    check_tables(&report.plan, &facts);
    check_areas(&report.plan, &facts, Period::Tertial(1));
    check_warnings(&report, &facts);
    let economy = &report.plan.economy;
    let t1 = Period::Tertial(1);
    let line = |line: &malkoll::domain::BudgetLine| {
        (
            line.budget.as_ref().map(|m| format_mnkr(m.tkr)),
            line.forecasts.get(&t1).map(|m| format_mnkr(m.tkr)),
        )
    };
    // :4093 and :4095.
    assert_eq!(
        line(&economy.income),
        (Some("-353,2".to_owned()), Some("-355,3".to_owned()))
    );
    assert_eq!(
        line(&economy.costs),
        (Some("2 792,7".to_owned()), Some("2 794,8".to_owned()))
    );
    // :4103-4111.
    assert_eq!(
        economy.result_units_in.get(&t1).map(|m| m.tkr),
        Some(23_900)
    );
    assert_eq!(
        economy.result_units_out.get(&t1).map(|m| m.tkr),
        Some(-23_900)
    );
    // :4538-4556: six investments, Klimatinvesteringar with its adjustment of 1,6.
    assert_eq!(economy.investments.len(), 6);
    let climate = &economy.investments[4];
    assert_eq!(climate.name, "Klimatinvesteringar");
    assert_eq!(
        climate.line.adjustments.as_ref().map(|m| m.tkr),
        Some(1_600)
    );
    assert_eq!(climate.line.variance(t1), Some(0));
    // The prose after an area's own table is its analys (:4220, :4449); the first table's
    // heading (:4196) names no area of the summary, which says "Nämnd och administration".
    let analysis = |name: &str| {
        economy
            .area(name)
            .and_then(|a| a.analyses.get(&t1))
            .cloned()
            .unwrap_or_default()
    };
    assert!(
        analysis("Individ- ochfamiljeomsorg").starts_with(
            "Verksamhetsområdet individ- och familjeomsorg prognostiserar ett underskott om 15,0 mnkr."
        ),
        "{}",
        analysis("Individ- ochfamiljeomsorg")
    );
    assert!(analysis("Ekonomiskt bistånd").starts_with(
        "Verksamhetsområdet ekonomiskt bistånd prognostiserar ett underskott om 5,0 mnkr."
    ),);
    assert_eq!(analysis("Nämnd och administration"), "");
    assert!(report.warnings.iter().any(|w| {
        w.line == 4207
            && w.message
                .contains("«Nämnd- och förvaltningsadministration» hör inte till")
    }));
}

#[test]
fn vp_2022_hagersten_alvsjo_budget_per_area_from_its_tab_table() {
    let report = import("vp-2022-hagersten-alvsjo.txt");
    let facts = facts("vp-2022-hagersten-alvsjo");
    check_tables(&report.plan, &facts);
    check_areas(&report.plan, &facts, Period::Plan);
    check_warnings(&report, &facts);
}

#[test]
fn hostile_or_broken_tables_never_panic_and_are_warned() {
    use malkoll::domain::DocKind;
    use malkoll::import::economy::read_economy;
    let text = "Uppföljning av ekonomi\n\nİİİ (MNKR) Budget 2020 Prognos 2020 Avvikelse\nİntäkter 1,2345 9,0\n\u{1b}[31mOnd\u{202e} 1,0 2,0 -1,0\nMnkr Budget 2020\n\t\t\nTotalt 1 2 3 4 5 6 7\n";
    let read = read_economy(text, DocKind::Tertial(1), 2020);
    let table = read
        .economy
        .tables
        .first()
        .expect("the first table is read");
    assert_eq!(table.columns.len(), 3);
    assert!(
        table
            .rows
            .iter()
            .all(|row| !row.label.contains('\u{1b}') && !row.label.contains('\u{202e}'))
    );
    assert!(
        read.warnings
            .iter()
            .any(|w| w.line == 4 && w.message.contains("«1,2345» lästes inte")),
        "{:?}",
        read.warnings
    );
    assert!(
        read.warnings
            .iter()
            .any(|w| w.line == 8 && w.message.contains("de sista lästes inte")),
        "{:?}",
        read.warnings
    );
    for cut in 0..text.len() {
        if text.is_char_boundary(cut) {
            let _ = read_economy(&text[..cut], DocKind::AnnualReport, 2020);
        }
    }
}

#[test]
fn vp_2021_hasselby_vallingby_budget_per_area_beside_gross_columns() {
    let report = import("vp-2021-hasselby-vallingby.txt");
    let facts = facts("vp-2021-hasselby-vallingby");
    check_tables(&report.plan, &facts);
    check_areas(&report.plan, &facts, Period::Plan);
    check_warnings(&report, &facts);
    // The areas' own tables after the summary are theirs (same columns, under a heading; a
    // repeated header after a page break adds no areas: `check_areas` counts them), and the
    // prose after each is its analys, without the rows and footnotes that trail it.
    let economy = &report.plan.economy;
    let elderly = economy.area("Äldreomsorg").expect("Äldreomsorg");
    let analysis = &elderly.analyses[&Period::Plan];
    assert!(
        analysis.starts_with("Nettobudgeten för verksamhetsområdet äldreomsorg uppgår till 645,4"),
        "{analysis}"
    );
}

#[test]
fn vp_2019_hagersten_liljeholmen_budget_per_area_from_the_areas_own_tables() {
    let report = import("vp-2019-hagersten-liljeholmen.txt");
    let facts = facts("vp-2019-hagersten-liljeholmen");
    check_tables(&report.plan, &facts);
    check_areas(&report.plan, &facts, Period::Plan);
    check_warnings(&report, &facts);
}
