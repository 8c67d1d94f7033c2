//! The economy section of a VP, T1/T2 or VB text (DOMAIN.md §8) read into an [`Economy`]:
//! every table with an "Mnkr" header (or "(mnkr)" after its label) is read with
//! [`economy_table`](super::economy_table) and kept as printed; the area summary gives each
//! verksamhetsområde's budget, adjustments and the period's prognosis (the bokslut in a VB),
//! the nämnd's table its intäkter, kostnader and result units, the investment table the
//! investments, and an area's own table its budget when no summary names it (VP19). Tables
//! whose columns are not known are reported and left out; guessed cells, avvikelser that do
//! not add up and totals that disagree with their rows are warned with their line.

use super::ImportWarning;
use super::economy_table::{is_header_continuation, place, read_header, split_row};
use super::lines::is_page_furniture;
use crate::domain::budget::table::{Column, is_total_label};
use crate::domain::budget::{
    BudgetArea, BudgetLine, ColumnKind, Economy, EconomyTable, Investment, Money, TableKind,
    TableRow, name_key,
};
use crate::domain::text::{collapse_whitespace, sanitize_line};
use crate::domain::{DocKind, Period};

/// The economy read from one document, with what the reader was unsure of.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EconomyImport {
    pub economy: Economy,
    pub warnings: Vec<ImportWarning>,
}

const SECTION_HEADINGS: [&str; 3] = [
    "uppföljning av ekonomi",
    "redovisning av ekonomi",
    "uppföljning av driftbudget",
];

const NEXT_CHAPTERS: [&str; 4] = [
    "särskilda redovisningar",
    "systematiskt kvalitetsarbete",
    "synpunkter och klagomål",
    "konsekvenser av",
];

/// A row before its cells are placed in columns.
struct RawRow {
    label: String,
    line: usize,
    amounts: Vec<Money>,
}

/// Reads the economy section of `text`, a document of `kind` for `year`.
pub fn read_economy(text: &str, kind: DocKind, year: u16) -> EconomyImport {
    // Page headers and footers may fall anywhere, inside a table too: read as blank lines,
    // so the line numbers in warnings stay the document's.
    let lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.trim_end_matches('\r'))
        .map(|l| if is_page_furniture(l.trim()) { "" } else { l })
        .collect();
    let mut out = EconomyImport::default();
    let Some(start) = lines.iter().position(|l| {
        let lower = l.trim().to_lowercase();
        SECTION_HEADINGS.contains(&lower.as_str())
    }) else {
        return out;
    };
    let end = lines
        .iter()
        .enumerate()
        .skip(start + 1)
        .find(|(_, l)| {
            let lower = l.trim().to_lowercase();
            NEXT_CHAPTERS.iter().any(|h| {
                lower.starts_with(h) && !lower.ends_with('.') && lower.len() < h.len() + 40
            })
        })
        .map_or(lines.len(), |(i, _)| i);
    let period = kind.period();
    let mut analyses: Vec<(String, String, usize)> = Vec::new();
    let mut i = start + 1;
    while i < end {
        if !is_header_start(lines[i]) {
            i += 1;
            continue;
        }
        let header_index = i;
        let (header_text, title_part) = header_words(lines[i]);
        let mut header = header_text;
        i += 1;
        while i < end {
            let line = lines[i].trim();
            if line.is_empty() {
                i += 1;
                continue;
            }
            if is_header_continuation(line)
                && !split_row(lines[i]).1.iter().any(|a| a.contains(','))
            {
                header.push(' ');
                header.push_str(line);
                i += 1;
            } else {
                break;
            }
        }
        let (rows, next) = read_rows(&lines, i, end, &mut out.warnings);
        i = next;
        let Some(columns) = read_header(&header, year) else {
            out.warnings.push(ImportWarning {
                line: header_index + 1,
                message: format!(
                    "ekonomitabellen «{}» har kolumner som inte känns igen: den lästes inte in",
                    sanitize_line(header.trim())
                ),
            });
            continue;
        };
        if columns.iter().all(|c| c.kind == ColumnKind::Other) {
            out.warnings.push(ImportWarning {
                line: header_index + 1,
                message: format!(
                    "ekonomitabellen «{}» har ingen kolumn för budget, prognos, avvikelse eller bokslut i år: den lästes inte in",
                    sanitize_line(lines[header_index].trim())
                ),
            });
            continue;
        }
        let title = cell_title(&lines, header_index, title_part)
            .or_else(|| title_before(&lines, header_index));
        let has_summary = out
            .economy
            .tables
            .iter()
            .any(|t| t.kind == TableKind::AreaSummary);
        let table = build_table(
            period,
            header_index + 1,
            columns,
            rows,
            title,
            has_summary,
            &mut out.warnings,
        );
        if let TableKind::AreaDetail(title) = &table.kind {
            let (text, next) = read_analysis(&lines, i, end);
            if !text.is_empty() {
                analyses.push((title.clone(), text, i + 1));
            }
            i = next;
        }
        for finding in table
            .variance_findings()
            .into_iter()
            .chain(table.total_findings())
        {
            out.warnings.push(ImportWarning {
                line: finding.line,
                message: finding.message,
            });
        }
        out.economy.tables.push(table);
    }
    fill_model(&mut out.economy, period);
    // Areas read from their own tables alone have no total of the document's to be checked
    // against: say so, so the user compares it with the document's summary.
    let has_summary = out
        .economy
        .tables
        .iter()
        .any(|t| t.kind == TableKind::AreaSummary);
    if !has_summary
        && !out.economy.areas.is_empty()
        && let Some(first) = out
            .economy
            .tables
            .iter()
            .find(|t| matches!(t.kind, TableKind::AreaDetail(_)))
    {
        out.warnings.push(ImportWarning {
            line: first.line,
            message: "ingen sammanställning per verksamhetsområde kunde läsas: områdena och summan kommer från områdenas egna tabeller (raden Netto) och är inte jämförda med dokumentets egen summa".to_owned(),
        });
    }
    for (title, text, line) in analyses {
        let key = squeezed(&title);
        match out
            .economy
            .area_mut_by(|name| squeezed(name) == key)
        {
            Some(area) => {
                area.analyses.insert(period, text);
            }
            None => out.warnings.push(ImportWarning {
                line,
                message: format!(
                    "analysen under «{title}» hör inte till något verksamhetsområde i sammanställningen: den lästes inte in"
                ),
            }),
        }
    }
    out
}

