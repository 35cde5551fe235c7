//! The publication PDF, typeset to GB/T 9704-2012: A4, 37 mm top and 28 mm
//! left margins, a 156 × 225 mm type area on a 22 × 28 grid, 3号仿宋 body,
//! 2号 title, 黑体/楷体/仿宋 headings, tables from the shared grid, page
//! numbers `— N —` below the type area.
//!
//! Layout is ours ([`text`], [`table`], the flow below); printpdf is only
//! reached through [`canvas`].

pub mod canvas;
mod draw;
pub mod fonts;
mod glyphs;
mod table;
pub mod text;

use std::collections::BTreeSet;
use std::fmt;
use std::path::PathBuf;

pub use fonts::{FontChoice, FontSource, Fonts, Role, parse_font_arg};
pub use glyphs::glyph_warnings;

use crate::render::document::{Block, Document};
use canvas::{Canvas, FontData, Meta};
use draw::Draw;
use fonts::Metrics;
use text::{Line, Styled};

/// Points per millimetre.
const MM: f32 = 72.0 / 25.4;
/// Left margin (订口).
const LEFT: f32 = 28.0 * MM;
/// Top margin (天头).
const TOP: f32 = 37.0 * MM;
/// Type area width.
const W: f32 = 156.0 * MM;
/// Type area height.
const H: f32 = 225.0 * MM;
/// Line pitch: 22 lines in the type area.
const PITCH: f32 = H / 22.0;
/// Character pitch: 28 characters per line.
const CHAR: f32 = W / 28.0;
/// 3号.
const BODY: f32 = 16.0;
/// 2号.
const TITLE: f32 = 22.0;
/// 4号, for page numbers.
const FOLIO: f32 = 14.0;

/// Where page numbers go.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum PageNumbers {
    /// GB/T 9704: odd pages right, even pages left, one character in.
    #[default]
    Alternate,
    /// Centred (single-sided web publication).
    Center,
}

/// How to build the PDF.
#[derive(Debug, Clone, Default)]
pub struct PdfOptions {
    /// Font directory and per-role overrides.
    pub fonts: FontChoice,
    /// Page number placement.
    pub page_numbers: PageNumbers,
}

/// Why a PDF could not be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfError {
    /// No directory with the bundled fonts.
    FontDirNotFound {
        /// Directories searched.
        tried: Vec<PathBuf>,
    },
    /// The font directory lacks a role's file.
    FontMissing {
        /// The role.
        role: Role,
        /// The file expected.
        path: PathBuf,
    },
    /// A font file could not be read or parsed.
    FontUnreadable {
        /// The file (or family).
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
    /// No installed font has this family name.
    FontNotFound {
        /// The family asked for.
        family: String,
    },
    /// The font's licence bits forbid embedding.
    FontRestricted {
        /// The font.
        name: String,
        /// Which restriction.
        reason: &'static str,
    },
    /// printpdf failed.
    Pdf(String),
}

impl PdfError {
    /// The process exit code for this error (2: cannot build).
    pub fn exit_code(&self) -> i32 {
        2
    }
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PdfError::FontDirNotFound { tried } => {
                let list: Vec<String> = tried.iter().map(|p| p.display().to_string()).collect();
                write!(
                    f,
                    "找不到随附字体目录（查找过：{}）；请用 --font-dir 或环境变量 NIANBAO_FONT_DIR 指定 fonts 目录",
                    list.join("、")
                )
            }
            PdfError::FontMissing { role, path } => write!(
                f,
                "字体目录中缺少{role}字体文件 {}；请检查 --font-dir，或用 --font {role}=字体名 换用已安装的字体",
                path.display()
            ),
            PdfError::FontUnreadable { path, reason } => {
                write!(f, "无法读取字体 {}：{reason}", path.display())
            }
            PdfError::FontNotFound { family } => write!(
                f,
                "系统中找不到名为“{family}”的字体；请确认已安装，或改用字体文件路径"
            ),
            PdfError::FontRestricted { name, reason } => write!(
                f,
                "字体“{name}”的授权设置（OS/2 fsType）{reason}，不能用于生成 PDF；请换用允许嵌入的字体"
            ),
            PdfError::Pdf(m) => write!(f, "生成 PDF 失败：{m}"),
        }
    }
}

