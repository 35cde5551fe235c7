//! The agency's 造字 font (`--font 造字=FILE`): the font a 造字 program
//! keeps its characters in, in the private use area (on Windows the EUDC
//! font, `C:\Windows\Fonts\EUDC.TTE`). A 造字 it has is printed from it:
//! the PDF and the OFD embed its glyph, the web page carries the font
//! (`@font-face`), the Word document embeds it (`word/fonts`), the Markdown
//! keeps the character. A 造字 it lacks prints as its code
//! (`printable::zaozi_mark`) and the report is a draft.

use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diag::{Diagnostic, codes};
use crate::source::{SourceFile, is_private_use};

/// Largest 造字 font taken: a 造字 program's font holds the agency's own
/// characters (at most the 6,400 of the EUDC range, a few hundred KB); the
/// web page and the Word document carry it whole.
pub const MAX_ZAOZI_FILE: u64 = 8 * 1024 * 1024;

/// A 造字 font, read once: its bytes, its name and the private-use
/// characters it draws.
#[derive(Clone)]
pub struct ZaoziFont {
    /// Where it was read from.
    pub path: PathBuf,
    /// Its family name (as the Word document names it).
    pub family: String,
    /// The file's bytes (face 0 is used).
    pub bytes: Arc<[u8]>,
    /// The private-use characters it has a glyph for.
    pub covers: BTreeSet<char>,
}

impl fmt::Debug for ZaoziFont {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ZaoziFont")
            .field("path", &self.path)
            .field("family", &self.family)
            .field("covers", &self.covers.len())
            .finish()
    }
}

impl PartialEq for ZaoziFont {
    fn eq(&self, other: &Self) -> bool {
        self.path == other.path && self.bytes == other.bytes
    }
}

impl Eq for ZaoziFont {}

/// Why a 造字 font cannot be used, in Chinese.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZaoziError {
    /// The file.
    pub path: PathBuf,
    /// Why.
    pub reason: String,
}

impl fmt::Display for ZaoziError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "造字字体“{}”不能使用：{}",
            self.path.display(),
            self.reason
        )
    }
}

impl std::error::Error for ZaoziError {}

impl ZaoziFont {
    /// Reads the 造字 font at `path`: a TrueType or OpenType file (`.tte`,
    /// `.ttf`, `.otf`) with at least one private-use character, that may
    /// be embedded.
    pub fn load(path: &Path) -> Result<ZaoziFont, ZaoziError> {
        let fail = |reason: String| ZaoziError {
            path: path.to_path_buf(),
            reason,
        };
        let bytes = crate::files::read_limited(path, MAX_ZAOZI_FILE, "造字字体文件")
            .map_err(|e| fail(e.message))?;
        let face = ttf_parser::Face::parse(&bytes, 0)
            .map_err(|e| fail(format!("不是 TrueType/OpenType 字体文件（{e}）")))?;
        if face.permissions() == Some(ttf_parser::Permissions::Restricted)
            || !face.is_subsetting_allowed()
        {
            return Err(fail("字体的许可禁止嵌入".into()));
        }
        let mut covers = BTreeSet::new();
        if let Some(cmap) = face.tables().cmap {
            for sub in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
                sub.codepoints(|cp| {
                    if let Some(c) = char::from_u32(cp)
                        && is_private_use(c)
                        && sub.glyph_index(cp).is_some_and(|g| g.0 != 0)
                    {
                        covers.insert(c);
                    }
                });
            }
        }
        if covers.is_empty() {
            return Err(fail(
                "其中没有私用区（U+E000–U+F8FF）的字，不是造字程序的字体".into(),
            ));
        }
        let family = family_name(&face).unwrap_or_else(|| "EUDC".into());
        Ok(ZaoziFont {
            path: path.to_path_buf(),
            family,
            bytes: Arc::from(bytes),
            covers,
        })
    }

    /// Whether `c` is printed from this font.
    pub fn has(&self, c: char) -> bool {
        self.covers.contains(&c)
    }
}

/// The font's family name, in English when it has one (the name a Word
/// document's run refers to).
fn family_name(face: &ttf_parser::Face) -> Option<String> {
    use ttf_parser::name_id::{FAMILY, TYPOGRAPHIC_FAMILY};
    let names: Vec<_> = face
        .names()
        .into_iter()
        .filter(|n| [FAMILY, TYPOGRAPHIC_FAMILY].contains(&n.name_id) && n.is_unicode())
        .collect();
    names
        .iter()
        .find(|n| n.language_id == 0x0409)
        .or(names.first())
        .and_then(|n| n.to_string())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty() && !s.contains(['"', '\'', ';', '<', '>', '&', '\\']))
}

/// Whether the finding `d` of `file`, a GLYPH or a TEXT-PUA, names only
/// 造字 that `font` prints: it is then no finding (the character prints,
/// and the report is no draft for it). A bullet opening a line is never
/// printed from the font (it becomes a list item's mark), so its finding
/// stays.
pub fn printed_by(font: &ZaoziFont, d: &Diagnostic, file: &SourceFile) -> bool {
    if ![codes::GLYPH, codes::TEXT_PUA].contains(&d.code) {
        return false;
    }
    let Some(span) = d.span else {
        return false;
    };
    let Some(text) = file.text.get(span.offset..span.offset + span.len) else {
        return false;
    };
    if text.is_empty() || !text.chars().all(|c| font.has(c)) {
        return false;
    }
    let before = file.text.get(..span.offset).unwrap_or("");
    let line = before.rsplit('\n').next().unwrap_or("");
    !line.chars().all(|c| matches!(c, ' ' | '\u{3000}' | '\t'))
}

/// The private-use characters of `chars` that `font` prints (none without
/// a font).
pub fn kept(font: Option<&ZaoziFont>) -> BTreeSet<char> {
    font.map(|f| f.covers.clone()).unwrap_or_default()
}

/// The web page's `@font-face` rule of `font`, the whole file as a
/// `data:` URL, for the characters it covers only (`unicode-range`): the
/// style sheet names its family, `nianbao-zaozi`, first in every face.
pub fn font_face(font: &ZaoziFont) -> String {
    let mime = if font.bytes.starts_with(b"OTTO") {
        "font/otf"
    } else {
        "font/ttf"
    };
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    for &c in &font.covers {
        match ranges.last_mut() {
            Some((_, end)) if *end + 1 == c as u32 => *end = c as u32,
            _ => ranges.push((c as u32, c as u32)),
        }
    }
    let ranges: Vec<String> = ranges
        .iter()
        .map(|&(a, b)| {
            if a == b {
                format!("U+{a:04X}")
            } else {
                format!("U+{a:04X}-{b:04X}")
            }
        })
        .collect();
    format!(
        "@font-face {{ font-family: \"nianbao-zaozi\"; src: url(data:{mime};base64,{}); unicode-range: {}; }}",
        base64(&font.bytes),
        ranges.join(", ")
    )
}

/// `bytes` in base64 (RFC 4648, padded), for the web page's `data:` URL.
pub fn base64(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(char::from(DIGITS[(n >> (18 - 6 * k) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_pads() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foob"), "Zm9vYg==");
    }
}
