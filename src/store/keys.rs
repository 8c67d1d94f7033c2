//! Key layout of the sled trees. Every number is big-endian so that sled's byte order is
//! numeric order and a prefix is a range: a council's years, a year's nodes in document
//! order, one node's reports in time order.
//!
//! | tree       | key                                                   | value            |
//! |------------|-------------------------------------------------------|------------------|
//! | `meta`     | `b"schema_version"`, `b"last_council"`, `b"last_seq"` | `u32`/`u64` BE   |
//! | `councils` | council slug (UTF-8)                                  | `CouncilRecord`  |
//! | `years`    | `[council u32][year u16]`                             | `YearRecord`     |
//! | `nodes`    | `[council u32][year u16][node u32]`                   | `NodeRecord`     |
//! | `reports`  | `[council u32][year u16][node u32][period ordinal u8]`| `ReportRecord`   |
//! | `audit`    | `[seq u64]`                                           | `AuditRecord`    |
//! | `drafts`   | the editor's draft key (UTF-8)                        | `DraftRecord`    |
//! | `series_links` | normalised indicator name (UTF-8)                 | `SeriesLinkRecord` |
//! | `value_sources` | as `reports` (an indicator's report)              | `ValueSourceRecord` |
//!
//! The council number is a small surrogate for the slug, handed out from the `last_council` counter, so
//! the hot keys stay short and fixed-width.

use crate::domain::{NodeId, Period};

/// Internal number of a council, the first four bytes of most keys.
pub(crate) type CouncilKey = u32;

pub(crate) const SCHEMA_VERSION: &[u8] = b"schema_version";
pub(crate) const LAST_COUNCIL: &[u8] = b"last_council";
pub(crate) const LAST_SEQ: &[u8] = b"last_seq";

/// All years of a council: the prefix of `years`, `nodes` and `reports` keys.
pub(crate) fn council_prefix(council: CouncilKey) -> [u8; 4] {
    council.to_be_bytes()
}

/// One council-year: a `years` key and the prefix of its `nodes` and `reports` keys.
pub(crate) fn year_key(council: CouncilKey, year: u16) -> [u8; 6] {
    let mut key = [0; 6];
    key[..4].copy_from_slice(&council.to_be_bytes());
    key[4..].copy_from_slice(&year.to_be_bytes());
    key
}

/// One node of a council-year; also the prefix of its reports.
pub(crate) fn node_key(council: CouncilKey, year: u16, node: NodeId) -> [u8; 10] {
    let mut key = [0; 10];
    key[..6].copy_from_slice(&year_key(council, year));
    key[6..].copy_from_slice(&node.to_be_bytes());
    key
}

/// One node's record for one period.
pub(crate) fn report_key(council: CouncilKey, year: u16, node: NodeId, period: Period) -> [u8; 11] {
    let mut key = [0; 11];
    key[..10].copy_from_slice(&node_key(council, year, node));
    key[10] = period.ordinal();
    key
}

pub(crate) fn audit_key(seq: u64) -> [u8; 8] {
    seq.to_be_bytes()
}

/// The year in a `years` key.
pub(crate) fn year_of(key: &[u8]) -> Option<u16> {
    Some(u16::from_be_bytes(key.get(4..6)?.try_into().ok()?))
}

/// The node id in a `nodes` or `reports` key.
pub(crate) fn node_of(key: &[u8]) -> Option<NodeId> {
    Some(u32::from_be_bytes(key.get(6..10)?.try_into().ok()?))
}

/// The period in a `reports` key.
pub(crate) fn period_of(key: &[u8]) -> Option<Period> {
    Period::from_ordinal(*key.get(10)?)
}

/// A big-endian counter value from `meta`.
pub(crate) fn read_u32(bytes: &[u8]) -> Option<u32> {
    Some(u32::from_be_bytes(bytes.try_into().ok()?))
}

pub(crate) fn read_u64(bytes: &[u8]) -> Option<u64> {
    Some(u64::from_be_bytes(bytes.try_into().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_of_a_node_sort_in_time_order() {
        let mut keys: Vec<_> = Period::all()
            .into_iter()
            .rev()
            .map(|period| report_key(3, 2020, 7, period))
            .collect();
        keys.sort();
        let periods: Vec<_> = keys.iter().filter_map(|key| period_of(key)).collect();
        assert_eq!(periods, Period::all());
        assert!(
            keys.iter()
                .all(|key| key.starts_with(&node_key(3, 2020, 7)))
        );
    }

    #[test]
    fn big_endian_orders_numerically() {
        assert!(node_key(1, 2020, 255) < node_key(1, 2020, 256));
        assert!(year_key(1, 2019) < year_key(1, 2020));
        assert!(year_key(1, 2030) < year_key(2, 2000));
        assert_eq!(year_of(&year_key(9, 2021)), Some(2021));
        assert_eq!(node_of(&node_key(9, 2021, 70000)), Some(70000));
    }
}
