//! PDF with a text layer (no OCR): the text runs of every page with their
//! positions, rebuilt into lines, and the tables rebuilt from their ruling
//! lines into the exact grid of cells, in the common form of
//! [`lines`](super::lines).
//!
//! Parsing uses `lopdf` (already used, through `printpdf`, to write PDFs):
//! the content streams are decoded here, tracking the text matrix (`Tm`,
//! `Td`, `TJ` …) and the current transformation, and every code is mapped to
//! Unicode through the font's `ToUnicode` CMap (Type0/Identity-H CID fonts
//! as Chinese PDFs use, and simple fonts). Form XObjects (`Do`) are run in
//! place, up to [`MAX_FORM_DEPTH`] deep.
//!
//! A PDF is untrusted: pages, decompressed stream sizes, operators, glyphs,
//! ruling lines and table sizes are bounded, and a parser panic is turned
//! into an error.

use std::collections::HashMap;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Encoding, LoadOptions, Object};

use super::ImportError;
use super::lines::{Extracted, GridCell, VMerge};

/// Most pages read.
pub const MAX_PAGES: usize = 300;
/// Most bytes a stream (page content, object stream, CMap) may decompress to.
pub const MAX_STREAM_BYTES: usize = 16 * 1024 * 1024;
/// Most content-stream operators interpreted in the whole document.
pub const MAX_OPERATIONS: usize = 4_000_000;
/// Most glyphs kept in the whole document.
const MAX_GLYPHS: usize = 2_000_000;
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

fn fail(message: impl Into<String>) -> ImportError {
    ImportError(message.into())
}

/// Whether `bytes` look like a PDF (the `%PDF-` header within the first KiB).
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(1024)]
        .windows(5)
        .any(|w| w == b"%PDF-")
}

/// Extracts the text and tables of a PDF.
pub fn extract(bytes: &[u8]) -> Result<Extracted, ImportError> {
    // lopdf is not written for hostile input everywhere; a panic in it must
    // not reach the user as a crash.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(|| extract_inner(bytes));
    std::panic::set_hook(previous);
    match result {
        Ok(r) => r,
        Err(_) => Err(fail(
            "这个 PDF 的结构无法解析（文件可能已损坏）；请在 PDF 阅读器中另存为文本（.txt）再导入",
        )),
    }
}

fn extract_inner(bytes: &[u8]) -> Result<Extracted, ImportError> {
    let opts = LoadOptions {
        max_decompressed_size: Some(MAX_STREAM_BYTES),
        ..LoadOptions::default()
    };
    let doc = Document::load_mem_with_options(bytes, opts).map_err(|e| match e {
        lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword => fail(
            "这个 PDF 加了密码，无法读取；请用原始文件或在 PDF 阅读器中另存为文本（.txt）再导入",
        ),
        e => fail(format!(
            "这个 PDF 无法解析（{e}）；文件可能已损坏，请在 PDF 阅读器中另存为文本（.txt）再导入"
        )),
    })?;
    if doc.is_encrypted() {
        return Err(fail(
            "这个 PDF 加了密码，无法读取；请用原始文件或在 PDF 阅读器中另存为文本（.txt）再导入",
        ));
    }
    let pages = doc.get_pages();
    if pages.len() > MAX_PAGES {
        return Err(fail(format!(
            "这个 PDF 有 {} 页，超过上限 {MAX_PAGES} 页，不像是一份年报，未导入",
            pages.len()
        )));
    }
    let mut budget = Budget {
        operations: MAX_OPERATIONS,
        glyphs: MAX_GLYPHS,
    };
    let mut out = Flow::default();
    let mut visible = 0usize;
    let mut unknown = 0usize;
    for (&number, &page_id) in &pages {
        let content = doc
            .get_page_content_with_limit(page_id, MAX_STREAM_BYTES)
            .map_err(|_| {
                fail(format!(
                    "这个 PDF 第 {number} 页的内容解压后超过 {} MB，未导入",
                    MAX_STREAM_BYTES / 1024 / 1024
                ))
            })?;
        let ops = Content::decode(&content)
            .map(|c| c.operations)
            .unwrap_or_default();
        let fonts = page_fonts(&doc, page_id)?;
        let xobjects = page_xobjects(&doc, page_id);
        let mut page = Page::default();
        let font_refs: HashMap<Vec<u8>, &Font> =
            fonts.iter().map(|(k, v)| (k.clone(), v)).collect();
        let res = Resources {
            doc: &doc,
            fonts: &font_refs,
            xobjects: &xobjects,
        };
        interpret(&mut page, &res, &ops, IDENTITY, &mut budget, 0)?;
        for g in &page.glyphs {
            visible += 1;
            if g.text.contains('\u{FFFD}') {
                unknown += 1;
            }
        }
        layout(&mut out, number as usize, page);
    }
    if visible == 0 {
        return Err(fail(
            "这个 PDF 没有文字层（可能是扫描件），无法导入；请用 OCR 软件识别出文字并另存为文本（.txt）后再导入，或改用原始的 Word 文档",
        ));
    }
    if unknown * 3 > visible {
        return Err(fail(format!(
            "这个 PDF 中有 {unknown} 个字（共 {visible} 个）无法转换为文字（字体缺少 ToUnicode 映射）；请在 PDF 阅读器中复制全文另存为文本（.txt），或改用原始的 Word 文档"
        )));
    }
    out.flush();
    Ok(out.out)
}

