//! Typesetting to GB/T 9704-2012: A4, 37 mm top and 28 mm left margins, a
//! 156 × 225 mm type area on a 22 × 28 grid, 3号仿宋 body, 2号 title,
//! 黑体/楷体/仿宋 headings, tables from the shared grid, page numbers
//! `— N —` below the type area. The output is the pages of a document as
//! display lists ([`Page`]: positioned glyph runs, rules, shapes and the
//! marks saying what the runs are), which a fixed-layout writer (the PDF,
//! `render::pdf`) writes as they are.
//!
//! One job per module: [`fonts`] (the faces of the roles, coverage,
//! widths, subsets), [`linebreak`] (shaping and the line's glyphs),
//! `paragraph` (the total-fit line breaker), `title`, `table`, `flow`
//! (the items onto pages), `folio` (page numbers and the draft watermark),
//! [`draw`] (the display list), [`tags`] (what the runs are), `predict`
//! (the characters each face will set, before the layout), `glyphs` (the
//! characters no face has, as warnings) and [`dump`] (the pages as text).

pub mod draw;
pub mod dump;
mod flow;
mod folio;
pub mod fonts;
mod glyphs;
pub mod linebreak;
mod paragraph;
mod predict;
mod table;
pub mod tags;
mod title;

use crate::slice::Slice;
use std::collections::BTreeSet;

pub use draw::{Draw, Page, Piece, Rule};
pub use fonts::{FontArg, FontChoice, FontError, FontSource, Fonts, Role, parse_font_arg};
pub use glyphs::{default_glyph_warnings, glyph_warnings, report_chars};
pub use predict::predict;

use crate::render::document::{Block, Document};
use crate::render::layout::page::{self, PageNumbers};
use flow::Item;
use fonts::Metrics;
use linebreak::{SetLine, Styled};
use tags::Kind;

/// A4 width in points.
pub const PAGE_W: f32 = 595.2756;
/// A4 height in points.
pub const PAGE_H: f32 = 841.8898;

/// Points per millimetre.
const MM: f32 = 72.0 / 25.4;
/// Left margin (订口).
const LEFT: f32 = page::LEFT_MM as f32 * MM;
/// Top margin (天头).
const TOP: f32 = page::TOP_MM as f32 * MM;
/// Type area width.
const W: f32 = page::TYPE_W_MM as f32 * MM;
/// Type area height.
const H: f32 = page::TYPE_H_MM as f32 * MM;
/// Line pitch: 22 lines in the type area.
const PITCH: f32 = H / page::LINES as f32;
/// Character pitch: 28 characters per line.
const CHAR: f32 = W / page::CHARS as f32;
/// 3号.
const BODY: f32 = page::BODY_PT as f32;
/// 2号.
const TITLE: f32 = page::TITLE_PT as f32;
/// 4号, for page numbers.
const FOLIO: f32 = page::FOLIO_PT as f32;

/// How to lay out the pages.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Page number placement.
    pub page_numbers: PageNumbers,
    /// Characters no face has (drawn as empty boxes) were seen and accepted
    /// (`--accept-missing-glyphs`): the pages are then not marked 草稿 for
    /// them.
    pub accept_missing_glyphs: bool,
}

/// Adds installed faces for the characters of `doc` the loaded faces lack
/// (per-character fallback); call before [`lay_out`].
pub fn cover(fonts: &mut Fonts, doc: &Document) {
    fonts.cover(&document_chars(doc));
}

/// Lays out the pages of `doc` in `fonts`: what every fixed-layout writer
/// writes.
pub fn lay_out(doc: &Document, opts: &Options, fonts: &Fonts) -> Vec<Page> {
    layout(doc, opts, fonts)
        .into_iter()
        .map(|items| Page { items })
        .collect()
}

/// A table as the fixed layout sets it (before a page break stretches the
/// rows of a label it cuts): what the Word document copies, so that its
/// rows take the room the PDF's take.
#[derive(Debug, Clone, PartialEq)]
pub struct TableShape {
    /// Which table.
    pub id: crate::grid::TableId,
    /// Type size in points.
    pub size: f32,
    /// Horizontal padding at each side of a cell, points.
    pub pad: f32,
    /// Column edges in points, from 0 to the type area's width.
    pub edges: Vec<f32>,
    /// Each row's height in points (stretched so that the table takes
    /// whole grid lines).
    pub rows: Vec<f32>,
}

