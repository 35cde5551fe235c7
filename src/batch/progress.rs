//! What a folder run tells its caller as it goes: notes for the user, in
//! the order they arise, and each file done. The command line prints the
//! notes on stderr and draws a bar; another caller may collect or drop
//! them ([`Quiet`]). The run itself never prints.

/// A note for the user, said as the run goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// Something passed over or taken with a doubt.
    Notice(String),
    /// Something done against a doubt (`--force`).
    Warning(String),
    /// Something that failed while the run went on.
    Error(String),
    /// One line of the roster's account.
    Roster(String),
}

/// Receives a run's notes and its progress.
pub trait Observer: Sync {
    /// A note, in the order the run makes them.
    fn note(&self, note: Note);

    /// The run is about to do `total` files.
    fn start(&self, _total: usize) {}

    /// One file is done (called from any thread).
    fn tick(&self) {}

    /// All files are done.
    fn finish(&self) {}
}

/// An observer that drops everything.
#[derive(Debug, Clone, Copy, Default)]
pub struct Quiet;

impl Observer for Quiet {
    fn note(&self, _note: Note) {}
}
