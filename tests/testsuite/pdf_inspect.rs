//! PDFs read back in-process, so that the PDF tests need nothing installed:
//! text lines with their boxes (what `pdftotext -bbox-layout` gives), the
//! text of each page (`pdftotext`), physical lines (`pdftotext -layout`),
//! the fonts (`pdffonts`), the document information (`pdfinfo`) and the
//! operators of each page (`qpdf --qdf`). The glyphs come from the
//! importer's content interpreter ([`nianbao::import::pdf::placed_glyphs`]);
//! the rest follows the PDF standard through hayro-syntax, the importer's
//! object reader.
//!
//! The external tools stay as cross-checks through [`external`]: skipped
//! with a message when missing, required under CI (`CI` set).

#![allow(dead_code)]

use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::process::Command;

use hayro_syntax::content::UntypedIter;
use hayro_syntax::object::{
    Array, Dict, MaybeRef, Name, Object, ObjectIdentifier, Stream, String as PdfString,
};
use nianbao::import::pdf::{PlacedGlyph, PlacedPage, placed_glyphs, text_string};

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
    pub(crate) doc: hayro_syntax::Pdf,
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

/// An operand of a content-stream operator, as far as the tests look.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Operand {
    /// A number.
    Number(f64),
    /// A name, without its slash.
    Name(Vec<u8>),
    /// Anything else.
    Other,
}

impl Operand {
    /// The number, if it is one.
    pub(crate) fn number(&self) -> Option<f64> {
        match self {
            Operand::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// The name, if it is one.
    pub(crate) fn name(&self) -> Option<&[u8]> {
        match self {
            Operand::Name(n) => Some(n),
            _ => None,
        }
    }
}

/// A content-stream operator with its operands (what `qpdf --qdf` shows).
#[derive(Debug, Clone)]
pub(crate) struct Operation {
    /// The operator.
    pub(crate) operator: String,
    /// Its operands.
    pub(crate) operands: Vec<Operand>,
}

/// The operators of a content stream.
fn decode_content(bytes: &[u8]) -> Vec<Operation> {
    let mut iter = UntypedIter::new(bytes);
    let mut out = Vec::new();
    while let Some(op) = iter.next() {
        out.push(Operation {
            operator: String::from_utf8_lossy(&op.operator[..]).into_owned(),
            operands: op
                .operands()
                .map(|o| match o {
                    Object::Number(n) => Operand::Number(n.as_f64()),
                    Object::Name(n) => Operand::Name(n.to_vec()),
                    _ => Operand::Other,
                })
                .collect(),
        });
    }
    out
}

/// Reads the PDF at `path`; panics naming the file when it cannot.
pub(crate) fn read(path: &Path) -> Pdf {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    read_bytes(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Reads a PDF from memory.
pub(crate) fn read_bytes(bytes: &[u8]) -> Result<Pdf, String> {
    let pages = placed_glyphs(bytes).map_err(|e| e.to_string())?;
    let doc = hayro_syntax::Pdf::new(bytes.to_vec()).map_err(|e| format!("{e:?}"))?;
    Ok(Pdf { doc, pages })
}

impl Pdf {
    /// The number of pages.
    pub(crate) fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// The document catalog.
    pub(crate) fn catalog(&self) -> Dict<'_> {
        self.doc
            .xref()
            .get::<Dict<'_>>(self.doc.xref().root_id())
            .expect("a catalog")
    }

    /// Every object of the document.
    pub(crate) fn objects(&self) -> Vec<Object<'_>> {
        self.doc.objects().into_iter().collect()
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

    /// The resource dictionaries of page `n` and of the forms it draws
    /// (each form once), as (fonts, XObjects) pairs.
    fn resources(&self, n: usize) -> Vec<(Dict<'_>, Dict<'_>)> {
        let page = &self.doc.pages()[n];
        let res = page.resources();
        let mut out = vec![(res.fonts.clone(), res.x_objects.clone())];
        let mut seen = HashSet::new();
        let mut at = 0;
        while at < out.len() && at < 1_000 {
            let xobjects = out[at].1.clone();
            at += 1;
            for (name, entry) in xobjects.entries() {
                if let MaybeRef::Ref(r) = entry
                    && !seen.insert(ObjectIdentifier::from(r))
                {
                    continue;
                }
                let Some(form) = xobjects.get::<Stream<'_>>(name.as_ref()) else {
                    continue;
                };
                if let Some(inner) = form.dict().get::<Dict<'_>>(b"Resources") {
                    out.push((
                        inner.get::<Dict<'_>>(b"Font").unwrap_or_default(),
                        inner.get::<Dict<'_>>(b"XObject").unwrap_or_default(),
                    ));
                }
            }
        }
        out
    }

    /// The font names that page `n` (or a form it draws) selects with `Tf`
    /// but neither the page's resources nor its forms' define (poppler:
    /// "Unknown font tag").
    pub(crate) fn undefined_fonts(&self, n: usize) -> Vec<String> {
        let defined: HashSet<Vec<u8>> = self
            .resources(n)
            .iter()
            .flat_map(|(fonts, _)| fonts.keys().map(|k| k.to_vec()).collect::<Vec<_>>())
            .collect();
        self.operations(n)
            .iter()
            .filter(|op| op.operator == "Tf")
            .filter_map(|op| op.operands.first()?.name().map(<[u8]>::to_vec))
            .filter(|name| !defined.contains(name))
            .map(|name| String::from_utf8_lossy(&name).into_owned())
            .collect()
    }

    /// An entry of the document information dictionary, decoded (the
    /// creation date as `D:YYYYMMDDHHmmSS`).
    pub(crate) fn info(&self, key: &str) -> Option<String> {
        let m = self.doc.metadata();
        if key == "CreationDate" {
            let d = m.creation_date?;
            return Some(format!(
                "D:{:04}{:02}{:02}{:02}{:02}{:02}",
                d.year, d.month, d.day, d.hour, d.minute, d.second
            ));
        }
        let value = match key {
            "Title" => &m.title,
            "Author" => &m.author,
            "Subject" => &m.subject,
            "Keywords" => &m.keywords,
            "Creator" => &m.creator,
            "Producer" => &m.producer,
            _ => return None,
        };
        value.as_deref().map(text_string)
    }

    /// The fonts of every page (and of the forms they draw), each once,
    /// in the order pages use them.
    pub(crate) fn fonts(&self) -> Vec<FontRow> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for n in 0..self.doc.pages().len() {
            for (fonts, _) in self.resources(n) {
                for (name, entry) in fonts.entries() {
                    if let MaybeRef::Ref(r) = entry
                        && !seen.insert(ObjectIdentifier::from(r))
                    {
                        continue;
                    }
                    if let Some(d) = fonts.get::<Dict<'_>>(name.as_ref()) {
                        out.push(font_row(&d));
                    }
                }
            }
        }
        out
    }

    /// The operators of page `n` (from 0), with the content of every form
    /// XObject it draws (`Do`) in place of the `Do`.
    pub(crate) fn operations(&self, n: usize) -> Vec<Operation> {
        let page = &self.doc.pages()[n];
        let ops = decode_content(page.page_stream().expect("page content"));
        let mut out = Vec::new();
        expand(ops, &[page.resources().x_objects.clone()], &mut out, 0);
        out
    }
}

