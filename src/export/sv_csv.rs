//! CSV as Swedish Excel opens it without the import wizard: UTF-8 with a byte order mark,
//! semicolon between cells, decimal comma, numbers without units (the unit has its own
//! column), and every text cell that begins with `=`, `+`, `-`, `@` (or a tab or carriage
//! return) prefixed with `'` so a spreadsheet shows it instead of running it.

use crate::domain::{Target, Value};

/// The byte order mark Excel needs to read the file as UTF-8.
pub const BOM: &str = "\u{feff}";

/// One cell: a number (written with a decimal comma) or text (neutralised).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Number(f64),
    Text(String),
    Empty,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        Cell::Text(text.into())
    }

    /// The cell as written in the file.
    pub fn render(&self) -> String {
        match self {
            Cell::Number(amount) => number(*amount),
            Cell::Text(text) => neutralise(text),
            Cell::Empty => String::new(),
        }
    }
}

/// A number with a decimal comma and no grouping: `0,56`, `1050`, `-2,5`.
pub fn number(amount: f64) -> String {
    if amount == 0.0 {
        return "0".to_owned();
    }
    // `{}` gives the shortest text that reads back as the same f64.
    format!("{amount}").replace('.', ",")
}

/// A text a spreadsheet would take for a formula gets a leading `'`.
pub fn neutralise(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// A value as a cell, and its unit: numbers bare, markers ("Ny indikator 2020") as text.
pub fn value_cell(value: &Value) -> (Cell, Option<String>) {
    match value {
        Value::Empty => (Cell::Empty, None),
        Value::Number { quantity, .. } => (Cell::Number(quantity.amount), quantity.unit.clone()),
        other => (Cell::Text(other.display()), None),
    }
}

/// A target as a cell, and its unit: a plain number bare, anything else as written.
pub fn target_cell(target: &Target) -> (Cell, Option<String>) {
    match target {
        Target::Empty => (Cell::Empty, None),
        Target::Value { quantity, .. } => (Cell::Number(quantity.amount), quantity.unit.clone()),
        other => (Cell::Text(other.display()), None),
    }
}

/// The rows as a Swedish CSV file, header first.
pub fn write(header: &[&str], rows: &[Vec<Cell>]) -> String {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = writer.write_record(header.iter().map(|h| neutralise(h)));
    for row in rows {
        let _ = writer.write_record(row.iter().map(Cell::render));
    }
    let bytes = writer.into_inner().unwrap_or_default();
    format!("{BOM}{}", String::from_utf8_lossy(&bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_a_decimal_comma_and_no_unit() {
        assert_eq!(number(0.56), "0,56");
        assert_eq!(number(1050.0), "1050");
        assert_eq!(number(-2.5), "-2,5");
        assert_eq!(number(-0.0), "0");
        let (cell, unit) = value_cell(&Value::from_cell("9 000 st"));
        assert_eq!(cell.render(), "9000");
        assert_eq!(unit.as_deref(), Some("st"));
    }

    #[test]
    fn formulas_are_neutralised() {
        for text in ["=1+1", "+46 8", "-minus", "@SUM(A1)", "\tx"] {
            assert!(Cell::text(text).render().starts_with('\''), "{text}");
        }
        assert_eq!(Cell::text("Öka").render(), "Öka");
        assert_eq!(Cell::Number(-3.0).render(), "-3");
    }

    #[test]
    fn file_has_bom_semicolons_and_quotes() {
        let out = write(
            &["namn", "värde"],
            &[vec![Cell::text("a; b"), Cell::Number(16.7)]],
        );
        assert_eq!(out, "\u{feff}namn;värde\n\"a; b\";16,7\n");
    }
}
