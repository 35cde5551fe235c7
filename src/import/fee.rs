//! The information-processing fee statement of section 六: found among the
//! paragraphs, read into its three figures and taken out of the text, so
//! that the statement nianbao prints from the figures is not printed twice.
//!
//! Every wording `templates/fee.md` writes (2019 and 2021, numbered or not,
//! nil or with figures) is read back, and so are the common published ones:
//! `本年度未收取信息处理费`, `收取信息处理费0元`, a small table of
//! 收费通知件数 / 收费通知金额 / 实际收取金额. The words matched below are
//! printed phrases of published reports, not data-file keys.

use crate::model::Decimal;
use crate::model::number::yuan_to_wan;
use crate::slice::Slice;

use super::narrative::Para;
use super::norm;

/// Words that mark a paragraph as the fee statement (printed phrases).
const FEE_WORDS: &[&str] = &[
    "信息处理费",
    "信息公开处理费",
    "信息公开相关费用",
    "收费通知",
    "信息公开收费",
    "信息公开费用",
];

/// Words that state that no fee was charged (printed phrases).
const NO_FEE: &[&str] = &[
    "未收取",
    "无收取",
    "没有发生",
    "未出现",
    "不涉及",
    "未发出收费通知",
    "零收费",
    "没有收取",
    "未收费",
    "不收取",
    "未产生",
    "未发生",
    "无收费",
    "均为0",
    "均为零",
    "为0元",
    "0元",
];

/// Words before the number of fee notices (printed phrases).
const NOTICES: &[&str] = &["收费通知件数", "发出收费通知", "收费通知"];
/// Words before the amount of the notices (printed phrases).
const NOTICE_AMOUNT: &[&str] = &["收费通知总金额", "收费通知金额", "收费金额", "通知金额"];
/// Words before the amount collected (printed phrases).
const COLLECTED: &[&str] = &[
    "实际收取信息处理费",
    "实际收取金额",
    "实际收取",
    "收取信息处理费",
    "收取政府信息公开相关费用",
    "收取信息公开相关费用",
    "收取相关费用",
    // The amount after the fee's name, whatever stands before it
    // (`全年共收取政府信息公开信息处理费3940元`).
    "信息公开处理费",
    "信息处理费",
];

/// Words that may stand between a label and its figure.
const FILLERS: &[&str] = &["：", ":", "为", "共计", "合计", "总计", "共", "计", "是"];

/// The fee statement as read from the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeeText {
    /// 收费通知件数.
    pub notices: Option<u64>,
    /// 收费通知金额, 万元.
    pub notice_amount: Option<Decimal>,
    /// 实际收取金额, 万元.
    pub collected: Option<Decimal>,
    /// Whether the statement says that no fee was charged (the figures not
    /// given are zero).
    pub nil: bool,
    /// The first paragraph of the statement.
    pub para: Para,
}

impl FeeText {
    /// Whether all three figures are known.
    pub fn complete(&self) -> bool {
        self.notices.is_some() && self.notice_amount.is_some() && self.collected.is_some()
    }
}

/// What section 六 says about fees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// No paragraph mentions fees.
    Nothing,
    /// The statement was read and taken out of the paragraphs.
    Read(FeeText),
    /// A paragraph mentions fees but no figure could be read from it; the
    /// paragraphs are left as they were.
    Unreadable(Para),
}

/// Finds the fee statement in the paragraphs of section 六. When its figures
/// can be read (or it says no fee was charged), takes it out (its heading,
/// its paragraphs; in a paragraph that also says other things, only its
/// sentences) and returns what it says.
pub fn take(paras: &mut Vec<Para>) -> Found {
    let Some(at) = paras.iter().position(|p| mentions_fee(&p.text)) else {
        return Found::Nothing;
    };
    if paras[at].level.is_some() {
        let end = paras[at + 1..]
            .iter()
            .position(|p| p.level.is_some())
            .map_or(paras.len(), |k| at + 1 + k);
        let texts: Vec<&str> = paras[at..end].iter().map(|p| p.text.as_str()).collect();
        let Some(mut fee) = read(&texts, paras[at].clone()) else {
            return Found::Unreadable(paras[at].clone());
        };
        fee.para = paras[at].clone();
        paras.drain(at..end);
        return Found::Read(fee);
    }
    // A paragraph that is not a heading: its fee sentences, and a table's
    // rows of figures that follow it.
    let mut end = at + 1;
    while end < paras.len() && paras[end].level.is_none() && is_figures(&paras[end].text) {
        end += 1;
    }
    let (fee_part, rest) = split_sentences(&paras[at].text);
    let mut texts = vec![fee_part.as_str()];
    texts.extend(paras[at + 1..end].iter().map(|p| p.text.as_str()));
    let Some(fee) = read(&texts, paras[at].clone()) else {
        return Found::Unreadable(paras[at].clone());
    };
    if rest.is_empty() {
        paras.drain(at..end);
    } else {
        paras[at].text = rest;
        paras.drain(at + 1..end);
    }
    Found::Read(fee)
}

