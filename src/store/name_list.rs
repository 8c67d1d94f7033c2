//! Keeps the compact name list ([`crate::search::names`]) beside the database in step with
//! the plan years: taken away before a plan year is put, written back with that council-year's
//! block replaced after it was. Errors here never fail a change — the list is a cache, and a
//! missing list is rebuilt from the database when it is next needed.

use super::{Store, StoreError};
use crate::domain::PlanYear;
use crate::search::names;

impl Store {
    /// Removes the name list and returns its text, so that a crash in the middle of a write
    /// leaves no stale list behind.
    pub(super) fn take_name_list(&self) -> Option<String> {
        let text = names::read(&self.dir).ok().flatten();
        let _ = std::fs::remove_file(names::path_in(&self.dir));
        text
    }

    /// Writes the name list back after a put of `plan` (or, when the put failed, as it was).
    pub(super) fn restore_name_list(&self, taken: Option<String>, put: Option<&PlanYear>) {
        let text = match (taken, put) {
            (Some(text), Some(plan)) => names::replace_block(&text, plan),
            (Some(text), None) => Some(text),
            (None, _) => None,
        };
        let written = match text {
            Some(text) => names::write(&self.dir, &text).is_ok(),
            None => self.rebuild_name_list().is_ok(),
        };
        super::directory::make_private(&names::path_in(&self.dir));
        if !written {
            let _ = std::fs::remove_file(names::path_in(&self.dir));
        }
    }

    /// Writes the name list anew from every stored plan year; returns its text.
    pub fn rebuild_name_list(&self) -> Result<String, StoreError> {
        let mut blocks = Vec::new();
        for council in self.councils()? {
            for year in self.years(&council.id)? {
                if let Some(plan) = self.plan_year(&council.id, year)? {
                    blocks.push(names::block(&plan));
                }
            }
        }
        let text = names::file_text(blocks.iter().map(String::as_str));
        names::write(&self.dir, &text)?;
        super::directory::make_private(&names::path_in(&self.dir));
        Ok(text)
    }
}
