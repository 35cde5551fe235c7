//! Statements that every request had one result: `申请全部予以公开`,
//! `均予以公开`, `已全部公开`. Read as 予以公开 equal to all the results of
//! the year (and no other result).

use crate::slice::Slice;

/// Words saying "all of them", right before the result.
const ALL: [&str; 6] = ["全部", "全都", "一律", "均", "都", "悉数"];

/// Words that may stand between `ALL` and the result.
const BETWEEN: [&str; 6] = ["已经", "已", "依法", "被", "予以", "得到"];

/// What follows a result that makes it something else (`公开答复`,
/// `公开申请`, `公开透明`).
const NOT_RESULT: [&str; 8] = [
    "答复", "申请", "透明", "发布", "栏目", "平台", "渠道", "方式",
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
    // A breakdown or an exception is not every request
    // ("收到申请6件，其中4件全部予以公开", "除1件外，申请均予以公开").
    if !s.contains("申请") || ["其中", "除", "以外", "之外"].iter().any(|w| s.contains(w))
    {
        return None;
    }
    let named = s.find("申请")?;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn said(s: &str) -> Option<String> {
        let chars: Vec<char> = s.chars().collect();
        all_disclosed(&chars, 0..chars.len()).map(|(a, b)| chars[a..b].iter().collect())
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
        for quiet in [
            "收到申请6件，均已按期答复",
            "收到申请6件，其中4件全部予以公开",
            "除1件外，申请均予以公开",
            "申请均已公开答复",
            "政府信息全部公开，收到申请6件",
            "收到申请6件，均依法公开答复",
        ] {
            assert_eq!(said(quiet), None, "{quiet}");
        }
    }
}
