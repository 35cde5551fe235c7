//! NARR for statements that something did not happen: the item a denial
//! governs must be zero in the tables or the fee statement.

use super::reading::at_text;
use crate::claims::negation::{Denial, Item};
use crate::claims::reading::Reading;
use crate::claims::tables;
use crate::diag::Diagnostic;
use crate::model::schema::t2;
use crate::model::{Edition, Report, Text};
use crate::source::SourceFile;

/// What the report's tables hold for a denied item: the figure (as
/// printed) and its name, when it is not zero. `None` when it is zero,
/// empty or not in this edition.
pub(super) fn contradiction(report: &Report, item: Item) -> Option<(String, String)> {
    match item {
        Item::Table(category) => {
            let (values, name) = tables::values(report, category)?;
            // Either the sum or the printed total at zero agrees.
            if values.contains(&0) {
                return None;
            }
            Some((values[0].to_string(), name))
        }
        // Resolved to a table figure before it gets here.
        Item::Requests => None,
        Item::FeeNotices => {
            let n = report.fee.as_ref()?.notices.as_ref()?.value;
            (n > 0).then(|| (n.to_string(), "信息处理费“收费通知件数”".into()))
        }
        Item::FeeCollected | Item::Fees => {
            let a = &report.fee.as_ref()?.collected.as_ref()?.value;
            (!a.is_zero()).then(|| (format!("{a} 万元"), "信息处理费“实际收取金额”".into()))
        }
        Item::Documents(which) => {
            let (row, cell) = which.split_once('.')?;
            let ed = report.edition();
            let (row, key) = match (ed, row == "规章", cell == "废止") {
                (Edition::E2021, rules, repealed) => (
                    if rules { t2::RULES } else { t2::NORMATIVE },
                    if repealed { t2::REPEALED } else { t2::MADE },
                ),
                // The 2019 table has no column of documents repealed.
                (Edition::E2019, _, true) => return None,
                (Edition::E2019, rules, false) => (
                    if rules { t2::RULES } else { t2::NORMATIVE_2019 },
                    t2::MADE_2019,
                ),
            };
            let v = report.table2.get(ed, row, Some(key))?;
            (!v.number.value.is_zero())
                .then(|| (v.number.value.to_string(), format!("表二“{row}”的“{key}”")))
        }
    }
}

/// A table figure that contradicts a denial: its value and its name.
type Found = (String, String);

/// NARR for what the text says did not happen while the tables count it:
/// one diagnostic per statement, naming every item it wrongly denies.
pub(super) fn denied(
    reading: &Reading<'_>,
    denials: &[Denial],
    place: (&SourceFile, &str, &Text),
    out: &mut Vec<Diagnostic>,
) {
    let mut said: Vec<Item> = Vec::new();
    let mut found: Vec<(usize, usize, Vec<Found>)> = Vec::new();
    for d in denials {
        if said.contains(&d.item) {
            continue;
        }
        said.push(d.item);
        let Some(c) = contradiction(reading.report, d.item) else {
            continue;
        };
        match found
            .iter_mut()
            .find(|(s, e, _)| *s == d.start && *e == d.end)
        {
            Some((_, _, list)) => list.push(c),
            None => found.push((d.start, d.end, vec![c])),
        }
    }
    for (start, end, list) in found {
        let quote = reading.quote(start, end);
        let named: Vec<String> = list.iter().map(|(v, n)| format!("{n}是 {v}")).collect();
        let label: Vec<&str> = list.iter().map(|(v, _)| v.as_str()).collect();
        out.push(
            at_text(
                reading,
                place,
                start,
                end,
                format!("正文说“{quote}”，而{}", named.join("，")),
            )
            .label(format!("表格为 {}", label.join("、")))
            .help("核对表格；表格无误时改写正文，写明实际的件数"),
        );
    }
}
