//! The I/O behind the finder and the Historik screen, performed by the event loop: building
//! the search index, loading a council's history of a series, storing a series link.

use super::app::{App, Effect};
use super::source::PlanSource;
use crate::search::history::history;
use crate::store::Change;

/// Performs one finder/history effect; returns further effects (a relink reloads histories).
pub fn perform(app: &mut App, source: &impl PlanSource, effect: Effect) -> Vec<Effect> {
    match effect {
        Effect::BuildSearchIndex => {
            let result = source
                .search_index()
                .and_then(|index| Ok((index, source.series_aliases()?)))
                .map_err(|error| format!("{error:#}"));
            app.search_ready(result);
            Vec::new()
        }
        Effect::LoadHistory { council, series } => {
            let result = (|| {
                let mut plans = Vec::new();
                for year in source.years(&council)? {
                    if let Some(plan) = source.plan_year(&council, year)? {
                        plans.push(plan);
                    }
                }
                history(&plans, &council, &series, app.series_aliases())
                    .ok_or_else(|| anyhow::anyhow!("{council} har inga år"))
            })()
            .map_err(|error| format!("Historiken kunde inte läsas: {error:#}"));
            app.history_loaded(&series, result);
            Vec::new()
        }
        Effect::ApplySeriesLink { link, a, b } => {
            let change = if link {
                Change::LinkSeries { a, b }
            } else {
                Change::UnlinkSeries { a, b }
            };
            match source.apply_series_change(&change) {
                Ok(description) => {
                    let aliases = source
                        .series_aliases()
                        .map_err(|error| format!("{error:#}"));
                    app.series_changed(&description, aliases)
                }
                Err(error) => app.series_changed("", Err(format!("{error:#}"))),
            }
        }
        _ => Vec::new(),
    }
}
