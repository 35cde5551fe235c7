//! Exact numbers: counts, signed counts and decimal amounts in 万元.

use crate::slice::Slice;
use std::cmp::Ordering;
use std::fmt;

/// An exact non-negative decimal, kept as written (`76.786078` stays
/// `76.786078`, `1.50` stays `1.50`). Equality, order and hashing go by
/// value: `1.50 == 1.5`.
#[derive(Debug, Clone)]
pub struct Decimal {
    /// All digits without the point, leading zeros removed (at least one digit).
    mantissa: u128,
    /// Number of digits after the point.
    scale: u32,
}

impl Decimal {
    /// Zero.
    pub const ZERO: Decimal = Decimal {
        mantissa: 0,
        scale: 0,
    };

    /// Parses `123`, `0.5`, `76.786078`. Signs, exponents and separators are refused.
    pub fn parse(text: &str) -> Option<Decimal> {
        let text = text.trim();
        let (int, frac) = match text.split_once('.') {
            Some((i, f)) => (i, f),
            None => (text, ""),
        };
        if int.is_empty() && frac.is_empty() {
            return None;
        }
        if !int.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if frac.len() > 18 || int.len() > 18 {
            return None;
        }
        let digits = format!("{int}{frac}");
        let mantissa = if digits.is_empty() {
            0
        } else {
            digits.parse().ok()?
        };
        Some(Decimal {
            mantissa,
            scale: frac.len() as u32,
        })
    }

    /// The decimal of a whole number.
    pub fn from_u64(n: u64) -> Decimal {
        Decimal {
            mantissa: n as u128,
            scale: 0,
        }
    }

    /// Whether the amount is zero.
    pub fn is_zero(&self) -> bool {
        self.mantissa == 0
    }

    /// The exact sum, or `None` on overflow.
    pub fn checked_add(&self, other: &Decimal) -> Option<Decimal> {
        let scale = self.scale.max(other.scale);
        let a = self
            .mantissa
            .checked_mul(10u128.checked_pow(scale - self.scale)?)?;
        let b = other
            .mantissa
            .checked_mul(10u128.checked_pow(scale - other.scale)?)?;
        Some(Decimal {
            mantissa: a.checked_add(b)?,
            scale,
        })
    }

    /// The whole part and the fraction digits (as a number of `scale` digits).
    fn parts(&self) -> (u128, u128) {
        let unit = 10u128.pow(self.scale);
        (self.mantissa / unit, self.mantissa % unit)
    }

    /// The same value with trailing fraction zeros dropped.
    fn normalized(&self) -> (u128, u32) {
        let (mut m, mut s) = (self.mantissa, self.scale);
        while s > 0 && m % 10 == 0 {
            m /= 10;
            s -= 1;
        }
        (m, s)
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Self) -> Ordering {
        let ((a_int, a_frac), (b_int, b_frac)) = (self.parts(), other.parts());
        // Fractions have at most 18 digits: scaled to a common scale they
        // stay below 10^36, far inside u128.
        let scale = self.scale.max(other.scale);
        a_int.cmp(&b_int).then_with(|| {
            (a_frac * 10u128.pow(scale - self.scale))
                .cmp(&(b_frac * 10u128.pow(scale - other.scale)))
        })
    }
}

impl PartialEq for Decimal {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Decimal {}

impl std::hash::Hash for Decimal {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.normalized().hash(state);
    }
}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.scale == 0 {
            return write!(f, "{}", self.mantissa);
        }
        let digits = format!(
            "{:0>width$}",
            self.mantissa,
            width = self.scale as usize + 1
        );
        let (int, frac) = digits.split_at_boundary(digits.len() - self.scale as usize);
        write!(f, "{int}.{frac}")
    }
}

/// A number in a table cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Number {
    /// A non-negative whole number.
    Count(u64),
    /// A signed whole number (2019 `本年增减`).
    Signed(i64),
    /// A decimal amount in 万元.
    Amount(Decimal),
}

impl Number {
    /// The value as a signed whole number, if it is one.
    pub fn as_i128(&self) -> Option<i128> {
        match self {
            Number::Count(n) => Some(*n as i128),
            Number::Signed(n) => Some(*n as i128),
            Number::Amount(d) if d.scale == 0 => Some(d.mantissa as i128),
            Number::Amount(_) => None,
        }
    }

