//! The answers of the report page's two servers (the workbench and the
//! collection server), one type for both: JSON or HTML or a download, with
//! the headers every answer carries ([`http::guarded_headers`], the pages'
//! CSP) and what one answer may add — the `Server-Timing` of its steps, a
//! cookie, a download's file name.

use serde::{Deserialize, Serialize};
use serde_json::json;

use super::http;
use super::timing::Timing;

/// A complete response.
#[derive(Debug, Clone)]
pub struct Reply {
    /// Status code.
    pub status: u16,
    /// Content type.
    pub content_type: &'static str,
    /// Body.
    pub body: Vec<u8>,
    /// The `Server-Timing` header, when the steps were timed.
    pub timing: Option<String>,
    /// The `Set-Cookie` values, in order.
    pub cookies: Vec<String>,
    /// The file name of a download (`Content-Disposition: attachment`).
    pub download: Option<Box<str>>,
    /// What went wrong in detail, for the operator's log (never sent to
    /// the client; boxed, as it is rare).
    pub detail: Option<Box<String>>,
}

/// The outcome of a route: the reply, or the refusal.
pub type Answer = Result<Reply, Reply>;

/// Why a change was refused with 409, so that the page's script
/// (`saves.js`'s `failure`) knows what to do: load the latest text and
/// settle the typing against it, or stop saving.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Reason {
    /// Made on a version that someone else (another page, a text editor)
    /// changed since: the latest text is to be loaded.
    Conflict,
    /// The report takes no changes now (submitted, approved, its round
    /// closed): saving again cannot succeed.
    Readonly,
}

/// The body of a refusal with its [`Reason`]: `{"error", "reason"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refusal {
    /// What the clerk is told, in Chinese.
    pub error: String,
    /// Why, for the page's script.
    pub reason: Reason,
}

const JSON: &str = "application/json; charset=utf-8";
const HTML: &str = "text/html; charset=utf-8";

/// What the pages may load and run: their own inline script and style,
/// requests to this server, the rendered report in a frame of its own.
pub const CSP: &str = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; \
                   connect-src 'self'; frame-src 'self'; img-src 'self' data:; font-src 'self' data:; \
                   base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

impl Reply {
    /// A reply of `content_type` with nothing added.
    fn of(status: u16, content_type: &'static str, body: Vec<u8>) -> Reply {
        Reply {
            status,
            content_type,
            body,
            timing: None,
            cookies: Vec::new(),
            download: None,
            detail: None,
        }
    }

    /// A JSON reply: `value` serialized (a typed answer, or a `Value`).
    /// A value that cannot be serialized (a map with keys that are not
    /// strings) is a failure, said as one.
    pub fn json(status: u16, value: &impl Serialize) -> Reply {
        match serde_json::to_vec(value) {
            Ok(body) => Reply::of(status, JSON, body),
            Err(e) => Reply::of(
                500,
                JSON,
                json!({ "error": "无法生成回答" }).to_string().into_bytes(),
            )
            .with_detail(format!("JSON: {e}")),
        }
    }

    /// A JSON reply with the steps that made it; serializing is timed too.
    pub fn timed(value: &impl Serialize, mut timing: Timing) -> Reply {
        let mut reply = Reply::json(200, value);
        timing.lap("json");
        reply.timing = Some(timing.header());
        reply
    }

    /// A refusal or failure: `{"error": message}`.
    pub fn error(status: u16, message: &str) -> Reply {
        Reply::json(status, &json!({ "error": message }))
    }

    /// A change refused (409) for `reason`, saying `message`.
    pub fn refused(reason: Reason, message: &str) -> Reply {
        let body = Refusal {
            error: message.to_string(),
            reason,
        };
        Reply::json(409, &body)
    }

