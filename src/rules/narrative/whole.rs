//! Statements about every request at once: that each had one result
//! (`申请全部予以公开`, `均予以公开`, `已全部公开`: 予以公开 equal to all the
//! results of the year), or came from one kind of applicant (`申请人均为
//! 自然人`, `申请全部来自商业企业`: that column equal to all received).

use crate::claims::rows;
use crate::claims::topic::{self, Category};
use crate::find::Find;
use crate::slice::Slice;

/// Words saying "all of them", right before the result.
const ALL: [&str; 6] = ["全部", "全都", "一律", "均", "都", "悉数"];

/// Words that may stand between `ALL` and the result.
const BETWEEN: [&str; 6] = ["已经", "已", "依法", "被", "予以", "得到"];

/// What follows a result that makes it something else (`公开答复`,
/// `公开申请`, `公开透明`).
const NOT_RESULT: [&str; 11] = [
    "答复",
    "申请",
    "透明",
    "发布",
    "栏目",
    "平台",
    "渠道",
    "方式",
    // "全部予以公开或部分公开": disclosed in part too.
    "或部分公开",
    "或者部分公开",
    "和部分公开",
];

/// The characters `start..end` of the sentence `range` that say every
/// request was disclosed, when it does: after the requests are named
/// (`申请`), not in a breakdown (`其中`) or with an exception (`除`,
/// `以外`, `外`).
pub(super) fn all_disclosed(
    chars: &[char],
    range: std::ops::Range<usize>,
) -> Option<(usize, usize)> {
    let s: String = chars[range.clone()].iter().collect();
    // A breakdown, an exception or the requests of one subject are not
    // every request ("收到申请6件，其中4件全部予以公开", "除1件外，申请均予以
    // 公开", "涉及保障性住房分配的申请23件，全部予以公开").
    if !s.contains("申请")
        || ["其中", "除", "以外", "之外"].iter().any(|w| s.has_word(w))
        || topic::of_one_subject(&s)
        || s.contains("类申请")
    {
        return None;
    }
    let named = s.find("申请")?;
    // "科研机构提出申请4件，均予以公开": one applicant's requests.
    if topic::applicant_named(s.slice_to(named)).is_some() {
        return None;
    }
    // Only after the requests are named ("政府信息全部公开，收到申请6件" says nothing of them).
    for (i, _) in s.char_indices().filter(|(i, _)| *i > named) {
        let Some(all) = ALL.iter().find(|w| s.slice_from(i).starts_with(*w)) else {
            continue;
        };
        let mut rest = s.slice_from(i + all.len());
        // "均已依法公开": the words between 均 and 公开.
        while let Some(w) = BETWEEN.iter().find(|w| rest.starts_with(*w)) {
            rest = rest.slice_from(w.len());
        }
        // "予以公开" consumed above leaves "公开…"; "全部公开" too; another
        // result is not read ("收到申请6件，均已按期答复").
        let Some(after) = rest.strip_prefix("公开") else {
            continue;
        };
        // 公开 as part of another word ("申请均已公开答复").
        if NOT_RESULT.iter().any(|w| after.starts_with(w)) || rest.starts_with("公开的") {
            continue;
        }
        let start = range.start + s.slice_to(i).chars().count();
        let end = range.start + s.slice_to(s.len() - after.len()).chars().count();
        return Some((start, end));
    }
    None
}

/// Verbs that name where every request came from, after `ALL`.
const FROM: [&str; 6] = ["来自于", "来自", "为", "由", "系", "是"];