impl std::error::Error for PdfError {}

/// Renders `doc` as a PDF.
pub fn render(doc: &Document, opts: &PdfOptions) -> Result<Vec<u8>, PdfError> {
    let fonts = Fonts::load(&opts.fonts)?;
    render_with(doc, opts, &fonts)
}

/// Renders `doc` with fonts already loaded.
pub fn render_with(doc: &Document, opts: &PdfOptions, fonts: &Fonts) -> Result<Vec<u8>, PdfError> {
    let pages = layout(doc, opts, fonts);
    let mut used = vec![false; fonts.faces.len()];
    for p in &pages {
        for d in p {
            match d {
                Draw::Text { face, .. } => used[*face] = true,
                Draw::Line { .. } | Draw::Shape { .. } => {}
            }
        }
    }
    let data: Vec<Option<FontData<'_>>> = fonts
        .faces
        .iter()
        .zip(&used)
        .map(|(f, u)| {
            u.then_some(FontData {
                data: &f.data,
                index: f.index,
            })
        })
        .collect();
    let mut canvas = Canvas::new(&data)?;
    for p in &pages {
        canvas.new_page();
        draw::play(&mut canvas, p);
    }
    Ok(canvas.finish(&meta(doc)))
}

fn meta(doc: &Document) -> Meta {
    let date = doc
        .date_iso
        .as_deref()
        .and_then(|s| {
            let mut it = s.split('-').map(|p| p.parse::<i32>().ok());
            Some((it.next()??, it.next()?? as u8, it.next()?? as u8))
        })
        .unwrap_or((doc.year + 1, 1, 1));
    Meta {
        title: doc.title.clone(),
        author: doc.agency.clone(),
        subject: format!("{}年政府信息公开工作年度报告", doc.year),
        date,
    }
}

/// All characters the document sets.
fn document_chars(doc: &Document) -> BTreeSet<char> {
    let mut s = String::new();
    s.push_str(&doc.title);
    s.push_str(&doc.agency);
    s.push_str(&doc.date);
    s.push_str("— 0123456789草稿");
    let mut blocks = |b: &[Block]| {
        for b in b {
            match b {
                Block::Heading { text, .. } | Block::Paragraph(text) => s.push_str(text),
            }
        }
    };
    blocks(&doc.preface);
    let mut extra = String::new();
    for sec in &doc.sections {
        blocks(&sec.blocks);
        extra.push_str(sec.heading);
        if let Some(g) = &sec.table {
            for c in &g.cells {
                extra.push_str(&c.text);
            }
        }
    }
    s.push_str(&extra);
    s.chars().collect()
}

/// A block of the flow.
enum Item<'a> {
    /// Lines of one paragraph or heading.
    Lines {
        styled: Styled,
        lines: Vec<Line>,
        heading: bool,
        /// Centred (the title).
        center: bool,
    },
    /// An empty grid line.
    Blank,
    /// A table.
    Table(table::Table<'a>),
    /// Signature and date, with their x offsets.
    Signature {
        name: (Styled, Line, f32),
        date: Option<(Styled, Line, f32)>,
    },
}

fn para(fonts: &Fonts, m: &Metrics, role: Role, text: &str, heading: bool) -> Item<'static> {
    let styled = text::shape(fonts, m, role, BODY, CHAR - BODY, text);
    let lines = text::break_lines(&styled, W, 2.0 * CHAR, text::BODY_JUSTIFY);
    Item::Lines {
        styled,
        lines,
        heading,
        center: false,
    }
}

fn single_line(
    fonts: &Fonts,
    m: &Metrics,
    role: Role,
    size: f32,
    track: f32,
    t: &str,
) -> (Styled, Line) {
    let s = text::shape(fonts, m, role, size, track, t);
    let n = s.glyphs.len();
    let width = s.width(0..n);
    (
        s,
        Line {
            start: 0,
            end: n,
            indent: 0.0,
            extra: 0.0,
            extra_everywhere: false,
            width,
        },
    )
}

