//! Rendering a report: the shared [document] structure, then one renderer
//! per output format; the fixed-layout formats write the pages [typeset]
//! lays out (the PDF, [pdf], and the OFD, [ofd]).

pub mod budget;
pub mod charts;
pub mod printable;
pub mod zaozi;
pub mod context;
pub mod document;
pub mod docx;
pub mod escape;
pub mod layout;
pub mod paragraphs;
pub mod typeset;
pub mod pdf;
pub mod ofd;
pub mod pages;
pub mod print_labels;
pub mod templates;
pub mod markup;
pub mod words;
