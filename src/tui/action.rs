//! Everything a key can ask for. A keymap maps keys to these by their kebab-case names; the
//! help overlay and hint bar show their descriptions.

use std::fmt;

macro_rules! actions {
    ($($variant:ident = $name:literal : $desc:literal,)*) => {
        /// A user intention, produced by the keymap and handled by `App::update`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Action {
            $($variant,)*
        }

        impl Action {
            /// Every action, in the order the help overlay lists them.
            pub const ALL: &'static [Action] = &[$(Action::$variant,)*];

            /// The kebab-case name used in keymap files.
            pub fn name(self) -> &'static str {
                match self {
                    $(Action::$variant => $name,)*
                }
            }

            /// The default Swedish description, used when a binding gives none.
            pub fn description(self) -> &'static str {
                match self {
                    $(Action::$variant => $desc,)*
                }
            }

            pub fn from_name(name: &str) -> Option<Action> {
                match name {
                    $($name => Some(Action::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

actions! {
    Quit = "quit": "Avsluta",
    Help = "help": "Visa alla tangenter",
    Redraw = "redraw": "Rita om skärmen",
    NextPeriod = "next-period": "Nästa period",
    PrevPeriod = "prev-period": "Föregående period",
    NextYear = "next-year": "Nästa år",
    PrevYear = "prev-year": "Föregående år",
    NextCouncil = "next-council": "Nästa nämnd",
    PrevCouncil = "prev-council": "Föregående nämnd",
    SwitchFocus = "switch-focus": "Växla mellan träd och detaljer",
    MoveUp = "move-up": "Upp",
    MoveDown = "move-down": "Ned",
    PageUp = "page-up": "En sida upp",
    PageDown = "page-down": "En sida ned",
    First = "first": "Först",
    Last = "last": "Sist",
    Expand = "expand": "Fäll ut",
    Collapse = "collapse": "Fäll ihop / gå till överordnat mål",
    Toggle = "toggle": "Fäll ut eller ihop",
    ExpandAll = "expand-all": "Fäll ut alla",
    CollapseAll = "collapse-all": "Fäll ihop alla",
    TreeNarrower = "tree-narrower": "Smalare målträd (bredare detaljer)",
    TreeWider = "tree-wider": "Bredare målträd: mer av målens namn syns",
    Close = "close": "Stäng",
    OpenFlags = "open-flags": "Att åtgärda: indikatorer som inte nås, avvikelser, brister",
    CycleFlagSort = "cycle-flag-sort": "Sortera listan på annat sätt",
    JumpToFlag = "jump-to-flag": "Gå till i målträdet",
    DismissFlag = "dismiss-flag": "Ej aktuell i perioden: ange skäl (eller: gäller igen)",
    OpenProgress = "open-progress": "Granskning: bedömda mål, analyser, värden, hanterade flaggor",
    // Monthly review: open an editor on the selected goal, indicator or activity.
    NextItem = "next-item": "Nästa rad: målet, dess indikatorer och aktiviteter",
    PrevItem = "prev-item": "Föregående rad: målet, dess indikatorer och aktiviteter",
    EditAnalysis = "edit-analysis": "Skriv analys för perioden",
    SetAssessment = "set-assessment": "Sätt målets bedömning",
    EditValues = "edit-values": "Ange indikatorns värden och årsmål för perioden",
    EditSettings = "edit-settings": "Indikatorns riktning och tolerans",
    ActivityStatus = "activity-status": "Aktivitetens avvikelse och genomförande",
    UndoChange = "undo-change": "Ångra senast sparade ändring",
    RedoChange = "redo-change": "Gör om ångrad ändring",
    NextTodo = "next-todo": "Nästa sak att fylla i för perioden",
    ExportReport = "export-report": "Skriv periodens rapport (Word) i aktuell katalog",
    // Text editing, in the editor and form contexts.
    Save = "save": "Spara",
    Confirm = "confirm": "Nästa fält / välj / spara",
    NextField = "next-field": "Nästa fält",
    PrevField = "prev-field": "Föregående fält",
    CursorLeft = "cursor-left": "Markören vänster",
    CursorRight = "cursor-right": "Markören höger",
    WordLeft = "word-left": "Ett ord vänster",
    WordRight = "word-right": "Ett ord höger",
    LineStart = "line-start": "Radens början",
    LineEnd = "line-end": "Radens slut",
    NewLine = "new-line": "Ny rad",
    DeleteBack = "delete-back": "Radera tecknet före markören",
    DeleteForward = "delete-forward": "Radera tecknet under markören",
    DeleteWordBack = "delete-word-back": "Radera ordet före markören",
    DeleteToLineStart = "delete-to-line-start": "Radera allt före markören på raden",
    UndoEdit = "undo-edit": "Ångra skrivning",
    RedoEdit = "redo-edit": "Gör om skrivning",
    // Questions.
    Yes = "yes": "Ja",
    No = "no": "Nej",
    KeepDraft = "keep-draft": "Behåll som utkast",
    // A save that crossed another user's (several users at once).
    KeepMine = "keep-mine": "Behåll min: spara över den andras ändring",
    TakeTheirs = "take-theirs": "Ta deras: låt den andras ändring stå, kasta min",
    MergeTexts = "merge-texts": "Slå ihop texterna i editorn",
    OpenFinder = "open-finder": "Sök mål, indikatorer och aktiviteter",
    JumpTo = "jump-to": "Gå till träffen i målträdet",
    OpenHistory = "open-history": "Visa indikatorns historik",
    CompareCouncil = "compare-council": "Jämför med nästa nämnd som har serien",
    MarkSeries = "mark-series": "Markera indikatorn för länkning",
    LinkSeries = "link-series": "Länka indikatorn till den markerade",
    UnlinkSeries = "unlink-series": "Skilj indikatorn från serien",
    // The Ekonomi screen.
    OpenEconomy = "open-economy": "Ekonomi: budget, prognos och avvikelse per verksamhetsområde",
    EditForecast = "edit-forecast": "Ange periodens prognos för verksamhetsområdet",
    // Händelser: the audit trail.
    OpenEvents = "open-events": "Händelser: sparade ändringar av noden, nämnden eller dig",
    CycleScope = "cycle-scope": "Visa ändringar av noden, nämnden eller dig",
    // Gå till: nämnd, år och period direkt.
    OpenGoTo = "open-goto": "Gå till: välj nämnd, år och period direkt",
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_unique() {
        let mut names: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
        for action in Action::ALL {
            assert_eq!(Action::from_name(action.name()), Some(*action));
        }
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Action::ALL.len());
    }
}
