//! The workbench's HTTP server: the preview's hand-written loopback server
//! (`preview::server::bind`, `preview::http`), extended with bounded
//! request bodies.
//!
//! Every request passes the same gate before it reaches a route: a Host
//! naming loopback (DNS rebinding), the session's token (in the `t` query
//! parameter or the `X-Nianbao-Token` header, compared in constant time),
//! an `Origin` that is this server's own when a browser sends one, and no
//! cross-site `Sec-Fetch-Site` (a form or script on another web page). The
//! preview's hardening stays: one request per connection, at most
//! [`MAX_CONNECTIONS`] at once, a deadline for the whole request, a write
//! timeout, and Ctrl-C ending the server at once.
//!
//! The accept loop blocks (a connection is taken the moment it arrives:
//! every keystroke is a request, and a polling loop's sleep would be part
//! of each); [`Workbench::stop`] wakes it with a connection of its own.

use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use super::Workbench;
use super::api::{self, Reply};
use crate::preview::http::{self, Head, Refusal};
use crate::preview::server::host_allowed;

/// Most connections served at once; further ones get a 503 at once.
pub const MAX_CONNECTIONS: usize = 32;

/// How long a client may take to send a whole request, body included.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// How long one write to a client may block.
pub const WRITE_TIMEOUT: Duration = Duration::from_secs(10);

/// The largest JSON body accepted.
pub const MAX_JSON: usize = 1024 * 1024;

/// The largest upload (last year's published report) accepted.
pub const MAX_UPLOAD: usize = 32 * 1024 * 1024;

/// How long the accept loop waits after a failed accept (out of file
/// descriptors, say) before it tries again.
const RETRY: Duration = Duration::from_millis(50);

/// Serves until [`Workbench::stop`] is called.
pub fn serve(listener: &TcpListener, bench: &Arc<Workbench>) {
    if let Err(e) = listener.set_nonblocking(false) {
        eprintln!("nianbao: 警告：工作台可能无法及时响应 Ctrl-C（{e}）");
    }
    let open = Arc::new(AtomicUsize::new(0));
    while !bench.stopping() {
        match listener.accept() {
            Ok(_) if bench.stopping() => break,
            Ok((stream, _)) => admit(stream, bench, &open),
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(_) => std::thread::sleep(RETRY),
        }
    }
}

/// Counts a connection for as long as it lives.
struct Slot(Arc<AtomicUsize>);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

fn admit(mut stream: TcpStream, bench: &Arc<Workbench>, open: &Arc<AtomicUsize>) {
    if open.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
        open.fetch_sub(1, Ordering::SeqCst);
        let _ = stream.set_nonblocking(true);
        let _ =
            stream.write_all(&Reply::error(503, "工作台繁忙：同时连接过多，请稍后再试").bytes());
        let _ = stream.shutdown(Shutdown::Write);
        return;
    }
    let slot = Slot(Arc::clone(open));
    let bench = Arc::clone(bench);
    let _ = std::thread::Builder::new()
        .name("nianbao-workbench".into())
        .stack_size(8 * 1024 * 1024)
        .spawn(move || {
            let _slot = slot;
            connection(stream, &bench);
        });
}

fn connection(mut stream: TcpStream, bench: &Workbench) {
    if stream.set_nonblocking(false).is_err()
        || stream.set_write_timeout(Some(WRITE_TIMEOUT)).is_err()
    {
        return;
    }
    let _ = stream.set_nodelay(true);
    let reply = match read_request(&mut stream) {
        Ok((head, body)) => match gate(&head, bench) {
            Ok(()) => api::handle(bench, &head, &body),
            Err(reply) => reply,
        },
        Err(Some(refusal)) => Reply::error(refusal.status(), refusal_message(refusal)),
        Err(None) => return,
    };
    let _ = stream.write_all(&reply.bytes());
    let _ = stream.flush();
    let _ = stream.shutdown(Shutdown::Write);
    // Let the client read the response before the socket closes.
    let _ = stream.set_read_timeout(Some(Duration::from_secs(1)));
    let mut sink = [0u8; 4096];
    for _ in 0..64 {
        if !matches!(stream.read(&mut sink), Ok(n) if n > 0) {
            break;
        }
    }
}

fn refusal_message(refusal: Refusal) -> &'static str {
    match refusal {
        Refusal::Body | Refusal::BodyTooLarge => "请求内容过大，工作台拒绝处理",
        Refusal::BadRequest => "请求格式错误",
        Refusal::HeadTooLarge => "请求头过大",
        Refusal::Version => "工作台只支持 HTTP/1.1",
    }
}

/// The largest body a request for `target` may carry.
fn body_limit(head_bytes: &[u8]) -> usize {
    let is_upload = head_bytes
        .split(|&b| b == b' ')
        .nth(1)
        .is_some_and(|t| t.starts_with(b"/api/import"));
    if is_upload { MAX_UPLOAD } else { MAX_JSON }
}

/// Reads the head and the declared body within [`REQUEST_TIMEOUT`].
/// `Err(None)`: the client went away or was too slow.
fn read_request(stream: &mut TcpStream) -> Result<(Head, Vec<u8>), Option<Refusal>> {
    let deadline = Instant::now() + REQUEST_TIMEOUT;
    let mut buf = vec![0u8; http::MAX_HEAD];
    let mut len = 0;
    let request = loop {
        let limit = body_limit(&buf[..len]);
        if let Some(parsed) = http::parse_with_body(&buf[..len], limit) {
            break parsed.map_err(Some)?;
        }
        if len == buf.len() {
            return Err(Some(Refusal::HeadTooLarge));
        }
        len += read_some(stream, &mut buf[len..], deadline)?;
    };
    let mut body = buf[request.head_len..len].to_vec();
    body.resize(request.body_len, 0);
    let mut got = len - request.head_len;
    while got < request.body_len {
        got += read_some(stream, &mut body[got..], deadline)?;
    }
    Ok((request.head, body))
}

fn read_some(
    stream: &mut TcpStream,
    buf: &mut [u8],
    deadline: Instant,
) -> Result<usize, Option<Refusal>> {
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return Err(None);
        }
        match stream.read(buf) {
            Ok(0) => return Err(None),
            Ok(n) => return Ok(n),
            Err(e)
                if matches!(
                    e.kind(),
                    ErrorKind::Interrupted | ErrorKind::WouldBlock | ErrorKind::TimedOut
                ) => {}
            Err(_) => return Err(None),
        }
    }
}

/// The checks every request passes before its route: Host, token, Origin,
/// Sec-Fetch-Site.
pub fn gate(head: &Head, bench: &Workbench) -> Result<(), Reply> {
    if !host_allowed(head.header("host")) {
        return Err(Reply::error(
            403,
            "拒绝访问：工作台只接受以 127.0.0.1 或 localhost 访问的请求",
        ));
    }
    if let Some(origin) = head.header("origin")
        && !bench.own_origin(origin)
    {
        return Err(Reply::error(403, "拒绝访问：请求来自其他网页"));
    }
    if head
        .header("sec-fetch-site")
        .is_some_and(|s| s.eq_ignore_ascii_case("cross-site"))
    {
        return Err(Reply::error(403, "拒绝访问：请求来自其他网站"));
    }
    let given = head
        .header("x-nianbao-token")
        .map(str::to_string)
        .or_else(|| api::query(&head.target, "t"));
    if !given.is_some_and(|t| bench.token_matches(&t)) {
        return Err(Reply::error(
            403,
            "拒绝访问：缺少或错误的访问口令。请使用 nianbao 工作台启动时显示的完整地址",
        ));
    }
    Ok(())
}
