//! Agency names as people type them, for matching a folder's files against a
//! roster and against last year's folder. The logic lives in
//! [`crate::model::names`], where the rules (PREV) use it too.

pub use crate::model::names::*;
