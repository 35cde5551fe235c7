//! Section 二: T2-2019-ITEMS, T2-2019-PUB, T2-2021-VALID (within the year),
//! T2-RULES-AUTHORITY and UNIT.

use crate::diag::{Diagnostic, Severity, codes};
use crate::model::path;
use crate::model::schema::{fee, t2};
use crate::model::{Decimal, Edition, Located, Number, Report, agency, official};
use crate::source::Span;

fn int(report: &Report, row: &str, cell: Option<&str>) -> Option<(i128, Span)> {
    let v = report.table2.get(report.edition(), row, cell)?;
    whole(Some(&v.number))
}

fn whole(n: Option<&Located<Number>>) -> Option<(i128, Span)> {
    let n = n?;
    Some((n.value.as_i128()?, n.span))
}

pub(super) fn check(report: &Report, out: &mut Vec<Diagnostic>) {
    let ed = report.edition();
    match ed {
        Edition::E2019 => check_2019(report, out),
        Edition::E2021 => check_2021(report, out),
    }
    rules_authority(report, out);
    fee_units(report, out);
}

/// 采购总金额 above which it was probably typed in 元: 5 亿元 is more than
/// a county department's centralised procurement in a year.
const PROCUREMENT_WARN_WAN: u64 = 50_000;

/// UNIT: an amount in 万元 so large it was probably typed in 元.
fn unit_warning(what: &str, amount: &Decimal, span: Span, path: String, help: &str) -> Diagnostic {
    Diagnostic::new(
        codes::UNIT,
        format!("{what} {amount} 万元偏大，是否按“元”填写了？"),
    )
    .severity(Severity::Warning)
    .at(span)
    .path(path)
    .help(help.to_string())
}

/// The amount of a section-二 cell, when it is one above `limit` 万元.
fn amount_above<'r>(
    report: &'r Report,
    row: &str,
    cell: Option<&str>,
    limit: u64,
) -> Option<(&'r Decimal, Span)> {
    let v = report.table2.get(report.edition(), row, cell)?;
    match &v.number.value {
        Number::Amount(a) if *a > Decimal::from_u64(limit) => Some((a, v.number.span)),
        _ => None,
    }
}

/// 信息处理费 above which a figure is probably in 元 (warning), and above
/// which it cannot be a year's fees under the 2020 measures (error): fees
/// are 100 元 steps per application or 10–40 元 per page beyond 30 pages,
/// so an agency's year is tens to thousands of 元.
const FEE_WARN_WAN: u64 = 1;
const FEE_ERROR_WAN: u64 = 100;

fn fee_units(report: &Report, out: &mut Vec<Diagnostic>) {
    if let Some(fee) = &report.fee {
        for (amount, key) in [
            (&fee.notice_amount, fee::NOTICE_AMOUNT),
            (&fee.collected, fee::COLLECTED),
        ] {
            let Some(a) = amount else { continue };
            if a.value > Decimal::from_u64(FEE_ERROR_WAN) {
                out.push(
                    Diagnostic::new_at(
                        codes::UNIT,
                        format!(
                            "信息处理费{key} {} 万元不可能：一个机关一年的信息处理费通常只有几十到几千元",
                            a.value
                        ),
                        a.span,
                        path::fee(key),
                    )
                    .help("金额的单位是万元：例如 300 元写作 0.03"),
                );
            } else if a.value > Decimal::from_u64(FEE_WARN_WAN) {
                out.push(unit_warning(
                    &format!("信息处理费{key}"),
                    &a.value,
                    a.span,
                    path::fee(key),
                    "信息处理费金额的单位是万元：例如 300 元写作 0.03",
                ));
            }
        }
    }
}