/// Appends `ops` to `out`, each `Do` of a form replaced by its operators
/// (`xobjects`: the XObject dictionaries in scope, innermost first).
fn expand(ops: Vec<Operation>, xobjects: &[Dict<'_>], out: &mut Vec<Operation>, depth: usize) {
    for op in ops {
        let called = (op.operator == "Do" && depth < MAX_FORM_DEPTH)
            .then(|| op.operands.first()?.name().map(<[u8]>::to_vec))
            .flatten()
            .and_then(|name| xobjects.iter().find_map(|x| x.get::<Stream<'_>>(&name)))
            .filter(|s| s.dict().get::<Name<'_>>(b"Subtype").as_deref() == Some(&b"Form"[..]));
        let Some(form) = called else {
            out.push(op);
            continue;
        };
        let bytes = form.decoded().expect("form content");
        let inner = decode_content(&bytes);
        let mut names = xobjects.to_vec();
        if let Some(x) = form
            .dict()
            .get::<Dict<'_>>(b"Resources")
            .and_then(|r| r.get::<Dict<'_>>(b"XObject"))
        {
            names.insert(0, x);
        }
        expand(inner, &names, out, depth + 1);
    }
}

/// A name entry of a dictionary as text ("" when missing).
fn name_of(d: &Dict<'_>, key: &[u8]) -> String {
    d.get::<Name<'_>>(key)
        .map(|n| String::from_utf8_lossy(&n).into_owned())
        .unwrap_or_default()
}

/// The first descendant font of a Type 0 font.
pub(crate) fn descendant<'a>(font: &Dict<'a>) -> Option<Dict<'a>> {
    font.get::<Array<'_>>(b"DescendantFonts")?
        .iter::<Dict<'_>>()
        .next()
}

/// What pdffonts says of one font dictionary.
fn font_row(font: &Dict<'_>) -> FontRow {
    let name = name_of(font, b"BaseFont");
    // A Type 0 font's program and descriptor are its descendant's.
    let program = descendant(font).unwrap_or_else(|| font.clone());
    let embedded = program.get::<Dict<'_>>(b"FontDescriptor").is_some_and(|d| {
        [&b"FontFile"[..], b"FontFile2", b"FontFile3"]
            .iter()
            .any(|k| d.contains_key(k))
    });
    let tag = name.split_once('+').map_or("", |(t, _)| t);
    FontRow {
        subset: tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()),
        kind: name_of(&program, b"Subtype"),
        embedded: embedded || name_of(font, b"Subtype") == "Type3",
        to_unicode: font.contains_key(b"ToUnicode"),
        name,
    }
}

