//! `nianbao workbench` (工作台): fill in, check and publish reports in a
//! browser, without touching YAML.
//!
//! The data file stays the source of truth: every change in the page is
//! written into it at once (by the editing core, [`crate::editing`]: only
//! the changed value's bytes, comments and layout kept; through
//! `files::write_atomic`), checked by the same rules as `nianbao check`
//! and rendered by the same build plan ([`crate::editing::state`]).
//! [`server`] serves the pages ([`page`]) and the JSON routes ([`api`])
//! on loopback through the one HTTP layer ([`crate::serve`]), behind a
//! per-session token; [`folder`] decides which files a request may name;
//! [`notes`] keeps an import's notes beside the data file made from it.

pub mod api;
pub mod folder;
pub mod notes;
pub mod page;
pub mod server;

use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::render::templates::Templates;

use crate::build::BuildPlan;
use crate::serve::token::SessionToken;

/// One running workbench: the folder it serves and its session.
#[derive(Debug)]
pub struct Workbench {
    /// The folder served (canonical).
    pub root: PathBuf,
    /// The session's token, required on every request.
    token: SessionToken,
    /// The port listened on.
    pub port: u16,
    /// Opens a written output with the system's viewer (`None`: outputs
    /// are only written).
    pub opener: Option<fn(&str)>,
    /// How the page's report is rendered (HTML, a draft while it has errors).
    pub plan: BuildPlan,
    /// The templates, loaded once.
    pub tera: Templates,
    /// Held while a data file is read, changed and written, so that two
    /// saves never interleave.
    pub writing: Mutex<()>,
    stop: AtomicBool,
}

impl Workbench {
    /// A workbench on `root` (canonical) listening on `port`.
    pub fn new(root: PathBuf, port: u16, opener: Option<fn(&str)>) -> Result<Workbench, String> {
        let plan = BuildPlan::preview(None);
        let tera = plan.load_templates().map_err(|e| e.message)?;
        Ok(Workbench {
            root,
            token: SessionToken::new(),
            port,
            opener,
            plan,
            tera,
            writing: Mutex::new(()),
            stop: AtomicBool::new(false),
        })
    }

    /// The address to open, token included.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/?t={}", self.port, self.token.as_str())
    }

    /// The session's token.
    pub fn token(&self) -> &str {
        self.token.as_str()
    }

    /// Whether a request carries the session's token.
    pub fn carries_token(&self, head: &crate::serve::Head) -> bool {
        self.token.carried_by(head)
    }

    /// Whether an `Origin` header is this server's own page.
    pub fn own_origin(&self, origin: &str) -> bool {
        let port = self.port;
        [
            format!("http://127.0.0.1:{port}"),
            format!("http://localhost:{port}"),
            format!("http://[::1]:{port}"),
        ]
        .iter()
        .any(|o| o.eq_ignore_ascii_case(origin.trim()))
    }

    /// Asks the server to stop, and wakes its accept loop (blocked until
    /// a connection arrives) with a connection of its own.
    pub fn stop(&self) {
        self.stop.store(true, Ordering::SeqCst);
        crate::serve::wake(self.port);
    }

    /// Whether the server is stopping.
    pub fn stopping(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }
}
