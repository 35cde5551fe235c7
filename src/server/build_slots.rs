//! The documents the server builds for download at once: at most a few
//! together (one heavy report never holds up every other unit's download),
//! one at a time per report (a unit clicking twice builds once after the
//! other, not twice side by side), and a request that waits past
//! [`WAIT`] for its turn is told to try again instead of piling up.

use std::collections::HashSet;
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use crate::serve::reply::Reply;

/// The longest a download waits for its turn.
pub const WAIT: Duration = Duration::from_secs(30);

/// The builds running, by report.
#[derive(Debug, Default)]
struct Running {
    count: usize,
    reports: HashSet<i64>,
}

/// A bounded pool of build slots with a lock per report.
#[derive(Debug)]
pub struct BuildSlots {
    running: Mutex<Running>,
    freed: Condvar,
    most: usize,
}

/// A build slot taken, given back when dropped.
#[derive(Debug)]
pub struct Slot<'a> {
    slots: &'a BuildSlots,
    report: i64,
}

impl BuildSlots {
    /// At most `most` builds at once (at least one).
    pub fn new(most: usize) -> BuildSlots {
        BuildSlots {
            running: Mutex::new(Running::default()),
            freed: Condvar::new(),
            most: most.max(1),
        }
    }

    /// As many builds at once as the machine has cores, at most four: a
    /// build keeps one core busy, and each is bounded in memory
    /// (`render::document::MAX_LINES`).
    pub fn for_this_machine() -> BuildSlots {
        BuildSlots::new(
            std::thread::available_parallelism()
                .map_or(2, usize::from)
                .min(4),
        )
    }

    /// Waits, at most `wait`, for a slot to build `report`; 503 with a
    /// Chinese message when none came free.
    pub fn take(&self, report: i64, wait: Duration) -> Result<Slot<'_>, Reply> {
        let until = Instant::now() + wait;
        let mut running = self.running.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            let same = running.reports.contains(&report);
            if !same && running.count < self.most {
                running.count += 1;
                running.reports.insert(report);
                return Ok(Slot {
                    slots: self,
                    report,
                });
            }
            let now = Instant::now();
            if now >= until {
                let why = if same {
                    "这份报告正在生成，请等它下载完再点一次"
                } else {
                    "服务器正在为其他单位生成文件，请稍候一分钟再下载"
                };
                return Err(Reply::error(503, why));
            }
            running = self
                .freed
                .wait_timeout(running, until - now)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }
}

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        let mut running = self.slots.running.lock().unwrap_or_else(|e| e.into_inner());
        running.count -= 1;
        running.reports.remove(&self.report);
        drop(running);
        self.slots.freed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_run_side_by_side_up_to_the_bound_and_one_at_a_time_per_report() {
        let slots = BuildSlots::new(2);
        let short = Duration::from_millis(20);
        let a = slots.take(1, short).expect("a free slot");
        // The same report waits for its own build to end.
        let again = slots.take(1, short).expect_err("the same report");
        assert_eq!(again.status, 503);
        let b = slots.take(2, short).expect("a second slot");
        // Both slots busy: a third report waits, then is told to retry.
        assert_eq!(slots.take(3, short).expect_err("no slot").status, 503);
        drop(a);
        let c = slots.take(3, short).expect("a slot freed");
        drop((b, c));
        assert_eq!(slots.running.lock().unwrap().count, 0);
    }

    #[test]
    fn a_waiting_build_takes_the_slot_given_back() {
        let slots = std::sync::Arc::new(BuildSlots::new(1));
        let held = slots.take(1, WAIT).expect("the slot");
        let waiter = {
            let slots = slots.clone();
            std::thread::spawn(move || slots.take(2, Duration::from_secs(10)).map(|_| ()).is_ok())
        };
        std::thread::sleep(Duration::from_millis(50));
        drop(held);
        assert!(waiter.join().unwrap());
    }
}
