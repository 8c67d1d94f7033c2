//! Goal headings: the three colon labels (`KF:s inriktningsmål:`, `KF:s mål för
//! verksamhetsområdet:`, `Nämndmål:`), alone on their line or sharing it with the title, and
//! the goal number that leads the title ("1.", "1.2.", "1.3.1") with or without its dot.

use crate::domain::GoalLevel;

/// The labels as the documents write them, with the level each opens.
const LABELS: [(&str, GoalLevel); 4] = [
    ("KF:s inriktningsmål:", GoalLevel::Direction),
    ("KF:s mål för verksamhetsområdet:", GoalLevel::Area),
    ("KF:s mål för verksamhetsområde:", GoalLevel::Area),
    ("Nämndmål:", GoalLevel::Committee),
];

/// Reads a goal label at the start of a line (leading spaces allowed); returns the level and
/// whatever follows the label on the same line (the title, in the same-line style).
pub fn parse_label(line: &str) -> Option<(GoalLevel, &str)> {
    let trimmed = line.trim_start();
    LABELS.iter().find_map(|(label, level)| {
        trimmed
            .strip_prefix(label)
            .map(|rest| (*level, rest.trim()))
    })
}

/// Splits "1.3.2. Title" into `(Some("1.3.2"), "Title")`. The number must have as many parts
/// as the level has (1, 2 or 3), so an SDG target such as "4.2 Lika tillgång" under an
/// inriktningsmål is never taken for a goal number.
pub fn split_number(level: GoalLevel, title: &str) -> (Option<String>, String) {
    let title = title.trim();
    let parts_expected = match level {
        GoalLevel::Direction => 1,
        GoalLevel::Area => 2,
        GoalLevel::Committee => 3,
    };
    let token_end = title.find(char::is_whitespace).unwrap_or(title.len());
    let token = &title[..token_end];
    let number = token.trim_end_matches('.');
    let parts: Vec<&str> = number.split('.').collect();
    let numeric = !number.is_empty()
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 2 && p.chars().all(|c| c.is_ascii_digit()));
    if numeric && parts.len() == parts_expected && token_end < title.len() {
        (
            Some(number.to_owned()),
            title[token_end..].trim().to_owned(),
        )
    } else {
        (None, title.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_alone_or_with_title() {
        assert_eq!(parse_label(" Nämndmål:"), Some((GoalLevel::Committee, "")));
        assert_eq!(
            parse_label("KF:s inriktningsmål: 1. En modern storstad"),
            Some((GoalLevel::Direction, "1. En modern storstad"))
        );
        assert_eq!(
            parse_label("KF:s mål för verksamhetsområdet:"),
            Some((GoalLevel::Area, ""))
        );
        assert_eq!(parse_label("Nämndmålet nås"), None);
    }

    #[test]
    fn numbers_with_and_without_dot() {
        assert_eq!(
            split_number(GoalLevel::Committee, "1.1.1. Vuxna försörjer sig själva"),
            (Some("1.1.1".into()), "Vuxna försörjer sig själva".into())
        );
        assert_eq!(
            split_number(GoalLevel::Committee, "1.3.1 Barn"),
            (Some("1.3.1".into()), "Barn".into())
        );
        assert_eq!(
            split_number(GoalLevel::Area, "1.2. Stockholm är en trygg"),
            (Some("1.2".into()), "Stockholm är en trygg".into())
        );
        assert_eq!(
            split_number(GoalLevel::Direction, "4.2 Lika tillgång"),
            (None, "4.2 Lika tillgång".into())
        );
        assert_eq!(
            split_number(GoalLevel::Committee, "Invånarna är självförsörjande"),
            (None, "Invånarna är självförsörjande".into())
        );
    }
}
