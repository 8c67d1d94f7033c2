//! What the event loop reads from: the councils, their years and a plan year. The store
//! implements it; tests and benchmarks can use a plain in-memory source.

use crate::domain::{Council, PlanYear};
use crate::search::{IndexBuilder, SearchIndex, SeriesAliases};
use crate::store::Change;

/// Read access to plan data, as the TUI needs it.
pub trait PlanSource {
    fn councils(&self) -> anyhow::Result<Vec<Council>>;
    fn years(&self, council: &str) -> anyhow::Result<Vec<u16>>;
    fn plan_year(&self, council: &str, year: u16) -> anyhow::Result<Option<PlanYear>>;

    /// The finder's index over every council and year. By default built from every plan
    /// year; the store reads its compact name list instead.
    fn search_index(&self) -> anyhow::Result<SearchIndex> {
        let mut builder = IndexBuilder::default();
        for council in self.councils()? {
            for year in self.years(&council.id)? {
                if let Some(plan) = self.plan_year(&council.id, year)? {
                    builder.add_plan(&plan);
                }
            }
        }
        Ok(builder.finish())
    }

    /// The series aliases in force: by default the bundled list alone.
    fn series_aliases(&self) -> anyhow::Result<SeriesAliases> {
        Ok(SeriesAliases::bundled().clone())
    }

    /// Stores a series link or unlink; by default there is nowhere to store it.
    fn apply_series_change(&self, change: &Change) -> anyhow::Result<String> {
        anyhow::bail!("{}: kan inte sparas här", change.describe())
    }
}

/// Plan years held in memory.
#[derive(Debug, Clone, Default)]
pub struct MemorySource {
    pub plans: Vec<PlanYear>,
}

impl PlanSource for MemorySource {
    fn councils(&self) -> anyhow::Result<Vec<Council>> {
        let mut councils: Vec<Council> = self.plans.iter().map(|p| p.council.clone()).collect();
        councils.sort_by(|a, b| a.name.cmp(&b.name));
        councils.dedup_by(|a, b| a.id == b.id);
        Ok(councils)
    }

    fn years(&self, council: &str) -> anyhow::Result<Vec<u16>> {
        let mut years: Vec<u16> = self
            .plans
            .iter()
            .filter(|p| p.council.id == council)
            .map(|p| p.year)
            .collect();
        years.sort_unstable();
        years.dedup();
        Ok(years)
    }

    fn plan_year(&self, council: &str, year: u16) -> anyhow::Result<Option<PlanYear>> {
        Ok(self
            .plans
            .iter()
            .find(|p| p.council.id == council && p.year == year)
            .cloned())
    }
}

impl PlanSource for crate::store::Store {
    fn councils(&self) -> anyhow::Result<Vec<Council>> {
        Ok(crate::store::Store::councils(self)?)
    }

    fn years(&self, council: &str) -> anyhow::Result<Vec<u16>> {
        Ok(crate::store::Store::years(self, council)?)
    }

    fn plan_year(&self, council: &str, year: u16) -> anyhow::Result<Option<PlanYear>> {
        Ok(crate::store::Store::plan_year(self, council, year)?)
    }

    fn search_index(&self) -> anyhow::Result<SearchIndex> {
        let names = match crate::search::names::read(self.path())? {
            Some(text) => text,
            None => self.rebuild_name_list()?,
        };
        Ok(crate::search::names::index_of(&names))
    }

    fn series_aliases(&self) -> anyhow::Result<SeriesAliases> {
        Ok(crate::store::Store::series_aliases(self)?)
    }

    fn apply_series_change(&self, change: &Change) -> anyhow::Result<String> {
        self.apply(change, &crate::store::Actor::from_env())?;
        Ok(self.describe(change))
    }
}

impl<S: PlanSource> PlanSource for std::sync::Arc<S> {
    fn councils(&self) -> anyhow::Result<Vec<Council>> {
        S::councils(self)
    }

    fn years(&self, council: &str) -> anyhow::Result<Vec<u16>> {
        S::years(self, council)
    }

    fn plan_year(&self, council: &str, year: u16) -> anyhow::Result<Option<PlanYear>> {
        S::plan_year(self, council, year)
    }

    fn search_index(&self) -> anyhow::Result<SearchIndex> {
        S::search_index(self)
    }

    fn series_aliases(&self) -> anyhow::Result<SeriesAliases> {
        S::series_aliases(self)
    }

    fn apply_series_change(&self, change: &Change) -> anyhow::Result<String> {
        S::apply_series_change(self, change)
    }
}
