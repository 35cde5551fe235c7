//! Narrative sections (一, 五, 六 and the opening paragraph) as Markdown,
//! plus the contact details found in them (the information-processing fee
//! statement is read by `fee`).

use super::lines::{Piece, SourceLine};
use super::norm::{self, Numbering};
use crate::slice::Slice;

/// A paragraph or sub-heading of a narrative section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Para {
    /// `Some(3)` for a `（一）` heading, `Some(4)` for a `1.` heading.
    pub level: Option<u8>,
    /// The text (for a heading: with its numbering, without trailing `。`).
    pub text: String,
    /// Where it starts in the source.
    pub piece: Piece,
}

/// Sentence-final punctuation: a line ending in one of these ends a paragraph.
const FINAL: &[char] = &[
    '。', '！', '？', '；', '：', '.', '!', '?', ';', ':', '”', '）', ')', '」', '…',
];

/// Lines at least this long that end mid-sentence are joined with the next
/// one (text extracted from PDF breaks paragraphs at the page width).
const JOIN_MIN_CHARS: usize = 20;

/// Longest heading that stands on a line of its own.
const HEADING_MAX_CHARS: usize = 40;

fn clean(text: &str) -> String {
    let mut t = norm::trim(text).to_string();
    // Word bookmarks left in exported text: `[bookmark: _GoBack]`.
    while let Some(start) = t.find("[bookmark:") {
        match t.slice_from(start).find(']') {
            Some(end) => t.replace_range(start..start + end + 1, ""),
            None => break,
        }
    }
    norm::trim(&t).to_string()
}

fn numbering(text: &str) -> Option<(u8, usize)> {
    // Returns the heading level and the byte length of the numbering prefix
    // (including following spaces) in the original text.
    let mut prefix = String::new();
    for (i, c) in text.char_indices() {
        prefix.push(c);
        let canon = norm::canon(&prefix);
        let (n, rest) = norm::split_numbering(&canon);
        if n.is_some() && rest.is_empty() {
            // Extend over following spaces.
            let after = text.slice_from(i + c.len_utf8());
            let spaces = after.len() - after.trim_start_matches(norm::is_space).len();
            let digit_top = canon.starts_with(|ch: char| ch.is_ascii_digit());
            let level = match n? {
                Numbering::Paren => 3,
                Numbering::Top if !digit_top => 3,
                Numbering::Top | Numbering::ParenDigit => 4,
            };
            return Some((level, i + c.len_utf8() + spaces));
        }
        if i > 12 {
            break;
        }
    }
    None
}

/// Whether `next` goes on with a word, address or number that `prev` ends
/// with, broken at the line's end: `…qbl-zwgk_202` / `5.office@…` starts
/// like the item `5.` but is the rest of an e-mail address.
fn wraps_a_word(prev: &str, next: &str) -> bool {
    let ends_in_word = prev
        .chars()
        .last()
        .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '/' | '@'));
    let digits = next.bytes().take_while(u8::is_ascii_digit).count();
    let goes_on = next
        .slice_from(digits)
        .strip_prefix(['.', ','])
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_alphanumeric()));
    ends_in_word && digits > 0 && goes_on
}

/// Normalises a numbering prefix: full-width brackets, no space after it.
fn tidy_number(prefix: &str) -> String {
    prefix
        .chars()
        .filter(|c| !norm::is_space(*c))
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            c => {
                let f = norm::fold_char(c);
                if f.is_ascii_digit() { f } else { c }
            }
        })
        .collect()
}

