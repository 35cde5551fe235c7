//! Figures as prose writes them: `12件`, `１２ 件`, `十二件`, `两起`,
//! `37.5%`, `百分之八十`, each with its unit and its place in the text.

/// What a figure counts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    /// Cases or requests: 件, 起, 宗, 例.
    Count,
    /// A percentage: %, ％.
    Percent,
    /// An amount of money in 元 (`200元`; `0.02万元` is read as 200).
    Yuan,
}

/// A figure in a text of characters.
#[derive(Debug, Clone)]
pub(crate) struct Figure {
    /// Index of the first character of the number.
    pub start: usize,
    /// Index one past the unit.
    pub end: usize,
    /// The value (a count is whole).
    pub value: f64,
    /// Decimal places written (for rounding a percentage).
    pub decimals: u32,
    /// The unit.
    pub unit: Unit,
}

/// Every figure with a unit in `chars` whose number is exact: `约8件`,
/// `8余件`, `8件左右`, `第三件`, `一起` (together) and `一件事` are not
/// figures (the approximate ones are `approx`'s).
pub(crate) fn figures(chars: &[char]) -> Vec<Figure> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if let Some(f) = percent_in_words(chars, i) {
            i = f.end;
            out.push(f);
            continue;
        }
        let Some((value, decimals, len, chinese)) = number_at(chars, i) else {
            i += 1;
            continue;
        };
        let number_end = i + len;
        // Not "约8件", "第三件", "高效办成一件事".
        if let Some((unit, end)) = unit_after(chars, i, number_end, chinese)
            && !approximate(chars, i)
            && !(unit == Unit::Count && bound_after(chars, end).is_some())
            // "80%以上", "90%左右": a bounded share (`shares`).
            && !(unit == Unit::Percent && bound_after_share(chars, end).is_some())
            && !(chinese && (ordinal(chars, i) || idiom(chars, i, end)))
        {
            // 万元 amounts are kept in 元.
            let value = if unit == Unit::Yuan && chars[end - 2] == '万' {
                value * 10_000.0
            } else {
                value
            };
            out.push(Figure {
                start: i,
                end,
                value,
                decimals,
                unit,
            });
        }
        i = number_end;
    }
    out
}

/// A percentage written in words from `i`: `百分之八十`, `百分之85.5`,
/// `百分之百` (not `约百分之八十`, which is approximate).
fn percent_in_words(chars: &[char], i: usize) -> Option<Figure> {
    percent_words_at(chars, i).filter(|_| !approximate(chars, i))
}

/// The percentage written from `i`, exact or not: in digits (`37.5%`,
/// `80 ％`) or in words (`百分之八十`).
pub(crate) fn percent_at(chars: &[char], i: usize) -> Option<Figure> {
    if let Some(f) = percent_words_at(chars, i) {
        return Some(f);
    }
    let (value, decimals, len, chinese) = number_at(chars, i)?;
    match unit_after(chars, i, i + len, chinese)? {
        (Unit::Percent, end) => Some(Figure {
            start: i,
            end,
            value,
            decimals,
            unit: Unit::Percent,
        }),
        _ => None,
    }
}

/// A percentage in words from `i`, whatever stands before it.
fn percent_words_at(chars: &[char], i: usize) -> Option<Figure> {
    const WORDS: [char; 3] = ['百', '分', '之'];
    if chars.get(i..i + 3) != Some(&WORDS[..]) {
        return None;
    }
    let n = i + 3;
    let (mut value, mut decimals, mut len) = if chars.get(n) == Some(&'百') {
        (100.0, 0, 1)
    } else {
        let (value, decimals, len, _) = number_at(chars, n)?;
        (value, decimals, len)
    };
    // "百分之七十八点八": the decimals in Chinese digits after 点.
    if chars.get(n + len) == Some(&'点') {
        let digits: Vec<u32> = chars[n + len + 1..]
            .iter()
            .map_while(|c| digit_value(*c))
            .collect();
        if !digits.is_empty() {
            for (k, d) in digits.iter().enumerate() {
                value += f64::from(*d) / 10f64.powi(k as i32 + 1);
            }
            decimals = digits.len() as u32;
            len += 1 + digits.len();
        }
    }
    (value <= 100.0).then_some(Figure {
        start: i,
        end: n + len,
        value,
        decimals,
        unit: Unit::Percent,
    })
}

