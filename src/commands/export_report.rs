//! `malkoll export report`: the period's report of one council as DOCX, HTML or Markdown,
//! written whole to a file ([`crate::export::report::write`]); prints where it went.

use std::path::Path;

use crate::export::report::{ReportError, ReportFormat, default_file_name, write};
use crate::store::Store;

use super::select::{SelectError, find_council, load_plan, parse_period};

/// Why no report was written.
#[derive(Debug, thiserror::Error)]
pub enum ExportReportError {
    #[error(transparent)]
    Select(#[from] SelectError),
    #[error(transparent)]
    Report(#[from] ReportError),
}

/// Writes the report; `out` defaults to `<nämnd>-<period>-<år>.<ext>` in the working
/// directory. Returns the message to print.
pub fn run(
    store: &Store,
    council: &str,
    period: &str,
    format: &str,
    out: Option<&Path>,
) -> Result<String, ExportReportError> {
    let format = ReportFormat::parse(format).ok_or_else(|| SelectError::BadFormat {
        given: format.to_owned(),
        choices: "docx, html eller md",
    })?;
    let at = parse_period(period)?;
    let council = find_council(store, council)?;
    // Checks the year and period with the same messages as the other report commands.
    load_plan(store, &council, at)?;
    let path = out
        .map(Path::to_path_buf)
        .unwrap_or_else(|| default_file_name(&council.id, at, format));
    write(store, &council.id, at, format, &path)?;
    Ok(format!(
        "Rapporten för {} {} {} skrevs till {}\n",
        council.name,
        at.period.label(),
        at.year,
        path.display()
    ))
}
