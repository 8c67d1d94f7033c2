//! Metamorphic robustness suite (issue 11): the importer reads the layout, not the four
//! samples. Each sample is rewritten in ways a different export could have written it
//! (CRLF, CR-only, more or fewer trailing spaces, page headers and footers at other places)
//! and must import to the same plan. A T2 built from the T1 layout (DOMAIN.md §1) and a VB
//! built from the general description (§1, §3.1) are generated here with every cell layout
//! the column tables allow (each optional cell present or blank, the gender cells as a
//! pair), each written four ways: DOCX tab cells, PDF text with a blank cell as one more
//! space, PDF text where blank cells vanish, and the same with its cells wrapped. Where the
//! layout shows the blanks, every value must land in its column; where blanks vanish, every
//! value must land in its column or the row must be marked ambiguous: never silently wrong.

use malkoll::domain::{DocKind, IndicatorReport, Period, PlanYear};
use malkoll::export::plan_to_json;
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

const SAMPLES: [&str; 4] = [
    "t1-2020-sodermalm.txt",
    "vp-2019-hagersten-liljeholmen.txt",
    "vp-2021-hasselby-vallingby.txt",
    "vp-2022-hagersten-alvsjo.txt",
];

fn import_text(text: &str, name: &str) -> ImportReport {
    let hints = ImportHints {
        source_name: name.to_owned(),
        ..ImportHints::default()
    };
    import_report(text, &hints).unwrap_or_else(|e| panic!("{name} does not import: {e}"))
}