/// A running line of a page, before paragraphs are rebuilt.
struct Running {
    text: String,
    place: String,
    /// Whether it starts at the page's left margin (not indented).
    at_margin: bool,
    /// Whether it runs to the page's right margin (a paragraph that goes on).
    to_right: bool,
}

/// The extracted text as it is built: running lines are joined into
/// paragraphs where a line runs to the right margin and the next one starts
/// at the left margin (also across pages), as a PDF breaks a paragraph at the
/// page width.
#[derive(Default)]
struct Flow {
    out: Extracted,
    pending: Option<Running>,
}

impl Flow {
    fn flush(&mut self) {
        if let Some(p) = self.pending.take() {
            self.out.push_text(&p.text, p.place);
        }
    }

    fn line(&mut self, line: Running) {
        let numbered = {
            let c = super::norm::canon(&line.text);
            super::norm::split_numbering(&c).0.is_some()
        };
        match &mut self.pending {
            Some(p)
                if p.to_right
                    && line.at_margin
                    && !numbered
                    && !p.text.contains('\t')
                    && !line.text.contains('\t') =>
            {
                p.text.push_str(&line.text);
                p.to_right = line.to_right;
            }
            _ => {
                self.flush();
                self.pending = Some(line);
            }
        }
    }
}

/// What is left of the work allowed on one document.
struct Budget {
    operations: usize,
    glyphs: usize,
}

/// A 2-D affine matrix `[a b c d e f]` as in PDF.
type Matrix = [f64; 6];

const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `a` then `b`.
fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn apply(m: &Matrix, x: f64, y: f64) -> (f64, f64) {
    (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5])
}

fn translate(x: f64, y: f64) -> Matrix {
    [1.0, 0.0, 0.0, 1.0, x, y]
}

/// How a font's codes become text and widths.
struct Font<'a> {
    /// Two-byte codes (Type0 fonts).
    cid: bool,
    /// Maps codes to text.
    encoding: Option<Encoding<'a>>,
    /// GBK-encoded codes (predefined GBK CMaps).
    gbk: bool,
    /// UTF-16BE codes (predefined UCS2 CMaps).
    ucs2: bool,
    /// Widths in text-space units (1/1000 em), by code ranges.
    widths: Vec<(u32, u32, f64)>,
    /// Width of codes not listed.
    default_width: f64,
}

impl Font<'_> {
    fn width(&self, code: u32) -> f64 {
        let i = self.widths.partition_point(|(lo, _, _)| *lo <= code);
        match i.checked_sub(1).map(|i| self.widths[i]) {
            Some((_, hi, w)) if code <= hi => w,
            _ => self.default_width,
        }
    }

    /// Splits a string into codes, each with its text.
    fn decode(&self, bytes: &[u8]) -> Vec<(u32, String)> {
        let mut out = Vec::new();
        if self.gbk {
            let mut i = 0;
            while i < bytes.len() {
                let n = if bytes[i] >= 0x81 && i + 1 < bytes.len() {
                    2
                } else {
                    1
                };
                let (t, _, _) = encoding_rs::GBK.decode(&bytes[i..i + n]);
                let code = bytes[i..i + n]
                    .iter()
                    .fold(0u32, |c, b| (c << 8) | u32::from(*b));
                out.push((code, t.into_owned()));
                i += n;
            }
            return out;
        }
        if self.cid {
            for pair in bytes.chunks(2) {
                let code = pair.iter().fold(0u32, |c, b| (c << 8) | u32::from(*b));
                let text = if self.ucs2 {
                    char::from_u32(code).map_or("\u{FFFD}".to_string(), String::from)
                } else {
                    match &self.encoding {
                        Some(Encoding::UnicodeMapEncoding(cmap)) => cmap
                            .get(code, 2)
                            .map_or("\u{FFFD}".to_string(), |u| String::from_utf16_lossy(&u)),
                        _ => "\u{FFFD}".to_string(),
                    }
                };
                out.push((code, text));
            }
            return out;
        }
        for &b in bytes {
            let text = match &self.encoding {
                Some(Encoding::UnicodeMapEncoding(cmap)) => cmap
                    .get(u32::from(b), 1)
                    .map_or_else(|| latin(b), |u| String::from_utf16_lossy(&u)),
                Some(e) => e.bytes_to_string(&[b]).unwrap_or_else(|_| latin(b)),
                None => latin(b),
            };
            out.push((u32::from(b), text));
        }
        out
    }
}

