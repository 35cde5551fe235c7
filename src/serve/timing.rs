//! How long the steps of one request took, sent with the answer as a
//! `Server-Timing` header: the browser's developer tools show it beside
//! the request, and the speed test (`workbench::keystroke_to_screen`)
//! prints it, so the time of a keystroke can be split between the server
//! and the page.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

/// The steps timed so far, in order.
#[derive(Debug, Clone)]
pub struct Timing {
    steps: Vec<(&'static str, Duration)>,
    lap: Instant,
}

impl Default for Timing {
    fn default() -> Self {
        Timing::start()
    }
}

impl Timing {
    /// Starts timing the first step now.
    pub fn start() -> Timing {
        Timing {
            steps: Vec::new(),
            lap: Instant::now(),
        }
    }

    /// Ends step `name` now (it began when the last one ended).
    pub fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        self.steps.push((name, now - self.lap));
        self.lap = now;
    }

    /// Records a step timed elsewhere (one run beside the others).
    pub fn add(&mut self, name: &'static str, took: Duration) {
        self.steps.push((name, took));
    }

    /// Appends the steps of `other` (timed on another thread).
    pub fn extend(&mut self, other: Timing) {
        self.steps.extend(other.steps);
    }

    /// The `Server-Timing` header's value: `read;dur=0.21, check;dur=3.40`
    /// (milliseconds).
    pub fn header(&self) -> String {
        let mut out = String::new();
        for (name, took) in &self.steps {
            if !out.is_empty() {
                out.push_str(", ");
            }
            let _ = write!(out, "{name};dur={:.2}", took.as_secs_f64() * 1000.0);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_listed_in_order_in_milliseconds() {
        let mut t = Timing::start();
        t.lap("read");
        t.add("write", Duration::from_micros(1500));
        assert!(t.header().starts_with("read;dur="), "{}", t.header());
        assert!(t.header().ends_with(", write;dur=1.50"), "{}", t.header());
    }
}
