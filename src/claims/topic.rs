//! What a figure in a sentence counts: the subject of the sentence (its
//! own words, the sentence it continues, the heading it stands under), the
//! noun nearest the figure, the verb that governs it, and the year it is
//! about.

use super::numbers::{self, Figure};
use super::rows::{self, Named};
use super::sentences::years;
use crate::find::Find;
use crate::slice::Slice;

/// What a count in the narrative stands for in the tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Category {
    /// 一、本年新收.
    Received,
    /// 二、上年结转.
    CarriedIn,
    /// 四、结转下年度继续办理.
    CarriedOut,
    /// （七）总计: requests decided this year.
    Decided,
    /// Requests handled this year (`共办理8件`): received and carried
    /// over, or as some count them, received or decided.
    Handled,
    /// A result row or group of rows, by its key under 办理结果.
    Result(&'static str),
    /// Several results together (`予以公开和部分公开合计4件`): bit `i` is
    /// `rows::GROUPS[i]`.
    Results(u8),
    /// One reason under 不予公开, 无法提供, 不予处理 or 其他处理, by its row's key.
    Reason(&'static str),
    /// Requests of one kind of applicant: the columns of 表三.
    Applicant(usize, usize),
    /// One result group or reason (its row's key) among the requests of
    /// one kind of applicant (the columns of 表三): `商业企业申请中，不予公开
    /// 3件`, `予以公开44件，其中自然人30件`.
    ResultOf(&'static str, usize, usize),
    /// 表四 行政复议.
    Reconsideration,
    /// 表四 行政诉讼 (both groups).
    Litigation,
    /// 表四 行政诉讼 of one group, by its index in `T4_GROUPS`: 1
    /// 未经复议直接起诉, 2 复议后起诉.
    LitigationOf(usize),
    /// 表二: the decisions of one row (行政许可, 行政处罚, 行政强制), by its
    /// key; read only as the subject of a change over last year
    /// (`行政处罚决定数同比小幅上升`).
    Decisions(&'static str),
}

/// Whether a sentence is about 政府信息公开 requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Topic {
    /// It is: by its own words, the sentence it continues or its heading.
    Requests,
    /// Nothing says so.
    Unknown,
}

/// Words that make a sentence about 政府信息公开 requests or cases
/// (`申请公开21条`: requests for disclosure).
fn names_disclosure(sentence: &str) -> bool {
    ["信息公开", "公开申请", "依申请", "申请公开"]
        .iter()
        .any(|w| sentence.has_word(w))
}

/// Whether the sentence receives requests named by the bare word, right
/// before their count (`受理申请8件`, `共收到申请共8件`) or their measure
/// (`收到申请数量`), or measures them by the bare word at a clause's head
/// (`申请量同比下降`): in this report they are the disclosure requests.
/// Any other word before 申请 (`许可申请`, `各类申请`) names other
/// applications, and the sentence stays unknown.
fn receives_bare_requests(sentence: &str) -> bool {
    sentence.match_indices("申请").any(|(at, w)| {
        let before = sentence.slice_to(at);
        let rest = sentence.slice_from(at + w.len());
        let received = ["收到", "受理", "接收", "接到"]
            .iter()
            .any(|v| before.ends_with(v));
        let counted = {
            let rest = rest.strip_prefix('共').unwrap_or(rest);
            rest.starts_with(|c: char| {
                c.is_ascii_digit() || "０１２３４５６７８９〇零一二两三四五六七八九十".contains(c)
            })
        };
        let measured = REQUEST_MEASURES.iter().any(|m| rest.starts_with(m));
        let at_head = before
            .trim_end_matches(['全', '本', '今', '年', '度', '共', '的', '总'])
            .chars()
            .next_back()
            .is_none_or(|c| "，,。；;：:、（(".contains(c) || c.is_whitespace());
        (received && (counted || measured)) || (at_head && measured)
    })
}

/// Nouns measuring the requests right after 申请 (`申请量`, `申请数量`).
const REQUEST_MEASURES: [&str; 5] = ["量", "数量", "件数", "总量", "总数"];

/// Whether the sentence names a result only requests have (`予以公开`,
/// `不予处理`) or a kind of applicant of 表三 together with the requests
/// themselves.
fn names_results_of_requests(sentence: &str) -> bool {
    sentence.contains("申请")
        && [
            "予以公开",
            "部分公开",
            "不予公开",
            "无法提供",
            "不予处理",
            "自然人",
            "法人或其他组织",
            "法人或者其他组织",
            "商业企业",
            "科研机构",
            "社会公益组织",
            "法律服务机构",
        ]
        .iter()
        .any(|w| sentence.has_word(w))
}

/// Whether the sentence sorts documents by how they may be disclosed
/// (counts right after both 主动公开 and 依申请公开, `主动公开的71件`).
fn sorts_documents(sentence: &str) -> bool {
    let counted = |w: &str| {
        sentence.match_indices(w).any(|(at, _)| {
            let after = sentence.slice_from(at + w.len());
            after
                .strip_prefix(['的', '为'])
                .unwrap_or(after)
                .starts_with(|c: char| c.is_ascii_digit())
        })
    };
    counted("主动公开") && counted("依申请公开")
}

/// Words opening a sentence that goes on about the previous one's subject.
const CONTINUATIONS: [&str; 6] = ["其中", "上述", "以上", "这些", "前述", "对上述"];

/// Whether `sentence` opens with a word that goes on about the previous
/// sentence's subject (`其中`, `上述`).
pub(crate) fn goes_on(sentence: &str) -> bool {
    let opening = sentence.trim_start_matches(|c: char| c.is_whitespace() || c == '，');
    CONTINUATIONS.iter().any(|w| opening.starts_with(w))
}

/// The topic of `sentence` under `headings`, after a sentence of topic
/// `previous`.
pub(crate) fn topic(sentence: &str, headings: &str, previous: Topic) -> Topic {
    if sorts_documents(sentence) {
        // "认定主动公开789件、依申请公开238件、不予公开115件": documents
        // sorted by how they may be disclosed, not requests.
        Topic::Unknown
    } else if names_disclosure(sentence)
        || names_results_of_requests(sentence)
        || receives_bare_requests(sentence)
    {
        // "本年共收到政府信息公开申请8件。", "予以公开的申请3件。"
        Topic::Requests
    } else if goes_on(sentence) {
        // Goes on about the previous sentence's subject
        // ("收到申请10件。其中予以公开3件。").
        previous
    } else if headings.contains("申请") {
        // 依申请公开, 收到和处理政府信息公开申请情况.
        Topic::Requests
    } else {
        Topic::Unknown
    }
}

/// What is counted, by the noun nearest the figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Object {
    Request,
    Reconsideration,
    Litigation,
    Other,
}

const OBJECTS: [(&str, Object); 38] = [
    ("申请", Object::Request),
    ("依申请公开件", Object::Request),
    ("复议", Object::Reconsideration),
    ("诉讼", Object::Litigation),
    ("起诉", Object::Litigation),
    ("应诉", Object::Litigation),
    ("决定书", Object::Other),
    ("咨询", Object::Other),
    ("留言", Object::Other),
    ("投诉", Object::Other),
    ("举报", Object::Other),
    ("信访", Object::Other),
    ("来电", Object::Other),
    ("来信", Object::Other),
    ("建议", Object::Other),
    ("提案", Object::Other),
    ("议案", Object::Other),
    ("意见", Object::Other),
    ("诉求", Object::Other),
    ("工单", Object::Other),
    ("许可", Object::Other),
    ("审批", Object::Other),
    ("热线", Object::Other),
    ("业务", Object::Other),
    ("处罚", Object::Other),
    ("执法", Object::Other),
    ("各类事项", Object::Other),
    ("服务事项", Object::Other),
    ("政务服务", Object::Other),
    ("办件", Object::Other),
    // A police bureau's certificates and registers.
    ("身份证", Object::Other),
    ("居住证", Object::Other),
    ("驾驶证", Object::Other),
    ("护照", Object::Other),
    ("签注", Object::Other),
    ("户籍", Object::Other),
    ("户口", Object::Other),
    // "行政许可听证申请2件".
    ("听证", Object::Other),
];

/// Whether the count between `before` and `after` (its clause) counts
/// another matter than the requests and their cases (`热线工单218件`).
pub(crate) fn of_other_matter(before: &str, after: &str) -> bool {
    object(before, after) == Some(Object::Other)
}

/// The object noun nearest the figure: the last one before it in its
/// clause, else the first one after it.
fn object(before: &str, after: &str) -> Option<Object> {
    let last_before = OBJECTS
        .iter()
        .filter_map(|(w, o)| before.rfind_word(w).map(|i| (i + w.len(), w.len(), *o)))
        .max_by_key(|(end, len, _)| (*end, *len))
        .map(|(end, _, o)| (before.len() - end, o));
    let first_after = OBJECTS
        .iter()
        .filter_map(|(w, o)| after.find_word(w).map(|i| (i, *o)))
        .min_by_key(|(i, _)| *i);
    // "行政许可申请", "审批申请": requests of another matter.
    let last_before = last_before.map(|(d, o)| {
        let head = before.slice_to(before.len() - d).strip_suffix("申请");
        let other = head.is_some_and(|h| {
            OBJECTS
                .iter()
                .any(|(w, o)| *o == Object::Other && h.ends_with(w))
        });
        (
            d,
            if o == Object::Request && other {
                Object::Other
            } else {
                o
            },
        )
    });
    match (last_before, first_after) {
        (Some((db, ob)), Some((da, oa))) => Some(if da < db { oa } else { ob }),
        (Some((_, o)), None) | (None, Some((_, o))) => Some(o),
        (None, None) => None,
    }
}

/// Verbs and nouns that say which row of 表三 a figure is.
const CUES: [(&str, Cue); 42] = [
    ("结转", Cue::Carry),
    // "上年度遗留的4件申请".
    ("遗留", Cue::Carry),
    ("予以公开", Cue::Is(Category::Result("予以公开"))),
    ("同意公开", Cue::Is(Category::Result("予以公开"))),
    ("全部公开", Cue::Is(Category::Result("予以公开"))),
    ("部分公开", Cue::Is(Category::Result("部分公开"))),
    ("不予公开", Cue::Is(Category::Result("不予公开"))),
    ("无法提供", Cue::Is(Category::Result("无法提供"))),
    ("不予处理", Cue::Is(Category::Result("不予处理"))),
    ("其他处理", Cue::Is(Category::Result("其他处理"))),
    ("自然人", Cue::Is(Category::Applicant(0, 1))),
    ("法人或其他组织", Cue::Is(Category::Applicant(1, 6))),
    ("法人和其他组织", Cue::Is(Category::Applicant(1, 6))),
    ("法人或者其他组织", Cue::Is(Category::Applicant(1, 6))),
    ("法人", Cue::Is(Category::Applicant(1, 6))),
    // Everyday names of the columns, only with the requests they make
    // (`个人信息` is not an applicant).
    ("公民个人", Cue::Is(Category::Applicant(0, 1))),
    ("个人申请", Cue::Is(Category::Applicant(0, 1))),
    ("个人提出", Cue::Is(Category::Applicant(0, 1))),
    ("公民申请", Cue::Is(Category::Applicant(0, 1))),
    ("公民提出", Cue::Is(Category::Applicant(0, 1))),
    ("企业申请", Cue::Is(Category::Applicant(1, 2))),
    ("企业提出", Cue::Is(Category::Applicant(1, 2))),
    ("律师事务所", Cue::Is(Category::Applicant(4, 5))),
    ("商业企业", Cue::Is(Category::Applicant(1, 2))),
    ("科研机构", Cue::Is(Category::Applicant(2, 3))),
    ("研究机构", Cue::Is(Category::Applicant(2, 3))),
    ("科研院所", Cue::Is(Category::Applicant(2, 3))),
    ("公益组织", Cue::Is(Category::Applicant(3, 4))),
    ("社会公益组织", Cue::Is(Category::Applicant(3, 4))),
    ("法律服务机构", Cue::Is(Category::Applicant(4, 5))),
    ("办结", Cue::Is(Category::Decided)),
    ("答复", Cue::Is(Category::Decided)),
    ("办理完毕", Cue::Is(Category::Decided)),
    ("处理完毕", Cue::Is(Category::Decided)),
    ("办理", Cue::Is(Category::Handled)),
    ("收到", Cue::Receive),
    ("新收", Cue::Receive),
    ("受理", Cue::Receive),
    ("接收", Cue::Receive),
    ("接到", Cue::Receive),
    ("提出", Cue::Receive),
    ("共有", Cue::Receive),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    Carry,
    Receive,
    Is(Category),
}

/// The cue nearest the figure: the last before it in its clause, else the
/// first after it. A verb of deciding names the period in which requests
/// are decided (`答复期限`), not a count. One that says the requests are not
/// decided yet (`尚未办结3件`, `另有3件正在办理中`) counts those carried
/// over to next year.
fn cue(before: &str, after: &str) -> Option<(Cue, usize)> {
    let is_verb = |text: &str, i: usize, w: &str| {
        let next = text.slice_from(i + w.len());
        // "转送市医疗保障局办理的申请3件": another agency handles them.
        let referred = w == "办理"
            && ["转送", "转交", "移送", "转由"]
                .iter()
                .any(|r| text.slice_to(i).contains(r));
        // "终止办理2件": a result (其他处理), not the requests handled.
        let ended = w == "办理" && text.slice_to(i).ends_with("终止");
        // "答复期限": a period, not a count.
        let period = matches!(
            cue_of(w),
            Some(Cue::Is(Category::Decided | Category::Handled))
        ) && ["期限", "时限", "期内"].iter().any(|p| next.starts_with(p));
        !referred && !period && !ended
    };
    let pending = |text: &str, i: usize, c: Cue| {
        matches!(c, Cue::Is(Category::Decided | Category::Handled))
            && PENDING.iter().any(|p| text.slice_to(i).ends_with(p))
    };
    let found = CUES
        .iter()
        .filter_map(|(w, c)| {
            before
                .places_of(w)
                .filter(|&i| is_verb(before, i, w))
                .last()
                .map(|i| (i + w.len(), *c, i))
        })
        .max_by_key(|(end, _, _)| *end)
        .map(|(_, c, i)| (answered_as(before, i, c), i, pending(before, i, c)))
        .or_else(|| {
            // After the count, a verb of deciding qualified (`对1件申请作出
            // 延期答复`, `其中5件在10个工作日内办结`, `1件申请人不服答复`)
            // says nothing of how many were decided.
            // An adverb may stand between (`在5个工作日内即办结`).
            let plain = |i: usize, c: Cue| {
                let lead = after
                    .slice_to(i)
                    .trim_end_matches(['即', '均', '就', '已', '都', '全', '部']);
                !matches!(c, Cue::Is(Category::Decided | Category::Handled))
                    || !["不服", "延期", "逾期", "日内", "当场", "当日", "提前"]
                        .iter()
                        .any(|q| lead.ends_with(q))
            };
            CUES.iter()
                .filter_map(|(w, c)| {
                    after
                        .places_of(w)
                        .find(|&i| is_verb(after, i, w) && plain(i, *c))
                        .map(|i| (i, *c))
                })
                .min_by_key(|(i, _)| *i)
                .map(|(i, c)| (c, usize::MAX, pending(after, i, c)))
        })?;
    Some(match found {
        // "往年未办结的8件": last year's requests not decided then, carried in.
        (_, at, true) if at != usize::MAX && left_from_past_years(before.slice_to(at)) => {
            (Cue::Is(Category::CarriedIn), at)
        }
        (_, at, true) => (Cue::Is(Category::CarriedOut), at),
        (c, at, false) => (c, at),
    })
}

/// Whether `lead`, before a word of requests not decided (`未办结`), ends
/// with earlier years (`往年`, `上年度`, `以前年度的`): they were not
/// decided then, and this year took them over.
fn left_from_past_years(lead: &str) -> bool {
    let lead = lead.trim_end_matches(['未', '尚', '仍', '还', '待', '正', '在']);
    let lead = lead.strip_suffix('的').unwrap_or(lead);
    [
        "往年",
        "往年度",
        "上年",
        "上年度",
        "上一年",
        "上一年度",
        "去年",
        "前一年",
        "以前年度",
        "以往年度",
    ]
    .iter()
    .any(|w| lead.ends_with(w))
}

/// The cue of a verb of answering at `at` in `before`, or of the result it
/// answers with (`作出无法提供答复4件`, `作出不予处理的答复1件`, `以无法提供的
/// 形式答复4件`, `无法提供类答复13件`): those count one result, not all decided.
fn answered_as(before: &str, at: usize, cue: Cue) -> Cue {
    if cue != Cue::Is(Category::Decided) || !before.slice_from(at).starts_with("答复") {
        return cue;
    }
    let mut lead = before.slice_to(at);
    for word in [
        "的形式",
        "的方式",
        "形式",
        "方式",
        "的书面",
        "书面",
        "的",
        "类",
    ] {
        lead = lead.strip_suffix(word).unwrap_or(lead);
    }
    CUES.iter()
        .find(|(w, c)| matches!(c, Cue::Is(Category::Result(_))) && lead.ends_with(w))
        .map_or(cue, |(_, c)| *c)
}

/// The cue a word of [`CUES`] gives.
fn cue_of(word: &str) -> Option<Cue> {
    CUES.iter().find(|(w, _)| *w == word).map(|(_, c)| *c)
}

/// Words before a verb of deciding that say the requests are not decided
/// yet (`尚未办结`, `正在办理`).
const PENDING: [&str; 7] = ["尚未", "未", "正在", "尚在", "仍在", "还在", "待"];

/// The applicants `text` names last (`自然人`, `法人或其他组织`, …), as
/// columns of 表三; the law's phrase for every applicant names none.
pub(crate) fn applicant_named(text: &str) -> Option<Category> {
    if every_applicant(text) {
        return None;
    }
    match applicant_before(text) {
        Some(Cue::Is(c)) => Some(c),
        Some(_) => None,
        // "申请人均为企业": a name alone.
        None => rows::leading_applicant(text).map(|(from, to)| Category::Applicant(from, to)),
    }
}

/// The last applicant cue in `before` (`自然人`, `法人或其他组织`, …).
fn applicant_before(before: &str) -> Option<Cue> {
    CUES.iter()
        .filter(|(_, c)| matches!(c, Cue::Is(Category::Applicant(..))))
        .filter_map(|(w, c)| before.rfind_word(w).map(|i| (i + w.len(), *c)))
        .max_by_key(|(end, _)| *end)
        .map(|(_, c)| c)
}

/// Whether the words before a figure name every applicant in the law's
/// phrase (`公民、法人和其他组织`): no column of 表三.
fn every_applicant(sentence_before: &str) -> bool {
    [
        "公民、法人",
        "公民和法人",
        "公民及法人",
        "公民或法人",
        "公民，法人",
    ]
    .iter()
    .any(|w| sentence_before.has_word(w))
}

/// The year a phrase refers to, relative to the report year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum When {
    This,
    Last,
    Next,
    Other,
}

