//! NARR-XYEAR: a change over last year written in the text (`较上年增加2件`,
//! `同比下降20%`, `与上年持平`), against this year's table and last year's
//! file.
//!
//! The change is of the figure the sentence gave before it (`收到申请6件，
//! 较上年增加2件`), or of the requests when the clause names them without a
//! figure (`申请量同比增长20%`). Only a comparison with last year is read
//! (`较上年`, `同比`, `比上一年度`, `较2023年` in the 2024 report), or a
//! clause that opens with the change right after the count
//! (`收到申请41件，增长20%`). Last year's figure, when the text gives it
//! (`上年为37件`, `较上年的37件增加4件`), is read as well.

use super::numbers::{Figure, Unit, digit_value};
use super::rows;
use super::topic::Category;
use crate::find::Find;
use crate::model::schema::t2;
use crate::slice::Slice;

/// Which way a change goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Direction {
    Up,
    Down,
    Same,
    /// Not a change: last year's figure itself (`上年为37件`, `较上年的37件`).
    Was,
}

/// A change the text states.
#[derive(Debug, Clone)]
pub(crate) struct Change<'a> {
    /// Of what.
    pub category: Category,
    /// Which way.
    pub direction: Direction,
    /// By how much (a count or a percentage), or `None` for 持平 and for
    /// a change stated by its words alone.
    pub by: Option<&'a Figure>,
    /// How much in words: `三成` is 0.3 of last year's, `翻了一番` 1.0;
    /// `None` for a direction alone (`小幅上升`, `有所减少`).
    pub worded: Option<Worded>,
    /// Characters of the statement, for the diagnostic.
    pub start: usize,
    /// One past them.
    pub end: usize,
}

/// A change's size said in words.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Worded {
    /// `三成`: tenths of last year's figure (0.3), rounded.
    Tenths(u32),
    /// `两成以上`, `超过两成` (from 0.2, no upper end), `两成多` (0.2 to 0.3):
    /// a range of tenths of last year's figure.
    TenthsRange(u32, Option<u32>),
    /// `翻了一番`, `翻番`: doubled.
    Doubled,
    /// `小幅`, `略有`, `有所`, `大幅`: only the direction.
    Direction,
    /// `为上年的1.5倍`: this year's figure as a multiple of last year's,
    /// with the decimals written.
    Times(f64, u32),
}

/// Words before a direction that state it without a size.
const DIRECTION_ONLY: [&str; 8] = [
    "小幅", "略有", "有所", "大幅", "明显", "显著", "稳步", "逐步",
];

const UP: [&str; 7] = ["增加", "增长", "上升", "提高", "增多", "多", "上涨"];
const DOWN: [&str; 6] = ["减少", "下降", "降低", "回落", "减", "少"];

/// Words of a change from last year's figure (`由上年的125件增至192件`).
const FROM_LAST_YEAR: [&str; 4] = ["由上年", "从上年", "由去年", "从去年"];

/// Whether `clause` says what a figure came to from last year's
/// (`由上年的125件增至192件`); not `从去年下半年开始` or `由上年结转的`.
fn from_last_year(clause: &str) -> bool {
    FROM_LAST_YEAR.iter().any(|w| clause.has_word(w))
        && super::topic::REACHED.iter().any(|w| clause.has_word(w))
}

/// Whether `clause` compares with last year (`year` the report's).
fn with_last_year(clause: &str, year: i32) -> bool {
    if [
        "较上年",
        "比上年",
        "同比",
        "与上年",
        "较上一年",
        "比上一年",
        "较去年",
        "比去年",
        "和上年",
    ]
    .iter()
    .any(|w| clause.has_word(w))
    {
        return true;
    }
    // Last year by number ("较2023年减少了3件" in the 2024 report, not "较2022年").
    let last = format!("{}年", year - 1);
    ["较", "比", "与"]
        .iter()
        .any(|w| clause.contains(&format!("{w}{last}")))
}

/// The stated changes of one sentence. `claims` are the sentence's figures
/// read as table figures, with their categories, in order.
pub(crate) fn changes<'a>(
    chars: &[char],
    range: std::ops::Range<usize>,
    figures: &[&'a Figure],
    claims: &[(usize, Category)],
    year: i32,
) -> Vec<Change<'a>> {
    let mut out = Vec::new();
    let mut clause_start = range.start;
    let mut previous_start = range.start;
    for i in range.clone().chain(std::iter::once(range.end)) {
        let end = i == range.end || matches!(chars[i], '，' | ',' | '；' | '。' | '：');
        if !end {
            continue;
        }
        let clause: String = chars[clause_start..i].iter().collect();
        // "与上年相比，申请量增长了50%": the comparison may open the sentence.
        let so_far: String = chars[range.start..i].iter().collect();
        let marked = with_last_year(&clause, year)
            || from_last_year(&clause)
            || times_last_year(&clause).is_some();
        let was = last_years_figure(chars, clause_start..i, figures, year, marked).or_else(|| {
            // "上年共收到申请25件": last year's count stated on its own, when
            // no count of this year's came before it.
            let first = !claims.iter().any(|(at, _)| *at < clause_start);
            last_years_statement(chars, clause_start..i, figures, year).filter(|_| first)
        });
        let here = marked || was.is_some();
        let compared = here || with_last_year(&so_far, year);
        // "收到申请41件，增长20%": a clause that opens with the change, of
        // the count in the clause right before it.
        let right_after = !compared && clause_start > range.start && opens_with_change(&clause);
        // "分别比上年增加2件和3件": each change is paired with its measure
        // in turn, which is not read.
        if (compared || right_after) && !clause.contains("分别") {
            // The figure given before the clause ("收到申请6件，较上年增加2件"), else the
            // requests the clause names ("申请量同比增长20%").
            let subject = claims
                .iter()
                .rev()
                .find(|(at, _)| *at < clause_start)
                .filter(|(at, _)| !right_after || *at >= previous_start)
                .filter(|(at, _)| !counted_between(figures, *at, clause_start, &out))
                .map(|(_, c)| *c)
                .or_else(|| subject_named(&clause).filter(|_| compared))
                // "作出行政处罚决定35件，同比增长20%": 表二's decisions
                // named earlier in the sentence.
                .or_else(|| decisions_named(&so_far).filter(|_| compared))
                .and_then(|c| part_named(&clause).unwrap_or(Some(c)));
            if let (Some(category), Some(by)) = (subject, was) {
                out.push(Change {
                    category,
                    direction: Direction::Was,
                    by: Some(by),
                    worded: None,
                    start: clause_start,
                    end: i,
                });
            }
            if let Some(category) = subject
                && let Some(c) = read(chars, clause_start..i, figures, category, here, was)
            {
                out.push(c);
            }
        }
        previous_start = clause_start;
        clause_start = i + 1;
    }
    out
}

