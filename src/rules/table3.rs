//! Section 三: T3-BAL, T3-ROWSUM, T3-RESULTSUM.

use crate::diag::{Diagnostic, codes};
use crate::model::official::T3Row;
use crate::model::official::{self, T3Role};
use crate::model::path;
use crate::model::schema::top;
use crate::model::{CountRow, Report, Table3};

pub(super) fn check(report: &Report, out: &mut Vec<Diagnostic>) {
    row_sums(report, out);
    // The sums across rows first, then whether a row one number short
    // explains them (and replaces them).
    let mut sums = Vec::new();
    result_sums(report, &mut sums);
    balance(report, &mut sums);
    super::row_shape::table3(report, sums, out);
}

/// T3-ROWSUM: a printed total equals the sum of the six applicant columns.
fn row_sums(report: &Report, out: &mut Vec<Diagnostic>) {
    let ed = report.edition();
    let rows = official::t3_rows(ed);
    let t = &report.table3;

    // When the （七）总计 row's printed total is just the sum of the result
    // rows' printed totals, its disagreement is theirs: report it once, there.
    let leaves = || {
        rows.iter()
            .zip(&t.rows)
            .filter(|(d, _)| d.role == T3Role::Result)
    };
    let printed_leaf_totals = leaves().try_fold(0u64, |acc, (_, r)| acc.checked_add(r.total()?));
    let leaves_consistent = leaves().all(|(_, r)| r.total_is_consistent());
    for (def, row) in rows.iter().zip(&t.rows) {
        if def.role == T3Role::ResultTotal
            && !leaves_consistent
            && row.printed_total.as_ref().map(|p| p.value) == printed_leaf_totals
        {
            continue;
        }
        if let Some(d) = rowsum(row, &def.full_label(), &|col| path::table3_cell(def, col)) {
            out.push(d);
        }
    }
}

/// T3-RESULTSUM: a printed （七）总计 equals the sum of the result rows, per column.
fn result_sums(report: &Report, out: &mut Vec<Diagnostic>) {
    let ed = report.edition();
    let rows = official::t3_rows(ed);
    let t = &report.table3;
    let total_i = official::t3_index(ed, T3Role::ResultTotal);
    let total_row = &t.rows[total_i];
    if total_row.present {
        for col in 0..official::T3_COLUMNS.len() {
            let printed = if col < official::T3_INPUT_COLUMNS {
                total_row.cells[col].as_ref()
            } else {
                total_row.printed_total.as_ref()
            };
            let (Some(printed), Some(sum)) = (printed, t.results_sum(ed, col)) else {
                continue;
            };
            if printed.value != sum {
                let col_name = official::T3_COLUMNS[col];
                let mut d = Diagnostic::new(
                    codes::T3_RESULTSUM,
                    format!("（七）总计的“{col_name}”列与各项办理结果之和不符"),
                );
                for (def, row) in rows.iter().zip(&t.rows) {
                    if def.role == T3Role::Result
                        && let Some(v) = row.column(col).filter(|&v| v > 0)
                    {
                        d = d.related(
                            row.cell_span(col),
                            path::table3_cell(def, col),
                            format!("{} {v}", def.label),
                        );
                    }
                }
                out.push(
                    d.at(printed.span)
                        .path(path::table3_cell(&rows[total_i], col))
                        .label(format!("应为 {sum}"))
            .help(format!(
                "应为 {sum}：把总计格恢复为公式或清空（总计可不填，按各列之和计算），或改正各列"
            ))
                        .note(format!(
                            "单元格：{} / {col_name}；各项办理结果之和 {sum}，填写 {}",
                            rows[total_i].full_label(),
                            printed.value
                        )),
                );
            }
        }
    }
}

