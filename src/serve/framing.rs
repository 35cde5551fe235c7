//! A response on its way out: the layer, not the handler, says whether the
//! connection stays open after it. The handler writes a complete response
//! (status line, fields, body); [`Framing`] adds the `Connection` field —
//! `keep-alive` (with `Keep-Alive: timeout, max`) when the client asked for
//! it, the response is framed by a `Content-Length` and more requests may
//! follow, `close` otherwise — and, answering `HEAD`, keeps the body back.
//! A response that already names its `Connection` is left as it is.

use std::io::{ErrorKind, Write};
use std::time::Duration;

/// The longest response head looked into; a longer one is passed on as
/// it is and closes the connection.
const MAX_RESPONSE_HEAD: usize = 64 * 1024;

/// What the connection may do after this response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reuse {
    /// Whether the client asked to keep the connection and another request
    /// is allowed on it.
    pub wanted: bool,
    /// How long the connection waits for the next request.
    pub idle: Duration,
    /// How many more requests it takes after this one.
    pub left: usize,
}

/// The response writer of one request.
#[derive(Debug)]
pub struct Framing<'a, W: Write> {
    out: &'a mut W,
    reuse: Reuse,
    head_only: bool,
    head: Vec<u8>,
    /// Known once the head is through: the declared body length, if any.
    declared: Option<Option<usize>>,
    kept: bool,
    body: usize,
}

impl<'a, W: Write> Framing<'a, W> {
    /// Writes to `out` a response that may keep the connection as `reuse`
    /// says; without its body when `head_only` (answering `HEAD`).
    pub fn new(out: &'a mut W, reuse: Reuse, head_only: bool) -> Framing<'a, W> {
        Framing {
            out,
            reuse,
            head_only,
            head: Vec::new(),
            declared: None,
            kept: false,
            body: 0,
        }
    }

    /// Whether the connection may take another request: kept alive, and
    /// the whole declared body was written.
    pub fn reusable(&self) -> bool {
        match self.declared {
            Some(Some(length)) => self.kept && (self.head_only || self.body == length),
            _ => false,
        }
    }

    /// The head is complete in `self.head` up to `end` (its empty line
    /// excluded): writes it with the connection's fields, then the body
    /// bytes that came with it.
    fn send_head(&mut self, end: usize) -> std::io::Result<()> {
        let rest = self.head.split_off(end + 4);
        let head = String::from_utf8_lossy(&self.head[..end + 2]).into_owned();
        let field = |name: &str| {
            head.lines().skip(1).find_map(|l| {
                let (n, v) = l.split_once(':')?;
                n.trim()
                    .eq_ignore_ascii_case(name)
                    .then(|| v.trim().to_string())
            })
        };
        let length = field("content-length").and_then(|v| v.parse::<usize>().ok());
        let own = field("connection");
        self.declared = Some(length);
        self.kept = match &own {
            Some(v) => v.eq_ignore_ascii_case("keep-alive") && self.reuse.wanted,
            None => self.reuse.wanted && length.is_some(),
        };
        let mut out = self.head[..end + 2].to_vec();
        if own.is_none() {
            if self.kept {
                out.extend_from_slice(
                    format!(
                        "Connection: keep-alive\r\nKeep-Alive: timeout={}, max={}\r\n",
                        self.reuse.idle.as_secs().max(1),
                        self.reuse.left
                    )
                    .as_bytes(),
                );
            } else {
                out.extend_from_slice(b"Connection: close\r\n");
            }
        }
        out.extend_from_slice(b"\r\n");
        self.head = Vec::new();
        self.out.write_all(&out)?;
        self.body_bytes(&rest)
    }

    /// Body bytes: passed on, or (answering `HEAD`) counted and dropped;
    /// a `HEAD` answer without a length (an event stream) ends at its head.
    fn body_bytes(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        if bytes.is_empty() {
            return Ok(());
        }
        if self.head_only {
            if self.declared == Some(None) {
                return Err(std::io::Error::new(
                    ErrorKind::BrokenPipe,
                    "HEAD: the body is not sent",
                ));
            }
            return Ok(());
        }
        self.body += bytes.len();
        self.out.write_all(bytes)
    }
}

impl<W: Write> Write for Framing<'_, W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.declared.is_some() {
            self.body_bytes(buf)?;
            return Ok(buf.len());
        }
        let from = self.head.len().saturating_sub(3);
        self.head.extend_from_slice(buf);
        if let Some(at) = self.head[from..].windows(4).position(|w| w == b"\r\n\r\n") {
            self.send_head(from + at)?;
        } else if self.head.len() > MAX_RESPONSE_HEAD {
            // Not a head this layer can read: passed on, the connection
            // closed after it.
            self.declared = Some(None);
            let head = std::mem::take(&mut self.head);
            self.out.write_all(&head)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEEP: Reuse = Reuse {
        wanted: true,
        idle: Duration::from_secs(5),
        left: 99,
    };

    fn framed(reuse: Reuse, head_only: bool, pieces: &[&[u8]]) -> (String, bool) {
        let mut out = Vec::new();
        let mut f = Framing::new(&mut out, reuse, head_only);
        for p in pieces {
            let _ = f.write_all(p);
        }
        let reusable = f.reusable();
        (String::from_utf8(out).unwrap(), reusable)
    }

    #[test]
    fn a_framed_response_keeps_the_connection_when_asked() {
        let r = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
        let (text, reusable) = framed(KEEP, false, &[r]);
        assert_eq!(
            text,
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5, max=99\r\n\r\nok"
        );
        assert!(reusable);
        // Cut anywhere, even inside the empty line.
        let (cut, reusable) = framed(KEEP, false, &[&r[..36], &r[36..38], &r[38..]]);
        assert_eq!((cut, reusable), (text, true));
        let closed = Reuse {
            wanted: false,
            ..KEEP
        };
        let (text, reusable) = framed(closed, false, &[r]);
        assert_eq!(
            text,
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
        );
        assert!(!reusable);
    }

    #[test]
    fn unframed_short_or_closing_responses_close() {
        let stream = b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\ndata: 1\n\n";
        let (text, reusable) = framed(KEEP, false, &[stream]);
        assert!(text.contains("Connection: close\r\n\r\ndata: 1"), "{text}");
        assert!(!reusable);
        let short = b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nok";
        assert!(!framed(KEEP, false, &[short]).1);
        let own = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok";
        let (text, reusable) = framed(KEEP, false, &[own]);
        assert_eq!((text.as_bytes(), reusable), (&own[..], false));
    }

    #[test]
    fn a_head_answer_has_the_fields_of_get_and_no_body() {
        let r = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
        let (text, reusable) = framed(KEEP, true, &[r]);
        assert!(text.ends_with("Content-Length: 2\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5, max=99\r\n\r\n"), "{text}");
        assert!(reusable);
        // An event stream answering HEAD ends at its head.
        let mut out = Vec::new();
        let mut f = Framing::new(&mut out, KEEP, true);
        f.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n")
            .unwrap();
        assert!(f.write_all(b"data: 1\n\n").is_err());
        assert!(!f.reusable());
    }
}