/// Words that open a clause stating a change right after a count.
const OPENING_CHANGES: [&str; 11] = [
    "增长", "增加", "上升", "提高", "减少", "下降", "降低", "增幅", "涨幅", "降幅", "减幅",
];

/// Nouns naming the size of a rise, said before its percentage (`增幅17.1%`).
const RISES: [&str; 3] = ["增幅", "涨幅", "增速"];
/// Nouns naming the size of a fall (`降幅为20%`).
const FALLS: [&str; 3] = ["降幅", "减幅", "下降幅度"];

/// The direction of a magnitude noun ending `before`, after any `为`, `达`,
/// `达到` or `是` (`增幅达50%`).
fn magnitude(before: &str) -> Option<Direction> {
    let noun = before
        .trim_end_matches(['约', '了'])
        .trim_end_matches("达到")
        .trim_end_matches(['为', '达', '是']);
    if RISES.iter().any(|w| noun.ends_with(w)) {
        Some(Direction::Up)
    } else if FALLS.iter().any(|w| noun.ends_with(w)) {
        Some(Direction::Down)
    } else {
        None
    }
}

/// Whether `text` gives a magnitude noun as nothing (`同比涨幅为零`,
/// `增幅为0`): the count is the same as last year's.
fn no_magnitude(text: &str) -> bool {
    RISES.iter().chain(&FALLS).any(|noun| {
        text.match_indices(noun).any(|(at, w)| {
            let rest = text.slice_from(at + w.len());
            let rest = rest.strip_prefix(['为', '是']).unwrap_or(rest);
            rest.starts_with('零')
                || (rest.starts_with('0')
                    && !rest
                        .slice_from(1)
                        .starts_with(|c: char| c.is_ascii_digit() || c == '.'))
        })
    })
}

/// Whether `clause` opens with a change (`增长20%`, `增加了4件`, `同比`
/// aside): right after a count, it is a change over last year.
fn opens_with_change(clause: &str) -> bool {
    let clause = clause.trim_start().trim_start_matches(['共', '较', '有']);
    OPENING_CHANGES.iter().any(|w| clause.starts_with(w))
}

/// Words right before a figure that make it last year's (`上年为37件`,
/// `较上年的37件`, `比2023年的37件` in the 2024 report).
const LAST_YEARS: [&str; 9] = [
    "上年",
    "去年",
    "上一年",
    "上一年度",
    "上年度",
    "上年同期",
    "去年同期",
    "上年全年",
    "去年全年",
];

/// The count in `clause` that states last year's figure: right after one
/// of [`LAST_YEARS`] or last year by number, then `为` or `是`; in a
/// clause that compares with last year (`compared`) also `的` or an opening
/// bracket (`较去年（37件）增加4件`). Without a comparison, `上年度的2件申请`
/// may be the requests carried over, not last year's count.
fn last_years_figure<'a>(
    chars: &[char],
    clause: std::ops::Range<usize>,
    figures: &[&'a Figure],
    year: i32,
    compared: bool,
) -> Option<&'a Figure> {
    let by_number = format!("{}年", year - 1);
    let links: &[&str] = if compared {
        &["为", "是", "的", "（", "("]
    } else {
        &["为", "是"]
    };
    figures
        .iter()
        .filter(|f| f.unit == Unit::Count && f.start >= clause.start && f.end <= clause.end)
        .find(|f| {
            let before: String = chars[clause.start..f.start].iter().collect();
            let Some(lead) = links.iter().find_map(|w| before.strip_suffix(w)) else {
                return false;
            };
            LAST_YEARS.iter().any(|w| lead.ends_with(w)) || lead.ends_with(&by_number)
        })
        .copied()
}

/// The one count of a clause that opens with last year (`上年共收到申请
/// 25件`, `上年度收到的申请数为25件`, `2024年受理申请25件` in the 2025
/// report) and receives requests: last year's figure. Not the carry-over
/// (`上年结转2件`, `上年度未办结的`).
fn last_years_statement<'a>(
    chars: &[char],
    clause: std::ops::Range<usize>,
    figures: &[&'a Figure],
    year: i32,
) -> Option<&'a Figure> {
    let text: String = chars[clause.clone()].iter().collect();
    let text = text.trim_start_matches(['在', ' ', '\u{3000}']);
    let by_number = format!("{}年", year - 1);
    let rest = LAST_YEARS
        .iter()
        .chain(std::iter::once(&by_number.as_str()))
        .filter_map(|w| text.strip_prefix(w))
        .min_by_key(|r| r.len())?;
    let rest = rest.trim_start_matches(['度', '，', ',', '共', '全', '年']);
    // Not the carry-over, a sum over years ("2024年和2025年两年累计"), nor
    // a part of the year ("2024年12月底收到的1件申请").
    let other = [
        "结转",
        "遗留",
        "未办结",
        "未办",
        "积压",
        "年",
        "累计",
        "合计",
        "总计",
        "月",
        "季度",
        "底",
        "末",
        "以来",
        "期间",
    ];
    if rest.starts_with(|c: char| c.is_ascii_digit()) || other.iter().any(|w| rest.has_word(w)) {
        return None;
    }
    let receives = ["收到", "受理", "新收", "接收", "申请量", "申请数"];
    if !receives.iter().any(|w| rest.has_word(w)) {
        return None;
    }
    let mut counts = figures
        .iter()
        .filter(|f| f.unit == Unit::Count && f.start >= clause.start && f.end <= clause.end);
    match (counts.next(), counts.next()) {
        (Some(f), None) => Some(*f),
        _ => None,
    }
}

