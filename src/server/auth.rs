//! Passwords, sessions and logins: Argon2id hashes, random passwords and
//! tokens from the operating system, sessions kept in the store (by the
//! hash of their token, so that any server process on the same store
//! serves any request, and a restart logs nobody out), failed logins
//! counted per account with a lockout.

use std::sync::Arc;
use std::time::Duration;

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use sha2::{Digest, Sha256};

use super::store::{Role, Store, StoredSession};

/// Failed logins in a row after which an account is locked.
pub const MAX_FAILURES: i64 = 5;

/// How long a locked account refuses logins.
pub const LOCKOUT_SECS: i64 = 15 * 60;

/// A session idle this long is forgotten.
pub const IDLE: Duration = Duration::from_secs(8 * 3600);

/// Most sessions held at once (the oldest idle one makes room).
pub const MAX_SESSIONS: usize = 16 * 1024;

/// The longest user name or password taken.
pub const MAX_CREDENTIAL: usize = 256;

/// Letters of generated passwords: no 0/O, 1/l/I to misread.
const ALPHABET: &[u8] = b"23456789abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";

/// The length of a generated password.
const PASSWORD_LEN: usize = 12;

/// `n` random bytes from the operating system.
fn random_bytes(n: usize) -> Result<Vec<u8>, String> {
    let mut buf = vec![0u8; n];
    getrandom::fill(&mut buf).map_err(|e| format!("无法取得系统随机数：{e}"))?;
    Ok(buf)
}

/// A new initial password: 12 letters and digits, uniformly drawn.
pub fn new_password() -> Result<String, String> {
    let mut out = String::with_capacity(PASSWORD_LEN);
    // Rejection sampling keeps every letter equally likely.
    let limit = 256 - 256 % ALPHABET.len();
    while out.len() < PASSWORD_LEN {
        for b in random_bytes(32)? {
            if (b as usize) < limit && out.len() < PASSWORD_LEN {
                out.push(ALPHABET[b as usize % ALPHABET.len()] as char);
            }
        }
    }
    Ok(out)
}

