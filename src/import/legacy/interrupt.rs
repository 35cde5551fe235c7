//! Unix: a conversion is not left behind when nianbao is told to stop.
//! LibreOffice runs in a process group of its own (so that it can be killed
//! whole), which also keeps a Ctrl-C at the terminal from reaching it; so,
//! while a conversion runs, `SIGINT`, `SIGTERM` and `SIGHUP` are caught:
//! the handler kills every converter's group at once (`kill` is safe in a
//! handler) and notes the signal; the waiting conversion then fails, its
//! temporary folder is removed, and when the last conversion is done the
//! earlier handling is put back and the signal raised again, so that
//! nianbao ends as it would have (or its own handler runs).

#![allow(unsafe_code)]

use std::sync::Mutex;
use std::sync::atomic::{AtomicI32, Ordering};

/// The signals that end nianbao and are caught during a conversion.
const SIGNALS: [libc::c_int; 3] = [libc::SIGINT, libc::SIGTERM, libc::SIGHUP];

/// Most conversions watched at once (more are still killed at their time
/// limit, and when their own wait sees the signal).
const MAX_GROUPS: usize = 64;

/// The process groups of the running converters (0: a free slot).
static GROUPS: [AtomicI32; MAX_GROUPS] = [const { AtomicI32::new(0) }; MAX_GROUPS];

/// The signal caught during a conversion (0: none).
static CAUGHT: AtomicI32 = AtomicI32::new(0);

/// The conversions watched and the handling to put back after the last.
static WATCHERS: Mutex<Watchers> = Mutex::new(Watchers {
    count: 0,
    previous: None,
});

struct Watchers {
    count: usize,
    previous: Option<[libc::sigaction; 3]>,
}

/// Kills every converter's group and notes `signal`; only calls that are
/// safe in a signal handler (atomics, `kill`).
extern "C" fn on_signal(signal: libc::c_int) {
    CAUGHT.store(signal, Ordering::SeqCst);
    for group in &GROUPS {
        let pid = group.load(Ordering::SeqCst);
        if pid > 0 {
            // SAFETY: kill(2) is async-signal-safe and takes plain integers.
            unsafe {
                libc::kill(-pid, libc::SIGKILL);
            }
        }
    }
}

/// One conversion watched: while any is, the signals are caught. Made
/// before the conversion's temporary folder, so that it is dropped (and
/// the signal raised again) after the folder is removed.
pub(super) struct Watch {
    /// The slot of [`GROUPS`] holding this conversion's group, if any.
    slot: Option<usize>,
}

impl Watch {
    /// Starts watching: the signals are caught from now on.
    pub(super) fn start() -> Watch {
        let mut w = WATCHERS
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if w.count == 0 {
            w.previous = Some(install());
        }
        w.count += 1;
        Watch { slot: None }
    }

    /// The converter's process group (its leader's id), killed by the
    /// handler if a signal comes.
    pub(super) fn add(&mut self, group: u32) {
        let Ok(group) = i32::try_from(group) else {
            return;
        };
        self.slot = GROUPS.iter().position(|g| {
            g.compare_exchange(0, group, Ordering::SeqCst, Ordering::SeqCst)
                .is_ok()
        });
    }

    /// Forgets the group (before it is reaped, when its id may be reused).
    pub(super) fn remove(&mut self) {
        if let Some(slot) = self.slot.take() {
            GROUPS[slot].store(0, Ordering::SeqCst);
        }
    }

    /// The signal caught since the watch began, if any.
    pub(super) fn caught() -> Option<i32> {
        match CAUGHT.load(Ordering::SeqCst) {
            0 => None,
            s => Some(s),
        }
    }
}

impl Drop for Watch {
    /// The last watch puts the earlier handling back and raises a signal
    /// caught meanwhile.
    fn drop(&mut self) {
        self.remove();
        let mut w = WATCHERS
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        w.count -= 1;
        if w.count > 0 {
            return;
        }
        if let Some(previous) = w.previous.take() {
            restore(&previous);
        }
        let signal = CAUGHT.swap(0, Ordering::SeqCst);
        if signal != 0 {
            // SAFETY: raise(3) delivers a signal to this thread, handled
            // as before the conversion (by default: nianbao ends).
            unsafe {
                libc::raise(signal);
            }
        }
    }
}

/// Installs [`on_signal`] for [`SIGNALS`]; the handling it replaced.
fn install() -> [libc::sigaction; 3] {
    // SAFETY: sigaction structs are plain data, zeroed is a valid value;
    // sigaction(2) reads `new` and writes `old`, both ours and alive.
    unsafe {
        let mut previous: [libc::sigaction; 3] = std::mem::zeroed();
        let mut new: libc::sigaction = std::mem::zeroed();
        new.sa_sigaction = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
        new.sa_flags = libc::SA_RESTART;
        libc::sigemptyset(&mut new.sa_mask);
        for (signal, old) in SIGNALS.iter().zip(previous.iter_mut()) {
            libc::sigaction(*signal, &new, old);
            if old.sa_sigaction == libc::SIG_IGN {
                // Ignored (under `nohup`): it stays ignored.
                libc::sigaction(*signal, old, std::ptr::null_mut());
            }
        }
        previous
    }
}

/// Puts back the handling [`install`] replaced.
fn restore(previous: &[libc::sigaction; 3]) {
    for (signal, old) in SIGNALS.iter().zip(previous) {
        // SAFETY: as in `install`; `old` is the action read there.
        unsafe {
            libc::sigaction(*signal, old, std::ptr::null_mut());
        }
    }
}