/// Whether another count stands between the figure the sentence gave at
/// `subject` and the clause: the change is of that count
/// (`收到申请41件，其中网上申请33件，同比增长50%`). A count that is itself
/// a change already read (`收到申请12件，比上年增加6件，增长50%`) or last
/// year's figure (`较上年的6件增加6件，增长100%`) is not another count.
fn counted_between(
    figures: &[&Figure],
    subject: usize,
    clause_start: usize,
    read: &[Change<'_>],
) -> bool {
    let is_read = |f: &Figure| {
        read.iter()
            .any(|c| c.by.is_some_and(|b| std::ptr::eq(b, f)))
    };
    figures
        .iter()
        .any(|f| f.unit == Unit::Count && f.start > subject && f.end <= clause_start && !is_read(f))
}

/// Words in a clause of change naming a part of the requests
/// (`企业申请同比增长100%`): a channel, a kind of applicant, a subject
/// matter.
pub(crate) const PARTS: [&str; 19] = [
    "其中",
    "网上",
    "网络",
    "在线",
    "信函",
    "当面",
    "传真",
    "邮件",
    "企业",
    "自然人",
    "法人",
    "科研机构",
    "公益组织",
    "法律服务机构",
    "律师",
    "其他组织",
    "公民",
    "涉及",
    "平台",
];

/// The part of the requests a clause of change names, when it names one:
/// the one applicant's columns asking (`自然人申请同比增长25.1%`,
/// `来自律师事务所的申请较上年增加5件`), else `Some(None)` for a part no
/// table row counts (a channel, a subject, several applicants).
fn part_named(clause: &str) -> Option<Option<Category>> {
    let named: Vec<&str> = PARTS
        .iter()
        .copied()
        .filter(|w| clause.has_word(w))
        .collect();
    if named.is_empty() {
        return None;
    }
    let applicants_only = named.iter().all(|w| !NOT_APPLICANTS.contains(w));
    Some(
        rows::sole_asking_applicant(clause)
            .filter(|_| applicants_only)
            .map(|(from, to)| Category::Applicant(from, to)),
    )
}

/// The words of [`PARTS`] that name no applicant.
const NOT_APPLICANTS: [&str; 10] = [
    "其中", "网上", "网络", "在线", "信函", "当面", "传真", "邮件", "涉及", "平台",
];

/// The change one clause states of `category`.
fn read<'a>(
    chars: &[char],
    clause: std::ops::Range<usize>,
    figures: &[&'a Figure],
    category: Category,
    marked_here: bool,
    was: Option<&Figure>,
) -> Option<Change<'a>> {
    let text: String = chars[clause.clone()].iter().collect();
    // "收到申请6件，与上年持平"; not "与上年相比，收到申请6件，口径一致".
    // A magnitude noun compares by itself: "与上年相比，申请的增幅为零".
    // "与2024年结转下年度的8件相同", "与上年报告结转下年度数据一致":
    // figures set side by side, not a change.
    let figure_compared = text.find('与').is_some_and(|i| {
        let frame = text.slice_from(i);
        frame.contains(|c: char| c.is_ascii_digit()) || frame.contains("报告")
    });
    if (marked_here
        && !figure_compared
        && ["持平", "相同", "一致", "没有变化", "无变化", "零增长"]
            .iter()
            .any(|w| text.has_word(w)))
        || no_magnitude(&text)
    {
        return Some(Change {
            category,
            direction: Direction::Same,
            by: None,
            worded: None,
            start: clause.start,
            end: clause.end,
        });
    }
    let inside: Vec<&'a Figure> = figures
        .iter()
        .filter(|f| f.start >= clause.start && f.end <= clause.end)
        .copied()
        .collect();
    // The figure after the direction word ("较上年的37件增加4件": 4, not 37).
    let Some((by, direction)) = inside.iter().find_map(|f| {
        let before: String = chars[clause.start..f.start].iter().collect();
        // "减少了3件", "增加约2件".
        let before = before.trim_end_matches(['了', '约']);
        if UP.iter().any(|w| before.ends_with(w)) {
            Some((*f, Direction::Up))
        } else if DOWN.iter().any(|w| before.ends_with(w)) {
            Some((*f, Direction::Down))
        } else if f.unit == Unit::Percent {
            // "增幅17.1%", "同比降幅为20%", "增幅达50%".
            magnitude(before).map(|d| (*f, d))
        } else {
            None
        }
    }) else {
        // No figure: the size in words, if any ("比2023年的37件有所增加"
        // gives only last year's figure); else no change is stated ("与上年
        // 相比，收到申请6件").
        let last_years = |f: &&Figure| was.is_some_and(|w| std::ptr::eq(*f, w));
        return inside
            .iter()
            .all(last_years)
            .then(|| worded(&text, category, clause, marked_here))
            .flatten();
    };
    // "增长20个百分点" is not a percentage of the figure; money is not a count.
    if by.unit == Unit::Yuan || (by.unit == Unit::Percent && chars.get(by.end) == Some(&'点')) {
        return None;
    }
    Some(Change {
        category,
        direction,
        by: Some(by),
        worded: None,
        start: clause.start,
        end: clause.end,
    })
}

