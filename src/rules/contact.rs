//! CONTACT: the contact fields that have a shape: a postcode of six
//! digits, telephone numbers of a plausible length, an e-mail address;
//! a letter typed among digits (`O` for 0, `l` for 1) refused with the
//! reason. Full-width digits are accepted (the loader writes them
//! half-width).

use crate::diag::{Diagnostic, Severity, codes};
use crate::model::schema::contact;
use crate::model::{Located, Report, path};

/// Checks 邮编, 电话 and 邮箱.
pub(super) fn check(report: &Report, out: &mut Vec<Diagnostic>) {
    let c = &report.contact;
    let fields: [(&str, &Option<Located<String>>, Shape); 3] = [
        (contact::POSTCODE, &c.postcode, postcode),
        (contact::PHONE, &c.phone, phone),
        (contact::EMAIL, &c.email, email),
    ];
    for (key, field, shape) in fields {
        let Some(field) = field else { continue };
        // Quotes around the value are PUNCT's.
        let value = field
            .value
            .trim()
            .trim_matches(['“', '”', '"', '‘', '’', '\''])
            .trim();
        if value.is_empty() {
            continue;
        }
        if let Some(problem) = shape(value) {
            let d = Diagnostic::new_at(
                codes::CONTACT,
                format!("{key}“{value}”{}", problem.message),
                field.span,
                path::contact(key),
            )
            .help(problem.help);
            out.push(if problem.doubtful {
                d.severity(Severity::Warning)
            } else {
                d
            });
        }
    }
}

/// What reads a field's value for its shape.
type Shape = fn(&str) -> Option<Problem>;

/// What is wrong with a field, and how to put it right.
#[derive(Debug)]
struct Problem {
    message: String,
    help: String,
    /// Only doubtful (a warning): a length that may be right.
    doubtful: bool,
}

fn refused(message: String, help: impl Into<String>) -> Option<Problem> {
    Some(Problem {
        message,
        help: help.into(),
        doubtful: false,
    })
}

/// `c` with full-width digits made half-width.
fn half_width(c: char) -> char {
    match c {
        '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
        c => c,
    }
}

/// A letter typed for a digit among digits: the digit it stands for.
fn letter_for_digit(text: &str) -> Option<(char, &'static str)> {
    let chars: Vec<char> = text.chars().map(half_width).collect();
    chars.iter().enumerate().find_map(|(i, &c)| {
        let beside_digit = (i > 0 && chars[i - 1].is_ascii_digit())
            || chars.get(i + 1).is_some_and(char::is_ascii_digit);
        let digit = match c {
            'O' | 'o' | 'Ｏ' | 'ｏ' => "0",
            'l' | 'I' | 'ｌ' | 'Ｉ' | '|' => "1",
            _ => return None,
        };
        beside_digit.then_some((c, digit))
    })
}

fn letter_problem(text: &str) -> Option<Problem> {
    let (c, digit) = letter_for_digit(text)?;
    refused(
        format!("中有字母“{c}”夹在数字中间，多半是数字 {digit} 打成了字母"),
        format!("把“{c}”改为数字 {digit}"),
    )
}

/// 邮编: six digits.
fn postcode(value: &str) -> Option<Problem> {
    if let Some(p) = letter_problem(value) {
        return Some(p);
    }
    let digits: String = value
        .chars()
        .map(half_width)
        .filter(|c| !c.is_whitespace())
        .collect();
    if !digits.chars().all(|c| c.is_ascii_digit()) || digits.len() != 6 {
        return refused(
            "不是 6 位数字（邮政编码是 6 位数字）".to_string(),
            "只写 6 位数字的邮政编码，如 255000",
        );
    }
    None
}

/// Where one telephone number ends and the next begins.
const PHONE_SEPARATORS: [char; 9] = ['、', '，', ',', '；', ';', '/', '／', '或', '\n'];

