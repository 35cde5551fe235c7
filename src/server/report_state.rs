//! The report page's state on the server, typed: the editing core's
//! [`PageState`] of the report's text with the round's fields beside it
//! (the unit, the year, where the report stands, who may change it, the
//! office's remarks). The page's script reads it as JSON; the server
//! decides nothing by reading it back as JSON (a count is a field, and a
//! text that reads as no report has no values).

use std::path::PathBuf;

use serde::Serialize;

use super::Server;
use super::auth::Session;
use super::store::{Remark, ReportRow, Role, State};
use crate::editing::{self, state::PageState};

/// The report page's state of one report for one session.
#[derive(Debug, Clone, Serialize)]
pub struct ReportState {
    /// The editing core's state of the report's text.
    #[serde(flatten)]
    pub page: PageState,
    /// The unit the report is of.
    pub unit: String,
    /// The round's year.
    pub year: i64,
    /// Where the report stands ([`State::key`]).
    pub state: &'static str,
    /// That, in Chinese ([`State::label`]).
    pub label: &'static str,
    /// The office's remark with its last return.
    pub remark: String,
    /// The revision the page shows.
    pub revision: i64,
    /// Whether the session may change the report now.
    pub editable: bool,
    /// The office's remarks of the latest round that has any.
    pub remarks: Vec<Remark>,
    /// Whether the session may add remarks now.
    pub remarking: bool,
}

impl ReportState {
    /// The state after `row` moved to `next` as revision `revision`.
    pub fn moved(mut self, next: State, revision: i64) -> ReportState {
        self.state = next.key();
        self.label = next.label();
        self.revision = revision;
        self
    }
}

/// The name a report's text goes by in findings: its id, as the page
/// names it.
pub fn file_of(row: &ReportRow) -> PathBuf {
    PathBuf::from(row.meta.id.to_string())
}

/// The page's state of `row` for `session` (the editing core's
/// [`editing::state::state_for`], the report taken to be of the
/// roster's 机关类型 where it declares none), with the report's preview
/// only if `preview`.
pub fn of(server: &Server, session: &Session, row: &ReportRow, preview: bool) -> ReportState {
    let page = editing::state::state_for(
        &file_of(row),
        &row.text,
        (&server.plan, &server.tera),
        &mut |_| {},
        (preview, super::store::roster_kind(&row.meta.agency_kind)),
    );
    let open = super::new_year::still_open(server, row).is_ok();
    let (remarks, remarking) = super::remarks::for_page(server, session, row);
    ReportState {
        page,
        unit: row.meta.unit.clone(),
        year: row.meta.year,
        state: row.meta.state.key(),
        label: row.meta.state.label(),
        remark: row.meta.remark.clone(),
        revision: row.meta.revision,
        editable: session.role == Role::Department && row.meta.state.editable() && open,
        remarks,
        remarking,
    }
}