/// T3-BAL: 一 + 二 = （七）总计 + 四, per column.
fn balance(report: &Report, out: &mut Vec<Diagnostic>) {
    let ed = report.edition();
    let rows = official::t3_rows(ed);
    let t = &report.table3;
    let total_i = official::t3_index(ed, T3Role::ResultTotal);
    let received = official::t3_index(ed, T3Role::Received);
    let carried_in = official::t3_index(ed, T3Role::CarriedIn);
    let carried_out = official::t3_index(ed, T3Role::CarriedOut);
    let flows_consistent = [received, carried_in, carried_out]
        .iter()
        .all(|&i| t.rows[i].total_is_consistent());
    for col in 0..official::T3_COLUMNS.len() {
        let col_name = official::T3_COLUMNS[col];
        if col == official::T3_TOTAL_COLUMN && !flows_consistent {
            // A wrong printed total is reported by T3-ROWSUM; don't build on it.
            continue;
        }
        let (Some(a), Some(b)) = (t.value(ed, received, col), t.value(ed, carried_in, col)) else {
            continue;
        };
        let Some(lhs) = a.checked_add(b) else {
            continue;
        };
        // The results as their rows add up, not as a printed （七）总计 says
        // (a wrong one is T3-RESULTSUM's): otherwise a correct 结转 would be
        // blamed for it.
        let decided = t.results_sum(ed, col).or_else(|| t.value(ed, total_i, col));
        let out_row = &t.rows[carried_out];
        let carried = out_row.column(col);
        let message = imbalance_message(col_name);
        match (decided, carried) {
            (Some(d), Some(c)) => {
                if Some(lhs) == d.checked_add(c) {
                    continue;
                }
                let note = format!(
                    "列：{col_name}；一、本年新收 {a} + 二、上年结转 {b} = {lhs}，而各项办理结果之和 {d} + 四、结转下年度继续办理 {c} = {}",
                    d as u128 + c as u128
                );
                let diag = if lhs >= d {
                    // 四、结转下年度继续办理 is the balancing item: point there.
                    Diagnostic::new(codes::T3_BAL, message)
                        .at(out_row.cell_span(col))
                        .path(path::table3_cell(&rows[carried_out], col))
                        .label(format!("{d} + {c} ≠ {lhs}"))
                        .note(note)
                        .help(if lhs >= c {
                            format!(
                                "两种改法：若办理结果无误，结转下年度继续办理应为 {}；若结转无误，各项办理结果之和应为 {}",
                                lhs - d,
                                lhs - c
                            )
                        } else {
                            format!("若办理结果无误，结转下年度继续办理应为 {}", lhs - d)
                        })
                } else {
                    // More decided than received and carried in: the results are wrong.
                    let total = &t.rows[total_i];
                    let (span, path) = if total.present {
                        (total.cell_span(col), path::table3_cell(&rows[total_i], col))
                    } else {
                        (
                            out_row.cell_span(col),
                            path::table3_cell(&rows[carried_out], col),
                        )
                    };
                    Diagnostic::new(codes::T3_BAL, message)
                        .at(span)
                        .path(path)
                        .label(format!("办理结果 {d} > {lhs}"))
                        .note(note)
                        .help("办理结果已超过本年新收与上年结转之和，请核对各项办理结果")
                };
                let figures = [
                    (received, "一、本年新收", a),
                    (carried_in, "二、上年结转", b),
                    (total_i, "各项办理结果之和", d),
                    (carried_out, "四、结转下年度继续办理", c),
                ];
                out.push(with_balance_figures(diag, t, rows, col, figures));
            }
            _ => out.extend(partial_imbalance(
                t,
                rows,
                col,
                (a, b, lhs),
                decided,
                carried,
            )),
        }
    }
}

/// `diag` with every figure of the balance (row, name, value) related to
/// it, except the one it points at.
fn with_balance_figures<V: std::fmt::Display>(
    mut diag: Diagnostic,
    t: &Table3,
    rows: &[T3Row],
    col: usize,
    figures: [(usize, &str, V); 4],
) -> Diagnostic {
    for (i, name, v) in figures {
        let span = t.rows[i].cell_span(col);
        if Some(span) != diag.span {
            diag = diag.related(
                span,
                path::table3_cell(&rows[i], col),
                format!("{name} {v}"),
            );
        }
    }
    diag
}

