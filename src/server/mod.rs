//! `nianbao server` (服务器): the county collection server. Departments log
//! in, fill their unit's report in the workbench's page and submit it; the
//! 政务公开办 sees a board of every unit, returns reports with a remark and
//! approves them.
//!
//! [`store`] keeps everything behind one interface (one SQLite file in WAL
//! mode, or a PostgreSQL database with the cargo feature `postgres`; both
//! schemas versioned by the same migrations): accounts, reports, every
//! revision, the remarks, the audit log. [`auth`] hashes passwords
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
pub mod audit_log;
pub mod audit_rate;
pub mod auth;
pub mod backup;
pub mod build_slots;
pub mod county;
pub mod deadline;
pub mod digest;
pub mod history;
pub mod identity;
pub mod late;
pub mod listen;
pub mod login;
#[cfg(feature = "postgres")]
pub mod moving;
pub mod new_year;
pub mod opening;
pub mod output;
pub mod overview;
pub mod pages;
pub mod region;
pub mod remarks;
pub mod reply;
pub mod report_state;
pub mod routes;
pub mod setup;
pub mod from_upload;
pub mod store;
pub mod throttle;
pub mod tls;
pub mod unknown;

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
    store: std::sync::Arc<dyn Store>,
    /// The logged-in sessions.
    pub sessions: Sessions,
    /// How the report page's preview is rendered.
    pub plan: BuildPlan,
    /// The templates, loaded once.
    pub tera: Templates,
    /// Held while a password is checked: Argon2id is slow and large on
    /// purpose, so logins are checked one at a time.
    pub hashing: Mutex<()>,
    /// Held while the whole round's documents are built (an export, a
    /// year's opening): they are large and slow, one at a time.
    pub building: Mutex<()>,
    /// The downloads built at once: a few side by side, one at a time per
    /// report.
    pub downloads: build_slots::BuildSlots,
    /// A hash checked for unknown user names, so that they take as long as
    /// known ones.
    pub decoy: String,
    /// Failed logins to names that are no account, counted as an
    /// account's are (the lockout answers alike).
    pub unknown_names: unknown::UnknownNames,
    /// How fast each account may write the audit log.
    pub audit_rate: audit_rate::AuditRate,
    /// Failed logins per address (beside the per-account lockout).
    pub throttle: throttle::Throttle,
    /// The county summary's work kept between refreshes.
    pub county: county::SummaryCache,
    /// The address listened on.
    pub addr: SocketAddr,
    /// Whether the server speaks HTTPS (`--cert`/`--key`).
    pub tls: bool,
    /// The gateway in front of the server, if any: whose
    /// `X-Forwarded-For` is believed, and whether browsers reach it over
    /// HTTPS.
    pub gateway: Gateway,
    /// Host names the server answers to over plain HTTP besides IP
    /// addresses and `localhost` (`--host`), lower case.
    pub hosts: Vec<String>,
    stop: AtomicBool,
    /// The folder's lock, held while the server runs ([`backup::lock`]);
    /// none on a PostgreSQL store, which several processes share.
    _lock: Option<std::fs::File>,
}

/// A gateway (reverse proxy) in front of one or several server processes.
#[derive(Debug, Clone, Default)]
pub struct Gateway {
    /// The addresses of the gateway (`--trusted-proxy`): only their
    /// `X-Forwarded-For` is believed.
    pub proxies: Vec<std::net::IpAddr>,
    /// Whether the gateway speaks HTTPS to browsers (`--gateway-https`).
    pub tls: bool,
}

