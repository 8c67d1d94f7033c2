//! Property tests: every parser that reads a cell, a typed value or a command-line word
//! returns a result instead of panicking, whatever text it is given — Swedish letters,
//! NBSP, signs, long digit runs — and a number it accepts is a finite one.

use malkoll::domain::{DocKind, Period, Target, Value, YearPeriod, parse_number, parse_quantity};
use malkoll::import::{ImportHints, import_report};
use malkoll::search::fold;
use proptest::prelude::*;

/// Text that looks like a table cell: digits, separators, signs, units and Swedish letters.
fn cell_like() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9 ,.%+/\\-−–\u{a0}\u{202f}]{0,24}",
        "[-+−]?[0-9]{1,400}(,[0-9]{0,400})?( ?%| st)?",
        "(Max|max|\\+/-|±|Öka|Fastställs|Tas fram av|Ny indikator|Inget utfall)? ?[0-9 ,åäöÅÄÖİ%a-z]{0,20}",
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn numbers_never_panic_and_are_finite(text in cell_like()) {
        if let Ok(amount) = parse_number(&text) {
            prop_assert!(amount.is_finite(), "{text:?} → {amount}");
        }
        if let Ok(quantity) = parse_quantity(&text) {
            prop_assert!(quantity.amount.is_finite(), "{text:?} → {quantity:?}");
        }
    }

    #[test]
    fn values_never_panic(text in cell_like()) {
        let from_cell = Value::from_cell(&text);
        prop_assert!(from_cell.number().is_none_or(f64::is_finite), "{text:?}");
        if let Ok(typed) = Value::from_input(&text) {
            prop_assert!(typed.number().is_none_or(f64::is_finite), "{text:?}");
        }
    }

    #[test]
    fn targets_never_panic(text in cell_like()) {
        let from_cell = Target::from_cell(&text);
        prop_assert!(from_cell.quantity().is_none_or(|q| q.amount.is_finite()), "{text:?}");
        if let Err(error) = Target::from_input(&text) {
            prop_assert!(!error.to_string().is_empty());
        }
    }

    #[test]
    fn periods_never_panic(text in "(VP|T1|T2|VB|M1[0-9]?|mars|maj|[a-zåäö]{0,6})[- ]?[+-]?[0-9]{0,6}|\\PC{0,12}") {
        let _ = text.parse::<Period>();
        if let Ok(parsed) = text.parse::<YearPeriod>() {
            prop_assert_eq!(parsed.to_string().parse::<YearPeriod>(), Ok(parsed));
        }
    }

    #[test]
    fn fold_keeps_one_char_per_char(text in any::<String>()) {
        prop_assert_eq!(fold(&text).chars().count(), text.chars().count());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn import_with_hints_never_panics(
        lines in proptest::collection::vec(
            prop_oneof![
                Just("KF:s inriktningsmål: 1. Ett mål".to_owned()),
                Just("KF:s mål för verksamhetsområdet:".to_owned()),
                Just("Nämndmål: Ålder och äldreomsorg".to_owned()),
                Just(" Indikator Periodens utfall Utfall män/pojkar Utfall kvinnor/flickor Utfall VB 2019 Prognos helår Årsmål KF:s årsmål Period".to_owned()),
                Just("Indikator\tÅrsmål\tKF:s årsmål\tPeriodicitet".to_owned()),
                Just("Sjukfrånvaro 7,4 % 6 % 7,7 % 7,3 % 7,4 % 6,9 % Tas fram av nämnd/styrelse Tertial 1 2020".to_owned()),
                Just("Aktivitet Startdatum Slutdatum Avvikelse".to_owned()),
                Just("2020-01-01 2020-12-31 Avvikelse".to_owned()),
                Just("Uppfylls delvis".to_owned()),
                Just("Analys".to_owned()),
                cell_like(),
            ],
            0..120,
        ),
        kind in prop_oneof![
            Just(None),
            Just(Some(DocKind::Plan)),
            (0u8..=4).prop_map(|n| Some(DocKind::Tertial(n))),
            Just(Some(DocKind::AnnualReport)),
        ],
        year in prop_oneof![Just(None), any::<u16>().prop_map(Some)],
        council in prop_oneof![Just(None), "\\PC{0,20}".prop_map(Some), Just(Some("Söder\u{1b}[31mmalm".to_owned()))],
    ) {
        let hints = ImportHints {
            council,
            year,
            kind,
            source_name: "fuzz\u{1b}[31m.txt".to_owned(),
        };
        if let Ok(report) = import_report(&lines.join("\n"), &hints) {
            let plan = &report.plan;
            let mut texts = vec![&plan.council.id, &plan.council.name];
            texts.extend(plan.documents.iter().map(|document| &document.source));
            texts.extend(plan.goals.iter().map(|goal| &goal.title));
            for text in texts {
                prop_assert!(!text.chars().any(char::is_control), "{text:?} kept a control character");
            }
        }
    }
}
