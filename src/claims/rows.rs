//! Which result rows of 表三 a count names when its words name more than
//! one result, or one reason under a result: several results counted
//! together (`予以公开和部分公开合计4件`), results given their counts
//! respectively (`分别为3件、1件`), one reason
//! (`因属于国家秘密不予公开2件`, `本机关不掌握相关政府信息3件`).

use crate::find::Find;
use crate::model::official;
use crate::slice::Slice;

/// The result groups of 表三 by key, in table order: bit `i` of a
/// [`Named::Results`] mask is `GROUPS[i]`.
pub(crate) const GROUPS: [&str; 6] = [
    "予以公开",
    "部分公开",
    "不予公开",
    "无法提供",
    "不予处理",
    "其他处理",
];

/// Words naming a result group, with the group's index in [`GROUPS`].
const GROUP_WORDS: [(&str, usize); 8] = [
    ("予以公开", 0),
    ("同意公开", 0),
    ("全部公开", 0),
    ("部分公开", 1),
    ("不予公开", 2),
    ("无法提供", 3),
    ("不予处理", 4),
    ("其他处理", 5),
];

/// A reason of 不予公开, 无法提供, 不予处理 or 其他处理 as prose names it.
struct Reason {
    /// The words naming it.
    word: &'static str,
    /// Its group's index in [`GROUPS`].
    group: usize,
    /// Its row's key under the group in the data file.
    key: &'static str,
    /// Whether the words are common enough elsewhere that the sentence
    /// must also speak of requests or results for them to name the reason.
    needs_context: bool,
}

const fn reason(
    word: &'static str,
    group: usize,
    key: &'static str,
    needs_context: bool,
) -> Reason {
    Reason {
        word,
        group,
        key,
        needs_context,
    }
}

const REASONS: [Reason; 27] = [
    reason("国家秘密", 2, "属于国家秘密", true),
    reason("禁止公开", 2, "其他法律行政法规禁止公开", true),
    reason("三安全一稳定", 2, "危及三安全一稳定", false),
    reason("第三方合法权益", 2, "保护第三方合法权益", true),
    reason("第三人合法权益", 2, "保护第三方合法权益", true),
    // What 保护第三方合法权益 protects, as the answers name it.
    reason("个人隐私", 2, "保护第三方合法权益", true),
    reason("商业秘密", 2, "保护第三方合法权益", true),
    reason("内部事务", 2, "属于三类内部事务信息", false),
    reason("内部管理信息", 2, "属于三类内部事务信息", false),
    reason("过程性信息", 2, "属于四类过程性信息", false),
    reason("执法案卷", 2, "属于行政执法案卷", false),
    reason("行政查询事项", 2, "属于行政查询事项", false),
    reason("不掌握", 3, "本机关不掌握相关政府信息", false),
    reason("另行制作", 3, "没有现成信息需要另行制作", false),
    reason("仍不明确", 3, "补正后申请内容仍不明确", false),
    reason("信访举报投诉", 4, "信访举报投诉类申请", true),
    reason("信访投诉举报", 4, "信访举报投诉类申请", true),
    reason("重复申请", 4, "重复申请", false),
    reason("公开出版物", 4, "要求提供公开出版物", false),
    reason("大量反复", 4, "无正当理由大量反复申请", false),
    reason("重新出具", 4, RECONFIRM, false),
    reason("确认或重新", 4, RECONFIRM, false),
    reason("不补正", 5, UNCORRECTED, false),
    reason("未补正", 5, UNCORRECTED, false),
    reason("未缴", 5, UNPAID, true),
    reason("未按收费通知", 5, UNPAID, false),
    // "申请人主动撤回申请": the 其他 row of 其他处理.
    reason("撤回申请", 5, "其他", false),
];

/// The row of 不予处理 for asking to confirm or reissue what one has.
const RECONFIRM: &str = "要求行政机关确认或重新出具已获取信息";