impl Gateway {
    /// The client behind a connection from `peer` that sent
    /// `forwarded` (`X-Forwarded-For`).
    pub fn client(&self, peer: std::net::IpAddr, forwarded: Option<&str>) -> std::net::IpAddr {
        let trusted = |a: &std::net::IpAddr| self.proxies.contains(&throttle::canonical(*a));
        if !trusted(&peer) {
            return peer;
        }
        let Some(forwarded) = forwarded else {
            return peer;
        };
        for hop in forwarded.rsplit(',').take(16) {
            match hop.trim().parse::<std::net::IpAddr>() {
                Ok(a) if trusted(&a) => continue,
                Ok(a) => return a,
                Err(_) => return peer,
            }
        }
        peer
    }
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
        if !store::exists_in(dir) {
            return Err(format!(
                "{} 中没有服务器数据库（{}）：请先运行 nianbao server init {} --roster 名单.xlsx",
                dir.display(),
                store::DB_FILE,
                dir.display()
            ));
        }
        let lock = match store::database_url(dir)? {
            Some(_) => None,
            None => Some(backup::lock(dir)?),
        };
        writable(dir)?;
        let store: std::sync::Arc<dyn Store> = store::open_existing(dir)?.into();
        county::fill_counts(store.as_ref())?;
        let plan = BuildPlan::preview(None);
        let tera = plan.load_templates().map_err(|e| e.message)?;
        Ok(Server {
            dir: dir.to_path_buf(),
            sessions: Sessions::new(store.clone()),
            throttle: throttle::Throttle::new(store.clone()),
            store,
            plan,
            tera,
            hashing: Mutex::new(()),
            building: Mutex::new(()),
            downloads: build_slots::BuildSlots::for_this_machine(),
            decoy: auth::hash(&auth::new_password()?)?,
            unknown_names: unknown::UnknownNames::default(),
            audit_rate: audit_rate::AuditRate::default(),
            county: county::SummaryCache::default(),
            addr,
            hosts: Vec::new(),
            tls: false,
            gateway: Gateway::default(),
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

    /// The server behind `gateway`.
    pub fn with_gateway(self, gateway: Gateway) -> Server {
        Server { gateway, ..self }
    }

    /// Whether browsers reach the server over HTTPS: its own, or the
    /// gateway's in front of it (cookies are then `Secure`).
    pub fn https(&self) -> bool {
        self.tls || self.gateway.tls
    }

    /// The address of the client that sent `head`: the connection's
    /// peer, or, when the peer is a trusted gateway, the last address of
    /// its `X-Forwarded-For` that is not itself a trusted gateway (the
    /// header of anyone else is ignored).
    pub fn client(&self, head: &crate::serve::Head) -> std::net::IpAddr {
        self.gateway
            .client(head.peer, head.header("x-forwarded-for"))
    }

    /// `https` or `http`.
    pub fn scheme(&self) -> &'static str {
        if self.tls { "https" } else { "http" }
    }

    /// The address to open.
    pub fn url(&self) -> String {
        format!("{}://{}/", self.scheme(), self.addr)
    }

    /// Closes the store as the server stops ([`Store::close`]): the
    /// SQLite file then holds every committed change by itself.
    pub fn close(&self) -> Result<(), String> {
        self.store.close().map_err(|e| e.to_string())
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

#[cfg(test)]
mod tests {
    use super::Gateway;
    use std::net::IpAddr;

    #[test]
    fn only_a_trusted_proxy_names_the_client() {
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        let none = Gateway::default();
        // Without a configured proxy the header is anyone's: ignored.
        assert_eq!(none.client(ip("10.0.0.5"), Some("1.2.3.4")), ip("10.0.0.5"));
        let gw = Gateway {
            proxies: vec![ip("10.0.0.1"), ip("10.0.0.2")],
            tls: true,
        };
        // From elsewhere, ignored too.
        assert_eq!(gw.client(ip("10.0.0.9"), Some("1.2.3.4")), ip("10.0.0.9"));
        // From the proxy: the last hop that is not a proxy; what the
        // client itself put first is not believed over it.
        assert_eq!(
            gw.client(ip("10.0.0.1"), Some("6.6.6.6, 192.168.3.4, 10.0.0.2")),
            ip("192.168.3.4")
        );
        assert_eq!(
            gw.client(ip("::ffff:10.0.0.1"), Some("192.168.3.4")),
            ip("192.168.3.4")
        );
        // No header, or one that is no address: the proxy itself.
        assert_eq!(gw.client(ip("10.0.0.1"), None), ip("10.0.0.1"));
        assert_eq!(gw.client(ip("10.0.0.1"), Some("unknown")), ip("10.0.0.1"));
    }
}
