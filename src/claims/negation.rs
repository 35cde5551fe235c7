//! Statements that something did not happen, read as a zero for the item
//! they govern: `本年度未收到政府信息公开申请` (本年新收 0),
//! `全年未发生政府信息公开行政复议、行政诉讼案件` (both rows of 表四 0),
//! `未作出不予公开决定`, `行政复议、行政诉讼均为零`.
//!
//! A negation governs what follows it in its clause: optional verbs and
//! words that do not narrow the item (`政府信息公开`, `任何`, `因…被`), then
//! one item or several joined by `、` `和` `或`, then words such as `案件`
//! `情况`. Anything else before the item narrows it (`未收到信函申请` says
//! nothing of the total) and the clause is not read; an item that runs on
//! into another word (`申请人`) is not the item.

use super::rows;
use super::topic::Category;
use crate::find::Find;
use crate::slice::Slice;

/// An item a statement can deny.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Item {
    /// A figure of the tables (表三, 表四 or 表二).
    Table(Category),
    /// 政府信息公开申请: received, when the verb receives.
    Requests,
    /// 收费通知 (notices sent).
    FeeNotices,
    /// 信息处理费 collected.
    FeeCollected,
    /// 收费 of any kind: notices and collection.
    Fees,
    /// A document of 表二 by the verb: made or repealed.
    Documents(&'static str),
}

