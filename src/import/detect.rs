//! Detection of what a document is: which district council wrote it, for which year, and
//! whether it is a plan (VP), a four-month report (T1/T2) or an annual report (VB). The kind
//! is read from the indicator table headers' token sets and the period cells, never from a
//! file name; the council from "`<X>` stadsdelsnämnd" or, failing that, from the district name
//! that the text mentions most.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::domain::text::{collapse_whitespace, sanitize_line};
use crate::domain::{Council, DocKind};

/// Stockholm's districts 2019–2022 (base names). Longer names come first so that
/// "Hägersten-Älvsjö" is counted before "Älvsjö".
const DISTRICTS: [&str; 16] = [
    "Enskede-Årsta-Vantör",
    "Hägersten-Liljeholmen",
    "Hägersten-Älvsjö",
    "Hässelby-Vällingby",
    "Rinkeby-Kista",
    "Spånga-Tensta",
    "Kungsholmen",
    "Skärholmen",
    "Skarpnäck",
    "Södermalm",
    "Östermalm",
    "Norrmalm",
    "Bromma",
    "Farsta",
    "Älvsjö",
    "Hägersten",
];

static NAMED_COUNCIL: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"([A-ZÅÄÖ][a-zåäöé]+(?:-[A-ZÅÄÖ][a-zåäöé]+)*) stadsdelsnämnd\b").ok()
});
static PERIOD_CELL: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"Tertial ([12])\s+(\d{4})").ok());
/// "VB <year>" as a Period cell; the header's "(Periodens) utfall VB <år-1>" names last
/// year and is told apart by its "utfall" (group 1).
static VB_CELL: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"([Uu]tfall\s+)?\bVB\s+(\d{4})\b").ok());
static PLAN_YEAR: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"(?i)verksamhetsplan\s+(?:för\s+)?(\d{4})").ok());
static REPORT_YEAR: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:verksamhetsberättelse|tertialrapport\s+[12])\s+(?:för\s+)?(\d{4})").ok()
});
static DATE_PAIR: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"\d{4}-\d{2}-\d{2}\s+(\d{4})-\d{2}-\d{2}").ok());

/// Lower-case ASCII slug of a district name: å/ä→a, ö→o, é→e, spaces→-.
pub fn slug(name: &str) -> String {
    name.trim()
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'å' | 'ä' | 'à' | 'á' => 'a',
            'ö' | 'ó' => 'o',
            'é' | 'è' => 'e',
            'ü' => 'u',
            ' ' => '-',
            other => other,
        })
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect()
}

/// The council's official name: the genitive of the district and "stadsdelsnämnd"
/// ("Södermalms", but "Hägersten-Älvsjö" and "Bromma" take no s after a vowel).
fn council_name(base: &str) -> String {
    let ends_in_vowel = base
        .chars()
        .last()
        .is_some_and(|c| "aeiouyåäöAEIOUYÅÄÖ".contains(c));
    let ends_in_s = base.ends_with('s');
    if ends_in_vowel || ends_in_s {
        format!("{base} stadsdelsnämnd")
    } else {
        format!("{base}s stadsdelsnämnd")
    }
}

/// The district base name of a genitive form: "Södermalms" → "Södermalm".
fn base_of(genitive: &str) -> String {
    if DISTRICTS.contains(&genitive) {
        return genitive.to_owned();
    }
    match genitive.strip_suffix('s') {
        Some(base) if DISTRICTS.contains(&base) || base.len() > 2 => base.to_owned(),
        _ => genitive.to_owned(),
    }
}

/// A council from a name given by the user: "Södermalm", "Södermalms stadsdelsnämnd".
/// The name is stored and shown, so it is sanitised first; `None` when nothing is left.
pub fn council_from_hint(hint: &str) -> Option<Council> {
    let cleaned = collapse_whitespace(&sanitize_line(hint));
    let without = cleaned
        .strip_suffix("stadsdelsnämnd")
        .map_or(cleaned.as_str(), str::trim);
    let base = base_of(without);
    let id = slug(&base);
    if id.is_empty() {
        return None;
    }
    Some(Council {
        id,
        name: council_name(&base),
    })
}

/// The council that wrote `text`: the district named before "stadsdelsnämnd" most often
/// (each counts three), plus every plain mention of a known district.
pub fn detect_council(text: &str) -> Option<Council> {
    let mut score: BTreeMap<String, usize> = BTreeMap::new();
    if let Some(re) = NAMED_COUNCIL.as_ref() {
        for caps in re.captures_iter(text) {
            if let Some(m) = caps.get(1) {
                let base = base_of(m.as_str());
                if base == "En" || base == "Varje" || base == "Den" {
                    continue;
                }
                *score.entry(base).or_default() += 3;
            }
        }
    }
    let mut remaining = text.to_owned();
    for district in DISTRICTS {
        let count = remaining.matches(district).count();
        if count > 0 {
            *score.entry(district.to_owned()).or_default() += count;
            remaining = remaining.replace(district, " ");
        }
    }
    score
        .into_iter()
        .max_by_key(|(_, s)| *s)
        .map(|(base, _)| Council {
            id: slug(&base),
            name: council_name(&base),
        })
}

fn most_common<T: Ord + Clone>(items: impl Iterator<Item = T>) -> Option<T> {
    let mut counts: BTreeMap<T, usize> = BTreeMap::new();
    for item in items {
        *counts.entry(item).or_default() += 1;
    }
    counts.into_iter().max_by_key(|(_, c)| *c).map(|(t, _)| t)
}