fn latin(b: u8) -> String {
    if b.is_ascii_graphic() || b == b' ' {
        char::from(b).to_string()
    } else {
        "\u{FFFD}".to_string()
    }
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Object> {
    doc.dereference(o).ok().map(|(_, o)| o)
}

fn number(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}

/// The `/W` array of a CID font: `c [w1 w2 …]` and `c_first c_last w`.
fn cid_widths(doc: &Document, w: &[Object]) -> Vec<(u32, u32, f64)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < w.len() && out.len() < 100_000 {
        let Some(first) = deref(doc, &w[i]).and_then(number) else {
            break;
        };
        let first = first.max(0.0) as u32;
        match w.get(i + 1).and_then(|o| deref(doc, o)) {
            Some(Object::Array(list)) => {
                for (k, o) in list.iter().take(100_000).enumerate() {
                    if let Some(v) = number(o) {
                        let c = first.saturating_add(k as u32);
                        out.push((c, c, v));
                    }
                }
                i += 2;
            }
            Some(o) => {
                let last = number(o).unwrap_or(0.0).max(0.0) as u32;
                let v = w
                    .get(i + 2)
                    .and_then(|o| deref(doc, o))
                    .and_then(number)
                    .unwrap_or(1000.0);
                out.push((first, last.max(first), v));
                i += 3;
            }
            None => break,
        }
    }
    out.sort_by_key(|(lo, _, _)| *lo);
    out
}

fn font<'a>(doc: &'a Document, dict: &'a Dictionary) -> Font<'a> {
    let subtype = dict
        .get(b"Subtype")
        .and_then(Object::as_name)
        .unwrap_or(b"");
    let encoding = dict
        .get_font_encoding_with_limit(doc, MAX_STREAM_BYTES)
        .ok();
    if subtype == b"Type0" {
        let enc_name = dict
            .get(b"Encoding")
            .ok()
            .and_then(|o| deref(doc, o))
            .and_then(|o| o.as_name().ok())
            .unwrap_or(b"");
        let gbk = enc_name.starts_with(b"GB");
        let ucs2 = enc_name.starts_with(b"UniGB-UCS2") || enc_name.starts_with(b"UniCNS-UCS2");
        let descendant = dict
            .get(b"DescendantFonts")
            .ok()
            .and_then(|o| deref(doc, o))
            .and_then(|o| o.as_array().ok())
            .and_then(|a| a.first())
            .and_then(|o| deref(doc, o))
            .and_then(|o| o.as_dict().ok());
        let default_width = descendant
            .and_then(|d| d.get(b"DW").ok())
            .and_then(number)
            .unwrap_or(1000.0);
        let widths = descendant
            .and_then(|d| d.get(b"W").ok())
            .and_then(|o| deref(doc, o))
            .and_then(|o| o.as_array().ok())
            .map(|w| cid_widths(doc, w))
            .unwrap_or_default();
        return Font {
            cid: true,
            encoding,
            gbk,
            ucs2,
            widths,
            default_width,
        };
    }
    let first = dict
        .get(b"FirstChar")
        .ok()
        .and_then(number)
        .unwrap_or(0.0)
        .max(0.0) as u32;
    let widths: Vec<(u32, u32, f64)> = dict
        .get(b"Widths")
        .ok()
        .and_then(|o| deref(doc, o))
        .and_then(|o| o.as_array().ok())
        .map(|a| {
            a.iter()
                .take(256)
                .enumerate()
                .filter_map(|(k, o)| {
                    let c = first + k as u32;
                    deref(doc, o).and_then(number).map(|w| (c, c, w))
                })
                .collect()
        })
        .unwrap_or_default();
    Font {
        cid: false,
        encoding,
        gbk: false,
        ucs2: false,
        widths,
        default_width: 500.0,
    }
}

fn page_fonts<'a>(
    doc: &'a Document,
    page: lopdf::ObjectId,
) -> Result<HashMap<Vec<u8>, Font<'a>>, ImportError> {
    let fonts = doc.get_page_fonts(page).unwrap_or_default();
    Ok(fonts
        .into_iter()
        .take(1_000)
        .map(|(name, dict)| (name, font(doc, dict)))
        .collect())
}

/// One shown glyph, in page space (points, y up).
#[derive(Debug, Clone)]
struct Glyph {
    x0: f64,
    x1: f64,
    /// Baseline.
    y: f64,
    /// Font size in page space.
    size: f64,
    text: String,
    /// Line number on the page (1-based), set by the layout.
    line: usize,
}

impl Glyph {
    fn cx(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }
    /// The middle of the glyph's height, for placing it in a ruled cell.
    fn cy(&self) -> f64 {
        self.y + self.size * 0.35
    }
}

/// An axis-parallel ruling line.
#[derive(Debug, Clone, Copy)]
struct Segment {
    /// Vertical (`x0 == x1`) or horizontal.
    vertical: bool,
    /// Position across the line (x of a vertical, y of a horizontal).
    at: f64,
    /// Extent along the line.
    lo: f64,
    hi: f64,
}

#[derive(Default)]
struct Page {
    glyphs: Vec<Glyph>,
    segments: Vec<Segment>,
}

#[derive(Clone)]
struct TextState {
    ctm: Matrix,
    font: Vec<u8>,
    size: f64,
    char_space: f64,
    word_space: f64,
    scale: f64,
    leading: f64,
    rise: f64,
}

fn operand(ops: &[Object], i: usize) -> f64 {
    ops.get(i).and_then(number).unwrap_or(0.0)
}

