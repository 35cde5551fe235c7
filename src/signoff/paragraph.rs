//! A region's text as built and as reviewed, compared character by
//! character ([`similar`], Myers with a deadline) and each edit traced
//! through the region's source pieces to a narrative field's bytes, to a
//! value printed whole, or to wording that cannot be changed.

use std::collections::BTreeMap;
use std::ops::Range;
use std::time::{Duration, Instant};

use similar::{Algorithm, DiffOp, capture_diff_slices_deadline};

use super::Edit;
use super::source::{Origin, Piece, ValueKind};
use crate::model::Date;

/// How long one comparison may take before it settles for a coarser diff.
const DEADLINE: Duration = Duration::from_millis(500);

/// The non-equal operations turning `old` into `new`, as
/// `(old range, new range)`.
pub(super) fn diff(old: &[char], new: &[char]) -> Vec<(Range<usize>, Range<usize>)> {
    let deadline = Instant::now() + DEADLINE;
    capture_diff_slices_deadline(Algorithm::Myers, old, new, Some(deadline))
        .into_iter()
        .filter(|op| !matches!(op, DiffOp::Equal { .. }))
        .map(|op| {
            let (_, o, n) = op.as_tag_tuple();
            (o, n)
        })
        .collect()
}

/// A range (bytes of a field, characters of a value) and what replaces it.
type Replacement = (Range<usize>, String);

/// What one edit of a paragraph touches.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Target {
    /// The field at this path.
    Field(String),
    /// The value piece with this index.
    Value(usize),
    /// Nothing that can be written; what to change instead, when known.
    Unmapped(Option<&'static str>),
}

/// One change of a region: the paragraph it is in, what it writes, and why
/// it cannot be written when it cannot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Found {
    /// Index of the paragraph in the region (as built).
    pub(super) para: usize,
    /// What writing it does.
    pub(super) edit: Edit,
    /// Why it cannot be written.
    pub(super) problem: Option<String>,
    /// The built characters it replaces and with what, in the region's
    /// characters: where a deletion across paragraphs reaches.
    pub(super) ops: Vec<(Range<usize>, String)>,
}

/// The region's source, flattened to characters.
struct Source<'a> {
    pieces: &'a [Piece],
    chars: Vec<char>,
    /// The piece of each character.
    piece_of: Vec<usize>,
    /// The first character of each piece.
    piece_start: Vec<usize>,
}

