//! The report as a document: title, opening paragraph, the six sections with
//! their narrative blocks and table grids, signature and date.
//!
//! Every renderer starts from this structure, so the six headings, the
//! generated opening paragraph and the fee statement are written once.

use crate::slice::Slice;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::grid::{self, Grid};
use crate::model::Report;
use crate::model::official;
use crate::placeholder::{self, Value};

use super::budget::Limits;
use super::paragraphs::normalize;
use super::templates::{TemplateError, Templates};
use super::zaozi::ZaoziFont;
use std::sync::Arc;

/// A block of narrative text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A sub-heading: level 2 is `（一）…`, 3 is `1.…`, 4 is `（1）…`.
    Heading {
        /// 2, 3 or 4 (level 1 is the section heading).
        level: u8,
        /// The heading text.
        text: String,
    },
    /// A paragraph of plain text.
    Paragraph(String),
    /// A paragraph with strong (bold) runs, as byte ranges of its text.
    Emphasized {
        /// The text, markup removed.
        text: String,
        /// Byte ranges of `text` set in strong type.
        strong: Vec<std::ops::Range<usize>>,
    },
    /// An item of a Markdown list, printed as a paragraph that starts with
    /// its mark (`layout::list::mark`: `1.`, `（1）`, `①`; `●`, `○`, `■` by
    /// depth), indented two characters more a level.
    Item {
        /// The list, numbered from 0 within its narrative.
        list: usize,
        /// The item, numbered from 0 within its list.
        entry: usize,
        /// How deep the list is nested (0: not inside another list).
        depth: usize,
        /// The item (list, entry) a nested list is inside.
        within: Option<(usize, usize)>,
        /// Bytes of `text` that are the printed label (`3.`, `● `).
        label: usize,
        /// The text, label included, markup removed.
        text: String,
        /// Byte ranges of `text` set in strong type.
        strong: Vec<std::ops::Range<usize>>,
    },
}

impl Block {
    /// The block's text, markup removed.
    pub fn text(&self) -> &str {
        match self {
            Block::Heading { text, .. }
            | Block::Paragraph(text)
            | Block::Emphasized { text, .. }
            | Block::Item { text, .. } => text,
        }
    }
}

/// One of the six sections.
#[derive(Debug, Clone)]
pub struct Section {
    /// The official heading (`一、总体情况`).
    pub heading: &'static str,
    /// Narrative before the table, as plain blocks (for PDF).
    pub blocks: Vec<Block>,
    /// The same narrative as Markdown source, placeholders resolved.
    pub markdown: String,
    /// The section's table, if it has one.
    pub table: Option<Grid>,
}

/// A draft's state, shown on every output built with `--draft`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Draft {
    /// Errors found by `check`.
    pub errors: usize,
    /// Warnings found by `check`.
    pub warnings: usize,
    /// Characters that print as nothing or as an empty box: no face has
    /// them (GLYPH), or they are private-use characters (TEXT-PUA). A
    /// document with any is a draft however few its errors.
    pub unprinted: usize,
}

impl Draft {
    /// The stamp for a document checked with `diagnostics`: `asked` (a
    /// draft asked for, as `--draft` does), or one that prints characters
    /// no face has, unless they were accepted (`--accept-missing-glyphs`).
    pub fn for_findings(
        diagnostics: &[crate::diag::Diagnostic],
        asked: bool,
        accept_unprinted: bool,
    ) -> Option<Draft> {
        let (errors, warnings) = crate::diag::count(diagnostics);
        // Each place counted once: a 造字 is named by TEXT-PUA and by the
        // glyph check (GLYPH) at the same span.
        let unprinted = if accept_unprinted {
            0
        } else {
            let mut places: Vec<_> = diagnostics
                .iter()
                .enumerate()
                .filter(|(_, d)| {
                    [crate::diag::codes::GLYPH, crate::diag::codes::TEXT_PUA].contains(&d.code)
                })
                .map(|(i, d)| (d.span.map(|s| (s.offset, s.len)), i))
                .map(|(span, i)| span.map_or((usize::MAX, i), |s| s))
                .collect();
            places.sort_unstable();
            places.dedup();
            places.len()
        };
        (asked || unprinted > 0).then_some(Draft {
            errors,
            warnings,
            unprinted,
        })
    }
}

