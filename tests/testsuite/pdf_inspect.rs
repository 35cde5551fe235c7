//! PDFs read back in-process, so that the PDF tests need nothing installed:
//! text lines with their boxes (what `pdftotext -bbox-layout` gives), the
//! text of each page (`pdftotext`), physical lines (`pdftotext -layout`),
//! the fonts (`pdffonts`), the document information (`pdfinfo`) and the
//! operators of each page (`qpdf --qdf`). The glyphs come from the
//! importer's content interpreter ([`nianbao::import::pdf::placed_glyphs`]);
//! the rest follows the PDF standard through lopdf.
//!
//! The external tools stay as cross-checks through [`external`]: skipped
//! with a message when missing, required under CI (`CI` set).

#![allow(dead_code)]

use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::process::Command;

use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document, Object, ObjectId};
use nianbao::import::pdf::{PlacedGlyph, PlacedPage, placed_glyphs};

/// Glyphs further apart than this (in em) are in different words: poppler's
/// `minWordBreakSpace`.
const WORD_BREAK: f64 = 0.1;
/// Words further apart than this (in em) are in different lines (a table's
/// neighbouring cells): poppler's `minColSpacing2`, its least gap between
/// columns.
const COLUMN_BREAK: f64 = 1.0;
/// Baselines closer than this (in points) are the same baseline.
const SAME_BASELINE: f64 = 0.5;
/// Deepest form XObject nesting followed.
const MAX_FORM_DEPTH: usize = 8;

/// A PDF read back.
pub(crate) struct Pdf {
    /// The parsed document.
    pub(crate) doc: Document,
    /// Every page with its glyphs.
    pub(crate) pages: Vec<PlacedPage>,
}

/// One text line: glyphs on one baseline with no column gap between them;
/// coordinates as pdftotext gives them (points, from the page's top-left).
#[derive(Debug, Clone)]
pub(crate) struct TextLine {
    /// Page index, from 0.
    pub(crate) page: usize,
    /// Left edge.
    pub(crate) x0: f64,
    /// Top of the highest font box.
    pub(crate) y0: f64,
    /// Right edge.
    pub(crate) x1: f64,
    /// Bottom of the lowest font box.
    pub(crate) y1: f64,
    /// The baseline.
    pub(crate) base: f64,
    /// Font size of its first glyph.
    pub(crate) size: f64,
    /// The words, joined without spaces.
    pub(crate) text: String,
    /// The words, with a space where the gap between them is wide.
    pub(crate) spaced: String,
}

/// One font of a document, as pdffonts lists it.
#[derive(Debug, Clone)]
pub(crate) struct FontRow {
    /// `BaseFont`, with its subset tag.
    pub(crate) name: String,
    /// `Subtype` (of the descendant font for a Type 0 font).
    pub(crate) kind: String,
    /// Whether a font program is embedded.
    pub(crate) embedded: bool,
    /// Whether the name carries a subset tag (`ABCDEF+`).
    pub(crate) subset: bool,
    /// Whether the font has a `ToUnicode` map.
    pub(crate) to_unicode: bool,
}

