//! A bound on the findings of one rule in one text. A file with thousands
//! of the same slip (a template pasted with names this file does not have,
//! a table pasted row by row) is reported by its first [`PER_TEXT`]
//! findings and a count of the rest: the report stays readable, and a rule
//! that places each finding by searching the text stays linear in it.

use super::{Code, Diagnostic};
use crate::source::Span;

/// The most findings of one rule listed for one text.
pub const PER_TEXT: usize = 50;

/// The findings of one rule in one text: the first [`PER_TEXT`] listed,
/// the rest only counted.
#[derive(Debug, Default)]
pub struct Capped {
    listed: usize,
    unlisted: usize,
}

impl Capped {
    /// No finding yet.
    pub fn new() -> Capped {
        Capped::default()
    }

    /// Whether one more finding is listed: `false` (and the finding
    /// counted) once [`PER_TEXT`] are.
    pub fn room(&mut self) -> bool {
        if self.listed < PER_TEXT {
            self.listed += 1;
            true
        } else {
            self.unlisted += 1;
            false
        }
    }

    /// Whether [`PER_TEXT`] findings are listed already.
    pub fn is_full(&self) -> bool {
        self.listed >= PER_TEXT
    }

    /// The finding that says how many more there are, when some were not
    /// listed: of `code`, at `span` (the text) about `path`.
    pub fn rest(&self, code: Code, span: Span, path: &str) -> Option<Diagnostic> {
        (self.unlisted > 0).then(|| {
            Diagnostic::new_at(
                code,
                format!("{path}中还有 {} 处同类问题没有逐一列出", self.unlisted),
                span,
                path,
            )
            .help(format!("先改正上面列出的 {PER_TEXT} 处，再检查一次"))
        })
    }

    /// The finding that says the rest of the text was not read for `code`,
    /// when [`PER_TEXT`] findings were listed and reading stopped there.
    pub fn stopped(code: Code, span: Span, path: &str) -> Diagnostic {
        Diagnostic::new_at(
            code,
            format!("{path}中已列出 {PER_TEXT} 处同类问题，其余部分没有再核对"),
            span,
            path,
        )
        .help(format!("先改正列出的 {PER_TEXT} 处，再检查一次"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::codes;

    #[test]
    fn the_first_findings_are_listed_the_rest_counted() {
        let mut c = Capped::new();
        let listed = (0..PER_TEXT + 7).filter(|_| c.room()).count();
        assert_eq!(listed, PER_TEXT);
        assert!(c.is_full());
        let rest = c
            .rest(codes::PLACEHOLDER, Span::at(3, 1), "总体情况")
            .unwrap();
        assert!(rest.message.contains("还有 7 处"), "{}", rest.message);
        assert_eq!(rest.path.as_deref(), Some("总体情况"));
        assert!(
            Capped::new()
                .rest(codes::PLACEHOLDER, Span::at(3, 1), "x")
                .is_none()
        );
    }
}