/// The whole report, ready to render.
#[derive(Debug, Clone)]
pub struct Document {
    /// `{机关}{年度}年政府信息公开工作年度报告`.
    pub title: String,
    /// The agency, as it signs.
    pub agency: String,
    /// The report year.
    pub year: i32,
    /// The opening paragraph(s).
    pub preface: Vec<Block>,
    /// The opening paragraph(s) as Markdown.
    pub preface_markdown: String,
    /// The six sections, in order.
    pub sections: Vec<Section>,
    /// The date under the signature (`2025年1月10日`), empty if not set.
    pub date: String,
    /// The date as `YYYY-MM-DD`, for document metadata.
    pub date_iso: Option<String>,
    /// Set when building a draft.
    pub draft: Option<Draft>,
    /// The SHA-256 (hex) of the report's data ([`data_digest`]): the .docx
    /// records it so that a reviewed copy is matched to its version. Empty
    /// in a document built for no Word document ([`build_without_digest`]).
    pub data_digest: String,
    /// The agency's 造字 font when the document prints a character from
    /// it (`--font 造字=FILE`): the web page and the Word document carry it.
    pub zaozi: Option<Arc<ZaoziFont>>,
}

impl Document {
    /// Bytes of text in the document: what a render of it may grow from.
    pub fn text_len(&self) -> usize {
        let sections: usize = self.sections.iter().map(|s| s.markdown.len()).sum();
        self.title.len() + self.agency.len() + self.preface_markdown.len() + sections
    }
}

pub use crate::model::bounds::{MAX_LINES, text_lines};

/// Builds the document of `report`.
pub fn build(report: &Report, draft: Option<Draft>) -> Document {
    let tera = super::templates::load(None).expect("built-in templates compile");
    build_with(report, draft, &tera, None).expect("built-in sentence templates render")
}

/// Builds the document with `tera`'s `preface.md` and `fee.md` for the
/// sentences the tool writes itself (they may be overridden by the user),
/// the 造字 `zaozi` has printed from it.
pub fn build_with(
    report: &Report,
    draft: Option<Draft>,
    tera: &Templates,
    zaozi: Option<&Arc<ZaoziFont>>,
) -> Result<Document, TemplateError> {
    let mut doc = build_without_digest(report, draft, tera, zaozi)?;
    doc.data_digest = data_digest(report);
    Ok(doc)
}

/// [`build_with`] leaving [`Document::data_digest`] empty, for a build that
/// writes no Word document: the digest (the data written out as a data file
/// and hashed) is half the work of a document.
pub fn build_without_digest(
    report: &Report,
    draft: Option<Draft>,
    tera: &Templates,
    zaozi: Option<&Arc<ZaoziFont>>,
) -> Result<Document, TemplateError> {
    // The 造字 font is carried only by a document that prints from it.
    let zaozi = zaozi.filter(|f| {
        super::printable::report_zaozi(report)
            .iter()
            .any(|&c| f.has(c))
    });
    let printed = super::printable::printable(report, &super::zaozi::kept(zaozi.map(|f| &**f)));
    let report = printed.as_ref();
    let grids = grid::tables(report);
    let [t2, t3, t4] = grids;
    let preface_markdown = match &report.preface {
        Some(p) => resolve(report, &normalize(&p.value)),
        None => standard_preface(report, tera)?,
    };
    let overview = resolve(report, &normalize(&report.overview.value));
    let problems = resolve(report, &normalize(&report.problems.value));
    let mut other = String::new();
    // The clerk's own fee sentences never print beside the generated
    // statement (FEE-TEXT says which stays).
    // A bare `无。` (the text box asks for something) is not printed after
    // the statement either: it would read as denying it.
    let own = if report.fee_printed() {
        let own = crate::model::narrative::without_fee(&report.other.value).0;
        if crate::model::narrative::says_nothing(&own) {
            String::new()
        } else {
            own
        }
    } else {
        report.other.value.clone()
    };
    let other_body = resolve(report, &normalize(&own));
    // FEE-REPORT is an error already when 2021 figures are missing; the
    // template keeps the slot visible in drafts.
    let items = ItemForm {
        numbered: numbered_items(&other_body),
        run_in: run_in_items(&other_body),
    };
    if let Some(fee) = fee_statement(report, items, tera)? {
        other.push_str(&fee);
        other.push_str("\n\n");
    }
    other.push_str(&other_body);

    let section = |i: usize, markdown: String, table: Option<Grid>| Section {
        heading: official::SECTION_HEADINGS[i],
        blocks: blocks(&markdown),
        markdown,
        table,
    };
    let sections = vec![
        section(0, overview, None),
        section(1, String::new(), Some(t2)),
        section(2, String::new(), Some(t3)),
        section(3, String::new(), Some(t4)),
        section(4, problems, None),
        section(5, other, None),
    ];
    Ok(Document {
        title: report.title(),
        agency: report.agency.value.clone(),
        year: report.year.value,
        preface: blocks(&preface_markdown),
        preface_markdown,
        sections,
        date: report
            .date
            .as_ref()
            .map(|d| d.value.chinese())
            .unwrap_or_default(),
        date_iso: report.date.as_ref().map(|d| d.value.iso()),
        draft,
        data_digest: String::new(),
        zaozi: zaozi.cloned(),
    })
}

