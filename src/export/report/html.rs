//! The report as one self-contained HTML page: no scripts, no outside files, a print style
//! sheet with page breaks kept out of table rows, every text escaped.

use super::{GoalSection, Report, Table};
use crate::domain::GoalLevel;

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

const STYLE: &str = "body{font-family:Arial,Helvetica,sans-serif;font-size:11pt;\
line-height:1.4;max-width:60em;margin:2em auto;padding:0 1em;color:#111}\
h1{font-size:20pt}h2{font-size:16pt;border-bottom:1px solid #888}h3{font-size:14pt}\
h4{font-size:12pt}h5{font-size:11pt}.label{font-weight:bold;margin-bottom:.2em}\
table{border-collapse:collapse;width:100%;margin:.5em 0 1em;font-size:9pt}\
th,td{border:1px solid #999;padding:.2em .4em;vertical-align:top;text-align:left}\
th{background:#e8e8e8}td.num{text-align:right;white-space:nowrap}\
.generated{font-style:italic;color:#444}\
@media print{body{margin:0;max-width:none}tr,h3,h4,h5{page-break-inside:avoid}\
h3,h4,h5{page-break-after:avoid}}";

fn heading_tag(level: GoalLevel) -> &'static str {
    match level {
        GoalLevel::Direction => "h3",
        GoalLevel::Area => "h4",
        GoalLevel::Committee => "h5",
    }
}

/// Whether a cell reads as a number (right-aligned): a digit, after an optional sign.
fn is_numeric(cell: &str) -> bool {
    cell.trim_start_matches(['-', '+', '−'])
        .starts_with(|c: char| c.is_ascii_digit())
}

fn table(out: &mut String, table: &Table) {
    out.push_str("<table>\n<thead><tr>");
    for header in &table.headers {
        out.push_str(&format!("<th>{}</th>", escape(header)));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &table.rows {
        out.push_str("<tr>");
        for (index, cell) in row.iter().enumerate() {
            if index > 0 && is_numeric(cell) {
                out.push_str(&format!("<td class=\"num\">{}</td>", escape(cell)));
            } else {
                out.push_str(&format!("<td>{}</td>", escape(cell)));
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

fn paragraphs(out: &mut String, paragraphs: &[String]) {
    for paragraph in paragraphs {
        out.push_str(&format!("<p>{}</p>\n", escape(paragraph)));
    }
}

fn labelled(out: &mut String, label: &str, text: &[String]) {
    if text.is_empty() {
        return;
    }
    out.push_str(&format!("<p class=\"label\">{}</p>\n", escape(label)));
    paragraphs(out, text);
}

fn goal(out: &mut String, section: &GoalSection) {
    let tag = heading_tag(section.level);
    // "mal-1-1": a link target per numbered goal, digits and dashes only.
    let anchor = section
        .number
        .as_deref()
        .map(|number| {
            number
                .split(|c: char| !c.is_ascii_digit())
                .filter(|part| !part.is_empty())
                .collect::<Vec<_>>()
                .join("-")
        })
        .filter(|id| !id.is_empty())
        .map(|id| format!(" id=\"mal-{id}\""))
        .unwrap_or_default();
    out.push_str(&format!(
        "<section{anchor}>\n<{tag}>{}</{tag}>\n",
        escape(&section.heading)
    ));
    if let Some(assessment) = &section.assessment {
        out.push_str(&format!(
            "<p><strong>Bedömning:</strong> {}</p>\n",
            escape(assessment)
        ));
    }
    labelled(out, "Beskrivning", &section.description);
    if !section.expected_results.is_empty() {
        out.push_str("<p class=\"label\">Förväntat resultat</p>\n<ul>\n");
        for item in &section.expected_results {
            out.push_str(&format!("<li>{}</li>\n", escape(item)));
        }
        out.push_str("</ul>\n");
    }
    labelled(out, "Analys", &section.analysis);
    if let Some(sentence) = &section.generated_summary {
        out.push_str(&format!(
            "<p class=\"generated\">Beräknad sammanfattning: {}</p>\n",
            escape(sentence)
        ));
    }
    if let Some(indicators) = &section.indicators {
        out.push_str("<p class=\"label\">Indikatorer</p>\n");
        table(out, indicators);
        for (name, text) in &section.indicator_analyses {
            labelled(out, &format!("Analys: {name}"), text);
        }
    }
    if let Some(activities) = &section.activities {
        out.push_str("<p class=\"label\">Aktiviteter</p>\n");
        table(out, activities);
        for (title, text) in &section.activity_analyses {
            labelled(out, &format!("Analys: {title}"), text);
        }
    }
    for child in &section.children {
        goal(out, child);
    }
    out.push_str("</section>\n");
}

/// The whole report as one HTML page.
pub fn render(report: &Report) -> String {
    let title = format!("{} – {}", report.title, report.council);
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        escape(&title),
        escape(&title)
    );
    if !report.summary.is_empty() {
        out.push_str(&format!("<h2>{}</h2>\n", report.summary_heading()));
        paragraphs(&mut out, &report.summary);
    }
    out.push_str(&format!("<h2>{}</h2>\n", escape(&report.tree_heading)));
    for section in &report.goals {
        goal(&mut out, section);
    }
    if let Some(economy) = &report.economy {
        out.push_str(&format!(
            "<section id=\"ekonomi\">\n<h2>{}</h2>\n<h3>{}</h3>\n",
            escape(&economy.heading),
            escape(&economy.table_heading)
        ));
        table(&mut out, &economy.table);
        paragraphs(&mut out, &economy.notes);
        if !economy.deficits.is_empty() {
            out.push_str("<p class=\"label\">Underskott</p>\n<ul>\n");
            for deficit in &economy.deficits {
                out.push_str(&format!("<li>{}</li>\n", escape(deficit)));
            }
            out.push_str("</ul>\n");
        }
        for (area, text) in &economy.analyses {
            labelled(&mut out, &format!("Analys: {area}"), text);
        }
        out.push_str("</section>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("<b>&\"'"), "&lt;b&gt;&amp;&quot;&#39;");
    }

    #[test]
    fn numbers_are_recognised() {
        assert!(is_numeric("1 050 st"));
        assert!(is_numeric("7,4 %"));
        assert!(is_numeric("-2"));
        assert!(!is_numeric("Tas fram av nämnd"));
        assert!(!is_numeric("Tertial 1 2020"));
    }
}
