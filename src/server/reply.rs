//! The server's session cookie on its replies ([`crate::serve::reply`],
//! the workbench's type, with its security headers).

use super::store::StoreError;
use super::store::error::Storage;
use crate::serve::reply::{Reason, Reply};

/// The session cookie's name.
pub const COOKIE: &str = "nb_session";

/// Setting the session cookie on a reply.
pub trait WithSession {
    /// The reply setting the session cookie to `token` (HttpOnly,
    /// SameSite=Strict; an empty token clears it).
    fn with_session(self, token: &str) -> Reply;
}

impl WithSession for Reply {
    fn with_session(self, token: &str) -> Reply {
        let age = if token.is_empty() { "; Max-Age=0" } else { "" };
        self.with_cookie(format!(
            "{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict{age}"
        ))
    }
}

/// The one place a store's error becomes a reply: a report that moved on
/// or a key taken is a conflict (409), a missing row 404, the storage
/// failing (a full disk, a read-only file) 500 — 503 when the file is
/// busy or the database server away — in words for the clerk, anything else the server's failure
/// (500). A failure carries its detail for the operator's log.
impl From<StoreError> for Reply {
    fn from(e: StoreError) -> Reply {
        match e {
            StoreError::Stale => Reply::refused(Reason::Conflict, &e.to_string()),
            StoreError::Duplicate(_) => Reply::error(409, &e.to_string()),
            StoreError::NotFound(_) => Reply::error(404, &e.to_string()),
            StoreError::Unstorable(_) => Reply::error(400, &e.to_string()),
            StoreError::Storage(what, ref detail) => {
                let status = if matches!(what, Storage::Busy | Storage::Unavailable) {
                    503
                } else {
                    500
                };
                Reply::error(status, what.message()).with_detail(detail.clone())
            }
            StoreError::TooNew { .. }
            | StoreError::Corrupt(_)
            | StoreError::Open { .. }
            | StoreError::Database(_) => {
                Reply::error(500, &format!("服务器内部错误：{e}")).with_detail(e.to_string())
            }
        }
    }
}

/// The session token in a `Cookie` header.
pub fn session_cookie(header: Option<&str>) -> Option<&str> {
    cookie_named(header, COOKIE)
}

/// The value of cookie `wanted` in a `Cookie` header.
pub fn cookie_named<'h>(header: Option<&'h str>, wanted: &str) -> Option<&'h str> {
    header?.split(';').find_map(|pair| {
        let (name, value) = pair.trim().split_once('=')?;
        (name == wanted && !value.is_empty()).then_some(value)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn storage_failures_reach_the_clerk_in_chinese_and_the_log_in_detail() {
        let full = Reply::from(StoreError::Storage(
            Storage::Full,
            "database or disk is full".into(),
        ));
        assert_eq!(full.status, 500);
        let body = String::from_utf8(full.body.clone()).unwrap();
        assert!(
            body.contains("服务器的磁盘已满，这次的修改没有保存"),
            "{body}"
        );
        assert!(!body.contains("database"), "{body}");
        assert_eq!(
            full.detail.as_deref().map(String::as_str),
            Some("database or disk is full")
        );
        let busy = Reply::from(StoreError::Storage(
            Storage::Busy,
            "database is locked".into(),
        ));
        assert_eq!(busy.status, 503);
        let stale = Reply::from(StoreError::Stale);
        assert_eq!((stale.status, stale.detail), (409, None));
    }

    #[test]
    fn the_cookie_is_http_only_and_strict() {
        let bytes = Reply::error(200, "x").with_session("abc").bytes();
        let text = String::from_utf8(bytes).unwrap();
        assert!(
            text.contains("Set-Cookie: nb_session=abc; Path=/; HttpOnly; SameSite=Strict\r\n"),
            "{text}"
        );
        assert_eq!(session_cookie(Some("a=1; nb_session=xyz")), Some("xyz"));
        assert_eq!(session_cookie(Some("nb_session=")), None);
        assert_eq!(session_cookie(None), None);
    }
}