/// Whether the text names the fee.
pub fn mentions_fee(text: &str) -> bool {
    let c = norm::compact(text);
    FEE_WORDS.iter().any(|w| c.contains(w))
}

/// Whether a paragraph is only figures (a table row of values).
fn is_figures(text: &str) -> bool {
    let mut any = false;
    for t in text.split(norm::is_space).filter(|t| !t.is_empty()) {
        let t: String = t.chars().map(norm::fold_char).collect();
        let t = t.trim_end_matches(['件', '元']).trim_end_matches('万');
        if Decimal::parse(t).is_none() {
            return false;
        }
        any = true;
    }
    any
}

/// The sentences of a paragraph that name the fee, and the others.
fn split_sentences(text: &str) -> (String, String) {
    let mut fee = String::new();
    let mut rest = String::new();
    for s in text.split_inclusive(['。', '；']) {
        if mentions_fee(s) {
            fee.push_str(s);
        } else {
            rest.push_str(s);
        }
    }
    (fee, norm::trim(&rest).to_string())
}

/// Reads the figures from the statement's paragraphs; None when it neither
/// gives a figure nor says that no fee was charged.
fn read(texts: &[&str], para: Para) -> Option<FeeText> {
    let mut fee = FeeText {
        notices: None,
        notice_amount: None,
        collected: None,
        nil: false,
        para,
    };
    table(texts, &mut fee);
    let all = norm::compact(&texts.concat());
    if fee.notices.is_none() {
        fee.notices = figure(&all, NOTICES, false).and_then(|(d, _)| d.to_string().parse().ok());
    }
    if fee.notice_amount.is_none() {
        fee.notice_amount = figure(&all, NOTICE_AMOUNT, true).map(|(d, _)| d);
    }
    if fee.collected.is_none() {
        fee.collected = figure(&all, COLLECTED, true).map(|(d, _)| d);
    }
    let none = fee.notices.is_none() && fee.notice_amount.is_none() && fee.collected.is_none();
    let zeros = fee.notices.is_none_or(|n| n == 0)
        && fee.notice_amount.as_ref().is_none_or(Decimal::is_zero)
        && fee.collected.as_ref().is_none_or(Decimal::is_zero);
    let says_nil = NO_FEE.iter().any(|w| all.contains(w));
    // Without a figure, only a statement that no fee was charged counts.
    let nil_statement = says_nil && !has_figures(&all);
    if none && !nil_statement {
        return None;
    }
    fee.nil = zeros && (says_nil || !none);
    if fee.nil {
        fee.notices.get_or_insert(0);
        fee.notice_amount.get_or_insert(Decimal::ZERO);
        fee.collected.get_or_insert(Decimal::ZERO);
    }
    Some(fee)
}

/// A table: a row naming two or more of the columns, then a row of as many
/// figures, read in the order of the names.
fn table(texts: &[&str], fee: &mut FeeText) {
    for w in texts.windows(2) {
        let head = norm::compact(w[0]);
        let mut cols: Vec<(usize, u8)> = [
            ("件数", 0),
            ("通知金额", 1),
            ("收费金额", 1),
            ("实际收取", 2),
        ]
        .iter()
        .filter_map(|(k, i)| head.find(k).map(|p| (p, *i)))
        .collect();
        cols.sort_unstable();
        cols.dedup_by_key(|c| c.1);
        if cols.len() < 2 || !is_figures(w[1]) {
            continue;
        }
        let values: Vec<String> = w[1]
            .split(norm::is_space)
            .filter(|t| !t.is_empty())
            .map(|t| t.chars().map(norm::fold_char).collect())
            .collect();
        if values.len() != cols.len() {
            continue;
        }
        let yuan = !head.contains("万元") && head.contains('元');
        for ((_, col), v) in cols.iter().zip(&values) {
            let v = v.trim_end_matches(['件', '元']);
            let (v, wan) = match v.strip_suffix('万') {
                Some(v) => (v, true),
                None => (v, false),
            };
            let Some(d) = Decimal::parse(v) else { continue };
            match col {
                0 => fee.notices = d.to_string().parse().ok(),
                1 => fee.notice_amount = Some(if yuan && !wan { to_wan(&d) } else { d }),
                _ => fee.collected = Some(if yuan && !wan { to_wan(&d) } else { d }),
            }
        }
        return;
    }
}

