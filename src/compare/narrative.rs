//! The narrative compared paragraph by paragraph: which paragraphs were
//! added, removed or changed, and within a changed one which characters.

use std::time::{Duration, Instant};

use super::diff::{Op, diff};
use crate::model::schema::top;
use crate::model::{Report, Text, official, path};
use crate::render::document;
use crate::render::paragraphs::normalize;

/// Most paragraphs of one section compared; the rest are counted only.
pub const MAX_PARAGRAPHS: usize = 2_000;
/// Time one section's diffs (its paragraphs, then the characters of each
/// changed one) may take; past it, what is left is reported as removed and
/// added whole.
const SECTION_TIME: Duration = Duration::from_millis(250);
/// Most pairs of removed and added paragraphs tried for "changed" in one
/// changed stretch.
const MAX_PAIRINGS: usize = 2_500;
/// Characters of each paragraph looked at to judge how alike two are.
const ALIKE_CHARS: usize = 1_000;
/// How alike (Dice coefficient of character pairs) a removed and an added
/// paragraph must be to count as one paragraph changed.
const ALIKE: f64 = 0.5;

/// A piece of a changed paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Text in both versions.
    Same(String),
    /// Text only in the old version.
    Deleted(String),
    /// Text only in the new version.
    Inserted(String),
}

/// One difference between the two versions of a section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// A paragraph only in the new version.
    Added(String),
    /// A paragraph only in the old version.
    Removed(String),
    /// A paragraph reworded: old and new text, and the pieces of the
    /// character diff between them.
    Changed {
        /// The old paragraph.
        old: String,
        /// The new paragraph.
        new: String,
        /// Old and new interleaved: kept, deleted and inserted text.
        pieces: Vec<Piece>,
    },
}

/// The comparison of one narrative section.
#[derive(Debug, Clone, PartialEq)]
pub struct SectionDiff {
    /// The data path of the narrative (`总体情况`, `其他事项.正文`).
    pub path: String,
    /// The printed heading (`一、总体情况`).
    pub heading: &'static str,
    /// Paragraphs in the old and the new version.
    pub paragraphs: (usize, usize),
    /// Paragraphs unchanged.
    pub unchanged: usize,
    /// The differences, in the order of the text.
    pub edits: Vec<Edit>,
    /// Paragraphs beyond [`MAX_PARAGRAPHS`] that were not compared.
    pub not_compared: usize,
}

/// Heading of the opening paragraph, which has none of its own.
pub const PREFACE_HEADING: &str = "前言（开头部分）";

/// The narrative sections of both reports, compared. The opening
/// paragraph is compared only when one of them writes its own.
pub fn compare(old: &Report, new: &Report) -> Vec<SectionDiff> {
    let empty = Text::default();
    let mut out = Vec::new();
    if old.preface.is_some() || new.preface.is_some() {
        out.push(section(
            (old, old.preface.as_ref().unwrap_or(&empty)),
            (new, new.preface.as_ref().unwrap_or(&empty)),
            path::field(top::PREFACE),
            PREFACE_HEADING,
        ));
    }
    let parts = [
        (&old.overview, &new.overview, path::field(top::OVERVIEW), 0),
        (&old.problems, &new.problems, path::field(top::PROBLEMS), 4),
        (&old.other, &new.other, path::other_body(), 5),
    ];
    for (a, b, p, heading) in parts {
        out.push(section(
            (old, a),
            (new, b),
            p,
            official::SECTION_HEADINGS[heading],
        ));
    }
    out
}

/// The paragraphs of a narrative as every format prints them: lines made
/// into paragraphs, placeholders replaced by the report's figures, markup
/// removed.
pub fn paragraphs(report: &Report, text: &Text) -> Vec<String> {
    let markdown = document::resolve(report, &normalize(&text.value));
    document::blocks(&markdown)
        .iter()
        .map(|b| b.text().to_string())
        .collect()
}

