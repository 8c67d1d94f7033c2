//! One request against the store, as one connected user: reads for everyone, changes
//! checked against the access rules and the version they were read at, applied changes
//! fanned out to the other sessions.

use crate::commands;
use crate::search::names;
use crate::store::{Actor, Change, StoreError};

use super::log;
use super::peer::Peer;
use super::protocol::{AppliedChange, Refusal, Reply, ReportRequest, Request};
use super::server::Shared;
use super::sessions::Watch;

/// Who sent a request.
pub struct Caller {
    pub session: u64,
    pub peer: Peer,
    pub actor: Actor,
}

fn failed(error: impl std::fmt::Display) -> Refusal {
    Refusal::Failed {
        message: error.to_string(),
    }
}

/// Draft keys are kept per user: drafts stay private to whoever typed them.
fn draft_key(caller: &Caller, key: &str) -> String {
    format!("{}:{key}", caller.peer.login)
}

pub fn handle(shared: &Shared, caller: &Caller, request: Request) -> Result<Reply, Refusal> {
    let store = &shared.store;
    match request {
        Request::Councils => store.councils().map(Reply::Councils).map_err(failed),
        Request::Years { council } => store.years(&council).map(Reply::Years).map_err(failed),
        Request::PlanYear { council, year } => {
            // Read under the version lock, so the version is exactly the one read.
            let versions = shared.versions.read().map_err(failed)?;
            let plan = store.plan_year(&council, year).map_err(failed)?;
            Ok(Reply::PlanYear {
                plan,
                version: versions.current,
            })
        }
        Request::ValueSources { council, year } => match store.plan_year(&council, year) {
            Ok(Some(plan)) => store
                .value_sources(&plan)
                .map(Reply::ValueSources)
                .map_err(failed),
            Ok(None) => Ok(Reply::ValueSources(Default::default())),
            Err(error) => Err(failed(error)),
        },
        Request::CouncilPeriods => store
            .council_periods()
            .map(Reply::CouncilPeriods)
            .map_err(failed),
        Request::Notices => {
            let (lines, done) = store.opening_notices();
            Ok(Reply::Notices { lines, done })
        }
        Request::Apply { change, base } => apply(shared, caller, change, base),
        Request::Describe { change } => Ok(Reply::Text(store.describe(&change))),
        Request::SaveDraft { key, text } => store
            .save_draft(&draft_key(caller, &key), &text)
            .map(|()| Reply::Done)
            .map_err(failed),
        Request::DiscardDraft { key } => store
            .discard_draft(&draft_key(caller, &key))
            .map(|()| Reply::Done)
            .map_err(failed),
        Request::Drafts => {
            let prefix = draft_key(caller, "");
            let drafts = store.drafts().map_err(failed)?;
            Ok(Reply::Drafts(
                drafts
                    .into_iter()
                    .filter_map(|mut draft| {
                        draft.key = draft.key.strip_prefix(&prefix)?.to_owned();
                        Some(draft)
                    })
                    .collect(),
            ))
        }
        Request::NameList => {
            let text = match names::read(store.path()).map_err(failed)? {
                Some(text) => text,
                None => store.rebuild_name_list().map_err(failed)?,
            };
            Ok(Reply::Text(text))
        }
        Request::SeriesLinks => store.series_links().map(Reply::SeriesLinks).map_err(failed),
        Request::AuditLog => store.audit_log().map(Reply::Audit).map_err(failed),
        Request::SeedBundled => {
            let mut versions = shared.versions.write().map_err(failed)?;
            let loaded = store.seed_bundled(&caller.actor).map_err(failed)?;
            if loaded > 0 {
                *versions = super::versions::Versions::from_store(store).map_err(failed)?;
            }
            Ok(Reply::Done)
        }
        Request::Watch { council } => {
            let watch = match council {
                Some(council) => Watch::Council(council),
                None => Watch::All,
            };
            shared.sessions.watch(caller.session, watch);
            Ok(Reply::Done)
        }
        Request::Who => Ok(Reply::Sessions(shared.sessions.list())),
        Request::Report(report) => run_report(shared, report),
        Request::Dismissals { council, year } => store
            .dismissals(&council, year)
            .map(Reply::Dismissals)
            .map_err(failed),
    }
}

