//! The session token of a loopback server (the preview and the workbench):
//! made once at start, printed in the address the user opens, and carried
//! by every request of the page (the `t` query parameter, or the
//! `X-Nianbao-Token` header of the page's scripts). Another program on the
//! same computer, or a web page the user visits, cannot guess it.

use super::Head;
use super::query::query;

/// The header a page's script may carry the token in.
pub const HEADER: &str = "x-nianbao-token";

/// A session's token: 128 unpredictable bits as 32 hex digits.
#[derive(Clone)]
pub struct SessionToken(String);

impl SessionToken {
    /// A new token. std's hasher keys come from the operating system's
    /// random source; the process id and the time are mixed in as well.
    pub fn new() -> SessionToken {
        use std::collections::hash_map::RandomState;
        use std::hash::{BuildHasher, Hasher};
        let mut out = String::with_capacity(32);
        for salt in 0..2u32 {
            let mut h = RandomState::new().build_hasher();
            h.write_u32(salt);
            h.write_u32(std::process::id());
            if let Ok(t) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
                h.write_u128(t.as_nanos());
            }
            out.push_str(&format!("{:016x}", h.finish()));
        }
        SessionToken(out)
    }

    /// The token's text, for the address and the page.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `given` is this token (compared in constant time).
    pub fn matches(&self, given: &str) -> bool {
        let (a, b) = (self.0.as_bytes(), given.as_bytes());
        a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
    }

    /// Whether a request carries this token, in its header or its `t`
    /// query parameter. A missing token refuses.
    pub fn carried_by(&self, head: &Head) -> bool {
        head.header(HEADER)
            .map(str::to_string)
            .or_else(|| query(&head.target, "t"))
            .is_some_and(|t| self.matches(&t))
    }
}

impl Default for SessionToken {
    fn default() -> Self {
        SessionToken::new()
    }
}

/// Never printed in logs or panics.
impl std::fmt::Debug for SessionToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SessionToken(…)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_and_differ() {
        let (a, b) = (SessionToken::new(), SessionToken::new());
        assert_eq!(a.as_str().len(), 32);
        assert!(a.as_str().bytes().all(|b| b.is_ascii_hexdigit()));
        assert_ne!(a.as_str(), b.as_str());
    }

    #[test]
    fn only_the_same_text_matches() {
        let t = SessionToken::new();
        let same = t.as_str().to_string();
        assert!(t.matches(&same));
        assert!(!t.matches(""));
        assert!(!t.matches(same.get(..31).unwrap_or_default()));
        assert!(!t.matches(&format!("{same}0")));
        assert!(
            !t.matches(
                &same
                    .to_uppercase()
                    .replace(|c: char| c.is_ascii_digit(), "x")
            )
        );
    }
}
