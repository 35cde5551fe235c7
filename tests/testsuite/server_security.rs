//! `nianbao server` over HTTPS (`--cert`/`--key`) and the per-address
//! login limit: the real binary, a certificate authority and a server
//! certificate made by the test (rcgen), a rustls client that trusts only
//! that authority.

use crate::common;
use crate::preview::Kill;
use crate::server::{Store, init, json};

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair};
use rustls::pki_types::ServerName;
use rustls::{ClientConfig, ClientConnection, RootCertStore, StreamOwned};
use serde_json::json;

/// A certificate authority and a certificate it signed for `localhost`
/// and 127.0.0.1, as PEM files in `dir`.
pub(crate) struct Pki {
    pub(crate) ca: PathBuf,
    pub(crate) cert: PathBuf,
    pub(crate) key: PathBuf,
}

pub(crate) fn pki(dir: &Path) -> Pki {
    let ca_key = KeyPair::generate().unwrap();
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca_cert = ca_params.self_signed(&ca_key).unwrap();
    let issuer = Issuer::new(ca_params, ca_key);
    let key = KeyPair::generate().unwrap();
    let params =
        CertificateParams::new(vec!["localhost".to_string(), "127.0.0.1".to_string()]).unwrap();
    let cert = params.signed_by(&key, &issuer).unwrap();
    let pki = Pki {
        ca: dir.join("ca.pem"),
        cert: dir.join("server.pem"),
        key: dir.join("server.key"),
    };
    std::fs::write(&pki.ca, ca_cert.pem()).unwrap();
    std::fs::write(&pki.cert, cert.pem()).unwrap();
    std::fs::write(&pki.key, key.serialize_pem()).unwrap();
    pki
}

/// A TLS client trusting only the authority in `ca`.
pub(crate) fn client_config(ca: &Path) -> Arc<ClientConfig> {
    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject;
    let mut roots = RootCertStore::empty();
    roots
        .add(CertificateDer::from_pem_file(ca).unwrap())
        .unwrap();
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    Arc::new(
        ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_root_certificates(roots)
            .with_no_client_auth(),
    )
}

/// One request over HTTPS: (status, head, body).
pub(crate) fn https(
    port: u16,
    tls: &Arc<ClientConfig>,
    head: &str,
    body: &[u8],
) -> (u16, String, String) {
    let sock = TcpStream::connect(("127.0.0.1", port)).unwrap();
    sock.set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let name = ServerName::try_from("127.0.0.1").unwrap();
    let conn = ClientConnection::new(Arc::clone(tls), name).unwrap();
    let mut stream = StreamOwned::new(conn, sock);
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body).unwrap();
    stream.flush().unwrap();
    let mut out = Vec::new();
    stream.read_to_end(&mut out).unwrap();
    common::split_response(&out)
}

fn login_head(port: u16, origin: &str, len: usize) -> String {
    format!(
        "POST /api/login HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: {origin}://127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {len}\r\nConnection: close\r\n\r\n"
    )
}

/// The server started with extra arguments; its URL line and the process.
fn start(dir: &Path, args: &[&str]) -> (String, Kill) {
    let (child, line, said) =
        common::start_server(common::nianbao().arg("server").args(args).arg(dir));
    assert!(!said.contains("警告"), "{said}");
    (line, Kill(child))
}

fn port_of(url: &str, prefix: &str) -> u16 {
    url.strip_prefix(prefix)
        .and_then(|r| r.strip_suffix('/'))
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("URL line: {url}"))
}

#[test]
fn the_server_speaks_https_with_the_given_certificate() {
    let store: Store = init("2024");
    let pki = pki(&store.dir.path(""));
    let cert = pki.cert.to_str().unwrap();
    let key = pki.key.to_str().unwrap();
    // On every address, with no flag and no warning: HTTPS is not plain.
    let (url, _server) = start(
        &store.dir.path("s"),
        &["--listen", "0.0.0.0:0", "--cert", cert, "--key", key],
    );
    let port = port_of(&url, "https://0.0.0.0:");
    let tls = client_config(&pki.ca);

    let body = json!({"user": "审核", "password": store.password("审核")}).to_string();
    let (status, head, reply) = https(
        port,
        &tls,
        &login_head(port, "https", body.len()),
        body.as_bytes(),
    );
    assert_eq!(status, 200, "{head}\n{reply}");
    // Over HTTPS the browser is told to come back over HTTPS only.
    assert!(
        head.contains("Strict-Transport-Security: max-age=31536000\r\n"),
        "{head}"
    );
    let cookie = head
        .lines()
        .find_map(|l| l.strip_prefix("Set-Cookie: "))
        .expect("a session cookie");
    assert!(
        cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Strict")
            && cookie.ends_with("; Secure"),
        "{cookie}"
    );
    assert!(
        json(&reply)["csrf"].as_str().is_some_and(|c| c.len() == 64),
        "{reply}"
    );
    let cookie = cookie.split(';').next().unwrap();
    let list = format!(
        "GET /api/reports HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nCookie: {cookie}\r\nConnection: close\r\n\r\n"
    );
    let (status, _, reply) = https(port, &tls, &list, b"");
    assert_eq!(status, 200, "{reply}");
    let reports = json(&reply)["reports"].as_array().unwrap().clone();
    assert_eq!(reports.len(), 3, "{reply}");
    assert!(
        reports
            .iter()
            .all(|r| r["state"] == "new" && r["year"] == 2024),
        "{reply}"
    );

    // A page of http://… is another origin than the server's own.
    let (status, _, reply) = https(
        port,
        &tls,
        &login_head(port, "http", body.len()),
        body.as_bytes(),
    );
    assert_eq!(status, 403, "{reply}");

    // Plain HTTP on the HTTPS port gets no HTTP answer, and no data.
    let (_, head, _) = common::http_raw(port, &list, b"");
    assert!(!head.starts_with("HTTP/"), "{head}");
}

