//! The cells of a page a diagnostic concerns: among the `data-path`s a
//! page has, those a diagnostic names (its own path, the places related to
//! it). The preview's overlay and the report page's findings mark them
//! alike.

use super::{Diagnostic, Severity};

/// The `data-path` values, among `paths`, of the table cells a diagnostic
/// is about: its own path (an exact match, else every cell under it) and
/// the paths of its related places in the same file (the other figures of
/// a balance, the parts of a sum). Informational notes mark nothing.
pub fn cells_for(d: &Diagnostic, paths: &[String]) -> Vec<String> {
    if d.severity == Severity::Info {
        return Vec::new();
    }
    let mut cells: Vec<String> = Vec::new();
    if let Some(path) = d.path.as_deref() {
        if paths.iter().any(|p| p == path) {
            cells.push(path.to_string());
        } else {
            cells.extend(
                paths
                    .iter()
                    .filter(|p| {
                        p.strip_prefix(path)
                            .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
                    })
                    .cloned(),
            );
        }
    }
    for related in d.related.iter().filter(|r| r.file.is_none()) {
        if let Some(p) = related.path.as_deref()
            && paths.iter().any(|q| q == p)
            && !cells.iter().any(|c| c == p)
        {
            cells.push(p.to_string());
        }
    }
    cells
}

/// A section-三 cell of the 2021 edition, by the row's role (the first row
/// of that role): the tests' name for a cell of table 三.
#[cfg(test)]
pub(crate) fn t3(role: crate::model::official::T3Role, col: usize) -> String {
    use crate::model::{Edition, official, path};
    let rows = official::t3_rows(Edition::E2021);
    let row = rows.iter().find(|r| r.role == role).unwrap();
    path::table3_cell(row, col)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::codes;
    use crate::model::official::T3Role;
    use crate::model::path;
    use crate::model::schema::t2;

    fn paths() -> Vec<String> {
        let mut v = Vec::new();
        for role in [
            T3Role::Received,
            T3Role::CarriedIn,
            T3Role::Result,
            T3Role::ResultTotal,
            T3Role::CarriedOut,
        ] {
            for col in 0..7 {
                v.push(t3(role, col));
            }
        }
        v.push(path::table2(t2::RULES, Some(t2::MADE)));
        v.push(path::table2(t2::RULES, Some(t2::VALID)));
        v.push(path::table2(t2::LICENSING, None));
        v
    }

    #[test]
    fn exact_then_prefix() {
        let total = t3(T3Role::Received, 6);
        let d = Diagnostic::error(codes::T3_ROWSUM, "x").path(&total);
        assert_eq!(cells_for(&d, &paths()), vec![total]);
        let d =
            Diagnostic::error(codes::T2_RULES_AUTHORITY, "x").path(path::table2(t2::RULES, None));
        assert_eq!(
            cells_for(&d, &paths()),
            vec![
                path::table2(t2::RULES, Some(t2::MADE)),
                path::table2(t2::RULES, Some(t2::VALID))
            ]
        );
        // `主动公开.行政` is not a prefix of a path segment.
        let d = Diagnostic::error(codes::TYPE, "x").path(path::table2("行政", None));
        assert!(cells_for(&d, &paths()).is_empty());
        let d = Diagnostic::info(codes::T2_2019_ITEMS, "x").path(path::table2_table());
        assert!(cells_for(&d, &paths()).is_empty());
    }

    #[test]
    fn related_places_are_marked_too() {
        let at = crate::source::Span::at(3, 4);
        let d = Diagnostic::error(codes::T3_BAL, "x")
            .path(t3(T3Role::CarriedOut, 2))
            .related(at, t3(T3Role::Received, 2), "一")
            .related(at, t3(T3Role::CarriedIn, 2), "二")
            .related(at, t3(T3Role::ResultTotal, 2), "七")
            .related_in("prev.yaml", at, t3(T3Role::Received, 2), "another file");
        assert_eq!(
            cells_for(&d, &paths()),
            vec![
                t3(T3Role::CarriedOut, 2),
                t3(T3Role::Received, 2),
                t3(T3Role::CarriedIn, 2),
                t3(T3Role::ResultTotal, 2),
            ]
        );
    }
}
