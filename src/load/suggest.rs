//! "Did you mean" suggestions for misspelt keys.

/// The candidate closest to `word`, if it is close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word: Vec<char> = word.chars().collect();
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let cand: Vec<char> = c.chars().collect();
        let d = distance(&word, &cand);
        let limit = (cand.len().max(word.len()) / 3).max(1);
        let contains = cand.len() >= 2
            && word.len() >= 2
            && (c.contains(&*word.iter().collect::<String>())
                || word.iter().collect::<String>().contains(c));
        if (d <= limit || contains) && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// Levenshtein distance over characters.
fn distance(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_typos() {
        let keys = ["不予公开", "不予处理", "无法提供", "其他处理"];
        assert_eq!(closest("不予处里", keys), Some("不予处理"));
        assert_eq!(closest("予以公开了吗", ["予以公开"]), Some("予以公开"));
        assert_eq!(closest("完全无关的东西", keys), None);
    }
}
