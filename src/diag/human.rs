//! Renders diagnostics for people, in the style of rustc.
//!
//! ```text
//! 错误（表三：每行总计等于各类申请人之和 T3-ROWSUM）：总计与各类申请人之和不符
//!   --> report.yaml:30:36
//!    |
//! 30 |     予以公开: [1, 0, 0, 0, 0, 0, 2]
//!    |                                  ^ 应为 1
//!    |
//!    = 注：单元格：三、本年度办理结果 / （一）予以公开 / 总计
//! ```

use crate::slice::Slice;
use std::fmt::Write;

use super::{Diagnostic, Severity, codes, visible};
use crate::model::Fill;
use crate::model::schema::{other, top};
use crate::source::{SourceFile, Span};
use unicode_width::{UnicodeWidthChar as _, UnicodeWidthStr as _};

/// Renders one diagnostic against the file it was found in.
pub fn render(diag: &Diagnostic, file: Option<&SourceFile>, color: bool) -> String {
    let frame = Frame::new(diag, color);
    let mut out = String::new();
    frame.headline(&mut out, diag);
    if let Some(f) = file.filter(|f| f.is_derived()) {
        frame.places(&mut out, diag, f);
        if !diag.notes.is_empty() || diag.help.is_some() {
            frame.notes(&mut out, diag, false);
        }
        return out;
    }
    let line_text = match (diag.span, file) {
        (Some(span), Some(f)) => f.line_text(span.line).map(|t| (span, t)),
        _ => None,
    };
    frame.location(&mut out, diag, file);
    if let Some((span, text)) = line_text {
        frame.excerpt(&mut out, diag, span, text);
    }
    // Related places: in this file as secondary spans marked `-` (one
    // marker line per source line), in another file as a `:::` reference.
    let (mut shown_related, by_line) = frame.related_elsewhere(&mut out, diag, file);
    for (line, group) in by_line {
        let Some(text) = file.and_then(|f| f.line_text(line)) else {
            continue;
        };
        frame.related_here(&mut out, (line, text), &group, line_text, shown_related);
        shown_related = true;
    }
    if !diag.notes.is_empty() || diag.help.is_some() {
        frame.notes(&mut out, diag, line_text.is_some() || shown_related);
    }
    out
}

/// The related places in the diagnostic's own file, by source line.
type ByLine<'d> = std::collections::BTreeMap<u32, Vec<&'d super::Related>>;

/// What every line of one rendered diagnostic shares: colours and the
/// gutter with its line-number width.
struct Frame {
    paint: Paint,
    /// The severity's word (`错误`, `警告`, `说明`) and colour.
    severity: (&'static str, &'static str),
    gutter_width: usize,
    /// Blanks as wide as the gutter.
    pad: String,
    /// The gutter's bar, painted.
    bar: String,
}

impl Frame {
    fn new(diag: &Diagnostic, color: bool) -> Frame {
        let paint = Paint { on: color };
        let severity = match diag.severity {
            Severity::Error => ("错误", RED),
            Severity::Warning => ("警告", YELLOW),
            Severity::Info => ("说明", CYAN),
        };
        let gutter_width = diag
            .span
            .iter()
            .chain(diag.related.iter().map(|r| &r.span))
            .map(|s| s.line.to_string().len())
            .max()
            .unwrap_or(1);
        let bar = paint.wrap("|", BLUE, true);
        Frame {
            paint,
            severity,
            gutter_width,
            pad: " ".repeat(gutter_width),
            bar,
        }
    }

    /// `错误（规则名 CODE）：message`: the rule's Chinese name first, the
    /// code kept for `explain`.
    fn headline(&self, out: &mut String, diag: &Diagnostic) {
        let (sev, sev_color) = self.severity;
        let _ = writeln!(
            out,
            "{}{}",
            self.paint.wrap(
                &format!("{sev}（{} {}）", diag.code.rule_name(), diag.code),
                sev_color,
                true
            ),
            self.paint
                .wrap(&format!("：{}", visible(&diag.message)), "", true)
        );
    }

