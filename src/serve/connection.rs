//! One connection: its requests one after the other. Each head within its
//! deadline (all of it, however it is cut into reads), the gate, `100
//! Continue` if the client waits for it, the body (declared by its length
//! or in chunks) within the body deadline, the handler's answer framed by
//! [`framing`](super::framing); then, when the client asked to keep the
//! connection and the answer allows it, the next request (pipelined bytes
//! included) within the idle timeout, at most [`MAX_REQUESTS`] in all;
//! otherwise a bounded linger so that closing does not reset the
//! connection before the client has read the answer.

use std::io::{ErrorKind, Read, Write};
use std::net::{IpAddr, TcpStream};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rustls::ServerConfig;

use super::budget::{BodyBudget, Held};
use super::chunked::{Dechunker, Fed};
use super::deadline::DeadlineWriter;
use super::framing::{Framing, Reuse};
use super::http::{self, Refusal, Request};
use super::slots::Ticket;
use super::stream::Stream;
use super::{Handler, Limits};

/// After a response, how long unread input is discarded (see [`finish`]).
const LINGER: Duration = Duration::from_secs(1);
/// The most unread input discarded after a response.
const LINGER_BYTES: usize = 256 * 1024;
/// The most requests answered on one connection.
pub const MAX_REQUESTS: usize = 100;

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

/// What became of one request.
#[derive(Debug, PartialEq, Eq)]
enum Answered {
    /// Answered; the connection may take the next request.
    Kept,
    /// Answered (or refused by the gate); the connection closes.
    Closing,
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
    /// The server's budget for bodies in flight.
    pub bodies: Arc<BodyBudget>,
}

/// One connection's state between its requests.
struct Conn<'a, H: Handler> {
    stream: Stream,
    accepted: &'a Accepted,
    limits: &'a Limits,
    handler: &'a H,
    ticket: &'a Ticket<TcpStream>,
    /// Bytes received beyond the last request (a pipelined request).
    pending: Vec<u8>,
    /// Requests answered so far.
    served: usize,
}

/// Serves the requests of a connection.
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
    // A second handle, to cut the connection while it waits between requests.
    let cutter = sock.try_clone().ok();
    let head_deadline = accepted.at + limits.head_deadline;
    let Some(stream) = Stream::new(sock, accepted.tls.as_ref(), head_deadline) else {
        return;
    };
    let mut conn = Conn {
        stream,
        accepted,
        limits,
        handler,
        ticket,
        pending: Vec::new(),
        served: 0,
    };
    let mut deadline = head_deadline;
    loop {
        match conn.exchange(deadline) {
            Ok(Answered::Kept) => {
                let idle = cutter.as_ref().and_then(|c| c.try_clone().ok());
                if !idle.is_some_and(|c| ticket.idle(c)) {
                    return;
                }
                // The whole next head within the idle timeout.
                deadline = Instant::now() + limits.head_deadline;
            }
            Ok(Answered::Closing) => break,
            Err(Stopped::Refused(refusal)) => {
                let bytes = handler.refusal(refusal);
                conn.send(&bytes, false);
                break;
            }
            Err(Stopped::Gone | Stopped::Idle) => return,
        }
    }
    finish(conn.stream);
}

