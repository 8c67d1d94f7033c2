//! Save latency: 1000 `SetIndicatorReport` applies (transaction + audit entry + flush) on a
//! real database in a temporary directory. Budget (DESIGN.md §8): p99 ≤ 20 ms.
//! Run with `cargo bench --bench save` (release). Without `--bench` — as `cargo test
//! --all-targets` runs it — it does one quick save, so the test run stays fast.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use malkoll::domain::{
    Council, Goal, GoalLevel, Indicator, IndicatorReport, Origin, Period, Periodicity, PlanYear,
    Target, Value,
};
use malkoll::store::{Actor, Change, Store};

/// Saves measured under `cargo bench`.
const SAVES: usize = 1000;
const INDICATORS: u32 = 50;

fn plan() -> PlanYear {
    let mut goal = Goal::new(1, GoalLevel::Direction, Some("1"), "Ett mål");
    for id in 2..2 + INDICATORS {
        goal.indicators.push(Indicator {
            id,
            origin: Origin::CityCouncil,
            name: format!("Indikator {id}"),
            unit: Some("%".to_owned()),
            periodicity: Periodicity::Tertial,
            direction: Default::default(),
            tolerance: 0.2,
            direction_confirmed: false,
            reports: BTreeMap::new(),
        });
    }
    PlanYear {
        council: Council {
            id: "bench".to_owned(),
            name: "Bänknämnden".to_owned(),
        },
        year: 2020,
        documents: Vec::new(),
        goals: vec![goal],
        months: Vec::new(),
        economy: Default::default(),
    }
}

fn percentile(sorted: &[Duration], fraction: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * fraction).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path()).expect("open store");
    let actor = Actor::from_parts("bench".to_owned(), None);
    store
        .apply(&Change::PutPlanYear(plan()), &actor)
        .expect("put plan year");
    let periods = [Period::Tertial(1), Period::Tertial(2), Period::AnnualReport];

    let saves = if std::env::args().any(|arg| arg == "--bench") {
        SAVES
    } else {
        1
    };
    let mut timings = Vec::with_capacity(saves);
    for i in 0..saves {
        let change = Change::SetIndicatorReport {
            council: "bench".to_owned(),
            year: 2020,
            indicator: 2 + (i as u32 % INDICATORS),
            period: periods[i % periods.len()],
            report: IndicatorReport {
                outcome: Value::from_input(&format!("{i} st")).expect("value"),
                annual_target: Target::from_cell("500 st"),
                analysis: "Analys ".repeat(20),
                ..IndicatorReport::default()
            },
        };
        let started = Instant::now();
        store.apply(&change, &actor).expect("apply");
        timings.push(started.elapsed());
    }
    timings.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "save (transaction + audit + flush), {saves} applies: median {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        ms(percentile(&timings, 0.5)),
        ms(percentile(&timings, 0.99)),
        ms(timings[timings.len() - 1]),
    );
}