/// The SHA-256 (lower-case hex) of `report`'s values as a data file
/// ([`crate::write::data_file`]): it changes with any value, not with the
/// comments or the layout of the file.
pub fn data_digest(report: &Report) -> String {
    use sha2::Digest as _;
    let text = crate::write::data_file(report, &crate::write::Notes::new());
    let hash = sha2::Sha256::digest(text.as_bytes());
    hash.iter().fold(String::with_capacity(64), |mut s, b| {
        use std::fmt::Write as _;
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// Resolves placeholders; an empty cell shows as `□` so a draft reveals it.
pub fn resolve(report: &Report, text: &str) -> String {
    placeholder::substitute(report, text, |v| match v {
        Value::Text(t) => super::escape::markdown_inline(t),
        Value::Empty => "□".to_string(),
    })
}

/// Whether section 六's own text is a numbered list of items — headings,
/// or paragraphs that start with （二） — so that the fee statement before
/// it is headed （一）.
fn numbered_items(markdown: &str) -> bool {
    blocks(markdown).iter().any(|b| match b {
        Block::Heading { .. } => true,
        _ => b.text().trim_start().starts_with("（二）"),
    })
}

/// Whether section 六's items are run-in headings (`**（二）……**。正文`)
/// rather than heading lines: the fee item then takes the same form, so
/// that all the items of 六 look alike.
fn run_in_items(markdown: &str) -> bool {
    blocks(markdown).iter().find_map(|b| match b {
        Block::Heading { .. } => Some(false),
        // A bold （二） that is the whole paragraph is a heading line.
        Block::Emphasized { text, strong } | Block::Item { text, strong, .. }
            if !strong.is_empty() =>
        {
            Some(
                strong
                    .iter()
                    .any(|r| is_run_in_heading(text, r) && r.end < text.len()),
            )
        }
        _ => None,
    }) == Some(true)
}

/// Whether the strong run `r` of paragraph `text` is a run-in second-level
/// heading — it opens the paragraph with （一）, （二）… — which GB/T 9704
/// 7.3.3 sets in 楷体 (not bold), like a `（一）` heading on its own line.
pub fn is_run_in_heading(text: &str, r: &std::ops::Range<usize>) -> bool {
    if r.start != 0 {
        return false;
    }
    let run = text.get(r.clone()).unwrap_or_default();
    let Some(rest) = run.strip_prefix(['（', '(']) else {
        return false;
    };
    let digits = rest
        .chars()
        .take_while(|c| "一二三四五六七八九十".contains(*c))
        .count();
    digits > 0
        && rest
            .chars()
            .nth(digits)
            .is_some_and(|c| c == '）' || c == ')')
}

/// The opening paragraph generated from 机关, 年度, 联系方式 and the edition.
pub fn standard_preface(report: &Report, tera: &Templates) -> Result<String, TemplateError> {
    let esc = super::escape::markdown_inline;
    let contact: Vec<serde_json::Value> = report
        .contact
        .lines()
        .into_iter()
        .filter_map(|(label, v)| {
            v.map(|v| serde_json::json!({ "label": label, "value": esc(v.value.trim()) }))
        })
        .collect();
    let ctx = serde_json::json!({
        "year": report.year.value,
        "agency": esc(&report.agency.value),
        "edition": report.edition().year(),
        "instrument": report.edition().instrument(),
        "contact": contact,
    });
    render_sentence(tera, "preface.md", &ctx)
}

/// How the other items of section 六 are written, which the fee item follows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ItemForm {
    /// The items are numbered （二）, （三）…: the fee item is （一）.
    pub numbered: bool,
    /// The items are run-in headings: so is the fee item.
    pub run_in: bool,
}

/// The statement on information-processing fees (`fee.md`), or `None` when
/// the report has no fee figures and its format does not ask for them.
pub fn fee_statement(
    report: &Report,
    items: ItemForm,
    tera: &Templates,
) -> Result<Option<String>, TemplateError> {
    let fee = report.fee.as_ref();
    if !report.fee_printed() {
        return Ok(None);
    }
    let show = |d: Option<&crate::model::Located<crate::model::Decimal>>| {
        d.map_or("□".to_string(), |d| d.value.to_string())
    };
    let ctx = serde_json::json!({
        "year": report.year.value,
        "edition": report.edition().year(),
        "numbered": items.numbered,
        "run_in": items.run_in,
        "filled": fee.is_some(),
        "nil": fee.is_some_and(|f| f.is_nil()),
        "notices": fee.and_then(|f| f.notices.as_ref()).map_or("□".to_string(), |n| n.value.to_string()),
        "notice_amount": show(fee.and_then(|f| f.notice_amount.as_ref())),
        "collected": show(fee.and_then(|f| f.collected.as_ref())),
    });
    render_sentence(tera, "fee.md", &ctx).map(Some)
}

/// Renders one of the sentence templates, trimmed.
fn render_sentence(
    tera: &Templates,
    name: &str,
    ctx: &serde_json::Value,
) -> Result<String, TemplateError> {
    let context = tera::Context::from_serialize(ctx).map_err(|e| TemplateError {
        file: name.to_string(),
        message: super::templates::error_text(&e),
    })?;
    tera.render(name, &context, &Limits::for_text(0))
        .map(|s| s.trim().to_string())
        .map_err(|stop| TemplateError::stopped(name, stop))
}

/// What stands between the cells of a table row in a narrative when it is
/// printed as a paragraph (the PDF and the Word document have no tables in
/// narrative; `TEXT-TABLE` says so): a full-width space.
pub const TABLE_CELL_GAP: &str = "\u{3000}";

/// What the PDF and the Word document print after a link's text
/// (`[政府信息公开指南](http://…)`): its address in full-width brackets, as
/// paper has no link to follow — `（http://…）`, a `mailto:` address
/// without its scheme. Nothing when the text already shows the address
/// (`<http://…>`, `[www.gov.cn](http://www.gov.cn/)`), nor for an address
/// the web page does not link either (`javascript:`, relative ones).
pub fn printed_address(url: &str, text: &str) -> Option<String> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    let shown = if lower.starts_with("http://") || lower.starts_with("https://") {
        url
    } else if lower.starts_with("mailto:") {
        url.slice_from("mailto:".len())
    } else {
        return None;
    };
    let bare = |s: &str| {
        let s = s.trim().to_ascii_lowercase();
        s.strip_prefix("https://")
            .or_else(|| s.strip_prefix("http://"))
            .or_else(|| s.strip_prefix("mailto:"))
            .unwrap_or(&s)
            .trim_end_matches('/')
            .to_string()
    };
    let address = bare(shown);
    if address.is_empty() || bare(text).contains(&address) {
        return None;
    }
    Some(format!("（{shown}）"))
}

/// Ends the block being read: `text` trimmed, with its strong runs
/// (byte ranges) moved with it, pushed to `out` unless empty.
fn flush(
    out: &mut Vec<Block>,
    text: &mut String,
    strong: &mut Vec<std::ops::Range<usize>>,
    heading: Option<u8>,
) {
    let lead = text.len() - text.trim_start().len();
    let t = text.trim().to_string();
    text.clear();
    let ranges: Vec<_> = std::mem::take(strong)
        .into_iter()
        .map(|r| r.start.saturating_sub(lead).min(t.len())..r.end.saturating_sub(lead).min(t.len()))
        .filter(|r| !r.is_empty())
        .collect();
    if t.is_empty() {
        return;
    }
    out.push(match heading {
        Some(level) => Block::Heading { level, text: t },
        None if ranges.is_empty() => Block::Paragraph(t),
        None => Block::Emphasized {
            text: t,
            strong: ranges,
        },
    });
}

/// Narrative Markdown as plain blocks. Inline markup is reduced to its text;
/// raw HTML is kept as literal text; each row of a table is a paragraph, its
/// cells apart by [`TABLE_CELL_GAP`].
pub fn blocks(markdown: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut heading: Option<u8> = None;
    let mut lists = Lists::default();
    // Byte ranges of `text` inside **strong** markup.
    let mut strong: Vec<std::ops::Range<usize>> = Vec::new();
    let mut strong_from: Option<usize> = None;
    // Cells begun in the current table row.
    let mut cells = 0;
    // The links open: address, and where the link's text began in `text`.
    let mut links: Vec<(String, usize)> = Vec::new();
    let markdown = crate::model::emphasis::prepare(markdown);
    for event in Parser::new_ext(&markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                flush(&mut out, &mut text, &mut strong, None);
                heading = Some(match level {
                    HeadingLevel::H1 | HeadingLevel::H2 | HeadingLevel::H3 => 2,
                    HeadingLevel::H4 => 3,
                    _ => 4,
                });
            }
            Event::End(TagEnd::Heading(_)) => {
                flush(&mut out, &mut text, &mut strong, heading);
                heading = None;
            }
            Event::Start(Tag::Paragraph) => {}
            Event::End(TagEnd::Paragraph) if lists.open.is_empty() => {
                flush(&mut out, &mut text, &mut strong, None);
            }
            Event::Start(Tag::List(start)) => {
                lists.end_item(&mut out, &mut text, &mut strong);
                lists.open(start);
            }
            Event::End(TagEnd::List(_)) => lists.close(),
            Event::Start(Tag::Item) => {
                lists.end_item(&mut out, &mut text, &mut strong);
                lists.begin_item(&mut text);
            }
            Event::End(TagEnd::Item) => lists.end_item(&mut out, &mut text, &mut strong),
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                push_tabs_as_gaps(&mut text, &crate::model::emphasis::strip(&t))
            }
            Event::Start(Tag::Strong) => strong_from = Some(text.len()),
            Event::End(TagEnd::Strong) => {
                if let Some(from) = strong_from.take() {
                    strong.push(from..text.len());
                }
            }
            Event::SoftBreak => {}
            Event::HardBreak => text.push('\n'),
            Event::Start(Tag::Link { dest_url, .. }) => {
                links.push((dest_url.to_string(), text.len()))
            }
            Event::End(TagEnd::Link) => {
                if let Some((url, from)) = links.pop()
                    && let Some(address) = printed_address(&url, text.get(from..).unwrap_or(""))
                {
                    text.push_str(&address);
                }
            }
            Event::Start(Tag::TableCell) => {
                if cells > 0 {
                    text.push_str(TABLE_CELL_GAP);
                }
                cells += 1;
            }
            Event::End(TagEnd::TableHead) | Event::End(TagEnd::TableRow) => {
                flush(&mut out, &mut text, &mut strong, None);
                cells = 0;
            }
            Event::End(TagEnd::BlockQuote(_)) | Event::End(TagEnd::CodeBlock) => {
                flush(&mut out, &mut text, &mut strong, None)
            }
            _ => {}
        }
    }
    flush(&mut out, &mut text, &mut strong, heading);
    out
}

