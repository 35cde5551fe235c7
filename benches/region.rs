//! A province's board on the collection server (issue 64.5), on loopback:
//! a store of 10^4 units in 10 cities of 10 counties (each county's first
//! unit its government), every report filled with the example's text —
//! most submitted or approved —, the real binary serving it. Timed as the
//! province's office (`审核`, the top) sees them: the board's first page,
//! the page filtered by state, county and errors, the progress per region,
//! and the summed summary — first as the first summary of the round makes
//! it (every handed-in report read and checked once, its digest kept), then
//! after a restart from the kept digests (no text read), then again (the
//! sum kept in memory). Targets on 2 cores: the first page ≤ 1 s, the
//! summary from kept digests ≤ 1 s.
//!
//! With `--postgres` the store is in a throwaway PostgreSQL cluster (the
//! tests' `pg_cluster`: Debian's `postgresql` package), made by
//! `server init --db` and filled the same way.
//!
//! `cargo bench --bench region [-- --cities 10 --counties 10 --units 100 --runs 5 --postgres]`

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

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

fn arg(name: &str, default: usize) -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The server process, stopped when dropped.
struct Server(Child, u16);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn main() {
    let (cities, counties, units) = (
        arg("--cities", 10),
        arg("--counties", 10),
        arg("--units", 100),
    );
    let runs = arg("--runs", 5);
    let root = std::env::temp_dir().join(format!("nb-region-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).expect("folder");
    let made = Instant::now();
    let url = std::env::args()
        .any(|a| a == "--postgres")
        .then(|| pg_cluster::database().expect("PostgreSQL (apt install postgresql)"));
    let (password, total) = make_store(&root, (cities, counties, units), url.as_deref());
    eprintln!(
        "store ({}): {total} units in {} counties, made in {:.1} s",
        if url.is_some() {
            "PostgreSQL"
        } else {
            "SQLite"
        },
        cities * counties,
        made.elapsed().as_secs_f64()
    );
    let server = start(&root);
    let cookie = login(server.1, &password);
    let encoded = percent("第1市/第1市第2县");
    let timed = |label: &str, target: &str| {
        let mut times = Vec::new();
        let mut size = 0;
        for _ in 0..runs {
            let t = Instant::now();
            let (status, body) = get(server.1, &cookie, target);
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            assert_eq!(status, 200, "{target}: {body}");
            size = body.len();
        }
        times.sort_by(f64::total_cmp);
        println!(
            "{label:<44} median {:>7.1} ms  max {:>7.1} ms  ({} KB)",
            times[times.len() / 2],
            times[times.len() - 1],
            size / 1024
        );
    };
    timed(
        "board, first page (100 rows)",
        "/api/reports?page=1&per=100",
    );
    timed(
        "board, not handed in (下级缺报)",
        "/api/reports?page=1&per=100&state=missing",
    );
    timed(
        "board, one county",
        &format!("/api/reports?page=1&per=100&county={encoded}"),
    );
    timed("board, with errors", "/api/reports?page=1&per=100&errors=1");
    timed("board, last page", "/api/reports?page=100&per=100");
    timed("progress per city", "/api/regions");
    timed("the whole list (unpaged)", "/api/reports");
    let first = Instant::now();
    let (status, body) = get(server.1, &cookie, "/api/county");
    assert_eq!(status, 200, "{body}");
    println!(
        "{:<44} {:>7.1} ms (every handed-in report read and checked once)",
        "summary, first of the round",
        first.elapsed().as_secs_f64() * 1000.0
    );
    let counted = body
        .split("\"counted\":")
        .nth(1)
        .and_then(|r| r.split([',', '}']).next())
        .unwrap_or("?")
        .to_string();
    drop(server);
    let server = start(&root);
    let cookie = login(server.1, &password);
    let t = Instant::now();
    let (status, again) = get(server.1, &cookie, "/api/county");
    assert_eq!(status, 200);
    println!(
        "{:<44} {:>7.1} ms ({counted} reports summed, no text read)",
        "summary after a restart, from kept digests",
        t.elapsed().as_secs_f64() * 1000.0
    );
    assert_eq!(again, body, "the same summary from the digests");
    let timed = |label: &str, target: &str| {
        let t = Instant::now();
        let (status, _) = get(server.1, &cookie, target);
        assert_eq!(status, 200);
        println!("{label:<44} {:>7.1} ms", t.elapsed().as_secs_f64() * 1000.0);
    };
    timed("summary again (sum kept in memory)", "/api/county");
    timed(
        "summary of one county (drill-down)",
        &format!("/api/county?county={encoded}"),
    );
    drop(server);
    let _ = std::fs::remove_dir_all(&root);
}

/// `text` as a query carries it.
fn percent(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// `server init` with one unit (for the schema and the office's
/// password), then `units` units in each of `counties` counties of each of
/// `cities` cities written straight into the database, as `server init`
/// would make them but with the office's hash (10^4 Argon2id hashes would
/// take minutes). Each report holds the example's text under its unit's
/// name: 70 % submitted, 10 % approved, 10 % filling (a tenth of these with
/// errors), 10 % not started. Returns the office's password and the units.
fn make_store(
    root: &Path,
    (cities, counties, units): (usize, usize, usize),
    url: Option<&str>,
) -> (String, usize) {
    std::fs::write(root.join("名单.txt"), "占位单位\n").expect("roster");
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
    let csv = std::fs::read_to_string(root.join("s/初始密码.csv")).expect("passwords");
    let password = csv
        .lines()
        .find_map(|l| l.strip_prefix("审核,"))
        .and_then(|l| l.split(',').next())
        .expect("the office's password")
        .to_string();
    let example =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/zibo-zhangdian-traffic-2024.yaml");
    let text = std::fs::read_to_string(&example).expect("example reads");
    let rows = rows(&text, (cities, counties, units));
    match url {
        Some(url) => fill_postgres(url, &rows),
        None => fill_sqlite(&root.join("s/nianbao-server.db"), &rows),
    }
    (password, rows.len())
}

/// One unit of the made store: its account, unit, region, state, errors
/// and report text.
struct Row {
    user: String,
    unit: String,
    region: String,
    state: &'static str,
    errors: i64,
    text: String,
}

/// The units of `cities` × `counties` × `units`, as [`make_store`] says.
fn rows(text: &str, (cities, counties, units): (usize, usize, usize)) -> Vec<Row> {
    let mut out = Vec::new();
    let mut n = 0;
    for c in 1..=cities {
        for k in 1..=counties {
            let region = format!("第{c}市/第{c}市第{k}县");
            for u in 1..=units {
                n += 1;
                let unit = if u == 1 {
                    format!("第{c}市第{k}县人民政府")
                } else {
                    format!("第{c}市第{k}县第{u}局")
                };
                let (state, errors) = match n % 10 {
                    0 => ("new", 0),
                    1 => ("filling", i64::from(n % 100 == 1) * 3),
                    2 => ("approved", 0),
                    _ => ("submitted", 0),
                };
                let text = text.replace(
                    "机关: 淄博市公安局交通警察支队张店大队",
                    &format!("机关: {unit}"),
                );
                out.push(Row {
                    user: format!("bm{n:05}"),
                    unit,
                    region: region.clone(),
                    state,
                    errors,
                    text,
                });
            }
        }
    }
    out
}

const CLEAR_REPORTS: &str = "DELETE FROM reports";
const CLEAR_ACCOUNTS: &str = "DELETE FROM accounts WHERE \"user\" <> '审核'";

/// The rows written into the SQLite store at `db`.
fn fill_sqlite(db: &Path, rows: &[Row]) {
    let mut db = rusqlite::Connection::open(db).expect("db");
    let tx = db.transaction().expect("transaction");
    tx.execute(CLEAR_REPORTS, []).expect("clear");
    tx.execute(CLEAR_ACCOUNTS, []).expect("clear");
    for (n, r) in rows.iter().enumerate() {
        tx.execute(
            "INSERT INTO accounts (\"user\", unit, role, hash, region) \
             SELECT ?1, ?2, 'department', hash, ?3 FROM accounts WHERE \"user\" = '审核'",
            rusqlite::params![r.user, r.unit, r.region],
        )
        .expect("account");
        tx.execute(
            "INSERT INTO reports (unit, owner, year, state, text, revision, errors, empty, \
             region, changed_at, changed_by) VALUES (?1, ?2, 2024, ?3, ?4, 1, ?5, 0, ?6, ?7, ?2)",
            rusqlite::params![
                r.unit,
                r.user,
                r.state,
                r.text,
                r.errors,
                r.region,
                1_700_000_001 + n as i64
            ],
        )
        .expect("report");
    }
    tx.commit().expect("commit");
}

/// Without the `postgres` feature there is no PostgreSQL store to measure.
#[cfg(not(feature = "postgres"))]
fn fill_postgres(_url: &str, _rows: &[Row]) {
    panic!("--postgres needs the feature: cargo bench --features postgres --bench region");
}

/// The rows written into the PostgreSQL store at `url`.
#[cfg(feature = "postgres")]
fn fill_postgres(url: &str, rows: &[Row]) {
    let mut db = postgres::Client::connect(url, postgres::NoTls).expect("db");
    let mut tx = db.transaction().expect("transaction");
    tx.execute(CLEAR_REPORTS, &[]).expect("clear");
    tx.execute(CLEAR_ACCOUNTS, &[]).expect("clear");
    let account = tx
        .prepare(
            "INSERT INTO accounts (\"user\", unit, role, hash, region) \
             SELECT $1, $2, 'department', hash, $3 FROM accounts WHERE \"user\" = '审核'",
        )
        .expect("prepare");
    let report = tx
        .prepare(
            "INSERT INTO reports (unit, owner, year, state, text, revision, errors, empty, \
             region, changed_at, changed_by) VALUES ($1, $2, 2024, $3, $4, 1, $5, 0, $6, $7, $2)",
        )
        .expect("prepare");
    for (n, r) in rows.iter().enumerate() {
        tx.execute(&account, &[&r.user, &r.unit, &r.region])
            .expect("account");
        let at = 1_700_000_001 + n as i64;
        tx.execute(
            &report,
            &[
                &r.unit, &r.user, &r.state, &r.text, &r.errors, &r.region, &at,
            ],
        )
        .expect("report");
    }
    tx.commit().expect("commit");
}

fn start(root: &Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["server", "--listen", "127.0.0.1:0"])
        .arg(root.join("s"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("server starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("URL line");
    let port = line
        .trim()
        .strip_prefix("http://127.0.0.1:")
        .and_then(|r| r.strip_suffix('/'))
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("URL line: {line}"));
    Server(child, port)
}

fn http(port: u16, head: &str, body: &str) -> (u16, String, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(600))).ok();
    s.write_all(head.as_bytes()).expect("write");
    s.write_all(body.as_bytes()).expect("write");
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    let text = String::from_utf8_lossy(&out).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, head.to_string(), body.to_string())
}

fn login(port: u16, password: &str) -> String {
    let body = format!("{{\"user\":\"审核\",\"password\":\"{password}\"}}");
    let head = format!(
        "POST /api/login HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let (status, head, body) = http(port, &head, &body);
    assert_eq!(status, 200, "{body}");
    head.lines()
        .find_map(|l| l.strip_prefix("Set-Cookie: "))
        .and_then(|c| c.split(';').next())
        .expect("cookie")
        .to_string()
}

fn get(port: u16, cookie: &str, target: &str) -> (u16, String) {
    let head = format!(
        "GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nCookie: {cookie}\r\nConnection: close\r\n\r\n"
    );
    let (status, _, body) = http(port, &head, "");
    (status, body)
}
