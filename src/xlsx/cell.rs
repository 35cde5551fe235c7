//! Cell references in A1 notation (`C12`, `A1:C3`), 0-based inside.

use crate::slice::Slice;

/// Most rows of a worksheet (Excel's limit).
pub(super) const MAX_ROWS: u32 = 1_048_576;
/// Most columns of a worksheet (Excel's limit, `XFD`).
pub(super) const MAX_COLUMNS: u32 = 16_384;

/// The letters of 0-based column `col`: 0 → `A`, 26 → `AA`.
pub(super) fn column_name(col: u32) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII letters")
}

/// The A1 reference of 0-based `row` and `col`: (11, 2) → `C12`.
pub(super) fn a1(row: u32, col: u32) -> String {
    format!("{}{}", column_name(col), row + 1)
}

/// A reference such as `C12` (`$` signs allowed) as 0-based (row, column);
/// None when it is not one or lies outside a worksheet.
pub(super) fn parse_a1(text: &str) -> Option<(u32, u32)> {
    let text = text.replace('$', "");
    let split = text.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = text.split_at_boundary(split);
    if letters.is_empty() || letters.len() > 3 || !letters.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    if digits.len() > 7 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let col = letters
        .bytes()
        .fold(0u32, |acc, b| acc * 26 + u32::from(b - b'A') + 1);
    let row: u32 = digits.parse().ok()?;
    ((1..=MAX_COLUMNS).contains(&col) && (1..=MAX_ROWS).contains(&row)).then(|| (row - 1, col - 1))
}

/// A range such as `A1:C3` (or one cell) as its 0-based corners.
pub(super) fn parse_range(text: &str) -> Option<((u32, u32), (u32, u32))> {
    match text.split_once(':') {
        Some((a, b)) => {
            let (a, b) = (parse_a1(a)?, parse_a1(b)?);
            Some(((a.0.min(b.0), a.1.min(b.1)), (a.0.max(b.0), a.1.max(b.1))))
        }
        None => parse_a1(text).map(|a| (a, a)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_both_ways() {
        assert_eq!(a1(0, 0), "A1");
        assert_eq!(a1(11, 2), "C12");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(16_383), "XFD");
        for (r, c) in [(0, 0), (11, 2), (99, 27), (1_048_575, 16_383)] {
            assert_eq!(parse_a1(&a1(r, c)), Some((r, c)));
        }
        assert_eq!(parse_a1("$B$3"), Some((2, 1)));
        for bad in ["", "A", "12", "A0", "XFE1", "A1048577", "a1", "A1B"] {
            assert_eq!(parse_a1(bad), None, "{bad}");
        }
        assert_eq!(parse_range("C3:A1"), Some(((0, 0), (2, 2))));
        assert_eq!(parse_range("B2"), Some(((1, 1), (1, 1))));
    }
}
