//! Rendering a report: the shared [document] structure, then one renderer
//! per output format.

pub mod budget;
pub mod context;
pub mod document;
pub mod docx;
pub mod escape;
pub mod layout;
pub mod paragraphs;
pub mod pdf;
pub mod pages;
pub mod print_labels;
pub mod templates;
pub mod markup;
pub mod words;
