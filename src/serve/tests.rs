//! The layer on real sockets, with a handler of its own and short
//! deadlines.

use super::*;
use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};

/// Answers with the request's target (or its body); the gate wants
/// `X-Token: ok`.
struct Echo {
    stop: AtomicBool,
}

fn plain(status: u16, body: &[u8]) -> Vec<u8> {
    let mut out = http::response_head(status, &[("Content-Length", &body.len().to_string())]);
    out.extend_from_slice(body);
    out
}

impl Handler for Echo {
    fn body_limit(&self, head: &Head) -> Option<usize> {
        if head.target.starts_with("/upload") {
            return Some(1024 * 1024);
        }
        head.target.starts_with("/post").then_some(64)
    }

    fn gate(&self, head: &Head) -> Result<(), Vec<u8>> {
        match head.header("x-token") {
            Some("ok") => Ok(()),
            _ => Err(plain(403, b"no token")),
        }
    }

    fn respond(&self, head: &Head, body: &[u8], out: &mut dyn Write) -> std::io::Result<()> {
        if head.target == "/big" {
            out.write_all(&plain(200, &vec![b'x'; 32 * 1024 * 1024]))?;
            return out.flush();
        }
        let shown = if body.is_empty() {
            head.target.as_bytes()
        } else {
            body
        };
        out.write_all(&plain(200, shown))?;
        out.flush()
    }

    fn refusal(&self, refusal: Refusal) -> Vec<u8> {
        plain(refusal.status(), b"refused")
    }

    fn stopping(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }
}

const DEADLINE: Duration = Duration::from_millis(600);

/// A server on a free port with `connections`, `per_peer` and `reserved`.
fn start(connections: usize, per_peer: usize, reserved: usize) -> (Arc<Echo>, u16) {
    start_with(limits(connections, per_peer, reserved))
}

/// [`Limits::for_tests`] with heads and bodies within [`DEADLINE`].
fn limits(connections: usize, per_peer: usize, reserved: usize) -> Limits {
    Limits::for_tests(connections, per_peer, reserved, DEADLINE)
}

/// A server on a free port within `limits`.
fn start_with(limits: Limits) -> (Arc<Echo>, u16) {
    let (listener, port) = bind(0).unwrap();
    let echo = Arc::new(Echo {
        stop: AtomicBool::new(false),
    });
    let server = Arc::clone(&echo);
    std::thread::spawn(move || serve(&listener, &limits, &server));
    (echo, port)
}

fn connect(port: u16) -> TcpStream {
    let s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s
}

/// `n` connections, each having sent `bytes` and left open.
fn sent(port: u16, n: usize, bytes: &[u8]) -> Vec<TcpStream> {
    (0..n)
        .map(|_| {
            let mut s = connect(port);
            s.write_all(bytes).unwrap();
            s
        })
        .collect()
}

/// Sends `bytes` and reads the answer to its end: (status, body, time).
fn exchange(port: u16, bytes: &[u8]) -> (u16, String, Duration) {
    let start = Instant::now();
    let mut s = connect(port);
    let _ = s.write_all(bytes);
    answer(&mut s, start)
}

fn answer(s: &mut TcpStream, start: Instant) -> (u16, String, Duration) {
    let mut got = Vec::new();
    let _ = s.read_to_end(&mut got);
    let text = String::from_utf8_lossy(&got).into_owned();
    let status = text.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map_or("", |(_, b)| b)
        .to_string();
    (status, body, start.elapsed())
}

const GET: &[u8] = b"GET /hello HTTP/1.1\r\nHost: localhost\r\nX-Token: ok\r\n\r\n";

#[test]
fn requests_are_answered_and_bodies_read_after_the_gate() {
    let (_echo, port) = start(4, 4, 0);
    assert_eq!(exchange(port, GET).0, 200);
    assert_eq!(exchange(port, GET).1, "/hello");
    let post = b"POST /post HTTP/1.1\r\nX-Token: ok\r\nContent-Length: 5\r\n\r\nabcde";
    assert_eq!(exchange(port, post).1, "abcde");
    // Without the token: refused at once, the announced body never waited for.
    let (status, _, took) = exchange(port, b"POST /post HTTP/1.1\r\nContent-Length: 60\r\n\r\n");
    assert_eq!(status, 403);
    assert!(took < DEADLINE, "{took:?}");
    // Too long a body, or a body where none is taken: 413 before reading.
    let long = b"POST /post HTTP/1.1\r\nX-Token: ok\r\nContent-Length: 65\r\n\r\n";
    assert_eq!(exchange(port, long).0, 413);
    let none = b"POST /x HTTP/1.1\r\nX-Token: ok\r\nContent-Length: 1\r\n\r\n";
    assert_eq!(exchange(port, none).0, 413);
}

