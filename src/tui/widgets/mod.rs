//! Small helpers shared by the screens: data text to spans, wrapping, text tables, and the
//! one scrolling list.

pub mod lines;
pub mod loaded_list;
pub mod pane;
pub mod scroll_list;
pub mod text;
pub mod text_table;
