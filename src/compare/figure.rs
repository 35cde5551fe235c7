//! Exact figures and the change between two of them.
//!
//! Counts, signed counts and amounts in 万元 are compared exactly (an
//! amount keeps its decimals: 76.786078 − 70.5 is 6.286078, not a float
//! approximation); only the ratio, which is printed rounded, is a float.

use crate::model::{Decimal, Number};
use crate::slice::Slice;

/// A number as an integer scaled by `10^scale`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Figure {
    /// The digits without the point.
    scaled: i128,
    /// Number of digits after the point.
    scale: u32,
}

/// Largest scale kept: data files and imports hold at most 18 decimals.
const MAX_SCALE: u32 = 18;

impl Figure {
    /// A whole number.
    pub fn whole(n: i128) -> Figure {
        Figure {
            scaled: n,
            scale: 0,
        }
    }

    /// The figure of a table cell.
    pub fn of_number(n: &Number) -> Option<Figure> {
        match n {
            Number::Count(c) => Some(Figure::whole(i128::from(*c))),
            Number::Signed(s) => Some(Figure::whole(i128::from(*s))),
            Number::Amount(d) => Figure::of_decimal(d),
        }
    }

    /// The figure of an amount, read back from its printed form (the digits
    /// of a [`Decimal`] are not public; its Display is exact).
    pub fn of_decimal(d: &Decimal) -> Option<Figure> {
        let text = d.to_string();
        let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
        let scale = u32::try_from(frac.len()).ok().filter(|s| *s <= MAX_SCALE)?;
        let scaled = format!("{int}{frac}").parse().ok()?;
        Some(Figure { scaled, scale })
    }

    /// Both figures at the larger of their scales; None on overflow.
    fn aligned(self, other: Figure) -> Option<(i128, i128, u32)> {
        let scale = self.scale.max(other.scale);
        let up = |f: Figure| f.scaled.checked_mul(10i128.checked_pow(scale - f.scale)?);
        Some((up(self)?, up(other)?, scale))
    }

    /// `new - self`, exactly; None on overflow.
    pub fn change_to(self, new: Figure) -> Option<Figure> {
        let (a, b, scale) = self.aligned(new)?;
        Some(Figure {
            scaled: b.checked_sub(a)?,
            scale,
        })
    }

    /// Whether the figure is zero.
    pub fn is_zero(self) -> bool {
        self.scaled == 0
    }

    /// The value as a float, for ratios and thresholds.
    pub fn as_f64(self) -> f64 {
        self.scaled as f64 / 10f64.powi(self.scale as i32)
    }

    /// The change printed with its sign: `+3`, `-2`, `+0.5`, `0`.
    pub fn signed(self) -> String {
        match self.scaled.signum() {
            1 => format!("+{self}"),
            _ => self.to_string(),
        }
    }
}

impl std::fmt::Display for Figure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.scale == 0 {
            return write!(f, "{}", self.scaled);
        }
        let sign = if self.scaled < 0 { "-" } else { "" };
        let digits = format!(
            "{:0>width$}",
            self.scaled.unsigned_abs(),
            width = self.scale as usize + 1
        );
        let (int, frac) = digits.split_at_boundary(digits.len() - self.scale as usize);
        // Trailing zeros of a difference say nothing (1.50 − 1 is 0.5).
        let frac = frac.trim_end_matches('0');
        if frac.is_empty() {
            write!(f, "{sign}{int}")
        } else {
            write!(f, "{sign}{int}.{frac}")
        }
    }
}

/// The change from `old` to `new` as a percentage of `old`; None when
/// `old` is zero (a figure that was nothing has no ratio).
pub fn ratio(old: Figure, change: Figure) -> Option<f64> {
    (!old.is_zero()).then(|| change.as_f64() / old.as_f64() * 100.0)
}

/// A ratio as printed: `+50.0%`, `-12.5%`, `0.0%`.
pub fn percent(ratio: f64) -> String {
    let sign = if ratio > 0.0 { "+" } else { "" };
    format!("{sign}{ratio:.1}%")
}

/// When a change counts as large: both at least `min_change` in absolute
/// terms and at least `threshold` percent of the old figure (a figure that
/// was zero and now reaches `min_change` is large too).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Threshold {
    /// Smallest ratio, in percent, of a large change.
    pub percent: f64,
    /// Smallest absolute change (件 or 万元) of a large change.
    pub min_change: f64,
}

impl Default for Threshold {
    fn default() -> Threshold {
        Threshold {
            percent: 50.0,
            min_change: 10.0,
        }
    }
}

impl Threshold {
    /// Whether `change` with `ratio` (None: the old figure was zero) is
    /// large.
    pub fn is_large(&self, change: Figure, ratio: Option<f64>) -> bool {
        let size = change.as_f64().abs();
        // A change a hundred times the smallest one counts whatever its
        // ratio (−2,111 on 10,000 applications).
        let huge = size >= self.min_change * Self::HUGE && self.min_change > 0.0;
        size >= self.min_change
            && (huge || ratio.is_none_or(|r| r.abs() >= self.percent))
            && !change.is_zero()
    }

    /// How many times `min_change` a change must be to count as large
    /// whatever its ratio.
    pub const HUGE: f64 = 100.0;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amount(text: &str) -> Figure {
        Figure::of_decimal(&Decimal::parse(text).unwrap()).unwrap()
    }

    #[test]
    fn amounts_change_exactly() {
        let change = amount("70.5").change_to(amount("76.786078")).unwrap();
        assert_eq!(change.to_string(), "6.286078");
        assert_eq!(change.signed(), "+6.286078");
        let back = amount("1.50").change_to(amount("1")).unwrap();
        assert_eq!(back.to_string(), "-0.5");
        assert_eq!(amount("0.05").to_string(), "0.05");
        let same = amount("2.0").change_to(amount("2")).unwrap();
        assert!(same.is_zero());
        assert_eq!(same.signed(), "0");
    }

    #[test]
    fn counts_change_with_a_ratio() {
        let old = Figure::whole(20);
        let change = old.change_to(Figure::whole(35)).unwrap();
        assert_eq!(change.signed(), "+15");
        assert_eq!(percent(ratio(old, change).unwrap()), "+75.0%");
        let change = old.change_to(Figure::whole(15)).unwrap();
        assert_eq!(percent(ratio(old, change).unwrap()), "-25.0%");
        assert_eq!(ratio(Figure::whole(0), Figure::whole(4)), None);
    }

    #[test]
    fn small_changes_are_not_large_however_steep() {
        let t = Threshold::default();
        let large = |old: i128, new: i128| {
            let (old, new) = (Figure::whole(old), Figure::whole(new));
            let change = old.change_to(new).unwrap();
            t.is_large(change, ratio(old, change))
        };
        assert!(!large(1, 2), "doubling one application is not news");
        assert!(!large(100, 130), "30 % is below the threshold");
        assert!(large(20, 40));
        assert!(large(40, 10));
        assert!(large(0, 12), "from nothing to 12");
        assert!(!large(0, 3));
        assert!(!large(12, 12));
        assert!(large(10_000, 7_889), "−2,111 is news at any ratio");
        assert!(!large(10_000, 9_100), "−900 at 9 % is not");
    }
}
