//! Load benchmark of `nianbao server` (issue 47.6), on loopback only: a
//! store of 300 units (each report filled with the example's figures), the
//! real binary serving it, 20 departments typing at once while the office
//! reloads its board. Targets on 2 cores: keystroke → findings p95 ≤
//! 150 ms; the board of 300 units within 1 s.
//!
//! A typist types one character every `--every` ms (default 300, with a
//! little jitter) into the figures of its own report, and saves as the
//! page does: at once when no save is in flight, else all that was typed
//! meanwhile in the next save, when the one in flight answers. A
//! keystroke's latency runs from the key to the answer carrying the
//! findings that include it.
//!
//! With `--tls` the server speaks HTTPS (a certificate authority and a
//! P-256 certificate made for the run) and each client resumes its TLS
//! sessions, as a browser does; every request is still a new connection.
//!
//! Behind one address (issue 59.6): every client here comes from
//! 127.0.0.1, as a county's editors behind one NAT do. `--keep-alive`
//! keeps each typist's connection open between its requests, as a browser
//! does (a request that finds its kept connection closed before any answer
//! is sent again on a new one, as a browser does); `--flood N` adds N
//! clients that are not logged in, each holding a connection with a head
//! that never completes (renewed a second after the server closes it), from
//! the same address, or from `--flood-addresses K` loopback addresses of
//! its own (127.0.0.2 to 127.0.0.K+1) in turn. Failed saves are counted, not fatal,
//! and reported.
//!
//! Several processes on PostgreSQL (issue 64.5): `--postgres` makes the
//! store in a throwaway PostgreSQL cluster (the tests' `pg_cluster`:
//! Debian's `postgresql` package) and `--processes N` starts N server
//! processes on it; typist i talks to process i mod N with the session it
//! got from the first (sessions live in the store), as behind a gateway
//! that spreads requests.
//!
//! Behind the gateway (issue 64.2, 64.5): `--gateway` puts nginx with the
//! documented `contrib/nginx/nianbao.conf` (tests/testsuite/nginx_gateway.rs)
//! in front of the processes, every client talking to it (HTTPS with
//! `--tls`, the processes then plain HTTP behind it, `--trusted-proxy`).
//! Editors as they edit a report: `--burst K --pause MS` types K keys (a
//! figure, a phrase through the input method) and then stops for MS ±25 %
//! (reading the printed table, choosing the next words); without it every
//! typist types without a pause for the whole run. Besides keystroke →
//! findings, a save's own round trip is reported. `--board-every S`: the
//! office looks at its board and the summed summary every S seconds while
//! they type (default 2; the board page itself reloads every 15).
//!
//! `cargo bench --bench server [-- --units 300 --typists 20 --seconds 20 --every 300 --tls --keep-alive --flood 0 --postgres --processes 2 --gateway --burst 8 --pause 5000 --board-every 15]`;
//! the NAT run of docs/server.md: `-- --typists 100 --every 1000 --keep-alive --flood 200`;
//! admission for everyone (issue 75.1): `-- --typists 100 --every 1000 --keep-alive --flood 1000 --flood-addresses 64`
//! (`--binary PATH` serves with another `nianbao`, e.g. an older one to compare).

use nianbao::slice::Slice;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use rustls::pki_types::ServerName;
use rustls::{ClientConfig, ClientConnection, RootCertStore, StreamOwned};

use serde_json::{Value, json};

#[cfg(feature = "postgres")]
#[path = "../src/server/store/postgres/test_cluster.rs"]
mod pg_cluster;

/// Without the `postgres` feature there is no PostgreSQL store to measure.
#[cfg(not(feature = "postgres"))]
mod pg_cluster {
    /// Refuses `--postgres`, naming the feature.
    pub(crate) fn database() -> Option<String> {
        panic!("--postgres needs the feature: cargo bench --features postgres");
    }
}

#[path = "../tests/testsuite/nginx_gateway.rs"]
mod nginx;

/// The bench's settings, from the command line.
struct Settings {
    tls: bool,
    units: usize,
    typists: usize,
    seconds: u64,
    every_ms: u64,
    keep_alive: bool,
    flood: usize,
    /// The loopback addresses the flood comes from (`--flood-addresses K`:
    /// 127.0.0.2 to 127.0.0.K+1, each client on one of them in turn; the
    /// editors' own 127.0.0.1 when 1).
    flood_addresses: usize,
    /// Another `nianbao` to serve (`--binary PATH`, e.g. an older release
    /// to compare with), else the one built with the bench.
    binary: Option<String>,
    /// The store in a throwaway PostgreSQL cluster (`--postgres`).
    postgres: bool,
    /// Server processes on the one store (`--processes`).
    processes: usize,
    /// nginx in front of the processes, as `contrib/nginx/nianbao.conf`
    /// (`--gateway`); with `--tls` it speaks HTTPS and the processes plain
    /// HTTP behind it.
    gateway: bool,
    /// Keys typed in one go before a pause (`--burst`; 0: typing without
    /// pause for the whole run).
    burst: u64,
    /// The pause after each burst, ms (`--pause`, ±25 %).
    pause_ms: u64,
    /// Seconds between the office's looks at its board and summary while
    /// the typists type (`--board-every`; the board page itself reloads
    /// every 15 s, board.js).
    board_every: u64,
}

