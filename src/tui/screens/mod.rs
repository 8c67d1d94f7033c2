//! Screens with their own state and drawing, one module each.

pub mod economy;
