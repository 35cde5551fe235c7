//! Keystroke → findings on screen in the workbench (issue 74.5), in real
//! Chromium: the `nianbao workbench` binary serving a copy of
//! `benches/report-3000.yaml` (about 3,000 characters of text), a clerk
//! typing into a table cell and into the text box of 总体情况. A keystroke's
//! time runs from the key's input event to the end of the frame that shows
//! the findings and the report including it (the page's own
//! `window.nbTimings`). Targets on 2 cores: median under 100 ms, 95th
//! percentile under 250 ms.
//!
//! `cargo bench --bench keystroke [-- --keys 60 --report PATH]`; needs
//! `chromium` and `chromedriver` (Debian's `chromium-driver`), and skips
//! with a message without them.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// A child process killed when dropped.
struct Kill(Child);

impl Drop for Kill {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// One HTTP/1.1 request to 127.0.0.1:`port` with a JSON body; the answer's
/// body as JSON (read by its Content-Length).
fn call(port: u16, method: &str, path: &str, body: Option<&Value>) -> Value {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("chromedriver");
    stream
        .set_read_timeout(Some(Duration::from_secs(120)))
        .expect("timeout");
    let body = body.map(Value::to_string).unwrap_or_default();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    stream
        .write_all(format!("{head}{body}").as_bytes())
        .expect("request");
    let mut reader = BufReader::new(stream);
    let mut length = 0usize;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).expect("answer") == 0 || line.trim().is_empty() {
            break;
        }
        if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
            length = v.trim().parse().unwrap_or(0);
        }
    }
    let mut raw = vec![0; length];
    reader.read_exact(&mut raw).expect("body");
    serde_json::from_slice(&raw).unwrap_or(Value::Null)
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// A WebDriver session on a chromedriver of its own.
struct Browser {
    port: u16,
    session: String,
    _driver: Kill,
}

impl Browser {
    fn start(chromium: &Path, chromedriver: &Path, profile: &Path) -> Browser {
        let port = free_port();
        let driver = Kill(
            Command::new(chromedriver)
                .arg(format!("--port={port}"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("chromedriver"),
        );
        let deadline = Instant::now() + Duration::from_secs(30);
        while TcpStream::connect(("127.0.0.1", port)).is_err()
            || call(port, "GET", "/status", None)["value"]["ready"] != true
        {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "timeouts": {"script": 120_000},
            "goog:chromeOptions": {
                "binary": chromium,
                "args": ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                         "--window-size=1280,960",
                         format!("--user-data-dir={}", profile.display())],
            },
        }}});
        let v = call(port, "POST", "/session", Some(&caps));
        let session = v["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {v}"))
            .to_string();
        Browser {
            port,
            session,
            _driver: driver,
        }
    }

    fn call(&self, method: &str, path: &str, body: Option<&Value>) -> Value {
        call(
            self.port,
            method,
            &format!("/session/{}{path}", self.session),
            body,
        )["value"]
            .clone()
    }

    fn eval(&self, script: &str) -> Value {
        self.call(
            "POST",
            "/execute/sync",
            Some(&json!({"script": script, "args": []})),
        )
    }

    /// Polls `script` until it answers something other than null or false.
    fn wait_for(&self, what: &str, script: &str) -> Value {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let v = self.eval(script);
            if !v.is_null() && v != false {
                return v;
            }
            assert!(Instant::now() < deadline, "waited a minute for {what}");
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    fn element(&self, css: &str) -> String {
        let v = self.call(
            "POST",
            "/element",
            Some(&json!({"using": "css selector", "value": css})),
        );
        v.as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("no element {css}: {v}"))
            .to_string()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = call(
            self.port,
            "DELETE",
            &format!("/session/{}", self.session),
            None,
        );
    }
}

