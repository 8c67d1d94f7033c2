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
    /// The value and target cells as the document wrote them (*som det stod*), one per
    /// filled cell of the imported row; empty for values typed by a user.
    #[serde(default)]
    pub read_cells: Vec<ReadCell>,
}

/// A value or target field of an [`IndicatorReport`], naming where a read cell landed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ReportField {
    /// *Periodens utfall*.
    Outcome,
    /// *Utfall män/pojkar*.
    OutcomeMen,
    /// *Utfall kvinnor/flickor*.
    OutcomeWomen,
    /// *Utfall VB <år-1>*.
    PrevYearOutcome,
    /// *Prognos helår*.
    ForecastFullYear,
    /// *Årsmål*.
    AnnualTarget,
    /// *KF:s årsmål*.
    CouncilTarget,
}

/// One cell of an imported indicator row as the importer read it (*inläst text*): the text
/// as it stood in the document (wrapped lines joined, runs of spaces closed up), and whether
/// its column was a guess (*osäker placering*). Kept beside the parsed value so a user can
/// see what the importer read where the parsed form would surprise ("Ökning" → Öka).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadCell {
    pub field: ReportField,
    pub raw: String,
    /// The column this cell was put in was a guess.
    #[serde(default)]
    pub uncertain: bool,
}

impl ReportField {
    /// Swedish column name.
    pub fn label(self) -> &'static str {
        match self {
            ReportField::Outcome => "Periodens utfall",
            ReportField::OutcomeMen => "Utfall män/pojkar",
            ReportField::OutcomeWomen => "Utfall kvinnor/flickor",
            ReportField::PrevYearOutcome => "Utfall föregående år",
            ReportField::ForecastFullYear => "Prognos helår",
            ReportField::AnnualTarget => "Årsmål",
            ReportField::CouncilTarget => "KF:s årsmål",
        }
    }
}

impl IndicatorReport {
    /// The cell the importer read for `field`, if any.
    pub fn read_cell(&self, field: ReportField) -> Option<&ReadCell> {
        self.read_cells.iter().find(|cell| cell.field == field)
    }

    /// A field's value as shown ("Öka" for a target read as "Ökning").
    pub fn display(&self, field: ReportField) -> String {
        match field {
            ReportField::Outcome => self.outcome.display(),
            ReportField::OutcomeMen => self.outcome_men.display(),
            ReportField::OutcomeWomen => self.outcome_women.display(),
            ReportField::PrevYearOutcome => self.prev_year_outcome.display(),
            ReportField::ForecastFullYear => self.forecast_full_year.display(),
            ReportField::AnnualTarget => self.annual_target.display(),
            ReportField::CouncilTarget => self.council_target.display(),
        }
    }

    /// Whether the value in `field` is still the one the importer put in its column by a
    /// guess (*osäker placering*): a value typed since then is the user's, not a guess.
    pub fn is_uncertain(&self, field: ReportField) -> bool {
        self.read_cell(field)
            .is_some_and(|cell| cell.uncertain && self.still_as_read(cell))
    }

    /// Whether the report still holds a placement the importer guessed: it was marked so,
    /// and some guessed value has not been typed over by a user since.
    pub fn placement_uncertain(&self) -> bool {
        if !self.ambiguous {
            return false;
        }
        let guessed: Vec<&ReadCell> = self.read_cells.iter().filter(|c| c.uncertain).collect();
        guessed.is_empty() || guessed.iter().any(|cell| self.still_as_read(cell))
    }

    /// Whether the value in the cell's field is still what its text reads as.
    fn still_as_read(&self, cell: &ReadCell) -> bool {
        let read = match cell.field {
            ReportField::AnnualTarget | ReportField::CouncilTarget => {
                super::target::Target::from_cell(&cell.raw).display()
            }
            _ => Value::from_cell(&cell.raw).display(),
        };
        read == self.display(cell.field)
    }

