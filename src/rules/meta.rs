//! Report-level rules: EDITION, FEE-REPORT, FEE-XCHECK, PERIOD, DEADLINE.

use crate::diag::{Diagnostic, codes};
use crate::model::official::{self, T3Role};
use crate::model::schema::top;
use crate::model::{Edition, Report};

pub(super) fn check(report: &Report, out: &mut Vec<Diagnostic>) {
    let year = report.year.value;
    if year == 0 {
        return; // 年度 missing: already reported.
    }
    let ed = report.edition();
    let expected = Edition::for_year(year as i64);
    if ed != expected {
        out.push(
            Diagnostic::error(
                codes::EDITION,
                format!("{year} 年度的报告应使用 {expected} 版格式，这里是 {ed} 版"),
            )
            .at(report.edition.span)
            .path(top::EDITION)
            .note("2019 版（国办公开办函〔2019〕60号）用于 2019、2020 年度；2021 版（国办公开办函〔2021〕30号）用于 2021 年度起")
            .help(format!("改为 格式: {expected}，并按该版调整表格")),
        );
    }
    if year >= 2021 && ed == Edition::E2019 && report.fee.is_none() {
        out.push(
            Diagnostic::error(
                codes::FEE_REPORT,
                "2021 年度起第六部分须报告信息处理费情况，缺少“其他事项.信息处理费”",
            )
            .at(report.other_span)
            .path("其他事项.信息处理费"),
        );
    }
    fee_xcheck(report, out);
    period(report, out);
    deadline(report, out);
}

fn fee_xcheck(report: &Report, out: &mut Vec<Diagnostic>) {
    if report.edition() != Edition::E2021 {
        return;
    }
    let rows = official::t3_rows(Edition::E2021);
    let Some(i) = rows.iter().position(|r| {
        r.role == T3Role::Result && r.keys.last() == Some(&official::T3_FEE_UNPAID_KEY)
    }) else {
        return;
    };
    let row = &report.requests.rows[i];
    let Some(unpaid) = row.total() else { return };
    let notices = report
        .fee
        .as_ref()
        .and_then(|f| f.notices.as_ref())
        .map_or(0, |n| n.value);
    if unpaid > notices {
        let span = row
            .printed_total
            .as_ref()
            .map(|c| c.span)
            .or_else(|| {
                row.cells
                    .iter()
                    .flatten()
                    .find(|c| c.value > 0)
                    .map(|c| c.span)
            })
            .unwrap_or(row.span);
        out.push(
            Diagnostic::warning(
                codes::FEE_XCHECK,
                format!(
                    "有 {unpaid} 件申请因逾期未缴费而不再处理，但只报告了 {notices} 件收费通知"
                ),
            )
            .at(span)
            .path(format!("依申请公开.{}", rows[i].path()))
            .note("逾期未按收费通知要求缴纳费用的前提是发出了收费通知")
            .help("核对“其他事项.信息处理费.收费通知件数”"),
        );
    }
}

/// Normalises full-width digits so that text written with them still matches.
pub(super) fn ascii_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .collect()
}

fn period(report: &Report, out: &mut Vec<Diagnostic>) {
    let Some(preface) = &report.preface else {
        return; // The generated opening paragraph states it.
    };
    let y = report.year.value;
    let resolved = crate::placeholder::substitute(report, &preface.value, |v| match v {
        crate::placeholder::Value::Text(t) => t.clone(),
        crate::placeholder::Value::Empty => String::new(),
    });
    let text = ascii_digits(&resolved).replace([' ', '\u{3000}'], "");
    let states_start = text.contains(&format!("{y}年1月1日"));
    let states_end =
        text.contains(&format!("{y}年12月31日")) || (states_start && text.contains("12月31日"));
    if !(states_start && states_end) {
        out.push(
            Diagnostic::warning(
                codes::PERIOD,
                format!("前言没有写明统计期限（{y}年1月1日至{y}年12月31日）"),
            )
            .at(preface.span)
            .path(top::PREFACE)
            .help(format!(
                "加一句：本报告中所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。"
            )),
        );
    }
}

fn deadline(report: &Report, out: &mut Vec<Diagnostic>) {
    let Some(date) = &report.date else { return };
    let y = report.year.value;
    let d = date.value;
    let government = report.agency.value.trim_end().ends_with("人民政府");
    let (month, limit) = if government {
        (3, "3月31日")
    } else {
        (1, "1月31日")
    };
    let last = (y + 1, month, 31);
    if (d.year, d.month, d.day) > last {
        out.push(
            Diagnostic::warning(
                codes::DEADLINE,
                format!("成文日期 {} 晚于法定期限 {}年{limit}", d.chinese(), y + 1),
            )
            .at(date.span)
            .path(top::DATE)
            .note(if government {
                "《条例》第四十九条：县级以上地方人民政府的年度报告于每年3月31日前公布"
            } else {
                "《条例》第四十九条：政府部门于每年1月31日前报送并公布上一年度的年度报告"
            }),
        );
    } else if d.year <= y {
        out.push(
            Diagnostic::warning(
                codes::DEADLINE,
                format!("成文日期 {} 早于统计期结束（{y}年12月31日）", d.chinese()),
            )
            .at(date.span)
            .path(top::DATE)
            .help(format!("年度报告在{}年1月成文", y + 1)),
        );
    }
}
