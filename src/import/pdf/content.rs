//! The content interpreter: runs a page's content stream, and the form
//! XObjects it calls in place (up to [`MAX_FORM_DEPTH`] deep), tracking the
//! current transformation and the text matrix (`Tm`, `Td`, `TJ` …), and
//! collects what is drawn: every glyph with its position, and the
//! axis-parallel segments of painted paths (the ruling lines of tables).

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use hayro_syntax::object::{Array, Dict, MaybeRef, Name, Object, ObjectIdentifier, Stream};
use hayro_syntax::page::Page as PdfPage;
use hayro_syntax::xref::XRef;

use super::filters::{self, Failure};
use super::fonts::{Font, FontCache};
use super::ops::{self, Operand, Operation};
use super::page::{Glyph, Page, Segment};
use super::{
    MAX_CONTENT_BYTES, MAX_FORM_DEPTH, MAX_FORM_RUNS, MAX_SEGMENTS, MAX_STACK, MAX_STREAM_BYTES,
};
use crate::import::error::{ImportError, Limit};

/// What is left of the work allowed on one document.
pub(super) struct Budget {
    /// Content-stream operators.
    pub(super) operations: usize,
    /// The operators allowed for the whole file
    /// ([`super::operations_allowed`]).
    operations_max: usize,
    /// Glyphs kept.
    pub(super) glyphs: usize,
    /// Decompressed content bytes (pages and forms) decoded.
    pub(super) bytes: usize,
    /// Form XObjects run.
    pub(super) forms: usize,
    /// Characters of text still allowed ([`super::TEXT_PER_BYTE`] per
    /// byte of the file, at most [`super::MAX_TEXT_CHARS`]).
    text: usize,
    /// The characters allowed for the whole file.
    text_max: usize,
    /// The file's size in bytes.
    file_bytes: usize,
    /// Whether text was refused for want of `text`: the run stops.
    text_spent: bool,
}

impl Budget {
    /// The whole budget of one document of `file_bytes` bytes.
    pub(super) fn new(file_bytes: usize) -> Budget {
        let text = file_bytes
            .saturating_mul(super::TEXT_PER_BYTE)
            .min(super::MAX_TEXT_CHARS);
        let operations = super::operations_allowed(file_bytes);
        Budget {
            operations,
            operations_max: operations,
            glyphs: super::MAX_GLYPHS,
            bytes: MAX_CONTENT_BYTES,
            forms: MAX_FORM_RUNS,
            text,
            text_max: text,
            file_bytes,
            text_spent: false,
        }
    }

    /// Takes `chars` characters of text from the budget; false (and the
    /// run is to stop) when there are not that many left.
    pub(super) fn take_text(&mut self, chars: usize) -> bool {
        match self.text.checked_sub(chars) {
            Some(left) => {
                self.text = left;
                true
            }
            None => {
                self.text_spent = true;
                false
            }
        }
    }

    /// The error to stop with when the text allowed is spent.
    fn text_error(&self) -> Result<(), ImportError> {
        if self.text_spent {
            return Err(Limit::PdfText {
                max: self.text_max,
                bytes: self.file_bytes,
                per_byte: super::TEXT_PER_BYTE,
                total: super::MAX_TEXT_CHARS,
            }
            .into());
        }
        Ok(())
    }
}

