//! Approximate counts as prose writes them — `约3.5万件`, `近200件`,
//! `逾1万件`, `三十余件`, `1.2万余件`, `8件左右`, `1万件以上`, `不足50件`,
//! and counts in ten thousands (`3.5万件`, rounded to its last digit) —
//! each with the range of exact counts it allows.
//!
//! The tolerance is stated once: `约`/`左右`/`上下` allow [`TOLERANCE`] of
//! the figure either side, `近`/`将近`/`接近` as much below it and nothing
//! above; `逾`/`超过`/`以上` say at least the figure, `不足`/`不到`/`少于`
//! at most; `余`/`多` add up to one unit of the last digit written
//! (`三十余` 30–39, `1.2万余` 12,000–12,999); a figure in 万 stands for
//! anything that rounds to it (`3.5万` 34,500–35,500). The widest of these
//! that applies is taken. Applicants counted before asking (`12家企业提出
//! 申请`, `4名自然人申请`) stand for at least that many requests.

use super::numbers::{self, Bound, Figure, Unit, bound_after, bound_before};

/// The share of the figure that `约` and `近` allow.
pub(crate) const TOLERANCE: f64 = 0.1;

/// An approximate count in a text of characters.
#[derive(Debug, Clone)]
pub(crate) struct Approximation {
    /// The number through its unit, with the value written (in units).
    pub figure: Figure,
    /// First character of the words that make it approximate (`约`).
    pub start: usize,
    /// One past them (`左右`).
    pub end: usize,
    /// The least exact count it allows.
    pub low: u64,
    /// The greatest (`None`: no upper bound).
    pub high: Option<u64>,
    /// What its words say.
    pub bound: Bound,
    /// Its unit as written (`件`, `起`, `次`).
    pub unit: char,
}

impl Approximation {
    /// Whether the exact count `n` is what the text may mean.
    pub(crate) fn allows(&self, n: u64) -> bool {
        n >= self.low && self.high.is_none_or(|h| n <= h)
    }

    /// How its words are read, for a reader.
    pub(crate) fn reading(&self) -> String {
        match self.bound {
            Bound::About => format!(
                "“约”“左右”“上下”按所写的数上下 {}% 以内比较",
                (TOLERANCE * 100.0) as u32
            ),
            Bound::Below => format!(
                "“近”“将近”“接近”按所写的数以下 {}% 以内比较",
                (TOLERANCE * 100.0) as u32
            ),
            Bound::AtLeast => "“逾”“超过”“以上”指至少是所写的数".into(),
            Bound::AtMost => "“不足”“不到”“少于”指至多是所写的数".into(),
            Bound::Written => {
                "以“万”为单位的数按所写的末位四舍五入比较；“余”“多”指不到所写末位的下一个数".into()
            }
            Bound::Applicants => {
                "以“家”“名”“位”计的是申请人，每个申请人至少提出了一件申请，申请件数不会少于申请人数"
                    .into()
            }
        }
    }

    /// The range in words: `34500 至 35500 件`, `不少于 10000 件`.
    pub(crate) fn range(&self) -> String {
        let unit = self.unit;
        match self.high {
            Some(h) if h == self.low => format!("{h} {unit}"),
            Some(h) if self.low == 0 => format!("不超过 {h} {unit}"),
            Some(h) => format!("{} 至 {h} {unit}", self.low),
            None => format!("不少于 {} {unit}", self.low),
        }
    }
}

/// Every approximate count in `chars`, in order.
pub(crate) fn approximations(chars: &[char]) -> Vec<Approximation> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let Some((value, decimals, len, chinese)) = numbers::number_at(chars, i) else {
            i += 1;
            continue;
        };
        if let Some(a) = approximation(chars, i, (value, decimals, len, chinese)) {
            i = a.end;
            out.push(a);
        } else {
            i += len;
        }
    }
    out
}

/// The approximate count whose number starts at `i`, if it is one.
fn approximation(
    chars: &[char],
    i: usize,
    (value, decimals, len, chinese): (f64, u32, usize, bool),
) -> Option<Approximation> {
    if numbers::ordinal(chars, i) || !value.is_finite() || value >= 1e12 {
        return None;
    }
    let mut j = i + len;
    // "3.5万件": in ten thousands, rounded to the last digit written.
    let wan = !chinese && chars.get(j) == Some(&'万');
    j += usize::from(wan);
    let some = matches!(chars.get(j), Some('余' | '多'));
    j += usize::from(some);
    // "80余万件", "八十余万件": some ten thousands, up to the next ten of them.
    let some_wan = some && !wan && chars.get(j) == Some(&'万');
    j += usize::from(some_wan);
    let unit = *chars.get(j)?;
    if !(wan || some)
        && bound_before(chars, i).is_none()
        && let Some(noun) = applicants_asking(chars, j)
    {
        return Some(applicants(i, j, noun, value));
    }
    let times = unit == '次' && numbers::right_after_decisions(chars, i);
    if !(times || matches!(unit, '件' | '起' | '宗' | '例')) {
        return None;
    }
    j += 1;
    let after = bound_after(chars, j);
    let before = bound_before(chars, i);
    let bound = before.or(after).map_or(Bound::Written, |(b, _)| b);
    if bound == Bound::Written && !wan && !some {
        return None;
    }
    let scale = if wan || some_wan { 10_000.0 } else { 1.0 };
    let v = (value * scale).round();
    // One unit of the last digit written.
    let step = if wan {
        scale / 10f64.powi(decimals as i32)
    } else {
        last_digit_unit(v)
    };
    let rounding = if wan { step / 2.0 } else { 0.0 };
    let (mut low, mut high) = if some {
        (v, v + (step - 1.0).max(1.0))
    } else {
        (v - rounding, v + rounding)
    };
    let tolerance = (v * TOLERANCE).max(rounding);
    match bound {
        Bound::About => {
            low = low.min(v - tolerance);
            high = high.max(v + tolerance);
        }
        Bound::Below => low = low.min(v - tolerance),
        Bound::AtLeast | Bound::Applicants => {
            low = v;
            high = f64::INFINITY;
        }
        Bound::AtMost => {
            low = 0.0;
            high = v;
        }
        Bound::Written => {}
    }
    Some(Approximation {
        figure: Figure {
            start: i,
            end: j,
            value: v,
            decimals: 0,
            unit: Unit::Count,
        },
        start: before.map_or(i, |(_, from)| from),
        end: after.map_or(j, |(_, to)| to),
        low: low.max(0.0).ceil() as u64,
        high: high.is_finite().then(|| high.floor() as u64),
        bound,
        unit,
    })
}