/// The lists [`blocks`] is inside: each open list's number and next
/// ordinal (`None` for a bullet list), and the item whose text is being
/// read.
#[derive(Default)]
struct Lists {
    /// Open lists, innermost last: number, entries so far, next ordinal.
    open: Vec<(usize, usize, Option<u64>)>,
    /// Lists begun so far.
    count: usize,
    /// The item being read: list, entry, label bytes.
    item: Option<(usize, usize, usize)>,
}

impl Lists {
    fn open(&mut self, start: Option<u64>) {
        self.open.push((self.count, 0, start));
        self.count += 1;
    }

    /// The depth of the innermost open list and the item it is inside.
    fn place(&self) -> (usize, Option<(usize, usize)>) {
        let depth = self.open.len().saturating_sub(1);
        let within = self
            .open
            .len()
            .checked_sub(2)
            .and_then(|i| self.open.get(i))
            .and_then(|&(list, entries, _)| entries.checked_sub(1).map(|e| (list, e)));
        (depth, within)
    }

    fn close(&mut self) {
        self.open.pop();
    }

    /// An item begins: its ordered list's label goes into `text`.
    fn begin_item(&mut self, text: &mut String) {
        if self.open.is_empty() {
            return;
        }
        let depth = self.open.len() - 1;
        let (list, entries, ordinal) = self.open.last_mut().expect("an open list");
        let label = crate::render::layout::list::mark(*ordinal, depth);
        if let Some(n) = ordinal {
            *n += 1;
        }
        text.push_str(&label);
        self.item = Some((*list, *entries, label.len()));
        *entries += 1;
    }

