//! The template context: the [`Document`] turned into plain values for the
//! Tera templates (`report.html`, `report.md`).

use crate::slice::Slice;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use super::document::Document;
use super::layout::table;
use super::print_labels::PrintType;
use crate::grid::{Align, CellKind, Grid, TableId};

/// Everything a template sees.
#[derive(Debug, Serialize)]
pub struct TemplateContext {
    /// The report title.
    pub title: String,
    /// The title broken into display lines (agency, then the rest) when long.
    pub title_lines: Vec<String>,
    /// [`title_lines`](Self::title_lines) cut into words (an agency name
    /// after its units, the rest after 年 and 公开), where a narrow screen
    /// may break a line: the page joins them with `<wbr>`.
    pub title_words: Vec<Vec<String>>,
    /// The agency.
    pub agency: String,
    /// The agency as the signature sets it: broken after its units when
    /// longer than the signature block (one line otherwise).
    pub agency_lines: Vec<String>,
    /// The title escaped for Markdown.
    pub title_md: String,
    /// The agency escaped for Markdown.
    pub agency_md: String,
    /// The report year.
    pub year: i32,
    /// Date under the signature.
    pub date: String,
    /// Set for drafts.
    pub draft: Option<DraftInfo>,
    /// The web page's `@font-face` of the agency's 造字 font (its family
    /// is the first of every face in the style sheet), when the document
    /// prints a character from it.
    pub zaozi_face: Option<String>,
    /// Opening paragraph as HTML.
    pub preface_html: String,
    /// Opening paragraph as Markdown.
    pub preface_md: String,
    /// The six sections.
    pub sections: Vec<SectionContext>,
}

/// Draft counts.
#[derive(Debug, Serialize)]
pub struct DraftInfo {
    /// Errors.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Characters that print as nothing or a box (0: none).
    pub unprinted: usize,
}

/// One section.
#[derive(Debug, Serialize)]
pub struct SectionContext {
    /// Official heading.
    pub heading: String,
    /// Narrative as HTML (safe: raw HTML escaped).
    pub html: String,
    /// Narrative as Markdown.
    pub markdown: String,
    /// The table for HTML.
    pub table: Option<HtmlTable>,
    /// The table flattened for Markdown (one or more GFM tables).
    pub md_tables: Vec<MdTable>,
}

/// A table for the HTML template.
#[derive(Debug, Serialize)]
pub struct HtmlTable {
    /// CSS class naming the table.
    pub class: &'static str,
    /// Column widths in percent.
    pub widths: Vec<u32>,
    /// The type the table prints at when its figures do not fit at
    /// `table.official`'s (`table.fitted`), else `None`.
    pub fitted: Option<Fitted>,
    /// Header rows.
    pub head: Vec<Vec<HtmlCell>>,
    /// Body rows.
    pub body: Vec<Vec<HtmlCell>>,
    /// For each body row, whether a printed page may not break before it:
    /// a merged label crossing the break would not have room on both sides
    /// ([`print_labels::keep_with_previous`](super::print_labels::keep_with_previous)).
    pub keep: Vec<bool>,
    /// The body as the printed copy nests it in its merged groups, whose
    /// labels print again on every page (empty for a table without merged
    /// body labels, which prints as it is;
    /// [`print_labels::nested_rows`](super::print_labels::nested_rows)).
    pub print: Vec<PrintRow>,
}

/// A table's type in print when its figures do not fit at 10.5 pt: CSS
/// lengths in points (`--print-size`, `--print-pad` on `table.fitted`).
#[derive(Debug, Serialize)]
pub struct Fitted {
    /// Type size, points.
    pub size: String,
    /// Side padding of a cell, points.
    pub pad: String,
}

/// A body row of a table's printed copy.
#[derive(Debug, Serialize)]
pub struct PrintRow {
    /// Merged groups that open before the row, outermost first.
    pub opens: Vec<PrintGroup>,
    /// The empty cells of the label columns of the groups the row lies
    /// in, outermost first
    /// ([`print_labels::Spacer`](super::print_labels::Spacer)).
    pub spacers: Vec<PrintSpacer>,
    /// The row's cells but merged labels (without data paths: the screen
    /// table's cells are the ones a page looks up).
    pub cells: Vec<HtmlCell>,
    /// Whether a page may not break before the row (when it opens no group;
    /// otherwise the outermost group carries it).
    pub keep: bool,
    /// How many groups close after the row.
    pub closes: usize,
}

/// An empty cell of a label column in a row of a table's printed copy.
#[derive(Debug, Serialize)]
pub struct PrintSpacer {
    /// Columns it spans.
    pub colspan: usize,
    /// Whether the row is the group's last (ruled below).
    pub last: bool,
}

/// A merged group of a table's printed copy: one row whose cell, as wide
/// as the table, holds a table of the group's rows with the table's
/// columns.
#[derive(Debug, Serialize)]
pub struct PrintGroup {
    /// The label's words as an image as wide as the table, the words in
    /// the label's column, drawn at the top of each printed page the group
    /// reaches
    /// ([`print_labels::label_image`](super::print_labels::label_image)).
    pub image: String,
    /// The inner table's least height (CSS `em`): the label's height.
    pub height: String,
    /// Whether a page may not break before the group.
    pub keep: bool,
}