#[test]
fn a_trickled_head_is_cut_at_the_deadline() {
    let (_echo, port) = start(4, 4, 0);
    let start = Instant::now();
    let mut s = connect(port);
    // One byte every 50 ms: each read is quick, the whole head is not.
    let mut cut = false;
    for b in b"GET /slow HTTP/1.1\r\nX-Token: ok\r\nX-Padding: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" {
        if s.write_all(&[*b]).is_err() {
            cut = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
        if start.elapsed() > DEADLINE * 4 {
            break;
        }
    }
    let (status, _, took) = answer(&mut s, start);
    assert!(cut || status == 408, "status {status}");
    assert!(took >= DEADLINE, "{took:?}");
    assert!(took < DEADLINE * 4, "{took:?}");
}

#[test]
fn a_silent_connection_is_closed_without_an_answer() {
    let (_echo, port) = start(4, 4, 0);
    let start = Instant::now();
    let mut s = connect(port);
    let (status, body, took) = answer(&mut s, start);
    assert_eq!((status, body.as_str()), (0, ""));
    assert!(took >= DEADLINE && took < DEADLINE * 4, "{took:?}");
}

#[test]
fn half_open_connections_do_not_starve_requests_that_pass_the_gate() {
    // 4 shared slots (2 per address), 2 reserved.
    let (_echo, port) = start(6, 2, 2);
    let junk = sent(port, 12, b"GET / HTTP/1.1\r\n");
    std::thread::sleep(Duration::from_millis(100));
    for _ in 0..3 {
        // A request right behind the burst may meet a reserve whose cut
        // connections have not ended yet: the accept loop waits for them
        // instead of answering 503, so the first try passes.
        let (status, body, took) = exchange(port, GET);
        assert_eq!((status, body.as_str()), (200, "/hello"));
        assert!(took < DEADLINE, "{took:?}");
    }
    // A request without the token in a reserved slot is refused by the gate.
    let (status, _, _) = exchange(port, b"GET / HTTP/1.1\r\n\r\n");
    assert_eq!(status, 403);
    drop(junk);
}

#[test]
fn refused_requests_that_linger_do_not_hold_the_reserve() {
    let (_echo, port) = start(4, 2, 2);
    // Complete heads without the token, never closed and never read: each
    // is refused, then lingers; they fill the shared slots and the reserve.
    let refused = sent(port, 8, b"GET / HTTP/1.1\r\n\r\n");
    std::thread::sleep(Duration::from_millis(100));
    let (status, body, took) = exchange(port, GET);
    assert_eq!((status, body.as_str()), (200, "/hello"));
    assert!(took < DEADLINE, "{took:?}");
    drop(refused);
}

#[test]
fn without_a_reserve_a_full_server_answers_busy_at_once() {
    let (_echo, port) = start(3, 2, 0);
    let crowd: Vec<TcpStream> = (0..2).map(|_| connect(port)).collect();
    std::thread::sleep(Duration::from_millis(100));
    // The address has had its share (2 of 3): busy at once.
    let (status, body, took) = exchange(port, b"");
    assert_eq!((status, body.as_str()), (503, "refused"));
    assert!(took < DEADLINE, "{took:?}");
    drop(crowd);
    // Slots are given back when connections close.
    let deadline = Instant::now() + Duration::from_secs(3);
    while exchange(port, GET).0 != 200 {
        assert!(Instant::now() < deadline, "service did not resume");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_client_reading_slowly_is_cut_at_the_write_deadline() {
    let (_echo, port) = start_with(Limits {
        write_timeout: DEADLINE,
        ..limits(1, 1, 0)
    });
    // 32 MiB taken 64 KiB every 100 ms: each write goes on, the whole
    // response would take about 50 s.
    let mut slow = connect(port);
    slow.write_all(b"GET /big HTTP/1.1\r\nX-Token: ok\r\n\r\n")
        .unwrap();
    let done = Arc::new(AtomicBool::new(false));
    let stop = Arc::clone(&done);
    let reader = std::thread::spawn(move || {
        let mut chunk = vec![0u8; 64 * 1024];
        let mut total = 0;
        while !stop.load(Ordering::SeqCst)
            && let Ok(n @ 1..) = slow.read(&mut chunk)
        {
            total += n;
            std::thread::sleep(Duration::from_millis(100));
        }
        total
    });
    std::thread::sleep(DEADLINE * 2);
    // The one slot is free again: the slow response was given up.
    let deadline = Instant::now() + DEADLINE * 4;
    while exchange(port, GET).0 != 200 {
        assert!(Instant::now() < deadline, "the slow reader kept the slot");
        std::thread::sleep(Duration::from_millis(50));
    }
    done.store(true, Ordering::SeqCst);
    let total = reader.join().unwrap();
    assert!(total < 32 * 1024 * 1024, "{total}");
}

#[test]
fn stopping_ends_the_loop_when_woken() {
    let (listener, port) = bind(0).unwrap();
    let limits = Limits {
        write_timeout: DEADLINE,
        ..limits(2, 2, 0)
    };
    let echo = Arc::new(Echo {
        stop: AtomicBool::new(false),
    });
    let server = Arc::clone(&echo);
    let (done, finished) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        serve(&listener, &limits, &server);
        let _ = done.send(());
    });
    assert_eq!(exchange(port, GET).0, 200);
    echo.stop.store(true, Ordering::SeqCst);
    wake(port);
    assert!(finished.recv_timeout(Duration::from_secs(2)).is_ok());
}

/// TLS settings for 127.0.0.1 (a certificate signed by an authority made
/// for the test) and a client that trusts only that authority.
fn tls_pair() -> (Arc<ServerConfig>, Arc<rustls::ClientConfig>) {
    use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair};
    use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
    let ca_key = KeyPair::generate().unwrap();
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca = ca_params.self_signed(&ca_key).unwrap();
    let issuer = Issuer::new(ca_params, ca_key);
    let key = KeyPair::generate().unwrap();
    let cert = CertificateParams::new(vec!["127.0.0.1".to_string()])
        .unwrap()
        .signed_by(&key, &issuer)
        .unwrap();
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let server = ServerConfig::builder_with_provider(Arc::clone(&provider))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(
            vec![CertificateDer::from(cert.der().to_vec())],
            PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
        )
        .unwrap();
    let mut roots = rustls::RootCertStore::empty();
    roots.add(ca.der().clone()).unwrap();
    let client = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
    (Arc::new(server), Arc::new(client))
}

