//! The faces' subsets and their deflated programs, made on the other core
//! while the pages are laid out.
//!
//! Which characters each face sets is known exactly only once the pages
//! are laid out, and the body face's subset and its deflate are then most
//! of what is left to do. But the characters each face will set are
//! predicted from the document ([`typeset::predict`]), so the body face's
//! subset is cut and its program deflated beside the layout, into the caches that
//! [`Fonts::subset`] and the writer keep. When the layout is done the PDF
//! asks for the same subset and the same stream and finds them; had the
//! prediction missed, it would find nothing and do the work itself, so the
//! bytes never depend on it.

use std::collections::BTreeSet;
use std::sync::{Condvar, Mutex, MutexGuard, OnceLock};

use super::writer;
use crate::render::document::Document;
use crate::render::typeset::{self, Fonts, Role};

/// The faces' work for one document begun on another thread before the
/// pages are laid out ([`super::prepare`] through [`Ahead::run`]), and the
/// writer's meeting with it ([`Ahead::settle`]): once the work has begun
/// the writer waits for it rather than doing it a second time; if it has
/// not begun, it never will, and the writer does it itself. Waiting only on
/// work already running, the writer can never wait on a job the thread
/// pool has not scheduled.
///
/// It also keeps the faces' characters predicted for the document the
/// work was begun for ([`Ahead::body`]), so that the smaller faces
/// ([`Ahead::others`]) are cut from the same prediction, made once, and
/// which faces a thread has taken: the job, once the body face is cut,
/// goes on to the smaller faces the layout's side has not yet taken, the
/// largest first, each face cut once by whichever thread takes it.
#[derive(Default)]
pub struct Ahead {
    state: Mutex<Stage>,
    over: Condvar,
    predicted: OnceLock<Vec<BTreeSet<char>>>,
    taken: Mutex<Vec<usize>>,
}

#[derive(Default, Clone, Copy, PartialEq, Eq)]
enum Stage {
    #[default]
    Waiting,
    Running,
    Over,
}

impl Ahead {
    /// A meeting not yet begun.
    pub fn new() -> Ahead {
        Ahead::default()
    }

    fn stage(&self) -> MutexGuard<'_, Stage> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Runs `work` unless the writer has gone on without it.
    pub fn run(&self, work: impl FnOnce()) {
        {
            let mut stage = self.stage();
            if *stage != Stage::Waiting {
                return;
            }
            *stage = Stage::Running;
        }
        // Over even if `work` unwinds, so that the writer never waits on it.
        struct Done<'a>(&'a Ahead);
        impl Drop for Done<'_> {
            fn drop(&mut self) {
                *self.0.stage() = Stage::Over;
                self.0.over.notify_all();
            }
        }
        let _done = Done(self);
        work();
    }

    /// Cuts and deflates the body face's subset of `doc` ([`Ahead::run`]):
    /// the longest single task, begun early on another thread; then the
    /// smaller faces not yet taken by [`Ahead::others`], the largest first.
    pub fn body(&self, doc: &Document, fonts: &Fonts) {
        self.run(|| {
            let predicted = self.predicted(doc, fonts);
            let take = |face| self.take(face);
            subsets(fonts, predicted, Faces::Body, &take);
            subsets(fonts, predicted, Faces::OthersInTurn, &take);
        });
    }

    /// Cuts and deflates the subsets of every face but the body face, from
    /// the prediction [`Ahead::body`] made (or making it), to be taken
    /// beside the layout by whichever core is free. With another document
    /// than the one the work was begun for, the subsets may not be the
    /// ones the PDF asks for: the writer then cuts its own (the bytes never
    /// depend on this).
    pub fn others(&self, doc: &Document, fonts: &Fonts) {
        let take = |face| self.take(face);
        subsets(fonts, self.predicted(doc, fonts), Faces::Others, &take);
    }

    fn predicted(&self, doc: &Document, fonts: &Fonts) -> &[BTreeSet<char>] {
        self.predicted.get_or_init(|| typeset::predict(doc, fonts))
    }

    /// Whether `face` is this caller's to cut: the first to ask takes it.
    fn take(&self, face: usize) -> bool {
        let mut taken = self.taken.lock().unwrap_or_else(|e| e.into_inner());
        if taken.contains(&face) {
            return false;
        }
        taken.push(face);
        true
    }

    /// Waits for the work if it has begun; otherwise makes sure it never
    /// will, and returns at once.
    pub fn settle(&self) {
        let mut stage = self.stage();
        match *stage {
            Stage::Waiting => *stage = Stage::Over,
            Stage::Running => {
                while *stage == Stage::Running {
                    stage = self.over.wait(stage).unwrap_or_else(|e| e.into_inner());
                }
            }
            Stage::Over => {}
        }
    }
}