/// The first figure written right after one of `labels` (past words like
/// `为`, `共计`), with its unit: amounts in 元 are converted to 万元; a count
/// must not be followed by 元.
fn figure(text: &str, labels: &[&str], amount: bool) -> Option<(Decimal, bool)> {
    for label in labels {
        let mut from = 0;
        while let Some(p) = text.slice_from(from).find(label) {
            let start = from + p + label.len();
            from = start;
            let mut rest = text.slice_from(start);
            while let Some(f) = FILLERS.iter().find(|f| rest.starts_with(**f)) {
                rest = rest.slice_from(f.len());
            }
            let (number, after) = leading_number(rest)?;
            if number.is_empty() {
                continue;
            }
            let Some(d) = Decimal::parse(&number) else {
                continue;
            };
            if amount {
                if after.starts_with("万元") {
                    return Some((d, true));
                }
                if after.starts_with('元') {
                    return Some((to_wan(&d), true));
                }
                return Some((d, false));
            }
            if after.starts_with('元') || after.starts_with("万元") {
                continue;
            }
            return Some((d, false));
        }
    }
    None
}

/// The number at the start of `s` (ASCII digits and a point, `零` as 0,
/// thousands separators dropped) and what follows it.
fn leading_number(s: &str) -> Option<(String, &str)> {
    if let Some(rest) = s.strip_prefix('零') {
        return Some(("0".to_string(), rest));
    }
    let mut number = String::new();
    let mut end = 0;
    for (i, c) in s.char_indices() {
        match c {
            '0'..='9' | '.' => number.push(c),
            ',' if number.chars().last().is_some_and(|c| c.is_ascii_digit()) => {}
            _ => break,
        }
        end = i + c.len_utf8();
    }
    let number = number.trim_end_matches('.').to_string();
    Some((number, s.slice_from(end)))
}

/// An amount in 元 as 万元, exactly.
fn to_wan(d: &Decimal) -> Decimal {
    let text = d.to_string();
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    Decimal::parse(&yuan_to_wan(int, frac)).unwrap_or(Decimal::ZERO)
}