/// An HTTPS server on a free port, with the short deadlines.
fn start_tls() -> (u16, Arc<rustls::ClientConfig>) {
    start_tls_with(8)
}

/// An HTTPS server on a free port taking `connections` at once.
fn start_tls_with(connections: usize) -> (u16, Arc<rustls::ClientConfig>) {
    let (config, client) = tls_pair();
    let (listener, port) = bind(0).unwrap();
    let echo = Arc::new(Echo {
        stop: AtomicBool::new(false),
    });
    let limits = limits(connections, connections, 0);
    std::thread::spawn(move || serve_with(&listener, &limits, &echo, Some(config)));
    (port, client)
}

/// One request over TLS: the whole answer as text.
fn https(port: u16, client: &Arc<rustls::ClientConfig>, request: &str) -> String {
    let sock = TcpStream::connect(("127.0.0.1", port)).unwrap();
    sock.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let name = rustls::pki_types::ServerName::try_from("127.0.0.1").unwrap();
    let conn = rustls::ClientConnection::new(Arc::clone(client), name).unwrap();
    let mut tls = rustls::StreamOwned::new(conn, sock);
    tls.write_all(request.as_bytes()).unwrap();
    let mut out = Vec::new();
    tls.read_to_end(&mut out).unwrap();
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn https_requests_pass_the_same_gate_and_bounds() {
    let (port, client) = start_tls();
    let ok = https(
        port,
        &client,
        "GET /hello HTTP/1.1\r\nHost: x\r\nX-Token: ok\r\n\r\n",
    );
    assert!(
        ok.starts_with("HTTP/1.1 200") && ok.ends_with("/hello"),
        "{ok}"
    );
    let refused = https(port, &client, "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
    assert!(refused.starts_with("HTTP/1.1 403"), "{refused}");
    let body = https(
        port,
        &client,
        "POST /post HTTP/1.1\r\nHost: x\r\nX-Token: ok\r\nContent-Length: 5\r\n\r\nhello",
    );
    assert!(body.ends_with("\r\n\r\nhello"), "{body}");
    let large = https(
        port,
        &client,
        "POST /post HTTP/1.1\r\nHost: x\r\nX-Token: ok\r\nContent-Length: 65\r\n\r\n",
    );
    assert!(large.starts_with("HTTP/1.1 413"), "{large}");
}

#[test]
fn a_dripped_tls_handshake_is_cut_at_the_head_deadline() {
    let (port, _) = start_tls();
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_millis(100)))
        .unwrap();
    let start = Instant::now();
    // A handshake record announcing 512 bytes, then one byte every 100 ms:
    // each read brings something, only the deadline can end it.
    let _ = s.write_all(&[0x16, 0x03, 0x01, 0x02, 0x00]);
    let mut buf = [0u8; 64];
    let closed = loop {
        if start.elapsed() > Duration::from_secs(5) {
            break None;
        }
        if s.write_all(&[0]).is_err() {
            break Some(start.elapsed());
        }
        match s.read(&mut buf) {
            Ok(0) => break Some(start.elapsed()),
            Ok(_) => assert_ne!(&buf[..5], b"HTTP/", "an HTTP answer on TLS"),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(_) => break Some(start.elapsed()),
        }
    };
    let closed = closed.expect("the server never closed the dripping handshake");
    assert!(
        closed >= DEADLINE && closed < DEADLINE * 3,
        "closed after {closed:?}"
    );
}

