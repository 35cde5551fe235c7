//! The content interpreter: runs a page's content stream, and the form
//! XObjects it calls in place (up to [`MAX_FORM_DEPTH`] deep), tracking the
//! current transformation and the text matrix (`Tm`, `Td`, `TJ` …), and
//! collects what is drawn: every glyph with its position, and the
//! axis-parallel segments of painted paths (the ruling lines of tables).

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document, Object, ObjectId};

use super::fonts::{Font, FontCache};
use super::page::{Glyph, Page, Segment};
use super::{
    MAX_CONTENT_BYTES, MAX_FORM_DEPTH, MAX_FORM_RUNS, MAX_OPERATIONS, MAX_SEGMENTS, MAX_STACK,
    MAX_STREAM_BYTES, deref, number,
};
use crate::import::error::{ImportError, Limit};

/// What is left of the work allowed on one document.
pub(super) struct Budget {
    /// Content-stream operators.
    pub(super) operations: usize,
    /// Glyphs kept.
    pub(super) glyphs: usize,
    /// Decompressed content bytes (pages and forms) decoded.
    pub(super) bytes: usize,
    /// Form XObjects run.
    pub(super) forms: usize,
}

impl Budget {
    /// The whole budget of one document.
    pub(super) fn new() -> Budget {
        Budget {
            operations: MAX_OPERATIONS,
            glyphs: super::MAX_GLYPHS,
            bytes: MAX_CONTENT_BYTES,
            forms: MAX_FORM_RUNS,
        }
    }
}

/// What is read once per document: fonts (with their CMaps) and the
/// decoded operators of each form XObject.
#[derive(Default)]
pub(super) struct Cache<'d> {
    /// Fonts by object.
    fonts: FontCache<'d>,
    /// Decoded form XObjects by object.
    forms: RefCell<HashMap<ObjectId, Rc<Vec<Operation>>>>,
}

/// Decodes a content stream within the budget: its bytes count against the
/// document's decoded bytes, and its operators (counted on the bytes first,
/// so that a stream of millions of operators is refused before it is
/// decoded) against the operators left.
fn decode(content: &[u8], budget: &mut Budget) -> Result<Vec<Operation>, ImportError> {
    budget.bytes = budget
        .bytes
        .checked_sub(content.len())
        .ok_or(Limit::ContentBytes {
            max: MAX_CONTENT_BYTES,
        })?;
    if count_operators(content) > budget.operations {
        return Err(Limit::Operations {
            max: MAX_OPERATIONS,
        }
        .into());
    }
    Ok(Content::decode(content)
        .map(|c| c.operations)
        .unwrap_or_default())
}

