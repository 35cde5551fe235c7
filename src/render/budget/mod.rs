//! Bounds on rendering a template. A template pack given with `--templates`
//! is untrusted: a loop that doubles a string, a component that calls itself
//! or a loop in a loop would take all memory or run for hours. Each render
//! of a pack runs on a thread of its own: its output is bounded by the
//! writer, its memory and allocations by the [`meter`], and the caller waits
//! at most until a deadline. A thread that overran is abandoned (Tera cannot
//! be interrupted): a metered one is parked at its next allocation. The
//! built-in set (told by its [`Origin`], which only the loader sets) is the
//! project's own, its work linear in the document: it renders on the
//! caller's thread through the same bounded writer, without a thread start
//! and a wait on each render.

pub mod meter;
mod one_shot;

use std::io::{self, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use tera::Tera;

use self::meter::{Meter, Over};

/// Output of a render beyond the text it was given, in bytes.
pub const BASE_OUTPUT: usize = 8 * 1024 * 1024;
/// Memory a render may hold beyond what its text needs, in bytes.
pub const BASE_MEMORY: usize = 128 * 1024 * 1024;
/// Bytes a render may allocate in all beyond what its text needs.
pub const BASE_WORK: u64 = 1024 * 1024 * 1024;
/// How long a render may take.
pub const TIME: Duration = Duration::from_secs(5);
/// Abandoned render threads still running or parked, past which no more
/// renders are started in this process.
pub const MAX_ABANDONED: usize = 2;

/// Render threads given up on that have not finished.
static ABANDONED: AtomicUsize = AtomicUsize::new(0);

/// How often the waiting thread looks at the meter.
const POLL: Duration = Duration::from_millis(10);
/// The render thread's stack: templates nest includes and components.
const STACK: usize = 16 * 1024 * 1024;

/// What one render may produce, hold, allocate and take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Bytes of output.
    pub output: usize,
    /// Bytes held at once.
    pub memory: usize,
    /// Bytes allocated in all.
    pub work: u64,
    /// Time to finish.
    pub time: Duration,
}

impl Limits {
    /// The limits for rendering a document of `text_len` bytes of text: the
    /// base amounts, plus a multiple of the text for the output (HTML
    /// escaping grows text up to six times, the Markdown and HTML both carry
    /// it), the memory and the work.
    pub fn for_text(text_len: usize) -> Limits {
        Limits {
            output: BASE_OUTPUT.saturating_add(text_len.saturating_mul(8)),
            memory: BASE_MEMORY.saturating_add(text_len.saturating_mul(32)),
            work: BASE_WORK.saturating_add((text_len as u64).saturating_mul(256)),
            time: TIME,
        }
    }
}

/// Why a render did not give its text.
#[derive(Debug)]
pub enum Stop {
    /// Tera reported an error.
    Failed(tera::Error),
    /// The output passed `Limits::output` bytes.
    Output(usize),
    /// The render held more than `Limits::memory` bytes.
    Memory(usize),
    /// The render allocated more than `Limits::work` bytes in all.
    Work(u64),
    /// The render did not finish within `Limits::time`.
    Time(Duration),
    /// Too many earlier renders overran; none is started.
    Abandoned,
    /// The render thread could not be started or ended in a panic.
    Thread(String),
}

/// Where a loaded template set came from, which decides how it renders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Only the templates compiled into the binary.
    BuiltIn,
    /// At least one template read from a pack given with `--templates`.
    Pack,
}

/// Renders `name` of `tera` (loaded from `origin`) with `context` within
/// `limits`: a pack on a metered thread, the built-in set here (output
/// bounded). Called through `templates::Templates::render`, whose origin
/// only the loader sets.
pub(super) fn render(
    tera: &Arc<Tera>,
    origin: Origin,
    name: &str,
    context: &tera::Context,
    limits: &Limits,
) -> Result<String, Stop> {
    match origin {
        Origin::BuiltIn => render_here(tera, name, context, limits.output),
        // The metered thread may outlive this call: it gets its own copy.
        Origin::Pack => render_metered(tera, name, context.clone(), limits),
    }
}

/// Renders on this thread; a panic inside Tera is a [`Stop::Thread`], as
/// it is on a render thread.
fn render_here(
    tera: &Tera,
    name: &str,
    context: &tera::Context,
    output: usize,
) -> Result<String, Stop> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        render_bounded(tera, name, context, output)
    }))
    .unwrap_or_else(|_| Err(Stop::Thread("渲染意外中止".into())))
}