/// The row of 其他处理 for a request not completed in time.
const UNCORRECTED: &str = "申请人无正当理由逾期不补正";

/// The row of 其他处理 for a fee not paid in time.
const UNPAID: &str = official::T3_FEE_UNPAID_KEY;

/// What the words before a count say of the result rows it counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Named {
    /// One result group, by its key (a count in its place after 分别).
    Result(&'static str),
    /// Several result groups together: bit `i` is `GROUPS[i]`.
    Results(u8),
    /// One reason under 不予公开, 无法提供, 不予处理 or 其他处理, by its row's key.
    Reason(&'static str),
    /// Several rows without saying how the figure is shared among them
    /// (`均为1件`, two reasons at once): not one table figure.
    Unread,
    /// Nothing beyond what the nearest cue says.
    Nothing,
}

/// The result rows the count after `sentence_before` names, when its
/// words name several results or a reason; `sentence` is the whole
/// sentence, for the words that make a common reason word one.
pub(crate) fn named(sentence_before: &str, sentence: &str) -> Named {
    if let Some(n) = respective(sentence_before) {
        return n;
    }
    let run = run_before(sentence_before);
    let groups = groups_in(run);
    let reasons = reasons_in(run);
    // "因不掌握、没有现成信息等原因无法提供的共6件": the reasons are
    // examples of the group the count is the whole of.
    if !reasons.is_empty()
        && ["等原因", "等情形", "等情况", "等理由"]
            .iter()
            .any(|w| run.has_word(w))
    {
        return match groups.as_slice() {
            [g] => Named::Result(GROUPS[*g]),
            _ => Named::Unread,
        };
    }
    match reasons.as_slice() {
        [] => {}
        [r] => {
            if groups.iter().any(|g| *g != r.group) {
                return Named::Unread;
            }
            let spoken =
                GROUP_WORDS.iter().any(|(w, _)| sentence.has_word(w)) || sentence.contains("申请");
            return if !r.needs_context || spoken {
                Named::Reason(r.key)
            } else {
                Named::Nothing
            };
        }
        _ => return Named::Unread,
    }
    if groups.len() < 2 {
        return Named::Nothing;
    }
    // "不予公开、无法提供均为1件": each, not together.
    if ["均", "各", "每"].iter().any(|w| run.has_word(w)) {
        return Named::Unread;
    }
    let mask = groups.iter().fold(0u8, |m, g| m | 1 << g);
    Named::Results(mask)
}

/// The result rows the words right after a count name, when they give
/// its cause or what the applicant was told (`2件申请因本机关不掌握相关
/// 政府信息`, `4件属于信访举报投诉类`, `3件因属于国家秘密不予公开`,
/// `1件告知需另行制作无法提供`): one reason, else one result group.
/// `clause_after` runs to the end of the count's clause.
pub(crate) fn named_after(clause_after: &str) -> Named {
    // "216件答复中有52件为无法提供": words after another count are that
    // count's.
    let own = clause_after
        .find(|c: char| c.is_ascii_digit())
        .map_or(clause_after, |i| clause_after.slice_to(i));
    let mut rest = own.trim_start();
    for lead in ["的申请", "申请", "均", "都", "是", "系", "为"] {
        rest = rest.strip_prefix(lead).unwrap_or(rest);
    }
    // "2件申请要求提供公开出版物": what was asked for names the reason
    // only when it is one.
    if rest.starts_with("要求") {
        return match reasons_in(rest).as_slice() {
            [r] => Named::Reason(r.key),
            _ => Named::Nothing,
        };
    }
    // "系申请人主动撤回申请".
    if !["因", "属于", "属", "由于", "系", "告知", "答复", "申请人"]
        .iter()
        .any(|w| rest.starts_with(w))
    {
        return Named::Nothing;
    }
    let reasons = reasons_in(rest);
    let groups = groups_in(rest);
    match (reasons.as_slice(), groups.as_slice()) {
        ([r], gs) if gs.iter().all(|g| *g == r.group) => Named::Reason(r.key),
        ([], [g]) => Named::Result(GROUPS[*g]),
        ([], []) => Named::Nothing,
        _ => Named::Unread,
    }
}

/// The one result group the words right before a share name
/// (`无法提供的占`), if they name exactly one and no reason of it.
pub(crate) fn one_group(sentence_before: &str) -> Option<&'static str> {
    let run = run_before(sentence_before);
    match (groups_in(run).as_slice(), reasons_in(run).is_empty()) {
        ([g], true) => Some(GROUPS[*g]),
        _ => None,
    }
}

