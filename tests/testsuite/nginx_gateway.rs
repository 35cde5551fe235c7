//! nginx in front of server processes, for the tests and `benches/server.rs`
//! (which includes this file): the documented example
//! `contrib/nginx/nianbao.conf` itself, its ports, certificate and
//! upstreams replaced, run as a foreground nginx in a temp folder. The
//! gateway connects to the processes from 127.0.0.2 (`proxy_bind`), so that
//! on one machine the clients (127.0.0.1) are not the trusted proxy. Without
//! nginx the tests skip with a message, except under CI (`CI=true`), where
//! they fail.

#![allow(dead_code, unreachable_pub)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The address the gateway connects to the processes from: what they are
/// told to trust (`--trusted-proxy`).
pub const GATEWAY_ADDRESS: &str = "127.0.0.2";

/// A running nginx, one process (`master_process off`: no worker left
/// behind holding what the test process had open); stopped when dropped.
#[derive(Debug)]
pub struct Gateway {
    /// The port it serves on 127.0.0.1 (HTTPS when started with a
    /// certificate, else plain HTTP).
    pub port: u16,
    child: Child,
    dir: PathBuf,
}

impl Gateway {
    /// The nginx process.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for Gateway {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The nginx program, if installed.
fn program() -> Option<PathBuf> {
    let mut places: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    places.extend(["/usr/sbin".into(), "/usr/local/sbin".into()]);
    places
        .into_iter()
        .map(|d| d.join("nginx"))
        .find(|p| p.is_file())
}

/// Whether nginx is here; without it, `None` after a message, except under
/// CI, where it panics.
pub fn available() -> Option<PathBuf> {
    match program() {
        Some(p) => Some(p),
        None if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("CI 须有 nginx（.ci/run 安装 nginx-light）")
        }
        None => {
            eprintln!("跳过 nginx 网关测试：本机没有 nginx（apt install nginx-light）");
            None
        }
    }
}

/// A free port on 127.0.0.1 (bound and released: nginx binds it next).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// The documented configuration with `upstreams` as its servers, listening
/// on `port` (with TLS from `tls`: certificate and key files, else plain
/// HTTP) and connecting from [`GATEWAY_ADDRESS`].
pub fn configuration(upstreams: &[u16], port: u16, tls: Option<(&Path, &Path)>) -> String {
    let example = include_str!("../../contrib/nginx/nianbao.conf");
    let mut out = String::new();
    for line in example.lines() {
        let t = line.trim();
        if t.starts_with('#') || t.starts_with("server 127.0.0.1:84") {
            continue;
        }
        if t.starts_with("upstream nianbao") {
            out.push_str(line);
            out.push('\n');
            for p in upstreams {
                out.push_str(&format!(
                    "    server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;\n"
                ));
            }
            continue;
        }
        let replaced = match (t, tls) {
            ("listen 443 ssl;", Some(_)) => format!("    listen 127.0.0.1:{port} ssl;"),
            ("listen 443 ssl;", None) => format!("    listen 127.0.0.1:{port};"),
            (l, Some((cert, _))) if l.starts_with("ssl_certificate ") => {
                format!("    ssl_certificate     {};", cert.display())
            }
            (l, Some((_, key))) if l.starts_with("ssl_certificate_key ") => {
                format!("    ssl_certificate_key {};", key.display())
            }
            (l, None) if l.starts_with("ssl_") => continue,
            ("proxy_pass http://nianbao;", _) => {
                format!("{line}\n        proxy_bind {GATEWAY_ADDRESS};")
            }
            _ => line.to_string(),
        };
        out.push_str(&replaced);
        out.push('\n');
    }
    out
}

/// nginx serving the documented configuration in front of `upstreams`
/// (see [`configuration`]), or `None` without nginx (outside CI).
pub fn start(upstreams: &[u16], tls: Option<(&Path, &Path)>) -> Option<Gateway> {
    let nginx = available()?;
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("nianbao-nginx-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("temp")).expect("nginx folder");
    let port = free_port();
    let root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    let temp = dir.join("temp");
    let conf = format!(
        "{user}daemon off;\nmaster_process off;\npid {pid};\nerror_log {log} warn;\n\
         events {{ worker_connections 1024; }}\n\
         http {{\n access_log off;\n client_body_temp_path {t}/body;\n proxy_temp_path {t}/proxy;\n\
         fastcgi_temp_path {t}/fcgi;\n uwsgi_temp_path {t}/uwsgi;\n scgi_temp_path {t}/scgi;\n{site}}}\n",
        user = if root { "user root;\n" } else { "" },
        pid = dir.join("nginx.pid").display(),
        log = dir.join("error.log").display(),
        t = temp.display(),
        site = configuration(upstreams, port, tls),
    );
    let file = dir.join("nginx.conf");
    std::fs::write(&file, conf).expect("nginx.conf");
    let child = Command::new(nginx)
        .arg("-p")
        .arg(&dir)
        .arg("-c")
        .arg(&file)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("nginx starts");
    let gateway = Gateway { port, child, dir };
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "nginx did not start: {}",
            std::fs::read_to_string(gateway.dir.join("error.log")).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    Some(gateway)
}
