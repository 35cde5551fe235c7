//! The Word/WPS document (.docx) for review and sign-off (审签), rendered
//! from the same [`Document`] and table [grid](crate::grid) as the PDF:
//! GB/T 9704 page setup and document grid, styles named for what they are
//! with the agencies' font families, the official tables with their
//! merged cells, page numbers `— N —`, and deterministic bytes.
//!
//! WordprocessingML is written by hand ([`runs`], [`crate::zip_xml::xml`]) and
//! zipped by the deterministic writer of [`crate::zip_xml::zip`]; nothing is
//! embedded but text.

mod fixed;
mod fonts;
pub mod id;
mod inline;
mod measure;
mod package;
mod page;
mod runs;
mod styles;
mod table;

use crate::slice::Slice;
use std::fmt::Write as _;

pub use fixed::FixedTables;
pub use fonts::FontNameError;
pub use package::DIGEST_PROPERTY;

use crate::render::document::Document;
use crate::render::layout::page::PageNumbers;
use crate::render::typeset::{FontSource, Role};
use fonts::FontNames;
use inline::Para;
use runs::RunStyle;

/// How to build the .docx.
#[derive(Debug, Clone, Default)]
pub struct DocxOptions {
    /// Page number placement (alternating odd/even, or centred).
    pub page_numbers: PageNumbers,
    /// `--font ROLE=NAME` overrides: the family named for a role (a font
    /// file stands for its family name; fonts are never embedded).
    pub fonts: Vec<(Role, FontSource)>,
    /// The tables as the PDF sets them ([`FixedTables::of`] the fixed
    /// layout): the Word document takes their columns, type size and row
    /// heights, starts each merged label again with its text where the
    /// PDF's pages start, and keeps each such block on one page. Empty:
    /// widths and blocks are estimated.
    pub tables: FixedTables,
}

/// Renders `doc` as a .docx package.
pub fn render(doc: &Document, opts: &DocxOptions) -> Result<Vec<u8>, FontNameError> {
    Ok(package(doc, opts)?.zip())
}

/// The parts of the package, by name, before zipping: what the tests read.
pub fn parts(doc: &Document, opts: &DocxOptions) -> Result<Vec<(String, String)>, FontNameError> {
    Ok(package(doc, opts)?.parts)
}

fn package(doc: &Document, opts: &DocxOptions) -> Result<package::Package, FontNameError> {
    let zaozi = doc.zaozi.as_ref().map(|f| f.family.clone());
    let names = FontNames::new(&opts.fonts)?.with_zaozi(zaozi);
    let hf = page::parts(opts.page_numbers, doc.draft);
    let document = document_xml(doc, &page::sect_pr(&hf), &opts.tables);
    let hf: Vec<(String, String, String)> = hf
        .list
        .into_iter()
        .map(|(name, rid, _, xml)| (name, rid, xml))
        .collect();
    Ok(package::Package::new(
        doc,
        document,
        styles::styles_xml(&names),
        page::settings(opts.page_numbers, doc.zaozi.is_some()),
        names.font_table(),
        &hf,
    ))
}

/// Appends a paragraph of style `style` (`None`: Normal) with extra
/// paragraph properties `ppr` and the runs `runs`.
fn paragraph(out: &mut String, style: Option<&str>, ppr: &str, runs: &[(String, RunStyle)]) {
    out.push_str("<w:p>");
    if style.is_some() || !ppr.is_empty() {
        out.push_str("<w:pPr>");
        if let Some(s) = style {
            let _ = write!(out, "<w:pStyle w:val=\"{s}\"/>");
        }
        out.push_str(ppr);
        out.push_str("</w:pPr>");
    }
    for (text, style) in runs {
        runs::run(out, text, *style);
    }
    out.push_str("</w:p>");
}

fn plain(text: &str) -> Vec<(String, RunStyle)> {
    vec![(text.to_string(), RunStyle::default())]
}

fn narrative(out: &mut String, paras: &[Para]) {
    for p in paras {
        let style = match p.heading {
            None => None,
            Some(2) => Some(id::LEVEL2),
            Some(3) => Some(id::LEVEL3),
            Some(_) => Some(id::LEVEL4),
        };
        // A nested list's item: two characters further in a level
        // (`layout::list::INDENT_EM`), as in the PDF.
        let ppr = match p.list_depth {
            Some(depth) if depth > 0 => {
                let em = 2 + crate::render::layout::list::INDENT_EM as usize * depth;
                format!(
                    "<w:ind w:firstLineChars=\"{}\" w:firstLine=\"{}\"/>",
                    em * 100,
                    // A 3号 character is 16 pt, 320 twips.
                    em * 320
                )
            }
            _ => String::new(),
        };
        paragraph(out, style, &ppr, &p.runs);
    }
}

/// Width of `text` in body characters (CJK one, digits and Latin half).
fn width_chars(text: &str) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
        .sum()
}

/// The title in the lines the PDF sets it in
/// ([`title_shape`](crate::render::layout::title_shape)), each line ended
/// by a break.
fn title_runs(doc: &Document) -> Vec<(String, RunStyle)> {
    use crate::render::layout::title_shape;
    // 2号 characters per 156 mm line.
    let per_line = (measure::TYPE_W as f64 / 20.0) / 22.0;
    let chars: Vec<char> = doc.title.chars().collect();
    let widths: Vec<f64> = chars.iter().map(|c| width_chars(&c.to_string())).collect();
    let lines: Vec<String> = title_shape::title_lines(&doc.title, &doc.agency, &widths, per_line)
        .into_iter()
        .map(|r| chars[r].iter().collect())
        .collect();
    plain(&lines.join("\n"))
}

