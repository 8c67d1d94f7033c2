//! Load on the service: 10 clients, each applying 1,000 changes through one `malkoll serve`
//! on a temp database at the same time (every apply a transaction + audit entry + flush,
//! checked against the version it was read at). Prints throughput, median and p99 latency,
//! and checks that the audit log gained exactly 10,000 entries.
//! Run with `cargo bench --bench service` (release). Without `--bench` — as `cargo test
//! --all-targets` runs it — each client applies 10 changes, so the test run stays fast.

#[path = "../tests/service_common/mod.rs"]
mod service_common;

use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use malkoll::tui::source::PlanSource;
use service_common::{Service, goal_targets, set_analysis};

const CLIENTS: usize = 10;
const CHANGES_PER_CLIENT: usize = 1000;

fn percentile(sorted: &[Duration], fraction: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * fraction).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

fn main() {
    let per_client = if std::env::args().any(|arg| arg == "--bench") {
        CHANGES_PER_CLIENT
    } else {
        10
    };
    let service = Service::start(None);
    let reader = service.client();
    let plan = PlanSource::plan_year(&reader, "sodermalm", 2020)
        .expect("reads")
        .expect("Södermalm 2020 is bundled");
    let targets = goal_targets(&plan);
    assert!(targets.len() >= CLIENTS, "a target per client");
    let audit_before = reader.audit_log().expect("audit").len();
    let barrier = Arc::new(Barrier::new(CLIENTS + 1));
    let threads: Vec<_> = (0..CLIENTS)
        .map(|c| {
            let client = service.client();
            // Each client its own few targets, so every save is checked and none conflicts.
            let mine: Vec<_> = targets.iter().skip(c).step_by(CLIENTS).copied().collect();
            let barrier = Arc::clone(&barrier);
            std::thread::spawn(move || {
                PlanSource::plan_year(&client, "sodermalm", 2020).expect("reads");
                barrier.wait();
                let mut timings = Vec::with_capacity(per_client);
                for i in 0..per_client {
                    let (goal, period) = mine[i % mine.len()];
                    let change = set_analysis(goal, period, &format!("klient {c} ändring {i}"));
                    let started = Instant::now();
                    client.apply_change(&change).expect("applies");
                    timings.push(started.elapsed());
                }
                timings
            })
        })
        .collect();
    barrier.wait();
    let started = Instant::now();
    let mut timings: Vec<Duration> = threads
        .into_iter()
        .flat_map(|t| t.join().expect("client thread"))
        .collect();
    let wall = started.elapsed();
    let added = reader.audit_log().expect("audit").len() - audit_before;
    let total = CLIENTS * per_client;
    assert_eq!(
        added, total,
        "the audit log holds exactly one entry per change"
    );
    timings.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "service: {CLIENTS} clients × {per_client} changes = {total} in {:.2} s: {:.0} changes/s, median {:.3} ms, p99 {:.3} ms, max {:.3} ms; audit +{added}",
        wall.as_secs_f64(),
        total as f64 / wall.as_secs_f64(),
        ms(percentile(&timings, 0.5)),
        ms(percentile(&timings, 0.99)),
        ms(timings[timings.len() - 1]),
    );
}
