//! A form of labelled one-line fields and choice fields, moved through with Tab/Shift-Tab,
//! arrows and Enter. The form knows nothing of what its fields mean: the value and settings
//! forms build it and check its texts, putting a Swedish message at each bad field.

use crate::tui::action::Action;

use super::line_input::LineInput;

/// What a field holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    /// Free text, checked when the form is saved.
    Text(LineInput),
    /// One of fixed options, chosen with left/right.
    Choice { options: Vec<String>, chosen: usize },
}

/// One labelled field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormField {
    pub label: String,
    /// The indicator's unit, shown after the field ("%", "st").
    pub unit: Option<String>,
    pub kind: FieldKind,
    /// Why the field's text was refused, in Swedish.
    pub error: Option<String>,
    /// A line shown under the field, saying what it means as it stands.
    pub note: Option<FieldNote>,
}

/// A line under a field that depends on whether the field is empty: the value form's årsmål
/// says which target applies ("Gäller: 95 % (från VP 2020)" while empty, the period's own once
/// filled), and it changes as the user types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldNote {
    /// Shown while the field is empty (blank text).
    pub when_empty: String,
    /// Shown once the field holds text; `{}` stands for that text.
    pub when_filled: String,
}

impl FieldNote {
    /// The line for a field holding `text`.
    pub fn for_text(&self, text: &str) -> String {
        if text.trim().is_empty() {
            self.when_empty.clone()
        } else {
            self.when_filled.replace("{}", text.trim())
        }
    }
}

impl FormField {
    pub fn text(label: &str, unit: Option<&str>, value: &str) -> FormField {
        FormField {
            label: label.to_owned(),
            unit: unit.map(str::to_owned),
            kind: FieldKind::Text(LineInput::new(value)),
            error: None,
            note: None,
        }
    }

    pub fn choice(label: &str, options: Vec<String>, chosen: usize) -> FormField {
        FormField {
            label: label.to_owned(),
            unit: None,
            kind: FieldKind::Choice { options, chosen },
            error: None,
            note: None,
        }
    }

    /// The same field with `note` under it.
    pub fn with_note(mut self, note: FieldNote) -> FormField {
        self.note = Some(note);
        self
    }

    /// Replaces a text field's text (a draft brought back), the cursor at its end; a choice
    /// field is left as it is.
    pub fn set_text(&mut self, text: &str) {
        if let FieldKind::Text(input) = &mut self.kind {
            *input = LineInput::new(text);
        }
    }

    /// The text, or the chosen option's label.
    pub fn value(&self) -> &str {
        match &self.kind {
            FieldKind::Text(input) => input.text(),
            FieldKind::Choice { options, chosen } => {
                options.get(*chosen).map_or("", String::as_str)
            }
        }
    }

    /// The chosen option's index (0 for a text field).
    pub fn chosen(&self) -> usize {
        match &self.kind {
            FieldKind::Choice { chosen, .. } => *chosen,
            FieldKind::Text(_) => 0,
        }
    }
}

/// What an action did to the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormStep {
    Edited,
    Unchanged,
    /// The user asked to save: check every field.
    Submit,
    Cancel,
    AskBeforeClose,
}

/// A form: fields, the focused one, and the values it started with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub title: String,
    pub fields: Vec<FormField>,
    pub focused: usize,
    initial: Vec<String>,
}

impl Form {
    pub fn new(title: String, fields: Vec<FormField>) -> Form {
        let initial = fields.iter().map(|f| f.value().to_owned()).collect();
        Form {
            title,
            fields,
            focused: 0,
            initial,
        }
    }

    /// Whether any field differs from what the form started with.
    pub fn is_modified(&self) -> bool {
        self.fields
            .iter()
            .zip(&self.initial)
            .any(|(field, initial)| field.value() != initial)
    }

    /// Handles one form-context action.
    pub fn handle(&mut self, action: Action) -> FormStep {
        let last = self.fields.len().saturating_sub(1);
        match action {
            Action::Save => return FormStep::Submit,
            Action::Close => {
                return if self.is_modified() {
                    FormStep::AskBeforeClose
                } else {
                    FormStep::Cancel
                };
            }
            Action::Confirm if self.focused >= last => return FormStep::Submit,
            Action::Confirm | Action::NextField | Action::MoveDown => {
                self.focused = (self.focused + 1).min(last);
            }
            Action::PrevField | Action::MoveUp => self.focused = self.focused.saturating_sub(1),
            _ => return self.edit_focused(action),
        }
        FormStep::Unchanged
    }

    fn edit_focused(&mut self, action: Action) -> FormStep {
        let Some(field) = self.fields.get_mut(self.focused) else {
            return FormStep::Unchanged;
        };
        let edited = match &mut field.kind {
            FieldKind::Text(input) => input.edit(action),
            FieldKind::Choice { options, chosen } => {
                let count = options.len().max(1);
                match action {
                    Action::CursorLeft => *chosen = (*chosen + count - 1) % count,
                    Action::CursorRight => *chosen = (*chosen + 1) % count,
                    _ => return FormStep::Unchanged,
                }
                true
            }
        };
        if edited {
            field.error = None;
            FormStep::Edited
        } else {
            FormStep::Unchanged
        }
    }

    /// Types into the focused text field; a space also steps a choice field.
    pub fn type_text(&mut self, text: &str) -> FormStep {
        let Some(field) = self.fields.get_mut(self.focused) else {
            return FormStep::Unchanged;
        };
        match &mut field.kind {
            FieldKind::Text(input) => {
                input.insert(text);
                field.error = None;
                FormStep::Edited
            }
            FieldKind::Choice { .. } if text == " " => self.edit_focused(Action::CursorRight),
            FieldKind::Choice { .. } => FormStep::Unchanged,
        }
    }

    /// Puts the first field that differs from what the form started with in focus (a form
    /// brought back from a draft opens where the typing was); none changed leaves it.
    pub fn focus_first_changed(&mut self) {
        if let Some(index) = self
            .fields
            .iter()
            .zip(&self.initial)
            .position(|(field, initial)| field.value() != initial)
        {
            self.focused = index;
        }
    }

    /// Puts the first error's field in focus; returns whether there was one.
    pub fn focus_first_error(&mut self) -> bool {
        match self.fields.iter().position(|f| f.error.is_some()) {
            Some(index) => {
                self.focused = index;
                true
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_enter_and_paste_never_submit_early() {
        let mut form = Form::new(
            "Värden".into(),
            vec![
                FormField::text("A", None, ""),
                FormField::choice("B", vec!["x".into(), "y".into()], 0),
            ],
        );
        assert_eq!(form.type_text("1\n2"), FormStep::Edited);
        assert_eq!(form.fields[0].value(), "1 2");
        assert_eq!(form.handle(Action::Confirm), FormStep::Unchanged);
        assert_eq!(form.focused, 1);
        assert_eq!(form.type_text(" "), FormStep::Edited);
        assert_eq!(form.fields[1].value(), "y");
        assert_eq!(form.handle(Action::Close), FormStep::AskBeforeClose);
        assert_eq!(form.handle(Action::Confirm), FormStep::Submit);
    }
}
