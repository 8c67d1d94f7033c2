//! A list an effect reads and the screen shows as it arrives — *Händelser*, *Granskning*:
//! what it was read for (`key`), its rows or why they could not be read, and one
//! [`ScrollList`] selecting among them.

use super::scroll_list::ScrollList;

/// Rows read for `key`; `rows` is `None` while they are being read.
#[derive(Debug, Clone)]
pub struct LoadedList<K, T> {
    pub key: K,
    pub rows: Option<Result<Vec<T>, String>>,
    pub list: ScrollList,
}

impl<K, T> LoadedList<K, T> {
    /// A list for `key` whose rows are on their way.
    pub fn loading(key: K) -> Self {
        LoadedList {
            key,
            rows: None,
            list: ScrollList::selecting(),
        }
    }

    pub fn selected(&self) -> Option<&T> {
        let rows = self.rows.as_ref()?.as_ref().ok()?;
        rows.get(self.list.selected()?)
    }

    pub fn len(&self) -> usize {
        match &self.rows {
            Some(Ok(rows)) => rows.len(),
            _ => 0,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Takes the page size from the layout pass.
    pub fn set_page(&mut self, rows: usize) {
        let len = self.len();
        self.list.resize(len, rows);
    }

    /// The rows arrived (or why not); the row at `select` is selected, within the list.
    pub fn arrive(&mut self, result: Result<Vec<T>, String>, select: usize) {
        self.rows = Some(result);
        let len = self.len();
        self.list.set_len(len);
        self.list.select(select.min(len.saturating_sub(1)));
    }
}
