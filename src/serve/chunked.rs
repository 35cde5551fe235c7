//! A chunked request body (`Transfer-Encoding: chunked`) decoded as it
//! arrives, within the route's bound: each chunk's size is checked against
//! what is left of the bound before its bytes are taken, the size lines and
//! the trailer are bounded too, and nothing is sized by what the client
//! declares beyond that.

use super::http::{MAX_HEAD, Refusal};

/// The longest chunk-size line (size and extensions) accepted.
const MAX_SIZE_LINE: usize = 1024;

/// Where the decoder is in the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// Reading a chunk-size line.
    Size,
    /// Taking this many more bytes of a chunk.
    Data(usize),
    /// Expecting the line end after a chunk's bytes.
    DataEnd,
    /// Reading trailer fields, until the empty line.
    Trailer,
    /// The body is complete.
    Done,
}

/// What one [`Dechunker::feed`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fed {
    /// Everything given was taken; the body goes on.
    More,
    /// The body ended after this many of the bytes given (the rest belongs
    /// to the next request).
    Done(usize),
}

/// Decodes one chunked body, fed in pieces.
#[derive(Debug)]
pub struct Dechunker {
    part: Part,
    limit: usize,
    body: Vec<u8>,
    line: Vec<u8>,
    trailer: usize,
}

impl Dechunker {
    /// A decoder for a body of at most `limit` bytes.
    pub fn new(limit: usize) -> Dechunker {
        Dechunker {
            part: Part::Size,
            limit,
            body: Vec::new(),
            line: Vec::new(),
            trailer: 0,
        }
    }

    /// The body decoded so far (all of it once [`Fed::Done`]).
    pub fn into_body(self) -> Vec<u8> {
        self.body
    }

    /// Takes `input`: malformed chunks are a bad request, a chunk that
    /// would take the body past its limit is refused before its bytes are.
    pub fn feed(&mut self, input: &[u8]) -> Result<Fed, Refusal> {
        let mut at = 0;
        while at < input.len() {
            match self.part {
                Part::Done => break,
                Part::Data(left) => {
                    let n = left.min(input.len() - at);
                    self.body.extend_from_slice(&input[at..at + n]);
                    at += n;
                    self.part = if n == left {
                        Part::DataEnd
                    } else {
                        Part::Data(left - n)
                    };
                }
                _ => {
                    let byte = input[at];
                    at += 1;
                    if byte == b'\n' {
                        self.end_line()?;
                    } else {
                        self.push(byte)?;
                    }
                }
            }
        }
        Ok(if self.part == Part::Done {
            Fed::Done(at)
        } else {
            Fed::More
        })
    }

    /// One more byte of a line, within the line's bound.
    fn push(&mut self, byte: u8) -> Result<(), Refusal> {
        self.line.push(byte);
        let bound = match self.part {
            Part::Trailer => MAX_HEAD.saturating_sub(self.trailer),
            _ => MAX_SIZE_LINE,
        };
        if self.line.len() > bound {
            return Err(Refusal::BadRequest);
        }
        Ok(())
    }

    /// A line (without its LF, perhaps with its CR) is complete.
    fn end_line(&mut self) -> Result<(), Refusal> {
        let line = std::mem::take(&mut self.line);
        let line = line.strip_suffix(b"\r").unwrap_or(&line);
        self.part = match self.part {
            Part::Size => match self.size(line)? {
                0 => Part::Trailer,
                n => Part::Data(n),
            },
            Part::DataEnd if line.is_empty() => Part::Size,
            Part::Trailer if line.is_empty() => Part::Done,
            Part::Trailer => {
                self.trailer += line.len() + 2;
                Part::Trailer
            }
            _ => return Err(Refusal::BadRequest),
        };
        Ok(())
    }