/// A cell for the HTML template.
#[derive(Debug, Serialize)]
pub struct HtmlCell {
    /// Text.
    pub text: String,
    /// The text cut into the words a line may break between (the labels'
    /// lexicon, [`words::word_starts`](super::words::word_starts)); the
    /// template joins them with `<wbr>` so a narrow cell reads 自然人, never
    /// 自然/人. A figure is one word.
    pub words: Vec<String>,
    /// Row span.
    pub rowspan: usize,
    /// Column span.
    pub colspan: usize,
    /// Whether it is a `th`.
    pub header: bool,
    /// `scope` of a `th`.
    pub scope: &'static str,
    /// CSS classes.
    pub class: String,
    /// Data-file path of a figure.
    pub path: Option<String>,
}

/// A GFM table.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct MdTable {
    /// A bold line printed before the table, if any.
    pub title: Option<String>,
    /// Header cells.
    pub header: Vec<String>,
    /// Alignment row cells (`:---`, `---:`).
    pub align: Vec<&'static str>,
    /// Body rows.
    pub rows: Vec<Vec<String>>,
}

/// Builds the template context of `doc`.
pub fn build(doc: &Document) -> TemplateContext {
    let lines = title_lines(doc);
    TemplateContext {
        title: doc.title.clone(),
        title_words: title_words(&doc.title, &doc.agency, &lines),
        title_lines: lines,
        agency: doc.agency.clone(),
        agency_lines: super::layout::names::signature_text_lines(&doc.agency)
            .into_iter()
            .map(|l| l.0)
            .collect(),
        title_md: super::escape::markdown_line(&doc.title),
        agency_md: super::escape::markdown_line(&doc.agency),
        year: doc.year,
        date: doc.date.clone(),
        draft: doc.draft.map(|d| DraftInfo {
            errors: d.errors,
            warnings: d.warnings,
            unprinted: d.unprinted,
        }),
        zaozi_face: doc.zaozi.as_deref().map(super::zaozi::font_face),
        preface_html: narrative_html(&doc.preface_markdown),
        preface_md: narrative_markdown(&doc.preface_markdown),
        sections: doc
            .sections
            .iter()
            .map(|s| SectionContext {
                heading: s.heading.to_string(),
                html: narrative_html(&s.markdown),
                markdown: narrative_markdown(&s.markdown),
                table: s.table.as_ref().map(html_table),
                md_tables: s.table.as_ref().map(md_tables).unwrap_or_default(),
            })
            .collect(),
    }
}

/// The title's display lines, shaped as in the PDF and the Word document
/// ([`title_shape`](super::layout::title_shape), 22 characters of 2号 on
/// 156 mm): the agency name broken between its words and segments, the
/// year-and-report line whole (before: Chromium broke 巴彦/托海镇 mid-word).
fn title_lines(doc: &Document) -> Vec<String> {
    use super::layout::{names, title_shape};
    let chars: Vec<char> = doc.title.chars().collect();
    let widths: Vec<f64> = chars.iter().map(|&c| names::nominal_width(c)).collect();
    let per_line = 156.0 * 72.0 / 25.4 / 22.0;
    title_shape::title_lines(&doc.title, &doc.agency, &widths, per_line)
        .into_iter()
        .map(|r| chars[r].iter().collect())
        .collect()
}

/// Each title line cut into words: where the agency's name may break
/// (`names::word_ends`: its units and segments, never before a 、 or
/// inside 人民政府办公室), and after 年 and 公开 in the rest (政府信息公开 / 工作年度报告), so that a
/// phone breaks 百省乡 / 人民政府, never 百省 / 乡人民政府.
fn title_words(title: &str, agency: &str, lines: &[String]) -> Vec<Vec<String>> {
    use super::layout::names;
    let mut rest_of_agency = agency;
    lines
        .iter()
        .map(|line| {
            let mut cuts: Vec<usize> = Vec::new();
            let in_agency = line.len().min(rest_of_agency.len());
            let part = line.get(..in_agency).unwrap_or_default();
            if title.starts_with(agency) && !part.is_empty() && rest_of_agency.starts_with(part) {
                let ends = names::word_ends(part);
                cuts.extend(
                    part.char_indices()
                        .map(|(b, _)| b)
                        .chain(std::iter::once(part.len()))
                        .enumerate()
                        .filter(|&(i, b)| b > 0 && b < part.len() && ends.get(i) == Some(&true))
                        .map(|(_, b)| b),
                );
                rest_of_agency = rest_of_agency.get(in_agency..).unwrap_or_default();
                cuts.push(in_agency);
            }
            for mark in ["年", "公开"] {
                if let Some(p) = line
                    .slice_from(cuts.last().copied().unwrap_or(0))
                    .find(mark)
                {
                    cuts.push(cuts.last().copied().unwrap_or(0) + p + mark.len());
                }
            }
            let mut words: Vec<String> = Vec::new();
            let mut from = 0;
            for cut in cuts.into_iter().filter(|&c| c > 0 && c < line.len()) {
                if cut > from {
                    words.push(line.slice(from, cut).to_string());
                    from = cut;
                }
            }
            words.push(line.slice_from(from).to_string());
            join_single_characters(words)
        })
        .collect()
}