/// Renders on a thread of its own, metered, within the deadline.
fn render_metered(
    tera: &Arc<Tera>,
    name: &str,
    context: tera::Context,
    limits: &Limits,
) -> Result<String, Stop> {
    if ABANDONED.load(Ordering::Acquire) >= MAX_ABANDONED {
        return Err(Stop::Abandoned);
    }
    let meter = Arc::new(Meter::new(limits.memory, limits.work));
    let run = Run::new();
    let (tx, rx) = mpsc::channel();
    let job = {
        let (tera, name, meter, run) = (
            Arc::clone(tera),
            name.to_string(),
            Arc::clone(&meter),
            run.clone(),
        );
        let output = limits.output;
        move || {
            let entered = meter::enter(&meter);
            let result = render_bounded(&tera, &name, &context, output);
            drop(entered);
            let _ = tx.send(result);
            run.finish();
        }
    };
    std::thread::Builder::new()
        .name("template".into())
        .stack_size(STACK)
        .spawn(job)
        .map_err(|e| Stop::Thread(e.to_string()))?;
    wait(&rx, &meter, &run, limits)
}

/// Waits for the render thread's result, its meter's stop or the deadline.
fn wait(
    rx: &mpsc::Receiver<Result<String, Stop>>,
    meter: &Meter,
    run: &Run,
    limits: &Limits,
) -> Result<String, Stop> {
    let deadline = Instant::now() + limits.time;
    loop {
        match rx.recv_timeout(POLL) {
            Ok(result) => return result,
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                return Err(Stop::Thread("渲染线程意外结束".into()));
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
        }
        let stop = match meter.over() {
            Some(Over::Memory) => Stop::Memory(limits.memory),
            Some(Over::Work) => Stop::Work(limits.work),
            _ if Instant::now() >= deadline => {
                meter.cancel();
                Stop::Time(limits.time)
            }
            _ => continue,
        };
        if run.abandon() {
            return Err(stop);
        }
        // It finished just now: its result is on the way.
        return rx
            .recv()
            .unwrap_or_else(|_| Err(Stop::Thread("渲染线程意外结束".into())));
    }
}

/// Renders into a bounded buffer; past the bound, the output stop.
fn render_bounded(
    tera: &Tera,
    name: &str,
    context: &tera::Context,
    limit: usize,
) -> Result<String, Stop> {
    let mut out = Bounded {
        // A report's page is tens of kilobytes: room for most at once.
        bytes: Vec::with_capacity(limit.min(96 * 1024)),
        limit,
        over: false,
    };
    match tera.render_to(name, context, &mut out) {
        Ok(()) => String::from_utf8(out.bytes).map_err(|e| Stop::Thread(e.to_string())),
        Err(_) if out.over => Err(Stop::Output(limit)),
        Err(e) => Err(Stop::Failed(e)),
    }
}

/// A writer into memory that refuses to grow past `limit` bytes.
struct Bounded {
    bytes: Vec<u8>,
    limit: usize,
    over: bool,
}

impl Write for Bounded {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.bytes.len().saturating_add(buf.len()) > self.limit {
            self.over = true;
            return Err(io::Error::other("output limit"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Whether a render thread finished or was given up on, decided once:
/// an abandoned thread counts in [`ABANDONED`] until it finishes.
#[derive(Debug, Clone)]
struct Run(Arc<AtomicUsize>);

const RUNNING: usize = 0;
const FINISHED: usize = 1;
const GIVEN_UP: usize = 2;

impl Run {
    fn new() -> Run {
        Run(Arc::new(AtomicUsize::new(RUNNING)))
    }

    /// Gives the thread up; false when it has finished already.
    fn abandon(&self) -> bool {
        let given_up = self
            .0
            .compare_exchange(RUNNING, GIVEN_UP, Ordering::AcqRel, Ordering::Acquire)
            .is_ok();
        if given_up {
            ABANDONED.fetch_add(1, Ordering::AcqRel);
        }
        given_up
    }

    /// Called by the thread at its end.
    fn finish(&self) {
        if self
            .0
            .compare_exchange(RUNNING, FINISHED, Ordering::AcqRel, Ordering::Acquire)
            .is_err()
        {
            ABANDONED.fetch_sub(1, Ordering::AcqRel);
        }
    }
}
