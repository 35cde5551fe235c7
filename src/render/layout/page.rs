//! The GB/T 9704-2012 page: A4, the type area, the grid of 22 lines of 28
//! characters, the type sizes of the body, the title and the folios, and
//! where the folios go.

/// A4 width, millimetres.
pub const PAGE_W_MM: f64 = 210.0;
/// A4 height, millimetres.
pub const PAGE_H_MM: f64 = 297.0;
/// Top margin (天头), millimetres.
pub const TOP_MM: f64 = 37.0;
/// Binding-side margin (订口), millimetres.
pub const LEFT_MM: f64 = 28.0;
/// Type area width (版心), millimetres.
pub const TYPE_W_MM: f64 = 156.0;
/// Type area height, millimetres.
pub const TYPE_H_MM: f64 = 225.0;
/// Lines per page (GB/T 9704 5.2.2).
pub const LINES: u16 = 22;
/// Characters per line.
pub const CHARS: u16 = 28;
/// Body type size in points (3号).
pub const BODY_PT: f64 = 16.0;
/// Title type size in points (2号).
pub const TITLE_PT: f64 = 22.0;
/// Page-number type size in points (4号).
pub const FOLIO_PT: f64 = 14.0;

/// Where page numbers go.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum PageNumbers {
    /// GB/T 9704: odd pages right, even pages left, one character in.
    #[default]
    Alternate,
    /// Centred (single-sided use, a web publication).
    Center,
}
