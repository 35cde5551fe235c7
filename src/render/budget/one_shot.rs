//! The memory of a command that ends when its work is done: one region of
//! address space, backed by the kernel's 2 MiB pages where it offers them,
//! handed out from its start and never given back to the system.
//!
//! A build of one report allocates some ten megabytes in 36,000 blocks, and
//! the general allocator's heaps are faulted in a 4 KiB page at a time, about
//! 900 faults a build (a tenth of its time on a virtual machine), with the
//! bookkeeping of every `malloc` and `free` on top (docs/benchmark.md, issue
//! 76). Here a block is a pointer moved along a thread's piece of the
//! region, rounded up to a size class (16-byte steps to 128 bytes, then four
//! steps between powers of two, to 512 KiB; a block over 64 KiB takes a
//! piece of its own). A freed block goes onto its thread's list for its
//! class and is the next block of that size, so the memory in use stays
//! warm and small. The region's pages come a huge page at a time. When the
//! region is used up, or a block is too aligned for it, the allocation goes
//! to the system's allocator as before; a command therefore never holds more
//! than the region's size on top of what it would have held.

#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The region's size: several builds' worth, a bound on what a long
/// command holds beyond its own needs.
#[cfg(target_os = "linux")]
const REGION: usize = 64 << 20;
/// What a thread takes from the region at a time.
const PIECE: usize = 256 << 10;
/// Blocks larger than this get a piece of their own.
const OWN_PIECE: usize = PIECE / 4;
/// The largest block with a size class (freed blocks of a class are
/// handed out again).
const LARGEST_CLASS: usize = 2 * PIECE;
/// The alignment of every block with a class.
const CLASS_ALIGN: usize = 16;
/// How many size classes there are ([`class_of`]).
const CLASSES: usize = 8 + (LARGEST_CLASS.ilog2() as usize - 7) * 4;
/// The largest alignment served (a page).
const MAX_ALIGN: usize = 4096;

/// The region's first byte (0 while there is none).
static START: AtomicUsize = AtomicUsize::new(0);
/// Where the next piece begins.
static NEXT: AtomicUsize = AtomicUsize::new(0);
/// One past the region's last byte.
static END: AtomicUsize = AtomicUsize::new(0);

/// What is left of the piece a thread is taking blocks from.
#[derive(Clone, Copy)]
struct Piece {
    /// The next free byte (0: no piece yet).
    next: usize,
    /// One past the piece's last byte.
    end: usize,
    /// One past the last byte ever handed out: bytes from here on are zero.
    used_to: usize,
}

thread_local! {
    /// This thread's piece.
    static PIECE_LEFT: Cell<Piece> = const { Cell::new(Piece { next: 0, end: 0, used_to: 0 }) };
    /// The blocks this thread freed, a list a size class: each block's
    /// first word is the next block's address (0 ends the list).
    static FREE: [Cell<usize>; CLASSES] = const { [const { Cell::new(0) }; CLASSES] };
}

/// Reserves the region, when the kernel gives huge pages to a region that
/// asks for them, and faults in its first huge page before any block is
/// handed out from it: until then blocks come from the system's allocator,
/// so the thread that calls this may be another than the one that works
/// (`cli::run` has a worker of the pool do it while the command line is
/// read). Only the first call does anything; a later one, or one made
/// while the first is under way, returns at once.
pub(crate) fn reserve() {
    #[cfg(target_os = "linux")]
    {
        if huge_pages_offered() {
            reserve_region();
        }
    }
}

