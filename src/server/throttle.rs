//! Failed logins counted per address, beside the per-account lockout: one
//! machine trying many accounts (a password sprayed over the roster) is
//! stopped after [`MAX_FAILURES`] failures in [`WINDOW`], whatever the
//! accounts, with a 429 until the window ends. A success does not reset
//! the count (a valid account must not clear a guesser's record).
//!
//! Every address behind one proxy or NAT shares one count, so the limit
//! is set well above what a roomful of clerks mistyping their passwords
//! makes in a quarter of an hour.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failed logins from one address within [`WINDOW`] after which its
/// logins are refused.
pub const MAX_FAILURES: u32 = 30;

/// The window the failures are counted in, from the first of them.
pub const WINDOW: Duration = Duration::from_secs(15 * 60);

/// Most addresses remembered (past it, those whose window has ended are
/// forgotten, then the oldest).
const MAX_ADDRESSES: usize = 16 * 1024;

/// One address's failures in its current window.
#[derive(Debug, Clone, Copy)]
struct Count {
    since: Instant,
    failures: u32,
}

/// The failed logins per address.
#[derive(Debug, Default)]
pub struct Throttle {
    map: Mutex<HashMap<IpAddr, Count>>,
}

/// The address failures are counted under: an IPv6 address by its /64
/// (one machine may hold a whole /64), an IPv4-mapped one as IPv4.
pub fn key(peer: IpAddr) -> IpAddr {
    match peer {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6((v6.to_bits() & !u128::from(u64::MAX)).into()),
        },
        v4 => v4,
    }
}

impl Throttle {
    /// `None` when `peer` may try to log in now, or how long it must wait.
    pub fn refused(&self, peer: IpAddr) -> Option<Duration> {
        let peer = key(peer);
        let map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        let count = map.get(&peer)?;
        let left = WINDOW.saturating_sub(count.since.elapsed());
        (count.failures >= MAX_FAILURES && !left.is_zero()).then_some(left)
    }

    /// Counts a failed login from `peer`; true when this failure reaches
    /// the limit.
    pub fn failed(&self, peer: IpAddr) -> bool {
        let peer = key(peer);
        let mut map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() >= MAX_ADDRESSES && !map.contains_key(&peer) {
            map.retain(|_, c| c.since.elapsed() < WINDOW);
            if map.len() >= MAX_ADDRESSES
                && let Some(oldest) = map.iter().min_by_key(|(_, c)| c.since).map(|(a, _)| *a)
            {
                map.remove(&oldest);
            }
        }
        let now = Instant::now();
        let count = map.entry(peer).or_insert(Count {
            since: now,
            failures: 0,
        });
        if now.duration_since(count.since) >= WINDOW {
            *count = Count {
                since: now,
                failures: 0,
            };
        }
        count.failures = count.failures.saturating_add(1);
        count.failures == MAX_FAILURES
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_refused_after_the_limit_and_others_are_not() {
        let t = Throttle::default();
        let a: IpAddr = "192.168.1.7".parse().unwrap();
        let b: IpAddr = "192.168.1.8".parse().unwrap();
        for i in 1..MAX_FAILURES {
            assert!(!t.failed(a), "failure {i}");
            assert_eq!(t.refused(a), None);
        }
        assert!(t.failed(a));
        let wait = t.refused(a).expect("refused at the limit");
        assert!(
            wait > WINDOW - Duration::from_secs(5) && wait <= WINDOW,
            "{wait:?}"
        );
        assert_eq!(t.refused(b), None);
        assert!(!t.failed(b));
        // One IPv6 /64 is one address; IPv4-mapped is the IPv4 address.
        let v6: IpAddr = "fd00:1:2:3::1".parse().unwrap();
        let same64: IpAddr = "fd00:1:2:3:ffff::9".parse().unwrap();
        assert_eq!(key(v6), key(same64));
        assert_ne!(key(v6), key("fd00:1:2:4::1".parse().unwrap()));
        assert_eq!(key("::ffff:192.168.1.7".parse().unwrap()), a);
    }

    #[test]
    fn the_table_of_addresses_stays_bounded() {
        let t = Throttle::default();
        for i in 0..(MAX_ADDRESSES as u32 + 100) {
            t.failed(IpAddr::from(i.to_be_bytes()));
        }
        let len = t.map.lock().unwrap().len();
        assert!(len <= MAX_ADDRESSES, "{len}");
    }
}
