//! Indicators (*indikatorer*): what they measure and, per period, their values, targets and
//! analysis.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::ids::{NodeId, Origin};
use super::period::Period;
use super::target::Target;
use super::value::Value;

/// *Periodicitet*: how often the indicator is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Periodicity {
    Month,
    Tertial,
    HalfYear,
    Year,
    #[default]
    Unknown,
}

impl Periodicity {
    pub fn label(self) -> &'static str {
        match self {
            Periodicity::Month => "Månad",
            Periodicity::Tertial => "Tertial",
            Periodicity::HalfYear => "Halvår",
            Periodicity::Year => "År",
            Periodicity::Unknown => "",
        }
    }

    pub fn from_cell(cell: &str) -> Periodicity {
        match cell.trim().to_lowercase().as_str() {
            "månad" => Periodicity::Month,
            "tertial" => Periodicity::Tertial,
            "halvår" => Periodicity::HalfYear,
            "år" => Periodicity::Year,
            _ => Periodicity::Unknown,
        }
    }
}

/// Which way is better. The tables never say; inferred from targets and a curated list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Direction {
    #[default]
    HigherBetter,
    LowerBetter,
    /// Within a ± band of the target.
    Band,
    /// At most the target.
    Max,
    Unknown,
}

impl Direction {
    pub fn label(self) -> &'static str {
        match self {
            Direction::HigherBetter => "högre är bättre",
            Direction::LowerBetter => "lägre är bättre",
            Direction::Band => "inom intervall",
            Direction::Max => "högst",
            Direction::Unknown => "okänd",
        }
    }
}

/// An indicator's status (*uppnås / uppnås delvis / uppnås ej / inget resultat*).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum IndicatorStatus {
    Met,
    PartlyMet,
    NotMet,
    NoResult,
}

impl IndicatorStatus {
    pub fn label(self) -> &'static str {
        match self {
            IndicatorStatus::Met => "Uppnås",
            IndicatorStatus::PartlyMet => "Uppnås delvis",
            IndicatorStatus::NotMet => "Uppnås ej",
            IndicatorStatus::NoResult => "Inget resultat",
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            IndicatorStatus::Met => "✓",
            IndicatorStatus::PartlyMet => "◐",
            IndicatorStatus::NotMet => "✗",
            IndicatorStatus::NoResult => "–",
        }
    }
}

/// An indicator's values in one period, as that period's document gives them. Targets are
/// stored per period: they can change during the year (DOMAIN.md §3.2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct IndicatorReport {
    /// *Periodens utfall*.
    #[serde(default)]
    pub outcome: Value,
    /// *Utfall män/pojkar*.
    #[serde(default)]
    pub outcome_men: Value,
    /// *Utfall kvinnor/flickor*.
    #[serde(default)]
    pub outcome_women: Value,
    /// *(Periodens) utfall VB <år-1>*.
    #[serde(default)]
    pub prev_year_outcome: Value,
    /// *Prognos helår* (T1/T2 and months).
    #[serde(default)]
    pub forecast_full_year: Value,
    /// *Årsmål*.
    #[serde(default)]
    pub annual_target: Target,
    /// *KF:s årsmål*.
    #[serde(default)]
    pub council_target: Target,
    /// The period cell as written: "Tertial 1 2020", "2020", "VB 2021".
    #[serde(default)]
    pub period_label: String,
    /// *Analys* (T/VB) of this row.
    #[serde(default)]
    pub analysis: String,
    /// *Kommentar* (VP) of this row.
    #[serde(default)]
    pub comment: String,
    /// *Undantas från rapportering*: left out of all counts.
    #[serde(default)]
    pub excluded: bool,
    /// The status a user or document stated; wins over the computed suggestion.
    #[serde(default)]
    pub stated_status: Option<IndicatorStatus>,
    /// The importer could not place every cell for certain.
    #[serde(default)]
    pub ambiguous: bool,
}

/// An indicator under a KF-mål (KF-indikator) or a nämndmål.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    pub id: NodeId,
    pub origin: Origin,
    pub name: String,
    /// The unit its values are given in, when known ("%", "st").
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub periodicity: Periodicity,
    #[serde(default)]
    pub direction: Direction,
    /// Relative shortfall still counted as *uppnås delvis* (default 0.20).
    #[serde(default = "default_tolerance")]
    pub tolerance: f64,
    #[serde(default)]
    pub reports: BTreeMap<Period, IndicatorReport>,
}

pub fn default_tolerance() -> f64 {
    0.20
}

impl Indicator {
    /// A month's report (the monthly review) that states no årsmål is evaluated against the
    /// year's: the targets of the nearest earlier period that has them (VP, T1, …).
    pub fn report_in(&self, period: Period) -> IndicatorReport {
        let mut report = self.reports.get(&period).cloned().unwrap_or_default();
        if let Period::Month(_) = period {
            let earlier = || self.reports.range(..period).rev().map(|(_, r)| r);
            if report.annual_target == Target::Empty
                && let Some(target) = earlier()
                    .map(|r| &r.annual_target)
                    .find(|t| **t != Target::Empty)
            {
                report.annual_target = target.clone();
            }
            if report.council_target == Target::Empty
                && let Some(target) = earlier()
                    .map(|r| &r.council_target)
                    .find(|t| **t != Target::Empty)
            {
                report.council_target = target.clone();
            }
        }
        report
    }
}