/// The last time expression in `text` (not one that names the carry-over
/// rows, such as 上年结转).
pub(crate) fn last_time(text: &str, year: i32) -> Option<When> {
    let words: [(&str, When); 13] = [
        ("上一年度", When::Last),
        ("上一年", When::Last),
        ("上年度", When::Last),
        ("上年", When::Last),
        ("去年", When::Last),
        ("前一年", When::Last),
        ("本年度", When::This),
        ("本年", When::This),
        ("今年", When::This),
        ("全年", When::This),
        ("当年", When::This),
        ("年内", When::This),
        ("下一年", When::Next),
    ];
    let mut best: Option<(usize, When)> = None;
    let mut consider = |start: usize, end: usize, w: When| {
        // The other side of a comparison is not the year the sentence is about
        // ("与上年相比，本年受理申请8件").
        if compared(text, start) {
            return;
        }
        // A time word naming the carry-over row is no date ("上年结转的申请3件",
        // "上年无结转申请").
        let next = text.slice_from(end).trim_start_matches(['的', '度']);
        let next = ["没有", "无", "未"]
            .iter()
            .find_map(|n| next.strip_prefix(n))
            .unwrap_or(next);
        if next.starts_with("结转") {
            return;
        }
        // The last time word wins ("上年……本年共收到申请8件" is about this year).
        if best.is_none_or(|(e, _)| end > e) {
            best = Some((end, w));
        }
    };
    for (word, w) in words {
        for i in text.places_of(word) {
            consider(i, i + word.len(), w);
        }
    }
    // A year written out, against the report's ("2023年收到申请5件" in the
    // 2024 report: last year).
    for (end, y) in years(text) {
        let w = match y - year {
            0 => When::This,
            -1 => When::Last,
            1 => When::Next,
            _ => When::Other,
        };
        consider(end - 4 - '年'.len_utf8(), end, w);
    }
    best.map(|(_, w)| w)
}