/// Where a number written with thousands separators ends (`933,554`,
/// `1,200,000`): the first run (`i..j`) of one to three digits, then groups
/// of a comma and exactly three digits. `None` for anything else (`12,3`,
/// `1234,567`, a list `1,2,3`).
fn thousands_end(chars: &[char], i: usize, j: usize) -> Option<usize> {
    if !(1..=3).contains(&(j - i)) {
        return None;
    }
    let mut end = j;
    while chars.get(end) == Some(&',')
        && chars
            .get(end + 1..end + 4)
            .is_some_and(|g| g.iter().all(char::is_ascii_digit))
        && !chars.get(end + 4).is_some_and(char::is_ascii_digit)
    {
        end += 4;
    }
    (end > j).then_some(end)
}

/// The number starting at `i` (not in the middle of another number or a
/// word of Latin letters): its value, decimal places, length and whether it
/// is written in Chinese numerals.
pub(crate) fn number_at(chars: &[char], i: usize) -> Option<(f64, u32, usize, bool)> {
    let prev = i.checked_sub(1).map(|p| chars[p]);
    if chars[i].is_ascii_digit() {
        // Inside another number or a Latin word ("AB12件").
        if prev.is_some_and(|p| p.is_ascii_alphanumeric() || p == '.' || p == ',') {
            return None;
        }
        let mut j = i;
        while j < chars.len() && chars[j].is_ascii_digit() {
            j += 1;
        }
        let grouped = thousands_end(chars, i, j);
        let mut j = grouped.unwrap_or(j);
        let mut decimals = 0;
        if j + 1 < chars.len() && chars[j] == '.' && chars[j + 1].is_ascii_digit() {
            j += 1;
            while j < chars.len() && chars[j].is_ascii_digit() {
                j += 1;
                decimals += 1;
            }
        }
        let text: String = chars[i..j].iter().filter(|c| **c != ',').collect();
        return Some((text.parse().ok()?, decimals, j - i, false));
    }
    // A run starts with a digit or 十 ("十二"), not inside another run; a
    // bare 百 only as an approximate count ("近百件", "约百起"), never in
    // words such as 百姓 or 百分之.
    let approximate_hundred = matches!(chars[i], '百' | '佰')
        && matches!(prev, Some('近' | '约' | '逾'))
        && chars
            .get(i + 1)
            .is_some_and(|n| matches!(n, '件' | '起' | '余'));
    if (digit_value(chars[i]).is_none() && !matches!(chars[i], '十' | '拾') && !approximate_hundred)
        || prev.is_some_and(numeral_char)
    {
        return None;
    }
    let len = chars[i..].iter().take_while(|c| numeral_char(**c)).count();
    let value = chinese_value(&chars[i..i + len])?;
    Some((f64::from(value), 0, len, true))
}

fn numeral_char(c: char) -> bool {
    digit_value(c).is_some() || matches!(c, '十' | '百' | '千' | '万' | '拾' | '佰' | '仟')
}