/// Reads the PDF at `path`; panics naming the file when it cannot.
pub(crate) fn read(path: &Path) -> Pdf {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    read_bytes(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Reads a PDF from memory.
pub(crate) fn read_bytes(bytes: &[u8]) -> Result<Pdf, String> {
    let pages = placed_glyphs(bytes).map_err(|e| e.to_string())?;
    let doc = Document::load_mem(bytes).map_err(|e| e.to_string())?;
    Ok(Pdf { doc, pages })
}

impl Pdf {
    /// The number of pages.
    pub(crate) fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// The text lines of every page, in reading order.
    pub(crate) fn lines(&self) -> Vec<TextLine> {
        let mut out = Vec::new();
        for (n, page) in self.pages.iter().enumerate() {
            out.extend(reading_order(page_lines(n, page)));
        }
        out
    }

    /// Every glyph as a line of its own, in pdftotext's coordinates.
    pub(crate) fn glyph_boxes(&self) -> Vec<TextLine> {
        self.pages
            .iter()
            .enumerate()
            .flat_map(|(n, page)| page.glyphs.iter().map(move |g| placed_line(n, page, g)))
            .collect()
    }

    /// The text of each page, one line per text line.
    pub(crate) fn page_texts(&self) -> Vec<String> {
        let lines = self.lines();
        (0..self.pages.len())
            .map(|n| {
                lines
                    .iter()
                    .filter(|l| l.page == n)
                    .map(|l| format!("{}\n", l.spaced))
                    .collect()
            })
            .collect()
    }

    /// The text of the document, pages ended by a form feed as pdftotext
    /// ends them.
    pub(crate) fn text(&self) -> String {
        self.page_texts()
            .iter()
            .map(|p| format!("{p}\u{c}"))
            .collect()
    }

    /// The physical lines of page `n`: every text line on one baseline,
    /// left to right, separated by spaces.
    pub(crate) fn layout_lines(&self, n: usize) -> Vec<String> {
        let mut lines = page_lines(n, &self.pages[n]);
        lines.sort_by(|a, b| a.base.total_cmp(&b.base));
        let mut rows: Vec<Vec<TextLine>> = Vec::new();
        for l in lines {
            match rows.last_mut() {
                Some(row) if (row[0].base - l.base).abs() < 2.0 => row.push(l),
                _ => rows.push(vec![l]),
            }
        }
        rows.into_iter()
            .map(|mut row| {
                row.sort_by(|a, b| a.x0.total_cmp(&b.x0));
                row.iter()
                    .map(|l| l.spaced.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    /// The font names that page `n` (or a form it draws) selects with `Tf`
    /// but neither the page's resources nor its forms' define (poppler:
    /// "Unknown font tag").
    pub(crate) fn undefined_fonts(&self, n: usize) -> Vec<String> {
        let id = *self.doc.get_pages().values().nth(n).expect("a page");
        let mut defined = HashSet::new();
        let mut resources: Vec<&Dictionary> = Vec::new();
        if let Ok((direct, inherited)) = self.doc.get_page_resources(id) {
            resources.extend(direct);
            resources.extend(
                inherited
                    .into_iter()
                    .filter_map(|r| self.doc.get_dictionary(r).ok()),
            );
        }
        let mut seen = HashSet::new();
        while let Some(res) = resources.pop() {
            defined.extend(
                self.entries(res, b"Font")
                    .into_iter()
                    .map(|(k, _)| k.to_vec()),
            );
            for (_, x) in self.entries(res, b"XObject") {
                if let Object::Reference(r) = x
                    && !seen.insert(*r)
                {
                    continue;
                }
                if let Ok((_, Object::Stream(s))) = self.doc.dereference(x)
                    && let Some(inner) = s.dict.get(b"Resources").ok().and_then(|r| self.dict(r))
                {
                    resources.push(inner);
                }
            }
        }
        self.operations(n)
            .iter()
            .filter(|op| op.operator == "Tf")
            .filter_map(|op| op.operands.first()?.as_name().ok())
            .filter(|name| !defined.contains(*name))
            .map(|name| String::from_utf8_lossy(name).into_owned())
            .collect()
    }

    /// An entry of the document information dictionary, decoded.
    pub(crate) fn info(&self, key: &str) -> Option<String> {
        let info = self.doc.trailer.get(b"Info").ok()?;
        let info = self.doc.dereference(info).ok()?.1.as_dict().ok()?;
        let value = self.doc.dereference(info.get(key.as_bytes()).ok()?).ok()?.1;
        lopdf::decode_text_string(value).ok()
    }

    /// The fonts of every page (and of the forms they draw), each once,
    /// in the order pages use them.
    pub(crate) fn fonts(&self) -> Vec<FontRow> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for id in self.doc.get_pages().into_values() {
            let Ok((direct, inherited)) = self.doc.get_page_resources(id) else {
                continue;
            };
            let mut dicts: Vec<&Dictionary> = direct.into_iter().collect();
            dicts.extend(
                inherited
                    .into_iter()
                    .filter_map(|r| self.doc.get_dictionary(r).ok()),
            );
            for res in dicts {
                self.fonts_of(res, &mut seen, &mut out, 0);
            }
        }
        out
    }

    /// Adds the fonts of a resource dictionary, and of its forms, to `out`.
    fn fonts_of(
        &self,
        res: &Dictionary,
        seen: &mut HashSet<ObjectId>,
        out: &mut Vec<FontRow>,
        depth: usize,
    ) {
        for (_, font) in self.entries(res, b"Font") {
            if let Object::Reference(id) = font
                && !seen.insert(*id)
            {
                continue;
            }
            if let Some(d) = self.dict(font) {
                out.push(self.font_row(d));
            }
        }
        if depth >= MAX_FORM_DEPTH {
            return;
        }
        for (_, x) in self.entries(res, b"XObject") {
            if let Object::Reference(id) = x
                && !seen.insert(*id)
            {
                continue;
            }
            let Some(Object::Stream(s)) = self.doc.dereference(x).ok().map(|(_, o)| o) else {
                continue;
            };
            if let Some(inner) = s.dict.get(b"Resources").ok().and_then(|r| self.dict(r)) {
                self.fonts_of(inner, seen, out, depth + 1);
            }
        }
    }

    /// The entries of the sub-dictionary `key` of a resource dictionary.
    fn entries<'a>(&'a self, res: &'a Dictionary, key: &[u8]) -> Vec<(&'a [u8], &'a Object)> {
        res.get(key)
            .ok()
            .and_then(|o| self.dict(o))
            .map(|d| d.iter().map(|(k, v)| (k.as_slice(), v)).collect())
            .unwrap_or_default()
    }

    /// `o` as a dictionary, through a reference.
    fn dict<'a>(&'a self, o: &'a Object) -> Option<&'a Dictionary> {
        self.doc.dereference(o).ok()?.1.as_dict().ok()
    }

    /// What pdffonts says of one font dictionary.
    fn font_row(&self, font: &Dictionary) -> FontRow {
        let name_of = |d: &Dictionary, key: &[u8]| {
            d.get(key)
                .ok()
                .and_then(|o| self.doc.dereference(o).ok())
                .and_then(|(_, o)| o.as_name().ok())
                .map(|n| String::from_utf8_lossy(n).into_owned())
                .unwrap_or_default()
        };
        let name = name_of(font, b"BaseFont");
        // A Type 0 font's program and descriptor are its descendant's.
        let descendant = font
            .get(b"DescendantFonts")
            .ok()
            .and_then(|o| self.doc.dereference(o).ok())
            .and_then(|(_, o)| o.as_array().ok())
            .and_then(|a| a.first())
            .and_then(|o| self.dict(o));
        let program = descendant.unwrap_or(font);
        let embedded = program
            .get(b"FontDescriptor")
            .ok()
            .and_then(|o| self.dict(o))
            .is_some_and(|d| {
                [&b"FontFile"[..], b"FontFile2", b"FontFile3"]
                    .iter()
                    .any(|k| d.has(k))
            });
        let tag = name.split_once('+').map_or("", |(t, _)| t);
        FontRow {
            subset: tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()),
            kind: name_of(program, b"Subtype"),
            embedded: embedded || name_of(font, b"Subtype") == "Type3",
            to_unicode: font.has(b"ToUnicode"),
            name,
        }
    }

    /// The operators of page `n` (from 0), with the content of every form
    /// XObject it draws (`Do`) in place of the `Do`.
    pub(crate) fn operations(&self, n: usize) -> Vec<Operation> {
        let id = *self.doc.get_pages().values().nth(n).expect("a page");
        let ops = self
            .doc
            .get_and_decode_page_content(id)
            .expect("page content")
            .operations;
        let mut xobjects = Vec::new();
        if let Ok((direct, inherited)) = self.doc.get_page_resources(id) {
            xobjects.extend(
                direct
                    .map(|d| self.entries(d, b"XObject"))
                    .unwrap_or_default(),
            );
            for r in inherited {
                if let Ok(d) = self.doc.get_dictionary(r) {
                    xobjects.extend(self.entries(d, b"XObject"));
                }
            }
        }
        let mut out = Vec::new();
        self.expand(ops, &xobjects, &mut out, 0);
        out
    }

    /// Appends `ops` to `out`, each `Do` of a form replaced by its operators.
    fn expand(
        &self,
        ops: Vec<Operation>,
        xobjects: &[(&[u8], &Object)],
        out: &mut Vec<Operation>,
        depth: usize,
    ) {
        for op in ops {
            let called = (op.operator == "Do" && depth < MAX_FORM_DEPTH)
                .then(|| op.operands.first()?.as_name().ok())
                .flatten()
                .and_then(|name| xobjects.iter().find(|(k, _)| *k == name))
                .and_then(|(_, o)| self.doc.dereference(o).ok())
                .and_then(|(_, o)| o.as_stream().ok())
                .filter(|s| s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Form"));
            let Some(form) = called else {
                out.push(op);
                continue;
            };
            let bytes = form
                .decompressed_content()
                .unwrap_or_else(|_| form.content.clone());
            let inner = Content::decode(&bytes).expect("form content").operations;
            let mut names = xobjects.to_vec();
            if let Some(res) = form.dict.get(b"Resources").ok().and_then(|r| self.dict(r)) {
                names.splice(0..0, self.entries(res, b"XObject"));
            }
            self.expand(inner, &names, out, depth + 1);
        }
    }
}

/// A number object as `f64` (0 for anything else).
fn number(o: &Object) -> f64 {
    match o {
        Object::Integer(n) => *n as f64,
        Object::Real(r) => f64::from(*r),
        _ => 0.0,
    }
}

/// The widths of a CID font by CID, per 1000 em: its `/W` array, both
/// forms (`c [w1 w2 …]` and `c_first c_last w`).
pub(crate) fn cid_widths(doc: &Document, cid_font: &Dictionary) -> BTreeMap<u32, f64> {
    let mut out = BTreeMap::new();
    let Ok(w) = cid_font.get_deref(b"W", doc).and_then(Object::as_array) else {
        return out;
    };
    let item = |i: usize| doc.dereference(&w[i]).map(|(_, o)| o);
    let mut i = 0;
    while i + 1 < w.len() {
        let first = item(i).map(number).unwrap_or(0.0) as u32;
        if let Ok(Object::Array(list)) = item(i + 1) {
            for (k, v) in list.iter().enumerate() {
                out.insert(first + k as u32, number(v));
            }
            i += 2;
        } else if i + 2 < w.len() {
            let last = item(i + 1).map(number).unwrap_or(0.0) as u32;
            let width = item(i + 2).map(number).unwrap_or(0.0);
            for c in first..=last {
                out.insert(c, width);
            }
            i += 3;
        } else {
            break;
        }
    }
    out
}

/// The text a font's `ToUnicode` map gives each of `codes` (two-byte codes
/// of a Type 0 font); codes it does not map are left out.
pub(crate) fn to_unicode(
    doc: &Document,
    font: &Dictionary,
    codes: impl Iterator<Item = u32>,
) -> BTreeMap<u32, String> {
    let Ok(stream) = font
        .get_deref(b"ToUnicode", doc)
        .and_then(Object::as_stream)
    else {
        return BTreeMap::new();
    };
    // The map alone, whatever the font's /Encoding says.
    let mut plain = Dictionary::new();
    plain.set("Type", Object::Name(b"Font".to_vec()));
    plain.set("ToUnicode", Object::Stream(stream.clone()));
    let Ok(lopdf::Encoding::UnicodeMapEncoding(cmap)) = plain.get_font_encoding(doc) else {
        return BTreeMap::new();
    };
    codes
        .filter_map(|c| Some((c, String::from_utf16(&cmap.get(c, 2)?).ok()?)))
        .collect()
}

/// One glyph as a text line of its own, in pdftotext's coordinates.
fn placed_line(n: usize, page: &PlacedPage, g: &PlacedGlyph) -> TextLine {
    let (left, top) = (page.bounds[0], page.bounds[3]);
    TextLine {
        page: n,
        x0: g.x0 - left,
        y0: top - g.top,
        x1: g.x1 - left,
        y1: top - g.bottom,
        base: top - g.baseline,
        size: g.size,
        text: g.text.clone(),
        spaced: g.text.clone(),
    }
}

/// The text lines of one page, in no particular order: glyphs on one
/// baseline, of sizes within a fifth of each other, split where the gap
/// between them is wider than [`COLUMN_BREAK`].
fn page_lines(n: usize, page: &PlacedPage) -> Vec<TextLine> {
    let top = page.bounds[3];
    let left = page.bounds[0];
    let mut glyphs: Vec<&PlacedGlyph> = page.glyphs.iter().collect();
    glyphs.sort_by(|a, b| b.baseline.total_cmp(&a.baseline));
    let mut rows: Vec<Vec<&PlacedGlyph>> = Vec::new();
    for g in glyphs {
        match rows.last_mut() {
            Some(row) if (row[0].baseline - g.baseline).abs() < SAME_BASELINE => row.push(g),
            _ => rows.push(vec![g]),
        }
    }
    let mut out = Vec::new();
    for mut row in rows {
        row.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let mut line: Option<TextLine> = None;
        let mut prev: Option<&PlacedGlyph> = None;
        for g in row {
            let (y0, y1) = (top - g.top, top - g.bottom);
            let (x0, x1) = (g.x0 - left, g.x1 - left);
            let gap = prev.map_or(f64::INFINITY, |p| g.x0 - p.x1);
            let em = prev.map_or(g.size, |p| p.size.max(g.size));
            let near_size = prev.is_some_and(|p| (p.size - g.size).abs() < 0.2 * em);
            match &mut line {
                Some(l) if gap < COLUMN_BREAK * em && near_size => {
                    if gap > WORD_BREAK * em {
                        l.spaced.push(' ');
                    }
                    l.text.push_str(&g.text);
                    l.spaced.push_str(&g.text);
                    (l.x1, l.y0, l.y1) = (l.x1.max(x1), l.y0.min(y0), l.y1.max(y1));
                }
                _ => {
                    out.extend(line.take());
                    line = Some(TextLine {
                        page: n,
                        x0,
                        y0,
                        x1,
                        y1,
                        base: top - g.baseline,
                        size: g.size,
                        text: g.text.clone(),
                        spaced: g.text.clone(),
                    });
                }
            }
            prev = Some(g);
        }
        out.extend(line);
    }
    out
}

/// Lines top to bottom; those on one baseline left to right.
fn reading_order(mut lines: Vec<TextLine>) -> Vec<TextLine> {
    lines.sort_by(|a, b| a.base.total_cmp(&b.base));
    let mut out: Vec<TextLine> = Vec::with_capacity(lines.len());
    let mut start = 0;
    for i in 0..=lines.len() {
        if i == lines.len() || (lines[i].base - lines[start].base).abs() >= 2.0 {
            let mut group = lines[start..i].to_vec();
            group.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            out.extend(group);
            start = i;
        }
    }
    out
}

/// Runs an external tool as a cross-check; its standard output. When the
/// tool is not installed: `None` and a message, or a failure under CI.
/// A tool that runs and fails is a failure.
pub(crate) fn external(name: &str, args: &[&str]) -> Option<String> {
    let out = match Command::new(name).args(args).output() {
        Ok(out) => out,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            assert!(
                std::env::var_os("CI").is_none(),
                "{name} is required under CI (apt-get install poppler-utils qpdf)"
            );
            eprintln!(
                "跳过与 {name} 的交叉核对：未安装 {name}（apt-get install poppler-utils qpdf）"
            );
            return None;
        }
        Err(e) => panic!("{name}: {e}"),
    };
    assert!(
        out.status.success(),
        "{name} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// A glyph of `text` at `x` on `baseline`, 10 pt, one em wide.
fn glyph(text: &str, x: f64, baseline: f64) -> PlacedGlyph {
    PlacedGlyph {
        text: text.into(),
        x0: x,
        x1: x + 10.0,
        baseline,
        size: 10.0,
        top: baseline + 8.0,
        bottom: baseline - 2.0,
        advance: 10.0,
        char_space: 0.0,
        adjust: 0.0,
    }
}

#[test]
fn lines_break_at_a_column_gap_and_read_top_down() {
    let page = PlacedPage {
        bounds: [0.0, 0.0, 200.0, 100.0],
        glyphs: vec![
            // Drawn bottom line first; a word gap (2 pt) and a column gap
            // (12 pt) on the top line.
            glyph("下", 0.0, 50.0),
            glyph("甲", 0.0, 80.0),
            glyph("乙", 12.0, 80.0),
            glyph("丙", 34.0, 80.2),
        ],
    };
    let lines = reading_order(page_lines(0, &page));
    let texts: Vec<(&str, &str)> = lines
        .iter()
        .map(|l| (l.text.as_str(), l.spaced.as_str()))
        .collect();
    assert_eq!(texts, [("甲乙", "甲 乙"), ("丙", "丙"), ("下", "下")]);
    // pdftotext's coordinates: from the top, the font box.
    let first = &lines[0];
    assert_eq!(
        [first.x0, first.y0, first.x1, first.y1],
        [0.0, 12.0, 22.0, 22.0]
    );
}
