//! The little HTTP/1.1 the servers need: parsing a request head
//! (with a body bounded by the route, or none) and formatting response heads.
//!
//! The head is taken apart by `httparse` (zero-copy, no allocation, from the
//! authors of hyper); this module adds the servers' limits and rules. The
//! parser is total (it never panics, whatever the bytes), works on a buffer
//! of at most [`MAX_HEAD`] bytes and never sizes anything by what the client
//! declares. Header names are matched case-insensitively; lines may end in
//! CRLF or in a bare LF.

use std::net::{IpAddr, Ipv4Addr};
use std::time::{SystemTime, UNIX_EPOCH};

/// The largest request head accepted: request line and header fields,
/// including the empty line that ends them.
pub const MAX_HEAD: usize = 16 * 1024;

/// The most header fields accepted in one request.
pub const MAX_HEADERS: usize = 100;

/// Why a request is refused before it reaches a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Malformed, or more than one request at once (400).
    BadRequest,
    /// The request declares a body where none is taken: `Content-Length`
    /// above 0 or any `Transfer-Encoding` (413).
    Body,
    /// The head exceeds [`MAX_HEAD`] bytes or [`MAX_HEADERS`] fields (431).
    HeadTooLarge,
    /// An HTTP version other than 1.0 and 1.1 (505).
    Version,
    /// A declared body longer than the route accepts (413); see
    /// [`parse_with_body`].
    BodyTooLarge,
    /// Part of a head arrived, but not the whole head within the deadline
    /// (408).
    Timeout,
    /// Every connection slot is taken (503).
    Busy,
    /// Too many bodies arriving at once: the server's budget for them is
    /// spent (503).
    BodiesBusy,
    /// A body sent with a transfer coding other than `chunked` (501).
    Coding,
}

impl Refusal {
    /// The status code of the response.
    pub fn status(self) -> u16 {
        match self {
            Refusal::BadRequest => 400,
            Refusal::Body => 413,
            Refusal::HeadTooLarge => 431,
            Refusal::Version => 505,
            Refusal::BodyTooLarge => 413,
            Refusal::Timeout => 408,
            Refusal::Busy | Refusal::BodiesBusy => 503,
            Refusal::Coding => 501,
        }
    }

    /// The refusal's wording, the same for every server, which names
    /// itself as `server` (服务器, 工作台, 预览服务).
    pub fn message(self, server: &str) -> String {
        match self {
            Refusal::BadRequest => "请求格式错误".to_string(),
            Refusal::Body => format!("{server}不接受带正文的请求"),
            Refusal::HeadTooLarge => "请求头过大".to_string(),
            Refusal::Version => format!("{server}只支持 HTTP/1.1"),
            Refusal::BodyTooLarge => format!("请求内容过大，{server}拒绝处理"),
            Refusal::Timeout => "请求超时".to_string(),
            Refusal::Busy => format!("{server}繁忙：同时连接过多，请稍后再试"),
            Refusal::BodiesBusy => {
                format!("{server}繁忙：同时上传的内容过多，请稍后再试")
            }
            Refusal::Coding => format!(
                "{server}只接受以 Content-Length 或 Transfer-Encoding: chunked 发送的请求正文"
            ),
        }
    }
}

/// A parsed request head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    /// The method, as sent (methods are case-sensitive).
    pub method: String,
    /// The request target, in origin form (starts with `/`).
    pub target: String,
    /// The header fields in order: lower-case names, values without the
    /// surrounding white space (bytes that are not UTF-8 become U+FFFD).
    pub headers: Vec<(String, String)>,
    /// The address the request came from (set by the connection that read
    /// it; unspecified for a head parsed alone).
    pub peer: IpAddr,
    /// The HTTP minor version: 1 for HTTP/1.1, 0 for HTTP/1.0.
    pub minor: u8,
}

impl Head {
    /// The value of the first field named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// How many fields are named `name` (case-insensitive).
    pub fn count(&self, name: &str) -> usize {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .count()
    }

    /// Whether a comma-separated field named `name` lists `token`
    /// (case-insensitive), in any of its lines.
    pub fn lists(&self, name: &str, token: &str) -> bool {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .flat_map(|(_, v)| v.split(','))
            .any(|t| t.trim().eq_ignore_ascii_case(token))
    }

