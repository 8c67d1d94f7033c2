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

/// Someone else saved the same thing after it was read (*krock*): the save was not made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The service's Swedish explanation.
    pub message: String,
    /// The version of the change that came between: a save over it is based on this.
    pub theirs_seq: u64,
    pub theirs_login: String,
}

impl SourceError {
    /// The conflict this is, if it is one.
    pub fn conflict(&self) -> Option<Conflict> {
        match self {
            SourceError::Service(crate::service::ClientError::Refused(
                crate::service::protocol::Refusal::Conflict {
                    message,
                    theirs_seq,
                    theirs_login,
                },
            )) => Some(Conflict {
                message: message.clone(),
                theirs_seq: *theirs_seq,
                theirs_login: theirs_login.clone(),
            }),
            _ => None,
        }
    }
}
