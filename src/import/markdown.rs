//! Text converted to Markdown by another tool (a PDF or Word converter, a
//! portal's editor): its markup is blanked out so that headings, bold row
//! titles and pipe tables read like the plain text they stand for.
//!
//! Markup characters are replaced by spaces of the same byte length, so
//! every line still maps byte for byte onto the source and diagnostics point
//! at the right column.

use super::lines::SourceLine;
use crate::slice::Slice;

/// Blanks the Markdown markup of every line: heading marks (`## `), block
/// quotes (`> `), emphasis (`**`, `__`), escapes before table pipes and
/// the alignment rows of pipe tables (`| :--- | ---: |`).
pub fn neutralise(lines: &mut [SourceLine]) {
    for line in lines.iter_mut().filter(|l| l.cells.is_none()) {
        if is_alignment_row(&line.text) {
            line.text = " ".repeat(line.text.len());
            continue;
        }
        let text = blank_block_marks(&line.text);
        let text = blank_emphasis(&text);
        let text = blank_line_breaks(&text);
        line.text = split_joined_labels(&text);
    }
}

/// Whether `text` is the alignment row under a pipe table's header.
fn is_alignment_row(text: &str) -> bool {
    let t = text.trim();
    let mut cells = 0;
    for cell in t.trim_matches('|').split('|') {
        let c = cell.trim();
        let dashes = c.trim_start_matches(':').trim_end_matches(':');
        if dashes.len() < 3 || !dashes.bytes().all(|b| b == b'-') {
            return false;
        }
        cells += 1;
    }
    cells >= 1 && t.contains('|')
}

/// Blanks a leading heading mark (`#` to `######` and a space) or block
/// quote marks (`>`).
fn blank_block_marks(text: &str) -> String {
    let lead = text.len() - text.trim_start().len();
    let rest = text.slice_from(lead);
    let hashes = rest.bytes().take_while(|&b| b == b'#').count();
    let marks = if (1..=6).contains(&hashes) && rest.slice_from(hashes).starts_with([' ', '\t']) {
        hashes
    } else {
        rest.bytes().take_while(|&b| b == b'>' || b == b' ').count()
            * usize::from(rest.starts_with('>'))
    };
    if marks == 0 {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    out.push_str(text.slice_to(lead));
    out.push_str(&" ".repeat(marks));
    out.push_str(rest.slice_from(marks));
    out
}

/// In a pipe-table row, splits labels joined with ` · ` (how a merged
/// label and the row label under it are printed in one Markdown cell,
/// nianbao's own Markdown among them) into cells of their own.
fn split_joined_labels(text: &str) -> String {
    if !text.trim_start().starts_with('|') {
        return text.to_string();
    }
    // " · " is four bytes, as is " |  ".
    text.replace(" \u{b7} ", " |  ")
}

/// Blanks the HTML line breaks converters leave inside table cells (`<br>`,
/// `<br/>`, `<br />`): a label broken over two lines is one label.
fn blank_line_breaks(text: &str) -> String {
    let mut out = text.to_string();
    for tag in ["<br />", "<br/>", "<br>", "<BR>"] {
        out = out.replace(tag, &" ".repeat(tag.len()));
    }
    out
}

/// Blanks paired `**` and `__` emphasis marks and a backslash before `|`.
fn blank_emphasis(text: &str) -> String {
    let mut out = text.replace("\\|", " |");
    for mark in ["**", "__"] {
        if out.matches(mark).count() >= 2 {
            let pairs = out.matches(mark).count() / 2 * 2;
            let mut seen = 0;
            let mut next = String::with_capacity(out.len());
            let mut rest = out.as_str();
            while let Some(i) = rest.find(mark) {
                next.push_str(rest.slice_to(i));
                next.push_str(if seen < pairs { "  " } else { mark });
                seen += 1;
                rest = rest.slice_from(i + 2);
            }
            next.push_str(rest);
            out = next;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::lines::text_lines;

    fn neutralised(src: &str) -> Vec<String> {
        let mut lines = text_lines(src);
        neutralise(&mut lines);
        lines.into_iter().map(|l| l.text).collect()
    }

    #[test]
    fn markup_becomes_spaces_of_the_same_length() {
        let src = "| 三、本年度办理结果 · （一）予以公开 | 3 |\n## 一、总体情况\n**第二十条第（一）项**\n| 信息内容 | 本年制发件数 |\n| :--- | ---: |\n> 引文\n";
        let mut out = neutralised(src);
        assert_eq!(
            out.remove(0),
            "| 三、本年度办理结果 |  （一）予以公开 | 3 |"
        );
        assert_eq!(out[0], "   一、总体情况");
        assert_eq!(out[1], "  第二十条第（一）项  ");
        assert_eq!(out[2], "| 信息内容 | 本年制发件数 |");
        assert!(out[3].trim().is_empty());
        assert_eq!(out[4], "  引文");
        for (line, orig) in out.iter().zip(src.lines().skip(1)) {
            assert_eq!(line.len(), orig.len());
        }
    }

    #[test]
    fn line_breaks_inside_cells_become_spaces() {
        let src = "| 1.申请人逾期不补正<br>行政机关不再处理 | 3 |\n";
        let out = neutralised(src);
        assert_eq!(out[0], "| 1.申请人逾期不补正    行政机关不再处理 | 3 |");
        assert_eq!(out[0].len(), src.trim_end().len());
    }

    #[test]
    fn plain_text_is_left_alone() {
        let src = "本年共收到申请6件。\n#5号文件\n自然人\t6\n2**3\n";
        assert_eq!(
            neutralised(src),
            ["本年共收到申请6件。", "#5号文件", "自然人\t6", "2**3"]
        );
    }
}