impl<'a> Source<'a> {
    fn new(pieces: &'a [Piece]) -> Source<'a> {
        let mut s = Source {
            pieces,
            chars: Vec::new(),
            piece_of: Vec::new(),
            piece_start: Vec::new(),
        };
        for (i, p) in pieces.iter().enumerate() {
            s.piece_start.push(s.chars.len());
            for c in p.text.chars() {
                s.chars.push(c);
                s.piece_of.push(i);
            }
        }
        s
    }

    /// Byte offset of the `local`-th character of piece `i`.
    fn byte(&self, i: usize, local: usize) -> usize {
        let t = &self.pieces[i].text;
        t.char_indices().nth(local).map_or(t.len(), |(b, _)| b)
    }
}

/// The changes turning region text `old` (as built from `pieces`, its
/// paragraphs starting at `para_starts`) into `new`.
pub(super) fn trace(pieces: &[Piece], old: &str, new: &str, para_starts: &[usize]) -> Vec<Found> {
    let src = Source::new(pieces);
    let ro: Vec<char> = old.chars().collect();
    let rn: Vec<char> = new.chars().collect();
    // Which source character each built character comes from.
    let mut to_src: Vec<Option<usize>> = vec![None; ro.len()];
    let deadline = Instant::now() + DEADLINE;
    for op in capture_diff_slices_deadline(Algorithm::Myers, &src.chars, &ro, Some(deadline)) {
        if let DiffOp::Equal {
            old_index,
            new_index,
            len,
        } = op
        {
            for k in 0..len {
                to_src[new_index + k] = Some(old_index + k);
            }
        }
    }
    let para_of = |i: usize| para_starts.partition_point(|&s| s <= i).saturating_sub(1);
    // (paragraph, target) → (local range in piece or region, replacement).
    let mut buckets: BTreeMap<(usize, Target), (Vec<Replacement>, Vec<Replacement>)> =
        BTreeMap::new();
    for (o, n) in diff(&ro, &rn) {
        let with: String = rn[n].iter().collect();
        let (target, local) = locate(&src, &to_src, o.clone(), &with);
        let bucket = buckets.entry((para_of(o.start), target)).or_default();
        bucket.0.push((local, with.clone()));
        bucket.1.push((o, with));
    }
    buckets
        .into_iter()
        .map(|((para, target), (edits, ops))| Found {
            ops,
            ..found(&src, para, target, edits)
        })
        .collect()
}

/// The target of the edit replacing built characters `o` with `with`, and
/// its range in the target's own coordinates (bytes of a field's value,
/// characters of a value piece).
fn locate(
    src: &Source,
    to_src: &[Option<usize>],
    o: Range<usize>,
    with: &str,
) -> (Target, Range<usize>) {
    let mapped = if o.start < o.end {
        match (to_src[o.start], to_src[o.end - 1]) {
            // A replacement inside one piece ("成立领导小组。" → "成立信息公开领导小组。",
            // "收到申请12件。" → "13件"); one across pieces is written to neither.
            (Some(a), Some(b)) if src.piece_of[a] == src.piece_of[b] => {
                Some((src.piece_of[a], a, b + 1))
            }
            _ => None,
        }
    } else {
        // An insertion: after the character before, or before the one
        // after; a figure's digits go to the value, words to the field.
        let after = o
            .start
            .checked_sub(1)
            .and_then(|i| to_src[i])
            .map(|s| (src.piece_of[s], s + 1, s + 1));
        let before = to_src
            .get(o.start)
            .copied()
            .flatten()
            .map(|s| (src.piece_of[s], s, s));
        let digits = with.chars().all(|c| c.is_ascii_digit() || c == '.');
        let is_value =
            |c: &(usize, usize, usize)| matches!(src.pieces[c.0].origin, Origin::Value { .. });
        match (after, before) {
            // Between a figure and words: "收到申请1件" → "10件" goes to the figure,
            // "收到申请12件" → "12余件" to the words.
            (Some(a), Some(b)) if is_value(&a) != is_value(&b) => {
                if is_value(&a) == digits {
                    Some(a)
                } else {
                    Some(b)
                }
            }
            // After the character before, else before the one after.
            (a, b) => a.or(b),
        }
    };
    let Some((piece, from, to)) = mapped else {
        return (Target::Unmapped(None), o);
    };
    let start = src.piece_start[piece];
    let (lf, lt) = (from - start, to - start);
    match &src.pieces[piece].origin {
        Origin::Field { path, start: at } => (
            Target::Field(path.clone()),
            at + src.byte(piece, lf)..at + src.byte(piece, lt),
        ),
        Origin::Value { .. } => (Target::Value(piece), lf..lt),
        // The tool's own wording ("五、存在的主要问题及改进情况" → "五、存在的问题").
        Origin::Fixed => (Target::Unmapped(None), o),
        Origin::Generated { instead } => (Target::Unmapped(Some(instead)), o),
    }
}

/// The change of one bucket.
fn found(src: &Source, para: usize, target: Target, edits: Vec<Replacement>) -> Found {
    let unmapped = |problem: &str| Found {
        para,
        edit: Edit::None,
        problem: Some(problem.to_string()),
        ops: Vec::new(),
    };
    match target {
        Target::Field(path) => Found {
            para,
            edit: Edit::Field { path, edits },
            problem: None,
            ops: Vec::new(),
        },
        Target::Unmapped(Some(instead)) => unmapped(instead),
        Target::Unmapped(None) => unmapped(
            "这处改动在本工具生成的固定文字（标题、法定表述、自动生成的句子）中，无法写回数据文件：请确认后在数据文件中相应修改",
        ),
        Target::Value(i) => {
            let piece = &src.pieces[i];
            let Origin::Value { path, kind } = &piece.origin else {
                return unmapped("内部错误：不是数值");
            };
            let mut chars: Vec<char> = piece.text.chars().collect();
            let mut sorted = edits;
            sorted.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
            for (r, with) in sorted {
                chars.splice(r, with.chars());
            }
            let text: String = chars.iter().collect();
            let value = match kind {
                ValueKind::Text => Some(text.trim().to_string()),
                // "2021年1月28日" → "2021-01-28".
                ValueKind::Date => Date::parse(&text).map(|d| d.iso()),
            };
            match (path, value) {
                // A figure the tables compute ("{{ 依申请公开.本年新收.总计 }}"), not typed.
                (Err(why), _) => unmapped(why),
                (Ok(_), None) => unmapped("改后的成文日期无法识别：请写成“2025年1月10日”"),
                (Ok(path), Some(value)) => Found {
                    para,
                    edit: Edit::Value {
                        path: path.clone(),
                        value,
                    },
                    problem: None,
                    ops: Vec::new(),
                },
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(text: &str, start: usize) -> Piece {
        Piece {
            text: text.into(),
            origin: Origin::Field {
                path: "总体情况".into(),
                start,
            },
        }
    }

    #[test]
    fn an_edit_of_a_sentence_goes_to_the_field_bytes() {
        let src = "### （一）健全机构\n\n成立领导小组。";
        let pieces = vec![field(src, 0)];
        let old = "（一）健全机构\n\n成立领导小组。";
        let new = "（一）健全机构\n\n成立信息公开领导小组。";
        let f = trace(&pieces, old, new, &[0, 9]);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].para, 1);
        let Edit::Field { path, edits } = &f[0].edit else {
            panic!("{f:?}")
        };
        assert_eq!(path, "总体情况");
        let refs: Vec<&(Range<usize>, String)> = edits.iter().collect();
        let out = super::super::apply_field_edits(src, &refs).unwrap();
        assert_eq!(out, "### （一）健全机构\n\n成立信息公开领导小组。");
    }

    #[test]
    fn a_figure_from_a_placeholder_goes_to_its_cell() {
        let pieces = vec![
            field("收到申请", 0),
            Piece {
                text: "12".into(),
                origin: Origin::Value {
                    path: Ok("依申请公开.本年新收[0]".into()),
                    kind: ValueKind::Text,
                },
            },
            field("件。", 30),
        ];
        let f = trace(&pieces, "收到申请12件。", "收到申请13件。", &[0]);
        assert_eq!(
            f,
            vec![Found {
                para: 0,
                edit: Edit::Value {
                    path: "依申请公开.本年新收[0]".into(),
                    value: "13".into()
                },
                problem: None,
                ops: vec![(5..6, "3".into())],
            }]
        );
        // Words typed after the figure go to the text, not the figure.
        let f = trace(&pieces, "收到申请12件。", "收到申请12余件。", &[0]);
        assert!(matches!(&f[0].edit, Edit::Field { edits, .. } if edits[0].0 == (30..30)));
    }

    #[test]
    fn fixed_wording_is_listed_not_dropped() {
        let pieces = vec![Piece {
            text: "一、总体情况".into(),
            origin: Origin::Fixed,
        }];
        let f = trace(&pieces, "一、总体情况", "一、基本情况", &[0]);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].edit, Edit::None);
        assert!(f[0].problem.is_some());
    }
}