/// "予以公开和部分公开分别为3件、1件": the count in its place among the
/// rows named before 分别, or `None` when the clause says no 分别.
fn respective(sentence_before: &str) -> Option<Named> {
    let at = sentence_before.rfind("分别")?;
    let after = sentence_before.slice_from(at);
    if after.contains(['，', '。', '；', '：', ',', ';', ':']) {
        return None;
    }
    let run = run_before(sentence_before.slice_to(at));
    let reasons = reasons_in(run);
    let items: Vec<Named> = if reasons.is_empty() {
        groups_in(run)
            .into_iter()
            .map(|g| Named::Result(GROUPS[g]))
            .collect()
    } else {
        reasons.iter().map(|r| Named::Reason(r.key)).collect()
    };
    if items.len() < 2 {
        return None;
    }
    // The counts written since 分别: their number is this one's place.
    let place = digit_runs(after);
    Some(items.get(place).copied().unwrap_or(Named::Unread))
}

/// Everyday names of the applicants' columns of 表三 (`from..to`), longest
/// first where one name begins another.
const APPLICANT_NAMES: [(&str, (usize, usize)); 19] = [
    ("法人或其他组织", (1, 6)),
    ("法人或者其他组织", (1, 6)),
    ("法人和其他组织", (1, 6)),
    ("自然人", (0, 1)),
    ("公民个人", (0, 1)),
    ("公民", (0, 1)),
    ("个人", (0, 1)),
    ("法人", (1, 6)),
    ("商业企业", (1, 2)),
    ("企业", (1, 2)),
    ("科研机构", (2, 3)),
    ("研究机构", (2, 3)),
    ("科研院所", (2, 3)),
    ("社会公益组织", (3, 4)),
    ("公益组织", (3, 4)),
    ("法律服务机构", (4, 5)),
    ("律师事务所", (4, 5)),
    ("其他组织", (5, 6)),
    ("其他", (5, 6)),
];

/// Applicants a report names that 表三 has no column of by that name.
pub(crate) const OTHER_APPLICANTS: [&str; 27] = [
    "新闻单位",
    "外国人",
    "外籍人士",
    "人大代表",
    "政协委员",
    "村民委员会",
    "居民委员会",
    "律师",
    "学生",
    "农民",
    "个体户",
    "高等院校",
    "高校",
    "院校",
    "大学",
    "学校",
    "医院",
    "协会",
    "学会",
    "社会团体",
    "新闻媒体",
    "媒体",
    "个体工商户",
    "个人",
    "公民",
    "事业单位",
    "社会组织",
];

/// Whether the clause before a count names an applicant of
/// [`OTHER_APPLICANTS`] asking (`农民提出申请`, `律师代理申请`): its
/// requests are in no column the text names.
pub(crate) fn other_applicant_asking(sentence_before: &str) -> bool {
    let clause = sentence_before
        .rsplit(['，', '；', ',', ';', '。'])
        .next()
        .unwrap_or(sentence_before);
    OTHER_APPLICANTS.iter().any(|w| {
        clause.match_indices(w).any(|(i, _)| {
            let mut rest = clause.slice_from(i + w.len());
            for filler in [
                "一共", "总共", "累计", "合计", "共", "均", "都", "代理", "先后",
            ] {
                rest = rest.strip_prefix(filler).unwrap_or(rest);
            }
            ["提出", "申请", "所提", "提交"]
                .iter()
                .any(|a| rest.starts_with(a))
        })
    })
}

