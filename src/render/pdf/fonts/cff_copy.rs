//! A CID-keyed CFF subset made by copying charstrings, for faces that need
//! nothing more: one Font DICT and no global or local subroutines (the
//! bundled CFF faces, as `fonts/build-fonts.sh` makes them: CID-keyed,
//! subroutines inlined).
//!
//! subsetter decompiles and recompiles every charstring to renumber
//! subroutines; with none to renumber, the bytes come out as they went in,
//! and that work was a fifth of a PDF build (docs/benchmark.md). Here the
//! Top DICT, Name and String INDEXes, the Font DICT and the Private DICT are
//! copied, the offsets written anew (five-byte integers, so every size is
//! known before any offset), the charset is the identity (CID n = glyph n)
//! and the charstrings are those of the glyphs asked for, in their order.
//! Anything else — a name-keyed face, several Font DICTs, subroutines, an
//! offset out of range — gives `None`, and the caller uses subsetter.

/// The parts of a CFF table this copy needs, as byte ranges of it.
struct Parsed<'a> {
    /// Header, Name INDEX (copied as they are).
    head: &'a [u8],
    /// The Top DICT's entries other than the offsets written anew.
    top: Vec<&'a [u8]>,
    /// String INDEX and Global Subr INDEX (empty), copied as they are.
    strings: &'a [u8],
    /// The Font DICT's entries other than `Private`.
    font: Vec<&'a [u8]>,
    /// The Private DICT, copied as it is.
    private: &'a [u8],
    /// The glyphs' charstrings.
    charstrings: Index<'a>,
}

/// Top DICT operators whose operands are offsets or counts of the old
/// layout: charset, Encoding, CharStrings, Private, CIDCount, FDArray,
/// FDSelect.
const RELAID: &[u16] = &[15, 16, 17, 18, 0x0c22, 0x0c24, 0x0c25];

/// A CID-keyed CFF holding glyphs `glyphs` of `cff` (glyph 0, .notdef,
/// first), glyph n of the result being CID n; `None` where this copy does
/// not apply or the table is damaged.
pub(super) fn subset(cff: &[u8], glyphs: &[u16]) -> Option<Vec<u8>> {
    let p = parse(cff)?;
    let kept: Vec<&[u8]> = glyphs
        .iter()
        .map(|&g| p.charstrings.get(usize::from(g)))
        .collect::<Option<_>>()?;
    let n = u16::try_from(kept.len()).ok().filter(|&n| n >= 1)?;
    let charset: Vec<u8> = if n == 1 {
        vec![0]
    } else {
        // Format 2: one range, CIDs 1..n-1 for glyphs 1..n-1.
        let mut c = vec![2, 0, 1];
        c.extend_from_slice(&(n - 2).to_be_bytes());
        c
    };
    // Format 3: one range, every glyph in Font DICT 0.
    let mut fd_select = vec![3, 0, 1, 0, 0, 0];
    fd_select.extend_from_slice(&n.to_be_bytes());
    let charstrings = index(&kept);
    // The Top DICT's size does not depend on the offsets it holds.
    let top_len = index(&[&top_dict(&p.top, n, [0; 4])]).len();
    let charset_at = p.head.len() + top_len + p.strings.len();
    let fd_select_at = charset_at + charset.len();
    let charstrings_at = fd_select_at + fd_select.len();
    let fd_array_at = charstrings_at + charstrings.len();
    let font_len = index(&[&font_dict(&p.font, p.private.len(), 0)]).len();
    let private_at = fd_array_at + font_len;
    let offsets = [charset_at, fd_select_at, charstrings_at, fd_array_at];
    let offsets = offsets.map(|o| i32::try_from(o).unwrap_or(i32::MAX));
    let mut out = Vec::with_capacity(private_at + p.private.len());
    out.extend_from_slice(p.head);
    out.extend_from_slice(&index(&[&top_dict(&p.top, n, offsets)]));
    out.extend_from_slice(p.strings);
    out.extend_from_slice(&charset);
    out.extend_from_slice(&fd_select);
    out.extend_from_slice(&charstrings);
    out.extend_from_slice(&index(&[&font_dict(&p.font, p.private.len(), private_at)]));
    out.extend_from_slice(p.private);
    (out.len() == private_at + p.private.len() && i32::try_from(out.len()).is_ok()).then_some(out)
}

