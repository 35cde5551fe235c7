//! The statements of the sessions and the per-address login counts,
//! written once in the SQL both stores accept (`?n` parameters; the
//! PostgreSQL store turns them into `$n`), so that each store's code
//! for them is only the driver's calls.

/// Forgets the sessions last seen before `?1`.
pub const FORGET_IDLE: &str = "DELETE FROM sessions WHERE last_seen < ?1";

/// Forgets the sessions past the newest `?1`.
pub const FORGET_OLDEST: &str = "DELETE FROM sessions WHERE token NOT IN \
     (SELECT token FROM sessions ORDER BY last_seen DESC LIMIT ?1)";

/// Adds a session.
pub const START: &str = "INSERT INTO sessions (token, account, unit, role, csrf, last_seen, region) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

/// A session by the hash of its token.
pub const GET: &str =
    "SELECT token, account, unit, role, csrf, last_seen, region FROM sessions WHERE token = ?1";

/// Moves a session's time on to `?2`.
pub const TOUCH: &str = "UPDATE sessions SET last_seen = ?2 WHERE token = ?1";

/// Ends one session.
pub const END: &str = "DELETE FROM sessions WHERE token = ?1";

/// Ends an account's sessions but one.
pub const END_USER: &str = "DELETE FROM sessions WHERE account = ?1 AND token <> ?2";

/// An address's count and the start of its window.
pub const ADDRESS: &str = "SELECT failures, since FROM address_failures WHERE address = ?1";

/// Counts one more failure of an address in its window (`?2`: now,
/// `?3`: the window's length); no row when the address has none.
pub const ADDRESS_BUMP: &str = "UPDATE address_failures SET \
     failures = CASE WHEN since + ?3 <= ?2 THEN 1 ELSE failures + 1 END, \
     since = CASE WHEN since + ?3 <= ?2 THEN ?2 ELSE since END WHERE address = ?1";

/// An address's first failure.
pub const ADDRESS_FIRST: &str =
    "INSERT INTO address_failures (address, since, failures) VALUES (?1, ?2, 1)";

/// Forgets the addresses whose window ended before `?1`.
pub const ADDRESS_FORGET: &str = "DELETE FROM address_failures WHERE since < ?1";

/// Forgets the addresses past the newest `?1`.
pub const ADDRESS_OLDEST: &str = "DELETE FROM address_failures WHERE address NOT IN \
     (SELECT address FROM address_failures ORDER BY since DESC LIMIT ?1)";

/// How many addresses are remembered.
pub const ADDRESS_COUNT: &str = "SELECT COUNT(*) FROM address_failures";

/// `sql` with PostgreSQL's `$n` for each `?n`.
pub fn dollars(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '?' && chars.peek().is_some_and(char::is_ascii_digit) {
            out.push('$');
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn parameters_become_dollars() {
        assert_eq!(
            super::dollars("a = ?1 AND b <> ?12 OR c = '?'"),
            "a = $1 AND b <> $12 OR c = '?'"
        );
    }
}
