//! Applying a [`Change`]: each kind as one sled transaction over the trees it touches,
//! together with its audit entry. Flushing is left to [`Store::apply`].

use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, TransactionalTree, abort};

use super::audit::{Actor, AuditEntry, AuditRecord};
use super::change::{Change, IndicatorValues, Snapshot};
use super::codec::{self, Versioned};
use super::dismissals::DismissalTarget;
use super::records::{
    self, CouncilRecord, CouncilV1, EconomyRecord, MonthsRecord, NodeBodyV2, NodeKind, NodeRecord,
    ReportRecord, ReportV2,
};
use super::{Store, StoreError, keys};
use crate::domain::{Direction, NodeId, Period, PlanYear};

impl Store {
    /// Runs the change's transaction, audit entry included; the caller flushes.
    pub(super) fn apply_unflushed(
        &self,
        change: &Change,
        actor: &Actor,
        at: String,
    ) -> Result<AuditEntry, StoreError> {
        Ok(match change {
            Change::PutPlanYear(plan) => self.put_plan_year(plan, change, actor, at)?,
            Change::SetGoalStatus {
                council,
                year,
                goal,
                period,
                status,
            } => self.set_report(
                change,
                actor,
                at,
                (council, *year, *goal, *period),
                NodeKind::Goal,
                ReportV2::Goal(status.clone()),
            )?,
            Change::SetIndicatorReport {
                council,
                year,
                indicator,
                period,
                report,
            } => self.set_report(
                change,
                actor,
                at,
                (council, *year, *indicator, *period),
                NodeKind::Indicator,
                ReportV2::Indicator(report.clone()),
            )?,
            Change::SetActivityReport {
                council,
                year,
                activity,
                period,
                report,
            } => self.set_report(
                change,
                actor,
                at,
                (council, *year, *activity, *period),
                NodeKind::Activity,
                ReportV2::Activity(report.clone()),
            )?,
            Change::SetIndicatorSettings {
                council,
                year,
                indicator,
                direction,
                tolerance,
                confirmed,
            } => self.set_indicator_settings(
                change,
                actor,
                at,
                (council, *year, *indicator),
                (*direction, *tolerance, *confirmed),
            )?,
            Change::LinkSeries { .. } | Change::UnlinkSeries { .. } => {
                self.apply_series_change(change, actor, at)?
            }
            Change::Economy(edit) => self.apply_economy_change(change, edit, actor, at)?,
            Change::AddMonth {
                council,
                year,
                month,
            } => self.apply_month_change(change, (council, *year, *month), true, actor, at)?,
            Change::RemoveMonth {
                council,
                year,
                month,
            } => self.apply_month_change(change, (council, *year, *month), false, actor, at)?,
            Change::SetIndicatorValues { items, .. } => {
                self.set_indicator_values(change, actor, at, items)?
            }
            Change::SetFlagDismissal {
                council,
                year,
                period,
                node,
                code,
                reason,
            } => self.apply_dismissal_change(
                change,
                DismissalTarget {
                    council,
                    year: *year,
                    period: *period,
                    node: *node,
                    code: *code,
                },
                reason.as_deref(),
                actor,
                at,
            )?,
        })
    }