/// Whether the time word starting at `start` is the other side of a
/// comparison (`较上年`, `比上年`, `与上年相比`, `同比上年`): the sentence
/// is still about this year; only the change is about last year.
fn compared(text: &str, start: usize) -> bool {
    let before: Vec<char> = text.slice_to(start).chars().rev().take(3).collect();
    let near: String = before.into_iter().rev().collect();
    if ["较", "比", "相较", "对比", "同比"]
        .iter()
        .any(|w| near.ends_with(w))
    {
        return true;
    }
    // "与上年相比，…": closed before what follows; "与2024年度科研机构提出1件
    // 申请不同": the count inside is that year's.
    near.ends_with('与')
        && [
            "相比", "相较", "比较", "对比", "不同", "相同", "一致", "持平", "同期",
        ]
        .iter()
        .any(|w| text.slice_from(start).has_word(w))
}

/// Which way a carry-over in `clause` goes.
pub(crate) fn carry_direction(clause: &str, year: i32) -> Option<Category> {
    if ["下年", "下一年", "次年", "明年", "继续办理", "转入下"]
        .iter()
        .any(|w| clause.has_word(w))
    {
        // "2024年结转下年度的8件" in the 2025 report: last year's carried
        // into this one; an earlier year's, none of this report's rows.
        let before = clause.find("结转").map_or(clause, |i| clause.slice_to(i));
        return match years(before).last().map(|(_, y)| y - year) {
            Some(-1) => Some(Category::CarriedIn),
            Some(d) if d < -1 => None,
            // "结转至下一年度办理2件": carried into next year.
            _ => Some(Category::CarriedOut),
        };
    }
    if ["上年", "上一年", "去年", "前一年"]
        .iter()
        .any(|w| clause.has_word(w))
    {
        // "上一年度结转的申请3件": carried in from last year.
        return Some(Category::CarriedIn);
    }
    let ys = years(clause);
    // "结转至2025年的1件" in the 2024 report: carried out.
    if ys.iter().any(|(_, y)| *y == year + 1) {
        return Some(Category::CarriedOut);
    }
    // "2023年结转申请3件" in the 2024 report: carried in.
    if ys.iter().any(|(_, y)| *y == year - 1) {
        return Some(Category::CarriedIn);
    }
    if let Some((end, _)) = ys.iter().find(|(_, y)| *y == year) {
        // "结转至2024年" in the 2024 report: carried into it.
        let before = clause.slice_to(end - 4 - '年'.len_utf8()).trim_end();
        let into = ["至", "到", "入"].iter().any(|w| before.ends_with(w));
        return Some(if into {
            Category::CarriedIn
        } else {
            Category::CarriedOut
        });
    }
    None
}

/// Where a figure stands: its clause split around it and the sentence up
/// to it.
pub(crate) struct Context<'a> {
    /// The clause before the figure.
    pub before: &'a str,
    /// The clause after the figure's unit.
    pub after: &'a str,
    /// The sentence up to the figure.
    pub sentence_before: &'a str,
    /// The sentence after the figure.
    pub sentence_after: &'a str,
    /// Whether the figure is part of a breakdown (after 其中 in its
    /// sentence, or in a sentence opening with 其中).
    pub breakdown: bool,
}

/// Qualifiers that make a decided count a subset of the table's figure.
const QUALIFIED: [&str; 12] = [
    "按时",
    "按期",
    "及时",
    "当场",
    "当日",
    "延期",
    "逾期",
    "期限内",
    "日内",
    "如期",
    "提前",
    "不服",
];

/// What the count `figure` stands for, or `None` when it is not a figure of
/// the tables (another subject, a subset, another year, a change).
pub(crate) fn count_category(c: &Context<'_>, year: i32) -> Option<Category> {
    // "涉及发票管理的申请11件，其中予以公开7件": a part of a part.
    if c.breakdown && breakdown_of_a_part(c.sentence_before) {
        return None;
    }
    let category = read_count(c, year)?;
    match category {
        // "在办结的32件中，自然人申请24件": the applicants of the decided
        // requests, which 表三 does not compare with 本年新收.
        Category::Applicant(..) if of_decided_requests(c.sentence_before) => None,
        // "个人所得税汇算期间收到的申请12件，占全年的18.8%": a share of
        // the year's, so a part of them.
        Category::Received | Category::Handled | Category::Decided
            if a_share_follows(c.sentence_after) =>
        {
            None
        }
        category => Some(category),
    }
}

/// Whether the clause a breakdown (`其中`) is taken from counts a part of
/// the requests: of one subject, channel or kind, or referred elsewhere
/// (`涉及发票管理的申请11件，其中…`).
fn breakdown_of_a_part(sentence_before: &str) -> bool {
    let Some(at) = sentence_before.rfind("其中") else {
        return false;
    };
    let base = last_clause(sentence_before.slice_to(at).trim_end_matches(['，', ',']));
    of_one_subject(base)
        || by_channel(base)
        || (base.contains("类申请") && !rows::names_reason(base))
        || referred(base)
}

/// Whether the clause holding a count names the decided requests (`在办结的
/// 32件中，`, `已答复的申请中，`).
fn of_decided_requests(sentence_before: &str) -> bool {
    clause_holding(sentence_before).is_some_and(|holding| {
        ["办结", "办理完毕", "答复", "作出", "处理完"]
            .iter()
            .any(|w| holding.has_word(w))
    })
}

/// Whether the words after a count give its share of a whole (`，占全年的
/// 18.8%`, `，占比62.5%`).
fn a_share_follows(sentence_after: &str) -> bool {
    sentence_after
        .trim_start_matches(['，', ',', '、'])
        .starts_with('占')
}

/// What the count stands for, before the checks of [`count_category`].
fn read_count(c: &Context<'_>, year: i32) -> Option<Category> {
    let clause = format!("{}{}", c.before, c.after);
    // "受理各类便民服务申请2300余件": applications of every kind, not the
    // disclosure requests.
    if c.before.contains("各类") && !names_disclosure(c.before) {
        return None;
    }
    // A change, not a count ("较上年增加2件", "同比增长20%").
    if ["增加", "减少", "增长", "下降", "多", "少", "提高", "降低"]
        .iter()
        .any(|w| c.before.ends_with(w))
        || ["同比", "较上年", "比上年", "与上年"]
            .iter()
            .any(|w| clause.has_word(w))
    {
        return None;
    }
    // "与2023年收到申请5件相比": the other side of a comparison.
    if ["相比", "相较", "比较", "对比"]
        .iter()
        .any(|w| c.after.trim_start().starts_with(w))
    {
        return None;
    }
    // "维持原答复1件", "责令重新答复1件": an outcome of the cases, read
    // against 表四.
    if CASES_OUTCOME.iter().any(|w| clause.has_word(w)) {
        return None;
    }
    // "行政诉讼案件27件中，政府信息公开类5件": all cases, of which those
    // on 政府信息公开 are the tables'.
    let then = c
        .sentence_after
        .trim_start_matches(['，', ',', '：', ':', ' ']);
    if (c.after.trim_start().starts_with('中') || then.starts_with("其中"))
        && then.contains("信息公开")
    {
        return None;
    }
    // "通过网上申请平台收到申请131件": the requests of one channel;
    // "收到涉及治安案件信息的申请23件": of one subject; "转送县交通运输局、
    // 县人力资源和社会保障局办理的申请3件": another agency's.
    // "涉及第三方合法权益不予公开5件" names a reason, not a subject.
    // "征收补偿类申请15件": requests of one kind (not a reason's row,
    // "信访举报投诉类申请7件").
    let of_one_kind = c.before.contains("类申请") && !rows::names_reason(c.before);
    if by_channel(c.before)
        || of_one_subject(c.before)
        // "涉及征收补偿的申请中，予以公开10件".
        || clause_holding(c.sentence_before).is_some_and(of_one_subject)
        || of_one_kind
        || referred(c.sentence_before)
    {
        return None;
    }
    // "月均17.7件": an average, not a count.
    if ["月均", "平均", "日均", "周均", "年均"]
        .iter()
        .any(|w| c.before.has_word(w))
    {
        return None;
    }
    // "商业企业、其他组织分别提出申请7件、4件".
    if let Some(columns) = rows::respective_applicants(c.sentence_before) {
        let (from, to) = columns?;
        if of_carried_requests(c.sentence_before) {
            return None;
        }
        return of_this_year(c, &clause, Category::Applicant(from, to), year);
    }
    let sentence = format!("{}{}", c.sentence_before, c.sentence_after);
    let named = match rows::named(c.sentence_before, &sentence) {
        // "有2件申请因本机关不掌握相关政府信息": the cause after the count.
        Named::Nothing => rows::named_after(c.after),
        // "其他处理中另有1件系申请人主动撤回申请": the group's reason after.
        Named::Result(group) => match rows::named_after(c.after) {
            Named::Reason(key) if rows::reasons_of(group).contains(&key) => Named::Reason(key),
            _ => Named::Result(group),
        },
        named => named,
    };
    match named {
        Named::Unread => None,
        Named::Nothing => by_cue(c, &clause, year),
        named => {
            let mut category = named_rows(named)?;
            // "因涉及个人隐私，不予公开6件": the reason the sentence opened
            // with; "另有2件申请因涉及第三方权益作部分公开处理": a part.
            if let Category::Result(group) = category {
                category = result_of_cause(c, group)?;
            }
            if inside_another_item(c.sentence_before, category) {
                category = cell_inside(c.sentence_before, category)?;
            }
            of_this_year(c, &clause, category, year)
        }
    }
}

/// Ways a request comes in; after 通过 they narrow a count to one channel.
const CHANNELS: [&str; 17] = [
    "网上",
    "网络",
    "在线",
    "平台",
    "网站",
    "信函",
    "邮寄",
    "当面",
    "传真",
    "邮件",
    "电话",
    "电子",
    "微信",
    "小程序",
    "客户端",
    "窗口",
    "热线",
];

/// Whether the words up to a count end in requests referred to other
/// agencies to handle (`转送县交通运输局、县人社局办理的`).
fn referred(sentence_before: &str) -> bool {
    let clause = last_clause(sentence_before);
    ["转送", "转交", "移送", "转由"]
        .iter()
        .filter_map(|w| clause.find_word(w))
        .min()
        .is_some_and(|i| clause.slice_from(i).contains("办理"))
}

/// The words of `text` after its last clause mark.
fn last_clause(text: &str) -> &str {
    let from = text
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, '，' | ',' | '；' | ';' | '。'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    text.slice_from(from)
}

/// Words that name every channel together, not one.
const EVERY_CHANNEL: [&str; 8] = [
    "等各种",
    "等各类",
    "等多种",
    "各种渠道",
    "各类渠道",
    "任何渠道",
    "所有渠道",
    "等渠道",
];

