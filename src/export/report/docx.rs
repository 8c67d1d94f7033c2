//! The report as a Word document (docx-rs): Word's own heading styles ("heading 1" … so the
//! navigation pane and a table of contents see them), real tables with a repeated header row,
//! plain paragraphs the förvaltning can keep editing. Also [`read_outline`], which reads a
//! docx back into headings, paragraphs and table cells (used by the tests).

use std::io::Cursor;

use docx_rs::{
    DocumentChild, Docx, Paragraph, ParagraphChild, Run, RunChild, Style, StyleType, Table,
    TableCell, TableCellContent, TableChild, TableRow, TableRowChild,
};

use super::{GoalSection, Report, Table as ReportTable};
use crate::domain::GoalLevel;

/// Half-points: Word's unit for font sizes.
const BODY_SIZE: usize = 22;
const TABLE_SIZE: usize = 16;

/// Characters XML 1.0 cannot hold; the store's text is sanitised already, this is the last
/// guard before the file.
fn xml_safe(text: &str) -> String {
    text.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{fffe}' && c != '\u{ffff}')
        })
        .collect()
}

fn styles(docx: Docx) -> Docx {
    let heading = |id: &str, name: &str, size: usize, level: usize| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .size(size)
            .bold()
            .outline_lvl(level)
    };
    docx.add_style(
        Style::new("Title", StyleType::Paragraph)
            .name("Title")
            .based_on("Normal")
            .q_format(true)
            .size(40)
            .bold(),
    )
    .add_style(heading("Heading1", "heading 1", 32, 0))
    .add_style(heading("Heading2", "heading 2", 28, 1))
    .add_style(heading("Heading3", "heading 3", 24, 2))
    .add_style(heading("Heading4", "heading 4", 22, 3))
}

fn styled(text: &str, style: &str) -> Paragraph {
    Paragraph::new()
        .add_run(Run::new().add_text(xml_safe(text)))
        .style(style)
}

fn plain(text: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(xml_safe(text)).size(BODY_SIZE))
}

fn label(text: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(xml_safe(text)).bold().size(BODY_SIZE))
}

fn table(table: &ReportTable) -> Table {
    let cell = |text: &str, bold: bool| {
        let run = Run::new().add_text(xml_safe(text)).size(TABLE_SIZE);
        TableCell::new().add_paragraph(Paragraph::new().add_run(if bold {
            run.bold()
        } else {
            run
        }))
    };
    let mut rows = vec![TableRow::new(
        table.headers.iter().map(|h| cell(h, true)).collect(),
    )];
    rows.extend(
        table
            .rows
            .iter()
            .map(|row| TableRow::new(row.iter().map(|c| cell(c, false)).collect())),
    );
    Table::new(rows)
}

fn heading_style(level: GoalLevel) -> &'static str {
    match level {
        GoalLevel::Direction => "Heading2",
        GoalLevel::Area => "Heading3",
        GoalLevel::Committee => "Heading4",
    }
}

fn labelled(mut docx: Docx, name: &str, text: &[String]) -> Docx {
    if text.is_empty() {
        return docx;
    }
    docx = docx.add_paragraph(label(name));
    for paragraph in text {
        docx = docx.add_paragraph(plain(paragraph));
    }
    docx
}

fn goal(mut docx: Docx, section: &GoalSection) -> Docx {
    docx = docx.add_paragraph(styled(&section.heading, heading_style(section.level)));
    if let Some(assessment) = &section.assessment {
        docx = docx.add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text("Bedömning: ").bold().size(BODY_SIZE))
                .add_run(Run::new().add_text(xml_safe(assessment)).size(BODY_SIZE)),
        );
    }
    docx = labelled(docx, "Beskrivning", &section.description);
    if !section.expected_results.is_empty() {
        docx = docx.add_paragraph(label("Förväntat resultat"));
        for item in &section.expected_results {
            docx = docx.add_paragraph(plain(&format!("– {item}")));
        }
    }
    docx = labelled(docx, "Analys", &section.analysis);
    if let Some(sentence) = &section.generated_summary {
        docx = docx.add_paragraph(
            Paragraph::new().add_run(
                Run::new()
                    .add_text(xml_safe(&format!("Beräknad sammanfattning: {sentence}")))
                    .italic()
                    .size(BODY_SIZE),
            ),
        );
    }
    if let Some(indicators) = &section.indicators {
        docx = docx
            .add_paragraph(label("Indikatorer"))
            .add_table(table(indicators));
        for (name, text) in &section.indicator_analyses {
            docx = labelled(docx, &format!("Analys: {name}"), text);
        }
    }
    if let Some(activities) = &section.activities {
        docx = docx
            .add_paragraph(label("Aktiviteter"))
            .add_table(table(activities));
        for (title, text) in &section.activity_analyses {
            docx = labelled(docx, &format!("Analys: {title}"), text);
        }
    }
    for child in &section.children {
        docx = goal(docx, child);
    }
    docx
}