fn settings() -> Settings {
    let args: Vec<String> = std::env::args().collect();
    let get = |name: &str, default: u64| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    Settings {
        tls: args.iter().any(|a| a == "--tls"),
        units: get("--units", 300) as usize,
        typists: get("--typists", 20) as usize,
        seconds: get("--seconds", 20),
        every_ms: get("--every", 300),
        keep_alive: args.iter().any(|a| a == "--keep-alive"),
        flood: get("--flood", 0) as usize,
        flood_addresses: get("--flood-addresses", 1).clamp(1, 240) as usize,
        binary: args
            .iter()
            .position(|a| a == "--binary")
            .and_then(|i| args.get(i + 1))
            .cloned(),
        postgres: args.iter().any(|a| a == "--postgres"),
        processes: get("--processes", 1).max(1) as usize,
        gateway: args.iter().any(|a| a == "--gateway"),
        burst: get("--burst", 0),
        pause_ms: get("--pause", 5000),
        board_every: get("--board-every", 2).max(1),
    }
}

/// Kills the server when the bench ends, however it ends.
struct Kill(Child);

impl Drop for Kill {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn main() {
    let s = settings();
    let root = std::env::temp_dir().join(format!("nianbao-bench-server-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).expect("mkdir");
    let url = s
        .postgres
        .then(|| pg_cluster::database().expect("PostgreSQL (apt install postgresql)"));
    let passwords = make_store(&root, s.units, url.as_deref());
    let tls = s.tls.then(|| certificate(&root));
    let binary = s
        .binary
        .clone()
        .unwrap_or_else(|| env!("CARGO_BIN_EXE_nianbao").to_string());
    let (servers, gateway, ports) = serve(&s, &binary, &root.join("s"), tls.as_ref());
    let port = ports[0];
    let office = login(port, "审核", &passwords["审核"]);

    let first = board(port, &office);
    let again = board(port, &office);
    println!(
        "board before typing: {} units, /api/reports {:.1} ms, / {:.1} ms, /api/county {:.0} ms (every report read and checked), again {:.1} ms (nothing changed)",
        first.units, first.list_ms, first.page_ms, first.county_ms, again.county_ms
    );

    let sessions: Vec<Arc<Session>> = (1..=s.typists)
        .map(|i| {
            let user = format!("bm{i:03}");
            login(port, &user, &passwords[&user])
        })
        .collect();
    let cpu_before = Cpu::read(&servers, gateway.as_ref());
    let until = Instant::now() + Duration::from_secs(s.seconds);
    let flood: Vec<_> = (0..s.flood)
        .map(|j| {
            // The logged-in editors come from 127.0.0.1 (a county's NAT);
            // the flood from addresses of its own unless it is one address.
            let first = if s.flood_addresses > 1 { 2 } else { 1 };
            let source = std::net::Ipv4Addr::new(127, 0, 0, first + (j % s.flood_addresses) as u8);
            std::thread::Builder::new()
                .stack_size(64 * 1024)
                .spawn(move || hold_open(port, until, source))
                .expect("a flood thread")
        })
        .collect();
    let keep = s.keep_alive;
    let typists: Vec<_> = sessions
        .into_iter()
        .enumerate()
        .map(|(i, session)| {
            let pace = Pace {
                every: Duration::from_millis(s.every_ms),
                burst: s.burst as usize,
                pause: Duration::from_millis(s.pause_ms),
            };
            let port = ports[i % ports.len()];
            std::thread::spawn(move || type_for(port, &session, i + 1, pace, until, keep))
        })
        .collect();
    let mut boards = Vec::new();
    while Instant::now() < until {
        std::thread::sleep(Duration::from_secs(s.board_every));
        boards.push(board(port, &office));
    }
    let (mut latencies, mut round_trips): (Vec<f64>, Vec<f64>) = (Vec::new(), Vec::new());
    let (mut saves, mut errors, mut resent, mut previews) = (0, Vec::new(), 0, 0);
    for t in typists {
        let typed = t.join().expect("typist");
        latencies.extend(typed.latencies);
        round_trips.extend(typed.round_trips);
        saves += typed.saves;
        errors.extend(typed.errors);
        resent += typed.resent;
        previews += typed.previews;
    }
    let held: usize = flood.into_iter().map(|t| t.join().unwrap_or(0)).sum();
    report(&s, (&latencies, &round_trips), saves, &boards);
    println!(
        "errors: {} ({saves} saves answered 200, {previews} previews fetched at pauses){}; {resent} requests sent again on a new connection (a kept one closed before answering); {} connections opened by {} clients not logged in from {} addresses",
        errors.len(),
        errors
            .first()
            .map_or(String::new(), |e| format!(" (first: {e})")),
        held,
        s.flood,
        s.flood_addresses
    );
    cpu_before.report(&Cpu::read(&servers, gateway.as_ref()), servers.len(), saves);
    drop(gateway);
    drop(servers);
    let _ = std::fs::remove_dir_all(&root);
}

/// The server processes on the store in `dir`, and nginx in front of them
/// with `--gateway`; the ports the clients talk to (the gateway's, else
/// each process's).
fn serve(
    s: &Settings,
    binary: &str,
    dir: &Path,
    tls: Option<&(std::path::PathBuf, std::path::PathBuf)>,
) -> (Vec<(u16, Kill)>, Option<nginx::Gateway>, Vec<u16>) {
    let servers: Vec<(u16, Kill)> = (0..s.processes)
        .map(|_| start(binary, dir, tls, s.gateway))
        .collect();
    let ports: Vec<u16> = servers.iter().map(|(p, _)| *p).collect();
    if !s.gateway {
        return (servers, None, ports);
    }
    let certs = tls.map(|(c, k)| (c.as_path(), k.as_path()));
    let gateway = nginx::start(&ports, certs).expect("nginx (apt install nginx-light)");
    println!(
        "gateway: nginx on port {} in front of {} processes",
        gateway.port,
        ports.len()
    );
    let port = gateway.port;
    (servers, Some(gateway), vec![port])
}

/// `server init` with `units` units, every report then filled with the
/// example's text (straight into the database, before the server runs).
/// Returns the initial passwords by account.
fn make_store(
    root: &Path,
    units: usize,
    url: Option<&str>,
) -> std::collections::HashMap<String, String> {
    let names: Vec<String> = (1..=units).map(|i| format!("某县第{i}局")).collect();
    std::fs::write(root.join("名单.txt"), names.join("\n")).expect("roster");
    let mut init = Command::new(env!("CARGO_BIN_EXE_nianbao"));
    init.args(["server", "init"])
        .arg(root.join("s"))
        .arg("--roster")
        .arg(root.join("名单.txt"))
        .args(["--year", "2024"]);
    if let Some(url) = url {
        init.args(["--db", url]);
    }
    let status = init.stdout(Stdio::null()).status().expect("init runs");
    assert!(status.success(), "server init failed");
    let example =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/zibo-zhangdian-traffic-2024.yaml");
    let text = std::fs::read_to_string(&example).expect("example reads");
    let filled = |name: &str| {
        text.replace(
            "机关: 淄博市公安局交通警察支队张店大队",
            &format!("机关: {name}"),
        )
    };
    const FILL: &str =
        "UPDATE reports SET text = $1, state = 'filling', errors = 0, empty = 0 WHERE unit = $2";
    if let Some(url) = url {
        fill_postgres(url, FILL, &names, &filled);
    } else {
        let db = rusqlite::Connection::open(root.join("s/nianbao-server.db")).expect("db");
        for name in &names {
            db.execute(FILL, rusqlite::params![filled(name), name])
                .expect("fill");
        }
    }
    let csv = std::fs::read_to_string(root.join("s/初始密码.csv")).expect("passwords");
    csv.trim_start_matches('\u{feff}')
        .lines()
        .skip(1)
        .filter_map(|l| {
            let mut f = l.split(',');
            Some((f.next()?.to_string(), f.next()?.to_string()))
        })
        .collect()
}

/// Every report of `names` filled by `sql` in the PostgreSQL store at `url`.
#[cfg(feature = "postgres")]
fn fill_postgres(url: &str, sql: &str, names: &[String], filled: &dyn Fn(&str) -> String) {
    let mut db = postgres::Client::connect(url, postgres::NoTls).expect("db");
    for name in names {
        db.execute(sql, &[&filled(name), name]).expect("fill");
    }
}

/// Without the `postgres` feature there is no PostgreSQL store to measure.
#[cfg(not(feature = "postgres"))]
fn fill_postgres(_url: &str, _sql: &str, _names: &[String], _filled: &dyn Fn(&str) -> String) {
    panic!("--postgres needs the feature: cargo bench --features postgres --bench server");
}

/// The client's TLS settings, when the server speaks HTTPS.
static TLS: OnceLock<Arc<ClientConfig>> = OnceLock::new();

/// A certificate authority and a server certificate it signed, as PEM
/// files in `root`; the client trusts that authority. Returns the
/// certificate and key files.
fn certificate(root: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair};
    let ca_key = KeyPair::generate().expect("key");
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).expect("params");
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca = ca_params.self_signed(&ca_key).expect("CA");
    let issuer = Issuer::new(ca_params, ca_key);
    let key = KeyPair::generate().expect("key");
    let cert = CertificateParams::new(vec!["127.0.0.1".to_string()])
        .expect("params")
        .signed_by(&key, &issuer)
        .expect("certificate");
    let (cert_file, key_file) = (root.join("server.pem"), root.join("server.key"));
    std::fs::write(&cert_file, cert.pem()).expect("write");
    std::fs::write(&key_file, key.serialize_pem()).expect("write");
    let mut roots = RootCertStore::empty();
    roots.add(ca.der().clone()).expect("CA");
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("TLS")
        .with_root_certificates(roots)
        .with_no_client_auth();
    let _ = TLS.set(Arc::new(config));
    (cert_file, key_file)
}

fn start(
    binary: &str,
    dir: &Path,
    tls: Option<&(std::path::PathBuf, std::path::PathBuf)>,
    behind_gateway: bool,
) -> (u16, Kill) {
    let mut command = Command::new(binary);
    command.args(["server", "--listen", "127.0.0.1:0"]);
    if behind_gateway {
        command.args(["--trusted-proxy", nginx::GATEWAY_ADDRESS]);
        if tls.is_some() {
            command.arg("--gateway-https");
        }
    } else if let Some((cert, key)) = tls {
        command.arg("--cert").arg(cert).arg("--key").arg(key);
    }
    let mut child = command
        .arg(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("server starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("URL line");
    let port = line
        .trim()
        .split_once("://127.0.0.1:")
        .map(|(_, rest)| rest)
        .and_then(|r| r.strip_suffix('/'))
        .and_then(|p| p.parse().ok())
        .expect("URL");
    (port, Kill(child))
}

/// A plain or TLS connection.
trait ReadWrite: Read + Write {}
impl<T: Read + Write> ReadWrite for T {}

/// A logged-in session: its cookie and CSRF token.
#[derive(Clone)]
struct Session {
    cookie: String,
    csrf: String,
}

/// One request on loopback: (status, head, body).
fn http(port: u16, method: &str, target: &str, extra: &str, body: &str) -> (u16, String, String) {
    let s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(60)))
        .expect("timeout");
    let mut s: Box<dyn ReadWrite> = match TLS.get() {
        Some(config) => {
            let name = ServerName::try_from("127.0.0.1").expect("name");
            let conn = ClientConnection::new(Arc::clone(config), name).expect("TLS");
            Box::new(StreamOwned::new(conn, s))
        }
        None => Box::new(s),
    };
    let head = format!(
        "{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{extra}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    s.write_all(head.as_bytes()).expect("write");
    s.write_all(body.as_bytes()).expect("write");
    s.flush().expect("flush");
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    let text = String::from_utf8_lossy(&out).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    (status, head.to_string(), body.to_string())
}

fn login(port: u16, user: &str, password: &str) -> Arc<Session> {
    let body = json!({"user": user, "password": password}).to_string();
    let (status, head, reply) = http(port, "POST", "/api/login", "", &body);
    assert_eq!(status, 200, "login {user}: {reply}");
    let cookie = head
        .lines()
        .find_map(|l| l.strip_prefix("Set-Cookie: "))
        .and_then(|c| c.split(';').next())
        .expect("cookie")
        .to_string();
    let reply: Value = serde_json::from_str(&reply).expect("JSON");
    Arc::new(Session {
        cookie,
        csrf: reply["csrf"].as_str().expect("csrf").to_string(),
    })
}

fn get(port: u16, session: &Session, target: &str) -> (u16, String) {
    let extra = format!("Cookie: {}\r\n", session.cookie);
    let (status, _, body) = http(port, "GET", target, &extra, "");
    (status, body)
}

/// One look at the board: the list and the page, timed.
struct Board {
    units: usize,
    list_ms: f64,
    page_ms: f64,
    /// `/api/county`: the county summary (cached per report and revision).
    county_ms: f64,
    /// The login page fetched by a browser not logged in, on a new
    /// connection: ms, or `None` when it was not answered 200.
    login_ms: Option<f64>,
}

fn board(port: u16, office: &Session) -> Board {
    let t = Instant::now();
    let (status, body) = get(port, office, "/api/reports");
    let list_ms = t.elapsed().as_secs_f64() * 1000.0;
    assert_eq!(status, 200, "{body}");
    let list: Value = serde_json::from_str(&body).expect("JSON");
    let t = Instant::now();
    let (status, page) = get(port, office, "/");
    let page_ms = t.elapsed().as_secs_f64() * 1000.0;
    assert_eq!(status, 200, "{page}");
    let t = Instant::now();
    let (status, county) = get(port, office, "/api/county");
    let county_ms = t.elapsed().as_secs_f64() * 1000.0;
    assert_eq!(status, 200, "{county}");
    Board {
        units: list["reports"].as_array().map_or(0, Vec::len),
        list_ms,
        page_ms,
        county_ms,
        login_ms: login_page(port),
    }
}

/// The login page as a newcomer's browser asks for it — no session, a
/// new connection, from an address of its own (127.0.0.250) — in ms, or
/// `None` when it was not answered 200 within 10 s.
fn login_page(port: u16) -> Option<f64> {
    let t = Instant::now();
    let mut s = connect_from(std::net::Ipv4Addr::new(127, 0, 0, 250), port).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    let head = format!("GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n");
    s.write_all(head.as_bytes()).ok()?;
    let mut status = [0u8; 12];
    s.read_exact(&mut status).ok()?;
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    status.ends_with(b"200").then_some(ms)
}

/// The cells a typist types into: the first figure under each of these
/// paths.
const CELLS: [&str; 3] = [
    "依申请公开.本年新收",
    "依申请公开.上年结转",
    "依申请公开.办理结果",
];

/// What one typist saw.
struct Typed {
    /// Each keystroke's latency (ms).
    latencies: Vec<f64>,
    /// Each answered save's round trip (ms).
    round_trips: Vec<f64>,
    /// Saves answered 200.
    saves: usize,
    /// Each failed save: its status and answer, or why it had none.
    errors: Vec<String>,
    /// Requests sent again because a kept connection closed first.
    resent: usize,
    /// Previews fetched when typing paused.
    previews: usize,
}

/// How long after the last answer the page asks for the preview, when
/// nothing more was typed (workbench.js `previewSoon`).
const PREVIEW_AFTER: Duration = Duration::from_millis(1000);

/// How a typist reaches the server: a new connection per request, or
/// one kept open between requests as a browser keeps it.
struct Client {
    port: u16,
    session: Arc<Session>,
    kept: Option<Box<dyn ReadWrite + Send>>,
    keep_alive: bool,
    resent: usize,
}

impl Client {
    /// One request: (status, body); status 0 when no answer came.
    fn request(&mut self, method: &str, target: &str, body: &str) -> (u16, String) {
        let mut extra = format!("Cookie: {}\r\n", self.session.cookie);
        if method == "POST" {
            extra.push_str(&format!("X-Nianbao-Token: {}\r\n", self.session.csrf));
        }
        if !self.keep_alive {
            let (status, _, body) = http(self.port, method, target, &extra, body);
            return (status, body);
        }
        let head = format!(
            "{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n{extra}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: keep-alive\r\n\r\n{body}",
            self.port,
            body.len()
        );
        // A kept connection the server closed meanwhile: once more on a new
        // one, as a browser does when nothing of the answer came.
        let reused = self.kept.is_some();
        match self.exchange(&head) {
            Ok(answer) => answer,
            Err(_) if reused => {
                self.resent += 1;
                self.exchange(&head)
                    .unwrap_or_else(|e| (0, format!("no answer: {e}")))
            }
            Err(e) => (0, format!("no answer: {e}")),
        }
    }

    /// Sends `request` on the kept connection (or a new one) and reads one
    /// answer framed by its `Content-Length`.
    fn exchange(&mut self, request: &str) -> Result<(u16, String), String> {
        let mut conn = match self.kept.take() {
            Some(conn) => conn,
            None => connect(self.port),
        };
        conn.write_all(request.as_bytes())
            .and_then(|()| conn.flush())
            .map_err(|e| e.to_string())?;
        let (status, head, body) = read_answer(&mut conn)?;
        if !head.to_ascii_lowercase().contains("connection: close") {
            self.kept = Some(conn);
        }
        Ok((status, body))
    }
}

/// A new connection, plain or TLS.
fn connect(port: u16) -> Box<dyn ReadWrite + Send> {
    let s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(60)))
        .expect("timeout");
    match TLS.get() {
        Some(config) => {
            let name = ServerName::try_from("127.0.0.1").expect("name");
            let conn = ClientConnection::new(Arc::clone(config), name).expect("TLS");
            Box::new(StreamOwned::new(conn, s))
        }
        None => Box::new(s),
    }
}

