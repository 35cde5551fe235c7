//! Headings in the workbook's 正文 cells as a clerk reads them: a heading
//! numbered by its form (`（一）主动公开`, `1.加强领导`) stands alone on its
//! line without the Markdown mark (`### `), as it prints; one without a
//! number is written `【小标题】加强领导`, which reads back as a heading.

use crate::model::narrative::heading_mark;
use crate::slice::Slice;

/// The mark written before a heading without a number.
pub(super) const UNNUMBERED: &str = "【小标题】";

/// Narrative Markdown as the 正文 cell shows it: no `###`.
pub(super) fn shown(markdown: &str) -> String {
    markdown
        .split('\n')
        .map(|line| match marked(line) {
            Some((mark, rest)) if heading_mark(rest) == Some(mark) => rest.trim().to_string(),
            Some((_, rest)) if !rest.trim().is_empty() => format!("{UNNUMBERED}{}", rest.trim()),
            _ => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A 正文 cell's text as narrative Markdown: `【小标题】X` is the heading
/// `### X`; a numbered heading line is a heading as it stands.
pub(super) fn stored(cell: &str) -> String {
    cell.split('\n')
        .map(|line| match line.trim_start().strip_prefix(UNNUMBERED) {
            Some(rest) if !rest.trim().is_empty() => format!("### {}", rest.trim()),
            _ => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `### X` → (`### `, `X`): a Markdown heading of any level.
fn marked(line: &str) -> Option<(&str, &str)> {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&hashes) || !line.slice_from(hashes).starts_with(' ') {
        return None;
    }
    Some((line.slice_to(hashes + 1), line.slice_from(hashes + 1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_show_without_marks_and_read_back_as_headings() {
        let md = "### （一）主动公开\n\n正文。\n\n#### 1.加强领导\n\n### 加强领导\n\n###### 六级";
        let cell = shown(md);
        assert_eq!(
            cell,
            "（一）主动公开\n\n正文。\n\n1.加强领导\n\n【小标题】加强领导\n\n【小标题】六级"
        );
        assert!(!cell.contains("### "));
        assert_eq!(
            stored(&cell),
            "（一）主动公开\n\n正文。\n\n1.加强领导\n\n### 加强领导\n\n### 六级"
        );
    }
}