/// An area's name as compared between a summary row and the heading of its own table: in
/// lower case without spaces (PDF text loses some: "ochfamiljeomsorg") or hyphens ("Stöd- och
/// service" beside "Stöd och service"), without a leading "varav" or dash (a part is
/// "varav vuxna" in the summary and "– Vuxna" as a heading) and without a trailing remark
/// in parentheses ("Individ- och familjeomsorg (barn och ungdom, vuxna …)").
fn squeezed(name: &str) -> String {
    let mut name = name.trim().to_lowercase();
    if name.ends_with(')')
        && let Some(open) = name.find('(')
        && open > 0
    {
        name.truncate(open);
    }
    let name = name.trim_start_matches(['–', '-', '—', ' ']);
    let name = name.strip_prefix("varav ").unwrap_or(name);
    name.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '–' | '—'))
        .collect()
}

/// The prose after an area's table: its *analys*, until the next table or heading (a short
/// line without a full stop after a finished sentence, not wrapped onto the next: a line that
/// ends in a space continues, however narrow the export). Returns the text and where it ended.
fn read_analysis(lines: &[&str], start: usize, end: usize) -> (String, usize) {
    let mut text = String::new();
    let mut i = start;
    let mut sentence_done = true;
    // A paragraph ends with a finished sentence at the end of its line; a line that ends
    // in a space wraps, even after a full stop.
    let mut paragraph_done = true;
    let mut skipped_wraps = false;
    while i < end {
        let line = lines[i].trim();
        if line.is_empty() {
            i += 1;
            continue;
        }
        let heading_like = sentence_done
            && !lines[i].ends_with(' ')
            && line.chars().count() < 60
            && !line.ends_with('.')
            && !line.ends_with(',')
            && line
                // A part's heading may start with a dash: "– Barn och ungdom".
                .trim_start_matches(['–', '-', '—', ' '])
                .chars()
                .next()
                .is_some_and(char::is_uppercase);
        if is_header_start(lines[i]) || heading_like {
            break;
        }
        // What trails a table before its prose: "varav" rows after the sum, other rows of
        // amounts, and footnotes ("*Justerad budget 2020"); a line ending in a space wraps,
        // so the next line belongs to what was skipped.
        let trails_table = line.starts_with('*')
            || line.to_lowercase().starts_with("varav")
            || split_row(line).1.len() >= 2
            || skipped_wraps;
        if text.is_empty() && trails_table {
            skipped_wraps = lines[i].ends_with(' ');
            i += 1;
            continue;
        }
        if !text.is_empty() {
            text.push(if paragraph_done { '\n' } else { ' ' });
        }
        // Runs of spaces inside a line are the layout's, not the author's.
        text.push_str(&collapse_whitespace(&sanitize_line(line)));
        sentence_done = line.ends_with('.') || line.ends_with(':');
        paragraph_done = sentence_done && !lines[i].ends_with(char::is_whitespace);
        i += 1;
    }
    (text, i)
}