/// One answer: its status, head and body (by `Content-Length`).
fn read_answer(conn: &mut Box<dyn ReadWrite + Send>) -> Result<(u16, String, String), String> {
    let mut buf = Vec::new();
    let mut byte = vec![0u8; 256 * 1024];
    let head_end = loop {
        if let Some(at) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
        match conn.read(&mut byte) {
            Ok(0) => return Err("closed before an answer".into()),
            Ok(n) => buf.extend_from_slice(&byte[..n]),
            Err(e) => return Err(e.to_string()),
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let length: usize = head
        .lines()
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())?
        })
        .unwrap_or(0);
    while buf.len() < head_end + length {
        match conn.read(&mut byte) {
            Ok(0) => return Err("closed within the answer".into()),
            Ok(n) => buf.extend_from_slice(&byte[..n]),
            Err(e) => return Err(e.to_string()),
        }
    }
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = String::from_utf8_lossy(&buf[head_end..head_end + length]).into_owned();
    Ok((status, head, body))
}

/// A client that is not logged in, holding one connection at a time from
/// the same address with a head that never completes (a byte a second),
/// a new one a second after the server closed it (a slow-upload tool paced
/// as they are: `--flood 200` opens up to 200 connections a second), until
/// `until`. Returns how many connections it opened.
fn hold_open(port: u16, until: Instant, source: std::net::Ipv4Addr) -> usize {
    let mut opened = 0;
    while Instant::now() < until {
        if opened > 0 {
            std::thread::sleep(Duration::from_secs(1));
        }
        let Ok(mut s) = connect_from(source, port) else {
            std::thread::sleep(Duration::from_millis(100));
            continue;
        };
        opened += 1;
        let _ = s.set_read_timeout(Some(Duration::from_millis(1000)));
        let head = format!(
            "POST /api/start?f=1 HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 30000000\r\nX-Slow: "
        );
        if s.write_all(head.as_bytes()).is_err() {
            continue;
        }
        let mut sink = [0u8; 512];
        while Instant::now() < until {
            if s.write_all(b"a").is_err() {
                break;
            }
            // The server closed it (deadline, or cut for a newcomer).
            match s.read(&mut sink) {
                Ok(0) => break,
                Ok(_) => break,
                Err(e)
                    if e.kind() == std::io::ErrorKind::WouldBlock
                        || e.kind() == std::io::ErrorKind::TimedOut => {}
                Err(_) => break,
            }
        }
    }
    opened
}