/// The Top DICT: the copied entries, then CIDCount, charset, FDSelect,
/// CharStrings and FDArray at `offsets` (in that order).
fn top_dict(entries: &[&[u8]], n: u16, offsets: [i32; 4]) -> Vec<u8> {
    let mut d: Vec<u8> = entries.concat();
    int(&mut d, i32::from(n));
    d.extend_from_slice(&[12, 34]);
    int(&mut d, offsets[0]);
    d.push(15);
    int(&mut d, offsets[1]);
    d.extend_from_slice(&[12, 37]);
    int(&mut d, offsets[2]);
    d.push(17);
    int(&mut d, offsets[3]);
    d.extend_from_slice(&[12, 36]);
    d
}

/// The Font DICT: the copied entries and `Private` (size, offset).
fn font_dict(entries: &[&[u8]], size: usize, at: usize) -> Vec<u8> {
    let mut d: Vec<u8> = entries.concat();
    int(&mut d, i32::try_from(size).unwrap_or(i32::MAX));
    int(&mut d, i32::try_from(at).unwrap_or(i32::MAX));
    d.push(18);
    d
}

/// An integer operand in the five-byte form.
fn int(out: &mut Vec<u8>, v: i32) {
    out.push(29);
    out.extend_from_slice(&v.to_be_bytes());
}

/// An INDEX of `items`, with four-byte offsets.
fn index(items: &[&[u8]]) -> Vec<u8> {
    let count = u16::try_from(items.len()).unwrap_or(u16::MAX);
    let mut out = count.to_be_bytes().to_vec();
    if items.is_empty() {
        return out;
    }
    out.push(4);
    let mut offset: u32 = 1;
    out.extend_from_slice(&offset.to_be_bytes());
    for item in items {
        offset = offset.saturating_add(u32::try_from(item.len()).unwrap_or(u32::MAX));
        out.extend_from_slice(&offset.to_be_bytes());
    }
    for item in items {
        out.extend_from_slice(item);
    }
    out
}

fn parse(cff: &[u8]) -> Option<Parsed<'_>> {
    let header_len = usize::from(*cff.get(2)?);
    let (_, after_names) = read_index(cff, header_len)?;
    let (tops, after_top) = read_index(cff, after_names)?;
    let [top] = tops.as_slice() else {
        return None;
    };
    let (_, after_strings) = read_index(cff, after_top)?;
    let (global_subrs, after_globals) = read_index(cff, after_strings)?;
    let top = entries(top)?;
    let is_cid = top.iter().any(|(op, _)| *op == 0x0c1e);
    if !is_cid || !global_subrs.is_empty() {
        return None;
    }
    let offset = |op: u16| -> Option<usize> {
        let (_, e) = top.iter().find(|(o, _)| *o == op)?;
        usize::try_from(*operands(e)?.last()?).ok()
    };
    let charstrings = Index::at(cff, offset(17)?)?;
    let (fonts, _) = read_index(cff, offset(0x0c24)?)?;
    let [font] = fonts.as_slice() else {
        return None;
    };
    let font = entries(font)?;
    let (_, private) = font.iter().find(|(op, _)| *op == 18)?;
    let &[size, at] = operands(private)?.as_slice() else {
        return None;
    };
    let (size, at) = (usize::try_from(size).ok()?, usize::try_from(at).ok()?);
    let private = cff.get(at..at.checked_add(size)?)?;
    // Local subroutines would be offsets into the old layout.
    if entries(private)?.iter().any(|(op, _)| *op == 19) {
        return None;
    }
    Some(Parsed {
        head: cff.get(..after_names)?,
        top: top
            .iter()
            .filter(|(op, _)| !RELAID.contains(op))
            .map(|(_, e)| *e)
            .collect(),
        strings: cff.get(after_top..after_globals)?,
        font: font
            .iter()
            .filter(|(op, _)| *op != 18)
            .map(|(_, e)| *e)
            .collect(),
        private,
        charstrings,
    })
}