/// What a clause compared with last year counts when no figure came before
/// it: the rows its words name (`予以公开的件数`, `行政复议案件`), else the
/// requests received (`申请量`, `受理量`, `受理的申请`).
fn subject_named(clause: &str) -> Option<Category> {
    // "予以公开率与上年持平", "办结率同比提高": a rate, not a count.
    if super::shares::RATE_WORDS.iter().any(|w| clause.has_word(w)) {
        return None;
    }
    const NAMED: [(&str, Category); 13] = [
        ("予以公开", Category::Result("予以公开")),
        ("其他处理", Category::Result("其他处理")),
        ("上年结转", Category::CarriedIn),
        ("部分公开", Category::Result("部分公开")),
        ("不予公开", Category::Result("不予公开")),
        ("无法提供", Category::Result("无法提供")),
        ("不予处理", Category::Result("不予处理")),
        ("行政复议", Category::Reconsideration),
        ("行政诉讼", Category::Litigation),
        ("办结", Category::Decided),
        // "答复数量同比有所下降".
        ("答复数量", Category::Decided),
        ("答复量", Category::Decided),
        ("结转下年", Category::CarriedOut),
    ];
    // "因重复申请不予处理的与上年持平": one reason's requests.
    let reasons: Vec<&'static str> = super::rows::items_in(clause)
        .into_iter()
        .filter_map(|(_, item)| match item {
            super::rows::Item::Reason(key, _) => Some(key),
            _ => None,
        })
        .collect();
    if !reasons.is_empty() {
        return match reasons.as_slice() {
            [one] => Some(Category::Reason(one)),
            _ => None,
        };
    }
    let named: Vec<Category> = NAMED
        .iter()
        .filter(|(w, _)| clause.has_word(w))
        .map(|(_, c)| *c)
        .chain(decisions_named(clause))
        .collect();
    match named.as_slice() {
        [one] => Some(*one),
        // "因重复申请不予处理的与上年持平": a reason's requests, not all
        // received (an applicant's are its column, by `part_named`).
        [] if super::rows::items_in(clause)
            .iter()
            .any(|(_, item)| !matches!(item, super::rows::Item::Applicant(..))) =>
        {
            None
        }
        [] => ["申请", "受理量", "收件量", "申请量"]
            .iter()
            .any(|w| clause.has_word(w))
            .then_some(Category::Received),
        // Two measures in one clause: which one changed is not read.
        _ => None,
    }
}

/// The rows of 表二 whose decisions a clause may name as its subject.
const DECISION_ROWS: [(&str, &str); 3] = [
    ("行政许可", t2::LICENSING),
    ("行政处罚", t2::PENALTIES),
    ("行政强制", t2::ENFORCEMENT),
];

/// Work on decisions that is not making them (`公开行政处罚决定`,
/// `受理行政许可申请`).
const NOT_MAKING: [&str; 8] = [
    "公开", "公示", "受理", "申请", "复议", "诉讼", "撤销", "信息",
];

/// The 表二 row whose decisions `clause` names (`行政处罚决定数`,
/// `作出的行政许可决定`, `行政处罚案件`), when nothing but making them is
/// said of them.
fn decisions_named(clause: &str) -> Option<Category> {
    DECISION_ROWS.iter().find_map(|(name, row)| {
        let at = clause.find(name)?;
        let rest = clause.slice_from(at + name.len());
        let decided = ["决定", "处理决定", "案件"]
            .iter()
            .any(|w| rest.starts_with(w));
        let other_work = NOT_MAKING.iter().any(|w| clause.has_word(w));
        (decided && !other_work).then_some(Category::Decisions(row))
    })
}

/// A change stated in words without a figure: `增加了三成`, `翻了一番`,
/// `小幅上升`, `有所减少`.
fn worded(
    text: &str,
    category: Category,
    clause: std::ops::Range<usize>,
    marked_here: bool,
) -> Option<Change<'static>> {
    let change = |direction, worded| Change {
        category,
        direction,
        by: None,
        worded: Some(worded),
        start: clause.start,
        end: clause.end,
    };
    if let Some((times, decimals)) = times_last_year(text) {
        let direction = if times > 1.0 {
            Direction::Up
        } else if times < 1.0 {
            Direction::Down
        } else {
            Direction::Same
        };
        return Some(change(direction, Worded::Times(times, decimals)));
    }
    if [
        "翻了一番",
        "翻一番",
        "翻番",
        "增加了一倍",
        "增长了一倍",
        "增加一倍",
        "增长一倍",
    ]
    .iter()
    .any(|w| text.has_word(w))
    {
        return Some(change(Direction::Up, Worded::Doubled));
    }
    // The direction word and what follows it: "增加了三成", "下降两成左右".
    let (direction, at) = direction_word(text)?;
    let after = text.slice_from(at);
    let after = after.trim_start_matches(['了', '约']);
    if let Some(worded) = tenths_after(after) {
        return Some(change(direction, worded));
    }
    // "增长了一半": five tenths; "近一半", "过半": the direction only.
    if after.starts_with("一半") {
        let near = ["近", "约", "将近", "接近"]
            .iter()
            .any(|w| text.slice_to(at).ends_with(w))
            || text
                .slice_from(at)
                .trim_start_matches('了')
                .starts_with(['近', '约'])
            || after.starts_with("一半左右");
        return Some(change(
            direction,
            if near {
                Worded::Direction
            } else {
                Worded::Tenths(5)
            },
        ));
    }
    if ["过半", "近半", "近一半", "约一半"]
        .iter()
        .any(|w| after.starts_with(w))
    {
        return Some(change(direction, Worded::Direction));
    }
    let before = text.slice_to(at);
    // "同比下降", "较上年增长明显": the direction ends the clause, alone or
    // with a word that gives no size.
    let alone = marked_here && (after.trim().is_empty() || DIRECTION_AFTER.contains(&after.trim()));
    (alone || DIRECTION_ONLY.iter().any(|w| before.has_word(w)))
        .then(|| change(direction, Worded::Direction))
}