fn section(
    (old_report, old): (&Report, &Text),
    (new_report, new): (&Report, &Text),
    path: String,
    heading: &'static str,
) -> SectionDiff {
    let mut a = paragraphs(old_report, old);
    let mut b = paragraphs(new_report, new);
    let paragraphs = (a.len(), b.len());
    let not_compared =
        a.len().saturating_sub(MAX_PARAGRAPHS) + b.len().saturating_sub(MAX_PARAGRAPHS);
    a.truncate(MAX_PARAGRAPHS);
    b.truncate(MAX_PARAGRAPHS);
    let deadline = Instant::now() + SECTION_TIME;
    let ops = diff(&a, &b, deadline);
    let unchanged = ops.iter().filter(|op| matches!(op, Op::Same(..))).count();
    SectionDiff {
        path,
        heading,
        paragraphs,
        unchanged,
        edits: edits(&a, &b, &ops, deadline),
        not_compared,
    }
}

/// The edits of a diff: each stretch of removed and added paragraphs, with
/// a removed paragraph and an added one alike enough taken as one changed.
fn edits(a: &[String], b: &[String], ops: &[Op], deadline: Instant) -> Vec<Edit> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < ops.len() {
        if let Op::Same(..) = ops[at] {
            at += 1;
            continue;
        }
        let end = ops[at..]
            .iter()
            .position(|op| matches!(op, Op::Same(..)))
            .map_or(ops.len(), |n| at + n);
        let (mut removed, mut added) = (Vec::new(), Vec::new());
        for op in &ops[at..end] {
            match op {
                Op::Removed(i) => removed.push(a[*i].as_str()),
                Op::Added(j) => added.push(b[*j].as_str()),
                Op::Same(..) => {}
            }
        }
        stretch(&removed, &added, deadline, &mut out);
        at = end;
    }
    out
}

/// One stretch: removed paragraphs paired in order with the added ones
/// they resemble; the rest removed or added, in the order of the text.
fn stretch(removed: &[&str], added: &[&str], deadline: Instant, out: &mut Vec<Edit>) {
    let try_pairs = removed.len().saturating_mul(added.len()) <= MAX_PAIRINGS;
    let mut next_added = 0;
    for old in removed {
        let partner = if try_pairs {
            (next_added..added.len()).find(|&j| alike(old, added[j]) >= ALIKE)
        } else {
            None
        };
        match partner {
            Some(j) => {
                out.extend(
                    added[next_added..j]
                        .iter()
                        .map(|s| Edit::Added(s.to_string())),
                );
                out.push(changed(old, added[j], deadline));
                next_added = j + 1;
            }
            None => out.push(Edit::Removed(old.to_string())),
        }
    }
    out.extend(
        added[next_added..]
            .iter()
            .map(|s| Edit::Added(s.to_string())),
    );
}

/// How alike two paragraphs are: the Dice coefficient of their sets of
/// adjacent character pairs (1 the same, 0 nothing in common), judged on
/// their first [`ALIKE_CHARS`] characters so that the cost is bounded.
fn alike(a: &str, b: &str) -> f64 {
    use std::collections::HashSet;
    let pairs = |s: &str| -> HashSet<(char, char)> {
        let chars: Vec<char> = s.chars().take(ALIKE_CHARS).collect();
        chars.windows(2).map(|w| (w[0], w[1])).collect()
    };
    let (x, y) = (pairs(a), pairs(b));
    if x.is_empty() && y.is_empty() {
        return f64::from(u8::from(a == b));
    }
    2.0 * x.intersection(&y).count() as f64 / (x.len() + y.len()) as f64
}

