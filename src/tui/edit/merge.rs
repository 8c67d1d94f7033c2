//! Merging an analys that two users changed at once (*slå ihop*): a three-way merge of the
//! text the editor opened with, the user's text and the text saved meanwhile, line by line
//! (a paragraph is a line). Paragraphs only one side changed are taken as changed; where
//! both changed the same paragraph, both versions stay in the text between Swedish markers
//! for the user to settle, and the editor will not save while a marker is left.

use diffy::{ConflictStyle, MergeOptions};

/// The line before the user's own version of a paragraph both changed.
pub const MINE_MARKER: &str = "«««« Din text";
/// The line between the two versions (followed by the other user's login).
pub const THEIRS_MARKER: &str = "==== Text sparad av";
/// The line after the other user's version.
pub const END_MARKER: &str = "»»»» Slut på krocken";

/// The merged text and how many places need the user's choice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    pub text: String,
    pub conflicts: usize,
}

/// Merges `mine` and `theirs` (saved by `their_login`), both edited from `ancestor`.
pub fn merge_texts(ancestor: &str, mine: &str, theirs: &str, their_login: &str) -> Merged {
    // diffy compares whole lines, terminator included: give every text a last newline.
    let with_newline = |text: &str| format!("{}\n", text.trim_end_matches('\n'));
    let mut options = MergeOptions::new();
    options.set_conflict_style(ConflictStyle::Merge);
    let (ancestor, mine, theirs) = (
        with_newline(ancestor),
        with_newline(mine),
        with_newline(theirs),
    );
    let (raw, clean) = match options.merge(&ancestor, &mine, &theirs) {
        Ok(text) => (text, true),
        Err(text) => (text, false),
    };
    let mut conflicts = 0;
    let lines: Vec<String> = raw
        .trim_end_matches('\n')
        .split('\n')
        .map(|line| {
            if clean {
                line.to_owned()
            } else if line.starts_with("<<<<<<<") {
                conflicts += 1;
                MINE_MARKER.to_owned()
            } else if line == "=======" {
                format!("{THEIRS_MARKER} {their_login}")
            } else if line.starts_with(">>>>>>>") {
                END_MARKER.to_owned()
            } else {
                line.to_owned()
            }
        })
        .collect();
    Merged {
        text: lines.join("\n"),
        conflicts,
    }
}

/// Whether `text` still holds a place the user has not settled.
pub fn has_markers(text: &str) -> bool {
    text.lines().any(|line| {
        line.starts_with(MINE_MARKER) || line.starts_with(THEIRS_MARKER) || line == END_MARKER
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "Första stycket.\nAndra stycket.\nTredje stycket.";

    #[test]
    fn changes_to_different_paragraphs_merge_without_markers() {
        let mine = "Första stycket, utvecklat.\nAndra stycket.\nTredje stycket.";
        let theirs = "Första stycket.\nAndra stycket.\nTredje stycket, rättat.";
        let merged = merge_texts(BASE, mine, theirs, "bertil");
        assert_eq!(merged.conflicts, 0);
        assert_eq!(
            merged.text,
            "Första stycket, utvecklat.\nAndra stycket.\nTredje stycket, rättat."
        );
        assert!(!has_markers(&merged.text));
    }

    #[test]
    fn the_same_paragraph_changed_by_both_keeps_both_between_markers() {
        let mine = "Första stycket.\nAndra stycket enligt mig.\nTredje stycket.";
        let theirs = "Första stycket.\nAndra stycket enligt Bertil.\nTredje stycket.";
        let merged = merge_texts(BASE, mine, theirs, "bertil");
        assert_eq!(merged.conflicts, 1);
        assert_eq!(
            merged.text,
            "Första stycket.\n«««« Din text\nAndra stycket enligt mig.\n\
             ==== Text sparad av bertil\nAndra stycket enligt Bertil.\n\
             »»»» Slut på krocken\nTredje stycket."
        );
        assert!(has_markers(&merged.text));
    }

    #[test]
    fn an_empty_start_with_two_new_texts_is_one_conflict() {
        let merged = merge_texts("", "Min analys.", "Bertils analys.", "bertil");
        assert_eq!(merged.conflicts, 1);
        assert!(merged.text.contains("Min analys.") && merged.text.contains("Bertils analys."));
    }

    #[test]
    fn the_same_change_on_both_sides_is_no_conflict() {
        let same = "Första stycket.\nAndra, likadant ändrat.\nTredje stycket.";
        let merged = merge_texts(BASE, same, same, "bertil");
        assert_eq!((merged.text.as_str(), merged.conflicts), (same, 0));
    }
}
