//! Every input the app reacts to, as one value: a key, a paste, a resize, a tick of the clock,
//! or the result of an effect the runner performed. [`super::app::App::update`] takes nothing
//! else, so there is no side door into the state.

use crossterm::event::KeyEvent;

use super::edit::SaveKind;
use super::error::SourceError;
use crate::domain::PlanYear;
use crate::domain::flags::Dismissals;
use crate::search::history::RowSources;
use crate::search::{SearchIndex, SeriesAliases, SeriesKey};
use crate::store::{AuditEntry, Change, Draft};

/// One input to the app.
// A message lives for one update; boxing the large results would only add allocations.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum Msg {
    /// A key was pressed; the app resolves it through its keymap in the current context.
    Key(KeyEvent),
    /// Bracketed paste: text inserted into the open editor or field, never a submit.
    Paste(String),
    /// The terminal changed size.
    Resize { width: u16, height: u16 },
    /// Time passed without input (typing stopped: the draft is due).
    Tick,
    /// A plan year arrived, or could not be read.
    PlanLoaded {
        council: String,
        year: u16,
        result: Result<Option<PlanYear>, SourceError>,
        /// The version it was read at, where the source has versions (the service).
        version: Option<u64>,
        /// Its flags marked *ej aktuell i denna period*.
        dismissals: Dismissals,
    },
    /// The finder's index and the series aliases in force arrived.
    SearchReady(Result<(SearchIndex, SeriesAliases), SourceError>),
    /// Every plan year of a council arrived, with where their imported values came from,
    /// for its history of `series`.
    HistoryLoaded {
        council: String,
        series: SeriesKey,
        result: Result<(Vec<PlanYear>, RowSources), SourceError>,
    },
    /// A series link or unlink was stored (its description and the aliases now in force).
    SeriesChanged(Result<(String, SeriesAliases), SourceError>),
    /// A change was applied (its audit entry and description), or refused.
    Applied {
        change: Change,
        kind: SaveKind,
        result: Result<(AuditEntry, String), SourceError>,
    },
    /// The councils, years and periods for the *Gå till* picker arrived.
    CouncilPeriods(Result<Vec<crate::domain::CouncilPeriods>, SourceError>),
    /// The *Händelser* list for `scope` arrived.
    EventsLoaded {
        scope: crate::tui::screens::events::EventScope,
        result: Result<Vec<crate::tui::screens::events::EventRow>, SourceError>,
    },
    /// The *Granskning* rows for `key` arrived.
    ProgressLoaded {
        key: crate::tui::screens::progress::ProgressKey,
        result: Result<Vec<crate::tui::screens::progress::ProgressRow>, SourceError>,
    },
    /// Unsaved text was kept as a draft.
    DraftSaved { key: String, text: String },
    /// Drafts an earlier session left, to offer back.
    DraftsFound(Vec<Draft>),
    /// The period's report was written (the file's full path), or why not.
    ReportWritten(Result<std::path::PathBuf, String>),
    /// What opening the data found (read-only, a snapshot moved to `recovered/`), and
    /// whether that is all.
    Notices { lines: Vec<String>, done: bool },
    /// An effect without a result of its own failed (saving or forgetting a draft).
    Failed(Failure),
    /// The service reported something another session did, or that it went away or came
    /// back (several users at once, DESIGN.md §6c).
    Remote(crate::service::RemoteUpdate),
}

/// What failed, for the message the user sees.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    #[error("Kunde inte spara utkastet: {0}")]
    SaveDraft(SourceError),
    #[error("Kunde inte ta bort utkastet: {0}")]
    DiscardDraft(SourceError),
    #[error("Kunde inte läsa utkast: {0}")]
    ReadDrafts(SourceError),
}
