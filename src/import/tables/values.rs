//! The figures of a matched row: value cells converted to numbers (units,
//! signs, approximations, 元 → 万元), blanks reported, and the rows of the
//! counting tables (sections 三 and 四) read.

use super::super::Sink;
use super::super::cells::{Cell, Kind, Unit, Value};
use super::super::lines::Piece;
use crate::diag::{Diagnostic, codes};
use crate::model::official::NumberKind;
use crate::model::{CountRow, Decimal, Located, Number, number};
use crate::source::Span;

/// Converts a value cell to a number of `kind`; `yuan` when the column header
/// says the amounts are in 元.
pub(super) fn number(
    sink: &mut Sink,
    cell: &Cell,
    v: &Value,
    kind: NumberKind,
    yuan: bool,
    what: &str,
) -> Option<Number> {
    let text = &cell.piece.text;
    let fail = |sink: &mut Sink, msg: String| {
        sink.push(Diagnostic::error(codes::IMPORT_MISSING, msg), &cell.piece);
        None
    };
    if v.approx {
        sink.push(
            Diagnostic::warning(
                codes::IMPORT_VALUE,
                format!("{what}写作“{text}”（约数），按 {} 导入", v.digits()),
            ),
            &cell.piece,
        );
    }
    match kind {
        NumberKind::Count | NumberKind::Signed => {
            if matches!(v.unit, Unit::Yuan | Unit::WanYuan) {
                sink.push(
                    Diagnostic::warning(
                        codes::IMPORT_VALUE,
                        format!(
                            "{what}是件数，却带有金额单位（“{text}”），按 {} 导入",
                            v.digits()
                        ),
                    ),
                    &cell.piece,
                );
            }
            if !v.frac.is_empty() {
                return fail(sink, format!("{what}应为整数，原文是“{text}”，未导入"));
            }
            let n: u64 = match v.int.parse() {
                Ok(n) => n,
                Err(_) => return fail(sink, format!("{what}数字过大（“{text}”），未导入")),
            };
            if kind == NumberKind::Signed {
                let n = i64::try_from(n).ok()?;
                Some(Number::Signed(if v.negative { -n } else { n }))
            } else if v.negative {
                fail(sink, format!("{what}不能为负数，原文是“{text}”，未导入"))
            } else {
                Some(Number::Count(n))
            }
        }
        NumberKind::Amount => {
            if v.negative {
                return fail(sink, format!("{what}不能为负数，原文是“{text}”，未导入"));
            }
            let in_yuan = v.unit == Unit::Yuan || (yuan && v.unit != Unit::WanYuan);
            let digits = if in_yuan { yuan_to_wan(v) } else { v.digits() };
            let Some(d) = Decimal::parse(&digits) else {
                return fail(sink, format!("{what}无法读成金额（“{text}”），未导入"));
            };
            if in_yuan {
                sink.push(
                    Diagnostic::info(
                        codes::IMPORT_VALUE,
                        format!(
                            "{what}原文以元为单位（“{text}”），按 1 万元 = 10000 元换算为 {d} 万元"
                        ),
                    ),
                    &cell.piece,
                );
            }
            Some(Number::Amount(d))
        }
    }
}

/// Divides a decimal written in 元 by 10000, exactly, as decimal text.
fn yuan_to_wan(v: &Value) -> String {
    number::yuan_to_wan(&v.int, &v.frac)
}

/// Reports a row's blank cells in one warning.
pub(super) fn blanks(sink: &mut Sink, label: &Piece, names: &[String], na: bool) {
    if names.is_empty() {
        return;
    }
    let how = if na {
        "空白或写作“-”“/”"
    } else {
        "空白"
    };
    sink.push(
        Diagnostic::warning(
            codes::IMPORT_BLANK,
            format!(
                "“{}”一行中 {} 个单元格原文{how}，导入为空（~）：{}",
                label.text,
                names.len(),
                names.join("、")
            ),
        )
        .help("空白不等于 0：请核实后在数据文件中填写数字"),
        label,
    );
}

/// A matched row of a counting table (section 三 or 四).
pub(super) struct Counted {
    /// The row.
    pub(super) row: CountRow,
}

/// Reads `width` input cells plus the printed total from value slots.
pub(super) fn count_row(
    sink: &mut Sink,
    label: &Piece,
    slots: &[Cell],
    names: &[&str],
    what: &str,
) -> Counted {
    let width = names.len() - 1;
    let mut row = CountRow::empty(width);
    row.present = true;
    let mut blank_names = Vec::new();
    let mut na = false;
    for (i, c) in slots.iter().enumerate().take(names.len()) {
        let cell_what = format!("{what}“{}”列", names[i]);
        let value = match &c.kind {
            Kind::Value(v) => {
                if let Some(note) = &v.note {
                    sink.push(
                        Diagnostic::warning(
                            codes::IMPORT_VALUE,
                            format!(
                                "{cell_what}的注释“{note}”无法写入数据文件，只导入数字 {}",
                                v.digits()
                            ),
                        ),
                        &c.piece,
                    );
                }
                number(sink, c, v, NumberKind::Count, false, &cell_what).and_then(|n| match n {
                    Number::Count(n) => Some(Located::new(n, Span::default())),
                    _ => None,
                })
            }
            Kind::Empty | Kind::NotApplicable => {
                na |= c.kind == Kind::NotApplicable;
                blank_names.push(names[i].to_string());
                None
            }
            Kind::Label => None,
        };
        if i < width {
            row.cells[i] = value;
        } else {
            row.printed_total = value;
        }
    }
    blanks(sink, label, &blank_names, na);
    Counted { row }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Value {
        match crate::import::cells::classify(s) {
            Kind::Value(v) => v,
            _ => panic!(),
        }
    }

    #[test]
    fn yuan_divides_exactly() {
        assert_eq!(yuan_to_wan(&v("2792220.8元")), "279.22208");
        assert_eq!(yuan_to_wan(&v("251000元")), "25.1");
        assert_eq!(yuan_to_wan(&v("5元")), "0.0005");
        assert_eq!(yuan_to_wan(&v("0元")), "0");
    }
}
