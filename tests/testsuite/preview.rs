//! End-to-end tests of `nianbao preview`: the real binary, plain HTTP over
//! `TcpStream`, and real headless Chromium driven through chromedriver's
//! W3C WebDriver protocol (skipped when chromedriver is not installed, except under `CI`, where
//! that fails).

use nianbao::slice::Slice;

use crate::common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::TempDir;

use serde_json::{Value, json};

const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/examples/zibo-zhangdian-traffic-2024.yaml"
);
pub(crate) const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Whether the browser tests can run: chromedriver and Chromium are
/// installed; outside CI the absence of either skips the test with a message, under CI it fails.
pub(crate) fn browser_available() -> bool {
    let missing: Vec<&str> = [CHROMEDRIVER, CHROMIUM]
        .into_iter()
        .filter(|p| !Path::new(p).exists())
        .collect();
    if missing.is_empty() {
        return true;
    }
    let missing = missing.join(", ");
    assert!(
        std::env::var_os("CI").is_none(),
        "{missing} is missing under CI"
    );
    eprintln!("skipped: {missing} is not installed");
    false
}
const CHROMIUM: &str = "/usr/bin/chromium";

/// Kills and reaps a child process when dropped, even when a test fails.
pub(crate) struct Kill(pub(crate) Child);

impl Drop for Kill {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub(crate) fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A response: status and body.
struct Reply {
    status: u16,
    headers: String,
    body: Vec<u8>,
}

impl Reply {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// One HTTP/1.1 request over a fresh connection, read to the end.
fn http(port: u16, method: &str, path: &str, host: &str, body: Option<&Value>) -> Reply {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).unwrap();
    // Servers may keep the connection open: read by Content-Length or chunks.
    let mut raw = Vec::new();
    let mut buf = [0u8; 8192];
    let mut head: Option<(usize, String)> = None;
    loop {
        if head.is_none()
            && let Some(split) = raw.windows(4).position(|w: &[u8]| w == b"\r\n\r\n")
        {
            head = Some((split, String::from_utf8_lossy(&raw[..split]).into_owned()));
        }
        if let Some((split, headers)) = &head {
            let body = &raw[split + 4..];
            let lower = headers.to_ascii_lowercase();
            let length = lower
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok());
            let done = match length {
                Some(n) => body.len() >= n,
                None if lower.contains("transfer-encoding: chunked") => {
                    body.ends_with(b"0\r\n\r\n")
                }
                None => false,
            };
            if done {
                break;
            }
        }
        // A signal (a child process ending) may interrupt the read: retry.
        let n = match stream.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => panic!("reading the answer: {e}"),
        };
        raw.extend_from_slice(&buf[..n]);
    }
    let (split, headers) = head.expect("end of headers");
    let status = headers
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("status");
    let mut body = raw[split + 4..].to_vec();
    if headers
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        body = dechunk(&body);
    }
    Reply {
        status,
        headers,
        body,
    }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(eol) = data.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let size = std::str::from_utf8(&data[..eol])
            .ok()
            .and_then(|s| usize::from_str_radix(s.split(';').next()?.trim(), 16).ok())
            .unwrap_or(0);
        if size == 0 {
            return out;
        }
        let start = eol + 2;
        out.extend_from_slice(&data[start..start + size]);
        data = &data[start + size + 2..];
    }
}

/// Starts `nianbao preview FILE --port PORT` and returns it with the port
/// and the session token it announced.
fn start_preview(file: &Path, port: u16) -> (Kill, u16, String) {
    spawn_preview(file, port, Stdio::null())
}

/// [`start_preview`] with the given standard error.
fn spawn_preview(file: &Path, port: u16, stderr: Stdio) -> (Kill, u16, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .arg("preview")
        .arg(file)
        .args(["--port", &port.to_string()])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(stderr)
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let guard = Kill(child);
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = tx.send(line);
    });
    let line = rx
        .recv_timeout(Duration::from_secs(30))
        .expect("preview announces its address");
    let (port, token) = line
        .trim()
        .strip_prefix("预览地址：http://127.0.0.1:")
        .and_then(|r| r.split_once("/?t="))
        .and_then(|(p, t)| Some((p.parse().ok()?, t.to_string())))
        .unwrap_or_else(|| panic!("unexpected first line: {line:?}"));
    assert_eq!(token.len(), 32, "{line}");
    (guard, port, token)
}

