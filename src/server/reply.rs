//! The server's session cookie on its replies ([`crate::serve::reply`],
//! the workbench's type, with its security headers).

use super::store::StoreError;
use crate::serve::reply::Reply;

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
/// or a key taken is a conflict (409), a missing row 404, anything else
/// the server's failure (500).
impl From<StoreError> for Reply {
    fn from(e: StoreError) -> Reply {
        match e {
            StoreError::Stale | StoreError::Duplicate(_) => Reply::error(409, &e.to_string()),
            StoreError::NotFound(_) => Reply::error(404, &e.to_string()),
            StoreError::TooNew { .. }
            | StoreError::Corrupt(_)
            | StoreError::Open { .. }
            | StoreError::Database(_) => Reply::error(500, &format!("服务器内部错误：{e}")),
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