/// Most form XObjects nested in one another that are entered.
pub const MAX_FORM_DEPTH: usize = 8;

/// What a content stream can refer to by name.
struct Resources<'a, 'd> {
    doc: &'d Document,
    fonts: &'a HashMap<Vec<u8>, &'a Font<'d>>,
    xobjects: &'a HashMap<Vec<u8>, lopdf::ObjectId>,
}

/// The named XObjects of a resource dictionary (or of a page, with the
/// resources it inherits).
fn xobjects_of(doc: &Document, res: &Dictionary, out: &mut HashMap<Vec<u8>, lopdf::ObjectId>) {
    let Some(Object::Dictionary(x)) = res.get(b"XObject").ok().and_then(|o| deref(doc, o)) else {
        return;
    };
    for (name, o) in x.iter().take(1_000) {
        if let Object::Reference(id) = o {
            out.entry(name.clone()).or_insert(*id);
        }
    }
}

fn page_xobjects(doc: &Document, page: lopdf::ObjectId) -> HashMap<Vec<u8>, lopdf::ObjectId> {
    let mut out = HashMap::new();
    if let Ok((direct, ids)) = doc.get_page_resources(page) {
        if let Some(d) = direct {
            xobjects_of(doc, d, &mut out);
        }
        for id in ids.into_iter().take(64) {
            if let Ok(d) = doc.get_dictionary(id) {
                xobjects_of(doc, d, &mut out);
            }
        }
    }
    out
}

/// Runs a form XObject (`Do`): its content in the current state, with its
/// own matrix and resources (falling back to the page's).
fn form(
    page: &mut Page,
    res: &Resources,
    name: &[u8],
    ctm: Matrix,
    budget: &mut Budget,
    depth: usize,
) -> Result<(), ImportError> {
    if depth >= MAX_FORM_DEPTH {
        return Ok(());
    }
    let Some(id) = res.xobjects.get(name) else {
        return Ok(());
    };
    let Ok(stream) = res.doc.get_object(*id).and_then(Object::as_stream) else {
        return Ok(());
    };
    if stream.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Form".as_slice()) {
        return Ok(());
    }
    let content = if stream.dict.get(b"Filter").is_ok() {
        match stream.decompressed_content_with_limit(MAX_STREAM_BYTES) {
            Ok(c) => c,
            Err(_) => {
                return Err(fail(format!(
                    "这个 PDF 中的表单对象解压后超过 {} MB 或已损坏，未导入",
                    MAX_STREAM_BYTES / 1024 / 1024
                )));
            }
        }
    } else {
        stream.content.clone()
    };
    let ops = Content::decode(&content)
        .map(|c| c.operations)
        .unwrap_or_default();
    let mut m = IDENTITY;
    if let Ok(Object::Array(a)) = stream.dict.get(b"Matrix")
        && a.len() == 6
    {
        for (k, o) in a.iter().enumerate() {
            m[k] = number(o).unwrap_or(m[k]);
        }
    }
    let own = stream
        .dict
        .get(b"Resources")
        .ok()
        .and_then(|o| deref(res.doc, o))
        .and_then(|o| o.as_dict().ok());
    let mut fonts: HashMap<Vec<u8>, Font> = HashMap::new();
    let mut xobjects = res.xobjects.clone();
    if let Some(own) = own {
        if let Some(Object::Dictionary(f)) = own.get(b"Font").ok().and_then(|o| deref(res.doc, o)) {
            for (name, o) in f.iter().take(1_000) {
                if let Some(Object::Dictionary(d)) = deref(res.doc, o) {
                    fonts.insert(name.clone(), font(res.doc, d));
                }
            }
        }
        let mut inner = HashMap::new();
        xobjects_of(res.doc, own, &mut inner);
        xobjects.extend(inner);
    }
    let mut merged: HashMap<Vec<u8>, &Font> = res.fonts.clone();
    merged.extend(fonts.iter().map(|(k, v)| (k.clone(), v)));
    let inner = Resources {
        doc: res.doc,
        fonts: &merged,
        xobjects: &xobjects,
    };
    interpret(page, &inner, &ops, mul(&m, &ctm), budget, depth + 1)
}

