//! Many data files at once, for the county office: folders expanded into
//! the files they hold (`walk`), the per-file summary of `check`
//! (`summary`, `folder`, `page`), last year's folder (`previous`), rosters
//! (`roster`, `names`), sums (`aggregate`) and audits of published reports
//! (`audit`).

pub mod aggregate;
pub mod audit;
pub mod folder;
pub mod names;
pub mod page;
pub mod previous;
pub mod progress;
pub mod roster;
pub mod summary;
pub mod walk;
