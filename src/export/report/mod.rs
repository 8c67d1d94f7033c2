//! The period's report (*tertialrapport*, *verksamhetsberättelse*, *verksamhetsplan*) as a
//! document for the nämnd: a [`Report`] model built from a stored plan year in the documents'
//! own layout (DOMAIN.md §1–§3) — inriktningsmål → KF:s mål för verksamhetsområdet →
//! nämndmål, each with bedömning, analys, an indicator table with the columns of that
//! document type, activities with Avvikelse — and writers for Markdown, HTML and DOCX.
//!
//! The economy part (DOMAIN.md §8) follows the goal tree, as in the documents ([`economy`]).

pub mod docx;
pub mod economy;
pub mod html;
pub mod markdown;

use std::path::{Path, PathBuf};

use crate::domain::evaluate::status::indicator_status;
use crate::domain::goal_summary::generated_sentence;
use crate::domain::text::sanitize;
use crate::domain::{Goal, GoalLevel, Period, PlanYear, YearPeriod};
use crate::store::{Store, StoreError};

/// The document formats a report is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    /// Word, with real headings and tables the förvaltning can edit.
    Docx,
    /// One self-contained, printable page.
    Html,
    /// For diffs and mail.
    Markdown,
}

impl ReportFormat {
    /// The file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Docx => "docx",
            ReportFormat::Html => "html",
            ReportFormat::Markdown => "md",
        }
    }

    /// Reads `docx`, `html` or `md`.
    pub fn parse(given: &str) -> Option<ReportFormat> {
        match given.trim().to_lowercase().as_str() {
            "docx" => Some(ReportFormat::Docx),
            "html" | "htm" => Some(ReportFormat::Html),
            "md" | "markdown" => Some(ReportFormat::Markdown),
            _ => None,
        }
    }
}

/// Why a report was not written.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("nämnden «{council}» har inget år {year} i databasen")]
    NoYear { council: String, year: u16 },
    #[error("{council} {year} har ingen rapport för {period}")]
    NoPeriod {
        council: String,
        year: u16,
        period: String,
    },
    #[error("kunde inte skriva {path}: {message}")]
    Write { path: String, message: String },
}

/// The whole report: title, the document's summary and the goal tree.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// "Tertialrapport 1 2020".
    pub title: String,
    /// "Södermalms stadsdelsnämnd".
    pub council: String,
    /// *Sammanfattande analys* / *Sammanfattning*, paragraphs.
    pub summary: Vec<String>,
    /// The heading of the goal tree part.
    pub tree_heading: String,
    pub goals: Vec<GoalSection>,
    /// *Uppföljning av ekonomi*, when the year has an economy.
    pub economy: Option<economy::EconomySection>,
}

/// One goal with what hangs on it and its children.
#[derive(Debug, Clone, PartialEq)]
pub struct GoalSection {
    pub level: GoalLevel,
    /// "1.1", when the document numbers the goal: an anchor for links into the page.
    pub number: Option<String>,
    /// "KF:s mål för verksamhetsområdet: 1.1 Title".
    pub heading: String,
    /// "Uppfylls helt"; `None` where the document has no bedömning line (VP, T1 IM).
    pub assessment: Option<String>,
    pub description: Vec<String>,
    pub expected_results: Vec<String>,
    /// *Analys*, paragraphs.
    pub analysis: Vec<String>,
    /// The summary sentence computed from the stored statuses, when the stated analysis has
    /// none of its own.
    pub generated_summary: Option<String>,
    pub indicators: Option<Table>,
    /// Analyses below the indicator table: (indicator name, paragraphs).
    pub indicator_analyses: Vec<(String, Vec<String>)>,
    pub activities: Option<Table>,
    /// Analyses below the activity table: (activity title, paragraphs).
    pub activity_analyses: Vec<(String, Vec<String>)>,
    pub children: Vec<GoalSection>,
}

/// A table: a heading row and rows of text cells, all of the same width.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// The document kind a period's report is, by its name ("Tertialrapport 1").
fn document_name(period: Period) -> String {
    match period {
        Period::Plan => "Verksamhetsplan".to_owned(),
        Period::Tertial(n) => format!("Tertialrapport {n}"),
        Period::AnnualReport => "Verksamhetsberättelse".to_owned(),
        Period::Month(_) => format!("Månadsrapport {}", period.name().to_lowercase()),
    }
}

