//! What the event loop reads from: the councils, their years and a plan year. The store
//! implements it; tests and benchmarks can use a plain in-memory source.

use crate::domain::{Council, PlanYear};

/// Read access to plan data, as the TUI needs it.
pub trait PlanSource {
    fn councils(&self) -> anyhow::Result<Vec<Council>>;
    fn years(&self, council: &str) -> anyhow::Result<Vec<u16>>;
    fn plan_year(&self, council: &str, year: u16) -> anyhow::Result<Option<PlanYear>>;
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
}