/// The applicants' columns (`from..to`) of the name `said` begins with,
/// when nothing but the end or a verb of asking follows it (`企业`,
/// `公民个人提出`; not `个人信息`).
pub(crate) fn leading_applicant(said: &str) -> Option<(usize, usize)> {
    let (name, columns) = APPLICANT_NAMES.iter().find(|(w, _)| said.starts_with(w))?;
    let mut rest = said.slice_from(name.len());
    // "企业共提出申请7件".
    for filler in ["一共", "总共", "累计", "合计", "共", "均", "都", "先后"] {
        rest = rest.strip_prefix(filler).unwrap_or(rest);
    }
    let asks = ["提出", "申请", "的申请", "所提"];
    (rest.is_empty() || asks.iter().any(|w| rest.starts_with(w))).then_some(*columns)
}

/// The applicants' columns of the one applicant `text` names, when it is
/// named asking (`5家企业共提出申请`); `None` when it names none or
/// several (`自然人、法人共提出申请`).
pub(crate) fn sole_asking_applicant(text: &str) -> Option<(usize, usize)> {
    match applicant_names(text).as_slice() {
        [(at, _)] => leading_applicant(text.slice_from(*at)),
        _ => None,
    }
}

/// Whether the words right before a count name two applicants or more
/// (`自然人、法人共提出申请`): their requests together.
pub(crate) fn several_applicants(sentence_before: &str) -> bool {
    let run = run_before(sentence_before);
    // "企业、律师事务所等法人或其他组织": examples of the one named last.
    let run = run.rfind('等').map_or(run, |at| run.slice_from(at));
    applicant_names(run).len() >= 2
}

/// Whether the applicants named together right before a count cover every
/// column of 表三 (`自然人、法人共提出申请52件`; not `企业和律师事务所`).
pub(crate) fn applicants_cover_all(sentence_before: &str) -> bool {
    let mut covered = [false; 6];
    for (_, (from, to)) in applicant_names(run_before(sentence_before)) {
        for c in covered.iter_mut().take(to).skip(from) {
            *c = true;
        }
    }
    covered.iter().all(|c| *c)
}

/// The applicants `text` names, in order, each with its byte offset.
fn applicant_names(text: &str) -> Vec<(usize, (usize, usize))> {
    let mut named = Vec::new();
    let mut at = 0;
    while let Some(c) = text.slice_from(at).chars().next() {
        let rest = text.slice_from(at);
        match APPLICANT_NAMES.iter().find(|(w, _)| rest.starts_with(w)) {
            Some((w, columns)) => {
                named.push((at, *columns));
                at += w.len();
            }
            None => at += c.len_utf8(),
        }
    }
    named
}

/// "商业企业、其他组织分别提出申请7件、4件": the applicants' columns
/// (`from..to`) of the count in its place among those named before 分别;
/// `None` when the clause names no two applicants before 分别, `Some(None)`
/// when the count's place has no applicant.
pub(crate) fn respective_applicants(sentence_before: &str) -> Option<Option<(usize, usize)>> {
    let at = sentence_before.rfind("分别")?;
    let after = sentence_before.slice_from(at);
    if after.contains(['，', '。', '；', '：', ',', ';', ':']) {
        return None;
    }
    let named = applicant_names(run_before(sentence_before.slice_to(at)));
    (named.len() >= 2).then(|| named.get(digit_runs(after)).map(|(_, columns)| *columns))
}

/// How many runs of digits `text` has.
fn digit_runs(text: &str) -> usize {
    let mut runs = 0;
    let mut inside = false;
    for c in text.chars() {
        let digit = c.is_ascii_digit();
        if digit && !inside {
            runs += 1;
        }
        inside = digit;
    }
    runs
}

