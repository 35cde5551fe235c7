//! Narrow copies of full-width marks' glyphs, for the PDF's text layer.
//!
//! A compressed mark (`》（`, `，` in a tight line) is drawn narrower than
//! its em. Drawn as the full glyph pulled back by a kern, its box overlaps
//! the next glyph's, and text extraction (poppler's `pdftotext`, which
//! measures a glyph by its advance in the font whatever the kerning) reads
//! an overlap of more than 0.2 em as a new word and sets the two parts as
//! separate lines; a gap of more than 0.1 em reads as a space. So a CFF
//! subset carries, for each such mark it holds, copies of the mark's
//! charstring at [`NARROW_WIDTHS`] (half an em, and seven tenths for a mark
//! compressed part of the way): a closing mark's outline as it is (its ink
//! is in the left half), an opening mark's moved left by what the copy
//! gives up (its ink is in the right half; its hints dropped, as they would
//! no longer match). A copy's width is written into its charstring, so the
//! PDF's `/W` array and the font program agree (PDF/A-2, 6.2.11.5). In a
//! TrueType subset a copy is a composite glyph of the mark, moved, with an
//! advance of its own in `hmtx` ([`narrow_glyf`](super::narrow_glyf)).

/// The advances of a mark's narrow copies, in 1/1000 em, narrowest first.
pub(super) const NARROW_WIDTHS: [i64; 2] = [500, 700];

/// A narrow copy of a mark's glyph to make: the glyph, the copy's advance
/// and how far its outline moves left, in the face's units.
#[derive(Debug, Clone, Copy)]
pub(super) struct NarrowCopy {
    pub(super) glyph: u16,
    pub(super) advance: i64,
    pub(super) shift: i64,
}

/// Which side of a mark is empty, and so given up when it is compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mark {
    /// A closing mark: its right half; the outline stays where it is.
    Closing,
    /// An opening mark: its left half; the outline moves left.
    Opening,
}

impl Mark {
    /// The kind of compressible mark `c` is, if it is one.
    pub(super) fn of(c: char) -> Option<Mark> {
        use crate::render::layout::kinsoku::{HALF_CLOSING, HALF_OPENING};
        if HALF_CLOSING.contains(&c) {
            Some(Mark::Closing)
        } else if HALF_OPENING.contains(&c) {
            Some(Mark::Opening)
        } else {
            None
        }
    }
}

/// Type 2 operators used here.
const HSTEM: u16 = 1;
const VSTEM: u16 = 3;
const VMOVETO: u16 = 4;
const CALLSUBR: u16 = 10;
const RETURN: u16 = 11;
const ENDCHAR: u16 = 14;
const HSTEMHM: u16 = 18;
const HINTMASK: u16 = 19;
const CNTRMASK: u16 = 20;
const RMOVETO: u16 = 21;
const HMOVETO: u16 = 22;
const VSTEMHM: u16 = 23;
const CALLGSUBR: u16 = 29;

/// Whether operator `op` is a stem hint (its operands are stem pairs).
fn is_stem(op: u16) -> bool {
    matches!(op, HSTEM | VSTEM | HSTEMHM | VSTEMHM)
}

/// How many operands operator `op` takes when it is the first to clear the
/// stack, without the width before them: the width is there when the
/// count is over (stems: odd).
fn has_width(op: u16, count: usize) -> bool {
    match op {
        HSTEM | VSTEM | HSTEMHM | VSTEMHM | HINTMASK | CNTRMASK => count % 2 == 1,
        RMOVETO => count > 2,
        HMOVETO | VMOVETO => count > 1,
        ENDCHAR => count == 1 || count == 5,
        _ => false,
    }
}