/// An INDEX read item by item: a face's CharStrings INDEX holds tens of
/// thousands of charstrings, and a subset wants a few hundred.
struct Index<'a> {
    cff: &'a [u8],
    count: usize,
    /// Bytes per offset (1-4).
    size: usize,
    /// Where the offsets start.
    offsets_at: usize,
    /// The byte before the data, from which offsets count.
    base: usize,
}

impl<'a> Index<'a> {
    /// The INDEX at `at`; `None` if its head is damaged.
    fn at(cff: &'a [u8], at: usize) -> Option<Index<'a>> {
        let count = usize::from(u16::from_be_bytes([*cff.get(at)?, *cff.get(at + 1)?]));
        let size = if count == 0 {
            1
        } else {
            usize::from(*cff.get(at + 2)?)
        };
        if !(1..=4).contains(&size) {
            return None;
        }
        let offsets_at = at + 3;
        Some(Index {
            cff,
            count,
            size,
            offsets_at,
            base: offsets_at + (count + 1) * size - 1,
        })
    }

    /// Item `i`; `None` past the end or where its offsets are out of range.
    fn get(&self, i: usize) -> Option<&'a [u8]> {
        if i >= self.count {
            return None;
        }
        let offset = |i: usize| -> Option<usize> {
            let start = self.offsets_at + i * self.size;
            let bytes = self.cff.get(start..start + self.size)?;
            Some(bytes.iter().fold(0usize, |v, &b| v << 8 | usize::from(b)))
        };
        let (from, to) = (offset(i)?, offset(i + 1)?);
        self.cff
            .get(self.base.checked_add(from)?..self.base.checked_add(to)?)
    }
}

/// The items of the INDEX at `at`, and where it ends.
fn read_index(cff: &[u8], at: usize) -> Option<(Vec<&[u8]>, usize)> {
    let count = usize::from(u16::from_be_bytes([*cff.get(at)?, *cff.get(at + 1)?]));
    if count == 0 {
        return Some((Vec::new(), at + 2));
    }
    let size = usize::from(*cff.get(at + 2)?);
    if !(1..=4).contains(&size) {
        return None;
    }
    let offsets_at = at + 3;
    let offset = |i: usize| -> Option<usize> {
        let start = offsets_at + i * size;
        let bytes = cff.get(start..start + size)?;
        Some(bytes.iter().fold(0usize, |v, &b| v << 8 | usize::from(b)))
    };
    // Offsets count from the byte before the data.
    let base = offsets_at + (count + 1) * size - 1;
    let mut items = Vec::with_capacity(count);
    let mut from = offset(0)?;
    for i in 1..=count {
        let to = offset(i)?;
        items.push(cff.get(base.checked_add(from)?..base.checked_add(to)?)?);
        from = to;
    }
    Some((items, base.checked_add(from)?))
}