/// Whether `before` names the channel its count came by (`通过网上申请平台
/// 收到`, `以信函方式提出`, `当面提交的`); not every channel together
/// (`通过网站、信函等各种渠道`).
pub(crate) fn by_channel(before: &str) -> bool {
    if EVERY_CHANNEL.iter().any(|w| before.has_word(w)) {
        return false;
    }
    let via = ["通过", "经由", "以", "经"]
        .iter()
        .filter_map(|w| before.rfind_word(w).map(|i| before.slice_from(i + w.len())))
        .next();
    via.is_some_and(|rest| {
        CHANNELS
            .iter()
            .any(|w| rest.starts_with(w) || rest.contains(&format!("{w}方式")))
    }) || [
        "当面提交",
        "当面申请",
        "现场提交",
        "信函方式",
        "网上提交",
        "在线提交",
    ]
    .iter()
    .any(|w| before.has_word(w))
}

/// The category of the result rows `named` names, if it names any.
pub(crate) fn named_rows(named: Named) -> Option<Category> {
    match named {
        Named::Result(key) => Some(Category::Result(key)),
        Named::Results(mask) => Some(Category::Results(mask)),
        Named::Reason(key) => Some(Category::Reason(key)),
        Named::Unread | Named::Nothing => None,
    }
}

/// What a count of 行政复议 or 行政诉讼 cases stands for: `Some(None)`
/// when it is none of 表四's totals (both kinds together, a part or an
/// outcome, another subject), `Some(Some(..))` a row, `None` when the count
/// is not of cases.
fn of_cases(c: &Context<'_>, clause: &str) -> Option<Option<Category>> {
    if both_kinds_of_case(c) {
        return Some(None);
    }
    // The words of the whole clause, over a list ("尚未审结的复议案件2件、
    // 诉讼案件3件").
    let comma_clause = c
        .sentence_before
        .rsplit(['，', '；', ',', ';'])
        .next()
        .unwrap_or_default();
    // "直接起诉、复议后起诉分别为4件、2件": several kinds' counts in turn.
    let kinds = (comma_clause.contains("直接") && comma_clause.contains("复议后"))
        || (comma_clause.contains("复议")
            && ["诉讼", "起诉"].iter().any(|w| comma_clause.has_word(w)));
    if kinds && comma_clause.contains("分别") {
        return Some(None);
    }
    let of_cases_state = CASES_STATE
        .iter()
        .chain(&CASES_OUTCOME)
        .any(|w| clause.has_word(w) || comma_clause.has_word(w));
    // "行政诉讼4件，其中复议后起诉2件": one row of 行政诉讼, in a breakdown
    // too.
    let row = litigation_group(clause);
    if c.breakdown && row != Category::Litigation && !of_cases_state {
        return Some(Some(row));
    }
    match object(c.before, c.after) {
        // Another subject's count ("受理政府信息公开咨询20件").
        Some(Object::Other) => Some(None),
        // A part or an outcome of the cases, not their number
        // ("上年结转的2件行政复议案件均已审结").
        Some(Object::Reconsideration | Object::Litigation) if c.breakdown || of_cases_state => {
            Some(None)
        }
        // "发生政府信息公开行政复议2起": 表四 行政复议.
        Some(Object::Reconsideration) => Some(Some(Category::Reconsideration)),
        // "发生政府信息公开行政诉讼1起": 表四 行政诉讼; "复议后起诉1件"
        // one of its groups.
        Some(Object::Litigation) => Some(Some(row)),
        _ => None,
    }
}

/// What the count stands for by its object noun and the cue nearest it.
fn by_cue(c: &Context<'_>, clause: &str, year: i32) -> Option<Category> {
    if let Some(case) = of_cases(c, clause) {
        // "2024年行政复议3件": last year's cases.
        // "2023年至2025年三年合计被申请行政复议10件": several years'
        // ("2024年、2025年分别…3件和8件" gives each year's in turn).
        let summed_years = several_years(c.sentence_before) && !c.sentence_before.contains("分别");
        return case.filter(|_| {
            !of_another_year(c, year) && !summed_years && !part_of_year(c.sentence_before)
        });
    }
    let Some((cue, at)) = cue(c.before, c.after) else {
        // "尚有9件申请在法定答复期限内": left to answer next year.
        if LEFT.iter().any(|w| c.before.trim_end().ends_with(w))
            && c.after.trim_start_matches(['申', '请']).starts_with('在')
            && c.after.contains("期限内")
        {
            return Some(Category::CarriedOut);
        }
        return without_verb(c, clause, year);
    };
    let mut cue = whose_requests(c, cue)?;
    if matches!(cue, Cue::Is(Category::Decided | Category::Handled)) && not_all_answers(c) {
        return None;
    }
    // "尚有1件申请在法定期限内办理": what is left is being handled, not
    // yet decided.
    if matches!(cue, Cue::Is(Category::Handled))
        && LEFT.iter().any(|w| c.before.trim_end().ends_with(w))
    {
        cue = Cue::Is(Category::CarriedOut);
    }
    // "12月16日至31日收到的申请中，有58件…结转": of a part of the year's
    // requests.
    // "往年未办结的8件申请中，有1件转入结转下年度": of the carried in.
    if clause_holding(c.sentence_before).is_some_and(|w| {
        dated(w)
            || part_of_year(w)
            || ["往年", "以前年度", "以往年度", "未办结"]
                .iter()
                .any(|e| w.has_word(e))
    }) {
        return None;
    }
    let category = match cue {
        // "结转至下一年度办理2件": which way it is carried.
        Cue::Carry => return carry_direction(clause, year),
        // "结转下年度继续办理2件": the carry-over, not the requests handled.
        Cue::Is(Category::Handled) if clause.contains("结转") => {
            return carry_direction(clause, year);
        }
        // A part of the requests received ("共收到申请10件，其中通过网上平台收到申请6件"),
        // or something else received; with no noun at all, what the sentence
        // opened with ("依申请公开方面，受理8件").
        Cue::Receive
            if c.breakdown
                || !(clause.contains("申请")
                    || object(c.before, c.after).is_none()
                        && names_disclosure(c.sentence_before)) =>
        {
            return None;
        }
        // "年底收到的1件申请尚在答复期限内，结转至2025年度": the requests
        // left to next year, not all received.
        Cue::Receive if left_for_next_year(c, year) => Category::CarriedOut,
        // "农民提出申请30件": an applicant 表三 has no column of.
        Cue::Receive if rows::other_applicant_asking(c.sentence_before) => return None,
        // "本年共受理申请8件".
        Cue::Receive => Category::Received,
        // Those decided in time are a part of the decided ("按时办结12件").
        Cue::Is(Category::Decided)
            if at != usize::MAX && QUALIFIED.iter().any(|q| c.before.slice_to(at).ends_with(q)) =>
        {
            return None;
        }
        // "来自公民、法人和其他组织的申请18件": every applicant's.
        Cue::Is(Category::Applicant(1, 6)) if every_applicant(c.sentence_before) => {
            if c.breakdown || !clause.contains("申请") {
                return None;
            }
            Category::Received
        }
        // "结转下年度的5件中，自然人申请3件": the applicants of the
        // carried requests, which 表三 does not compare with 本年新收.
        Cue::Is(Category::Applicant(..)) if of_carried_requests(c.sentence_before) => {
            return None;
        }
        // "因本机关不掌握相关政府信息，对8件申请作出无法提供答复": the
        // cause the sentence opened with names the reason.
        Cue::Is(Category::Result(group)) => result_of_cause(c, group)?,
        Cue::Is(Category::ResultOf(key, ..)) if qualified_result(c, key) => return None,
        // "其中予以公开3件", "其中自然人申请7件".
        Cue::Is(category) => category,
    };
    of_this_year(c, clause, category, year)
}

/// Whether the words before a count name a year other than the report's
/// as the last time they speak of (`2024年行政复议3件`).
fn of_another_year(c: &Context<'_>, year: i32) -> bool {
    matches!(
        last_time(c.sentence_before, year),
        Some(When::Last | When::Next | When::Other)
    )
}

/// What a count of result `group` stands for: the reason a cause opening
/// the sentence names (`因本机关不掌握相关政府信息，对8件申请作出无法提供
/// 答复`), the result, or nothing when a cause or a step that is no reason
/// row of it qualifies the count (`有4件申请在征求第三方意见后予以公开`,
/// `因涉及第三方权益部分公开2件`: a part of the result).
fn result_of_cause(c: &Context<'_>, group: &'static str) -> Option<Category> {
    match rows::cause_before(c.sentence_before)
        .filter(|key| rows::reasons_of(group).contains(key))
        .or_else(|| reason_of_opening_cause(c.sentence_before, group))
    {
        Some(key) => Some(Category::Reason(key)),
        None if qualified_result(c, group) => None,
        None => Some(Category::Result(group)),
    }
}

/// The one reason of result `group` a clause opening with a cause names
/// (`因涉及个人隐私，不予公开6件`: 保护第三方合法权益).
fn reason_of_opening_cause(sentence_before: &str, group: &str) -> Option<&'static str> {
    let mut keys: Vec<&'static str> = sentence_before
        .split(['，', ','])
        .filter(|clause| ["因", "由于", "鉴于"].iter().any(|w| clause.starts_with(w)))
        // "因本机关不掌握、没有现成信息等原因": several, the group's.
        .filter(|clause| {
            !["等原因", "等理由", "等情形", "、"]
                .iter()
                .any(|w| clause.has_word(w))
        })
        .flat_map(rows::items_in)
        .filter_map(|(_, item)| match item {
            rows::Item::Reason(key, g) if g == group => Some(key),
            _ => None,
        })
        .collect();
    keys.dedup();
    match keys.as_slice() {
        [key] => Some(*key),
        _ => None,
    }
}

/// Words between a count and its result that give the cause or the step
/// the result came of (`因涉及第三方权益`, `在征求第三方意见后`): the count
/// is of those requests, a part of the result's.
const CAUSES: [&str; 5] = ["因", "由于", "征求", "涉及", "鉴于"];

/// The review every request has before its answer (`经审查后予以公开`).
const REVIEWED: [&str; 8] = [
    "审查", "审核", "研究", "核实", "核查", "会审", "审批", "审定",
];