/// Splits narrative lines into paragraphs and sub-headings.
pub fn paragraphs(lines: &[SourceLine]) -> Vec<Para> {
    // Join lines broken mid-sentence.
    let mut joined: Vec<(String, Piece)> = Vec::new();
    let mut open = false;
    // Characters of the last joined paragraph, kept as it grows (counting
    // them again for every line would be quadratic).
    let mut last_chars = 0;
    for line in lines {
        let text = match &line.cells {
            Some(cells) => cells
                .iter()
                .map(|c| norm::trim(&c.text))
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join(" "),
            None => clean(&line.text),
        };
        // An item of a list whose bullet came from Word's symbol fonts
        // (`\u{F0D8}\t…`, `Ø\t…`): a paragraph of its own, the bullet gone.
        let (text, item) = match crate::model::narrative::symbol_bullet(&text) {
            Some(rest) => (norm::trim(rest).to_string(), true),
            None => (text, false),
        };
        if text.is_empty() {
            continue;
        }
        let wrapped = joined
            .last()
            .is_some_and(|(prev, _)| open && wraps_a_word(prev, &text));
        let starts_numbered = item || (numbering(&text).is_some() && !wrapped);
        let chars = text.chars().count();
        match joined.last_mut() {
            Some((prev, _)) if open && !starts_numbered => {
                prev.push_str(&text);
                last_chars += chars;
            }
            _ => {
                joined.push((text, line.piece()));
                last_chars = chars;
            }
        }
        let (last, _) = joined.last().expect("just pushed");
        // A line ending or opening with a date is a page's list item or
        // source line, not a sentence wrapped at the line's end.
        open = last_chars >= JOIN_MIN_CHARS
            && !last.ends_with(FINAL)
            && !norm::framed_by_date(&line.text);
    }
    let mut out = Vec::new();
    for (text, piece) in joined {
        let Some((level, len)) = numbering(&text) else {
            out.push(Para {
                level: None,
                text,
                piece,
            });
            continue;
        };
        let number = tidy_number(text.slice_to(len));
        let body = text.slice_from(len);
        let trimmed = body.trim_end_matches(['。', '.']);
        if trimmed.chars().count() <= HEADING_MAX_CHARS && !trimmed.contains('。') {
            out.push(Para {
                level: Some(level),
                text: format!("{number}{trimmed}"),
                piece,
            });
            continue;
        }
        // A run-in heading: `（一）加强组织领导。为切实加强……`.
        let stop = body
            .char_indices()
            .take(HEADING_MAX_CHARS + 1)
            .find(|(_, c)| *c == '。')
            .map(|(i, _)| i);
        match stop {
            Some(i) if i > 0 && !body.slice_from(i + '。'.len_utf8()).trim().is_empty() => {
                out.push(Para {
                    level: Some(level),
                    text: format!("{number}{}", body.slice_to(i)),
                    piece: piece.clone(),
                });
                out.push(Para {
                    level: None,
                    text: norm::trim(body.slice_from(i + '。'.len_utf8())).to_string(),
                    piece,
                });
            }
            _ => out.push(Para {
                level: None,
                text: format!("{number}{body}"),
                piece,
            }),
        }
    }
    out
}

/// Escapes what CommonMark would read as markup at the start of a paragraph.
fn escape(text: &str) -> String {
    let mut t = text.to_string();
    let first = t.chars().next();
    if matches!(
        first,
        Some('#' | '>' | '-' | '+' | '*' | '=' | '|' | '`' | '<')
    ) {
        t.insert(0, '\\');
        return t;
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && t.slice_from(digits).starts_with(['.', ')']) {
        t.insert(digits, '\\');
    }
    t
}

/// Renders paragraphs as Markdown: headings `###`/`####`, paragraphs
/// separated by a blank line.
pub fn markdown(paras: &[Para]) -> String {
    let mut out = Vec::new();
    for p in paras {
        match p.level {
            Some(3) => out.push(format!("### {}", p.text)),
            Some(_) => out.push(format!("#### {}", p.text)),
            None => out.push(escape(&p.text)),
        }
    }
    let mut s = out.join("\n\n");
    if !s.is_empty() {
        s.push('\n');
    }
    s
}

/// Contact details found in the text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContactText {
    /// 地址.
    pub address: Option<String>,
    /// 邮编.
    pub postcode: Option<String>,
    /// 电话.
    pub phone: Option<String>,
    /// 邮箱.
    pub email: Option<String>,
}

fn field(text: &str, keys: &[&str]) -> Option<String> {
    for key in keys {
        let mut from = 0;
        while let Some(p) = text.slice_from(from).find(key) {
            let start = from + p + key.len();
            from = start;
            let rest = text.slice_from(start).trim_start_matches(|c: char| {
                norm::is_space(c) || matches!(c, '：' | ':' | '为' | '是')
            });
            let value: String = rest
                .chars()
                .take_while(|c| {
                    !matches!(
                        c,
                        '；' | ';' | '，' | ',' | '。' | '）' | ')' | '、' | '\n' | '\t'
                    )
                })
                .collect();
            let value = norm::trim(&value).to_string();
            if !value.is_empty() && value.chars().count() <= 60 {
                return Some(value);
            }
        }
    }
    None
}