    /// For a text made from another file (a workbook): `--> 年报.xlsx 表三!C12`
    /// with the label, then the related places as `::: 表三!D12: …`, since
    /// the lines of the made text are nothing a user can open.
    fn places(&self, out: &mut String, diag: &Diagnostic, file: &SourceFile) {
        let name = visible(&file.name()).into_owned();
        let arrow = self.paint.wrap("-->", BLUE, true);
        let place = diag
            .span
            .and_then(|s| file.place_at(s.offset))
            .map_or_else(String::new, |p| format!(" {}", visible(p)));
        let label = diag
            .label
            .as_deref()
            .map_or_else(String::new, |l| format!("：{}", visible(l)));
        let _ = writeln!(out, "{} {arrow} {name}{place}{label}", self.pad);
        for related in &diag.related {
            let place = match &related.file {
                Some(other) => format!(
                    "{}:{}:{}",
                    visible(other),
                    related.span.line,
                    related.span.column
                ),
                None => file
                    .place_at(related.span.offset)
                    .map_or_else(|| name.clone(), |p| format!("{name} {}", visible(p))),
            };
            let _ = writeln!(
                out,
                "{} {} {place}: {}",
                self.pad,
                self.paint.wrap(":::", BLUE, true),
                visible(&related.message)
            );
        }
    }

    /// `--> file:line:column`, or only the file when there is no span.
    fn location(&self, out: &mut String, diag: &Diagnostic, file: Option<&SourceFile>) {
        let Some(name) = file.map(|f| visible(&f.name()).into_owned()) else {
            return;
        };
        let (pad, arrow) = (&self.pad, self.paint.wrap("-->", BLUE, true));
        match diag.span {
            Some(span) => {
                let _ = writeln!(out, "{pad}{arrow} {name}:{}:{}", span.line, span.column);
            }
            None => {
                let _ = writeln!(out, "{pad}{arrow} {name}");
            }
        }
    }

    /// The source line and the carets under the span, with the label.
    fn excerpt(&self, out: &mut String, diag: &Diagnostic, span: Span, text: &str) {
        let (pad, bar) = (&self.pad, &self.bar);
        let excerpt = fit_line(text, span.column, span.len);
        let _ = writeln!(out, "{pad} {bar}");
        let _ = writeln!(
            out,
            "{} {bar} {}",
            self.line_number(span.line),
            excerpt.shown
        );
        let marker = "^".repeat(excerpt.carets);
        let label = diag
            .label
            .as_deref()
            .map(|l| format!(" {}", visible(l)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{pad} {bar} {}{}",
            " ".repeat(excerpt.indent),
            self.paint
                .wrap(&format!("{marker}{label}"), self.severity.1, true)
        );
    }

    /// Prints the related places in other files (`:::` references) and
    /// returns whether it printed any, with those in `file` by line.
    fn related_elsewhere<'d>(
        &self,
        out: &mut String,
        diag: &'d Diagnostic,
        file: Option<&SourceFile>,
    ) -> (bool, ByLine<'d>) {
        let mut shown = false;
        let mut by_line = ByLine::new();
        for related in &diag.related {
            match (&related.file, file) {
                (None, Some(_)) => by_line.entry(related.span.line).or_default().push(related),
                (other, _) => {
                    let name = other
                        .as_deref()
                        .map_or_else(String::new, |n| visible(n).into_owned());
                    let _ = writeln!(
                        out,
                        "{} {} {name}:{}:{}: {}",
                        self.pad,
                        self.paint.wrap(":::", BLUE, true),
                        related.span.line,
                        related.span.column,
                        visible(&related.message)
                    );
                    shown = true;
                }
            }
        }
        (shown, by_line)
    }

    /// One source line's related places: the line (unless it is the
    /// primary one, already shown), then one marker line with their labels.
    fn related_here(
        &self,
        out: &mut String,
        (line, text): (u32, &str),
        group: &[&super::Related],
        primary: Option<(Span, &str)>,
        shown_related: bool,
    ) {
        let (pad, bar) = (&self.pad, &self.bar);
        let on_primary_line = primary.is_some_and(|(s, _)| s.line == line);
        if !on_primary_line {
            if primary.is_none() && !shown_related {
                let _ = writeln!(out, "{pad} {bar}");
            }
            let shown = fit_line(text, group[0].span.column, group[0].span.len).shown;
            let _ = writeln!(out, "{} {bar} {shown}", self.line_number(line));
        }
        // Markers are placed against the excerpt of the first span on the
        // line, so that all of them line up with what was printed above.
        let anchor = if on_primary_line {
            primary.map_or(group[0].span, |(s, _)| s)
        } else {
            group[0].span
        };
        let marker = related_markers(text, anchor, group);
        let labels: Vec<String> = group
            .iter()
            .map(|r| visible(&r.message).into_owned())
            .collect();
        let _ = writeln!(
            out,
            "{pad} {bar} {}",
            self.paint
                .wrap(&format!("{marker} {}", labels.join("；")), BLUE, true)
        );
    }

