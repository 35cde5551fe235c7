//! Report-level rules: EDITION, FEE-REPORT, FEE-XCHECK, PERIOD, DEADLINE.

use crate::diag::{Diagnostic, Severity, codes};
use crate::model::official::{self, T3Role};
use crate::model::path;
use crate::model::schema::{fee, top};
use crate::model::{Edition, FIRST_YEAR, Report};
use crate::source::SourceFile;

pub(super) fn check(report: &Report, file: &SourceFile, out: &mut Vec<Diagnostic>) {
    let year = report.year.value;
    if year == 0 {
        return; // 年度 missing: already reported.
    }
    let ed = report.edition();
    let expected = Edition::for_year(year as i64);
    // Before 2019 there is no format to match (YEAR says so).
    if ed != expected && year >= FIRST_YEAR {
        out.push(
            Diagnostic::new(
                codes::EDITION,
                format!("{year} 年度的报告应使用 {expected} 版格式，这里是 {ed} 版"),
            )
            .at(report.edition.span)
            .path(path::field(top::EDITION))
            .note("2019 版（国办公开办函〔2019〕60号）用于 2019、2020 年度；2021 版（国办公开办函〔2021〕30号）用于 2021 年度起")
            .help(format!("改为 格式: {expected}，并按该版调整表格")),
        );
    }
    if year >= 2021 && ed == Edition::E2019 && report.fee.is_none() {
        out.push(
            Diagnostic::new(
                codes::FEE_REPORT,
                "2021 年度起第六部分须报告信息处理费情况，缺少“其他事项.信息处理费”",
            )
            .at(report.other_span)
            .path(path::fee_block())
            .absence(),
        );
    }
    report_year(report, out);
    fee_xcheck(report, out);
    fee_figures(report, out);
    period(report, file, out);
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
    let row = &report.table3.rows[i];
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
            Diagnostic::new(
                codes::FEE_XCHECK,
                format!(
                    "有 {unpaid} 件申请因逾期未缴费而不再处理，但只报告了 {notices} 件收费通知"
                ),
            )
            .severity(Severity::Warning)
            .at(span)
            .path(path::table3_row(&rows[i]))
            .note("逾期未按收费通知要求缴纳费用的前提是发出了收费通知")
            .help("核对“其他事项.信息处理费.收费通知件数”"),
        );
    }
}

/// FEE-XCHECK: the three fee figures must agree with each other.
fn fee_figures(report: &Report, out: &mut Vec<Diagnostic>) {
    let Some(fee) = &report.fee else { return };
    let (Some(notices), Some(notified), Some(collected)) =
        (&fee.notices, &fee.notice_amount, &fee.collected)
    else {
        return;
    };
    if notices.value == 0 && !notified.value.is_zero() {
        out.push(
            Diagnostic::new_at(
                codes::FEE_XCHECK,
                format!(
                    "没有发出收费通知（0 件），收费通知金额却是 {} 万元",
                    notified.value
                ),
                notified.span,
                path::fee(fee::NOTICE_AMOUNT),
            )
            .help("收费通知金额是本年发出的收费通知的合计金额：没有通知的填 0"),
        );
    } else if notices.value > 0 && notified.value.is_zero() {
        out.push(
            Diagnostic::new_at(
                codes::FEE_XCHECK,
                format!("发出了 {} 件收费通知，收费通知金额却是 0", notices.value),
                notified.span,
                path::fee(fee::NOTICE_AMOUNT),
            )
            .severity(Severity::Warning),
        );
    }
    if collected.value > notified.value {
        let d = if notices.value == 0 && notified.value.is_zero() {
            Diagnostic::new_at(
                codes::FEE_XCHECK,
                format!(
                    "没有发出收费通知，却实际收取了 {} 万元信息处理费",
                    collected.value
                ),
                collected.span,
                path::fee(fee::COLLECTED),
            )
            .help("信息处理费只能按收费通知收取；上年发出、本年收取的，请在正文中说明")
        } else {
            Diagnostic::new_at(
                codes::FEE_XCHECK,
                format!(
                    "实际收取的 {} 万元多于收费通知金额 {} 万元",
                    collected.value, notified.value
                ),
                collected.span,
                path::fee(fee::COLLECTED),
            )
            .severity(Severity::Warning)
            .note("上年发出、本年收取的费用可能造成这种情况，请在正文中说明")
        };
        out.push(d.related(
            notified.span,
            path::fee(fee::NOTICE_AMOUNT),
            format!("收费通知金额 {}", notified.value),
        ));
    }
}

