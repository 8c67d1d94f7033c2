//! Undo and redo of saved changes. Each save leaves an [`AuditEntry`]; undo applies its
//! [`AuditEntry::undo_change`] (itself a change, audited like any other) and redo applies
//! the original change again. Only this session's saves are offered.

use crate::store::{AuditEntry, Change};

/// Why a change is being applied, so its result lands on the right stack.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveKind {
    /// A save from an editor, form or picker.
    Edit,
    /// Undoing this earlier save.
    Undo(Box<AuditEntry>),
    /// Doing this undone save again.
    Redo(Box<AuditEntry>),
}

/// The saves that can be undone and the undone ones that can be redone, newest last.
#[derive(Debug, Clone, Default)]
pub struct UndoHistory {
    undo: Vec<AuditEntry>,
    redo: Vec<AuditEntry>,
}

impl UndoHistory {
    /// The change that undoes the newest save, taken off the stack until it is applied.
    /// `Err` with a Swedish message when there is nothing (or nothing expressible) to undo.
    pub fn take_undo(&mut self) -> Result<(Change, SaveKind), String> {
        let entry = self
            .undo
            .pop()
            .ok_or_else(|| "Inget att ångra".to_owned())?;
        match entry.undo_change() {
            Some(change) => Ok((change, SaveKind::Undo(Box::new(entry)))),
            None => Err(format!(
                "Kan inte ångra «{}»: det finns inget att återställa",
                entry.change.describe()
            )),
        }
    }

    /// The newest undone change, to apply again.
    pub fn take_redo(&mut self) -> Result<(Change, SaveKind), String> {
        let entry = self
            .redo
            .pop()
            .ok_or_else(|| "Inget att göra om".to_owned())?;
        Ok((entry.change.clone(), SaveKind::Redo(Box::new(entry))))
    }

    /// Records a change that was applied; `entry` is its audit entry.
    pub fn applied(&mut self, kind: SaveKind, entry: AuditEntry) {
        match kind {
            SaveKind::Edit => {
                self.undo.push(entry);
                self.redo.clear();
            }
            SaveKind::Undo(original) => self.redo.push(*original),
            SaveKind::Redo(_) => self.undo.push(entry),
        }
    }

    /// Puts back what [`take_undo`](Self::take_undo) or [`take_redo`](Self::take_redo)
    /// took, when applying it failed.
    pub fn failed(&mut self, kind: SaveKind) {
        match kind {
            SaveKind::Edit => {}
            SaveKind::Undo(original) => self.undo.push(*original),
            SaveKind::Redo(original) => self.redo.push(*original),
        }
    }
}
