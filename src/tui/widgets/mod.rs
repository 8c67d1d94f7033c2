//! Small drawing helpers shared by the views: data text to spans, wrapping, text tables.

pub mod text;
pub mod text_table;
