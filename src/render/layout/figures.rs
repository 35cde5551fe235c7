//! Figures in running text: the digits and the units a number keeps on its
//! line (结转2件, 3400余条, 12.5万元, 〔2025〕3号), by which the PDF's line
//! breaker weighs its breaks. The Word document puts a word joiner (U+2060)
//! after a figure's digits (`render::docx::runs::space_scripts`), which Word
//! and WPS never break at; LibreOffice 7.4 breaks `〔2025〕3`/`号）` even with
//! a word joiner, U+FEFF, U+200D or U+00A0 between the two.

/// Units a number keeps on its line (结转2件, 3400余条, 12.5万元, 60号): a
/// match, not a search of a string, since it is asked at every break.
pub fn is_unit(c: char) -> bool {
    matches!(
        c,
        '件' | '条'
            | '个'
            | '次'
            | '项'
            | '篇'
            | '人'
            | '家'
            | '户'
            | '名'
            | '期'
            | '场'
            | '份'
            | '起'
            | '批'
            | '元'
            | '万'
            | '亿'
            | '年'
            | '月'
            | '日'
            | '号'
            | '余'
            | '多'
            | '％'
            | '%'
            | '‰'
            | '处'
            | '室'
            | '秒'
            | '层'
            | '栋'
            | '座'
            | '幢'
            | '套'
            | '辆'
            | '册'
            | '株'
            | '吨'
            | '米'
            | '升'
            | '倍'
            | '岁'
    )
}

/// A count word after which a number's units go on (3400余条, 12.5万元,
/// 10余万元); after any other unit the figure ends (自1月1日/起至…).
pub fn is_multiplier(c: char) -> bool {
    matches!(c, '余' | '多' | '万' | '亿')
}