    /// The message of a refusal (`{"error": …}`), for a page that shows
    /// it; `None` for any other reply.
    pub fn said(&self) -> Option<String> {
        if self.content_type != JSON {
            return None;
        }
        let value: serde_json::Value = serde_json::from_slice(&self.body).ok()?;
        value.get("error")?.as_str().map(str::to_string)
    }

    /// This refusal as the HTML page `page` (made from its message, if it
    /// has one, [`Reply::said`]): its status, cookies and detail kept.
    pub fn as_page(self, page: impl FnOnce(Option<&str>) -> String) -> Reply {
        let body = page(self.said().as_deref());
        Reply {
            content_type: HTML,
            body: body.into_bytes(),
            ..self
        }
    }

    /// An HTML page.
    pub fn html(body: String) -> Reply {
        Reply::page(200, body)
    }

    /// An HTML page with `status`.
    pub fn page(status: u16, body: String) -> Reply {
        Reply::of(status, HTML, body.into_bytes())
    }

    /// A file to download as `name`.
    pub fn file(content_type: &'static str, name: &str, body: Vec<u8>) -> Reply {
        Reply {
            download: Some(name.into()),
            ..Reply::of(200, content_type, body)
        }
    }

    /// A script file (`text/javascript`), e.g. a page's script served apart
    /// so that the page needs no inline script.
    pub fn script(body: &'static str) -> Reply {
        Reply::of(
            200,
            "text/javascript; charset=utf-8",
            body.as_bytes().to_vec(),
        )
    }

    /// The reply carrying `detail` for the operator's log (not sent).
    pub fn with_detail(mut self, detail: impl Into<String>) -> Reply {
        self.detail = Some(Box::new(detail.into()));
        self
    }

    /// The reply also setting a cookie (`Set-Cookie: cookie`).
    pub fn with_cookie(mut self, cookie: String) -> Reply {
        self.cookies.push(cookie);
        self
    }

    /// The response on the wire.
    pub fn bytes(&self) -> Vec<u8> {
        let len = self.body.len().to_string();
        let mut headers = http::guarded_headers(self.content_type, CSP, &len);
        if let Some(timing) = &self.timing {
            headers.push(("Server-Timing", timing.as_str()));
        }
        for cookie in &self.cookies {
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

/// A JSON body as `T`.
pub fn parse<T: for<'de> Deserialize<'de>>(body: &[u8]) -> Result<T, Reply> {
    serde_json::from_slice(body).map_err(|_| Reply::error(400, "请求内容格式错误"))
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

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn a_refusal_becomes_a_page_with_its_message_and_status() {
        let refused = Reply::error(404, "未找到该报告").with_detail("x");
        assert_eq!(refused.said().as_deref(), Some("未找到该报告"));
        let page = refused.as_page(|said| format!("<p>{}</p>", said.unwrap_or("?")));
        assert_eq!((page.status, page.content_type), (404, HTML));
        assert_eq!(page.body, "<p>未找到该报告</p>".as_bytes());
        assert!(page.detail.is_some());
        assert_eq!(Reply::html("x".into()).said(), None);
    }

    #[test]
    fn a_refusal_says_its_reason() {
        let reply = Reply::refused(Reason::Readonly, "本报告已提交，不能再修改");
        assert_eq!(reply.status, 409);
        let body: Refusal = serde_json::from_slice(&reply.body).unwrap();
        assert_eq!(body.reason, Reason::Readonly);
        assert_eq!(body.error, "本报告已提交，不能再修改");
        let text = String::from_utf8(Reply::refused(Reason::Conflict, "x").body).unwrap();
        assert_eq!(text, r#"{"error":"x","reason":"conflict"}"#);
    }

    #[test]
    fn a_timed_reply_says_its_steps() {
        let text = String::from_utf8(Reply::timed(&json!({}), Timing::start()).bytes()).unwrap();
        assert!(text.contains("\r\nServer-Timing: json;dur="), "{text}");
        assert!(text.ends_with("\r\n\r\n{}"), "{text}");
    }
}
