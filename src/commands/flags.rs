//! `malkoll flags`: the *Att åtgärda* list of one council and period ([`crate::domain::flags`])
//! as text, JSON or CSV — the same list the UI's flags screen shows.

use serde::Serialize;

use crate::domain::flags::economy::{EconomyFlag, economy_flags, parse_share_percent};
use crate::domain::flags::{Flag, FlagCounts, flags_of_plan};
use crate::domain::{Council, YearPeriod};
use crate::store::Store;
use crate::tui::screens::flags::DISMISSED;

use super::select::{SelectError, find_council, load_plan, parse_period};

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlagsFormat {
    Text,
    Json,
    Csv,
}

impl FlagsFormat {
    pub fn parse(given: &str) -> Result<FlagsFormat, SelectError> {
        match given.trim().to_lowercase().as_str() {
            "text" => Ok(FlagsFormat::Text),
            "json" => Ok(FlagsFormat::Json),
            "csv" => Ok(FlagsFormat::Csv),
            _ => Err(SelectError::BadFormat {
                given: given.to_owned(),
                choices: "text, json eller csv",
            }),
        }
    }
}

/// What the command prints, and whether anything was flagged (for `--fail-on-flags`).
#[derive(Debug)]
pub struct FlagsOutput {
    pub text: String,
    pub flagged: bool,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    council: &'a Council,
    year: u16,
    period: String,
    counts: FlagCounts,
    flags: &'a [Flag],
    /// Deficits in the economy beyond `--deficit-percent` of budget (`malkoll economy` shows
    /// the details).
    economy: &'a [EconomyFlag],
}

/// Runs the command: `council` by id or name, `period` as `T1-2020`, `format` text/json/csv,
/// `deficit_percent` the share of budget a deficit must exceed, in per cent ("1", "0,5").
pub fn run(
    store: &Store,
    council: &str,
    period: &str,
    format: &str,
    deficit_percent: &str,
) -> Result<FlagsOutput, SelectError> {
    let format = FlagsFormat::parse(format)?;
    let share = parse_share_percent(deficit_percent)?;
    let at = parse_period(period)?;
    let council = find_council(store, council)?;
    let plan = load_plan(store, &council, at)?;
    let mut flags = flags_of_plan(&plan, at.period);
    store
        .dismissals(&council.id, at.year)
        .map_err(SelectError::from)?
        .mark(&mut flags, at.period);
    let deficits = economy_flags(&plan.economy, at.period, share);
    let text = match format {
        FlagsFormat::Text => match economy_text(&deficits) {
            economy if flags.is_empty() && !economy.is_empty() => {
                text(&council, at, &flags).replace(
                    "Inget att åtgärda.\n",
                    "Inga mål, indikatorer eller aktiviteter att åtgärda.\n",
                ) + &economy
            }
            economy => text(&council, at, &flags) + &economy,
        },
        FlagsFormat::Json => json(&council, at, &flags, &deficits),
        FlagsFormat::Csv => csv(&flags, &deficits),
    };
    Ok(FlagsOutput {
        text,
        // A flag marked ej aktuell is handled: it alone does not make the exit status 1.
        flagged: flags.iter().any(Flag::is_open) || !deficits.is_empty(),
    })
}

/// The economy's deficits after the goals' flags.
fn economy_text(deficits: &[EconomyFlag]) -> String {
    let mut out = String::new();
    if !deficits.is_empty() {
        out.push_str("\nEkonomi\n");
    }
    for deficit in deficits {
        out.push_str(&format!(
            "  ✗ Underskott ({}): {}\n      {}\n",
            if deficit.total {
                "nämnden"
            } else {
                "verksamhetsområde"
            },
            one_line(&deficit.area),
            one_line(&deficit.message)
        ));
    }
    out
}

