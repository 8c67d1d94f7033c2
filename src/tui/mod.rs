//! The terminal interface: terminal guard and signals, event loop, app state, keymaps, views.

pub mod action;
pub mod keymap;