#[cfg(unix)]
fn interrupt(child: &mut Kill) -> std::process::ExitStatus {
    crate::common::send_signal(child.0.id(), libc::SIGINT);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(status) = child.0.try_wait().unwrap() {
            return status;
        }
        assert!(Instant::now() < deadline, "preview did not stop on Ctrl-C");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn serves_only_its_own_routes_to_loopback_names() {
    let dir = TempDir::new("http");
    let file = dir.0.join("report.yaml");
    std::fs::copy(EXAMPLE, &file).unwrap();
    // The requested port is taken: the next free one is used.
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let taken_port = taken.local_addr().unwrap().port();
    let (_preview, port, token) = start_preview(&file, taken_port);
    assert_ne!(port, taken_port);
    let host = format!("127.0.0.1:{port}");
    let with = |path: &str| format!("{path}?t={token}");

    let page = http(port, "GET", &with("/"), &host, None);
    assert_eq!(page.status, 200);
    assert!(page.text().contains("933554"));
    assert!(page.text().contains("EventSource"));
    assert!(page.headers.contains("text/html"));
    assert_eq!(http(port, "GET", &with("/"), "localhost", None).status, 200);
    assert_eq!(
        http(port, "GET", &with("/"), &format!("[::1]:{port}"), None).status,
        200
    );

    tokenless_requests_are_refused(port, &host, &token);

    // DNS-rebinding guard.
    for bad in ["evil.example", &format!("evil.example:{port}")] {
        let r = http(port, "GET", &with("/"), bad, None);
        assert_eq!(r.status, 403, "{bad}");
        assert!(!r.text().contains("933554"));
    }
    assert_eq!(
        http(port, "GET", &with("/state.json"), "evil.example", None).status,
        403
    );
    // Another site's page, through the visitor's browser.
    for (header, value) in [
        ("Origin", "http://evil.example"),
        ("Origin", "null"),
        ("Sec-Fetch-Site", "cross-site"),
    ] {
        let r = raw(
            port,
            format!(
                "GET {} HTTP/1.1\r\nHost: {host}\r\n{header}: {value}\r\n\r\n",
                with("/report.pdf")
            )
            .as_bytes(),
        );
        assert_eq!(status_of(&r), 403, "{header}: {value}");
        assert!(!r.contains("%PDF"));
    }
    let own = raw(
        port,
        format!(
            "GET {} HTTP/1.1\r\nHost: {host}\r\nOrigin: http://{host}\r\n\r\n",
            with("/state.json")
        )
        .as_bytes(),
    );
    assert_eq!(status_of(&own), 200);

    // Nothing from the file system.
    for path in [
        "/report.yaml",
        "/etc/passwd",
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/examples/",
        "/favicon.ico",
    ] {
        assert_eq!(
            http(port, "GET", &with(path), &host, None).status,
            404,
            "{path}"
        );
    }
    assert_eq!(http(port, "POST", &with("/"), &host, None).status, 405);

    let state: Value =
        serde_json::from_slice(&http(port, "GET", &with("/state.json"), &host, None).body).unwrap();
    assert_eq!(state["errors"], 0);

    let pdf = http(port, "GET", &with("/report.pdf"), &host, None);
    assert_eq!(pdf.status, 200, "{}", pdf.text());
    assert!(pdf.headers.contains("Content-Type: application/pdf"));
    assert!(pdf.body.starts_with(b"%PDF"));

    event_stream_starts_with(port, &host, &token, &state["generation"]);

    #[cfg(unix)]
    {
        let mut preview = _preview;
        let status = interrupt(&mut preview);
        assert!(status.success(), "Ctrl-C exits 0, got {status}");
    }
    drop(taken);
}

/// The event stream, opened with the token in its header, starts with the
/// current generation.
fn event_stream_starts_with(port: u16, host: &str, token: &str, generation: &Value) {
    let mut events = TcpStream::connect(("127.0.0.1", port)).unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        events,
        "GET /events HTTP/1.1\r\nHost: {host}\r\nX-Nianbao-Token: {token}\r\n\r\n"
    )
    .unwrap();
    let mut got = Vec::new();
    let mut buf = [0u8; 512];
    while !String::from_utf8_lossy(&got).contains(&format!("data: {}\n\n", generation)) {
        let n = match events.read(&mut buf) {
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            read => read.unwrap(),
        };
        assert!(n > 0, "event stream closed");
        got.extend_from_slice(&buf[..n]);
    }
    assert!(String::from_utf8_lossy(&got).contains("text/event-stream"));
}