/// A DICT's entries: each operator (12 x as 0x0c00 + x) with the bytes of
/// its operands and itself.
fn entries(dict: &[u8]) -> Option<Vec<(u16, &[u8])>> {
    let mut out = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i < dict.len() {
        let b = dict[i];
        i += match b {
            0..=11 | 13..=21 => {
                out.push((u16::from(b), dict.get(start..=i)?));
                start = i + 1;
                1
            }
            12 => {
                let op = 0x0c00 | u16::from(*dict.get(i + 1)?);
                out.push((op, dict.get(start..i + 2)?));
                start = i + 2;
                2
            }
            28 => 3,
            29 => 5,
            30 => {
                // A real: nibbles up to the one that is 0xf.
                let end = dict[i + 1..]
                    .iter()
                    .position(|&n| n >> 4 == 0xf || n & 0xf == 0xf)?;
                end + 2
            }
            32..=246 => 1,
            247..=254 => 2,
            _ => return None,
        };
    }
    (start == dict.len()).then_some(out)
}

/// The integer operands of one entry (`None` if one is a real).
fn operands(entry: &[u8]) -> Option<Vec<i64>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < entry.len() {
        let b = entry[i];
        let (v, len) = match b {
            28 => (
                i64::from(i16::from_be_bytes([*entry.get(i + 1)?, *entry.get(i + 2)?])),
                3,
            ),
            29 => {
                let bytes: [u8; 4] = entry.get(i + 1..i + 5)?.try_into().ok()?;
                (i64::from(i32::from_be_bytes(bytes)), 5)
            }
            32..=246 => (i64::from(b) - 139, 1),
            247..=250 => (
                (i64::from(b) - 247) * 256 + i64::from(*entry.get(i + 1)?) + 108,
                2,
            ),
            251..=254 => (
                -(i64::from(b) - 251) * 256 - i64::from(*entry.get(i + 1)?) - 108,
                2,
            ),
            0..=21 => break,
            _ => return None,
        };
        out.push(v);
        i += len;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dict_entries_and_operands_are_read() {
        // 100 200 FontBBox-like (op 5), then 12 36 with a five-byte int.
        let dict = [239, 247, 92, 5, 29, 0, 0, 1, 0, 12, 36];
        let e = entries(&dict).unwrap();
        assert_eq!(e.len(), 2);
        assert_eq!((e[0].0, e[1].0), (5, 0x0c24));
        assert_eq!(operands(e[0].1).unwrap(), [100, 200]);
        assert_eq!(operands(e[1].1).unwrap(), [256]);
        // A real operand is skipped over, not read.
        let real = entries(&[30, 0x1a, 0x2f, 17]).unwrap();
        assert_eq!(real[0].0, 17);
        assert_eq!(operands(real[0].1), None);
        // Damaged: an operand without its operator, a reserved byte.
        assert!(entries(&[139]).is_none());
        assert!(entries(&[255, 0, 0, 0, 0, 17]).is_none());
    }

    #[test]
    fn an_index_reads_back() {
        let items: [&[u8]; 3] = [b"ab", b"", b"cde"];
        let bytes = index(&items);
        let (back, end) = read_index(&bytes, 0).unwrap();
        assert_eq!(back, items);
        assert_eq!(end, bytes.len());
        assert_eq!(read_index(&index(&[]), 0).unwrap(), (Vec::new(), 2));
        // Offsets beyond the table.
        let mut bad = bytes.clone();
        bad.truncate(bytes.len() - 1);
        assert!(read_index(&bad, 0).is_none());
        // Item by item, the same items; a damaged one alone is refused.
        let lazy = Index::at(&bytes, 0).unwrap();
        assert_eq!(
            (0..4).map(|i| lazy.get(i)).collect::<Vec<_>>(),
            [Some(&b"ab"[..]), Some(b""), Some(b"cde"), None]
        );
        let lazy = Index::at(&bad, 0).unwrap();
        assert_eq!(lazy.get(0), Some(&b"ab"[..]));
        assert_eq!(lazy.get(2), None);
        assert_eq!(Index::at(&index(&[]), 0).unwrap().get(0), None);
    }

    #[test]
    fn damaged_or_other_tables_are_left_to_subsetter() {
        assert!(subset(b"", &[0]).is_none());
        assert!(subset(&[1, 0, 4, 4, 0, 0], &[0]).is_none());
    }
}