    /// The `= note:` and `= help:` lines, after a bar when something was
    /// shown above them.
    fn notes(&self, out: &mut String, diag: &Diagnostic, after_source: bool) {
        let (pad, bar) = (&self.pad, &self.bar);
        if after_source {
            let _ = writeln!(out, "{pad} {bar}");
        }
        let equals = self.paint.wrap("=", BLUE, true);
        for note in &diag.notes {
            let _ = writeln!(out, "{pad} {equals} 注：{}", visible(note));
        }
        if let Some(help) = &diag.help {
            let _ = writeln!(out, "{pad} {equals} 提示：{}", visible(help));
        }
    }

    /// A line number, right-aligned in the gutter and painted.
    fn line_number(&self, line: u32) -> String {
        let width = self.gutter_width;
        self.paint.wrap(&format!("{line:>width$}"), BLUE, true)
    }
}

/// The `-` markers under the related spans of one line, placed against the
/// excerpt of `anchor` (spans outside its shortened window are left out, as
/// are those overlapping a marker already placed).
fn related_markers(text: &str, anchor: Span, group: &[&super::Related]) -> String {
    let mut marks: Vec<(usize, usize)> = group
        .iter()
        .filter_map(|r| {
            let e = fit_line(text, anchor.column, anchor.len);
            let here = fit_line(text, r.span.column, r.span.len);
            // Only spans inside the same shortened window can be marked.
            (e.shown == here.shown || !e.shown.contains('…')).then_some((here.indent, here.carets))
        })
        .collect();
    marks.sort();
    let mut marker = String::new();
    for (indent, carets) in marks {
        if indent < marker.chars().count() {
            continue;
        }
        marker.push_str(&" ".repeat(indent - marker.chars().count()));
        marker.push_str(&"-".repeat(carets));
    }
    marker
}

/// The tables a clerk fills, by the data-file key that heads their paths,
/// with how they are named in messages.
const TABLES: &[(&str, &str)] = &[
    (top::TABLE2, "表二（主动公开）"),
    (top::TABLE3, "表三（依申请公开）"),
    (top::TABLE4, "表四（复议诉讼）"),
    (top::OTHER, other::FEE), // named by its key
];

/// Most display cells of one note line listing rows to fill.
const LIST_WIDTH: usize = 72;

