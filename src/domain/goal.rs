//! Goals of the three levels and their per-period assessment (*bedömning*) and analysis.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::activity::Activity;
use super::ids::NodeId;
use super::indicator::Indicator;
use super::period::Period;

/// The level of a goal in the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum GoalLevel {
    /// *KF:s inriktningsmål*: the City Council's overall goals (always three).
    Direction,
    /// *KF:s mål för verksamhetsområdet*: the Council's area goals, numbered `<IM>.<n>`.
    Area,
    /// *Nämndmål*: the district council's own goals.
    Committee,
}

impl GoalLevel {
    /// The label the documents put before the title.
    pub fn label(self) -> &'static str {
        match self {
            GoalLevel::Direction => "KF:s inriktningsmål",
            GoalLevel::Area => "KF:s mål för verksamhetsområdet",
            GoalLevel::Committee => "Nämndmål",
        }
    }

    /// A short tag for narrow columns.
    pub fn short(self) -> &'static str {
        match self {
            GoalLevel::Direction => "IM",
            GoalLevel::Area => "KF",
            GoalLevel::Committee => "NM",
        }
    }
}

/// *Bedömning* of a goal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Assessment {
    /// *Uppfylls helt*.
    FullyMet,
    /// *Uppfylls delvis*.
    PartiallyMet,
    /// *Uppfylls ej / inte*.
    NotMet,
    /// *Ej bedömd*: every VP goal and any goal without a bedömning line.
    #[default]
    NotAssessed,
}

impl Assessment {
    pub const ALL: [Assessment; 4] = [
        Assessment::FullyMet,
        Assessment::PartiallyMet,
        Assessment::NotMet,
        Assessment::NotAssessed,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Assessment::FullyMet => "Uppfylls helt",
            Assessment::PartiallyMet => "Uppfylls delvis",
            Assessment::NotMet => "Uppfylls ej",
            Assessment::NotAssessed => "Ej bedömd",
        }
    }

    /// A mark that carries the state without colour.
    pub fn symbol(self) -> &'static str {
        match self {
            Assessment::FullyMet => "●",
            Assessment::PartiallyMet => "◐",
            Assessment::NotMet => "○",
            Assessment::NotAssessed => "·",
        }
    }

    /// Reads a bedömning line: "Uppfylls helt", " Uppfylls delvis ", "Uppfylls inte".
    pub fn from_line(line: &str) -> Option<Assessment> {
        let lower = line.trim().to_lowercase();
        match lower.as_str() {
            "uppfylls helt" => Some(Assessment::FullyMet),
            "uppfylls delvis" => Some(Assessment::PartiallyMet),
            "uppfylls ej" | "uppfylls inte" => Some(Assessment::NotMet),
            "ej bedömd" => Some(Assessment::NotAssessed),
            _ => None,
        }
    }
}

/// A goal's state in one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct GoalStatus {
    pub assessment: Assessment,
    /// True in T1/T2 and months: the assessment is a forecast for the year.
    pub is_forecast: bool,
    /// *Analys*.
    pub analysis: String,
}

/// A goal at any of the three levels, with what hangs on it and its children.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Goal {
    pub id: NodeId,
    pub level: GoalLevel,
    /// "1", "1.1", "1.1.1"; `None` where the document leaves nämndmål unnumbered.
    pub number: Option<String>,
    pub title: String,
    /// *Beskrivning* (nämndmål).
    #[serde(default)]
    pub description: String,
    /// *Förväntat resultat*, one entry per item.
    #[serde(default)]
    pub expected_results: Vec<String>,
    /// *Förväntat resultat* as written.
    #[serde(default)]
    pub expected_results_raw: String,
    /// The prose under an inriktningsmål or KF-mål heading in a plan (opaque text).
    #[serde(default)]
    pub narrative: String,
    /// *Kommentar* at goal level (VP19).
    #[serde(default)]
    pub comment: String,
    /// Agenda 2030 goals (1–17) referred to.
    #[serde(default)]
    pub sdg_refs: Vec<u8>,
    /// Assessment and analysis per period.
    #[serde(default)]
    pub status: BTreeMap<Period, GoalStatus>,
    #[serde(default)]
    pub indicators: Vec<Indicator>,
    #[serde(default)]
    pub activities: Vec<Activity>,
    #[serde(default)]
    pub children: Vec<Goal>,
}

impl Goal {
    pub fn new(id: NodeId, level: GoalLevel, number: Option<&str>, title: &str) -> Self {
        Goal {
            id,
            level,
            number: number.map(str::to_owned),
            title: title.to_owned(),
            description: String::new(),
            expected_results: Vec::new(),
            expected_results_raw: String::new(),
            narrative: String::new(),
            comment: String::new(),
            sdg_refs: Vec::new(),
            status: BTreeMap::new(),
            indicators: Vec::new(),
            activities: Vec::new(),
            children: Vec::new(),
        }
    }

    /// "1.1.1 Title" or just the title.
    pub fn heading(&self) -> String {
        match &self.number {
            Some(number) => format!("{number} {}", self.title),
            None => self.title.clone(),
        }
    }

    /// The status in `period`, or the default (*ej bedömd*, no analysis).
    pub fn status_in(&self, period: Period) -> GoalStatus {
        self.status.get(&period).cloned().unwrap_or_default()
    }
}
