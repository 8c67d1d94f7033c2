//! Reporting periods of a plan year, ordered in time: VP, the months, T1 (after April),
//! T2 (after August) and VB (after the year).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::text::capitalize;

/// A reporting period within one plan year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    /// *Verksamhetsplan*: the plan, before the year.
    Plan,
    /// A monthly economy follow-up, 1–12.
    Month(u8),
    /// *Tertialrapport* 1 (Jan–Apr) or 2 (Jan–Aug).
    Tertial(u8),
    /// *Verksamhetsberättelse*: the annual report, after the year.
    AnnualReport,
}

/// Why a period label could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("okänd period «{0}»: ange VP, T1, T2, VB eller en månad (jan … dec, M1 … M12)")]
pub struct PeriodParseError(pub String);

/// The months' Swedish names, in order.
pub(crate) const MONTH_NAMES: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

impl Period {
    /// Every period of a year, in time order.
    pub fn all() -> Vec<Period> {
        let mut all: Vec<Period> = (0..=25).filter_map(Period::from_ordinal).collect();
        all.dedup();
        all
    }

    /// Position in time within the year; used as the big-endian key byte in the store.
    /// Months take even numbers so T1 (after April) and T2 (after August) fit between.
    pub fn ordinal(self) -> u8 {
        match self {
            Period::Plan => 0,
            Period::Month(m) => m.clamp(1, 12) * 2,
            Period::Tertial(1) => 9,
            Period::Tertial(_) => 17,
            Period::AnnualReport => 25,
        }
    }

    pub fn from_ordinal(ordinal: u8) -> Option<Period> {
        match ordinal {
            0 => Some(Period::Plan),
            9 => Some(Period::Tertial(1)),
            17 => Some(Period::Tertial(2)),
            25 => Some(Period::AnnualReport),
            n if n % 2 == 0 && (2..=24).contains(&n) => Some(Period::Month(n / 2)),
            _ => None,
        }
    }

    /// Short label as the documents and the UI write it: VP, T1, T2, VB, or M1 … M12.
    pub fn label(self) -> String {
        match self {
            Period::Plan => "VP".to_owned(),
            Period::Month(m) => format!("M{m}"),
            Period::Tertial(n) => format!("T{n}"),
            Period::AnnualReport => "VB".to_owned(),
        }
    }

    /// Full Swedish name, for titles and help text.
    pub fn name(self) -> String {
        match self {
            Period::Plan => "Verksamhetsplan".to_owned(),
            Period::Month(m) => capitalize(MONTH_NAMES[usize::from(m.clamp(1, 12) - 1)]),
            Period::Tertial(n) => format!("Tertialrapport {n}"),
            Period::AnnualReport => "Verksamhetsberättelse".to_owned(),
        }
    }

    /// Whether goal assessments in this period are forecasts (T1, T2 and months).
    pub fn is_forecast(self) -> bool {
        !matches!(self, Period::Plan | Period::AnnualReport)
    }
}

impl Ord for Period {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.ordinal().cmp(&other.ordinal())
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

impl FromStr for Period {
    type Err = PeriodParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let trimmed = s.trim();
        let lower = trimmed.to_lowercase();
        let period = match lower.as_str() {
            "vp" | "plan" | "verksamhetsplan" => Some(Period::Plan),
            "t1" | "tertial 1" | "tertialrapport 1" => Some(Period::Tertial(1)),
            "t2" | "tertial 2" | "tertialrapport 2" => Some(Period::Tertial(2)),
            "vb" | "verksamhetsberättelse" => Some(Period::AnnualReport),
            _ => None,
        };
        if let Some(period) = period {
            return Ok(period);
        }
        if let Some(number) = lower.strip_prefix('m')
            && let Ok(m) = number.parse::<u8>()
            && (1..=12).contains(&m)
        {
            return Ok(Period::Month(m));
        }
        if lower.chars().count() >= 3
            && let Some(index) = MONTH_NAMES.iter().position(|name| name.starts_with(&lower))
        {
            return Ok(Period::Month(index as u8 + 1));
        }
        Err(PeriodParseError(trimmed.to_owned()))
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.label())
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let label = String::deserialize(deserializer)?;
        label.parse().map_err(serde::de::Error::custom)
    }
}

/// A period of a given year, written `T1-2020` on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct YearPeriod {
    pub year: u16,
    pub period: Period,
}

impl fmt::Display for YearPeriod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.period, self.year)
    }
}

impl FromStr for YearPeriod {
    type Err = PeriodParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let error = || PeriodParseError(s.trim().to_owned());
        // A month written as a date: "2020-04".
        if let Some((year, month)) = s.trim().split_once('-')
            && year.len() == 4
            && (1..=2).contains(&month.len())
            && let (Ok(year), Ok(month)) = (year.parse::<u16>(), month.parse::<u8>())
        {
            if !(1900..=2200).contains(&year) || !(1..=12).contains(&month) {
                return Err(error());
            }
            return Ok(YearPeriod {
                year,
                period: Period::Month(month),
            });
        }
        let (period, year) = s.trim().rsplit_once(['-', ' ']).ok_or_else(error)?;
        let year: u16 = year.parse().map_err(|_| error())?;
        if !(1900..=2200).contains(&year) {
            return Err(error());
        }
        Ok(YearPeriod {
            year,
            period: period.parse().map_err(|_| error())?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_are_ordered_in_time() {
        let all = Period::all();
        assert_eq!(all.len(), 16);
        assert_eq!(all[0], Period::Plan);
        assert_eq!(all[5], Period::Tertial(1));
        assert_eq!(all[4], Period::Month(4));
        assert_eq!(all[6], Period::Month(5));
        assert_eq!(all[10], Period::Tertial(2));
        assert_eq!(all[15], Period::AnnualReport);
        assert!(all.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn ordinal_round_trips() {
        for period in Period::all() {
            assert_eq!(Period::from_ordinal(period.ordinal()), Some(period));
        }
        assert_eq!(Period::from_ordinal(1), None);
        assert_eq!(Period::from_ordinal(26), None);
    }

    #[test]
    fn labels_parse_back() {
        for period in Period::all() {
            assert_eq!(period.label().parse::<Period>(), Ok(period));
        }
        assert_eq!("mars".parse::<Period>(), Ok(Period::Month(3)));
        assert_eq!("Tertial 2".parse::<Period>(), Ok(Period::Tertial(2)));
        assert!("T3".parse::<Period>().is_err());
        assert!("M13".parse::<Period>().is_err());
    }

    #[test]
    fn year_period_parses_cli_form() {
        let parsed: YearPeriod = "T1-2020".parse().expect("valid");
        assert_eq!(parsed.year, 2020);
        assert_eq!(parsed.period, Period::Tertial(1));
        assert_eq!(parsed.to_string(), "T1-2020");
        assert!("T1-20".parse::<YearPeriod>().is_err());
        let month: YearPeriod = "2020-04".parse().expect("a month");
        assert_eq!(month.period, Period::Month(4));
        assert_eq!(month.year, 2020);
        assert_eq!("M4-2020".parse::<YearPeriod>(), Ok(month));
        assert!("2020-13".parse::<YearPeriod>().is_err());
        assert!("2020-00".parse::<YearPeriod>().is_err());
        assert!("2020".parse::<YearPeriod>().is_err());
    }

    #[test]
    fn json_uses_labels() {
        let json = serde_json::to_string(&Period::Tertial(1)).expect("serialise");
        assert_eq!(json, "\"T1\"");
        let back: Period = serde_json::from_str("\"M12\"").expect("deserialise");
        assert_eq!(back, Period::Month(12));
    }
}
