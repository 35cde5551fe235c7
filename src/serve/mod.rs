//! The one HTTP layer of the servers (the preview and the workbench on
//! loopback, the collection server on the network): [`serve`] runs one accept loop, admits connections
//! ([`slots`]), reads each request within its deadlines and bounds
//! ([`connection`], [`http`]) and hands it to the server's [`Handler`],
//! which has only its routes, its gate and its wording. The workbench and
//! the collection server answer with one [`reply::Reply`], read query
//! parameters with [`query::query`] and time their steps for the
//! `Server-Timing` header with [`timing::Timing`].
//!
//! A small blocking HTTP/1.1 server on `std::net`: one thread per
//! connection; TLS (rustls) when the server gives its settings
//! ([`serve_with`], [`stream`]), under the same deadlines, the handshake
//! inside the head's. `HEAD` is answered as `GET` without the body;
//! bodies come with a `Content-Length` or in chunks ([`chunked`]), within
//! the route's bound either way; `Expect: 100-continue` is answered once
//! the head passed the gate; a client that asks for it
//! (`Connection: keep-alive`) keeps its connection for up to
//! [`connection::MAX_REQUESTS`] requests, pipelined ones answered in
//! order, the next head due within the head deadline after each answer
//! ([`framing`] says so in each response), so HTTPS pays one handshake per
//! connection; any other connection closes after its answer. The wording
//! of every refusal is [`Refusal::message`]. What it guards against, with
//! the figures of each server in its own [`Limits`]:
//!
//! - too many connections: at most `connections` at once, at most
//!   `per_peer` of the shared ones from one address; further ones get the
//!   handler's 503 at once, from the accept loop (which waits a moment only
//!   for connections it cut to make room); a server with logins also keeps
//!   `sessions` slots (at most `per_session` from one session, told by
//!   [`Handler::pass`]) that a connection enters once its request carried a
//!   live session, so many users behind one address are limited per
//!   session ([`slots`]);
//! - half-open connections (slowloris): the whole head must arrive within
//!   `head_deadline`, however it is cut into reads; `reserved` slots are
//!   kept for requests that pass the gate, and a newcomer takes the place
//!   of the oldest reserved connection whose request has not passed it
//!   (still waiting for its head, or refused and lingering), so local junk
//!   cannot starve the page's own requests;
//! - large or slow requests: a bounded head ([`http::MAX_HEAD`]), a body
//!   bounded by the route and refused before it is read (a chunk before its
//!   bytes), read only after the gate and within `body_deadline`, its
//!   memory taken as its bytes arrive (never what its head declares) from
//!   the server's `body_budget` ([`budget`]: 503 over it); a kept
//!   connection waiting for its next request is on probation again, so it
//!   holds no reserved slot either; each response (each event of a
//!   stream) written within `write_timeout` ([`deadline`]), however slowly
//!   the client reads.
//!
//! The accept loop blocks (a connection is taken the moment it arrives: a
//! polling loop's sleep would be part of every keystroke's request); to
//! stop it, make [`Handler::stopping`] true and call [`wake`].

/// An empty icon for the head of every page served: without it the browser
/// asks for `/favicon.ico`, which carries no token and is refused (an error
/// in the browser's console on every page).
pub const NO_ICON: &str = "<link rel=\"icon\" href=\"data:,\">";

pub mod budget;
pub mod chunked;
pub mod connection;
pub mod deadline;
pub mod framing;
pub mod http;
pub mod loopback;
pub mod query;
pub mod reply;
pub mod slots;
pub mod stream;
pub mod timing;
pub mod token;

