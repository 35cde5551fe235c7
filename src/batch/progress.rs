//! A tiny progress bar on stderr for batch builds, drawn only when stderr is
//! a terminal. Hand-written (one line redrawn with `\r`) rather than a
//! dependency: a count and a bar are all a county office needs.

use std::io::{IsTerminal, Write};
use std::sync::Mutex;

/// A shared counter that redraws its line as work finishes.
#[derive(Debug)]
pub struct Progress {
    total: usize,
    state: Mutex<usize>,
    shown: bool,
}

impl Progress {
    /// A bar for `total` items, visible when stderr is a terminal.
    pub fn new(total: usize) -> Progress {
        Progress {
            total,
            state: Mutex::new(0),
            shown: std::io::stderr().is_terminal() && total > 1,
        }
    }

    /// Counts one item as done and redraws.
    pub fn tick(&self) {
        let Ok(mut done) = self.state.lock() else {
            return;
        };
        *done += 1;
        if self.shown {
            let width = 30;
            let filled = width * *done / self.total.max(1);
            let mut err = std::io::stderr().lock();
            let _ = write!(
                err,
                "\r生成中 [{}{}] {}/{}",
                "#".repeat(filled),
                " ".repeat(width - filled),
                *done,
                self.total
            );
            let _ = err.flush();
        }
    }

    /// Clears the bar's line.
    pub fn finish(&self) {
        if self.shown {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r{}\r", " ".repeat(60));
            let _ = err.flush();
        }
    }
}