/// Where a line of the signature goes, in characters of the type area:
/// its first character (a left indent), or its end (a right indent).
#[derive(Debug, Clone, Copy, PartialEq)]
enum DatePlace {
    /// The date two characters right of the name's first character (GB/T
    /// 9704 7.3.5.2), or a name line with Latin letters or digits at the
    /// name's start: set from the left, so that wider letters and digits in
    /// the face Word or LibreOffice picks move only the line's end (before:
    /// `ABC区第2分局…` started 0.7 characters left of the line above it).
    Left(f64),
    /// A name line of Chinese characters, or a date longer than the name
    /// allows (右空二字): set from the right.
    Right(f64),
}

impl DatePlace {
    /// The paragraph properties that put the date there.
    fn ppr(self) -> String {
        match self {
            DatePlace::Left(chars) => format!(
                "<w:ind w:left=\"{}\" w:leftChars=\"{}\" w:right=\"0\" w:rightChars=\"0\" \
                 w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"left\"/>",
                (chars * measure::CHAR_PITCH).round() as i64,
                (chars * 100.0).round() as i64
            ),
            DatePlace::Right(chars) => right_indent(chars),
        }
    }
}

/// The signature block as the PDF sets it (GB/T 9704 7.3.5.2, the rule in
/// `layout::names`): the agency name broken after its units when longer
/// than the block, its lines starting together, the widest two characters
/// from the right edge; the date starting two characters right of the
/// name, or right-indented two characters when longer. Returns each name
/// line with where it goes, and where the date goes.
fn signature_indents(agency: &str, date: &str) -> (Vec<(String, DatePlace)>, DatePlace) {
    use crate::render::layout::names;
    let chars: Vec<char> = agency.chars().collect();
    let widths: Vec<f64> = chars.iter().map(|c| width_chars(&c.to_string())).collect();
    let lines: Vec<(String, f64)> =
        names::signature_lines(agency, &widths, names::SIGNATURE_MAX_CHARS)
            .into_iter()
            .map(|r| {
                let w = widths[r.clone()].iter().sum();
                (chars[r].iter().collect(), w)
            })
            .collect();
    let widest = lines.iter().map(|l| l.1).fold(0.0, f64::max);
    let area = f64::from(crate::render::layout::page::CHARS);
    let wd = width_chars(date);
    let (nx, dx) = names::signature_place(widest, wd, area, 1.0);
    // Only Chinese characters have the same width in every face.
    let latin = agency.chars().any(|c| c.is_ascii_alphanumeric());
    let named = lines
        .into_iter()
        .map(|(t, w)| {
            let place = if latin {
                DatePlace::Left(nx)
            } else {
                DatePlace::Right(area - nx - w)
            };
            (t, place)
        })
        .collect();
    let place = if dx + wd >= area - 2.0 - 1e-9 {
        DatePlace::Right(area - dx - wd)
    } else {
        DatePlace::Left(dx)
    };
    (named, place)
}

fn right_indent(chars: f64) -> String {
    format!(
        "<w:ind w:right=\"{}\" w:rightChars=\"{}\" w:firstLineChars=\"0\" w:firstLine=\"0\"/>",
        (chars * measure::CHAR_PITCH).round() as i64,
        (chars * 100.0).round() as i64
    )
}

/// Adds `<w:keepNext/>` to the last paragraph of `out` (after its style,
/// where the schema puts it), unless it has it already.
fn keep_with_next(out: &mut String) {
    let Some(p) = out.rfind("<w:p>") else {
        return;
    };
    let para = out.slice_from(p);
    if para.contains("<w:keepNext/>") {
        return;
    }
    let at = if let Some(rest) = para.strip_prefix("<w:p><w:pPr>") {
        let style_end = rest
            .starts_with("<w:pStyle ")
            .then(|| rest.find("/>").map(|e| e + 2))
            .flatten()
            .unwrap_or(0);
        p + "<w:p><w:pPr>".len() + style_end
    } else {
        out.insert_str(p + "<w:p>".len(), "<w:pPr></w:pPr>");
        p + "<w:p><w:pPr>".len()
    };
    out.insert_str(at, "<w:keepNext/>");
}

/// `word/document.xml`.
fn document_xml(doc: &Document, sect_pr: &str, tables: &FixedTables) -> String {
    let mut out = String::from(crate::zip_xml::xml::DECL);
    out.push_str(
        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
         xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>",
    );
    paragraph(&mut out, Some(id::TITLE), "", &title_runs(doc));
    // One blank line between title and body.
    paragraph(&mut out, None, "", &[]);
    narrative(&mut out, &inline::paragraphs(&doc.preface_markdown));
    for sec in &doc.sections {
        paragraph(&mut out, Some(id::LEVEL1), "", &plain(sec.heading));
        narrative(&mut out, &inline::paragraphs(&sec.markdown));
        if let Some(g) = &sec.table {
            table::table(&mut out, g, tables.table(g.id, g.rows, g.columns));
        }
    }
    if !doc.agency.is_empty() {
        // The last paragraph keeps the signature company: the agency and
        // the date never stand alone on a page (GB/T 9704 7.3.5).
        keep_with_next(&mut out);
        // One blank line, then the agency and the date.
        paragraph(&mut out, None, "<w:keepNext/>", &[]);
        let (names, date) = signature_indents(&doc.agency, &doc.date);
        for (line, place) in &names {
            paragraph(
                &mut out,
                Some(id::SIGNATURE),
                &place.ppr(),
                &plain(&runs::join_scripts(line)),
            );
        }
        if !doc.date.is_empty() {
            paragraph(
                &mut out,
                Some(id::DATE),
                &date.ppr(),
                &plain(&runs::join_scripts(&doc.date)),
            );
        }
    }
    out.push_str(sect_pr);
    out.push_str("</w:body></w:document>");
    out
}

#[cfg(test)]
mod tests;
