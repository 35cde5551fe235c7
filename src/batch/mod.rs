//! Many data files at once, for the county office: folders expanded into
//! the files they hold (`walk`), the per-file summary of `check`
//! (`summary`, `folder`, `page`), last year's folder (`previous`), rosters
//! (`roster`, `names`), sums (`aggregate`) and audits of published reports
//! (`audit`). The folder commands are here as functions returning values
//! (`check_run`, `audit_run`, `aggregate_run`, `build_run`); what they say
//! as they go goes to a `progress::Observer`.

pub mod aggregate;
pub mod aggregate_run;
pub mod audit;
pub mod audit_run;
pub mod build_run;
pub mod check_run;
pub mod folder;
pub mod names;
pub mod page;
pub mod previous;
pub mod progress;
pub mod roster;
pub mod summary;
pub mod walk;