/// A copy of charstring `cs` (Type 2, no subroutine calls) advancing
/// `advance` units, its outline moved left by `shift` units (its hints
/// dropped where it moves). `nominal` is its Private DICT's
/// `nominalWidthX`. `None` for anything this copy does not handle (a
/// subroutine call, an accented `endchar`, arithmetic operators, a damaged
/// charstring): the mark is then drawn from its full glyph.
pub(super) fn copy(cs: &[u8], nominal: i64, advance: i64, shift: i64) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(cs.len() + 8);
    integer(&mut out, advance.checked_sub(nominal)?)?;
    // Operands on the stack: value and byte range.
    let mut stack: Vec<(f64, usize, usize)> = Vec::new();
    let (mut stems, mut cleared, mut moved) = (0usize, false, false);
    let mut at = 0;
    while at < cs.len() {
        let b0 = cs[at];
        if let Some((value, len)) = number(cs, at) {
            stack.push((value, at, at + len));
            at += len;
            continue;
        }
        let (op, len) = match b0 {
            12 => (0x0c00 | u16::from(*cs.get(at + 1)?), 2),
            _ => (u16::from(b0), 1),
        };
        let end = at + len;
        let width = !cleared && has_width(op, stack.len());
        let args = &stack[usize::from(width)..];
        cleared |= is_stem(op)
            || matches!(op, HINTMASK | CNTRMASK | RMOVETO | HMOVETO | VMOVETO)
            || op == ENDCHAR;
        let from = args.first().map_or(at, |a| a.1);
        at = end;
        match op {
            CALLSUBR | CALLGSUBR | RETURN => return None,
            // Flex (12 34–37) is a path operator; the others are arithmetic.
            0x0c00..=0x0c21 | 0x0c26.. => return None,
            _ if is_stem(op) || op == HINTMASK || op == CNTRMASK => {
                stems += args.len() / 2;
                if matches!(op, HINTMASK | CNTRMASK) {
                    at = end.checked_add(stems.div_ceil(8))?;
                }
                if shift == 0 {
                    out.extend_from_slice(cs.get(from..at)?);
                }
            }
            RMOVETO | HMOVETO | VMOVETO if !moved && shift != 0 => {
                moved = true;
                let (dx, dy) = match (op, args) {
                    (RMOVETO, [x, y]) => (x.0, Some(y.0)),
                    (HMOVETO, [x]) => (x.0, None),
                    (VMOVETO, [y]) => (0.0, Some(y.0)),
                    _ => return None,
                };
                real(&mut out, dx - shift as f64)?;
                match dy {
                    Some(dy) => {
                        real(&mut out, dy)?;
                        out.push(RMOVETO as u8);
                    }
                    None => out.push(HMOVETO as u8),
                }
            }
            _ => {
                // A path drawn before its first move cannot be moved.
                if shift != 0 && !moved && op != ENDCHAR {
                    return None;
                }
                if op == ENDCHAR && args.len() >= 4 {
                    return None;
                }
                out.extend_from_slice(cs.get(from..end)?);
                if op == ENDCHAR {
                    return Some(out);
                }
            }
        }
        stack.clear();
    }
    None
}

/// The Type 2 number at `at` and its length in bytes; `None` for an
/// operator (or a number cut short).
fn number(cs: &[u8], at: usize) -> Option<(f64, usize)> {
    let b0 = *cs.get(at)?;
    let byte = |i: usize| cs.get(at + i).copied().map(i32::from);
    Some(match b0 {
        28 => (
            f64::from(i16::from_be_bytes([*cs.get(at + 1)?, *cs.get(at + 2)?])),
            3,
        ),
        32..=246 => (f64::from(i32::from(b0) - 139), 1),
        247..=250 => (f64::from((i32::from(b0) - 247) * 256 + byte(1)? + 108), 2),
        251..=254 => (f64::from(-(i32::from(b0) - 251) * 256 - byte(1)? - 108), 2),
        255 => {
            let bytes: [u8; 4] = cs.get(at + 1..at + 5)?.try_into().ok()?;
            (f64::from(i32::from_be_bytes(bytes)) / 65536.0, 5)
        }
        _ => return None,
    })
}

/// Appends integer `v` as a Type 2 operand (`None` beyond 16 bits).
fn integer(out: &mut Vec<u8>, v: i64) -> Option<()> {
    let v = i16::try_from(v).ok()?;
    out.push(28);
    out.extend_from_slice(&v.to_be_bytes());
    Some(())
}