/// The size in tenths right after a direction word (`三成`, `近三成`,
/// `两成以上`, `超过两成`, `两成多`).
fn tenths_after(after: &str) -> Option<Worded> {
    // "近三成": below the tenths written, so only the direction is judged.
    let near_tenths =
        after.starts_with('近') && !after.starts_with("近一半") && !after.starts_with("近半");
    let after = if near_tenths {
        after.trim_start_matches('近')
    } else {
        after
    };
    // "超过两成", "逾两成": at least the tenths written.
    let over = ["超过", "逾", "超"]
        .iter()
        .find_map(|w| after.strip_prefix(w));
    let after = over.unwrap_or(after);
    let tenths = after.chars().next().and_then(|c| {
        let n = digit_value(c).filter(|n| *n > 0)?;
        after.chars().nth(1).filter(|c| *c == '成').map(|_| n)
    });
    let n = tenths?;
    let rest = after.slice_from(after.char_indices().nth(2).map_or(after.len(), |(i, _)| i));
    Some(if near_tenths {
        Worded::Direction
    } else if over.is_some() || rest.starts_with("以上") {
        Worded::TenthsRange(n, None)
    } else if rest.starts_with(['多', '余']) {
        Worded::TenthsRange(n, Some(n + 1))
    } else {
        Worded::Tenths(n)
    })
}

/// This year's figure as a multiple of last year's (`为上年的1.5倍`,
/// `是去年同期的两倍`): the multiple and its decimals.
fn times_last_year(clause: &str) -> Option<(f64, u32)> {
    LAST_YEARS.iter().find_map(|w| {
        let at = clause.find(&format!("{w}的"))?;
        let before = clause.slice_to(at);
        if !["为", "是", "相当于", "达到", "达"]
            .iter()
            .any(|v| before.ends_with(v))
        {
            return None;
        }
        let rest = clause.slice_from(at + w.len() + "的".len());
        let number: String = rest
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        let (value, decimals, len) = if number.is_empty() {
            let c = rest.chars().next()?;
            (
                f64::from(digit_value(c).filter(|n| *n > 1)?),
                0,
                c.len_utf8(),
            )
        } else {
            let decimals = number.split_once('.').map_or(0, |(_, d)| d.len() as u32);
            (number.parse().ok()?, decimals, number.len())
        };
        rest.slice_from(len)
            .starts_with('倍')
            .then_some((value, decimals))
    })
}

/// Words after a direction, ending its clause, that state it without a
/// size (`增长明显`, `减少较多`).
const DIRECTION_AFTER: [&str; 7] = [
    "明显",
    "显著",
    "较多",
    "较快",
    "较大",
    "明显增多",
    "幅度较大",
];

/// The first direction word of `text` and the byte after it.
fn direction_word(text: &str) -> Option<(Direction, usize)> {
    let up = UP
        .iter()
        .chain(&["多出", "多了"])
        .filter(|w| w.chars().count() > 1)
        .filter_map(|w| text.find(w).map(|i| (i, i + w.len(), Direction::Up)));
    let down = DOWN
        .iter()
        .chain(&["少了", "减了"])
        .filter(|w| w.chars().count() > 1)
        .filter_map(|w| text.find(w).map(|i| (i, i + w.len(), Direction::Down)));
    let found: Vec<(usize, usize, Direction)> = up.chain(down).collect();
    let (first, _, _) = *found.iter().min_by_key(|(i, _, _)| *i)?;
    // Both ways in one clause ("有增有减"): not read.
    if found.iter().any(|(_, _, d)| *d != found[0].2) && found.len() > 1 {
        let ways: Vec<Direction> = found.iter().map(|(_, _, d)| *d).collect();
        if ways.contains(&Direction::Up) && ways.contains(&Direction::Down) {
            return None;
        }
    }
    found
        .iter()
        .filter(|(i, _, _)| *i == first)
        .max_by_key(|(_, end, _)| *end)
        .map(|(_, end, d)| (*d, *end))
}

