//! The command-line subcommands other than the UI. Each returns the text to print, so the
//! binary stays thin and the commands can be tested without a terminal.

pub mod demo;
pub mod doctor;
pub mod economy;
pub mod export;
pub mod export_report;
pub mod export_table;
pub mod find;
pub mod flags;
pub mod history;
pub mod import;
pub mod import_json;
pub mod import_kolada;
pub mod import_values;
pub mod progress;
pub mod remote;
pub mod select;
pub mod summary;
