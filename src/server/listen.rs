//! The server on the one HTTP layer ([`crate::serve`]): its bounds, its
//! gate (a browser's request must come from the server's own pages) and
//! the bind: loopback, or the network with HTTPS (`--cert`/`--key`) or
//! with plain HTTP when it was asked for (`--insecure-http`).

use std::io::Write;
use std::net::{SocketAddr, TcpListener};
use std::sync::Arc;

use rustls::ServerConfig;

use super::Server;
use super::routes;
use crate::serve::reply::Reply;
use crate::serve::slots::Pass;
use crate::serve::{self, Handler, Head, Limits, Refusal};

/// The server's bounds: 448 connections for requests not (yet) known to
/// come from a session, of which 256 are kept for requests that pass the
/// gate (a newcomer there takes the place of the oldest one still waiting
/// for its head, so the more there are, the longer a newcomer has to send
/// its head under a flood) and at most 32 of the others come from one
/// address; besides those, 640
/// for logged-in sessions, at most 8 from one session (a browser opens up to
/// 6 to one server), however many sessions share one address (issue 59.6);
/// the head within 5 s, the body within 30 s of it; 10 s to take a
/// response.
pub const LIMITS: Limits = Limits {
    connections: 448,
    per_peer: 32,
    reserved: 256,
    sessions: 640,
    per_session: 8,
    ..Limits::BASE
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
    let mut limits = LIMITS;
    if !server.gateway.proxies.is_empty() {
        // Every connection comes from the gateway's address.
        limits.per_peer = limits.connections;
    }
    serve::serve_with(listener, &limits, &gated, tls);
}

struct Gated(Arc<Server>);

impl Gated {
    /// An answer as sent: with the server's content security policy
    /// ([`super::pages::CSP`]), and [`HSTS`] over HTTPS.
    fn sealed(&self, reply: Reply) -> Vec<u8> {
        let bytes = with_policy(reply.bytes(), super::pages::CSP);
        if self.0.https() {
            with_hsts(bytes)
        } else {
            bytes
        }
    }
}

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
        gate(head, if self.0.https() { "https" } else { "http" })
            .and_then(|()| ours(head, &self.0))
            .and_then(|()| routes::authorised(&self.0, head))
            .map_err(|reply| self.sealed(reply))
    }

    fn respond(&self, head: &Head, body: &[u8], out: &mut dyn Write) -> std::io::Result<()> {
        let mut reply = routes::handle(&self.0, head, body);
        if reply.status >= 500 || reply.detail.is_some() {
            let user = super::reply::session_cookie(head.header("cookie"))
                .and_then(|token| self.0.sessions.get(token))
                .map(|s| s.user);
            eprintln!(
                "{}",
                log_line(std::time::SystemTime::now(), user.as_deref(), head, &reply)
            );
        }
        if self.0.https() {
            // Over HTTPS the browser never sends the cookies in the clear.
            for cookie in &mut reply.cookies {
                cookie.push_str("; Secure");
            }
        }
        out.write_all(&self.sealed(reply))?;
        out.flush()
    }

    fn refusal(&self, refusal: Refusal) -> Vec<u8> {
        self.sealed(Reply::error(refusal.status(), &refusal.message("服务器")))
    }

    fn stopping(&self) -> bool {
        self.0.stopping()
    }

    fn pass(&self, head: &Head) -> Pass {
        let token = super::reply::session_cookie(head.header("cookie")).unwrap_or("");
        if self.0.sessions.get(token).is_some() {
            Pass::Session(session_key(token))
        } else {
            Pass::Anonymous
        }
    }
}

/// A number standing for the session of cookie `token` in the admission
/// table (the token itself is not kept there).
fn session_key(token: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    token.hash(&mut hasher);
    hasher.finish()
}

/// The operator's line (on stderr) for a request that failed on the
/// server's side: when, whose (the account, never the session's token),
/// which request (method, route and the report's `f`; nothing else of the
/// address, which could name an uploaded file), the answer's status and
/// words, and the detail behind them (a database's own message). Never a
/// password or a token: neither is in any of these.
pub fn log_line(
    at: std::time::SystemTime,
    user: Option<&str>,
    head: &Head,
    reply: &Reply,
) -> String {
    let route = head.target.split('?').next().unwrap_or("");
    let report = crate::serve::query::query(&head.target, "f")
        .map(|f| {
            format!(
                "（f={}）",
                crate::diag::visible(&f)
                    .chars()
                    .take(20)
                    .collect::<String>()
            )
        })
        .unwrap_or_default();
    let said = serde_json::from_slice::<serde_json::Value>(&reply.body)
        .ok()
        .and_then(|v| v["error"].as_str().map(str::to_string))
        .unwrap_or_default();
    let detail = reply
        .detail
        .as_deref()
        .map(|d| format!("；详情：{}", crate::diag::visible(d)))
        .unwrap_or_default();
    format!(
        "nianbao: [{}] 请求失败 {} 账号 {} {} {}{report}：{said}{detail}",
        crate::serve::http::http_date(at),
        reply.status,
        user.unwrap_or("（未登录）"),
        head.method,
        crate::diag::visible(route)
            .chars()
            .take(80)
            .collect::<String>(),
    )
}

/// The header telling the browser to reach this server over HTTPS only,
/// for a year (sent over HTTPS only).
pub const HSTS: &str = "Strict-Transport-Security: max-age=31536000\r\n";

