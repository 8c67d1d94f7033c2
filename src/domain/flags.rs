//! The *Att åtgärda* list (DESIGN.md §2, "Avvikelser / flaggor"): every indicator whose
//! effective status in a period is *uppnås ej* or *uppnås delvis*, every activity marked
//! *Avvikelse* and every consistency finding, in document order, grouped by goal. The TUI's
//! flags screen, the tree's status marks and `malkoll flags` all read this one list. Pure:
//! computed from a [`PlanYear`] and a [`Period`], no I/O.

use serde::Serialize;

use super::evaluate::{Basis, FindingKind, check_goal, indicator_status};
use super::number::format_number;
use super::{Direction, Goal, GoalLevel, IndicatorStatus, NodeId, Period, PlanYear};

/// What a flag says is wrong, most severe first (the order of [`FlagSort::Severity`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum FlagKind {
    /// An indicator *uppnås ej* (red).
    #[serde(rename = "uppnas-ej")]
    NotMet,
    /// An indicator *uppnås delvis* (yellow).
    #[serde(rename = "uppnas-delvis")]
    PartlyMet,
    /// An activity marked *Avvikelse*.
    #[serde(rename = "avvikelse")]
    Deviation,
    /// A goal's *bedömning* contradicts its indicators.
    #[serde(rename = "motsagelse")]
    Contradiction,
    /// Something a report should have is missing (bedömning, analys, a value).
    #[serde(rename = "saknas")]
    Missing,
}

impl FlagKind {
    /// A mark that carries the kind without colour.
    pub fn symbol(self) -> &'static str {
        match self {
            FlagKind::NotMet => "✗",
            FlagKind::PartlyMet => "◐",
            FlagKind::Deviation => "⚠",
            FlagKind::Contradiction => "≠",
            FlagKind::Missing => "?",
        }
    }

    /// Swedish label.
    pub fn label(self) -> &'static str {
        match self {
            FlagKind::NotMet => "Uppnås ej",
            FlagKind::PartlyMet => "Uppnås delvis",
            FlagKind::Deviation => "Avvikelse",
            FlagKind::Contradiction => "Motsägelse",
            FlagKind::Missing => "Saknas",
        }
    }

    /// A stable machine name (JSON, CSV).
    pub fn code(self) -> &'static str {
        match self {
            FlagKind::NotMet => "uppnas-ej",
            FlagKind::PartlyMet => "uppnas-delvis",
            FlagKind::Deviation => "avvikelse",
            FlagKind::Contradiction => "motsagelse",
            FlagKind::Missing => "saknas",
        }
    }

    /// Whether this is a consistency finding, whose message names the node itself.
    pub fn is_finding(self) -> bool {
        matches!(self, FlagKind::Contradiction | FlagKind::Missing)
    }

    pub(crate) fn of_finding(kind: FindingKind) -> FlagKind {
        match kind {
            FindingKind::FullyMetWithUnmetIndicator => FlagKind::Contradiction,
            FindingKind::DeviationWithoutAnalysis
            | FindingKind::MissingAssessment
            | FindingKind::MissingAnalysis
            | FindingKind::MissingValue
            | FindingKind::UncertainPlacement
            | FindingKind::AssumedDirection => FlagKind::Missing,
        }
    }
}

/// What the flag is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Subject {
    #[serde(rename = "indikator")]
    Indicator,
    #[serde(rename = "aktivitet")]
    Activity,
    #[serde(rename = "mal")]
    Goal,
}

impl Subject {
    pub fn label(self) -> &'static str {
        match self {
            Subject::Indicator => "indikator",
            Subject::Activity => "aktivitet",
            Subject::Goal => "mål",
        }
    }
}

/// The goal a flag is listed under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GoalRef {
    pub id: NodeId,
    #[serde(skip)]
    pub level: GoalLevel,
    pub number: Option<String>,
    pub title: String,
    /// Position of the goal in depth-first document order.
    #[serde(skip)]
    pub order: usize,
}

