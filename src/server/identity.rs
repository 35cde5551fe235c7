//! A unit's identity on the server: its report's 机关 and 年度 are its
//! account's unit and the round's year (the roster's), never what a cell
//! says. A change that would make the text say otherwise is refused; the
//! county summary takes each report as its unit's.

use super::store::ReportRow;
use crate::check::Checked;
use crate::serve::reply::Reply;
use crate::source::SourceFile;

/// The 机关 and 年度 that `text` states, when it reads as a report.
fn stated(text: &str) -> Option<(String, i64)> {
    let loaded = crate::load::load_str(SourceFile::new("identity.yaml", text));
    loaded
        .report
        .map(|r| (r.agency.value.trim().to_string(), i64::from(r.year.value)))
}

/// The 机关 and 年度 of `row` as the roster and the round give them.
fn roster(row: &ReportRow) -> (String, i64) {
    (row.unit.trim().to_string(), row.year)
}

/// Refuses (400) `text` as `row`'s next text when it changes the 机关 or
/// 年度 the report states to anything but the roster's.
pub fn check_change(row: &ReportRow, text: &str) -> Result<(), Reply> {
    let Some(new) = stated(text) else {
        return Ok(());
    };
    if new == roster(row) || stated(&row.text).as_ref() == Some(&new) {
        return Ok(());
    }
    Err(Reply::error(
        400,
        &format!(
            "机关和年度由账号和收集年度确定（{}，{} 年度），不能修改；这次的修改没有保存",
            row.unit, row.year
        ),
    ))
}

/// Refuses (409) to `act` (提交, 通过) on `row` when its text states
/// another 机关 or 年度 than the roster's.
pub fn check_roster(row: &ReportRow, act: &str) -> Result<(), Reply> {
    match stated(&row.text) {
        Some((agency, year)) if (agency.clone(), year) != roster(row) => Err(Reply::error(
            409,
            &format!(
                "报告中的机关和年度（{agency}，{year} 年度）与账号不符（应为 {}，{} 年度），不能{act}：请把机关和年度改回后再{act}",
                row.unit, row.year
            ),
        )),
        _ => Ok(()),
    }
}

/// `checked` (the text of `row`) as its unit's report of its round's
/// year, whatever its cells say: each unit counted once, as itself.
pub fn as_roster(row: &ReportRow, mut checked: Checked) -> Checked {
    if let Some(report) = checked.report.as_mut() {
        report.agency.value = row.unit.trim().to_string();
        report.year.value = row.year as i32;
    }
    checked
}
