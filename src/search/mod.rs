//! Search: the finder's fuzzy index over every goal, indicator and activity, and the
//! identity of an indicator series across years whose names drift.
//!
//! [`fold()`] makes the search key, [`index`] matches and ranks ([`skim`] scores), [`series`]
//! links names, [`history`] gathers one series' values over periods and years, [`names`] is
//! the compact name list `malkoll find` reads instead of the database, and [`quick`] answers
//! one query straight from it.

pub mod fold;
pub mod history;
pub mod index;
pub mod names;
pub mod quick;
pub mod series;
pub mod skim;

pub use fold::{fold, fold_char};
pub use index::{Entry, EntryKind, Finder, Hit, IndexBuilder, NarrowingState, Query, SearchIndex};
pub use series::{SeriesAliases, SeriesKey, series_key};