/// A table header opens with the word "Mnkr" ("Mnkr, netto") and names a column (or is
/// "Mnkr" alone), or has "(mnkr)" after the table's label; prose that wraps to start with
/// "mnkr" ends its sentence with a full stop and is no header.
fn is_header_start(line: &str) -> bool {
    let lower = line.trim().to_lowercase();
    if lower.ends_with('.') {
        return false;
    }
    // Prose wrapped before its unit goes on in lower case ("… uppgår till 428,2 " /
    // "mnkr, vilket är en ökning mot justerad budget …"); a header starts "Mnkr".
    let mut words = line.split_whitespace();
    if words.next().is_some_and(|w| w.starts_with("mnkr"))
        && words
            .next()
            .is_some_and(|w| w.starts_with(|c: char| c.is_lowercase()))
    {
        return false;
    }
    let first = lower.split_whitespace().next().unwrap_or("");
    let names_a_column = lower == "mnkr"
        || ["budget", "prognos", "avvikelse", "bokslut", "vp "]
            .iter()
            .any(|word| lower.contains(word));
    (matches!(first, "mnkr" | "mnkr,") && names_a_column) || lower.contains("(mnkr)")
}

/// The header words of a header line, and the label written before "(mnkr)", if any. A
/// caption that names the table rather than an area ("Budget 2021 (mnkr)",
/// "Omslutningsförändring (mnkr)") is no label: the heading above names the area then.
fn header_words(line: &str) -> (String, Option<String>) {
    let text = line.replace('\t', " ");
    // ASCII lower case keeps every byte where it was, so `at` indexes `text` too.
    let lower = text.to_ascii_lowercase();
    if let Some(at) = lower.find("(mnkr)") {
        let before = text[..at].trim();
        let title =
            (!before.is_empty() && !is_table_caption(before)).then(|| sanitize_line(before));
        return (text[at..].to_owned(), title);
    }
    (text.trim().to_owned(), None)
}

/// Whether the text before "(mnkr)" names the table itself: "Budget 2021", "Omslutnings…".
fn is_table_caption(text: &str) -> bool {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let budget_of_a_year = matches!(words.as_slice(), ["budget", year] | ["vp", year]
        if year.trim_end_matches('*').parse::<u16>().is_ok());
    budget_of_a_year || lower.starts_with("omslutningsförändring")
}

/// The table's own label cell when the header has "(mnkr)": the text before it on the line
/// and the lines just above that end in a space, as PDF text ends every wrapped cell line
/// ("Stöd och service till personer ", "med funktionsnedsättning ", "(mnkr) Budget 2018 …").
fn cell_title(lines: &[&str], header_index: usize, same_line: Option<String>) -> Option<String> {
    if !lines[header_index].to_lowercase().contains("(mnkr)") {
        return None;
    }
    let mut parts: Vec<&str> = lines[..header_index]
        .iter()
        .rev()
        .take_while(|l| !l.trim().is_empty() && l.ends_with(' '))
        .take(4)
        .map(|l| l.trim())
        .collect();
    parts.reverse();
    if let Some(text) = same_line.as_deref() {
        parts.push(text);
    }
    (!parts.is_empty()).then(|| sanitize_line(&parts.join(" ")))
}

/// The heading just above a table ("Individ- och familjeomsorg"), when the line is short,
/// is no sentence and not the section's own heading.
fn title_before(lines: &[&str], header_index: usize) -> Option<String> {
    // A generic subheading ("Ekonomiska förutsättningar") names no area: the heading above.
    let line = lines[..header_index]
        .iter()
        .rev()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .take(2)
        .find(|l| l.to_lowercase() != "ekonomiska förutsättningar")?;
    let lower = line.to_lowercase();
    let is_heading = line.chars().count() <= 90
        && !line.ends_with('.')
        && !line.ends_with(',')
        && split_row(line).1.is_empty()
        && !lower.starts_with("uppföljning av")
        && !lower.starts_with("redovisning av");
    is_heading.then(|| sanitize_line(line))
}