fn apply(
    shared: &Shared,
    caller: &Caller,
    change: Change,
    base: Option<u64>,
) -> Result<Reply, Refusal> {
    let store = &shared.store;
    let council = change.council().to_owned();
    let allowed = shared
        .access
        .current()
        .is_some_and(|access| access.may_write(&caller.peer, &council));
    if !allowed {
        let message = format!(
            "{} får inte ändra i nämnden {council}: bara läsa. Behörigheter står i {}",
            caller.peer.login,
            store.path().join(super::access::ACCESS_FILE).display()
        );
        log(&format!("nekad ändring: {message} ({})", change.describe()));
        if let Err(error) = store.record_refusal(&change, &caller.actor, &message) {
            log(&format!("den nekade ändringen kunde inte loggas: {error}"));
        }
        return Err(Refusal::NotAllowed { message });
    }
    let mut versions = shared.versions.write().map_err(failed)?;
    if let Some(base) = base
        && let Some(last) = versions.newer_than(&change, base)
    {
        let message = format!(
            "Krock: {} har ändrat «{}» sedan du läste det (ändring {}).",
            last.login,
            store.describe(&change),
            last.seq
        );
        return Err(Refusal::Conflict {
            message,
            theirs_seq: last.seq,
            theirs_login: last.login.clone(),
        });
    }
    let entry = store
        .apply(&change, &caller.actor)
        .map_err(|error| match error {
            StoreError::WriteRefused => Refusal::NotAllowed {
                message: error.to_string(),
            },
            other => failed(other),
        })?;
    versions.record(&entry);
    drop(versions);
    let update = AppliedChange {
        seq: entry.seq,
        login: caller.peer.login.clone(),
        council,
        year: change.year(),
        description: store.describe(&change),
        change,
    };
    shared.sessions.broadcast(&update, caller.session);
    Ok(Reply::Applied(entry))
}

fn run_report(shared: &Shared, report: ReportRequest) -> Result<Reply, Refusal> {
    let store = &shared.store;
    let select_error = |error: commands::select::SelectError| {
        if error.is_bad_input() {
            Refusal::BadInput {
                message: error.to_string(),
            }
        } else {
            failed(error)
        }
    };
    match report {
        ReportRequest::Flags {
            council,
            period,
            format,
            deficit_percent,
        } => commands::flags::run(store, &council, &period, &format, &deficit_percent)
            .map(|output| Reply::Report {
                text: output.text,
                flagged: output.flagged,
            })
            .map_err(select_error),
        ReportRequest::Summary {
            council,
            period,
            format,
        } => commands::summary::run(store, &council, &period, &format)
            .map(|text| Reply::Report {
                text,
                flagged: false,
            })
            .map_err(select_error),
        ReportRequest::ExportJson { council, year } => {
            commands::export::select(store, council.as_deref(), year)
                .map(Reply::Plans)
                .map_err(failed)
        }
        ReportRequest::ExportHistory => store
            .history_for_export()
            .map_err(failed)
            .and_then(|history| serde_json::to_string(&history).map_err(failed))
            .map(|text| Reply::Report {
                text,
                flagged: false,
            }),
        ReportRequest::History {
            query,
            council,
            format,
        } => {
            use commands::history::{HistoryFormat, lookup, render};
            let format = match format.as_str() {
                "json" => HistoryFormat::Json,
                "csv" => HistoryFormat::Csv,
                _ => HistoryFormat::Text,
            };
            lookup(store, &query, council.as_deref())
                .and_then(|history| render(&history, format))
                .map(|text| Reply::Report {
                    text,
                    flagged: false,
                })
                .map_err(failed)
        }
    }
}