/// The whole report as the bytes of a .docx file.
pub fn render(report: &Report) -> Result<Vec<u8>, String> {
    let mut docx = styles(Docx::new()).add_paragraph(styled(
        &format!("{} – {}", report.title, report.council),
        "Title",
    ));
    if !report.summary.is_empty() {
        docx = docx.add_paragraph(styled(report.summary_heading(), "Heading1"));
        for paragraph in &report.summary {
            docx = docx.add_paragraph(plain(paragraph));
        }
    }
    docx = docx.add_paragraph(styled(&report.tree_heading, "Heading1"));
    for section in &report.goals {
        docx = goal(docx, section);
    }
    if let Some(economy) = &report.economy {
        docx = docx
            .add_paragraph(styled(&economy.heading, "Heading1"))
            .add_paragraph(styled(&economy.table_heading, "Heading2"))
            .add_table(table(&economy.table));
        for note in &economy.notes {
            docx = docx.add_paragraph(plain(note));
        }
        if !economy.deficits.is_empty() {
            docx = docx.add_paragraph(label("Underskott"));
            for deficit in &economy.deficits {
                docx = docx.add_paragraph(plain(&format!("– {deficit}")));
            }
        }
        for (area, text) in &economy.analyses {
            docx = labelled(docx, &format!("Analys: {area}"), text);
        }
    }
    let mut bytes = Cursor::new(Vec::new());
    docx.build()
        .pack(&mut bytes)
        .map_err(|error| format!("Word-filen kunde inte skapas: {error}"))?;
    Ok(bytes.into_inner())
}

/// A block of a docx read back: a paragraph with its style, or a table's cell texts.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph { style: String, text: String },
    Table(Vec<Vec<String>>),
}

fn paragraph_text(paragraph: &Paragraph) -> String {
    let mut text = String::new();
    for child in &paragraph.children {
        if let ParagraphChild::Run(run) = child {
            for part in &run.children {
                if let RunChild::Text(t) = part {
                    text.push_str(&t.text);
                }
            }
        }
    }
    text
}

/// Reads a docx into its top-level blocks, in order.
pub fn read_outline(bytes: &[u8]) -> Result<Vec<Block>, String> {
    let docx = docx_rs::read_docx(bytes).map_err(|error| format!("ingen läsbar docx: {error}"))?;
    let mut blocks = Vec::new();
    for child in &docx.document.children {
        match child {
            DocumentChild::Paragraph(paragraph) => blocks.push(Block::Paragraph {
                style: paragraph
                    .property
                    .style
                    .as_ref()
                    .map(|s| s.val.clone())
                    .unwrap_or_default(),
                text: paragraph_text(paragraph),
            }),
            DocumentChild::Table(table) => {
                let rows = table
                    .rows
                    .iter()
                    .map(|TableChild::TableRow(row)| {
                        row.cells
                            .iter()
                            .map(|TableRowChild::TableCell(cell)| {
                                cell.children
                                    .iter()
                                    .filter_map(|content| match content {
                                        TableCellContent::Paragraph(p) => Some(paragraph_text(p)),
                                        _ => None,
                                    })
                                    .collect::<Vec<_>>()
                                    .join("\n")
                            })
                            .collect()
                    })
                    .collect();
                blocks.push(Block::Table(rows));
            }
            _ => {}
        }
    }
    Ok(blocks)
}