/// The tables of `doc` as [`lay_out`] sets them in `fonts`.
pub fn table_shapes(doc: &Document, fonts: &Fonts) -> Vec<TableShape> {
    let m = fonts.metrics(&document_chars(doc));
    doc.sections
        .iter()
        .filter_map(|sec| sec.table.as_ref())
        .map(|g| {
            let mut t = table::Table::new(g, fonts, &m, W);
            t.fit_grid(PITCH, flow::TABLE_GAP);
            t.shape()
        })
        .collect()
}

/// The characters each of `faces` faces sets on `pages`.
pub fn used_chars(pages: &[Page], faces: usize) -> Vec<BTreeSet<char>> {
    // Each face's runs gathered, then their characters once each (a bit a
    // character), not every occurrence inserted into a tree.
    let mut texts: Vec<Vec<&str>> = vec![Vec::new(); faces];
    for d in pages.iter().flat_map(|p| &p.items) {
        if let Draw::Text { face, pieces, .. } = d {
            let runs = pieces.iter().filter_map(|piece| match piece {
                Piece::Text(t) => Some(t.as_str()),
                Piece::Kern(_) => None,
            });
            texts[*face].extend(runs);
        }
    }
    texts
        .into_iter()
        .map(|t| {
            crate::render::layout::print_form::distinct_chars(t)
                .into_iter()
                .collect()
        })
        .collect()
}

/// The characters each face sets on `pages`, after the runs of a face
/// that has none of the characters it was given (each would be drawn as
/// .notdef, with a GLYPH warning) have gone to a face that stays, so that
/// no writer embeds a face for nothing.
pub fn settle_faces(pages: &mut [Page], fonts: &Fonts) -> Vec<BTreeSet<char>> {
    let used = used_chars(pages, fonts.faces.len());
    let blank: Vec<bool> = used
        .iter()
        .enumerate()
        .map(|(face, chars)| !chars.is_empty() && !fonts.has_any(face, chars))
        .collect();
    let Some(keep) = (0..used.len()).find(|&f| !used[f].is_empty() && !blank[f]) else {
        return used;
    };
    if !blank.contains(&true) {
        return used;
    }
    for d in pages.iter_mut().flat_map(|p| &mut p.items) {
        if let Draw::Text { face, .. } = d
            && blank[*face]
        {
            *face = keep;
        }
    }
    used_chars(pages, fonts.faces.len())
}

/// All characters the document sets.
fn document_chars(doc: &Document) -> BTreeSet<char> {
    use crate::render::layout::print_form::{distinct_chars, printed};
    let mut texts: Vec<&str> = vec![
        &doc.title,
        &doc.agency,
        &doc.date,
        // The folio's marks and digits, the watermark's words, and the
        // hyphen printed at a soft hyphen where a line breaks.
        "— -0123456789草稿",
    ];
    let blocks = doc.sections.iter().flat_map(|sec| &sec.blocks);
    texts.extend(doc.preface.iter().chain(blocks).map(Block::text));
    for sec in &doc.sections {
        texts.push(sec.heading);
        if let Some(g) = &sec.table {
            texts.extend(g.cells.iter().map(|c| c.text.as_str()));
        }
    }
    distinct_chars(texts)
        .into_iter()
        .filter_map(printed)
        .collect()
}

/// A heading of `kind` in `role`, set as a paragraph.
fn para(fonts: &Fonts, m: &Metrics, role: Role, text: &str, kind: Kind) -> Item<'static> {
    lines_item(
        linebreak::shape(fonts, m, role, BODY, CHAR - BODY, text),
        kind,
    )
}

/// Whether `c` ends a line inside a paragraph: a Markdown hard break
/// (`\` or two spaces at a line's end) and the line and paragraph
/// separators pasted text carries. Word sets them as line breaks (`w:br`)
/// and the web page as `<br>`; the PDF too.
fn is_hard_break(c: char) -> bool {
    matches!(c, '\n' | '\u{2028}' | '\u{2029}')
}

