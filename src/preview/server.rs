//! The HTTP side of the preview: binding to loopback, the Host guard and
//! the four routes. Nothing from the file system is ever served.

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response, Server};

use super::inject;
use super::state::Shared;
use crate::render::document::Document;
use crate::render::pdf;

/// How many later ports to try when the requested one is taken.
pub const PORT_TRIES: u16 = 20;

/// Most browser tabs following `/events` at once.
pub const MAX_EVENT_CLIENTS: usize = 16;

/// How often an idle event stream sends a comment, to notice closed tabs.
const KEEPALIVE: Duration = Duration::from_secs(15);

/// Binds to `127.0.0.1:port`, or the next free port among the following
/// [`PORT_TRIES`]. Returns the server and the port it listens on.
pub fn bind(port: u16) -> Result<(Server, u16), String> {
    let mut last = String::new();
    for i in 0..PORT_TRIES {
        let Some(p) = port.checked_add(i) else { break };
        match Server::http(("127.0.0.1", p)) {
            Ok(server) => {
                let bound = server.server_addr().to_ip().map_or(p, |addr| addr.port());
                return Ok((server, bound));
            }
            Err(e) => last = e.to_string(),
        }
        if p == 0 {
            break;
        }
    }
    Err(format!(
        "无法在 127.0.0.1 的端口 {port} 及其后 {} 个端口上启动预览服务（{last}）",
        PORT_TRIES - 1
    ))
}

/// Serves requests until [`Shared::stop`] is called and the server is
/// unblocked.
pub fn serve(server: &Server, shared: &Arc<Shared>) {
    let clients = Arc::new(AtomicUsize::new(0));
    while !shared.stopping() {
        match server.recv() {
            Ok(request) => handle(request, shared, &clients),
            Err(_) if shared.stopping() => break,
            // A failed accept: don't spin.
            Err(_) => std::thread::sleep(Duration::from_millis(50)),
        }
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

/// Whether a `Host` header names this machine's loopback. Any other name
/// could be a DNS-rebinding attack from a web page.
pub fn host_allowed(host: Option<&str>) -> bool {
    let Some(host) = host else { return false };
    let host = host.trim();
    let (name, port) = if let Some(rest) = host.strip_prefix('[') {
        match rest.split_once(']') {
            Some((name, port)) => (format!("[{name}]"), port),
            None => return false,
        }
    } else {
        match host.find(':') {
            Some(i) => (host[..i].to_string(), &host[i..]),
            None => (host.to_string(), ""),
        }
    };
    let port_ok = match port.strip_prefix(':') {
        Some(p) => !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()),
        None => port.is_empty(),
    };
    port_ok && ["localhost", "127.0.0.1", "[::1]"].contains(&name.to_ascii_lowercase().as_str())
}

fn header(name: &str, value: &str) -> Header {
    // Only fixed, ASCII names and values are passed here.
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

fn respond(request: Request, status: u16, content_type: &str, body: Vec<u8>) {
    let response = Response::from_data(body)
        .with_status_code(status)
        .with_header(header("Content-Type", content_type))
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"))
        .with_header(header("Referrer-Policy", "no-referrer"));
    // The browser may have gone away; nothing to do about it.
    let _ = request.respond(response);
}

fn text(request: Request, status: u16, message: &str) {
    respond(
        request,
        status,
        "text/plain; charset=utf-8",
        format!("{message}\n").into_bytes(),
    );
}

fn handle(request: Request, shared: &Arc<Shared>, clients: &Arc<AtomicUsize>) {
    let host = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Host"))
        .map(|h| h.value.as_str().to_string());
    if !host_allowed(host.as_deref()) {
        return text(
            request,
            403,
            "拒绝访问：预览服务只接受以 localhost 或 127.0.0.1 访问的请求",
        );
    }
    if !matches!(request.method(), Method::Get | Method::Head) {
        return text(request, 405, "预览服务只支持 GET 请求");
    }
    match route(request.url()) {
        Route::Page => {
            let page = inject::page(&shared.snapshot());
            respond(request, 200, "text/html; charset=utf-8", page.into_bytes());
        }
        Route::State => {
            let json = inject::state_json(&shared.snapshot()).to_string();
            respond(
                request,
                200,
                "application/json; charset=utf-8",
                json.into_bytes(),
            );
        }
        Route::Pdf => match shared.snapshot().document {
            None => text(request, 503, "尚无可生成 PDF 的报告：请先修正数据文件"),
            Some(doc) => match pdf(&doc) {
                Ok(bytes) => respond(request, 200, "application/pdf", bytes),
                Err(message) => text(request, 500, &message),
            },
        },
        Route::Events => events(request, shared, clients),
        Route::NotFound => text(
            request,
            404,
            "未找到：预览服务只提供 /、/events、/report.pdf 和 /state.json",
        ),
    }
}

/// The PDF of the document currently shown.
fn pdf(doc: &Document) -> Result<Vec<u8>, String> {
    pdf::render(doc, &pdf::PdfOptions::default()).map_err(|e| e.to_string())
}

/// Counts an event client for as long as it lives.
struct ClientSlot(Arc<AtomicUsize>);

impl Drop for ClientSlot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Streams the generation to one browser tab, on its own thread.
fn events(request: Request, shared: &Arc<Shared>, clients: &Arc<AtomicUsize>) {
    if clients.fetch_add(1, Ordering::SeqCst) >= MAX_EVENT_CLIENTS {
        clients.fetch_sub(1, Ordering::SeqCst);
        return text(request, 503, "预览页面打开得太多，请关闭一些后刷新");
    }
    let slot = ClientSlot(Arc::clone(clients));
    let shared = Arc::clone(shared);
    let spawned = std::thread::Builder::new()
        .name("nianbao-events".into())
        .spawn(move || {
            let _slot = slot;
            let mut out = request.into_writer();
            let _ = stream(&mut *out, &shared);
        });
    if let Err(e) = spawned {
        eprintln!("nianbao: 警告：无法为预览页面建立更新通道（{e}）");
    }
}

fn stream(out: &mut dyn Write, shared: &Shared) -> std::io::Result<()> {
    out.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\nretry: 1000\n\n",
    )?;
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
    fn only_loopback_names_pass() {
        for ok in [
            "localhost",
            "localhost:8000",
            "127.0.0.1:8001",
            "[::1]:8000",
            "[::1]",
            "LOCALHOST:80",
        ] {
            assert!(host_allowed(Some(ok)), "{ok}");
        }
        for bad in [
            "evil.example",
            "evil.example:8000",
            "localhost.evil.example",
            "127.0.0.1.nip.io:8000",
            "127.0.0.1:",
            "127.0.0.1:80x",
            "[::1",
            "[::2]:8000",
            "",
        ] {
            assert!(!host_allowed(Some(bad)), "{bad}");
        }
        assert!(!host_allowed(None));
    }

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
