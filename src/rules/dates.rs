//! Dates as prose writes them, brought to one form (`2024年1月1日`) so that
//! a rule can look for a date without caring how it was typed:
//! `2024年01月01日`, `2024.1.1`, `2024-01-01`, `2024/1/1`,
//! `二〇二四年一月一日`, full-width digits.

/// `text` with every date it contains rewritten as `Y年M月D日`; a bare
/// `M月D日` keeps its form without leading zeros.
pub(super) fn normalize(text: &str) -> String {
    let chars: Vec<char> = text.chars().map(ascii_digit).collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if let Some((date, used)) = date_at(&chars[i..]) {
            out.push_str(&date);
            i += used;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// A date found in a text: its character range, and its year (when
/// written), month and day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Found {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The year, when the date names one.
    pub year: Option<i32>,
    /// The month.
    pub month: u32,
    /// The day.
    pub day: u32,
}

/// Every date in `text`, however typed, with its place (in characters).
pub(super) fn find(text: &str) -> Vec<Found> {
    let chars: Vec<char> = text.chars().map(ascii_digit).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let glued = i > 0 && (chars[i - 1].is_ascii_digit() || numeral(chars[i - 1]).is_some());
        match date_at(&chars[i..]).filter(|_| !glued) {
            Some((date, used)) => {
                let nums: Vec<u32> = date
                    .split(['年', '月', '日'])
                    .filter_map(|n| n.parse().ok())
                    .collect();
                let (year, month, day) = match nums.as_slice() {
                    [y, m, d] => (Some(*y as i32), *m, *d),
                    [m, d] => (None, *m, *d),
                    _ => (None, 0, 0),
                };
                out.push(Found {
                    start: i,
                    end: i + used,
                    year,
                    month,
                    day,
                });
                i += used;
            }
            None => i += 1,
        }
    }
    out
}

fn ascii_digit(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        _ => c,
    }
}

/// A number at the start of `s`: ASCII digits, or Chinese numerals (digit by
/// digit for years, `十` forms for months and days). Returns the value and
/// the characters used.
fn number_at(s: &[char]) -> Option<(u32, usize)> {
    let digits = s.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits > 0 {
        if digits > 4 {
            return None;
        }
        let n = s[..digits]
            .iter()
            .filter_map(|c| c.to_digit(10))
            .fold(0, |n, d| n * 10 + d);
        return Some((n, digits));
    }
    let chinese = s.iter().take_while(|c| numeral(**c).is_some()).count();
    if chinese == 0 || chinese > 4 {
        return None;
    }
    let part = &s[..chinese];
    if part.contains(&'十') {
        // 十, 十二, 二十, 三十一.
        let at = part.iter().position(|&c| c == '十')?;
        let tens = if at == 0 { 1 } else { numeral(part[0])? };
        let ones = match part.get(at + 1) {
            Some(&c) => numeral(c)?,
            None => 0,
        };
        if at > 1 || part.len() > at + 2 || tens == 10 || ones == 10 {
            return None;
        }
        return Some((tens * 10 + ones, chinese));
    }
    let mut n = 0;
    for &c in part {
        n = n * 10 + numeral(c)?;
    }
    Some((n, chinese))
}

/// A Chinese numeral of a date: a digit (`○` typed for `〇` too, not
/// the Latin letter O), or `十` (10).
fn numeral(c: char) -> Option<u32> {
    match c {
        '十' => Some(10),
        c if c.is_ascii() => None,
        c => crate::model::report::chinese_digit(c),
    }
}

/// A date at the start of `s`: `Y年M月D日`, `Y.M.D`, `Y-M-D`, `Y/M/D`, or
/// `M月D日`, with the characters it used.
fn date_at(s: &[char]) -> Option<(String, usize)> {
    let (first, a) = number_at(s)?;
    let sep = *s.get(a)?;
    let (second, b) = number_at(s.get(a + 1..)?)?;
    let sep2 = *s.get(a + 1 + b)?;
    match (sep, sep2) {
        ('年', '月') if (1000..=9999).contains(&first) => {
            let (day, c) = number_at(s.get(a + b + 2..)?)?;
            let end = a + b + 2 + c;
            (s.get(end) == Some(&'日') || s.get(end) == Some(&'号'))
                .then(|| (format!("{first}年{second}月{day}日"), end + 1))
        }
        ('月', '日' | '号') if (1..=12).contains(&first) => {
            Some((format!("{first}月{second}日"), a + b + 2))
        }
        ('.' | '-' | '/', s2) if s2 == sep && (1000..=9999).contains(&first) => {
            let (day, c) = number_at(s.get(a + b + 2..)?)?;
            ((1..=12).contains(&second) && (1..=31).contains(&day))
                .then(|| (format!("{first}年{second}月{day}日"), a + b + 2 + c))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn every_way_of_writing_a_date_comes_out_the_same() {
        for (written, want) in [
            ("2024年1月1日", "2024年1月1日"),
            ("2024年01月01日", "2024年1月1日"),
            ("２０２４年１月１日", "2024年1月1日"),
            ("2024.1.1", "2024年1月1日"),
            ("2024-01-01", "2024年1月1日"),
            ("2024/12/31", "2024年12月31日"),
            ("二〇二四年一月一日", "2024年1月1日"),
            ("二〇二四年十二月三十一日", "2024年12月31日"),
            ("12月31日", "12月31日"),
            ("十二月三十一日", "12月31日"),
            // The circle an input method offers for 〇, as the 成文日期 takes it.
            ("二○二四年一月一日", "2024年1月1日"),
        ] {
            assert_eq!(normalize(written), want, "{written}");
        }
        assert_eq!(
            normalize("统计期限为2024.1.1—2024.12.31。"),
            "统计期限为2024年1月1日—2024年12月31日。"
        );
        // Not dates.
        assert_eq!(normalize("共12件，第3.5项"), "共12件，第3.5项");
        assert_eq!(normalize("电话0533-1234567"), "电话0533-1234567");
        // The Latin letter O is no numeral.
        assert_eq!(normalize("二O二四年一月一日"), "二O二四年1月1日");
    }
}