/// Whether the words of the count's clause up to the result `group`'s word
/// name a cause or a step that is no reason row of it
/// (`有4件申请在征求第三方意见后予以公开`); a cause naming the group's
/// reasons (`因本机关不掌握、没有现成信息等原因无法提供的共4件`) counts the
/// group, and `经审查后` is how every request is decided.
fn qualified_result(c: &Context<'_>, group: &str) -> bool {
    let lead = match c.after.find(group) {
        Some(at) => c.after.slice_to(at),
        None => c
            .before
            .find(group)
            .map_or(c.before, |at| c.before.slice_to(at)),
    };
    let names_its_reasons = ["等原因", "等理由", "等情形"]
        .iter()
        .any(|w| lead.has_word(w))
        || [lead, c.sentence_before].iter().any(|text| {
            rows::items_in(text)
                .iter()
                .any(|(_, item)| matches!(item, rows::Item::Reason(_, g) if *g == group))
        });
    // "在征求第三方意见后", "经补正后": a step some requests took; not the
    // review every request has (`经审查后`).
    // "鉴于部分信息涉及个人隐私，对其中8件作部分公开处理": a cause opening
    // an earlier clause of the sentence.
    let opening_cause = c
        .sentence_before
        .split(['，', ','])
        .rev()
        .skip(1)
        .any(|clause| ["鉴于", "由于", "因"].iter().any(|w| clause.starts_with(w)));
    let step = lead.match_indices('后').any(|(at, _)| {
        let before = lead.slice_to(at);
        !before.is_empty() && !REVIEWED.iter().any(|w| before.ends_with(w))
    });
    !names_its_reasons && (step || opening_cause || CAUSES.iter().any(|w| lead.has_word(w)))
}

/// Whether `sentence_before` speaks of the requests carried over from last
/// year or to next year (`上年结转的3件申请`, `结转下年度的5件中`, `上年度
/// 遗留的申请`): applicants named after it are of those requests.
pub(crate) fn of_carried_requests(sentence_before: &str) -> bool {
    // "年底仍在办理期限内的申请有6件，其中自然人申请5件".
    [
        "结转",
        "遗留",
        "仍在办理",
        "尚在办理",
        "正在办理",
        "尚未办结",
        // "往年未办结的8件中，自然人5件".
        "未办结",
        "办理期限内",
    ]
    .iter()
    .any(|w| sentence_before.has_word(w))
}

/// Words naming the lawsuits brought without reconsideration (表四
/// 未经复议直接起诉).
pub(crate) const DIRECT_LITIGATION: [&str; 5] = [
    "直接起诉",
    "直接向人民法院",
    "直接提起",
    "未经复议",
    "未经行政复议",
];

/// The group of 表四 行政诉讼 `clause` names (`未经复议直接起诉的行政诉讼4件`,
/// `复议后起诉1件`, `复议后又提起诉讼的4件`), else both.
pub(crate) fn litigation_group(clause: &str) -> Category {
    if DIRECT_LITIGATION.iter().any(|w| clause.has_word(w)) {
        Category::LitigationOf(1)
    } else if clause.match_indices("复议后").any(|(at, w)| {
        // "复议后起诉", "复议后又提起诉讼", "复议后仍向人民法院起诉".
        let mut rest = clause.slice_from(at + w.len());
        for filler in ["又", "再", "仍", "继续", "再次"] {
            rest = rest.strip_prefix(filler).unwrap_or(rest);
        }
        ["起诉", "提起", "诉", "向人民法院", "向法院"]
            .iter()
            .any(|v| rest.starts_with(v))
    }) || ["对复议决定不服", "不服复议决定", "不服行政复议决定"]
        .iter()
        .any(|w| clause.has_word(w))
    {
        Category::LitigationOf(2)
    } else {
        Category::Litigation
    }
}

/// The cue of a count narrowed to the applicants whose requests it counts
/// (`法人或其他组织提出的申请6件`, `5家企业共提出申请7件`, `共有45名自然人
/// 提出申请`); `None` when several applicants' requests are counted
/// together (`自然人和法人申请52件`), which is no one column.
fn whose_requests(c: &Context<'_>, cue: Cue) -> Option<Cue> {
    if let Cue::Is(category) = cue
        && inside_another_item(c.sentence_before, category)
    {
        return cell_inside(c.sentence_before, category).map(Cue::Is);
    }
    let several = rows::several_applicants(c.sentence_before);
    // "社会公益组织、其他组织各提出申请1件": each one's, no column.
    if several && (matches!(cue, Cue::Is(Category::Applicant(..))) || c.before.contains('各')) {
        return None;
    }
    // "企业和律师事务所提出的申请合计27件": some columns together, no one
    // row of 表三.
    if several && cue == Cue::Receive && !rows::applicants_cover_all(c.sentence_before) {
        return None;
    }
    if cue != Cue::Receive || several {
        return Some(cue);
    }
    // The applicants named before the verb, else the one applicant asking
    // before the count or right after it.
    Some(
        applicant_before(c.before)
            .or_else(|| {
                rows::sole_asking_applicant(c.before)
                    .or_else(|| rows::leading_applicant(c.after))
                    .map(|(from, to)| Cue::Is(Category::Applicant(from, to)))
            })
            .unwrap_or(cue),
    )
}

/// Whether a count of `category` is a cell inside an item of the other kind
/// named before it: a result's among one applicant's requests (`商业企业申请
/// 中予以公开14件`), an applicant's among one result's (`予以公开18件，其中
/// 自然人15件`). Neither is the row's or the column's whole.
fn inside_another_item(sentence_before: &str, category: Category) -> bool {
    match category {
        Category::Result(_) | Category::Results(_) | Category::Reason(_) => {
            among_named(sentence_before, true)
        }
        Category::Applicant(..) => among_named(sentence_before, false),
        _ => false,
    }
}

/// The one cell group a count of `category` inside an item of the other
/// kind stands for: a result's (or a reason's) among the requests of the
/// one applicant named before it (`商业企业申请中，予以公开8件`), an
/// applicant's among the one result named before it (`予以公开44件，其中
/// 自然人30件`); `None` when several of either are named, or the
/// applicants are some of a column (`除自然人外`) or of the carried
/// requests.
fn cell_inside(sentence_before: &str, category: Category) -> Option<Category> {
    if sentence_before.contains('除') || of_carried_requests(sentence_before) {
        return None;
    }
    let items = rows::items_in(sentence_before);
    // "涉及个人隐私": no applicant.
    let applicants: Vec<(usize, usize)> = items
        .iter()
        .filter(|(r, _)| {
            let next = sentence_before.slice_from(r.end);
            !["隐私", "信息", "权益", "利益"]
                .iter()
                .any(|w| next.starts_with(w))
        })
        .filter_map(|(_, item)| match item {
            rows::Item::Applicant(from, to) => Some((*from, *to)),
            _ => None,
        })
        .collect();
    let results: Vec<&'static str> = items
        .iter()
        .filter_map(|(_, item)| match item {
            rows::Item::Group(key) | rows::Item::Reason(key, _) => Some(*key),
            _ => None,
        })
        .collect();
    match (category, applicants.as_slice(), results.as_slice()) {
        (Category::Result(key) | Category::Reason(key), [(from, to)], _) => {
            Some(Category::ResultOf(key, *from, *to))
        }
        (Category::Applicant(from, to), _, [key]) => Some(Category::ResultOf(key, from, to)),
        _ => None,
    }
}

/// Whether the words before a count take it from among the requests of
/// the item they name last (`商业企业申请中，予以公开160件`, `逾期未缴纳
/// 费用终止办理的5件中，3件为企业申请`): a cell inside that item's row or
/// column, not read. `applicant`: the item is an applicant's (else a
/// result's or a reason's).
fn among_named(sentence_before: &str, applicant: bool) -> bool {
    rows::items_in(sentence_before)
        .into_iter()
        .rev()
        .find(|(_, item)| matches!(item, rows::Item::Applicant(..)) == applicant)
        .is_some_and(|(r, _)| sentence_before.slice_from(r.end).contains('中'))
}

/// Whether the answers a count stands for are not the year's: another
/// agency's helped with (`协助上级部门答复申请3件`), or those a case was
/// brought against (`作出的1件答复被申请行政复议`).
fn not_all_answers(c: &Context<'_>) -> bool {
    let after_clause = c.after.split(['，', '。', '；']).next().unwrap_or_default();
    ["协助", "配合", "协办"]
        .iter()
        .any(|w| c.before.has_word(w))
        || CASE_BROUGHT.iter().any(|w| after_clause.has_word(w))
}

/// Words after answers saying a case was brought against them
/// (`1件答复被申请行政复议`).
const CASE_BROUGHT: [&str; 7] = [
    "被申请",
    "被提起",
    "被起诉",
    "被复议",
    "被诉",
    "引发",
    "引起",
];

/// Words before a count saying what a figure came to from another
/// (`由上年的37件增至41件`).
pub(crate) const REACHED: [&str; 20] = [
    "增至",
    "增加到",
    "增加至",
    "增长到",
    "增长至",
    "上升到",
    "上升至",
    "提高到",
    "提高至",
    "攀升至",
    "减至",
    "减少到",
    "减少至",
    "降至",
    "降到",
    "下降到",
    "下降至",
    "降低到",
    "降低至",
    "回落至",
];

/// Words of an outcome of 行政复议 and 行政诉讼 cases (`维持原答复1件`,
/// `责令重新答复1件`): a count with one is read against 表四's columns.
const CASES_OUTCOME: [&str; 9] = [
    "维持",
    "纠正",
    "撤销",
    "审结",
    "胜诉",
    "败诉",
    "责令",
    "重新答复",
    "确认违法",
];

/// Words of a clause that make its count of cases a part or an outcome of
/// them (`上年结转的2件行政复议案件均已审结`), not their number.
const CASES_STATE: [&str; 8] = [
    "结转", "上年", "维持", "纠正", "审结", "撤回", "驳回", "尚未",
];

/// Words right before a count that say it is what is left (`尚有1件`).
const LEFT: [&str; 6] = ["尚有", "仍有", "还有", "尚余", "剩余", "剩下"];

/// Whether the words right before the count name both kinds of case
/// (`行政复议、行政诉讼共3件`): one count of both, not one row's.
fn both_kinds_of_case(c: &Context<'_>) -> bool {
    let mut run = c
        .sentence_before
        .rsplit(|ch: char| ch.is_ascii_digit() || "，。；：,;:".contains(ch))
        .next()
        .unwrap_or_default();
    // After a count ("行政复议六件、行政诉讼"), not at 件 itself ("行政复议、
    // 行政诉讼案件共9件").
    let mut counted = run.char_indices().rev().filter(|(i, ch)| {
        matches!(ch, '件' | '起')
            && run
                .slice_to(*i)
                .chars()
                .next_back()
                .is_some_and(|p| numbers::digit_value(p).is_some() || "十百千万".contains(p))
    });
    if let Some((i, ch)) = counted.next() {
        run = run.slice_from(i + ch.len_utf8());
    }
    // "复议后起诉1件", "未经复议直接起诉": one row of 行政诉讼.
    run.contains("复议")
        && ["诉讼", "起诉", "应诉"].iter().any(|w| run.has_word(w))
        && litigation_group(run) == Category::Litigation
}

