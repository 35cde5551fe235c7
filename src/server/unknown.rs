//! Failed logins to names that are no account, counted as an account's
//! are (issue 75.5), so that the lockout answers alike for real and
//! made-up names: a made-up name is refused with the same 429 after the
//! same number of failures from one client, waits as long, and meets the
//! same ceiling per name, as a real account would. The counts are kept in
//! the process's memory (no account row to keep them on), bounded, and
//! forgotten after a day without failures, as the store forgets a
//! client's.

use std::collections::HashMap;
use std::sync::Mutex;

/// Most names and (name, client) pairs remembered; past it the oldest
/// are forgotten.
const MAX_ENTRIES: usize = 16 * 1024;

/// A count is forgotten this long after its last failure (seconds).
const FORGET_AFTER: i64 = 24 * 3600;

/// The failures counted against names that are no account.
#[derive(Debug, Default)]
pub struct UnknownNames {
    counts: Mutex<Counts>,
}

#[derive(Debug, Default)]
struct Counts {
    /// (name, client) → (failures in a row, the last one's time).
    clients: HashMap<(String, String), (i64, i64)>,
    /// name → (failures in the window, the window's start).
    names: HashMap<String, (i64, i64)>,
}

impl UnknownNames {
    fn counts(&self) -> std::sync::MutexGuard<'_, Counts> {
        self.counts.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The failures in a row of `client` on `name` and the last one's
    /// time, as [`crate::server::store::Store::client_failures`] gives an
    /// account's.
    pub fn client_failures(&self, name: &str, client: &str) -> (i64, i64) {
        let key = (name.to_string(), client.to_string());
        self.counts().clients.get(&key).copied().unwrap_or((0, 0))
    }

    /// The failures of `name` from unknown clients in its window and the
    /// window's start, as an account's `failures` and `window_start`.
    pub fn window(&self, name: &str) -> (i64, i64) {
        self.counts().names.get(name).copied().unwrap_or((0, 0))
    }

    /// Counts a failure of `client` on `name` at `now`, the name's window
    /// being `window` seconds; the client's failures in a row.
    pub fn failed(&self, name: &str, client: &str, window: i64, now: i64) -> i64 {
        let mut counts = self.counts();
        let key = (name.to_string(), client.to_string());
        let entry = counts.clients.entry(key).or_insert((0, now));
        entry.0 += 1;
        entry.1 = now;
        let failures = entry.0;
        let named = counts.names.entry(name.to_string()).or_insert((0, now));
        if named.1 + window <= now {
            *named = (1, now);
        } else {
            named.0 += 1;
        }
        counts.forget(now);
        failures
    }
}

impl Counts {
    /// Forgets counts older than [`FORGET_AFTER`], then the older half
    /// while more than [`MAX_ENTRIES`] are kept.
    fn forget(&mut self, now: i64) {
        if self.clients.len() + self.names.len() <= MAX_ENTRIES {
            return;
        }
        self.clients
            .retain(|_, (_, last)| *last + FORGET_AFTER > now);
        self.names
            .retain(|_, (_, start)| *start + FORGET_AFTER > now);
        if self.clients.len() > MAX_ENTRIES / 2 {
            let cut = median(self.clients.values().map(|v| v.1));
            self.clients.retain(|_, (_, last)| *last > cut);
        }
        if self.names.len() > MAX_ENTRIES / 2 {
            let cut = median(self.names.values().map(|v| v.1));
            self.names.retain(|_, (_, start)| *start > cut);
        }
    }
}

/// The middle of `times`.
fn median(times: impl Iterator<Item = i64>) -> i64 {
    let mut times: Vec<i64> = times.collect();
    let middle = times.len() / 2;
    times.select_nth_unstable(middle);
    times[middle]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_follow_an_accounts_and_stay_bounded() {
        let names = UnknownNames::default();
        for n in 1..=5 {
            assert_eq!(names.failed("nobody", "addr:10.0.0.1", 3600, 100), n);
        }
        assert_eq!(names.client_failures("nobody", "addr:10.0.0.1"), (5, 100));
        assert_eq!(names.client_failures("nobody", "addr:10.0.0.2"), (0, 0));
        assert_eq!(names.window("nobody"), (5, 100));
        names.failed("nobody", "addr:10.0.0.2", 3600, 3700);
        assert_eq!(names.window("nobody"), (1, 3700), "a new window");
        for i in 0..(MAX_ENTRIES as i64) {
            names.failed(&format!("n{i}"), "addr:10.0.0.3", 3600, 4000 + i);
        }
        let kept = names.counts();
        assert!(kept.clients.len() + kept.names.len() <= MAX_ENTRIES + 2);
    }
}