impl GoalRef {
    fn of(goal: &Goal, order: usize) -> GoalRef {
        GoalRef {
            id: goal.id,
            level: goal.level,
            number: goal.number.clone(),
            title: goal.title.clone(),
            order,
        }
    }

    /// "1.1 Title", or the title alone.
    pub fn heading(&self) -> String {
        match &self.number {
            Some(number) => format!("{number} {}", self.title),
            None => self.title.clone(),
        }
    }
}

/// One entry of the list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Flag {
    pub kind: FlagKind,
    /// What exactly it says: the key an *ej aktuell* mark is kept under.
    #[serde(serialize_with = "serialize_code")]
    pub code: FlagCode,
    /// The reason, when a user marked it *ej aktuell i denna period* ([`Dismissals`]).
    #[serde(rename = "ej_aktuell")]
    pub dismissed: Option<String>,
    pub subject: Subject,
    /// The indicator, activity or goal flagged.
    pub node: NodeId,
    pub goal: GoalRef,
    /// Indicator name, activity title or goal heading.
    pub name: String,
    /// The value compared, as the document writes it (indicators).
    pub value: Option<String>,
    /// The *Årsmål*, as the document writes it (indicators).
    pub target: Option<String>,
    /// Relative shortfall against the target, 0.25 = 25 % short (indicators).
    pub shortfall: Option<f64>,
    #[serde(serialize_with = "serialize_direction")]
    pub direction: Option<Direction>,
    /// "Prognos helår" or "Periodens utfall".
    #[serde(serialize_with = "serialize_basis")]
    pub basis: Option<Basis>,
    /// The computed status, where it differs from the stated one that the flag follows.
    pub computed: Option<IndicatorStatus>,
    /// A Swedish sentence saying what is wrong.
    pub message: String,
    /// Position within its goal: indicators, then activities, then findings.
    #[serde(skip)]
    pub item_order: usize,
}

fn serialize_code<S: serde::Serializer>(code: &FlagCode, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(code.code())
}

fn serialize_direction<S: serde::Serializer>(
    direction: &Option<Direction>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match direction {
        Some(direction) => serializer.serialize_str(direction.label()),
        None => serializer.serialize_none(),
    }
}

fn serialize_basis<S: serde::Serializer>(
    basis: &Option<Basis>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match basis {
        Some(basis) => serializer.serialize_str(basis.label()),
        None => serializer.serialize_none(),
    }
}

impl Flag {
    /// Whether it is still something to do: not marked *ej aktuell*.
    pub fn is_open(&self) -> bool {
        self.dismissed.is_none()
    }

    /// The shortfall as Swedish text, "25 %".
    pub fn shortfall_text(&self) -> Option<String> {
        self.shortfall
            .map(|share| format!("{} %", format_number(share * 100.0, 1)))
    }
}

/// How the list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FlagSort {
    /// Document order, grouped by goal.
    #[default]
    GoalOrder,
    /// Most severe kind first, then document order.
    Severity,
    /// Largest shortfall first; flags without one last, then document order.
    Shortfall,
}

impl FlagSort {
    /// The next order in the cycle.
    pub fn next(self) -> FlagSort {
        match self {
            FlagSort::GoalOrder => FlagSort::Severity,
            FlagSort::Severity => FlagSort::Shortfall,
            FlagSort::Shortfall => FlagSort::GoalOrder,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            FlagSort::GoalOrder => "målordning",
            FlagSort::Severity => "allvar",
            FlagSort::Shortfall => "avstånd till målet",
        }
    }
}

/// Orders `flags` in place; the sort is stable and ties fall back to document order.
pub fn sort_flags(flags: &mut [Flag], order: FlagSort) {
    let document = |flag: &Flag| (flag.goal.order, flag.item_order);
    match order {
        FlagSort::GoalOrder => flags.sort_by_key(document),
        FlagSort::Severity => flags.sort_by_key(|flag| (flag.kind, document(flag))),
        FlagSort::Shortfall => flags.sort_by(|a, b| {
            let largest_first = match (a.shortfall, b.shortfall) {
                (Some(a), Some(b)) => b.total_cmp(&a),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            };
            largest_first
                .then(a.kind.cmp(&b.kind))
                .then(document(a).cmp(&document(b)))
        }),
    }
}

