//! Many data files at once: expanding folders into the files they hold
//! (`walk`) and the per-file summary table of `check` (`summary`).

pub mod aggregate;
pub mod audit;
pub mod folder;
pub mod names;
pub mod previous;
pub mod progress;
pub mod roster;
pub mod summary;
pub mod walk;
