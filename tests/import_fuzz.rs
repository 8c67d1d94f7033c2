//! Property tests: the importer never panics, whatever it is given — random bytes read as
//! lossy UTF-8, a sample cut at a random point, or a sample's lines shuffled.

use malkoll::import::{ImportHints, import_report};
use proptest::prelude::*;

fn sample(file: &str) -> String {
    let root = env!("CARGO_MANIFEST_DIR");
    let beside = format!("{root}/../shared/samples/{file}");
    let path = if std::path::Path::new(&beside).exists() {
        beside
    } else {
        format!("{root}/../../shared/samples/{file}")
    };
    std::fs::read_to_string(path).unwrap_or_default()
}

const SAMPLES: [&str; 4] = [
    "t1-2020-sodermalm.txt",
    "vp-2019-hagersten-liljeholmen.txt",
    "vp-2021-hasselby-vallingby.txt",
    "vp-2022-hagersten-alvsjo.txt",
];

fn hints() -> ImportHints {
    ImportHints {
        source_name: "fuzz".to_owned(),
        ..ImportHints::default()
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4000)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = import_report(&text, &hints());
    }

    #[test]
    fn random_goal_like_lines_never_panic(lines in proptest::collection::vec(
        prop_oneof![
            Just("KF:s inriktningsmål:".to_owned()),
            Just("Nämndmål:".to_owned()),
            Just(" Indikator Årsmål KF:s årsmål Periodicitet".to_owned()),
            Just(" Aktivitet Startdatum Slutdatum Avvikelse".to_owned()),
            Just("Analys".to_owned()),
            Just("2020-01-01 2020-12-31 Avvikelse".to_owned()),
            Just("Tertial 1 ".to_owned()),
            "[0-9 ,%a-zåäö\t-]{0,30}",
        ],
        0..200,
    )) {
        let _ = import_report(&lines.join("\n"), &hints());
    }

    #[test]
    fn truncated_samples_never_panic(which in 0..4usize, cut in 0.0f64..1.0) {
        let text = sample(SAMPLES[which]);
        let mut at = (text.len() as f64 * cut) as usize;
        while at > 0 && !text.is_char_boundary(at) {
            at -= 1;
        }
        let _ = import_report(&text[..at], &hints());
    }

    #[test]
    fn shuffled_sample_lines_never_panic(which in 0..4usize, seed in any::<u64>()) {
        let text = sample(SAMPLES[which]);
        let mut lines: Vec<&str> = text.lines().collect();
        // A small deterministic Fisher–Yates from the seed (xorshift).
        let mut state = seed | 1;
        for i in (1..lines.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            lines.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let _ = import_report(&lines.join("\n"), &hints());
    }
}
