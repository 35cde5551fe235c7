//! Scalar values of the data file: text, one-line text, Markdown, and
//! numbers of each kind, every way they can be wrong reported.

use super::Map;
use super::{Reader, Reported};
use crate::diag::{Diagnostic, Severity, codes, excerpt};
use crate::load::tree::{Item, Node};
use crate::model::official::NumberKind;
use crate::model::{Decimal, Located, Number, Text};
use crate::slice::Slice;

impl Reader<'_> {
    pub(super) fn text_value(
        &mut self,
        item: &Item,
        path: &str,
        what: &str,
    ) -> Option<Located<String>> {
        match &item.node {
            // Characters invisible by design (a variation selector, a
            // joiner) are dropped silently: no reader sees them.
            Node::Scalar { text, .. } => Some(Located::new(
                crate::source::without_ignorable(text).into_owned(),
                item.span,
            )),
            Node::Null => {
                self.push(Diagnostic::new_at(
                    codes::KEY_MISSING,
                    format!("{what}没有填写"),
                    item.span,
                    path,
                ));
                None
            }
            _ => {
                self.wrong_kind(item, path, what, "文字");
                None
            }
        }
    }

    /// A one-line text (agency, contact field, cell note): line breaks and
    /// control characters are errors, and so is more than `max_chars`.
    pub(super) fn line_value(
        &mut self,
        item: &Item,
        path: &str,
        what: &str,
        max_chars: usize,
    ) -> Option<Located<String>> {
        let value = self.text_value(item, path, what)?;
        let text = value.value.trim_end();
        let problem = if text.contains(['\n', '\r', '\u{2028}', '\u{2029}']) {
            Some(format!("{what}中有换行，这一项只能写一行"))
        } else if let Some(c) = text
            .chars()
            .find(|&c| crate::source::is_hidden(c) || c == '\t')
        {
            Some(format!(
                "{what}中有控制字符 {}，这一项只能是普通文字",
                crate::diag::visible(&c.to_string())
            ))
        } else if text.chars().count() > max_chars {
            Some(format!(
                "{what}过长（{} 个字），不应超过 {max_chars} 个字",
                text.chars().count()
            ))
        } else {
            None
        };
        if let Some(message) = problem {
            self.push(
                Diagnostic::new_at(codes::TEXT, message, value.span, path)
                    .help("按印在报告上的样子写成一行，不要复制带格式的内容"),
            );
        } else if let Some(inner) = crate::load::lookalike::fullwidth_quoted(text) {
            self.push(
                Diagnostic::new_at(
                    codes::PUNCT,
                    format!("{what}两边加了全角引号，报告上会连引号一起印出"),
                    value.span,
                    path,
                )
                .severity(Severity::Warning)
                .label("全角引号")
                .help(format!(
                    "去掉引号，直接写 {}；需要引号时用半角的 \"…\"",
                    excerpt(inner)
                )),
            );
        }
        Some(value)
    }

    pub(super) fn markdown(
        &mut self,
        map: &Map<'_>,
        key: &str,
        what: &str,
        required: bool,
    ) -> Option<Text> {
        let path = map.child_path(key);
        let item = if required {
            self.required(map, key, what)?
        } else {
            &map.get(key)?.1
        };
        let value = self.text_value(item, &path, what)?;
        let raw = value
            .value
            .chars()
            .find(|&c| c != '\n' && c != '\r' && crate::source::is_hidden(c));
        // Written as a character reference (`&#x202e;`), which every
        // format decodes: the same character.
        let referenced = || {
            crate::source::hidden_references(&value.value)
                .next()
                .map(|(at, len, c)| (c, value.value.get(at..at + len).unwrap_or_default()))
        };
        let found = match raw {
            Some(c) => Some(format!(
                "{what}中有控制字符 {}，不能印在报告上",
                crate::diag::visible(&c.to_string())
            )),
            None => referenced().map(|(c, written)| {
                format!(
                    "{what}中的 {written} 是控制字符 {}，不能印在报告上",
                    crate::diag::visible(&c.to_string())
                )
            }),
        };
        if let Some(message) = found {
            self.push(
                Diagnostic::new_at(codes::TEXT, message, item.span, path.clone())
                    .help("删去这个字符；它通常来自从其他软件复制的内容"),
            );
        }
        if value.value.trim().is_empty() {
            self.push(Diagnostic::new_at(
                codes::KEY_MISSING,
                format!("{what}没有填写内容"),
                item.span,
                path,
            ));
        } else if value
            .value
            .lines()
            .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
        {
            // A skeleton from `nianbao new`: sub-headings and nothing under them.
            self.push(
                Diagnostic::new_at(
                    codes::KEY_MISSING,
                    format!("{what}只有小标题，还没有填写正文"),
                    item.span,
                    path,
                )
                .help("在每个小标题下写本年的情况"),
            );
        }
        Some(Text {
            value: value.value,
            span: value.span,
        })
    }

    pub(super) fn integer(&mut self, item: &Item, path: &str, what: &str) -> Option<Located<i64>> {
        let text = self.scalar_number_text(item, path, what)?;
        match text.parse::<i64>() {
            Ok(n) => Some(Located::new(n, item.span)),
            Err(_) => {
                let d = Diagnostic::new_at(
                    codes::TYPE,
                    format!("{what}应为整数，这里是“{}”", excerpt(&text)),
                    item.span,
                    path,
                );
                // "2025年", "二〇二五": the number the clerk meant.
                self.push(match typed_number_help(&text) {
                    Some(help) => d.help(help),
                    None => d,
                });
                None
            }
        }
    }

    /// The text of a scalar meant to be a number; reports empties and non-scalars.
    pub(super) fn scalar_number_text(
        &mut self,
        item: &Item,
        path: &str,
        what: &str,
    ) -> Option<String> {
        match &item.node {
            Node::Scalar { text, .. } => Some(text.trim().to_string()),
            Node::Null => {
                self.empty_cell(item, path, what);
                None
            }
            _ => {
                self.wrong_kind(item, path, what, "数字");
                None
            }
        }
    }

    /// Reads a number of `kind` from a scalar, reporting every way it can be wrong.
    /// Empty cells are reported by the caller (`Ok(None)`).
    pub(super) fn number(
        &mut self,
        item: &Item,
        kind: NumberKind,
        path: &str,
        what: &str,
    ) -> Result<Option<Located<Number>>, Reported> {
        let text = match &item.node {
            Node::Null => return Ok(None),
            Node::Scalar { text, .. } => text.trim().to_string(),
            _ => {
                self.wrong_kind(item, path, what, "数字");
                return Err(Reported);
            }
        };
        match parse_number(&text, kind) {
            Ok(n) => Ok(Some(Located::new(n, item.span))),
            Err(problem) => {
                let d = match problem {
                    NumberProblem::Negative => Diagnostic::new(
                        codes::NUM_INT,
                        format!("{what}不能为负数（填写的是 {}）", excerpt(&text)),
                    ),
                    NumberProblem::Fraction => Diagnostic::new(
                        codes::NUM_INT,
                        format!("{what}应为整数（填写的是 {}）", excerpt(&text)),
                    ),
                    NumberProblem::TooLarge => Diagnostic::new(
                        codes::NUM_RANGE,
                        format!("{what}的数字过大（{}）", excerpt(&text)),
                    )
                    .help(match kind {
                        NumberKind::Amount => "金额以万元为单位，整数部分不超过 10 位".to_string(),
                        _ => format!("件数不应超过 {MAX_COUNT}，请核对是否多打了数字"),
                    }),
                    NumberProblem::TooManyDecimals => Diagnostic::new(
                        codes::NUM_RANGE,
                        format!("{what}的小数位过多（{}）", excerpt(&text)),
                    )
                    .help(format!(
                        "金额以万元为单位，最多保留 {MAX_DECIMALS} 位小数（精确到 0.01 元）"
                    )),
                    NumberProblem::NotANumber => {
                        let mut d = Diagnostic::new(
                            codes::TYPE,
                            format!("{what}应为数字，这里是“{}”", excerpt(&text)),
                        );
                        if crate::load::lookalike::fullwidth_quoted(&text).is_some() {
                            d = d.help("数字不加引号：去掉两边的全角引号");
                        } else if text.chars().any(|c| ('０'..='９').contains(&c)) {
                            d = d.help("请使用半角数字 0–9");
                        } else if text.ends_with('元') {
                            d = d.help("去掉单位；金额一律以万元为单位填写数字");
                        } else if let Some((figure, note)) =
                            crate::model::number::figure_with_note(&text)
                        {
                            d = d.help(note_help(path, figure, note));
                        } else if text.contains('(') || text.contains('（') {
                            d = d.help("单元格注释请写成 {数量: 123, 注: 说明}");
                        } else if let Some(help) = typed_number_help(&text) {
                            d = d.help(help);
                        }
                        d
                    }
                };
                self.push(d.at(item.span).path(path));
                Err(Reported)
            }
        }
    }

    pub(super) fn count(
        &mut self,
        item: &Item,
        path: &str,
        what: &str,
    ) -> Result<Option<Located<u64>>, Reported> {
        Ok(self
            .number(item, NumberKind::Count, path, what)?
            .map(|n| match n.value {
                Number::Count(c) => Located::new(c, n.span),
                _ => unreachable!("a Count kind parses to Number::Count"),
            }))
    }

    pub(super) fn amount(
        &mut self,
        item: &Item,
        path: &str,
        what: &str,
    ) -> Option<Located<Decimal>> {
        match self.number(item, NumberKind::Amount, path, what) {
            Ok(Some(Located {
                value: Number::Amount(d),
                span,
            })) => Some(Located::new(d, span)),
            Ok(None) => {
                self.empty_cell(item, path, what);
                None
            }
            _ => None,
        }
    }
}

