//! Agency names as people type them: the same agency written with or
//! without its region (`张店区审计局` and `淄博市张店区审计局`), with a slip
//! of one or two characters, with full-width letters or spaces. Used to
//! match a folder's files against a roster and against last year's folder
//! (`batch`), and to tell whether last year's file is the same agency's
//! (PREV).

/// An agency name compared without spaces (also 全角空格) or a byte-order
/// mark, with full-width
/// letters, digits and brackets made half-width.
pub fn normalize(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{feff}')
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            c => c,
        })
        .collect()
}

/// The characters a region's name ends with: 省, 市, 区, 县, 州, 旗, 盟.
const REGION_ENDS: [char; 7] = ['省', '市', '区', '县', '州', '旗', '盟'];

/// The longest a region's name is taken to be, in characters (`内蒙古自治区`).
const MAX_REGION_CHARS: usize = 8;

/// `name` (normalized) split into the regions it starts with and the rest:
/// `淄博市张店区审计局` → (`["淄博市", "张店区"]`, `审计局`). A region is
/// two to eight characters ending in one of [`REGION_ENDS`]; the rest keeps
/// at least two characters (`张店区市场监督管理局` keeps `市场监督管理局`).
pub fn split_regions(name: &str) -> (Vec<&str>, &str) {
    let mut regions = Vec::new();
    let mut rest = name;
    'outer: loop {
        for (count, (i, c)) in rest.char_indices().enumerate().skip(1) {
            if count >= MAX_REGION_CHARS {
                break;
            }
            if REGION_ENDS.contains(&c) {
                let end = i + c.len_utf8();
                if rest[end..].chars().count() >= 2 {
                    regions.push(&rest[..end]);
                    rest = &rest[end..];
                    continue 'outer;
                }
            }
        }
        break;
    }
    (regions, rest)
}

/// How a name matched one of the candidates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Match {
    /// The same name (spaces and full-width letters aside).
    Exact(usize),
    /// Probably this candidate: the reason, in Chinese.
    Near(usize, String),
    /// Near several candidates, equally: which ones.
    Ambiguous(Vec<usize>),
    /// Near none.
    None,
}

/// Finds `name` among `candidates`: exactly, else the one it nearly
/// matches (one is the other with regions added in front, or the two differ
/// by one or two characters once their regions, which must agree, are set
/// aside).
pub fn find(name: &str, candidates: &[String]) -> Match {
    let key = normalize(name);
    if key.is_empty() {
        return Match::None;
    }
    let normalized: Vec<String> = candidates.iter().map(|c| normalize(c)).collect();
    if let Some(i) = normalized.iter().position(|c| *c == key) {
        return Match::Exact(i);
    }
    let near: Vec<(usize, String)> = normalized
        .iter()
        .enumerate()
        .filter_map(|(i, c)| near(&key, c).map(|why| (i, why)))
        .collect();
    match near.len() {
        0 => Match::None,
        1 => {
            let (i, why) = near.into_iter().next().unwrap_or_default();
            Match::Near(i, why)
        }
        _ => Match::Ambiguous(near.into_iter().map(|(i, _)| i).collect()),
    }
}

/// Why `a` is probably `b` (both normalized), or `None`.
fn near(a: &str, b: &str) -> Option<String> {
    let (ra, core_a) = split_regions(a);
    let (rb, core_b) = split_regions(b);
    let suffix = |short: &[&str], long: &[&str]| long.ends_with(short);
    if core_a == core_b {
        // The same agency named with more or fewer regions in front.
        if ra.len() < rb.len() && suffix(&ra, &rb) {
            return Some(format!(
                "少写了地名“{}”",
                rb[..rb.len() - ra.len()].concat()
            ));
        }
        if rb.len() < ra.len() && suffix(&rb, &ra) {
            return Some(format!(
                "多写了地名“{}”",
                ra[..ra.len() - rb.len()].concat()
            ));
        }
        return None;
    }
    // Regions that disagree name another agency of the same kind.
    if ra.last() != rb.last() && !ra.is_empty() && !rb.is_empty() {
        return None;
    }
    let longest = core_a.chars().count().max(core_b.chars().count());
    let allowed = match longest {
        0..=3 => 0,
        4..=6 => 1,
        _ => 2,
    };
    let d = distance(core_a, core_b, allowed);
    (d > 0 && d <= allowed).then(|| format!("名称相差 {d} 个字"))
}

/// The edit distance of `a` and `b` in characters; any value above `limit`
/// is returned as `limit + 1` (names are short: no need to be clever).
pub fn distance(a: &str, b: &str, limit: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > limit {
        return limit + 1;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut row = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            row[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(row[j] + 1);
        }
        prev = row;
    }
    prev[b.len()].min(limit + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn regions_are_split_off_the_front() {
        assert_eq!(
            split_regions("淄博市张店区审计局"),
            (vec!["淄博市", "张店区"], "审计局")
        );
        assert_eq!(
            split_regions("张店区市场监督管理局"),
            (vec!["张店区"], "市场监督管理局")
        );
        assert_eq!(split_regions("审计局"), (vec![], "审计局"));
        assert_eq!(split_regions("马尚街道办事处"), (vec![], "马尚街道办事处"));
    }

    #[test]
    fn near_names_and_their_reasons() {
        let roster = names(&[
            "淄博市张店区审计局",
            "淄博市张店区统计局",
            "淄博市临淄区审计局",
            "淄博市张店区人民政府办公室",
        ]);
        assert_eq!(find("淄博市张店区审计局", &roster), Match::Exact(0));
        assert_eq!(
            find("淄博市 张店区审计局\u{3000}", &roster),
            Match::Exact(0)
        );
        assert_eq!(
            find("张店区审计局", &roster),
            Match::Near(0, "少写了地名“淄博市”".into())
        );
        assert_eq!(
            find("山东省淄博市张店区统计局", &roster),
            Match::Near(1, "多写了地名“山东省”".into())
        );
        assert_eq!(
            find("淄博市张店区政府办公室", &roster),
            Match::Near(3, "名称相差 2 个字".into())
        );
        // Another district's office of the same kind is not a near name.
        assert_eq!(find("淄博市周村区审计局", &roster), Match::None);
        // 审计局 and 统计局 differ by one character of three: no guess.
        assert_eq!(find("淄博市张店区总计局", &roster), Match::None);
        assert_eq!(
            find("审计局", &names(&["张店区审计局", "临淄区审计局"])),
            Match::Ambiguous(vec![0, 1])
        );
        assert_eq!(find("", &roster), Match::None);
    }

    #[test]
    fn distances_are_bounded() {
        assert_eq!(distance("审计局", "审计局", 2), 0);
        assert_eq!(distance("人民政府办公室", "政府办公室", 2), 2);
        assert_eq!(distance("abcdef", "a", 2), 3);
    }
}