    /// The size of a chunk-size line, refused when it would take the body
    /// past its limit (the digits are counted before they are parsed).
    fn size(&self, line: &[u8]) -> Result<usize, Refusal> {
        let digits = line.split(|&b| b == b';').next().unwrap_or(&[]);
        let digits = digits.trim_ascii();
        if digits.is_empty() || !digits.iter().all(u8::is_ascii_hexdigit) {
            return Err(Refusal::BadRequest);
        }
        let significant = digits.iter().skip_while(|&&b| b == b'0').count();
        if significant > 12 {
            return Err(Refusal::BodyTooLarge);
        }
        let text = std::str::from_utf8(digits).map_err(|_| Refusal::BadRequest)?;
        let size = usize::from_str_radix(text, 16).map_err(|_| Refusal::BadRequest)?;
        if size > self.limit - self.body.len() {
            return Err(Refusal::BodyTooLarge);
        }
        Ok(size)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(input: &[u8], limit: usize) -> Result<(Vec<u8>, usize), Refusal> {
        let mut d = Dechunker::new(limit);
        match d.feed(input)? {
            Fed::Done(n) => Ok((d.into_body(), n)),
            Fed::More => panic!("incomplete: {:?}", String::from_utf8_lossy(input)),
        }
    }

    #[test]
    fn chunks_in_any_pieces_make_the_body() {
        let raw =
            b"5\r\nhello\r\n1;ext=1\r\n \r\n6\r\n world\r\n0\r\nX-Trailer: 1\r\n\r\nGET /next";
        let (body, used) = whole(raw, 64).unwrap();
        assert_eq!(body, b"hello  world");
        assert_eq!(&raw[used..], b"GET /next");
        // One byte at a time, and with bare LFs.
        let mut d = Dechunker::new(64);
        let bare = b"3\nabc\n0\n\n";
        for (i, b) in bare.iter().enumerate() {
            let fed = d.feed(&[*b]).unwrap();
            assert_eq!(fed == Fed::More, i + 1 < bare.len(), "{i}");
        }
        assert_eq!(d.into_body(), b"abc");
        assert_eq!(whole(b"0\r\n\r\n", 0).unwrap().0, b"");
    }

    #[test]
    fn a_chunk_past_the_limit_is_refused_before_its_bytes() {
        let mut d = Dechunker::new(8);
        assert_eq!(d.feed(b"5\r\nhello\r\n"), Ok(Fed::More));
        assert_eq!(d.feed(b"4\r\n"), Err(Refusal::BodyTooLarge));
        for huge in [
            &b"ffffffffffffffffffffffff\r\n"[..],
            b"0000000000000000000000009\r\n",
        ] {
            assert_eq!(Dechunker::new(8).feed(huge), Err(Refusal::BodyTooLarge));
        }
        assert_eq!(
            whole(b"0000000008\r\n12345678\r\n0\r\n\r\n", 8)
                .unwrap()
                .0
                .len(),
            8
        );
    }

    #[test]
    fn malformed_chunks_are_bad_requests() {
        for raw in [
            &b"\r\n"[..],
            b"x\r\n",
            b"-1\r\n",
            b"3\r\nabcd\r\n",
            b"3\r\nabc\r\n0\r\nno end",
        ] {
            let fed = Dechunker::new(64).feed(raw);
            assert!(
                matches!(fed, Err(Refusal::BadRequest) | Ok(Fed::More)),
                "{raw:?}: {fed:?}"
            );
            if raw != b"3\r\nabc\r\n0\r\nno end" {
                assert_eq!(fed, Err(Refusal::BadRequest), "{raw:?}");
            }
        }
        let long = vec![b'1'; MAX_SIZE_LINE + 1];
        assert_eq!(Dechunker::new(64).feed(&long), Err(Refusal::BadRequest));
        let mut trailer = b"0\r\n".to_vec();
        trailer.extend(std::iter::repeat_n(b'a', MAX_HEAD + 1));
        assert_eq!(Dechunker::new(64).feed(&trailer), Err(Refusal::BadRequest));
    }
}