/// How many open flags of each kind, and how many were marked *ej aktuell*.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct FlagCounts {
    pub not_met: usize,
    pub partly_met: usize,
    pub deviation: usize,
    pub contradiction: usize,
    pub missing: usize,
    #[serde(rename = "ej_aktuella")]
    pub dismissed: usize,
}

impl FlagCounts {
    pub fn of(flags: &[Flag]) -> FlagCounts {
        let mut counts = FlagCounts::default();
        for flag in flags {
            if !flag.is_open() {
                counts.dismissed += 1;
                continue;
            }
            match flag.kind {
                FlagKind::NotMet => counts.not_met += 1,
                FlagKind::PartlyMet => counts.partly_met += 1,
                FlagKind::Deviation => counts.deviation += 1,
                FlagKind::Contradiction => counts.contradiction += 1,
                FlagKind::Missing => counts.missing += 1,
            }
        }
        counts
    }

    /// The open flags (not those marked *ej aktuell*).
    pub fn total(&self) -> usize {
        self.not_met + self.partly_met + self.deviation + self.contradiction + self.missing
    }

    /// "2 uppnås ej, 1 uppnås delvis, 0 avvikelser, 3 att kontrollera", and ", 1 ej aktuell"
    /// when any was marked so.
    pub fn describe(&self) -> String {
        let mut text = format!(
            "{} uppnås ej, {} uppnås delvis, {} med avvikelse, {} att kontrollera",
            self.not_met,
            self.partly_met,
            self.deviation,
            self.contradiction + self.missing
        );
        if self.dismissed > 0 {
            text.push_str(&format!(", {}", dismissal::count_text(self.dismissed)));
        }
        text
    }
}

/// The flags of one goal (not its children), in the order indicators, activities, findings.
pub fn flags_of_goal(goal: &Goal, order: usize, period: Period) -> Vec<Flag> {
    let goal_ref = GoalRef::of(goal, order);
    let mut flags = Vec::new();
    let mut push = |mut flag: Flag| {
        flag.item_order = flags.len();
        flags.push(flag);
    };
    for indicator in &goal.indicators {
        let evaluation = indicator_status(indicator, period);
        let kind = match evaluation.effective {
            _ if evaluation.excluded => continue,
            IndicatorStatus::NotMet => FlagKind::NotMet,
            IndicatorStatus::PartlyMet => FlagKind::PartlyMet,
            IndicatorStatus::Met | IndicatorStatus::NoResult => continue,
        };
        let report = indicator.report_in(period);
        let value = match evaluation.basis {
            Some(Basis::Forecast) => Some(report.forecast_full_year.display()),
            Some(Basis::PeriodOutcome) => Some(report.outcome.display()),
            None => None,
        };
        let target = Some(report.annual_target.display()).filter(|t| !t.trim().is_empty());
        let computed = evaluation
            .disagrees()
            .then(|| evaluation.suggested.status());
        let flag = Flag {
            kind,
            code: if kind == FlagKind::NotMet {
                FlagCode::NotMet
            } else {
                FlagCode::PartlyMet
            },
            dismissed: None,
            subject: Subject::Indicator,
            node: indicator.id,
            goal: goal_ref.clone(),
            name: indicator.name.clone(),
            value,
            target,
            shortfall: evaluation.shortfall,
            direction: Some(indicator.direction),
            basis: evaluation.basis,
            computed,
            message: String::new(),
            item_order: 0,
        };
        let message = indicator_message(&flag);
        push(Flag { message, ..flag });
    }
    for activity in &goal.activities {
        let report = activity.report_in(period);
        if !report.deviation {
            continue;
        }
        let analysis = report.analysis.trim();
        let message = if analysis.is_empty() {
            "Avvikelse (ingen analys)".to_owned()
        } else {
            format!("Avvikelse: {}", first_sentence(analysis))
        };
        push(Flag {
            kind: FlagKind::Deviation,
            code: FlagCode::Deviation,
            dismissed: None,
            subject: Subject::Activity,
            node: activity.id,
            goal: goal_ref.clone(),
            name: activity.title.clone(),
            value: None,
            target: None,
            shortfall: None,
            direction: None,
            basis: None,
            computed: None,
            message,
            item_order: 0,
        });
    }
    for finding in check_goal(goal, period) {
        let (subject, node_name) = if finding.node == goal.id {
            (Subject::Goal, goal.heading())
        } else if let Some(indicator) = goal.indicators.iter().find(|i| i.id == finding.node) {
            (Subject::Indicator, indicator.name.clone())
        } else if let Some(activity) = goal.activities.iter().find(|a| a.id == finding.node) {
            (Subject::Activity, activity.title.clone())
        } else {
            (Subject::Goal, goal.heading())
        };
        let name = finding_name(finding.kind, &node_name, &finding.message);
        push(Flag {
            kind: FlagKind::of_finding(finding.kind),
            code: FlagCode::of_finding(finding.kind),
            dismissed: None,
            subject,
            node: finding.node,
            goal: goal_ref.clone(),
            name,
            value: None,
            target: None,
            shortfall: None,
            direction: None,
            basis: None,
            computed: None,
            message: finding.message,
            item_order: 0,
        });
    }
    flags
}

