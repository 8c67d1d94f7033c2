//! Import time of the largest sample (vp-2022, 258 KB): 20 runs, median printed.
//! Run with `cargo bench --bench import`.

use std::time::{Duration, Instant};

use malkoll::import::{ImportHints, import_report};

fn main() {
    let root = env!("CARGO_MANIFEST_DIR");
    let file = "vp-2022-hagersten-alvsjo.txt";
    let beside = format!("{root}/../shared/samples/{file}");
    let path = if std::path::Path::new(&beside).exists() {
        beside
    } else {
        format!("{root}/../../shared/samples/{file}")
    };
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("hittar inte {path}");
        return;
    };
    let hints = ImportHints {
        source_name: file.to_owned(),
        ..ImportHints::default()
    };
    let mut times: Vec<Duration> = (0..20)
        .map(|_| {
            let start = Instant::now();
            let report = import_report(&text, &hints);
            let elapsed = start.elapsed();
            std::hint::black_box(report.is_ok());
            elapsed
        })
        .collect();
    times.sort();
    let median = times[times.len() / 2];
    println!(
        "import {file} ({} KB): median {:.2} ms over {} runs (min {:.2} ms, max {:.2} ms)",
        text.len() / 1024,
        median.as_secs_f64() * 1000.0,
        times.len(),
        times[0].as_secs_f64() * 1000.0,
        times[times.len() - 1].as_secs_f64() * 1000.0
    );
}