/// The diagnostics as a person reads them: where a table has two or more
/// rows with empty cells, their `CELL-EMPTY` diagnostics become one block
/// ("表三（依申请公开）待填 26 行，共 175 格") listing the rows, placed after
/// the other findings so that a real error does not drown; `fill` gives the
/// cell counts.
pub fn condense(diags: &[Diagnostic], fill: Option<&Fill>) -> Vec<Diagnostic> {
    let table_of = |d: &Diagnostic| {
        let head = d.path.as_deref()?.split('.').next()?;
        TABLES.iter().position(|(key, _)| *key == head)
    };
    let mut groups: Vec<Vec<&Diagnostic>> = vec![Vec::new(); TABLES.len()];
    for d in diags.iter().filter(|d| d.code == codes::CELL_EMPTY) {
        if let Some(t) = table_of(d) {
            groups[t].push(d);
        }
    }
    let condensed = |d: &Diagnostic| {
        d.code == codes::CELL_EMPTY && table_of(d).is_some_and(|t| groups[t].len() > 1)
    };
    let mut out: Vec<Diagnostic> = diags.iter().filter(|d| !condensed(d)).cloned().collect();
    for (t, rows) in groups.iter().enumerate().filter(|(_, g)| g.len() > 1) {
        let (key, name) = TABLES[t];
        let cells = fill.map(|f| match t {
            0 => f.table2,
            1 => f.table3,
            2 => f.table4,
            _ => f.fee,
        });
        let message = match cells {
            Some((filled, total)) => format!(
                "{name}待填 {} 行，共 {} 格（已填 {filled}/{total} 格）",
                rows.len(),
                total - filled
            ),
            None => format!("{name}待填 {} 行", rows.len()),
        };
        let items: Vec<String> = rows
            .iter()
            .map(|d| {
                let row = d
                    .path
                    .as_deref()
                    .and_then(|p| p.strip_prefix(key))
                    .and_then(|p| p.rsplit('.').next())
                    .filter(|p| !p.is_empty())
                    .map(str::to_string)
                    .unwrap_or_else(|| name.to_string());
                match d.span {
                    Some(s) => format!("第 {} 行 {row}", s.line),
                    None => row,
                }
            })
            .collect();
        let mut block = Diagnostic::error(codes::CELL_EMPTY, message)
            .label("第一处待填")
            .help("没有的请填 0；填好一部分后再运行 nianbao check，这里会列出还剩哪些");
        if let Some(span) = rows[0].span {
            block = block.at(span);
        }
        for line in wrap_list(&items, "待填：") {
            block = block.note(line);
        }
        out.push(block);
    }
    out
}

/// `items` joined by `、` into lines of at most [`LIST_WIDTH`] cells, the
/// first starting with `lead`.
fn wrap_list(items: &[String], lead: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = lead.to_string();
    for (i, item) in items.iter().enumerate() {
        let sep = if i + 1 < items.len() { "、" } else { "" };
        if display_width(&line) + display_width(item) > LIST_WIDTH && line != lead {
            lines.push(std::mem::take(&mut line));
            line.push_str("      ");
        }
        line.push_str(item);
        line.push_str(sep);
    }
    lines.push(line);
    lines
}

/// One line per diagnostic, `file:line:col: severity CODE message`, for
/// editors and scripts.
pub fn short(diag: &Diagnostic, file: &str) -> String {
    let place = match diag.span {
        Some(s) => format!("{}:{}:{}", visible(file), s.line, s.column),
        None => visible(file).into_owned(),
    };
    short_line(diag, place)
}

/// Like [`short`], with the place read from `file`: `file:line:col`, or for
/// a text made from a workbook `年报.xlsx 表三!C12`.
pub fn short_in(diag: &Diagnostic, file: &SourceFile) -> String {
    match diag.span.and_then(|s| file.place_at(s.offset)) {
        Some(place) => short_line(
            diag,
            format!("{} {}", visible(&file.name()), visible(place)),
        ),
        None => short(diag, &file.name()),
    }
}

fn short_line(diag: &Diagnostic, place: String) -> String {
    let mut line = format!(
        "{place}: {} {} {}",
        diag.severity.as_str(),
        diag.code,
        visible(&diag.message)
    );
    if let Some(label) = diag.label.as_ref().filter(|l| !restates(l, &diag.message)) {
        line.push_str(&format!("（{}）", visible(label)));
    }
    line
}

/// Whether a label only repeats figures its message already gives
/// (`表格为 2` after `…总计是 2`, `上年 9，本年 6` after `从 9 减少到 6`):
/// on one line it would say them twice.
fn restates(label: &str, message: &str) -> bool {
    let numbers = |text: &str| -> Vec<String> {
        text.split(|c: char| !(c.is_ascii_digit() || c == '.'))
            .map(|n| n.trim_matches('.'))
            .filter(|n| !n.is_empty())
            .map(str::to_string)
            .collect()
    };
    let said = numbers(message);
    let labelled = numbers(label);
    !labelled.is_empty() && labelled.iter().all(|n| said.contains(n))
}

/// The line that says how far a file's tables are filled.
pub fn fill_line(file: &str, fill: &Fill) -> String {
    if fill.empty() == 0 {
        format!("{}：表格已填满（{} 格）", visible(file), fill.total())
    } else {
        format!(
            "{}：已填 {}/{} 格，待填 {} 格",
            visible(file),
            fill.filled(),
            fill.total(),
            fill.empty()
        )
    }
}