/// Why a cell's text is not a valid number.
#[derive(Debug, PartialEq, Eq)]
enum NumberProblem {
    Negative,
    Fraction,
    TooLarge,
    TooManyDecimals,
    NotANumber,
}

/// Longest agency name accepted: real ones are under 60 characters, and
/// the title layout is planned for names of this size.
pub const MAX_AGENCY_CHARS: usize = 64;

/// Longest one-line field (contact details, notes, paths).
pub(super) const MAX_LINE_CHARS: usize = 500;

/// Largest count accepted: above it no figure of an agency's year is
/// plausible, and sums of a table's cells stay far from overflow.
pub const MAX_COUNT: u64 = 1_000_000_000;

/// Most digits after the point in an amount.
const MAX_DECIMALS: usize = 6;

/// The exact fix for a number typed as a clerk would write it in a
/// document: `5980件`, `901,337`, `无`, `三`.
fn typed_number_help(text: &str) -> Option<String> {
    let t = text.trim();
    if matches!(
        t,
        "无" | "没有" | "空" | "—" | "－" | "/" | "／" | "-" | "--" | "——"
    ) {
        return Some("没有的请填 0".to_string());
    }
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    let rest = t.slice_from(digits.len());
    if !digits.is_empty()
        && !rest.is_empty()
        && rest.chars().count() <= 3
        && rest.chars().all(|c| !c.is_ascii() && c.is_alphabetic())
    {
        return Some(format!("去掉单位“{rest}”，只写数字：{digits}"));
    }
    let grouped: String = t.chars().filter(|c| !matches!(c, ',' | '，')).collect();
    if grouped.len() < t.len()
        && !grouped.is_empty()
        && grouped.bytes().all(|b| b.is_ascii_digit())
        && t.split([',', '，']).skip(1).all(|g| g.len() == 3)
    {
        return Some(format!("数字中不加千位分隔符，写作 {grouped}"));
    }
    const NUMERALS: &str = "〇零一二两三四五六七八九十百千万";
    if !t.is_empty() && t.chars().all(|c| NUMERALS.contains(c)) {
        return Some("请用阿拉伯数字填写，如 3、12".to_string());
    }
    None
}

