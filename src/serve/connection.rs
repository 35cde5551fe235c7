//! One connection, one request: the head within the head deadline (all of
//! it, however it is cut into reads), the gate, the body within the body
//! deadline, the handler's answer, then a bounded linger so that closing
//! does not reset the connection before the client has read the answer.

use std::io::{ErrorKind, Read, Write};
use std::net::{IpAddr, TcpStream};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rustls::ServerConfig;

use super::deadline::DeadlineWriter;
use super::http::{self, Refusal, Request};
use super::slots::Ticket;
use super::stream::Stream;
use super::{Handler, Limits};

/// After a response, how long unread input is discarded (see [`finish`]).
const LINGER: Duration = Duration::from_secs(1);
/// The most unread input discarded after a response.
const LINGER_BYTES: usize = 256 * 1024;

/// Why reading stopped without a request.
#[derive(Debug, PartialEq, Eq)]
enum Stopped {
    /// The client went away, or the connection was cut: nothing to answer.
    Gone,
    /// The deadline passed with nothing received: closed without an answer
    /// (a browser's unused spare connection, say).
    Idle,
    /// Refused with an answer.
    Refused(Refusal),
}

/// Where a connection comes from and how it is spoken: its peer's
/// address, when it was accepted, and TLS's settings (`None`: plain).
#[derive(Debug, Clone)]
pub struct Accepted {
    /// The peer's address.
    pub peer: IpAddr,
    /// When the connection was accepted (its head deadline counts from it).
    pub at: Instant,
    /// The TLS settings, when the server speaks HTTPS.
    pub tls: Option<Arc<ServerConfig>>,
}

/// Serves the one request of a connection.
pub fn serve<H: Handler>(
    sock: TcpStream,
    accepted: &Accepted,
    limits: &Limits,
    handler: &H,
    ticket: &Ticket<TcpStream>,
) {
    // Accepted sockets may inherit the listener's non-blocking mode.
    if sock.set_nonblocking(false).is_err() {
        return;
    }
    let _ = sock.set_nodelay(true);
    let head_deadline = accepted.at + limits.head_deadline;
    let Some(mut stream) = Stream::new(sock, accepted.tls.as_ref(), head_deadline) else {
        return;
    };
    match exchange(&mut stream, accepted, limits, handler, ticket) {
        Ok(()) => {}
        Err(Stopped::Refused(refusal)) => {
            send(&mut stream, limits, &handler.refusal(refusal));
        }
        Err(Stopped::Gone | Stopped::Idle) => return,
    }
    finish(stream);
}

/// Reads the request, passes it through the gate and lets the handler
/// answer it.
fn exchange<H: Handler>(
    stream: &mut Stream,
    accepted: &Accepted,
    limits: &Limits,
    handler: &H,
    ticket: &Ticket<TcpStream>,
) -> Result<(), Stopped> {
    let mut buf = vec![0u8; http::MAX_HEAD];
    let deadline = accepted.at + limits.head_deadline;
    let (mut request, len) = read_head(stream, &mut buf, deadline, handler)?;
    request.head.peer = accepted.peer;
    // A refused request stays on probation: it keeps no reserved slot from
    // the page while its refusal is written and the connection lingers.
    if let Err(refusal) = handler.gate(&request.head) {
        send(stream, limits, &refusal);
        return Ok(());
    }
    if !ticket.passed() {
        return Err(Stopped::Gone);
    }
    let body_deadline = Instant::now() + limits.body_deadline;
    let body = read_body(stream, &buf[request.head_len..len], &request, body_deadline)?;
    let mut out = DeadlineWriter::new(stream, limits.write_timeout);
    let _ = handler.respond(&request.head, &body, &mut out);
    Ok(())
}

/// Writes a whole refusal within the write timeout.
fn send(stream: &mut Stream, limits: &Limits, bytes: &[u8]) {
    let mut out = DeadlineWriter::new(stream, limits.write_timeout);
    let _ = out.write_all(bytes).and_then(|()| out.flush());
}

/// Reads until the head is complete, within `deadline` and
/// [`http::MAX_HEAD`]. Returns the request and how many bytes of `buf`
/// were read (the head and the start of the body).
fn read_head<H: Handler>(
    stream: &mut Stream,
    buf: &mut [u8],
    deadline: Instant,
    handler: &H,
) -> Result<(Request, usize), Stopped> {
    let mut len = 0;
    loop {
        if let Some(parsed) = http::parse_request(&buf[..len], |h| handler.body_limit(h)) {
            return parsed.map(|r| (r, len)).map_err(Stopped::Refused);
        }
        if len == buf.len() {
            return Err(Stopped::Refused(Refusal::HeadTooLarge));
        }
        match read_some(stream, &mut buf[len..], deadline) {
            Ok(n) => len += n,
            Err(Stopped::Idle) if len > 0 => return Err(Stopped::Refused(Refusal::Timeout)),
            Err(stopped) => return Err(stopped),
        }
    }
}

/// The declared body: what came with the head, then the rest within
/// `deadline`.
fn read_body(
    stream: &mut Stream,
    start: &[u8],
    request: &Request,
    deadline: Instant,
) -> Result<Vec<u8>, Stopped> {
    let mut body = start.to_vec();
    body.resize(request.body_len, 0);
    let mut got = start.len();
    while got < request.body_len {
        match read_some(stream, &mut body[got..], deadline) {
            Ok(n) => got += n,
            Err(Stopped::Idle) => return Err(Stopped::Refused(Refusal::Timeout)),
            Err(stopped) => return Err(stopped),
        }
    }
    Ok(body)
}

/// One read of at least one byte before `deadline` (`Idle` after it).
/// Under TLS the handshake is part of the first read, so it too must end
/// before the head's deadline.
fn read_some(stream: &mut Stream, buf: &mut [u8], deadline: Instant) -> Result<usize, Stopped> {
    stream.set_deadline(deadline);
    loop {
        if Instant::now() >= deadline {
            return Err(Stopped::Idle);
        }
        match stream.read(buf) {
            Ok(0) => return Err(Stopped::Gone),
            Ok(n) => return Ok(n),
            Err(e)
                if matches!(
                    e.kind(),
                    ErrorKind::Interrupted | ErrorKind::WouldBlock | ErrorKind::TimedOut
                ) => {}
            Err(_) => return Err(Stopped::Gone),
        }
    }
}

/// Closes a connection after its response: the write side first, then a
/// bounded wait for the client to close, discarding whatever it still sends
/// (closing with unread input would reset the connection and could lose
/// the response).
fn finish(mut stream: Stream) {
    let deadline = Instant::now() + LINGER;
    stream.set_deadline(deadline);
    let _ = stream.flush();
    if stream.shutdown_write().is_err() {
        return;
    }
    let mut buf = [0u8; 4096];
    let mut drained = 0;
    while drained < LINGER_BYTES {
        if Instant::now() >= deadline {
            return;
        }
        match stream.read_raw(&mut buf) {
            Ok(0) => return,
            Ok(n) => drained += n,
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(_) => return,
        }
    }
}
