//! The preview's routes on the one HTTP layer ([`crate::serve`]): the gate
//! (a loopback Host, no other site's Origin, the session's token) and four
//! routes, GET and HEAD only, no request bodies. Nothing from the file
//! system is ever served.

use std::io::Write;
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use super::PreviewError;
use super::inject;
use super::state::Shared;
use crate::render::document::Document;
use crate::render::pdf;
use crate::serve::token::SessionToken;
use crate::serve::{self, Handler, Head, Limits, Refusal, http};

/// How many later ports to try when the requested one is taken.
pub const PORT_TRIES: u16 = serve::loopback::PORT_TRIES;

/// Most browser tabs following `/events` at once.
pub const MAX_EVENT_CLIENTS: usize = 16;

/// The preview's bounds: 64 connections (event streams included), of
/// which 16 are kept for requests carrying the session's token (the other
/// 48 may all come from one address: on loopback every client does); the
/// head within 5 s; 10 s for a client to take one response (or one event).
pub const LIMITS: Limits = Limits {
    connections: 64,
    per_peer: 48,
    reserved: 16,
    body_deadline: Duration::from_secs(5),
    body_budget: 1024 * 1024,
    ..Limits::BASE
};

/// How often an idle event stream sends a comment, to notice closed tabs.
const KEEPALIVE: Duration = Duration::from_secs(15);

/// The content type of messages.
const PLAIN: &str = "text/plain; charset=utf-8";

/// Binds to `127.0.0.1:port`, or the next free port among the following
/// [`PORT_TRIES`]. Port 0 lets the system choose a free port. Returns the
/// listener and the port it listens on.
pub fn bind(port: u16) -> Result<(TcpListener, u16), PreviewError> {
    serve::bind(port).map_err(|e| PreviewError::Bind {
        port: e.port,
        tries: e.tries,
        reason: e.reason,
    })
}

/// Serves requests until [`Shared::stop`] is called and the accept loop is
/// woken ([`serve::wake`]); connection threads end on their own (their
/// reads and writes time out, event streams see the stop).
pub fn serve(listener: &TcpListener, shared: &Arc<Shared>, token: SessionToken) {
    let preview = Arc::new(Preview {
        shared: Arc::clone(shared),
        events: AtomicUsize::new(0),
        token,
    });
    serve::serve(listener, &LIMITS, &preview);
}

/// The preview as a [`Handler`]: the shared state, the number of event
/// streams open and the session's token.
struct Preview {
    shared: Arc<Shared>,
    events: AtomicUsize,
    token: SessionToken,
}

impl Handler for Preview {
    fn body_limit(&self, _head: &Head) -> Option<usize> {
        None
    }

    fn gate(&self, head: &Head) -> Result<(), Vec<u8>> {
        let refuse = |message: &str| {
            Err(response(
                403,
                PLAIN,
                message.as_bytes(),
                head.method == "HEAD",
                &[],
            ))
        };
        if !serve::host_allowed(head.header("host")) {
            return refuse("拒绝访问：预览服务只接受以 localhost 或 127.0.0.1 访问的请求\n");
        }
        // Another web site's page may not read the report through the
        // visitor's browser: its requests name their origin.
        let foreign_origin = head
            .header("origin")
            .is_some_and(|o| !serve::host_allowed(o.split_once("://").map(|(_, h)| h)));
        let cross_site = head
            .header("sec-fetch-site")
            .is_some_and(|s| s.eq_ignore_ascii_case("cross-site"));
        if foreign_origin || cross_site {
            return refuse("拒绝访问：请求来自其他网站\n");
        }
        if !self.token.carried_by(head) {
            if route(&head.target) == Route::Page {
                let page = inject::refused_page();
                let html = "text/html; charset=utf-8";
                let head_only = head.method == "HEAD";
                return Err(response(403, html, page.as_bytes(), head_only, &[]));
            }
            return refuse(
                "拒绝访问：缺少或错误的访问口令。请使用 nianbao preview 启动时显示的完整地址\n",
            );
        }
        Ok(())
    }

    fn respond(&self, head: &Head, _body: &[u8], out: &mut dyn Write) -> std::io::Result<()> {
        handle(out, head, self)
    }

    fn refusal(&self, refusal: Refusal) -> Vec<u8> {
        let body = format!("{}\n", refusal.message("预览服务"));
        response(refusal.status(), PLAIN, body.as_bytes(), false, &[])
    }

    fn stopping(&self) -> bool {
        self.shared.stopping()
    }
}

/// The routes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// `/`: the report with the overlay.
    Page,
    /// `/events`: server-sent events, one per new generation.
    Events,
    /// `/report.pdf`: the report as PDF.
    Pdf,
    /// `/state.json`: the diagnostics as JSON.
    State,
    /// Anything else.
    NotFound,
}

/// The route of a request target; the query string is ignored.
pub fn route(url: &str) -> Route {
    let path = url.split(['?', '#']).next().unwrap_or("");
    match path {
        "/" => Route::Page,
        "/events" => Route::Events,
        "/report.pdf" => Route::Pdf,
        "/state.json" => Route::State,
        _ => Route::NotFound,
    }
}

