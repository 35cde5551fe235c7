//! The server's responses: JSON or HTML, with the security headers of the
//! workbench and, on login and logout, the session cookie.

use serde_json::{Value, json};

use super::store::StoreError;
use crate::serve::http;

/// The session cookie's name.
pub const COOKIE: &str = "nb_session";

/// What the pages may load and run: their own inline script and style,
/// requests to this server, the rendered report in a frame of its own.
const CSP: &str = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; \
                   connect-src 'self'; frame-src 'self'; img-src 'self' data:; font-src 'self' data:; \
                   base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// A complete response.
#[derive(Debug, Clone)]
pub struct Reply {
    /// Status code.
    pub status: u16,
    /// Content type.
    pub content_type: &'static str,
    /// Body.
    pub body: Vec<u8>,
    /// A `Set-Cookie` value.
    pub cookie: Option<String>,
    /// The file name of a download (`Content-Disposition: attachment`).
    pub download: Option<String>,
}

impl Reply {
    /// A JSON reply.
    pub fn json(status: u16, value: &Value) -> Reply {
        Reply {
            status,
            content_type: "application/json; charset=utf-8",
            body: value.to_string().into_bytes(),
            cookie: None,
            download: None,
        }
    }

    /// A file to download as `name`.
    pub fn file(content_type: &'static str, name: &str, body: Vec<u8>) -> Reply {
        Reply {
            status: 200,
            content_type,
            body,
            cookie: None,
            download: Some(name.to_string()),
        }
    }

    /// A refusal or failure: `{"error": message}`.
    pub fn error(status: u16, message: &str) -> Reply {
        Reply::json(status, &json!({ "error": message }))
    }

    /// An HTML page.
    pub fn html(body: String) -> Reply {
        Reply {
            status: 200,
            content_type: "text/html; charset=utf-8",
            body: body.into_bytes(),
            cookie: None,
            download: None,
        }
    }

    /// The reply setting the session cookie to `token` (HttpOnly,
    /// SameSite=Strict; an empty token clears it).
    pub fn with_session(mut self, token: &str) -> Reply {
        let age = if token.is_empty() { "; Max-Age=0" } else { "" };
        self.cookie = Some(format!(
            "{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict{age}"
        ));
        self
    }

    /// The response on the wire.
    pub fn bytes(&self) -> Vec<u8> {
        let len = self.body.len().to_string();
        let mut headers = http::guarded_headers(self.content_type, CSP, &len);
        if let Some(cookie) = &self.cookie {
            headers.push(("Set-Cookie", cookie.as_str()));
        }
        let disposition = self.download.as_deref().map(disposition);
        if let Some(d) = &disposition {
            headers.push(("Content-Disposition", d.as_str()));
        }
        let mut out = http::response_head(self.status, &headers);
        out.extend_from_slice(&self.body);
        out
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

/// `attachment` with the name in ASCII (other characters as `_`) and in
/// full as RFC 5987 UTF-8.
fn disposition(name: &str) -> String {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut full = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b".-_".contains(&b) {
            full.push(b as char);
        } else {
            full.push_str(&format!("%{b:02X}"));
        }
    }
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{full}")
}

/// The session token in a `Cookie` header.
pub fn session_cookie(header: Option<&str>) -> Option<&str> {
    header?.split(';').find_map(|pair| {
        let (name, value) = pair.trim().split_once('=')?;
        (name == COOKIE && !value.is_empty()).then_some(value)
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

    #[test]
    fn a_download_names_its_file_in_utf8_and_nothing_else_leaks_into_the_header() {
        let text =
            String::from_utf8(Reply::file("application/pdf", "某局 2025\r\n.pdf", vec![1]).bytes())
                .unwrap();
        assert!(
            text.contains("Content-Disposition: attachment; filename=\"___2025__.pdf\"; filename*=UTF-8''%E6%9F%90%E5%B1%80%202025%0D%0A.pdf\r\n"),
            "{text}"
        );
    }
}