    /// Ends the text read so far: the item's first block when an item is
    /// being read, else a paragraph.
    fn end_item(
        &mut self,
        out: &mut Vec<Block>,
        text: &mut String,
        strong: &mut Vec<std::ops::Range<usize>>,
    ) {
        let before = out.len();
        flush(out, text, strong, None);
        if out.len() == before {
            return;
        }
        let Some((list, entry, label)) = self.item.take() else {
            return;
        };
        let (text, strong) = match out.pop() {
            Some(Block::Paragraph(text)) => (text, Vec::new()),
            Some(Block::Emphasized { text, strong }) => (text, strong),
            Some(other) => {
                out.push(other);
                return;
            }
            None => return,
        };
        let label = if text.is_char_boundary(label) {
            label
        } else {
            0
        };
        let (depth, within) = self.place();
        out.push(Block::Item {
            list,
            entry,
            depth,
            within,
            label,
            text,
            strong,
        });
    }
}

/// Appends `t` to `text`, each run of Tabs in it (cells of a table pasted
/// from Word, WPS or a spreadsheet) as one [`TABLE_CELL_GAP`]: a Tab has no
/// width in print.
fn push_tabs_as_gaps(text: &mut String, t: &str) {
    let mut pieces = t.split('\t').filter(|p| !p.is_empty()).peekable();
    if t.starts_with('\t') && pieces.peek().is_some() && !text.is_empty() {
        text.push_str(TABLE_CELL_GAP);
    }
    while let Some(p) = pieces.next() {
        text.push_str(p);
        if pieces.peek().is_some() || t.ends_with('\t') {
            text.push_str(TABLE_CELL_GAP);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Edition;

    #[test]
    fn a_link_prints_its_address_unless_its_text_shows_it() {
        let md = "详见[公开指南](https://www.gov.cn/a?b=1&c=2)、[www.gov.cn](http://www.gov.cn/)、\
                  [信箱](mailto:gk@gov.cn)、<http://x.cn>、[脚本](javascript:alert(1))和[本页](#top)。";
        assert_eq!(
            blocks(md)[0].text(),
            "详见公开指南（https://www.gov.cn/a?b=1&c=2）、www.gov.cn、信箱（gk@gov.cn）、\
             http://x.cn、脚本和本页。"
        );
        assert_eq!(printed_address("  ", "x"), None);
        assert_eq!(printed_address("mailto:", "信箱"), None);
        assert_eq!(printed_address("HTTPS://GOV.CN/", "gov.cn"), None);
    }

    #[test]
    fn a_table_in_narrative_becomes_a_paragraph_a_row() {
        let b = blocks(
            "前文。\n\n| 项目 | 数量 | 备注 |\n| --- | --- | --- |\n| 培训 | 3次 | 线上 |\n\n后文。",
        );
        let text: Vec<&str> = b.iter().map(Block::text).collect();
        assert_eq!(
            text,
            ["前文。", "项目　数量　备注", "培训　3次　线上", "后文。"]
        );
        // No pipe reaches print.
        assert!(b.iter().all(|b| !b.text().contains('|')));
        // Cells pasted with Tabs are apart in print too.
        let b = blocks("类别\t\t数量\t备注\n\n网站\t1,234条\t门户网站");
        let text: Vec<&str> = b.iter().map(Block::text).collect();
        assert_eq!(text, ["类别　数量　备注", "网站　1,234条　门户网站"]);
    }

    #[test]
    fn markdown_becomes_blocks() {
        let b = blocks(
            "第一段\n接续。\n\n### （一）标题\n\n<b>粗</b>体\n\n1. 甲\n2. 乙\n\n- 丙\n  - **丁**\n",
        );
        let item = |(list, entry, depth, within),
                    label,
                    text: &str,
                    strong: Vec<std::ops::Range<usize>>| Block::Item {
            list,
            entry,
            depth,
            within,
            label,
            text: text.into(),
            strong,
        };
        assert_eq!(
            b,
            vec![
                Block::Paragraph("第一段接续。".into()),
                Block::Heading {
                    level: 2,
                    text: "（一）标题".into()
                },
                Block::Paragraph("<b>粗</b>体".into()),
                item((0, 0, 0, None), 2, "1.甲", vec![]),
                item((0, 1, 0, None), 2, "2.乙", vec![]),
                // A bullet list prints its bullet; a nested list is a list
                // of its own, inside its item, with the next level's mark.
                item((1, 0, 0, None), 4, "● 丙", vec![]),
                item(
                    (2, 0, 1, Some((1, 0))),
                    4,
                    "○ 丁",
                    std::iter::once(4.."○ 丁".len()).collect()
                ),
            ]
        );
    }

    #[test]
    fn run_in_headings_are_bold_enumerators_opening_a_paragraph() {
        let t = "（二）人大代表建议办理情况。本年度共办理21件。";
        let head = 0.."（二）人大代表建议办理情况".len();
        assert!(is_run_in_heading(t, &head));
        assert!(!is_run_in_heading(t, &(3..head.end)));
        assert!(!is_run_in_heading("一是加强培训。", &(0.."一是".len())));
        assert!(!is_run_in_heading("（1）细则。", &(0.."（1）细则".len())));
        assert!(run_in_items(
            "**（二）人大代表建议**。本年度办理21件。\n\n**（三）创新**。推行明白卡。\n"
        ));
        assert!(!run_in_items(
            "### （二）人大代表建议\n\n本年度办理21件。\n"
        ));
        assert!(!run_in_items("本年度**重点**工作。\n"));
        assert!(!run_in_items(
            "**（二）人大代表建议**\n\n本年度办理21件。\n"
        ));
    }

    #[test]
    fn the_fee_item_takes_the_form_of_the_other_items_of_six() {
        let mut report = crate::testutil::report(Edition::E2021);
        report.other.value =
            "**（二）人大代表建议和政协提案办理情况**。本年度共办理21件。\n".into();
        let doc = build(&report, None);
        let six = &doc.sections[5].markdown;
        assert!(
            six.starts_with("**（一）政府信息公开信息处理费收取情况**。"),
            "{six}"
        );
        report.other.value =
            "### （二）人大代表建议和政协提案办理情况\n\n本年度共办理21件。\n".into();
        let six = build(&report, None).sections[5].markdown.clone();
        assert!(
            six.starts_with("### （一）政府信息公开信息处理费收取情况"),
            "{six}"
        );
    }

    #[test]
    fn document_has_six_sections_and_a_fee_statement() {
        let report = crate::testutil::report(Edition::E2021);
        let doc = build(&report, None);
        let headings: Vec<&str> = doc.sections.iter().map(|s| s.heading).collect();
        assert_eq!(headings, official::SECTION_HEADINGS);
        assert!(doc.sections[5].markdown.contains("未收取信息处理费"));
        assert!(
            doc.preface_markdown
                .contains("2024年1月1日起至2024年12月31日止")
        );
        assert_eq!(doc.date, "2025年1月10日");
    }

    #[test]
    fn the_fee_sentence_fits_its_year() {
        let mut report = crate::testutil::report(Edition::E2019);
        report.year.value = 2020;
        report.fee = Some(crate::model::Fee {
            notices: Some(crate::model::Located::new(0, Default::default())),
            notice_amount: Some(crate::model::Located::new(
                crate::model::Decimal::from_u64(0),
                Default::default(),
            )),
            collected: Some(crate::model::Located::new(
                crate::model::Decimal::from_u64(0),
                Default::default(),
            )),
            span: Default::default(),
        });
        report.other.value = "无。".into();
        let six = &build(&report, None).sections[5].markdown;
        assert!(
            !six.contains("109号"),
            "a 2020 report cites a 2021 measure: {six}"
        );
        assert!(
            six.starts_with("2020年度，本机关未收取政府信息公开相关费用。"),
            "{six}"
        );
        assert!(!six.contains("（一）"), "{six}");

        let mut report = crate::testutil::report(Edition::E2021);
        report.other.value =
            "**（二）人大代表建议和政协提案办理结果公开情况**\n\n已办结。\n".into();
        let six = &build(&report, None).sections[5].markdown;
        assert!(
            six.starts_with("### （一）政府信息公开信息处理费收取情况"),
            "{six}"
        );
        assert!(six.contains("109号"), "{six}");
    }
}
