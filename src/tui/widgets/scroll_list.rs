//! One scrolling list for every screen: the tree, the detail pane, help, the *Att åtgärda*
//! list, the finder's hits and the history table. It holds the first row shown (offset), the
//! selected row if the list has one, the content's length and the page size, and keeps one
//! policy: the selection stays visible and the offset stays within the content (the last
//! page is full). The layout pass hands it the sizes ([`ScrollList::resize`]); drawing only
//! reads [`ScrollList::offset`].

use crate::tui::action::Action;

/// Offset, selection and page size of a list or a page of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScrollList {
    offset: usize,
    selected: Option<usize>,
    len: usize,
    page: usize,
}

impl Default for ScrollList {
    /// Nothing laid out yet: no content limit, a 24-line terminal's page.
    fn default() -> Self {
        ScrollList {
            offset: 0,
            selected: None,
            len: usize::MAX,
            page: 20,
        }
    }
}

impl ScrollList {
    /// A list with a selection on its first row.
    pub fn selecting() -> Self {
        ScrollList {
            selected: Some(0),
            ..ScrollList::default()
        }
    }

    /// The first row shown.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// The selected row, for a list that has one.
    pub fn selected(&self) -> Option<usize> {
        self.selected
    }

    /// Rows shown at once (at least 1).
    pub fn page(&self) -> usize {
        self.page
    }

    /// The largest useful offset: the last page is full.
    pub fn max_offset(&self) -> usize {
        self.len.saturating_sub(self.page)
    }

    /// Takes the content's length and the page size (from the layout pass), then keeps the
    /// policy.
    pub fn resize(&mut self, len: usize, page: usize) {
        self.len = len;
        self.page = page.max(1);
        self.settle();
    }

    /// Takes the content's length only (the page is kept), then keeps the policy.
    pub fn set_len(&mut self, len: usize) {
        self.len = len;
        self.settle();
    }

    /// Selects `row` (clamped to the content) and scrolls it into view.
    pub fn select(&mut self, row: usize) {
        self.selected = Some(row);
        self.settle();
    }

    /// Moves the selection by `delta` rows, within the content.
    pub fn move_by(&mut self, delta: isize) {
        let row = self.selected.unwrap_or(self.offset);
        self.select(row.saturating_add_signed(delta));
    }

    /// Moves the selection for a navigation action (a row, a page, first, last); other
    /// actions change nothing. Returns whether the action was a navigation action.
    pub fn navigate(&mut self, action: Action) -> bool {
        let page = self.page as isize;
        match action {
            Action::MoveUp => self.move_by(-1),
            Action::MoveDown => self.move_by(1),
            Action::PageUp => self.move_by(-page),
            Action::PageDown => self.move_by(page),
            Action::First => self.select(0),
            Action::Last => self.select(self.len.saturating_sub(1)),
            _ => return false,
        }
        true
    }

    /// Scrolls a list without a selection (a page of text) for a navigation action; returns
    /// whether it was one.
    pub fn scroll(&mut self, action: Action) -> bool {
        let page = self.page as isize;
        match action {
            Action::MoveUp => self.scroll_by(-1),
            Action::MoveDown => self.scroll_by(1),
            Action::PageUp => self.scroll_by(-page),
            Action::PageDown => self.scroll_by(page),
            Action::First => self.offset = 0,
            Action::Last => self.offset = self.max_offset(),
            _ => return false,
        }
        true
    }

    /// Scrolls by `delta` rows, within the content.
    pub fn scroll_by(&mut self, delta: isize) {
        self.offset = self
            .offset
            .saturating_add_signed(delta)
            .min(self.max_offset());
    }

    /// Scrolls just enough that rows `start..start + count` show (their start first, when
    /// they are more than a page).
    pub fn show(&mut self, start: usize, count: usize) {
        if start < self.offset {
            self.offset = start;
        } else if start + count > self.offset + self.page {
            self.offset = (start + count).saturating_sub(self.page).min(start);
        }
        self.offset = self.offset.min(self.max_offset());
    }