/// Reads rows from `start` until prose, the next header, or after a total row.
fn read_rows(
    lines: &[&str],
    start: usize,
    end: usize,
    warnings: &mut Vec<ImportWarning>,
) -> (Vec<RawRow>, usize) {
    let mut rows = Vec::new();
    let mut pending: Vec<&str> = Vec::new();
    // Where the label lines in `pending` began: if no amounts follow them they were prose
    // (an analysis in a narrow export), and what follows the table starts there.
    let mut pending_start = start;
    let mut i = start;
    while i < end {
        let raw = lines[i];
        let line = raw.trim();
        if line.is_empty() {
            i += 1;
            continue;
        }
        if is_header_start(raw) {
            break;
        }
        if pending.is_empty() {
            pending_start = i;
        }
        let (label, amounts) = split_row(raw);
        if amounts.is_empty() {
            // A sentence ends in a full stop; an abbreviated label ("gemens.adm.") too.
            let is_sentence = line.ends_with('.') && line.split_whitespace().count() > 2;
            if line.chars().count() > 60 || is_sentence || pending.len() >= 4 {
                return (rows, if pending.is_empty() { i } else { pending_start });
            }
            pending.push(line);
            i += 1;
            continue;
        }
        // A sentence wrapped right after an amount ("… uppgår till 164,2 " / "mnkr, vilket …")
        // goes on in lower case on the next line; a table row ends at its last amount.
        let sentence_goes_on = raw.ends_with(' ')
            && lines[i + 1..end]
                .iter()
                .find(|l| !l.trim().is_empty())
                .and_then(|l| l.trim_start().chars().next())
                .is_some_and(char::is_lowercase);
        if label.chars().count() > 60 || sentence_goes_on {
            return (rows, if pending.is_empty() { i } else { pending_start });
        }
        let mut words: Vec<&str> = std::mem::take(&mut pending);
        if !label.is_empty() {
            words.push(&label);
        }
        let full_label = sanitize_line(&words.join(" "));
        let mut parsed = Vec::new();
        for cell in amounts.iter().filter(|c| !c.is_empty()) {
            match Money::from_cell(cell) {
                Ok(money) => parsed.push(money),
                Err(error) => warnings.push(ImportWarning {
                    line: i + 1,
                    message: format!("cellen «{}» lästes inte: {error}", sanitize_line(cell)),
                }),
            }
        }
        if full_label.is_empty() {
            warnings.push(ImportWarning {
                line: i + 1,
                message: "belopp utan radrubrik: raden lästes inte in".to_owned(),
            });
            i += 1;
            continue;
        }
        let is_total = is_total_label(&full_label);
        rows.push(RawRow {
            label: full_label,
            line: i + 1,
            amounts: parsed,
        });
        i += 1;
        if is_total {
            break;
        }
    }
    (rows, if pending.is_empty() { i } else { pending_start })
}

fn is_part(label: &str) -> bool {
    label.to_lowercase().starts_with("varav ")
}

