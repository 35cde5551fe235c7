//! Shares written as a bound or in words — `超过80%`, `80%以上`, `不足5%`,
//! `约三成`, `近九成`, `九成以上`, `过半`, `近半数` — each with the range of
//! percentages it allows. Exact percentages (`占37.5%`) are `numbers`'.
//!
//! The ranges are stated once: `约`/`左右`/`上下` and a share in 成 with no
//! other word allow [`ABOUT`] points either side; `近`/`将近`/`接近` as much
//! as [`BELOW`] points below and nothing above; `超过`/`逾`/`以上` at least
//! the figure; `不足`/`不到`/`少于`/`以下`/`以内` at most; `多` after a share
//! (`八成多`) up to one more step of what is written.

use super::numbers::{
    Bound, Figure, Unit, bound_after_share, bound_before, digit_value, percent_at,
};

/// Percentage points either side that `约` or a bare share in 成 allows.
pub(crate) const ABOUT: f64 = 5.0;

/// Percentage points below the figure that `近` allows.
pub(crate) const BELOW: f64 = 5.0;

/// Words naming a rate or a share of something (`公开率`, `占比`): a
/// clause with one speaks of the rate, not of the count it is of.
pub(crate) const RATE_WORDS: [&str; 10] = [
    "公开率",
    "办结率",
    "答复率",
    "纠正率",
    "维持率",
    "审结率",
    "满意率",
    "比例",
    "占比",
    "比重",
];

/// A share written as a bound or in words.
#[derive(Debug, Clone)]
pub(crate) struct BoundedShare {
    /// The share's own words (`九成`, `80%`, `半数`), in percent.
    pub figure: Figure,
    /// First character of the words that bound it (`超过`).
    pub start: usize,
    /// One past them (`以上`).
    pub end: usize,
    /// The least percentage it allows.
    pub low: f64,
    /// The greatest.
    pub high: f64,
    /// Whether it is written in words (`九成`, `过半`), which say a share
    /// by themselves; a percentage in digits needs a word of sharing
    /// (`占`, `比例`) to be one.
    pub in_words: bool,
}

impl BoundedShare {
    /// Whether the exact share `p` (in percent) is what the text may mean,
    /// within the rounding of a tenth of a point.
    pub(crate) fn allows(&self, p: f64) -> bool {
        p >= self.low - 0.05 && p <= self.high + 0.05
    }

    /// The range in words: `90% 至 100%`, `不超过 5%`.
    pub(crate) fn range(&self) -> String {
        let pct = |v: f64| {
            if (v - v.round()).abs() < 1e-9 {
                format!("{v:.0}%")
            } else {
                format!("{v:.1}%")
            }
        };
        if self.low <= 0.0 {
            format!("不超过 {}", pct(self.high))
        } else if self.high >= 100.0 {
            format!("不低于 {}", pct(self.low))
        } else {
            format!("{} 至 {}", pct(self.low), pct(self.high))
        }
    }
}

/// Every bounded share in `chars`, in order.
pub(crate) fn bounded_shares(chars: &[char]) -> Vec<BoundedShare> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let found = half_at(chars, i)
            .map(|(value, end, bound)| (number(i, end, value), bound, true))
            .or_else(|| tenths_at(chars, i).map(|(value, end)| (number(i, end, value), None, true)))
            .or_else(|| percent_at(chars, i).map(|f| (f, None, false)));
        let Some((figure, fixed, in_words)) = found else {
            i += 1;
            continue;
        };
        let before = bound_before(chars, figure.start);
        let after = bound_after_share(chars, figure.end);
        let bound = fixed.or(after.map(|(b, _)| b)).or(before.map(|(b, _)| b));
        let end = after.map_or(figure.end, |(_, e)| e);
        i = end.max(figure.end);
        // A percentage with no bound is exact (`numbers`); a share in words
        // with none is near what it says ("占八成").
        let bound = match (bound, in_words) {
            (Some(b), _) => b,
            (None, true) => Bound::About,
            (None, false) => continue,
        };
        let step = if in_words && figure.value < 100.0 {
            10.0
        } else {
            1.0
        };
        let v = figure.value;
        let (low, high) = match bound {
            Bound::About => (v - ABOUT, v + ABOUT),
            Bound::Below => (v - BELOW, v),
            Bound::AtLeast => (v, 100.0),
            Bound::AtMost => (0.0, v),
            // "八成多", "80%多".
            Bound::Written | Bound::Applicants => (v, v + step),
        };
        out.push(BoundedShare {
            start: before.map_or(figure.start, |(_, s)| s),
            end,
            low: low.max(0.0),
            high: high.min(100.0),
            in_words,
            figure,
        });
    }
    out
}

