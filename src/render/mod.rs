//! Rendering a report: the shared [document] structure, then one renderer
//! per output format.

pub mod document;
pub mod pdf;