fn interpret(
    page: &mut Page,
    res: &Resources,
    ops: &[lopdf::content::Operation],
    ctm: Matrix,
    budget: &mut Budget,
    depth: usize,
) -> Result<(), ImportError> {
    let fonts = res.fonts;
    let mut st = TextState {
        ctm,
        font: Vec::new(),
        size: 0.0,
        char_space: 0.0,
        word_space: 0.0,
        scale: 1.0,
        leading: 0.0,
        rise: 0.0,
    };
    let mut stack: Vec<TextState> = Vec::new();
    let mut tm = IDENTITY;
    let mut tlm = IDENTITY;
    // Path being built: segments in page space, and the current point.
    let mut path: Vec<Segment> = Vec::new();
    let mut current: Option<(f64, f64)> = None;
    let mut start: Option<(f64, f64)> = None;
    for op in ops {
        if budget.operations == 0 {
            return Err(fail(format!(
                "这个 PDF 的页面内容超过 {MAX_OPERATIONS} 个绘制指令，不像是一份年报，未导入"
            )));
        }
        budget.operations -= 1;
        let o = &op.operands;
        match op.operator.as_str() {
            "q" if stack.len() < MAX_STACK => stack.push(st.clone()),
            "Q" => {
                if let Some(s) = stack.pop() {
                    st = s;
                }
            }
            "cm" => {
                let m = [
                    operand(o, 0),
                    operand(o, 1),
                    operand(o, 2),
                    operand(o, 3),
                    operand(o, 4),
                    operand(o, 5),
                ];
                st.ctm = mul(&m, &st.ctm);
            }
            "BT" => {
                tm = IDENTITY;
                tlm = IDENTITY;
            }
            "Tf" => {
                st.font = o
                    .first()
                    .and_then(|n| n.as_name().ok())
                    .unwrap_or(b"")
                    .to_vec();
                st.size = operand(o, 1);
            }
            "Tc" => st.char_space = operand(o, 0),
            "Tw" => st.word_space = operand(o, 0),
            "Tz" => st.scale = operand(o, 0) / 100.0,
            "TL" => st.leading = operand(o, 0),
            "Ts" => st.rise = operand(o, 0),
            "Td" | "TD" => {
                if op.operator == "TD" {
                    st.leading = -operand(o, 1);
                }
                tlm = mul(&translate(operand(o, 0), operand(o, 1)), &tlm);
                tm = tlm;
            }
            "Tm" => {
                tlm = [
                    operand(o, 0),
                    operand(o, 1),
                    operand(o, 2),
                    operand(o, 3),
                    operand(o, 4),
                    operand(o, 5),
                ];
                tm = tlm;
            }
            "T*" | "'" | "\"" => {
                if op.operator == "\"" {
                    st.word_space = operand(o, 0);
                    st.char_space = operand(o, 1);
                }
                tlm = mul(&translate(0.0, -st.leading), &tlm);
                tm = tlm;
                let s = match op.operator.as_str() {
                    "'" => o.first(),
                    "\"" => o.get(2),
                    _ => None,
                };
                if let Some(Object::String(bytes, _)) = s {
                    show(page, &st, &mut tm, fonts, bytes, budget);
                }
            }
            "Tj" => {
                if let Some(Object::String(bytes, _)) = o.first() {
                    show(page, &st, &mut tm, fonts, bytes, budget);
                }
            }
            "TJ" => {
                if let Some(Object::Array(items)) = o.first() {
                    for item in items {
                        match item {
                            Object::String(bytes, _) => {
                                show(page, &st, &mut tm, fonts, bytes, budget);
                            }
                            other => {
                                if let Some(n) = number(other) {
                                    let tx = -n / 1000.0 * st.size * st.scale;
                                    tm = mul(&translate(tx, 0.0), &tm);
                                }
                            }
                        }
                    }
                }
            }
            "m" => {
                let p = apply(&st.ctm, operand(o, 0), operand(o, 1));
                current = Some(p);
                start = Some(p);
            }
            "l" => {
                let p = apply(&st.ctm, operand(o, 0), operand(o, 1));
                if let Some(c) = current {
                    push_segment(&mut path, c, p);
                }
                current = Some(p);
            }
            "h" => {
                if let (Some(c), Some(s)) = (current, start) {
                    push_segment(&mut path, c, s);
                }
                current = start;
            }
            "c" | "v" | "y" => {
                let n = o.len();
                if n >= 2 {
                    current = Some(apply(&st.ctm, operand(o, n - 2), operand(o, n - 1)));
                }
            }
            "re" => {
                let (x, y, w, h) = (operand(o, 0), operand(o, 1), operand(o, 2), operand(o, 3));
                let corners = [
                    apply(&st.ctm, x, y),
                    apply(&st.ctm, x + w, y),
                    apply(&st.ctm, x + w, y + h),
                    apply(&st.ctm, x, y + h),
                ];
                for k in 0..4 {
                    push_segment(&mut path, corners[k], corners[(k + 1) % 4]);
                }
                current = Some(corners[0]);
                start = Some(corners[0]);
            }
            "S" | "s" | "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" => {
                let room = MAX_SEGMENTS.saturating_sub(page.segments.len());
                page.segments.extend(path.drain(..).take(room));
                current = None;
            }
            "n" => {
                path.clear();
                current = None;
            }
            "Do" => {
                if let Some(Object::Name(name)) = o.first() {
                    form(page, res, name, st.ctm, budget, depth)?;
                }
            }
            _ => {}
        }
        if path.len() > MAX_SEGMENTS {
            path.truncate(MAX_SEGMENTS);
        }
    }
    Ok(())
}