impl<H: Handler> Conn<'_, H> {
    /// Reads one request, passes it through the gate and lets the handler
    /// answer it.
    fn exchange(&mut self, deadline: Instant) -> Result<Answered, Stopped> {
        let mut request = self.read_head(deadline)?;
        request.head.peer = self.accepted.peer;
        let head_only = request.head.method == "HEAD";
        if head_only {
            // Answered as GET, without the body.
            request.head.method = "GET".to_string();
        }
        // A refused request stays on probation: it keeps no reserved slot
        // from the page while its refusal is written and the connection
        // lingers.
        if let Err(refusal) = self.handler.gate(&request.head) {
            self.send(&refusal, head_only);
            return Ok(Answered::Closing);
        }
        if !self.ticket.passed(self.handler.pass(&request.head)) {
            return Err(Stopped::Gone);
        }
        let body_deadline = Instant::now() + self.limits.body_deadline;
        let bodies = Arc::clone(&self.accepted.bodies);
        let mut held = bodies.hold();
        let body = self.read_body(&request, body_deadline, &mut held)?;
        let keep = request.head.keeps_alive();
        if !keep && !self.pending.is_empty() {
            // More than one request, though the client did not ask to keep
            // the connection.
            return Err(Stopped::Refused(Refusal::BadRequest));
        }
        self.served += 1;
        let reuse = Reuse {
            wanted: keep && self.served < MAX_REQUESTS && !self.handler.stopping(),
            idle: self.limits.head_deadline,
            left: MAX_REQUESTS - self.served,
        };
        let mut out = DeadlineWriter::new(&mut self.stream, self.limits.write_timeout);
        let mut framed = Framing::new(&mut out, reuse, head_only);
        let answered = self
            .handler
            .respond(&request.head, &body, &mut framed)
            .and_then(|()| framed.flush());
        Ok(if answered.is_ok() && framed.reusable() {
            Answered::Kept
        } else {
            Answered::Closing
        })
    }

    /// Writes a whole response that closes the connection (a refusal)
    /// within the write timeout.
    fn send(&mut self, bytes: &[u8], head_only: bool) {
        let mut out = DeadlineWriter::new(&mut self.stream, self.limits.write_timeout);
        let closing = Reuse {
            wanted: false,
            idle: self.limits.head_deadline,
            left: 0,
        };
        let mut framed = Framing::new(&mut out, closing, head_only);
        let _ = framed.write_all(bytes).and_then(|()| framed.flush());
    }

    /// Reads until the head is complete, within `deadline` and
    /// [`http::MAX_HEAD`]; the bytes after it stay in `pending`.
    fn read_head(&mut self, deadline: Instant) -> Result<Request, Stopped> {
        let mut buf = std::mem::take(&mut self.pending);
        let mut len = buf.len();
        buf.resize(http::MAX_HEAD.max(len), 0);
        loop {
            let handler = self.handler;
            if let Some(parsed) = http::parse_next(&buf[..len], |h| handler.body_limit(h)) {
                let request = parsed.map_err(Stopped::Refused)?;
                buf.truncate(len);
                self.pending = buf.split_off(request.head_len.min(len));
                return Ok(request);
            }
            if len == buf.len() {
                return Err(Stopped::Refused(Refusal::HeadTooLarge));
            }
            match read_some(&mut self.stream, &mut buf[len..], deadline) {
                Ok(n) => len += n,
                Err(Stopped::Idle) if len > 0 => return Err(Stopped::Refused(Refusal::Timeout)),
                Err(stopped) => return Err(stopped),
            }
        }
    }

    /// The body, within `deadline`: `100 Continue` first when the client
    /// waits for it, then what came with the head, then the rest, its
    /// bytes taken from the server's budget as they arrive (`held`).
    fn read_body(
        &mut self,
        request: &Request,
        deadline: Instant,
        held: &mut Held<'_>,
    ) -> Result<Vec<u8>, Stopped> {
        let wants_body = request.chunked || request.body_len > 0;
        if wants_body && self.pending.is_empty() && request.head.expects_continue() {
            let mut out = DeadlineWriter::new(&mut self.stream, self.limits.write_timeout);
            out.write_all(b"HTTP/1.1 100 Continue\r\n\r\n")
                .and_then(|()| out.flush())
                .map_err(|_| Stopped::Gone)?;
        }
        if request.chunked {
            return self.read_chunks(request.body_limit, deadline, held);
        }
        let mut body = std::mem::take(&mut self.pending);
        if body.len() > request.body_len {
            self.pending = body.split_off(request.body_len);
        }
        take(&self.accepted.bodies, held, body.len())?;
        let mut buf = vec![0u8; READ_PIECE];
        while body.len() < request.body_len {
            let want = (request.body_len - body.len()).min(READ_PIECE);
            match read_some(&mut self.stream, &mut buf[..want], deadline) {
                Ok(n) => {
                    take(&self.accepted.bodies, held, n)?;
                    body.extend_from_slice(&buf[..n]);
                }
                Err(Stopped::Idle) => return Err(Stopped::Refused(Refusal::Timeout)),
                Err(stopped) => return Err(stopped),
            }
        }
        Ok(body)
    }

    /// A chunked body of at most `limit` bytes.
    fn read_chunks(
        &mut self,
        limit: usize,
        deadline: Instant,
        held: &mut Held<'_>,
    ) -> Result<Vec<u8>, Stopped> {
        let mut chunks = Dechunker::new(limit);
        let mut input = std::mem::take(&mut self.pending);
        take(&self.accepted.bodies, held, input.len())?;
        let mut buf = vec![0u8; READ_PIECE];
        loop {
            match chunks.feed(&input).map_err(Stopped::Refused)? {
                Fed::Done(used) => {
                    self.pending = input.split_off(used);
                    return Ok(chunks.into_body());
                }
                Fed::More => match read_some(&mut self.stream, &mut buf, deadline) {
                    Ok(n) => {
                        take(&self.accepted.bodies, held, n)?;
                        input = buf[..n].to_vec();
                    }
                    Err(Stopped::Idle) => return Err(Stopped::Refused(Refusal::Timeout)),
                    Err(stopped) => return Err(stopped),
                },
            }
        }
    }
}

/// The most bytes of a body read at once.
const READ_PIECE: usize = 64 * 1024;

/// Takes `bytes` of the server's body budget for `held`, or refuses the
/// request (503) when the budget is spent.
fn take(budget: &BodyBudget, held: &mut Held<'_>, bytes: usize) -> Result<(), Stopped> {
    if budget.take(held, bytes) {
        Ok(())
    } else {
        Err(Stopped::Refused(Refusal::BodiesBusy))
    }
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

/// Closes a connection after its last response: the write side first,
/// then a bounded wait for the client to close, discarding whatever it
/// still sends (closing with unread input would reset the connection and
/// could lose the response).
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
