//! The subcommands that write, and `malkoll who`, when a service owns the database: the
//! same work as their direct versions, through [`Client`] so the service applies the
//! change as the connected user, checks access and versions, and tells the other sessions.

use std::path::Path;

use crate::commands::import::{ImportOptions, merge_document, merged_text, read_document, summary};
use crate::import::ImportHints;
use crate::service::protocol::{ClientKind, SessionInfo};
use crate::service::{Client, ClientError};
use crate::store::Change;

/// `malkoll import report` through the service: read and parsed here (the file is the
/// user's), merged into the stored year as read by the same rules as the direct import, and
/// saved only if nobody changed that year since.
pub fn import_file(
    client: &Client,
    file: &Path,
    hints: ImportHints,
    options: ImportOptions,
) -> anyhow::Result<String> {
    let document = read_document(file, hints)?;
    let mut out = summary(&document.report);
    let plan = &document.report.plan;
    let (stored, version) = client.plan_year_versioned(&plan.council.id, plan.year)?;
    let merged = merge_document(document, stored, options);
    out.push_str(&merged_text(&merged));
    if !merged.changes_anything {
        return Ok(out);
    }
    client.apply(&Change::PutPlanYear(merged.plan), Some(version))?;
    out.push_str("\nSparat.\n");
    Ok(out)
}

/// `malkoll gen-demo` through the service: the generated city, one `PutPlanYear` per
/// council-year, each applied (and access-checked) as the connected user.
pub fn gen_demo(
    client: &Client,
    seed: u64,
    councils: usize,
    years: usize,
) -> Result<String, ClientError> {
    let plans = crate::demo::generate(seed, councils, years);
    let mut entries = 0;
    for plan in &plans {
        entries +=
            plan.goals_depth_first().len() + plan.indicators().count() + plan.activities().count();
        client.apply(&Change::PutPlanYear(plan.clone()), None)?;
    }
    Ok(format!(
        "{} planår ({councils} nämnder × {years} år, frö {seed}) med {entries} mål, indikatorer och aktiviteter sparade genom malkoll-tjänsten\n",
        plans.len()
    ))
}

/// `malkoll who`: one line per session, oldest first.
pub fn who_text(db_dir: &Path, sessions: &[SessionInfo]) -> String {
    let mut out = format!("{} anslutna till {}\n", sessions.len(), db_dir.display());
    for session in sessions {
        let kind = match &session.kind {
            ClientKind::Interface => "gränssnitt".to_owned(),
            ClientKind::Command(name) => format!("malkoll {name}"),
        };
        let since = session
            .since
            .parse::<jiff::Timestamp>()
            .map(|at| {
                at.to_zoned(jiff::tz::TimeZone::system())
                    .strftime("%Y-%m-%d %H:%M")
                    .to_string()
            })
            .unwrap_or_else(|_| session.since.clone());
        out.push_str(&format!(
            "{:<16} {:<14} {:<16} sedan {since}\n",
            session.login,
            session.council.as_deref().unwrap_or("alla nämnder"),
            kind
        ));
    }
    out
}
