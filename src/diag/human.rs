//! Renders diagnostics for people, in the style of rustc.
//!
//! ```text
//! error[T3-ROWSUM]: 总计与各类申请人之和不符
//!   --> report.yaml:30:36
//!    |
//! 30 |     予以公开: [1, 0, 0, 0, 0, 0, 2]
//!    |                                  ^ 应为 1
//!    |
//!    = note: 单元格：三、本年度办理结果 / （一）予以公开 / 总计
//! ```

use std::fmt::Write;

use super::{Diagnostic, Severity, visible};
use crate::source::SourceFile;

/// Renders one diagnostic against the file it was found in.
pub fn render(diag: &Diagnostic, file: Option<&SourceFile>, color: bool) -> String {
    let paint = Paint { on: color };
    let mut out = String::new();
    let (sev, sev_color) = match diag.severity {
        Severity::Error => ("error", RED),
        Severity::Warning => ("warning", YELLOW),
        Severity::Info => ("note", CYAN),
    };
    let _ = writeln!(
        out,
        "{}{}",
        paint.wrap(&format!("{sev}[{}]", diag.code), sev_color, true),
        paint.wrap(&format!(": {}", visible(&diag.message)), "", true)
    );
    let name = file.map(|f| visible(&f.name()).into_owned());
    let line_text = match (diag.span, file) {
        (Some(span), Some(f)) => f.line_text(span.line).map(|t| (span, t)),
        _ => None,
    };
    let gutter_width = diag.span.map_or(1, |s| s.line.to_string().len()).max(1);
    let pad = " ".repeat(gutter_width);
    match (diag.span, &name) {
        (Some(span), Some(name)) => {
            let _ = writeln!(
                out,
                "{pad}{} {name}:{}:{}",
                paint.wrap("-->", BLUE, true),
                span.line,
                span.column
            );
        }
        (None, Some(name)) => {
            let _ = writeln!(out, "{pad}{} {name}", paint.wrap("-->", BLUE, true));
        }
        _ => {}
    }
    let bar = paint.wrap("|", BLUE, true);
    if let Some((span, text)) = line_text {
        let excerpt = fit_line(text, span.column, span.len);
        let _ = writeln!(out, "{pad} {bar}");
        let _ = writeln!(
            out,
            "{} {bar} {}",
            paint.wrap(&format!("{:>gutter_width$}", span.line), BLUE, true),
            excerpt.shown
        );
        let indent = excerpt.indent;
        let marker = "^".repeat(excerpt.carets);
        let label = diag
            .label
            .as_deref()
            .map(|l| format!(" {}", visible(l)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{pad} {bar} {}{}",
            " ".repeat(indent),
            paint.wrap(&format!("{marker}{label}"), sev_color, true)
        );
    }
    if !diag.notes.is_empty() || diag.help.is_some() {
        if line_text.is_some() {
            let _ = writeln!(out, "{pad} {bar}");
        }
        for note in &diag.notes {
            let _ = writeln!(
                out,
                "{pad} {} note: {}",
                paint.wrap("=", BLUE, true),
                visible(note)
            );
        }
        if let Some(help) = &diag.help {
            let _ = writeln!(
                out,
                "{pad} {} help: {}",
                paint.wrap("=", BLUE, true),
                visible(help)
            );
        }
    }
    out
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
    let rest = &text[(prefix.len() + value.len()).min(text.len())..];
    let mut lead = show(&prefix);
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
            return &s[..i];
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
            return &s[i + c.len_utf8()..];
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
    rest[..end].trim_end().to_string()
}

/// Terminal display width: CJK and full-width characters take two cells.
pub fn display_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

fn char_width(c: char) -> usize {
    let u = c as u32;
    let wide = matches!(u,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
        || matches!(u, 0x201C | 0x201D | 0x2014 | 0x2026);
    if wide { 2 } else { 1 }
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
    fn caret_sits_under_the_value() {
        let file = SourceFile::new("r.yaml", "依申请公开:\n  本年新收: [1, 2, 3]\n");
        let at = file.text.find("[1").unwrap() + 1;
        let span = file.span_of(at, 1);
        let d = Diagnostic::error("T3-BAL", "不平衡")
            .at(span)
            .label("应为 2");
        let text = render(&d, Some(&file), false);
        assert!(text.contains("--> r.yaml:2:10"), "{text}");
        let lines: Vec<&str> = text.lines().collect();
        let src = lines.iter().position(|l| l.contains("本年新收")).unwrap();
        let caret_col = lines[src + 1].find('^').unwrap();
        // "2 |   本年新收: [" : the caret is under the digit 1.
        let digit_col = display_width(&lines[src][..lines[src].find("[1").unwrap() + 1]);
        assert_eq!(caret_col, digit_col);
    }
}
