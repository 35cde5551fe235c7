//! The style ids that `document.xml`, the tables and the headers and
//! footers refer to, defined in `styles.xml` ([`super::styles`]).

/// The report title.
pub const TITLE: &str = "Title";
/// Section headings `一、…`.
pub const LEVEL1: &str = "Level1";
/// `（一）…`.
pub const LEVEL2: &str = "Level2";
/// Character style of a run-in second-level heading (`（二）……。` opening a
/// paragraph): 楷体, like [`LEVEL2`].
pub const LEVEL2_RUN_IN: &str = "Level2RunIn";
/// `1.…`.
pub const LEVEL3: &str = "Level3";
/// `（1）…`.
pub const LEVEL4: &str = "Level4";
/// The official tables (a table style).
pub const TABLE: &str = "OfficialTable";
/// Row labels and figures.
pub const TABLE_TEXT: &str = "TableText";
/// Column headers and section 二's title rows.
pub const TABLE_HEADER: &str = "TableHeader";
/// The agency under the text.
pub const SIGNATURE: &str = "Signature";
/// The date under the signature.
pub const DATE: &str = "SignatureDate";
/// `— 1 —` in the footers.
pub const FOLIO: &str = "Folio";
/// The 草稿 line in a draft's header.
pub const DRAFT: &str = "DraftMark";

/// A 造字's run, set in the agency's 造字 font embedded in the package.
pub const ZAOZI: &str = "Zaozi";
