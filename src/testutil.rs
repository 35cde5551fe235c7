//! Helpers for unit tests.

use crate::model::official;
use crate::model::report::T2Value;
use crate::model::{
    Contact, Date, Decimal, Edition, Fee, Located, Number, Report, Table2, Table3, Table4, Text,
};
use crate::source::Span;

/// A complete report of `edition` with every figure 0.
pub(crate) fn report(edition: Edition) -> Report {
    let s = Span::at(1, 1);
    let mut table2 = Table2::empty(edition);
    for (gi, g) in official::t2_groups(edition).iter().enumerate() {
        for (ri, r) in g.rows.iter().enumerate() {
            for (ci, c) in r.cells.iter().enumerate() {
                let number = match c.kind {
                    official::NumberKind::Count => Number::Count(0),
                    official::NumberKind::Signed => Number::Signed(0),
                    official::NumberKind::Amount => Number::Amount(Decimal::ZERO),
                };
                table2.cells[gi][ri][ci] = Some(T2Value {
                    number: Located::new(number, s),
                    note: None,
                });
            }
        }
    }
    let mut table3 = Table3::empty(edition);
    for (row, def) in table3.rows.iter_mut().zip(official::t3_rows(edition)) {
        if def.role != official::T3Role::ResultTotal {
            row.present = true;
            row.cells = vec![Some(Located::new(0, s)); official::T3_INPUT_COLUMNS];
        }
    }
    let mut table4 = Table4::empty();
    for row in &mut table4.rows {
        row.present = true;
        row.cells = vec![Some(Located::new(0, s)); official::T4_INPUT_COLUMNS];
    }
    let text = |t: &str| Text {
        value: t.to_string(),
        span: s,
    };
    let year = if edition == Edition::E2021 {
        2024
    } else {
        2020
    };
    let agency = "某市某局".to_string();
    Report {
        edition: Located::new(edition, s),
        agency: Located::new(agency.clone(), s),
        year: Located::new(year, s),
        date: Some(Located::new(Date::parse("2025-01-10").unwrap(), s)),
        overview: text("概述。"),
        table2,
        table3,
        table4,
        problems: text("问题。"),
        fee: Some(Fee {
            notices: Some(Located::new(0, s)),
            notice_amount: Some(Located::new(Decimal::ZERO, s)),
            collected: Some(Located::new(Decimal::ZERO, s)),
            span: s,
        }),
        other: text("无。"),
        other_span: s,
        ..Report::blank(edition, agency, year)
    }
}

/// A copy of `report` with every place reset, to compare values only.
pub(crate) fn without_spans(report: &Report) -> Report {
    fn loc<T: Clone>(l: &Located<T>) -> Located<T> {
        Located::new(l.value.clone(), Span::default())
    }
    fn text(t: &Text) -> Text {
        Text {
            value: t.value.clone(),
            span: Span::default(),
        }
    }
    fn row(r: &crate::model::CountRow) -> crate::model::CountRow {
        crate::model::CountRow {
            cells: r.cells.iter().map(|c| c.as_ref().map(loc)).collect(),
            printed_total: r.printed_total.as_ref().map(loc),
            span: Span::default(),
            present: r.present,
        }
    }
    let r = report;
    Report {
        edition: loc(&r.edition),
        agency: loc(&r.agency),
        year: loc(&r.year),
        date: r.date.as_ref().map(loc),
        contact: Contact {
            address: r.contact.address.as_ref().map(loc),
            postcode: r.contact.postcode.as_ref().map(loc),
            phone: r.contact.phone.as_ref().map(loc),
            email: r.contact.email.as_ref().map(loc),
        },
        preface: r.preface.as_ref().map(text),
        previous: r.previous.as_ref().map(loc),
        former_names: r.former_names.as_ref().map(loc),
        kind: r.kind.as_ref().map(|(k, b)| (loc(k), *b)),
        carried: r.carried.iter().map(loc).collect(),
        carried_figures: r.carried_figures.iter().map(loc).collect(),
        overview: text(&r.overview),
        table2: Table2 {
            cells: r
                .table2
                .cells
                .iter()
                .map(|g| {
                    g.iter()
                        .map(|row| {
                            row.iter()
                                .map(|c| {
                                    c.as_ref().map(|v| T2Value {
                                        number: loc(&v.number),
                                        note: v.note.clone(),
                                    })
                                })
                                .collect()
                        })
                        .collect()
                })
                .collect(),
            row_spans: r
                .table2
                .row_spans
                .iter()
                .map(|g| vec![Span::default(); g.len()])
                .collect(),
            span: Span::default(),
        },
        table3: Table3 {
            rows: r.table3.rows.iter().map(row).collect(),
            span: Span::default(),
        },
        table4: Table4 {
            rows: r.table4.rows.iter().map(row).collect(),
            span: Span::default(),
        },
        problems: text(&r.problems),
        fee: r.fee.as_ref().map(|f| Fee {
            notices: f.notices.as_ref().map(loc),
            notice_amount: f.notice_amount.as_ref().map(loc),
            collected: f.collected.as_ref().map(loc),
            span: Span::default(),
        }),
        other: text(&r.other),
        other_span: Span::default(),
    }
}

/// A fresh empty directory under the system temp dir, removed on drop: the
/// one temporary-directory helper of the unit tests.
pub(crate) struct TempDir(pub(crate) std::path::PathBuf);

impl TempDir {
    /// Creates `nianbao-unit-<tag>-<pid>-<n>`.
    pub(crate) fn new(tag: &str) -> TempDir {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "nianbao-unit-{tag}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Each diagnostic's line, column and message (each must have a place).
pub(crate) fn placed(diagnostics: Vec<crate::diag::Diagnostic>) -> Vec<(u32, u32, String)> {
    diagnostics
        .into_iter()
        .map(|d| {
            let s = d.span.expect("a place");
            (s.line, s.column, d.message)
        })
        .collect()
}
