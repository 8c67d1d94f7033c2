//! The one effect runner: performs what [`App::update`](super::app::App::update) asked for
//! against the data source — loads, saves, drafts, the search index, series links — and hands
//! each result back as a [`Msg`]. The loop's own effects (quit, clear the screen) never get
//! here. Tests, snapshots and benchmarks use this same runner through the same loop.

use super::app::Effect;
use super::error::SourceError;
use super::msg::{Failure, Msg};
use super::screens::events::select_events;
use super::screens::progress::load_progress;
use super::source::PlanSource;
use crate::domain::{Period, YearPeriod};
use crate::search::history::RowSources;
use crate::store::Change;

/// Performs data effects on `S`.
#[derive(Debug)]
pub struct EffectRunner<S: PlanSource> {
    source: S,
}

impl<S: PlanSource> EffectRunner<S> {
    pub fn new(source: S) -> Self {
        EffectRunner { source }
    }

    /// The source the effects are performed on.
    pub fn source(&self) -> &S {
        &self.source
    }

    /// Gives the source back (to start again on it, as after a restart).
    pub fn into_source(self) -> S {
        self.source
    }

    /// Performs one data effect and returns its result as a message; `None` for an effect
    /// whose success needs no answer (a forgotten draft) and for the loop's own effects.
    pub fn perform(&self, effect: Effect) -> Option<Msg> {
        let source = &self.source;
        match effect {
            Effect::Quit | Effect::ClearScreen => None,
            Effect::LoadPlan { council, year } => {
                let loaded = source
                    .versioned_plan_year(&council, year)
                    .and_then(|read| Ok((read, source.dismissals(&council, year)?)));
                let (result, version, dismissals) = match loaded {
                    Ok(((plan, version), dismissals)) => (Ok(plan), version, dismissals),
                    Err(error) => (Err(error), None, Default::default()),
                };
                Some(Msg::PlanLoaded {
                    council,
                    year,
                    result,
                    version,
                    dismissals,
                })
            }
            Effect::LoadCouncilPeriods => Some(Msg::CouncilPeriods(source.council_periods())),
            Effect::LoadNotices => {
                let (lines, done) = source.notices();
                Some(Msg::Notices { lines, done })
            }
            Effect::LoadDrafts => Some(match source.drafts() {
                Ok(drafts) => Msg::DraftsFound(drafts),
                Err(error) => Msg::Failed(Failure::ReadDrafts(error)),
            }),
            Effect::BuildSearchIndex => Some(Msg::SearchReady(
                source
                    .search_index()
                    .and_then(|index| Ok((index, source.series_aliases()?))),
            )),
            Effect::LoadHistory { council, series } => {
                let result = (|| {
                    let mut plans = Vec::new();
                    let mut sources = RowSources::new();
                    for year in source.years(&council)? {
                        let Some(plan) = source.plan_year(&council, year)? else {
                            continue;
                        };
                        for ((node, period), text) in source.value_sources(&plan)? {
                            sources.insert((year, node, period), text);
                        }
                        plans.push(plan);
                    }
                    if plans.is_empty() {
                        return Err(SourceError::NoYears(council.clone()));
                    }
                    Ok((plans, sources))
                })();
                Some(Msg::HistoryLoaded {
                    council,
                    series,
                    result,
                })
            }
            Effect::ApplySeriesLink { link, a, b } => {
                let change = if link {
                    Change::LinkSeries { a, b }
                } else {
                    Change::UnlinkSeries { a, b }
                };
                Some(Msg::SeriesChanged(
                    source
                        .apply_series_change(&change)
                        .and_then(|description| Ok((description, source.series_aliases()?))),
                ))
            }
            Effect::Apply { change, kind, base } => {
                let result = source
                    .apply_change_at(&change, base)
                    .map(|entry| (entry, source.describe_change(&change)));
                Some(Msg::Applied {
                    change,
                    kind,
                    result,
                })
            }
            Effect::LoadProgress { key } => Some(Msg::ProgressLoaded {
                result: load_progress(source, &key),
                key,
            }),
            Effect::LoadEvents { scope } => {
                let result = source.audit_log().map(|log| {
                    select_events(log, &scope, |entry| source.describe_change(&entry.change))
                });
                Some(Msg::EventsLoaded { scope, result })
            }
            Effect::SaveDraft { key, text } => Some(match source.save_draft(&key, &text) {
                Ok(()) => Msg::DraftSaved { key, text },
                Err(error) => Msg::Failed(Failure::SaveDraft(error)),
            }),
            Effect::DiscardDraft { key } => source
                .discard_draft(&key)
                .err()
                .map(|error| Msg::Failed(Failure::DiscardDraft(error))),
            Effect::WriteReport {
                council,
                year,
                period,
            } => Some(Msg::ReportWritten(write_report(
                source, &council, year, period,
            ))),
        }
    }
}

/// Writes the Word report of `council`'s `year` in `period` to the working directory — where a
/// controller over SSH started malkoll and will look — as `<nämnd>-<period>-<år>.docx`;
/// returns its full path.
fn write_report<S: PlanSource>(
    source: &S,
    council: &str,
    year: u16,
    period: Period,
) -> Result<std::path::PathBuf, String> {
    use crate::export::report::{
        ReportFormat, build_from_plan, default_file_name, render, write_whole,
    };
    let plan = source
        .plan_year(council, year)
        .map_err(|error| error.to_string())?
        .ok_or_else(|| format!("{council} har inget år {year}"))?;
    let format = ReportFormat::Docx;
    let report = build_from_plan(&plan, period).map_err(|error| error.to_string())?;
    let bytes = render(&report, format).map_err(|error| error.to_string())?;
    let name = default_file_name(council, YearPeriod { year, period }, format);
    let path = std::env::current_dir()
        .map(|dir| dir.join(&name))
        .unwrap_or(name);
    write_whole(&path, &bytes).map_err(|error| error.to_string())?;
    Ok(path)
}