/// Applicants counted and then asking, from the unit at `j`: `家` before
/// an organisation, `名` or `位` before a person, then a verb of asking
/// (`12家企业提出了申请`, `4名自然人申请`): the length of the noun, else
/// `None` (`走访12家企业`, `培训80名干部`).
fn applicants_asking(chars: &[char], j: usize) -> Option<usize> {
    const ORGANISATIONS: [&str; 8] = [
        "商业企业",
        "律师事务所",
        "科研机构",
        "社会组织",
        "公益组织",
        "企业",
        "单位",
        "公司",
    ];
    const PEOPLE: [&str; 4] = ["自然人", "申请人", "公民", "群众"];
    let nouns: &[&str] = match chars.get(j)? {
        '家' => &ORGANISATIONS,
        '名' | '位' => &PEOPLE,
        _ => return None,
    };
    let rest: String = chars.get(j + 1..)?.iter().take(12).collect();
    nouns.iter().find_map(|noun| {
        let after = rest.strip_prefix(noun)?;
        ["提出", "申请", "提交", "依申请"]
            .iter()
            .any(|verb| after.starts_with(verb))
            .then(|| noun.chars().count())
    })
}

/// The approximation of `value` applicants counted at `i..j` (the unit at
/// `j`, the noun of `noun` characters after it): at least that many requests.
fn applicants(i: usize, j: usize, noun: usize, value: f64) -> Approximation {
    let low = value.max(0.0).round() as u64;
    Approximation {
        figure: Figure {
            start: i,
            end: j + 1,
            value: low as f64,
            decimals: 0,
            unit: Unit::Count,
        },
        start: i,
        end: j + 1 + noun,
        low,
        high: None,
        bound: Bound::Applicants,
        unit: '件',
    }
}

/// The place value of the last non-zero digit of `v` (300 → 100, 35 → 1).
fn last_digit_unit(v: f64) -> f64 {
    let mut unit = 1.0;
    while v >= unit * 10.0 && (v / (unit * 10.0)).fract() == 0.0 {
        unit *= 10.0;
    }
    unit
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranges(text: &str) -> Vec<(u64, Option<u64>)> {
        let chars: Vec<char> = text.chars().collect();
        approximations(&chars)
            .iter()
            .map(|a| (a.low, a.high))
            .collect()
    }

    #[test]
    fn approximate_counts_allow_a_stated_range() {
        for (text, want) in [
            ("收到申请约3.5万件", vec![(31_500, Some(38_500))]),
            ("共3.5万件", vec![(34_500, Some(35_500))]),
            ("近200件", vec![(180, Some(200))]),
            ("全年新收申请近百件", vec![(90, Some(100))]),
            ("逾1万件", vec![(10_000, None)]),
            ("超过300件", vec![(300, None)]),
            ("三十余件", vec![(30, Some(39))]),
            ("1.2万余件", vec![(12_000, Some(12_999))]),
            ("作出行政处罚决定80余万件", vec![(800_000, Some(899_999))]),
            ("八十余万件", vec![(800_000, Some(899_999))]),
            ("9万余件", vec![(90_000, Some(99_999))]),
            ("实施行政强制7000余次", vec![(7_000, Some(7_999))]),
            ("开展执法检查300余次", vec![]),
            ("共80件左右", vec![(72, Some(88))]),
            ("1万件以上", vec![(10_000, None)]),
            ("不足50件", vec![(0, Some(50))]),
            ("2万件", vec![(15_000, Some(25_000))]),
            // Applicants asking: at least as many requests.
            ("有12家企业提出了信息公开申请", vec![(12, None)]),
            ("4名自然人申请公开", vec![(4, None)]),
        ] {
            assert_eq!(ranges(text), want, "{text}");
        }
    }

    #[test]
    fn exact_counts_and_other_words_are_no_approximations() {
        for text in [
            "收到申请12件",
            "第三件",
            "约3年",
            "近三年来",
            "超过法定期限",
            "1.2万余人次",
            "三万件",
            "百姓来信百件",
            "走访12家企业",
            "为300家企业提供政策解读",
            "培训80名干部",
            "百分之百",
        ] {
            assert!(ranges(text).is_empty(), "{text}: {:?}", ranges(text));
        }
    }

    #[test]
    fn the_range_is_said_in_words() {
        let chars: Vec<char> = "约3.5万件".chars().collect();
        let a = &approximations(&chars)[0];
        assert_eq!(a.range(), "31500 至 38500 件");
        assert!(a.allows(35_000) && !a.allows(30_000));
        assert_eq!((a.start, a.end), (0, 6));
    }
}