    /// Writes many indicators' reports in one transaction with one audit entry; every
    /// council, year and indicator must exist, or nothing is written.
    fn set_indicator_values(
        &self,
        change: &Change,
        actor: &Actor,
        at: String,
        items: &[IndicatorValues],
    ) -> Result<AuditEntry, StoreError> {
        let mut keyed = Vec::with_capacity(items.len());
        for item in items {
            check_period(item.period)?;
            let (council_key, _) = self
                .council_record(&item.council)?
                .ok_or_else(|| StoreError::UnknownCouncil(item.council.clone()))?;
            let bytes = codec::encode(&ReportRecord::V2(ReportV2::Indicator(item.report.clone())))?;
            keyed.push((council_key, item, bytes));
        }
        let after = Snapshot::IndicatorReports(
            items.iter().map(|item| Some(item.report.clone())).collect(),
        );
        let sources = self.source_writes(
            keyed
                .iter()
                .map(|(council_key, item, _)| (*council_key, *item)),
        )?;
        let entry = (
            &self.meta,
            &self.years,
            &self.nodes,
            &self.reports,
            &self.audit,
            &self.value_sources,
        )
            .transaction(|(meta, years, nodes, reports, audit, value_sources)| {
                let mut before = Vec::with_capacity(keyed.len());
                for (council_key, item, bytes) in &keyed {
                    if years
                        .get(keys::year_key(*council_key, item.year))?
                        .is_none()
                    {
                        return fail(StoreError::UnknownYear {
                            council: item.council.clone(),
                            year: item.year,
                        });
                    }
                    let unknown_node = || StoreError::UnknownNode {
                        council: item.council.clone(),
                        year: item.year,
                        node: item.indicator,
                        expected: NodeKind::Indicator,
                    };
                    match nodes.get(keys::node_key(*council_key, item.year, item.indicator))? {
                        Some(node) => {
                            let record: NodeRecord = codec::decode(&node).or_else(fail)?;
                            if record.kind() != NodeKind::Indicator {
                                return fail(unknown_node());
                            }
                        }
                        None => return fail(unknown_node()),
                    }
                    let key =
                        keys::report_key(*council_key, item.year, item.indicator, item.period);
                    before.push(match reports.insert(&key, bytes.clone())? {
                        Some(old) => match codec::decode::<ReportRecord>(&old)
                            .or_else(fail)?
                            .into_current()
                        {
                            ReportV2::Indicator(report) => Some(report),
                            _ => return fail(unknown_node()),
                        },
                        None => None,
                    });
                }
                for (key, bytes) in &sources {
                    match bytes {
                        Some(bytes) => value_sources.insert(key, bytes.clone())?,
                        None => value_sources.remove(key)?,
                    };
                }
                let entry = AuditEntry {
                    seq: 0,
                    actor: actor.clone(),
                    at: at.clone(),
                    change: change.clone(),
                    before: Some(Snapshot::IndicatorReports(before)),
                    after: Some(after.clone()),
                };
                write_audit(meta, audit, entry)
            })?;
        Ok(entry)
    }

    /// Rewrites an indicator's node record with a new direction, tolerance and whether the
    /// direction is confirmed; the audit entry keeps the old values so undo can put them back.
    fn set_indicator_settings(
        &self,
        change: &Change,
        actor: &Actor,
        at: String,
        (council, year, indicator): (&String, u16, NodeId),
        (direction, tolerance, confirmed): (Direction, f64, bool),
    ) -> Result<AuditEntry, StoreError> {
        if !tolerance.is_finite() || tolerance < 0.0 {
            return Err(StoreError::InvalidPlanYear(format!(
                "toleransen {tolerance} är inte ett tal ≥ 0"
            )));
        }
        let (council_key, _) = self
            .council_record(council)?
            .ok_or_else(|| StoreError::UnknownCouncil(council.clone()))?;
        let unknown_node = || StoreError::UnknownNode {
            council: council.clone(),
            year,
            node: indicator,
            expected: NodeKind::Indicator,
        };
        let key = keys::node_key(council_key, year, indicator);
        let entry =
            (&self.meta, &self.nodes, &self.audit).transaction(|(meta, nodes, audit)| {
                let Some(bytes) = nodes.get(key)? else {
                    return fail(unknown_node());
                };
                let mut node = codec::decode::<NodeRecord>(&bytes)
                    .or_else(fail)?
                    .into_current();
                let NodeBodyV2::Indicator(body) = &mut node.body else {
                    return fail(unknown_node());
                };
                let before = Snapshot::IndicatorSettings {
                    direction: body.direction,
                    tolerance: body.tolerance,
                    confirmed: body.direction_confirmed,
                };
                body.direction = direction;
                body.tolerance = tolerance;
                // Set by a user with `r`: no longer an assumed direction (*antagen riktning*).
                body.direction_confirmed = confirmed;
                nodes.insert(&key, encode_tx(&NodeRecord::V2(node))?)?;
                let entry = AuditEntry {
                    seq: 0,
                    actor: actor.clone(),
                    at: at.clone(),
                    change: change.clone(),
                    before: Some(before),
                    after: Some(Snapshot::IndicatorSettings {
                        direction,
                        tolerance,
                        confirmed,
                    }),
                };
                write_audit(meta, audit, entry)
            })?;
        Ok(entry)
    }

