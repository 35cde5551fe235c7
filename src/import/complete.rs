//! Whether an import is complete, and what keeps it from being so: the one
//! answer `import` (its exit status and last line) and `audit` (its column
//! 导入完整) give of the same file.
//!
//! An import is complete when it gave no error at all (a row or cell not
//! read, a field missing such as the agency's name, a workbook value
//! refused) and read nothing with a doubt: no part read only in part or
//! missing, no text cut short, no figure placed by its position rather than
//! its printed label.

use super::cut::Cut;
use crate::diag::{Diagnostic, Severity, codes};

/// Words of the import's messages that say a figure's place was inferred
/// rather than printed (rows placed by position, a header-less row read in
/// the official order) or that the fee statement was not (fully) read.
const INFERRED: &[&str] = &[
    "按它在前后两行之间的位置读作",
    "按官方表格的列序读入",
    "未能从第六部分读出信息处理费",
    "信息处理费说明没有写全",
];

/// What keeps an import from being complete, counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Gaps {
    /// Table rows, cells or tables that could not be read from the source
    /// (errors of IMPORT-MISSING).
    pub unread: usize,
    /// The other errors: a field missing or not recognized (the agency's
    /// name), a value of a workbook refused.
    pub errors: usize,
    /// What was read with a doubt: a part read only in part or not found,
    /// a figure placed by inference (warnings of IMPORT-MISSING, the
    /// messages of [`INFERRED`]).
    pub doubtful: usize,
    /// Whether the text stops short (a page cut by a portal or a store).
    pub cut: bool,
}

impl Gaps {
    /// The gaps of an import that gave `diagnostics`, its text stopping
    /// short at `cut` (whose own warning, at the last line read, counts as
    /// the cut, not as one more doubt).
    pub fn of(diagnostics: &[Diagnostic], cut: Option<&Cut>) -> Gaps {
        let mut gaps = Gaps {
            cut: cut.is_some(),
            ..Gaps::default()
        };
        let at_cut = |d: &Diagnostic| {
            cut.zip(d.span)
                .is_some_and(|(c, span)| span.offset == c.at.offset)
        };
        for d in diagnostics {
            let missing = d.code == codes::IMPORT_MISSING;
            match d.severity {
                Severity::Error if missing => gaps.unread += 1,
                Severity::Error => gaps.errors += 1,
                _ if is_doubt(d) && !(missing && at_cut(d)) => gaps.doubtful += 1,
                _ => {}
            }
        }
        gaps
    }

    /// Whether nothing keeps the import from being complete.
    pub fn is_empty(&self) -> bool {
        *self == Gaps::default()
    }

    /// What keeps the import from being complete, in words
    /// (`2 处未能从原文读出、1 个错误`); empty when nothing does.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if self.unread > 0 {
            parts.push(format!("{} 处未能从原文读出", self.unread));
        }
        if self.errors > 0 {
            parts.push(format!("{} 个错误", self.errors));
        }
        if self.doubtful > 0 {
            parts.push(format!("{} 处读得不全或按位置推断", self.doubtful));
        }
        if self.cut {
            parts.push("原文在中途中断".to_string());
        }
        parts.join("、")
    }

    /// What to do about the gaps, in words (`请对照原报告补填其中的 ~`),
    /// each kind of gap once; empty when there are none.
    pub fn todo(&self) -> String {
        let mut steps = Vec::new();
        if self.cut {
            steps.push("用完整的原报告（网页全文、Word 或 PDF 原件）重新导入，或对照原报告补全");
        }
        if self.unread > 0 {
            steps.push("对照原报告补填其中的 ~");
        }
        if self.errors > 0 {
            steps.push("按上面列出的错误改正（如填写机关名称）");
        }
        if self.doubtful > 0 {
            steps.push("核对上面标出的推断或读得不全之处");
        }
        steps.join("，")
    }
}

/// Whether a warning or a note says something was read with a doubt.
fn is_doubt(d: &Diagnostic) -> bool {
    (d.code == codes::IMPORT_MISSING && d.severity == Severity::Warning)
        || INFERRED.iter().any(|w| d.message.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_and_every_doubt_is_a_gap() {
        assert!(Gaps::of(&[], None).is_empty());
        let warning = Diagnostic::warning(codes::IMPORT_META, "标题中没有年度");
        assert!(Gaps::of(&[warning], None).is_empty());
        let agency = Diagnostic::error(codes::KEY_MISSING, "机关名称没有填写");
        let gaps = Gaps::of(&[agency], None);
        assert_eq!(gaps.errors, 1);
        assert!(!gaps.is_empty());
        assert_eq!(gaps.describe(), "1 个错误");
        assert!(gaps.todo().contains("填写机关名称"), "{}", gaps.todo());
        let row = Diagnostic::error(codes::IMPORT_MISSING, "表三缺少 2 行");
        let piece = crate::import::lines::Piece {
            text: "无".into(),
            offset: 40,
            len: 3,
        };
        let span = crate::source::Span {
            line: 9,
            column: 1,
            offset: 40,
            len: 3,
        };
        let cut = Cut {
            section: Some(5),
            tail: "无".into(),
            at: piece,
            unread: Vec::new(),
            partly: String::new(),
        };
        // The cut's own warning is the cut; another part read in part is
        // one more doubt.
        let stop = Diagnostic::warning(codes::IMPORT_MISSING, "原文在第六部分处中断").at(span);
        let empty = Diagnostic::warning(codes::IMPORT_MISSING, "原文中找不到第一部分，正文为空");
        let gaps = Gaps::of(&[row, stop, empty], Some(&cut));
        assert_eq!((gaps.unread, gaps.errors, gaps.doubtful), (1, 0, 1));
        assert_eq!(
            gaps.describe(),
            "1 处未能从原文读出、1 处读得不全或按位置推断、原文在中途中断"
        );
        assert!(gaps.todo().starts_with("用完整的原报告"), "{}", gaps.todo());
        let placed = Diagnostic::info(codes::IMPORT_META, "按它在前后两行之间的位置读作“其他”");
        assert_eq!(Gaps::of(&[placed], None).doubtful, 1);
    }
}
