//! Characters no face can draw, reported as `GLYPH` warnings at their place
//! in the data file.

use crate::slice::Slice;
use std::collections::BTreeSet;
use std::sync::{Mutex, OnceLock};

use super::fonts::{FontChoice, Fonts};
use crate::diag::limit::Capped;
use crate::diag::{Diagnostic, codes};
use crate::model::schema::top;
use crate::model::{Report, Text, path};
use crate::render::layout::print_form::{distinct_chars, printed};
use crate::source::{Occurrences, SourceFile, Span, is_private_use};

/// Warnings for every character of the report's text that none of `fonts`
/// covers (the PDF would show it as an empty box, .notdef).
pub fn glyph_warnings(report: &Report, file: &SourceFile, fonts: &Fonts) -> Vec<Diagnostic> {
    let values = text_values(report);
    // Characters as printed: an ignorable one is never missing, a
    // compatibility form is checked as the character it prints as.
    let missing = fonts.uncovered(&report_chars(report));
    let mut out = zaozi_warnings(&values, file);
    if missing.is_empty() {
        return out;
    }
    for (key, w) in &values {
        let mut seen = Occurrences::new();
        let mut capped = Capped::new();
        for ch in w.value().chars() {
            if !printed(ch).is_some_and(|p| missing.contains(&p)) {
                continue;
            }
            let nth = seen.next(ch);
            if !capped.room() {
                continue;
            }
            let span = w.locate(file, ch, nth);
            out.push(
                Diagnostic::warning(
                    codes::GLYPH,
                    format!(
                        "字符“{ch}”（U+{:04X}）在所用字体中都没有，PDF 中无法显示，网页和 Word 文档中也可能显示为方框",
                        ch as u32
                    ),
                )
                .at(span)
                .path(key.clone())
                .label("字体中没有这个字")
                .help("换用含有该字的字体（--font 正文=字体名），或改用通用写法"),
            );
        }
        out.extend(capped.rest(codes::GLYPH, w.span(), key));
    }
    out
}

/// A warning for every 造字 of the report (a private-use character not
/// opening a line, `printable::zaozi`): printed as its code in every format
/// and the report a draft (issue 77: the check called them Word symbol-font
/// characters, and every format dropped them).
fn zaozi_warnings(values: &[(String, Where<'_>)], file: &SourceFile) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (key, w) in values {
        let mut seen = Occurrences::new();
        let mut capped = Capped::new();
        for ch in crate::render::printable::zaozi(w.value()) {
            let nth = seen.next(ch);
            if !capped.room() {
                continue;
            }
            let span = w.locate(file, ch, nth);
            let mark = crate::render::printable::zaozi_mark(ch);
            out.push(
                Diagnostic::warning(
                    codes::GLYPH,
                    format!(
                        "造字（私用区字符）U+{:04X} 只有造字程序的字体能显示；没有提供造字字体（--font 造字=字体文件）或其中没有这个字，网页、Markdown、Word 文档、PDF 和 OFD 中都印成“{mark}”，报告标为草稿",
                        ch as u32
                    ),
                )
                .at(span)
                .path(key.clone())
                .label("造字（私用区字符）")
                .help(ZAOZI_HELP),
            );
        }
        out.extend(capped.rest(codes::GLYPH, w.span(), key));
    }
    out
}

/// What to do about a 造字 that prints as its code.
const ZAOZI_HELP: &str = "多是户籍等系统用造字程序输入的人名、地名用字。有造字程序的字体文件的（Windows 中一般是 \
     C:\\Windows\\Fonts\\EUDC.TTE，可复制出来），生成时加 --font 造字=该文件（工作台、汇总服务器启动时同样加），\
     各种格式就从它印出原字；没有的，《通用规范汉字表》中有这个字的改用规范字（可查 Unicode 扩展区的字），\
     没有的写成通用写法或加注（如“王〔左鱼右攵〕”）后重新生成";

enum Where<'a> {
    Text(&'a Text),
    Plain(&'a str, Span),
}

impl Where<'_> {
    fn value(&self) -> &str {
        match self {
            Where::Text(t) => &t.value,
            Where::Plain(s, _) => s,
        }
    }

    /// The whole value's place in the file.
    fn span(&self) -> Span {
        match self {
            Where::Text(t) => t.span,
            Where::Plain(_, span) => *span,
        }
    }

    /// The place in the file of the value's `nth` `ch`.
    fn locate(&self, file: &SourceFile, ch: char, nth: usize) -> Span {
        let needle = ch.to_string();
        match self {
            Where::Text(t) => file.locate(t.span, &needle, nth),
            Where::Plain(_, span) => locate_plain(file, *span, &needle, nth),
        }
    }
}

/// Finds the `nth` `needle` in a one-line value starting at `span`.
fn locate_plain(file: &SourceFile, span: Span, needle: &str, nth: usize) -> Span {
    let start = span.offset.min(file.text.len());
    let end = if span.len > 0 {
        (start + span.len).min(file.text.len())
    } else {
        file.text
            .slice_from(start)
            .find('\n')
            .map_or(file.text.len(), |i| start + i)
    };
    let hay = file.text.get(start..end).unwrap_or("");
    match hay.match_indices(needle).nth(nth) {
        Some((i, _)) => file.span_of(start + i, needle.len()),
        None => span,
    }
}

/// Every character of the report's text that is printed (what the glyph
/// check looks at): private-use characters are never printed (TEXT-PUA
/// names them), nor characters invisible by design.
pub fn report_chars(report: &Report) -> BTreeSet<char> {
    let values = text_values(report);
    distinct_chars(values.iter().map(|(_, w)| w.value()))
        .into_iter()
        .filter(|&c| !is_private_use(c))
        .filter_map(printed)
        .collect()
}

/// [`glyph_warnings`] with the default fonts (the bundled faces, then any
/// installed face that has a character they lack), as `check` and the
/// workbench say them while the report is written: loaded once per
/// process and kept; none when no font can be loaded at all.
pub fn default_glyph_warnings(report: &Report, file: &SourceFile) -> Vec<Diagnostic> {
    static FONTS: OnceLock<Mutex<Option<Fonts>>> = OnceLock::new();
    let chars = report_chars(report);
    let cell = FONTS.get_or_init(|| Mutex::new(Fonts::load(&FontChoice::default()).ok()));
    let mut fonts = cell.lock().unwrap_or_else(|e| e.into_inner());
    let Some(fonts) = fonts.as_mut() else {
        return zaozi_warnings(&text_values(report), file);
    };
    if fonts.uncovered_quick(&chars).is_empty() {
        return zaozi_warnings(&text_values(report), file);
    }
    fonts.cover(&chars);
    glyph_warnings(report, file, fonts)
}

/// Every text value, by its data path, with how to find it in the file.
fn text_values(report: &Report) -> Vec<(String, Where<'_>)> {
    let mut values = vec![(
        path::field(top::AGENCY),
        Where::Plain(&report.agency.value, report.agency.span),
    )];
    for (key, v) in report.contact.lines() {
        if let Some(v) = v {
            values.push((path::contact(key), Where::Plain(&v.value, v.span)));
        }
    }
    for (key, t) in report.narratives() {
        values.push((key.to_string(), Where::Text(t)));
    }
    values
}
