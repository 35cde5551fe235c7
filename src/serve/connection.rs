//! One connection, one request: the head within the head deadline (all of
//! it, however it is cut into reads), the gate, the body within the body
//! deadline, the handler's answer, then a bounded linger so that closing
//! does not reset the connection before the client has read the answer.

use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::{Duration, Instant};

use super::deadline::DeadlineWriter;
use super::http::{self, Refusal, Request};
use super::slots::Ticket;
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

/// Serves the one request of a connection accepted at `accepted`.
pub fn serve<H: Handler>(
    mut stream: TcpStream,
    accepted: Instant,
    limits: &Limits,
    handler: &H,
    ticket: &Ticket<TcpStream>,
) {
    // Accepted sockets may inherit the listener's non-blocking mode.
    if stream.set_nonblocking(false).is_err()
        || stream
            .set_write_timeout(Some(limits.write_timeout))
            .is_err()
    {
        return;
    }
    let _ = stream.set_nodelay(true);
    match exchange(&mut stream, accepted, limits, handler, ticket) {
        Ok(()) => {}
        Err(Stopped::Refused(refusal)) => {
            let mut out = DeadlineWriter::new(&mut stream, limits.write_timeout);
            let _ = out.write_all(&handler.refusal(refusal));
        }
        Err(Stopped::Gone | Stopped::Idle) => return,
    }
    finish(stream);
}

/// Reads the request, passes it through the gate and lets the handler
/// answer it.
fn exchange<H: Handler>(
    stream: &mut TcpStream,
    accepted: Instant,
    limits: &Limits,
    handler: &H,
    ticket: &Ticket<TcpStream>,
) -> Result<(), Stopped> {
    let mut buf = vec![0u8; http::MAX_HEAD];
    let (request, len) = read_head(stream, &mut buf, accepted + limits.head_deadline, handler)?;
    // A refused request stays on probation: it keeps no reserved slot from
    // the page while its refusal is written and the connection lingers.
    let write_timeout = limits.write_timeout;
    if let Err(refusal) = handler.gate(&request.head) {
        let _ = DeadlineWriter::new(stream, write_timeout).write_all(&refusal);
        return Ok(());
    }
    if !ticket.passed() {
        return Err(Stopped::Gone);
    }
    let body_deadline = Instant::now() + limits.body_deadline;
    let body = read_body(stream, &buf[request.head_len..len], &request, body_deadline)?;
    let mut out = DeadlineWriter::new(stream, write_timeout);
    let _ = handler.respond(&request.head, &body, &mut out);
    Ok(())
}

/// Reads until the head is complete, within `deadline` and
/// [`http::MAX_HEAD`]. Returns the request and how many bytes of `buf`
/// were read (the head and the start of the body).
fn read_head<H: Handler>(
    stream: &mut TcpStream,
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
    stream: &mut TcpStream,
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
fn read_some(stream: &mut TcpStream, buf: &mut [u8], deadline: Instant) -> Result<usize, Stopped> {
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(Stopped::Idle);
        }
        if stream.set_read_timeout(Some(left)).is_err() {
            return Err(Stopped::Gone);
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
