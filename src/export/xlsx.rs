//! The indicator table ([`super::table`]) as an Excel workbook (rust_xlsxwriter): numbers
//! stored as numbers with a number format, a bold header row with a filter, frozen panes.
//! Text is stored as text cells, never as formulas, so a cell beginning with `=` is shown,
//! not run.

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::sv_csv::Cell;

/// The workbook's bytes: one sheet, *Indikatorer*.
pub fn write(header: &[&str], rows: &[Vec<Cell>]) -> Result<Vec<u8>, String> {
    build(header, rows).map_err(|error| format!("Excel-filen kunde inte skapas: {error}"))
}

fn build(header: &[&str], rows: &[Vec<Cell>]) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let whole = Format::new().set_num_format("0");
    let grouped = Format::new().set_num_format("#,##0");
    let decimal = Format::new().set_num_format("#,##0.0#####");
    let sheet = workbook.add_worksheet();
    sheet.set_name("Indikatorer")?;
    for (column, title) in (0u16..).zip(header) {
        sheet.write_string_with_format(0, column, *title, &bold)?;
    }
    for (row, cells) in (1u32..).zip(rows) {
        for (column, cell) in (0u16..).zip(cells) {
            match cell {
                Cell::Number(amount) => {
                    // Year and id columns read best without grouping.
                    let format = if column < 6 {
                        &whole
                    } else if amount.fract() == 0.0 {
                        &grouped
                    } else {
                        &decimal
                    };
                    sheet.write_number_with_format(row, column, *amount, format)?;
                }
                Cell::Text(text) => {
                    sheet.write_string(row, column, text)?;
                }
                Cell::Empty => {}
            }
        }
    }
    let last_row = u32::try_from(rows.len()).unwrap_or(u32::MAX);
    let last_column = u16::try_from(header.len().saturating_sub(1)).unwrap_or(0);
    sheet.autofilter(0, 0, last_row, last_column)?;
    sheet.set_freeze_panes(1, 0)?;
    sheet.set_column_width(1, 24)?;
    sheet.set_column_width(6, 48)?;
    workbook.save_to_buffer()
}
