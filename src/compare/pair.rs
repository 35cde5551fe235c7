//! Two folders of a county's reports paired by agency: last year's
//! 张店区审计局 with this year's, also when one of them writes the name
//! with its region before it (淄博市张店区审计局).

use std::collections::HashMap;

/// How the reports of two folders pair up, by index into each list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pairing {
    /// (old, new) pairs, in the order of the old list.
    pub pairs: Vec<(usize, usize)>,
    /// Old reports with no partner.
    pub only_old: Vec<usize>,
    /// New reports with no partner.
    pub only_new: Vec<usize>,
    /// Reports of one agency that appear more than once on one side
    /// (old side first, then new): not paired, since which one is meant
    /// is unclear.
    pub repeated: Vec<(bool, Vec<usize>)>,
}

/// Fewest characters a name must keep for a region prefix to be dropped
/// in its favour (`审计局` alone names no agency).
const MIN_SUFFIX_CHARS: usize = 4;

/// The name as compared ([`crate::batch::names::key`]); empty, so pairing
/// with nothing, when there is none or it is too long to be a name.
fn key(name: &str) -> String {
    crate::batch::names::key(name).unwrap_or_default()
}

/// Whether two names name one agency: equal, or one is the other with a
/// region before it.
fn same_agency(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.chars().count() >= MIN_SUFFIX_CHARS && long.ends_with(short)
}

/// Pairs the agencies `old` and `new` (as the reports name them): equal
/// names first, then names equal but for a region prefix when the match is
/// unique both ways. An empty name pairs with nothing.
pub fn pair(old: &[&str], new: &[&str]) -> Pairing {
    let old_keys: Vec<String> = old.iter().map(|n| key(n)).collect();
    let new_keys: Vec<String> = new.iter().map(|n| key(n)).collect();
    let mut out = Pairing::default();
    let open_old = singles(&old_keys, true, &mut out.repeated);
    let open_new = singles(&new_keys, false, &mut out.repeated);
    let (mut open_old, mut open_new) = (open_old, open_new);
    // Equal names.
    open_old.retain(
        |&i| match open_new.iter().position(|&j| new_keys[j] == old_keys[i]) {
            Some(at) => {
                out.pairs.push((i, open_new.remove(at)));
                false
            }
            None => true,
        },
    );
    // Names equal but for a region prefix, unique both ways.
    let candidates = |keys: &[String], me: &str, among: &[usize]| -> Vec<usize> {
        among
            .iter()
            .copied()
            .filter(|&j| same_agency(me, &keys[j]))
            .collect()
    };
    let mut matched = Vec::new();
    for &i in &open_old {
        if let [j] = candidates(&new_keys, &old_keys[i], &open_new)[..]
            && candidates(&old_keys, &new_keys[j], &open_old).len() == 1
        {
            matched.push((i, j));
        }
    }
    for (i, j) in matched {
        open_old.retain(|&x| x != i);
        open_new.retain(|&x| x != j);
        out.pairs.push((i, j));
    }
    out.pairs.sort_unstable();
    // A report without a name pairs with nothing.
    let nameless = |keys: &[String]| {
        (0..keys.len())
            .filter(|&i| keys[i].is_empty())
            .collect::<Vec<_>>()
    };
    open_old.extend(nameless(&old_keys));
    open_new.extend(nameless(&new_keys));
    open_old.sort_unstable();
    open_new.sort_unstable();
    out.only_old = open_old;
    out.only_new = open_new;
    out
}

/// The indices of names given once (and not empty); names given more than
/// once go to `repeated`.
fn singles(keys: &[String], old: bool, repeated: &mut Vec<(bool, Vec<usize>)>) -> Vec<usize> {
    let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, k) in keys.iter().enumerate() {
        by_name.entry(k.as_str()).or_default().push(i);
    }
    let mut once = Vec::new();
    let mut twice: Vec<Vec<usize>> = Vec::new();
    for (name, ids) in by_name {
        match ids.len() {
            1 if !name.is_empty() => once.push(ids[0]),
            1 => {}
            _ if name.is_empty() => {}
            _ => twice.push(ids),
        }
    }
    twice.sort_unstable();
    repeated.extend(twice.into_iter().map(|ids| (old, ids)));
    once.sort_unstable();
    once
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_pair_exactly_and_across_a_region_prefix() {
        let old = [
            "淄博市张店区审计局",
            "张店区财政局",
            "张店区民政局",
            "撤销的局",
        ];
        let new = ["张店区审计局", "张店区 财政局", "张店区民政局", "新设的局"];
        let p = pair(&old, &new);
        assert_eq!(p.pairs, vec![(0, 0), (1, 1), (2, 2)]);
        assert_eq!(p.only_old, vec![3]);
        assert_eq!(p.only_new, vec![3]);
        assert!(p.repeated.is_empty());
        let p = pair(&["", "张店区审计局"], &["", "张店区审计局"]);
        assert_eq!(p.pairs, vec![(1, 1)]);
        assert_eq!((p.only_old, p.only_new), (vec![0], vec![0]));
    }

    #[test]
    fn ambiguous_and_repeated_names_do_not_pair() {
        // 审计局 alone is too short to stand for either.
        let p = pair(&["甲区审计局", "乙区审计局"], &["审计局"]);
        assert!(p.pairs.is_empty());
        // Two regions end the same way: unclear which is meant.
        let p = pair(
            &["某市张店区审计局", "张店区审计局"],
            &["张店区审计局", "他市张店区审计局"],
        );
        assert_eq!(p.pairs, vec![(1, 0)]);
        assert_eq!(p.only_old, vec![0]);
        let p = pair(&["张店区审计局", "张店区审计局"], &["张店区审计局"]);
        assert!(p.pairs.is_empty());
        assert_eq!(p.repeated, vec![(true, vec![0, 1])]);
        assert_eq!(p.only_new, vec![0]);
    }
}