/// Maps the region (once), asks for huge pages on it and touches its first
/// page, then publishes it (`START`).
#[cfg(target_os = "linux")]
fn reserve_region() {
    static BEGUN: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    if BEGUN.swap(true, Ordering::Relaxed) {
        return;
    }
    {
        let huge = 2 << 20;
        // SAFETY: a fresh private anonymous mapping; nothing else refers
        // to it, and it is never unmapped.
        let base = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                REGION + huge,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
                -1,
                0,
            )
        };
        if base == libc::MAP_FAILED {
            return;
        }
        let start = (base as usize).next_multiple_of(huge);
        // SAFETY: advice on pages of the mapping just made.
        unsafe { libc::madvise(start as *mut libc::c_void, REGION, libc::MADV_HUGEPAGE) };
        // The kernel zeroes the whole huge page on this first touch (about
        // 0.4 ms): here, not in the first allocation of whichever thread
        // comes first.
        // SAFETY: the first byte of the mapping, not yet handed out.
        unsafe { std::ptr::write_volatile(start as *mut u8, 0) };
        NEXT.store(start, Ordering::Relaxed);
        END.store(start + REGION, Ordering::Relaxed);
        // Pairs with the `Acquire` loads of `owns` and `take`: a thread that
        // sees the start sees the end.
        START.store(start, Ordering::Release);
    }
}

/// Whether the kernel backs a region with huge pages when asked
/// (`always` or `madvise`); with 4 KiB pages only, blocks that are never
/// reused would fault in more pages than the general allocator does.
#[cfg(target_os = "linux")]
fn huge_pages_offered() -> bool {
    let Ok(mode) = std::fs::read_to_string("/sys/kernel/mm/transparent_hugepage/enabled") else {
        return false;
    };
    mode.contains("[always]") || mode.contains("[madvise]")
}

/// Whether `ptr` was handed out by the region.
fn owns(ptr: *mut u8) -> bool {
    let p = ptr as usize;
    let start = START.load(Ordering::Acquire);
    start != 0 && p >= start && p < END.load(Ordering::Relaxed)
}

/// `at` rounded up to `align`, a power of two (a mask, not a division).
fn align_up(at: usize, align: usize) -> usize {
    (at + align - 1) & !(align - 1)
}

/// `len` bytes from the region's unclaimed end, if it has them.
fn claim(len: usize) -> Option<usize> {
    let end = END.load(Ordering::Relaxed);
    NEXT.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |next| {
        next.checked_add(len).filter(|&stop| stop <= end)
    })
    .ok()
}

/// A block's size class, when it has one: its list and the bytes it is
/// handed out with. Blocks up to 128 bytes come in steps of 16; larger ones
/// in four steps between powers of two (a quarter at most is unused).
fn class_of(layout: Layout) -> Option<(usize, usize)> {
    let size = layout.size();
    if layout.align() > CLASS_ALIGN || size > LARGEST_CLASS {
        return None;
    }
    if size <= 128 {
        let bytes = align_up(size.max(1), CLASS_ALIGN);
        return Some((bytes / CLASS_ALIGN - 1, bytes));
    }
    let power = (usize::BITS - 1 - (size - 1).leading_zeros()) as usize;
    let shift = power - 2;
    let quarter = (size - 1) >> shift;
    Some((8 + (power - 7) * 4 + (quarter - 4), (quarter + 1) << shift))
}

/// The bytes of the region a block takes: its class's, a page-rounded
/// piece of its own, or its size.
fn footprint(layout: Layout) -> usize {
    match class_of(layout) {
        Some((_, bytes)) => bytes,
        None if layout.size() > OWN_PIECE => align_up(layout.size(), MAX_ALIGN),
        None => layout.size().max(1),
    }
}

/// A block from the region, or `None` when it has none to give; and
/// whether its bytes are still as the kernel gave them (zero).
fn take(layout: Layout) -> Option<(*mut u8, bool)> {
    if START.load(Ordering::Acquire) == 0 || layout.align() > MAX_ALIGN {
        return None;
    }
    if let Some(p) = class_of(layout).and_then(|(class, _)| pop(class)) {
        return Some((p as *mut u8, false));
    }
    let bytes = footprint(layout);
    if bytes > OWN_PIECE {
        let at = claim(align_up(bytes, MAX_ALIGN))?;
        return Some((at as *mut u8, true));
    }
    bump(bytes, layout.align().max(CLASS_ALIGN))
}