/// What a count with no verb near it stands for: the requests by a
/// measure noun or named after it ([`measured_requests`]), else a sum
/// ([`summed`]).
fn without_verb(c: &Context<'_>, clause: &str, year: i32) -> Option<Category> {
    if !c.breakdown && measured_requests(c) {
        return of_this_year(c, clause, Category::Received, year);
    }
    summed(c, clause, year)
}

/// Whether a count with no verb near it is the requests' by a measure
/// noun right before it (`政府信息公开申请总量8件`, `依申请公开件数为8件`) or
/// by the requests named right after it (`共计8件政府信息公开申请`).
fn measured_requests(c: &Context<'_>) -> bool {
    let mut before = c
        .before
        .trim_end()
        .trim_end_matches(['为', '是', '达', '共', '计']);
    // "申请量约40件", "申请总量超过30件": the measure before the bound.
    while let Some(rest) = ["大约", "将近", "超过", "约", "近", "逾"]
        .iter()
        .find_map(|w| before.strip_suffix(w))
    {
        before = rest.trim_end_matches(['为', '是', '达', '共', '计']);
    }
    // "申请量由上年的1124件增至1476件": the measure before what it came from.
    if REACHED.iter().any(|w| before.ends_with(w))
        && let Some(at) = before.rfind('由')
    {
        before = before.slice_to(at);
    }
    let measured = ["申请", "依申请公开"].iter().any(|noun| {
        REQUEST_MEASURES
            .iter()
            .any(|m| before.ends_with(&format!("{noun}{m}")))
    });
    let named_after = ["共计", "共", "合计", "总计"]
        .iter()
        .any(|w| c.before.trim_end().ends_with(w))
        && ["政府信息公开申请", "信息公开申请", "依申请公开申请"]
            .iter()
            .any(|n| c.after.trim_start().starts_with(n));
    measured || named_after
}

/// A sum with no verb of its own after the requests received and those
/// carried over (`新收申请41件，上年结转2件，合计43件`): the requests handled.
fn summed(c: &Context<'_>, clause: &str, year: i32) -> Option<Category> {
    let lead = c.before.trim().trim_start_matches(['加', '上', '再']);
    let sums = ["合计", "共计", "累计", "总计", "一共", "总共"]
        .iter()
        .any(|w| lead.starts_with(w));
    let received = ["新收", "受理", "收到", "接收"]
        .iter()
        .any(|w| c.sentence_before.has_word(w));
    if !sums || c.breakdown || !received || !c.sentence_before.contains("结转") {
        return None;
    }
    of_this_year(c, clause, Category::Handled, year)
}

/// `category`, unless the clause is about the carry-over, a day's
/// requests or another year's.
fn of_this_year(c: &Context<'_>, clause: &str, category: Category, year: i32) -> Option<Category> {
    // "上年结转的申请已于本年办结2件": about the carried-over requests.
    if clause.contains("结转") {
        return None;
    }
    // A day's requests, or counted in another year
    // ("12月30日收到的申请2件，计入2025年度统计", "收到申请2件，纳入下一年度统计").
    if dated(c.before) || counted_elsewhere(c.sentence_after, year) || part_of_year(c.before) {
        return None;
    }
    // "上年结转的6件中，予以公开2件", "新收的126件申请中，当年办结122件",
    // "年内新收的申请中，有123件已办结": results of a part of the requests
    // the tables count (the applicants of the new ones are the tables').
    if !matches!(category, Category::Applicant(..))
        && clause_holding(c.sentence_before).is_some_and(|h| {
            (h.contains(|ch: char| ch.is_ascii_digit()) || h.ends_with("申请中"))
                && ["结转", "新收", "上年", "遗留"]
                    .iter()
                    .any(|w| h.has_word(w))
        })
    {
        return None;
    }
    // "本年新收申请中已办结123件", "新收申请中尚有7件未办结": a part of
    // the new or carried requests, in the count's own clause.
    if !matches!(category, Category::Applicant(..))
        && c.before.find("申请中").is_some_and(|at| {
            ["新收", "结转", "上年", "遗留"]
                .iter()
                .any(|w| c.before.slice_to(at).has_word(w))
        })
    {
        return None;
    }
    // "2018年至2020年…累计收到", "全区各级行政机关共收到": not the
    // tables' requests.
    if several_years(c.sentence_before) || wider_scope(c.before) {
        return None;
    }
    // "12月收到申请11件，其中3件已于年内答复": a part of a part.
    if let Some(at) = c.sentence_before.rfind("其中") {
        let whole = last_clause(c.sentence_before.slice_to(at).trim_end_matches(['，', ',']));
        if part_of_year(whole) || dated(whole) {
            return None;
        }
        // "本年度办结申请131件，其中自然人申请95件": the applicants of the
        // requests decided, not of those received.
        let decided = ["办结", "答复"].iter().any(|w| whole.has_word(w))
            && !["收到", "新收", "受理", "提出"]
                .iter()
                .any(|w| whole.has_word(w));
        if decided && matches!(category, Category::Applicant(..)) {
            return None;
        }
    }
    // "申请量由上年的1124件增至1476件": what it came to this year.
    if REACHED.iter().any(|w| c.before.ends_with(w)) && c.before.contains('由') {
        return Some(category);
    }
    match last_time(c.sentence_before, year) {
        // "上年度未办结申请9件": last year's left, this year's carried in.
        Some(When::Last) if category == Category::CarriedIn => Some(category),
        // About another year ("上年度共收到申请9件").
        Some(When::Last | When::Next | When::Other) => None,
        _ => Some(category),
    }
}

/// Whether the requests a count received are still being answered
/// (`收到的1件申请尚在答复期限内`) or are carried over to next year later
/// in the sentence (`…，结转至2025年度继续办理`), no other count between.
fn left_for_next_year(c: &Context<'_>, year: i32) -> bool {
    let counts_after = c.sentence_after.char_indices().any(|(i, ch)| {
        ch.is_ascii_digit() && {
            let rest = c.sentence_after.slice_from(i + ch.len_utf8());
            rest.starts_with(['件', '起'])
        }
    });
    if counts_after {
        return false;
    }
    let pending = ["尚在", "仍在", "还在", "正在办理", "尚未办结", "尚未答复"]
        .iter()
        .any(|w| c.after.has_word(w));
    let carried = c.sentence_after.match_indices("结转").any(|(i, w)| {
        // "没有需结转到下一年度的申请": denied, not said of this count.
        let lead = c.sentence_after.slice_to(i);
        let lead = lead
            .rsplit(['，', '；', ',', ';'])
            .next()
            .unwrap_or_default();
        if lead.contains(['没', '未', '无', '不']) {
            return false;
        }
        let rest: String = c
            .sentence_after
            .slice_from(i + w.len())
            .trim_start_matches(['至', '到', '入'])
            .chars()
            .take(8)
            .collect();
        ["下一年", "下年", "次年", "明年"]
            .iter()
            .any(|n| rest.starts_with(n))
            || years(&rest).first().is_some_and(|(_, y)| *y == year + 1)
    });
    pending || carried
}

/// Whether `clause` names a day (`12月30日收到的`): the figure is of the
/// requests of that day or period, a part of the year's.
fn dated(clause: &str) -> bool {
    // "截至12月31日": the year's end, not a day's requests.
    if ["截至12月31日", "截止12月31日", "截至年底", "到12月31日"]
        .iter()
        .any(|w| clause.has_word(w))
    {
        return false;
    }
    let chars: Vec<char> = clause.chars().collect();
    chars
        .windows(2)
        .any(|w| w[0].is_ascii_digit() && w[1] == '日')
        && clause.contains('月')
}

/// The clause before the count's own when it names the requests the count
/// is taken from (`12月16日至31日收到的申请中，`).
pub(crate) fn clause_holding(sentence_before: &str) -> Option<&str> {
    let cut = sentence_before.rfind(['，', ','])?;
    let before = sentence_before.slice_to(cut);
    before.ends_with('中').then(|| {
        before
            .rfind(['，', ',', '；', ';'])
            .map_or(before, |i| before.slice_from(i))
    })
}

/// Whether `text` speaks of the requests on one subject (`涉及保障性住房
/// 分配的申请`, `关于棚户区改造的申请`, `针对物业维修资金的申请`): a part of
/// the requests, not all. `涉及第三方合法权益不予公开` names a reason.
pub(crate) fn of_one_subject(text: &str) -> bool {
    ["涉及", "关于", "针对", "有关", "对于"].iter().any(|w| {
        text.match_indices(w).any(|(i, _)| {
            let after: String = text.slice_from(i + w.len()).chars().take(30).collect();
            let clause = after
                .split(['，', '。', '；', ',', ';'])
                .next()
                .unwrap_or("");
            // "涉及个人隐私的12件申请": the count right after 的.
            clause.contains("的申请")
                || clause.contains("的政府信息公开申请")
                || (clause.len() == after.len() && clause.ends_with('的'))
        })
    })
}

/// Whether the clause before a count counts for more agencies than the
/// report's own (`全区各级行政机关共收到申请286件`, `全省市场监管系统共收到`,
/// `各部门共受理`): not the tables'.
pub(crate) fn wider_scope(clause_before: &str) -> bool {
    let whole_area = ["全省", "全市", "全区", "全县", "全州", "全盟", "全旗"]
        .iter()
        .any(|w| clause_before.has_word(w));
    [
        "各级",
        "全系统",
        "各部门",
        "各单位",
        "各县",
        "各乡镇",
        "各街道",
    ]
    .iter()
    .any(|w| clause_before.has_word(w))
        || whole_area && (clause_before.contains("系统") || clause_before.contains("行政机关"))
}

/// Whether the words before a count name several years it may be of: a
/// span (`2018年至2020年`, `2018—2020年`) or a list the counts follow in
/// turn (`2023年、2024年和2025年，本局分别收到…`).
pub(crate) fn several_years(sentence_before: &str) -> bool {
    let chars: Vec<char> = sentence_before.chars().collect();
    let year_at = |i: usize| {
        chars
            .get(i..i + 4)
            .is_some_and(|d| d.iter().all(char::is_ascii_digit))
            && !chars.get(i + 4).is_some_and(char::is_ascii_digit)
    };
    let spanned = (0..chars.len()).any(|i| {
        if !year_at(i) || (i > 0 && chars[i - 1].is_ascii_digit()) {
            return false;
        }
        let mut j = i + 4;
        if chars.get(j) == Some(&'年') {
            j += 1;
        }
        chars.get(j).is_some_and(|c| SPAN.contains(*c)) && year_at(j + 1)
    });
    let mut named: Vec<i32> = years(sentence_before).into_iter().map(|(_, y)| y).collect();
    named.dedup();
    // "2024年和2025年两年累计收到": a sum of the years named.
    let summed = ["分别", "累计", "合计", "两年", "三年"]
        .iter()
        .any(|w| sentence_before.has_word(w));
    spanned || (named.len() >= 2 && summed)
}