/// Sends `bytes` as they are over a fresh connection and returns what comes
/// back until the server closes (or 5 s pass).
fn raw(port: u16, bytes: &[u8]) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    // The server may answer and close before it has read everything.
    let _ = stream.write_all(bytes);
    let mut got = Vec::new();
    let _ = stream.read_to_end(&mut got);
    String::from_utf8_lossy(&got).into_owned()
}

/// The status code of a raw response, 0 if there is none.
fn status_of(response: &str) -> u16 {
    response
        .strip_prefix("HTTP/1.1 ")
        .and_then(|r| r.get(..3))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

/// Without the session's token, in the query or the header, or with
/// another, every route is refused before it answers: a page for the
/// browser at `/` (an old tab after a restart), a line elsewhere.
fn tokenless_requests_are_refused(port: u16, host: &str, token: &str) {
    let wrong = "0".repeat(32);
    for path in [
        "/".to_string(),
        "/state.json".into(),
        "/report.pdf".into(),
        "/events".into(),
        "/nothing".into(),
        format!("/?t={wrong}"),
        format!(
            "/state.json?t={}",
            token.chars().take(31).collect::<String>()
        ),
        format!("/report.pdf?T={token}"),
    ] {
        let r = http(port, "GET", &path, host, None);
        assert_eq!(r.status, 403, "{path}");
        assert!(!r.text().contains("933554"), "{path}");
        assert!(!r.text().contains("%PDF"), "{path}");
        assert!(!r.text().contains("generation"), "{path}");
    }
    let page = http(port, "GET", "/", host, None);
    assert!(page.headers.contains("text/html"), "{}", page.headers);
    assert!(page.text().contains("访问口令"), "{}", page.text());
    assert!(page.text().contains("nianbao preview"), "{}", page.text());
    let line = http(port, "GET", "/state.json", host, None);
    assert!(
        line.text().contains("缺少或错误的访问口令"),
        "{}",
        line.text()
    );
    let by_header = raw(
        port,
        format!("GET /state.json HTTP/1.1\r\nHost: {host}\r\nX-Nianbao-Token: {token}\r\n\r\n")
            .as_bytes(),
    );
    assert_eq!(status_of(&by_header), 200, "{by_header}");
}

/// `GET /`, which must answer 200 promptly: a liveness check (a server
/// stuck behind a hostile client would take the clients' 5 s timeouts and
/// more), not a speed measurement, so loose enough for a loaded machine.
fn quick_page(port: u16, token: &str, why: &str) {
    let start = Instant::now();
    let page = http(port, "GET", &format!("/?t={token}"), "127.0.0.1", None);
    assert_eq!(page.status, 200, "{why}");
    assert!(page.text().contains("933554"), "{why}");
    let took = start.elapsed();
    assert!(took < Duration::from_secs(4), "{why}: GET / took {took:?}");
}

#[test]
fn keeps_serving_under_hostile_clients() {
    let dir = TempDir::new("hostile");
    let file = dir.0.join("report.yaml");
    std::fs::copy(EXAMPLE, &file).unwrap();
    let (mut preview, port, token) = start_preview(&file, free_port());
    quick_page(port, &token, "at start");

    // 1. A huge declared body is refused without being read or allocated,
    // whatever the Host; the process lives on.
    for host in ["127.0.0.1", "evil.example"] {
        let r = raw(
            port,
            format!("POST / HTTP/1.1\r\nHost: {host}\r\nContent-Length: 99999999999\r\n\r\n")
                .as_bytes(),
        );
        assert_eq!(status_of(&r), 413, "{r}");
        assert!(r.contains("不接受带正文的请求"), "{r}");
    }
    let r = raw(
        port,
        b"GET / HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\nffffffff\r\n",
    );
    assert_eq!(status_of(&r), 413, "{r}");
    assert!(
        preview.0.try_wait().unwrap().is_none(),
        "preview still runs"
    );
    quick_page(port, &token, "after huge bodies");

    // 4. An oversized head is refused; so are garbage and pipelining.
    let mut big = b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: ".to_vec();
    big.resize(20 * 1024, b'a');
    big.extend_from_slice(b"\r\n\r\n");
    let r = raw(port, &big);
    assert_eq!(status_of(&r), 431, "{r}");
    let pipelined = format!(
        "GET /?t={token} HTTP/1.1\r\nHost: localhost\r\n\r\nGET / HTTP/1.1\r\nHost: localhost\r\n\r\n"
    );
    for garbage in [
        &b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03\r\n\r\n"[..],
        pipelined.as_bytes(),
        b"GET / HTTP/1.1\r\nHost : localhost\r\n\r\n",
    ] {
        assert_eq!(status_of(&raw(port, garbage)), 400, "{garbage:?}");
    }
    // A bare-LF request is fine.
    let r = raw(
        port,
        format!("GET /state.json?t={token} HTTP/1.1\nhost: localhost\n\n").as_bytes(),
    );
    assert_eq!(status_of(&r), 200, "{r}");

    // 2. Stalled clients (a partial request, headers announcing a body that
    // never comes, a silent connection) do not hold up other requests.
    let connect = || TcpStream::connect(("127.0.0.1", port)).unwrap();
    let mut partial = connect();
    partial
        .write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\nUser-Agent: slow")
        .unwrap();
    let mut bodiless = connect();
    bodiless
        .write_all(b"POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1000000\r\n\r\n{")
        .unwrap();
    let silent = connect();
    std::thread::sleep(Duration::from_millis(200));
    quick_page(port, &token, "with stalled clients");
    // The body is not waited for.
    bodiless
        .set_read_timeout(Some(Duration::from_secs(2)))
        .unwrap();
    let mut line = [0u8; 12];
    bodiless.read_exact(&mut line).unwrap();
    assert_eq!(&line, b"HTTP/1.1 413");

    // 3. Ctrl-C stops it at once, stalled clients or not.
    #[cfg(unix)]
    {
        let start = Instant::now();
        let status = interrupt(&mut preview);
        assert!(status.success(), "Ctrl-C exits 0, got {status}");
        let took = start.elapsed();
        assert!(took < Duration::from_secs(3), "stopping took {took:?}");
    }
    drop((partial, silent));
}

/// A crowd of idle local connections (64, every slot but the reserve
/// taken) does not keep the page out: its requests carry the token and take
/// the place of a connection that never passed the gate; a request without
/// the token gets none (503 or 403) and sees nothing. Once the crowd
/// leaves, every request is answered again.
#[test]
fn a_crowd_of_local_connections_does_not_keep_the_page_out() {
    let dir = TempDir::new("crowd");
    let file = dir.0.join("report.yaml");
    std::fs::copy(EXAMPLE, &file).unwrap();
    let (_preview, port, token) = start_preview(&file, free_port());
    let crowd: Vec<TcpStream> = (0..64)
        .map(|_| TcpStream::connect(("127.0.0.1", port)).unwrap())
        .collect();
    std::thread::sleep(Duration::from_millis(200));
    let tokenless = raw(port, b"GET /state.json HTTP/1.1\r\nHost: localhost\r\n\r\n");
    assert!(matches!(status_of(&tokenless), 403 | 503), "{tokenless}");
    assert!(!tokenless.contains("generation"), "{tokenless}");
    quick_page(port, &token, "with 64 idle connections open");
    drop(crowd);
    let deadline = Instant::now() + Duration::from_secs(3);
    while status_of(&raw(
        port,
        format!("GET /state.json?t={token} HTTP/1.1\r\nHost: localhost\r\n\r\n").as_bytes(),
    )) != 200
    {
        assert!(Instant::now() < deadline, "service did not resume");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn port_zero_means_any_free_port() {
    let dir = TempDir::new("port0");
    let file = dir.0.join("report.yaml");
    std::fs::copy(EXAMPLE, &file).unwrap();
    let (mut preview, port, token) = spawn_preview(&file, 0, Stdio::piped());
    assert_ne!(port, 0);
    quick_page(port, &token, "on the chosen port");
    #[cfg(unix)]
    {
        let status = interrupt(&mut preview);
        assert!(status.success(), "Ctrl-C exits 0, got {status}");
    }
    #[cfg(not(unix))]
    let _ = preview.0.kill();
    let mut stderr = String::new();
    preview
        .0
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(!stderr.contains("占用"), "{stderr}");
    assert!(!stderr.contains("端口 0"), "{stderr}");
}

/// Whether a chromedriver answers ready on `port`; any failure is "not yet".
fn driver_ready(port: u16) -> bool {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let request = "GET /status HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
    if stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw);
    text.contains("\"ready\":true") || text.contains("\"ready\": true")
}

/// A WebDriver session on chromedriver, deleted when dropped.
pub(crate) struct Browser {
    port: u16,
    session: String,
    _driver: Kill,
    _profile: TempDir,
}

impl Browser {
    pub(crate) fn start() -> Browser {
        // Another test may take the free port between our look and
        // chromedriver's bind: then chromedriver ends, and we start it
        // again on another port.
        let deadline = Instant::now() + Duration::from_secs(60);
        let (port, driver) = loop {
            let port = free_port();
            let mut command = Command::new(CHROMEDRIVER);
            // Without a locale (an empty environment) chromedriver cannot
            // open a file whose name is Chinese (`审签稿.docx`); a clerk's
            // desktop always has one.
            if ["LC_ALL", "LC_CTYPE", "LANG"]
                .iter()
                .all(|v| std::env::var_os(v).is_none_or(|l| l.is_empty()))
            {
                command.env("LANG", "C.UTF-8");
            }
            let mut driver = Kill(
                command
                    .arg(format!("--port={port}"))
                    .stdin(Stdio::null())
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .spawn()
                    .unwrap(),
            );
            let started = loop {
                if driver_ready(port) {
                    break true;
                }
                if matches!(driver.0.try_wait(), Ok(Some(_))) {
                    break false;
                }
                assert!(Instant::now() < deadline, "chromedriver did not start");
                std::thread::sleep(Duration::from_millis(100));
            };
            if started {
                break (port, driver);
            }
        };
        let profile = TempDir::new("chromium-profile");
        let caps = json!({
            "capabilities": { "alwaysMatch": {
                "browserName": "chrome",
                "goog:loggingPrefs": { "browser": "ALL" },
                // axe-core on the published page takes seconds alone and
                // passed chromedriver's default 30 s beside the other
                // browsers and LibreOffice in CI.
                "timeouts": { "script": 120_000 },
                "goog:chromeOptions": {
                    "binary": CHROMIUM,
                    "args": [
                        "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--window-size=1280,960",
                        format!("--user-data-dir={}", profile.0.display()),
                    ],
                },
            }},
        });
        let r = http(port, "POST", "/session", "localhost", Some(&caps));
        let v: Value = serde_json::from_slice(&r.body).unwrap();
        let session = v["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {v}"))
            .to_string();
        Browser {
            port,
            session,
            _driver: driver,
            _profile: profile,
        }
    }

    pub(crate) fn call(&self, method: &str, path: &str, body: Option<&Value>) -> Value {
        let r = http(
            self.port,
            method,
            &format!("/session/{}{path}", self.session),
            "localhost",
            body,
        );
        let v: Value = serde_json::from_slice(&r.body).unwrap();
        assert_eq!(r.status, 200, "{method} {path}: {v}");
        v["value"].clone()
    }

    pub(crate) fn goto(&self, url: &str) {
        self.call("POST", "/url", Some(&json!({ "url": url })));
    }

    pub(crate) fn eval(&self, script: &str) -> Value {
        self.call(
            "POST",
            "/execute/sync",
            Some(&json!({ "script": script, "args": [] })),
        )
    }

    /// Polls `script` (a function body returning a value) until it returns
    /// something truthy; returns that value. The deadline is generous: on
    /// two cores with LibreOffice and other browsers at work beside it, a
    /// save's findings once took over 10 s to reach a field
    /// (`workbench_clerk::a_contact_field_says_what_is_wrong_with_it`, in
    /// CI; there the cause was also a page bug, typing before the first
    /// state, since fixed); a passing wait returns as soon as the page is
    /// ready, so only a failing one waits the full minute.
    pub(crate) fn wait_for(&self, what: &str, script: &str) -> Value {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let v = self.eval(script);
            if !(v.is_null() || v == false || v == "" || v == 0) {
                return v;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; page state: {}",
                self.eval("var o = document.getElementById('nianbao-overlay'); return (o ? o.innerText : '(no overlay)') + ' | ' + document.title;")
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The browser console's messages since the last call (chromedriver's
    /// log of type `browser`): each entry's level and message.
    pub(crate) fn console(&self) -> Vec<String> {
        let v = self.call("POST", "/se/log", Some(&json!({ "type": "browser" })));
        v.as_array()
            .map(|entries| {
                entries
                    .iter()
                    .map(|e| format!("{} {}", e["level"], e["message"]))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Saves a screenshot when `NIANBAO_SCREENSHOT_DIR` is set.
    pub(crate) fn screenshot(&self, name: &str) {
        let Some(dir) = std::env::var_os("NIANBAO_SCREENSHOT_DIR") else {
            return;
        };
        let b64 = self.call("GET", "/screenshot", None);
        let bytes = base64_decode(b64.as_str().unwrap());
        std::fs::write(Path::new(&dir).join(name), bytes).unwrap();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Closes Chromium; chromedriver itself is killed by its guard.
        let _ = TcpStream::connect(("127.0.0.1", self.port)).map(|_| {
            http(
                self.port,
                "DELETE",
                &format!("/session/{}", self.session),
                "localhost",
                None,
            )
        });
    }
}

fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let clean: Vec<u8> = text
        .bytes()
        .filter(|c| c.is_ascii_alphanumeric() || *c == b'+' || *c == b'/')
        .collect();
    let mut out = Vec::with_capacity(clean.len() * 3 / 4);
    for chunk in clean.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= (value(c) as u32) << (18 - 6 * i);
        }
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..chunk.len() - 1]);
    }
    out
}

/// Replaces the file the way many editors save: write a new file, rename it.
fn save_by_rename(file: &Path, text: &str) {
    let tmp = file.with_extension("yaml.tmp~");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, file).unwrap();
}