/// `bytes` at `align` from this thread's piece (a new piece when it has no
/// room), and whether they are still zero.
fn bump(bytes: usize, align: usize) -> Option<(*mut u8, bool)> {
    PIECE_LEFT
        .try_with(|left| {
            let mut piece = left.get();
            let mut at = align_up(piece.next, align);
            if piece.next == 0 || at + bytes > piece.end {
                let start = claim(PIECE)?;
                piece = Piece {
                    next: start,
                    end: start + PIECE,
                    used_to: start,
                };
                at = start;
            }
            let fresh = at >= piece.used_to;
            piece.next = at + bytes;
            piece.used_to = piece.used_to.max(piece.next);
            left.set(piece);
            Some((at as *mut u8, fresh))
        })
        .ok()
        .flatten()
}

/// A freed block of `class` from this thread's list.
fn pop(class: usize) -> Option<usize> {
    FREE.try_with(|lists| {
        let head = lists[class].get();
        if head == 0 {
            return None;
        }
        // SAFETY: a listed block is a freed block of the region, at least
        // 16 bytes and 16-aligned, whose first word `push` wrote.
        lists[class].set(unsafe { *(head as *const usize) });
        Some(head)
    })
    .ok()
    .flatten()
}

/// Lists a freed block of `class` on this thread, for the next block of
/// its class.
fn push(class: usize, ptr: *mut u8) {
    let _ = FREE.try_with(|lists| {
        // SAFETY: `ptr` is a freed block of the region of at least 16 bytes,
        // 16-aligned; its first word now links the list.
        unsafe { *(ptr as *mut usize) = lists[class].get() };
        lists[class].set(ptr as usize);
    });
}

/// Gives back the last block a thread took, so that a short-lived block
/// without a class costs nothing; any other such block stays where it is.
fn give_back(ptr: *mut u8, bytes: usize) {
    let _ = PIECE_LEFT.try_with(|left| {
        let mut piece = left.get();
        if ptr as usize + bytes == piece.next {
            piece.next = ptr as usize;
            left.set(piece);
        }
    });
}

/// Grows the last block a thread took where it stands, if it is that block
/// and its piece has room.
fn grow_in_place(ptr: *mut u8, old: usize, new: usize) -> bool {
    PIECE_LEFT
        .try_with(|left| {
            let mut piece = left.get();
            let p = ptr as usize;
            if p + old == piece.next && p + new <= piece.end {
                piece.next = p + new;
                piece.used_to = piece.used_to.max(piece.next);
                left.set(piece);
                true
            } else {
                false
            }
        })
        .unwrap_or(false)
}

/// The system's allocator with the region in front of it.
pub(crate) struct OneShot;

