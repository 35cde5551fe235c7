//! Office Open XML packages, shared by the Word document, the workbook and
//! `import`: a deterministic zip writer ([`zip`]), XML escaping ([`xml`]),
//! and the bounded reading of a hostile package ([`read`]).

pub mod read;
pub mod xml;
pub mod zip;