/// Whether the clause counts a part of the year or a span of years
/// (`上半年收到申请2件`, `第四季度`, `12月份`, `近三年累计`), which the
/// year's tables do not give.
pub(crate) fn part_of_year(clause: &str) -> bool {
    const PARTS: [&str; 12] = [
        "上半年",
        "下半年",
        "季度",
        "月份",
        "个月",
        "上旬",
        "中旬",
        "下旬",
        "近三年",
        "近两年",
        "近五年",
        "历年",
    ];
    if PARTS.iter().any(|w| clause.has_word(w)) {
        return true;
    }
    // A month on its own (`12月收到申请2件`), not a day (`12月31日`); a
    // span of months unless it runs from January to December (`1至11月`
    // is a part, `1月至12月` the year).
    let chars: Vec<char> = clause.chars().collect();
    chars.iter().enumerate().any(|(i, &c)| {
        let Some((month, from)) = (c == '月').then(|| month_before(&chars[..i])).flatten() else {
            return false;
        };
        match chars.get(i + 1) {
            Some(n) if n.is_ascii_digit() || "日号底初".contains(*n) => return false,
            Some(n) if SPAN.contains(*n) => return month != 1,
            _ => {}
        }
        match from.checked_sub(1).map(|j| (j, chars[j])) {
            Some((j, f)) if SPAN.contains(f) => {
                month != 12 || month_before(&chars[..j]).is_some_and(|(first, _)| first != 1)
            }
            _ => true,
        }
    })
}

/// The words joining the two ends of a span (`1至11月`, `1—11月`).
const SPAN: &str = "至到－—-~～";

/// The month number written at the end of `chars` (`11`, `十一`), with the
/// index where it starts.
fn month_before(chars: &[char]) -> Option<(u32, usize)> {
    const HAN: &str = "〇一二三四五六七八九十";
    let from = chars
        .iter()
        .rposition(|c| !(c.is_ascii_digit() || HAN.contains(*c)))
        .map_or(0, |p| p + 1);
    let written = &chars[from..];
    let month = if written.iter().all(char::is_ascii_digit) {
        written.iter().collect::<String>().parse().ok()?
    } else {
        let digit = |c: &char| HAN.chars().position(|h| h == *c).map(|d| d as u32);
        match written {
            ['十'] => 10,
            ['十', d] => 10 + digit(d)?,
            [d] => digit(d)?,
            _ => return None,
        }
    };
    (1..=12).contains(&month).then_some((month, from))
}

/// Whether the rest of the sentence puts the figure in another year's
/// count (`计入2025年度`, `纳入下一年度统计`).
fn counted_elsewhere(after: &str, year: i32) -> bool {
    ["计入", "纳入", "列入", "转入", "归入", "算入"]
        .iter()
        .any(|w| {
            after.match_indices(w).any(|(i, _)| {
                let rest: String = after.slice_from(i + w.len()).chars().take(8).collect();
                ["下一年", "下年", "次年", "明年", "上一年", "上年"]
                    .iter()
                    .any(|n| rest.starts_with(n))
                    || years(&rest).first().is_some_and(|(_, y)| *y != year)
            })
        })
}

/// Whether the sentence marks `figure` as part of a breakdown: 其中 before
/// it in the sentence.
pub(crate) fn in_breakdown(sentence_before: &str) -> bool {
    sentence_before.contains("其中")
}