#[test]
fn the_browser_follows_every_save() {
    if !browser_available() {
        return;
    }
    let dir = TempDir::new("browser");
    let file = dir.0.join("r.yaml");
    let original = std::fs::read_to_string(EXAMPLE).unwrap();
    std::fs::write(&file, &original).unwrap();
    let (_preview, port, token) = start_preview(&file, free_port());
    let browser = Browser::start();
    browser.goto(&format!("http://127.0.0.1:{port}/?t={token}"));
    browser.wait_for(
        "the report",
        "var m = document.querySelector('main.report'); return m && m.innerText.indexOf('933554') >= 0;",
    );
    assert_eq!(
        browser.eval("return document.getElementById('nianbao-overlay');"),
        Value::Null
    );
    // A marker that a reload would lose, and a scroll position to keep.
    browser.eval("window.__noReload = 'kept'; window.scrollTo(0, 1200); return window.scrollY;");
    let scrolled = browser.eval("return window.scrollY;").as_f64().unwrap();
    assert!(scrolled > 1000.0, "page scrolled: {scrolled}");

    // 1. A changed figure appears without a reload, at the same scroll position.
    let changed = original.replace("行政处罚: 933554", "行政处罚: 933555");
    std::fs::write(&file, &changed).unwrap();
    browser.wait_for(
        "the new figure",
        "return document.querySelector('[data-path=\"主动公开.行政处罚\"]').textContent.trim() === '933555';",
    );
    assert_eq!(browser.eval("return window.__noReload;"), "kept");
    let after = browser.eval("return window.scrollY;").as_f64().unwrap();
    assert!(
        (after - scrolled).abs() < 2.0,
        "scroll {scrolled} → {after}"
    );

    let broken = broken_arithmetic_is_marked(&browser, &file, &changed);
    syntax_error_keeps_the_last_page(&browser, &file, &broken);
    fixed_file_clears_the_overlay(&browser, &file, &changed);
}