/// A changed paragraph with the character diff between its versions.
fn changed(old: &str, new: &str, deadline: Instant) -> Edit {
    let (a, b): (Vec<char>, Vec<char>) = (old.chars().collect(), new.chars().collect());
    let mut pieces: Vec<Piece> = Vec::new();
    for op in diff(&a, &b, deadline) {
        let (c, kind) = match op {
            Op::Same(i, _) => (a[i], 0),
            Op::Removed(i) => (a[i], 1),
            Op::Added(j) => (b[j], 2),
        };
        match (pieces.last_mut(), kind) {
            (Some(Piece::Same(s)), 0)
            | (Some(Piece::Deleted(s)), 1)
            | (Some(Piece::Inserted(s)), 2) => s.push(c),
            (_, 0) => pieces.push(Piece::Same(c.to_string())),
            (_, 1) => pieces.push(Piece::Deleted(c.to_string())),
            _ => pieces.push(Piece::Inserted(c.to_string())),
        }
    }
    Edit::Changed {
        old: old.to_string(),
        new: new.to_string(),
        pieces,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn paragraphs_are_added_removed_and_changed() {
        let a = strings(&[
            "本机关全年主动公开政府信息120条。",
            "依申请公开工作规范有序。",
            "加强培训。",
        ]);
        let b = strings(&[
            "本机关全年主动公开政府信息135条。",
            "依申请公开工作规范有序。",
            "推进平台建设，集约化水平提升。",
        ]);
        let deadline = Instant::now() + SECTION_TIME;
        let ops = diff(&a, &b, deadline);
        let edits = edits(&a, &b, &ops, deadline);
        assert_eq!(edits.len(), 3, "{edits:?}");
        let Edit::Changed { pieces, .. } = &edits[0] else {
            panic!("the first paragraph was reworded: {edits:?}");
        };
        assert!(pieces.contains(&Piece::Deleted("20".into())), "{pieces:?}");
        assert!(pieces.contains(&Piece::Inserted("35".into())), "{pieces:?}");
        assert_eq!(edits[1], Edit::Removed("加强培训。".into()));
        assert_eq!(
            edits[2],
            Edit::Added("推进平台建设，集约化水平提升。".into())
        );
    }

    #[test]
    fn unrelated_paragraphs_are_not_paired() {
        let mut out = Vec::new();
        let deadline = Instant::now() + SECTION_TIME;
        stretch(
            &["甲乙丙丁"],
            &["戊己庚辛", "甲乙丙丁戊"],
            deadline,
            &mut out,
        );
        assert_eq!(out[0], Edit::Added("戊己庚辛".into()));
        assert!(matches!(out[1], Edit::Changed { .. }), "{out:?}");
        assert_eq!(out.len(), 2);
    }

    #[test]
    fn a_long_paragraph_edited_in_two_places_shows_two_small_edits() {
        let old: String =
            "本机关坚持以公开为常态、不公开为例外，推进决策、执行、管理、服务、结果公开。"
                .repeat(30)
                .chars()
                .take(958)
                .collect();
        // One edit near the start, one near the end.
        let mut new = old.replacen("常态", "原则", 1);
        let last = new.rfind("本机关").unwrap();
        new.replace_range(last..last + "本机关".len(), "我局");
        let Edit::Changed { pieces, .. } = changed(&old, &new, Instant::now() + SECTION_TIME)
        else {
            panic!("a changed paragraph");
        };
        let edits: Vec<&Piece> = pieces
            .iter()
            .filter(|p| !matches!(p, Piece::Same(_)))
            .collect();
        assert_eq!(
            edits,
            [
                &Piece::Deleted("常态".into()),
                &Piece::Inserted("原则".into()),
                &Piece::Deleted("本机关".into()),
                &Piece::Inserted("我局".into()),
            ],
            "{pieces:?}"
        );
    }

    #[test]
    fn the_same_text_has_no_edits() {
        let r = crate::testutil::report(crate::model::Edition::E2021);
        for s in compare(&r, &r) {
            assert!(s.edits.is_empty(), "{}", s.heading);
            assert_eq!(s.unchanged, s.paragraphs.0);
        }
    }
}
