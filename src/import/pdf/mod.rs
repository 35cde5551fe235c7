//! PDF with a text layer (no OCR): the text runs of every page with their
//! positions, rebuilt into lines, and the tables rebuilt from their ruling
//! lines into the exact grid of cells, in the common form of
//! [`lines`](super::lines).
//!
//! The objects are read by `hayro-syntax` (typst's author's PDF reader: the
//! cross-reference table or stream, repaired when broken, object streams,
//! and decryption with the empty user password that "encrypted" government
//! PDFs often have); every stream the importer reads is decoded by
//! `filters` within the limits. One job per module: `guard` (object
//! streams bounded before parsing), `filters`, `ops` (a content stream's
//! operators), `cmap` (ToUnicode CMaps), `encoding` (simple fonts'
//! encodings), `fonts` (fonts: codes → text and widths),
//! `content` (the content interpreter: glyphs with positions, ruling
//! segments; form XObjects run in place, up to [`MAX_FORM_DEPTH`] deep),
//! `page` (what a page holds), `rules` (ruling lines → tables → grid),
//! `layout` (glyphs → lines → paragraphs, in reading order), `columns` (the
//! figures of a borderless table's short rows placed under their columns by
//! position) and `inspect`
//! (the placed glyphs of every page, for reading a PDF back as it prints).
//!
//! A PDF is untrusted: pages, decompressed stream sizes, operators, glyphs,
//! ruling lines and table sizes are bounded, and a parser panic is turned
//! into an error.

mod cmap;
mod columns;
mod content;
mod encoding;
mod filters;
mod fonts;
mod guard;
mod inspect;
mod layout;
mod ops;
mod page;
mod rules;

pub use content::text_string;
pub use guard::{
    MAX_ALL_STREAMS_BYTES, MAX_ANY_STREAM_BYTES, MAX_DICTIONARIES, MAX_OBJECT_STREAM_BYTES,
};
pub use inspect::{PlacedGlyph, PlacedPage, placed_glyphs};

use hayro_syntax::{LoadPdfError, Pdf};

use super::ImportError;
use super::error::Limit;
use super::lines::Extracted;
use content::Budget;
use layout::Flow;

/// Most pages read.
pub const MAX_PAGES: usize = 300;
/// Most bytes a stream (page content, object stream, CMap) may decompress to.
pub const MAX_STREAM_BYTES: usize = 16 * 1024 * 1024;
/// Most content-stream operators interpreted in the whole document.
pub const MAX_OPERATIONS: usize = 4_000_000;
/// Content-stream operators allowed per byte of the file (compressed
/// content holds a few operators a byte; a report's PDF also carries its
/// fonts), and at least [`MIN_OPERATIONS`]: a 24 KB file of 2.7 million
/// `(1)Tj` held 900 MB of decoded operators and glyphs before its text ran
/// out.
pub const OPERATIONS_PER_BYTE: usize = 16;
/// The operators any file is allowed, however small.
pub const MIN_OPERATIONS: usize = 200_000;

/// The operators a file of `file_bytes` bytes may run, in all.
pub fn operations_allowed(file_bytes: usize) -> usize {
    file_bytes
        .saturating_mul(OPERATIONS_PER_BYTE)
        .clamp(MIN_OPERATIONS, MAX_OPERATIONS)
}
/// Most decompressed content (pages and forms, each form once) of one document.
pub const MAX_CONTENT_BYTES: usize = 64 * 1024 * 1024;
/// Most form XObjects run in one document (a form drawing itself fans out).
pub const MAX_FORM_RUNS: usize = 20_000;
/// Most form XObjects nested in one another that are entered.
pub const MAX_FORM_DEPTH: usize = 8;
/// Most glyphs kept in the whole document.
const MAX_GLYPHS: usize = 2_000_000;
/// Most characters of text produced from one document (every code's
/// mapping, every `ActualText`, each time it is drawn), whatever its size.
pub const MAX_TEXT_CHARS: usize = 4_000_000;
/// Most characters of text produced per byte of the file: a report's PDF
/// gives a few characters per byte at most (its text compressed, its
/// fonts embedded), a ToUnicode map that gives one code hundreds of
/// characters or an `ActualText` drawn in a form run thousands of times
/// gives far more.
pub const TEXT_PER_BYTE: usize = 64;
/// Most ruling-line segments kept on one page.
const MAX_SEGMENTS: usize = 5_000;
/// Deepest `q` nesting honoured.
const MAX_STACK: usize = 256;
/// Most grid columns and rows of one table on one page (a bigger one is read
/// as running text).
const MAX_GRID: (usize, usize) = (64, 400);
/// Most tables on one page.
const MAX_TABLES: usize = 200;
/// Positions closer than this (in points) are the same ruling line.
const RULE_TOL: f64 = 1.5;