/// What is read once per document: fonts (with their CMaps) and the
/// decoded operators of each form XObject.
#[derive(Default)]
pub(super) struct Cache {
    /// Fonts by object.
    fonts: FontCache,
    /// Decoded form XObjects by object.
    forms: RefCell<HashMap<ObjectIdentifier, Rc<Vec<Operation>>>>,
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
            max: budget.operations_max,
        }
        .into());
    }
    Ok(ops::operations(content))
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
fn matrix(o: &[Operand]) -> Matrix {
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
fn operand(ops: &[Operand], i: usize) -> f64 {
    ops.get(i).and_then(Operand::number).unwrap_or(0.0)
}

/// The decoded content of a page: its content streams joined, at most
/// [`MAX_STREAM_BYTES`] in all (a stream that cannot be decoded is left
/// out).
fn page_content(page: &PdfPage<'_>, page_no: u32) -> Result<Vec<u8>, ImportError> {
    let too_big = Limit::PageContent {
        page: page_no,
        max: MAX_STREAM_BYTES,
    };
    let raw = page.raw();
    let streams: Vec<Stream<'_>> = match raw.get::<Stream<'_>>(b"Contents") {
        Some(s) => vec![s],
        None => raw
            .get::<Array<'_>>(b"Contents")
            .map(|a| a.iter::<Stream<'_>>().take(10_000).collect())
            .unwrap_or_default(),
    };
    let mut content = Vec::new();
    for s in streams {
        let left = MAX_STREAM_BYTES.saturating_sub(content.len());
        match filters::decode(&s, left) {
            Ok(bytes) => {
                content.extend_from_slice(&bytes);
                content.push(b' ');
            }
            Err(Failure::TooBig) => return Err(too_big.into()),
            Err(Failure::Damaged) => {}
        }
    }
    Ok(content)
}

/// Runs the content of one page and returns what it draws.
pub(super) fn run_page(
    page: &PdfPage<'_>,
    page_no: u32,
    budget: &mut Budget,
    cache: &Cache,
) -> Result<Page, ImportError> {
    let content = page_content(page, page_no)?;
    let ops = decode(&content, budget)?;
    let mut fonts = HashMap::new();
    cache.fonts.fonts_of(&page.resources().fonts, &mut fonts)?;
    let mut xobjects = HashMap::new();
    xobjects_of(&page.resources().x_objects, &mut xobjects);
    let mut out = Page::default();
    let res = Resources {
        xref: page.xref(),
        fonts: &fonts,
        xobjects: &xobjects,
        cache,
    };
    interpret(&mut out, &res, &ops, IDENTITY, budget, 0)?;
    Ok(out)
}

/// What a content stream can refer to by name.
struct Resources<'a> {
    /// The document's objects.
    xref: &'a XRef,
    /// Fonts by name.
    fonts: &'a HashMap<Vec<u8>, Rc<Font>>,
    /// Form XObjects by name.
    xobjects: &'a HashMap<Vec<u8>, ObjectIdentifier>,
    /// What the document's pages share.
    cache: &'a Cache,
}

/// The named XObjects of a resource dictionary's `/XObject` dictionary
/// (a name already there is kept).
fn xobjects_of(x: &Dict<'_>, out: &mut HashMap<Vec<u8>, ObjectIdentifier>) {
    for (name, o) in x.entries().take(1_000) {
        if let MaybeRef::Ref(r) = o {
            out.entry(name.to_vec()).or_insert_with(|| r.into());
        }
    }
}

/// The decoded operators of a form XObject, once per document.
fn form_operations(
    res: &Resources,
    id: ObjectIdentifier,
    stream: &Stream<'_>,
    budget: &mut Budget,
) -> Result<Rc<Vec<Operation>>, ImportError> {
    if let Some(ops) = res.cache.forms.borrow().get(&id) {
        return Ok(ops.clone());
    }
    let content = filters::decode(stream, MAX_STREAM_BYTES).map_err(|_| Limit::FormContent {
        max: MAX_STREAM_BYTES,
    })?;
    let ops = Rc::new(decode(&content, budget)?);
    res.cache.forms.borrow_mut().insert(id, ops.clone());
    Ok(ops)
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
    let Some(&id) = res.xobjects.get(name) else {
        return Ok(());
    };
    let Some(stream) = res.xref.get::<Stream<'_>>(id) else {
        return Ok(());
    };
    let dict = stream.dict();
    if dict.get::<Name<'_>>(b"Subtype").as_deref() != Some(b"Form".as_slice()) {
        return Ok(());
    }
    budget.forms = budget
        .forms
        .checked_sub(1)
        .ok_or(Limit::FormRuns { max: MAX_FORM_RUNS })?;
    let ops = form_operations(res, id, &stream, budget)?;
    let mut m = IDENTITY;
    if let Some(a) = dict.get::<Array<'_>>(b"Matrix") {
        let items: Vec<Object<'_>> = a.iter::<Object<'_>>().take(7).collect();
        if items.len() == 6 {
            for (k, o) in items.iter().enumerate() {
                if let Object::Number(n) = o {
                    m[k] = n.as_f64();
                }
            }
        }
    }
    let mut fonts = HashMap::new();
    let mut xobjects = res.xobjects.clone();
    if let Some(own) = dict.get::<Dict<'_>>(b"Resources") {
        if let Some(f) = own.get::<Dict<'_>>(b"Font") {
            res.cache.fonts.fonts_of(&f, &mut fonts)?;
        }
        let mut inner = HashMap::new();
        if let Some(x) = own.get::<Dict<'_>>(b"XObject") {
            xobjects_of(&x, &mut inner);
        }
        xobjects.extend(inner);
    }
    for (name, font) in res.fonts {
        fonts.entry(name.clone()).or_insert_with(|| font.clone());
    }
    let inner = Resources {
        xref: res.xref,
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
                max: budget.operations_max,
            }
            .into());
        }
        budget.operations -= 1;
        let (name, o) = (op.operator.as_str(), op.operands.as_slice());
        if name == "Do" {
            if let Some(x) = o.first().and_then(Operand::name) {
                form(page, res, x, state.st.ctm, budget, depth)?;
            }
            continue;
        }
        let done = state.graphics(name, o)
            || state.text_state(name, o)
            || state.marked_content(page, name, o, budget)
            || state.text_show(page, res.fonts, budget, name, o);
        if !done {
            path.operate(page, &state.st.ctm, name, o);
        }
        budget.text_error()?;
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
    /// Open marked-content sequences: for one with an `ActualText`, the
    /// index of its first glyph and the text (only the outermost counts).
    marked: Vec<Option<(usize, String)>>,
    /// Sequences opened beyond [`MAX_STACK`], closed before the others.
    marked_beyond: usize,
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
            marked: Vec::new(),
            marked_beyond: 0,
        }
    }

    /// `BMC`, `BDC`, `EMC`; false for any other operator. The glyphs of a
    /// sequence with an `ActualText` stand for that text (LibreOffice
    /// draws each CJK character of some faces with one code and says what
    /// it is only there: the title read 内内内…).
    /// The `ActualText` counts against the text allowed in `budget`.
    fn marked_content(
        &mut self,
        page: &mut Page,
        name: &str,
        o: &[Operand],
        budget: &mut Budget,
    ) -> bool {
        match name {
            "BMC" | "BDC" => {
                if self.marked.len() >= MAX_STACK {
                    self.marked_beyond += 1;
                    return true;
                }
                let inside = self.marked.iter().any(Option::is_some);
                let actual = match o.get(1) {
                    Some(Operand::Properties(Some(bytes))) if !inside => Some(text_string(bytes)),
                    _ => None,
                };
                let actual = actual.filter(|t| budget.take_text(t.chars().count()));
                self.marked.push(actual.map(|t| (page.glyphs.len(), t)));
            }
            "EMC" => {
                if self.marked_beyond > 0 {
                    self.marked_beyond -= 1;
                } else if let Some(Some((start, text))) = self.marked.pop() {
                    stand_for(page, start, text);
                }
            }
            _ => return false,
        }
        true
    }

    /// `q`, `Q`, `cm`; false for any other operator.
    fn graphics(&mut self, name: &str, o: &[Operand]) -> bool {
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
    fn text_state(&mut self, name: &str, o: &[Operand]) -> bool {
        let st = &mut self.st;
        match name {
            "BT" => {
                self.tm = IDENTITY;
                self.tlm = IDENTITY;
            }
            "Tf" => {
                st.font = o.first().and_then(Operand::name).unwrap_or(b"").to_vec();
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
        o: &[Operand],
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
                if let Some(Operand::String(bytes)) = s {
                    show(page, &self.st, &mut self.tm, fonts, bytes, budget);
                }
            }
            "Tj" => {
                if let Some(Operand::String(bytes)) = o.first() {
                    show(page, &self.st, &mut self.tm, fonts, bytes, budget);
                }
            }
            "TJ" => {
                let Some(Operand::Array(items)) = o.first() else {
                    return true;
                };
                let mut last = None;
                for item in items {
                    match item {
                        Operand::String(bytes) => {
                            last = show(page, &self.st, &mut self.tm, fonts, bytes, budget);
                        }
                        other => {
                            if let Some(n) = other.number() {
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
    fn operate(&mut self, page: &mut Page, ctm: &Matrix, name: &str, o: &[Operand]) {
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

/// Makes the glyphs of a page from `start` on stand for `text` (an
/// `ActualText`): the first takes the text and the width of them all, the
/// others are dropped; all are dropped when the text is a space (as the
/// page's own spaces are: LibreOffice draws a space of the footer's
/// `— 1 —` with the dash's glyph). Left as they are when they are not on
/// one baseline.
fn stand_for(page: &mut Page, start: usize, text: String) {
    let text: String = text.chars().filter(|c| !c.is_control()).collect();
    let glyphs = &page.glyphs[start.min(page.glyphs.len())..];
    let Some(first) = glyphs.first() else {
        return;
    };
    let one_line = glyphs
        .iter()
        .all(|g| (g.y - first.y).abs() < 0.2 * first.size.max(1.0));
    if !one_line {
        return;
    }
    if text.trim().is_empty() {
        page.glyphs.truncate(start);
        return;
    }
    let x0 = glyphs.iter().map(|g| g.x0).fold(f64::INFINITY, f64::min);
    let x1 = glyphs
        .iter()
        .map(|g| g.x1)
        .fold(f64::NEG_INFINITY, f64::max);
    let advance: f64 = glyphs.iter().map(|g| g.advance).sum();
    let adjust = glyphs.last().map_or(0.0, |g| g.adjust);
    page.glyphs.truncate(start + 1);
    let g = &mut page.glyphs[start];
    (g.x0, g.x1, g.advance, g.adjust, g.text) = (x0, x1, advance, adjust, text);
}

/// A PDF text string (UTF-16BE or UTF-8 after its byte-order mark, else
/// PDFDocEncoding, read as Latin-1) as text.
pub fn text_string(bytes: &[u8]) -> String {
    match bytes {
        [0xFE, 0xFF, rest @ ..] => {
            let units: Vec<u16> = rest
                .chunks(2)
                .map(|p| u16::from_be_bytes([p[0], *p.get(1).unwrap_or(&0)]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        [0xEF, 0xBB, 0xBF, rest @ ..] => String::from_utf8_lossy(rest).into_owned(),
        _ => bytes.iter().map(|&b| char::from(b)).collect(),
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
    let Some((codes, chars)) = font.decode(bytes, budget.text) else {
        budget.take_text(usize::MAX);
        return None;
    };
    budget.take_text(chars);
    let mut last = None;
    for (code, text) in codes {
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