fn parse_number(text: &str, kind: NumberKind) -> Result<Number, NumberProblem> {
    let t = text.trim();
    let negative = t.starts_with('-');
    let body = t.strip_prefix(['-', '+']).unwrap_or(t);
    if body.is_empty()
        || !body.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        || body.matches('.').count() > 1
    {
        return Err(NumberProblem::NotANumber);
    }
    let is_zero = body.bytes().all(|b| b == b'0' || b == b'.');
    match kind {
        NumberKind::Amount => {
            if negative && !is_zero {
                return Err(NumberProblem::Negative);
            }
            let (int, frac) = body.split_once('.').unwrap_or((body, ""));
            if frac.len() > MAX_DECIMALS {
                return Err(NumberProblem::TooManyDecimals);
            }
            if int.trim_start_matches('0').len() > 10 {
                return Err(NumberProblem::TooLarge);
            }
            Decimal::parse(body)
                .map(Number::Amount)
                .ok_or(NumberProblem::TooLarge)
        }
        NumberKind::Count | NumberKind::Signed => {
            if body.contains('.') {
                // 3.0 is still not how a count is written.
                return Err(NumberProblem::Fraction);
            }
            if kind == NumberKind::Count {
                if negative && !is_zero {
                    return Err(NumberProblem::Negative);
                }
                body.parse::<u64>()
                    .ok()
                    .filter(|&n| n <= MAX_COUNT)
                    .map(Number::Count)
                    .ok_or(NumberProblem::TooLarge)
            } else {
                t.parse::<i64>()
                    .ok()
                    .filter(|n| n.unsigned_abs() <= MAX_COUNT)
                    .map(Number::Signed)
                    .ok_or(NumberProblem::TooLarge)
            }
        }
    }
}