/// Finds 地址, 邮编, 电话 and 邮箱 in the text.
pub fn contact(text: &str) -> ContactText {
    let address = field(text, &["通讯地址", "联系地址", "办公地址", "地址"]);
    let postcode = field(text, &["邮政编码", "邮编"])
        .filter(|p| p.len() == 6 && p.chars().all(|c| c.is_ascii_digit()));
    let phone = field(text, &["联系电话", "咨询电话", "电话"])
        .filter(|p| p.chars().filter(char::is_ascii_digit).count() >= 5);
    let email = field(
        text,
        &[
            "电子邮箱",
            "电子信箱",
            "电子邮件",
            "邮箱",
            "E-mail",
            "Email",
            "email",
        ],
    )
    .map(|e| e.trim_start_matches([':', '：']).to_string())
    .filter(|e| e.contains('@'));
    ContactText {
        address,
        postcode,
        phone,
        email,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::lines::text_lines;

    #[test]
    fn an_address_wrapped_before_a_digit_and_a_dot_is_no_item() {
        let lines = text_lines(
            "如有疑问，请发送邮件至本机关的政府信息公开专用邮箱qbl-zwgk_202\n5.office@xjcbcr-gov.example.cn。\n",
        );
        let paras = paragraphs(&lines);
        assert_eq!(paras.len(), 1, "{paras:?}");
        assert!(
            paras[0]
                .text
                .ends_with("qbl-zwgk_2025.office@xjcbcr-gov.example.cn。")
        );
        assert_eq!(paras[0].level, None);
        // An item after a sentence is still an item.
        let lines = text_lines("全年开展以下工作：\n5.加强组织领导。\n");
        assert_eq!(paragraphs(&lines)[1].level, Some(4));
    }

    #[test]
    fn symbol_font_bullets_are_items_of_their_own() {
        let lines: Vec<SourceLine> = [
            "今年重点做了三件事，内容较多需要分条写出来如下",
            "\u{F0D8}\t加强政务公开平台建设",
            "Ø\t规范依申请公开办理流程。",
        ]
        .iter()
        .enumerate()
        .map(|(i, t)| SourceLine::text(*t, i * 100))
        .collect();
        let texts: Vec<String> = paragraphs(&lines).into_iter().map(|p| p.text).collect();
        assert_eq!(
            texts,
            [
                "今年重点做了三件事，内容较多需要分条写出来如下",
                "加强政务公开平台建设",
                "规范依申请公开办理流程。"
            ]
        );
    }

    #[test]
    fn headings_runs_and_joins() {
        let src = "（一）建立机制\n本单位指定专人负责信息发布工作，并定期检查栏目更新的情\n\n况。\n(二) 完善制度。本年修订了信息发布审核办法，明确了各环节职责分工。\n1. 加强学习\n一是开展培训。\n";
        let paras = paragraphs(&text_lines(src));
        let md = markdown(&paras);
        assert_eq!(
            md,
            "### （一）建立机制\n\n本单位指定专人负责信息发布工作，并定期检查栏目更新的情况。\n\n### （二）完善制度\n\n本年修订了信息发布审核办法，明确了各环节职责分工。\n\n#### 1.加强学习\n\n一是开展培训。\n"
        );
    }

    #[test]
    fn unpunctuated_lines_are_joined_in_linear_time() {
        // Issue 26.4: 8.8 MB of lines without punctuation took 12 s (debug):
        // the joined paragraph was counted again for every line.
        let src = format!("{}\n", "本单位".repeat(20)).repeat(40_000);
        let start = std::time::Instant::now();
        let paras = paragraphs(&text_lines(&src));
        assert_eq!(paras.len(), 1);
        assert!(start.elapsed().as_secs() < 3, "{:?}", start.elapsed());
    }

    #[test]
    fn contact_details() {
        let c = contact(
            "如有疑问请联系（地址：某市某路1号；邮编：255000；电话：0533-1234567；邮箱：abc@example.cn）。",
        );
        assert_eq!(c.address.as_deref(), Some("某市某路1号"));
        assert_eq!(c.postcode.as_deref(), Some("255000"));
        assert_eq!(c.phone.as_deref(), Some("0533-1234567"));
        assert_eq!(c.email.as_deref(), Some("abc@example.cn"));
    }
}