/// A share in words as a figure of `start..end` standing for `value`
/// percent.
fn number(start: usize, end: usize, value: f64) -> Figure {
    Figure {
        start,
        end,
        value,
        decimals: 0,
        unit: Unit::Percent,
    }
}

/// A share in 成 from `i` (`九成`, `两成`, `十成`): its percentage and the
/// index past 成. Only a lone digit before 成 that is not part of a number
/// or a word (`完成`, `一成不变`, `三成员`).
fn tenths_at(chars: &[char], i: usize) -> Option<(f64, usize)> {
    let digit = match chars[i] {
        '十' => 10,
        c => digit_value(c).filter(|d| *d > 0)?,
    };
    let prev = i.checked_sub(1).map(|p| chars[p]);
    if chars.get(i + 1) != Some(&'成')
        || prev.is_some_and(|p| digit_value(p).is_some() || p == '十' || p.is_ascii_digit())
    {
        return None;
    }
    let next = chars.get(i + 2).copied();
    let word = matches!(
        next,
        Some(
            '员' | '立'
                | '果'
                | '效'
                | '绩'
                | '本'
                | '功'
                | '熟'
                | '交'
                | '品'
                | '型'
                | '就'
                | '都'
                | '年'
        )
    ) || chars.get(i + 2..i + 4) == Some(&['不', '变'][..]);
    (!word).then_some((f64::from(digit) * 10.0, i + 2))
}

/// Half of a whole in words from `i` (`过半`, `半数以上`, `超过半数`,
/// `近半数`, `一半以上`): 50 %, the index past the words and the bound
/// they make (`半数以上` is bounded by its `以上`, read by the caller).
fn half_at(chars: &[char], i: usize) -> Option<(f64, usize, Option<Bound>)> {
    // Every word below opens with one of these (most positions do not).
    if !matches!(chars[i], '过' | '半' | '一') {
        return None;
    }
    let at = |w: &str| {
        chars[i..]
            .iter()
            .copied()
            .take(w.chars().count())
            .eq(w.chars())
    };
    for (w, bound) in [
        ("过半数", Some(Bound::AtLeast)),
        ("过半", Some(Bound::AtLeast)),
        ("半数", None),
        ("一半", None),
    ] {
        if at(w) {
            let end = i + w.chars().count();
            // "半数" and "一半" say nothing alone: only with a bound before
            // or after ("超过半数", "近一半", "半数以上").
            let bounded = bound.is_some()
                || bound_before(chars, i).is_some()
                || bound_after_share(chars, end).is_some_and(|(b, _)| b != Bound::Written);
            return bounded.then_some((50.0, end, bound));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranges(text: &str) -> Vec<(f64, f64, bool)> {
        let chars: Vec<char> = text.chars().collect();
        bounded_shares(&chars)
            .iter()
            .map(|s| (s.low, s.high, s.in_words))
            .collect()
    }

    #[test]
    fn bounded_shares_as_prose_writes_them() {
        for (text, expected) in [
            ("自然人申请超过九成", vec![(90.0, 100.0, true)]),
            ("自然人提出的占九成以上", vec![(90.0, 100.0, true)]),
            ("占比近八成", vec![(75.0, 80.0, true)]),
            ("约占三成", vec![(25.0, 35.0, true)]),
            ("占八成", vec![(75.0, 85.0, true)]),
            ("八成多", vec![(80.0, 90.0, true)]),
            ("占两成", vec![(15.0, 25.0, true)]),
            ("占80%以上", vec![(80.0, 100.0, false)]),
            ("超过80%", vec![(80.0, 100.0, false)]),
            ("不足5%", vec![(0.0, 5.0, false)]),
            ("占比10%以内", vec![(0.0, 10.0, false)]),
            ("约百分之三十", vec![(25.0, 35.0, false)]),
            ("过半", vec![(50.0, 100.0, true)]),
            ("超过半数", vec![(50.0, 100.0, true)]),
            ("半数以上", vec![(50.0, 100.0, true)]),
            ("近半数", vec![(45.0, 50.0, true)]),
        ] {
            assert_eq!(ranges(text), expected, "{text}");
        }
    }

    #[test]
    fn exact_shares_and_other_words_are_no_bounded_shares() {
        for text in [
            "占37.5%",
            "百分之八十",
            "一成不变",
            "三成员单位",
            "十九成",
            "半数",
            "一半",
            "办成一件事",
            "大半年",
        ] {
            assert!(ranges(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn the_range_is_said_in_words() {
        let chars: Vec<char> = "超过九成，不足5%，约三成".chars().collect();
        let said: Vec<String> = bounded_shares(&chars)
            .iter()
            .map(BoundedShare::range)
            .collect();
        assert_eq!(said, ["不低于 90%", "不超过 5%", "25% 至 35%"]);
    }
}
