//! The editing core under the report page's two front ends — the
//! workbench on a clerk's folder and the collection server on its stored
//! reports — and the sign-off command: what a change to a data file's text
//! is and what the page shows of that text, whoever serves it.
//!
//! [`yaml_edit`] changes one value of a data file in place (only the
//! value's bytes; comments and layout kept); [`request`] is the one set
//! of request bodies the page sends (a save and its edits, a build, a
//! clean), and [`save`] makes a save's edits on the text it was made on;
//! [`signoff`] writes the accepted changes of a reviewed document
//! ([`crate::signoff`]) and names the findings each would cause; [`state`]
//! is the report state the page shows, a typed [`state::PageState`]
//! (version, values, findings with their cells, figures, carried
//! paragraphs and figures, the rendered report, the findings as
//! [`findings`] says them) and the sums and editable paths; [`upload`] imports a report uploaded to start from. This core
//! knows neither the preview nor HTTP: it works on a text it is given,
//! writes no file (the front ends do: a folder's file, a stored revision),
//! answers with values and refusals of its own (each front end says them
//! on its own routes, with its own replies) and knows no route; only
//! `check` reads, beside the file named, last year's data file a report
//! names.

pub mod carried;
pub mod findings;
pub mod request;
pub mod save;
pub mod signoff;
pub mod state;
pub mod upload;
pub mod yaml_edit;

/// Largest data file the front ends open and write: the workbench's
/// folder (a larger file is not opened, nor written by an import or a
/// sign-off), the server's reports (an upload making a larger one is
/// refused).
pub const MAX_DATA_FILE: u64 = 4 * 1024 * 1024;

/// The largest upload accepted (last year's published report, a filled
/// workbook, a reviewed document).
pub const MAX_UPLOAD: usize = 32 * 1024 * 1024;
