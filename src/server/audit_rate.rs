//! How fast one unit's account may write the audit log (issue 75.6):
//! every action of a department's account that writes a line (submit,
//! upload, a password change; the office's routes, were it to reach them)
//! takes a token from the account's bucket — [`BURST`] at once, one more
//! every [`REFILL`] —, and is refused with 429 when none is left, before
//! anything is done; the refusals of a locked login write their line only
//! while their name's bucket has one (the refusal itself is answered
//! all the same). A clerk or a reviewer at work never meets the limit; a
//! script writing a hundred lines a second does.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Lines an account may write at once (an office approving a list of
/// reports one click after another stays within it).
pub const BURST: u32 = 120;

/// One more line allowed after this long.
pub const REFILL: Duration = Duration::from_secs(1);

/// Most accounts (and login names) remembered; past it the fullest are
/// forgotten (a forgotten bucket is a full one).
const MAX_KEYS: usize = 16 * 1024;

/// The buckets, per account.
#[derive(Debug, Default)]
pub struct AuditRate {
    buckets: Mutex<HashMap<String, (f64, Instant)>>,
}

impl AuditRate {
    /// Takes a token for `key` (an account's login name); false when its
    /// bucket is empty.
    pub fn take(&self, key: &str) -> bool {
        self.take_at(key, Instant::now())
    }

    fn take_at(&self, key: &str, now: Instant) -> bool {
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        if buckets.len() >= MAX_KEYS && !buckets.contains_key(key) {
            // Full buckets hold nothing worth keeping.
            buckets.retain(|_, (tokens, at)| *tokens + refilled(*at, now) < f64::from(BURST));
            if buckets.len() >= MAX_KEYS {
                buckets.clear();
            }
        }
        let (tokens, at) = buckets
            .entry(key.to_string())
            .or_insert((f64::from(BURST), now));
        *tokens = (*tokens + refilled(*at, now)).min(f64::from(BURST));
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

/// Tokens refilled between `then` and `now`.
fn refilled(then: Instant, now: Instant) -> f64 {
    now.saturating_duration_since(then).as_secs_f64() / REFILL.as_secs_f64()
}

/// The refusal when an account's bucket is empty.
pub fn refusal() -> crate::serve::reply::Reply {
    crate::serve::reply::Reply::error(
        429,
        &format!(
            "操作过于频繁：每个账号连续最多 {BURST} 次提交、审核、上传、导出等操作，此后每 {} 秒一次；这次的操作没有执行，请稍后再试",
            REFILL.as_secs()
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_then_one_per_refill_and_accounts_apart() {
        let rate = AuditRate::default();
        let t0 = Instant::now();
        for i in 0..BURST {
            assert!(rate.take_at("bm001", t0), "{i}");
        }
        assert!(!rate.take_at("bm001", t0));
        assert!(rate.take_at("bm002", t0), "another account has its own");
        assert!(!rate.take_at("bm001", t0 + REFILL / 2));
        assert!(rate.take_at("bm001", t0 + REFILL));
        assert!(!rate.take_at("bm001", t0 + REFILL));
        assert!(rate.take_at("bm001", t0 + REFILL * 2));
        for i in 0..(MAX_KEYS + 10) {
            rate.take_at(&format!("n{i}"), t0);
        }
        assert!(rate.buckets.lock().unwrap().len() <= MAX_KEYS);
    }
}
