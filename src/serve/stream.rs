//! A connection's bytes: the socket itself, or TLS over it (rustls's
//! blocking [`StreamOwned`]), behind one deadline that every read and
//! write of the socket obeys — a TLS handshake's too, however the client
//! cuts it into pieces.

use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::sync::Arc;
use std::time::Instant;

use rustls::{ServerConfig, ServerConnection, StreamOwned};

/// The socket with a deadline: each read or write waits at most until
/// it, and fails with `TimedOut` once it has passed.
#[derive(Debug)]
pub struct Timed {
    sock: TcpStream,
    deadline: Instant,
}

impl Timed {
    /// How long the next read or write may wait, or `TimedOut`.
    fn left(&self) -> std::io::Result<std::time::Duration> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(ErrorKind::TimedOut.into());
        }
        Ok(left)
    }
}

impl Read for Timed {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = self.left()?;
        self.sock.set_read_timeout(Some(left))?;
        self.sock.read(buf)
    }
}

impl Write for Timed {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let left = self.left()?;
        self.sock.set_write_timeout(Some(left))?;
        self.sock.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.sock.flush()
    }
}

/// One connection's stream, plain or TLS.
#[derive(Debug)]
pub enum Stream {
    /// Plain HTTP.
    Plain(Timed),
    /// HTTPS: the handshake happens on the first read, within the deadline
    /// of the request's head.
    Tls(Box<StreamOwned<ServerConnection, Timed>>),
}

impl Stream {
    /// The stream of an accepted socket: plain, or TLS with `tls`'s
    /// certificate (`None` when the TLS state cannot be made).
    pub fn new(
        sock: TcpStream,
        tls: Option<&Arc<ServerConfig>>,
        deadline: Instant,
    ) -> Option<Stream> {
        let timed = Timed { sock, deadline };
        Some(match tls {
            None => Stream::Plain(timed),
            Some(config) => {
                let conn = ServerConnection::new(Arc::clone(config)).ok()?;
                Stream::Tls(Box::new(StreamOwned::new(conn, timed)))
            }
        })
    }

    fn timed(&mut self) -> &mut Timed {
        match self {
            Stream::Plain(t) => t,
            Stream::Tls(s) => &mut s.sock,
        }
    }

    /// Sets the deadline of the reads and writes that follow.
    pub fn set_deadline(&mut self, deadline: Instant) {
        self.timed().deadline = deadline;
    }

    /// Ends the writing side: TLS's `close_notify` (within the deadline),
    /// then the socket's.
    pub fn shutdown_write(&mut self) -> std::io::Result<()> {
        if let Stream::Tls(s) = self {
            s.conn.send_close_notify();
            while s.conn.wants_write() {
                s.conn.write_tls(&mut s.sock)?;
            }
        }
        self.timed().sock.shutdown(Shutdown::Write)
    }

    /// Reads raw bytes from the socket, past any TLS (to discard what the
    /// client still sends after the response).
    pub fn read_raw(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.timed().read(buf)
    }
}

impl Read for Stream {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            Stream::Plain(t) => t.read(buf),
            Stream::Tls(s) => s.read(buf),
        }
    }
}

impl Write for Stream {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Stream::Plain(t) => t.write(buf),
            Stream::Tls(s) => s.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Stream::Plain(t) => t.flush(),
            Stream::Tls(s) => s.flush(),
        }
    }
}
