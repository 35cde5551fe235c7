//! Rules across two years: XYEAR-CARRY and the cross-year part of
//! T2-2021-VALID.

use super::agency_name::declared_former;
use crate::diag::{Diagnostic, codes};
use crate::model::names::{self, Match};
use crate::model::official::{self, T3Role};
use crate::model::path;
use crate::model::schema::{t2, top};
use crate::model::{Edition, Report};

/// PREV: last year's file is another agency's report. The same agency
/// may be written with more or fewer regions or a slip of a character or
/// two (`model::names::find`), or renamed when the file declares the former
/// name (`曾用名`) or this year's text names it (`原某某局`, `由某某局更名为`).
pub(super) fn other_agency(report: &Report, prev: &Report) -> Option<Diagnostic> {
    let (this, before) = (&report.agency.value, &prev.agency.value);
    if this.trim().is_empty() || before.trim().is_empty() {
        return None;
    }
    if !matches!(names::find(before, std::slice::from_ref(this)), Match::None) {
        return None;
    }
    if declares_rename(report, before) || declared_former(report, before) {
        return None;
    }
    Some(
        Diagnostic::new(
            codes::PREV,
            format!("上年数据是“{before}”的报告，本报告是“{this}”，跨年度检查未进行"),
        )
        .at(report
            .previous
            .as_ref()
            .map_or(report.agency.span, |p| p.span))
        .path(path::field(top::PREVIOUS))
        .note("上年数据须是本机关上一年度的数据文件")
        .help("核对“上年数据”指向的文件；机构更名的，在数据文件中写“曾用名: 原名称”（或在正文中写明“原某某局”），即按同一机关比较"),
    )
}

/// Whether this year's text names `former` as a renamed agency's report
/// does: whole, or without its regions as `原…`, `由…`, `…更名`.
fn declares_rename(report: &Report, former: &str) -> bool {
    let full = names::normalize(former);
    let (_, core) = names::split_regions(&full);
    let own = core.chars().count() >= 4;
    // This year's name may start with the former one (a unit renamed in a
    // 机构改革 by adding to its name): the text naming the unit as it is
    // now does not name it as it was.
    let this = names::normalize(&report.agency.value);
    let (_, this_core) = names::split_regions(&this);
    let this_core = this_core.to_string();
    report.narratives().iter().any(|(_, text)| {
        let mut t = names::normalize(&text.value);
        for name in [&this, &this_core] {
            if !name.is_empty() && (name.contains(&full) || name.contains(core)) {
                t = t.replace(name.as_str(), "〇");
            }
        }
        t.contains(&full)
            || (own
                && [
                    format!("原{core}"),
                    format!("{core}更名"),
                    format!("由{core}"),
                ]
                .iter()
                .any(|w| t.contains(w.as_str())))
    })
}

pub(super) fn check(
    report: &Report,
    prev: &Report,
    prev_name: Option<&str>,
    out: &mut Vec<Diagnostic>,
) {
    let ed = report.edition();
    let pe = prev.edition();
    if prev.year.value != 0 && report.year.value != 0 && prev.year.value + 1 != report.year.value {
        out.push(
            Diagnostic::new(
                codes::PREV,
                format!(
                    "上年数据是 {} 年度的，本报告是 {} 年度",
                    prev.year.value, report.year.value
                ),
            )
            .at(report
                .previous
                .as_ref()
                .map_or(report.year.span, |p| p.span))
            .path(path::field(top::PREVIOUS)),
        );
        // Comparing with another year would only add noise.
        return;
    }
    let this_in = official::t3_index(ed, T3Role::CarriedIn);
    let prev_out = official::t3_index(pe, T3Role::CarriedOut);
    let row = &report.table3.rows[this_in];
    for col in 0..official::T3_COLUMNS.len() {
        let (Some(now), Some(before)) = (
            report.table3.value(ed, this_in, col),
            prev.table3.value(pe, prev_out, col),
        ) else {
            continue;
        };
        if now != before {
            let col_name = official::T3_COLUMNS[col];
            let mut d = Diagnostic::new(
                    codes::XYEAR_CARRY,
                    format!("“{col_name}”列的上年结转（{now}）与上年报告的结转下年度继续办理（{before}）不一致"),
                )
                .at(row.cell_span(col))
                .path(path::table3_cell(&official::t3_rows(ed)[this_in], col))
                .label(format!("上年为 {before}"))
                .note(format!("单元格：二、上年结转政府信息公开申请数量 / {col_name}"))
                .note("机构改革或更正上年数字时可能不一致，请在正文中说明");
            if let Some(name) = prev_name {
                let prev_row = &official::t3_rows(pe)[prev_out];
                d = d.related_in(
                    name,
                    prev.table3.rows[prev_out].cell_span(col),
                    path::table3_cell(prev_row, col),
                    format!("上年报告的结转下年度继续办理 {before}"),
                );
            }
            out.push(d);
        }
    }
    if ed == Edition::E2021 && pe == Edition::E2021 {
        for row in [t2::RULES, t2::NORMATIVE] {
            let get = |r: &Report, k| {
                r.table2
                    .get(Edition::E2021, row, Some(k))
                    .and_then(|v| Some((v.number.value.as_i128()?, v.number.span)))
            };
            let (Some((made, _)), Some((repealed, _)), Some((valid, span)), Some((before, _))) = (
                get(report, t2::MADE),
                get(report, t2::REPEALED),
                get(report, t2::VALID),
                get(prev, t2::VALID),
            ) else {
                continue;
            };
            let expected = before + made - repealed;
            if valid != expected {
                out.push(
                    Diagnostic::new(
                        codes::T2_2021_VALID,
                        format!("“{row}”现行有效件数应为 上年 {before} + 制发 {made} − 废止 {repealed} = {expected}，这里是 {valid}"),
                    )
                    .at(span)
                    .path(path::table2(row, Some(t2::VALID)))
                    .label(format!("应为 {expected}"))
                    .note("文件也可能因有效期届满等原因失效而未经废止，如是请在正文中说明"),
                );
            }
        }
    }
}