/// Builds the display lists of all pages.
fn layout(doc: &Document, opts: &PdfOptions, fonts: &Fonts) -> Vec<Vec<Draw>> {
    let m = fonts.metrics(&document_chars(doc));
    let mut items: Vec<Item<'_>> = Vec::new();
    // Title, then one blank line.
    let (ts, tl) = title_lines(fonts, &m, &doc.title, &doc.agency);
    items.push(Item::Lines {
        styled: ts,
        lines: tl,
        heading: true,
        center: true,
    });
    items.push(Item::Blank);
    let blocks = |items: &mut Vec<Item<'_>>, bs: &[Block]| {
        for b in bs {
            items.push(match b {
                Block::Heading { level, text } => {
                    let role = if *level <= 2 { Role::Kai } else { Role::Body };
                    para(fonts, &m, role, text, true)
                }
                Block::Paragraph(text) => para(fonts, &m, Role::Body, text, false),
            });
        }
    };
    blocks(&mut items, &doc.preface);
    for sec in &doc.sections {
        items.push(para(fonts, &m, Role::Hei, sec.heading, true));
        blocks(&mut items, &sec.blocks);
        if let Some(g) = &sec.table {
            items.push(Item::Table(table::Table::new(g, fonts, &m, W)));
        }
    }
    // Signature: one blank line after the body.
    if !doc.agency.is_empty() {
        items.push(Item::Blank);
        let (ns, nl) = single_line(fonts, &m, Role::Body, BODY, CHAR - BODY, &doc.agency);
        let date = (!doc.date.is_empty())
            .then(|| single_line(fonts, &m, Role::Body, BODY, CHAR - BODY, &doc.date));
        let (wn, wd) = (nl.width, date.as_ref().map_or(0.0, |d| d.1.width));
        let (nx, dx) = if wd > wn {
            let dx = W - 2.0 * CHAR - wd;
            (dx - 2.0 * CHAR, dx)
        } else {
            let nx = W - 2.0 * CHAR - wn;
            (nx, nx + 2.0 * CHAR)
        };
        items.push(Item::Signature {
            name: (ns, nl, nx),
            date: date.map(|(s, l)| (s, l, dx)),
        });
    }

    let mut flow = Flow {
        pages: vec![Vec::new()],
        y: 0.0,
    };
    for i in 0..items.len() {
        let need = keep_need(&items, i);
        if flow.y > 0.0 && flow.slot_y() + need > H + 0.01 {
            flow.new_page();
        }
        match &items[i] {
            Item::Blank => {
                if flow.y > 0.0 {
                    flow.y = flow.slot_y() + PITCH;
                }
            }
            Item::Lines {
                styled,
                lines,
                heading,
                center,
            } => {
                let n = lines.len();
                let signs_next = matches!(items.get(i + 2), Some(Item::Signature { .. }))
                    && matches!(items.get(i + 1), Some(Item::Blank));
                for (li, l) in lines.iter().enumerate() {
                    let slots_left = ((H - flow.slot_y()) / PITCH + 0.01).floor() as usize;
                    let left = n - li;
                    if !heading && li == 0 && n >= 2 && slots_left == 1 {
                        // Orphan: a paragraph does not start on the last line.
                        flow.new_page();
                    } else if !heading
                        && li > 0
                        && left == slots_left + 1
                        && slots_left >= 2
                        && li >= 2
                    {
                        // Widow: its last line does not stand alone on a page.
                        flow.new_page();
                    } else if signs_next
                        && li > 0
                        && left == n.min(2)
                        && slots_left >= left
                        && slots_left < left + 3
                    {
                        // The signature does not stand alone: the last two
                        // lines go over with it.
                        flow.new_page();
                    }
                    let x = if *center {
                        LEFT + (W - l.width) / 2.0
                    } else {
                        LEFT
                    };
                    flow.line(styled, l, x);
                }
            }
            Item::Table(t) => {
                if flow.y > 0.0 && flow.slot_y() + t.first_chunk() > H + 0.01 {
                    flow.new_page();
                }
                let room = H - flow.slot_y();
                let parts = t.split(room, H);
                for (pi, part) in parts.iter().enumerate() {
                    if pi > 0 {
                        flow.new_page();
                    }
                    let y0 = TOP + flow.slot_y();
                    let bottom = t.draw(flow.page(), LEFT, y0, *part);
                    flow.y = bottom - TOP;
                }
            }
            Item::Signature { name, date } => {
                flow.line(&name.0, &name.1, LEFT + name.2);
                if let Some(d) = date {
                    flow.line(&d.0, &d.1, LEFT + d.2);
                }
            }
        }
    }
    let mut pages = flow.pages;
    // Page numbers and the draft watermark.
    let count = pages.len();
    let watermark = doc.draft.map(|_| draft_mark(fonts));
    for (i, p) in pages.iter_mut().enumerate() {
        let n = i + 1;
        let (s, l) = single_line(fonts, &m, Role::Body, FOLIO, 0.0, &format!("— {n} —"));
        let x = match opts.page_numbers {
            PageNumbers::Center => LEFT + (W - l.width) / 2.0,
            PageNumbers::Alternate if n % 2 == 1 => LEFT + W - FOLIO - l.width,
            PageNumbers::Alternate => LEFT + FOLIO,
        };
        // The dash line 7 mm below the type area.
        let y = TOP + H + 7.0 * MM + 0.3 * FOLIO;
        draw::set_text(p, &s, &l, x, y);
        if let Some(mark) = &watermark {
            p.insert(0, mark.clone());
        }
    }
    debug_assert_eq!(count, pages.len());
    pages
}

