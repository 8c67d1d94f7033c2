//! DOCX route: reads a Word document itself (the zip's `word/document.xml`) instead of text
//! someone exported from it. Paragraphs become lines; a table row becomes one line with its
//! cells separated by tabs, empty cells kept as empty fields, so the cells are the document's
//! own and never guessed from spaces. The result has the layout of the DOCX→text sample
//! (`vp-2022-hagersten-alvsjo.txt`: one line per paragraph, tab-separated tables) and is read
//! by the same line reader, so both routes give the same tree.

use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::Event;

/// Why a DOCX could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocxError {
    #[error("filen är inte ett Word-dokument (DOCX): {0}")]
    NotZip(String),
    #[error("Word-dokumentet saknar word/document.xml")]
    NoDocument,
    #[error("Word-dokumentets XML kunde inte läsas: {0}")]
    Xml(String),
}

/// The largest document.xml read (a goal document is a few MB; this guards against a zip
/// bomb).
const MAX_XML_BYTES: u64 = 64 * 1024 * 1024;

/// Whether `bytes` start like a zip archive (a DOCX is one).
pub fn looks_like_docx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// The document's text: one line per paragraph, table rows as tab-separated cells.
pub fn docx_to_text(bytes: &[u8]) -> Result<String, DocxError> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| DocxError::NotZip(e.to_string()))?;
    let entry = archive
        .by_name("word/document.xml")
        .map_err(|_| DocxError::NoDocument)?;
    let mut xml = String::new();
    entry
        .take(MAX_XML_BYTES)
        .read_to_string(&mut xml)
        .map_err(|e| DocxError::Xml(e.to_string()))?;
    document_xml_to_text(&xml)
}

/// Where the reader is: the open table cells (one list of cells per open table row) and
/// the paragraph being read.
#[derive(Default)]
struct State {
    lines: Vec<String>,
    /// One entry per open `w:tr` (nested tables are flattened into their outer cell).
    rows: Vec<Vec<String>>,
    /// Paragraph texts of the open `w:tc`, innermost last.
    cells: Vec<Vec<String>>,
    paragraph: Option<String>,
    in_text: bool,
}

impl State {
    fn end_paragraph(&mut self) {
        let Some(text) = self.paragraph.take() else {
            return;
        };
        match self.cells.last_mut() {
            Some(cell) => cell.push(text),
            None => self.lines.push(text),
        }
    }

    fn end_cell(&mut self) {
        let Some(paragraphs) = self.cells.pop() else {
            return;
        };
        // A cell's paragraphs are one cell: joined with a space, tabs inside made spaces.
        let text = paragraphs
            .iter()
            .map(|p| p.replace('\t', " "))
            .filter(|p| !p.trim().is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if self.rows.len() > self.cells.len()
            && let Some(row) = self.rows.last_mut()
        {
            row.push(text);
        } else if let Some(outer) = self.cells.last_mut() {
            outer.push(text);
        } else {
            self.lines.push(text);
        }
    }

    fn end_row(&mut self) {
        let Some(cells) = self.rows.pop() else {
            return;
        };
        let line = cells.join("\t");
        match self.cells.last_mut() {
            // A nested table's row belongs to the outer cell.
            Some(cell) => cell.push(line),
            None => self.lines.push(line),
        }
    }
}

/// Reads `word/document.xml`.
pub fn document_xml_to_text(xml: &str) -> Result<String, DocxError> {
    let mut reader = Reader::from_str(xml);
    let mut state = State::default();
    loop {
        let event = reader
            .read_event()
            .map_err(|e| DocxError::Xml(e.to_string()))?;
        match event {
            Event::Start(start) => match start.name().as_ref() {
                b"w:p" => state.paragraph = Some(String::new()),
                b"w:tr" => state.rows.push(Vec::new()),
                b"w:tc" => state.cells.push(Vec::new()),
                b"w:t" => state.in_text = true,
                _ => {}
            },
            Event::Empty(empty) => match empty.name().as_ref() {
                b"w:tab" => {
                    if let Some(p) = state.paragraph.as_mut() {
                        p.push('\t');
                    }
                }
                b"w:br" | b"w:cr" => {
                    if let Some(p) = state.paragraph.as_mut() {
                        p.push(' ');
                    }
                }
                b"w:p" => {
                    state.paragraph = Some(String::new());
                    state.end_paragraph();
                }
                b"w:tc" => {
                    state.cells.push(Vec::new());
                    state.end_cell();
                }
                _ => {}
            },
            Event::Text(text) if state.in_text => {
                let decoded = text
                    .xml10_content()
                    .map_err(|e| DocxError::Xml(e.to_string()))?;
                if let Some(p) = state.paragraph.as_mut() {
                    p.push_str(&decoded);
                }
            }
            Event::GeneralRef(reference) if state.in_text => {
                let name = reference
                    .decode()
                    .map_err(|e| DocxError::Xml(e.to_string()))?;
                let resolved = match name.as_ref() {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    _ => reference.resolve_char_ref().ok().flatten(),
                };
                if let (Some(c), Some(p)) = (resolved, state.paragraph.as_mut()) {
                    p.push(c);
                }
            }
            Event::End(end) => match end.name().as_ref() {
                b"w:t" => state.in_text = false,
                b"w:p" => state.end_paragraph(),
                b"w:tc" => {
                    state.end_paragraph();
                    state.end_cell();
                }
                b"w:tr" => state.end_row(),
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    let mut text = state.lines.join("\n");
    text.push('\n');
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_lines_and_rows_are_tab_cells() {
        let xml = r#"<?xml version="1.0"?><w:document xmlns:w="x"><w:body>
<w:p><w:r><w:t>KF:s inriktningsmål: 1. En stad</w:t></w:r></w:p>
<w:p/>
<w:tbl><w:tr>
<w:tc><w:p><w:r><w:t xml:space="preserve"> Andel &amp; nöjda</w:t></w:r></w:p></w:tc>
<w:tc><w:p><w:r><w:t>80</w:t></w:r></w:p></w:tc>
<w:tc><w:p/></w:tc>
<w:tc><w:p><w:r><w:t>Tertial</w:t></w:r></w:p></w:tc>
</w:tr></w:tbl>
<w:p><w:r><w:t>Slut</w:t><w:tab/><w:t>7</w:t></w:r></w:p>
</w:body></w:document>"#;
        assert_eq!(
            document_xml_to_text(xml).as_deref(),
            Ok("KF:s inriktningsmål: 1. En stad\n\n Andel & nöjda\t80\t\tTertial\nSlut\t7\n")
        );
    }

    #[test]
    fn not_a_zip_is_a_clear_error() {
        assert!(matches!(
            docx_to_text(b"plain text"),
            Err(DocxError::NotZip(_))
        ));
        assert!(!looks_like_docx(b"plain text"));
    }
}
