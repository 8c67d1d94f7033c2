//! Direction inference: whether a higher or a lower value of an indicator is better. The
//! tables never say, so the target markers decide first (Max, ±, Öka, Minska) and then a
//! curated list of indicator families where lower is better (DOMAIN.md §4); everything else
//! (shares of satisfied users, trygghet, andel …) defaults to higher is better.

use super::indicator::Direction;
use super::target::{Target, Trend};

/// Name fragments (lower case) of the indicator families where lower is better.
const LOWER_IS_BETTER: [&str; 19] = [
    "har ekonomiskt bistånd",
    "långvarigt ekonomiskt bistånd",
    "med ekonomiskt bistånd",
    "åter blir föremål för",
    "barn per grupp",
    "förskolebarn per anställd",
    "barn per förskollärare",
    "barn per anställd",
    "möter under en 14-dagarsperiod",
    "sjukfrånvaro",
    "timanställ",
    "klimatpåverkan",
    "köpt energi",
    "externa konsulter",
    "vräkningar",
    "avhysningar som berör barn",
    "akutboendelösning",
    "hotell/vandrarhem",
    "personal en hemtjänsttagare",
];

/// Name fragments that overrule the lower-is-better list ("avvärjas": a share of evictions
/// *prevented* is better when higher).
const HIGHER_DESPITE_FAMILY: [&str; 3] = [
    "kunnat avvärjas",
    "självförsörjande",
    "förbättrad situation",
];

/// Name fragments (lower case) of indicators whose target is a ceiling though written as a
/// plain number: budgetföljsamhet 100 % is met at or below 100 % (DOMAIN.md §4).
const CEILING: [&str; 1] = ["budgetföljsamhet"];

fn marker_direction(target: &Target) -> Option<Direction> {
    match target {
        Target::Max { .. } => Some(Direction::Max),
        Target::Band { .. } => Some(Direction::Band),
        Target::Trend(Trend::Increase) => Some(Direction::HigherBetter),
        Target::Trend(Trend::Decrease) => Some(Direction::LowerBetter),
        _ => None,
    }
}

/// The default direction of an indicator from its name and its two targets.
pub fn infer_direction(name: &str, annual: &Target, council: &Target) -> Direction {
    if let Some(direction) = marker_direction(annual).or_else(|| marker_direction(council)) {
        return direction;
    }
    let lower = name.to_lowercase();
    if CEILING.iter().any(|f| lower.contains(f)) {
        return Direction::Max;
    }
    if HIGHER_DESPITE_FAMILY.iter().any(|f| lower.contains(f)) {
        return Direction::HigherBetter;
    }
    if LOWER_IS_BETTER.iter().any(|f| lower.contains(f)) {
        return Direction::LowerBetter;
    }
    Direction::HigherBetter
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str) -> Target {
        Target::from_cell(text)
    }

    #[test]
    fn markers_come_first() {
        assert_eq!(
            infer_direction(
                "Antal personal en hemtjänsttagare möter",
                &cell("12"),
                &cell("Max 10 personer")
            ),
            Direction::Max
        );
        assert_eq!(
            infer_direction(
                "Nämndens prognossäkerhet T2",
                &cell("+/-1 %"),
                &cell("+/- 1 %")
            ),
            Direction::Band
        );
        assert_eq!(
            infer_direction("Sjukfrånvaro", &cell("Öka"), &cell("")),
            Direction::HigherBetter
        );
        assert_eq!(
            infer_direction("Andel nöjda", &cell("Minskning"), &cell("")),
            Direction::LowerBetter
        );
    }

    #[test]
    fn curated_families_are_lower_better() {
        for name in [
            "Andel barn som lever i familjer som har ekonomiskt bistånd",
            "Antal barn per grupp",
            "Antal förskolebarn per anställd (årsarbetare)",
            "Sjukfrånvaro dag 1-14",
            "Klimatpåverkan från upphandlade livsmedel och måltider",
            "Totalt köpt energi i stadens verksamheter",
            "Antal vräkningar som berör barn",
            "Andelen personal med timanställning",
        ] {
            assert_eq!(
                infer_direction(name, &cell("5 %"), &cell("")),
                Direction::LowerBetter,
                "{name}"
            );
        }
    }

    #[test]
    fn budget_adherence_is_a_ceiling() {
        for name in [
            "Nämndens budgetföljsamhet efter resultatöverföringar",
            "Nämndens budgetföljsamhet före resultatöverföringar",
        ] {
            assert_eq!(
                infer_direction(name, &cell("100 %"), &cell("100 %")),
                Direction::Max,
                "{name}"
            );
        }
    }

    #[test]
    fn default_is_higher_better() {
        assert_eq!(
            infer_direction(
                "Andel stockholmare som upplever trygghet",
                &cell("80 %"),
                &cell("77 %")
            ),
            Direction::HigherBetter
        );
        assert_eq!(
            infer_direction(
                "Andel avhysningar som kunnat avvärjas",
                &cell("80 %"),
                &cell("")
            ),
            Direction::HigherBetter
        );
    }
}