/// A connection to the server from the loopback address `source` (all of
/// 127.0.0.0/8 is this machine's: each address is another client to the
/// server's per-address limits).
fn connect_from(source: std::net::Ipv4Addr, port: u16) -> std::io::Result<TcpStream> {
    use socket2::{Domain, Socket, Type};
    let socket = Socket::new(Domain::IPV4, Type::STREAM, None)?;
    socket.bind(&std::net::SocketAddr::from((source, 0)).into())?;
    socket.connect(&std::net::SocketAddr::from(([127, 0, 0, 1], port)).into())?;
    Ok(socket.into())
}

/// `GET target` as JSON, tried again (each failure counted in `failed`)
/// until it answers 200, as a clerk reloads a page that did not load.
fn fetch(client: &mut Client, target: &str, failed: &mut Vec<String>) -> Value {
    loop {
        let (status, body) = client.request("GET", target, "");
        if status == 200 {
            return serde_json::from_str(&body).expect("JSON");
        }
        failed.push(format!(
            "GET {target}: {status} {}",
            body.chars().take(200).collect::<String>()
        ));
        assert!(failed.len() < 1000, "{target} never answered: {failed:?}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// Types into the session's own report until `until` (on a kept
/// connection with `keep_alive`).
/// How a typist types: a key every `every` (±25 %); with `burst`, that
/// many keys in one go and then a `pause` (±25 %) to read or think.
#[derive(Clone, Copy)]
struct Pace {
    every: Duration,
    burst: usize,
    pause: Duration,
}

/// The value at quantile `q` of the sorted `sorted` (0 when empty).
fn quantile(sorted: &[f64], q: f64) -> f64 {
    sorted
        .get(((sorted.len() as f64 * q).ceil() as usize).saturating_sub(1))
        .copied()
        .unwrap_or(0.0)
}

fn type_for(
    port: u16,
    session: &Arc<Session>,
    seed: usize,
    pace: Pace,
    until: Instant,
    keep_alive: bool,
) -> Typed {
    let every = pace.every;
    let mut client = Client {
        port,
        session: Arc::clone(session),
        kept: None,
        keep_alive,
        resent: 0,
    };
    let mut failed = Vec::new();
    let list = fetch(&mut client, "/api/reports", &mut failed);
    let id = list["reports"][0]["id"].as_i64().expect("own report");
    let state = fetch(&mut client, &format!("/api/state?f={id}"), &mut failed);
    let mut version = state["version"].as_str().expect("version").to_string();
    let cells: Vec<String> = CELLS
        .iter()
        .map(|c| {
            let path = state["values"]
                .as_object()
                .and_then(|v| v.keys().find(|k| k.starts_with(c)).cloned());
            path.unwrap_or_else(|| panic!("no cell {c} in {}", state["values"]))
        })
        .collect();
    // Keys fall every `every`, ±25 %, by a fixed pseudo-random walk. With
    // pauses, the typists start spread over one burst and pause (as
    // editors do not all start typing in the same second); without, over
    // one key's interval.
    let mut rng = seed as u64 * 2_654_435_761 + 1;
    let cycle = if pace.burst > 0 {
        every * pace.burst as u32 + pace.pause
    } else {
        every
    };
    let start = if pace.burst > 0 {
        (seed as f64 * 0.618_034) % 1.0
    } else {
        seed as f64 / 20.0 % 1.0
    };
    let mut next_key = Instant::now() + cycle.mul_f64(start);
    let mut typed_so_far = Typed {
        latencies: Vec::new(),
        round_trips: Vec::new(),
        previews: 0,
        saves: 0,
        errors: failed,
        resent: 0,
    };
    let mut typed = 0usize;
    let mut keys = Vec::new();
    while next_key < until {
        let now = Instant::now();
        if next_key > now {
            std::thread::sleep(next_key - now);
        }
        // Every key that fell since the last answer goes in this save (and
        // those of a failed save in the next, as the page keeps them).
        while next_key <= Instant::now() {
            keys.push(next_key);
            typed += 1;
            rng = rng.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let jitter = 0.75 + (rng >> 33) as f64 / f64::from(u32::MAX) * 0.5;
            next_key += every.mul_f64(jitter);
            if pace.burst > 0 && typed.is_multiple_of(pace.burst) {
                next_key += pace.pause.mul_f64(jitter);
            }
        }
        let cell = &cells[(typed / 4) % cells.len()];
        let value = ((typed % 4) + 1).to_string().repeat(1 + typed % 3);
        // As the server's page saves: without the preview, asked for when
        // typing pauses (below).
        let save = json!({"file": id.to_string(), "version": version, "edits": [{"path": cell, "value": value}], "preview": false});
        let sent = Instant::now();
        let (status, body) = client.request("POST", "/api/save", &save.to_string());
        let done = Instant::now();
        if status != 200 {
            typed_so_far.errors.push(format!(
                "{status} {}",
                body.chars().take(200).collect::<String>()
            ));
            continue;
        }
        // The state as the page takes it, checked without building it (the
        // generator shares the two cores with the server).
        assert!(body.contains("\"findings\":["), "no findings: {body}");
        version = json_string(&body, "version").expect("version");
        typed_so_far.saves += 1;
        typed_so_far
            .round_trips
            .push((done - sent).as_secs_f64() * 1000.0);
        typed_so_far
            .latencies
            .extend(keys.drain(..).map(|k| (done - k).as_secs_f64() * 1000.0));
        // A pause in the typing: the page asks for the preview a second after
        // the last answer.
        if next_key > Instant::now() + PREVIEW_AFTER && next_key < until {
            std::thread::sleep(PREVIEW_AFTER);
            let shown = fetch(
                &mut client,
                &format!("/api/state?f={id}"),
                &mut typed_so_far.errors,
            );
            typed_so_far.previews += usize::from(shown["html"].is_string());
        }
    }
    typed_so_far.resent = client.resent;
    typed_so_far
}

/// The string value of the first `"key":"…"` in `json` (no escapes in it:
/// a version is hex digits).
fn json_string(json: &str, key: &str) -> Option<String> {
    let at = json.find(&format!("\"{key}\":\""))? + key.len() + 4;
    let end = json.slice_from(at).find('"')?;
    Some(json.slice(at, at + end).to_string())
}

/// CPU seconds used so far by each part of the run.
struct Cpu {
    servers: Option<f64>,
    database: Option<f64>,
    gateway: Option<f64>,
    generator: Option<f64>,
}

impl Cpu {
    fn read(servers: &[(u16, Kill)], gateway: Option<&nginx::Gateway>) -> Cpu {
        Cpu {
            servers: servers.iter().map(|(_, k)| cpu_seconds(k.0.id())).sum(),
            database: database_cpu(),
            gateway: gateway.and_then(|g| cpu_seconds(g.pid())),
            generator: cpu_seconds(std::process::id()),
        }
    }

    /// Prints what each part used from `self` to `after`, per save.
    fn report(&self, after: &Cpu, processes: usize, saves: usize) {
        let parts = [
            (
                format!("server ({processes} processes)"),
                self.servers,
                after.servers,
            ),
            ("PostgreSQL".to_string(), self.database, after.database),
            ("nginx".to_string(), self.gateway, after.gateway),
            (
                "load generator (the same cores)".to_string(),
                self.generator,
                after.generator,
            ),
        ];
        for (name, before, after) in parts {
            if let (Some(before), Some(after)) = (before, after) {
                println!(
                    "CPU while typing, {name}: {:.1} s, {:.1} ms per save",
                    after - before,
                    (after - before) * 1000.0 / saves.max(1) as f64
                );
            }
        }
    }
}

/// Without the `postgres` feature there is no database process.
#[cfg(not(feature = "postgres"))]
fn database_cpu() -> Option<f64> {
    None
}

/// The CPU time of the PostgreSQL cluster (its postmaster, its live
/// processes and those that ended), in seconds; `None` without one.
#[cfg(feature = "postgres")]
fn database_cpu() -> Option<f64> {
    let cluster = pg_cluster::cluster()?;
    let pid_file = std::fs::read_to_string(cluster.dir.join("data/postmaster.pid")).ok()?;
    let postmaster: u32 = pid_file.lines().next()?.trim().parse().ok()?;
    let stat = std::fs::read_to_string(format!("/proc/{postmaster}/stat")).ok()?;
    let fields: Vec<f64> = stat
        .rsplit_once(')')?
        .1
        .split_whitespace()
        .map(|f| f.parse().unwrap_or(0.0))
        .collect();
    // utime, stime, and the ended children's cutime, cstime.
    let own: f64 = fields.get(11..15)?.iter().sum::<f64>() / 100.0;
    let children: f64 = std::fs::read_dir("/proc")
        .ok()?
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| {
                s.rsplit_once(')')
                    .and_then(|(_, r)| r.split_whitespace().nth(1).map(str::to_string))
                    .is_some_and(|ppid| ppid == postmaster.to_string())
            })
        })
        .filter_map(cpu_seconds)
        .sum();
    Some(own + children)
}