    /// Whether the client asks to keep the connection for further
    /// requests (`Connection: keep-alive`, and not `close`).
    pub fn keeps_alive(&self) -> bool {
        self.lists("connection", "keep-alive") && !self.lists("connection", "close")
    }

    /// Whether the client waits for `100 Continue` before it sends the
    /// body (`Expect: 100-continue` on HTTP/1.1).
    pub fn expects_continue(&self) -> bool {
        self.minor == 1 && self.lists("expect", "100-continue")
    }
}

/// Parses the bytes received so far on a connection. `None`: the head is
/// not complete yet, read more. Otherwise the request, or why it is refused.
/// Bytes after the head (a pipelined request, or a body that was not
/// declared) are refused as a bad request.
///
/// `httparse` takes the head apart (request line, field names and values,
/// refusing anything malformed as soon as it is seen); the limits and the
/// rules of the servers are applied here.
pub fn parse(buf: &[u8]) -> Option<Result<Head, Refusal>> {
    parse_request(buf, |_| None).map(|parsed| parsed.map(|r| r.head))
}

/// A request head that may announce a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// The head.
    pub head: Head,
    /// The length of the head in the buffer: the body starts there.
    pub head_len: usize,
    /// The body's declared length (`Content-Length`), at most the limit
    /// (0 for a chunked body).
    pub body_len: usize,
    /// Whether the body comes in chunks (`Transfer-Encoding: chunked`,
    /// read by [`super::chunked`]); only [`parse_next`] takes it.
    pub chunked: bool,
    /// The longest body the route takes.
    pub body_limit: usize,
}

/// Like [`parse`], for a server that takes bodies of at most `limit` bytes,
/// declared by one `Content-Length` (`Transfer-Encoding` is refused). Bytes
/// beyond the declared body are refused as a bad request; a longer
/// declaration is refused without reading the body.
pub fn parse_with_body(buf: &[u8], limit: usize) -> Option<Result<Request, Refusal>> {
    parse_request(buf, |_| Some(limit))
}

/// [`parse`] and [`parse_with_body`] in one, with the body's bound chosen
/// by the head: `limit` gives the longest body the request may carry
/// (`None`: no body at all, and a declared one is refused as
/// [`Refusal::Body`]). Bytes beyond the head and the declared body are
/// refused as a bad request.
pub fn parse_request(
    buf: &[u8],
    limit: impl FnOnce(&Head) -> Option<usize>,
) -> Option<Result<Request, Refusal>> {
    let parsed = parse_head(buf, limit, false)?;
    Some(parsed.and_then(|r| {
        if buf.len() > r.head_len + r.body_len {
            Err(Refusal::BadRequest)
        } else {
            Ok(r)
        }
    }))
}

/// The request at the start of `buf`, the bytes after its head left to
/// the caller (the body, then perhaps the next request of a kept
/// connection): like [`parse_request`], and a body may also come in chunks
/// (`Transfer-Encoding: chunked`, never with a `Content-Length`); any
/// other transfer coding is refused as [`Refusal::Coding`].
pub fn parse_next(
    buf: &[u8],
    limit: impl FnOnce(&Head) -> Option<usize>,
) -> Option<Result<Request, Refusal>> {
    parse_head(buf, limit, true)
}

/// The head and the declared body length, without looking at the bytes
/// after the head: `limit` gives the longest body accepted (`None`: no body
/// at all); `chunks` whether a chunked body is taken.
fn parse_head(
    buf: &[u8],
    limit: impl FnOnce(&Head) -> Option<usize>,
    chunks: bool,
) -> Option<Result<Request, Refusal>> {
    let mut fields = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut request = httparse::Request::new(&mut fields);
    let end = match request.parse(buf) {
        Ok(httparse::Status::Complete(end)) => end,
        Ok(httparse::Status::Partial) => {
            return (buf.len() >= MAX_HEAD).then_some(Err(Refusal::HeadTooLarge));
        }
        Err(httparse::Error::TooManyHeaders) => return Some(Err(Refusal::HeadTooLarge)),
        Err(httparse::Error::Version) => {
            return version_refusal(buf).map(|r| {
                r.map(|head| Request {
                    head,
                    head_len: 0,
                    body_len: 0,
                    chunked: false,
                    body_limit: 0,
                })
            });
        }
        Err(_) => return Some(Err(Refusal::BadRequest)),
    };
    if end > MAX_HEAD {
        return Some(Err(Refusal::HeadTooLarge));
    }
    let head = match head(&request) {
        Ok(head) => head,
        Err(refusal) => return Some(Err(refusal)),
    };
    let limit = limit(&head);
    let chunked = chunks && limit.is_some() && head.count("transfer-encoding") > 0;
    let body_len = match limit {
        None => refuse_body(&head).map(|()| 0),
        Some(_) if chunked => chunked_coding(&head).map(|()| 0),
        Some(limit) => body_length(&head, limit),
    };
    Some(body_len.map(|body_len| Request {
        head,
        head_len: end,
        body_len,
        chunked,
        body_limit: limit.unwrap_or(0),
    }))
}

