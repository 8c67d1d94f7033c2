//! Problems found in a keymap file, each with its place (file and 1-based line) and, when we
//! can guess one, what the user probably meant. The same type carries errors and warnings;
//! messages are Swedish because the users are.

use std::fmt;

/// One problem in one keymap file. `Display` prints `FILE:LINE: message — menade du «x»?`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeymapError {
    /// The file as the user knows it ("~/.config/malkoll/keymap.toml").
    pub file: String,
    /// 1-based line, when the problem has one (a missing file has none).
    pub line: Option<usize>,
    /// What is wrong, in Swedish, without the place.
    pub message: String,
    /// The closest valid name, for "menade du …?".
    pub suggestion: Option<String>,
}

/// A warning has the same shape as an error: it is shown, but loading goes on.
pub type KeymapWarning = KeymapError;

impl KeymapError {
    pub(crate) fn new(file: &str, line: Option<usize>, message: impl Into<String>) -> KeymapError {
        KeymapError {
            file: file.to_owned(),
            line,
            message: message.into(),
            suggestion: None,
        }
    }

    pub(crate) fn with_suggestion(mut self, suggestion: Option<String>) -> KeymapError {
        self.suggestion = suggestion;
        self
    }

    /// The problem as a sentence, for a startup message: "okänd åtgärd «quitt» på rad 12 i
    /// ~/.config/malkoll/keymap.toml — menade du «quit»?".
    pub fn sentence(&self) -> String {
        let mut text = self.message.clone();
        match self.line {
            Some(line) => text.push_str(&format!(" på rad {line} i {}", self.file)),
            None => text.push_str(&format!(" i {}", self.file)),
        }
        if let Some(suggestion) = &self.suggestion {
            text.push_str(&format!(" — menade du «{suggestion}»?"));
        }
        text
    }
}

impl fmt::Display for KeymapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.file, self.message)?,
            None => write!(f, "{}: {}", self.file, self.message)?,
        }
        if let Some(suggestion) = &self.suggestion {
            write!(f, " — menade du «{suggestion}»?")?;
        }
        Ok(())
    }
}

impl std::error::Error for KeymapError {}

/// Every problem found while loading; never empty when returned as an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeymapErrors(pub Vec<KeymapError>);

impl KeymapErrors {
    pub fn iter(&self) -> std::slice::Iter<'_, KeymapError> {
        self.0.iter()
    }
}

impl fmt::Display for KeymapErrors {
    /// One problem per line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, error) in self.0.iter().enumerate() {
            if index > 0 {
                writeln!(f)?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for KeymapErrors {}

impl From<KeymapError> for KeymapErrors {
    fn from(error: KeymapError) -> Self {
        KeymapErrors(vec![error])
    }
}

/// The candidate closest to a misspelt `word`, if it is close enough to be a likely typo.
pub(crate) fn closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|candidate| (strsim::damerau_levenshtein(&word, candidate), candidate))
        .filter(|(distance, candidate)| {
            // Two edits, or a third of the longer word: "quitt" → "quit", "nextperiod" →
            // "next-period", but "x" suggests nothing.
            let longest = word.chars().count().max(candidate.chars().count());
            *distance <= 2.max(longest / 3) && *distance < longest
        })
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_and_line_then_suggestion() {
        let error = KeymapError::new("keymap.toml", Some(12), "okänd åtgärd «quitt»")
            .with_suggestion(Some("quit".into()));
        assert_eq!(
            error.to_string(),
            "keymap.toml:12: okänd åtgärd «quitt» — menade du «quit»?"
        );
        assert_eq!(
            error.sentence(),
            "okänd åtgärd «quitt» på rad 12 i keymap.toml — menade du «quit»?"
        );
    }

    #[test]
    fn closest_finds_typos_only() {
        let names = ["quit", "help", "next-period"];
        assert_eq!(closest("quitt", names), Some("quit".into()));
        assert_eq!(closest("nextperiod", names), Some("next-period".into()));
        assert_eq!(closest("HELP", names), Some("help".into()));
        assert_eq!(closest("x", names), None);
        assert_eq!(closest("completely-different", names), None);
    }
}
