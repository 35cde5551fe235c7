//! What a sentence says is the most among the rows or columns of 表三
//! (`不予处理的申请中，重复申请最多`, `申请人以企业为主`, `最多的是予以
//! 公开`): the item named and the items it is said to outnumber.

use super::rows::{self, Item};
use crate::find::Find;
use crate::slice::Slice;

/// Words saying an item is the most of its kind, longest first where one
/// holds another.
const MOST: [&str; 9] = [
    "占多数",
    "为最多",
    "最多",
    "居多",
    "为主",
    "最高",
    "居首",
    "位居第一",
    "排名第一",
];

/// Words of a clause that make its "most" a change or another measure
/// (`同比增长最多`, `办理时间最长`).
const OTHER_MEASURE: [&str; 8] = [
    "增长",
    "增加",
    "减少",
    "下降",
    "同比",
    "较上年",
    "上升",
    "增幅",
];

/// An item a sentence says is the most of its kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Most {
    /// Byte range in the sentence of the item's name through the word of
    /// most (`重复申请最多`).
    pub range: std::ops::Range<usize>,
    /// The item.
    pub item: Item,
    /// The items it is said to outnumber.
    pub among: Vec<Item>,
}

/// The item `sentence` says is the most, if one: named right before a word
/// of [`MOST`] in its clause (`重复申请最多`, `以过程性信息为由的最多`,
/// `以企业为主`) or right after it (`最多的是予以公开`).
pub(crate) fn most(sentence: &str) -> Option<Most> {
    let (at, word) = MOST
        .iter()
        .filter_map(|w| sentence.find(w).map(|at| (at, *w)))
        .min_by_key(|(at, w)| (*at, std::cmp::Reverse(w.len())))?;
    let clause_start = sentence
        .slice_to(at)
        .rfind(['，', '。', '；', '：', ',', ';', ':'])
        .map_or(0, |i| {
            i + sentence
                .slice_from(i)
                .chars()
                .next()
                .map_or(1, char::len_utf8)
        });
    let clause_end = sentence
        .slice_from(at)
        .find(['，', '。', '；', ',', ';'])
        .map_or(sentence.len(), |i| at + i);
    let clause = sentence.slice(clause_start, clause_end);
    if OTHER_MEASURE.iter().any(|w| clause.has_word(w)) {
        return None;
    }
    let end = at + word.len();
    let before = sentence.slice(clause_start, at);
    // "重复申请最多", "以过程性信息为由的最多": the last item before, with
    // only a few words between.
    let named_before = rows::items_in(before).pop().filter(|(r, _)| {
        let gap = before.slice_from(r.end);
        gap.chars().count() <= 4 && !gap.chars().any(|c| c.is_ascii_digit())
    });
    let (range, item) = match named_before {
        // "以企业为主" quoted whole.
        Some((r, item)) => {
            let lead = if before.slice_to(r.start).ends_with('以') {
                '以'.len_utf8()
            } else {
                0
            };
            (clause_start + r.start - lead..end, item)
        }
        None => {
            // "最多的是予以公开".
            let rest = sentence.slice(end, clause_end);
            let lead = ["的是", "的为", "是", "为"]
                .iter()
                .find_map(|w| rest.strip_prefix(w))?;
            let (r, item) = rows::items_in(lead).into_iter().next()?;
            let lead_at = clause_end - rest.len() + (rest.len() - lead.len());
            if r.start != 0 {
                return None;
            }
            (clause_start.min(at)..lead_at + r.end, item)
        }
    };
    let among = among(item, sentence.slice_to(at));
    (!among.is_empty()).then_some(Most { range, item, among })
}

/// The items `item` is compared with: the other reasons of its group, the
/// other result groups, the other applicants (only the other 法人或其他组织
/// columns when the words before name those as the whole).
fn among(item: Item, before: &str) -> Vec<Item> {
    match item {
        Item::Reason(key, group) => rows::reasons_of(group)
            .into_iter()
            .filter(|k| *k != key)
            .map(|k| Item::Reason(k, group))
            .collect(),
        Item::Group(key) => rows::GROUPS
            .iter()
            .filter(|g| **g != key)
            .map(|g| Item::Group(g))
            .collect(),
        Item::Applicant(0, 1) => vec![Item::Applicant(1, 6)],
        Item::Applicant(1, 6) => vec![Item::Applicant(0, 1)],
        Item::Applicant(from, _) => {
            // "法人或其他组织提出的申请，以商业企业为主".
            let within = rows::items_in(before)
                .iter()
                .any(|(_, i)| *i == Item::Applicant(1, 6));
            let mut out: Vec<Item> = (1..6)
                .filter(|c| *c != from)
                .map(|c| Item::Applicant(c, c + 1))
                .collect();
            if !within {
                out.push(Item::Applicant(0, 1));
            }
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(sentence: &str) -> Option<(String, Item)> {
        most(sentence).map(|m| {
            (
                sentence.slice(m.range.start, m.range.end).to_string(),
                m.item,
            )
        })
    }

    #[test]
    fn the_item_said_to_be_the_most() {
        assert_eq!(
            named("不予处理的申请中，重复申请最多"),
            Some(("重复申请最多".into(), Item::Reason("重复申请", "不予处理")))
        );
        assert_eq!(
            named("不予公开的，以过程性信息为由的最多"),
            Some((
                "以过程性信息为由的最多".into(),
                Item::Reason("属于四类过程性信息", "不予公开")
            ))
        );
        assert_eq!(
            named("申请人以企业为主"),
            Some(("以企业为主".into(), Item::Applicant(1, 2)))
        );
        assert_eq!(
            named("办理结果中，最多的是予以公开"),
            Some(("最多的是予以公开".into(), Item::Group("予以公开")))
        );
        let among = most("申请人以企业为主").unwrap().among;
        assert!(among.contains(&Item::Applicant(0, 1)), "{among:?}");
        for within in [
            "法人或其他组织中以企业为主",
            "法人或其他组织提出的申请，以商业企业为主",
        ] {
            let among = most(within).unwrap().among;
            assert!(!among.contains(&Item::Applicant(0, 1)), "{among:?}");
        }
    }

    #[test]
    fn other_mosts_are_not_read() {
        for sentence in [
            "单日收到申请最多的一天为5件",
            "予以公开同比增长最多",
            "以网上申请为主",
            "群众最关心的问题",
            "重复申请3件，占比最高为30%",
        ] {
            assert_eq!(named(sentence), None, "{sentence}");
        }
    }
}
