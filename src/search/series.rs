//! Series identity: which indicators in different years are "the same indicator".
//!
//! Names drift between years (DOMAIN.md §10.3). A [`SeriesKey`] is the name normalised —
//! folded ([`super::fold()`]), punctuation dropped, whitespace collapsed, a trailing
//! parenthesised qualifier ("(GWh)") or year dropped — and then mapped through a curated alias
//! list (`data/aliases.toml`, compiled in) that links real rewordings to one canonical name.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use super::fold::fold;

/// The identity of an indicator series across years.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SeriesKey(pub String);

impl SeriesKey {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The bundled alias list.
const BUNDLED_ALIASES: &str = include_str!("../../data/aliases.toml");

/// The alias list: normalised name → normalised canonical name.
#[derive(Debug, Clone, Default)]
pub struct SeriesAliases {
    canonical: HashMap<String, String>,
}

#[derive(Deserialize)]
struct AliasFile {
    #[serde(default)]
    series: Vec<AliasGroup>,
}

#[derive(Deserialize)]
struct AliasGroup {
    names: Vec<String>,
}

impl SeriesAliases {
    /// Reads an alias file: `[[series]] names = ["first is canonical", "alias", …]`.
    pub fn parse(text: &str) -> Result<SeriesAliases, toml::de::Error> {
        let file: AliasFile = toml::from_str(text)?;
        let mut aliases = SeriesAliases::default();
        for group in file.series {
            if let Some((first, rest)) = group.names.split_first() {
                for name in rest {
                    aliases.link(first, name);
                }
            }
        }
        Ok(aliases)
    }

    /// The list compiled in from `data/aliases.toml`. A broken file (caught by the tests)
    /// degrades to no aliases rather than a panic.
    pub fn bundled() -> &'static SeriesAliases {
        static BUNDLED: OnceLock<SeriesAliases> = OnceLock::new();
        BUNDLED.get_or_init(|| SeriesAliases::parse(BUNDLED_ALIASES).unwrap_or_default())
    }

    /// Makes `alias` part of `canonical`'s series (a user's "link").
    pub fn link(&mut self, canonical: &str, alias: &str) {
        let target = self.key(canonical).0;
        let alias = normalise_name(alias);
        if alias != target {
            self.canonical.insert(alias, target);
        }
    }

    /// Gives `name` its own series again (a user's "unlink").
    pub fn unlink(&mut self, name: &str) {
        self.canonical.remove(&normalise_name(name));
    }

    /// The series of an indicator called `name`.
    pub fn key(&self, name: &str) -> SeriesKey {
        let normalised = normalise_name(name);
        match self.canonical.get(&normalised) {
            Some(canonical) => SeriesKey(canonical.clone()),
            None => SeriesKey(normalised),
        }
    }

    /// Number of linked (non-canonical) names.
    pub fn len(&self) -> usize {
        self.canonical.len()
    }

    pub fn is_empty(&self) -> bool {
        self.canonical.is_empty()
    }
}

/// The series of an indicator called `name`, with the bundled alias list.
pub fn series_key(name: &str) -> SeriesKey {
    SeriesAliases::bundled().key(name)
}

/// Folds, drops trailing qualifiers and punctuation, collapses whitespace.
pub fn normalise_name(name: &str) -> String {
    let mut text = fold(name.trim());
    // Trailing qualifiers: "(GWh)", "(stöd och service till …)". Only at the end, where they
    // qualify the whole name; a bracket inside the name may be what tells two apart.
    loop {
        let trimmed = text.trim_end();
        let Some(without_close) = trimmed.strip_suffix(')') else {
            break;
        };
        match without_close.rfind('(') {
            Some(open) if open > 0 => text.truncate(open),
            _ => break,
        }
    }
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .collect();
    // A trailing year ("… 2020") names the edition, not the indicator.
    let end = match words.split_last() {
        Some((last, rest))
            if !rest.is_empty()
                && last.len() == 4
                && (last.starts_with("19") || last.starts_with("20"))
                && last.chars().all(|c| c.is_ascii_digit()) =>
        {
            words.len() - 1
        }
        _ => words.len(),
    };
    words.get(..end).unwrap_or(&words).join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_file_parses_with_all_five_drifts() {
        let parsed = SeriesAliases::parse(BUNDLED_ALIASES);
        assert!(parsed.is_ok(), "{:?}", parsed.err());
        assert_eq!(SeriesAliases::bundled().len(), 5);
    }

    #[test]
    fn normalising_drops_noise_only() {
        assert_eq!(normalise_name("Köpt energi (GWh)"), "kopt energi");
        assert_eq!(
            normalise_name("  Sjukfrånvaro dag 1-14 "),
            "sjukfranvaro dag 1 14"
        );
        assert_eq!(
            normalise_name("Nämndens prognossäkerhet T2"),
            "namndens prognossakerhet t2"
        );
        assert_eq!(normalise_name("Antal besök 2020"), "antal besok");
    }

    #[test]
    fn user_links_and_unlinks() {
        let mut aliases = SeriesAliases::default();
        aliases.link("Antal besök", "Antal besökare");
        assert_eq!(aliases.key("antal besökare"), aliases.key("Antal besök"));
        aliases.unlink("Antal besökare");
        assert_ne!(aliases.key("antal besökare"), aliases.key("Antal besök"));
    }
}