/// The words right before a count that may name its rows: back to the
/// previous clause mark other than 、, or to the previous count.
fn run_before(sentence_before: &str) -> &str {
    let cut = |c: char| {
        matches!(
            c,
            '，' | '。'
                | '；'
                | '：'
                | ','
                | ';'
                | ':'
                | '（'
                | '）'
                | '('
                | ')'
                | '！'
                | '？'
                | '\n'
                | '件'
                | '起'
        ) || c.is_ascii_digit()
    };
    // "…和其他处理的件数分别为": 件数 is a noun, not a count's unit.
    let noun = |i: usize, c: char| c == '件' && sentence_before.slice_from(i).starts_with("件数");
    let from = sentence_before
        .char_indices()
        .rev()
        .find(|(i, c)| cut(*c) && !noun(*i, *c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    sentence_before.slice_from(from)
}

/// The result groups `run` names, in the order it names them, each once.
fn groups_in(run: &str) -> Vec<usize> {
    let mut found: Vec<(usize, usize)> = GROUP_WORDS
        .iter()
        .flat_map(|(w, g)| run.places_of(w).map(move |i| (i, *g)))
        .collect();
    // "公开或部分公开的共24件": a bare 公开 beside 部分公开 is 予以公开.
    for joined in [
        "全部或部分公开",
        "全部和部分公开",
        "公开或部分公开",
        "公开和部分公开",
        "公开及部分公开",
        "公开、部分公开",
        "公开与部分公开",
    ] {
        found.extend(
            run.places_of(joined)
                .filter(|&i| {
                    let lead = run.slice_to(i);
                    !["予以", "不予", "全部", "同意", "部分"]
                        .iter()
                        .any(|w| lead.ends_with(w))
                })
                .map(|i| (i, 0)),
        );
    }
    found.sort_unstable();
    let mut out = Vec::new();
    for (_, g) in found {
        if !out.contains(&g) {
            out.push(g);
        }
    }
    out
}

/// A row or column of 表三 a sentence names: a result group, a reason of
/// one, or an applicant's column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Item {
    /// A result group, by its key.
    Group(&'static str),
    /// A reason of a result group, by its row's key, and the group's key.
    Reason(&'static str, &'static str),
    /// Applicants' columns `from..to`.
    Applicant(usize, usize),
}

/// Every item `text` names, in order, each with its byte range; where
/// one name holds another (`重复申请`, `申请`), the longest.
pub(crate) fn items_in(text: &str) -> Vec<(std::ops::Range<usize>, Item)> {
    let mut found: Vec<(std::ops::Range<usize>, Item)> = Vec::new();
    let mut add = |w: &str, item: Item| {
        for at in text.places_of(w) {
            found.push((at..at + w.len(), item));
        }
    };
    for (w, g) in GROUP_WORDS {
        add(w, Item::Group(GROUPS[g]));
    }
    for r in &REASONS {
        add(r.word, Item::Reason(r.key, GROUPS[r.group]));
    }
    for (w, (from, to)) in APPLICANT_NAMES {
        // "其他" alone is no applicant's name outside a list of them.
        if w != "其他" {
            add(w, Item::Applicant(from, to));
        }
    }
    found.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
    let mut out: Vec<(std::ops::Range<usize>, Item)> = Vec::new();
    for (range, item) in found {
        if out.last().is_none_or(|(last, _)| range.start >= last.end) {
            out.push((range, item));
        }
    }
    out
}

/// The keys of the reasons of result group `group` (`不予处理`), each once.
pub(crate) fn reasons_of(group: &str) -> Vec<&'static str> {
    let mut keys: Vec<&'static str> = Vec::new();
    for r in REASONS.iter().filter(|r| GROUPS[r.group] == group) {
        if !keys.contains(&r.key) {
            keys.push(r.key);
        }
    }
    keys
}

/// The one reason a cause opening the sentence names (`因本机关不掌握相关
/// 政府信息，对8件申请…`, `由于申请内容属于内部管理信息，…`): its row's key.
pub(crate) fn cause_before(sentence_before: &str) -> Option<&'static str> {
    let opening = sentence_before.trim_start();
    let cause = ["因", "由于"]
        .iter()
        .find_map(|w| opening.strip_prefix(w))?;
    let cause = cause
        .find(['，', ',', '；', ';', '。'])
        .map_or(cause, |i| cause.slice_to(i));
    // "因不掌握或没有现成信息": several causes, some perhaps unread.
    if cause.contains(['或', '和', '、', '等', '及']) {
        return None;
    }
    match reasons_in(cause).as_slice() {
        [r] => Some(r.key),
        _ => None,
    }
}

