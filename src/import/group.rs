//! Keeps the import's report readable whatever the input: notes of one kind
//! beyond the first few are summed up in one line, and the total is capped.

use std::collections::HashMap;

use crate::diag::{Code, Diagnostic, Severity};

/// Notes shown of each kind before the rest are summed up.
pub const PER_KIND: usize = 5;
/// Most notes shown in all (summaries included).
pub const MAX_NOTES: usize = 200;

/// The kind of a note: its code, severity and the message up to the text it
/// quotes from the source (`表三中未识别的文字，未导入：…` → `表三中未识别的文字，未导入`).
fn kind(d: &Diagnostic) -> (Code, Severity, String) {
    let head = d
        .message
        .split(['：', '“'])
        .next()
        .unwrap_or(&d.message)
        .to_string();
    (d.code, d.severity, head)
}

/// Groups `diags` (in source order): the first [`PER_KIND`] of each kind are
/// kept, the rest become one note per kind, "另有 N 处同类内容……", placed
/// after the last kept one; errors are always kept before the cap applies.
pub fn group(diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut seen: HashMap<(Code, Severity, String), usize> = HashMap::new();
    let mut kept = Vec::new();
    let mut dropped: Vec<((Code, Severity, String), usize)> = Vec::new();
    for d in diags {
        let k = kind(&d);
        let n = seen.entry(k.clone()).or_insert(0);
        *n += 1;
        if *n <= PER_KIND || d.severity == Severity::Error {
            kept.push(d);
        } else if let Some(entry) = dropped.iter_mut().find(|(dk, _)| *dk == k) {
            entry.1 += 1;
        } else {
            dropped.push((k, 1));
        }
    }
    for ((code, severity, head), n) in dropped {
        let message = format!("另有 {n} 处同类内容（{head}）未逐一列出");
        kept.push(match severity {
            Severity::Error => Diagnostic::error(code, message),
            Severity::Warning => Diagnostic::warning(code, message),
            Severity::Info => Diagnostic::info(code, message),
        });
    }
    if kept.len() > MAX_NOTES {
        let extra = kept.len() - MAX_NOTES + 1;
        // Errors first, so that the cap never hides one.
        kept.sort_by_key(|d| d.severity);
        kept.truncate(MAX_NOTES - 1);
        kept.push(Diagnostic::info(
            crate::diag::codes::IMPORT_UNPLACED,
            format!("另有 {extra} 条提示未列出"),
        ));
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::codes;

    #[test]
    fn repeated_notes_are_summed_up() {
        let notes: Vec<Diagnostic> = (0..1000)
            .map(|i| {
                Diagnostic::info(
                    codes::IMPORT_UNPLACED,
                    format!("表三中未识别的文字，未导入：垃圾{i}"),
                )
            })
            .chain([Diagnostic::error(codes::IMPORT_MISSING, "缺少表四")])
            .collect();
        let grouped = group(notes);
        assert_eq!(grouped.len(), PER_KIND + 2, "{grouped:#?}");
        assert!(grouped.iter().any(|d| d.code == codes::IMPORT_MISSING));
        let summary = grouped.last().unwrap();
        assert!(
            summary.message.contains("另有 995 处"),
            "{}",
            summary.message
        );
    }

    #[test]
    fn the_total_is_capped_but_errors_stay() {
        let notes: Vec<Diagnostic> = (0..1000)
            .map(|i| Diagnostic::error(codes::IMPORT_MISSING, format!("缺少第{i}行")))
            .collect();
        let grouped = group(notes);
        assert_eq!(grouped.len(), MAX_NOTES);
        assert!(grouped.last().unwrap().message.contains("另有"));
    }
}