/// The kind of document, from the indicator header tokens and the period cells.
pub fn detect_kind(text: &str) -> Option<DocKind> {
    // "Progno" / "s helår" is how the shredded T header spells Prognos.
    // (VP prose says "prognossäkerhet", so the column title with "helår" is required.)
    let has_prognos = text.contains("Prognos helår") || text.contains("s helår Årsmål");
    let has_periodicitet = text.contains("Periodicitet");
    let has_prev_outcome = text.contains("Utfall VB") || text.contains("utfall VB");
    if has_prognos {
        let tertial = PERIOD_CELL.as_ref().and_then(|re| {
            most_common(
                re.captures_iter(text)
                    .filter_map(|c| c.get(1).and_then(|m| m.as_str().parse::<u8>().ok())),
            )
        });
        return Some(DocKind::Tertial(tertial.unwrap_or(1)));
    }
    if has_periodicitet {
        return Some(DocKind::Plan);
    }
    if has_prev_outcome {
        return Some(DocKind::AnnualReport);
    }
    let lower = text.to_lowercase();
    if lower.contains("verksamhetsberättelse") {
        Some(DocKind::AnnualReport)
    } else if lower.contains("tertialrapport 2") {
        Some(DocKind::Tertial(2))
    } else if lower.contains("tertialrapport") {
        Some(DocKind::Tertial(1))
    } else if lower.contains("verksamhetsplan") {
        Some(DocKind::Plan)
    } else {
        None
    }
}

fn captured_years(re: &LazyLock<Option<Regex>>, text: &str, group: usize) -> Vec<u16> {
    re.as_ref()
        .map(|re| {
            re.captures_iter(text)
                .filter_map(|c| c.get(group).and_then(|m| m.as_str().parse::<u16>().ok()))
                .filter(|y| (1990..=2100).contains(y))
                .collect()
        })
        .unwrap_or_default()
}

/// The plan year: period cells in reports, the plan's own title in a VP, and otherwise the
/// year most activities end in.
pub fn detect_year(text: &str, kind: DocKind) -> Option<u16> {
    let from_cells = match kind {
        DocKind::Tertial(_) => most_common(captured_years(&PERIOD_CELL, text, 2).into_iter()),
        // The header's "Utfall VB <år-1>" names last year; the period cells name this one.
        DocKind::AnnualReport => VB_CELL.as_ref().and_then(|re| {
            re.captures_iter(text)
                .filter(|c| c.get(1).is_none())
                .filter_map(|c| c.get(2).and_then(|m| m.as_str().parse::<u16>().ok()))
                .filter(|y| (1990..=2100).contains(y))
                .max()
        }),
        DocKind::Plan => None,
    };
    let from_title = match kind {
        DocKind::Plan => most_common(captured_years(&PLAN_YEAR, text, 1).into_iter()),
        _ => captured_years(&REPORT_YEAR, text, 1).first().copied(),
    };
    let from_dates = most_common(captured_years(&DATE_PAIR, text, 1).into_iter());
    from_cells.or(from_title).or(from_dates)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_fold_swedish_letters() {
        assert_eq!(slug("Hägersten-Älvsjö"), "hagersten-alvsjo");
        assert_eq!(slug("Hässelby-Vällingby"), "hasselby-vallingby");
        assert_eq!(slug("Södermalm"), "sodermalm");
    }

    #[test]
    fn council_names_take_genitive_where_swedish_does() {
        assert_eq!(council_name("Södermalm"), "Södermalms stadsdelsnämnd");
        assert_eq!(
            council_name("Hägersten-Älvsjö"),
            "Hägersten-Älvsjö stadsdelsnämnd"
        );
        assert_eq!(
            council_name("Hägersten-Liljeholmen"),
            "Hägersten-Liljeholmens stadsdelsnämnd"
        );
        assert_eq!(
            council_from_hint("Södermalms stadsdelsnämnd").map(|c| c.id),
            Some("sodermalm".into())
        );
    }

    #[test]
    fn a_typed_council_is_sanitised_before_it_is_stored() {
        let council = council_from_hint("Söder\u{1b}[2Jmalm\u{202e}  stadsdelsnämnd");
        assert_eq!(
            council.map(|c| (c.id, c.name)),
            Some(("sodermalm".into(), "Södermalms stadsdelsnämnd".into()))
        );
        assert_eq!(council_from_hint(" \u{200b} "), None);
    }

    #[test]
    fn council_from_text() {
        let council = detect_council(
            "Verksamhetsplan för Hägersten-Liljeholmens stadsdelsnämnd. Hägersten-Liljeholmen. Älvsjö stadsdelsnämnd.",
        );
        assert_eq!(council.map(|c| c.id), Some("hagersten-liljeholmen".into()));
        let council = detect_council("lokalpolisområde Södermalm och Södermalm igen, Farsta");
        assert_eq!(council.map(|c| c.id), Some("sodermalm".into()));
    }

    #[test]
    fn kind_and_year_from_cells() {
        let t2 = "Progno\ns helår Årsmål\n 5 % Tertial 2 \n2021\n";
        assert_eq!(detect_kind(t2), Some(DocKind::Tertial(2)));
        assert_eq!(detect_year(t2, DocKind::Tertial(2)), Some(2021));
        let vp = "Indikator Årsmål KF:s årsmål Periodicitet\nverksamhetsplan 2021\n";
        assert_eq!(detect_kind(vp), Some(DocKind::Plan));
        assert_eq!(detect_year(vp, DocKind::Plan), Some(2021));
        let vb = "Utfall VB 2020 Årsmål\nVB 2021";
        assert_eq!(detect_kind(vb), Some(DocKind::AnnualReport));
        assert_eq!(detect_year(vb, DocKind::AnnualReport), Some(2021));
    }
}
