//! A unit's identity on the server: its report's 机关 and 年度 are its
//! account's unit and the round's year (the roster's), never what a cell
//! says. A change that would make the text say otherwise is refused; the
//! county summary takes each report as its unit's.

use super::store::ReportRow;
use crate::check::Checked;
use crate::model::path;
use crate::model::schema::top;
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

/// The 机关 and 年度 a page's state (`editing::state`) shows: what the
/// text it was made from states, without reading the text again.
pub fn stated_in(state: &serde_json::Value) -> Option<(String, i64)> {
    let values = state["values"].as_object()?;
    let agency = values.get(&path::field(top::AGENCY))?.as_str()?;
    let year = values
        .get(&path::field(top::YEAR))
        .and_then(|y| y.as_str())
        .map_or(Some(0), |y| y.parse().ok())?;
    Some((agency.trim().to_string(), year))
}

/// Refuses (400) a text stating `new` (its 机关 and 年度, see
/// [`stated_in`]) as `row`'s next text when it changes the 机关 or 年度
/// the report states to anything but the roster's.
pub fn check_change(row: &ReportRow, new: Option<(String, i64)>) -> Result<(), Reply> {
    let Some(new) = new else {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::BuildPlan;
    use crate::serve::timing::Timing;

    /// The state's 机关 and 年度 are the text's, as reading it gives them.
    #[test]
    fn the_state_states_what_the_text_does() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/zibo-zhangdian-traffic-2024.yaml"
        ))
        .unwrap();
        let plan = BuildPlan::default();
        let tera = crate::render::templates::load(None).unwrap();
        let state = |text: &str| {
            crate::editing::state::state_for(
                std::path::Path::new("1.yaml"),
                text,
                (&plan, &tera),
                &mut Timing::start(),
                (false, None),
            )
        };
        assert_eq!(stated_in(&state(&text)), stated(&text));
        assert_eq!(
            stated_in(&state(&text)),
            Some(("淄博市公安局交通警察支队张店大队".to_string(), 2024))
        );
        let no_year = text.replace("年度: 2024", "年度: ~");
        assert_eq!(stated_in(&state(&no_year)), stated(&no_year));
        assert_eq!(stated_in(&state("不是: [年报")), None);
    }
}