/// Whether `text` names a reason of a result (`不掌握`, `重复申请`).
pub(crate) fn names_reason(text: &str) -> bool {
    !reasons_in(text).is_empty()
}

/// Whether `text` names a result group or a reason of one (`予以公开`,
/// `逾期未按收费通知缴纳费用`): some of the requests, not all.
pub(crate) fn names_result(text: &str) -> bool {
    !groups_in(text).is_empty() || names_reason(text)
}

/// The reasons `run` names (read without 、 and quotation marks, as in
/// “信访、举报、投诉类”), each row once.
fn reasons_in(run: &str) -> Vec<&'static Reason> {
    let plain: String = run
        .chars()
        .filter(|c| !matches!(c, '、' | '“' | '”' | '"' | '‘' | '’'))
        .collect();
    let mut out: Vec<&'static Reason> = Vec::new();
    for r in &REASONS {
        if plain.contains(r.word) && !out.iter().any(|o| o.key == r.key) {
            out.push(r);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(sentence_before: &str) -> Named {
        named(sentence_before, sentence_before)
    }

    #[test]
    fn the_cause_after_a_count_names_its_row() {
        for (after, want) in [
            (
                "申请因本机关不掌握相关信息",
                Named::Reason("本机关不掌握相关政府信息"),
            ),
            (
                "属于信访举报投诉类，不予处理",
                Named::Reason("信访举报投诉类申请"),
            ),
            ("因不符合公开条件不予公开", Named::Result("不予公开")),
            (
                "申请因申请人逾期未缴纳信息处理费而终止处理",
                Named::Reason("申请人逾期未按收费通知要求缴纳费用"),
            ),
            ("因不掌握或需另行制作无法提供", Named::Unread),
            (
                "告知需另行制作无法提供",
                Named::Reason("没有现成信息需要另行制作"),
            ),
            ("答复不予公开", Named::Result("不予公开")),
            ("告知申请人向其他机关申请", Named::Nothing),
            (
                "申请要求提供公开出版物",
                Named::Reason("要求提供公开出版物"),
            ),
            ("申请要求公开征收补偿方案", Named::Nothing),
            // Not a cause: what follows is something else.
            ("申请，其中2件不予公开", Named::Nothing),
            ("，均已办结", Named::Nothing),
        ] {
            assert_eq!(named_after(after), want, "{after}");
        }
    }

    #[test]
    fn an_applicant_named_alone_or_asking() {
        assert_eq!(leading_applicant("企业"), Some((1, 2)));
        assert_eq!(leading_applicant("公民个人提出"), Some((0, 1)));
        assert_eq!(leading_applicant("法人或其他组织"), Some((1, 6)));
        assert_eq!(leading_applicant("个人信息"), None);
        assert_eq!(leading_applicant("依申请公开事项"), None);
    }

    #[test]
    fn applicants_given_their_counts_respectively() {
        let place = respective_applicants;
        assert_eq!(place("商业企业、其他组织分别提出申请"), Some(Some((1, 2))));
        assert_eq!(
            place("商业企业、其他组织分别提出申请7件、"),
            Some(Some((5, 6)))
        );
        assert_eq!(place("自然人和法人或其他组织分别为"), Some(Some((0, 1))));
        assert_eq!(place("自然人和法人分别为3件、2件、"), Some(None));
        assert_eq!(place("予以公开和部分公开分别为"), None);
        assert_eq!(place("自然人申请分别在上半年"), None);
    }

    #[test]
    fn several_results_together_are_their_sum() {
        let both = Named::Results(0b11);
        assert_eq!(rows("予以公开和部分公开合计"), both);
        assert_eq!(rows("其中予以公开、部分公开的申请共"), both);
        assert_eq!(rows("不予公开与无法提供共"), Named::Results(0b1100));
        assert_eq!(rows("在办结的申请中，公开或部分公开的共"), both);
        assert_eq!(rows("不予公开和部分公开共"), Named::Results(0b110));
        assert_eq!(rows("不予公开、无法提供均为"), Named::Unread);
        // One result: the nearest cue says it.
        assert_eq!(rows("其中予以公开"), Named::Nothing);
        assert_eq!(rows("予以公开3件、部分公开"), Named::Nothing);
    }

    #[test]
    fn a_share_names_its_one_group() {
        assert_eq!(one_group("办结的6件申请中，无法提供的占"), Some("无法提供"));
        assert_eq!(one_group("予以公开和部分公开合计占"), None);
        assert_eq!(one_group("因属于国家秘密不予公开的占"), None);
        assert_eq!(one_group("自然人申请占"), None);
    }

    #[test]
    fn respective_counts_take_their_place() {
        assert_eq!(rows("予以公开和部分公开分别为"), Named::Result("予以公开"));
        assert_eq!(
            rows("予以公开和部分公开分别为3件、"),
            Named::Result("部分公开")
        );
        assert_eq!(rows("予以公开和部分公开分别为3件、1件、"), Named::Unread);
        let six = "予以公开、部分公开、不予公开、无法提供、不予处理和其他处理的件数分别为";
        assert_eq!(rows(six), Named::Result("予以公开"));
        assert_eq!(
            rows(&format!("{six}82件、23件、17件、42件、17件、")),
            Named::Result("其他处理")
        );
    }

    #[test]
    fn a_cause_opening_the_sentence_names_its_reason() {
        assert_eq!(
            cause_before("因本机关不掌握相关政府信息，对"),
            Some("本机关不掌握相关政府信息")
        );
        assert_eq!(
            cause_before("因申请内容属于本机关内部管理信息，对"),
            Some("属于三类内部事务信息")
        );
        assert_eq!(cause_before("对"), None);
        assert_eq!(cause_before("因属于国家秘密或内部事务信息，对"), None);
        assert_eq!(
            cause_before("因本机关不掌握相关政府信息或没有现成信息，对"),
            None
        );
        assert_eq!(
            cause_before("无法提供的主要原因是本机关不掌握相关政府信息，全年作出"),
            None
        );
    }

    #[test]
    fn one_reason_is_its_row() {
        assert_eq!(
            rows("因属于国家秘密不予公开"),
            Named::Reason("属于国家秘密")
        );
        assert_eq!(
            rows("本机关不掌握相关政府信息"),
            Named::Reason("本机关不掌握相关政府信息")
        );
        assert_eq!(
            rows("属于信访、举报、投诉类申请不予处理"),
            Named::Reason("信访举报投诉类申请")
        );
        // Two reasons, or a reason of another result: not one row.
        assert_eq!(rows("因不掌握或需另行制作无法提供"), Named::Unread);
        assert_eq!(rows("属于国家秘密和无法提供的共"), Named::Unread);
        // A common word where nothing speaks of requests.
        assert_eq!(
            named("涉及国家秘密的文件", "涉及国家秘密的文件5件"),
            Named::Nothing
        );
    }
}
