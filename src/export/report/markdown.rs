//! The report as Markdown, for diffs and mail: `#` headings by level, pipe tables, text
//! escaped so a `*` or `|` in an analysis stays text.

use super::{GoalSection, Report, Table};
use crate::domain::GoalLevel;

/// Escapes what Markdown would read as markup: emphasis, links, HTML, table pipes, and a
/// list or heading marker at the start.
pub fn escape(text: &str) -> String {
    let mut out = escape_inline(text);
    let starts_block = out.starts_with(['#', '-', '+', '='])
        || out
            .split_once(". ")
            .is_some_and(|(head, _)| !head.is_empty() && head.chars().all(|c| c.is_ascii_digit()));
    if starts_block {
        out.insert(0, '\\');
    }
    out
}

/// Escapes markup inside a line; a table cell needs no more ("-5,0" stays as written).
fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn heading_marks(level: GoalLevel) -> &'static str {
    match level {
        GoalLevel::Direction => "###",
        GoalLevel::Area => "####",
        GoalLevel::Committee => "#####",
    }
}

fn table(out: &mut String, table: &Table) {
    let cells = |cells: &[String]| {
        let escaped: Vec<String> = cells.iter().map(|c| escape_inline(c)).collect();
        format!("| {} |\n", escaped.join(" | "))
    };
    out.push_str(&cells(&table.headers));
    out.push_str(&format!(
        "|{}\n",
        table.headers.iter().map(|_| "---|").collect::<String>()
    ));
    for row in &table.rows {
        out.push_str(&cells(row));
    }
    out.push('\n');
}

fn paragraphs(out: &mut String, paragraphs: &[String]) {
    for paragraph in paragraphs {
        out.push_str(&escape(paragraph));
        out.push_str("\n\n");
    }
}

fn labelled(out: &mut String, label: &str, text: &[String]) {
    if text.is_empty() {
        return;
    }
    out.push_str(&format!("**{label}**\n\n"));
    paragraphs(out, text);
}

fn goal(out: &mut String, section: &GoalSection) {
    out.push_str(&format!(
        "{} {}\n\n",
        heading_marks(section.level),
        escape(&section.heading)
    ));
    if let Some(assessment) = &section.assessment {
        out.push_str(&format!("**Bedömning:** {}\n\n", escape(assessment)));
    }
    labelled(out, "Beskrivning", &section.description);
    if !section.expected_results.is_empty() {
        out.push_str("**Förväntat resultat**\n\n");
        for item in &section.expected_results {
            out.push_str(&format!("- {}\n", escape(item)));
        }
        out.push('\n');
    }
    labelled(out, "Analys", &section.analysis);
    if let Some(sentence) = &section.generated_summary {
        out.push_str(&format!(
            "*Beräknad sammanfattning:* {}\n\n",
            escape(sentence)
        ));
    }
    if let Some(indicators) = &section.indicators {
        out.push_str("**Indikatorer**\n\n");
        table(out, indicators);
        for (name, text) in &section.indicator_analyses {
            labelled(out, &format!("Analys: {}", escape(name)), text);
        }
    }
    if let Some(activities) = &section.activities {
        out.push_str("**Aktiviteter**\n\n");
        table(out, activities);
        for (title, text) in &section.activity_analyses {
            labelled(out, &format!("Analys: {}", escape(title)), text);
        }
    }
    for child in &section.children {
        goal(out, child);
    }
}

/// The whole report as Markdown.
pub fn render(report: &Report) -> String {
    let mut out = format!(
        "# {} – {}\n\n",
        escape(&report.title),
        escape(&report.council)
    );
    if !report.summary.is_empty() {
        out.push_str(&format!("## {}\n\n", report.summary_heading()));
        paragraphs(&mut out, &report.summary);
    }
    out.push_str(&format!("## {}\n\n", escape(&report.tree_heading)));
    for section in &report.goals {
        goal(&mut out, section);
    }
    if let Some(economy) = &report.economy {
        out.push_str(&format!("## {}\n\n", escape(&economy.heading)));
        out.push_str(&format!("### {}\n\n", escape(&economy.table_heading)));
        table(&mut out, &economy.table);
        paragraphs(&mut out, &economy.notes);
        if !economy.deficits.is_empty() {
            out.push_str("**Underskott**\n\n");
            for deficit in &economy.deficits {
                out.push_str(&format!("- {}\n", escape(deficit)));
            }
            out.push('\n');
        }
        for (area, text) in &economy.analyses {
            labelled(&mut out, &format!("Analys: {}", escape(area)), text);
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_stays_text() {
        assert_eq!(escape("a*b*"), "a\\*b\\*");
        assert_eq!(escape("x | y"), "x \\| y");
        assert_eq!(escape("# rubrik"), "\\# rubrik");
        assert_eq!(escape("1. punkt"), "\\1. punkt");
        assert_eq!(escape("1.1 Mål"), "1.1 Mål");
        assert_eq!(escape("<script>"), "\\<script\\>");
        assert_eq!(escape_inline("-5,0"), "-5,0", "a table cell is no list");
    }
}