/// Keeps an axis-parallel segment of the path (ruling lines of tables).
fn push_segment(path: &mut Vec<Segment>, a: (f64, f64), b: (f64, f64)) {
    let (dx, dy) = ((a.0 - b.0).abs(), (a.1 - b.1).abs());
    if !(a.0.is_finite() && a.1.is_finite() && b.0.is_finite() && b.1.is_finite()) {
        return;
    }
    if dx < 0.5 && dy >= 2.0 {
        path.push(Segment {
            vertical: true,
            at: (a.0 + b.0) / 2.0,
            lo: a.1.min(b.1),
            hi: a.1.max(b.1),
        });
    } else if dy < 0.5 && dx >= 2.0 {
        path.push(Segment {
            vertical: false,
            at: (a.1 + b.1) / 2.0,
            lo: a.0.min(b.0),
            hi: a.0.max(b.0),
        });
    }
}

/// Shows a string: one glyph per code, advancing the text matrix.
fn show(
    page: &mut Page,
    st: &TextState,
    tm: &mut Matrix,
    fonts: &HashMap<Vec<u8>, &Font>,
    bytes: &[u8],
    budget: &mut Budget,
) {
    let Some(font) = fonts.get(&st.font) else {
        return;
    };
    for (code, text) in font.decode(bytes) {
        let w = font.width(code) / 1000.0;
        let space = text == " " && (!font.cid || code == 32);
        let m = mul(tm, &st.ctm);
        let (x0, y) = apply(&m, 0.0, st.rise);
        let (x1, _) = apply(&m, w * st.size * st.scale, st.rise);
        let (_, top) = apply(&m, 0.0, st.rise + st.size);
        let size = (top - y).abs();
        let advance =
            (w * st.size + st.char_space + if space { st.word_space } else { 0.0 }) * st.scale;
        *tm = mul(&translate(advance, 0.0), tm);
        let visible = text.chars().any(|c| !c.is_whitespace() && !c.is_control());
        if !visible || budget.glyphs == 0 || !(x0.is_finite() && y.is_finite() && size > 0.1) {
            continue;
        }
        budget.glyphs -= 1;
        page.glyphs.push(Glyph {
            x0: x0.min(x1),
            x1: x0.max(x1),
            y,
            size,
            text: text.chars().filter(|c| !c.is_control()).collect(),
            line: 0,
        });
    }
}

/// Sorted positions merged within [`RULE_TOL`].
fn cluster(mut v: Vec<f64>) -> Vec<f64> {
    v.sort_by(f64::total_cmp);
    let mut out: Vec<f64> = Vec::new();
    for x in v {
        match out.last() {
            Some(l) if x - l <= RULE_TOL => {}
            _ => out.push(x),
        }
    }
    out
}

/// A ruled table found on a page.
struct Table {
    /// Column boundaries, left to right.
    xs: Vec<f64>,
    /// Row boundaries, top to bottom.
    ys: Vec<f64>,
    /// Vertical rules by column boundary (`xs` index).
    vertical: Vec<Vec<Segment>>,
    /// Horizontal rules by row boundary (`ys` index).
    horizontal: Vec<Vec<Segment>>,
}

impl Table {
    fn contains(&self, g: &Glyph) -> bool {
        let (x, y) = (g.cx(), g.cy());
        x > self.xs[0]
            && x < self.xs[self.xs.len() - 1]
            && y < self.ys[0]
            && y > self.ys[self.ys.len() - 1]
    }

    fn top(&self) -> f64 {
        self.ys[0]
    }

    /// Whether a vertical rule at boundary `i` crosses height `y`.
    fn has_v(&self, i: usize, y: f64) -> bool {
        self.vertical[i]
            .iter()
            .any(|s| s.lo - RULE_TOL <= y && y <= s.hi + RULE_TOL)
    }

    /// Whether a horizontal rule at boundary `j` crosses `x`.
    fn has_h(&self, j: usize, x: f64) -> bool {
        self.horizontal[j]
            .iter()
            .any(|s| s.lo - RULE_TOL <= x && x <= s.hi + RULE_TOL)
    }
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        parent[ra.max(rb)] = ra.min(rb);
    }
}