/// Appends `v` as a Type 2 operand: an integer where it is one, else a
/// 16.16 fixed-point number.
fn real(out: &mut Vec<u8>, v: f64) -> Option<()> {
    if v.fract() == 0.0 && v.abs() < 32768.0 {
        return integer(out, v as i64);
    }
    let fixed = (v * 65536.0).round();
    if fixed.abs() >= f64::from(i32::MAX) {
        return None;
    }
    out.push(255);
    out.extend_from_slice(&(fixed as i32).to_be_bytes());
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A charstring from operands and operators written as text.
    fn cs(text: &str) -> Vec<u8> {
        let mut out = Vec::new();
        for word in text.split_whitespace() {
            let op = match word {
                "hstem" => Some(vec![1]),
                "vstem" => Some(vec![3]),
                "vmoveto" => Some(vec![4]),
                "rlineto" => Some(vec![5]),
                "callsubr" => Some(vec![10]),
                "endchar" => Some(vec![14]),
                "hintmask" => Some(vec![19]),
                "rmoveto" => Some(vec![21]),
                "hmoveto" => Some(vec![22]),
                "hflex" => Some(vec![12, 34]),
                "add" => Some(vec![12, 10]),
                _ => None,
            };
            match (op, word.strip_prefix("0x")) {
                (Some(op), _) => out.extend(op),
                (None, Some(hex)) => out.push(u8::from_str_radix(hex, 16).unwrap()),
                (None, None) => real(&mut out, word.parse().unwrap()).unwrap(),
            }
        }
        out
    }

    /// The operands and operators of a charstring, as text (hint masks as
    /// `mask`).
    fn read(c: &[u8]) -> String {
        let mut words = Vec::new();
        let mut at = 0;
        while at < c.len() {
            if let Some((v, len)) = number(c, at) {
                words.push(format!("{v}"));
                at += len;
                continue;
            }
            words.push(format!("op{}", c[at]));
            at += if c[at] == 12 { 2 } else { 1 };
        }
        words.join(" ")
    }

    /// The copy of the charstring written `mark` (read with `nominal`) at
    /// `advance`, moved left by `shift`, as text.
    fn copied(mark: &str, nominal: i64, advance: i64, shift: i64) -> String {
        read(&copy(&cs(mark), nominal, advance, shift).unwrap())
    }

    #[test]
    fn a_closing_mark_keeps_its_outline_and_hints_with_the_new_width() {
        // Width 1000 - nominal 0 given explicitly.
        let mark = "1000 50 60 hstem 100 -20 rmoveto 30 0 rlineto endchar";
        assert_eq!(
            copied(mark, 0, 500, 0),
            "500 50 60 op1 100 -20 op21 30 0 op5 op14"
        );
        // No width given (the default), a nominal width of 200.
        let mark = "100 -20 rmoveto 30 0 rlineto endchar";
        assert_eq!(copied(mark, 200, 500, 0), "300 100 -20 op21 30 0 op5 op14");
    }

    #[test]
    fn an_opening_mark_moves_left_and_drops_its_hints() {
        for (mark, want) in [
            // The hint mask of two stems is one byte (0x80); the copy has no
            // hints left.
            (
                "800 50 60 hstem 600 40 vstem hintmask 0x80 700 -20 rmoveto 30 0 rlineto endchar",
                "500 200 -20 op21 30 0 op5 op14",
            ),
            (
                "620 hmoveto 30 0 rlineto endchar",
                "500 120 op22 30 0 op5 op14",
            ),
            (
                "15 vmoveto 30 0 rlineto endchar",
                "500 -500 15 op21 30 0 op5 op14",
            ),
            // Only the first move is moved: later contours start from the
            // current point.
            (
                "700 0 rmoveto 10 0 rlineto 5 5 rmoveto 10 0 rlineto endchar",
                "500 200 0 op21 10 0 op5 5 5 op21 10 0 op5 op14",
            ),
            // Fractions survive the move.
            ("700.5 0 rmoveto endchar", "500 200.5 0 op21 op14"),
        ] {
            assert_eq!(copied(mark, 0, 500, 500), want, "{mark}");
        }
        // A copy of seven tenths moves by three.
        assert_eq!(
            copied("700.5 0 rmoveto endchar", 0, 700, 300),
            "700 400.5 0 op21 op14"
        );
    }

    #[test]
    fn flex_passes_and_what_is_not_handled_gives_none() {
        let flex = cs("10 0 rmoveto 1 2 3 4 5 6 7 hflex endchar");
        assert!(copy(&flex, 0, 500, 0).is_some());
        for other in [
            "10 0 rmoveto 3 callsubr endchar",
            "10 0 rmoveto 1 2 add rlineto endchar",
            "1 2 3 4 endchar",
            "10 0 rmoveto 30 0 rlineto",
            "10 0",
        ] {
            assert_eq!(copy(&cs(other), 0, 500, 0), None, "{other}");
        }
        // A path before any move cannot be moved.
        assert_eq!(copy(&cs("30 0 rlineto endchar"), 0, 500, 500), None);
        // A hint mask cut short, a width out of range.
        assert_eq!(copy(&cs("1 2 3 4 vstem hintmask"), 0, 500, 0), None);
        assert_eq!(copy(&cs("endchar"), -40_000, 500, 0), None);
    }

    #[test]
    fn marks_are_sorted_into_opening_and_closing() {
        assert_eq!(Mark::of('》'), Some(Mark::Closing));
        assert_eq!(Mark::of('，'), Some(Mark::Closing));
        assert_eq!(Mark::of('（'), Some(Mark::Opening));
        assert_eq!(Mark::of('年'), None);
        assert_eq!(Mark::of('·'), None);
    }
}