/// The value of a Chinese digit, in its everyday or financial (大写) form.
pub(super) fn digit_value(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' => 0,
        // The financial forms (大写) too: 壹件, 陆件.
        '一' | '壹' => 1,
        '二' | '两' | '贰' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// The value of a run of Chinese numerals: `十二` 12, `二十一` 21,
/// `一百零五` 105, `三千` 3000.
fn chinese_value(run: &[char]) -> Option<u32> {
    let mut total: u32 = 0;
    let mut section: u32 = 0;
    let mut digit: Option<u32> = None;
    for &c in run {
        if let Some(d) = digit_value(c) {
            digit = Some(d);
            continue;
        }
        let unit = match c {
            '十' | '拾' => 10,
            '百' | '佰' => 100,
            '千' | '仟' => 1000,
            '万' => {
                section = (section + digit.take().unwrap_or(0)).checked_mul(10_000)?;
                total = total.checked_add(section)?;
                section = 0;
                continue;
            }
            _ => return None,
        };
        // A bare 十 is ten ("十二").
        section = section.checked_add(digit.take().unwrap_or(1).checked_mul(unit)?)?;
    }
    total.checked_add(section)?.checked_add(digit.unwrap_or(0))
}

/// The unit right after a number starting at `start` (spaces allowed
/// between) and the index past it. Chinese numerals count only cases, never
/// percentages.
fn unit_after(chars: &[char], start: usize, mut j: usize, chinese: bool) -> Option<(Unit, usize)> {
    while j < chars.len() && matches!(chars[j], ' ' | '\u{3000}' | '\u{a0}') {
        j += 1;
    }
    match chars.get(j)? {
        '件' | '起' | '宗' | '例' => Some((Unit::Count, j + 1)),
        // "收到申请45条": requests counted in another unit, only right after
        // the word (elsewhere 条 and 个 count items published, platforms).
        '条' | '个' | '项' if right_after_requests(chars, start) => Some((Unit::Count, j + 1)),
        // "实施行政强制6761次": 表二's decisions counted in times.
        '次' if right_after_decisions(chars, start) => Some((Unit::Count, j + 1)),
        // "37.5%": in digits only, never "十%".
        '%' | '％' if !chinese => Some((Unit::Percent, j + 1)),
        '元' => Some((Unit::Yuan, j + 1)),
        // "0.02万元".
        '万' if chars.get(j + 1) == Some(&'元') => Some((Unit::Yuan, j + 2)),
        // No unit right after: "8余件", "三十余起", "1.2万余人次".
        _ => None,
    }
}

/// Whether the number at `start` follows `申请` (`共`, `计`, `合计`
/// between allowed): `收到政府信息公开申请45条`.
fn right_after_requests(chars: &[char], start: usize) -> bool {
    let mut k = start;
    while k > 0 && matches!(chars[k - 1], '共' | '计' | '合' | '总' | ' ' | '\u{3000}') {
        k -= 1;
    }
    k >= 2 && chars[k - 2] == '申' && chars[k - 1] == '请'
}

/// Nouns of 表二's decisions that may count them in times (`行政强制6761次`).
const DECISION_NOUNS: [&str; 7] = [
    "行政处罚",
    "行政强制",
    "行政许可",
    "行政处罚决定",
    "行政强制决定",
    "行政许可决定",
    "行政强制措施",
];

/// Whether the number at `start` follows one of [`DECISION_NOUNS`] (`共`,
/// `计`, `约` between allowed): `实施行政强制6761次`.
pub(crate) fn right_after_decisions(chars: &[char], start: usize) -> bool {
    let mut k = start;
    while k > 0
        && matches!(
            chars[k - 1],
            '共' | '计' | '合' | '总' | '约' | '近' | ' ' | '\u{3000}'
        )
    {
        k -= 1;
    }
    DECISION_NOUNS.iter().any(|w| {
        let n = w.chars().count();
        k >= n && chars[k - n..k].iter().copied().eq(w.chars())
    })
}

/// `约8件`, `近10件`, `超过5件`, `不足5件`, `8余件`: not an exact figure.
fn approximate(chars: &[char], start: usize) -> bool {
    bound_before(chars, start).is_some() || start > 0 && matches!(chars[start - 1], '余')
}

/// `第三件`: an ordinal.
pub(crate) fn ordinal(chars: &[char], start: usize) -> bool {
    start > 0 && chars[start - 1] == '第'
}

/// Set phrases with a numeral and a unit that count nothing: `一起`
/// (together) before a verb, `一件事`, `一件一档`, `一例一`.
fn idiom(chars: &[char], start: usize, end: usize) -> bool {
    let next = chars.get(end).copied();
    let one = end == start + 2 && chars[start] == '一';
    if !one {
        return false;
    }
    // "无一件", "没有一件…超过法定期限": none.
    let lead: String = chars[start.saturating_sub(2)..start].iter().collect();
    if ["无", "没有", "未有", "并无"]
        .iter()
        .any(|w| lead.ends_with(w))
    {
        return true;
    }
    match chars[end - 1] {
        // "一起" counts only before punctuation or a case noun.
        '起' => !next.is_none_or(|c| {
            !c.is_alphanumeric()
                || chars[end..].starts_with(&['行', '政'])
                || chars[end..].starts_with(&['案'])
                || chars[end..].starts_with(&['申'])
        }),
        // "高效办成一件事", "一件一档".
        _ => matches!(next, Some('事' | '一' | '次')),
    }
}

/// What the words around a figure say of the exact count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Bound {
    /// `约`, `大约`, `左右`, `上下`: near it, either side.
    About,
    /// `近`, `将近`, `接近`: near it, not above.
    Below,
    /// `逾`, `超过`, `多于`, `以上`: at least it.
    AtLeast,
    /// `不足`, `不到`, `少于`: at most it.
    AtMost,
    /// Only `余`/`多` or a figure in 万: the rounding of what is written.
    Written,
    /// Applicants counted (`12家企业提出申请`, `4名自然人申请`): each asked
    /// at least once, so at least as many requests.
    Applicants,
}

