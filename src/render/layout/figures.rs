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
    )
}

/// An ASCII or full-width digit.
pub fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Byte ranges of `text` holding a number with its units (`3号`,
/// `8,765,432.1元`, `3400余条`, `１２个`, `第17号`), a document number with
/// its bracketed year (`〔2025〕3号`) and a range of figures (`2.35%—3.10%`,
/// `1—3月`): what a browser must not break, as it may between a digit and
/// a Han character.
pub fn figure_runs(text: &str) -> Vec<std::ops::Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
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
        let mut e = k + 1;
        while e < chars.len() {
            let c = chars[e].1;
            let grouped = matches!(c, ',' | '.') && chars.get(e + 1).is_some_and(|n| is_digit(n.1));
            if !(is_digit(c) || grouped) {
                break;
            }
            e += 1;
        }
        let digits = e;
        while e < chars.len() && is_unit(chars[e].1) {
            e += 1;
        }
        let end = chars.get(e).map_or(text.len(), |c| c.0);
        // A range between two figures (2.35%—3.10%, 1—3月) is one run.
        let joined = start > 0
            && matches!(chars[start - 1].1, '—' | '～' | '~' | '至')
            && out
                .last()
                .is_some_and(|r: &std::ops::Range<usize>| r.end == chars[start - 1].0);
        if joined {
            if let Some(last) = out.last_mut() {
                last.end = end;
            }
        } else if e > digits {
            out.push(chars[start].0..end);
        }
        k = e;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_with_their_units_are_found() {
        let text = "〔2025〕3号，第17号，8,765,432.1元，3400余条，１２个，12.5%，2025-00017，v2，≥95%，±0.5个，2.35%—3.10%";
        let runs: Vec<&str> = figure_runs(text).into_iter().map(|r| &text[r]).collect();
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
                "2.35%—3.10%"
            ]
        );
    }

    #[test]
    fn is_unit_knows_exactly_the_units() {
        const UNITS: &str = "件条个次项篇人家户名期场份起批元万亿年月日号余多％%‰";
        for c in UNITS.chars() {
            assert!(is_unit(c), "{c}");
        }
        for c in "0a，。的率项目".chars().filter(|c| !UNITS.contains(*c)) {
            assert!(!is_unit(c), "{c}");
        }
    }

    #[test]
    fn digits_are_ascii_and_full_width() {
        assert!("0９".chars().all(is_digit));
        assert!(!"a一，".chars().any(is_digit));
    }
}
