//! Last year's figures in last year's narrative, bound to their cells: a
//! figure written out in digits that the narrative rule (NARR) reads as a
//! table cell, and that equals that cell in last year's tables, becomes the
//! cell's placeholder, so that the text carried into this year's report
//! prints this year's figure.
//!
//! The rule says only where a figure disagrees with its table; to hear about
//! every figure it reads, it is run on last year's report with every table
//! figure moved on by one, so that none agrees. A figure it then names with
//! a cell ([`crate::diag::Diagnostic::bind`]) whose real value is the
//! figure is bound. Figures it does not read (other work, percentages,
//! Chinese numerals) stay as written, and the carried paragraph's finding
//! (TEXT-CARRIED) lists them as last year's.

use crate::diag::codes;
use crate::model::report::Count;
use crate::model::{Number, Report};
use crate::placeholder::{self, Value};
use crate::slice::Slice;
use crate::source::SourceFile;
use crate::write::{self, Notes};

/// A figure of a narrative to replace by a placeholder: the byte range of
/// its digits in the narrative's value and the cell's path.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Binding {
    key: String,
    start: usize,
    end: usize,
    cell: String,
}

/// `prev` with the figures of its narratives that stand for one of its
/// table cells written as that cell's placeholder.
pub(super) fn bound(prev: &Report) -> Report {
    let mut out = prev.clone();
    let mut bindings = bindings(prev);
    // From the end, so that earlier ranges stay where they are.
    bindings.sort_by_key(|b| std::cmp::Reverse((b.key.clone(), b.start)));
    bindings.dedup_by(|a, b| a.key == b.key && a.start == b.start);
    for b in bindings {
        let text = match b.key.as_str() {
            k if k == crate::model::schema::top::OVERVIEW => &mut out.overview.value,
            k if k == crate::model::schema::top::PROBLEMS => &mut out.problems.value,
            k if k == crate::model::path::other_body() => &mut out.other.value,
            _ => continue,
        };
        if text.is_char_boundary(b.start) && text.is_char_boundary(b.end) && b.end <= text.len() {
            text.replace_range(b.start..b.end, &format!("{{{{ {} }}}}", b.cell));
        }
    }
    out
}

/// The figures of `prev`'s narratives that NARR reads as a table cell of
/// the same value.
fn bindings(prev: &Report) -> Vec<Binding> {
    let moved = moved_on(prev);
    let text = write::data_file(&moved, &Notes::new());
    let loaded = crate::load::load_str(SourceFile::new("上年", text));
    let Some(report) = loaded.report else {
        return Vec::new();
    };
    let file = &loaded.file;
    let inputs = crate::rules::Inputs {
        file,
        previous: None,
        previous_name: None,
    };
    let narratives = report.narratives();
    let mut out = Vec::new();
    for d in crate::rules::check(&report, &inputs) {
        if d.code != codes::NARR {
            continue;
        }
        let (Some(cell), Some(span), Some(key)) = (&d.bind, d.span, &d.path) else {
            continue;
        };
        let Some((_, narrative)) = narratives.iter().find(|(k, _)| *k == key.as_str()) else {
            continue;
        };
        let Some(end) = span.offset.checked_add(span.len) else {
            continue;
        };
        let (Some(literal), Some(before)) = (
            file.text.get(span.offset..end),
            file.text
                .get(narrative.span.offset.min(span.offset)..span.offset),
        ) else {
            continue;
        };
        let digits = literal.bytes().take_while(u8::is_ascii_digit).count();
        if literal.is_empty() || digits == 0 {
            continue;
        }
        let nth = before.matches(literal).count();
        let Some((at, _)) = narrative.value.match_indices(literal).nth(nth) else {
            continue;
        };
        let number = literal.slice_to(digits);
        // Bound only to a cell of last year's report that holds the figure.
        if placeholder::resolve(prev, cell) != Some(Value::Text(number.to_string())) {
            continue;
        }
        out.push(Binding {
            key: key.clone(),
            start: at,
            end: at + digits,
            cell: cell.clone(),
        });
    }
    out
}

/// `prev` with every table figure one more (and no printed totals), so
/// that no figure of the text agrees with it.
fn moved_on(prev: &Report) -> Report {
    let mut r = prev.clone();
    let bump = |c: &mut Option<Count>| {
        if let Some(c) = c {
            c.value = c.value.saturating_add(1);
        }
    };
    for row in r.table3.rows.iter_mut().chain(r.table4.rows.iter_mut()) {
        row.cells.iter_mut().for_each(bump);
        row.printed_total = None;
    }
    for v in r.table2.cells.iter_mut().flatten().flatten().flatten() {
        match &mut v.number.value {
            Number::Count(n) => *n = n.saturating_add(1),
            Number::Signed(n) => *n = n.saturating_add(1),
            Number::Amount(_) => {}
        }
    }
    if let Some(fee) = &mut r.fee {
        bump(&mut fee.notices);
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_read_as_cells_become_placeholders() {
        let p = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/zibo-zhangdian-traffic-2024.yaml"
        );
        let mut prev = crate::load::load_path(std::path::Path::new(p))
            .unwrap()
            .report
            .unwrap();
        let printed = |r: &Report, t: &str| {
            placeholder::substitute(r, t, |v| match v {
                Value::Text(t) => t.clone(),
                Value::Empty => String::new(),
            })
        };
        // Last year's text with its figures typed out.
        prev.overview.value = printed(&prev, &prev.overview.value);
        assert!(
            prev.overview
                .value
                .contains("本年共收到政府信息公开申请6件，上年结转1件")
        );
        let bound = bound(&prev);
        let text = &bound.overview.value;
        assert!(
            text.contains("本年共收到政府信息公开申请{{ 依申请公开.本年新收.总计 }}件"),
            "{text}"
        );
        assert!(
            text.contains("结转下年度继续办理{{ 依申请公开.结转下年度继续办理."),
            "{text}"
        );
        // As printed, last year's report reads the same.
        assert_eq!(printed(&bound, text), prev.overview.value);
        // Figures of other work stay as written.
        assert_eq!(bound.other.value, prev.other.value);
        assert!(bound.other.value.contains("政协提案14件"));
    }
}