/// T3-BAL on an incomplete table: the filled result rows and 结转 already
/// exceed 一 + 二 (`sums` is 一, 二 and their sum).
fn partial_imbalance(
    t: &Table3,
    rows: &[T3Row],
    col: usize,
    sums: (u64, u64, u64),
    decided: Option<u64>,
    carried: Option<u64>,
) -> Option<Diagnostic> {
    let (a, b, lhs) = sums;
    let col_name = official::T3_COLUMNS[col];
    let partial: u64 = rows
        .iter()
        .zip(&t.rows)
        .filter(|(d, _)| d.role == T3Role::Result)
        .filter_map(|(_, r)| r.column(col))
        .fold(0u64, u64::saturating_add)
        .saturating_add(carried.unwrap_or(0));
    let lower = decided
        .map_or(partial, |d| d.saturating_add(carried.unwrap_or(0)))
        .max(partial);
    if lower <= lhs {
        return None;
    }
    let first = rows
        .iter()
        .zip(&t.rows)
        .find(|(d, r)| d.role == T3Role::Result && r.column(col).unwrap_or(0) > 0);
    let (span, path) = first.map_or((t.span, path::field(top::TABLE3)), |(d, r)| {
        (r.cell_span(col), path::table3_cell(d, col))
    });
    Some(
        Diagnostic::new(codes::T3_BAL, imbalance_message(col_name))
            .at(span)
            .path(path)
            .label(format!("至少 {lower} > {lhs}"))
            .note(format!(
                "列：{col_name}；一、本年新收 {a} + 二、上年结转 {b} = {lhs}，而已填写的办理结果与结转合计已达 {lower}（表格不完整，其余行未计入）"
            )),
    )
}

/// The message of every T3-BAL diagnostic.
fn imbalance_message(col_name: &str) -> String {
    format!("“{col_name}”列收支不平衡：第一项加第二项之和不等于第三项加第四项之和")
}

/// T3-ROWSUM / T4-SUM for one row: the printed total against the sum.
/// `cell_path` gives the data path of the row's cell in a column.
pub(super) fn rowsum(
    row: &CountRow,
    what: &str,
    cell_path: &dyn Fn(usize) -> String,
) -> Option<Diagnostic> {
    let printed = row.printed_total.as_ref()?;
    let sum = row.sum()?;
    if printed.value == sum {
        return None;
    }
    let width = row.cells.len();
    let (code, cols, total_name) = if width == official::T3_INPUT_COLUMNS {
        (
            codes::T3_ROWSUM,
            &official::T3_COLUMNS[..width],
            official::T3_COLUMNS[width],
        )
    } else {
        (
            codes::T4_SUM,
            &official::T4_COLUMNS[..width],
            official::T4_COLUMNS[width],
        )
    };
    let parts: Vec<String> = row
        .cells
        .iter()
        .zip(cols)
        .map(|(c, name)| format!("{name} {}", c.as_ref().map_or(0, |c| c.value)))
        .collect();
    let mut d = Diagnostic::new(code, format!("“{what}”的总计与各列之和不符"));
    for (i, (cell, name)) in row.cells.iter().zip(cols).enumerate() {
        // The parts that make the sum (zeros add nothing to look at).
        if let Some(c) = cell.as_ref().filter(|c| c.value > 0) {
            d = d.related(c.span, cell_path(i), format!("{name} {}", c.value));
        }
    }
    Some(
        d.at(printed.span)
            .path(cell_path(width))
            .label(format!("应为 {sum}"))
            .help(format!(
                "应为 {sum}：把总计格恢复为公式或清空（总计可不填，按各列之和计算），或改正各列"
            ))
            .note(format!(
                "单元格：{what} / {total_name}；{} 之和为 {sum}，填写 {}",
                parts.join(" + "),
                printed.value
            )),
    )
}
