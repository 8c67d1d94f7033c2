//! The one effect runner: performs what [`App::update`](super::app::App::update) asked for
//! against the data source — loads, saves, drafts, the search index, series links — and hands
//! each result back as a [`Msg`]. The loop's own effects (quit, clear the screen) never get
//! here. Tests, snapshots and benchmarks use this same runner through the same loop.

use super::app::Effect;
use super::error::SourceError;
use super::msg::{Failure, Msg};
use super::source::PlanSource;
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
                let result = source.plan_year(&council, year);
                Some(Msg::PlanLoaded {
                    council,
                    year,
                    result,
                })
            }
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
                    for year in source.years(&council)? {
                        plans.extend(source.plan_year(&council, year)?);
                    }
                    if plans.is_empty() {
                        return Err(SourceError::NoYears(council.clone()));
                    }
                    Ok(plans)
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
            Effect::Apply { change, kind } => {
                let result = source
                    .apply_change(&change)
                    .map(|entry| (entry, source.describe_change(&change)));
                Some(Msg::Applied {
                    change,
                    kind,
                    result,
                })
            }
            Effect::SaveDraft { key, text } => Some(match source.save_draft(&key, &text) {
                Ok(()) => Msg::DraftSaved { key, text },
                Err(error) => Msg::Failed(Failure::SaveDraft(error)),
            }),
            Effect::DiscardDraft { key } => source
                .discard_draft(&key)
                .err()
                .map(|error| Msg::Failed(Failure::DiscardDraft(error))),
        }
    }
}