#[test]
fn a_busy_https_server_closes_without_a_plain_answer() {
    let (port, client) = start_tls_with(1);
    let holder = connect(port);
    std::thread::sleep(Duration::from_millis(100));
    let mut refused = connect(port);
    let mut got = Vec::new();
    let _ = refused.read_to_end(&mut got);
    assert!(got.is_empty(), "{}", String::from_utf8_lossy(&got));
    drop(holder);
    // Once the slot is free again, HTTPS is answered.
    std::thread::sleep(Duration::from_millis(100));
    let ok = https(
        port,
        &client,
        "GET /again HTTP/1.1\r\nHost: x\r\nX-Token: ok\r\n\r\n",
    );
    assert!(ok.ends_with("/again"), "{ok}");
}

/// Reads a response's head, up to its empty line.
fn head_of(s: &mut impl Read) -> String {
    let mut got = Vec::new();
    let mut byte = [0u8; 1];
    while !got.ends_with(b"\r\n\r\n") && s.read(&mut byte).unwrap_or(0) == 1 {
        got.push(byte[0]);
    }
    String::from_utf8_lossy(&got).into_owned()
}

/// Reads one response framed by its `Content-Length` (not to the end of
/// the connection): (status, head, body).
fn one_response(s: &mut impl Read) -> (u16, String, String) {
    let head = head_of(s);
    if !head.ends_with("\r\n\r\n") {
        return (0, head, String::new());
    }
    let length: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("Content-Length: "))
        .map_or(0, |v| v.trim().parse().unwrap());
    let mut body = vec![0u8; length];
    s.read_exact(&mut body).unwrap();
    let status = head.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, head, String::from_utf8_lossy(&body).into_owned())
}

const KEEP: &str = "Host: localhost\r\nX-Token: ok\r\nConnection: keep-alive\r\n";

#[test]
fn head_is_answered_like_get_without_the_body() {
    let (_echo, port) = start(4, 4, 0);
    let mut s = connect(port);
    s.write_all(format!("HEAD /hello HTTP/1.1\r\n{KEEP}\r\n").as_bytes())
        .unwrap();
    let head = head_of(&mut s);
    assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
    // The length of GET's body, and no body: the next answer follows at once.
    assert!(head.contains("Content-Length: 6\r\n"), "{head}");
    s.write_all(format!("GET /again HTTP/1.1\r\n{KEEP}\r\n").as_bytes())
        .unwrap();
    let (status, _, body) = one_response(&mut s);
    assert_eq!((status, body.as_str()), (200, "/again"));
    // Without keep-alive: the head alone, then the end of the connection.
    let (status, body, _) = exchange(port, b"HEAD /hello HTTP/1.1\r\nX-Token: ok\r\n\r\n");
    assert_eq!((status, body.as_str()), (200, ""));
}