/// Fails with the first differing line of the two plans' JSON. The document line a value
/// was read from (the economy's cells keep it, for warnings) is provenance, not a fact: a
/// rewrite that moves page furniture shifts it.
fn assert_same_plan(expected: &PlanYear, actual: &PlanYear, what: &str) {
    if expected == actual {
        return;
    }
    let line_numbers = regex::Regex::new(r#""line": \d+"#).expect("a valid pattern");
    let without_lines = |plan: &PlanYear| {
        line_numbers
            .replace_all(&plan_to_json(plan), r#""line": _"#)
            .into_owned()
    };
    let (a, b) = (without_lines(expected), without_lines(actual));
    if a == b {
        return;
    }
    let first = a
        .lines()
        .zip(b.lines())
        .enumerate()
        .find(|(_, (x, y))| x != y)
        .map(|(i, (x, y))| format!("JSON line {}: «{}» became «{}»", i + 1, x.trim(), y.trim()))
        .unwrap_or_else(|| "the JSON differs in length".to_owned());
    panic!("{what}: the plan changed; {first}");
}

/// Prose re-wrapped at `width`: a run of long lines each continued on the next (ending in
/// one space, as the PDF text marks a soft wrap) is joined and broken again at other words.
/// Short lines (table cells, headings of one line) and lines broken inside a word are left;
/// a line that starts with a bullet or a dash starts a new run (a list item). A line of its
/// own is left: a one-line list item wider than the new width would make the list truly
/// ambiguous (is "… föreningsliv " / "Vuxna …" one item wrapped or two?).
fn rewrap(lines: &[&str], width: usize) -> Vec<String> {
    let continues = |l: &str| l.ends_with(' ') && !l.ends_with("  ") && !l.contains('\t');
    let prose = |l: &str| l.chars().count() >= 50 && !l.contains('\t');
    let starts_item = |l: &str| !l.starts_with(char::is_alphanumeric);
    // A line that stopped although the next line's first word would have fitted was not
    // wrapped there (a list of one item per line, VP21:1442-1454): it ends the run. The
    // width is the widest line nearby.
    let width_near = |i: usize| {
        lines[i.saturating_sub(20)..(i + 20).min(lines.len())]
            .iter()
            .map(|l| l.trim_end().chars().count())
            .max()
            .unwrap_or(0)
    };
    let ends_early = |i: usize| {
        let next_word = lines[i + 1].split_whitespace().next().unwrap_or_default();
        lines[i + 1].starts_with(char::is_uppercase)
            && lines[i].trim_end().chars().count() + 1 + next_word.chars().count() <= width_near(i)
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let mut end = i;
        while end + 1 < lines.len()
            && continues(lines[end])
            && prose(lines[end])
            && !starts_item(lines[end + 1])
            && !lines[end + 1].trim().is_empty()
            && !ends_early(end)
        {
            end += 1;
        }
        if end == i {
            out.push(lines[i].to_owned());
            i += 1;
            continue;
        }
        let joined = lines[i..=end].concat();
        let last_closed = !joined.ends_with(' ');
        let mut current = String::new();
        for word in joined.split(' ').filter(|w| !w.is_empty()) {
            if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > width {
                out.push(format!("{current} "));
                current.clear();
            }
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        }
        out.push(if last_closed {
            current
        } else {
            format!("{current} ")
        });
        i = end + 1;
    }
    out
}

/// The prose re-wrapped at other widths. A *förväntat resultat* written one item per line
/// without bullets (VP21:1442-1454) is told from one wrapped item only by whether the next
/// item's first word would have fitted on the line; once wrapped at another width that is
/// ambiguous in the text itself, so for these rewrites the items are compared as one text
/// (`expected_results_raw`) and everything else exactly.
const NARROWER: &str = "prosa ombruten smalare";
const WIDER: &str = "prosa ombruten bredare";

/// `plan` without its expected results split into items, for [`NARROWER`] and [`WIDER`].
fn without_result_items(plan: &PlanYear) -> String {
    fn clear(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, inner) in map.iter_mut() {
                    if key == "expected_results" {
                        *inner = serde_json::Value::Array(Vec::new());
                    } else {
                        clear(inner);
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(clear),
            _ => {}
        }
    }
    let mut value: serde_json::Value =
        serde_json::from_str(&plan_to_json(plan)).expect("the plan's JSON parses");
    clear(&mut value);
    let line_numbers = regex::Regex::new(r#""line":\d+"#).expect("a valid pattern");
    line_numbers
        .replace_all(&value.to_string(), r#""line":_"#)
        .into_owned()
}

/// The rewrites of a whole document, each with its name.
fn rewrites(text: &str, council_footer: &str) -> Vec<(&'static str, String)> {
    let lines: Vec<&str> = text.split('\n').collect();
    let more_trailing: Vec<String> = lines
        .iter()
        .map(|l| {
            if l.ends_with(' ') && !l.contains('\t') {
                format!("{l}  ")
            } else {
                (*l).to_owned()
            }
        })
        .collect();
    let fewer_trailing: Vec<String> = lines
        .iter()
        .map(|l| {
            let trimmed = l.trim_end_matches(' ');
            if l.len() - trimmed.len() >= 2 {
                format!("{trimmed} ")
            } else {
                (*l).to_owned()
            }
        })
        .collect();
    // Page furniture at other places: before a blank line that follows a line ending a
    // block (no trailing space), every 37 lines or so.
    let mut furniture: Vec<String> = Vec::new();
    let mut since = 0;
    let mut page = 2;
    for (i, line) in lines.iter().enumerate() {
        since += 1;
        let prev_closed = i > 0 && !lines[i - 1].ends_with(char::is_whitespace);
        if since > 37 && line.trim().is_empty() && prev_closed && !lines[i - 1].is_empty() {
            if page % 2 == 0 {
                furniture.extend([
                    String::new(),
                    "Tjänsteutlåtande".to_owned(),
                    format!("Sid {page} ({})", 99),
                    String::new(),
                    "start.stockholm".to_owned(),
                ]);
            } else {
                furniture.extend([String::new(), format!("{council_footer} {page}(99)")]);
            }
            page += 1;
            since = 0;
        }
        furniture.push((*line).to_owned());
    }
    vec![
        ("CRLF", lines.join("\r\n")),
        ("CR", lines.join("\r")),
        ("fler avslutande blanksteg", more_trailing.join("\n")),
        ("färre avslutande blanksteg", fewer_trailing.join("\n")),
        ("sidhuvuden och sidfötter flyttade", furniture.join("\n")),
        (NARROWER, rewrap(&lines, 60).join("\n")),
        (WIDER, rewrap(&lines, 110).join("\n")),
    ]
}

#[test]
fn every_sample_imports_to_the_same_plan_after_each_rewrite() {
    let mut checked = 0;
    for file in SAMPLES {
        let text = std::fs::read_to_string(sample_path(file)).expect("sample is readable");
        let original = import_text(&text, file);
        let footer = format!(
            "{}, {}",
            original.plan.council.name,
            match original.kind {
                DocKind::Plan => "Verksamhetsplan".to_owned(),
                DocKind::Tertial(n) => format!("Tertialrapport {n}"),
                DocKind::AnnualReport => "Verksamhetsberättelse".to_owned(),
            }
        );
        for (what, rewritten) in rewrites(&text, &footer) {
            let report = import_text(&rewritten, file);
            if what == NARROWER || what == WIDER {
                let (a, b) = (
                    without_result_items(&original.plan),
                    without_result_items(&report.plan),
                );
                if let Some(at) = a.chars().zip(b.chars()).position(|(x, y)| x != y) {
                    let near = |s: &str| {
                        s.chars()
                            .skip(at.saturating_sub(150))
                            .take(300)
                            .collect::<String>()
                    };
                    panic!(
                        "{file}, {what}: the plan changed near «{}», now «{}»",
                        near(&a),
                        near(&b)
                    );
                }
                assert_eq!(
                    a.len(),
                    b.len(),
                    "{file}, {what}: the plan changed in length"
                );
            } else {
                assert_same_plan(&original.plan, &report.plan, &format!("{file}, {what}"));
            }
            checked += 1;
        }
    }
    assert_eq!(checked, SAMPLES.len() * 7);
}

// ---------------------------------------------------------------------------------------
// Synthetic T2 and VB: every cell layout.

/// A value column of the T and VB tables, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Outcome,
    Men,
    Women,
    Prev,
    Forecast,
    Annual,
    Council,
}

fn columns(kind: DocKind) -> Vec<Col> {
    match kind {
        DocKind::AnnualReport => vec![
            Col::Outcome,
            Col::Men,
            Col::Women,
            Col::Prev,
            Col::Annual,
            Col::Council,
        ],
        _ => vec![
            Col::Outcome,
            Col::Men,
            Col::Women,
            Col::Prev,
            Col::Forecast,
            Col::Annual,
            Col::Council,
        ],
    }
}

/// Distinct values, so a value in the wrong column is seen.
fn value_of(col: Col) -> &'static str {
    match col {
        Col::Outcome => "41 %",
        Col::Men => "42 %",
        Col::Women => "43 %",
        Col::Prev => "44 %",
        Col::Forecast => "45 %",
        Col::Annual => "46 %",
        Col::Council => "Tas fram av nämnd/styrelse",
    }
}

fn cell_of(report: &IndicatorReport, col: Col) -> String {
    match col {
        Col::Outcome => report.outcome.display(),
        Col::Men => report.outcome_men.display(),
        Col::Women => report.outcome_women.display(),
        Col::Prev => report.prev_year_outcome.display(),
        Col::Forecast => report.forecast_full_year.display(),
        Col::Annual => report.annual_target.display(),
        Col::Council => report.council_target.display(),
    }
}

/// Every layout: each optional group present or blank; the gender cells are a pair and
/// only present with an outcome; at least one value.
fn layouts(kind: DocKind) -> Vec<Vec<Option<&'static str>>> {
    let cols = columns(kind);
    let groups: Vec<Vec<Col>> = {
        let mut g = vec![
            vec![Col::Outcome],
            vec![Col::Men, Col::Women],
            vec![Col::Prev],
        ];
        if cols.contains(&Col::Forecast) {
            g.push(vec![Col::Forecast]);
        }
        g.extend([vec![Col::Annual], vec![Col::Council]]);
        g
    };
    let mut out = Vec::new();
    for mask in 1u32..(1 << groups.len()) {
        let present: Vec<Col> = groups
            .iter()
            .enumerate()
            .filter(|(i, _)| mask & (1 << i) != 0)
            .flat_map(|(_, g)| g.clone())
            .collect();
        if present.contains(&Col::Men) && !present.contains(&Col::Outcome) {
            continue;
        }
        out.push(
            cols.iter()
                .map(|c| present.contains(c).then(|| value_of(*c)))
                .collect(),
        );
    }
    out
}

/// A name without digits (digits in names are read elsewhere), unique per row.
fn row_name(index: usize) -> String {
    let letters: String = [index / 26, index % 26]
        .iter()
        .map(|n| char::from(b'a' + u8::try_from(*n).unwrap_or(0)))
        .collect();
    format!("Andel nöjda brukare i enhet {letters}")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Writing {
    /// DOCX text: tab cells, blanks as empty fields.
    Tabs,
    /// PDF text where each blank cell leaves one more space.
    Spaces,
    /// PDF text where blank cells vanish.
    Vanish,
    /// As `Vanish`, with the name, each cell's unit and the period wrapped onto lines of
    /// their own.
    Wrapped,
}

fn row_text(name: &str, cells: &[Option<&str>], period: &str, writing: Writing) -> String {
    match writing {
        Writing::Tabs => {
            let fields: Vec<&str> = cells.iter().map(|c| c.unwrap_or("")).collect();
            format!("{name}\t{}\t{period}", fields.join("\t"))
        }
        Writing::Spaces => {
            let mut line = name.to_owned();
            for cell in cells {
                line.push(' ');
                if let Some(cell) = cell {
                    line.push_str(cell);
                }
            }
            format!("{line} {period}")
        }
        Writing::Vanish => {
            let present: Vec<&str> = cells.iter().flatten().copied().collect();
            format!("{name} {} {period}", present.join(" "))
        }
        Writing::Wrapped => {
            // "Andel nöjda " / "brukare …" / "" / "41 " / "%" / "" / "42 % 43 " / "%" …
            let (head, tail) = name.split_at(name.find(" brukare").unwrap_or(0));
            let mut lines = vec![
                format!("{head} "),
                tail.trim_start().to_owned(),
                String::new(),
            ];
            let present: Vec<&str> = cells.iter().flatten().copied().collect();
            for (i, cell) in present.iter().enumerate() {
                if i % 2 == 0 && cell.ends_with(" %") {
                    lines.push(format!("{} ", cell.trim_end_matches(" %")));
                    lines.push("%".to_owned());
                    lines.push(String::new());
                } else if cell.starts_with("Tas fram") {
                    lines.extend(["Tas ".to_owned(), "fram av ".to_owned()]);
                    lines.extend(["nämnd/".to_owned(), "styrelse".to_owned(), String::new()]);
                } else {
                    lines.push((*cell).to_owned());
                    lines.push(String::new());
                }
            }
            match period.rsplit_once(' ') {
                Some((first, year)) => {
                    lines.push(format!("{first} "));
                    lines.push(year.to_owned());
                }
                None => lines.push(period.to_owned()),
            }
            lines.join("\n")
        }
    }
}

fn header(kind: DocKind, writing: Writing) -> String {
    let cols: Vec<&str> = match kind {
        DocKind::AnnualReport => vec![
            "Indikator",
            "Periodens utfall",
            "Utfall män/pojkar",
            "Utfall kvinnor/flickor",
            "Utfall VB 2020",
            "Årsmål",
            "KF:s årsmål",
            "Period",
        ],
        _ => vec![
            "Indikator",
            "Periodens utfall",
            "Utfall män/pojkar",
            "Utfall kvinnor/flickor",
            "Periodens utfall VB 2020",
            "Prognos helår",
            "Årsmål",
            "KF:s årsmål",
            "Period",
        ],
    };
    if writing == Writing::Tabs {
        cols.join("\t")
    } else {
        cols.join(" ")
    }
}

/// A T2 (T1 layout, DOMAIN.md §1) or VB (§1, §3.1) with one KF-mål holding `rows`.
fn document(
    kind: DocKind,
    rows: &[(String, Vec<Option<&str>>, String)],
    writing: Writing,
) -> String {
    let (title, assessment) = match kind {
        DocKind::AnnualReport => ("Verksamhetsberättelse 2021", "Uppfylls helt"),
        _ => ("Tertialrapport 2 2021", "Uppfylls delvis"),
    };
    let mut text = format!(
        "Södermalms stadsdelsnämnd\n{title}\n\nKF:s inriktningsmål:\n1. En modern storstad med möjligheter och valfrihet för alla\n\n {assessment} \n\nAnalys\n\nInriktningsmålet uppfylls.\n\nKF:s mål för verksamhetsområdet:\n1.1 Stockholm är en trygg stad att bo och vistas i\n\n {assessment} \n\nAnalys\n\nMålet bedöms uppnås.\n\n{}\n\n",
        header(kind, writing)
    );
    for (name, cells, period) in rows {
        text.push_str(&row_text(name, cells, period, writing));
        text.push_str("\n\n");
    }
    text.push_str("Aktivitet Startdatum Slutdatum Avvikelse\n\nStadsdelsnämnderna ska genomföra trygghetsvandringar. 2021-01-01 2021-12-31\n");
    text
}

struct Outcome {
    rows: usize,
    exact: usize,
    flagged: usize,
    /// Read by the drop convention where vanished blanks leave no evidence.
    convention: usize,
}

fn check_synthetic(kind: DocKind, writing: Writing) -> Outcome {
    let period_labels: Vec<&str> = match kind {
        DocKind::AnnualReport => vec!["VB 2021", "2021"],
        _ => vec!["Tertial 2 2021", "2021"],
    };
    let mut rows = Vec::new();
    for label in &period_labels {
        for cells in layouts(kind) {
            rows.push((row_name(rows.len()), cells, (*label).to_owned()));
        }
    }
    let text = document(kind, &rows, writing);
    let report = import_text(&text, &format!("{kind:?}-{writing:?}.txt"));
    assert_eq!(
        report.kind, kind,
        "{writing:?}: detected as {:?}",
        report.kind
    );
    let period: Period = kind.period();
    let indicators: Vec<_> = report
        .plan
        .goals_depth_first()
        .into_iter()
        .flat_map(|g| g.indicators.iter())
        .collect();
    if indicators.len() != rows.len() {
        let dump = format!(
            "{}/target/metamorphic-{kind:?}-{writing:?}.txt",
            env!("CARGO_MANIFEST_DIR")
        );
        let _ = std::fs::write(&dump, &text);
        for w in &report.warnings {
            eprintln!("rad {}: {}", w.line, w.message);
        }
        panic!(
            "{kind:?} {writing:?}: {} of {} rows read; text in {dump}",
            indicators.len(),
            rows.len()
        );
    }
    let mut outcome = Outcome {
        rows: rows.len(),
        exact: 0,
        flagged: 0,
        convention: 0,
    };
    for (name, cells, label) in &rows {
        let indicator = indicators
            .iter()
            .find(|i| &i.name == name)
            .unwrap_or_else(|| panic!("{kind:?} {writing:?}: «{name}» missing"));
        let report = indicator.report_in(period);
        assert_eq!(&report.period_label, label, "{kind:?} {writing:?} {name}");
        let wrong: Vec<String> = columns(kind)
            .iter()
            .zip(cells)
            .filter_map(|(col, want)| {
                let got = cell_of(&report, *col);
                (got != want.unwrap_or(""))
                    .then(|| format!("{col:?}: «{got}» ≠ «{}»", want.unwrap_or("")))
            })
            .collect();
        if wrong.is_empty() {
            outcome.exact += 1;
            continue;
        }
        let visible_blanks = matches!(writing, Writing::Tabs | Writing::Spaces);
        let blanks = cells.iter().filter(|c| c.is_none()).count();
        let annual_t_row = kind != DocKind::AnnualReport && label == "2021";
        let present = cells.len() - blanks;
        if !visible_blanks && !report.ambiguous && (blanks == 2 || annual_t_row && present <= 4) {
            // Two cells short reads as "no gender split", and a T report's annual row with
            // few cells as last VB, (prognos,) Årsmål, KF:s årsmål, by the documented
            // conventions (DOMAIN.md §3.4, §10.1.4); with vanished blanks nothing tells
            // these layouts apart.
            outcome.convention += 1;
            continue;
        }
        assert!(
            !visible_blanks && report.ambiguous,
            "{kind:?} {writing:?} «{name}» {cells:?} {label}: {} (ambiguous: {})",
            wrong.join(", "),
            report.ambiguous
        );
        outcome.flagged += 1;
    }
    outcome
}

#[test]
fn synthetic_t2_and_vb_place_every_layout_or_flag_it() {
    let mut total = 0;
    for kind in [DocKind::Tertial(2), DocKind::AnnualReport] {
        for writing in [
            Writing::Tabs,
            Writing::Spaces,
            Writing::Vanish,
            Writing::Wrapped,
        ] {
            let outcome = check_synthetic(kind, writing);
            eprintln!(
                "{kind:?} {writing:?}: {} rows, {} exact, {} flagged as guesses, {} by the \
                 drop convention",
                outcome.rows, outcome.exact, outcome.flagged, outcome.convention
            );
            if matches!(writing, Writing::Tabs | Writing::Spaces) {
                assert_eq!(outcome.exact, outcome.rows);
            }
            total += outcome.rows;
        }
    }
    // T2: 6 groups, 63 non-empty choices of which 16 have the gender pair without an
    // outcome → 47 layouts; VB: 5 groups → 31 − 8 = 23; two period labels; four writings.
    assert_eq!(total, (47 + 23) * 2 * 4);
}

#[test]
fn the_wrapped_and_vanished_writings_read_the_same() {
    for kind in [DocKind::Tertial(2), DocKind::AnnualReport] {
        let rows: Vec<_> = layouts(kind)
            .into_iter()
            .enumerate()
            .map(|(i, cells)| (row_name(i), cells, "2021".to_owned()))
            .collect();
        let flat = import_text(&document(kind, &rows, Writing::Vanish), "flat.txt");
        let wrapped = import_text(&document(kind, &rows, Writing::Wrapped), "flat.txt");
        assert_same_plan(&flat.plan, &wrapped.plan, &format!("{kind:?} wrapped"));
        let spaced_text = document(kind, &rows, Writing::Spaces);
        let spaced = import_text(&spaced_text, "flat.txt");
        for (what, rewritten) in rewrites(
            &spaced_text,
            "Södermalms stadsdelsnämnd, Verksamhetsberättelse",
        ) {
            let report = import_text(&rewritten, "flat.txt");
            assert_same_plan(&spaced.plan, &report.plan, &format!("{kind:?} {what}"));
        }
    }
}