/// A chunked body's head: `chunked` the only transfer coding, and no
/// `Content-Length` beside it (a request read two ways is how requests
/// are smuggled past a proxy).
fn chunked_coding(head: &Head) -> Result<(), Refusal> {
    if head.count("content-length") > 0 {
        return Err(Refusal::BadRequest);
    }
    let codings: Vec<&str> = head
        .headers
        .iter()
        .filter(|(n, _)| n == "transfer-encoding")
        .flat_map(|(_, v)| v.split(','))
        .map(str::trim)
        .collect();
    match codings[..] {
        [only] if only.eq_ignore_ascii_case("chunked") => Ok(()),
        _ => Err(Refusal::Coding),
    }
}

/// The declared body length, refused above `limit`: one `Content-Length`
/// of digits (a list of equal values is taken as one), no
/// `Transfer-Encoding`. The digits are compared by length before they are
/// parsed, so no declared size overflows.
fn body_length(head: &Head, limit: usize) -> Result<usize, Refusal> {
    if head.count("transfer-encoding") > 0 {
        return Err(Refusal::BodyTooLarge);
    }
    let mut length: Option<usize> = None;
    for (name, value) in &head.headers {
        if name != "content-length" {
            continue;
        }
        for part in value.split(',') {
            let digits = part.trim_matches([' ', '\t']).trim_start_matches('0');
            if part.trim_matches([' ', '\t']).is_empty()
                || !digits.bytes().all(|b| b.is_ascii_digit())
            {
                return Err(Refusal::BadRequest);
            }
            if digits.len() > 12 {
                return Err(Refusal::BodyTooLarge);
            }
            let n: usize = if digits.is_empty() {
                0
            } else {
                digits.parse().map_err(|_| Refusal::BadRequest)?
            };
            if length.is_some_and(|l| l != n) {
                return Err(Refusal::BadRequest);
            }
            length = Some(n);
        }
    }
    match length.unwrap_or(0) {
        n if n > limit => Err(Refusal::BodyTooLarge),
        n => Ok(n),
    }
}

/// Why a request line with a version `httparse` does not take is refused:
/// another HTTP version (`HTTP/2.0`, `HTTP/0.9`) or garbage. `None` while
/// the request line is incomplete.
fn version_refusal(buf: &[u8]) -> Option<Result<Head, Refusal>> {
    let start = buf.iter().position(|&b| b != b'\r' && b != b'\n')?;
    let rest = &buf[start..];
    let line = &rest[..rest.iter().position(|&b| b == b'\n')?];
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let parts: Vec<&[u8]> = line.split(|&b| b == b' ').collect();
    let refusal = match parts[..] {
        [
            _,
            _,
            version @ [b'H', b'T', b'T', b'P', b'/', major, b'.', minor],
        ] if major.is_ascii_digit()
            && minor.is_ascii_digit()
            && version != b"HTTP/1.1"
            && version != b"HTTP/1.0" =>
        {
            Refusal::Version
        }
        _ => Refusal::BadRequest,
    };
    Some(Err(refusal))
}

