//! The bodies of the report page's requests, one set for both front ends
//! (the workbench and the collection server): the page's script sends the
//! same JSON to either.

use serde::Deserialize;

/// Most edits in one save.
pub const MAX_EDITS: usize = 500;

/// `POST /api/save`: the edits, made on the version of the file the page
/// shows.
#[derive(Debug, Clone, Deserialize)]
pub struct Save {
    /// The file (the workbench) or report (the server) the page shows.
    pub file: String,
    /// The version of the text the edits were made on
    /// ([`super::state::version`]).
    pub version: String,
    /// The edits, in the order they were made.
    pub edits: Vec<Edit>,
    /// Whether the answer carries the report's preview (`html`; absent:
    /// yes). The server's page leaves it out while the clerk types and
    /// asks for it when typing pauses: the preview is a third of a save's
    /// work (issue 64.5).
    #[serde(default = "yes")]
    pub preview: bool,
}

/// The default of a flag that is on unless the page says otherwise.
fn yes() -> bool {
    true
}

/// One edit: the value typed at one data path.
#[derive(Debug, Clone, Deserialize)]
pub struct Edit {
    /// The data path (`依申请公开.本年新收[0]`).
    pub path: String,
    /// The value as typed.
    pub value: String,
}

/// `POST /api/build`: one output of the report the page shows.
#[derive(Debug, Clone, Deserialize)]
pub struct BuildRequest {
    /// The file or report.
    pub file: String,
    /// `pdf`, `docx` or (the workbench) `html`.
    pub format: String,
}

/// `POST /api/clean`: a pasted text to make into paragraphs.
#[derive(Debug, Clone, Deserialize)]
pub struct Clean {
    /// The text as pasted.
    pub text: String,
}