/// A denied item and where the statement is, in characters of the text.
#[derive(Debug, Clone)]
pub(crate) struct Denial {
    /// What is said to be zero.
    pub item: Item,
    /// First character of the statement (the negation or its subject).
    pub start: usize,
    /// One past its last character.
    pub end: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    /// A verb saying what did not happen; receiving verbs make 申请 the
    /// requests received.
    Verb(Verb),
    /// Words that neither name nor narrow the item.
    Filler,
    /// An item.
    Item(Item),
    /// Joins items.
    Conj,
    /// Closes an item: 案件, 情况, 决定.
    Tail,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verb {
    Receive,
    Happen,
    Decide,
    Issue,
    Collect,
    Make,
    Repeal,
}

const VERBS: [(&str, Verb); 36] = [
    ("收到", Verb::Receive),
    ("接到", Verb::Receive),
    ("受理", Verb::Receive),
    ("接收", Verb::Receive),
    ("新收", Verb::Receive),
    ("收", Verb::Receive),
    ("有人提出", Verb::Receive),
    ("提出", Verb::Receive),
    ("发生", Verb::Happen),
    ("出现", Verb::Happen),
    ("产生", Verb::Happen),
    ("存在", Verb::Happen),
    ("有", Verb::Happen),
    ("涉及", Verb::Happen),
    ("引发", Verb::Happen),
    ("引起", Verb::Happen),
    ("被提起", Verb::Happen),
    ("被申请", Verb::Happen),
    ("遇到", Verb::Happen),
    ("作出", Verb::Decide),
    ("做出", Verb::Decide),
    ("发出", Verb::Issue),
    ("开具", Verb::Issue),
    ("下发", Verb::Issue),
    ("收取", Verb::Collect),
    ("收缴", Verb::Collect),
    ("制发", Verb::Make),
    ("制定", Verb::Make),
    ("出台", Verb::Make),
    ("印发", Verb::Make),
    ("新制发", Verb::Make),
    ("制作", Verb::Make),
    ("新制作", Verb::Make),
    ("实施", Verb::Decide),
    ("废止", Verb::Repeal),
    ("宣布失效", Verb::Repeal),
];

const FILLERS: [&str; 64] = [
    "公民、法人或者其他组织",
    "公民、法人或其他组织",
    "公民、法人和其他组织",
    "社会公众",
    "人民群众",
    "群众",
    "任何单位和个人",
    "任何单位或个人",
    "任何单位或者个人",
    "任何组织和个人",
    "任何组织或个人",
    "任何形式",
    "任何方式",
    "任何渠道",
    "来自",
    "由",
    "以",
    "提出的",
    "政府信息公开答复",
    "信息公开答复",
    "政府信息公开",
    "信息公开",
    "政务公开",
    "政府信息",
    "公开",
    "任何",
    "过",
    "了",
    "的",
    "相关",
    "有关",
    "因",
    "被",
    "新",
    "针对",
    "对",
    "本机关",
    "本单位",
    "本部门",
    "我局",
    "我委",
    "我办",
    "我单位",
    "我机关",
    "工作",
    "方面",
    "一件",
    "一起",
    "一例",
    "1件",
    "1起",
    "向申请人",
    "申请人",
    "行政机关",
    "类",
    "人",
    "需",
    "需要",
    "须",
    "待",
    "本局",
    "而",
    "向",
    "均",
];

const ITEMS: [(&str, Item); 54] = [
    ("自然人", Item::Table(Category::Applicant(0, 1))),
    ("法人或其他组织", Item::Table(Category::Applicant(1, 6))),
    ("法人或者其他组织", Item::Table(Category::Applicant(1, 6))),
    ("法人和其他组织", Item::Table(Category::Applicant(1, 6))),
    ("商业企业", Item::Table(Category::Applicant(1, 2))),
    ("科研机构", Item::Table(Category::Applicant(2, 3))),
    ("研究机构", Item::Table(Category::Applicant(2, 3))),
    ("公益组织", Item::Table(Category::Applicant(3, 4))),
    ("其他组织", Item::Table(Category::Applicant(5, 6))),
    ("社会公益组织", Item::Table(Category::Applicant(3, 4))),
    ("法律服务机构", Item::Table(Category::Applicant(4, 5))),
    ("企业", Item::Table(Category::Applicant(1, 2))),
    ("律师事务所", Item::Table(Category::Applicant(4, 5))),
    ("上年结转", Item::Table(Category::CarriedIn)),
    ("上一年度结转", Item::Table(Category::CarriedIn)),
    ("上年度结转", Item::Table(Category::CarriedIn)),
    ("结转下年度", Item::Table(Category::CarriedOut)),
    ("结转至下一年度", Item::Table(Category::CarriedOut)),
    ("结转到下一年度", Item::Table(Category::CarriedOut)),
    ("结转下一年度", Item::Table(Category::CarriedOut)),
    ("结转至下年度", Item::Table(Category::CarriedOut)),
    ("结转到下年度", Item::Table(Category::CarriedOut)),
    // "办结率100%，无积压": nothing left to carry over.
    ("积压", Item::Table(Category::CarriedOut)),
    ("政府信息公开申请", Item::Requests),
    // "无依申请公开事项": the requests, named by the kind of disclosure.
    ("依申请公开", Item::Requests),
    ("公开申请", Item::Requests),
    ("申请", Item::Requests),
    ("申请行政复议", Item::Table(Category::Reconsideration)),
    ("申请复议", Item::Table(Category::Reconsideration)),
    ("行政复议", Item::Table(Category::Reconsideration)),
    ("复议", Item::Table(Category::Reconsideration)),
    ("提起行政诉讼", Item::Table(Category::Litigation)),
    ("提起诉讼", Item::Table(Category::Litigation)),
    ("行政诉讼", Item::Table(Category::Litigation)),
    ("诉讼", Item::Table(Category::Litigation)),
    ("行政应诉", Item::Table(Category::Litigation)),
    ("起诉", Item::Table(Category::Litigation)),
    ("不予公开", Item::Table(Category::Result("不予公开"))),
    // Only with a verb of deciding: "未作出予以公开决定" denies the row,
    // "未予以公开" says a request was refused.
    ("予以公开", Item::Table(Category::Result("予以公开"))),
    ("部分公开", Item::Table(Category::Result("部分公开"))),
    ("无法提供", Item::Table(Category::Result("无法提供"))),
    ("不予处理", Item::Table(Category::Result("不予处理"))),
    ("收费通知", Item::FeeNotices),
    ("缴费通知", Item::FeeNotices),
    // "未发出信息处理费收费通知": the notices, not the fee.
    ("信息处理费收费通知", Item::FeeNotices),
    ("信息处理费缴费通知", Item::FeeNotices),
    ("信息处理费", Item::FeeCollected),
    ("处理费", Item::FeeCollected),
    ("费用", Item::FeeCollected),
    ("收费", Item::Fees),
    ("行政规范性文件", Item::Documents("行政规范性文件")),
    ("规范性文件", Item::Documents("行政规范性文件")),
    ("政府规章", Item::Documents("规章")),
    ("规章", Item::Documents("规章")),
];

const CONJ: [&str; 9] = ["、", "和", "或者", "或", "以及", "及", "与", "/", "或是"];

const TAILS: [&str; 27] = [
    "案件",
    "案",
    "情况",
    "情形",
    "决定",
    "事项",
    "事件",
    "行为",
    "等",
    "数量",
    "总数",
    "数",
    "工作",
    "件",
    "答复",
    "继续办理",
    "办理",
    "处理",
    "受理量",
    "受理数",
    "收到数",
    "接收数",
    "办理量",
    "办理数",
    "量",
    "件数",
    "收取",
];

/// The longest token at the start of `rest`.
fn token(rest: &str) -> Option<(Token, usize)> {
    let mut best: Option<(Token, usize)> = None;
    let mut offer = |t: Token, w: &str| {
        // The longest word wins: "申请人" is a filler, not the item 申请
        // ("未收到申请人补正材料").
        if rest.starts_with(w) && best.is_none_or(|(_, l)| w.len() > l) {
            best = Some((t, w.len()));
        }
    };
    for (w, v) in VERBS {
        offer(Token::Verb(v), w);
    }
    for w in FILLERS {
        offer(Token::Filler, w);
    }
    for (w, i) in ITEMS {
        offer(Token::Item(i), w);
    }
    for w in CONJ {
        offer(Token::Conj, w);
    }
    for w in TAILS {
        offer(Token::Tail, w);
    }
    // "结转至2026年": carried into the year named by its number.
    if let Some(len) = carried_into_year(rest) {
        offer(
            Token::Item(Item::Table(Category::CarriedOut)),
            rest.slice_to(len),
        );
    }
    // 规章制度 are an agency's own rules, not 表二's 规章.
    if rest.starts_with("规章制度") {
        return None;
    }
    best
}

/// The length of a carry-over into a year named by its number at the start
/// of `rest` (`结转至2026年`, `结转到2026年度`): the next year's, as the
/// negation of last year's (`上年没有结转…`) is read before the items.
fn carried_into_year(rest: &str) -> Option<usize> {
    let after = ["结转至", "结转到"]
        .iter()
        .find_map(|w| rest.strip_prefix(w))?;
    let digits = after.chars().take_while(char::is_ascii_digit).count();
    let year = after.slice_from(digits);
    let unit = ["年度", "年"].iter().find(|w| year.starts_with(*w))?;
    (digits == 4).then(|| rest.len() - after.len() + digits + unit.len())
}

/// Reads `text` as verbs, fillers and a list of items up to its end (or
/// up to `stop` bytes): the items with the verb that governs each, or
/// `None` when something else narrows or names them.
fn items(text: &str, mut verb: Option<Verb>) -> Option<Vec<(Item, Option<Verb>)>> {
    let mut out = Vec::new();
    let mut at = 0;
    let mut after_item = false;
    let mut after_deng = false;
    // After "商业企业提出的": words that do not narrow may stand before the
    // requests they qualify ("的任何政府信息公开申请").
    let mut qualified = false;
    while at < text.len() {
        let rest = text.slice_from(at);
        // "通过网络、信函等任何渠道提交的": every channel, no narrowing;
        // "因政府信息公开申请引起的": the cause of the cases, not an item.
        let cause = || disclosure_cause(rest).filter(|_| !after_item);
        if let Some(len) = any_channel(rest).or_else(cause) {
            at += len;
            continue;
        }
        // "商业企业提出的", "以自然人名义提交的": the applicants qualify
        // the requests that follow.
        if after_item
            && out.last().is_some_and(|(i, _)| applicant(*i))
            && let Some(w) = AFTER_APPLICANT.iter().find(|w| rest.starts_with(*w))
        {
            at += w.len();
            qualified = true;
            continue;
        }
        let (t, len) = token(rest)?;
        // "商业企业、科研机构等法人或其他组织": the group after 等 sums up
        // the list.
        let summed_up = after_deng && matches!(t, Token::Item(i) if applicant(i));
        after_deng = rest.starts_with('等') && out.last().is_some_and(|(i, _)| applicant(*i));
        if summed_up {
            at += len;
            continue;
        }
        match t {
            // "无行政复议发生": a verb of happening may close the items.
            Token::Verb(Verb::Happen) if after_item && !out.is_empty() => {}
            Token::Verb(v) => {
                if after_item && !out.is_empty() {
                    return None;
                }
                // The verb says what the item is ("未收到政府信息公开申请": received).
                verb = Some(v);
            }
            Token::Filler => {
                if after_item && !qualified {
                    // "行政复议的情况", "法人提出的申请": 的 may close an item;
                    // "申请政府信息公开": 申请 as the verb of its object.
                    let object = out.last().is_some_and(|(i, _)| *i == Item::Requests)
                        && ["政府信息公开", "信息公开", "公开"]
                            .iter()
                            .any(|w| rest.starts_with(w));
                    // "依申请公开工作量": 工作 closes the item as a tail.
                    let tail = TAILS.contains(&text.slice(at, at + len));
                    if !rest.starts_with('的') && !rest.starts_with("提出的") && !object && !tail
                    {
                        return None;
                    }
                }
            }
            // "上年结转的申请", "不予公开的申请": the requests are the head
            // the item qualifies.
            // "需要收费的申请" are requests narrowed by the fee, not fees.
            Token::Item(Item::Requests) if after_item => {
                if out
                    .last()
                    .is_some_and(|(i, _)| !matches!(i, Item::Table(_)))
                {
                    return None;
                }
            }
            Token::Item(i) => {
                if after_item {
                    return None;
                }
                // "全年未发生政府信息公开行政复议、行政诉讼案件": each item after a conjunction.
                out.push((i, verb));
                after_item = true;
                qualified = false;
            }
            // "科研机构和社会公益组织", "行政复议、行政诉讼".
            Token::Conj => {
                after_item = false;
                qualified = false;
            }
            Token::Tail => {
                // A tail before any item denies nothing ("未作出答复", "未办理行政复议").
                if out.is_empty() && !after_item {
                    return None;
                }
            }
        }
        at += len;
    }
    (!out.is_empty()).then_some(out)
}

/// Words after an applicant that make it the requests' qualifier
/// (`商业企业提出的申请`, `以法人名义提交的申请`), longest first.
const AFTER_APPLICANT: [&str; 9] = [
    "名义提出的",
    "名义提交的",
    "名义的",
    "提交的",
    "提出的",
    "名义",
    "提出",
    "提交",
    "的",
];

/// Whether an item is a kind of applicant (a column of 表三).
fn applicant(item: Item) -> bool {
    matches!(item, Item::Table(Category::Applicant(..)))
}

/// The length of a phrase at the start of `rest` that names every channel
/// (`通过网站、信函等任何渠道提交的`, `以任何方式`), up to its 的.
fn any_channel(rest: &str) -> Option<usize> {
    let opener = ["通过", "经由", "以", "经"]
        .iter()
        .find(|w| rest.starts_with(*w))?;
    let window: String = rest.chars().take(24).collect();
    let (at, word) = [
        "任何渠道",
        "任何方式",
        "任何形式",
        "任何途径",
        "各种渠道",
        "各种方式",
    ]
    .iter()
    .filter_map(|w| window.find(w).map(|i| (i, *w)))
    .min()?;
    // Only the channel's own words between: no clause mark.
    if window
        .slice(opener.len(), at)
        .contains(['，', '。', '；', '：'])
    {
        return None;
    }
    let mut end = at + word.len();
    for tail in ["提交的", "提出的", "提交", "提出", "的"] {
        if rest.slice_from(end).starts_with(tail) {
            end += tail.len();
            break;
        }
    }
    Some(end)
}

/// The length of a phrase at the start of `rest` naming 政府信息公开 as
/// the cause of what follows (`因政府信息公开申请引起的`, `因依申请公开而`,
/// `因此`): it does not narrow the cases it qualifies.
fn disclosure_cause(rest: &str) -> Option<usize> {
    if rest.starts_with("因此") {
        return Some("因此".len());
    }
    let opener = ["由于", "因为", "因"]
        .into_iter()
        .find(|w| rest.starts_with(w))?;
    let body = rest.slice_from(opener.len());
    let (at, closer) = CAUSE_CLOSERS
        .iter()
        .filter_map(|c| body.find(c).map(|i| (i, *c)))
        .min_by_key(|(i, c)| (*i, std::cmp::Reverse(c.len())))?;
    let cause = body.slice_to(at);
    let disclosure = ["信息公开", "公开申请", "依申请公开"]
        .iter()
        .any(|w| cause.has_word(w));
    (disclosure && cause.chars().count() <= 16 && !cause.contains(['、', '，', '和']))
        .then(|| opener.len() + at + closer.len())
}

/// Words closing a cause (`因…引起的`), longest first where they share a
/// start.
const CAUSE_CLOSERS: [&str; 13] = [
    "而引起的",
    "而引发的",
    "而产生的",
    "而导致的",
    "引起的",
    "引发的",
    "产生的",
    "导致的",
    "而被",
    "被",
    "而",
    "引起",
    "引发",
];

/// Negation words, longest first.
const NEGATIONS: [&str; 12] = [
    "均未",
    "都未",
    "从未",
    "并未",
    "未曾",
    "没有",
    "均无",
    "不收取",
    "不收费",
    "未",
    "无",
    "零",
];

/// Words that start with a negation but deny nothing here (labels of the
/// tables and set phrases).
const NOT_NEGATIONS: [&str; 18] = [
    "无法",
    "无正当",
    "无需",
    "无须",
    "无论",
    "无偿",
    "无纸",
    "无障碍",
    "无缝",
    "无误",
    "无差错",
    "未按",
    "未经",
    "未能",
    "没有现成",
    "未予",
    "无效",
    "零距离",
];

/// Predicates that deny the items before them: `均未发生`, `为零`.
const DENYING_PREDICATES: [&str; 35] = [
    "未涉及",
    "没有涉及",
    "不涉及",
    "均零发生",
    "零发生",
    "均未发生",
    "均未出现",
    "未发生",
    "未出现",
    "没有发生",
    "没有出现",
    "一件也没有",
    "一起也没有",
    "一例也没有",
    "一件都没有",
    "一起都没有",
    "均没有",
    "都没有",
    "没有",
    "均为零",
    "均为0件",
    "均为0",
    "为0件",
    "为零件",
    "是0件",
    "是零",
    "为0起",
    "零受理",
    "为零",
    "为0",
    "均无",
    "皆无",
    "全无",
    "为无",
    "无",
];

/// The denials in the sentence `range` of `chars`, clause by clause.
pub(crate) fn in_sentence(chars: &[char], range: std::ops::Range<usize>) -> Vec<Denial> {
    let mut out = Vec::new();
    let mut start = range.start;
    // The clause before, when it ended at a comma: its subject may be
    // denied by a bare predicate next (`依申请公开事项，本年度未发生`).
    let mut before: Option<(String, usize)> = None;
    // A topic fronted by 对于 or 关于 stays the subject of a bare predicate
    // clauses later (`对于行政诉讼，经逐一梳理，本年度均未涉及`).
    let mut fronted: Option<(String, usize)> = None;
    for i in range.clone().chain(std::iter::once(range.end)) {
        let ends = i == range.end
            || matches!(
                chars[i],
                '，' | ',' | '；' | ';' | '：' | ':' | '（' | '）' | '(' | ')' | '。'
            );
        if ends {
            let clause: String = chars[start..i].iter().collect();
            // "其余申请均未收取费用": the rest, not all.
            let mut found = if ["其余", "其他申请", "剩余", "其他类型", "其他类别"]
                .iter()
                .any(|w| clause.has_word(w))
            {
                Vec::new()
            } else {
                in_clause(&clause, start)
            };
            // "商业企业未申请行政复议，也未提起行政诉讼", "社会公益组织的
            // 2件申请中，无一件…": the applicants before stay the subject.
            if let Some((prev, _)) = &before
                && let Some(applicants) = inherited_applicants(prev, &clause)
            {
                found = found
                    .into_iter()
                    .filter(|d| d.item == Item::Table(Category::Received))
                    .flat_map(|d| applicants.iter().map(move |&item| Denial { item, ..d }))
                    .collect();
            }
            if found.is_empty() && bare_predicate(&clause) {
                for (subject, at) in before.iter().chain(&fronted) {
                    found = in_clause(&format!("{subject}{}", strip_time(&clause)), *at);
                    for d in &mut found {
                        d.end = i;
                    }
                    if !found.is_empty() {
                        break;
                    }
                }
            }
            out.extend(found);
            let comma = i < range.end && matches!(chars[i], '，' | ',');
            if comma && fronted.is_none() {
                fronted = fronted_topic(&clause).map(|t| (t.to_owned(), start));
            }
            before = comma.then(|| (clause.clone(), start));
            start = i + 1;
        }
    }
    out
}

/// The topic a clause fronts (`对于行政诉讼`, `关于依申请公开的行政复议`),
/// without the word that fronts it.
fn fronted_topic(clause: &str) -> Option<&str> {
    let clause = clause.trim();
    ["对于", "关于", "至于"]
        .iter()
        .find_map(|w| clause.strip_prefix(w))
        .filter(|t| !t.is_empty())
}

/// Whether `clause` is a denying predicate alone, with at most a time
/// before it (`本年度未发生`, `均为零`): its subject is the clause before.
fn bare_predicate(clause: &str) -> bool {
    let trimmed = clause.trim();
    DENYING_PREDICATES.iter().any(|p| {
        trimmed.strip_suffix(p).is_some_and(|subject| {
            strip_time(subject.trim_end_matches(['均', '都', '也', '皆', '亦'])).is_empty()
        })
    })
}

/// The denials in one clause (`clause` starts at character `offset`).
pub(crate) fn in_clause(clause: &str, offset: usize) -> Vec<Denial> {
    // Most clauses deny nothing: one pass says so.
    if !clause.contains(['未', '没', '无', '零', '不', '0']) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let char_at = |byte: usize| offset + clause.slice_to(byte).chars().count();
    let trimmed = clause.trim_end();
    // Subject first: "行政复议、行政诉讼均未发生".
    if let Some(p) = DENYING_PREDICATES.iter().find(|p| trimmed.ends_with(*p)) {
        // "行政复议和行政诉讼均为零": 均 belongs to the predicate.
        let subject = trimmed
            .slice_to(trimmed.len() - p.len())
            .trim_end_matches(['均', '都', '也', '皆', '亦']);
        let subject = strip_time(subject);
        if let Some(list) = items(subject, Some(Verb::Happen)) {
            let start = clause.len() - clause.trim_start().len();
            for (item, verb) in list {
                if let Some(item) = resolve(item, verb) {
                    out.push(Denial {
                        item,
                        start: char_at(start),
                        end: char_at(trimmed.len()),
                    });
                }
            }
            return out;
        }
    }
    for (i, _) in clause.char_indices() {
        let rest = clause.slice_from(i);
        let Some(neg) = NEGATIONS.iter().find(|n| rest.starts_with(*n)) else {
            continue;
        };
        // Set phrases that deny nothing ("无法提供", "未经复议直接起诉").
        // "无需要结转的申请" is "没有需要…", not "无需".
        // "无法律服务机构提出申请" is "没有法律服务机构…", not "无法".
        if NOT_NEGATIONS.iter().any(|w| rest.starts_with(w))
            && !rest.starts_with("无需要")
            && !rest.starts_with("无法律服务")
        {
            continue;
        }
        // "零" denies only right before its item ("零申请").
        // "不收取…", "不收费": the verb is part of the negation.
        let skip = match *neg {
            "不收取" | "不收费" => "不".len(),
            _ => neg.len(),
        };
        let governed = rest.slice_from(skip).trim_end();
        // "上年无结转申请", "上年没有结转的申请": the year before the negation
        // says which carry-over it is.
        let lead = clause.slice_to(i).trim_end();
        if governed.starts_with("结转")
            && ["上年", "上年度", "上一年", "上一年度", "去年"]
                .iter()
                .any(|w| lead.ends_with(w))
        {
            out.push(Denial {
                item: Item::Table(Category::CarriedIn),
                start: char_at(i),
                end: char_at(i + skip + governed.len()),
            });
            break;
        }
        // The negation narrows or names something else ("未收到信函申请").
        let Some(list) = items(governed, None) else {
            continue;
        };
        // "科研机构未提出申请": the applicants before the negation say whose
        // requests are denied.
        let subjects = applicants_ending(lead);
        for (item, verb) in list {
            let Some(item) = resolve(item, verb) else {
                continue;
            };
            out.extend(
                of_subjects(item, subjects.as_deref())
                    .into_iter()
                    .map(|item| Denial {
                        item,
                        start: char_at(i),
                        end: char_at(i + skip + governed.len()),
                    }),
            );
        }
        break;
    }
    out
}

/// What a denial of `item` denies when `subjects` (applicants) are its
/// subject: their columns of the requests received or of a result, or
/// nothing 表四 and the fees count by applicant.
fn of_subjects(item: Item, subjects: Option<&[Item]>) -> Vec<Item> {
    match (item, subjects) {
        (item, None) => vec![item],
        (Item::Table(Category::Received), Some(applicants)) => applicants.to_vec(),
        // "商业企业的申请无一件被不予公开": that result in the applicants'
        // columns.
        (Item::Table(Category::Result(key) | Category::Reason(key)), Some(applicants)) => {
            applicants
                .iter()
                .filter_map(|a| match a {
                    Item::Table(Category::Applicant(from, to)) => {
                        Some(Item::Table(Category::ResultOf(key, *from, *to)))
                    }
                    _ => None,
                })
                .collect()
        }
        // "自然人未提出行政复议": 表四 and the fees name no applicant.
        (_, Some(_)) => Vec::new(),
    }
}

/// The applicants `lead` ends with, whose requests a negation after it
/// denies: one (`科研机构` in `科研机构未提出申请`) or a list
/// (`科研机构、社会公益组织`), `均`, `都` or `也` after it. An applicant no
/// column of 表三 names (`高等院校`) is one of them but gives no item:
/// `高等院校未提出申请` denies nothing the tables hold. `None` when the
/// lead ends with no applicant (the denial is of every request).
fn applicants_ending(lead: &str) -> Option<Vec<Item>> {
    let mut lead = lead.trim_end_matches(['均', '都', '也', '皆', '亦', '则', '暂', '尚', '既']);
    // "科研机构本年度未提出申请", "科研机构类申请人未提出申请".
    for tail in THIS_YEAR.iter().chain(&["类申请人", "申请人"]) {
        lead = lead.strip_suffix(tail).unwrap_or(lead);
    }
    let lead = lead.trim_end_matches(['均', '都', '也', '皆', '亦', '则']);
    // "商业企业的申请均未引发行政复议", "法律服务机构提出的9件申请均未…":
    // the applicant's requests.
    let lead = ["的事项", "事项"]
        .iter()
        .find_map(|w| lead.strip_suffix(w))
        .unwrap_or(lead);
    // "自然人以外的申请人", "除自然人外的": some applicants, no column.
    if lead.contains("以外") || lead.contains('除') {
        return Some(Vec::new());
    }
    let lead = match lead.strip_suffix("申请") {
        Some(head) => {
            let head = head.trim_end_matches(['件', '份']);
            let head = head.trim_end_matches(|c: char| c.is_ascii_digit());
            ["提出的", "所提出的", "所提", "提交的", "的"]
                .iter()
                .find_map(|w| head.strip_suffix(w))
                .unwrap_or(head)
        }
        None => lead,
    };
    // "公民、法人和其他组织均未提出申请": every applicant, the law's words.
    if EVERY_APPLICANT.iter().any(|w| lead.has_word(w)) {
        return None;
    }
    // The lead must end with an applicant; the list goes back while a
    // joining word stands before one.
    let (len, item) = applicant_at_end(lead)?;
    let mut out: Vec<Item> = item.into_iter().collect();
    let mut rest = lead.slice_to(lead.len() - len);
    while let Some(before) = ["、", "以及", "和", "及", "与", "或者", "或"]
        .iter()
        .find_map(|j| rest.strip_suffix(j))
        && let Some((len, item)) = applicant_at_end(before)
    {
        out.extend(item);
        rest = before.slice_to(before.len() - len);
    }
    out.reverse();
    Some(out)
}

/// The applicant `text` ends with, as its length in bytes and its column
/// of 表三 (`None` for an applicant 表三 has no column of, `高等院校`).
fn applicant_at_end(text: &str) -> Option<(usize, Option<Item>)> {
    let known = ITEMS
        .iter()
        .filter(|(w, i)| applicant(*i) && text.ends_with(w))
        .max_by_key(|(w, _)| w.len())
        .map(|(w, i)| (w.len(), Some(*i)));
    known.or_else(|| {
        rows::OTHER_APPLICANTS
            .iter()
            .filter(|w| text.ends_with(*w))
            .map(|w| (w.len(), None))
            .max_by_key(|(len, _)| *len)
    })
}

/// The applicants the clause before (`prev`) makes the subject of
/// `clause`: when `clause` goes on (`也未…`, `同时也未…`), or `prev` holds
/// it (`社会公益组织的2件申请中`) or fronts it (`对社会公益组织的申请`).
fn inherited_applicants(prev: &str, clause: &str) -> Option<Vec<Item>> {
    let prev = prev.trim();
    let goes_on = ["也", "亦", "并", "且", "同时"]
        .iter()
        .any(|w| clause.trim_start().starts_with(w));
    let fronts = ["对于", "针对", "对"]
        .iter()
        .find_map(|w| prev.strip_prefix(w));
    if !goes_on && !prev.ends_with('中') && fronts.is_none() {
        return None;
    }
    let subject = fronts.unwrap_or(prev).trim_end_matches('中');
    let lead = NEGATIONS
        .iter()
        .filter_map(|n| subject.find(n))
        .min()
        .map_or(subject, |at| subject.slice_to(at));
    applicants_ending(lead)
}

/// The law's words for every applicant (`公民、法人和其他组织`).
const EVERY_APPLICANT: [&str; 6] = [
    "公民、法人",
    "公民和法人",
    "公民及法人",
    "公民或法人",
    "任何单位和个人",
    "任何人",
];

/// Words naming the report year, longest first.
const THIS_YEAR: [&str; 6] = ["本年度", "本年", "全年", "今年", "年内", "当年"];

/// A time word at the start of a subject (`本年度`, `全年`): the time is
/// judged on the sentence, not here.
fn strip_time(subject: &str) -> &str {
    let mut s = subject.trim();
    loop {
        let before = s;
        for w in THIS_YEAR.iter().chain(&["本机关", "我局", "本单位"]) {
            s = s.strip_prefix(w).unwrap_or(s);
        }
        if let Some((_, y)) = super::sentences::years(s).first()
            && s.starts_with(&y.to_string())
        {
            let end = y.to_string().len() + '年'.len_utf8();
            s = s
                .slice_from(end)
                .strip_prefix('度')
                .unwrap_or(s.slice_from(end));
        }
        // "在本年度内": the time in its frame.
        if let Some(inner) = s.strip_prefix('在') {
            let rest = strip_time(inner);
            if rest != inner {
                s = rest.strip_prefix('内').unwrap_or(rest);
            }
        }
        if s == before {
            return s;
        }
    }
}

/// The item a denied word stands for under its verb: 申请 are the requests
/// received only when the verb receives or nothing more is said; 收费 with
/// 发出 is the notices; documents by 制发 or 废止.
fn resolve(item: Item, verb: Option<Verb>) -> Option<Item> {
    match item {
        Item::Requests => match verb {
            // "未收到申请", "没有依申请公开的情况发生": none received.
            None | Some(Verb::Receive | Verb::Happen) => Some(Item::Table(Category::Received)),
            _ => None,
        },
        // "没有发生一起行政复议案件"; not with a verb of deciding, fees or documents.
        Item::Table(Category::Reconsideration | Category::Litigation) => match verb {
            Some(Verb::Decide | Verb::Issue | Verb::Collect | Verb::Make | Verb::Repeal) => None,
            _ => Some(item),
        },
        // "无上年结转的申请", "未收到科研机构和社会公益组织提出的申请".
        Item::Table(Category::CarriedIn | Category::CarriedOut | Category::Applicant(..)) => {
            match verb {
                None | Some(Verb::Happen | Verb::Receive) => Some(item),
                _ => None,
            }
        }
        // "未作出予以公开决定"; "未予以公开" refuses, it does not deny the row.
        Item::Table(Category::Result("予以公开")) => {
            (verb == Some(Verb::Decide)).then_some(item)
        }
        // "未作出不予公开决定".
        Item::Table(Category::Result(_)) => match verb {
            None | Some(Verb::Decide | Verb::Happen) => Some(item),
            _ => None,
        },
        // "未发出收费通知".
        Item::FeeNotices => match verb {
            None | Some(Verb::Issue | Verb::Happen) => Some(item),
            _ => None,
        },
        Item::FeeCollected | Item::Fees => match verb {
            // "未收取任何费用", "未产生信息处理费".
            Some(Verb::Collect | Verb::Receive | Verb::Happen) => Some(Item::FeeCollected),
            Some(Verb::Issue) => Some(Item::FeeNotices),
            // "未收费": nothing collected.
            None if item == Item::Fees => Some(Item::FeeCollected),
            _ => None,
        },
        Item::Documents(row) => match verb {
            // "本年度未制发规范性文件".
            Some(Verb::Make) => Some(Item::Documents(if row == "规章" {
                "规章.制发"
            } else {
                "行政规范性文件.制发"
            })),
            Some(Verb::Repeal) => Some(Item::Documents(if row == "规章" {
                "规章.废止"
            } else {
                "行政规范性文件.废止"
            })),
            _ => None,
        },
        Item::Table(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn denied(clause: &str) -> Vec<Item> {
        in_clause(clause, 0).into_iter().map(|d| d.item).collect()
    }

    #[test]
    fn years_and_applicants_narrow_a_denial() {
        use Category::*;
        let cases = [
            ("没有需结转至2026年办理的申请", CarriedOut),
            ("无结转到2026年度的申请", CarriedOut),
            ("科研机构未提出申请", Applicant(2, 3)),
            ("社会公益组织也没有提出申请", Applicant(3, 4)),
            ("科研机构本年度未提出申请", Applicant(2, 3)),
            ("科研机构类申请人未提出申请", Applicant(2, 3)),
            // Of a list, the applicants 表三 has a column of.
            ("科研机构、高等院校未提出申请", Applicant(2, 3)),
            ("本年度，高等院校和科研机构均未提出申请", Applicant(2, 3)),
        ];
        for (clause, category) in cases {
            assert_eq!(denied(clause), [Item::Table(category)], "{clause}");
        }
        let t = Item::Table;
        assert_eq!(
            denied("科研机构、社会公益组织未提出申请"),
            [t(Applicant(2, 3)), t(Applicant(3, 4))]
        );
        assert_eq!(denied("研究机构未提出申请"), [t(Applicant(2, 3))]);
        assert_eq!(denied("全年无法律服务机构提出申请"), [t(Applicant(4, 5))]);
        // The law's words for every applicant: all requests.
        assert_eq!(denied("公民、法人和其他组织均未提出申请"), [t(Received)]);
        // One applicant's requests with one result: that cell.
        for clause in [
            "社会公益组织的申请无一件被不予公开",
            "社会公益组织所提申请均未被不予公开",
            "社会公益组织申请的事项均未被不予公开",
        ] {
            assert_eq!(denied(clause), [t(ResultOf("不予公开", 3, 4))], "{clause}");
        }
        // Applicants the tables do not count by, and what they do not
        // count by applicant (表四, the fees): nothing the tables hold is
        // denied.
        for clause in [
            "新闻单位未提出申请",
            "外国人未提出申请",
            "商业企业的申请均未引发行政复议",
            "商业企业提出的申请未产生信息处理费",
            "法律服务机构提出的9件申请均未引发行政复议",
            "商业企业既未申请行政复议",
            "高等院校未提出申请",
            "新闻媒体和个体工商户均未提出申请",
            "自然人未提出行政复议",
            "法人或其他组织未提起行政诉讼",
        ] {
            assert_eq!(denied(clause), [], "{clause}");
        }
    }

    #[test]
    fn negations_deny_what_they_govern() {
        use Category::*;
        let t = Item::Table;
        for (clause, want) in [
            ("本年度未收到政府信息公开申请", vec![t(Received)]),
            (
                "全年未发生政府信息公开行政复议、行政诉讼案件",
                vec![t(Reconsideration), t(Litigation)],
            ),
            ("未作出不予公开决定", vec![t(Result("不予公开"))]),
            (
                "未发生因政府信息公开工作被申请行政复议或提起行政诉讼的情况",
                vec![t(Reconsideration), t(Litigation)],
            ),
            (
                "本年度政府信息公开行政复议和行政诉讼均为零",
                vec![t(Reconsideration), t(Litigation)],
            ),
            ("没有发生一起行政复议案件", vec![t(Reconsideration)]),
            // Disclosure named as the cause of the cases.
            (
                "全年未发生因政府信息公开申请引起的行政复议、行政诉讼案件",
                vec![t(Reconsideration), t(Litigation)],
            ),
            (
                "没有发生因政府信息公开申请而被申请行政复议、提起行政诉讼的情况",
                vec![t(Reconsideration), t(Litigation)],
            ),
            ("未发生因依申请公开引起的行政复议", vec![t(Reconsideration)]),
            ("未因此被申请行政复议", vec![t(Reconsideration)]),
            (
                "行政复议、行政诉讼零发生",
                vec![t(Reconsideration), t(Litigation)],
            ),
            ("未收取任何费用", vec![Item::FeeCollected]),
            ("本年度未发出信息处理费收费通知", vec![Item::FeeNotices]),
            ("未发出收费通知", vec![Item::FeeNotices]),
            ("未收费", vec![Item::FeeCollected]),
            (
                "本年度未制发规范性文件",
                vec![Item::Documents("行政规范性文件.制发")],
            ),
            ("未收到申请", vec![t(Received)]),
            ("本年度本局依申请公开工作量为零", vec![t(Received)]),
            ("本单位政府信息公开申请受理数为零", vec![t(Received)]),
            (
                "无行政复议、行政诉讼发生",
                vec![t(Reconsideration), t(Litigation)],
            ),
            ("没有依申请公开的情况发生", vec![t(Received)]),
            (
                "未发生因政府信息公开而被提起行政诉讼的案件",
                vec![t(Litigation)],
            ),
            ("未向任何申请人发出收费通知", vec![Item::FeeNotices]),
            ("无结转至下一年度办理的申请", vec![t(CarriedOut)]),
            ("没有需结转到下一年度办理的申请", vec![t(CarriedOut)]),
            (
                "没有收到公民、法人或者其他组织提出的政府信息公开申请",
                vec![t(Received)],
            ),
            ("无上年结转的申请", vec![t(CarriedIn)]),
            ("无结转下年度办理的申请", vec![t(CarriedOut)]),
            ("没有作出不予公开的答复", vec![t(Result("不予公开"))]),
            ("没有人申请政府信息公开", vec![t(Received)]),
            ("我单位政府信息公开申请受理量为0", vec![t(Received)]),
            ("未产生信息处理费", vec![Item::FeeCollected]),
            ("不收取信息处理费", vec![Item::FeeCollected]),
            (
                "未收到科研机构和社会公益组织提出的申请",
                vec![t(Applicant(2, 3)), t(Applicant(3, 4))],
            ),
            // Qualifiers and applicants between the negation and its noun.
            (
                "本年度未收到来自自然人、法人或其他组织的任何政府信息公开申请",
                vec![t(Applicant(0, 1)), t(Applicant(1, 6))],
            ),
            (
                "本局全年未收到经由网站、信函或当面等任何渠道提出的政府信息公开申请",
                vec![t(Received)],
            ),
            ("本年度未收到任何形式的政府信息公开申请", vec![t(Received)]),
            (
                "全年未接到以商业企业名义提交的信息公开申请",
                vec![t(Applicant(1, 2))],
            ),
            ("无任何组织或个人申请政府信息公开", vec![t(Received)]),
            (
                "今年未有法律服务机构提出信息公开申请",
                vec![t(Applicant(4, 5))],
            ),
            (
                "没有收到商业企业、社会公益组织等法人或其他组织的公开申请",
                vec![t(Applicant(1, 2)), t(Applicant(3, 4))],
            ),
            ("本机关政府信息公开申请零受理", vec![t(Received)]),
            // What the tables count, said again between negation and noun.
            (
                "本年度没有发生由政府信息公开答复引起的行政诉讼",
                vec![t(Litigation)],
            ),
        ] {
            assert_eq!(denied(clause), want, "{clause}");
        }
    }

    /// The carry-over denied with its year before the negation, with 无需要
    /// (not 无需), or as 结转至下年度.
    #[test]
    fn carry_overs_denied_in_more_words() {
        use Category::*;
        let t = Item::Table;
        for (clause, want) in [
            ("本年度无需要结转到下一年度办理的申请", vec![t(CarriedOut)]),
            ("上年无结转申请", vec![t(CarriedIn)]),
            ("上年没有结转的申请", vec![t(CarriedIn)]),
            (
                "所有申请均已办结，无结转至下年度的申请",
                vec![t(CarriedOut)],
            ),
        ] {
            assert_eq!(denied(clause), want, "{clause}");
        }
    }

    #[test]
    fn no_decision_to_disclose_denies_the_row() {
        assert_eq!(
            denied("本年度未作出予以公开决定"),
            [Item::Table(Category::Result("予以公开"))]
        );
    }

    /// Applicants named in everyday words (企业, 律师事务所) are their
    /// columns.
    #[test]
    fn everyday_applicants_are_denied_as_their_columns() {
        use Category::Applicant;
        assert_eq!(
            denied("未收到企业提出的申请"),
            [Item::Table(Applicant(1, 2))]
        );
        assert_eq!(
            denied("没有律师事务所提出申请"),
            [Item::Table(Applicant(4, 5))]
        );
    }

    /// A negation in a clause of its own after its noun.
    #[test]
    fn a_bare_predicate_denies_the_clause_before() {
        use Category::*;
        let sentence = |s: &str| -> Vec<Item> {
            let chars: Vec<char> = s.chars().collect();
            in_sentence(&chars, 0..chars.len())
                .into_iter()
                .map(|d| d.item)
                .collect()
        };
        assert_eq!(
            sentence("与政府信息公开有关的行政复议案件，今年一起都没有。"),
            [Item::Table(Reconsideration)]
        );
        assert_eq!(
            sentence("信息公开方面的行政诉讼，全年没有出现。"),
            [Item::Table(Litigation)]
        );
        // Something narrower than the tables' items stays unread.
        assert!(sentence("涉及征地补偿的行政复议，全年没有。").is_empty());
        // A topic fronted by 对于 stays the subject clauses later.
        assert_eq!(
            sentence("对于政府信息公开行政诉讼，经对全年案卷逐一梳理，我局在本年度内均未涉及。"),
            [Item::Table(Litigation)]
        );
        assert!(sentence("对于涉及征地补偿的行政诉讼，经逐一梳理，本年度均未涉及。").is_empty());
        // Without 对于, only the clause right before is the subject.
        assert!(sentence("行政诉讼方面，经对全年案卷逐一梳理，本年度均未涉及。").is_empty());
    }

    #[test]
    fn narrowed_or_other_negations_deny_nothing() {
        for clause in [
            "未收到信函申请",
            "未收到法人申请",
            "未收到商业企业以外的法人申请",
            "未收到以传真方式提交的申请",
            "未收到申请人补正材料",
            "因没有现成信息需要另行制作无法提供",
            "申请人无正当理由逾期不补正",
            "未经复议直接起诉",
            "未按时答复",
            "无法提供",
            "未办理行政复议",
            "未建立规章制度",
            "未作出答复",
            "未发现存在问题",
            "未出现逾期答复的情况",
            "未收到需要收费的申请",
            "未收到以信函方式提出的申请",
            "未收到通过邮寄提交的申请",
            "未收到自然人以书面形式提出的申请",
            "未收到商业企业以外的法人提出的申请",
            // Another cause, or several: not the cases of disclosure alone.
            "未发生因行政处罚引起的行政复议",
            "未发生因征地、拆迁和信息公开引起的行政复议",
            // A request refused, not the row denied.
            "对该申请未予以公开",
        ] {
            assert!(denied(clause).is_empty(), "{clause}: {:?}", denied(clause));
        }
    }

    /// "其余…均未…" denies for the rest only; the applicants of the clause
    /// before stay the subject of "也未…".
    #[test]
    fn the_rest_is_not_all() {
        for s in [
            "社会公益组织的2件申请中，无一件被不予公开",
            "对社会公益组织的申请，本局均未作出不予公开决定",
            "商业企业未申请行政复议，同时也未提起行政诉讼",
            "向2件申请发出收费通知，其余申请均未收取费用",
            "除自然人外，其他类型申请人均未提出申请",
            "商业企业未申请行政复议，也未提起行政诉讼",
        ] {
            let chars: Vec<char> = s.chars().collect();
            assert!(in_sentence(&chars, 0..chars.len()).is_empty(), "{s}");
        }
    }
}