#[test]
fn chunked_bodies_are_read_within_the_same_bound() {
    let (_echo, port) = start(4, 4, 0);
    let post = |chunks: &str| {
        let raw = format!(
            "POST /post HTTP/1.1\r\nX-Token: ok\r\nTransfer-Encoding: chunked\r\n\r\n{chunks}"
        );
        exchange(port, raw.as_bytes())
    };
    let (status, body, _) = post("5\r\nhello\r\n6;x=y\r\n world\r\n0\r\n\r\n");
    assert_eq!((status, body.as_str()), (200, "hello world"));
    // 64 bytes are taken; the chunk that would pass them is refused.
    let (status, body, _) = post(&format!("40\r\n{}\r\n1\r\n", "a".repeat(64)));
    assert_eq!((status, body.as_str()), (413, "refused"));
    assert_eq!(post("zz\r\n").0, 400);
    // Chunks beside a length, or another coding: refused.
    let both = b"POST /post HTTP/1.1\r\nX-Token: ok\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n";
    assert_eq!(exchange(port, both).0, 400);
    let gzip = b"POST /post HTTP/1.1\r\nX-Token: ok\r\nTransfer-Encoding: gzip, chunked\r\n\r\n";
    assert_eq!(exchange(port, gzip).0, 501);
    // A route without a body refuses chunks as any body.
    let none = b"POST /x HTTP/1.1\r\nX-Token: ok\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n";
    assert_eq!(exchange(port, none).0, 413);
    // Chunks that stop coming are cut at the body deadline.
    let (status, _, took) = post("5\r\nhel");
    assert_eq!(status, 408);
    assert!(took >= DEADLINE && took < DEADLINE * 4, "{took:?}");
}

#[test]
fn expect_100_continue_is_answered_only_after_the_gate() {
    let (_echo, port) = start(4, 4, 0);
    let mut s = connect(port);
    s.write_all(
        b"POST /post HTTP/1.1\r\nX-Token: ok\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n",
    )
    .unwrap();
    let mut interim = [0u8; 25];
    s.read_exact(&mut interim).unwrap();
    assert_eq!(&interim, b"HTTP/1.1 100 Continue\r\n\r\n");
    s.write_all(b"hello").unwrap();
    let (status, body, _) = answer(&mut s, Instant::now());
    assert_eq!((status, body.as_str()), (200, "hello"));
    // Refused by the gate, or too large: the final answer, never a 100.
    for refused in [
        &b"POST /post HTTP/1.1\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n"[..],
        b"POST /post HTTP/1.1\r\nX-Token: ok\r\nContent-Length: 65\r\nExpect: 100-continue\r\n\r\n",
    ] {
        let (status, _, took) = exchange(port, refused);
        assert!(status == 403 || status == 413, "{status}");
        assert!(took < DEADLINE, "{took:?}");
    }
}

#[test]
fn a_kept_connection_answers_requests_in_order_until_idle() {
    let (_echo, port) = start(4, 4, 0);
    let mut s = connect(port);
    // Two requests at once (pipelined), a body between them.
    s.write_all(
        format!(
            "POST /post HTTP/1.1\r\n{KEEP}Content-Length: 3\r\n\r\nabcGET /second HTTP/1.1\r\n{KEEP}\r\n"
        )
        .as_bytes(),
    )
    .unwrap();
    let (status, head, body) = one_response(&mut s);
    assert_eq!((status, body.as_str()), (200, "abc"), "{head}");
    assert!(
        head.contains("Connection: keep-alive\r\nKeep-Alive: timeout=1, max=99\r\n"),
        "{head}"
    );
    let (status, _, body) = one_response(&mut s);
    assert_eq!((status, body.as_str()), (200, "/second"));
    // Asked to close: answered, then closed.
    s.write_all(b"GET /last HTTP/1.1\r\nX-Token: ok\r\nConnection: close\r\n\r\n")
        .unwrap();
    let (status, body, _) = answer(&mut s, Instant::now());
    assert_eq!((status, body.as_str()), (200, "/last"));
    // Nothing more within the idle timeout: closed without a word.
    let mut idle = connect(port);
    idle.write_all(format!("GET /one HTTP/1.1\r\n{KEEP}\r\n").as_bytes())
        .unwrap();
    assert_eq!(one_response(&mut idle).0, 200);
    let (status, rest, took) = answer(&mut idle, Instant::now());
    assert_eq!((status, rest.as_str()), (0, ""));
    assert!(took >= DEADLINE / 2 && took < DEADLINE * 4, "{took:?}");
    // Pipelined without asking to keep the connection: a bad request.
    let two = b"GET / HTTP/1.1\r\nX-Token: ok\r\n\r\nGET / HTTP/1.1\r\nX-Token: ok\r\n\r\n";
    assert_eq!(exchange(port, two).0, 400);
}