/// `reply` (a whole answer, head first) with [`HSTS`] after its status
/// line.
pub fn with_hsts(reply: Vec<u8>) -> Vec<u8> {
    let Some(end) = reply.windows(2).position(|w| w == b"\r\n") else {
        return reply;
    };
    let mut out = Vec::with_capacity(reply.len() + HSTS.len());
    out.extend_from_slice(&reply[..end + 2]);
    out.extend_from_slice(HSTS.as_bytes());
    out.extend_from_slice(&reply[end + 2..]);
    out
}

/// `reply` (a whole answer, head first) with the content security policy
/// `csp` in place of the one the shared layer sends
/// ([`crate::serve::reply::CSP`]); the body is left as it is.
pub fn with_policy(reply: Vec<u8>, csp: &str) -> Vec<u8> {
    let Some(head_end) = reply.windows(4).position(|w| w == b"\r\n\r\n") else {
        return reply;
    };
    let shared = format!(
        "\r\nContent-Security-Policy: {}\r\n",
        crate::serve::reply::CSP
    );
    let Some(at) = reply[..head_end + 2]
        .windows(shared.len())
        .position(|w| w == shared.as_bytes())
    else {
        return reply;
    };
    let own = format!("\r\nContent-Security-Policy: {csp}\r\n");
    let mut out = Vec::with_capacity(reply.len() + own.len());
    out.extend_from_slice(&reply[..at]);
    out.extend_from_slice(own.as_bytes());
    out.extend_from_slice(&reply[at + shared.len()..]);
    out
}

/// A request whose `Host` names this server (see [`host_is_ours`]), or
/// the refusal of one sent under another name (DNS rebinding: a page of
/// another site whose name was pointed at this server's address).
fn ours(head: &Head, server: &Server) -> Result<(), Reply> {
    let host = head.header("host").unwrap_or("");
    if server.https() || host_is_ours(host, &server.hosts) {
        return Ok(());
    }
    let shown: String = crate::diag::visible(host).chars().take(80).collect();
    Err(Reply::error(
        403,
        &format!(
            "拒绝访问：“{shown}”不是本服务器的名称；如在局域网中用这个名称访问，请在启动服务器时加 --host {shown}"
        ),
    ))
}

/// Whether `host` (a `Host` header, its port aside) names this server over
/// plain HTTP: an IP address, `localhost`, or one of `names`. A name is
/// what a DNS-rebinding page sends, so only the names the office gave
/// (`--host`) are taken; over HTTPS the certificate's names are checked by
/// the browser before any request.
pub fn host_is_ours(host: &str, names: &[String]) -> bool {
    let host = host.trim();
    let name = if let Some(rest) = host.strip_prefix('[') {
        match rest.split_once(']') {
            Some((v6, _)) => return v6.parse::<std::net::Ipv6Addr>().is_ok(),
            None => return false,
        }
    } else {
        host.rsplit_once(':').map_or(host, |(name, _)| name)
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name.parse::<std::net::Ipv4Addr>().is_ok() || name == "localhost" || names.contains(&name)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_answer_carries_the_servers_own_policy() {
        let page = Reply::html("<p>Content-Security-Policy: x</p>".into()).bytes();
        let text = String::from_utf8(with_policy(page, super::super::pages::CSP)).unwrap();
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        assert!(
            head.contains("\r\nContent-Security-Policy: default-src 'none'; script-src 'self'; style-src 'unsafe-inline';"),
            "{head}"
        );
        assert!(!head.contains("unsafe-inline'; style-src"), "{head}");
        assert_eq!(head.matches("Content-Security-Policy").count(), 1);
        assert_eq!(body, "<p>Content-Security-Policy: x</p>");
    }

    #[test]
    fn the_operators_line_says_when_who_and_what_and_no_secret() {
        let head = Head {
            method: "POST".into(),
            target: "/api/save?f=3&t=SECRETTOKEN".into(),
            headers: vec![
                ("cookie".into(), "nb_session=SESSIONTOKEN".into()),
                ("x-nianbao-token".into(), "CSRFTOKEN".into()),
            ],
            peer: std::net::Ipv4Addr::LOCALHOST.into(),
            minor: 1,
        };
        let reply = Reply::error(500, "服务器的磁盘已满，这次的修改没有保存")
            .with_detail("database or disk is full");
        let at = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_764_000_000);
        let line = log_line(at, Some("bm003"), &head, &reply);
        assert_eq!(
            line,
            "nianbao: [Mon, 24 Nov 2025 16:00:00 GMT] 请求失败 500 账号 bm003 POST /api/save（f=3）：服务器的磁盘已满，这次的修改没有保存；详情：database or disk is full"
        );
        for secret in ["SECRET", "SESSIONTOKEN", "CSRFTOKEN"] {
            assert!(!line.contains(secret), "{line}");
        }
    }

    #[test]
    fn a_host_is_ours_by_address_localhost_or_a_name_given() {
        let names = vec!["nianbao.county.local".to_string()];
        for host in [
            "192.168.1.10:8400",
            "127.0.0.1",
            "[::1]:8400",
            "[fe80::1]",
            "localhost:8400",
            "LOCALHOST",
            "NianBao.County.Local:8400",
            "nianbao.county.local.",
        ] {
            assert!(host_is_ours(host, &names), "{host}");
        }
        for host in [
            "attacker.example:8400",
            "evil.example",
            "[nianbao.county.local]",
            "",
            "192.168.1.10.evil.example",
        ] {
            assert!(!host_is_ours(host, &names), "{host}");
        }
    }
}