/// What last year's and this year's figures give against a change, in
/// words, or `None` when they agree. `rounds_to` judges a percentage.
pub(crate) fn contradiction(
    change: &Change<'_>,
    now: u64,
    before: u64,
    rounds_to: impl Fn(f64, f64, u32) -> bool,
) -> Option<String> {
    // "上年为37件": last year's figure itself.
    if change.direction == Direction::Was {
        return change
            .by
            .filter(|f| f.value as u64 != before)
            .map(|_| format!("是 {before}"));
    }
    let actual = if now > before {
        Direction::Up
    } else if now < before {
        Direction::Down
    } else {
        Direction::Same
    };
    let diff = now.abs_diff(before);
    let fact = match actual {
        Direction::Up => format!("从 {before} 增加到 {now}（多 {diff} 件）"),
        Direction::Down => format!("从 {before} 减少到 {now}（少 {diff} 件）"),
        Direction::Same | Direction::Was => format!("都是 {now}"),
    };
    let agrees = match (change.by, change.worded) {
        // "与上年持平".
        (None, None) => actual == Direction::Same,
        // "小幅上升": the direction alone.
        (None, Some(Worded::Direction)) => actual == change.direction,
        // "为上年的1.5倍": the ratio to the digits written, within 5 %.
        (None, Some(Worded::Times(times, decimals))) => {
            let ratio = now as f64 / before as f64;
            let step = 0.5 / 10f64.powi(decimals as i32);
            before > 0 && (ratio - times).abs() <= step.min(0.05 * times)
        }
        // "翻了一番": about twice last year's.
        (None, Some(Worded::Doubled)) => {
            actual == Direction::Up && (now as f64) >= 1.8 * before as f64
        }
        // "增长两成以上", "两成多": the share within the tenths written.
        (None, Some(Worded::TenthsRange(from, to))) => {
            let share = diff as f64 * 10.0 / before.max(1) as f64;
            before > 0
                && actual == change.direction
                && share >= f64::from(from) - 1e-9
                && to.is_none_or(|t| share <= f64::from(t) + 1e-9)
        }
        // "增加了三成": the share rounds to the tenths written.
        (None, Some(Worded::Tenths(n))) => {
            before > 0
                && actual == change.direction
                && (diff as f64 * 10.0 / before as f64).round() as u32 == n
        }
        // "较上年增加2件": from 4 to 6.
        (Some(f), _) if f.unit == Unit::Count => {
            actual == change.direction && diff == f.value as u64
        }
        // "同比下降25%": from 8 to 6, within the rounding of the written share.
        (Some(f), _) => {
            before > 0
                && actual == change.direction
                && rounds_to(diff as f64 * 100.0 / before as f64, f.value, f.decimals)
        }
    };
    (!agrees).then_some(fact)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::numbers::figures;

    /// The changes `text` states, in the report of `year`: each one's
    /// direction, figure and category. With `counted`, the sentence's first
    /// figure is its count of the requests received.
    fn stated(text: &str, counted: bool, year: i32) -> Vec<(Direction, Option<f64>, Category)> {
        let chars: Vec<char> = text.chars().collect();
        let all = figures(&chars);
        let refs: Vec<&Figure> = all.iter().collect();
        let first = [(all.first().map_or(0, |f| f.start), Category::Received)];
        let claims: &[(usize, Category)] = if counted { &first } else { &[] };
        changes(&chars, 0..chars.len(), &refs, claims, year)
            .into_iter()
            .map(|c| (c.direction, c.by.map(|f| f.value), c.category))
            .collect()
    }

    fn read_all(text: &str) -> Vec<(Direction, Option<f64>)> {
        stated(text, true, 2024)
            .into_iter()
            .map(|(d, by, _)| (d, by))
            .collect()
    }

    #[test]
    fn changes_over_last_year() {
        use Direction::*;
        assert_eq!(read_all("收到申请6件，较上年增加2件"), [(Up, Some(2.0))]);
        assert_eq!(read_all("收到申请6件，同比下降25%"), [(Down, Some(25.0))]);
        assert_eq!(read_all("收到申请6件，与上年持平"), [(Same, None)]);

        // A rate's change is not its count's.
        assert_eq!(read_all("予以公开率与上年持平，均为40%"), []);
        assert_eq!(
            read_all("收到申请6件，较2023年减少了3件"),
            [(Down, Some(3.0))]
        );
        assert_eq!(read_all("与上年相比，申请量增长了50%"), [(Up, Some(50.0))]);
        for quiet in [
            "收到申请6件，较2022年减少3件",
            "与上年相比，收到申请6件，口径一致",
            "上年结转8件，与2024年度报告中结转下年度的8件一致",
            "上年结转8件，与上年报告结转下年度数据一致",
            "收到申请6件，同比提高5个百分点",
        ] {
            assert!(read_all(quiet).is_empty(), "{quiet}");
        }
    }

    #[test]
    fn last_years_count_stated_on_its_own_is_read() {
        use Direction::*;
        let no_claims = |text: &str| -> Vec<(Direction, Option<f64>)> {
            let found = stated(text, false, 2025).into_iter();
            found.map(|(d, by, _)| (d, by)).collect()
        };
        assert_eq!(no_claims("上年度收到的申请数为25件"), [(Was, Some(25.0))]);
        assert_eq!(no_claims("上年共收到申请25件"), [(Was, Some(25.0))]);
        assert_eq!(no_claims("2024年受理申请25件"), [(Was, Some(25.0))]);
        // The carry-over, two figures, the year before last, a sum over
        // years, a part of the year.
        for quiet in [
            "上年结转申请2件",
            "上年度未办结的申请2件",
            "上年共收到申请25件、办结24件",
            "2023年受理申请25件",
            "2024年和2025年两年累计收到申请234件",
            "2024年12月底收到的1件申请",
            "上年第四季度收到申请5件",
        ] {
            assert!(no_claims(quiet).is_empty(), "{quiet}");
        }
    }

    #[test]
    fn every_comparison_of_a_sentence_is_read() {
        use Direction::*;
        assert_eq!(
            read_all("收到申请12件，比上年增加6件，增长50%"),
            [(Up, Some(6.0)), (Up, Some(50.0))]
        );
        assert_eq!(
            read_all("收到申请12件，较上年的6件增加6件，增长100%"),
            [(Was, Some(6.0)), (Up, Some(6.0)), (Up, Some(100.0))]
        );
        // Another count between: the change is of that one.
        assert!(read_all("收到申请41件，其中网上申请33件，同比增长50%").is_empty());
    }

    /// What each change `text` states is a change of.
    fn of(text: &str) -> Vec<Category> {
        let found = stated(text, false, 2025).into_iter();
        found.map(|(.., category)| category).collect()
    }

    #[test]
    fn a_change_of_a_named_result_or_reason_is_not_of_the_received() {
        assert_eq!(
            of("其他处理的申请与上年持平"),
            [Category::Result("其他处理")]
        );
        assert_eq!(
            of("因重复申请不予处理的与上年持平"),
            [Category::Reason("重复申请")]
        );
        assert_eq!(of("收到的申请与上年持平"), [Category::Received]);
    }

    #[test]
    fn a_change_of_one_applicant_is_of_its_columns() {
        assert_eq!(of("自然人申请同比增长25.1%"), [Category::Applicant(0, 1)]);
        assert_eq!(
            of("来自律师事务所的申请较上年增加5件"),
            [Category::Applicant(4, 5)]
        );
        let from = of("自然人申请数量由上年的76件增至96件");
        assert!(!from.is_empty() && from.iter().all(|c| *c == Category::Applicant(0, 1)));
        // A channel, or several applicants together: no column's.
        assert!(of("网上申请同比增长20%").is_empty());
        assert!(of("企业和律师事务所申请较上年增加5件").is_empty());
    }

    #[test]
    fn last_years_figure_and_a_change_right_after_the_count() {
        use Direction::*;
        // The change is the figure after the direction word; the figure
        // before it is last year's.
        assert_eq!(
            read_all("收到申请41件，较上年的37件增加4件"),
            [(Was, Some(37.0)), (Up, Some(4.0))]
        );
        assert_eq!(read_all("收到申请41件，上年为37件"), [(Was, Some(37.0))]);
        assert_eq!(
            read_all("收到申请41件，较去年（37件）增加4件"),
            [(Was, Some(37.0)), (Up, Some(4.0))]
        );
        assert_eq!(
            read_all("收到申请41件，比2023年的37件有所增加"),
            [(Was, Some(37.0)), (Up, None)]
        );
        assert!(read_all("收到申请41件，比2022年的37件有所增加").is_empty());
        // Right after the count, a change opens its clause.
        assert_eq!(read_all("收到申请41件，增长了20%"), [(Up, Some(20.0))]);
        assert_eq!(read_all("收到申请41件，减少3件"), [(Down, Some(3.0))]);
        // Not a change: other words, or a clause of its own.
        assert!(read_all("收到申请41件，增加了网上申请渠道").is_empty());
        // Another measure came between: not the count's change.
        assert!(read_all("收到申请41件，主动公开信息218条，增长15%").is_empty());
        assert!(read_all("增长20%").is_empty());
        // The size named by a noun.
        assert_eq!(read_all("收到申请41件，增幅17.1%"), [(Up, Some(17.1))]);
        assert_eq!(
            read_all("收到申请41件，同比增幅为17.1%"),
            [(Up, Some(17.1))]
        );
        assert_eq!(read_all("收到申请41件，降幅达到20%"), [(Down, Some(20.0))]);
        assert_eq!(
            read_all("收到申请41件，较上年增幅达50%"),
            [(Up, Some(50.0))]
        );
        // 表二's decisions, named in the clause or before it.
        let decisions = Category::Decisions(t2::PENALTIES);
        assert_eq!(of("全年作出行政处罚决定35件，同比增长20%"), [decisions]);
        assert_eq!(of("行政处罚决定数同比小幅上升"), [decisions]);
        assert!(of("全年公开行政处罚决定35件，同比增长20%").is_empty());
        assert!(!of("受理行政许可申请同比增长30%").contains(&Category::Decisions(t2::LICENSING)));
        // "增加为8件" is what it rose to, not by how much.
        assert!(read_all("与上年相比，收到申请由5件增加为8件").is_empty());
        assert!(read_all("收到申请41件，其中上年结转2件").is_empty());
        assert!(read_all("收到申请41件，上年结转的2件已办结").is_empty());
        // Without a comparison, "上年度的2件" may be the requests carried over.
        assert!(read_all("收到申请41件，上年度的2件申请已全部办结").is_empty());
        assert_eq!(
            read_all("收到申请41件，去年同期为37件"),
            [(Was, Some(37.0))]
        );
        // What it came from, and to.
        let from_to = |text: &str| -> Vec<(Category, Direction, Option<f64>)> {
            let chars: Vec<char> = text.chars().collect();
            let all = figures(&chars);
            let refs: Vec<&Figure> = all.iter().collect();
            changes(&chars, 0..chars.len(), &refs, &[], 2025)
                .into_iter()
                .map(|c| (c.category, c.direction, c.by.map(|f| f.value)))
                .collect()
        };
        assert_eq!(
            from_to("新收申请由上年的125件增至192件"),
            [(Category::Received, Was, Some(125.0))]
        );
        // One applicant's: its column, last year's figure included.
        assert_eq!(
            from_to("自然人申请由上年的112件增至148件"),
            [(Category::Applicant(0, 1), Was, Some(112.0))]
        );
        // "从去年下半年开始", "由上年结转的": no comparison.
        assert!(
            read_all("收到申请192件，从去年下半年开始推行网上预约，等候时间明显减少").is_empty()
        );
        assert!(read_all("收到申请192件，由上年结转的5件已办结，重复申请有所减少").is_empty());
    }

    /// A change whose size is said in words, and what it is of.
    fn worded_in(text: &str) -> Vec<(Category, Direction, Option<Worded>)> {
        let chars: Vec<char> = text.chars().collect();
        changes(&chars, 0..chars.len(), &[], &[], 2025)
            .into_iter()
            .map(|c| (c.category, c.direction, c.worded))
            .collect()
    }

    #[test]
    fn changes_said_in_words_are_read_with_their_subject() {
        use Direction::*;
        let received = Category::Received;
        for (text, want) in [
            (
                "申请量比去年减少了四成左右",
                (received, Down, Worded::Tenths(4)),
            ),
            (
                "部分公开的件数较上年翻了一番",
                (Category::Result("部分公开"), Up, Worded::Doubled),
            ),
            (
                "行政诉讼案件同比略有减少",
                (Category::Litigation, Down, Worded::Direction),
            ),
            ("申请量同比增长了近一半", (received, Up, Worded::Direction)),
            ("申请量较上年增加近三成", (received, Up, Worded::Direction)),
            (
                "申请量较上年增长两成以上",
                (received, Up, Worded::TenthsRange(2, None)),
            ),
            (
                "申请量同比增长超过两成",
                (received, Up, Worded::TenthsRange(2, None)),
            ),
            (
                "申请量同比下降了两成多",
                (received, Down, Worded::TenthsRange(2, Some(3))),
            ),
            (
                "申请量较上年减少了一半",
                (received, Down, Worded::Tenths(5)),
            ),
            // The direction alone ends the clause, or a word without a size.
            ("申请量同比下降", (received, Down, Worded::Direction)),
            ("申请量较上年增长明显", (received, Up, Worded::Direction)),
            (
                "全年答复数量同比有所下降",
                (Category::Decided, Down, Worded::Direction),
            ),
        ] {
            let (category, direction, worded) = want;
            assert_eq!(
                worded_in(text),
                [(category, direction, Some(worded))],
                "{text}"
            );
        }
        for text in [
            // Two measures, both ways, or nothing compared.
            "予以公开和不予公开的件数同比均有所增加",
            "申请量较上年有增有减",
            "申请量增加了三成",
            "申请量下降",
            // The cause of the change, not the change.
            "申请量较上年增加的主要原因是企业申请增多",
            // A rate's change, not its count's.
            "予以公开率与上年持平",
            // Changes paired in turn with their measures.
            "行政复议6件、行政诉讼5件，分别比上年增加2件和3件",
        ] {
            assert!(worded_in(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_multiple_of_last_year_is_read_and_judged() {
        use Direction::*;
        let multiple = |text: &str| {
            worded_in(text)
                .into_iter()
                .map(|(_, d, w)| (d, w))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            multiple("申请量为上年的1.5倍"),
            [(Up, Some(Worded::Times(1.5, 1)))]
        );
        assert_eq!(
            multiple("申请量是去年同期的两倍"),
            [(Up, Some(Worded::Times(2.0, 0)))]
        );
        assert!(multiple("申请量是上年的主要来源").is_empty());
        let c = |times, decimals| Change {
            category: Category::Received,
            direction: Up,
            by: None,
            worded: Some(Worded::Times(times, decimals)),
            start: 0,
            end: 1,
        };
        let rounds = |_: f64, _: f64, _: u32| true;
        assert!(contradiction(&c(1.5, 1), 6, 4, rounds).is_none());
        assert!(contradiction(&c(2.0, 0), 6, 4, rounds).is_some());
        assert!(contradiction(&c(2.0, 0), 39, 20, rounds).is_none());
    }

    #[test]
    fn a_size_of_nothing_is_no_change() {
        use Direction::*;
        assert_eq!(read_all("收到申请6件，同比涨幅为零"), [(Same, None)]);
        assert_eq!(read_all("收到申请6件，与上年相比零增长"), [(Same, None)]);
        assert_eq!(read_all("收到申请6件，同比增幅为0"), [(Same, None)]);
        assert_eq!(read_all("收到申请6件，同比增幅为0.5%"), [(Up, Some(0.5))]);
    }

    #[test]
    fn a_change_in_words_is_judged_by_direction_and_tenths() {
        let c = |direction, worded| Change {
            category: Category::Received,
            direction,
            by: None,
            worded: Some(worded),
            start: 0,
            end: 1,
        };
        let rounds = |_: f64, _: f64, _: u32| true;
        let up3 = c(Direction::Up, Worded::Tenths(3));
        assert!(contradiction(&up3, 13, 10, rounds).is_none());
        assert!(contradiction(&up3, 15, 10, rounds).is_some());
        assert!(contradiction(&up3, 7, 10, rounds).is_some());
        let over2 = c(Direction::Up, Worded::TenthsRange(2, None));
        assert!(contradiction(&over2, 192, 152, rounds).is_none());
        assert!(contradiction(&over2, 160, 152, rounds).is_some());
        let two_odd = c(Direction::Up, Worded::TenthsRange(2, Some(3)));
        assert!(contradiction(&two_odd, 126, 100, rounds).is_none());
        assert!(contradiction(&two_odd, 131, 100, rounds).is_some());
        let doubled = c(Direction::Up, Worded::Doubled);
        assert!(contradiction(&doubled, 8, 4, rounds).is_none());
        assert!(contradiction(&doubled, 2, 3, rounds).is_some());
        let slightly = c(Direction::Down, Worded::Direction);
        assert!(contradiction(&slightly, 9, 10, rounds).is_none());
        assert!(contradiction(&slightly, 10, 10, rounds).is_some());
    }

    /// A count of `value` (cases) and a change by it over last year.
    fn count(value: f64) -> Figure {
        Figure {
            start: 0,
            end: 2,
            value,
            decimals: 0,
            unit: Unit::Count,
        }
    }

    fn by(direction: Direction, f: &Figure) -> Change<'_> {
        Change {
            category: Category::Received,
            direction,
            by: Some(f),
            worded: None,
            start: 0,
            end: 2,
        }
    }

    #[test]
    fn changes_judged_on_both_years() {
        let rounds = |e: f64, w: f64, _d: u32| (e - w).abs() < 0.5;
        let two = count(2.0);
        let c = by(Direction::Up, &two);
        assert!(contradiction(&c, 6, 4, rounds).is_none());
        assert!(contradiction(&c, 6, 5, rounds).is_some());
        assert!(contradiction(&c, 4, 6, rounds).is_some());
        // "上年为37件": last year's figure itself.
        let thirty_seven = count(37.0);
        let was = by(Direction::Was, &thirty_seven);
        assert!(contradiction(&was, 41, 37, rounds).is_none());
        assert_eq!(
            contradiction(&was, 41, 35, rounds).as_deref(),
            Some("是 35")
        );
    }
}
