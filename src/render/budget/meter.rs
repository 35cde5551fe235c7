//! The memory meter of a render thread: a global allocator that counts what
//! the thread rendering a template allocates, and stops that thread when it
//! holds or has allocated more than its render may.
//!
//! Tera gives no hook inside its interpreter: `{% set s = s ~ s %}` in a loop
//! doubles a string without calling any filter or writing any output. The
//! allocator is the one place every such step passes through. A thread over
//! its budget cannot be unwound from inside the allocator, so it is parked
//! for good (it holds no lock there) and the thread waiting for it reports
//! the stop; the memory it holds stays within the budget.

#![allow(unsafe_code)]

use super::one_shot::OneShot;
use std::alloc::{GlobalAlloc, Layout};
use std::cell::Cell;
use std::sync::Arc;
use std::sync::atomic::{AtomicIsize, AtomicU8, AtomicU64, Ordering};
use std::time::Duration;

/// The global allocator that meters render threads: the system's allocator
/// (behind the one-shot region, when a command asks for it) plus the
/// accounting. The binary installs it; without it a render is bounded in
/// time and output only.
pub struct Accounting;

impl Accounting {
    /// Sets the allocator up for a command that ends when its work is done:
    /// its blocks come from one region in huge pages where the kernel offers
    /// them (`one_shot`), and glibc's allocator, for what the region
    /// does not take, grows a thread's heap 8 MiB at a time instead of by
    /// what each request lacks (one system call each time). The
    /// long-running commands keep the defaults, which give memory back
    /// (docs/benchmark.md).
    pub fn for_a_one_shot_command() {
        #[cfg(all(target_os = "linux", target_env = "gnu"))]
        // SAFETY: `mallopt` sets a parameter of the allocator, which is
        // safe at any time; an unknown value is refused, not undefined.
        unsafe {
            libc::mallopt(libc::M_TOP_PAD, 8 << 20);
        }
        super::one_shot::reserve();
    }

    /// The one-shot region of [`Accounting::for_a_one_shot_command`],
    /// mapped and its first huge page faulted in on this thread, ahead of
    /// that call on the thread that works: that call then returns at once,
    /// and until the region is ready the work takes its memory from the
    /// system's allocator.
    pub fn map_one_shot_memory() {
        super::one_shot::reserve();
    }
}

thread_local! {
    /// The meter of the render running on this thread, if any.
    static CURRENT: Cell<*const Meter> = const { Cell::new(std::ptr::null()) };
}

/// Why a metered thread was stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Over {
    /// It held more memory than its budget.
    Memory,
    /// It allocated more in all than its budget of work.
    Work,
    /// The waiting thread gave up on it (its deadline passed).
    Cancelled,
}

const RUNNING: u8 = 0;
const MEMORY: u8 = 1;
const WORK: u8 = 2;
const CANCELLED: u8 = 3;

/// What one render thread may hold and allocate, and what it has.
#[derive(Debug)]
pub struct Meter {
    memory: isize,
    work: u64,
    live: AtomicIsize,
    allocated: AtomicU64,
    state: AtomicU8,
}

impl Meter {
    /// A meter allowing `memory` bytes held at once and `work` bytes
    /// allocated in all.
    pub fn new(memory: usize, work: u64) -> Meter {
        Meter {
            memory: isize::try_from(memory).unwrap_or(isize::MAX),
            work,
            live: AtomicIsize::new(0),
            allocated: AtomicU64::new(0),
            state: AtomicU8::new(RUNNING),
        }
    }

    /// Why the metered thread stopped, if it did.
    pub fn over(&self) -> Option<Over> {
        match self.state.load(Ordering::Acquire) {
            MEMORY => Some(Over::Memory),
            WORK => Some(Over::Work),
            CANCELLED => Some(Over::Cancelled),
            _ => None,
        }
    }

    /// Stops the metered thread at its next allocation.
    pub fn cancel(&self) {
        let _ =
            self.state
                .compare_exchange(RUNNING, CANCELLED, Ordering::AcqRel, Ordering::Acquire);
    }

    /// Bytes allocated in all so far.
    pub fn allocated(&self) -> u64 {
        self.allocated.load(Ordering::Relaxed)
    }

    fn charge(&self, bytes: usize) {
        let bytes_i = isize::try_from(bytes).unwrap_or(isize::MAX);
        let live = self
            .live
            .fetch_add(bytes_i, Ordering::Relaxed)
            .saturating_add(bytes_i);
        let all = self
            .allocated
            .fetch_add(bytes as u64, Ordering::Relaxed)
            .saturating_add(bytes as u64);
        let verdict = if live > self.memory {
            MEMORY
        } else if all > self.work {
            WORK
        } else {
            RUNNING
        };
        if verdict != RUNNING {
            let _ =
                self.state
                    .compare_exchange(RUNNING, verdict, Ordering::AcqRel, Ordering::Acquire);
        }
        if self.state.load(Ordering::Acquire) != RUNNING {
            park_for_good();
        }
    }

    fn refund(&self, bytes: usize) {
        let bytes = isize::try_from(bytes).unwrap_or(isize::MAX);
        self.live.fetch_sub(bytes, Ordering::Relaxed);
    }
}

/// Never returns: the thread sleeps until the process ends. Sleeping does
/// not allocate.
fn park_for_good() -> ! {
    loop {
        std::thread::sleep(Duration::from_secs(3600));
    }
}

/// Meters the current thread with `meter` until the guard is dropped.
pub fn enter(meter: &Arc<Meter>) -> Entered {
    let meter = Arc::clone(meter);
    CURRENT.with(|c| c.set(Arc::as_ptr(&meter)));
    Entered { _meter: meter }
}

/// Keeps the current thread's meter alive while it is in use.
#[derive(Debug)]
pub struct Entered {
    _meter: Arc<Meter>,
}

impl Drop for Entered {
    fn drop(&mut self) {
        CURRENT.with(|c| c.set(std::ptr::null()));
    }
}

fn with_meter(f: impl FnOnce(&Meter)) {
    let current = CURRENT.try_with(Cell::get).unwrap_or(std::ptr::null());
    // SAFETY: `CURRENT` is only set by `enter`, whose guard holds an `Arc`
    // of the meter and clears `CURRENT` before releasing it, on this thread.
    if let Some(meter) = unsafe { current.as_ref() } {
        f(meter);
    }
}

// SAFETY: every call is forwarded unchanged to `OneShot`; the accounting
// around it allocates nothing.
unsafe impl GlobalAlloc for Accounting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        with_meter(|m| m.charge(layout.size()));
        // SAFETY: the caller's contract, passed on.
        unsafe { OneShot.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        with_meter(|m| m.charge(layout.size()));
        // SAFETY: the caller's contract, passed on.
        unsafe { OneShot.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract, passed on.
        unsafe { OneShot.dealloc(ptr, layout) };
        with_meter(|m| m.refund(layout.size()));
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let old = layout.size();
        with_meter(|m| {
            if new_size > old {
                m.charge(new_size - old);
            } else {
                m.refund(old - new_size);
            }
        });
        // SAFETY: the caller's contract, passed on.
        unsafe { OneShot.realloc(ptr, layout, new_size) }
    }
}
