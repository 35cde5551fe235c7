//! The server on the one HTTP layer ([`crate::serve`]): its bounds, its
//! gate (a browser's request must come from the server's own pages) and
//! the bind: loopback, or the network with HTTPS (`--cert`/`--key`) or
//! with plain HTTP when it was asked for (`--insecure-http`).

use std::io::Write;
use std::net::{SocketAddr, TcpListener};
use std::sync::Arc;
use std::time::Duration;

use rustls::ServerConfig;

use super::Server;
use super::routes;
use crate::serve::reply::Reply;
use crate::serve::{self, Handler, Head, Limits, Refusal};

/// The server's bounds: 256 connections, of which 64 are kept for requests
/// that pass the gate and at most 32 of the others come from one address;
/// the head within 5 s, the body within 30 s of it; 10 s to take a
/// response.
pub const LIMITS: Limits = Limits {
    connections: 256,
    per_peer: 32,
    reserved: 64,
    head_deadline: Duration::from_secs(5),
    body_deadline: Duration::from_secs(30),
    write_timeout: Duration::from_secs(10),
    body_budget: 128 * 1024 * 1024,
};

/// The largest JSON body accepted (a save of many cells).
pub const MAX_JSON: usize = 1024 * 1024;

/// The largest login body accepted.
pub const MAX_LOGIN: usize = 4 * 1024;

/// Binds `addr`. A non-loopback address is refused unless `network` (the
/// server speaks HTTPS, or plain HTTP on the network was asked for).
pub fn bind(addr: SocketAddr, network: bool) -> Result<TcpListener, String> {
    if !addr.ip().is_loopback() && !network {
        return Err(format!(
            "{addr} 不是本机回环地址：在局域网上以明文 HTTP 提供服务，口令和数据可能被截获。请用 --cert 证书.pem --key 私钥.pem 启用 HTTPS；确需明文 HTTP，请加 --insecure-http"
        ));
    }
    TcpListener::bind(addr).map_err(|e| {
        format!(
            "无法在 {addr} 上启动服务器：{}",
            crate::files::io_message(&e)
        )
    })
}

/// Serves until [`Server::stop`] is called: HTTPS with `tls` when given
/// (the server made [`Server::with_tls`]), plain HTTP otherwise.
pub fn serve(listener: &TcpListener, server: &Arc<Server>, tls: Option<Arc<ServerConfig>>) {
    let gated = Arc::new(Gated(Arc::clone(server)));
    serve::serve_with(listener, &LIMITS, &gated, tls);
}

struct Gated(Arc<Server>);

impl Handler for Gated {
    fn body_limit(&self, head: &Head) -> Option<usize> {
        let route = head.target.split('?').next().unwrap_or("");
        Some(if route == "/api/login" {
            MAX_LOGIN
        } else if route == "/api/start" {
            // Last year's report or a workbook, as the workbench's import.
            crate::editing::MAX_UPLOAD
        } else {
            MAX_JSON
        })
    }

    fn gate(&self, head: &Head) -> Result<(), Vec<u8>> {
        gate(head, self.0.scheme())
            .and_then(|()| routes::authorised(&self.0, head))
            .map_err(|reply| reply.bytes())
    }

    fn respond(&self, head: &Head, body: &[u8], out: &mut dyn Write) -> std::io::Result<()> {
        let mut reply = routes::handle(&self.0, head, body);
        if self.0.tls
            && let Some(cookie) = &mut reply.cookie
        {
            // Over HTTPS the browser never sends the cookie in the clear.
            cookie.push_str("; Secure");
        }
        out.write_all(&reply.bytes())?;
        out.flush()
    }

    fn refusal(&self, refusal: Refusal) -> Vec<u8> {
        Reply::error(refusal.status(), &refusal.message("服务器")).bytes()
    }

    fn stopping(&self) -> bool {
        self.0.stopping()
    }
}

/// The checks before any route: a `Host`, an `Origin` (when a browser
/// sends one) naming that same host with the server's `scheme`, no
/// cross-site `Sec-Fetch-Site`.
pub fn gate(head: &Head, scheme: &str) -> Result<(), Reply> {
    let Some(host) = head.header("host").filter(|h| !h.is_empty()) else {
        return Err(Reply::error(400, "请求缺少 Host"));
    };
    if let Some(origin) = head.header("origin")
        && !origin
            .trim()
            .eq_ignore_ascii_case(&format!("{scheme}://{host}"))
    {
        return Err(Reply::error(403, "拒绝访问：请求来自其他网页"));
    }
    if head
        .header("sec-fetch-site")
        .is_some_and(|s| s.eq_ignore_ascii_case("cross-site"))
    {
        return Err(Reply::error(403, "拒绝访问：请求来自其他网站"));
    }
    Ok(())
}
