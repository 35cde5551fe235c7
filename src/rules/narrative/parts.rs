//! NARR-PARTS: a total and the parts listed after its 其中 in the same
//! sentence (`建议和政协提案21件，其中人大代表建议7件、政协提案15件`): the
//! parts cannot add up to more than the total.
//!
//! The total is the count right before 其中 (nothing but punctuation
//! between); the parts are the counts of the clause 其中 opens, joined by
//! `、`, `和`, `及` — a list the sentence itself marks as the breakdown of
//! that total. Counts of later clauses may break down something else and
//! are not added.

use crate::claims::numbers::{Figure, Unit};
use crate::find::Find;

/// A total whose parts exceed it.
#[derive(Debug, Clone)]
pub(super) struct Excess<'a> {
    /// The total.
    pub total: &'a Figure,
    /// The parts.
    pub parts: Vec<&'a Figure>,
    /// Their sum.
    pub sum: u64,
}

/// The totals of the sentence `chars[range]` that their parts exceed.
/// `figures` are the sentence's figures in order.
pub(super) fn excesses<'a>(
    chars: &[char],
    range: std::ops::Range<usize>,
    figures: &[&'a Figure],
) -> Vec<Excess<'a>> {
    let mut out = Vec::new();
    let counts: Vec<&&Figure> = figures.iter().filter(|f| f.unit == Unit::Count).collect();
    for (k, total) in counts.iter().enumerate() {
        // Only a figure 其中 follows is a total ("收到申请10件，其中：…").
        let Some(list_start) = opens_breakdown(chars, total.end, range.end) else {
            continue;
        };
        // The parts end with the clause 其中 opens ("受理申请20件，其中自然人15件，予以公开12件"
        // adds only 15).
        let list_end = (list_start..range.end)
            .find(|&i| matches!(chars[i], '，' | ',' | '；' | ';' | '。' | '（' | '('))
            .unwrap_or(range.end);
        // "6件，较上年减少3件，其中…": the change is not the total; the
        // figure it changes is.
        let total = if is_change(chars, range.start, total) {
            match k.checked_sub(1).map(|j| counts[j]) {
                // "收到申请6件，较上年减少3件，其中…": the total is 6.
                Some(t) if !is_change(chars, range.start, t) => t,
                _ => continue,
            }
        } else {
            total
        };
        // "建议86件、提案104件，其中主办57件、协办133件": a list of totals
        // before 其中 may be broken down together; not read.
        let listed = counts[..k]
            .iter()
            .rev()
            .find(|f| f.end <= total.start)
            .is_some_and(|f| {
                !chars[f.end..total.start]
                    .iter()
                    .any(|c| matches!(c, '，' | ',' | '；' | ';' | '。'))
            });
        if listed {
            continue;
        }
        let parts: Vec<&Figure> = counts[k + 1..]
            .iter()
            .filter(|f| f.start >= list_start && f.end <= list_end)
            .map(|f| **f)
            .collect();
        if parts.is_empty() {
            continue;
        }
        let sum: u64 = parts.iter().map(|f| f.value as u64).sum();
        // "承办建议和政协提案21件，其中人大代表建议7件、政协提案15件".
        if sum > total.value as u64 {
            out.push(Excess { total, parts, sum });
        }
    }
    out
}

/// Whether `f` is a change (`较上年减少3件`, `同比增加2件`): a word of
/// comparison in its clause before it.
fn is_change(chars: &[char], from: usize, f: &Figure) -> bool {
    let start = chars[from..f.start]
        .iter()
        .rposition(|c| matches!(c, '，' | ',' | '；' | '。'))
        .map_or(from, |p| from + p + 1);
    let clause: String = chars[start..f.start].iter().collect();
    [
        "较",
        "同比",
        "比上年",
        "增加",
        "减少",
        "增长",
        "下降",
        "上升",
        "多",
        "少",
    ]
    .iter()
    .any(|w| clause.has_word(w))
}

/// Where the list of parts starts when 其中 follows the figure ending at
/// `end` with only punctuation or spaces between (`21件，其中：`).
fn opens_breakdown(chars: &[char], end: usize, limit: usize) -> Option<usize> {
    let skip = |mut i: usize| {
        while i < limit && matches!(chars[i], '，' | ',' | '：' | ':' | ' ' | '\u{3000}') {
            i += 1;
        }
        i
    };
    let i = skip(end);
    (chars.get(i..i + 2)? == ['其', '中']).then(|| skip(i + 2))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::numbers::figures;

    fn sums(text: &str) -> Vec<(u64, u64)> {
        let chars: Vec<char> = text.chars().collect();
        let all = figures(&chars);
        let refs: Vec<&Figure> = all.iter().collect();
        excesses(&chars, 0..chars.len(), &refs)
            .into_iter()
            .map(|e| (e.total.value as u64, e.sum))
            .collect()
    }

    #[test]
    fn parts_beyond_their_total() {
        assert_eq!(
            sums("承办建议和政协提案21件，其中人大代表建议7件、政协提案15件"),
            [(21, 22)]
        );
        assert_eq!(
            sums("收到申请10件，其中：网上申请6件和信函申请5件"),
            [(10, 11)]
        );
        assert!(sums("收到申请10件，其中网上申请6件、信函申请4件").is_empty());
        // Later clauses break down something else.
        assert!(sums("受理申请20件，其中自然人15件，予以公开12件").is_empty());
        assert!(sums("收到申请10件，办结9件，其中予以公开9件").is_empty());
        // Several totals listed before 其中.
        assert!(sums("承办人大代表建议86件、政协提案104件，其中主办57件、协办133件").is_empty());
        assert!(sums("收到申请6件，较上年减少3件，其中自然人5件、法人1件").is_empty());
        assert_eq!(
            sums("收到申请6件，较上年减少3件，其中自然人5件、法人2件"),
            [(6, 7)]
        );
    }
}