/// Byte ranges of `text` between its hard breaks, empty ones left out.
fn hard_lines(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if is_hard_break(c) {
            if i > start {
                out.push(start..i);
            }
            start = i + c.len_utf8();
        }
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

/// A body paragraph's items: one per line a hard break ends, the first
/// indented two characters and the others not, as Word and the web page
/// set them; the line before a break is set as it is, like a paragraph's
/// last. Strong runs (byte ranges of `text`) in 黑体, as in the HTML, a
/// run-in （一） heading in 楷体 as on its own line (仿宋 has no bold).
/// `kind` says what every piece is; `label`, the bytes of a list item's
/// label at the start of `text`, is tagged apart; the first line is
/// indented `indent_em` characters (2, and 2 more a list's level).
fn body_items(
    items: &mut Vec<Item<'_>>,
    (fonts, m): (&Fonts, &Metrics),
    (text, strong): (&str, &[std::ops::Range<usize>]),
    kind: Kind,
    (label, indent_em): (usize, f32),
) {
    for (k, line) in hard_lines(text).into_iter().enumerate() {
        let mut runs = Vec::new();
        let mut at = line.start;
        for r in strong {
            let (a, b) = (r.start.max(at), r.end.min(line.end));
            if a >= b {
                continue;
            }
            let role = if crate::render::document::is_run_in_heading(text, r) {
                Role::Kai
            } else {
                Role::Hei
            };
            runs.push((Role::Body, text.slice(at, a)));
            runs.push((role, text.slice(a, b)));
            at = b;
        }
        runs.push((Role::Body, text.slice(at, line.end)));
        let indent = if k == 0 { indent_em * CHAR } else { 0.0 };
        let styled = linebreak::shape_runs(fonts, m, &runs, BODY, CHAR - BODY);
        // The label's glyphs: its characters that are set.
        let label = if k == 0 && line.start == 0 {
            text.get(..label)
                .map_or(0, |l| l.chars().filter(|&c| linebreak::is_set(c)).count())
        } else {
            0
        };
        let mut item = lines_item_at(styled, kind, indent);
        if let Item::Lines { label: l, .. } = &mut item {
            *l = label;
        }
        items.push(item);
    }
}

/// A body paragraph or heading broken into lines, first line indented two
/// characters.
fn lines_item(styled: Styled, kind: Kind) -> Item<'static> {
    lines_item_at(styled, kind, 2.0 * CHAR)
}

/// [`lines_item`] with the first line indented by `indent` points.
fn lines_item_at(styled: Styled, kind: Kind, indent: f32) -> Item<'static> {
    let lines = paragraph::break_paragraph(&styled, W, indent);
    Item::Lines {
        styled,
        lines,
        heading: matches!(kind, Kind::Heading | Kind::Subheading(_)),
        center: false,
        kind,
        label: 0,
    }
}

fn single_line(
    fonts: &Fonts,
    m: &Metrics,
    role: Role,
    size: f32,
    track: f32,
    t: &str,
) -> (Styled, SetLine) {
    single_line_runs(fonts, m, &[(role, t)], size, track)
}

/// One unbroken line of runs, each in its own role.
fn single_line_runs(
    fonts: &Fonts,
    m: &Metrics,
    runs: &[(Role, &str)],
    size: f32,
    track: f32,
) -> (Styled, SetLine) {
    let s = linebreak::shape_runs(fonts, m, runs, size, track);
    let n = s.glyphs.len();
    let width = s.width(0..n);
    (
        s,
        SetLine {
            start: 0,
            end: n,
            indent: 0.0,
            extra: 0.0,
            extra_everywhere: false,
            squeeze: 0.0,
            hang: 0.0,
            width,
            hyphen: false,
        },
    )
}

/// The agency name's lines in the signature block: broken after its units
/// (局/大队/委员会…) when longer than the block, each line a range of the
/// one shaped name.
fn signature_lines(s: &Styled, whole: &SetLine, name: &str) -> Vec<SetLine> {
    let widths: Vec<f64> = (0..s.glyphs.len())
        .map(|i| f64::from(s.width_of(i)))
        .collect();
    if s.glyphs.len() != name.chars().count() {
        return vec![whole.clone()];
    }
    let max = crate::render::layout::names::SIGNATURE_MAX_CHARS * f64::from(CHAR);
    crate::render::layout::names::signature_lines(name, &widths, max)
        .into_iter()
        .map(|r| SetLine {
            start: r.start,
            end: r.end,
            width: s.width(r),
            ..whole.clone()
        })
        .collect()
}

