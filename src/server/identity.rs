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
    (row.meta.unit.trim().to_string(), row.meta.year)
}

/// Whether a text stating `new` may follow one stating `old` as the
/// report of `roster`: it states the roster's 机关 and 年度, or what the
/// text before it stated. Anything missing — no 机关, no 年度, a text
/// that reads as no report — counts as stated and so is refused as a
/// change, never passed.
fn allowed(
    roster: &(String, i64),
    old: Option<&(String, i64)>,
    new: Option<&(String, i64)>,
) -> bool {
    new == Some(roster) || new == old
}

/// Refuses (400) `new_text` as `row`'s next text when it changes the 机关
/// or 年度 the report states to anything but the roster's. Read from the
/// text itself, never from the page's state.
pub fn check_change(row: &ReportRow, new_text: &str) -> Result<(), Reply> {
    let new = stated(new_text);
    let roster = roster(row);
    // The text before is read only when the new one does not state the
    // roster's (a unit's own change, the usual save).
    if new.as_ref() == Some(&roster) || allowed(&roster, stated(&row.text).as_ref(), new.as_ref()) {
        return Ok(());
    }
    Err(Reply::error(
        400,
        &format!(
            "机关和年度由账号和收集年度确定（{}，{} 年度），不能修改或清空；这次的修改没有保存",
            row.meta.unit, row.meta.year
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
                row.meta.unit, row.meta.year
            ),
        )),
        _ => Ok(()),
    }
}

/// `checked` (the text of `row`) as its unit's report of its round's
/// year, whatever its cells say: each unit counted once, as itself.
pub fn as_roster(row: &ReportRow, mut checked: Checked) -> Checked {
    if let Some(report) = checked.report.as_mut() {
        report.agency.value = row.meta.unit.trim().to_string();
        report.year.value = row.meta.year as i32;
    }
    checked
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 76.3: the identity is read from the text, and a missing value
    /// refuses: a 机关 emptied, a 年度 taken out or a text that reads as no
    /// report is a change like any other.
    #[test]
    fn a_missing_agency_or_year_is_refused_not_passed() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/zibo-zhangdian-traffic-2024.yaml"
        ))
        .unwrap();
        let roster = ("淄博市公安局交通警察支队张店大队".to_string(), 2024);
        let old = stated(&text);
        assert_eq!(old.as_ref(), Some(&roster));
        let ok = |new: &str| allowed(&roster, old.as_ref(), stated(new).as_ref());
        assert!(ok(&text));
        assert!(ok(&text.replace("收费通知件数: 0", "收费通知件数: 1")));
        assert!(!ok(
            &text.replace("机关: 淄博市公安局交通警察支队张店大队", "机关: ''")
        ));
        assert!(!ok(&text.replace(
            "机关: 淄博市公安局交通警察支队张店大队",
            "机关: 别的单位"
        )));
        assert!(!ok(&text.replace("年度: 2024", "年度: ~")));
        assert!(!ok("不是: [年报"));
        // A text that stated another unit already may be brought back.
        let other = text.replace("机关: 淄博市公安局交通警察支队张店大队", "机关: 别的单位");
        let before = stated(&other);
        assert!(allowed(&roster, before.as_ref(), stated(&text).as_ref()));
    }
}
