//! A short list to choose one option from with up/down and Enter: the bedömning picker and
//! the activity status menu are both built on it.

use crate::domain::{Assessment, Completion};
use crate::tui::action::Action;

/// What an option stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickerChoice {
    Assessment(Assessment),
    /// Mark the activity *Avvikelse* (its analys is asked for next).
    MarkDeviation,
    ClearDeviation,
    Completion(Completion),
}

/// One row of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickerOption {
    pub choice: PickerChoice,
    /// A mark that carries the meaning without colour.
    pub symbol: &'static str,
    pub label: String,
    /// Whether this is the node's current state.
    pub current: bool,
}

/// What an action did to the picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickerStep {
    Unchanged,
    Chosen(PickerChoice),
    Cancel,
}

/// An open list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    pub title: String,
    pub options: Vec<PickerOption>,
    pub selected: usize,
}

impl Picker {
    /// A picker with the current option (if any) selected.
    pub fn new(title: String, options: Vec<PickerOption>) -> Picker {
        let selected = options.iter().position(|o| o.current).unwrap_or(0);
        Picker {
            title,
            options,
            selected,
        }
    }

    pub fn handle(&mut self, action: Action) -> PickerStep {
        let last = self.options.len().saturating_sub(1);
        match action {
            Action::MoveUp | Action::PrevField | Action::CursorLeft => {
                self.selected = self.selected.saturating_sub(1);
            }
            Action::MoveDown | Action::NextField | Action::CursorRight => {
                self.selected = (self.selected + 1).min(last);
            }
            Action::LineStart => self.selected = 0,
            Action::LineEnd => self.selected = last,
            Action::Confirm | Action::Save => {
                if let Some(option) = self.options.get(self.selected) {
                    return PickerStep::Chosen(option.choice);
                }
            }
            Action::Close => return PickerStep::Cancel,
            _ => {}
        }
        PickerStep::Unchanged
    }

    /// A digit chooses the option with that number (1-based), as the list shows them.
    pub fn type_char(&mut self, c: char) -> PickerStep {
        let Some(digit) = c.to_digit(10) else {
            return PickerStep::Unchanged;
        };
        match (digit as usize)
            .checked_sub(1)
            .and_then(|i| self.options.get(i))
        {
            Some(option) => PickerStep::Chosen(option.choice),
            None => PickerStep::Unchanged,
        }
    }
}
