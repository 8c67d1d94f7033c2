//! malkoll: goal follow-up (*målstyrning*) for Stockholm's district councils, in the terminal.
//!
//! Data flows one way: keymap → `Action` → `App::update` → `Effect` → `Store::apply(Change)`.
//! [`domain`] holds pure types and rules, [`store`] the sled database, [`import`] the document
//! readers, [`tui`] the terminal interface.

pub mod commands;
pub mod demo;
pub mod domain;
pub mod export;
pub mod import;
pub mod search;
pub mod service;
pub mod store;
pub mod tui;
