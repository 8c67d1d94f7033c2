//! The terminal interface: terminal guard and signals, event loop, app state, keymaps, views.
