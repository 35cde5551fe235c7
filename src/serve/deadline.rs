//! Writing within a deadline: each response (or each event of a stream),
//! up to its `flush`, must be taken by the client within the server's
//! write timeout, however slowly it reads; a per-write timeout alone would
//! let a client that reads a little at a time hold its slot for ever.

use std::io::{ErrorKind, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// A connection's writing side, bounded by a deadline that starts at the
/// first write after a flush.
#[derive(Debug)]
pub struct DeadlineWriter<'a> {
    stream: &'a mut TcpStream,
    limit: Duration,
    deadline: Option<Instant>,
}

impl<'a> DeadlineWriter<'a> {
    /// Writes to `stream`, each piece up to a flush within `limit`.
    pub fn new(stream: &'a mut TcpStream, limit: Duration) -> DeadlineWriter<'a> {
        DeadlineWriter {
            stream,
            limit,
            deadline: None,
        }
    }
}

impl Write for DeadlineWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let limit = self.limit;
        let deadline = *self.deadline.get_or_insert_with(|| Instant::now() + limit);
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(ErrorKind::TimedOut.into());
        }
        self.stream.set_write_timeout(Some(left))?;
        self.stream.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.deadline = None;
        self.stream.flush()
    }
}
