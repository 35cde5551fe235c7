//! The HTTP side of the preview: binding to loopback, the Host guard and
//! the four routes. Nothing from the file system is ever served.
//!
//! A small blocking HTTP/1.1 server on `std::net`: one thread per
//! connection (at most [`MAX_CONNECTIONS`]), one GET or HEAD request per
//! connection, no request bodies, a bounded head ([`http::MAX_HEAD`]) and
//! timeouts on every read and write, so that no client can stall the others
//! or exhaust memory. The accept loop polls the stop flag, so Ctrl-C ends
//! the server at any moment.

use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use super::PreviewError;
use super::http::{self, Head, Refusal};
use super::inject;
use super::state::Shared;
use crate::render::document::Document;
use crate::render::pdf;

/// How many later ports to try when the requested one is taken.
pub const PORT_TRIES: u16 = 20;

/// Most browser tabs following `/events` at once.
pub const MAX_EVENT_CLIENTS: usize = 16;

/// Most connections served at once (event streams included); further
/// connections get a 503 at once.
pub const MAX_CONNECTIONS: usize = 64;

/// How long a client may take to send its whole request head.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(10);

/// How long one write to a client may block.
pub const WRITE_TIMEOUT: Duration = Duration::from_secs(10);

/// How often an idle event stream sends a comment, to notice closed tabs.
const KEEPALIVE: Duration = Duration::from_secs(15);

/// How often the accept loop looks at the stop flag when idle.
const POLL: Duration = Duration::from_millis(50);

/// After a response, how long and how much unread input is discarded, so
/// that closing does not reset the connection before the client has read
/// the response.
const LINGER: Duration = Duration::from_secs(1);
/// The most unread input discarded after a response (see [`LINGER`]).
const LINGER_BYTES: usize = 256 * 1024;

/// Stack of a connection thread: as large as the main thread's, which used
/// to render pages and PDFs.
const STACK_SIZE: usize = 8 * 1024 * 1024;

/// The content type of messages.
const PLAIN: &str = "text/plain; charset=utf-8";

/// Binds to `127.0.0.1:port`, or the next free port among the following
/// [`PORT_TRIES`]. Port 0 lets the system choose a free port. Returns the
/// listener and the port it listens on.
pub fn bind(port: u16) -> Result<(TcpListener, u16), PreviewError> {
    if port == 0 {
        let bound = TcpListener::bind(("127.0.0.1", 0)).and_then(|listener| {
            let port = listener.local_addr()?.port();
            Ok((listener, port))
        });
        return bound.map_err(|reason| PreviewError::Bind {
            port,
            tries: 1,
            reason,
        });
    }
    let mut last = std::io::Error::from(std::io::ErrorKind::AddrInUse);
    let mut tries = 0;
    for i in 0..PORT_TRIES {
        let Some(p) = port.checked_add(i) else { break };
        tries += 1;
        match TcpListener::bind(("127.0.0.1", p)) {
            Ok(listener) => {
                let bound = listener.local_addr().map_or(p, |addr| addr.port());
                return Ok((listener, bound));
            }
            Err(e) => last = e,
        }
    }
    Err(PreviewError::Bind {
        port,
        tries,
        reason: last,
    })
}

/// Connection and event-stream counts shared by the connection threads.
#[derive(Debug, Default)]
struct Counts {
    connections: AtomicUsize,
    events: AtomicUsize,
}

/// Serves requests until [`Shared::stop`] is called; returns within a
/// tenth of a second of it, leaving any connection threads to end on their own
/// (their reads and writes time out).
pub fn serve(listener: &TcpListener, shared: &Arc<Shared>) {
    if let Err(e) = listener.set_nonblocking(true) {
        eprintln!("nianbao: 警告：预览服务可能无法及时响应 Ctrl-C（{e}）");
    }
    let counts = Arc::new(Counts::default());
    while !shared.stopping() {
        match listener.accept() {
            Ok((stream, _)) => admit(stream, shared, &counts),
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            // Nothing to accept, or a failed accept (e.g. out of file
            // descriptors): don't spin.
            Err(_) => std::thread::sleep(POLL),
        }
    }
}

