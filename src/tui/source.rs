//! What the event loop reads from: the councils, their years and a plan year. The store
//! implements it; tests and benchmarks can use a plain in-memory source. Every wrapper
//! ([`ActingStore`], `Arc`) forwards every method: a default that is not forwarded hides
//! what the source underneath has (it once hid the opening notices).

use super::error::SourceError;
use crate::domain::flags::Dismissals;
use crate::domain::{Council, CouncilPeriods, PlanYear, YearPeriods};
use crate::search::{IndexBuilder, SearchIndex, SeriesAliases};
use crate::store::{Actor, AuditEntry, Change, Draft, Store, ValueSources};

/// What a read or write of the source gives.
pub type SourceResult<T> = Result<T, SourceError>;

/// Access to plan data, as the TUI needs it: the one seam between the effect runner and
/// storage (the store here; the service's client later). Reading is required; writing (saves, drafts)
/// has defaults that refuse or do nothing, for read-only sources.
pub trait PlanSource {
    fn councils(&self) -> SourceResult<Vec<Council>>;
    fn years(&self, council: &str) -> SourceResult<Vec<u16>>;
    fn plan_year(&self, council: &str, year: u16) -> SourceResult<Option<PlanYear>>;

    /// Every council with its years and their periods with data (the *Gå till* picker's
    /// choices). By default from every plan year; the store reads only the year records.
    fn council_periods(&self) -> SourceResult<Vec<CouncilPeriods>> {
        let mut out = Vec::new();
        for council in self.councils()? {
            let mut years = Vec::new();
            for year in self.years(&council.id)? {
                let periods = self
                    .plan_year(&council.id, year)?
                    .map(|plan| plan.periods())
                    .unwrap_or_default();
                years.push(YearPeriods { year, periods });
            }
            out.push(CouncilPeriods { council, years });
        }
        Ok(out)
    }

    /// A plan year with the version it was read at, where the source has versions (the
    /// service: several users write); an editor opened on it saves against that version,
    /// so a save over someone else's later change is a conflict, not an overwrite.
    fn versioned_plan_year(
        &self,
        council: &str,
        year: u16,
    ) -> SourceResult<(Option<PlanYear>, Option<u64>)> {
        Ok((self.plan_year(council, year)?, None))
    }

    /// Where `plan`'s imported values came from ("Kolada N00945 2020 T, K"), for those that
    /// still hold. By default none: a source that keeps no record of imports has none.
    fn value_sources(&self, _plan: &PlanYear) -> SourceResult<ValueSources> {
        Ok(ValueSources::new())
    }

    /// The council-year's flags marked *ej aktuell i denna period*; none by default (a
    /// source that stores no marks has none).
    fn dismissals(&self, _council: &str, _year: u16) -> SourceResult<Dismissals> {
        Ok(Dismissals::default())
    }

    /// Applies a change: one transaction with its audit entry, flushed.
    fn apply_change(&self, _change: &Change) -> SourceResult<AuditEntry> {
        Err(SourceError::ReadOnly)
    }

    /// Applies a change made on what was read at version `base` (from
    /// [`versioned_plan_year`](Self::versioned_plan_year)); `None`: the source's own idea of
    /// what was read. A source without versions has one writer and ignores it.
    fn apply_change_at(&self, change: &Change, _base: Option<u64>) -> SourceResult<AuditEntry> {
        self.apply_change(change)
    }

    /// A Swedish one-liner for a change, for messages.
    fn describe_change(&self, change: &Change) -> String {
        change.describe()
    }

    fn save_draft(&self, _key: &str, _text: &str) -> SourceResult<()> {
        Err(SourceError::ReadOnly)
    }

    fn discard_draft(&self, _key: &str) -> SourceResult<()> {
        Ok(())
    }

    /// Drafts left by an earlier session.
    fn drafts(&self) -> SourceResult<Vec<Draft>> {
        Ok(Vec::new())
    }

    /// Every saved change, oldest first (*Händelser*); a source without a log has none.
    fn audit_log(&self) -> SourceResult<Vec<AuditEntry>> {
        Ok(Vec::new())
    }