/// The head of a request `httparse` accepted, with the servers' rules:
/// origin-form targets only, one `Host`.
fn head(request: &httparse::Request<'_, '_>) -> Result<Head, Refusal> {
    let (Some(method), Some(target)) = (request.method, request.path) else {
        return Err(Refusal::BadRequest);
    };
    // Origin form only: browsers send nothing else to an origin server.
    if !target.starts_with('/') || !target.bytes().all(|b| (0x21..=0x7e).contains(&b)) {
        return Err(Refusal::BadRequest);
    }
    let headers = request
        .headers
        .iter()
        .map(|h| {
            (
                h.name.to_ascii_lowercase(),
                String::from_utf8_lossy(h.value.trim_ascii()).into_owned(),
            )
        })
        .collect();
    let head = Head {
        method: method.to_string(),
        target: target.to_string(),
        headers,
        peer: IpAddr::V4(Ipv4Addr::UNSPECIFIED),
        minor: request.version.unwrap_or(1),
    };
    if head.count("host") > 1 {
        return Err(Refusal::BadRequest);
    }
    Ok(head)
}

/// Any body is refused, so lengths are only checked for being zero: a
/// declared length is never parsed into a number.
fn refuse_body(head: &Head) -> Result<(), Refusal> {
    for (name, value) in &head.headers {
        match name.as_str() {
            "transfer-encoding" => return Err(Refusal::Body),
            "content-length" => {
                for part in value.split(',') {
                    let digits = part.trim_matches([' ', '\t']);
                    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                        return Err(Refusal::BadRequest);
                    }
                    if digits.bytes().any(|b| b != b'0') {
                        return Err(Refusal::Body);
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// The reason phrase of the status codes the servers send.
pub fn reason(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        413 => "Content Too Large",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        501 => "Not Implemented",
        505 => "HTTP Version Not Supported",
        _ => "Unknown",
    }
}

/// A time in the format of the `Date` header (IMF-fixdate), e.g.
/// `Sun, 06 Nov 1994 08:49:37 GMT`.
pub fn http_date(time: SystemTime) -> String {
    let secs = time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let days = secs / 86_400;
    let rest = secs % 86_400;
    let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][(days % 7) as usize];
    let crate::civil::Date { year, month, day } =
        crate::civil::Date::from_days(i64::try_from(days).unwrap_or(i64::MAX / 2));
    let month = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ][(month - 1) as usize];
    format!(
        "{weekday}, {day:02} {month} {year} {:02}:{:02}:{:02} GMT",
        rest / 3600,
        rest / 60 % 60,
        rest % 60
    )
}

/// The headers every answer of a local server carries: its type and
/// length, never cached, never sniffed, framed or sent as a referrer, and
/// the page's content security policy `csp`. Whether the connection stays
/// open after it is the layer's to say ([`super::framing`]).
pub fn guarded_headers<'a>(
    content_type: &'a str,
    csp: &'a str,
    content_length: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("Content-Type", content_type),
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("X-Frame-Options", "DENY"),
        ("Content-Security-Policy", csp),
        ("Content-Length", content_length),
    ]
}

