//! Finder keystroke benchmark (DESIGN.md §8: ≤ 10 ms per keystroke over every goal, indicator
//! and activity of 14 councils × 10 years).
//!
//! `cargo bench --bench finder` measures; run without `--bench` (as `cargo test --all-targets`
//! does) it makes one quick pass over a small data set and exits, so CI stays fast.

use std::hint::black_box;
use std::time::{Duration, Instant};

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use malkoll::demo::generate;
use malkoll::search::{Finder, SearchIndex, fold};

const SEED: u64 = 2026;
const RUNS: usize = 100;
const BUDGET: Duration = Duration::from_millis(10);
/// Real-ish queries typed letter by letter, and the lengths measured.
const QUERIES: [&str; 3] = ["bistandbarn", "aldrenojdhemtjanst", "i:trygga"];
const LENGTHS: [usize; 3] = [1, 3, 8];

fn main() {
    let measuring = std::env::args().any(|arg| arg == "--bench");
    let (councils, years, runs) = if measuring { (14, 10, RUNS) } else { (1, 1, 1) };

    let started = Instant::now();
    let plans = generate(SEED, councils, years);
    let generated = started.elapsed();
    let started = Instant::now();
    let index = SearchIndex::build(&plans);
    let built = started.elapsed();
    println!(
        "finder: {councils} councils × {years} years generated in {generated:.1?}, index built in {built:.1?}"
    );
    println!(
        "finder: {} entries, {} distinct keys",
        index.entry_count(),
        index.distinct_key_count()
    );

    // Baseline: the crate's own `fuzzy_match` on every distinct key, which the index's port
    // replaces (DESIGN.md §8 measured 100k strings in 80–170 ms).
    let mut distinct: Vec<String> = index.entries().iter().map(|e| fold(&e.text)).collect();
    distinct.sort_unstable();
    distinct.dedup();
    let matcher = SkimMatcherV2::default().ignore_case();

    let mut over_budget = false;
    for query in QUERIES {
        for length in LENGTHS {
            let Some(typed) = query.get(..length.min(query.len())) else {
                continue;
            };
            let fresh = measure(runs, || {
                black_box(index.query(typed, 50));
            });
            // The last keystroke of a session that typed the earlier letters one by one.
            let mut scanned = 0;
            let incremental = measure_with_setup(
                runs,
                || {
                    let mut finder = Finder::new(&index);
                    for end in 1..typed.len() {
                        black_box(finder.query(&typed[..end], 50));
                    }
                    finder
                },
                |finder| {
                    black_box(finder.query(typed, 50));
                    scanned = finder.last_scanned();
                },
            );
            let crate_scan = measure(runs.div_ceil(5), || {
                let folded = fold(typed);
                for key in &distinct {
                    black_box(matcher.fuzzy_match(key, &folded));
                }
            });
            println!(
                "finder: {typed:<10} {:<11} median {:>8.3?}  p99 {:>8.3?}  (baseline, not the finder)",
                "crate scan", crate_scan.median, crate_scan.p99
            );
            for (mode, stats) in [("fresh", &fresh), ("incremental", &incremental)] {
                let verdict = if stats.p99 <= BUDGET { "ok" } else { "OVER" };
                over_budget |= stats.p99 > BUDGET;
                println!(
                    "finder: {typed:<10} {mode:<11} median {:>8.3?}  p99 {:>8.3?}  {verdict}",
                    stats.median, stats.p99
                );
            }
            println!("finder: {typed:<10} incremental rescanned {scanned} keys");
        }
    }
    if measuring {
        println!(
            "finder: {} (budget {BUDGET:?} p99 per keystroke)",
            if over_budget {
                "OVER BUDGET"
            } else {
                "within budget"
            }
        );
    }
}

struct Stats {
    median: Duration,
    p99: Duration,
}

fn measure(runs: usize, mut work: impl FnMut()) -> Stats {
    measure_with_setup(runs, || (), |()| work())
}

/// Times `work` alone, `runs` times, each on a fresh `setup()`.
fn measure_with_setup<S>(
    runs: usize,
    mut setup: impl FnMut() -> S,
    mut work: impl FnMut(&mut S),
) -> Stats {
    let mut times: Vec<Duration> = (0..runs.max(1))
        .map(|_| {
            let mut state = setup();
            let started = Instant::now();
            work(&mut state);
            started.elapsed()
        })
        .collect();
    times.sort_unstable();
    let at = |fraction: f64| {
        let position = ((times.len() - 1) as f64 * fraction).round() as usize;
        times.get(position).copied().unwrap_or_default()
    };
    Stats {
        median: at(0.5),
        p99: at(0.99),
    }
}