    /// Replaces a council-year: removes every key of its prefix and writes the new records,
    /// in one transaction with the audit entry.
    fn put_plan_year(
        &self,
        plan: &PlanYear,
        change: &Change,
        actor: &Actor,
        at: String,
    ) -> Result<AuditEntry, StoreError> {
        if plan.council.id.is_empty() {
            return Err(StoreError::InvalidPlanYear(
                "nämnden saknar id (slug)".to_owned(),
            ));
        }
        let split = records::split(plan)?;
        let before = self.plan_year(&plan.council.id, plan.year)?;
        // Old keys are read here because sled transactions cannot scan; `write_lock` keeps
        // them current until the transaction below.
        let (old_node_keys, old_report_keys) = match self.council_record(&plan.council.id)? {
            Some((key, _)) => {
                let prefix = keys::year_key(key, plan.year);
                let nodes = self
                    .nodes
                    .scan_prefix(prefix)
                    .keys()
                    .collect::<Result<Vec<_>, _>>()?;
                let reports = self
                    .reports
                    .scan_prefix(prefix)
                    .keys()
                    .collect::<Result<Vec<_>, _>>()?;
                (nodes, reports)
            }
            None => (Vec::new(), Vec::new()),
        };
        let year_bytes = codec::encode(&split.year)?;
        let node_bytes = split
            .nodes
            .iter()
            .map(|(id, record)| Ok((*id, codec::encode(record)?)))
            .collect::<Result<Vec<_>, StoreError>>()?;
        let report_bytes = split
            .reports
            .iter()
            .map(|(id, period, record)| Ok((*id, *period, codec::encode(record)?)))
            .collect::<Result<Vec<_>, StoreError>>()?;
        let before = before.map(|plan| Snapshot::PlanYear(Box::new(plan)));
        let notes = self
            .pending_notes
            .lock()
            .map(|mut notes| std::mem::take(&mut *notes))
            .unwrap_or_default();
        // The year's economy and added months travel with it (empty ones are not stored).
        let economy_bytes = (!plan.economy.is_empty())
            .then(|| codec::encode(&EconomyRecord::V1(plan.economy.clone())))
            .transpose()?;
        let mut months = plan.months.clone();
        months.sort_unstable();
        months.dedup();
        if months.iter().any(|m| !(1..=12).contains(m)) {
            return Err(StoreError::InvalidPlanYear(
                "en månad ska vara 1–12".to_owned(),
            ));
        }
        let months_bytes = (!months.is_empty())
            .then(|| codec::encode(&MonthsRecord::V1(months)))
            .transpose()?;

        let entry = (
            &self.meta,
            &self.councils,
            &self.years,
            &self.nodes,
            &self.reports,
            &self.audit,
            &self.economy,
            &self.months,
        )
            .transaction(
                |(meta, councils, years, nodes, reports, audit, economies, months)| {
                    let council_key = match councils.get(plan.council.id.as_bytes())? {
                        Some(bytes) => {
                            let CouncilRecord::V1(record) = codec::decode(&bytes).or_else(fail)?;
                            record.key
                        }
                        None => next_counter_u32(meta, keys::LAST_COUNCIL)?,
                    };
                    let council_record = CouncilRecord::V1(CouncilV1 {
                        key: council_key,
                        name: plan.council.name.clone(),
                    });
                    councils.insert(plan.council.id.as_bytes(), encode_tx(&council_record)?)?;
                    let year_key = keys::year_key(council_key, plan.year);
                    years.insert(&year_key, year_bytes.clone())?;
                    match &economy_bytes {
                        Some(bytes) => economies.insert(&year_key, bytes.clone())?,
                        None => economies.remove(&year_key)?,
                    };
                    match &months_bytes {
                        Some(bytes) => months.insert(&year_key, bytes.clone())?,
                        None => months.remove(&year_key)?,
                    };
                    for key in &old_node_keys {
                        nodes.remove(key)?;
                    }
                    for key in &old_report_keys {
                        reports.remove(key)?;
                    }
                    for (id, bytes) in &node_bytes {
                        nodes
                            .insert(&keys::node_key(council_key, plan.year, *id), bytes.clone())?;
                    }
                    for (id, period, bytes) in &report_bytes {
                        reports.insert(
                            &keys::report_key(council_key, plan.year, *id, *period),
                            bytes.clone(),
                        )?;
                    }
                    let entry = AuditEntry {
                        seq: 0,
                        actor: actor.clone(),
                        at: at.clone(),
                        change: change.clone(),
                        before: before.clone(),
                        after: Some(Snapshot::PlanYear(Box::new(plan.clone()))),
                    };
                    write_audit_noted(meta, audit, entry, &notes)
                },
            )?;
        Ok(entry)
    }