/// The CPU time (user + system) the process `pid` has used, in seconds
/// (Linux: `/proc/PID/stat`, 100 ticks a second; `None` elsewhere).
fn cpu_seconds(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The fields after the command's closing parenthesis: state is the
    // first, utime the 12th, stime the 13th.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn report(
    s: &Settings,
    (latencies, round_trips): (&[f64], &[f64]),
    saves: usize,
    boards: &[Board],
) {
    let mut trips = round_trips.to_vec();
    trips.sort_by(f64::total_cmp);
    println!(
        "a save's round trip (request sent → answer with the findings): p50 {:.0} ms, p95 {:.0} ms, max {:.0} ms (issue 64 target p95 ≤ 300 ms)",
        quantile(&trips, 0.5),
        quantile(&trips, 0.95),
        quantile(&trips, 1.0)
    );
    println!(
        "{} connections: {}; clients not logged in holding connections: {} from {} loopback address(es)",
        if s.keep_alive {
            "kept"
        } else {
            "new per request"
        },
        s.typists,
        s.flood,
        s.flood_addresses
    );
    let mut l = latencies.to_vec();
    l.sort_by(f64::total_cmp);
    let at = |q: f64| {
        l.get(((l.len() as f64 * q).ceil() as usize).saturating_sub(1))
            .copied()
            .unwrap_or(0.0)
    };
    println!(
        "server{}: {} units, {} typists (a key every {} ms{}), {} s: {} keystrokes in {saves} saves ({:.1} saves/s); keystroke → findings p50 {:.0} ms, p95 {:.0} ms, max {:.0} ms (target p95 ≤ 150 ms)",
        if s.tls { " (HTTPS)" } else { "" },
        s.units,
        s.typists,
        s.every_ms,
        if s.burst > 0 {
            format!(", {} keys then a pause of {} ms", s.burst, s.pause_ms)
        } else {
            String::new()
        },
        s.seconds,
        l.len(),
        saves as f64 / s.seconds as f64,
        at(0.5),
        at(0.95),
        at(1.0)
    );
    let worst_list = boards.iter().map(|b| b.list_ms).fold(0.0, f64::max);
    let worst_page = boards.iter().map(|b| b.page_ms).fold(0.0, f64::max);
    let worst_county = boards.iter().map(|b| b.county_ms).fold(0.0, f64::max);
    println!("county summary while typing: /api/county worst {worst_county:.0} ms");
    println!(
        "board while typing ({} looks): /api/reports worst {worst_list:.0} ms, / worst {worst_page:.0} ms (target ≤ 1000 ms); on {} threads",
        boards.len(),
        std::thread::available_parallelism().map_or(1, |p| p.get())
    );
    let logins: Vec<f64> = boards.iter().filter_map(|b| b.login_ms).collect();
    println!(
        "login page for a newcomer while typing: {} of {} answered 200, worst {:.0} ms",
        logins.len(),
        boards.len(),
        logins.iter().copied().fold(0.0, f64::max)
    );
}
