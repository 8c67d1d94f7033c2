//! Activities (*aktiviteter*): planned dates, and per period the *Avvikelse* mark, whether
//! the activity was carried out, and its analysis.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::ids::{NodeId, Origin};
use super::period::Period;

/// Whether an activity was carried out; separate from Avvikelse (DOMAIN.md §6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Completion {
    /// *Genomförd / avslutad*.
    Done,
    /// *Har inte genomförts*.
    NotDone,
    /// Continues (into next year).
    Ongoing,
    #[default]
    Unknown,
}

impl Completion {
    pub fn label(self) -> &'static str {
        match self {
            Completion::Done => "Genomförd",
            Completion::NotDone => "Ej genomförd",
            Completion::Ongoing => "Pågår",
            Completion::Unknown => "",
        }
    }
}

/// An activity's state in one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ActivityReport {
    /// *Avvikelse*: will not be done as planned.
    pub deviation: bool,
    pub completion: Completion,
    /// *Analys*.
    #[serde(default)]
    pub analysis: String,
}

/// An activity under a KF-mål (KF-aktivitet) or a nämndmål.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Activity {
    pub id: NodeId,
    pub origin: Origin,
    pub title: String,
    /// *Startdatum*.
    pub start: Option<Date>,
    /// *Slutdatum*.
    pub end: Option<Date>,
    #[serde(default)]
    pub reports: BTreeMap<Period, ActivityReport>,
}

impl Activity {
    pub fn report_in(&self, period: Period) -> ActivityReport {
        self.reports.get(&period).cloned().unwrap_or_default()
    }
}