/// Whether the text states a non-zero figure, ignoring years (`2024年`,
/// `〔2020〕`) and the number of the fee regulation (`109号`).
fn has_figures(s: &str) -> bool {
    let mut run = String::new();
    let mut runs = Vec::new();
    for c in s.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() {
            run.push(c);
        } else if !run.is_empty() {
            runs.push((std::mem::take(&mut run), c));
        }
    }
    runs.iter().any(|(r, next)| {
        let year = r.len() == 4 && (r.starts_with("19") || r.starts_with("20"));
        let regulation = r == "109" && *next == '号';
        !year && !regulation && r.chars().any(|c| c != '0')
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::lines::text_lines;
    use crate::import::narrative::paragraphs;

    fn read_back(src: &str) -> (Option<FeeText>, Vec<String>) {
        let mut paras = paragraphs(&text_lines(src));
        let found = match take(&mut paras) {
            Found::Read(f) => Some(f),
            _ => None,
        };
        (found, paras.into_iter().map(|p| p.text).collect())
    }

    fn figures(f: &FeeText) -> (Option<u64>, Option<String>, Option<String>) {
        (
            f.notices,
            f.notice_amount.as_ref().map(ToString::to_string),
            f.collected.as_ref().map(ToString::to_string),
        )
    }

    fn zeros() -> (Option<u64>, Option<String>, Option<String>) {
        (Some(0), Some("0".into()), Some("0".into()))
    }

    /// `s` is read as a statement that nothing was charged, and nothing of
    /// it is left.
    fn assert_read_as_zeros(s: &str) {
        let (fee, left) = read_back(s);
        assert_eq!(figures(&fee.expect(s)), zeros(), "{s}");
        assert!(left.is_empty(), "{s}: {left:?}");
    }

    #[test]
    fn every_wording_of_the_template_is_read_back() {
        let heading = "（一）政府信息公开信息处理费收取情况\n";
        let rest = "（二）其他事项\n无。\n";
        let cases = [
            (
                "2024年度，本机关依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），未发出收费通知，未收取信息处理费。\n",
                zeros(),
            ),
            (
                "2024年度，本机关依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）发出收费通知2件，收费通知总金额0.03万元，实际收取信息处理费0.02万元。\n",
                (Some(2), Some("0.03".into()), Some("0.02".into())),
            ),
            ("2020年度，本机关未收取政府信息公开相关费用。\n", zeros()),
            (
                "2020年度，本机关收取政府信息公开相关费用0.01万元。\n",
                (None, None, Some("0.01".into())),
            ),
        ];
        for (sentence, want) in cases {
            // Numbered: heading, sentence, the other items.
            let (fee, left) = read_back(&format!("{heading}{sentence}{rest}"));
            let fee = fee.unwrap_or_else(|| panic!("not read: {sentence}"));
            assert_eq!(figures(&fee), want, "{sentence}");
            assert_eq!(left, ["（二）其他事项", "无。"], "{sentence}");
            // Not numbered: the sentence alone, then a paragraph.
            let (fee, left) = read_back(&format!("{sentence}无。\n"));
            assert_eq!(figures(&fee.expect("read")), want, "{sentence}");
            assert_eq!(left, ["无。"], "{sentence}");
        }
    }

    #[test]
    fn common_published_wordings() {
        for s in [
            "本年度未收取信息处理费。\n",
            "本机关未收取信息处理费。\n",
            "收取信息处理费0元。\n",
            "（一）收取信息处理费情况。本年度没有收取信息处理费。\n",
        ] {
            assert_read_as_zeros(s);
        }
        let (fee, _) = read_back("本年度发出收费通知2件，收取信息处理费300元。\n");
        assert_eq!(
            figures(&fee.expect("read")),
            (Some(2), None, Some("0.03".into()))
        );
        // A table, in 元.
        let (fee, left) = read_back(
            "（一）信息处理费收取情况\n收费通知件数\t收费通知金额（元）\t实际收取金额（元）\n3\t150\t100\n（二）其他\n无。\n",
        );
        assert_eq!(
            figures(&fee.expect("table")),
            (Some(3), Some("0.015".into()), Some("0.01".into()))
        );
        assert_eq!(left, ["（二）其他", "无。"]);
        // Other sentences of the paragraph stay.
        let (fee, left) = read_back("本年度未收取信息处理费。本机关无其他需要报告的事项。\n");
        assert!(fee.is_some());
        assert_eq!(left, ["本机关无其他需要报告的事项。"]);
    }

    #[test]
    fn fee_sentences_as_agencies_write_them() {
        for s in [
            "本年度无收取信息处理费情况。\n",
            "本年度未发生政府信息公开收费事项。\n",
            "本机关未收取信息公开处理费。\n",
            "本年度未发出收费通知，未收取费用。\n",
        ] {
            assert_read_as_zeros(s);
        }
        let cases = [
            (
                "2021年全年共收取政府信息公开信息处理费3940元。\n",
                (None, None, Some("0.394".into())),
            ),
            (
                "本年度共收取信息处理费0.12万元。\n",
                (None, None, Some("0.12".into())),
            ),
            (
                "本年度发出信息处理费收费通知3件，收费金额共计600元，实际收取信息处理费400元。\n",
                (Some(3), Some("0.06".into()), Some("0.04".into())),
            ),
        ];
        for (s, want) in cases {
            let (fee, _) = read_back(s);
            assert_eq!(figures(&fee.expect(s)), want, "{s}");
        }
    }

    #[test]
    fn unreadable_statements_are_left() {
        let mut paras = paragraphs(&text_lines("本年度按规定办理信息处理费相关事宜。\n"));
        assert!(matches!(take(&mut paras), Found::Unreadable(_)));
        assert_eq!(paras.len(), 1);
    }
}
