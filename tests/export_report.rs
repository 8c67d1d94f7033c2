//! `malkoll export report`: the Södermalm T1 2020 report written by the real binary, and
//! the DOCX opened again by a docx reader (docx-rs) to check its headings and the indicator
//! table's cells; the HTML and Markdown carry the same content.

mod cli_common;

use cli_common::{malkoll_db, text};
use malkoll::export::report::docx::{Block, read_outline};

fn export(home: &std::path::Path, format: &str, file: &str) -> Vec<u8> {
    let out = home.join(file);
    let output = malkoll_db(
        home,
        &[
            "export",
            "report",
            "--council",
            "Södermalm",
            "--period",
            "T1-2020",
            "--format",
            format,
            "-o",
            out.to_str().expect("a UTF-8 path"),
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(
        text(&output.stdout).contains("skrevs till"),
        "{}",
        text(&output.stdout)
    );
    std::fs::read(&out).expect("the report file")
}

fn paragraphs<'a>(blocks: &'a [Block], style: &str) -> Vec<&'a str> {
    blocks
        .iter()
        .filter_map(|block| match block {
            Block::Paragraph { style: s, text } if s == style => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

#[test]
fn docx_report_of_sodermalm_t1_2020_reads_back() {
    let home = tempfile::tempdir().expect("temp dir");
    let bytes = export(home.path(), "docx", "rapport.docx");
    let blocks = read_outline(&bytes).expect("a readable docx");

    assert_eq!(
        paragraphs(&blocks, "Title"),
        ["Tertialrapport 1 2020 – Södermalms stadsdelsnämnd"]
    );
    assert_eq!(
        paragraphs(&blocks, "Heading1"),
        [
            "Sammanfattande analys",
            "Uppföljning av kommunfullmäktiges inriktningsmål",
            "Uppföljning av ekonomi"
        ]
    );
    let mut direction = paragraphs(&blocks, "Heading2");
    assert_eq!(direction.pop(), Some("Uppföljning av driftbudget"));
    assert_eq!(direction.len(), 3, "{direction:?}");
    assert_eq!(
        direction[0],
        "KF:s inriktningsmål: 1 En modern storstad med möjligheter och valfrihet för alla"
    );
    let area = paragraphs(&blocks, "Heading3");
    assert_eq!(area.len(), 12, "{area:?}");
    assert!(area[0].starts_with("KF:s mål för verksamhetsområdet: 1.1 I Stockholm är människor"));
    let committee = paragraphs(&blocks, "Heading4");
    assert_eq!(committee.len(), 27, "the T1 has 27 nämndmål: {committee:?}");
    assert_eq!(committee[0], "Nämndmål: 1.1.1 Vuxna försörjer sig själva");

    // The KF 1.1 bedömning line, then its indicator table with the T1 columns.
    let bedomning = blocks
        .iter()
        .position(
            |b| matches!(b, Block::Paragraph { text, .. } if text == "Bedömning: Uppfylls helt"),
        )
        .expect("a bedömning line");
    let table = blocks[bedomning..]
        .iter()
        .find_map(|b| match b {
            Block::Table(rows) => Some(rows),
            _ => None,
        })
        .expect("the indicator table of KF 1.1");
    assert_eq!(
        table[0],
        [
            "Indikator",
            "Periodens utfall",
            "Utfall män/pojkar",
            "Utfall kvinnor/flickor",
            "Periodens utfall VB 2019",
            "Prognos helår",
            "Årsmål",
            "KF:s årsmål",
            "Period",
            "Status"
        ]
    );
    assert_eq!(table.len(), 9, "eight KF indicators and the header");
    let feriejobb = table
        .iter()
        .find(|row| row[0] == "Antal tillhandahållna platser för feriejobb")
        .expect("the feriejobb row");
    assert_eq!(
        feriejobb[1..],
        [
            "510",
            "",
            "",
            "680",
            "510",
            "680 st",
            "Tas fram av nämnd",
            "Tertial 1 2020",
            "✗ Uppnås ej"
        ]
    );
    let gender = table
        .iter()
        .find(|row| row[0].starts_with("Andel personer som har ekonomiskt bistånd"))
        .expect("a row with a gender split");
    assert_eq!(gender[1..4], ["0,56 %", "0,69 %", "0,43 %"]);

    // Activity tables carry the Avvikelse column.
    assert!(blocks.iter().any(|b| matches!(b, Block::Table(rows)
        if rows[0] == ["Aktivitet", "Startdatum", "Slutdatum", "Avvikelse"])));
}

/// The rows of the first table after the paragraph `heading`.
fn table_after<'a>(blocks: &'a [Block], heading: &str) -> &'a [Vec<String>] {
    let at = blocks
        .iter()
        .position(|b| matches!(b, Block::Paragraph { text, .. } if text == heading))
        .unwrap_or_else(|| panic!("no paragraph «{heading}»"));
    blocks[at..]
        .iter()
        .find_map(|b| match b {
            Block::Table(rows) => Some(rows.as_slice()),
            _ => None,
        })
        .expect("a table after it")
}

#[test]
fn docx_report_ends_with_the_economy_of_the_period() {
    let home = tempfile::tempdir().expect("temp dir");
    let bytes = export(home.path(), "docx", "rapport.docx");
    let blocks = read_outline(&bytes).expect("a readable docx");
    let table = table_after(&blocks, "Uppföljning av driftbudget");
    assert_eq!(
        table[0],
        [
            "Mnkr, netto",
            "Budget 2020",
            "Begärda budgetjusteringar",
            "Prognos T1 2020",
            "Avvikelse",
            "Avvikelse, %"
        ]
    );
    let row = |name: &str| {
        table
            .iter()
            .find(|row| row[0] == name)
            .unwrap_or_else(|| panic!("no row {name}: {table:?}"))
            .clone()
    };
    // T1 2020 Södermalm (t1-2020-sodermalm.txt:4190): budget 67,7, prognos 72,7, -5,0.
    assert_eq!(
        row("Ekonomiskt bistånd")[1..],
        ["67,7", "", "72,7", "-5,0", "-7,4"]
    );
    assert_eq!(
        row("Äldreomsorg")[1..],
        ["1 071,1", "", "1 063,1", "8,0", "0,7"]
    );
    assert_eq!(
        row("varav barn och ungdom")[4],
        "-8,0",
        "a varav part keeps its name"
    );
    assert_eq!(
        table.last().expect("rows")[..],
        ["Nämnden totalt", "2 439,5", "", "2 439,5", "0,0", "0,0"],
        "the nämnd's total last, computed from the areas"
    );
    // The deficits beyond 1 % of budget, in document order, after the table.
    let texts: Vec<&str> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    let at = texts
        .iter()
        .position(|t| *t == "Underskott")
        .expect("a deficit label");
    assert_eq!(
        texts[at + 1..at + 3],
        [
            "– Individ- ochfamiljeomsorg: Underskott 15,0 mnkr i prognosen T1 (6,6 % av budget 226,2 mnkr)",
            "– Ekonomiskt bistånd: Underskott 5,0 mnkr i prognosen T1 (7,4 % av budget 67,7 mnkr)"
        ]
    );
    assert!(
        texts.contains(&"Analys: Äldreomsorg"),
        "the areas' analyses follow"
    );
}

#[test]
fn a_plan_report_shows_the_budget_alone() {
    let home = tempfile::tempdir().expect("temp dir");
    let out = home.path().join("vp.md");
    let output = malkoll_db(
        home.path(),
        &[
            "export",
            "report",
            "--council",
            "hagersten-alvsjo",
            "--period",
            "VP-2022",
            "--format",
            "md",
            "-o",
            out.to_str().expect("a UTF-8 path"),
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let markdown = std::fs::read_to_string(&out).expect("the report");
    let economy = markdown
        .split("## Ekonomi\n")
        .nth(1)
        .expect("an economy part");
    assert!(
        economy
            .starts_with("\n### Budget per verksamhetsområde\n\n| Mnkr, netto | Budget 2022 |\n"),
        "{economy}"
    );
    assert!(
        !economy.contains("Avvikelse") && !economy.contains("Underskott"),
        "{economy}"
    );
}

#[test]
fn html_and_markdown_carry_the_same_report() {
    let home = tempfile::tempdir().expect("temp dir");
    let html = String::from_utf8(export(home.path(), "html", "r.html")).expect("UTF-8");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.contains("<script"), "self-contained and inert");
    assert!(
        !html.contains("src=") && !html.contains("href="),
        "no outside files"
    );
    assert!(html.contains("<h3>KF:s inriktningsmål: 1 En modern storstad"));
    assert!(html.contains("<td>Antal tillhandahållna platser för feriejobb</td>"));
    assert!(html.contains("@media print"));
    assert!(html.contains("<section id=\"ekonomi\">\n<h2>Uppföljning av ekonomi</h2>"));
    assert!(html.contains(
        "<tr><td>Ekonomiskt bistånd</td><td class=\"num\">67,7</td><td></td><td class=\"num\">72,7</td><td class=\"num\">-5,0</td><td class=\"num\">-7,4</td></tr>"
    ));
    assert!(html.contains("<li>Ekonomiskt bistånd: Underskott 5,0 mnkr i prognosen T1"));

    let markdown = String::from_utf8(export(home.path(), "md", "r.md")).expect("UTF-8");
    assert!(markdown.starts_with("# Tertialrapport 1 2020 – Södermalms stadsdelsnämnd\n"));
    assert!(markdown.contains("\n#### KF:s mål för verksamhetsområdet: 1.1 "));
    assert!(markdown.contains(
        "| Antal tillhandahållna platser för feriejobb | 510 |  |  | 680 | 510 | 680 st | Tas fram av nämnd | Tertial 1 2020 | ✗ Uppnås ej |"
    ));
    assert!(markdown.contains("\n## Uppföljning av ekonomi\n\n### Uppföljning av driftbudget\n"));
    assert!(markdown.contains("| Nämnden totalt | 2 439,5 |  | 2 439,5 | 0,0 | 0,0 |"));
    assert!(markdown.contains("- Ekonomiskt bistånd: Underskott 5,0 mnkr i prognosen T1"));
}

#[test]
fn a_period_without_a_report_writes_no_file() {
    let home = tempfile::tempdir().expect("temp dir");
    let out = home.path().join("t2.docx");
    let output = malkoll_db(
        home.path(),
        &[
            "export",
            "report",
            "--council",
            "södermalm",
            "--period",
            "T2-2020",
            "-o",
            out.to_str().expect("a UTF-8 path"),
        ],
    );
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    assert!(
        text(&output.stderr).contains("har ingen rapport för T2"),
        "{}",
        text(&output.stderr)
    );
    assert!(!out.exists());
}