/// The items of a narrative's blocks; `under` is the outline depth of the
/// heading it stands under (1 the title, 2 a section's heading).
fn narrative_items(
    items: &mut Vec<Item<'_>>,
    (fonts, m): (&Fonts, &Metrics),
    bs: &[Block],
    under: u8,
) {
    let base = items.len();
    let mut depth = under;
    for b in bs {
        match b {
            Block::Heading { level, text } => {
                let role = if *level <= 2 { Role::Kai } else { Role::Body };
                // `（一）` is one below a section's heading; no level is
                // skipped.
                depth = (level + 1).min(depth + 1).max(under + 1);
                items.push(para(fonts, m, role, text, Kind::Subheading(depth)));
            }
            Block::Paragraph(text) => {
                body_items(items, (fonts, m), (text, &[]), Kind::Paragraph, (0, 2.0))
            }
            Block::Emphasized { text, strong } => {
                body_items(items, (fonts, m), (text, strong), Kind::Paragraph, (0, 2.0))
            }
            Block::Item {
                list,
                entry,
                depth,
                within,
                label,
                text,
                strong,
            } => {
                // Lists are numbered within a narrative: the flow's
                // length where it starts makes them unique, as no
                // narrative has more lists than it makes items.
                let list = base + list;
                let kind = Kind::ListItem {
                    list,
                    entry: *entry,
                    within: within.map(|(l, e)| (base + l, e)),
                    numbering: tags::Numbering::of(text.chars().next()),
                };
                // Each level two characters further in (`layout::list`).
                let indent = 2.0 + crate::render::layout::list::INDENT_EM * *depth as f32;
                body_items(items, (fonts, m), (text, strong), kind, (*label, indent))
            }
        }
    }
}

/// Builds the display lists of all pages.
fn layout(doc: &Document, opts: &Options, fonts: &Fonts) -> Vec<Vec<Draw>> {
    let m = fonts.metrics(&document_chars(doc));
    // Title, blank, preface, per section a heading, blocks and table, the
    // signature: reserved at once, as a long narrative has many blocks.
    let count = doc.preface.len()
        + doc
            .sections
            .iter()
            .map(|s| s.blocks.len() + 2)
            .sum::<usize>()
        + 4;
    let mut items: Vec<Item<'_>> = Vec::with_capacity(count);
    // Title, then one blank line.
    let (ts, tl) = title::title_lines(fonts, &m, &doc.title, &doc.agency);
    items.push(Item::Lines {
        styled: ts,
        lines: tl,
        heading: true,
        center: true,
        kind: Kind::Title,
        label: 0,
    });
    items.push(Item::Blank);
    narrative_items(&mut items, (fonts, &m), &doc.preface, 1);
    for sec in &doc.sections {
        items.push(para(fonts, &m, Role::Hei, sec.heading, Kind::Heading));
        narrative_items(&mut items, (fonts, &m), &sec.blocks, 2);
        if let Some(g) = &sec.table {
            let mut t = table::Table::new(g, fonts, &m, W);
            t.fit_grid(PITCH, flow::TABLE_GAP);
            items.push(Item::Table(t));
        }
    }
    // Signature: one blank line after the body.
    if !doc.agency.is_empty() {
        items.push(Item::Blank);
        let (ns, nl) = single_line(fonts, &m, Role::Body, BODY, CHAR - BODY, &doc.agency);
        let date = (!doc.date.is_empty())
            .then(|| single_line(fonts, &m, Role::Body, BODY, CHAR - BODY, &doc.date));
        let lines = signature_lines(&ns, &nl, &doc.agency);
        let widest = lines.iter().map(|l| l.width).fold(0.0, f32::max);
        let wd = date.as_ref().map_or(0.0, |d| d.1.width);
        // GB/T 9704 7.3.5.2, the rule shared with the Word document.
        let (nx, dx) = crate::render::layout::names::signature_place(
            f64::from(widest),
            f64::from(wd),
            f64::from(W),
            f64::from(CHAR),
        );
        items.push(Item::Signature {
            name: (ns, lines, nx as f32),
            date: date.map(|(s, l)| (s, l, dx as f32)),
        });
    }

    let mut pages = flow::paginate(&items);
    folio::number_pages(&mut pages, doc, opts, fonts, &m);
    pages
}

#[cfg(test)]
mod tests {
    use super::title::title_lines;
    use super::*;
    use crate::model::Edition;

    fn doc() -> Document {
        let mut r = crate::testutil::report(Edition::E2021);
        r.agency.value = "淄博市公安局交通警察支队张店大队".into();
        crate::render::document::build(&r, None)
    }

    /// Left end of the page number (the runs below the type area).
    fn folio_x(pages: &[Vec<Draw>], i: usize) -> f32 {
        pages[i]
            .iter()
            .filter_map(|d| match d {
                Draw::Text { x, y, .. } if *y > TOP + H + 7.0 * MM => Some(*x),
                _ => None,
            })
            .reduce(f32::min)
            .expect("a page number")
    }