/// Renders the closing summary line (`错误 2 个，警告 1 个`).
pub fn summary(errors: usize, warnings: usize, files: usize) -> String {
    if errors == 0 && warnings == 0 {
        format!("检查通过：{files} 个文件，没有发现问题")
    } else if errors == 0 {
        format!("检查通过：{files} 个文件，错误 0 个，警告 {warnings} 个")
    } else {
        format!("检查未通过：{files} 个文件，错误 {errors} 个，警告 {warnings} 个")
    }
}

/// Widest source excerpt shown, in terminal cells.
const MAX_EXCERPT_WIDTH: usize = 100;
/// Most of the excerpt's width given to text before the caret.
const MAX_LEAD_WIDTH: usize = 40;

/// A source line as shown under a diagnostic: control characters made
/// visible, tabs expanded, shortened around the span to one screen line.
struct Excerpt {
    /// The text to print.
    shown: String,
    /// Cells before the first caret.
    indent: usize,
    /// Number of carets.
    carets: usize,
}

fn fit_line(text: &str, column: u32, byte_len: usize) -> Excerpt {
    let show = |s: &str| visible(s).replace('\t', "    ");
    let prefix: String = text
        .chars()
        .take(column.saturating_sub(1) as usize)
        .collect();
    let value = text_at(text, column, byte_len);
    let rest = text.slice_from((prefix.len() + value.len()).min(text.len()));
    let mut lead = show(&prefix);
    let whole = display_width(&lead) + display_width(&show(&value)) + display_width(&show(rest));
    if whole <= MAX_EXCERPT_WIDTH {
        let marked = show(&value);
        return Excerpt {
            indent: display_width(&lead),
            carets: display_width(&marked).max(1),
            shown: format!("{lead}{marked}{}", show(rest)),
        };
    }
    if display_width(&lead) > MAX_LEAD_WIDTH {
        lead = format!("…{}", tail_within(&lead, MAX_LEAD_WIDTH - 1));
    }
    let mut marked = show(&value);
    let room = MAX_EXCERPT_WIDTH.saturating_sub(display_width(&lead));
    if display_width(&marked) > room {
        marked = format!("{}…", head_within(&marked, room.saturating_sub(1)));
    }
    let mut after = show(rest);
    let room = room.saturating_sub(display_width(&marked));
    if display_width(&after) > room {
        after = format!("{}…", head_within(&after, room.saturating_sub(1)));
    }
    Excerpt {
        indent: display_width(&lead),
        carets: display_width(&marked).max(1),
        shown: format!("{lead}{marked}{after}"),
    }
}

/// The longest start of `s` at most `width` cells wide.
fn head_within(s: &str, width: usize) -> &str {
    let mut used = 0;
    for (i, c) in s.char_indices() {
        used += char_width(c);
        if used > width {
            return s.slice_to(i);
        }
    }
    s
}

/// The longest end of `s` at most `width` cells wide.
fn tail_within(s: &str, width: usize) -> &str {
    let mut used = 0;
    for (i, c) in s.char_indices().rev() {
        used += char_width(c);
        if used > width {
            return s.slice_from(i + c.len_utf8());
        }
    }
    s
}

/// The source text the span covers on its first line (for the caret width).
fn text_at(line: &str, column: u32, byte_len: usize) -> String {
    let rest: String = line
        .chars()
        .skip(column.saturating_sub(1) as usize)
        .collect();
    let mut end = byte_len.min(rest.len());
    while end > 0 && !rest.is_char_boundary(end) {
        end -= 1;
    }
    rest.slice_to(end).trim_end().to_string()
}

/// Terminal display width in cells, by Unicode East Asian Width.
///
/// Wide and Fullwidth characters take two cells, and so do the Ambiguous
/// ones (`width_cjk`, not `width`): the reader is a Chinese user whose
/// terminal font draws “ ” — … ① as full-width marks, the way the data file
/// uses them, so the carets stay under the text they mark.
pub fn display_width(s: &str) -> usize {
    s.width_cjk()
}

/// One character's cells, as [`display_width`] counts them (a control
/// character, shown escaped before it gets here, counts one).
fn char_width(c: char) -> usize {
    c.width_cjk().unwrap_or(1)
}