/// Gives a new connection its own thread, or a 503 when there are too many.
fn admit(stream: TcpStream, shared: &Arc<Shared>, counts: &Arc<Counts>) {
    if counts.connections.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
        counts.connections.fetch_sub(1, Ordering::SeqCst);
        return busy(stream);
    }
    let slot = Slot(Arc::clone(counts), Counter::Connections);
    let shared = Arc::clone(shared);
    let counts = Arc::clone(counts);
    // When the thread cannot be started, the closure (with the stream and
    // the slot) is dropped: the connection is closed and uncounted.
    let _ = std::thread::Builder::new()
        .name("nianbao-http".into())
        .stack_size(STACK_SIZE)
        .spawn(move || {
            let _slot = slot;
            connection(stream, &shared, &counts);
        });
}

/// Answers 503 without blocking the accept loop, and closes.
fn busy(mut stream: TcpStream) {
    let _ = stream.set_nonblocking(true);
    let body = "预览服务繁忙：同时连接过多，请稍后刷新\n".as_bytes();
    let _ = stream.write_all(&response(503, PLAIN, body, false, &[]));
    let _ = stream.shutdown(Shutdown::Write);
}

/// Serves the one request of a connection.
fn connection(mut stream: TcpStream, shared: &Shared, counts: &Arc<Counts>) {
    // Accepted sockets may inherit the listener's non-blocking mode.
    if stream.set_nonblocking(false).is_err()
        || stream.set_write_timeout(Some(WRITE_TIMEOUT)).is_err()
    {
        return;
    }
    let _ = stream.set_nodelay(true);
    match read_head(&mut stream) {
        Ok(head) => {
            let _ = handle(&mut stream, &head, shared, counts);
        }
        Err(Some(refusal)) => {
            let _ = text(&mut stream, false, refusal.status(), refusal.message());
        }
        Err(None) => {}
    }
    finish(stream);
}

/// Reads the request head, within [`HEAD_TIMEOUT`] and [`http::MAX_HEAD`].
/// `Err(None)`: the client went away; nothing to answer.
fn read_head(stream: &mut TcpStream) -> Result<Head, Option<Refusal>> {
    let deadline = Instant::now() + HEAD_TIMEOUT;
    let mut buf = vec![0u8; http::MAX_HEAD];
    let mut len = 0;
    loop {
        if let Some(parsed) = http::parse(&buf[..len]) {
            return parsed.map_err(Some);
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            let _ = text(stream, false, 408, "请求超时");
            return Err(None);
        }
        if stream.set_read_timeout(Some(left)).is_err() {
            return Err(None);
        }
        match stream.read(&mut buf[len..]) {
            Ok(0) => return Err(None),
            Ok(n) => len += n,
            Err(e)
                if matches!(
                    e.kind(),
                    ErrorKind::Interrupted | ErrorKind::WouldBlock | ErrorKind::TimedOut
                ) => {}
            Err(_) => return Err(None),
        }
    }
}

/// Closes a connection after its response: the write side first, then a
/// bounded wait for the client to close, discarding whatever it still sends
/// (closing with unread input would reset the connection and could lose
/// the response).
fn finish(mut stream: TcpStream) {
    let _ = stream.flush();
    if stream.shutdown(Shutdown::Write).is_err() {
        return;
    }
    let deadline = Instant::now() + LINGER;
    let mut buf = [0u8; 4096];
    let mut drained = 0;
    while drained < LINGER_BYTES {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return;
        }
        match stream.read(&mut buf) {
            Ok(0) => return,
            Ok(n) => drained += n,
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(_) => return,
        }
    }
}

/// The routes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// `/`: the report with the overlay.
    Page,
    /// `/events`: server-sent events, one per new generation.
    Events,
    /// `/report.pdf`: the report as PDF.
    Pdf,
    /// `/state.json`: the diagnostics as JSON.
    State,
    /// Anything else.
    NotFound,
}