/// Text from the store split into paragraphs (one a line, as stored), control characters
/// removed.
fn paragraphs(text: &str) -> Vec<String> {
    sanitize(text)
        .split('\n')
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

fn clean(text: &str) -> String {
    sanitize(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The indicator table's headings for the document type (DOMAIN.md §3.1); the status
/// column stands in for the documents' traffic lights, which the text lost.
fn indicator_headers(period: Period, year: u16) -> Vec<String> {
    let previous = year.saturating_sub(1);
    let headers: Vec<String> = match period {
        Period::Plan => vec![
            "Indikator".into(),
            "Årsmål".into(),
            "KF:s årsmål".into(),
            "Periodicitet".into(),
        ],
        Period::AnnualReport => vec![
            "Indikator".into(),
            "Periodens utfall".into(),
            "Utfall män/pojkar".into(),
            "Utfall kvinnor/flickor".into(),
            format!("Utfall VB {previous}"),
            "Årsmål".into(),
            "KF:s årsmål".into(),
            "Period".into(),
            "Status".into(),
        ],
        Period::Tertial(_) | Period::Month(_) => vec![
            "Indikator".into(),
            "Periodens utfall".into(),
            "Utfall män/pojkar".into(),
            "Utfall kvinnor/flickor".into(),
            format!("Periodens utfall VB {previous}"),
            "Prognos helår".into(),
            "Årsmål".into(),
            "KF:s årsmål".into(),
            "Period".into(),
            "Status".into(),
        ],
    };
    headers
}

fn indicator_table(goal: &Goal, period: Period, year: u16) -> Option<Table> {
    if goal.indicators.is_empty() {
        return None;
    }
    let rows = goal
        .indicators
        .iter()
        .map(|indicator| {
            let report = indicator.report_in(period);
            let name = clean(&indicator.name);
            match period {
                Period::Plan => vec![
                    name,
                    clean(&report.annual_target.display()),
                    clean(&report.council_target.display()),
                    indicator.periodicity.label().to_owned(),
                ],
                _ => {
                    let evaluation = indicator_status(indicator, period);
                    let status = if report.excluded {
                        "Undantas".to_owned()
                    } else {
                        format!(
                            "{} {}",
                            evaluation.effective.symbol(),
                            evaluation.effective.label()
                        )
                    };
                    let mut cells = vec![
                        name,
                        clean(&report.outcome.display()),
                        clean(&report.outcome_men.display()),
                        clean(&report.outcome_women.display()),
                        clean(&report.prev_year_outcome.display()),
                    ];
                    if period != Period::AnnualReport {
                        cells.push(clean(&report.forecast_full_year.display()));
                    }
                    cells.extend([
                        clean(&report.annual_target.display()),
                        clean(&report.council_target.display()),
                        clean(&report.period_label),
                        status,
                    ]);
                    cells
                }
            }
        })
        .collect();
    Some(Table {
        headers: indicator_headers(period, year),
        rows,
    })
}

fn activity_table(goal: &Goal, period: Period) -> Option<Table> {
    if goal.activities.is_empty() {
        return None;
    }
    let mut headers: Vec<String> =
        vec!["Aktivitet".into(), "Startdatum".into(), "Slutdatum".into()];
    if period != Period::Plan {
        headers.push("Avvikelse".into());
    }
    let rows = goal
        .activities
        .iter()
        .map(|activity| {
            let date = |d: Option<jiff::civil::Date>| d.map(|d| d.to_string()).unwrap_or_default();
            let mut cells = vec![
                clean(&activity.title),
                date(activity.start),
                date(activity.end),
            ];
            if period != Period::Plan {
                let deviation = activity.report_in(period).deviation;
                cells.push(if deviation {
                    "Avvikelse".into()
                } else {
                    String::new()
                });
            }
            cells
        })
        .collect();
    Some(Table { headers, rows })
}

fn section(goal: &Goal, period: Period, year: u16) -> GoalSection {
    let status = goal.status_in(period);
    // A VP has no bedömning lines; a T1/T2 inriktningsmål has only prose (DOMAIN.md §2.3).
    let has_assessment_line = !matches!(
        (period, goal.level),
        (Period::Plan, _) | (Period::Tertial(_) | Period::Month(_), GoalLevel::Direction)
    );
    let analysis = paragraphs(&status.analysis);
    let generated_summary = generated_sentence(goal, period).filter(|_| {
        !analysis
            .iter()
            .any(|p| p.contains("Förvaltningen gör bedömningen"))
    });
    let heading = format!("{}: {}", goal.level.label(), clean(&goal.heading()));
    GoalSection {
        level: goal.level,
        number: goal.number.as_deref().map(clean),
        heading,
        assessment: has_assessment_line.then(|| status.assessment.label().to_owned()),
        description: paragraphs(&goal.description),
        expected_results: goal.expected_results.iter().map(|r| clean(r)).collect(),
        analysis,
        generated_summary,
        indicators: indicator_table(goal, period, year),
        indicator_analyses: goal
            .indicators
            .iter()
            .filter_map(|i| {
                let text = paragraphs(&i.report_in(period).analysis);
                (!text.is_empty()).then(|| (clean(&i.name), text))
            })
            .collect(),
        activities: activity_table(goal, period),
        activity_analyses: goal
            .activities
            .iter()
            .filter_map(|a| {
                let text = paragraphs(&a.report_in(period).analysis);
                (!text.is_empty()).then(|| (clean(&a.title), text))
            })
            .collect(),
        children: goal
            .children
            .iter()
            .map(|child| section(child, period, year))
            .collect(),
    }
}

impl Report {
    /// The report of `plan` in `period`; the period must be one the plan has data for.
    pub fn of_plan(plan: &PlanYear, period: Period) -> Report {
        let summary = plan
            .documents
            .iter()
            .find(|d| d.kind.period() == period)
            .map(|d| paragraphs(&d.summary))
            .unwrap_or_default();
        let tree_heading = match period {
            Period::Plan => "Nämndens mål och verksamhet",
            _ => "Uppföljning av kommunfullmäktiges inriktningsmål",
        };
        Report {
            title: format!("{} {}", document_name(period), plan.year),
            council: clean(&plan.council.name),
            summary,
            tree_heading: tree_heading.to_owned(),
            goals: plan
                .goals
                .iter()
                .map(|goal| section(goal, period, plan.year))
                .collect(),
            economy: economy::section(plan, period),
        }
    }

    /// The name of the summary part: *Sammanfattning* in a VP, else *Sammanfattande analys*.
    pub fn summary_heading(&self) -> &'static str {
        if self.title.starts_with("Verksamhetsplan") {
            "Sammanfattning"
        } else {
            "Sammanfattande analys"
        }
    }
}

/// Loads the council-year (`council` is the stored id) and builds its report for the period.
pub fn build(store: &Store, council: &str, at: YearPeriod) -> Result<Report, ReportError> {
    let plan = store
        .plan_year(council, at.year)?
        .ok_or_else(|| ReportError::NoYear {
            council: council.to_owned(),
            year: at.year,
        })?;
    build_from_plan(&plan, at.period)
}

/// The report of a loaded plan year in `period`, which must be one it has data for.
pub fn build_from_plan(plan: &PlanYear, period: Period) -> Result<Report, ReportError> {
    if !plan.periods().contains(&period) {
        return Err(ReportError::NoPeriod {
            council: plan.council.name.clone(),
            year: plan.year,
            period: period.label(),
        });
    }
    Ok(Report::of_plan(plan, period))
}

/// The file name a report gets unless told otherwise: `<nämnd>-<period>-<år>.<ext>`
/// ("sodermalm-t1-2020.docx"), for the working directory.
pub fn default_file_name(council: &str, at: YearPeriod, format: ReportFormat) -> PathBuf {
    PathBuf::from(format!(
        "{}-{}-{}.{}",
        council,
        at.period.label().to_lowercase(),
        at.year,
        format.extension()
    ))
}

/// The report in `format`, as the bytes of the file.
pub fn render(report: &Report, format: ReportFormat) -> Result<Vec<u8>, ReportError> {
    Ok(match format {
        ReportFormat::Markdown => markdown::render(report).into_bytes(),
        ReportFormat::Html => html::render(report).into_bytes(),
        ReportFormat::Docx => docx::render(report).map_err(|message| ReportError::Write {
            path: String::new(),
            message,
        })?,
    })
}

/// Writes the report of `council` (stored id) in `at` to `path` in `format`: the one call
/// the command line and the UI use. The file appears whole or not at all (written beside it,
/// then renamed).
pub fn write(
    store: &Store,
    council: &str,
    at: YearPeriod,
    format: ReportFormat,
    path: &Path,
) -> Result<(), ReportError> {
    let report = build(store, council, at)?;
    let bytes = render(&report, format)?;
    write_whole(path, &bytes)
}

/// Writes `bytes` to a temporary file beside `path` and renames it over `path`.
pub fn write_whole(path: &Path, bytes: &[u8]) -> Result<(), ReportError> {
    let fail = |error: std::io::Error| ReportError::Write {
        path: path.display().to_string(),
        message: error.to_string(),
    };
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "rapport".to_owned());
    let temporary = path.with_file_name(format!(".{file_name}.tmp{}", std::process::id()));
    std::fs::write(&temporary, bytes).map_err(fail)?;
    std::fs::rename(&temporary, path).map_err(|error| {
        let _ = std::fs::remove_file(&temporary);
        fail(error)
    })
}