    /// Whether the number is zero.
    pub fn is_zero(&self) -> bool {
        match self {
            Number::Count(n) => *n == 0,
            Number::Signed(n) => *n == 0,
            Number::Amount(d) => d.is_zero(),
        }
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Number::Count(n) => write!(f, "{n}"),
            Number::Signed(n) => write!(f, "{n}"),
            Number::Amount(d) => write!(f, "{d}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_print_as_written() {
        for s in ["76.786078", "0", "1.50", "0.05", "1964904", "0.000001"] {
            assert_eq!(Decimal::parse(s).unwrap().to_string(), s);
        }
        assert!(Decimal::parse("1e5").is_none());
        assert!(Decimal::parse("-1").is_none());
        assert!(Decimal::parse(".").is_none());
    }

    #[test]
    fn equality_agrees_with_order() {
        let a = Decimal::parse("1.50").unwrap();
        let b = Decimal::parse("1.5").unwrap();
        assert_eq!(a.cmp(&b), Ordering::Equal);
        assert_eq!(a, b);
        let hash = |d: &Decimal| {
            use std::hash::{BuildHasher, BuildHasherDefault};
            BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default().hash_one(d)
        };
        assert_eq!(hash(&a), hash(&b));
        assert_eq!(a.to_string(), "1.50", "still printed as written");
        let big = Decimal::parse("999999999999999999.999999999999999999").unwrap();
        assert!(big > Decimal::from_u64(1));
        assert!(Decimal::parse("0.000000000000000001").unwrap() > Decimal::ZERO);
    }

    #[test]
    fn decimals_compare_by_value() {
        let a = Decimal::parse("1.50").unwrap();
        let b = Decimal::parse("1.5").unwrap();
        assert_eq!(a.cmp(&b), Ordering::Equal);
        assert!(Decimal::parse("100000.01").unwrap() > Decimal::from_u64(100000));
    }
}

/// The decimal of the digits `whole` and `frac` (either may be empty),
/// written plainly: no zeros leading the whole part (`0` when none is
/// left) nor trailing the fraction, and no point without a fraction
/// (`00417`, `500` → `417.5`).
pub fn plain_decimal(whole: &str, frac: &str) -> String {
    let whole = whole.trim_start_matches('0');
    let whole = if whole.is_empty() { "0" } else { whole };
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        whole.to_string()
    } else {
        format!("{whole}.{frac}")
    }
}

/// An amount of the digits `whole`.`frac` in 元, in 万元: divided by 10000
/// exactly, written as [`plain_decimal`] (`2792220`, `8` → `279.22208`).
pub fn yuan_to_wan(whole: &str, frac: &str) -> String {
    let digits = format!("{whole}{frac}");
    let scale = frac.len() + 4;
    let padded = format!("{digits:0>width$}", width = scale + 1);
    let (whole, frac) = padded.split_at_boundary(padded.len() - scale);
    plain_decimal(whole, frac)
}

/// A figure typed with its note in brackets, as a clerk writes it
/// (`12（含转办3件）`, `1,964,904 (含淄博经开区)`): the figure as typed and
/// the note, when the brackets close the text and hold something, and
/// what is before them is written with digits only (full-width ones,
/// separators, a point or a sign too).
pub fn figure_with_note(text: &str) -> Option<(&str, &str)> {
    let text = text.trim();
    let inner = text.strip_suffix(['）', ')'])?;
    let open = inner.find(['（', '('])?;
    let figure = inner.slice_to(open).trim();
    let open_len = inner
        .slice_from(open)
        .chars()
        .next()
        .map_or(1, char::len_utf8);
    let note = inner.slice_from(open + open_len).trim();
    let figure_like = figure
        .chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        && figure
            .chars()
            .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c) || ",，.．-－ ".contains(c));
    (figure_like && !note.is_empty() && !note.contains(['（', '(', '）', ')']))
        .then_some((figure, note))
}

#[cfg(test)]
mod note_tests {
    use super::figure_with_note;

    #[test]
    fn a_figure_and_its_note_in_brackets_come_apart() {
        assert_eq!(
            figure_with_note("12（含转办3件）"),
            Some(("12", "含转办3件"))
        );
        assert_eq!(
            figure_with_note(" 1,964,904 (含淄博经开区) "),
            Some(("1,964,904", "含淄博经开区"))
        );
        assert_eq!(figure_with_note("１２（含转办）"), Some(("１２", "含转办")));
        for no in [
            "12",
            "（含转办3件）",
            "12（）",
            "约12（含）件",
            "12（含（转）办）",
            "12件（含转办3件）",
        ] {
            assert_eq!(figure_with_note(no), None, "{no}");
        }
    }
}