/// Step 2 of [`the_browser_follows_every_save`]: broken arithmetic puts an
/// overlay naming the rule and the place, and marks the cell; returns the
/// broken text.
fn broken_arithmetic_is_marked(browser: &Browser, file: &Path, changed: &str) -> String {
    // 2. Broken arithmetic: the overlay names the rule and the place, and the
    // cell is marked.
    let broken = changed.replace(
        "本年新收: [6, 0, 0, 0, 0, 0, 6]",
        "本年新收: [6, 0, 0, 0, 0, 0, 7]",
    );
    let (line_no, line) = broken
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("本年新收: [6, 0, 0, 0, 0, 0, 7]"))
        .unwrap();
    let column = line.slice_to(line.rfind('7').unwrap()).chars().count() + 1;
    let place = format!("r.yaml:{}:{column}", line_no + 1);
    save_by_rename(file, &broken);
    let overlay = browser.wait_for(
        "the T3-ROWSUM overlay",
        "var o = document.getElementById('nianbao-overlay'); return o && o.innerText.indexOf('T3-ROWSUM') >= 0 ? o.innerText : null;",
    );
    let overlay = overlay.as_str().unwrap();
    assert!(overlay.contains(&place), "{place} in {overlay}");
    assert!(overlay.contains("总计与各列之和不符"), "{overlay}");
    assert_eq!(
        browser.eval(
            "return document.querySelector('[data-path=\"依申请公开.本年新收[6]\"]').getAttribute('data-nianbao-mark');"
        ),
        "error"
    );
    // A wrong printed total is one error (T3-ROWSUM), not a cascade into T3-BAL.
    assert_eq!(
        browser.eval(
            "return document.querySelector('[data-path=\"依申请公开.办理结果.总计[6]\"]').getAttribute('data-nianbao-mark');"
        ),
        serde_json::Value::Null,
        "no T3-BAL cascade"
    );
    assert!(
        browser
            .eval("return document.body.innerText.indexOf('草稿') >= 0;")
            .as_bool()
            .unwrap()
    );
    browser.eval("var c = document.querySelector('[data-path=\"依申请公开.本年新收[6]\"]'); c.scrollIntoView({block: 'center'}); return 0;");
    browser.screenshot("preview-overlay.png");
    assert_eq!(browser.eval("return window.__noReload;"), "kept");

    broken
}