use std::io::{ErrorKind, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rustls::ServerConfig;

pub use http::{Head, Refusal};
pub use loopback::{BindError, bind, host_allowed, wake};

use connection::Accepted;
use slots::{Admission, Table, Ticket};

/// The bounds of one server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Most connections open at once, the reserved ones included.
    pub connections: usize,
    /// Most of the shared (unreserved) connections from one address.
    pub per_peer: usize,
    /// Connections kept for requests that pass the gate (see [`slots`]).
    pub reserved: usize,
    /// Further connections for requests of a logged-in session (see
    /// [`slots`] and [`Handler::pass`]); 0: none.
    pub sessions: usize,
    /// Most of those from one session.
    pub per_session: usize,
    /// How long a client may take to send its whole request head.
    pub head_deadline: Duration,
    /// How long a client may take to send the body, once the head passed.
    pub body_deadline: Duration,
    /// How long a client may take to read one response (or one event of a
    /// stream), from its first byte to its flush.
    pub write_timeout: Duration,
    /// Most bytes of request bodies held at once, all connections together
    /// ([`budget`]): a body over it is refused with 503 as it arrives.
    pub body_budget: usize,
}

impl Limits {
    /// The bounds a listener starts from, before it sets its own counts:
    /// no connections yet, no sessions; the head within 5 s, the body
    /// within 30 s of it, 10 s for a client to take one response, 128 MiB
    /// of bodies held at once.
    pub const BASE: Limits = Limits {
        connections: 0,
        per_peer: 0,
        reserved: 0,
        sessions: 0,
        per_session: 0,
        head_deadline: Duration::from_secs(5),
        body_deadline: Duration::from_secs(30),
        write_timeout: Duration::from_secs(10),
        body_budget: 128 * 1024 * 1024,
    };

    #[cfg(test)]
    /// Limits for tests: `connections` in all, `per_peer` per address and
    /// `reserved` for requests with the token; no sessions, heads and
    /// bodies within `deadline`, writes within 5 s, 64 MiB of bodies.
    pub(crate) fn for_tests(
        connections: usize,
        per_peer: usize,
        reserved: usize,
        deadline: Duration,
    ) -> Limits {
        Limits {
            connections,
            per_peer,
            reserved,
            head_deadline: deadline,
            body_deadline: deadline,
            write_timeout: Duration::from_secs(5),
            body_budget: 64 * 1024 * 1024,
            ..Limits::BASE
        }
    }
}

/// What a server adds to the layer: its bounds on bodies, its gate, its
/// routes and its wording.
pub trait Handler: Send + Sync + 'static {
    /// The longest body a request with this head may carry (`None`: no
    /// body at all).
    fn body_limit(&self, head: &Head) -> Option<usize>;

    /// Whether the request may go on (`Ok`), or the complete response that
    /// refuses it. A request that passes may use the reserved slots; the
    /// body is read only after it passed.
    fn gate(&self, head: &Head) -> Result<(), Vec<u8>>;

    /// Answers a request that passed the gate, writing the whole response
    /// and flushing it (an event stream may keep writing until the server
    /// stops, flushing each event): each piece up to a flush must be taken
    /// within [`Limits::write_timeout`].
    fn respond(&self, head: &Head, body: &[u8], out: &mut dyn Write) -> std::io::Result<()>;

    /// The complete response refusing a request before its route
    /// (malformed, too large, too slow, or the server busy).
    fn refusal(&self, refusal: Refusal) -> Vec<u8>;

    /// Whether the server is to stop.
    fn stopping(&self) -> bool;

    /// Who a request that passed the gate comes from, for admission
    /// ([`slots`]): by default a trusted request (the gate's token), which
    /// keeps its slot.
    fn pass(&self, _head: &Head) -> slots::Pass {
        slots::Pass::Trusted
    }
}

/// How long the accept loop waits after a failed accept (out of file
/// descriptors, say) before it tries again.
const RETRY: Duration = Duration::from_millis(50);

/// How long the accept loop waits for cut connections to end before it
/// answers 503 (they end as soon as their threads see the cut).
const CUT_WAIT: Duration = Duration::from_millis(100);

/// Stack of a connection thread: as large as the main thread's, since
/// handlers render pages and PDFs.
const STACK_SIZE: usize = 8 * 1024 * 1024;