/// The characters `start..end` of the sentence `range` that say every
/// request came from one kind of applicant (`申请人均为法人或其他组织`,
/// `申请全部来自商业企业`, `均由自然人提出`), with the applicants' columns;
/// not in a breakdown or with an exception, nor for the law's phrase for
/// every applicant (`公民、法人和其他组织`).
pub(super) fn all_from_one_applicant(
    chars: &[char],
    range: std::ops::Range<usize>,
) -> Option<(usize, usize, Category)> {
    let s: String = chars[range.clone()].iter().collect();
    if !s.contains("申请")
        || [
            "其中",
            "除",
            "以外",
            "之外",
            "中有",
            "公民、法人",
            "公民和法人",
            // "复议申请人均为自然人": the cases' applicants, which 表三
            // does not count.
            "复议",
            "诉讼",
            "起诉",
        ]
        .iter()
        .any(|w| s.has_word(w))
    {
        return None;
    }
    let named = s.find("申请")?;
    for (i, _) in s.char_indices().filter(|(i, _)| *i > named) {
        let Some(all) = ["全部", "全都", "均", "都"]
            .iter()
            .find(|w| s.slice_from(i).starts_with(*w))
        else {
            continue;
        };
        let rest = s.slice_from(i + all.len());
        let Some(verb) = FROM.iter().find(|w| rest.starts_with(*w)) else {
            continue;
        };
        // The applicants named right after the verb, up to the clause's end.
        let tail = rest.slice_from(verb.len());
        let clause_end = tail
            .find(['，', '。', '；', ',', ';'])
            .unwrap_or(tail.len());
        let said: String = tail.slice_to(clause_end).chars().take(12).collect();
        let category = topic::applicant_named(&said)?;
        // "上年结转的3件申请均为自然人提出": of the carried requests only;
        // "法人或其他组织提出申请两件，均为企业": of those applicants' only.
        // "逾期未按收费通知缴纳费用的2件均为企业申请": of one result's.
        if topic::of_carried_requests(s.slice_to(i))
            || topic::applicant_named(s.slice_to(i)).is_some()
            || rows::names_result(s.slice_to(i))
        {
            return None;
        }
        let start = range.start + s.slice_to(i).chars().count();
        let end = start + all.chars().count() + verb.chars().count() + said.chars().count();
        return Some((start, end.min(range.end), category));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(s: &str) -> Option<String> {
        let chars: Vec<char> = s.chars().collect();
        all_disclosed(&chars, 0..chars.len()).map(|(a, b)| chars[a..b].iter().collect())
    }

    #[test]
    fn every_request_from_one_kind_of_applicant() {
        let from = |s: &str| {
            let chars: Vec<char> = s.chars().collect();
            all_from_one_applicant(&chars, 0..chars.len())
                .map(|(a, b, c)| (chars[a..b].iter().collect::<String>(), c))
        };
        for (sentence, said, (first, past)) in [
            (
                "本年度申请人均为法人或其他组织",
                "均为法人或其他组织",
                (1, 6),
            ),
            ("收到申请6件，全部来自商业企业", "全部来自商业企业", (1, 2)),
            ("申请均为自然人提出", "均为自然人提出", (0, 1)),
            ("申请人均为企业", "均为企业", (1, 2)),
        ] {
            let want = Some((said.into(), Category::Applicant(first, past)));
            assert_eq!(from(sentence), want, "{sentence}");
        }
        for quiet in [
            "申请内容均为个人信息",
            "法人或其他组织提出申请两件，均为企业",
            "收到申请6件，其中4件均为自然人提出",
            "申请均来自公民、法人和其他组织",
            "申请均已办结",
            "申请均为依申请公开事项",
            "上年结转的3件申请均为自然人提出",
            "上年度遗留的申请均来自企业",
            "申请人逾期未按收费通知缴纳费用的2件均为企业申请",
            "予以公开的申请均为自然人提出",
        ] {
            assert_eq!(from(quiet), None, "{quiet}");
        }
    }

    #[test]
    fn every_request_disclosed() {
        assert_eq!(
            said("本年度政府信息公开申请全部予以公开"),
            Some("全部予以公开".into())
        );
        assert_eq!(
            said("收到申请6件，均已依法公开"),
            Some("均已依法公开".into())
        );
        assert_eq!(said("收到申请6件，已全部公开"), Some("全部公开".into()));
        assert_eq!(
            said("收到申请130件，全部予以公开，不涉及国家秘密"),
            Some("全部予以公开".into())
        );
        for quiet in [
            "收到申请6件，均已按期答复",
            "收到申请6件，其中4件全部予以公开",
            "除1件外，申请均予以公开",
            "申请均已公开答复",
            "政府信息全部公开，收到申请6件",
            "收到申请6件，均依法公开答复",
            "涉及保障性住房分配的申请23件，全部予以公开或部分公开",
            "收到申请6件，全部予以公开或部分公开",
            "针对物业维修资金的申请9件，全部予以公开",
            "征收补偿类申请15件，全部予以公开",
        ] {
            assert_eq!(said(quiet), None, "{quiet}");
        }
    }
}