#[test]
fn a_kept_connection_takes_a_bounded_number_of_requests() {
    let (_echo, port) = start(4, 4, 0);
    let mut s = connect(port);
    for n in 1..=connection::MAX_REQUESTS {
        s.write_all(format!("GET /{n} HTTP/1.1\r\n{KEEP}\r\n").as_bytes())
            .unwrap();
        let (status, head, body) = one_response(&mut s);
        assert_eq!((status, body), (200, format!("/{n}")));
        let last = n == connection::MAX_REQUESTS;
        assert_eq!(head.contains("Connection: close"), last, "{n}: {head}");
    }
    let (status, rest, _) = answer(&mut s, Instant::now());
    assert_eq!((status, rest.as_str()), (0, ""));
}

#[test]
fn an_idle_kept_connection_does_not_hold_the_reserve() {
    // 1 shared slot (1 per address), 1 reserved.
    let (_echo, port) = start(2, 1, 1);
    let mut first = connect(port);
    first
        .write_all(format!("GET /a HTTP/1.1\r\n{KEEP}\r\n").as_bytes())
        .unwrap();
    assert_eq!(one_response(&mut first).0, 200);
    let mut second = connect(port);
    second
        .write_all(format!("GET /b HTTP/1.1\r\n{KEEP}\r\n").as_bytes())
        .unwrap();
    assert_eq!(one_response(&mut second).0, 200);
    // Both wait for their next request (a moment for their threads to get
    // there after writing the answer: on a loaded machine the newcomer
    // could otherwise arrive first); a newcomer takes the reserved one's
    // place at once.
    std::thread::sleep(Duration::from_millis(200));
    let (status, body, took) = exchange(port, GET);
    assert_eq!((status, body.as_str()), (200, "/hello"));
    assert!(took < DEADLINE, "{took:?}");
}

#[test]
fn https_pays_one_handshake_for_several_requests() {
    let (port, client) = start_tls();
    let sock = TcpStream::connect(("127.0.0.1", port)).unwrap();
    sock.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let name = rustls::pki_types::ServerName::try_from("127.0.0.1").unwrap();
    let conn = rustls::ClientConnection::new(Arc::clone(&client), name).unwrap();
    let mut tls = rustls::StreamOwned::new(conn, sock);
    for n in 0..3 {
        tls.write_all(
            format!(
                "GET /{n} HTTP/1.1\r\nHost: x\r\nX-Token: ok\r\nConnection: keep-alive\r\n\r\n"
            )
            .as_bytes(),
        )
        .unwrap();
        let (status, _, body) = one_response(&mut tls);
        assert_eq!((status, body), (200, format!("/{n}")));
    }
    assert!(!tls.conn.is_handshaking());
}

/// Bodies take the server's budget as their bytes arrive, never what their
/// heads declare, and a body over the budget is refused with 503 while the
/// others go on; the bytes are given back when a request is answered.
#[test]
fn bodies_in_flight_share_one_budget() {
    let (_echo, port) = start_with(Limits {
        body_budget: 100_000,
        ..Limits::for_tests(16, 16, 0, Duration::from_secs(5))
    });
    let head = |len: usize| {
        format!("POST /upload HTTP/1.1\r\nX-Token: ok\r\nContent-Length: {len}\r\n\r\n")
            .into_bytes()
    };
    // Declared far over the budget, hardly sent: nothing reserved for it.
    let mut declared = connect(port);
    declared.write_all(&head(1_000_000)).unwrap();
    declared.write_all(b"x").unwrap();
    // A body of 80,000 bytes, its last 20,000 held back.
    let mut first = connect(port);
    first.write_all(&head(80_000)).unwrap();
    first.write_all(&vec![b'a'; 60_000]).unwrap();
    std::thread::sleep(Duration::from_millis(200));
    // Another 60,000 would pass the budget: refused at once.
    let mut over = head(60_000);
    over.extend(vec![b'b'; 60_000]);
    let (status, body, _) = exchange(port, &over);
    assert_eq!(status, 503, "{body}");
    // The first goes on and is answered.
    first.write_all(&vec![b'a'; 20_000]).unwrap();
    let (status, body, _) = answer(&mut first, Instant::now());
    assert_eq!((status, body.len()), (200, 80_000));
    // Its bytes given back, the same body now fits.
    let (status, body, _) = exchange(port, &over);
    assert_eq!((status, body.len()), (200, 60_000));
    drop(declared);
}
