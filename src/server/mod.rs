//! `nianbao server` (服务器): the county collection server. Departments log
//! in, fill their unit's report in the workbench's page and submit it; the
//! 政务公开办 sees a board of every unit, returns reports with a remark and
//! approves them.
//!
//! [`store`] keeps everything behind one interface (today one SQLite file
//! in WAL mode, its schema versioned): accounts, reports, every revision,
//! the remarks, the audit log. [`auth`] hashes passwords
//! (Argon2id) and keeps the sessions. [`setup`] creates the store from a
//! roster. [`routes`] answers the requests (roles checked on every one),
//! [`pages`] writes the login page and the board, and [`listen`] serves
//! them through the one HTTP layer ([`crate::serve`]), over TLS with
//! [`tls`]'s settings when a certificate is given; [`throttle`] counts
//! failed logins per address.

pub mod access;
pub mod account_admin;
pub mod accounts;
pub mod actions;
pub mod auth;
pub mod backup;
pub mod county;
pub mod digest;
pub mod history;
pub mod identity;
pub mod listen;
pub mod login;
pub mod new_year;
pub mod opening;
pub mod output;
pub mod pages;
pub mod region;
pub mod remarks;
pub mod reply;
pub mod routes;
pub mod setup;
pub mod from_upload;
pub mod store;
pub mod throttle;
pub mod tls;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::build::BuildPlan;
use crate::render::templates::Templates;

use auth::Sessions;
use store::Store;

/// One running collection server.
#[derive(Debug)]
pub struct Server {
    /// The server's folder (the database is in it).
    pub dir: PathBuf,
    store: Box<dyn Store>,
    /// The logged-in sessions.
    pub sessions: Sessions,
    /// How the report page's preview is rendered.
    pub plan: BuildPlan,
    /// The templates, loaded once.
    pub tera: Templates,
    /// Held while a password is checked: Argon2id is slow and large on
    /// purpose, so logins are checked one at a time.
    pub hashing: Mutex<()>,
    /// Held while documents are built (downloads, exports): they are
    /// large and slow, and built one request at a time.
    pub building: Mutex<()>,
    /// A hash checked for unknown user names, so that they take as long as
    /// known ones.
    pub decoy: String,
    /// Failed logins per address (beside the per-account lockout).
    pub throttle: throttle::Throttle,
    /// The county summary's work kept between refreshes.
    pub county: county::SummaryCache,
    /// The address listened on.
    pub addr: SocketAddr,
    /// Whether the server speaks HTTPS (`--cert`/`--key`).
    pub tls: bool,
    /// Host names the server answers to over plain HTTP besides IP
    /// addresses and `localhost` (`--host`), lower case.
    pub hosts: Vec<String>,
    stop: AtomicBool,
    /// The folder's lock, held while the server runs ([`backup::lock`]).
    _lock: std::fs::File,
}

/// Refuses a server folder `dir` where no file can be written (the
/// store's log and backups are written there).
fn writable(dir: &Path) -> Result<(), String> {
    let probe = dir.join(".nianbao-write-check");
    let written = std::fs::write(&probe, b"ok");
    let _ = std::fs::remove_file(&probe);
    written.map_err(|e| {
        format!(
            "服务器文件夹 {} 无法写入（{}）：请让运行服务器的账号可以写入该文件夹后再启动",
            dir.display(),
            crate::files::io_message(&e)
        )
    })
}

impl Server {
    /// The server on the store in `dir` (made by `server init`), to listen
    /// on `addr`.
    pub fn open(dir: &Path, addr: SocketAddr) -> Result<Server, String> {
        let db = store::db_path(dir);
        if !db.is_file() {
            return Err(format!(
                "{} 中没有服务器数据库（{}）：请先运行 nianbao server init {} --roster 名单.xlsx",
                dir.display(),
                store::DB_FILE,
                dir.display()
            ));
        }
        let lock = backup::lock(dir)?;
        writable(dir)?;
        let store = store::open(&db, false)?;
        county::fill_counts(store.as_ref())?;
        let plan = BuildPlan::preview(None);
        let tera = plan.load_templates().map_err(|e| e.message)?;
        Ok(Server {
            dir: dir.to_path_buf(),
            store,
            sessions: Sessions::default(),
            plan,
            tera,
            hashing: Mutex::new(()),
            building: Mutex::new(()),
            decoy: auth::hash(&auth::new_password()?)?,
            throttle: throttle::Throttle::default(),
            county: county::SummaryCache::default(),
            addr,
            hosts: Vec::new(),
            tls: false,
            stop: AtomicBool::new(false),
            _lock: lock,
        })
    }

    /// The store.
    pub fn store(&self) -> &dyn Store {
        self.store.as_ref()
    }

    /// The server, answering to the host names `names` besides IP
    /// addresses and `localhost` (over plain HTTP; see
    /// [`listen::host_is_ours`]).
    pub fn with_hosts(self, names: &[String]) -> Server {
        let hosts = names
            .iter()
            .map(|n| n.trim().to_ascii_lowercase())
            .collect();
        Server { hosts, ..self }
    }

    /// The server, speaking HTTPS.
    pub fn with_tls(self) -> Server {
        Server { tls: true, ..self }
    }

    /// `https` or `http`.
    pub fn scheme(&self) -> &'static str {
        if self.tls { "https" } else { "http" }
    }

    /// The address to open.
    pub fn url(&self) -> String {
        format!("{}://{}/", self.scheme(), self.addr)
    }

    /// Asks the server to stop, and wakes its accept loop.
    pub fn stop(&self) {
        self.stop.store(true, Ordering::SeqCst);
        let mut own = self.addr;
        if own.ip().is_unspecified() {
            own.set_ip(std::net::Ipv4Addr::LOCALHOST.into());
        }
        let _ = std::net::TcpStream::connect_timeout(&own, std::time::Duration::from_secs(1));
    }

    /// Whether the server is stopping.
    pub fn stopping(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }
}