/// The head of a response: status line, `Date`, then `headers` (each
/// `Name: value`), with CRLF line ends and the final empty line.
pub fn response_head(status: u16, headers: &[(&str, &str)]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 {status} {}\r\nDate: {}\r\n",
        reason(status),
        http_date(SystemTime::now())
    );
    for (name, value) in headers {
        out.push_str(name);
        out.push_str(": ");
        out.push_str(value);
        out.push_str("\r\n");
    }
    out.push_str("\r\n");
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn ok(raw: &[u8]) -> Head {
        match parse(raw) {
            Some(Ok(head)) => head,
            other => panic!("{:?}: {other:?}", String::from_utf8_lossy(raw)),
        }
    }

    fn refused(raw: &[u8]) -> Refusal {
        match parse(raw) {
            Some(Err(r)) => r,
            other => panic!("{:?}: {other:?}", String::from_utf8_lossy(raw)),
        }
    }

    #[test]
    fn a_browser_request() {
        let head = ok(b"GET /?t=1 HTTP/1.1\r\nHost: 127.0.0.1:8000\r\nUser-Agent: x\r\nAccept: text/html, */*;q=0.8\r\n\r\n");
        assert_eq!(head.method, "GET");
        assert_eq!(head.target, "/?t=1");
        assert_eq!(head.header("HOST"), Some("127.0.0.1:8000"));
        assert_eq!(head.header("accept"), Some("text/html, */*;q=0.8"));
        assert_eq!(head.header("cookie"), None);
    }

    #[test]
    fn bare_lf_names_in_any_case_and_white_space() {
        let head = ok(b"\r\nHEAD / HTTP/1.0\nhOsT:\t localhost \t\nX-Empty:\n\n");
        assert_eq!(head.method, "HEAD");
        assert_eq!(head.header("Host"), Some("localhost"));
        assert_eq!(head.header("x-empty"), Some(""));
        let head = ok(b"GET / HTTP/1.1\r\nHost: a\n\r\n");
        assert_eq!(head.header("host"), Some("a"));
    }

    #[test]
    fn incomplete_until_the_empty_line() {
        for partial in [
            &b""[..],
            b"\r\n",
            b"\r\n\r\n\n",
            b"GET",
            b"GET / HTTP/1.1\r\n",
            b"GET / HTTP/1.1\r\nHost: a\r\n",
            b"GET / HTTP/1.1\r\nHost: a\r\n\r",
            b"GET / HTTP/1.1\r\nContent-Length: 99999999999\r\n",
        ] {
            assert_eq!(parse(partial), None, "{partial:?}");
        }
    }

    #[test]
    fn declared_bodies_are_refused_without_parsing_the_length() {
        for raw in [
            &b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999\r\n\r\n"[..],
            b"GET / HTTP/1.1\r\ncontent-length: 1\r\n\r\n",
            b"GET / HTTP/1.1\r\nContent-Length: 999999999999999999999999999999999999\r\n\r\n",
            b"GET / HTTP/1.1\r\nContent-Length: 0, 5\r\n\r\n",
            b"GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n",
            b"GET / HTTP/1.1\r\nTRANSFER-ENCODING: identity\r\n\r\n",
            // With the body already received: still 413, not 400.
            b"POST / HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}",
        ] {
            assert_eq!(
                refused(raw),
                Refusal::Body,
                "{:?}",
                String::from_utf8_lossy(raw)
            );
        }
        let head = ok(b"POST / HTTP/1.1\r\nContent-Length: 0\r\nContent-Length: 00\r\n\r\n");
        assert_eq!(head.method, "POST");
        assert_eq!(
            refused(b"GET / HTTP/1.1\r\nContent-Length: -1\r\n\r\n"),
            Refusal::BadRequest
        );
        assert_eq!(
            refused(b"GET / HTTP/1.1\r\nContent-Length: \r\n\r\n"),
            Refusal::BadRequest
        );
    }

    #[test]
    fn garbage_and_pipelining_are_bad_requests() {
        for raw in [
            &b"GET /\r\n\r\n"[..],
            b"GET  / HTTP/1.1\r\n\r\n",
            b"GET / HTTP/1.1 x\r\n\r\n",
            b"GET http://evil.example/ HTTP/1.1\r\n\r\n",
            b"GET * HTTP/1.1\r\n\r\n",
            b"GET /\x7f HTTP/1.1\r\n\r\n",
            b"G(T / HTTP/1.1\r\n\r\n",
            b"GET / http/1.1\r\n\r\n",
            b"GET / HTTP/1.1\r\nHost : a\r\n\r\n",
            b"GET / HTTP/1.1\r\nNo colon\r\n\r\n",
            b"GET / HTTP/1.1\r\n: empty name\r\n\r\n",
            b"GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n",
            b"GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n",
            b"GET / HTTP/1.1\r\nHost: a\x00\r\n\r\n",
            b"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
            b"GET / HTTP/1.1\r\nHost: a\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n",
            b"GET / HTTP/1.1\r\nHost: a\r\n\r\nx",
            b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\n\n",
        ] {
            assert_eq!(
                refused(raw),
                Refusal::BadRequest,
                "{:?}",
                String::from_utf8_lossy(raw)
            );
        }
        // Garbage is refused as soon as it is seen, without waiting for the
        // end of a head that may never come.
        assert_eq!(parse(b"G(T"), Some(Err(Refusal::BadRequest)));
        assert_eq!(parse(b"\x16\x03\x01"), Some(Err(Refusal::BadRequest)));
        // Another version is known only once the request line is complete.
        assert_eq!(parse(b"GET / HTTP/2"), None);
        assert_eq!(refused(b"GET / HTTP/2.0\r\n\r\n"), Refusal::Version);
        assert_eq!(refused(b"GET / HTTP/0.9\r\n\r\n"), Refusal::Version);
    }

    #[test]
    fn oversized_heads_are_refused() {
        let mut raw = b"GET / HTTP/1.1\r\nX: ".to_vec();
        raw.resize(MAX_HEAD, b'a');
        assert_eq!(refused(&raw), Refusal::HeadTooLarge);
        let mut raw = b"GET / HTTP/1.1\r\n".to_vec();
        for i in 0..=MAX_HEADERS {
            raw.extend_from_slice(format!("X-{i}: 1\r\n").as_bytes());
        }
        raw.extend_from_slice(b"\r\n");
        assert_eq!(refused(&raw), Refusal::HeadTooLarge);
        // Just under the limits is fine.
        let mut raw = b"GET / HTTP/1.1\r\nX: ".to_vec();
        raw.resize(MAX_HEAD - 4, b'a');
        raw.extend_from_slice(b"\r\n\r\n");
        assert_eq!(ok(&raw).header("x").map(str::len), Some(MAX_HEAD - 4 - 19));
    }

    #[test]
    fn never_panics_on_any_bytes() {
        // A small deterministic generator: biased towards the bytes that
        // matter to the parser.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let alphabet = b"GET HTTP/1.0\r\n:;, \t\x00\x7f\xff\xe5Content-Length0123456789Host";
        for _ in 0..20_000 {
            let len = (next() % 96) as usize;
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    let r = next();
                    if r % 5 == 0 {
                        r as u8
                    } else {
                        alphabet[(r >> 8) as usize % alphabet.len()]
                    }
                })
                .collect();
            let _ = parse(&bytes);
        }
    }

    #[test]
    fn dates() {
        assert_eq!(http_date(UNIX_EPOCH), "Thu, 01 Jan 1970 00:00:00 GMT");
        let rfc = UNIX_EPOCH + Duration::from_secs(784_111_777);
        assert_eq!(http_date(rfc), "Sun, 06 Nov 1994 08:49:37 GMT");
        let leap = UNIX_EPOCH + Duration::from_secs(951_782_400 + 86_399);
        assert_eq!(http_date(leap), "Tue, 29 Feb 2000 23:59:59 GMT");
        let later = UNIX_EPOCH + Duration::from_secs(1_798_761_600);
        assert_eq!(http_date(later), "Fri, 01 Jan 2027 00:00:00 GMT");
    }

    #[test]
    fn response_heads() {
        let head = String::from_utf8(response_head(404, &[("Content-Length", "0")])).unwrap();
        assert!(
            head.starts_with("HTTP/1.1 404 Not Found\r\nDate: "),
            "{head}"
        );
        assert!(
            head.ends_with(" GMT\r\nContent-Length: 0\r\n\r\n"),
            "{head}"
        );
    }

    #[test]
    fn bodies_are_taken_up_to_the_limit() {
        let raw = b"POST /api/save HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\n{}";
        let r = parse_with_body(raw, 10).unwrap().unwrap();
        assert_eq!((r.head_len, r.body_len), (raw.len() - 2, 2));
        // Part of the body received: the request is complete as a head.
        assert!(parse_with_body(&raw[..raw.len() - 1], 10).unwrap().is_ok());
        for (raw, refusal) in [
            (
                &b"POST / HTTP/1.1\r\nContent-Length: 11\r\n\r\n"[..],
                Refusal::BodyTooLarge,
            ),
            (
                b"POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n",
                Refusal::BodyTooLarge,
            ),
            (
                b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n",
                Refusal::BodyTooLarge,
            ),
            (
                b"POST / HTTP/1.1\r\nContent-Length: 1, 2\r\n\r\n",
                Refusal::BadRequest,
            ),
            (
                b"POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
                Refusal::BadRequest,
            ),
            (
                b"POST / HTTP/1.1\r\nContent-Length: 1\r\n\r\nab",
                Refusal::BadRequest,
            ),
        ] {
            assert_eq!(parse_with_body(raw, 10), Some(Err(refusal)), "{raw:?}");
        }
        assert_eq!(
            parse_with_body(b"GET / HTTP/1.1\r\n\r\n", 10)
                .unwrap()
                .unwrap()
                .body_len,
            0
        );
    }
}
