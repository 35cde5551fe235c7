//! The bytes of request bodies a server holds at once, all connections
//! together: a body takes its bytes as they arrive, never what its head
//! declares, and gives them back when its request is answered. A server
//! under a flood of large declared bodies answers 503 to the bodies over
//! the budget and keeps its memory.

use std::sync::atomic::{AtomicUsize, Ordering};

/// The budget of one server.
#[derive(Debug)]
pub struct BodyBudget {
    max: usize,
    used: AtomicUsize,
}

impl BodyBudget {
    /// A budget of `max` bytes.
    pub fn new(max: usize) -> BodyBudget {
        BodyBudget {
            max,
            used: AtomicUsize::new(0),
        }
    }

    /// Takes `bytes` more for `held`, or `false` when the budget cannot
    /// spare them.
    pub fn take(&self, held: &mut Held<'_>, bytes: usize) -> bool {
        let taken = self
            .used
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |used| {
                used.checked_add(bytes).filter(|total| *total <= self.max)
            })
            .is_ok();
        if taken {
            held.bytes += bytes;
        }
        taken
    }

    /// Bytes held by bodies now.
    pub fn used(&self) -> usize {
        self.used.load(Ordering::Acquire)
    }

    /// An empty share of the budget, given back when dropped.
    pub fn hold(&self) -> Held<'_> {
        Held {
            budget: self,
            bytes: 0,
        }
    }
}

/// The bytes one body holds of its server's budget.
#[derive(Debug)]
pub struct Held<'a> {
    budget: &'a BodyBudget,
    bytes: usize,
}

impl Drop for Held<'_> {
    fn drop(&mut self) {
        self.budget.used.fetch_sub(self.bytes, Ordering::AcqRel);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_are_taken_within_the_budget_and_given_back() {
        let budget = BodyBudget::new(100);
        let mut a = budget.hold();
        assert!(budget.take(&mut a, 60));
        {
            let mut b = budget.hold();
            assert!(!budget.take(&mut b, 41));
            assert!(budget.take(&mut b, 40));
            assert_eq!(budget.used(), 100);
        }
        assert_eq!(budget.used(), 60);
        drop(a);
        assert_eq!(budget.used(), 0);
    }
}