    /// Writes one node's record for one period, checking that the council, year and node
    /// exist and that the node is of the expected kind.
    fn set_report(
        &self,
        change: &Change,
        actor: &Actor,
        at: String,
        (council, year, node, period): (&String, u16, NodeId, Period),
        expected: NodeKind,
        report: ReportV2,
    ) -> Result<AuditEntry, StoreError> {
        check_period(period)?;
        let analysis = match &report {
            ReportV2::Goal(status) => &status.analysis,
            ReportV2::Indicator(report) => &report.analysis,
            ReportV2::Activity(report) => &report.analysis,
        };
        crate::domain::text::check_analysis_length(analysis).map_err(StoreError::InvalidReport)?;
        let (council_key, _) = self
            .council_record(council)?
            .ok_or_else(|| StoreError::UnknownCouncil(council.clone()))?;
        let report_bytes = codec::encode(&ReportRecord::V2(report.clone()))?;
        let after = Some(snapshot_of(report));
        let unknown_node = || StoreError::UnknownNode {
            council: council.clone(),
            year,
            node,
            expected,
        };
        let entry = (
            &self.meta,
            &self.years,
            &self.nodes,
            &self.reports,
            &self.audit,
        )
            .transaction(|(meta, years, nodes, reports, audit)| {
                if years.get(keys::year_key(council_key, year))?.is_none() {
                    return fail(StoreError::UnknownYear {
                        council: council.clone(),
                        year,
                    });
                }
                match nodes.get(keys::node_key(council_key, year, node))? {
                    Some(bytes) => {
                        let record: NodeRecord = codec::decode(&bytes).or_else(fail)?;
                        if record.kind() != expected {
                            return fail(unknown_node());
                        }
                    }
                    None => return fail(unknown_node()),
                }
                let key = keys::report_key(council_key, year, node, period);
                let before = match reports.insert(&key, report_bytes.clone())? {
                    Some(old) => {
                        let old = codec::decode::<ReportRecord>(&old)
                            .or_else(fail)?
                            .into_current();
                        Some(snapshot_of(old))
                    }
                    None => None,
                };
                let entry = AuditEntry {
                    seq: 0,
                    actor: actor.clone(),
                    at: at.clone(),
                    change: change.clone(),
                    before,
                    after: after.clone(),
                };
                write_audit(meta, audit, entry)
            })?;
        Ok(entry)
    }
}

/// Aborts a sled transaction with a store error.
fn fail<T>(error: StoreError) -> Result<T, ConflictableTransactionError<StoreError>> {
    abort(error)
}

fn encode_tx<R: Versioned>(
    record: &R,
) -> Result<Vec<u8>, ConflictableTransactionError<StoreError>> {
    codec::encode(record).or_else(fail)
}

fn snapshot_of(report: ReportV2) -> Snapshot {
    match report {
        ReportV2::Goal(status) => Snapshot::GoalStatus(status),
        ReportV2::Indicator(report) => Snapshot::IndicatorReport(report),
        ReportV2::Activity(report) => Snapshot::ActivityReport(report),
    }
}

/// Refuses a period that would not come back the same from its key byte (`Tertial(3)`,
/// `Month(13)`): it would be stored under another period.
pub(super) fn check_period(period: Period) -> Result<(), StoreError> {
    if Period::from_ordinal(period.ordinal()) == Some(period) {
        Ok(())
    } else {
        Err(StoreError::InvalidPeriod(period.label()))
    }
}

/// Hands out the next number of a `u32` counter in `meta`, starting at 1.
fn next_counter_u32(
    meta: &TransactionalTree,
    name: &[u8],
) -> Result<u32, ConflictableTransactionError<StoreError>> {
    let current = match meta.get(name)? {
        Some(bytes) => keys::read_u32(&bytes)
            .ok_or_else(|| StoreError::Corrupt("räknare med fel längd".to_owned()))
            .or_else(fail)?,
        None => 0,
    };
    let next = current.saturating_add(1);
    meta.insert(name, &next.to_be_bytes())?;
    Ok(next)
}

/// Gives the entry the next sequence number and writes it; inside the change's transaction,
/// so the log has an entry exactly for each change that was applied.
pub(super) fn write_audit(
    meta: &TransactionalTree,
    audit: &TransactionalTree,
    entry: AuditEntry,
) -> Result<AuditEntry, ConflictableTransactionError<StoreError>> {
    write_audit_noted(meta, audit, entry, &[])
}

/// As [`write_audit`], with notes stored in the entry (the conflicts an import kept).
pub(super) fn write_audit_noted(
    meta: &TransactionalTree,
    audit: &TransactionalTree,
    mut entry: AuditEntry,
    notes: &[String],
) -> Result<AuditEntry, ConflictableTransactionError<StoreError>> {
    let last = match meta.get(keys::LAST_SEQ)? {
        Some(bytes) => keys::read_u64(&bytes)
            .ok_or_else(|| StoreError::Corrupt("loggräknare med fel längd".to_owned()))
            .or_else(fail)?,
        None => 0,
    };
    entry.seq = last.saturating_add(1);
    meta.insert(keys::LAST_SEQ, &entry.seq.to_be_bytes())?;
    audit.insert(
        &keys::audit_key(entry.seq),
        encode_tx(&AuditRecord::from_entry(&entry, notes))?,
    )?;
    Ok(entry)
}
