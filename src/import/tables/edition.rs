//! Which edition of the format (2019 or 2021) a report follows: the
//! evidence of its tables and of the notice it cites.

use super::super::cells::{Cell, Kind, Tok};
use super::super::lines::Piece;
use super::super::norm;
use crate::model::Edition;
use crate::model::official;

/// What the tables say about the edition.
#[derive(Debug, Clone, Default)]
pub struct TableEvidence {
    /// A 2021 sub-row of （六）其他处理 in section 三 (only 2021 has them).
    pub t3_2021_rows: Option<Piece>,
    /// （六）其他处理 printed as one row followed by figures: the 2019 form,
    /// but also how some 2021 reports print it, so it decides only when
    /// nothing else does.
    pub t3_one_row_other: Option<Piece>,
    /// Headers and rows of section 二 that exist in one edition only.
    pub t2: Option<(Edition, Piece)>,
}

/// Collects the edition evidence of sections 二 (`t2`) and 三 (`t3`).
pub fn table_evidence(t2: &[Tok], t3: &[Tok]) -> TableEvidence {
    let (t3_2021_rows, t3_one_row_other) = t3_evidence(t3);
    TableEvidence {
        t3_2021_rows,
        t3_one_row_other,
        t2: t2_evidence(t2),
    }
}

/// Section 三: the first 2021 sub-row of （六）, and a one-row （六）.
fn t3_evidence(t3: &[Tok]) -> (Option<Piece>, Option<Piece>) {
    let r21 = official::T3_2021;
    let only_2021: Vec<String> = r21
        .iter()
        .filter(|r| official::T3_2019.iter().all(|o| o.label != r.label))
        .map(|r| norm::core(r.label))
        .filter(|c| c.chars().count() >= 4)
        .collect();
    let other_2019 = official::T3_2019
        .iter()
        .find(|r| official::T3_2021.iter().all(|o| o.label != r.label))
        .map(|r| norm::core(r.label));
    let cells: Vec<&Cell> = t3
        .iter()
        .filter_map(|t| match t {
            Tok::Cell(c) => Some(c),
            Tok::Break => None,
        })
        .collect();
    let (mut rows_2021, mut one_row) = (None, None);
    for (i, c) in cells.iter().enumerate() {
        if c.kind != Kind::Label {
            continue;
        }
        let core = norm::core(&c.piece.text);
        if rows_2021.is_none()
            && only_2021
                .iter()
                .any(|o| norm::label_score(&core, o).is_some_and(|s| s >= 4))
        {
            rows_2021 = Some(c.piece.clone());
        }
        if one_row.is_none() && other_2019.as_deref() == Some(core.as_str()) {
            let next = cells[i + 1..].iter().find(|n| n.kind != Kind::Empty);
            if next.is_some_and(|n| matches!(n.kind, Kind::Value(_) | Kind::NotApplicable)) {
                one_row = Some(c.piece.clone());
            }
        }
    }
    (rows_2021, one_row)
}

/// Section 二: the first header or row label that exists in one edition
/// only, when all such labels agree.
fn t2_evidence(t2: &[Tok]) -> Option<(Edition, Piece)> {
    // Section 二: labels that exist in one edition only.
    let labels = |e: Edition| -> Vec<String> {
        official::t2_groups(e)
            .iter()
            .flat_map(|g| {
                g.headers
                    .iter()
                    .map(|h| h.label)
                    .chain(g.rows.iter().map(|r| r.label))
            })
            .map(norm::canon)
            .collect()
    };
    let (l19, l21) = (labels(Edition::E2019), labels(Edition::E2021));
    let only19: Vec<&String> = l19.iter().filter(|l| !l21.contains(l)).collect();
    let only21: Vec<&String> = l21.iter().filter(|l| !l19.contains(l)).collect();
    let (mut v19, mut v21) = (None, None);
    for t in t2 {
        if let Tok::Cell(c) = t
            && c.kind == Kind::Label
        {
            let cc = norm::canon(&c.piece.text);
            if v19.is_none() && only19.iter().any(|l| **l == cc) {
                v19 = Some(c.piece.clone());
            }
            if v21.is_none() && only21.iter().any(|l| **l == cc) {
                v21 = Some(c.piece.clone());
            }
        }
    }
    match (v19, v21) {
        (Some(p), None) => Some((Edition::E2019, p)),
        (None, Some(p)) => Some((Edition::E2021, p)),
        _ => None,
    }
}

/// The edition named by the notice a report cites as its basis:
/// 国办公开办函〔2021〕30号 (2021 format) or 〔2019〕60号 (2019 format).
pub fn cited_notice(text: &str) -> Option<Edition> {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '[' | '［' | '【' | '(' | '（' => '〔',
            ']' | '］' | '】' | ')' | '）' => '〕',
            c => c,
        })
        .collect();
    let e2021 = compact.contains("〔2021〕30号");
    let e2019 = compact.contains("〔2019〕60号");
    match (e2019, e2021) {
        (false, true) => Some(Edition::E2021),
        (true, false) => Some(Edition::E2019),
        _ => None,
    }
}