    /// The read cells a user should see beside the values: where the text as written
    /// differs from the value shown, or where the column was a guess. A value typed since
    /// the import no longer matches its cell, which then still says what the document had.
    pub fn read_cells_to_show(&self) -> impl Iterator<Item = &ReadCell> {
        self.read_cells
            .iter()
            .filter(|cell| self.is_uncertain(cell.field) || cell.raw != self.display(cell.field))
    }
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
    /// A user set the *riktning* (with `r`), so it is no longer an assumption even when it
    /// equals the default (*antagen riktning*).
    #[serde(default)]
    pub direction_confirmed: bool,
    #[serde(default)]
    pub reports: BTreeMap<Period, IndicatorReport>,
}

pub fn default_tolerance() -> f64 {
    0.20
}

/// Where the årsmål (or KF:s årsmål) in force in a period comes from. The årsmål belongs to
/// the year: the VP sets it, and every later period of the year shows and evaluates against it
/// unless that period's document states its own (a T1 that adjusts "680" to "635" sets the
/// year's target from then on).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetSource {
    /// The period's own report states it (*periodens eget*).
    Own,
    /// The period states none: this earlier period's applies (the VP, or a period that
    /// adjusted it).
    Inherited(Period),
    /// Neither the period nor any earlier one of the year states one.
    Missing,
}

impl Indicator {
    /// The period's report with the year's targets filled in: an årsmål or KF:s årsmål the
    /// period does not state is the nearest earlier period's that does (the VP's, or a
    /// tertial's that adjusted it). What is shown and evaluated; see [`TargetSource`].
    pub fn report_in(&self, period: Period) -> IndicatorReport {
        let mut report = self.stored_report(period);
        if let Some(target) = self.inherited(period, |r| &r.annual_target) {
            report.annual_target = target.clone();
        }
        if let Some(target) = self.inherited(period, |r| &r.council_target) {
            report.council_target = target.clone();
        }
        report
    }

    /// The period's report as stored, without the year's targets: what a change of the
    /// period starts from, so that saving a value or an analys never copies the VP's årsmål
    /// into the period (which would then no longer follow the year).
    pub fn stored_report(&self, period: Period) -> IndicatorReport {
        self.reports.get(&period).cloned().unwrap_or_default()
    }

    /// Where the årsmål in force in `period` comes from.
    pub fn annual_target_source(&self, period: Period) -> TargetSource {
        let own = self
            .reports
            .get(&period)
            .is_some_and(|r| r.annual_target != Target::Empty);
        if own {
            return TargetSource::Own;
        }
        self.year_annual_target(period)
            .map_or(TargetSource::Missing, |(from, _)| {
                TargetSource::Inherited(from)
            })
    }

    /// The year's årsmål as it stands before `period`, and the period that set it: what
    /// `period` follows when it states none of its own.
    pub fn year_annual_target(&self, period: Period) -> Option<(Period, &Target)> {
        self.earlier_with(period, |r| &r.annual_target)
    }

    /// The target `pick` finds in the nearest earlier period that states one, when `period`
    /// itself states none.
    fn inherited(
        &self,
        period: Period,
        pick: impl Fn(&IndicatorReport) -> &Target,
    ) -> Option<&Target> {
        let own = self.reports.get(&period).map(&pick);
        if own.is_some_and(|t| *t != Target::Empty) {
            return None;
        }
        self.earlier_with(period, pick).map(|(_, target)| target)
    }