    #[test]
    fn a_hard_break_ends_a_line_and_the_next_starts_at_the_margin() {
        let fonts = Fonts::load(&Default::default()).unwrap();
        let m = fonts.metrics(&"一二三四五六七八九十，。加粗".chars().collect());
        let text = "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十。\n加粗一二三\u{2028}\n四五六。";
        let bold = text.find("加粗").unwrap();
        let mut items = Vec::new();
        let strong = vec![std::ops::Range {
            start: bold,
            end: bold + "加粗".len(),
        }];
        body_items(
            &mut items,
            (&fonts, &m),
            (text, &strong),
            Kind::Paragraph,
            (0, 2.0),
        );
        let lines: Vec<&Vec<SetLine>> = items
            .iter()
            .map(|i| match i {
                Item::Lines { lines, .. } => lines,
                _ => panic!("a paragraph's lines"),
            })
            .collect();
        // Three pieces (the empty one between two breaks left out); only
        // the first indented; the line before each break not spread.
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0][0].indent, 2.0 * CHAR);
        assert_eq!(lines[1][0].indent, 0.0);
        assert_eq!(lines[2][0].indent, 0.0);
        assert_eq!(lines[0].last().unwrap().extra, 0.0);
        assert_eq!(hard_lines("\n甲\u{2029}乙\n").len(), 2);
        assert!(hard_lines("").is_empty());
    }

    #[test]
    fn page_numbers_are_song_digits_between_dashes() {
        let fonts = Fonts::load(&Default::default()).unwrap();
        let pages = layout(&doc(), &Options::default(), &fonts);
        let folio: Vec<(usize, String)> = pages[0]
            .iter()
            .filter_map(|d| match d {
                Draw::Text {
                    y, face, pieces, ..
                } if *y > TOP + H + 7.0 * MM => Some((*face, dump::run_text(pieces))),
                _ => None,
            })
            .collect();
        let song = fonts.role_face(Role::Folio);
        let body = fonts.role_face(Role::Body);
        assert_ne!(song, body, "a face of its own");
        assert_eq!(
            folio,
            [
                (body, "— ".to_string()),
                (song, "1".to_string()),
                (body, " —".to_string())
            ]
        );
        assert_eq!(fonts.faces[song].name, "Noto Serif CJK SC");
        assert_ne!(
            song,
            fonts.role_face(Role::Title),
            "regular, not the bold title face"
        );
    }

    #[test]
    fn page_numbers_alternate_or_centre() {
        let fonts = Fonts::load(&Default::default()).unwrap();
        let d = doc();
        let pages = layout(&d, &Options::default(), &fonts);
        assert!(pages.len() >= 2);
        assert!(
            folio_x(&pages, 0) > LEFT + W / 2.0,
            "odd pages on the right"
        );
        assert!(
            (folio_x(&pages, 1) - (LEFT + FOLIO)).abs() < 0.01,
            "even pages one character in"
        );
        let opts = Options {
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
        let texts: Vec<String> = lines.iter().map(|l| linebreak::line_text(&s, l)).collect();
        assert_eq!(
            texts,
            [
                "淄博市公安局交通警察支队张店大队",
                "2024年政府信息公开工作年度报告"
            ]
        );
        let (s, lines) = title_lines(&fonts, &m, "某局2024年政府信息公开工作年度报告", "某局");
        assert_eq!(lines.len(), 1, "{}", linebreak::line_text(&s, &lines[0])); // A name of 50 characters: four lines, the name broken after its
        // units (before: 自治/州, 卡拉苏/街道, 公开/工作年度报告).
        let agency = "中国共产党新疆维吾尔自治区伊犁哈萨克自治州霍尔果斯市卡拉苏街道\
                      工作委员会和卡拉苏街道办事处综合办公室";
        let title = format!("{agency}2025年政府信息公开工作年度报告");
        let m = fonts.metrics(&title.chars().collect::<BTreeSet<char>>());
        let (s, lines) = title_lines(&fonts, &m, &title, agency);
        let texts: Vec<String> = lines.iter().map(|l| linebreak::line_text(&s, l)).collect();
        assert_eq!(
            texts,
            [
                "中国共产党新疆维吾尔自治区",
                "伊犁哈萨克自治州霍尔果斯市卡拉苏街道",
                "工作委员会和卡拉苏街道办事处综合办公室",
                "2025年政府信息公开工作年度报告"
            ]
        );
    }

    #[test]
    fn signature_follows_the_standard() {
        let fonts = Fonts::load(&Default::default()).unwrap();
        let d = doc();
        let pages = layout(&d, &Options::default(), &fonts);
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
                            Piece::Text(t) => Some(t.as_str()),
                            Piece::Kern(_) => None,
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