/// The route of a request target; the query string is ignored.
pub fn route(url: &str) -> Route {
    let path = url.split(['?', '#']).next().unwrap_or("");
    match path {
        "/" => Route::Page,
        "/events" => Route::Events,
        "/report.pdf" => Route::Pdf,
        "/state.json" => Route::State,
        _ => Route::NotFound,
    }
}

/// Whether a `Host` header names this machine's loopback. Any other name
/// could be a DNS-rebinding attack from a web page.
pub fn host_allowed(host: Option<&str>) -> bool {
    let Some(host) = host else { return false };
    let host = host.trim();
    let (name, port) = if let Some(rest) = host.strip_prefix('[') {
        match rest.split_once(']') {
            Some((name, port)) => (format!("[{name}]"), port),
            None => return false,
        }
    } else {
        match host.find(':') {
            Some(i) => (host[..i].to_string(), &host[i..]),
            None => (host.to_string(), ""),
        }
    };
    let port_ok = match port.strip_prefix(':') {
        Some(p) => !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()),
        None => port.is_empty(),
    };
    port_ok && ["localhost", "127.0.0.1", "[::1]"].contains(&name.to_ascii_lowercase().as_str())
}

/// A complete response with the headers every response but the event
/// stream carries; for HEAD (`head_only`), without the body.
fn response(
    status: u16,
    content_type: &str,
    body: &[u8],
    head_only: bool,
    extra: &[(&str, &str)],
) -> Vec<u8> {
    let len = body.len().to_string();
    let mut fields = vec![
        ("Content-Type", content_type),
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("Content-Length", len.as_str()),
        ("Connection", "close"),
    ];
    fields.extend_from_slice(extra);
    let mut out = http::response_head(status, &fields);
    if !head_only {
        out.extend_from_slice(body);
    }
    out
}

/// Sends a complete response; for HEAD (`head_only`), without the body.
fn respond(
    stream: &mut TcpStream,
    head_only: bool,
    status: u16,
    content_type: &str,
    body: &[u8],
) -> std::io::Result<()> {
    stream.write_all(&response(status, content_type, body, head_only, &[]))?;
    stream.flush()
}

/// Sends a one-line plain-text message.
fn text(
    stream: &mut TcpStream,
    head_only: bool,
    status: u16,
    message: &str,
) -> std::io::Result<()> {
    respond(
        stream,
        head_only,
        status,
        PLAIN,
        format!("{message}\n").as_bytes(),
    )
}

/// Answers one well-formed request.
fn handle(
    stream: &mut TcpStream,
    head: &Head,
    shared: &Shared,
    counts: &Arc<Counts>,
) -> std::io::Result<()> {
    let head_only = head.method == "HEAD";
    if !host_allowed(head.header("host")) {
        return text(
            stream,
            head_only,
            403,
            "拒绝访问：预览服务只接受以 localhost 或 127.0.0.1 访问的请求",
        );
    }
    if !matches!(head.method.as_str(), "GET" | "HEAD") {
        let body = "预览服务只支持 GET 请求\n".as_bytes();
        let out = response(405, PLAIN, body, false, &[("Allow", "GET, HEAD")]);
        stream.write_all(&out)?;
        return stream.flush();
    }
    match route(&head.target) {
        Route::Page => {
            let page = inject::page(&shared.snapshot());
            respond(
                stream,
                head_only,
                200,
                "text/html; charset=utf-8",
                page.as_bytes(),
            )
        }
        Route::State => {
            let json = inject::state_json(&shared.snapshot()).to_string();
            respond(
                stream,
                head_only,
                200,
                "application/json; charset=utf-8",
                json.as_bytes(),
            )
        }
        Route::Pdf => match shared.snapshot().document {
            None => text(
                stream,
                head_only,
                503,
                "尚无可生成 PDF 的报告：请先修正数据文件",
            ),
            Some(doc) => match pdf(&doc) {
                Ok(bytes) => respond(stream, head_only, 200, "application/pdf", &bytes),
                Err(message) => text(stream, head_only, 500, &message),
            },
        },
        Route::Events => events(stream, head_only, shared, counts),
        Route::NotFound => text(
            stream,
            head_only,
            404,
            "未找到：预览服务只提供 /、/events、/report.pdf 和 /state.json",
        ),
    }
}

