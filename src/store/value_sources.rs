//! Where imported values came from (*källa*): `import kolada` (and any import that names a
//! source) stores, beside each indicator report it writes, the source and the values it set,
//! in the `value_sources` tree under the report's key, in the same transaction as the values.
//! A source is shown only while a value it set is still the stored one: a value a user types
//! later, or a document import that replaces it, is not attributed to Kolada.

use std::collections::BTreeMap;

use super::change::{Change, IndicatorValues};
use super::codec;
use super::records::{ValueSourceRecord, ValueSourceV1};
use super::{Store, StoreError, bad_key, keys};
use crate::domain::{NodeId, Period, PlanYear};

/// The writes of one [`Change::SetIndicatorValues`] to the `value_sources` tree: the source of
/// each item that has one; an item without one (a typed file) removes an older source.
pub(super) type SourceWrites = Vec<([u8; 11], Option<Vec<u8>>)>;

/// The sources of a plan year's values that still hold, by indicator and period.
pub type ValueSources = BTreeMap<(NodeId, Period), String>;

impl Store {
    /// The writes to `value_sources` for `items`, each with its council's key.
    pub(super) fn source_writes<'a>(
        &self,
        items: impl Iterator<Item = (keys::CouncilKey, &'a IndicatorValues)>,
    ) -> Result<SourceWrites, StoreError> {
        items
            .map(|(council, item)| {
                let key = keys::report_key(council, item.year, item.indicator, item.period);
                let bytes = match &item.source {
                    Some(source) => Some(codec::encode(&ValueSourceRecord::V1(
                        ValueSourceV1::of(source, &item.report),
                    ))?),
                    None => None,
                };
                Ok((key, bytes))
            })
            .collect()
    }

    /// The writes that rebuild the tree from a log: every [`Change::SetIndicatorValues`] in
    /// order, as they were first applied (the later write of a key wins).
    pub(super) fn source_writes_of_log<'a>(
        &self,
        changes: impl Iterator<Item = &'a Change>,
    ) -> Result<SourceWrites, StoreError> {
        let mut writes = SourceWrites::new();
        for change in changes {
            let Change::SetIndicatorValues { items, .. } = change else {
                continue;
            };
            let mut keyed = Vec::with_capacity(items.len());
            for item in items {
                if let Some((key, _)) = self.council_record(&item.council)? {
                    keyed.push((key, item));
                }
            }
            writes.extend(self.source_writes(keyed.into_iter())?);
        }
        Ok(writes)
    }

    /// The sources of the values of `plan` that still hold, by indicator and period:
    /// "Kolada N00945 2020 T, K".
    pub fn value_sources(&self, plan: &PlanYear) -> Result<ValueSources, StoreError> {
        let mut sources = BTreeMap::new();
        let Some((council, _)) = self.council_record(&plan.council.id)? else {
            return Ok(sources);
        };
        let indicators: BTreeMap<NodeId, &crate::domain::Indicator> = plan
            .indicators()
            .map(|(_, indicator)| (indicator.id, indicator))
            .collect();
        for entry in self
            .value_sources
            .scan_prefix(keys::year_key(council, plan.year))
        {
            let (key, bytes) = entry?;
            let node = keys::node_of(&key).ok_or_else(|| bad_key("value_sources", &key))?;
            let period = keys::period_of(&key).ok_or_else(|| bad_key("value_sources", &key))?;
            let ValueSourceRecord::V1(record) = self.decode(&bytes)?;
            let Some(report) = indicators.get(&node).and_then(|i| i.reports.get(&period)) else {
                continue;
            };
            if record.still_holds(report) {
                sources.insert((node, period), record.source);
            }
        }
        Ok(sources)
    }
}
