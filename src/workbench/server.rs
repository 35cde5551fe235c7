//! The workbench's routes on the one HTTP layer ([`crate::serve`]), behind
//! its gate.
//!
//! Every request passes the same gate before its body is read and before it
//! reaches a route: a Host naming loopback (DNS rebinding), the session's
//! token (in the `t` query parameter or the `X-Nianbao-Token` header,
//! compared in constant time), an `Origin` that is this server's own when a
//! browser sends one, and no cross-site `Sec-Fetch-Site` (a form or script
//! on another web page). A request that passes is the page's own: it may
//! use the reserved slots of [`LIMITS`], so half-open local connections
//! cannot make the page's saves wait.

use std::io::Write;
use std::net::TcpListener;
use std::sync::Arc;

use super::Workbench;
use super::api;
use crate::editing::MAX_UPLOAD;
use crate::serve::reply::Reply;
use crate::serve::{self, Handler, Head, Limits, Refusal};

/// The workbench's bounds: 48 connections, of which 16 are kept for
/// requests carrying the token and at most 16 of the other 32 come from
/// one address; the head within 5 s, the body within 30 s of it; 10 s for
/// a client to take one response.
pub const LIMITS: Limits = Limits {
    connections: 48,
    per_peer: 16,
    reserved: 16,
    ..Limits::BASE
};

/// The largest JSON body accepted.
pub const MAX_JSON: usize = 1024 * 1024;

/// Serves until [`Workbench::stop`] is called.
pub fn serve(listener: &TcpListener, bench: &Arc<Workbench>) {
    serve::serve(listener, &LIMITS, &Arc::new(Gated(Arc::clone(bench))));
}

/// The workbench as a [`Handler`].
struct Gated(Arc<Workbench>);

impl Handler for Gated {
    fn body_limit(&self, head: &Head) -> Option<usize> {
        Some(if head.target.starts_with("/api/import") {
            MAX_UPLOAD
        } else {
            MAX_JSON
        })
    }

    fn gate(&self, head: &Head) -> Result<(), Vec<u8>> {
        gate(head, &self.0).map_err(|reply| reply.bytes())
    }

    fn respond(&self, head: &Head, body: &[u8], out: &mut dyn Write) -> std::io::Result<()> {
        out.write_all(&api::handle(&self.0, head, body).bytes())?;
        out.flush()
    }

    fn refusal(&self, refusal: Refusal) -> Vec<u8> {
        Reply::error(refusal.status(), &refusal.message("工作台")).bytes()
    }

    fn stopping(&self) -> bool {
        self.0.stopping()
    }
}

/// The checks every request passes before its route: Host, token, Origin,
/// Sec-Fetch-Site.
pub fn gate(head: &Head, bench: &Workbench) -> Result<(), Reply> {
    if !serve::host_allowed(head.header("host")) {
        return Err(Reply::error(
            403,
            "拒绝访问：工作台只接受以 127.0.0.1 或 localhost 访问的请求",
        ));
    }
    if let Some(origin) = head.header("origin")
        && !bench.own_origin(origin)
    {
        return Err(Reply::error(403, "拒绝访问：请求来自其他网页"));
    }
    if head
        .header("sec-fetch-site")
        .is_some_and(|s| s.eq_ignore_ascii_case("cross-site"))
    {
        return Err(Reply::error(403, "拒绝访问：请求来自其他网站"));
    }
    if !bench.carries_token(head) {
        if opens_a_page(head) {
            return Err(Reply::page(403, super::page::stale()));
        }
        return Err(Reply::error(
            403,
            "拒绝访问：缺少或错误的访问口令。请使用 nianbao 工作台启动时显示的完整地址",
        ));
    }
    Ok(())
}

/// Whether a request is the browser opening a page (an old tab's address
/// after a restart, a bookmark) rather than the page script's request: a
/// GET of a page route. Its refusal is a Chinese page, not JSON.
fn opens_a_page(head: &Head) -> bool {
    let route = head.target.split('?').next().unwrap_or("");
    head.method == "GET" && !route.starts_with("/api/")
}