/// 草稿 in large light grey letters across the page centre, rotated 45°.
fn draft_mark(fonts: &Fonts) -> Draw {
    const SIZE: f32 = 150.0;
    let face = fonts.role_face(Role::Hei);
    let text = "草稿";
    let n = text.chars().count() as f32;
    let (sin, cos) = 45f32.to_radians().sin_cos();
    let (cx, cy) = (canvas::PAGE_W / 2.0, canvas::PAGE_H / 2.0);
    let mut rings = Vec::new();
    for (i, ch) in text.chars().enumerate() {
        let Some(outline) = fonts.outline(face, ch) else {
            continue;
        };
        for ring in outline {
            rings.push(
                ring.into_iter()
                    .map(|(x, y, c)| {
                        // Text space (y up), centred on the origin.
                        let tx = (x + i as f32 - n / 2.0) * SIZE;
                        let ty = (y - 0.38) * SIZE;
                        // Rotate anticlockwise, then to page space (y down).
                        (cx + tx * cos - ty * sin, cy - (tx * sin + ty * cos), c)
                    })
                    .collect(),
            );
        }
    }
    Draw::Shape { rings, grey: 0.82 }
}

/// Height that must fit on the page before item `i` starts: headings keep
/// with what follows, the signature keeps together.
fn keep_need(items: &[Item<'_>], i: usize) -> f32 {
    match &items[i] {
        Item::Lines {
            lines,
            heading: true,
            ..
        } => {
            let own = lines.len() as f32 * PITCH;
            own + match items.get(i + 1) {
                Some(Item::Lines { heading: true, .. }) => keep_need(items, i + 1),
                Some(Item::Lines { lines, .. }) => lines.len().min(2) as f32 * PITCH,
                Some(Item::Table(t)) => t.first_chunk(),
                _ => 0.0,
            }
        }
        Item::Blank if matches!(items.get(i + 1), Some(Item::Signature { .. })) => 3.0 * PITCH,
        Item::Signature { .. } => 2.0 * PITCH,
        _ => 0.0,
    }
}

/// The page flow: a cursor down the type area.
struct Flow {
    pages: Vec<Vec<Draw>>,
    /// Distance from the top of the type area.
    y: f32,
}

impl Flow {
    fn page(&mut self) -> &mut Vec<Draw> {
        self.pages.last_mut().expect("a page")
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = 0.0;
    }

    /// The next grid line at or below the cursor.
    fn slot_y(&self) -> f32 {
        (self.y / PITCH - 0.001).ceil().max(0.0) * PITCH
    }

    /// Sets one line on the next grid line, starting a page when full.
    fn line(&mut self, s: &Styled, l: &Line, x: f32) {
        if self.slot_y() + PITCH > H + 0.01 {
            self.new_page();
        }
        let top = self.slot_y();
        // The character's em box centred in the line.
        let base = TOP + top + (PITCH - s.size) / 2.0 + 0.88 * s.size;
        draw::set_text(self.page(), s, l, x, base);
        self.y = top + PITCH;
    }
}

/// Breaks the title into balanced centred lines, preferably after the
/// agency name and between words.
fn title_lines(fonts: &Fonts, m: &Metrics, title: &str, agency: &str) -> (Styled, Vec<Line>) {
    let s = text::shape(fonts, m, Role::Title, TITLE, 0.0, title);
    let n = s.glyphs.len();
    let chars: Vec<char> = s.glyphs.iter().map(|g| g.ch).collect();
    let line = |a: usize, b: usize| Line {
        start: a,
        end: b,
        indent: 0.0,
        extra: 0.0,
        extra_everywhere: false,
        width: s.width(a..b),
    };
    if s.width(0..n) <= W {
        return (s.clone(), vec![line(0, n)]);
    }
    // Candidate breaks with a penalty: after the agency 0, after an
    // administrative unit 1, before 政府信息公开 1, elsewhere 6.
    let agency_len = if title.starts_with(agency) {
        agency.chars().count()
    } else {
        0
    };
    const UNITS: &[&str] = &[
        "省",
        "市",
        "自治区",
        "自治州",
        "区",
        "县",
        "旗",
        "镇",
        "乡",
        "街道",
        "人民政府",
        "政府",
        "办公室",
        "委员会",
        "局",
        "厅",
        "支队",
        "大队",
        "中心",
        "管委会",
    ];
    // Two lines at most are planned; longer titles (only in drafts: the
    // agency name is capped) are broken like a paragraph.
    if s.width(0..n) > 3.0 * W {
        return (s.clone(), text::break_lines(&s, W, 0.0, text::Justify::No));
    }
    let units: Vec<Vec<char>> = UNITS.iter().map(|u| u.chars().collect()).collect();
    let gov: Vec<char> = "政府信息公开".chars().collect();
    let mut cands: Vec<(usize, u32)> = Vec::new();
    for b in 1..n {
        let (p, c) = (chars[b - 1], chars[b]);
        if text::is_no_start(c) || text::is_no_end(p) || (p.is_ascii_digit() && c.is_ascii_digit())
        {
            continue;
        }
        let unit_end = b < agency_len && units.iter().any(|u| chars[..b].ends_with(u));
        let pen = if b == agency_len {
            0
        } else if chars[b..].starts_with(&gov) || c.is_ascii_digit() || unit_end {
            1
        } else {
            6
        };
        cands.push((b, pen));
    }
    // Prefix sums: the width of any glyph range in constant time.
    let mut prefix = Vec::with_capacity(n + 1);
    prefix.push(0.0f32);
    for i in 0..n {
        prefix.push(prefix[i] + s.width_of(i));
    }
    let width = |a: usize, b: usize| prefix[b] - prefix[a];
    let score = |bs: &[(usize, u32)]| -> Option<f32> {
        let mut max = 0.0f32;
        let mut min = f32::MAX;
        let mut from = 0;
        for to in bs.iter().map(|b| b.0).chain([n]) {
            let w = width(from, to);
            if w > W {
                return None;
            }
            max = max.max(w);
            min = min.min(w);
            from = to;
        }
        let pen: u32 = bs.iter().map(|b| b.1).sum();
        Some(pen as f32 * 2.0 + (max - min) / TITLE)
    };
    let mut best: Option<(f32, Vec<usize>)> = None;
    for &a in &cands {
        if let Some(sc) = score(&[a])
            && best.as_ref().is_none_or(|b| sc < b.0)
        {
            best = Some((sc, vec![a.0]));
        }
    }
    if best.is_none() {
        for (i, &a) in cands.iter().enumerate() {
            if width(0, a.0) > W {
                break;
            }
            for &b in &cands[i + 1..] {
                if width(a.0, b.0) > W {
                    break;
                }
                if let Some(sc) = score(&[a, b])
                    && best.as_ref().is_none_or(|x| sc < x.0)
                {
                    best = Some((sc, vec![a.0, b.0]));
                }
            }
        }
    }
    let lines = match best {
        Some((_, bs)) => {
            let mut edges = vec![0];
            edges.extend(bs);
            edges.push(n);
            edges.windows(2).map(|e| line(e[0], e[1])).collect()
        }
        None => text::break_lines(&s, W, 0.0, text::Justify::No),
    };
    (s, lines)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Edition;

    fn doc() -> Document {
        let mut r = crate::testutil::report(Edition::E2021);
        r.agency.value = "淄博市公安局交通警察支队张店大队".into();
        crate::render::document::build(&r, None)
    }

    /// The page number is the last run on each page.
    fn folio_x(pages: &[Vec<Draw>], i: usize) -> f32 {
        match pages[i]
            .iter()
            .rev()
            .find(|d| matches!(d, Draw::Text { .. }))
        {
            Some(Draw::Text { x, y, .. }) => {
                assert!(*y > TOP + H + 7.0 * MM, "below the type area");
                *x
            }
            _ => panic!("no page number"),
        }
    }

    #[test]
    fn page_numbers_alternate_or_centre() {
        let fonts = Fonts::load(&Default::default()).unwrap();
        let d = doc();
        let pages = layout(&d, &PdfOptions::default(), &fonts);
        assert!(pages.len() >= 2);
        assert!(
            folio_x(&pages, 0) > LEFT + W / 2.0,
            "odd pages on the right"
        );
        assert!(
            (folio_x(&pages, 1) - (LEFT + FOLIO)).abs() < 0.01,
            "even pages one character in"
        );
        let opts = PdfOptions {
            page_numbers: PageNumbers::Center,
            ..Default::default()
        };
        let pages = layout(&d, &opts, &fonts);
        let x0 = folio_x(&pages, 0);
        assert!(x0 > LEFT + W / 2.0 - 40.0 && x0 < LEFT + W / 2.0);
    }

    #[test]
    fn title_breaks_after_the_agency() {
        let fonts = Fonts::load(&Default::default()).unwrap();
        let d = doc();
        let m = fonts.metrics(&document_chars(&d));
        let (s, lines) = title_lines(&fonts, &m, &d.title, &d.agency);
        let texts: Vec<String> = lines.iter().map(|l| text::line_text(&s, l)).collect();
        assert_eq!(
            texts,
            [
                "淄博市公安局交通警察支队张店大队",
                "2024年政府信息公开工作年度报告"
            ]
        );
        let (s, lines) = title_lines(&fonts, &m, "某局2024年政府信息公开工作年度报告", "某局");
        assert_eq!(lines.len(), 1, "{}", text::line_text(&s, &lines[0]));
    }

    #[test]
    fn signature_follows_the_standard() {
        let fonts = Fonts::load(&Default::default()).unwrap();
        let d = doc();
        let pages = layout(&d, &PdfOptions::default(), &fonts);
        let texts: Vec<(f32, f32, String)> = pages
            .last()
            .unwrap()
            .iter()
            .filter_map(|op| match op {
                Draw::Text { x, y, pieces, .. } => Some((
                    *x,
                    *y,
                    pieces
                        .iter()
                        .filter_map(|p| match p {
                            canvas::Piece::Text(t) => Some(t.as_str()),
                            canvas::Piece::Kern(_) => None,
                        })
                        .collect(),
                )),
                _ => None,
            })
            .collect();
        let name = texts.iter().find(|t| t.2 == d.agency).expect("signature");
        let date = texts
            .iter()
            .find(|t| d.date.starts_with(&t.2))
            .expect("date");
        // Date on the next line, two characters right of the name's start.
        assert!((date.1 - name.1 - PITCH).abs() < 0.01);
        assert!((date.0 - name.0 - 2.0 * CHAR).abs() < 0.01);
        // The name ends two characters before the right edge.
        let name_w = d.agency.chars().count() as f32 * CHAR;
        assert!((name.0 + name_w - (LEFT + W - 2.0 * CHAR)).abs() < 1.0);
    }
}