    /// What opening the data found that the user must know (a snapshot moved to
    /// `recovered/`, a database opened read-only), and whether that is all (`false`: ask
    /// again later).
    fn notices(&self) -> (Vec<String>, bool) {
        (Vec::new(), true)
    }

    /// The finder's index over every council and year. By default built from every plan
    /// year; the store reads its compact name list instead.
    fn search_index(&self) -> SourceResult<SearchIndex> {
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
    fn series_aliases(&self) -> SourceResult<SeriesAliases> {
        Ok(SeriesAliases::bundled().clone())
    }

    /// Stores a series link or unlink like any change; returns what was done.
    fn apply_series_change(&self, change: &Change) -> SourceResult<String> {
        self.apply_change(change)?;
        Ok(self.describe_change(change))
    }
}

/// The store with the user who makes the changes: what the interactive UI runs on.
pub struct ActingStore<S: std::ops::Deref<Target = Store>> {
    pub store: S,
    pub actor: Actor,
}

impl<S: std::ops::Deref<Target = Store>> PlanSource for ActingStore<S> {
    fn councils(&self) -> SourceResult<Vec<Council>> {
        Ok(self.store.councils()?)
    }

    fn years(&self, council: &str) -> SourceResult<Vec<u16>> {
        Ok(self.store.years(council)?)
    }

    fn plan_year(&self, council: &str, year: u16) -> SourceResult<Option<PlanYear>> {
        Ok(self.store.plan_year(council, year)?)
    }

    fn council_periods(&self) -> SourceResult<Vec<CouncilPeriods>> {
        Ok(self.store.council_periods()?)
    }

    fn value_sources(&self, plan: &PlanYear) -> SourceResult<ValueSources> {
        Ok(self.store.value_sources(plan)?)
    }

    fn dismissals(&self, council: &str, year: u16) -> SourceResult<Dismissals> {
        Ok(self.store.dismissals(council, year)?)
    }

    fn notices(&self) -> (Vec<String>, bool) {
        self.store.opening_notices()
    }

    fn apply_change(&self, change: &Change) -> SourceResult<AuditEntry> {
        Ok(self.store.apply(change, &self.actor)?)
    }

    fn describe_change(&self, change: &Change) -> String {
        self.store.describe(change)
    }

    fn save_draft(&self, key: &str, text: &str) -> SourceResult<()> {
        Ok(self.store.save_draft(key, text)?)
    }

    fn discard_draft(&self, key: &str) -> SourceResult<()> {
        Ok(self.store.discard_draft(key)?)
    }

    fn drafts(&self) -> SourceResult<Vec<Draft>> {
        Ok(self.store.drafts()?)
    }

    fn audit_log(&self) -> SourceResult<Vec<AuditEntry>> {
        Ok(self.store.audit_log()?)
    }

    fn search_index(&self) -> SourceResult<SearchIndex> {
        PlanSource::search_index(&*self.store)
    }

    fn series_aliases(&self) -> SourceResult<SeriesAliases> {
        PlanSource::series_aliases(&*self.store)
    }
}

/// Plan years held in memory.
#[derive(Debug, Clone, Default)]
pub struct MemorySource {
    pub plans: Vec<PlanYear>,
}

impl PlanSource for MemorySource {
    fn councils(&self) -> SourceResult<Vec<Council>> {
        let mut councils: Vec<Council> = self.plans.iter().map(|p| p.council.clone()).collect();
        councils.sort_by(|a, b| a.name.cmp(&b.name));
        councils.dedup_by(|a, b| a.id == b.id);
        Ok(councils)
    }

    fn years(&self, council: &str) -> SourceResult<Vec<u16>> {
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

    fn plan_year(&self, council: &str, year: u16) -> SourceResult<Option<PlanYear>> {
        Ok(self
            .plans
            .iter()
            .find(|p| p.council.id == council && p.year == year)
            .cloned())
    }
}

impl PlanSource for crate::store::Store {
    fn notices(&self) -> (Vec<String>, bool) {
        self.opening_notices()
    }

    fn councils(&self) -> SourceResult<Vec<Council>> {
        Ok(crate::store::Store::councils(self)?)
    }

    fn years(&self, council: &str) -> SourceResult<Vec<u16>> {
        Ok(crate::store::Store::years(self, council)?)
    }

