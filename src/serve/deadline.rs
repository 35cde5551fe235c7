//! Writing within a deadline: each response (or each event of a stream),
//! up to its `flush`, must be taken by the client within the server's
//! write timeout, however slowly it reads; a per-write timeout alone would
//! let a client that reads a little at a time hold its slot for ever.

use std::io::Write;
use std::time::{Duration, Instant};

use super::stream::Stream;

/// A connection's writing side, bounded by a deadline that starts at the
/// first write after a flush.
#[derive(Debug)]
pub struct DeadlineWriter<'a> {
    stream: &'a mut Stream,
    limit: Duration,
    deadline: Option<Instant>,
}

impl<'a> DeadlineWriter<'a> {
    /// Writes to `stream`, each piece up to a flush within `limit`.
    pub fn new(stream: &'a mut Stream, limit: Duration) -> DeadlineWriter<'a> {
        DeadlineWriter {
            stream,
            limit,
            deadline: None,
        }
    }
}

impl Write for DeadlineWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.deadline.is_none() {
            let deadline = Instant::now() + self.limit;
            self.deadline = Some(deadline);
            self.stream.set_deadline(deadline);
        }
        self.stream.write(buf)
    }

    /// Sends everything written (under TLS, the last record too) within
    /// the same deadline; the next write starts a new one.
    fn flush(&mut self) -> std::io::Result<()> {
        if self.deadline.is_none() {
            self.stream.set_deadline(Instant::now() + self.limit);
        }
        let flushed = self.stream.flush();
        self.deadline = None;
        flushed
    }
}
