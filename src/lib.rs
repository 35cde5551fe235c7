//! nianbao: validates the data of a 政府信息公开工作年度报告 and renders the
//! report as Markdown, HTML and PDF.
//!
//! The flow runs one way: a data file is [loaded](load) into the
//! [model], checked by the [rules], and problems come out as
//! [diagnostics](diag).

pub mod batch;
pub mod build;
pub mod check;
pub mod cli;
pub mod compare;
pub mod diag;
pub mod grid;
pub mod import;
pub mod load;
pub mod model;
pub mod next_year;
pub mod output;
pub mod placeholder;
pub mod preview;
pub mod render;
pub mod rules;
pub mod source;
pub mod workbench;
pub mod write;
pub mod xlsx;

#[cfg(test)]
pub(crate) mod testutil;
