//! The DOCX route (issue 11): a Word document built here from the VP 2022 sample, whose text
//! came from a DOCX with tab-separated tables, with every run of tab lines as a real Word
//! table (cells as `w:tc`, empty cells kept) and every other line as a paragraph, must give
//! the same tree as the sample's text; and `malkoll import report FILE.docx` reads it.

mod cli_common;

use std::io::Write;

use malkoll::import::docx::docx_to_text;
use malkoll::import::{ImportHints, import_report};

fn sample_path(file: &str) -> String {
    let root = env!("CARGO_MANIFEST_DIR");
    let beside = format!("{root}/../shared/samples/{file}");
    if std::path::Path::new(&beside).exists() {
        beside
    } else {
        format!("{root}/../../shared/samples/{file}")
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn paragraph(text: &str) -> String {
    if text.is_empty() {
        "<w:p/>".to_owned()
    } else {
        format!(
            "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
            escape(text)
        )
    }
}

/// word/document.xml for `text`: consecutive lines with tabs form one table, one row each.
fn document_xml(text: &str) -> String {
    let mut body = String::new();
    let mut in_table = false;
    for line in text.lines() {
        if line.contains('\t') {
            if !in_table {
                body.push_str("<w:tbl>");
                in_table = true;
            }
            body.push_str("<w:tr>");
            for cell in line.split('\t') {
                body.push_str("<w:tc>");
                body.push_str(&paragraph(cell));
                body.push_str("</w:tc>");
            }
            body.push_str("</w:tr>");
        } else {
            if in_table {
                body.push_str("</w:tbl>");
                in_table = false;
            }
            body.push_str(&paragraph(line));
        }
    }
    if in_table {
        body.push_str("</w:tbl>");
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:body>{body}</w:body></w:document>"
    )
}

/// A minimal DOCX (content types, package relationships, the document), deflated.
fn build_docx(text: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let parts = [
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>".to_owned(),
        ),
        (
            "_rels/.rels",
            "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>".to_owned(),
        ),
        ("word/document.xml", document_xml(text)),
    ];
    for (name, content) in parts {
        zip.start_file(name, options).expect("zip entry");
        zip.write_all(content.as_bytes()).expect("zip write");
    }
    zip.finish().expect("zip finish").into_inner()
}

fn hints() -> ImportHints {
    ImportHints {
        source_name: "vp-2022-hagersten-alvsjo".to_owned(),
        ..ImportHints::default()
    }
}

#[test]
fn a_docx_with_real_tables_gives_the_same_tree_as_the_text() {
    let text = std::fs::read_to_string(sample_path("vp-2022-hagersten-alvsjo.txt"))
        .expect("sample is readable");
    let docx = build_docx(&text);
    let from_docx = docx_to_text(&docx).expect("the DOCX reads");
    let by_text = import_report(&text, &hints()).expect("text imports");
    let by_docx = import_report(&from_docx, &hints()).expect("DOCX text imports");
    assert_eq!(by_docx.counts(), by_text.counts());
    assert!(
        by_docx.plan == by_text.plan,
        "the DOCX route gives another tree than the text route"
    );
    assert_eq!(by_docx.warnings, by_text.warnings);
}

#[test]
fn the_command_reads_a_docx_file() {
    let text = std::fs::read_to_string(sample_path("vp-2022-hagersten-alvsjo.txt"))
        .expect("sample is readable");
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("vp-2022.docx");
    std::fs::write(&file, build_docx(&text)).expect("write docx");
    let output = cli_common::malkoll_db(
        dir.path(),
        &[
            "import",
            "report",
            "--dry-run",
            file.to_str().expect("utf-8 path"),
        ],
    );
    let out = cli_common::text(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        cli_common::text(&output.stderr)
    );
    assert!(
        out.contains("3 inriktningsmål, 12 KF-mål, 17 nämndmål"),
        "{out}"
    );
    assert!(out.contains("73 indikatorer, 173 aktiviteter"), "{out}");

    let broken = dir.path().join("trasig.docx");
    std::fs::write(&broken, b"PK\x03\x04 not really a zip").expect("write");
    let output = cli_common::malkoll_db(
        dir.path(),
        &[
            "import",
            "report",
            "--dry-run",
            broken.to_str().expect("utf-8 path"),
        ],
    );
    assert_ne!(output.status.code(), Some(0));
    assert!(
        cli_common::text(&output.stderr).contains("inte ett Word-dokument"),
        "{}",
        cli_common::text(&output.stderr)
    );
}
