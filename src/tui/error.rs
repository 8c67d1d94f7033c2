//! Typed errors of the interface's data source: what a load, save or draft can fail with, as
//! the effect runner hands them back to the app in a [`super::msg::Msg`].

use crate::store::StoreError;

/// Why the data source could not do what an effect asked (*kunde inte läsa/spara*).
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    /// The store refused or failed (I/O, a record it cannot decode, a rejected change).
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A file beside the store (the name list) could not be read.
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// This source only reads (a sample in memory).
    #[error("den här datakällan kan inte spara")]
    ReadOnly,
    /// A council the source does not have any year of.
    #[error("{0} har inga år")]
    NoYears(String),
    /// The service (several users at once) refused or could not be reached.
    #[error(transparent)]
    Service(#[from] crate::service::ClientError),
    /// Another source (the service) reported a failure in its own words.
    #[error("{0}")]
    Remote(String),
}