/// Every flag of the plan year in `period`, in document order.
pub fn flags_of_plan(plan: &PlanYear, period: Period) -> Vec<Flag> {
    plan.goals_depth_first()
        .into_iter()
        .enumerate()
        .flat_map(|(order, goal)| flags_of_goal(goal, order, period))
        .collect()
}

/// "Prognos helår 510 mot årsmål 680 st, 25 % kvar (högre är bättre)".
fn indicator_message(flag: &Flag) -> String {
    let mut message = String::new();
    if let (Some(basis), Some(value)) = (flag.basis, &flag.value) {
        message.push_str(&format!("{} {value}", basis.label()));
        if let Some(target) = &flag.target {
            message.push_str(&format!(" mot årsmål {target}"));
        }
    }
    if let Some(shortfall) = flag.shortfall_text() {
        message.push_str(&format!(", {shortfall} från målet"));
    }
    if let Some(direction) = flag.direction {
        message.push_str(&format!(" ({})", direction.label()));
    }
    if let Some(computed) = flag.computed {
        message.push_str(&format!("; beräknat: {}", computed.label().to_lowercase()));
    }
    if message.is_empty() {
        message = flag.kind.label().to_owned();
    }
    message
}

/// A short line for a finding, listed under its goal (the finding's message repeats the
/// goal's heading): "Utfall saknas: «…»", "Indikatorn «…» uppnås ej, men målet uppfylls helt".
fn finding_name(kind: FindingKind, node_name: &str, message: &str) -> String {
    match kind {
        FindingKind::FullyMetWithUnmetIndicator => match message.split_once("» bedöms ") {
            Some((_, rest)) => format!("Målet bedöms {rest}"),
            None => message.to_owned(),
        },
        FindingKind::UncertainPlacement => format!("Osäker placering: «{node_name}»"),
        FindingKind::AssumedDirection => format!("Antagen riktning: «{node_name}»"),
        FindingKind::DeviationWithoutAnalysis => format!("Avvikelse utan analys: «{node_name}»"),
        FindingKind::MissingAssessment => "Bedömning saknas".to_owned(),
        FindingKind::MissingAnalysis => "Analys saknas".to_owned(),
        FindingKind::MissingValue => format!("Utfall saknas: «{node_name}»"),
    }
}

/// The first sentence (or line) of a text.
fn first_sentence(text: &str) -> &str {
    let line = text.lines().next().unwrap_or(text);
    match line.find(". ") {
        Some(end) => &line[..=end],
        None => line,
    }
}

/// Flags marked *ej aktuell i denna period*.
pub mod dismissal;
/// Deficits in the economy (*underskott*), listed beside the flags above.
pub mod economy;

pub use dismissal::{Dismissal, Dismissals, FlagCode};

#[cfg(test)]
mod tests;
