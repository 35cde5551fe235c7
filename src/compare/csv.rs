//! A comparison as CSV: one line per difference, UTF-8 with a byte-order
//! mark, formulas neutralised (the field writer of `check`'s summary).

use super::cells::Which;
use super::narrative::Edit;
use super::{Batch, Comparison, Listed};
use crate::batch::summary::{BOM, csv_field};

/// The heading line.
pub const HEADINGS: [&str; 12] = [
    "机关",
    "旧文件",
    "新文件",
    "类别",
    "所在",
    "项目",
    "数据路径",
    "旧",
    "新",
    "变化",
    "比率",
    "大幅变化",
];

/// The batch as CSV.
pub fn render(batch: &Batch) -> String {
    let mut out = String::from(BOM);
    line(&mut out, HEADINGS, false);
    for c in &batch.comparisons {
        comparison(&mut out, c);
    }
    if let Some(f) = &batch.folders {
        let lists: [(&str, &[Listed]); 4] = [
            ("只在旧目录", &f.only_old),
            ("只在新目录", &f.only_new),
            ("同一机关多份", &f.repeated),
            ("无法读取", &f.unreadable),
        ];
        for (kind, list) in lists {
            for l in list {
                let file = l.file.display().to_string();
                let (old, new) = if kind == "只在新目录" {
                    ("", file.as_str())
                } else {
                    (file.as_str(), "")
                };
                line(
                    &mut out,
                    [
                        &l.agency, old, new, kind, "", &l.why, "", "", "", "", "", "",
                    ],
                    false,
                );
            }
        }
    }
    out
}

/// Columns that hold the figures of a figure row (旧, 新, 变化, 比率).
const FIGURE_COLUMNS: std::ops::Range<usize> = 7..11;

/// One line: every field escaped and neutralised as in `check`'s summary,
/// except, on a figure row (`figures`), plain numbers in the figure
/// columns (`-1`, `+12`, `-25.0%`), which a spreadsheet should read as the
/// numbers they are, not as text behind a `'`. A field of any other row
/// (`联系方式.电话` given as `-1`) keeps the guard.
fn line(out: &mut String, fields: [&str; 12], figures: bool) {
    let fields: Vec<String> = fields
        .iter()
        .enumerate()
        .map(|(i, f)| {
            if figures && FIGURE_COLUMNS.contains(&i) && is_number(f) {
                f.to_string()
            } else {
                csv_field(f)
            }
        })
        .collect();
    out.push_str(&fields.join(","));
    out.push_str("\r\n");
}

/// Whether `text` is a plain number: an optional sign, digits with at most
/// one point, an optional `%`. Nothing of that shape is a formula.
fn is_number(text: &str) -> bool {
    let body = text.strip_prefix(['+', '-']).unwrap_or(text);
    let body = body.strip_suffix('%').unwrap_or(body);
    !body.is_empty()
        && body.starts_with(|c: char| c.is_ascii_digit())
        && body.chars().all(|c| c.is_ascii_digit() || c == '.')
        && body.matches('.').count() <= 1
}

fn comparison(out: &mut String, c: &Comparison) {
    let agency = if c.new.agency().is_empty() {
        c.old.agency()
    } else {
        c.new.agency()
    };
    let (old_file, new_file) = (
        c.old.file.display().to_string(),
        c.new.file.display().to_string(),
    );
    let head = [agency, old_file.as_str(), new_file.as_str()];
    let mut put = |rest: [&str; 9]| {
        let mut fields = [""; 12];
        fields[..3].copy_from_slice(&head);
        fields[3..].copy_from_slice(&rest);
        line(out, fields, matches!(rest[0], "数字" | "未能对照"));
    };
    for f in &c.fields {
        put(["字段", "", "", &f.path, &f.old, &f.new, "", "", ""]);
    }
    for ch in &c.cells.changes {
        let change = ch.change.map(|d| d.signed()).unwrap_or_default();
        let ratio = ch.ratio.map(super::figure::percent).unwrap_or_default();
        put([
            "数字",
            ch.part.short(),
            &ch.label,
            &ch.path,
            ch.old.text(),
            ch.new.text(),
            &change,
            &ratio,
            if ch.large { "是" } else { "" },
        ]);
    }
    for u in &c.cells.unmatched {
        let (old, new) = match u.side {
            Which::Old => (u.slot.text(), ""),
            Which::New => ("", u.slot.text()),
        };
        put([
            "未能对照",
            u.part.short(),
            &u.label,
            &u.path,
            old,
            new,
            "",
            "",
            "",
        ]);
    }
    for s in &c.text {
        for e in &s.edits {
            let flat = |t: &str| t.replace(['\n', '\r'], " ");
            let (kind, old, new) = match e {
                Edit::Added(t) => ("正文新增", String::new(), flat(t)),
                Edit::Removed(t) => ("正文删除", flat(t), String::new()),
                Edit::Changed { old, new, .. } => ("正文修改", flat(old), flat(new)),
            };
            put([kind, s.heading, "", &s.path, &old, &new, "", "", ""]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_stay_numbers_and_formulas_are_neutralised() {
        for n in ["12", "+12", "-1", "-25.0%", "+6.286078", "0"] {
            assert!(is_number(n), "{n}");
        }
        for t in [
            "-1+1", "=1", "+", "-", "1.2.3", "-.5", "1e5", "+SUM(A1)", "",
        ] {
            assert!(!is_number(t), "{t}");
        }
        let mut out = String::new();
        line(
            &mut out,
            [
                "=A1", "", "", "数字", "", "", "", "-1", "+3", "+4", "-50.0%", "",
            ],
            true,
        );
        assert_eq!(out, "'=A1,,,数字,,,,-1,+3,+4,-50.0%,\r\n");
        out.clear();
        line(
            &mut out,
            [
                "",
                "",
                "",
                "字段",
                "",
                "",
                "联系方式.电话",
                "-1",
                "+3",
                "",
                "",
                "",
            ],
            false,
        );
        assert_eq!(out, ",,,字段,,,联系方式.电话,'-1,'+3,,,\r\n");
    }
}
