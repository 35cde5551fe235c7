//! NARR for an item a sentence says is the most of its kind (`重复申请最多`,
//! `申请人以企业为主`, `最多的是予以公开`) while 表三 has another above it.

use super::reading::{Statement, at_text};
use crate::claims::ranking;
use crate::claims::rows::Item;
use crate::claims::tables;
use crate::claims::topic::Category;
use crate::diag::Diagnostic;
use crate::model::Report;
use crate::slice::Slice;

/// NARR on the sentence of `st` when it says an item is the most and 表三
/// gives one of the items it is compared with a greater figure (a tie is
/// no finding).
pub(super) fn most(st: Statement<'_, '_>, out: &mut Vec<Diagnostic>) {
    let Some(most) = ranking::most(st.s) else {
        return;
    };
    let report = st.reading.report;
    let Some((value, name)) = figure(report, most.item) else {
        return;
    };
    let Some((above, above_name)) = most
        .among
        .iter()
        .filter_map(|i| figure(report, *i))
        .filter(|(v, _)| *v > value)
        .max_by_key(|(v, _)| *v)
    else {
        return;
    };
    // Byte offsets in the sentence to characters of the reading.
    let to_char = |b: usize| st.sentence.range.start + st.s.slice_to(b).chars().count();
    let (start, end) = (to_char(most.range.start), to_char(most.range.end));
    let quote = st.reading.quote(start, end);
    out.push(
        at_text(
            st.reading,
            st.place,
            start,
            end,
            format!("正文说“{quote}”，而{name}是 {value}，{above_name}是 {above}"),
        )
        .label(format!("{value} < {above}"))
        .help("核对表三各行各列的数字；表格无误时改写正文"),
    );
}

/// The figure of `item` in 表三 (an applicant's new requests) and its name.
fn figure(report: &Report, item: Item) -> Option<(u64, String)> {
    let category = match item {
        Item::Group(key) => Category::Result(key),
        Item::Reason(key, _) => Category::Reason(key),
        Item::Applicant(from, to) => Category::Applicant(from, to),
    };
    tables::values(report, category).and_then(|(v, name)| Some((*v.first()?, name)))
}
