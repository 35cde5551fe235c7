//! Helpers shared by the CLI tests.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Sends `signal` (`libc::SIGINT`, `SIGTERM`, …) to the process `pid`,
/// as `kill -INT PID` would, without needing a `kill` program on the
/// machine (a minimal system with only Rust may have none). Panics if
/// the signal could not be sent.
#[cfg(unix)]
#[allow(unsafe_code)]
pub(crate) fn send_signal(pid: u32, signal: libc::c_int) {
    let pid = libc::pid_t::try_from(pid).expect("a process id");
    // SAFETY: `kill` reads no memory of ours; `pid` is a child process
    // the test started and has not yet reaped.
    let sent = unsafe { libc::kill(pid, signal) };
    assert_eq!(sent, 0, "{}", std::io::Error::last_os_error());
}

/// The real binary, run from the repository root.
pub(crate) fn nianbao() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_nianbao"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd.env("NO_COLOR", "1");
    cmd
}

/// What a run printed and its exit code.
pub(crate) struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs a command to completion.
pub(crate) fn run(cmd: &mut Command) -> Output {
    let out = cmd.output().expect("binary runs");
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A fresh empty directory under the system temp dir, removed on drop.
pub(crate) struct TempDir(pub PathBuf);

impl TempDir {
    /// Creates `nianbao-<tag>-<pid>-<n>`.
    pub(crate) fn new(tag: &str) -> TempDir {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "nianbao-{tag}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    /// A path inside the directory.
    pub(crate) fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs the binary with `args` in `dir`.
pub(crate) fn run_in(args: &[&str], dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("runs")
}

/// The standard error of a finished run, as text.
pub(crate) fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Whether golden files and snapshots are to be rewritten (`NIANBAO_BLESS=1`).
pub(crate) fn blessing() -> bool {
    std::env::var_os("NIANBAO_BLESS").is_some()
}

/// Compares `got` with the golden file at `golden` (relative to the
/// repository root), or rewrites the file when `NIANBAO_BLESS` is set.
/// A difference panics naming the first line that differs.
pub(crate) fn golden(golden: &Path, got: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(golden);
    if blessing() {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&path, got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "{} missing: run NIANBAO_BLESS=1 cargo test --test testsuite",
            golden.display()
        )
    });
    if got == want {
        return;
    }
    let line = got
        .lines()
        .zip(want.lines())
        .position(|(a, b)| a != b)
        .unwrap_or_else(|| got.lines().count().min(want.lines().count()));
    panic!(
        "{} differs from the golden file at line {}:\n  got:  {:?}\n  want: {:?}\n\
         (if the change is intended: NIANBAO_BLESS=1 cargo test --test testsuite, then review the diff)",
        golden.display(),
        line + 1,
        got.lines().nth(line),
        want.lines().nth(line)
    );
}

/// Where the report's stylesheet, as every HTML golden file carries it, is
/// kept once: the golden HTML files hold [`STYLE_SHOWN`] in its place.
const STYLE_GOLDEN: &str = "tests/golden/report-style.css";

/// What an HTML golden file holds inside `<style>` instead of the stylesheet.
const STYLE_SHOWN: &str = "/* tests/golden/report-style.css */\n";

/// [`golden`] for a report's HTML page: the stylesheet inside `<style>` is
/// compared with the one kept in [`STYLE_GOLDEN`] (the same for every report
/// without a 造字 font), the rest of the page with `golden`.
pub(crate) fn golden_html(golden_path: &Path, got: &str) {
    let (head, rest) = got
        .split_once("<style>\n")
        .unwrap_or_else(|| panic!("{}: no <style> in the page", golden_path.display()));
    let (style, tail) = rest
        .split_once("</style>")
        .unwrap_or_else(|| panic!("{}: <style> not closed", golden_path.display()));
    golden(Path::new(STYLE_GOLDEN), style);
    golden(
        golden_path,
        &format!("{head}<style>\n{STYLE_SHOWN}</style>{tail}"),
    );
}

/// The 2024 example data file (`examples/zibo-zhangdian-traffic-2024.yaml`).
pub(crate) const EXAMPLE: &str = "examples/zibo-zhangdian-traffic-2024.yaml";

/// The text of the 2024 example with the first `from` replaced by `to`
/// (`from` must occur).
pub(crate) fn example_with(from: &str, to: &str) -> String {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(EXAMPLE)).unwrap();
    assert!(text.contains(from), "{from}");
    text.replacen(from, to, 1)
}

/// One raw HTTP request to a server on loopback `port`: `head` and `body`
/// written as they are, the answer read to its end. Returns the status
/// (0 when there is none), the head and the body.
pub(crate) fn http_raw(port: u16, head: &str, body: &[u8]) -> (u16, String, String) {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(60)))
        .unwrap();
    let _ = s.write_all(head.as_bytes());
    let _ = s.write_all(body);
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    split_response(&out)
}

/// An HTTP answer read to its end, split into its status (0 when there is
/// none), head and body.
pub(crate) fn split_response(out: &[u8]) -> (u16, String, String) {
    let text = String::from_utf8_lossy(out).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    (status, head.to_string(), body.to_string())
}

/// Starts `cmd` (a server: nothing on its stdin, its stderr dropped) and
/// returns it with the first line it printed on stdout, its address,
/// trimmed.
pub(crate) fn spawn_with_address(cmd: &mut Command) -> (std::process::Child, String) {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    (child, line.trim().to_string())
}

/// A server command started with its output piped: the process, the first
/// line it printed on stdout (its address) and on stderr (a warning, or the
/// line that says how to stop it).
pub(crate) fn start_server(cmd: &mut Command) -> (std::process::Child, String, String) {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let mut said = String::new();
    BufReader::new(child.stderr.take().unwrap())
        .read_line(&mut said)
        .unwrap();
    (child, line.trim().to_string(), said)
}

/// A fontconfig file whose only fonts are the test faces of
/// `tests/fixtures/fonts`: two 明体 (宋体-like) faces with 龘 䶮 黃 眞 and
/// 𠮷, and two 黑体 faces named to sort first, one of them bold and the
/// only face with 䶵. Builds with it have a fallback face for the rare
/// characters of the hard-text report, whatever the machine has installed.
pub(crate) fn test_faces_installed(dir: &TempDir) -> PathBuf {
    let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fonts");
    let conf = dir.path("test-faces.conf");
    std::fs::write(
        &conf,
        format!(
            "<?xml version=\"1.0\"?>\n<fontconfig><dir>{}</dir><cachedir>{}</cachedir></fontconfig>\n",
            fonts.display(),
            dir.path("fc-cache").display()
        ),
    )
    .unwrap();
    conf
}

/// How the human format heads a finding: the severity word, the rule's
/// Chinese name and its code (`错误（数据格式中没有的键 KEY-UNKNOWN）`).
pub(crate) fn headline(severity: &str, code: &str) -> String {
    let name = nianbao::diag::Code::parse(code)
        .unwrap_or_else(|| panic!("no code {code}"))
        .rule_name();
    format!("{severity}（{name} {code}）")
}