/// `words` with each one-character word joined to the word before it
/// (百省 and 乡 make 百省乡: a lone character is a name's part read as a
/// unit, such as 省 in 百省乡, not a place to break).
fn join_single_characters(words: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    for word in words {
        match out.last_mut() {
            Some(last) if word.chars().count() == 1 => last.push_str(&word),
            _ => out.push(word),
        }
    }
    out
}

/// Narrative Markdown → HTML. Headings nest below the section heading
/// (`###` → `h3`, `####` → `h4`); raw HTML is escaped and shown as text;
/// images become their description (no external requests).
pub fn narrative_html(markdown: &str) -> String {
    let mut in_image = false;
    // Links whose target could run script are shown as their text.
    let mut dropped_links: Vec<bool> = Vec::new();
    let markdown = crate::model::emphasis::prepare(markdown);
    let markdown = super::escape::shown_controls(&markdown);
    let events = Parser::new_ext(
        &markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    )
    .filter_map(|e| match e {
        Event::Html(t) | Event::InlineHtml(t) => Some(Event::Text(t)),
        Event::Text(t) if t.contains(crate::model::emphasis::MARK) => Some(Event::Text(
            CowStr::from(crate::model::emphasis::strip(&t).into_owned()),
        )),
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Some(Event::Start(Tag::Heading {
            level: shift(level),
            id,
            classes,
            attrs,
        })),
        Event::End(TagEnd::Heading(level)) => Some(Event::End(TagEnd::Heading(shift(level)))),
        Event::Start(Tag::Link { ref dest_url, .. }) => {
            let safe = is_safe_url(dest_url);
            dropped_links.push(!safe);
            safe.then_some(e)
        }
        Event::End(TagEnd::Link) => {
            let dropped = dropped_links.pop().unwrap_or(false);
            (!dropped).then_some(e)
        }
        Event::Start(Tag::Image { .. }) => {
            in_image = true;
            None
        }
        Event::End(TagEnd::Image) => {
            in_image = false;
            None
        }
        Event::Text(t) if in_image => Some(Event::Text(CowStr::from(t.into_string()))),
        Event::SoftBreak => Some(Event::Text(CowStr::from(""))),
        // Narrative never shows as code: a fenced block reads as a paragraph.
        Event::Start(Tag::CodeBlock(_)) => Some(Event::Start(Tag::Paragraph)),
        Event::End(TagEnd::CodeBlock) => Some(Event::End(TagEnd::Paragraph)),
        Event::Code(t) => Some(Event::Text(t)),
        other => Some(other),
    })
    .flat_map(line_separators);
    // One text event per run of text: the parser gives an entity (`&amp;`
    // pasted from a web page) an event of its own, and an address cut there
    // lost its breaks after it (issue 62).
    let events = pulldown_cmark::TextMergeStream::new(events)
        .flat_map(address_breaks)
        .flat_map(keep_figures);
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    mark_short_paragraphs(&mark_run_in_headings(&html))
}

/// The most a paragraph of three printed lines holds, in full-width
/// characters: 28 a line, less the first line's indent of two.
const SHORT_PARAGRAPH: usize = 3 * 28 - 2;

/// `html` with each paragraph that prints in at most three lines marked
/// `class="short"`, which the style sheet keeps whole in print: with
/// orphans and widows of two no such paragraph may break, yet Chromium
/// broke one after headings kept with it (two lines at a page foot and
/// 处理费。 alone on the next page, hardtext-wanghu) rather than break
/// before the headings. Width in half-width units: a Han character or a
/// full-width mark two, anything else one; tags are not counted (a line
/// break counts a whole line), an entity is one.
fn mark_short_paragraphs(html: &str) -> String {
    rewrite_openings(html, "<p>", |body| {
        let body = body.split("</p>").next().unwrap_or_default();
        if printed_halves(body) <= SHORT_PARAGRAPH * 2 {
            "<p class=\"short\">"
        } else {
            "<p>"
        }
    })
}

/// `html` with each occurrence of `open` replaced by what `with` makes of
/// the text after it.
fn rewrite_openings(html: &str, open: &str, with: impl Fn(&str) -> &'static str) -> String {
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some(i) = rest.find(open) {
        out.push_str(rest.slice_to(i));
        let after = rest.slice_from(i + open.len());
        out.push_str(with(after));
        rest = after;
    }
    out.push_str(rest);
    out
}

/// The printed width of the HTML fragment `body` in half-width units
/// ([`mark_short_paragraphs`]).
fn printed_halves(body: &str) -> usize {
    // A hard line break ends its line: counted as a whole line.
    let mut halves = body.matches("<br").count() * 28 * 2;
    let mut in_tag = false;
    let mut in_entity = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if in_tag => {}
            '&' => {
                in_entity = true;
                halves += 1;
            }
            ';' if in_entity => in_entity = false,
            _ if in_entity => {}
            c if c.is_ascii() => halves += 1,
            _ => halves += 2,
        }
    }
    halves
}