/// The advice for a figure typed with its note in brackets: in a data
/// file, the note of a section-二 cell is written `{数量: n, 注: …}` (the
/// workbench and the workbook store it so from what was typed); a cell of
/// 表三 or 表四 takes no note.
fn note_help(path: &str, figure: &str, note: &str) -> String {
    if path.starts_with(crate::model::schema::top::TABLE2) && path.matches('.').count() == 1 {
        format!(
            "括号中的“{note}”是这一格的注：数据文件中写成 {{数量: {figure}, 注: {note}}}（工作台和工作簿中照“{figure}（{note}）”填写即可，自动存为注）"
        )
    } else {
        format!("这一格只填数字 {figure}；括号中的“{note}”是说明，写在正文中")
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn numbers_typed_as_in_a_document_get_the_exact_fix() {
        let help = |t: &str| super::typed_number_help(t).unwrap_or_default();
        assert_eq!(help("5980件"), "去掉单位“件”，只写数字：5980");
        assert_eq!(help("3400余条"), "去掉单位“余条”，只写数字：3400");
        assert_eq!(help("901,337"), "数字中不加千位分隔符，写作 901337");
        assert_eq!(help("1，234，567"), "数字中不加千位分隔符，写作 1234567");
        assert_eq!(help("无"), "没有的请填 0");
        assert_eq!(help("两"), "请用阿拉伯数字填写，如 3、12");
        assert_eq!(super::typed_number_help("12,34"), None);
    }
    use super::*;

    #[test]
    fn a_year_with_its_unit_gets_the_fix() {
        assert_eq!(
            super::typed_number_help("2025年").as_deref(),
            Some("去掉单位“年”，只写数字：2025")
        );
    }

    #[test]
    fn numbers_parse_by_kind() {
        for (text, kind, want) in [
            ("12", NumberKind::Count, Ok(Number::Count(12))),
            ("-1", NumberKind::Count, Err(NumberProblem::Negative)),
            ("1.5", NumberKind::Count, Err(NumberProblem::Fraction)),
            ("-599", NumberKind::Signed, Ok(Number::Signed(-599))),
            (
                "18446744073709551616",
                NumberKind::Count,
                Err(NumberProblem::TooLarge),
            ),
            ("abc", NumberKind::Count, Err(NumberProblem::NotANumber)),
        ] {
            assert_eq!(parse_number(text, kind), want, "{text}");
        }
        assert_eq!(
            parse_number("76.786078", NumberKind::Amount)
                .unwrap()
                .to_string(),
            "76.786078"
        );
    }
}
