//! The economy tables as the documents print them (*ekonomitabeller*): columns with their
//! meaning, rows with their label, depth ("varav" rows are parts) and cells (raw text kept).
//! Also the two arithmetic checks every table gets: a row's stated *avvikelse* against budget
//! + adjustments − prognosis, and a stated *Totalt* against the sum of its rows.

use serde::{Deserialize, Serialize};

use super::money::{Money, format_mnkr};
use crate::domain::period::Period;

/// Which table of the economy section this is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum TableKind {
    /// *Uppföljning av driftbudget* for the whole nämnd: anslag, intäkter, kostnader, result
    /// units.
    CouncilSummary,
    /// Budget and prognosis per verksamhetsområde, with a *Totalt* row.
    AreaSummary,
    /// One area's own table (intäkter, kostnader, netto), named by its heading.
    AreaDetail(String),
    /// *Investeringar*: budget, prognosis and adjustments per investment.
    Investments,
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ColumnKind {
    /// *Budget* (netto) of the year.
    Budget,
    /// *Begärda budgetjusteringar*.
    Adjustments,
    /// *Prognos* (before result transfers where the table has both).
    Forecast,
    /// *Prognos efter resultatöverföringar*.
    ForecastAfterTransfers,
    /// *Avvikelse* as printed.
    Variance,
    /// *Bokslut* of the year (VB) or of an earlier year.
    Outcome,
    /// Anything else (earlier years' budgets, comparisons): kept, not interpreted.
    Other,
}

/// A column: its header as printed and its meaning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Column {
    pub header: String,
    pub kind: ColumnKind,
}

/// A row: label, depth (1 for "varav"), source line and one cell per column (`None`: empty).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableRow {
    pub label: String,
    pub depth: u8,
    pub line: usize,
    pub cells: Vec<Option<Money>>,
}

/// One printed table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EconomyTable {
    /// The period of the document it came from.
    pub period: Period,
    pub kind: TableKind,
    /// Line of the header row in the source.
    pub line: usize,
    pub columns: Vec<Column>,
    pub rows: Vec<TableRow>,
}

/// A place where a table's arithmetic does not hold, with its source line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableFinding {
    pub line: usize,
    pub message: String,
}

impl TableRow {
    /// Whether this is the table's sum row ("Totalt", "Summa", "Total drift").
    pub fn is_total(&self) -> bool {
        is_total_label(&self.label)
    }
}

/// Whether a row label names a table's sum: "Totalt", "Summa …", "Total drift".
pub fn is_total_label(label: &str) -> bool {
    let label = label.to_lowercase();
    label.starts_with("totalt")
        || label.starts_with("summa")
        || label == "total"
        || label.starts_with("total ")
}

impl EconomyTable {
    /// The index of the first column of `kind`.
    pub fn column(&self, kind: ColumnKind) -> Option<usize> {
        self.columns.iter().position(|c| c.kind == kind)
    }

    fn cell(&self, row: &TableRow, kind: ColumnKind) -> Option<i64> {
        let index = self.column(kind)?;
        row.cells.get(index)?.as_ref().map(|m| m.tkr)
    }

    /// Rows whose printed *avvikelse* is not budget + adjustments − prognosis.
    pub fn variance_findings(&self) -> Vec<TableFinding> {
        let mut findings = Vec::new();
        for row in &self.rows {
            let (Some(budget), Some(forecast), Some(stated)) = (
                self.cell(row, ColumnKind::Budget),
                self.cell(row, ColumnKind::Forecast),
                self.cell(row, ColumnKind::Variance),
            ) else {
                continue;
            };
            let adjustments = self.cell(row, ColumnKind::Adjustments).unwrap_or(0);
            let computed = budget + adjustments - forecast;
            if computed != stated {
                findings.push(TableFinding {
                    line: row.line,
                    message: format!(
                        "«{}»: avvikelsen står som {} men budget + justeringar − prognos är {}",
                        row.label,
                        format_mnkr(stated),
                        format_mnkr(computed)
                    ),
                });
            }
        }
        findings
    }

    /// Columns where the *Totalt* row is not the sum of the top-level rows above it.
    pub fn total_findings(&self) -> Vec<TableFinding> {
        let Some(total) = self.rows.iter().find(|r| r.is_total()) else {
            return Vec::new();
        };
        let mut findings = Vec::new();
        for (index, column) in self.columns.iter().enumerate() {
            let Some(Some(stated)) = total.cells.get(index) else {
                continue;
            };
            let parts: Vec<i64> = self
                .rows
                .iter()
                .filter(|r| r.depth == 0 && !r.is_total())
                .filter_map(|r| r.cells.get(index).and_then(|c| c.as_ref()).map(|m| m.tkr))
                .collect();
            if parts.is_empty() {
                continue;
            }
            let sum: i64 = parts.iter().sum();
            if sum != stated.tkr {
                findings.push(TableFinding {
                    line: total.line,
                    message: format!(
                        "dokumentets «{}» i kolumnen «{}» är {} men raderna summerar till {}",
                        total.label,
                        column.header,
                        format_mnkr(stated.tkr),
                        format_mnkr(sum)
                    ),
                });
            }
        }
        findings
    }
}
