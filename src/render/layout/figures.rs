//! Figures in running text: the digits and the units a number keeps on its
//! line (结转2件, 3400余条, 12.5万元, 〔2025〕3号), by which the PDF's line
//! breaker weighs its breaks. (LibreOffice 7.4 breaks `〔2025〕3`/`号）` in
//! the Word document even with a word joiner U+2060 or U+FEFF between the
//! two; tried and left.)

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

#[cfg(test)]
mod tests {
    use super::*;

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