/// A complete response with the headers every response but the event
/// stream carries; for HEAD (`head_only`), without the body.
fn response(
    status: u16,
    content_type: &str,
    body: &[u8],
    head_only: bool,
    extra: &[(&str, &str)],
) -> Vec<u8> {
    let len = body.len().to_string();
    let mut fields = vec![
        ("Content-Type", content_type),
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("Content-Length", len.as_str()),
    ];
    fields.extend_from_slice(extra);
    let mut out = http::response_head(status, &fields);
    if !head_only {
        out.extend_from_slice(body);
    }
    out
}

/// Sends a complete response; for HEAD (`head_only`), without the body.
fn respond(
    stream: &mut dyn Write,
    head_only: bool,
    status: u16,
    content_type: &str,
    body: &[u8],
) -> std::io::Result<()> {
    stream.write_all(&response(status, content_type, body, head_only, &[]))?;
    stream.flush()
}

/// Sends a one-line plain-text message.
fn text(
    stream: &mut dyn Write,
    head_only: bool,
    status: u16,
    message: &str,
) -> std::io::Result<()> {
    respond(
        stream,
        head_only,
        status,
        PLAIN,
        format!("{message}\n").as_bytes(),
    )
}

/// Answers one well-formed request that passed the Host guard.
fn handle(stream: &mut dyn Write, head: &Head, preview: &Preview) -> std::io::Result<()> {
    let head_only = head.method == "HEAD";
    let shared = &preview.shared;
    if !matches!(head.method.as_str(), "GET" | "HEAD") {
        let body = "预览服务只支持 GET 请求\n".as_bytes();
        let out = response(405, PLAIN, body, false, &[("Allow", "GET, HEAD")]);
        stream.write_all(&out)?;
        return stream.flush();
    }
    match route(&head.target) {
        Route::Page => {
            let page = inject::page(&shared.snapshot());
            respond(
                stream,
                head_only,
                200,
                "text/html; charset=utf-8",
                page.as_bytes(),
            )
        }
        Route::State => {
            let json = inject::state_json(&shared.snapshot()).to_string();
            respond(
                stream,
                head_only,
                200,
                "application/json; charset=utf-8",
                json.as_bytes(),
            )
        }
        Route::Pdf => match shared.snapshot().document {
            None => text(
                stream,
                head_only,
                503,
                "尚无可生成 PDF 的报告：请先修正数据文件",
            ),
            Some(doc) => match pdf(&doc) {
                Ok(bytes) => respond(stream, head_only, 200, "application/pdf", &bytes),
                Err(message) => text(stream, head_only, 500, &message),
            },
        },
        Route::Events => events(stream, head_only, preview),
        Route::NotFound => text(
            stream,
            head_only,
            404,
            "未找到：预览服务只提供 /、/events、/report.pdf 和 /state.json",
        ),
    }
}

/// The PDF of the document currently shown.
fn pdf(doc: &Document) -> Result<Vec<u8>, String> {
    pdf::render(doc, &pdf::PdfOptions::default()).map_err(|e| e.to_string())
}

/// Counts an event stream for as long as it lives.
struct EventSlot<'a>(&'a AtomicUsize);

impl Drop for EventSlot<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// The head of the event stream.
const EVENTS_HEAD: &[u8] = b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n\r\n";

/// Streams the generation to one browser tab, on its connection's thread,
/// until the tab goes away or the server stops.
fn events(stream: &mut dyn Write, head_only: bool, preview: &Preview) -> std::io::Result<()> {
    if preview.events.fetch_add(1, Ordering::SeqCst) >= MAX_EVENT_CLIENTS {
        preview.events.fetch_sub(1, Ordering::SeqCst);
        return text(
            stream,
            head_only,
            503,
            "预览页面打开得太多，请关闭一些后刷新",
        );
    }
    let _slot = EventSlot(&preview.events);
    stream.write_all(EVENTS_HEAD)?;
    if head_only {
        return stream.flush();
    }
    stream_events(stream, &preview.shared)
}

/// The body of the event stream: the current generation, then one event
/// per new generation and a comment every [`KEEPALIVE`] in between.
fn stream_events(out: &mut dyn Write, shared: &Shared) -> std::io::Result<()> {
    out.write_all(b"retry: 1000\n\n")?;
    let mut seen = shared.snapshot().generation;
    write!(out, "data: {seen}\n\n")?;
    out.flush()?;
    loop {
        let now = shared.wait_change(seen, KEEPALIVE);
        if shared.stopping() {
            return Ok(());
        }
        if now == seen {
            out.write_all(b": keepalive\n\n")?;
        } else {
            write!(out, "data: {now}\n\n")?;
            seen = now;
        }
        out.flush()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes() {
        assert_eq!(route("/"), Route::Page);
        assert_eq!(route("/?t=1"), Route::Page);
        assert_eq!(route("/events"), Route::Events);
        assert_eq!(route("/report.pdf"), Route::Pdf);
        assert_eq!(route("/state.json"), Route::State);
        for other in [
            "/etc/passwd",
            "/../Cargo.toml",
            "/examples/",
            "//",
            "/report.pdf/x",
        ] {
            assert_eq!(route(other), Route::NotFound, "{other}");
        }
    }
}
