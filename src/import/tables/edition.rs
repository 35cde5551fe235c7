//! Which edition of the format (2019 or 2021) a report's tables follow.

use super::super::cells::{Cell, Kind, Tok};
use super::super::lines::Piece;
use super::super::norm;
use crate::model::Edition;
use crate::model::official;

/// Detects the edition from the tables: the 2021 sub-rows of （六）其他处理 in
/// section 三, else a 2019 single-row （六）其他处理 followed by figures, else
/// the edition-specific headers and rows of section 二.
pub fn detect_edition(t2: &[Tok], t3: &[Tok]) -> Option<(Edition, Piece)> {
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
    for (i, c) in cells.iter().enumerate() {
        if c.kind != Kind::Label {
            continue;
        }
        let core = norm::core(&c.piece.text);
        if only_2021
            .iter()
            .any(|o| norm::label_score(&core, o).is_some_and(|s| s >= 4))
        {
            return Some((Edition::E2021, c.piece.clone()));
        }
        if other_2019.as_deref() == Some(core.as_str()) {
            let next = cells[i + 1..].iter().find(|n| n.kind != Kind::Empty);
            if next.is_some_and(|n| matches!(n.kind, Kind::Value(_) | Kind::NotApplicable)) {
                return Some((Edition::E2019, c.piece.clone()));
            }
        }
    }
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