/// Step 3: a YAML syntax error puts an overlay; the last good page stays.
fn syntax_error_keeps_the_last_page(browser: &Browser, file: &Path, broken: &str) {
    // 3. A YAML syntax error: the overlay says so, the last good page stays.
    std::fs::write(file, format!("{broken}: :\n")).unwrap();
    browser.wait_for(
        "the YAML overlay",
        "var o = document.getElementById('nianbao-overlay'); return o && o.innerText.indexOf('YAML') >= 0;",
    );
    assert!(
        browser
            .eval("var m = document.querySelector('main.report'); return !!m && m.innerText.indexOf('933555') >= 0 && !!document.querySelector('#nianbao-overlay .nb-stale');")
            .as_bool()
            .unwrap(),
        "the last good page stays under the overlay"
    );
    browser.screenshot("preview-yaml-error.png");
}

/// Step 4: the file fixed, the overlay goes.
fn fixed_file_clears_the_overlay(browser: &Browser, file: &Path, changed: &str) {
    // 4. Fixed: the overlay goes.
    save_by_rename(file, changed);
    browser.wait_for(
        "the overlay to go",
        "return !document.getElementById('nianbao-overlay') && !document.querySelector('[data-nianbao-mark]');",
    );
    assert!(
        browser
            .eval("return document.querySelector('main.report').innerText.indexOf('933555') >= 0 && document.body.innerText.indexOf('草稿') < 0;")
            .as_bool()
            .unwrap()
    );
    assert_eq!(browser.eval("return window.__noReload;"), "kept");
    browser.eval("window.scrollTo(0, 0); return 0;");
    browser.screenshot("preview-clean.png");
}
