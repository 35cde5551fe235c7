//! The report's data model and the official table model.

pub mod agency;
pub mod bounds;
pub mod carried;
pub mod emphasis;
pub mod hant;
pub mod narrative;
mod edition;
pub mod names;
pub mod number;
pub mod official;
pub mod path;
pub mod places;
pub mod report;
pub mod schema;

pub use edition::{Edition, FIRST_YEAR, LAST_YEAR, check_year, parse_year};
pub use number::{Decimal, Number};
pub use report::{
    Contact, CountRow, Date, Fee, Fill, Located, Report, Table2, Table3, Table4, Text,
};