/// Words before a number, longest first.
const BEFORE: [(&str, Bound); 11] = [
    ("大约", Bound::About),
    ("将近", Bound::Below),
    ("接近", Bound::Below),
    ("超过", Bound::AtLeast),
    ("多于", Bound::AtLeast),
    ("不足", Bound::AtMost),
    ("不到", Bound::AtMost),
    ("少于", Bound::AtMost),
    ("约", Bound::About),
    ("近", Bound::Below),
    ("逾", Bound::AtLeast),
];

/// Words after a count that make it approximate or a bound (`8件左右`,
/// `1万件以上`): the kind and the index past them.
pub(crate) fn bound_after(chars: &[char], end: usize) -> Option<(Bound, usize)> {
    let rest = chars.get(end..)?;
    [
        ("左右", Bound::About),
        ("上下", Bound::About),
        ("以上", Bound::AtLeast),
    ]
    .iter()
    .find(|(w, _)| {
        rest.get(..2)
            .is_some_and(|r| r.iter().copied().eq(w.chars()))
    })
    .map(|(_, b)| (*b, end + 2))
}

/// Words after a share that bound it (`以上`, `以下`, `以内`, `左右`,
/// `上下`, `多`): the kind and the index past them.
pub(crate) fn bound_after_share(chars: &[char], end: usize) -> Option<(Bound, usize)> {
    let rest = chars.get(end..)?;
    [
        ("以上", Bound::AtLeast),
        ("以下", Bound::AtMost),
        ("以内", Bound::AtMost),
        ("左右", Bound::About),
        ("上下", Bound::About),
        ("多", Bound::Written),
    ]
    .iter()
    .find(|(w, _)| rest.iter().copied().take(w.chars().count()).eq(w.chars()))
    // "80%多" but not "九成多数".
    .filter(|(w, _)| {
        *w != "多"
            || !rest
                .get(1)
                .is_some_and(|c| matches!(c, '数' | '为' | '次' | '项'))
    })
    .map(|(w, b)| (*b, end + w.chars().count()))
}

