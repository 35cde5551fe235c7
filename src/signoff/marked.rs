//! A change shown as it reads: the characters kept, deleted and inserted
//! between the text before and after (`similar`, by characters, under a
//! deadline), each run once, so that a reviewer's one-word edit inside a
//! long paragraph is seen as that word, not as two paragraphs side by side.

use std::time::{Duration, Instant};

use similar::{Algorithm, DiffOp, capture_diff_slices_deadline};

/// How long one comparison may take before it settles for a coarser diff.
const DEADLINE: Duration = Duration::from_millis(200);

/// Most characters kept in view on either side of an edit when a change is
/// printed ([`inline`]).
pub const CONTEXT_CHARS: usize = 16;

/// What a run of characters is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// In both.
    Same,
    /// Deleted.
    Del,
    /// Inserted.
    Ins,
}

/// One run of characters.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Marked {
    /// Kept, deleted or inserted.
    pub kind: Kind,
    /// The characters.
    pub text: String,
}

/// `before` turned into `after`, as runs; a deletion comes before the
/// insertion that replaces it.
pub fn marked(before: &str, after: &str) -> Vec<Marked> {
    let old: Vec<char> = before.chars().collect();
    let new: Vec<char> = after.chars().collect();
    let deadline = Instant::now() + DEADLINE;
    let mut out: Vec<Marked> = Vec::new();
    let mut push = |kind: Kind, chars: &[char]| {
        if chars.is_empty() {
            return;
        }
        match out.last_mut() {
            Some(last) if last.kind == kind => last.text.extend(chars),
            _ => out.push(Marked {
                kind,
                text: chars.iter().collect(),
            }),
        }
    };
    for op in capture_diff_slices_deadline(Algorithm::Myers, &old, &new, Some(deadline)) {
        let (_, o, n) = op.as_tag_tuple();
        match op {
            DiffOp::Equal { .. } => push(Kind::Same, &old[o]),
            DiffOp::Delete { .. } => push(Kind::Del, &old[o]),
            DiffOp::Insert { .. } => push(Kind::Ins, &new[n]),
            DiffOp::Replace { .. } => {
                push(Kind::Del, &old[o]);
                push(Kind::Ins, &new[n]);
            }
        }
    }
    out
}

/// The runs as one line for the terminal: deletions as 〔删：…〕,
/// insertions as 〔增：…〕, a paragraph break as ¶, and the kept text cut
/// to [`CONTEXT_CHARS`] characters either side of an edit (…).
pub fn inline(runs: &[Marked]) -> String {
    let mut out = String::new();
    let last = runs.len().saturating_sub(1);
    for (i, r) in runs.iter().enumerate() {
        let text = r.text.replace("\n\n", "¶").replace('\n', "¶");
        match r.kind {
            Kind::Del => out.push_str(&format!("〔删：{text}〕")),
            Kind::Ins => out.push_str(&format!("〔增：{text}〕")),
            Kind::Same => {
                let chars: Vec<char> = text.chars().collect();
                let keep_head = if i == last {
                    CONTEXT_CHARS
                } else {
                    2 * CONTEXT_CHARS
                };
                let n = chars.len();
                if i == 0 && n > CONTEXT_CHARS {
                    out.push('…');
                    out.extend(&chars[n - CONTEXT_CHARS..]);
                } else if i > 0 && n > keep_head {
                    out.extend(&chars[..CONTEXT_CHARS]);
                    out.push('…');
                    if i != last {
                        out.extend(&chars[n - CONTEXT_CHARS..]);
                    }
                } else {
                    out.extend(&chars);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_word_inside_a_long_paragraph() {
        let before = "2020年，张店区交通运输局依照条例和本区政务公开工作安排，依法、及时、准确地公开政府信息，保障公众的知情权和监督权。";
        let after = before.replace("保障公众", "切实保障公众");
        let runs = marked(before, &after);
        assert_eq!(
            runs.iter()
                .filter(|r| r.kind != Kind::Same)
                .collect::<Vec<_>>(),
            vec![&Marked {
                kind: Kind::Ins,
                text: "切实".into()
            }]
        );
        let line = inline(&runs);
        assert!(
            line.contains("准确地公开政府信息，〔增：切实〕保障公众的知情权和监督权。"),
            "{line}"
        );
        assert!(line.starts_with('…'), "{line}");
    }

    #[test]
    fn a_deletion_across_paragraphs_shows_the_break() {
        let runs = marked(
            "甲不足，部分栏目更新不够及时。\n\n下一步，我局将加强。",
            "甲不足，我局将加强。",
        );
        let line = inline(&runs);
        assert_eq!(
            line,
            "甲不足，〔删：部分栏目更新不够及时。¶下一步，〕我局将加强。"
        );
        assert!(marked("同", "同").iter().all(|r| r.kind == Kind::Same));
    }
}