/// A new session or CSRF token: 256 random bits as 64 hex digits.
pub fn new_token() -> Result<String, String> {
    Ok(random_bytes(32)?
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// The Argon2id hash of `password` in PHC form (the default parameters of
/// the `argon2` crate: 19 MiB, 2 passes).
pub fn hash(password: &str) -> Result<String, String> {
    let salt = random_bytes(16)?;
    Argon2::default()
        .hash_password_with_salt(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| format!("无法计算口令散列：{e}"))
}

/// Whether `password` matches the PHC `stored` hash.
pub fn verify(password: &str, stored: &str) -> bool {
    Argon2::default()
        .verify_password(password.as_bytes(), stored)
        .is_ok()
}

/// Whether `a` and `b` are equal, in time independent of where they differ.
pub fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A logged-in session.
#[derive(Debug, Clone)]
pub struct Session {
    /// The account's login name.
    pub user: String,
    /// The account's unit.
    pub unit: String,
    /// Department or office.
    pub role: Role,
    /// The account's region (a path; empty: the top): an office sees the
    /// reports of its region's subtree only.
    pub region: String,
    /// The token every change must carry (`X-Nianbao-Token`).
    pub csrf: String,
}

/// The hex SHA-256 of a session's cookie token: what the store keeps.
fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The sessions, kept in the store by the hash of their cookie token.
#[derive(Debug, Clone)]
pub struct Sessions {
    store: Arc<dyn Store>,
}

impl Sessions {
    /// The sessions of `store`.
    pub fn new(store: Arc<dyn Store>) -> Sessions {
        Sessions { store }
    }

    /// Starts a session of the account `user` of `unit` with `role` in
    /// `region`; returns its cookie token and its CSRF token.
    pub fn start(
        &self,
        user: &str,
        unit: &str,
        role: Role,
        region: &str,
    ) -> Result<(String, String), String> {
        let (token, csrf) = (new_token()?, new_token()?);
        let stored = StoredSession {
            token: token_hash(&token),
            user: user.to_string(),
            unit: unit.to_string(),
            role,
            region: region.to_string(),
            csrf: csrf.clone(),
            last_seen: super::store::now(),
        };
        self.store
            .session_start(&stored, MAX_SESSIONS as i64, IDLE.as_secs() as i64)
            .map_err(|e| e.to_string())?;
        Ok((token, csrf))
    }

    /// The session of cookie token `token`, if it is live (none when the
    /// store cannot be read).
    pub fn get(&self, token: &str) -> Option<Session> {
        self.lookup(token).unwrap_or_else(|e| {
            eprintln!("nianbao: 无法读取会话：{e}");
            None
        })
    }

    /// The session of cookie token `token`, if it is live; the store's
    /// error when it cannot be read (the database away: the request is
    /// answered 503, not as one without a session, issue 75.4).
    pub fn lookup(&self, token: &str) -> Result<Option<Session>, super::store::StoreError> {
        if token.is_empty() {
            return Ok(None);
        }
        let found = self
            .store
            .session(&token_hash(token), IDLE.as_secs() as i64)?;
        Ok(found.map(|s| Session {
            user: s.user,
            unit: s.unit,
            role: s.role,
            region: s.region,
            csrf: s.csrf,
        }))
    }

    /// Ends every session of account `user` but the one of `keep`.
    pub fn end_user(&self, user: &str, keep: &str) {
        if let Err(e) = self.store.sessions_end_user(user, &token_hash(keep)) {
            eprintln!("nianbao: 无法结束账号 {user} 的会话：{e}");
        }
    }

    /// Ends the session of `token`.
    pub fn end(&self, token: &str) {
        if let Err(e) = self.store.session_end(&token_hash(token)) {
            eprintln!("nianbao: 无法结束会话：{e}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_hashed_with_argon2id_and_verified() {
        let p = new_password().unwrap();
        assert_eq!(p.len(), PASSWORD_LEN);
        assert_ne!(p, new_password().unwrap());
        let h = hash(&p).unwrap();
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(!h.contains(&p));
        assert!(verify(&p, &h));
        assert!(!verify("wrong", &h));
        assert!(!verify(&p, "not a hash"));
    }

    #[test]
    fn hashes_stored_by_earlier_releases_still_verify() {
        // Made by the reference implementation (libargon2, the parameters
        // of argon2 0.5 that earlier releases stored): a server's accounts
        // survive the upgrade of the crate.
        let stored = "$argon2id$v=19$m=19456,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$\
                      er1EBYvTLE/UF9KdCIpPHb1SnZJwrMFPgI/xf2ZL2rY";
        assert!(verify("zhengfu2025", stored));
        assert!(!verify("zhengfu2026", stored));
    }

    #[test]
    fn sessions_start_and_end() {
        let dir = std::env::temp_dir().join(format!("nb-sessions-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let store: Arc<dyn Store> = Arc::from(
            crate::server::store::open(&crate::server::store::db_path(&dir), true).unwrap(),
        );
        let s = Sessions::new(store);
        let (token, csrf) = s.start("bm001", "某局", Role::Department, "").unwrap();
        assert_eq!(token.len(), 64);
        assert_ne!(token, csrf);
        assert_eq!(s.get(&token).unwrap().csrf, csrf);
        assert!(s.get(&csrf).is_none());
        let (other, _) = s
            .start("bm001", "某局", Role::Department, "某市/甲县")
            .unwrap();
        assert_eq!(s.get(&other).unwrap().region, "某市/甲县");
        s.end_user("bm001", &other);
        assert!(s.get(&token).is_none());
        assert!(s.get(&other).is_some());
        s.end(&other);
        assert!(s.get(&other).is_none());
        let _ = std::fs::remove_dir_all(&dir);
        assert!(same("abc", "abc") && !same("abc", "abd") && !same("abc", "ab"));
    }
}
