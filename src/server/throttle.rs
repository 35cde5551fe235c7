//! Failed logins counted per address, beside the per-account lockout: one
//! machine trying many accounts (a password sprayed over the roster) is
//! stopped after [`MAX_FAILURES`] failures in [`WINDOW`], whatever the
//! accounts, with a 429 until the window ends. A success does not reset
//! the count (a valid account must not clear a guesser's record).
//!
//! Every address behind one proxy or NAT shares one count, so the limit
//! is set well above what a roomful of clerks mistyping their passwords
//! makes in a quarter of an hour.

use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use super::store::{Store, now};

/// Failed logins from one address within [`WINDOW`] after which its
/// logins are refused.
pub const MAX_FAILURES: u32 = 30;

/// The window the failures are counted in, from the first of them.
pub const WINDOW: Duration = Duration::from_secs(15 * 60);

/// Most addresses remembered (past it, those whose window has ended are
/// forgotten, then the oldest).
const MAX_ADDRESSES: usize = 16 * 1024;

/// The failed logins per address, kept in the store (shared by every
/// server process on it).
#[derive(Debug, Clone)]
pub struct Throttle {
    store: Arc<dyn Store>,
}

/// `peer` as written in lists: an IPv4-mapped IPv6 address as IPv4.
pub fn canonical(peer: IpAddr) -> IpAddr {
    match peer {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(peer, IpAddr::V4),
        v4 => v4,
    }
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
    /// The counts of `store`.
    pub fn new(store: Arc<dyn Store>) -> Throttle {
        Throttle { store }
    }

    /// `None` when `peer` may try to log in now, or how long it must wait
    /// (a store that cannot be read refuses nobody: the per-account
    /// counts still hold).
    pub fn refused(&self, peer: IpAddr) -> Option<Duration> {
        let (failures, since) = self
            .store
            .address_failures(&key(peer).to_string())
            .map_err(|e| eprintln!("nianbao: 无法读取登录失败记录：{e}"))
            .ok()?;
        let elapsed = Duration::from_secs(now().saturating_sub(since).max(0) as u64);
        let left = WINDOW.saturating_sub(elapsed);
        (failures >= i64::from(MAX_FAILURES) && !left.is_zero()).then_some(left)
    }

    /// Counts a failed login from `peer`; true when this failure reaches
    /// the limit.
    pub fn failed(&self, peer: IpAddr) -> bool {
        self.store
            .address_failed(
                &key(peer).to_string(),
                WINDOW.as_secs() as i64,
                MAX_ADDRESSES as i64,
            )
            .map_err(|e| eprintln!("nianbao: 无法记录登录失败：{e}"))
            .is_ok_and(|n| n == i64::from(MAX_FAILURES))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn throttle(name: &str) -> (std::path::PathBuf, Throttle) {
        let dir = std::env::temp_dir().join(format!("nb-throttle-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let store = crate::server::store::open(&crate::server::store::db_path(&dir), true).unwrap();
        (dir, Throttle::new(Arc::from(store)))
    }

    #[test]
    fn an_address_is_refused_after_the_limit_and_others_are_not() {
        let (dir, t) = throttle("limit");
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
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_table_of_addresses_stays_bounded() {
        let (dir, t) = throttle("bounded");
        for i in 0..20u32 {
            t.store
                .address_failed(&IpAddr::from(i.to_be_bytes()).to_string(), 900, 8)
                .unwrap();
        }
        let remembered = (0..20u32)
            .filter(|i| {
                t.store
                    .address_failures(&IpAddr::from(i.to_be_bytes()).to_string())
                    .unwrap()
                    .0
                    > 0
            })
            .count();
        assert!(remembered <= 8, "{remembered}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