// SAFETY: blocks from the region are distinct ranges of a mapping that is
// never unmapped, aligned as asked; every other block is `System`'s, and is
// given back to it.
unsafe impl GlobalAlloc for OneShot {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        match take(layout) {
            Some((p, _)) => p,
            // SAFETY: the caller's contract, passed on.
            None => unsafe { System.alloc(layout) },
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        match take(layout) {
            Some((p, fresh)) => {
                if !fresh {
                    // SAFETY: `p` is `layout.size()` bytes of the region, ours.
                    unsafe { std::ptr::write_bytes(p, 0, layout.size()) };
                }
                p
            }
            // SAFETY: the caller's contract, passed on.
            None => unsafe { System.alloc_zeroed(layout) },
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if !owns(ptr) {
            // SAFETY: the caller's contract, passed on.
            return unsafe { System.dealloc(ptr, layout) };
        }
        match class_of(layout) {
            Some((class, _)) => push(class, ptr),
            None => give_back(ptr, footprint(layout)),
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if !owns(ptr) {
            // SAFETY: the caller's contract, passed on.
            return unsafe { System.realloc(ptr, layout, new_size) };
        }
        // SAFETY: the caller's contract: `new_size` is valid for the alignment.
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        let (old, new) = (footprint(layout), footprint(new_layout));
        // A block that shrinks, or grows within its class, stays: freed
        // with the new size, it goes to a class no larger than its bytes.
        if new_size <= old || grow_in_place(ptr, old, new) {
            return ptr;
        }
        // SAFETY: as for `alloc`.
        let moved = unsafe { self.alloc(new_layout) };
        if !moved.is_null() {
            // SAFETY: both blocks are at least `layout.size()` bytes and distinct.
            unsafe { std::ptr::copy_nonoverlapping(ptr, moved, layout.size()) };
            // SAFETY: `ptr` is the caller's block, given up now.
            unsafe { self.dealloc(ptr, layout) };
        }
        moved
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    /// The region, mapped by this test or by another running beside it
    /// (a second `reserve_region` returns before the first has published).
    fn region_ready() {
        reserve_region();
        let began = std::time::Instant::now();
        while START.load(Ordering::Acquire) == 0 {
            assert!(
                began.elapsed().as_secs() < 10,
                "the region was never mapped"
            );
            std::thread::yield_now();
        }
    }

    fn layout(size: usize, align: usize) -> Layout {
        Layout::from_size_align(size, align).unwrap()
    }

    /// Blocks of every size and alignment, from both pieces and pieces of
    /// their own, are aligned, distinct, keep what is written, and grow,
    /// shrink and come back as zero when asked.
    #[test]
    fn blocks_are_aligned_distinct_and_kept() {
        region_ready();
        let start = START.load(Ordering::Relaxed);
        assert_ne!(start, 0, "the region is mapped");
        assert!(start.is_multiple_of(2 << 20), "on a huge page's boundary");
        std::thread::scope(|scope| {
            for t in 0..2u8 {
                scope.spawn(move || {
                    let mut blocks = Vec::new();
                    for (i, size) in [1usize, 7, 24, 100, 4096, 70_000, 200_000]
                        .iter()
                        .enumerate()
                    {
                        for align in [1usize, 8, 16, 64, 4096] {
                            let l = layout(*size, align);
                            // SAFETY: a valid layout; the block is freed below.
                            let p = unsafe { OneShot.alloc(l) };
                            assert!(owns(p) && (p as usize).is_multiple_of(align));
                            let mark = t.wrapping_mul(31).wrapping_add(i as u8);
                            // SAFETY: `p` is `size` bytes, ours.
                            unsafe { std::ptr::write_bytes(p, mark, *size) };
                            blocks.push((p, l, mark));
                        }
                    }
                    for &(p, l, mark) in &blocks {
                        // SAFETY: each block was written whole above.
                        let bytes = unsafe { std::slice::from_raw_parts(p, l.size()) };
                        assert!(bytes.iter().all(|&b| b == mark), "a block was overwritten");
                    }
                    let (p, l, mark) = blocks.pop().unwrap();
                    // SAFETY: the block is ours; grown, then read back.
                    let q = unsafe { OneShot.realloc(p, l, l.size() * 3) };
                    let kept = unsafe { std::slice::from_raw_parts(q, l.size()) };
                    assert!(kept.iter().all(|&b| b == mark), "realloc keeps the bytes");
                    // SAFETY: the grown block is freed with its new size.
                    unsafe { OneShot.dealloc(q, layout(l.size() * 3, l.align())) };
                    for (p, l, _) in blocks {
                        // SAFETY: each block is freed once.
                        unsafe { OneShot.dealloc(p, l) };
                    }
                });
            }
        });
        // The last block given back is reused, and comes back zero if asked.
        let l = layout(64, 8);
        // SAFETY: valid layouts; the blocks are ours.
        unsafe {
            let p = OneShot.alloc(l);
            std::ptr::write_bytes(p, 0xAB, 64);
            OneShot.dealloc(p, l);
            let z = OneShot.alloc_zeroed(l);
            assert_eq!(z, p, "the last block is taken again");
            assert!(std::slice::from_raw_parts(z, 64).iter().all(|&b| b == 0));
            // Too aligned for the region: the system's.
            let big = layout(64, 8192);
            let s = OneShot.alloc(big);
            assert!(!owns(s));
            OneShot.dealloc(s, big);
        }
    }

    /// Blocks of random sizes and alignments, freed, grown and shrunk at
    /// random on two threads at once, keep every byte written to them.
    #[test]
    fn random_blocks_keep_their_bytes() {
        region_ready();
        std::thread::scope(|scope| {
            for seed in [7u64, 11] {
                scope.spawn(move || churn(seed));
            }
        });
    }

    fn churn(mut seed: u64) {
        let mut random = move |below: usize| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as usize % below
        };
        let mut live: Vec<(*mut u8, Layout, u8)> = Vec::new();
        for step in 0..20_000usize {
            let roll = random(10);
            if roll < 5 || live.is_empty() {
                // Now and then a block with a piece of its own; not so
                // often that the region (shared with the other tests) runs out.
                let size = match random(256) {
                    0 => random(300_000),
                    n if n < 80 => random(40),
                    n if n < 160 => random(600),
                    _ => random(40_000),
                };
                let align = [1, 8, 16, 32, 4096][random(5)];
                let l = layout(size, align);
                // SAFETY: a valid layout; every block is freed below.
                let p = unsafe {
                    if roll == 0 {
                        OneShot.alloc_zeroed(l)
                    } else {
                        OneShot.alloc(l)
                    }
                };
                assert!(!p.is_null() && (p as usize).is_multiple_of(align));
                if roll == 0 {
                    // SAFETY: `size` bytes, ours.
                    assert!(
                        unsafe { std::slice::from_raw_parts(p, size) }
                            .iter()
                            .all(|&b| b == 0)
                    );
                }
                let mark = (step % 251) as u8;
                // SAFETY: `size` bytes, ours.
                unsafe { std::ptr::write_bytes(p, mark, size) };
                live.push((p, l, mark));
                continue;
            }
            let (p, l, mark) = live.swap_remove(random(live.len()));
            // SAFETY: the block is ours, written whole with `mark`.
            let bytes = unsafe { std::slice::from_raw_parts(p, l.size()) };
            assert!(bytes.iter().all(|&b| b == mark), "a block was overwritten");
            if roll < 8 {
                // SAFETY: freed once.
                unsafe { OneShot.dealloc(p, l) };
                continue;
            }
            let new_size =
                [l.size() / 2, l.size() + 1, l.size() * 2 + 7, random(60_000)][random(4)];
            // SAFETY: the block is ours; `new_size` is valid for its alignment.
            let q = unsafe { OneShot.realloc(p, l, new_size) };
            let kept = l.size().min(new_size);
            // SAFETY: `q` holds at least `kept` bytes of the old block.
            assert!(
                unsafe { std::slice::from_raw_parts(q, kept) }
                    .iter()
                    .all(|&b| b == mark)
            );
            // SAFETY: `new_size` bytes, ours.
            unsafe { std::ptr::write_bytes(q, mark, new_size) };
            live.push((q, layout(new_size, l.align()), mark));
        }
        for (p, l, _) in live {
            // SAFETY: freed once.
            unsafe { OneShot.dealloc(p, l) };
        }
    }

    /// The size classes hold what they are given, in steps of 16 bytes to
    /// 128 and a quarter of a power of two above.
    #[test]
    fn size_classes_round_up_by_at_most_a_quarter() {
        let mut last = (0, 0);
        for size in 0..=LARGEST_CLASS {
            let (class, bytes) = class_of(layout(size, 8)).unwrap();
            assert!(class < CLASSES && bytes >= size.max(1) && bytes.is_multiple_of(CLASS_ALIGN));
            assert!(
                size <= 128 || bytes - size < bytes / 4 + 1,
                "{size} → {bytes}"
            );
            assert!(class == last.0 && bytes == last.1 || class == last.0 + 1 || size == 0);
            last = (class, bytes);
        }
        assert_eq!(class_of(layout(LARGEST_CLASS + 1, 8)), None);
        assert_eq!(class_of(layout(64, 32)), None);
    }

    /// Once the region is used up, blocks come from the system's allocator.
    #[test]
    fn claims_past_the_end_fail() {
        region_ready();
        assert_eq!(claim(usize::MAX - 10), None);
        assert_eq!(claim(REGION + 1), None);
    }
}
