//! Series links a user made: "these two indicators are the same series" (or, against the
//! bundled alias list, "they are not"). Kept in the `series_links` tree, keyed by the
//! normalised name of the indicator that joins (or leaves) a series, so a later decision about
//! the same name replaces the earlier one.
//!
//! The series a name belongs to is computed from the bundled `data/aliases.toml` with these
//! links applied on top ([`Store::series_aliases`]).

use serde::{Deserialize, Serialize};
use sled::Transactional;

use super::audit::{Actor, AuditEntry};
use super::change::{Change, Snapshot};
use super::codec::{self, Versioned};
use super::{Store, StoreError};
use crate::domain::NodeId;
use crate::search::SeriesAliases;
use crate::search::series::normalise_name;

/// One indicator, named where it was seen: what a user marks and links.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct SeriesRef {
    pub council: String,
    pub year: u16,
    pub indicator: NodeId,
    /// The indicator's name: what the series is computed from.
    pub name: String,
}

/// A user's decision about one name.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct SeriesLink {
    /// The indicator whose name joins or leaves a series.
    pub alias: SeriesRef,
    /// The indicator whose series it joins; `None`: it has its own series, whatever the
    /// bundled list says.
    pub linked_to: Option<SeriesRef>,
}

/// The stored form of a [`SeriesLink`].
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub(crate) enum SeriesLinkRecord {
    V1(SeriesLink),
}

impl Versioned for SeriesLinkRecord {
    const KIND: &'static str = "serielänk";
    const KNOWN_VERSIONS: u32 = 1;
}

/// The stored decisions a change touched, by key: the `before` and `after` of its audit entry.
pub type SeriesLinkState = Vec<(String, Option<SeriesLink>)>;

impl Store {
    /// The bundled alias list with every stored link and unlink applied, in key order.
    pub fn series_aliases(&self) -> Result<SeriesAliases, StoreError> {
        let mut aliases = SeriesAliases::bundled().clone();
        for link in self.series_links()? {
            apply_link(&mut aliases, &link);
        }
        Ok(aliases)
    }

    /// Every stored series decision, in key order.
    pub fn series_links(&self) -> Result<Vec<SeriesLink>, StoreError> {
        let mut links = Vec::new();
        for entry in self.series_links.iter() {
            let (_, bytes) = entry?;
            let SeriesLinkRecord::V1(link) = self.decode(&bytes)?;
            links.push(link);
        }
        Ok(links)
    }

    /// Applies [`Change::LinkSeries`] or [`Change::UnlinkSeries`] with its audit entry.
    pub(super) fn apply_series_change(
        &self,
        change: &Change,
        actor: &Actor,
        at: String,
    ) -> Result<AuditEntry, StoreError> {
        let writes = match change {
            Change::LinkSeries { a, b } => self.link_writes(a, b)?,
            Change::UnlinkSeries { a, b } => self.unlink_writes(a, b)?,
            _ => return Err(StoreError::InvalidSeriesLink("ingen serieändring".into())),
        };
        let mut before: SeriesLinkState = Vec::new();
        for (key, _) in &writes {
            let old = match self.series_links.get(key.as_bytes())? {
                Some(bytes) => {
                    let SeriesLinkRecord::V1(link) = self.decode(&bytes)?;
                    Some(link)
                }
                None => None,
            };
            before.push((key.clone(), old));
        }
        let encoded = writes
            .iter()
            .map(|(key, link)| {
                let bytes = match link {
                    Some(link) => Some(codec::encode(&SeriesLinkRecord::V1(link.clone()))?),
                    None => None,
                };
                Ok((key.clone(), bytes))
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        let after: SeriesLinkState = writes;
        let entry =
            (&self.meta, &self.series_links, &self.audit).transaction(|(meta, links, audit)| {
                for (key, bytes) in &encoded {
                    match bytes {
                        Some(bytes) => links.insert(key.as_bytes(), bytes.clone())?,
                        None => links.remove(key.as_bytes())?,
                    };
                }
                let entry = AuditEntry {
                    seq: 0,
                    actor: actor.clone(),
                    at: at.clone(),
                    change: change.clone(),
                    before: Some(Snapshot::SeriesLinks(before.clone())),
                    after: Some(Snapshot::SeriesLinks(after.clone())),
                };
                super::apply::write_audit(meta, audit, entry)
            })?;
        Ok(entry)
    }

    /// `b` joins `a`'s series: one record under `b`'s name.
    fn link_writes(&self, a: &SeriesRef, b: &SeriesRef) -> Result<SeriesLinkState, StoreError> {
        let aliases = self.series_aliases()?;
        if aliases.key(&a.name) == aliases.key(&b.name) {
            return Err(StoreError::InvalidSeriesLink(format!(
                "«{}» och «{}» hör redan till samma serie",
                a.name, b.name
            )));
        }
        if normalise_name(&b.name).is_empty() {
            return Err(StoreError::InvalidSeriesLink(
                "indikatorn saknar namn".into(),
            ));
        }
        Ok(vec![(
            normalise_name(&b.name),
            Some(SeriesLink {
                alias: b.clone(),
                linked_to: Some(a.clone()),
            }),
        )])
    }

    /// `a` and `b` part: stored links under either name are removed, and where the bundled
    /// list still joins them, the name that is an alias gets its own series.
    fn unlink_writes(&self, a: &SeriesRef, b: &SeriesRef) -> Result<SeriesLinkState, StoreError> {
        let aliases = self.series_aliases()?;
        if aliases.key(&a.name) != aliases.key(&b.name) {
            return Err(StoreError::InvalidSeriesLink(format!(
                "«{}» och «{}» hör inte till samma serie",
                a.name, b.name
            )));
        }
        let stored = self.series_links()?;
        let mut writes: SeriesLinkState = Vec::new();
        let mut remaining = SeriesAliases::bundled().clone();
        for link in &stored {
            let key = normalise_name(&link.alias.name);
            let touches = key == normalise_name(&a.name) || key == normalise_name(&b.name);
            if touches && link.linked_to.is_some() {
                writes.push((key, None));
            } else {
                apply_link(&mut remaining, link);
            }
        }
        if remaining.key(&a.name) == remaining.key(&b.name) {
            for side in [a, b] {
                let key = normalise_name(&side.name);
                if remaining.key(&side.name).as_str() != key {
                    writes.retain(|(existing, _)| existing != &key);
                    writes.push((
                        key,
                        Some(SeriesLink {
                            alias: side.clone(),
                            linked_to: None,
                        }),
                    ));
                }
            }
        }
        if writes.is_empty() {
            return Err(StoreError::InvalidSeriesLink(format!(
                "«{}» och «{}» har samma namn och kan inte skiljas åt",
                a.name, b.name
            )));
        }
        Ok(writes)
    }
}

/// One stored decision applied to an alias list.
fn apply_link(aliases: &mut SeriesAliases, link: &SeriesLink) {
    match &link.linked_to {
        Some(target) => aliases.link(&target.name, &link.alias.name),
        None => aliases.unlink(&link.alias.name),
    }
}