#[test]
fn a_certificate_that_cannot_be_used_stops_the_server_with_a_message() {
    let store = init("2024");
    let pki = pki(&store.dir.path(""));
    let other = KeyPair::generate().unwrap();
    std::fs::write(store.dir.path("other.key"), other.serialize_pem()).unwrap();
    let run = |cert: &Path, key: &Path| {
        common::run(
            common::nianbao()
                .args(["server", "--listen", "127.0.0.1:0", "--cert"])
                .arg(cert)
                .arg("--key")
                .arg(key)
                .arg(store.dir.path("s")),
        )
    };
    let cases = [
        (
            pki.cert.clone(),
            store.dir.path("other.key"),
            "私钥与证书不匹配",
        ),
        (pki.key.clone(), pki.key.clone(), "BEGIN CERTIFICATE"),
        (pki.cert.clone(), pki.cert.clone(), "找不到私钥"),
        (
            store.dir.path("无此文件.pem"),
            pki.key.clone(),
            "无此文件.pem",
        ),
    ];
    for (cert, key, says) in cases {
        let out = run(&cert, &key);
        assert_eq!(
            out.code,
            2,
            "{} {}: {}",
            cert.display(),
            key.display(),
            out.stderr
        );
        assert!(out.stdout.is_empty(), "{}", out.stdout);
        assert!(out.stderr.contains(says), "{says}: {}", out.stderr);
    }
    // --cert without --key is a usage error of its own.
    let out = common::run(
        common::nianbao()
            .args(["server", "--cert"])
            .arg(&pki.cert)
            .arg(store.dir.path("s")),
    );
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("--key"), "{}", out.stderr);
}

#[test]
fn one_address_failing_many_logins_is_refused_for_a_while() {
    let store = init("2024");
    let (url, _server) = start(&store.dir.path("s"), &["--listen", "127.0.0.1:0"]);
    let port = port_of(&url, "http://127.0.0.1:");
    let attempt = |user: &str, password: &str| {
        let body = json!({"user": user, "password": password}).to_string();
        common::http_raw(port, &login_head(port, "http", body.len()), body.as_bytes())
    };
    // Thirty wrong passwords spread over names that exist and do not (so
    // no account reaches its own lockout of five).
    for i in 0..30 {
        let user = match i % 3 {
            0 => format!("nobody{i}"),
            1 => "bm001".to_string(),
            _ => "bm002".to_string(),
        };
        let (status, _, body) = attempt(&user, "wrong-password");
        if i % 3 != 0 && i >= 12 {
            // bm001/bm002 locked after their fifth failure.
            assert!(status == 401 || status == 429, "{i}: {status} {body}");
        } else {
            assert_eq!(status, 401, "{i}: {body}");
        }
    }
    // The right password of an account never tried is refused now.
    let (status, _, body) = attempt("bm003", &store.password("bm003"));
    assert_eq!(status, 429, "{body}");
    let message = json(&body)["error"].as_str().unwrap().to_string();
    assert!(
        message.contains("登录失败次数过多") && message.contains("127.0.0.1"),
        "{message}"
    );
    assert!(message.contains("15 分钟"), "{message}");
    drop(_server);
    let db = rusqlite::Connection::open(store.db()).unwrap();
    let limited: i64 = db
        .query_row(
            "SELECT count(*) FROM audit WHERE action = '登录失败过多（按地址限制）' AND detail = '127.0.0.1'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(limited, 1);
}

/// The server's peak resident memory, from `/proc` (Linux), in MiB.
fn peak_mib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kb / 1024)
}