/// The PDF of the document currently shown.
fn pdf(doc: &Document) -> Result<Vec<u8>, String> {
    pdf::render(doc, &pdf::PdfOptions::default()).map_err(|e| e.to_string())
}

/// Which of [`Counts`] a [`Slot`] holds.
#[derive(Debug, Clone, Copy)]
enum Counter {
    Connections,
    Events,
}

/// Counts a connection or an event client for as long as it lives.
struct Slot(Arc<Counts>, Counter);

impl Drop for Slot {
    fn drop(&mut self) {
        let counter = match self.1 {
            Counter::Connections => &self.0.connections,
            Counter::Events => &self.0.events,
        };
        counter.fetch_sub(1, Ordering::SeqCst);
    }
}

/// The head of the event stream.
const EVENTS_HEAD: &[u8] = b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n";

/// Streams the generation to one browser tab, on its connection's thread,
/// until the tab goes away or the server stops.
fn events(
    stream: &mut TcpStream,
    head_only: bool,
    shared: &Shared,
    counts: &Arc<Counts>,
) -> std::io::Result<()> {
    if counts.events.fetch_add(1, Ordering::SeqCst) >= MAX_EVENT_CLIENTS {
        counts.events.fetch_sub(1, Ordering::SeqCst);
        return text(
            stream,
            head_only,
            503,
            "预览页面打开得太多，请关闭一些后刷新",
        );
    }
    let _slot = Slot(Arc::clone(counts), Counter::Events);
    stream.write_all(EVENTS_HEAD)?;
    if head_only {
        return stream.flush();
    }
    stream_events(stream, shared)
}

/// The body of the event stream: the current generation, then one event
/// per new generation and a comment every [`KEEPALIVE`] in between.
fn stream_events(out: &mut dyn Write, shared: &Shared) -> std::io::Result<()> {
    out.write_all(b"retry: 1000\n\n")?;
    let mut seen = shared.snapshot().generation;
    write!(out, "data: {seen}\n\n")?;
    out.flush()?;
    loop {
        let now = shared.wait_change(seen, KEEPALIVE);
        if shared.stopping() {
            return Ok(());
        }
        if now == seen {
            out.write_all(b": keepalive\n\n")?;
        } else {
            write!(out, "data: {now}\n\n")?;
            seen = now;
        }
        out.flush()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_names_pass() {
        for ok in [
            "localhost",
            "localhost:8000",
            "127.0.0.1:8001",
            "[::1]:8000",
            "[::1]",
            "LOCALHOST:80",
        ] {
            assert!(host_allowed(Some(ok)), "{ok}");
        }
        for bad in [
            "evil.example",
            "evil.example:8000",
            "localhost.evil.example",
            "127.0.0.1.nip.io:8000",
            "127.0.0.1:",
            "127.0.0.1:80x",
            "[::1",
            "[::2]:8000",
            "",
        ] {
            assert!(!host_allowed(Some(bad)), "{bad}");
        }
        assert!(!host_allowed(None));
    }

    #[test]
    fn routes() {
        assert_eq!(route("/"), Route::Page);
        assert_eq!(route("/?t=1"), Route::Page);
        assert_eq!(route("/events"), Route::Events);
        assert_eq!(route("/report.pdf"), Route::Pdf);
        assert_eq!(route("/state.json"), Route::State);
        for other in [
            "/etc/passwd",
            "/../Cargo.toml",
            "/examples/",
            "//",
            "/report.pdf/x",
        ] {
            assert_eq!(route(other), Route::NotFound, "{other}");
        }
    }
}
