//! What the prose says: every sentence of a narrative read into claims —
//! which measure (a cell or group of cells of the tables, 表二 included),
//! which figures (exact, approximate as a range, 万, Chinese numerals,
//! full-width digits, shares), which comparisons with last year, which
//! denials (`未发生`, `无`), which years. The prose rules (NARR, COPY,
//! PROBLEMS-CONTENT, the years) read text through this stage instead of
//! patterns of their own, and `nianbao explain --claims` shows what it read.
//! Unreadable text yields no claim: precision first.

pub mod approx;
pub mod change;
pub mod elsewhere;
pub mod explain;
pub mod measure;
pub mod negation;
pub mod numbers;
pub mod points;
pub mod ranking;
pub mod reading;
pub mod rows;
pub mod said;
pub mod scope;
pub mod shares;
pub mod sentences;
pub mod subjects;
pub mod tables;
pub mod topic;