/// Groups the ruling lines of a page into tables: lines that touch or cross
/// belong to one table; a table needs two columns and a row at least.
fn tables(segments: &[Segment]) -> Vec<Table> {
    let n = segments.len();
    let mut parent: Vec<usize> = (0..n).collect();
    let touches = |a: &Segment, b: &Segment| -> bool {
        if a.vertical == b.vertical {
            (a.at - b.at).abs() <= RULE_TOL && a.lo <= b.hi + RULE_TOL && b.lo <= a.hi + RULE_TOL
        } else {
            a.lo - RULE_TOL <= b.at
                && b.at <= a.hi + RULE_TOL
                && b.lo - RULE_TOL <= a.at
                && a.at <= b.hi + RULE_TOL
        }
    };
    // Sorted by position along x (vertical) or by left end (horizontal), so
    // that only nearby pairs are compared.
    let mut order: Vec<usize> = (0..n).collect();
    let left = |s: &Segment| if s.vertical { s.at } else { s.lo };
    let right = |s: &Segment| if s.vertical { s.at } else { s.hi };
    order.sort_by(|&a, &b| left(&segments[a]).total_cmp(&left(&segments[b])));
    for (k, &i) in order.iter().enumerate() {
        let r = right(&segments[i]) + RULE_TOL;
        for &j in &order[k + 1..] {
            if left(&segments[j]) > r {
                break;
            }
            if touches(&segments[i], &segments[j]) {
                union(&mut parent, i, j);
            }
        }
    }
    let mut groups: HashMap<usize, Vec<Segment>> = HashMap::new();
    for (i, s) in segments.iter().enumerate() {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().push(*s);
    }
    let mut out = Vec::new();
    for segs in groups.into_values() {
        let (vertical, horizontal): (Vec<Segment>, Vec<Segment>) =
            segs.into_iter().partition(|s| s.vertical);
        let xs = cluster(vertical.iter().map(|s| s.at).collect());
        let mut ys = cluster(horizontal.iter().map(|s| s.at).collect());
        ys.reverse();
        if xs.len() < 3 || ys.len() < 2 || xs.len() > MAX_GRID.0 + 1 || ys.len() > MAX_GRID.1 + 1 {
            continue;
        }
        let nearest = |v: &[f64], at: f64| {
            v.iter()
                .enumerate()
                .min_by(|a, b| (a.1 - at).abs().total_cmp(&(b.1 - at).abs()))
                .map_or(0, |(i, _)| i)
        };
        let mut by_x = vec![Vec::new(); xs.len()];
        for s in vertical {
            by_x[nearest(&xs, s.at)].push(s);
        }
        let mut by_y = vec![Vec::new(); ys.len()];
        for s in horizontal {
            by_y[nearest(&ys, s.at)].push(s);
        }
        out.push(Table {
            xs,
            ys,
            vertical: by_x,
            horizontal: by_y,
        });
    }
    out
}

/// Joins glyphs (in reading order) into text: a space where the gap is wide,
/// nothing between lines of Chinese text.
fn join(glyphs: &[&Glyph]) -> String {
    let mut out = String::new();
    let mut prev: Option<&Glyph> = None;
    for g in glyphs {
        if let Some(p) = prev {
            let ascii = |s: &str| s.chars().all(|c| c.is_ascii_alphanumeric());
            if p.line == g.line {
                if g.x0 - p.x1 > g.size.max(p.size) * 0.3 {
                    out.push(' ');
                }
            } else if ascii(&p.text) && ascii(&g.text) {
                out.push(' ');
            }
        }
        out.push_str(&g.text);
        prev = Some(g);
    }
    out
}

/// Whether a line holds only a page number (`- 3 -`, `第 3 页`, `3/10`).
fn page_number(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    !t.is_empty()
        && t.chars().any(|c| c.is_ascii_digit())
        && t.chars().all(|c| {
            c.is_ascii_digit() || matches!(c, '-' | '—' | '－' | '第' | '页' | '共' | '/' | '／')
        })
}

/// Rebuilds the lines and tables of a page and adds them to `out`.
fn layout(flow: &mut Flow, page_no: usize, mut page: Page) {
    // Lines: glyphs sorted top to bottom, a new line where the baseline moves
    // by more than a third of the text size.
    page.glyphs
        .sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x0.total_cmp(&b.x0)));
    let mut line = 0;
    let mut base: Option<(f64, f64)> = None;
    for g in &mut page.glyphs {
        match base {
            Some((y, size)) if (y - g.y).abs() <= size.max(g.size) * 0.35 => {}
            _ => {
                line += 1;
                base = Some((g.y, g.size));
            }
        }
        g.line = line;
    }
    let glyphs = page.glyphs;
    let mut tables = tables(&page.segments);
    tables.truncate(MAX_TABLES);
    let in_table: Vec<Option<usize>> = glyphs
        .iter()
        .map(|g| tables.iter().position(|t| t.contains(g)))
        .collect();

    // Items of the page in reading order: (top y, running line or table).
    enum Item {
        Line(usize),
        Table(usize),
    }
    let mut items: Vec<(f64, Item)> = Vec::new();
    let mut seen_line = 0;
    for (i, g) in glyphs.iter().enumerate() {
        if in_table[i].is_none() && g.line != seen_line {
            seen_line = g.line;
            items.push((g.y, Item::Line(g.line)));
        }
    }
    for (k, t) in tables.iter().enumerate() {
        items.push((t.top(), Item::Table(k)));
    }
    items.sort_by(|a, b| b.0.total_cmp(&a.0));
    let last_line = glyphs.last().map_or(0, |g| g.line);
    // Running glyphs and table glyphs, grouped once.
    let mut by_line: Vec<Vec<&Glyph>> = vec![Vec::new(); last_line + 1];
    let mut by_table: Vec<Vec<&Glyph>> = vec![Vec::new(); tables.len()];
    for (g, t) in glyphs.iter().zip(&in_table) {
        match t {
            Some(k) => by_table[*k].push(g),
            None => by_line[g.line].push(g),
        }
    }
    // Margins of the running text.
    let running = || {
        glyphs
            .iter()
            .zip(&in_table)
            .filter(|(_, t)| t.is_none())
            .map(|(g, _)| g)
    };
    let left = running().map(|g| g.x0).fold(f64::INFINITY, f64::min);
    let right = running().map(|g| g.x1).fold(f64::NEG_INFINITY, f64::max);
    for (_, item) in items {
        match item {
            Item::Line(l) => {
                let mut parts: Vec<&Glyph> = std::mem::take(&mut by_line[l]);
                parts.sort_by(|a, b| a.x0.total_cmp(&b.x0));
                // Wide gaps split the line into cells (a table without rules).
                let mut chunks: Vec<Vec<&Glyph>> = Vec::new();
                for g in parts {
                    match chunks.last_mut() {
                        Some(c)
                            if g.x0 - c[c.len() - 1].x1
                                <= 1.5 * g.size.max(c[c.len() - 1].size) =>
                        {
                            c.push(g);
                        }
                        _ => chunks.push(vec![g]),
                    }
                }
                let text = chunks
                    .iter()
                    .map(|c| join(c))
                    .collect::<Vec<_>>()
                    .join("\t");
                if (l == 1 || l == last_line) && page_number(&text) {
                    continue;
                }
                let (Some(first), Some(last)) = (chunks.first(), chunks.last()) else {
                    continue;
                };
                let (first, last) = (first[0], last[last.len() - 1]);
                flow.line(Running {
                    text,
                    place: format!("第 {page_no} 页第 {l} 行"),
                    at_margin: first.x0 <= left + first.size * 0.5,
                    to_right: last.x1 >= right - last.size * 1.5,
                });
            }
            Item::Table(k) => {
                flow.flush();
                table_rows(&mut flow.out, page_no, &tables[k], &by_table[k]);
            }
        }
    }
}