/// One heading per goal, then each flag as its mark and label, name and message.
fn text(council: &Council, at: YearPeriod, flags: &[Flag]) -> String {
    let counts = FlagCounts::of(flags);
    let mut out = format!(
        "Att åtgärda: {} {} {}: {}\n",
        council.name,
        at.period.label(),
        at.year,
        counts.describe()
    );
    if flags.is_empty() {
        out.push_str("Inget att åtgärda.\n");
        return out;
    }
    let mut current_goal = None;
    for flag in flags {
        if current_goal != Some(flag.goal.id) {
            current_goal = Some(flag.goal.id);
            out.push_str(&format!("\n{}\n", one_line(&flag.goal.heading())));
        }
        if let Some(reason) = &flag.dismissed {
            out.push_str(&format!(
                "  {DISMISSED} Ej aktuell ({}): {}\n      {}\n",
                flag.code.label(),
                one_line(&flag.name),
                one_line(reason)
            ));
            continue;
        }
        if flag.kind.is_finding() {
            out.push_str(&format!(
                "  {} {}: {}\n",
                flag.kind.symbol(),
                flag.kind.label(),
                one_line(&flag.name)
            ));
            continue;
        }
        out.push_str(&format!(
            "  {} {} ({}): {}\n      {}\n",
            flag.kind.symbol(),
            flag.kind.label(),
            flag.subject.label(),
            one_line(&flag.name),
            one_line(&flag.message)
        ));
    }
    out
}

fn json(council: &Council, at: YearPeriod, flags: &[Flag], economy: &[EconomyFlag]) -> String {
    let report = JsonReport {
        council,
        year: at.year,
        period: at.period.label(),
        counts: FlagCounts::of(flags),
        flags,
        economy,
    };
    // Plain data with string keys: serialising cannot fail.
    let mut out = serde_json::to_string_pretty(&report).unwrap_or_default();
    out.push('\n');
    out
}

/// The CSV header, Swedish. Numbers stand without unit; the unit has its own column.
pub const CSV_HEADER: [&str; 13] = [
    "målnummer",
    "mål",
    "typ",
    "avser",
    "id",
    "namn",
    "värde",
    "årsmål",
    "enhet",
    "avstånd_procent",
    "riktning",
    "jämfört",
    "meddelande",
];

/// The flags as CSV for Swedish Excel ([`crate::export::sv_csv`]).
fn csv(flags: &[Flag], deficits: &[EconomyFlag]) -> String {
    use crate::domain::{Target, Value};
    use crate::export::sv_csv::{self, Cell, target_cell, value_cell};
    let text = |t: &str| {
        if t.is_empty() {
            Cell::Empty
        } else {
            Cell::text(t)
        }
    };
    let mut rows: Vec<Vec<Cell>> = flags
        .iter()
        .map(|flag| {
            let (value, value_unit) = flag
                .value
                .as_deref()
                .map_or((Cell::Empty, None), |v| value_cell(&Value::from_cell(v)));
            let (target, target_unit) = flag
                .target
                .as_deref()
                .map_or((Cell::Empty, None), |t| target_cell(&Target::from_cell(t)));
            vec![
                text(flag.goal.number.as_deref().unwrap_or_default()),
                text(&flag.goal.title),
                Cell::text(flag.kind.code()),
                Cell::text(flag.subject.label()),
                Cell::Number(f64::from(flag.node)),
                text(&flag.name),
                value,
                target,
                text(&value_unit.or(target_unit).unwrap_or_default()),
                flag.shortfall.map_or(Cell::Empty, |share| {
                    Cell::Number((share * 1000.0).round() / 10.0)
                }),
                text(flag.direction.map(|d| d.label()).unwrap_or_default()),
                text(flag.basis.map(|b| b.label()).unwrap_or_default()),
                text(&match &flag.dismissed {
                    Some(reason) => format!("Ej aktuell i perioden: {reason}. {}", flag.message),
                    None => flag.message.clone(),
                }),
            ]
        })
        .collect();
    // A deficit: the amount in mnkr as a negative value (below budget), its share of budget.
    rows.extend(deficits.iter().map(|deficit| {
        vec![
            Cell::Empty,
            Cell::Empty,
            Cell::text("underskott"),
            Cell::text(if deficit.total {
                "nämnd"
            } else {
                "verksamhetsområde"
            }),
            Cell::Empty,
            text(&deficit.area),
            Cell::Number(-(deficit.deficit_tkr as f64) / 1000.0),
            Cell::Number(deficit.budget_tkr as f64 / 1000.0),
            Cell::text("mnkr"),
            deficit.share.map_or(Cell::Empty, |share| {
                Cell::Number((share * 1000.0).round() / 10.0)
            }),
            Cell::Empty,
            Cell::Empty,
            text(&deficit.message),
        ]
    }));
    sv_csv::write(&CSV_HEADER, &rows)
}

/// Text from the data on one line, without control characters.
fn one_line(text: &str) -> String {
    crate::domain::text::sanitize_line(text)
}