fn column_names(columns: &[Column], indices: &[usize]) -> String {
    indices
        .iter()
        .filter_map(|i| columns.get(*i))
        .map(|c| format!("«{}»", c.header))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Places every row's amounts in the columns and decides what the table is. A document has
/// one area summary: after it, a table of the same shape under an area's heading is that
/// area's own table (VP 2021 prints both with the same columns).
fn build_table(
    period: Period,
    line: usize,
    columns: Vec<Column>,
    rows: Vec<RawRow>,
    title: Option<String>,
    has_summary: bool,
    warnings: &mut Vec<ImportWarning>,
) -> EconomyTable {
    // First pass: the empty columns of rows whose placement only one arithmetic allows.
    let mut counts: Vec<(Vec<usize>, usize)> = Vec::new();
    for row in rows.iter().filter(|r| r.amounts.len() > 1) {
        let placed = place(&columns, &row.amounts, &row.label, None);
        if placed.guessed {
            match counts.iter_mut().find(|(e, _)| *e == placed.empty) {
                Some((_, n)) => *n += 1,
                None => counts.push((placed.empty, 1)),
            }
        }
    }
    let preferred = counts
        .iter()
        .max_by_key(|(_, n)| *n)
        .map(|(e, _)| e.clone());
    let mut table_rows = Vec::new();
    for row in rows {
        let placed = place(&columns, &row.amounts, &row.label, preferred.as_deref());
        if placed.guessed {
            warnings.push(ImportWarning {
                line: row.line,
                message: format!(
                    "«{}»: {} belopp för {} kolumner; tomma kolumner gissade: {}",
                    row.label,
                    row.amounts.len(),
                    columns.len(),
                    column_names(&columns, &placed.empty)
                ),
            });
        }
        if row.amounts.len() > columns.len() {
            warnings.push(ImportWarning {
                line: row.line,
                message: format!(
                    "«{}»: {} belopp för {} kolumner; de sista lästes inte",
                    row.label,
                    row.amounts.len(),
                    columns.len()
                ),
            });
        }
        table_rows.push(TableRow {
            depth: u8::from(is_part(&row.label)),
            label: row.label,
            line: row.line,
            cells: placed.cells,
        });
    }
    let has = |word: &str| {
        table_rows
            .iter()
            .any(|r| r.label.to_lowercase().starts_with(word))
    };
    let kind = match title {
        Some(title) if title.to_lowercase().starts_with("investeringar") => TableKind::Investments,
        title if has("intäkter") || has("netto") => match title {
            Some(title) => TableKind::AreaDetail(title),
            None => TableKind::CouncilSummary,
        },
        Some(title) if has_summary => TableKind::AreaDetail(title),
        _ => TableKind::AreaSummary,
    };
    EconomyTable {
        period,
        kind,
        line,
        columns,
        rows: table_rows,
    }
}

/// A row's budget line: budget, adjustments and the period's prognosis (bokslut in a VB).
fn line_of(table: &EconomyTable, row: &TableRow, period: Period) -> BudgetLine {
    let cell = |kind: ColumnKind| {
        table
            .column(kind)
            .and_then(|i| row.cells.get(i).cloned().flatten())
    };
    let mut line = BudgetLine {
        budget: cell(ColumnKind::Budget),
        adjustments: cell(ColumnKind::Adjustments),
        ..BudgetLine::default()
    };
    let forecast = match period {
        Period::Plan => None,
        Period::AnnualReport => cell(ColumnKind::Outcome).or_else(|| cell(ColumnKind::Forecast)),
        _ => cell(ColumnKind::Forecast).or_else(|| cell(ColumnKind::ForecastAfterTransfers)),
    };
    if let Some(forecast) = forecast {
        line.forecasts.insert(period, forecast);
    }
    line
}

/// The model from the tables.
fn fill_model(economy: &mut Economy, period: Period) {
    let tables = economy.tables.clone();
    let first_summary = tables.iter().position(|t| t.kind == TableKind::AreaSummary);
    for (index, table) in tables.iter().enumerate() {
        match &table.kind {
            // A second summary without a heading (a page-break repeat) adds no areas twice.
            TableKind::AreaSummary if Some(index) != first_summary => {}
            TableKind::AreaSummary => {
                for row in table.rows.iter().filter(|r| !r.is_total()) {
                    let mut area = BudgetArea::new(&row.label);
                    area.line = line_of(table, row, period);
                    match (row.depth, economy.areas.last_mut()) {
                        (1, Some(parent)) => parent.children.push(area),
                        _ => economy.areas.push(area),
                    }
                }
            }
            TableKind::CouncilSummary => {
                for row in &table.rows {
                    let lower = row.label.to_lowercase();
                    let first = row.cells.iter().flatten().next().cloned();
                    if lower.starts_with("intäkter") {
                        economy.income = line_of(table, row, period);
                    } else if lower.starts_with("kostnader") {
                        economy.costs = line_of(table, row, period);
                    } else if lower.starts_with("resultatenheterna") {
                        let target = if lower.contains("från") {
                            &mut economy.result_units_in
                        } else if lower.contains("till") {
                            &mut economy.result_units_out
                        } else {
                            continue;
                        };
                        if let Some(amount) = first {
                            target.insert(period, amount);
                        }
                    }
                }
            }
            TableKind::Investments => {
                for row in table.rows.iter().filter(|r| !r.is_total()) {
                    economy.investments.push(Investment {
                        name: row.label.clone(),
                        line: line_of(table, row, period),
                    });
                }
            }
            TableKind::AreaDetail(_) => {}
        }
    }
    // Without a usable summary (VP19), an area is known from its own table's Netto row.
    let has_summary = tables.iter().any(|t| t.kind == TableKind::AreaSummary);
    for table in tables.iter().filter(|_| !has_summary) {
        let TableKind::AreaDetail(title) = &table.kind else {
            continue;
        };
        let known = economy
            .areas_depth_first()
            .iter()
            .any(|(_, a)| name_key(&a.name) == name_key(title));
        if known {
            continue;
        }
        if let Some(row) = table
            .rows
            .iter()
            .find(|r| r.label.to_lowercase().starts_with("netto"))
        {
            let line = line_of(table, row, period);
            if !line.is_empty() {
                let mut area = BudgetArea::new(title);
                area.line = line;
                match (is_part(title), economy.areas.last_mut()) {
                    (true, Some(parent)) => parent.children.push(area),
                    _ => economy.areas.push(area),
                }
            }
        }
    }
}
