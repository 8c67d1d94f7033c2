//! Direction inference: whether a higher or a lower value of an indicator is better. The
//! tables never say, so the target markers decide first (Max, ±, Öka, Minska) and then a
//! curated list of indicator families where lower is better (DOMAIN.md §4); everything else
//! (shares of satisfied users, trygghet, andel …) defaults to higher is better. Families
//! are matched by key words so a drifted name keeps its direction; a name in no family is a
//! fallback that the importer lists and the flags mark with `?`.

use super::indicator::Direction;
use super::target::{Target, Trend};

/// Where an inferred direction came from. Only [`DirectionSource::Fallback`] is a guess the
/// user should confirm (listed by the importer and raised as a `?` flag).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirectionSource {
    /// A target marker: Max, ±, Öka, Minska.
    Marker,
    /// The name belongs to a known family (by its key words).
    Family,
    /// No marker and no family: higher is better by default.
    Fallback,
}

/// A family is a list of alternatives; an alternative matches when every one of its stems
/// begins some word of the name. Words drift between years ("Andel barn som lever i
/// familjer med ekonomiskt bistånd" / "… hushåll med långvarigt ekonomiskt bistånd"), so
/// families are matched by key words, never by exact names.
type Family = &'static [&'static [&'static str]];

/// Lower is better (DOMAIN.md §4): economic assistance, re-referrals, group sizes and staff
/// ratios, home-care continuity, sick leave, hourly staff, climate and energy, consultants,
/// evictions, emergency housing; waiting and processing times by the same logic.
const LOWER_IS_BETTER: Family = &[
    &["ekonomisk", "bistånd"],
    &["försörjningsstöd"],
    &["åter", "föremål"],
    &["åter", "anmäl"],
    &["återaktualiser"],
    &["barn", "per"],
    &["förskolebarn", "per"],
    &["elever", "per"],
    &["personal", "hemtjänsttagare"],
    &["personal", "möter"],
    &["sjukfrånvaro"],
    &["timanställ"],
    &["klimatpåverkan"],
    &["utsläpp"],
    &["köpt", "energi"],
    &["energianvändning"],
    &["energiförbrukning"],
    &["konsult"],
    &["vräkning"],
    &["avhysning"],
    &["akutboende"],
    &["hotell"],
    &["vandrarhem"],
    &["väntetid"],
    &["handläggningstid"],
];

/// Higher is better, and overrules the lower family when both match ("avhysningar som
/// kunnat avvärjas", "lämnat ekonomiskt bistånd för arbete").
const HIGHER_DESPITE_FAMILY: Family = &[
    &["avvärj"],
    &["självförsörj"],
    &["förbättrad"],
    &["egen", "försörjning"],
    &["lämna", "bistånd"],
    &["till", "arbete"],
];

/// Higher is better by the meaning of the words: satisfaction, safety, participation,
/// results, engagement indexes. A name in none of the families is a fallback.
const HIGHER_IS_BETTER: Family = &[
    &["nöjd"],
    &["nöjdhet"],
    &["trygg"],
    &["trivs"],
    &["trivsel"],
    &["delaktig"],
    &["inflytande"],
    &["påverka"],
    &["bemöt"],
    &["respekt"],
    &["förtroende"],
    &["godkän"],
    &["behörig"],
    &["klarar"],
    &["uppnått"],
    &["medskapande"],
    &["arbetsgivare"],
    &["kvalitetsindikator"],
    &["prognossäkerhet"],
    &["sysselsättning"],
    &["feriejobb"],
    &["hälsa"],
    &["hälsosam"],
    &["fysisk", "aktivitet"],
    &["deltar"],
    &["får", "hjälp"],
    &["önskade", "tider"],
    &["överenskommit"],
    &["förnybar"],
    &["ekologisk"],
    &["effektivisering"],
    &["tillgänglig"],
];

/// Ceilings written as a plain number: budgetföljsamhet 100 % is met at or below 100 %.
const CEILING: Family = &[&["budgetföljsamhet"]];

fn words(name: &str) -> Vec<String> {
    name.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A stem of five letters or more begins a word ("återaktualiser" → "återaktualiseras"); a
/// shorter one is the word itself with at most a two-letter ending ("barn" → "barnen",
/// but "per" never matches "personal").
fn stem_matches(word: &str, stem: &str) -> bool {
    let (word_len, stem_len) = (word.chars().count(), stem.chars().count());
    word.starts_with(stem) && (stem_len >= 5 || word_len <= stem_len + 2)
}

fn in_family(words: &[String], family: Family) -> bool {
    family.iter().any(|alternative| {
        alternative
            .iter()
            .all(|stem| words.iter().any(|w| stem_matches(w, stem)))
    })
}

fn marker_direction(target: &Target) -> Option<Direction> {
    match target {
        Target::Max { .. } => Some(Direction::Max),
        Target::Band { .. } => Some(Direction::Band),
        Target::Trend(Trend::Increase) => Some(Direction::HigherBetter),
        Target::Trend(Trend::Decrease) => Some(Direction::LowerBetter),
        _ => None,
    }
}

/// The default direction of an indicator from its name and its two targets, and where it
/// came from.
pub fn infer_direction_with_source(
    name: &str,
    annual: &Target,
    council: &Target,
) -> (Direction, DirectionSource) {
    if let Some(direction) = marker_direction(annual).or_else(|| marker_direction(council)) {
        return (direction, DirectionSource::Marker);
    }
    let words = words(name);
    if in_family(&words, CEILING) {
        return (Direction::Max, DirectionSource::Family);
    }
    if in_family(&words, HIGHER_DESPITE_FAMILY) {
        return (Direction::HigherBetter, DirectionSource::Family);
    }
    if in_family(&words, LOWER_IS_BETTER) {
        return (Direction::LowerBetter, DirectionSource::Family);
    }
    if in_family(&words, HIGHER_IS_BETTER) {
        return (Direction::HigherBetter, DirectionSource::Family);
    }
    (Direction::HigherBetter, DirectionSource::Fallback)
}

/// The default direction of an indicator from its name and its two targets.
pub fn infer_direction(name: &str, annual: &Target, council: &Target) -> Direction {
    infer_direction_with_source(name, annual, council).0
}

/// Whether `direction` is still the unconfirmed default: no marker, no family, and the
/// indicator still has the fallback direction. Any target marker in any period settles it.
pub fn is_fallback_direction(
    name: &str,
    direction: Direction,
    targets: &[(&Target, &Target)],
) -> bool {
    direction == Direction::HigherBetter
        && !targets.is_empty()
        && targets.iter().all(|(annual, council)| {
            infer_direction_with_source(name, annual, council).1 == DirectionSource::Fallback
        })
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
    fn drifted_names_keep_their_family() {
        for name in [
            "Andel hushåll med långvarigt ekonomiskt bistånd",
            "Antal inskrivna barn per förskollärare",
            "Sjukfrånvaron bland medarbetarna",
            "Andel barn och unga som återaktualiseras inom ett år",
            "Energianvändning i stadens lokaler (MWh)",
        ] {
            assert_eq!(
                infer_direction_with_source(name, &cell("5 %"), &cell("")),
                (Direction::LowerBetter, DirectionSource::Family),
                "{name}"
            );
        }
        assert_eq!(
            infer_direction_with_source(
                "Andel brukare som är nöjda med sin insats",
                &cell("80 %"),
                &cell("")
            ),
            (Direction::HigherBetter, DirectionSource::Family)
        );
    }

    #[test]
    fn a_name_in_no_family_is_a_fallback() {
        let (direction, source) =
            infer_direction_with_source("Antal genomförda hembesök", &cell("40 st"), &cell(""));
        assert_eq!(direction, Direction::HigherBetter);
        assert_eq!(source, DirectionSource::Fallback);
        let (annual, council) = (cell("40 st"), cell(""));
        assert!(is_fallback_direction(
            "Antal genomförda hembesök",
            Direction::HigherBetter,
            &[(&annual, &council)]
        ));
        assert!(!is_fallback_direction(
            "Antal genomförda hembesök",
            Direction::LowerBetter,
            &[(&annual, &council)]
        ));
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