/// Serves `listener` within `limits` until [`Handler::stopping`] is true
/// and the loop is woken ([`wake`]). Connection threads still running end
/// on their own (every read and write has a deadline).
pub fn serve<H: Handler>(listener: &TcpListener, limits: &Limits, handler: &Arc<H>) {
    serve_with(listener, limits, handler, None);
}

/// [`serve`], speaking TLS with `tls` (HTTPS) when it is given. A
/// connection refused for want of a slot is closed without an answer
/// under TLS (the accept loop does not wait for a handshake).
pub fn serve_with<H: Handler>(
    listener: &TcpListener,
    limits: &Limits,
    handler: &Arc<H>,
    tls: Option<Arc<ServerConfig>>,
) {
    if let Err(e) = listener.set_nonblocking(false) {
        eprintln!("nianbao: 警告：服务可能无法正常接受连接（{e}）");
    }
    let table = Arc::new(Mutex::new(Table::new(limits)));
    let bodies = Arc::new(budget::BodyBudget::new(limits.body_budget));
    while !handler.stopping() {
        match listener.accept() {
            Ok(_) if handler.stopping() => break,
            Ok((stream, peer)) => {
                let accepted = Accepted {
                    peer: peer.ip(),
                    at: Instant::now(),
                    tls: tls.clone(),
                    bodies: Arc::clone(&bodies),
                };
                admit(stream, accepted, limits, handler, &table);
            }
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(_) => std::thread::sleep(RETRY),
        }
    }
}

/// Gives a new connection a slot and its own thread, or the busy answer.
fn admit<H: Handler>(
    stream: TcpStream,
    accepted: Accepted,
    limits: &Limits,
    handler: &Arc<H>,
    table: &slots::Shared<TcpStream>,
) {
    let plain = accepted.tls.is_none();
    let Some(Admission::Admitted { id, cut, .. }) = admission(&stream, accepted.peer, table) else {
        return busy(stream, plain, handler.as_ref());
    };
    if let Some(cut) = cut {
        // Its blocked read returns at once; its thread ends quietly.
        let _ = cut.shutdown(Shutdown::Both);
    }
    let ticket = Ticket::new(table, id);
    let limits = *limits;
    let handler = Arc::clone(handler);
    // When the thread cannot be started, the closure (with the stream and
    // the ticket) is dropped: the connection is closed and its slot freed.
    let _ = std::thread::Builder::new()
        .name("nianbao-http".into())
        .stack_size(STACK_SIZE)
        .spawn(move || {
            connection::serve(stream, &accepted, &limits, handler.as_ref(), &ticket);
        });
}

/// Admits `stream` from `peer` into the table (None when it cannot be
/// cloned). When the table is full only because connections it cut to make
/// room have not ended yet, it waits for them a moment ([`CUT_WAIT`]) instead
/// of answering 503: a request right behind a burst of half-open connections
/// gets through.
fn admission(
    stream: &TcpStream,
    peer: std::net::IpAddr,
    table: &slots::Shared<TcpStream>,
) -> Option<Admission<TcpStream>> {
    let until = Instant::now() + CUT_WAIT;
    loop {
        // A second handle on the socket, to cut it if it has to make room.
        let cutter = stream.try_clone().ok()?;
        let mut slots = slots::lock(table);
        match slots.admit(peer, cutter) {
            Admission::Busy if slots.cutting() > 0 && Instant::now() < until => {
                drop(slots);
                std::thread::sleep(Duration::from_millis(2));
            }
            admitted => return Some(admitted),
        }
    }
}

/// Answers 503 without blocking the accept loop (plain HTTP only: under
/// TLS an answer needs a handshake first), and closes.
fn busy<H: Handler>(mut stream: TcpStream, plain: bool, handler: &H) {
    let _ = stream.set_nonblocking(true);
    if plain {
        let _ = stream.write_all(&handler.refusal(Refusal::Busy));
    }
    let _ = stream.shutdown(Shutdown::Write);
}

#[cfg(test)]
mod tests;