    fn plan_year(&self, council: &str, year: u16) -> SourceResult<Option<PlanYear>> {
        Ok(crate::store::Store::plan_year(self, council, year)?)
    }

    fn council_periods(&self) -> SourceResult<Vec<CouncilPeriods>> {
        Ok(crate::store::Store::council_periods(self)?)
    }

    fn value_sources(&self, plan: &PlanYear) -> SourceResult<ValueSources> {
        Ok(crate::store::Store::value_sources(self, plan)?)
    }

    fn dismissals(&self, council: &str, year: u16) -> SourceResult<Dismissals> {
        Ok(crate::store::Store::dismissals(self, council, year)?)
    }

    /// Saves as the user running the process (tests and tools; the UI uses [`ActingStore`]).
    fn apply_change(&self, change: &Change) -> SourceResult<AuditEntry> {
        Ok(self.apply(change, &Actor::from_env())?)
    }

    fn describe_change(&self, change: &Change) -> String {
        self.describe(change)
    }

    fn save_draft(&self, key: &str, text: &str) -> SourceResult<()> {
        Ok(crate::store::Store::save_draft(self, key, text)?)
    }

    fn discard_draft(&self, key: &str) -> SourceResult<()> {
        Ok(crate::store::Store::discard_draft(self, key)?)
    }

    fn drafts(&self) -> SourceResult<Vec<Draft>> {
        Ok(crate::store::Store::drafts(self)?)
    }

    fn audit_log(&self) -> SourceResult<Vec<AuditEntry>> {
        Ok(crate::store::Store::audit_log(self)?)
    }

    fn search_index(&self) -> SourceResult<SearchIndex> {
        let names = match crate::search::names::read(self.path())? {
            Some(text) => text,
            None => self.rebuild_name_list()?,
        };
        Ok(crate::search::names::index_of(&names))
    }

    fn series_aliases(&self) -> SourceResult<SeriesAliases> {
        Ok(crate::store::Store::series_aliases(self)?)
    }
}

impl<S: PlanSource> PlanSource for std::sync::Arc<S> {
    fn councils(&self) -> SourceResult<Vec<Council>> {
        S::councils(self)
    }

    fn years(&self, council: &str) -> SourceResult<Vec<u16>> {
        S::years(self, council)
    }

    fn plan_year(&self, council: &str, year: u16) -> SourceResult<Option<PlanYear>> {
        S::plan_year(self, council, year)
    }

    fn council_periods(&self) -> SourceResult<Vec<CouncilPeriods>> {
        S::council_periods(self)
    }

    fn versioned_plan_year(
        &self,
        council: &str,
        year: u16,
    ) -> SourceResult<(Option<PlanYear>, Option<u64>)> {
        S::versioned_plan_year(self, council, year)
    }

    fn value_sources(&self, plan: &PlanYear) -> SourceResult<ValueSources> {
        S::value_sources(self, plan)
    }

    fn dismissals(&self, council: &str, year: u16) -> SourceResult<Dismissals> {
        S::dismissals(self, council, year)
    }

    fn notices(&self) -> (Vec<String>, bool) {
        S::notices(self)
    }

    fn apply_change(&self, change: &Change) -> SourceResult<AuditEntry> {
        S::apply_change(self, change)
    }

    fn apply_change_at(&self, change: &Change, base: Option<u64>) -> SourceResult<AuditEntry> {
        S::apply_change_at(self, change, base)
    }

    fn describe_change(&self, change: &Change) -> String {
        S::describe_change(self, change)
    }

    fn save_draft(&self, key: &str, text: &str) -> SourceResult<()> {
        S::save_draft(self, key, text)
    }

    fn discard_draft(&self, key: &str) -> SourceResult<()> {
        S::discard_draft(self, key)
    }

    fn drafts(&self) -> SourceResult<Vec<Draft>> {
        S::drafts(self)
    }

    fn audit_log(&self) -> SourceResult<Vec<AuditEntry>> {
        S::audit_log(self)
    }

    fn search_index(&self) -> SourceResult<SearchIndex> {
        S::search_index(self)
    }

    fn series_aliases(&self) -> SourceResult<SeriesAliases> {
        S::series_aliases(self)
    }
}