/// A number object as `f64` (0 for anything else).
fn number(o: &Object<'_>) -> f64 {
    match o {
        Object::Number(n) => n.as_f64(),
        _ => 0.0,
    }
}

/// The widths of a CID font by CID, per 1000 em: its `/W` array, both
/// forms (`c [w1 w2 …]` and `c_first c_last w`).
pub(crate) fn cid_widths(cid_font: &Dict<'_>) -> BTreeMap<u32, f64> {
    let mut out = BTreeMap::new();
    let Some(w) = cid_font.get::<Array<'_>>(b"W") else {
        return out;
    };
    let w: Vec<Object<'_>> = w.iter::<Object<'_>>().collect();
    let mut i = 0;
    while i + 1 < w.len() {
        let first = number(&w[i]) as u32;
        if let Object::Array(list) = &w[i + 1] {
            for (k, v) in list.iter::<Object<'_>>().enumerate() {
                out.insert(first + k as u32, number(&v));
            }
            i += 2;
        } else if i + 2 < w.len() {
            let last = number(&w[i + 1]) as u32;
            let width = number(&w[i + 2]);
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
/// of a Type 0 font); codes it does not map are left out. Reads the
/// `bfchar` and `bfrange` sections as nianbao writes them.
pub(crate) fn to_unicode(
    font: &Dict<'_>,
    codes: impl Iterator<Item = u32>,
) -> BTreeMap<u32, String> {
    let Some(stream) = font.get::<Stream<'_>>(b"ToUnicode") else {
        return BTreeMap::new();
    };
    let map = cmap_entries(&stream.decoded().expect("a ToUnicode map"));
    codes
        .filter_map(|c| Some((c, map.get(&c)?.clone())))
        .collect()
}

/// The mappings of a ToUnicode CMap, code by code.
fn cmap_entries(bytes: &[u8]) -> BTreeMap<u32, String> {
    let text = String::from_utf8_lossy(bytes);
    let hex = |s: &str| -> Vec<u8> {
        let digits: Vec<u8> = s
            .chars()
            .filter_map(|c| c.to_digit(16).map(|d| d as u8))
            .collect();
        digits
            .chunks(2)
            .map(|p| (p[0] << 4) | p.get(1).unwrap_or(&0))
            .collect()
    };
    let utf16 = |bytes: &[u8]| -> Vec<u16> {
        bytes
            .chunks(2)
            .map(|p| u16::from_be_bytes([p[0], *p.get(1).unwrap_or(&0)]))
            .collect()
    };
    let code = |bytes: &[u8]| bytes.iter().fold(0u32, |c, &b| (c << 8) | u32::from(b));
    let mut out = BTreeMap::new();
    for (section, ranged) in [("bfchar", false), ("bfrange", true)] {
        for part in text.split(&format!("begin{section}")).skip(1) {
            let body = part.split(&format!("end{section}")).next().unwrap_or("");
            let items: Vec<&str> = body
                .split('<')
                .skip(1)
                .map(|s| s.split('>').next().unwrap_or(""))
                .collect();
            let step = if ranged { 3 } else { 2 };
            for group in items.chunks(step).filter(|g| g.len() == step) {
                let (lo, hi) = (code(&hex(group[0])), code(&hex(group[step - 2])));
                let dst = utf16(&hex(group[step - 1]));
                for c in lo..=hi.min(lo + 0xFFFF) {
                    let mut units = dst.clone();
                    if let Some(last) = units.last_mut() {
                        *last += (c - lo) as u16;
                    }
                    out.insert(c, String::from_utf16_lossy(&units));
                }
            }
        }
    }
    out
}

/// The catalog entry `key` as a dictionary.
pub(crate) fn catalog_dict<'a>(catalog: &Dict<'a>, key: &[u8]) -> Option<Dict<'a>> {
    catalog.get::<Dict<'_>>(key)
}

/// A string entry of a dictionary, as bytes.
pub(crate) fn string_of(d: &Dict<'_>, key: &[u8]) -> Option<Vec<u8>> {
    d.get::<PdfString<'_>>(key).map(|s| s.as_bytes().to_vec())
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
