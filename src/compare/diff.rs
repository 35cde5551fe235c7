//! The diff of two sequences (paragraphs, characters), bounded for
//! untrusted input: [`similar`]'s Myers diff with a deadline, read back as
//! [`Op`]s.
//!
//! Myers finds a shortest edit script in O((n + m)·d) time and linear
//! space, so a long paragraph edited in a few places comes out as those few
//! edits. When the deadline passes, what is left is reported as removed and
//! added whole: a coarser diff, never a slow one.

use std::hash::Hash;
use std::time::Instant;

use similar::{Algorithm, DiffOp, capture_diff_slices_deadline};

/// One step of a diff.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// Item `a[i]` equals `b[j]`.
    Same(usize, usize),
    /// Item `a[i]` is not in `b`.
    Removed(usize),
    /// Item `b[j]` is not in `a`.
    Added(usize),
}

/// The steps that turn `a` into `b`: a longest common subsequence kept
/// (while the deadline allows), removals before additions within each
/// changed stretch.
pub fn diff<T: Eq + Hash + Ord>(a: &[T], b: &[T], deadline: Instant) -> Vec<Op> {
    let mut ops = Vec::with_capacity(a.len().max(b.len()));
    let mut added = Vec::new();
    for op in capture_diff_slices_deadline(Algorithm::Myers, a, b, Some(deadline)) {
        let (_, old, new) = op.as_tag_tuple();
        if let DiffOp::Equal { .. } = op {
            ops.append(&mut added);
            ops.extend(old.zip(new).map(|(i, j)| Op::Same(i, j)));
        } else {
            ops.extend(old.map(Op::Removed));
            added.extend(new.map(Op::Added));
        }
    }
    ops.append(&mut added);
    ops
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn soon() -> Instant {
        Instant::now() + Duration::from_secs(10)
    }

    fn show(a: &str, b: &str, deadline: Instant) -> String {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        diff(&a, &b, deadline)
            .into_iter()
            .map(|op| match op {
                Op::Same(i, _) => a[i].to_string(),
                Op::Removed(i) => format!("-{}", a[i]),
                Op::Added(j) => format!("+{}", b[j]),
            })
            .collect()
    }

    #[test]
    fn keeps_a_longest_common_subsequence() {
        assert_eq!(show("abcd", "abxd", soon()), "ab-c+xd");
        assert_eq!(show("", "ab", soon()), "+a+b");
        assert_eq!(show("ab", "", soon()), "-a-b");
        assert_eq!(show("xaby", "zabw", soon()), "-x+zab-y+w");
        assert_eq!(show("同比增长", "同比下降", soon()), "同比-增-长+下+降");
    }

    #[test]
    fn past_the_deadline_the_middle_is_replaced_whole() {
        assert_eq!(
            show("ab1234yz", "ab4321yz", Instant::now()),
            "ab-1-2-3-4+4+3+2+1yz"
        );
        let fine = show("ab1234yz", "ab4321yz", soon());
        assert_eq!(fine.matches('-').count(), 3, "{fine}");
        assert_eq!(fine.matches('+').count(), 3, "{fine}");
    }

    #[test]
    fn a_long_paragraph_edited_in_two_places_is_two_small_edits() {
        // 958 characters, two short words replaced far apart: the old
        // table (400,000 cells at most) reported 956 characters removed
        // and re-added.
        let words = "本机关坚持以公开为常态、不公开为例外，推进决策、执行、管理、服务、结果公开。";
        let chars: Vec<char> = words.repeat(30).chars().take(958).collect();
        assert_eq!(chars.len(), 958);
        let mut new = chars.clone();
        new[3] = '甲';
        new[950] = '乙';
        let ops = diff(&chars, &new, soon());
        let removed = ops.iter().filter(|o| matches!(o, Op::Removed(_))).count();
        let added = ops.iter().filter(|o| matches!(o, Op::Added(_))).count();
        assert_eq!((removed, added), (2, 2), "{ops:?}");
        assert!(ops.contains(&Op::Removed(3)) && ops.contains(&Op::Added(950)));
    }

    #[test]
    fn long_inputs_are_quick() {
        let a: Vec<u32> = (0..200_000).collect();
        let mut b = a.clone();
        b[100_000] = 7;
        let ops = diff(&a, &b, soon());
        assert_eq!(ops.len(), 200_001);
        assert!(ops.contains(&Op::Removed(100_000)));
        // Nothing in common and no time: linear, everything replaced.
        let c: Vec<u32> = (300_000..500_000).collect();
        let ops = diff(&a, &c, Instant::now());
        assert_eq!(ops.len(), 400_000);
    }
}