/// Whether `bytes` look like a PDF (the `%PDF-` header within the first KiB).
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(1024)]
        .windows(5)
        .any(|w| w == b"%PDF-")
}

/// Extracts the text and tables of a PDF.
pub fn extract(bytes: &[u8]) -> Result<Extracted, ImportError> {
    guarded(|| extract_inner(bytes))
}

/// Runs `f` with a parser panic turned into [`ImportError::PdfDamaged`]:
/// the parser is not written for hostile input everywhere, and a panic in it must
/// not reach the user as a crash. The panic is not printed; panics on other
/// threads meanwhile still are (the hook is installed once and stays quiet
/// only on a thread inside `guarded`, where swapping hooks per call would
/// race with a parallel call and could silence the process for good).
fn guarded<T>(f: impl FnOnce() -> Result<T, ImportError>) -> Result<T, ImportError> {
    thread_local! {
        static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
    let outer = QUIET.with(|q| q.replace(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    QUIET.with(|q| q.set(outer));
    match result {
        Ok(r) => r,
        Err(_) => Err(ImportError::PdfDamaged { detail: None }),
    }
}

/// Parses a PDF whose object streams are within the limits; refuses one
/// encrypted with a password (an empty user password is no password) and
/// one of more than [`MAX_PAGES`] pages.
fn load(bytes: &[u8]) -> Result<Pdf, ImportError> {
    guard::check(bytes)?;
    let doc = Pdf::new(bytes.to_vec()).map_err(|e| match e {
        LoadPdfError::Decryption(_) => ImportError::PdfEncrypted,
        LoadPdfError::Invalid => ImportError::PdfDamaged { detail: None },
    })?;
    let pages = doc.pages().len();
    if pages > MAX_PAGES {
        return Err(Limit::PdfPages {
            count: pages,
            max: MAX_PAGES,
        }
        .into());
    }
    Ok(doc)
}

fn extract_inner(bytes: &[u8]) -> Result<Extracted, ImportError> {
    let doc = load(bytes)?;
    let mut budget = Budget::new(bytes.len());
    let cache = content::Cache::default();
    let mut flow = Flow::default();
    let mut visible = 0usize;
    let mut unknown = 0usize;
    for (number, pdf_page) in (1u32..).zip(doc.pages().iter()) {
        let page = content::run_page(pdf_page, number, &mut budget, &cache)?;
        for g in &page.glyphs {
            visible += 1;
            if g.text.contains('\u{FFFD}') {
                unknown += 1;
            }
        }
        layout::layout(&mut flow, number as usize, page);
    }
    if visible == 0 {
        return Err(ImportError::PdfNoText);
    }
    if unknown * 3 > visible {
        return Err(ImportError::PdfNoUnicode { unknown, visible });
    }
    Ok(flow.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The operators a file may run go by its size: a 24 KB file of 2.7
    /// million `(1)Tj` (compressed) held 900 MB before its text ran out.
    #[test]
    fn operators_allowed_go_by_the_file_s_size() {
        assert_eq!(operations_allowed(0), MIN_OPERATIONS);
        assert_eq!(operations_allowed(24_209), 24_209 * OPERATIONS_PER_BYTE);
        assert!(operations_allowed(24_209) < 2_700_000);
        assert_eq!(operations_allowed(usize::MAX), MAX_OPERATIONS);
    }

    #[test]
    fn a_panic_inside_is_a_damaged_pdf_and_results_pass_through() {
        let damaged = guarded::<()>(|| panic!("the parser gave up"));
        assert!(matches!(
            damaged,
            Err(ImportError::PdfDamaged { detail: None })
        ));
        // Nested, and again after a panic: values come through unchanged.
        let nested = guarded(|| guarded(|| Ok(7)));
        assert_eq!(nested.ok(), Some(7));
        assert!(matches!(
            guarded::<()>(|| Err(ImportError::PdfNoText)),
            Err(ImportError::PdfNoText)
        ));
    }
}