/// A text's line and paragraph separators (U+2028, U+2029, pasted from a
/// web page or an editor) as line breaks, as the PDF and the Word document
/// set them; a browser shows them as spaces.
fn line_separators(e: Event<'_>) -> Vec<Event<'_>> {
    let Event::Text(t) = &e else {
        return vec![e];
    };
    if !t.contains(['\u{2028}', '\u{2029}']) {
        return vec![e];
    }
    let mut out = Vec::new();
    for (k, piece) in t.split(['\u{2028}', '\u{2029}']).enumerate() {
        if k > 0 {
            out.push(Event::HardBreak);
        }
        if !piece.is_empty() {
            out.push(Event::Text(CowStr::from(piece.to_string())));
        }
    }
    out
}

/// A text event with `<wbr>` after the marks of its web and e-mail
/// addresses (`/ . ? & = - _ @`,
/// [`break_offsets`](crate::render::layout::address::break_offsets)):
/// never inside `https` or a word (issue 62: a phone broke `htt`/`ps://`
/// and `detail-c`/`ontent`); a segment wider than the screen still breaks,
/// by the style sheet's `overflow-wrap: anywhere`.
fn address_breaks(e: Event<'_>) -> Vec<Event<'_>> {
    let Event::Text(t) = &e else {
        return vec![e];
    };
    let offsets = crate::render::layout::address::break_offsets(t);
    if offsets.is_empty() {
        return vec![e];
    }
    let mut out = Vec::with_capacity(2 * offsets.len() + 1);
    let mut last = 0;
    for at in offsets {
        out.push(Event::Text(CowStr::from(t.slice(last, at).to_string())));
        out.push(Event::InlineHtml(CowStr::Borrowed("<wbr>")));
        last = at;
    }
    out.push(Event::Text(CowStr::from(t.slice_from(last).to_string())));
    out
}

/// The longest figure kept on one line, in characters (about 8 em).
const MAX_FIGURE: usize = 16;

/// A text event with each number and its units
/// ([`figure_runs`](crate::render::layout::figures::figure_runs)) in a
/// `<span class="fig">`, which the style sheet keeps on one line: browsers
/// break between a digit and a Han character (`〔2025〕3`/`号）` in
/// Chromium's print), the PDF never does.
fn keep_figures(e: Event<'_>) -> Vec<Event<'_>> {
    let Event::Text(t) = &e else {
        return vec![e];
    };
    // A longer run may wrap (it could be wider than a phone's line).
    let runs: Vec<_> = crate::render::layout::figures::figure_runs(t)
        .into_iter()
        .filter(|r| t.slice(r.start, r.end).chars().count() <= MAX_FIGURE)
        .collect();
    if runs.is_empty() {
        return vec![e];
    }
    let mut out = Vec::with_capacity(4 * runs.len() + 1);
    let mut last = 0;
    for r in runs {
        out.push(Event::Text(CowStr::from(
            t.slice(last, r.start).to_string(),
        )));
        out.push(Event::InlineHtml(CowStr::Borrowed("<span class=\"fig\">")));
        out.push(Event::Text(CowStr::from(
            t.slice(r.start, r.end).to_string(),
        )));
        out.push(Event::InlineHtml(CowStr::Borrowed("</span>")));
        last = r.end;
    }
    out.push(Event::Text(CowStr::from(t.slice_from(last).to_string())));
    out
}

/// Marks a bold （一）, （二）… that opens a paragraph as a run-in heading
/// (`<strong class="run-in">`), which the style sheet sets in 楷体, not bold,
/// as GB/T 9704 sets a second-level heading.
fn mark_run_in_headings(html: &str) -> String {
    rewrite_openings(html, "<p><strong>", |after| {
        let run = after.split("</strong>").next().unwrap_or_default();
        if crate::render::document::is_run_in_heading(run, &(0..run.len())) {
            "<p><strong class=\"run-in\">"
        } else {
            "<p><strong>"
        }
    })
}

/// Whether a link target is plain navigation: http(s), mailto, or relative.
fn is_safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    match lower.find(':') {
        None => true,
        Some(i) => {
            let scheme = lower.slice_to(i);
            // A colon after a path or query character is not a scheme.
            scheme.contains(['/', '?', '#']) || matches!(scheme, "http" | "https" | "mailto")
        }
    }
}

fn shift(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 | HeadingLevel::H2 | HeadingLevel::H3 => HeadingLevel::H3,
        _ => HeadingLevel::H4,
    }
}

/// Narrative Markdown for Markdown output: kept as written, except that raw
/// HTML is escaped so no viewer runs it as markup, and links and images
/// follow the web page's policy ([`narrative_html`]): a link whose target
/// could run script (`[x](javascript:…)`, `<javascript:…>`) is its text,
/// an image its description (no external requests), and a reference
/// definition of such a target (`[r]: javascript:…`) is dropped.
pub fn narrative_markdown(markdown: &str) -> String {
    let parser = Parser::new_ext(markdown, Options::ENABLE_TABLES);
    // What replaces each range of the source, in order.
    let mut replaced: Vec<(std::ops::Range<usize>, String)> = parser
        .reference_definitions()
        .iter()
        .filter(|(_, def)| !is_safe_url(&def.dest))
        .map(|(_, def)| (def.span.clone(), String::new()))
        .collect();
    let mut events = parser.into_offset_iter().peekable();
    while let Some((event, range)) = events.next() {
        let with = match &event {
            Event::Html(_) | Event::InlineHtml(_) => markdown
                .slice(range.start, range.end)
                .replace('<', "&lt;")
                .replace('>', "&gt;"),
            Event::Start(Tag::Image { .. }) => text_within(&mut events, range.end),
            Event::Start(Tag::Link { dest_url, .. }) if !is_safe_url(dest_url) => {
                text_within(&mut events, range.end)
            }
            _ => continue,
        };
        replaced.push((range, with));
    }
    replaced.sort_by_key(|(range, _)| range.start);
    let mut out = String::with_capacity(markdown.len());
    let mut last = 0;
    for (range, with) in replaced {
        if range.start < last {
            continue;
        }
        out.push_str(markdown.slice(last, range.start));
        out.push_str(&with);
        last = range.end;
    }
    out.push_str(markdown.slice_from(last));
    // Line and paragraph separators break the line, as on the web page
    // ([`line_separators`]); raw, a Markdown viewer shows a space or
    // nothing.
    if out.contains(['\u{2028}', '\u{2029}']) {
        out = out.replace(['\u{2028}', '\u{2029}'], "<br>");
    }
    out.trim_end().to_string()
}

/// The text of the events before byte `end` (inside a link or an image),
/// escaped as plain Markdown text; those events are consumed.
fn text_within<'a>(
    events: &mut std::iter::Peekable<impl Iterator<Item = (Event<'a>, std::ops::Range<usize>)>>,
    end: usize,
) -> String {
    let mut text = String::new();
    while let Some((event, _)) = events.next_if(|(_, range)| range.start < end) {
        if let Event::Text(t) | Event::Code(t) = event {
            text.push_str(&super::escape::markdown_inline(&t));
        }
    }
    text
}

/// `text` cut at the starts of the labels' words; a closing mark stays with
/// the word before it and an opening mark with the word after it, since a
/// `<wbr>` would otherwise allow a break the line-breaking rules forbid.
fn label_words(text: &str) -> Vec<String> {
    const CLOSING: &[char] = &[
        '，', '。', '、', '；', '：', '）', '」', '』', '》', '〉', '”', '’', '！', '？', '%',
    ];
    const OPENING: &[char] = &['（', '「', '『', '《', '〈', '“', '‘'];
    let starts = super::words::word_starts(text);
    let mut words: Vec<String> = Vec::new();
    for (ch, start) in text.chars().zip(starts) {
        match words.last_mut() {
            Some(word)
                if !start
                    || CLOSING.contains(&ch)
                    || word.chars().last().is_some_and(|c| OPENING.contains(&c)) =>
            {
                word.push(ch);
            }
            _ => words.push(ch.to_string()),
        }
    }
    // A quoted phrase wider than a narrow label column (“三安全一稳定”, eight
    // characters) may break in its middle: left whole, the browser's last
    // resort set its closing quote alone on the next line.
    words
        .into_iter()
        .flat_map(|w| {
            let chars: Vec<char> = w.chars().collect();
            if chars.len() > 6 && w.starts_with('“') && w.ends_with('”') {
                let half = chars.len() / 2;
                vec![
                    chars[..half].iter().collect(),
                    chars[half..].iter().collect(),
                ]
            } else {
                vec![w]
            }
        })
        .collect()
}

fn html_table(grid: &Grid) -> HtmlTable {
    let head_rows = if grid.header_rows > 0 {
        grid.header_rows
    } else {
        (0..grid.rows)
            .find(|&r| grid.row_cells(r).any(|c| c.kind == CellKind::Data))
            .unwrap_or(0)
    };
    let rows = |range: std::ops::Range<usize>, in_head: bool| -> Vec<Vec<HtmlCell>> {
        range
            .map(|r| grid.row_cells(r).map(|c| html_cell(c, in_head)).collect())
            .collect()
    };
    let (class, widths) = match grid.id {
        TableId::Table2 => ("table2", vec![31, 23, 23, 23]),
        // The outer group column holds 三、/本年度/办理/结果 three characters
        // a line (as the PDF sets it: a label drawn again on a continuation
        // page needs four lines, not nine), the inner one （三） on one line
        // and the figure columns 自然人 (three characters at 10.5 pt and the
        // cell padding).
        TableId::Table3 => ("table3", vec![9, 9, 19, 9, 9, 9, 9, 9, 9, 9]),
        // Fifteen columns, each two characters of a heading (结果/维持)
        // wide with its padding: 100 % in all (fifteen of 7 % made 105 %,
        // and print cut the last 总计 column at the type area's edge).
        TableId::Table4 => ("table4", vec![7, 7, 6, 6, 7, 7, 7, 6, 6, 7, 7, 7, 7, 6, 7]),
    };
    let (widths, print) = match fitted(grid, &widths) {
        Some((widths, t)) => (widths, t),
        None => (widths, PrintType::DEFAULT),
    };
    let keep = super::print_labels::keep_with_previous(grid, head_rows, &widths, print);
    HtmlTable {
        class,
        fitted: (print != PrintType::DEFAULT).then(|| Fitted {
            size: super::print_labels::trim_number(print.size, 2),
            pad: super::print_labels::trim_number(print.pad, 2),
        }),
        print: print_copy(grid, head_rows, &widths, &keep, print),
        keep,
        widths,
        head: rows(0..head_rows, true),
        body: rows(head_rows..grid.rows, false),
    }
}

/// The printed type area's width, points (156 mm).
const AREA: f32 = 156.0 * 72.0 / 25.4;

/// Column widths (percent) and type for printing `grid` when a figure does
/// not fit its column in `widths` (percent) at 10.5 pt with `table.official`'s
/// padding: the steps of `layout::table::plan` from nominal widths
/// (issue 77: 9-digit figures made table 四 wider than the page, and print
/// cut it at the type area's edge). Each column is planned half a percent
/// narrower than its share, so that whole percents never take room from a
/// figure; what is left goes to the widest column.
fn fitted(grid: &Grid, widths: &[u32]) -> Option<(Vec<u32>, PrintType)> {
    let t = PrintType::DEFAULT;
    let fits = grid
        .cells
        .iter()
        .filter(|c| c.kind == CellKind::Data)
        .all(|c| {
            let share: u32 = widths.iter().skip(c.col).take(c.colspan).sum();
            let room = AREA * share as f32 / 100.0 - 2.0 * t.pad as f32;
            let (_, piece) = table::nominal_measure(&c.text, t.size as f32 * table::NOMINAL_SLACK);
            piece <= room
        });
    if fits {
        return None;
    }
    let reserve = AREA * grid.columns as f32 / 200.0;
    let plan = table::plan(grid, AREA - reserve, table::NOMINAL_SLACK, |size| {
        grid.cells
            .iter()
            .map(|c| table::nominal_measure(&c.text, size))
            .collect()
    });
    let mut out: Vec<u32> = plan
        .edges
        .windows(2)
        .map(|w| ((w[1] - w[0]) * 100.0 / AREA).round() as u32)
        .collect();
    let used: u32 = out.iter().sum();
    if let Some(widest) = (0..out.len()).max_by_key(|&i| out[i]) {
        out[widest] += 100u32.saturating_sub(used);
    }
    let t = PrintType {
        size: f64::from(plan.size),
        pad: f64::from(plan.pad),
    };
    Some((out, t))
}

/// The cell `c` for the HTML template (`in_head`: a cell of the head rows).
fn html_cell(c: &crate::grid::Cell, in_head: bool) -> HtmlCell {
    let header = c.kind != CellKind::Data;
    let scope = match c.kind {
        CellKind::Title => "colgroup",
        CellKind::Header if c.colspan > 1 && !(in_head && c.row == 0 && c.col == 0) => "colgroup",
        CellKind::Header => "col",
        CellKind::Label if c.rowspan > 1 => "rowgroup",
        _ => "row",
    };
    let mut class = match c.kind {
        CellKind::Title => "title".to_string(),
        CellKind::Header => "head".to_string(),
        CellKind::Label => "label".to_string(),
        CellKind::Data => "num".to_string(),
    };
    if c.kind == CellKind::Data {
        if c.text.is_empty() {
            class.push_str(" empty");
        }
        if c.text.contains('（') {
            class.push_str(" noted");
        }
    }
    if c.align == Align::Center && c.kind == CellKind::Label {
        class.push_str(" center");
    }
    let words = if header {
        label_words(&c.text)
    } else {
        vec![c.text.clone()]
    };
    HtmlCell {
        words,
        text: c.text.clone(),
        rowspan: c.rowspan,
        colspan: c.colspan,
        header,
        scope,
        class,
        path: c.path.clone(),
    }
}

/// The body rows of `grid` (from `first`) as the printed copy nests them in
/// their merged groups; empty when the table has none. `keep` is
/// [`HtmlTable::keep`].
fn print_copy(
    grid: &Grid,
    first: usize,
    widths: &[u32],
    keep: &[bool],
    t: PrintType,
) -> Vec<PrintRow> {
    let Some(rows) = super::print_labels::nested_rows(grid, first, widths, t) else {
        return Vec::new();
    };
    rows.into_iter()
        .map(|r| {
            let keep = keep.get(r.row - first).copied().unwrap_or(false);
            let opens: Vec<PrintGroup> = r
                .opens
                .iter()
                .enumerate()
                .map(|(i, g)| PrintGroup {
                    image: super::print_labels::label_image(
                        &label_words(&g.label.text),
                        g.left,
                        g.label_width,
                        t,
                    ),
                    height: format!("{}em", super::print_labels::trim_number(g.height, 2)),
                    keep: keep && i == 0,
                })
                .collect();
            PrintRow {
                keep: keep && opens.is_empty(),
                opens,
                spacers: r
                    .spacers
                    .iter()
                    .map(|s| PrintSpacer {
                        colspan: s.colspan,
                        last: s.last,
                    })
                    .collect(),
                cells: r
                    .cells
                    .iter()
                    .map(|c| HtmlCell {
                        path: None,
                        ..html_cell(c, false)
                    })
                    .collect(),
                closes: r.closes,
            }
        })
        .collect()
}

/// Flattens a grid into GFM tables: merged row labels joined with ` · `,
/// header labels of each column joined likewise. A title row (section 二)
/// starts a new table.
pub fn md_tables(grid: &Grid) -> Vec<MdTable> {
    // Split into segments at title rows.
    let mut segments: Vec<(Option<String>, Vec<usize>)> = vec![(None, Vec::new())];
    for r in 0..grid.rows {
        let cells: Vec<_> = grid.row_cells(r).collect();
        if cells.len() == 1 && cells[0].kind == CellKind::Title {
            segments.push((Some(cells[0].text.clone()), Vec::new()));
        } else {
            segments.last_mut().expect("never empty").1.push(r);
        }
    }
    segments
        .into_iter()
        .filter(|(_, rows)| !rows.is_empty())
        .map(|(title, rows)| segment_table(grid, title, &rows))
        .collect()
}

fn segment_table(grid: &Grid, title: Option<String>, rows: &[usize]) -> MdTable {
    let is_head = |r: usize| grid.covering(r).iter().all(|c| c.kind == CellKind::Header);
    let head: Vec<usize> = rows.iter().copied().filter(|&r| is_head(r)).collect();
    let body: Vec<usize> = rows.iter().copied().filter(|&r| !is_head(r)).collect();
    // Data slots: the start columns of data cells in the body.
    let mut slots: Vec<usize> = body
        .iter()
        .flat_map(|&r| {
            grid.row_cells(r)
                .filter(|c| c.kind == CellKind::Data)
                .map(|c| c.col)
        })
        .collect();
    slots.sort_unstable();
    slots.dedup();
    let header_for = |col: usize| -> String {
        let mut parts: Vec<&str> = Vec::new();
        for &r in &head {
            for c in grid.covering(r) {
                // A header over every figure column is a caption, not a column name.
                let spans_all = c.col <= slots[0]
                    && c.col + c.colspan > *slots.last().expect("slots")
                    && slots.len() > 1;
                if c.col <= col
                    && col < c.col + c.colspan
                    && !spans_all
                    && parts.last() != Some(&c.text.as_str())
                {
                    parts.push(&c.text);
                }
            }
        }
        parts.join(" · ")
    };
    let mut header = Vec::new();
    let mut align = Vec::new();
    let labelled = grid.label_columns > 0;
    if labelled {
        let h = header_for(0);
        header.push(if h.is_empty() {
            "项目".to_string()
        } else {
            escape_cell(&h)
        });
        align.push(":---");
    }
    for &s in &slots {
        header.push(escape_cell(&header_for(s)));
        align.push("---:");
    }
    let rows = body
        .iter()
        .map(|&r| {
            let mut row = Vec::new();
            if labelled {
                row.push(escape_cell(&grid.row_labels(r).join(" · ")));
            }
            for &s in &slots {
                let text = grid
                    .row_cells(r)
                    .find(|c| c.kind == CellKind::Data && c.col == s)
                    .map_or("", |c| c.text.as_str());
                row.push(escape_cell(text));
            }
            row
        })
        .collect();
    MdTable {
        title,
        header,
        align,
        rows,
    }
}

fn escape_cell(text: &str) -> String {
    super::escape::markdown_inline(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `html` holds every one of `pieces`.
    fn assert_contains_all(html: &str, pieces: &[&str]) {
        for piece in pieces {
            assert!(html.contains(piece), "{piece}: {html}");
        }
    }

    #[test]
    fn paragraphs_of_up_to_three_printed_lines_are_marked_short() {
        // 82 full-width characters print in three lines of 28 (indent 2).
        let three = "政".repeat(82);
        let four = "政".repeat(83);
        assert!(narrative_html(&three).starts_with("<p class=\"short\">"));
        assert!(narrative_html(&four).starts_with("<p>"));
        // Half-width letters count half; tags count nothing, entities one.
        let latin = format!("{} & **x**", "a ".repeat(80));
        assert!(narrative_html(&latin).starts_with("<p class=\"short\">"));
        assert!(narrative_html(&"a ".repeat(84)).starts_with("<p>"));
    }

    #[test]
    fn an_address_with_a_pasted_entity_keeps_its_breaks() {
        // Issue 62: `&amp;` was an event of its own, and the address after
        // it had no `<wbr>`.
        let html = narrative_html(
            "表格见https://www.myx.gov.cn/form?town=nanla&amp;ver=2020.3&amp;redirect=%2Fzwgk%2Fysqgk下载。",
        );
        assert_contains_all(
            &html,
            &[
                "&amp;<wbr>ver=",
                "&amp;<wbr>redirect=",
                "=<wbr>%2Fzwgk<wbr>%2Fysqgk",
            ],
        );
    }

    #[test]
    fn line_separators_and_hard_breaks_break_the_line() {
        let html = super::narrative_html("已更新\u{2028}换行后，\\\n再换行。详见**《条例》**。");
        assert_eq!(
            html,
            "<p class=\"short\">已更新<br />\n换行后，<br />\n再换行。详见<strong>《条例》</strong>。</p>\n"
        );
    }

    #[test]
    fn run_in_headings_are_marked_for_the_style_sheet() {
        let html =
            "<p><strong>（二）建议办理</strong>。正文</p>\n<p><strong>重点</strong>工作</p>\n";
        let out = super::mark_run_in_headings(html);
        assert_contains_all(
            &out,
            &[
                "<p><strong class=\"run-in\">（二）建议办理</strong>",
                "<p><strong>重点</strong>",
            ],
        );
    }

    #[test]
    fn labels_break_between_words_and_marks_stay_attached() {
        assert_eq!(label_words("自然人"), ["自然人"]);
        assert_eq!(label_words("社会公益组织"), ["社会", "公益", "组织"]);
        assert_eq!(label_words("（三）不予公开"), ["（三）", "不予", "公开"]);
        assert_eq!(
            label_words("3.危及“三安全一稳定”"),
            ["3", ".", "危及", "“三安全", "一稳定”"]
        );
        let words = label_words("甲、（乙）");
        assert_eq!(words, ["甲、", "（乙）"], "{words:?}");
        assert!(label_words("").is_empty());
    }

    #[test]
    fn title_lines_break_after_units_and_words() {
        let agency = "广西壮族自治区百色市那坡县百省乡人民政府";
        let title = format!("{agency}2025年政府信息公开工作年度报告");
        let lines = [agency.to_string(), "2025年政府信息公开工作年度报告".into()];
        let words = title_words(&title, agency, &lines);
        assert_eq!(
            words[0],
            ["广西壮族自治区", "百色市", "那坡县", "百省乡", "人民政府"]
        );
        assert_eq!(words[1], ["2025年", "政府信息公开", "工作年度报告"]);
        // Issue 62: no break before a 、, nor inside 市人民政府研究室.
        let agency = "滨江市人民政府办公室（市人民政府研究室（市人民政府参事室）、市大数据管理局、市信访局）";
        let title = format!("{agency}2025年政府信息公开工作年度报告");
        let lines = [
            "滨江市人民政府办公室".to_string(),
            "（市人民政府研究室（市人民政府参事室）、".into(),
            "市大数据管理局、市信访局）".into(),
            "2025年政府信息公开工作年度报告".into(),
        ];
        let words = title_words(&title, agency, &lines);
        assert_eq!(words[0], ["滨江市", "人民政府办公室"]);
        assert_eq!(words[1], ["（市人民政府研究室", "（市人民政府参事室）、"]);
        assert_eq!(words[2], ["市大数据管理局、", "市信访局）"]);
        // One line: the agency's words, then the rest's.
        let short = "某县财政局2024年政府信息公开工作年度报告";
        let words = title_words(short, "某县财政局", &[short.to_string()]);
        assert_eq!(
            words[0],
            ["某县", "财政局", "2024年", "政府信息公开", "工作年度报告"]
        );
        // A title that does not start with the agency: cut after 年 and 公开 only.
        let other = "关于2024年政府信息公开工作的年度报告";
        let words = title_words(other, "某局", &[other.to_string()]);
        assert_eq!(words[0].concat(), other);
        assert!(words[0].len() >= 2, "{words:?}");
    }

    #[test]
    fn raw_html_is_text() {
        let html = narrative_html("你好<script>alert(1)</script>\n\n<div>块</div>\n");
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("<div>"), "{html}");
        let md = narrative_markdown("你好<script>alert(1)</script>");
        assert!(!md.contains("<script>"), "{md}");
    }

    #[test]
    fn script_links_become_text() {
        let html = narrative_html("[点这里](javascript:alert(1)) 与 [网站](https://www.gov.cn/)");
        assert!(!html.contains("javascript"), "{html}");
        assert!(html.contains("点这里"), "{html}");
        assert!(html.contains("href=\"https://www.gov.cn/\""), "{html}");
    }

    /// The Markdown output links as the web page does: a script link or
    /// autolink is its text, an image its description, a definition of a
    /// script target goes; safe links are kept as written.
    #[test]
    fn markdown_output_follows_the_link_policy() {
        let md = narrative_markdown(
            "[点我](javascript:alert(2))、![图*一*](http://evil.example/x.png)、<javascript:alert(1)>、\
             [网站](https://www.gov.cn/)和<http://x.cn>。\n\n[r]: javascript:alert(7)\n[s]: https://a.cn\n\n引用[点][r]与[好][s]。",
        );
        assert_eq!(
            md,
            "点我、图一、javascript:alert(1)、[网站](https://www.gov.cn/)和<http://x.cn>。\n\n\n[s]: https://a.cn\n\n引用点与[好][s]。"
        );
        assert_eq!(
            narrative_markdown("甲\u{2028}乙\u{2029}丙"),
            "甲<br>乙<br>丙"
        );
        let plain = "本年度**重点**工作：\n\n- 甲\n- 乙 [链接](https://a.cn)";
        assert_eq!(narrative_markdown(plain), plain);
    }

    /// Every table's columns fill the type area exactly: table 四's fifteen
    /// at 7 % each once made 105 %, and print squeezed its last column.
    #[test]
    fn column_widths_add_up_to_the_whole() {
        let report = crate::testutil::report(crate::model::Edition::E2021);
        let doc = crate::render::document::build(&report, None);
        let tables: Vec<HtmlTable> = doc
            .sections
            .iter()
            .filter_map(|s| s.table.as_ref().map(html_table))
            .collect();
        assert_eq!(tables.len(), 3);
        for t in &tables {
            assert_eq!(t.widths.iter().sum::<u32>(), 100, "{}", t.class);
        }
    }

    #[test]
    fn figures_keep_their_units_on_one_line() {
        let html = narrative_html("见〔2025〕3号，共8,765,432.1元，编号12345678901234567890件");
        assert_contains_all(
            &html,
            &[
                "<span class=\"fig\">〔2025〕3号</span>",
                "<span class=\"fig\">8,765,432.1元</span>",
                // Too long to keep on a phone's line: left to wrap.
                "编号12345678901234567890件",
            ],
        );
    }

    #[test]
    fn headings_nest_under_sections() {
        let html = narrative_html("### （一）甲\n\n#### 1.乙\n");
        assert_contains_all(&html, &["<h3>（一）甲</h3>", "<h4>1.乙</h4>"]);
    }
}