/// An ASCII or full-width digit.
pub fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Units of two characters a number keeps whole (12,345,678字节, 5公里,
/// 3小时): `prev` then `next` after a number.
pub fn is_unit_pair(prev: char, next: char) -> bool {
    matches!(
        (prev, next),
        ('字', '节')
            | ('千', '克' | '米' | '瓦' | '字')
            | ('公', '斤' | '里' | '顷')
            | ('平', '方')
            | ('方', '米' | '公')
            | ('立', '方')
            | ('小', '时')
            | ('分', '钟')
            | ('兆', '瓦' | '字')
            | ('人', '次')
            | ('户', '次')
            | ('个', '月')
    )
}

/// A dash or word between the two figures of a range (1—3月, 2.5%～3.1%,
/// 8:30—17:30, 3至5个).
pub fn is_range_mark(c: char) -> bool {
    matches!(c, '—' | '～' | '~' | '－' | '至')
}

/// The end (a char index) of the number starting at char `k` of `chars`:
/// its digits with their group commas, decimal points and time colons
/// (86,419, 163.5, 8:30), then its units (万元, 余条, 1207室, 字节); and
/// where the number's digits end.
fn number_end(chars: &[(usize, char)], k: usize) -> (usize, usize) {
    let mut e = k + 1;
    while e < chars.len() {
        let c = chars[e].1;
        let grouped =
            matches!(c, ',' | '.' | ':') && chars.get(e + 1).is_some_and(|n| is_digit(n.1));
        if !(is_digit(c) || grouped) {
            break;
        }
        e += 1;
    }
    let digits = e;
    while let Some(&(_, c)) = chars.get(e) {
        let first = e == digits;
        let unit = is_unit(c) && (first || is_multiplier(chars[e - 1].1));
        let pair = !first && is_unit_pair(chars[e - 1].1, c)
            || first && chars.get(e + 1).is_some_and(|n| is_unit_pair(c, n.1));
        if !(unit || pair) {
            break;
        }
        e += 1;
    }
    (e, digits)
}

/// Byte ranges of `text` holding a number with its units (`3号`,
/// `8,765,432.1元`, `3400余条`, `１２个`, `第17号`, `1207室`,
/// `12,345,678字节`), a document number with its bracketed year
/// (`〔2025〕3号`) and a range of figures (`2.35%—3.10%`, `1—3月`,
/// `8:30—17:30`): what a browser must not break, as it may between a digit
/// and a Han character. A bare number (`2025`, `86,419`) is not one:
/// browsers and word processors keep digits together by themselves.
pub fn figure_runs(text: &str) -> Vec<std::ops::Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte = |i: usize| chars.get(i).map_or(text.len(), |c| c.0);
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    // The previous number (bare or not), for a range starting with it.
    let mut last: Option<std::ops::Range<usize>> = None;
    let mut k = 0;
    while k < chars.len() {
        if !is_digit(chars[k].1) {
            k += 1;
            continue;
        }
        // 第17号, and a sign or currency mark before the digits (≥95%).
        let mut start = if k > 0
            && (chars[k - 1].1 == '第'
                || crate::render::layout::kinsoku::PREFIX.contains(&chars[k - 1].1))
        {
            k - 1
        } else {
            k
        };
        // A document number's year in brackets: 〔2025〕3号 (issue 62).
        if start >= 6
            && chars[start - 1].1 == '〕'
            && chars[start - 6].1 == '〔'
            && chars[start - 5..start - 1].iter().all(|c| is_digit(c.1))
        {
            start -= 6;
        }
        let (e, digits) = number_end(&chars, k);
        let end = byte(e);
        // A range between two figures (2.35%—3.10%, 1—3月) is one run.
        let after_range = start > 0
            && is_range_mark(chars[start - 1].1)
            && last.as_ref().is_some_and(|r| r.end == chars[start - 1].0);
        let bracketed = chars[start].1 == '〔';
        match (after_range, last.take()) {
            (true, Some(prev)) => {
                if out.last().is_some_and(|r| *r == prev) {
                    out.pop();
                }
                out.push(prev.start..end);
                last = Some(prev.start..end);
            }
            _ => {
                if e > digits || bracketed || start < k {
                    out.push(byte(start)..end);
                }
                last = Some(byte(start)..end);
            }
        }
        k = e.max(k + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_with_their_units_are_found() {
        let text = "〔2025〕3号，第17号，8,765,432.1元，3400余条，１２个，12.5%，2025-00017，v2，≥95%，±0.5个，2.35%—3.10%，1207室，12,345,678字节，1—3月，8:30—17:30，2.5%～3.1%，5公里，2025年度";
        let runs: Vec<&str> = figure_runs(text)
            .into_iter()
            .filter_map(|r| text.get(r))
            .collect();
        assert_eq!(
            runs,
            [
                "〔2025〕3号",
                "第17号",
                "8,765,432.1元",
                "3400余条",
                "１２个",
                "12.5%",
                "≥95%",
                "±0.5个",
                "2.35%—3.10%",
                "1207室",
                "12,345,678字节",
                "1—3月",
                "8:30—17:30",
                "2.5%～3.1%",
                "5公里",
                "2025年"
            ]
        );
    }

    /// A unit ends the figure unless a count word (余 万) comes before it:
    /// the period's 1日 and the 起至 after it are two things (before,
    /// `1日起至2024年` was one run, kept on one line).
    #[test]
    fn units_go_on_only_after_a_count_word() {
        let runs = |text: &'static str| -> Vec<&'static str> {
            figure_runs(text)
                .into_iter()
                .filter_map(|r| text.get(r))
                .collect()
        };
        assert_eq!(
            runs("自2024年1月1日起至2024年12月31日止"),
            ["2024年", "1月", "1日", "2024年", "12月", "31日"]
        );
        assert_eq!(
            runs("共10余万元，3号楼，5个月，2人次"),
            ["10余万元", "3号", "5个月", "2人次"]
        );
    }

    #[test]
    fn is_unit_knows_exactly_the_units() {
        const UNITS: &str =
            "件条个次项篇人家户名期场份起批元万亿年月日号余多％%‰处室秒层栋座幢套辆册株吨米升倍岁";
        for c in UNITS.chars() {
            assert!(is_unit(c), "{c}");
        }
        for c in "0a，。的率目分局本部所"
            .chars()
            .filter(|c| !UNITS.contains(*c))
        {
            assert!(!is_unit(c), "{c}");
        }
    }

    #[test]
    fn digits_are_ascii_and_full_width() {
        assert!("0９".chars().all(is_digit));
        assert!(!"a一，".chars().any(is_digit));
    }
}