/// Which faces [`subsets`] prepares.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Faces {
    /// Every face, the body face first, then the largest: one a task.
    All,
    /// The body face.
    Body,
    /// Every face but the body face, the largest first: one a task.
    Others,
    /// Every face but the body face, the largest first, one after another.
    OthersInTurn,
}

/// Cuts and deflates the faces' subsets of the characters `predicted` for
/// a document ahead of the layout (see the module's comment), those of
/// `which` that `take` gives this caller; returns nothing, leaving them in
/// the caches. The 页码 face is left out: its digits depend on the number
/// of pages.
pub(super) fn subsets(
    fonts: &Fonts,
    predicted: &[BTreeSet<char>],
    which: Faces,
    take: &(dyn Fn(usize) -> bool + Sync),
) {
    use rayon::prelude::*;
    let folio = fonts.role_face(Role::Folio);
    let mut faces: Vec<(usize, &BTreeSet<char>)> = predicted
        .iter()
        .enumerate()
        .filter(|(face, chars)| *face != folio && !chars.is_empty())
        .collect();
    let body = fonts.role_face(Role::Body);
    faces.retain(|(face, _)| match which {
        Faces::All => true,
        Faces::Body => *face == body,
        Faces::Others | Faces::OthersInTurn => *face != body,
    });
    faces.sort_by_key(|(face, chars)| (*face != body, std::cmp::Reverse(chars.len())));
    let cut = |&(face, chars): &(usize, &BTreeSet<char>)| {
        if take(face)
            && let Ok(subset) = fonts.subset(face, chars)
        {
            writer::deflate_ahead(&subset);
        }
    };
    if which == Faces::OthersInTurn {
        faces.iter().for_each(cut);
    } else {
        faces.par_iter().with_max_len(1).for_each(cut);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_face_is_taken_by_one_thread() {
        let ahead = Ahead::new();
        assert!(ahead.take(2));
        assert!(!ahead.take(2), "taken already");
        assert!(ahead.take(0));
        let taken = std::sync::atomic::AtomicUsize::new(0);
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| {
                    if ahead.take(7) {
                        taken.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    }
                });
            }
        });
        assert_eq!(taken.load(std::sync::atomic::Ordering::SeqCst), 1);
    }

    #[test]
    fn the_writer_waits_only_for_work_begun() {
        // Not begun: settled at once, and the work never runs after.
        let ahead = Ahead::new();
        ahead.settle();
        let mut ran = false;
        ahead.run(|| ran = true);
        assert!(!ran);
        // Begun: the writer waits until it is over.
        let ahead = Ahead::new();
        let done = std::sync::atomic::AtomicBool::new(false);
        let (began, began_rx) = std::sync::mpsc::channel();
        std::thread::scope(|s| {
            s.spawn(|| {
                ahead.run(|| {
                    began.send(()).unwrap();
                    std::thread::sleep(std::time::Duration::from_millis(30));
                    done.store(true, std::sync::atomic::Ordering::SeqCst);
                });
            });
            began_rx.recv().unwrap();
            ahead.settle();
            assert!(done.load(std::sync::atomic::Ordering::SeqCst));
        });
        // Over, even by a panic: settling returns.
        let ahead = Ahead::new();
        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            ahead.run(|| panic!("stop"));
        }));
        ahead.settle();
    }
}