/// Heads that declare the largest upload and send nothing more reserve no
/// memory: without a session they are refused on the head (401) before any
/// body is read; with one, the body's memory is taken as its bytes arrive.
/// Logging in works all along.
#[test]
fn heads_declaring_large_bodies_reserve_nothing() {
    let store = init("2024");
    let (url, server) = start(&store.dir.path("s"), &["--listen", "127.0.0.1:0"]);
    let port = port_of(&url, "http://127.0.0.1:");
    let pid = server.0.id();
    let head = |extra: &str| {
        format!(
            "POST /api/start?f=1&name=a.yaml HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\n{extra}Content-Length: 33554432\r\n\r\n"
        )
    };
    // Without a session: 401 at once, the declared 32 MiB never waited for.
    for _ in 0..40 {
        let (status, _, body) = common::http_raw(port, &head(""), b"");
        assert_eq!(status, 401, "{body}");
    }
    // With a session: held open, each with a few bytes of its body.
    let dept = crate::server::login(port, "bm001", &store.password("bm001")).unwrap();
    let signed = format!(
        "Cookie: {}\r\nX-Nianbao-Token: {}\r\n",
        dept.cookie, dept.csrf
    );
    let mut held = Vec::new();
    for _ in 0..24 {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        s.write_all(head(&signed).as_bytes()).unwrap();
        s.write_all(b"partial").unwrap();
        held.push(s);
    }
    std::thread::sleep(Duration::from_millis(500));
    // Logging in still works, and the server holds far less than 24 × 32 MiB.
    let office = crate::server::login(port, "审核", &store.password("审核"));
    assert!(office.is_ok(), "{:?}", office.err());
    if let Some(peak) = peak_mib(pid) {
        assert!(peak < 256, "peak {peak} MiB");
    }
    drop(held);
}

/// A page of another site whose name was pointed at the server (DNS
/// rebinding) is refused over plain HTTP before any login is tried; the
/// server's addresses, localhost and the names given with `--host` pass.
#[test]
fn a_request_under_another_name_is_refused() {
    let store = init("2024");
    let (url, _server) = start(
        &store.dir.path("s"),
        &["--listen", "127.0.0.1:0", "--host", "nianbao.county.local"],
    );
    let port = port_of(&url, "http://127.0.0.1:");
    let body = json!({"user": "bm001", "password": store.password("bm001")}).to_string();
    let login_as = |host: &str| {
        let head = format!(
            "POST /api/login HTTP/1.1\r\nHost: {host}\r\nOrigin: http://{host}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        );
        common::http_raw(port, &head, body.as_bytes())
    };
    let (status, _, said) = login_as(&format!("rebound.example:{port}"));
    assert_eq!(status, 403, "{said}");
    assert!(
        said.contains("不是本服务器的名称") && said.contains("--host"),
        "{said}"
    );
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("nianbao.county.local:{port}"),
    ] {
        let (status, _, said) = login_as(&host);
        assert_eq!(status, 200, "{host}: {said}");
    }
}

/// A PDF of about a kilobyte whose font's ToUnicode map gives one code
/// 2,000 characters, the code drawn 4,000 times: millions of characters
/// from a small file (issue 58.2).
fn amplifying_pdf() -> Vec<u8> {
    let stream = |data: &str| {
        format!(
            "<< /Length {} >>\nstream\n{data}\nendstream",
            data.len() + 1
        )
    };
    let cmap = format!(
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap 1 begincodespacerange <00> <FF> \
         endcodespacerange 1 beginbfchar <41> <{}> endbfchar endcmap end end",
        "4E2D".repeat(2_000)
    );
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 200 300] >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"
            .to_string(),
        stream(&format!(
            "BT /F1 12 Tf 10 10 Td ({}) Tj ET",
            "A".repeat(4_000)
        )),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 65 /LastChar 65 \
         /Widths [500] /FontDescriptor 6 0 R /ToUnicode 7 0 R >>"
            .to_string(),
        "<< /Type /FontDescriptor /FontName /Helvetica /Ascent 800 /Descent 200 >>".to_string(),
        stream(&cmap),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .bytes(),
    );
    out
}

/// The amplifying PDF uploaded as last year's report is refused in Chinese
/// within seconds, and the server goes on serving: the office logs in.
#[test]
fn an_amplifying_pdf_upload_fails_alone() {
    let store = init("2024");
    let (url, server) = start(&store.dir.path("s"), &["--listen", "127.0.0.1:0"]);
    let port = port_of(&url, "http://127.0.0.1:");
    let dept = crate::server::login(port, "bm001", &store.password("bm001")).unwrap();
    let id = dept.reports()[0]["id"].as_i64().unwrap();
    let started = std::time::Instant::now();
    let (status, body) = dept.upload(
        &format!("/api/start?f={id}&name=2023.pdf"),
        &amplifying_pdf(),
        true,
    );
    assert!(status == 400 || status == 422, "{status} {body}");
    assert!(body.contains("读出的文字超过"), "{body}");
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    if let Some(peak) = peak_mib(server.0.id()) {
        assert!(peak < 256, "peak {peak} MiB");
    }
    assert!(crate::server::login(port, "审核", &store.password("审核")).is_ok());
}