/// An upper bound on the operators of a content stream, in one pass over its
/// bytes: the bare words (strings, hex strings, names and comments skipped).
fn count_operators(bytes: &[u8]) -> usize {
    let mut count = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'(' => {
                let mut depth = 0usize;
                while i < bytes.len() {
                    match bytes[i] {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                i += 1;
            }
            b'<' if bytes.get(i + 1) != Some(&b'<') => {
                i += bytes[i..]
                    .iter()
                    .position(|&c| c == b'>')
                    .unwrap_or(bytes.len());
            }
            b'%' => {
                i += bytes[i..]
                    .iter()
                    .position(|&c| c == b'\n' || c == b'\r')
                    .unwrap_or(bytes.len());
            }
            b'/' => {
                i += 1;
                while i < bytes.len() && is_regular(bytes[i]) {
                    i += 1;
                }
            }
            c if c.is_ascii_alphabetic() || c == b'\'' || c == b'"' => {
                count += 1;
                while i < bytes.len() && is_regular(bytes[i]) {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    count
}

/// A PDF regular character (neither whitespace nor a delimiter).
fn is_regular(c: u8) -> bool {
    !c.is_ascii_whitespace() && !b"()<>[]{}/%\0".contains(&c)
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

/// Where `m` puts the point `(x, y)`.
fn apply(m: &Matrix, x: f64, y: f64) -> (f64, f64) {
    (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5])
}

/// A translation by `(x, y)`.
fn translate(x: f64, y: f64) -> Matrix {
    [1.0, 0.0, 0.0, 1.0, x, y]
}

/// The six operands of `cm` or `Tm` as a matrix.
fn matrix(o: &[Object]) -> Matrix {
    [
        operand(o, 0),
        operand(o, 1),
        operand(o, 2),
        operand(o, 3),
        operand(o, 4),
        operand(o, 5),
    ]
}

/// The graphics and text state that `q`/`Q` save and restore.
#[derive(Clone)]
struct TextState {
    /// Current transformation matrix.
    ctm: Matrix,
    /// Name of the current font.
    font: Vec<u8>,
    /// Font size (`Tf`).
    size: f64,
    /// Character spacing (`Tc`).
    char_space: f64,
    /// Word spacing (`Tw`).
    word_space: f64,
    /// Horizontal scaling (`Tz`), as a factor.
    scale: f64,
    /// Leading (`TL`).
    leading: f64,
    /// Text rise (`Ts`).
    rise: f64,
}

/// Operand `i` as a number (0 when missing or not a number).
fn operand(ops: &[Object], i: usize) -> f64 {
    ops.get(i).and_then(number).unwrap_or(0.0)
}

/// Runs the content of one page and returns what it draws.
pub(super) fn run_page<'d>(
    doc: &'d Document,
    page_id: lopdf::ObjectId,
    page_no: u32,
    budget: &mut Budget,
    cache: &Cache<'d>,
) -> Result<Page, ImportError> {
    let content = doc
        .get_page_content_with_limit(page_id, MAX_STREAM_BYTES)
        .map_err(|_| Limit::PageContent {
            page: page_no,
            max: MAX_STREAM_BYTES,
        })?;
    let ops = decode(&content, budget)?;
    let fonts = cache.fonts.page_fonts(doc, page_id)?;
    let xobjects = page_xobjects(doc, page_id);
    let mut page = Page::default();
    let res = Resources {
        doc,
        fonts: &fonts,
        xobjects: &xobjects,
        cache,
    };
    interpret(&mut page, &res, &ops, IDENTITY, budget, 0)?;
    Ok(page)
}

/// What a content stream can refer to by name.
struct Resources<'a, 'd> {
    /// The document, to look objects up in.
    doc: &'d Document,
    /// Fonts by name.
    fonts: &'a HashMap<Vec<u8>, Rc<Font<'d>>>,
    /// Form XObjects by name.
    xobjects: &'a HashMap<Vec<u8>, lopdf::ObjectId>,
    /// What the document's pages share.
    cache: &'a Cache<'d>,
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

/// The named XObjects of a page.
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
    budget.forms = budget
        .forms
        .checked_sub(1)
        .ok_or(Limit::FormRuns { max: MAX_FORM_RUNS })?;
    let cached = res.cache.forms.borrow().get(id).cloned();
    let ops = match cached {
        Some(ops) => ops,
        None => {
            let content = if stream.dict.get(b"Filter").is_ok() {
                stream
                    .decompressed_content_with_limit(MAX_STREAM_BYTES)
                    .map_err(|_| Limit::FormContent {
                        max: MAX_STREAM_BYTES,
                    })?
            } else {
                stream.content.clone()
            };
            let ops = Rc::new(decode(&content, budget)?);
            res.cache.forms.borrow_mut().insert(*id, ops.clone());
            ops
        }
    };
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
    let mut fonts = HashMap::new();
    let mut xobjects = res.xobjects.clone();
    if let Some(own) = own {
        res.cache.fonts.fonts_of(res.doc, own, &mut fonts)?;
        let mut inner = HashMap::new();
        xobjects_of(res.doc, own, &mut inner);
        xobjects.extend(inner);
    }
    for (name, font) in res.fonts {
        fonts.entry(name.clone()).or_insert_with(|| font.clone());
    }
    let inner = Resources {
        doc: res.doc,
        fonts: &fonts,
        xobjects: &xobjects,
        cache: res.cache,
    };
    interpret(page, &inner, &ops, mul(&m, &ctm), budget, depth + 1)
}

/// Runs `ops` in the transformation `ctm`, adding what they draw to `page`.
fn interpret(
    page: &mut Page,
    res: &Resources,
    ops: &[Operation],
    ctm: Matrix,
    budget: &mut Budget,
    depth: usize,
) -> Result<(), ImportError> {
    let mut state = State::new(ctm);
    let mut path = PathBuilder::default();
    for op in ops {
        if budget.operations == 0 {
            return Err(Limit::Operations {
                max: MAX_OPERATIONS,
            }
            .into());
        }
        budget.operations -= 1;
        let (name, o) = (op.operator.as_str(), op.operands.as_slice());
        if name == "Do" {
            if let Some(Object::Name(x)) = o.first() {
                form(page, res, x, state.st.ctm, budget, depth)?;
            }
            continue;
        }
        let done = state.graphics(name, o)
            || state.text_state(name, o)
            || state.text_show(page, res.fonts, budget, name, o);
        if !done {
            path.operate(page, &state.st.ctm, name, o);
        }
    }
    Ok(())
}

/// The state of the interpreter in one content stream: the saved states,
/// and the text matrices.
struct State {
    /// The current state.
    st: TextState,
    /// States saved by `q`.
    stack: Vec<TextState>,
    /// Text matrix.
    tm: Matrix,
    /// Text line matrix.
    tlm: Matrix,
}

impl State {
    fn new(ctm: Matrix) -> State {
        State {
            st: TextState {
                ctm,
                font: Vec::new(),
                size: 0.0,
                char_space: 0.0,
                word_space: 0.0,
                scale: 1.0,
                leading: 0.0,
                rise: 0.0,
            },
            stack: Vec::new(),
            tm: IDENTITY,
            tlm: IDENTITY,
        }
    }

    /// `q`, `Q`, `cm`; false for any other operator.
    fn graphics(&mut self, name: &str, o: &[Object]) -> bool {
        match name {
            "q" if self.stack.len() < MAX_STACK => self.stack.push(self.st.clone()),
            "Q" => {
                if let Some(s) = self.stack.pop() {
                    self.st = s;
                }
            }
            "cm" => self.st.ctm = mul(&matrix(o), &self.st.ctm),
            _ => return false,
        }
        true
    }

    /// The text-state and text-positioning operators (`BT`, `Tf`, `Tc`,
    /// `Tw`, `Tz`, `TL`, `Ts`, `Td`, `TD`, `Tm`); false for any other.
    fn text_state(&mut self, name: &str, o: &[Object]) -> bool {
        let st = &mut self.st;
        match name {
            "BT" => {
                self.tm = IDENTITY;
                self.tlm = IDENTITY;
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
                if name == "TD" {
                    st.leading = -operand(o, 1);
                }
                self.tlm = mul(&translate(operand(o, 0), operand(o, 1)), &self.tlm);
                self.tm = self.tlm;
            }
            "Tm" => {
                self.tlm = matrix(o);
                self.tm = self.tlm;
            }
            _ => return false,
        }
        true
    }

    /// The text-showing operators (`T*`, `'`, `"`, `Tj`, `TJ`); false for
    /// any other.
    fn text_show(
        &mut self,
        page: &mut Page,
        fonts: &HashMap<Vec<u8>, Rc<Font>>,
        budget: &mut Budget,
        name: &str,
        o: &[Object],
    ) -> bool {
        match name {
            "T*" | "'" | "\"" => {
                if name == "\"" {
                    self.st.word_space = operand(o, 0);
                    self.st.char_space = operand(o, 1);
                }
                self.tlm = mul(&translate(0.0, -self.st.leading), &self.tlm);
                self.tm = self.tlm;
                let s = match name {
                    "'" => o.first(),
                    "\"" => o.get(2),
                    _ => None,
                };
                if let Some(Object::String(bytes, _)) = s {
                    show(page, &self.st, &mut self.tm, fonts, bytes, budget);
                }
            }
            "Tj" => {
                if let Some(Object::String(bytes, _)) = o.first() {
                    show(page, &self.st, &mut self.tm, fonts, bytes, budget);
                }
            }
            "TJ" => {
                let Some(Object::Array(items)) = o.first() else {
                    return true;
                };
                let mut last = None;
                for item in items {
                    match item {
                        Object::String(bytes, _) => {
                            last = show(page, &self.st, &mut self.tm, fonts, bytes, budget);
                        }
                        other => {
                            if let Some(n) = number(other) {
                                let tx = -n / 1000.0 * self.st.size * self.st.scale;
                                if let Some(g) = last.and_then(|i| page.glyphs.get_mut(i)) {
                                    g.adjust += along(&mul(&self.tm, &self.st.ctm), tx);
                                }
                                self.tm = mul(&translate(tx, 0.0), &self.tm);
                            }
                        }
                    }
                }
            }
            _ => return false,
        }
        true
    }
}

/// The path being built: its axis-parallel segments in page space, and the
/// current and start points.
#[derive(Default)]
struct PathBuilder {
    segments: Vec<Segment>,
    /// Edges of rectangles wider and taller than a rule: lines when the
    /// path is stroked, but only the edge of an area when it is filled (a
    /// page background, a shaded cell), which must not read as a table.
    outlines: Vec<Segment>,
    current: Option<(f64, f64)>,
    start: Option<(f64, f64)>,
}

impl PathBuilder {
    /// The path-construction and path-painting operators; painting keeps the
    /// path's segments on the page. Other operators are ignored.
    fn operate(&mut self, page: &mut Page, ctm: &Matrix, name: &str, o: &[Object]) {
        match name {
            "m" => {
                let p = apply(ctm, operand(o, 0), operand(o, 1));
                self.current = Some(p);
                self.start = Some(p);
            }
            "l" => {
                let p = apply(ctm, operand(o, 0), operand(o, 1));
                if let Some(c) = self.current {
                    push_segment(&mut self.segments, c, p);
                }
                self.current = Some(p);
            }
            "h" => {
                if let (Some(c), Some(s)) = (self.current, self.start) {
                    push_segment(&mut self.segments, c, s);
                }
                self.current = self.start;
            }
            "c" | "v" | "y" => {
                let n = o.len();
                if n >= 2 {
                    self.current = Some(apply(ctm, operand(o, n - 2), operand(o, n - 1)));
                }
            }
            "re" => {
                let (x, y, w, h) = (operand(o, 0), operand(o, 1), operand(o, 2), operand(o, 3));
                let corners = [
                    apply(ctm, x, y),
                    apply(ctm, x + w, y),
                    apply(ctm, x + w, y + h),
                    apply(ctm, x, y + h),
                ];
                let thin = (corners[0].0 - corners[2].0)
                    .abs()
                    .min((corners[0].1 - corners[2].1).abs())
                    <= MAX_RULE_WIDTH;
                let edges = if thin {
                    &mut self.segments
                } else {
                    &mut self.outlines
                };
                for k in 0..4 {
                    push_segment(edges, corners[k], corners[(k + 1) % 4]);
                }
                self.current = Some(corners[0]);
                self.start = Some(corners[0]);
            }
            "S" | "s" | "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" => {
                if matches!(name, "f" | "F" | "f*") {
                    self.outlines.clear();
                }
                let room = MAX_SEGMENTS.saturating_sub(page.segments.len());
                let drawn = self.segments.drain(..).chain(self.outlines.drain(..));
                page.segments.extend(drawn.take(room));
                self.current = None;
            }
            "n" => {
                self.segments.clear();
                self.outlines.clear();
                self.current = None;
            }
            _ => {}
        }
        if self.segments.len() > MAX_SEGMENTS {
            self.segments.truncate(MAX_SEGMENTS);
        }
        if self.outlines.len() > MAX_SEGMENTS {
            self.outlines.truncate(MAX_SEGMENTS);
        }
    }
}

/// The widest filled rectangle that still reads as a ruling line, in points.
const MAX_RULE_WIDTH: f64 = 3.0;

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

/// Shows a string: one glyph per code, advancing the text matrix. Returns
/// the index on the page of the string's last glyph when it was kept (a
/// `TJ` displacement that follows belongs to it).
fn show(
    page: &mut Page,
    st: &TextState,
    tm: &mut Matrix,
    fonts: &HashMap<Vec<u8>, Rc<Font>>,
    bytes: &[u8],
    budget: &mut Budget,
) -> Option<usize> {
    let font = fonts.get(&st.font)?;
    let mut last = None;
    for (code, text) in font.decode(bytes) {
        last = None;
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
        let (ascent, descent) = font.box_em;
        last = Some(page.glyphs.len());
        page.glyphs.push(Glyph {
            x0: x0.min(x1),
            x1: x0.max(x1),
            y,
            size,
            top: y + ascent * size,
            bottom: y + descent * size,
            advance: along(&m, advance),
            char_space: along(&m, st.char_space * st.scale),
            adjust: 0.0,
            text: text.chars().filter(|c| !c.is_control()).collect(),
            line: 0,
        });
    }
    last
}

/// A length `t` along the baseline of text space, in page space (signed
/// like `t`).
fn along(m: &Matrix, t: f64) -> f64 {
    t * m[0].hypot(m[1])
}