/// The `p` quantile of `samples` (nearest rank).
fn percentile(samples: &mut [f64], p: f64) -> f64 {
    samples.sort_by(|a, b| a.total_cmp(b));
    samples[((samples.len() as f64 - 1.0) * p).round() as usize]
}

/// Types `keys` into the element `css` (each key waited for on screen)
/// and returns each keystroke's time in ms.
fn type_into(browser: &Browser, css: &str, keys: &[&str]) -> Vec<f64> {
    let element = browser.element(css);
    browser.call("POST", &format!("/element/{element}/click"), None);
    keys.iter()
        .map(|key| {
            browser.eval("window.nbTimings = []; return 1;");
            browser.call(
                "POST",
                &format!("/element/{element}/value"),
                Some(&json!({"text": key})),
            );
            browser
                .wait_for(
                    "the keystroke on screen",
                    "return window.nbTimings.length ? window.nbTimings[0] : null;",
                )
                .as_f64()
                .unwrap_or(f64::NAN)
        })
        .collect()
}

fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    })
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let value = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let keys: usize = value("--keys").and_then(|k| k.parse().ok()).unwrap_or(60);
    let report = value("--report").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/report-3000.yaml"),
        PathBuf::from,
    );
    let (Some(chromium), Some(chromedriver)) = (
        which("chromium").or_else(|| which("chromium-browser")),
        which("chromedriver"),
    ) else {
        eprintln!(
            "keystroke: 没有 chromium 或 chromedriver，跳过（Debian：apt-get install chromium chromium-driver）"
        );
        return;
    };
    let dir = std::env::temp_dir().join(format!("nianbao-keystroke-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("profile")).expect("a temp folder");
    std::fs::copy(&report, dir.join("report.yaml")).expect("the report");
    let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["workbench", "--port", "0", "--no-open"])
        .arg(&dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("nianbao workbench");
    let mut url = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut url)
        .expect("the workbench's address");
    let _workbench = Kill(child);
    let url = url.trim().replace("/?t=", "/report?f=report.yaml&t=");
    let browser = Browser::start(&chromium, &chromedriver, &dir.join("profile"));
    browser.call("POST", "/url", Some(&json!({ "url": url })));
    browser.wait_for(
        "the page",
        "return document.getElementById('findings') && document.getElementById('findings').children.length > 0;",
    );
    // A figure typed and taken back in a cell; a phrase typed into the text
    // (an input method commits each character), then taken back.
    let cell: Vec<&str> = (0..keys)
        .map(|i| if i % 2 == 0 { "1" } else { "\u{E003}" })
        .collect();
    let phrase = [
        "本", "年", "度", "还", "开", "展", "了", "专", "项", "检", "查", "。",
    ];
    let text: Vec<&str> = (0..keys)
        .map(|i| {
            let round = i % (2 * phrase.len());
            if round < phrase.len() {
                phrase[round]
            } else {
                "\u{E003}"
            }
        })
        .collect();
    // The report's text as printed: the preface and the narratives.
    let chars: usize = nianbao::load::load_path(&report)
        .ok()
        .and_then(|l| l.report)
        .map_or(0, |r| {
            r.narratives()
                .iter()
                .map(|(_, t)| t.value.chars().filter(|c| !c.is_whitespace()).count())
                .sum()
        });
    println!(
        "keystroke → findings and report on screen, {} ({chars} characters of text), {keys} keys each:",
        report.display()
    );
    for (what, css, keys) in [
        ("表格单元格", "[data-path=\"依申请公开.本年新收[0]\"]", cell),
        ("总体情况文本框", "[data-path=\"总体情况\"]", text),
    ] {
        let mut samples = type_into(&browser, css, &keys);
        let [median, p95, max] = [0.5, 0.95, 1.0].map(|p| percentile(&mut samples, p));
        println!("  {what}: median {median:.1} ms, p95 {p95:.1} ms, max {max:.1} ms");
    }
    drop(browser);
    let _ = std::fs::remove_dir_all(&dir);
}