    /// The nearest period before `period` whose report states a target `pick` finds.
    fn earlier_with(
        &self,
        period: Period,
        pick: impl Fn(&IndicatorReport) -> &Target,
    ) -> Option<(Period, &Target)> {
        self.reports
            .range(..period)
            .rev()
            .map(|(&from, report)| (from, pick(report)))
            .find(|(_, target)| **target != Target::Empty)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Target;

    #[test]
    fn read_cells_are_shown_where_they_would_surprise() {
        let report = IndicatorReport {
            outcome: Value::from_cell("12 st"),
            annual_target: Target::from_cell("Ökning"),
            forecast_full_year: Value::from_cell("510"),
            read_cells: vec![
                ReadCell {
                    field: ReportField::Outcome,
                    raw: "12 st".to_owned(),
                    uncertain: false,
                },
                ReadCell {
                    field: ReportField::AnnualTarget,
                    raw: "Ökning".to_owned(),
                    uncertain: false,
                },
                ReadCell {
                    field: ReportField::ForecastFullYear,
                    raw: "510".to_owned(),
                    uncertain: true,
                },
            ],
            ..IndicatorReport::default()
        };
        assert_eq!(report.display(ReportField::AnnualTarget), "Öka");
        let shown: Vec<_> = report.read_cells_to_show().map(|cell| cell.field).collect();
        assert_eq!(
            shown,
            vec![ReportField::AnnualTarget, ReportField::ForecastFullYear]
        );
        assert!(report.is_uncertain(ReportField::ForecastFullYear));
        assert!(!report.is_uncertain(ReportField::Outcome));
        // A value typed over the guess is the user's: no longer uncertain, and the cell
        // still shows what the document had.
        let mut typed = report.clone();
        typed.ambiguous = true;
        assert!(typed.placement_uncertain());
        typed.forecast_full_year = Value::from_cell("520");
        assert!(!typed.is_uncertain(ReportField::ForecastFullYear));
        assert!(!typed.placement_uncertain(), "every guess typed over");
        assert!(
            typed
                .read_cells_to_show()
                .any(|cell| cell.field == ReportField::ForecastFullYear)
        );
    }

    fn with_targets(reports: &[(Period, &str, &str)]) -> Indicator {
        Indicator {
            id: 1,
            origin: Origin::CityCouncil,
            name: "Andel nöjda".to_owned(),
            unit: None,
            periodicity: Periodicity::Tertial,
            direction: Direction::HigherBetter,
            tolerance: default_tolerance(),
            direction_confirmed: false,
            reports: reports
                .iter()
                .map(|&(period, annual, council)| {
                    let report = IndicatorReport {
                        annual_target: Target::from_cell(annual),
                        council_target: Target::from_cell(council),
                        ..IndicatorReport::default()
                    };
                    (period, report)
                })
                .collect(),
        }
    }

    #[test]
    fn the_arsmal_belongs_to_the_year_unless_a_period_states_its_own() {
        let indicator = with_targets(&[
            (Period::Plan, "95 %", "90 %"),
            (Period::Tertial(1), "", ""),
            (Period::Tertial(2), "97 %", ""),
            (Period::AnnualReport, "", ""),
        ]);
        let annual = |period| indicator.report_in(period).annual_target.display();
        assert_eq!(annual(Period::Plan), "95 %");
        assert_eq!(annual(Period::Month(2)), "95 %", "a month without a report");
        assert_eq!(annual(Period::Tertial(1)), "95 %");
        assert_eq!(annual(Period::Tertial(2)), "97 %", "its own");
        assert_eq!(annual(Period::AnnualReport), "97 %", "as adjusted in T2");
        assert_eq!(
            indicator
                .report_in(Period::AnnualReport)
                .council_target
                .display(),
            "90 %"
        );
        use TargetSource::{Inherited, Own};
        assert_eq!(indicator.annual_target_source(Period::Plan), Own);
        assert_eq!(
            indicator.annual_target_source(Period::Tertial(1)),
            Inherited(Period::Plan)
        );
        assert_eq!(indicator.annual_target_source(Period::Tertial(2)), Own);
        assert_eq!(
            indicator.annual_target_source(Period::AnnualReport),
            Inherited(Period::Tertial(2))
        );
        // A change starts from what the period stores: the year's target is not copied in.
        assert_eq!(
            indicator.stored_report(Period::Tertial(1)).annual_target,
            Target::Empty
        );
        let none = with_targets(&[(Period::Tertial(1), "", "")]);
        assert_eq!(
            none.annual_target_source(Period::Tertial(1)),
            TargetSource::Missing
        );
        assert_eq!(
            none.report_in(Period::AnnualReport),
            IndicatorReport::default()
        );
    }
}