/// Rebuilds a ruled table: elementary cells between the rules, merged where
/// a rule is missing, each with the text inside it.
fn table_rows(out: &mut Extracted, page_no: usize, t: &Table, glyphs: &[&Glyph]) {
    let (nx, ny) = (t.xs.len() - 1, t.ys.len() - 1);
    let id = |i: usize, j: usize| j * nx + i;
    let mut parent: Vec<usize> = (0..nx * ny).collect();
    for j in 0..ny {
        let ymid = (t.ys[j] + t.ys[j + 1]) / 2.0;
        for i in 0..nx {
            let xmid = (t.xs[i] + t.xs[i + 1]) / 2.0;
            if i + 1 < nx && !t.has_v(i + 1, ymid) {
                union(&mut parent, id(i, j), id(i + 1, j));
            }
            if j + 1 < ny && !t.has_h(j + 1, xmid) {
                union(&mut parent, id(i, j), id(i, j + 1));
            }
        }
    }
    // Extent of every merged cell: (first col, last col, first row, last row).
    let mut extent: HashMap<usize, (usize, usize, usize, usize)> = HashMap::new();
    for j in 0..ny {
        for i in 0..nx {
            let r = find(&mut parent, id(i, j));
            let e = extent.entry(r).or_insert((i, i, j, j));
            e.0 = e.0.min(i);
            e.1 = e.1.max(i);
            e.2 = e.2.min(j);
            e.3 = e.3.max(j);
        }
    }
    let mut texts: HashMap<usize, Vec<&Glyph>> = HashMap::new();
    for g in glyphs {
        let i =
            t.xs.partition_point(|x| *x < g.cx())
                .saturating_sub(1)
                .min(nx - 1);
        let j =
            t.ys.partition_point(|y| *y > g.cy())
                .saturating_sub(1)
                .min(ny - 1);
        let r = find(&mut parent, id(i, j));
        texts.entry(r).or_default().push(g);
    }
    for v in texts.values_mut() {
        v.sort_by(|a, b| a.line.cmp(&b.line).then(a.x0.total_cmp(&b.x0)));
    }
    // Where each row is: the first line of text in it.
    let mut row_line: Vec<Option<usize>> = vec![None; ny];
    for (r, gs) in &texts {
        if let (Some(e), Some(g)) = (extent.get(r), gs.first()) {
            let slot = &mut row_line[e.2];
            *slot = Some(slot.map_or(g.line, |l| l.min(g.line)));
        }
    }
    let mut grid: Vec<Vec<GridCell>> = Vec::with_capacity(ny);
    for j in 0..ny {
        let mut row = Vec::new();
        let mut i = 0;
        while i < nx {
            let r = find(&mut parent, id(i, j));
            let (c0, c1, r0, r1) = extent[&r];
            if c0 != i {
                // A merged cell that is not a rectangle: take its part here.
                i += 1;
                continue;
            }
            let text = texts.get(&r).map(|g| join(g)).unwrap_or_default();
            let vmerge = if r0 < j {
                VMerge::Continue
            } else if r1 > j {
                VMerge::Restart
            } else {
                VMerge::None
            };
            row.push(GridCell {
                text: if r0 < j { String::new() } else { text },
                col: i,
                span: c1 - c0 + 1,
                vmerge,
            });
            i = c1 + 1;
        }
        grid.push(row);
    }
    let fallback = row_line.iter().flatten().next().copied().unwrap_or(1);
    out.push_grid(&grid, |r, c| {
        let line = row_line[r]
            .or_else(|| row_line[..r].iter().rev().flatten().next().copied())
            .unwrap_or(fallback);
        format!("第 {page_no} 页第 {line} 行（表格第 {} 列）", c + 1)
    });
}