const RED: &str = "31";
const YELLOW: &str = "33";
const BLUE: &str = "34";
const CYAN: &str = "36";

struct Paint {
    on: bool,
}

impl Paint {
    fn wrap(&self, text: &str, color: &str, bold: bool) -> String {
        if !self.on || (color.is_empty() && !bold) {
            return text.to_string();
        }
        let mut codes = Vec::new();
        if bold {
            codes.push("1");
        }
        if !color.is_empty() {
            codes.push(color);
        }
        format!("\x1b[{}m{text}\x1b[0m", codes.join(";"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostic;
    use crate::source::SourceFile;

    #[test]
    fn a_short_line_gives_a_figure_once() {
        let d = Diagnostic::new(codes::NARR, "正文说“6件”，而表三总计是 2").label("表格为 2");
        assert!(
            !short(&d, "a.yaml").contains("表格为"),
            "{}",
            short(&d, "a.yaml")
        );
        let d = Diagnostic::new(codes::COPY, "为 2024 年作打算").label("应为 2025 年");
        assert!(short(&d, "a.yaml").ends_with("（应为 2025 年）"));
        let d = Diagnostic::new(codes::TEXT_PUNCT, "“局,按”").label("应为“局，按”");
        assert!(short(&d, "a.yaml").ends_with("（应为“局，按”）"));
    }

    #[test]
    fn ambiguous_marks_take_two_cells() {
        assert_eq!(display_width("“机关”—…"), 12);
        assert_eq!(display_width("abc（一）"), 9);
        assert_eq!(head_within("“主动公开”", 4), "“主");
    }

    #[test]
    fn secondary_markers_sit_under_their_values() {
        let file = SourceFile::new(
            "r.yaml",
            "依申请公开:\n  本年新收: [“1”, 2, 3]\n  上年结转: [4, 5, 6]\n",
        );
        let at = |needle: &str, nth: usize| {
            let i = file.text.match_indices(needle).nth(nth).unwrap().0;
            file.span_of(i, needle.len())
        };
        let d = Diagnostic::error(codes::T3_BAL, "不平衡")
            .at(at("3", 0))
            .label("应为 9")
            .related(at("2", 0), "p", "商业企业 2")
            .related(at("5", 0), "q", "上年 5");
        let text = render(&d, Some(&file), false);
        let lines: Vec<&str> = text.lines().collect();
        let width_to = |line: &str, byte: usize| display_width(line.slice_to(byte));
        // Same line as the primary: a `-` marker under the 2.
        let src = lines.iter().position(|l| l.contains("本年新收")).unwrap();
        let two = width_to(lines[src], lines[src].find(", 2").unwrap() + 2);
        let marker_line = lines[src + 2];
        assert_eq!(
            width_to(marker_line, marker_line.find('-').unwrap()),
            two,
            "{text}"
        );
        // Another line: printed with its own marker under the 5.
        let other = lines.iter().position(|l| l.contains("上年结转")).unwrap();
        let five = width_to(lines[other], lines[other].find('5').unwrap());
        let marker_line = lines[other + 1];
        assert_eq!(
            width_to(marker_line, marker_line.find('-').unwrap()),
            five,
            "{text}"
        );
        assert!(marker_line.contains("上年 5"), "{text}");
    }

    #[test]
    fn caret_sits_under_the_value() {
        let file = SourceFile::new("r.yaml", "依申请公开:\n  本年新收: [1, 2, 3]\n");
        let at = file.text.find("[1").unwrap() + 1;
        let span = file.span_of(at, 1);
        let d = Diagnostic::error(codes::T3_BAL, "不平衡")
            .at(span)
            .label("应为 2");
        let text = render(&d, Some(&file), false);
        assert!(text.contains("--> r.yaml:2:10"), "{text}");
        let lines: Vec<&str> = text.lines().collect();
        let src = lines.iter().position(|l| l.contains("本年新收")).unwrap();
        let caret_col = lines[src + 1].find('^').unwrap();
        // "2 |   本年新收: [" : the caret is under the digit 1.
        let digit_col = display_width(lines[src].slice_to(lines[src].find("[1").unwrap() + 1));
        assert_eq!(caret_col, digit_col);
    }
}