/// The words before index `i` that make its number approximate.
pub(crate) fn bound_before(chars: &[char], i: usize) -> Option<(Bound, usize)> {
    BEFORE.iter().find_map(|(w, b)| {
        let n = w.chars().count();
        let from = i.checked_sub(n)?;
        chars[from..i]
            .iter()
            .copied()
            .eq(w.chars())
            .then_some((*b, from))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<(f64, Unit)> {
        let chars: Vec<char> = text.chars().collect();
        figures(&chars).iter().map(|f| (f.value, f.unit)).collect()
    }

    #[test]
    fn thousands_separators_are_read() {
        assert_eq!(values("处罚933,554件"), vec![(933_554.0, Unit::Count)]);
        assert_eq!(values("共1,200,000元"), vec![(1_200_000.0, Unit::Yuan)]);
        // Not groups of three: the part after the comma is not a figure of
        // its own either.
        assert_eq!(values("1234,567件"), vec![]);
        assert_eq!(values("12,34件"), vec![]);
    }

    #[test]
    fn figures_as_prose_writes_them() {
        use Unit::{Count, Percent};
        assert_eq!(values("收到申请12件"), [(12.0, Count)]);
        assert_eq!(
            values("收到申请12 件，占比37.5%"),
            [(12.0, Count), (37.5, Percent)]
        );
        assert_eq!(
            values("十二件、两起、三件"),
            [(12.0, Count), (2.0, Count), (3.0, Count)]
        );
        // A percentage in words.
        assert_eq!(values("公开率为百分之八十"), [(80.0, Percent)]);
        assert_eq!(values("答复率达到百分之百"), [(100.0, Percent)]);
        assert_eq!(values("占百分之37.5"), [(37.5, Percent)]);
        let read = values("占百分之七十八点八五");
        assert_eq!((read.len(), read[0].1), (1, Percent));
        assert!((read[0].0 - 78.85).abs() < 1e-9, "{read:?}");
        assert!(values("约百分之八十").is_empty());
        assert_eq!(values("百分之百落实"), [(100.0, Percent)]);
        assert_eq!(
            values("二十一件，一百零五件，十件"),
            [(21.0, Count), (105.0, Count), (10.0, Count)]
        );
        assert_eq!(values("发生行政复议一起。"), [(1.0, Count)]);
        assert_eq!(
            values("陆件、壹拾贰件、贰佰零伍件"),
            [(6.0, Count), (12.0, Count), (205.0, Count)]
        );
        assert_eq!(
            values("收取200元，合0.02万元"),
            [(200.0, Unit::Yuan), (200.0, Unit::Yuan)]
        );
    }

    #[test]
    fn requests_in_other_units_only_right_after_the_word() {
        use Unit::Count;
        assert_eq!(values("收到政府信息公开申请45条"), [(45.0, Count)]);
        assert_eq!(values("全年实施行政强制6761次"), [(6761.0, Count)]);
        assert!(values("开展执法检查12次").is_empty());
        assert_eq!(values("收到申请共45个"), [(45.0, Count)]);
        assert_eq!(values("受理申请合计四十五项"), [(45.0, Count)]);
        // Items published, platforms, applicants: not counts of requests.
        assert!(values("主动公开政府信息218条").is_empty());
        assert!(values("开设专栏3个").is_empty());
        assert!(values("申请人45个").is_empty());
        assert!(values("依申请公开信息12条").is_empty());
    }

    #[test]
    fn words_that_only_look_like_figures() {
        for text in [
            "约8件",
            "近十件",
            "8余件",
            "第三件",
            "与群众一起开展",
            "高效办成一件事",
            "一件一档",
            "三十余起",
            "AB12件",
            "1.2万余人次",
            "8件左右",
            "1万件以上",
            // None at all.
            "无一件答复超过法定期限",
            "没有一件申请逾期",
        ] {
            assert!(values(text).is_empty(), "{text}: {:?}", values(text));
        }
    }
}
