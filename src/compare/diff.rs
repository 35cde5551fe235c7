//! A longest-common-subsequence diff of two sequences, bounded for
//! untrusted input.
//!
//! The common head and tail are taken off first (linear), so two drafts
//! that differ in a few places cost little; the table of the classic
//! dynamic programme is built only for the middle, and only when it has at
//! most `max_cells` entries. A middle larger than that is reported as
//! removed and added whole: a coarser diff, never a slow one.

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

/// The steps that turn `a` into `b`: a longest common subsequence kept,
/// removals before additions within each changed stretch.
pub fn diff<T: PartialEq>(a: &[T], b: &[T], max_cells: usize) -> Vec<Op> {
    let head = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (mid_a, mid_b) = (&a[head..a.len() - tail], &b[head..b.len() - tail]);
    let mut ops: Vec<Op> = (0..head).map(|i| Op::Same(i, i)).collect();
    let fits = mid_a
        .len()
        .checked_add(1)
        .and_then(|n| n.checked_mul(mid_b.len() + 1))
        .is_some_and(|cells| cells <= max_cells);
    if fits {
        ops.extend(
            middle(mid_a, mid_b)
                .into_iter()
                .map(|op| shift(op, head, head)),
        );
    } else {
        ops.extend((0..mid_a.len()).map(|i| Op::Removed(head + i)));
        ops.extend((0..mid_b.len()).map(|j| Op::Added(head + j)));
    }
    let (from_a, from_b) = (a.len() - tail, b.len() - tail);
    ops.extend((0..tail).map(|k| Op::Same(from_a + k, from_b + k)));
    ops
}

fn shift(op: Op, da: usize, db: usize) -> Op {
    match op {
        Op::Same(i, j) => Op::Same(i + da, j + db),
        Op::Removed(i) => Op::Removed(i + da),
        Op::Added(j) => Op::Added(j + db),
    }
}

/// The dynamic programme on a middle small enough to tabulate.
fn middle<T: PartialEq>(a: &[T], b: &[T]) -> Vec<Op> {
    let (n, m) = (a.len(), b.len());
    let width = m + 1;
    // lcs[i][j]: the length of a longest common subsequence of a[i..], b[j..].
    let mut lcs = vec![0u32; (n + 1) * width];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i * width + j] = if a[i] == b[j] {
                lcs[(i + 1) * width + j + 1] + 1
            } else {
                lcs[(i + 1) * width + j].max(lcs[i * width + j + 1])
            };
        }
    }
    let mut ops = Vec::with_capacity(n + m);
    let (mut i, mut j) = (0, 0);
    let (mut removed, mut added) = (Vec::new(), Vec::new());
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            ops.append(&mut removed);
            ops.append(&mut added);
            ops.push(Op::Same(i, j));
            i += 1;
            j += 1;
        } else if j == m || (i < n && lcs[(i + 1) * width + j] >= lcs[i * width + j + 1]) {
            removed.push(Op::Removed(i));
            i += 1;
        } else {
            added.push(Op::Added(j));
            j += 1;
        }
    }
    ops.append(&mut removed);
    ops.append(&mut added);
    ops
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(a: &str, b: &str, max: usize) -> String {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        diff(&a, &b, max)
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
        assert_eq!(show("abcd", "abxd", 100), "ab-c+xd");
        assert_eq!(show("", "ab", 100), "+a+b");
        assert_eq!(show("ab", "", 100), "-a-b");
        assert_eq!(show("xaby", "zabw", 100), "-x+zab-y+w");
        assert_eq!(show("同比增长", "同比下降", 100), "同比-增-长+下+降");
    }

    #[test]
    fn a_middle_too_large_is_replaced_whole() {
        assert_eq!(show("ab1234yz", "ab4321yz", 10), "ab-1-2-3-4+4+3+2+1yz");
        assert_eq!(show("ab1234yz", "ab4321yz", 100), "ab-1-2-34+3+2+1yz");
    }

    #[test]
    fn long_equal_inputs_cost_nothing_to_tabulate() {
        let a: Vec<u32> = (0..200_000).collect();
        let mut b = a.clone();
        b[100_000] = 7;
        let ops = diff(&a, &b, 16);
        assert_eq!(ops.len(), 200_001);
        assert!(ops.contains(&Op::Removed(100_000)));
    }
}
