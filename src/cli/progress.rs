//! A folder run's notes on stderr, and a tiny progress bar there, drawn
//! only when stderr is a terminal. Hand-written (one line redrawn with
//! `\r`) rather than a dependency: a count and a bar are all a county
//! office needs.

use std::io::{IsTerminal, Write};
use std::sync::{Mutex, OnceLock};

use crate::batch::progress::{Note, Observer};

/// Prints a run's notes as they come and draws its progress.
#[derive(Debug, Default)]
pub(crate) struct Stderr {
    bar: OnceLock<Bar>,
}

impl Observer for Stderr {
    fn note(&self, note: Note) {
        match note {
            Note::Notice(text) => eprintln!("nianbao: 注意：{text}"),
            Note::Warning(text) => eprintln!("nianbao: 警告：{text}"),
            Note::Error(text) => eprintln!("nianbao: 错误：{text}"),
            Note::Roster(text) => eprintln!("nianbao: 名单核对：{text}"),
        }
    }

    fn start(&self, total: usize) {
        let _ = self.bar.set(Bar::new(total));
    }

    fn tick(&self) {
        if let Some(bar) = self.bar.get() {
            bar.tick();
        }
    }

    fn finish(&self) {
        if let Some(bar) = self.bar.get() {
            bar.finish();
        }
    }
}

/// A shared counter that redraws its line as work finishes.
#[derive(Debug)]
struct Bar {
    total: usize,
    state: Mutex<usize>,
    shown: bool,
}

impl Bar {
    /// A bar for `total` items, visible when stderr is a terminal.
    fn new(total: usize) -> Bar {
        Bar {
            total,
            state: Mutex::new(0),
            shown: std::io::stderr().is_terminal() && total > 1,
        }
    }

    /// Counts one item as done and redraws.
    fn tick(&self) {
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
    fn finish(&self) {
        if self.shown {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r{}\r", " ".repeat(60));
            let _ = err.flush();
        }
    }
}