/// The text of a figure's clause around it: from the previous clause
/// mark to the next.
pub(crate) fn clause_bounds(chars: &[char], figure: &Figure) -> (usize, usize) {
    let is_clause_end = |c: &char| {
        matches!(
            c,
            '，' | '。'
                | '；'
                | '！'
                | '？'
                | '\n'
                | ','
                | ';'
                | '、'
                | '（'
                | '）'
                | '('
                | ')'
                | '：'
                | ':'
        )
    };
    let start = chars[..figure.start]
        .iter()
        .rposition(is_clause_end)
        .map_or(0, |p| p + 1);
    let end = chars[figure.end..]
        .iter()
        .position(is_clause_end)
        .map_or(chars.len(), |p| figure.end + p);
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn category(sentence: &str, figure: &str) -> Option<Category> {
        let at = sentence.find(figure).unwrap();
        let chars: Vec<char> = sentence.chars().collect();
        let start = sentence.slice_to(at).chars().count();
        let f = Figure {
            start,
            end: start + figure.chars().count(),
            value: 0.0,
            decimals: 0,
            unit: super::super::numbers::Unit::Count,
        };
        let (cs, ce) = clause_bounds(&chars, &f);
        let s = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
        let before = s(cs, f.start);
        let after = s(f.end, ce);
        let sb = s(0, f.start);
        let sa = s(f.end, chars.len());
        let c = Context {
            before: &before,
            after: &after,
            sentence_before: &sb,
            sentence_after: &sa,
            breakdown: in_breakdown(&sb),
        };
        count_category(&c, 2024)
    }

    #[test]
    fn requests_received_by_the_bare_word_are_the_disclosure_requests() {
        for (sentence, want) in [
            ("本年度受理申请8件。", Topic::Requests),
            ("本年度共收到申请共8件，其中当面申请1件。", Topic::Requests),
            ("全年接到申请十二件。", Topic::Requests),
            ("2022年，收到申请公开21条，办结21条。", Topic::Requests),
            ("全年受理行政许可申请1256件。", Topic::Unknown),
            ("全年受理各类申请356件。", Topic::Unknown),
            ("受理申请人来电8次。", Topic::Unknown),
            // Their measure, received or at a clause's head.
            ("与上年相比，收到申请数量的降幅达到50%。", Topic::Requests),
            ("与上年相比，申请量下降50%。", Topic::Requests),
            ("全年申请数量较上年下降50%。", Topic::Requests),
            ("行政许可申请量较上年增长30%。", Topic::Unknown),
            ("政务服务申请数量同比增长。", Topic::Unknown),
            ("申请人数量较多。", Topic::Unknown),
            // Documents sorted by how they may be disclosed.
            (
                "审查拟公开文件86件，其中确定为主动公开的71件、依申请公开的9件、不予公开的6件。",
                Topic::Unknown,
            ),
        ] {
            assert_eq!(topic(sentence, "", Topic::Unknown), want, "{sentence}");
        }
    }

    #[test]
    fn counts_of_earlier_years() {
        use Category::*;
        for (sentence, figure, want) in [
            // A count inside the other side of the comparison is that year's.
            (
                "与2023年度科研机构提出1件申请不同，本年度科研机构未提出申请",
                "1件",
                None,
            ),
            ("与上年相比，本年受理申请8件", "8件", Some(Received)),
            // Earlier years' requests not decided then: carried in.
            (
                "本年度收到申请130件，连同往年未办结的8件，全年实际办理138件",
                "8件",
                Some(CarriedIn),
            ),
            ("尚未办结3件", "3件", Some(CarriedOut)),
            // Last year's carry-over into next year is this year's.
            ("与2023年结转下年度的8件相同", "8件", Some(CarriedIn)),
            // Applicants without a column of 表三; names of one that has.
            ("农民提出申请30件", "30件", None),
            ("往年未办结的8件申请中，有1件转入结转下年度", "1件", None),
            ("直接起诉、复议后起诉分别为4件、2件", "4件", None),
            ("律师代理申请4件", "4件", None),
            ("研究机构提出申请2件", "2件", Some(Applicant(2, 3))),
        ] {
            assert_eq!(category(sentence, figure), want, "{sentence}");
        }
    }

    #[test]
    fn what_a_count_stands_for() {
        use Category::*;
        for (sentence, figure, want) in [
            ("本年共受理申请8件", "8件", Some(Received)),
            ("结转至下一年度办理2件", "2件", Some(CarriedOut)),
            ("上一年度结转的申请3件", "3件", Some(CarriedIn)),
            ("2023年结转申请3件", "3件", Some(CarriedIn)),
            ("结转至2025年继续办理的1件", "1件", Some(CarriedOut)),
            ("其中予以公开3件", "3件", Some(Result("予以公开"))),
            (
                "依申请公开方面，受理8件，予以公开3件",
                "8件",
                Some(Received),
            ),
            ("其中网上申请5件", "5件", None),
            ("共收到申请10件，其中通过网上平台收到申请6件", "6件", None),
            ("受理政府信息公开咨询20件", "20件", None),
            // Another matter's requests and cases; the other side of a comparison.
            (
                "本年度受理行政许可申请130件，未收到政府信息公开申请",
                "130件",
                None,
            ),
            (
                "全年办理行政处罚案件35件，无政府信息公开行政复议",
                "35件",
                None,
            ),
            (
                "与2023年收到申请5件相比，本年度未收到政府信息公开申请",
                "5件",
                None,
            ),
            ("上年度共收到申请9件", "9件", None),
            ("上年结转的申请已于本年办结2件", "2件", None),
            ("较上年增加2件", "2件", None),
            ("按时办结12件", "12件", None),
            ("发生政府信息公开行政复议2起", "2起", Some(Reconsideration)),
            ("政府信息公开行政复议、行政诉讼共3件", "3件", None),
            ("发生行政复议1件、行政诉讼2件", "2件", Some(Litigation)),
            ("上年结转的2件行政复议案件均已审结", "2件", None),
            ("其中自然人申请7件", "7件", Some(Applicant(0, 1))),
            ("其中个人申请7件", "7件", Some(Applicant(0, 1))),
            ("其中企业申请2件", "2件", Some(Applicant(1, 2))),
            ("其中律师事务所提出1件", "1件", Some(Applicant(4, 5))),
            ("涉及个人信息的申请2件", "2件", None),
            ("涉及个人隐私的2件申请", "2件", None),
            ("关于棚户区改造的申请12件", "12件", None),
            (
                "共收到申请6件，较上年增长20%，其中予以公开2件",
                "2件",
                Some(Result("予以公开")),
            ),
            ("与上年相比，本年受理申请8件", "8件", Some(Received)),
            ("较2023年减少2件", "2件", None),
            ("12月30日收到的申请2件，计入2025年度统计", "2件", None),
            ("收到申请2件，纳入下一年度统计", "2件", None),
            (
                "年底前收到的1件申请尚在答复期限内，结转至2025年度继续办理",
                "1件",
                Some(CarriedOut),
            ),
            ("本年度收到申请6件，结转至2025年1件", "6件", Some(Received)),
            (
                "本年度收到申请6件，没有需结转到下一年度办理的申请",
                "6件",
                Some(Received),
            ),
            ("全年在法定期限内办理申请7件", "7件", Some(Handled)),
            ("协助上级部门答复申请3件", "3件", None),
            ("镇政府作出的1件答复被申请行政复议", "1件", None),
            ("全年答复申请12件，均在法定期限内", "12件", Some(Decided)),
            ("全年政府信息公开申请总量8件", "8件", Some(Received)),
            ("全年依申请公开件数为8件", "8件", Some(Received)),
            ("本年度申请量约40件", "40件", Some(Received)),
            ("全年申请总量超过30件", "30件", Some(Received)),
            ("上年申请量约40件", "40件", None),
            ("全年共计8件政府信息公开申请", "8件", Some(Received)),
            ("上年申请总量为4件", "4件", None),
            (
                "经审查，有2件申请因本机关不掌握相关信息",
                "2件",
                Some(Reason("本机关不掌握相关政府信息")),
            ),
            (
                "共有5件申请因本机关不掌握相关政府信息无法提供",
                "5件",
                Some(Reason("本机关不掌握相关政府信息")),
            ),
            // A period of answering, not a count of answers.
            ("3件因在答复期限内", "3件", None),
            ("41件均在答复期限内办结", "41件", Some(Decided)),
            // A sum after the received and the carried over.
            ("新收申请41件，上年结转2件，合计43件", "43件", Some(Handled)),
            (
                "全年新收申请41件，加上上年结转2件，共计43件",
                "43件",
                Some(Handled),
            ),
            ("收到申请41件，合计43件", "43件", None),
        ] {
            assert_eq!(category(sentence, figure), want, "{sentence}");
        }
    }

    /// Counts that are no figure of the tables: of several years, of more
    /// agencies than the report's, of a part of the year named in the
    /// clause before, each applicant's, both kinds of case, a cell inside
    /// another row.
    #[test]
    fn what_is_not_decided_yet_is_carried_over() {
        for (sentence, figure) in [
            ("尚未办结3件", "3件"),
            ("另有3件正在办理中", "3件"),
            ("正在办理3件", "3件"),
            ("截至12月31日，尚有1件申请在法定期限内办理", "1件"),
            ("截至12月31日，尚有9件申请在法定答复期限内", "9件"),
        ] {
            assert_eq!(
                category(sentence, figure),
                Some(Category::CarriedOut),
                "{sentence}"
            );
        }
    }

    #[test]
    fn counts_the_tables_do_not_give() {
        for (sentence, figure) in [
            (
                "2018年至2020年，区政府累计收到政府信息公开申请143件",
                "143件",
            ),
            (
                "2023年、2024年和2025年，本局分别收到申请896件、1124件",
                "896件",
            ),
            ("全区各级行政机关共收到政府信息公开申请286件", "286件"),
            ("全省市场监管系统共收到政府信息公开申请5219件", "5219件"),
            ("12月16日至31日收到的申请中，有58件结转下一年度办理", "58件"),
            ("社会公益组织、其他组织各提出申请1件", "1件"),
            ("本年度行政复议、行政诉讼案件共9件", "9件"),
            ("本年度办结申请131件，其中自然人申请95件", "95件"),
            ("征收补偿类申请15件均已办结", "15件"),
            ("除政府信息公开申请外，还收到行政许可听证申请2件", "2件"),
            ("法院受理的行政诉讼案件27件中，政府信息公开类5件", "27件"),
            ("法院受理的行政诉讼案件86件，其中政府信息公开类12件", "86件"),
            ("上年结转的6件中，予以公开2件", "2件"),
            ("新收的126件申请中，当年办结122件", "122件"),
            ("年内新收的申请中，有123件已办结", "123件"),
            ("企业和律师事务所提出的申请合计27件", "27件"),
            ("新收申请月均17.7件", "17.7件"),
            ("复议机关维持4件、责令重新答复1件", "1件"),
            ("年底仍在办理期限内的申请有6件，其中自然人申请5件", "5件"),
            ("尚未审结的复议案件2件、诉讼案件3件", "3件"),
            // A part of a part, the applicants of the decided, a share.
            ("涉及发票管理的申请11件，其中予以公开7件", "7件"),
            ("通过电子税务局收到申请40件，其中予以公开10件", "10件"),
            ("在办结的32件中，自然人申请24件", "24件"),
            ("个人所得税汇算期间收到的申请12件，占全年的18.8%", "12件"),
            ("镇便民服务中心全年受理各类便民服务申请2300件", "2300件"),
        ] {
            assert_eq!(category(sentence, figure), None, "{sentence}");
        }
        // One kind of case after the other's count.
        assert_eq!(
            category("全年因信息公开引发行政复议六件、行政诉讼五件", "五件"),
            Some(Category::Litigation)
        );
        assert_eq!(
            category("依申请公开系统共收到申请45件", "45件"),
            Some(Category::Received)
        );
        assert_eq!(
            category("申请量由上年的1124件增至1476件", "1476件"),
            Some(Category::Received)
        );
    }

    /// Whose requests a count is: one applicant's column, several
    /// applicants' together (no column), the carried requests', a row of
    /// 表四.
    #[test]
    fn whose_requests_a_count_is() {
        use Category::*;
        for (sentence, figure, want) in [
            ("5家企业共提出申请7件", "7件", Some(Applicant(1, 2))),
            ("共有45名自然人提出申请", "45名", Some(Applicant(0, 1))),
            ("自然人、法人共提出申请52件", "52件", Some(Received)),
            ("自然人和法人申请52件", "52件", None),
            (
                "其中自然人申请7件、法人申请2件",
                "2件",
                Some(Applicant(1, 6)),
            ),
            (
                "其中企业、律师事务所等法人或其他组织提出的申请六件",
                "六件",
                Some(Applicant(1, 6)),
            ),
            ("结转下年度的5件中，自然人申请3件", "3件", None),
            ("上年度遗留的4件申请已全部办结", "4件", Some(CarriedIn)),
            (
                "商业企业、其他组织分别提出申请7件、4件",
                "4件",
                Some(Applicant(5, 6)),
            ),
            ("复议后起诉1件", "1件", Some(LitigationOf(2))),
            (
                "其他处理中另有1件系申请人主动撤回申请",
                "1件",
                Some(Reason("其他")),
            ),
            ("复议后又提起诉讼的4件中", "4件", Some(LitigationOf(2))),
            (
                "行政诉讼4件，其中复议后起诉2件",
                "2件",
                Some(LitigationOf(2)),
            ),
            ("其中未经复议直接起诉23件", "23件", Some(LitigationOf(1))),
            ("复议后起诉的1件已审结", "1件", None),
            ("未经复议直接提起诉讼11件", "11件", Some(LitigationOf(1))),
            // A cell inside one applicant's column or one result's row.
            (
                "商业企业申请中予以公开14件",
                "14件",
                Some(ResultOf("予以公开", 1, 2)),
            ),
            (
                "自然人的申请中不予公开2件",
                "2件",
                Some(ResultOf("不予公开", 0, 1)),
            ),
            (
                "予以公开18件，其中自然人15件",
                "15件",
                Some(ResultOf("予以公开", 0, 1)),
            ),
            (
                "法律服务机构提出的127件申请中，予以公开50件",
                "50件",
                Some(ResultOf("予以公开", 4, 5)),
            ),
            (
                "自然人申请96件，商业企业申请18件，其中予以公开44件",
                "44件",
                None,
            ),
            ("除自然人外的申请中，予以公开14件", "14件", None),
            // A cause opening the sentence names the reason, or a part.
            (
                "因涉及个人隐私，不予公开6件",
                "6件",
                Some(Reason("保护第三方合法权益")),
            ),
            (
                "鉴于部分信息涉及个人隐私，对其中8件作部分公开处理",
                "8件",
                None,
            ),
            ("有4件申请在征求第三方意见后予以公开", "4件", None),
            ("经审查后予以公开45件", "45件", Some(Result("予以公开"))),
            ("因申请人逾期未补正，终止办理2件", "2件", None),
            ("本年新收申请中已办结123件", "123件", None),
            ("2022年至2024年三年合计被申请行政复议10件", "10件", None),
            ("2023年行政复议3件", "3件", None),
            ("上年度未办结申请9件", "9件", Some(CarriedIn)),
            ("截至12月31日尚未办结的申请有8件", "8件", Some(CarriedOut)),
        ] {
            assert_eq!(category(sentence, figure), want, "{sentence}");
        }
    }

    /// A count of one channel is none of the tables'; every channel
    /// together is the requests received.
    #[test]
    fn a_count_by_one_channel_is_not_the_received() {
        for (sentence, figure, want) in [
            ("全年通过网上申请平台收到申请131件", "131件", None),
            ("以信函方式提出申请54件", "54件", None),
            (
                "通过网站、信函等各种渠道收到申请192件",
                "192件",
                Some(Category::Received),
            ),
        ] {
            assert_eq!(category(sentence, figure), want, "{sentence}");
        }
    }

    /// An answer that gives one result counts that result; an answer
    /// qualified by time, and a part of the year, count no row.
    #[test]
    fn answers_of_one_result_and_parts_of_the_year() {
        use Category::*;
        for (sentence, figure, want) in [
            // The result an answer gives, not every answer.
            ("作出无法提供答复4件", "4件", Some(Result("无法提供"))),
            ("作出不予处理的答复1件", "1件", Some(Result("不予处理"))),
            ("以无法提供的形式答复4件", "4件", Some(Result("无法提供"))),
            (
                "涉及第三方合法权益不予公开5件",
                "5件",
                Some(Reason("保护第三方合法权益")),
            ),
            ("全年答复申请6件", "6件", Some(Decided)),
            // Answers qualified: a part of those decided.
            ("对1件申请作出延期答复", "1件", None),
            ("其中5件在10个工作日内办结", "5件", None),
            ("有57件申请在5个工作日内即办结", "57件", None),
            ("转送市医疗保障局办理的医保报销类申请3件", "3件", None),
            ("3件申请当场答复", "3件", None),
            ("自收到申请之日起15个工作日内答复的有5件", "5件", None),
            ("有1件申请人不服答复直接向人民法院提起行政诉讼", "1件", None),
            // A part of the year, or several years.
            ("12月份收到申请2件", "2件", None),
            ("12月收到申请2件", "2件", None),
            ("上半年收到申请2件", "2件", None),
            ("第四季度收到申请3件", "3件", None),
            ("近三年累计收到申请15件", "15件", None),
            ("1月至12月共收到申请6件", "6件", Some(Received)),
            ("1至12月共收到申请6件", "6件", Some(Received)),
            ("1至11月共收到申请47件", "47件", None),
            ("一至十一月共收到申请47件", "47件", None),
            ("2月至12月共收到申请6件", "6件", None),
            ("3—5月收到申请6件", "6件", None),
        ] {
            assert_eq!(category(sentence, figure), want, "{sentence}");
        }
    }
}