    /// Back to the top (new content).
    pub fn reset(&mut self) {
        self.offset = 0;
        if self.selected.is_some() {
            self.selected = Some(0);
        }
    }

    /// The one policy: the selection within the content and visible, the offset within the
    /// content.
    fn settle(&mut self) {
        if let Some(selected) = self.selected.as_mut() {
            *selected = (*selected).min(self.len.saturating_sub(1));
            let selected = *selected;
            if selected < self.offset {
                self.offset = selected;
            } else if selected >= self.offset + self.page {
                self.offset = selected + 1 - self.page;
            }
        }
        self.offset = self.offset.min(self.max_offset());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(len: usize, page: usize) -> ScrollList {
        let mut list = ScrollList::selecting();
        list.resize(len, page);
        list
    }

    #[test]
    fn the_selection_stays_visible_when_moving_down_and_up() {
        let mut list = list(10, 3);
        list.move_by(1);
        list.move_by(1);
        assert_eq!((list.selected(), list.offset()), (Some(2), 0));
        list.move_by(1);
        assert_eq!((list.selected(), list.offset()), (Some(3), 1));
        list.navigate(Action::Last);
        assert_eq!((list.selected(), list.offset()), (Some(9), 7));
        list.navigate(Action::PageUp);
        assert_eq!((list.selected(), list.offset()), (Some(6), 6));
        list.navigate(Action::First);
        assert_eq!((list.selected(), list.offset()), (Some(0), 0));
    }

    #[test]
    fn moves_are_clamped_to_the_content() {
        let mut list = list(4, 10);
        list.move_by(-5);
        assert_eq!(list.selected(), Some(0));
        list.navigate(Action::PageDown);
        assert_eq!((list.selected(), list.offset()), (Some(3), 0));
        let mut empty = ScrollList::selecting();
        empty.resize(0, 5);
        empty.navigate(Action::MoveDown);
        assert_eq!((empty.selected(), empty.offset()), (Some(0), 0));
    }

    #[test]
    fn a_shrinking_content_or_growing_page_pulls_the_offset_back() {
        let mut list = list(20, 5);
        list.select(19);
        assert_eq!(list.offset(), 15);
        list.resize(20, 10);
        assert_eq!(list.offset(), 10, "the last page stays full");
        list.resize(8, 10);
        assert_eq!((list.selected(), list.offset()), (Some(7), 0));
    }

    #[test]
    fn a_page_of_text_scrolls_within_its_limit() {
        let mut text = ScrollList::default();
        text.resize(30, 10);
        assert!(text.scroll(Action::MoveDown));
        assert_eq!(text.offset(), 1);
        text.scroll(Action::PageDown);
        text.scroll(Action::PageDown);
        text.scroll(Action::PageDown);
        assert_eq!(text.offset(), 20);
        text.scroll(Action::PageUp);
        assert_eq!(text.offset(), 10);
        text.scroll(Action::Last);
        assert_eq!(text.offset(), 20);
        text.scroll(Action::First);
        assert_eq!(text.offset(), 0);
        assert!(!text.scroll(Action::Close));
        assert_eq!(text.selected(), None);
    }

    #[test]
    fn show_brings_a_range_into_view() {
        let mut text = ScrollList::default();
        text.resize(50, 10);
        text.show(12, 3);
        assert_eq!(text.offset(), 5, "the range's end at the bottom");
        text.show(2, 2);
        assert_eq!(text.offset(), 2, "the range's start at the top");
        text.show(20, 15);
        assert_eq!(
            text.offset(),
            20,
            "a range taller than the page shows its start"
        );
        text.show(48, 2);
        assert_eq!(text.offset(), 40);
    }

    #[test]
    fn before_the_first_layout_nothing_is_cut() {
        let mut text = ScrollList::default();
        text.scroll_by(7);
        assert_eq!(text.offset(), 7);
    }
}