fn check_2019(report: &Report, out: &mut Vec<Diagnostic>) {
    let mut all_running_totals = true;
    let mut any_nonzero = false;
    for row in [
        t2::LICENSING,
        t2::OTHER_SERVICES,
        t2::PENALTIES,
        t2::ENFORCEMENT,
        t2::FEES,
    ] {
        let (Some((prev, _)), Some((delta, span))) = (
            int(report, row, Some(t2::ITEMS_BEFORE)),
            int(report, row, Some(t2::ITEMS_CHANGE)),
        ) else {
            all_running_totals = false;
            continue;
        };
        if prev + delta < 0 {
            out.push(
                Diagnostic::new(
                    codes::T2_2019_ITEMS,
                    format!(
                        "“{row}”的上一年项目数量加本年增减为负数（{prev} + ({delta}) = {}）",
                        prev + delta
                    ),
                )
                .at(span)
                .path(path::table2(row, Some(t2::ITEMS_CHANGE)))
                .help("本年增减填写本年项目数量相对上一年的变化，减少用负数表示"),
            );
        }
        // 行政事业性收费 has no 处理决定数量 column.
        let decided = official::t2_has_cell(Edition::E2019, row, Some(t2::DECISIONS))
            .then(|| int(report, row, Some(t2::DECISIONS)))
            .flatten();
        if let Some((decided, _)) = decided {
            any_nonzero |= prev != 0 || delta != 0 || decided != 0;
            if prev + delta != decided {
                all_running_totals = false;
            }
        }
    }
    if all_running_totals && any_nonzero {
        out.push(
            Diagnostic::new(
                codes::T2_2019_ITEMS,
                "每一行都满足“上一年项目数量 + 本年增减 = 处理决定数量”：这几列可能被当成了处理决定的累计数",
            )
.severity(Severity::Info)
            .at(report.table2.span)
            .path(path::table2_table())
            .note("上一年项目数量、本年增减指事项数量；处理决定数量指本年办件量，三者之间没有恒等关系"),
        );
    }
    for row in [t2::RULES, t2::NORMATIVE_2019] {
        if let (Some((new, span)), Some((total, _))) = (
            int(report, row, Some(t2::PUBLISHED_2019)),
            int(report, row, Some(t2::TOTAL_2019)),
        ) && new > total
        {
            out.push(
                Diagnostic::new(
                    codes::T2_2019_PUB,
                    format!("“{row}”的本年新公开数量（{new}）大于对外公开总数量（{total}）"),
                )
                .at(span)
                .path(path::table2(row, Some(t2::PUBLISHED_2019))),
            );
        }
    }
    if let Some((a, span)) = amount_above(
        report,
        t2::PROCUREMENT,
        Some(t2::PROCUREMENT_AMOUNT),
        PROCUREMENT_WARN_WAN,
    ) {
        out.push(unit_warning(
            "采购总金额",
            a,
            span,
            path::table2(t2::PROCUREMENT, Some(t2::PROCUREMENT_AMOUNT)),
            "数据文件中的金额一律以万元为单位",
        ));
    }
}

fn check_2021(report: &Report, out: &mut Vec<Diagnostic>) {
    for row in [t2::RULES, t2::NORMATIVE] {
        let docs = report.table2.documents(Edition::E2021, row);
        let (Some((made, _)), Some((repealed, _)), Some((valid, span))) =
            (whole(docs.made), whole(docs.second), whole(docs.in_force))
        else {
            continue;
        };
        if valid < made - repealed {
            out.push(
                Diagnostic::new(
                    codes::T2_2021_VALID,
                    format!("“{row}”的现行有效件数（{valid}）小于本年制发减本年废止（{made} − {repealed}）"),
                )
                .at(span)
                .path(path::table2(row, Some(t2::VALID))),
            );
        }
    }
    if let Some((a, span)) = amount_above(report, t2::FEES, None, 100_000) {
        out.push(unit_warning(
            "行政事业性收费",
            a,
            span,
            path::table2(t2::FEES, None),
            "本年收费金额的单位是万元：1 万元 = 10000 元",
        ));
    }
}

/// Only agencies with rule-making power (State Council departments, the
/// governments of provinces, 设区的市 and 自治州) make 规章.
fn rules_authority(report: &Report, out: &mut Vec<Diagnostic>) {
    let docs = report.table2.documents(report.edition(), t2::RULES);
    let nonzero = [docs.made, docs.second, docs.in_force]
        .into_iter()
        .filter_map(whole)
        .find(|(n, _)| *n != 0);
    let Some((_, span)) = nonzero else { return };
    let agency = report.agency.value.trim();
    if agency::may_make_rules(agency) {
        return;
    }
    out.push(
        Diagnostic::new(
            codes::T2_RULES_AUTHORITY,
            format!("“{agency}”填报了规章，但看起来不是享有规章制定权的机关"),
        )
        .at(span)
        .path(path::table2(t2::RULES, None))
        .note("规章只能由国务院部门，省、自治区、直辖市和设区的市、自治州人民政府制定")
        .help("内部规章制度不属于规章；本机关没有的请填 0"),
    );
}

#[cfg(test)]
mod tests {
    use crate::model::Edition;

    /// `Table2::get` asserts (in debug builds) that every key it is asked
    /// for is in the schema: running each rule and the next-year generator
    /// on a full report of each edition reaches every lookup.
    #[test]
    fn every_cell_the_rules_read_is_in_the_schema() {
        for ed in [Edition::E2019, Edition::E2021] {
            let report = crate::testutil::report(ed);
            let mut out = Vec::new();
            super::check(&report, &mut out);
            let inputs = crate::rules::Inputs {
                file: &crate::source::SourceFile::new("x.yaml", ""),
                previous: Some(&report),
                previous_name: Some("prev.yaml".into()),
            };
            crate::rules::check(&report, &inputs);
            crate::next_year::roll_forward(&report, "prev.yaml");
        }
    }
}