fn period(report: &Report, file: &SourceFile, out: &mut Vec<Diagnostic>) {
    let Some(preface) = &report.preface else {
        return; // The generated opening paragraph states it.
    };
    let y = report.year.value;
    let resolved = crate::placeholder::substitute(report, &preface.value, |v| match v {
        crate::placeholder::Value::Text(t) => t.clone(),
        crate::placeholder::Value::Empty => String::new(),
    });
    let text = super::dates::normalize(&resolved.replace([' ', '\u{3000}'], ""));
    let states_start = text.contains(&format!("{y}年1月1日"));
    let states_end =
        text.contains(&format!("{y}年12月31日")) || (states_start && text.contains("12月31日"));
    // A period of the wrong year is reported by `years` at its place.
    if !(states_start && states_end) && super::years::period_ranges(&resolved).is_empty() {
        // A period is written, but not the whole year: say so.
        if let Some((a, b, written)) = super::years::any_period(&resolved) {
            {
                out.push(
                    Diagnostic::new(
                        codes::PERIOD,
                        format!("前言写的统计期限“{written}”不是{y}年全年，年度报告的统计期限是{y}年1月1日至{y}年12月31日"),
                    )
                    .at(file.locate(preface.span, &written, 0))
                    .path(path::field(top::PREFACE))
                    .label(format!("只有 {}月{}日至{}月{}日", a.month, a.day, b.month, b.day))
                    .help("年度报告统计全年的情况；若表格数字确实只是这一段时间的，请补全全年数字并改正统计期限"),
                );
            }
            return;
        }
        out.push(
            Diagnostic::new(
                codes::PERIOD,
                format!("前言没有写明统计期限（{y}年1月1日至{y}年12月31日）"),
            )
            .at(preface.span)
            .path(path::field(top::PREFACE))
            .help(format!(
                "加一句：本报告中所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。"
            ))
            .absence(),
        );
    }
}

fn deadline(report: &Report, out: &mut Vec<Diagnostic>) {
    let Some(date) = &report.date else { return };
    let y = report.year.value;
    let d = date.value;
    let judged = report.judged();
    let march = judged.march;
    let (month, limit, why) = if march {
        (
            3,
            "3月31日",
            "本报告是县级以上地方人民政府的年度报告：《条例》第四十九条规定由政府信息公开工作主管部门于每年3月31日前公布",
        )
    } else {
        (
            1,
            "1月31日",
            "本报告按政府部门（或乡镇、街道）的年度报告计：《条例》第四十九条规定于每年1月31日前报送并公布；人民政府自己的报告截止于3月31日",
        )
    };
    let last = (y + 1, month, 31);
    let at = path::field(top::DATE);
    let example = crate::model::Date::example(Some(y));
    let at_date =
        |message: String| Diagnostic::new_at(codes::DEADLINE, message, date.span, at.clone());
    if d.year > y + 1 {
        out.push(
            at_date(format!(
                "成文日期 {} 晚于报告年度的次年（{}年），年份多半写错了",
                d.chinese(),
                y + 1
            ))
            .help(format!("{y}年度的报告在{}年初成文，例如 {example}", y + 1)),
        );
    } else if (d.year, d.month, d.day) > last {
        out.push(
            at_date(format!(
                "成文日期 {} 晚于法定期限 {}年{limit}（{}）",
                d.chinese(),
                y + 1,
                judged.short_text()
            ))
            .severity(Severity::Warning)
            .note(format!("{why}（{}）", judged.basis_text())),
        );
    } else if d.year < y {
        out.push(
            at_date(format!(
                "成文日期 {} 在报告年度（{y}年）开始之前，不可能",
                d.chinese()
            ))
            .help(format!("年度报告在{}年1月成文，例如 {example}", y + 1)),
        );
    } else if d.year == y {
        out.push(
            at_date(format!(
                "成文日期 {} 早于统计期结束（{y}年12月31日），报告不能在年度结束前成文",
                d.chinese()
            ))
            .help(format!("年度报告在{}年1月成文，例如 {example}", y + 1)),
        );
    }
}

/// YEAR: the first official format is for 2019; a year not yet over
/// cannot be reported.
fn report_year(report: &Report, out: &mut Vec<Diagnostic>) {
    let y = report.year.value;
    let now = current_year();
    let problem = if y < FIRST_YEAR {
        Some(format!(
            "{y} 年度没有对应的官方格式：现行格式适用于 {FIRST_YEAR} 年度起的报告"
        ))
    } else if y >= now {
        Some(format!(
            "{y} 年度还没有结束（今年是 {now} 年），不能编制年度报告"
        ))
    } else {
        None
    };
    if let Some(message) = problem {
        out.push(Diagnostic::new_at(
            codes::YEAR,
            message,
            report.year.span,
            path::field(top::YEAR),
        ));
    }
}

/// This calendar year (UTC), from the system clock.
fn current_year() -> i32 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    crate::civil::year_of_secs(i64::try_from(secs).unwrap_or(i64::MAX)) as i32
}