/// 电话: each number of a plausible length: 5 (a 123xx hotline), 7 or 8
/// (local), 10 to 12 (with the area code, or a mobile or 400 number);
/// an extension after `转`, `-` (a third group) or `ext` aside.
fn phone(value: &str) -> Option<Problem> {
    if let Some(p) = letter_problem(value) {
        return Some(p);
    }
    for number in value.split(PHONE_SEPARATORS) {
        let number: String = number.chars().map(half_width).collect();
        let main = number.split(['转', '#']).next().unwrap_or("");
        let main = main.split("ext").next().unwrap_or("");
        let groups: Vec<&str> = main
            .split(|c: char| !c.is_ascii_digit())
            .filter(|g| !g.is_empty())
            .collect();
        if groups.is_empty() {
            continue;
        }
        // 0533-1234567-801: the third group is the extension.
        let counted = if groups.len() >= 3 && groups[0].starts_with('0') {
            &groups[..2]
        } else {
            &groups[..]
        };
        let len: usize = counted.iter().map(|g| g.len()).sum();
        let plausible =
            matches!(len, 7 | 8 | 10..=12) || len == 5 && main.trim_start().starts_with('1');
        if !plausible {
            return Some(Problem {
                message: format!("中的“{}”有 {len} 位数字，不像完整的电话号码", number.trim()),
                help: "核对号码：固定电话写区号和号码（如 0533-1234567），手机 11 位；多个号码用顿号隔开".into(),
                doubtful: true,
            });
        }
    }
    None
}

/// 邮箱: one `@`, a name before it and a domain with a dot after it, in
/// half-width letters, digits and `._%+-`.
fn email(value: &str) -> Option<Problem> {
    let help = "邮箱写成 名称@域名 的样子，全部用半角字母、数字和 . _ - 符号，如 xxgk@zibo.gov.cn";
    if let Some(c) = value.chars().find(|c| !c.is_ascii() || c.is_whitespace()) {
        let what = if c.is_whitespace() {
            "空格".to_string()
        } else {
            format!("“{c}”")
        };
        return refused(format!("中有{what}，邮箱只能用半角字母、数字和符号"), help);
    }
    let mut parts = value.split('@');
    let (Some(name), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
        return refused("中应有且只有一个“@”".to_string(), help);
    };
    let name_ok = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._%+-".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
    if !name_ok || !domain_ok {
        let bad = value
            .chars()
            .find(|c| !c.is_ascii_alphanumeric() && !"._%+-@".contains(*c));
        let message = match bad {
            Some(c) => format!("中有“{c}”，邮箱中不能有这个符号"),
            None => "不是完整的邮箱地址（@ 前是名称，@ 后是带“.”的域名）".to_string(),
        };
        return refused(message, help);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn right_fields_are_quiet() {
        for p in ["255000", "２５５０００", "256 400"] {
            assert!(postcode(p).is_none(), "{p}");
        }
        for p in [
            "0533-2181234",
            "（0533）2181234、13812345678",
            "0533-2181234转801",
            "0533-2181234-801",
            "12345",
            "０５３３－２１８１２３４",
            "2181234",
            "400-123-4567",
        ] {
            assert!(phone(p).is_none(), "{p}");
        }
        assert!(email("zdjt_xxgk@zibo.gov.cn").is_none());
    }

    #[test]
    fn slips_are_refused_with_the_reason() {
        assert!(postcode("2550O0").unwrap().message.contains("“O”"));
        assert!(postcode("25500").unwrap().message.contains("6 位"));
        assert!(phone("0533-2l81234").unwrap().message.contains("数字 1"));
        let short = phone("0533-21812").unwrap();
        assert!(short.doubtful && short.message.contains("9 位"));
        assert!(email("xxgk＠zibo.gov.cn").unwrap().message.contains("＠"));
        assert!(email("xxgk@zibo,gov.cn").unwrap().message.contains("“,”"));
        assert!(email("xxgk@zibo").is_some());
    }
}
