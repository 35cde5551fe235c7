//! A CID-keyed CFF subset made by copying charstrings, for faces that need
//! nothing more: no global or local subroutines (the bundled CFF faces, as
//! `fonts/build-fonts.sh` makes them: CID-keyed, subroutines inlined; the
//! Noto faces with a dozen Font DICTs, FandolFang with one).
//!
//! subsetter decompiles and recompiles every charstring to renumber
//! subroutines; with none to renumber, the bytes come out as they went in,
//! and that work was a fifth of a PDF build (docs/benchmark.md). Here the
//! Top DICT, Name and String INDEXes, the Font DICTs the glyphs use and their
//! Private DICTs are copied, the offsets written anew (five-byte integers, so
//! every size is known before any offset), the charset is the identity (CID
//! n = glyph n), the FDSelect gives each glyph its Font DICT as before, and
//! the charstrings are those of the glyphs asked for, in their order.
//! Anything else — a name-keyed face, subroutines, an FDSelect format other
//! than 0 or 3, an offset out of range — gives `None`, and the caller uses
//! subsetter. The subset also carries half-width copies of the marks it
//! holds ([`narrow`](super::narrow)).

use super::narrow::NarrowCopy;

/// The parts of a CFF table this copy needs, as byte ranges of it.
struct Parsed<'a> {
    /// Header, Name INDEX (copied as they are).
    head: &'a [u8],
    /// The Top DICT's entries other than the offsets written anew.
    top: Vec<&'a [u8]>,
    /// String INDEX and Global Subr INDEX (empty), copied as they are.
    strings: &'a [u8],
    /// The Font DICTs, in the FDArray's order.
    fonts: Vec<FontDict<'a>>,
    /// Which Font DICT each glyph uses.
    fd_select: FdSelect<'a>,
    /// The glyphs' charstrings.
    charstrings: Index<'a>,
}

/// One Font DICT of the FDArray.
struct FontDict<'a> {
    /// Its entries other than `Private`.
    entries: Vec<&'a [u8]>,
    /// Its Private DICT, copied as it is.
    private: &'a [u8],
}

/// The FDSelect of a CID-keyed face: the Font DICT of each glyph.
enum FdSelect<'a> {
    /// Format 0: one byte a glyph.
    Each(&'a [u8]),
    /// Format 3: ranges of glyphs (first glyph, Font DICT), then the
    /// sentinel, one past the last glyph.
    Ranges(Vec<(u16, u8)>, u16),
}

impl FdSelect<'_> {
    /// The FDSelect at `at`; `None` for another format or a damaged one.
    fn at(cff: &[u8], at: usize) -> Option<FdSelect<'_>> {
        match *cff.get(at)? {
            0 => Some(FdSelect::Each(cff.get(at + 1..)?)),
            3 => {
                let word = |i: usize| -> Option<u16> {
                    Some(u16::from_be_bytes([*cff.get(i)?, *cff.get(i + 1)?]))
                };
                let n = usize::from(word(at + 1)?);
                let ranges = (0..n)
                    .map(|k| {
                        let r = at + 3 + 3 * k;
                        Some((word(r)?, *cff.get(r + 2)?))
                    })
                    .collect::<Option<Vec<_>>>()?;
                let sentinel = word(at + 3 + 3 * n)?;
                Some(FdSelect::Ranges(ranges, sentinel))
            }
            _ => None,
        }
    }

    /// The Font DICT of glyph `g`; `None` outside the table.
    fn of(&self, g: u16) -> Option<u8> {
        match self {
            FdSelect::Each(fds) => fds.get(usize::from(g)).copied(),
            FdSelect::Ranges(ranges, sentinel) => {
                if g >= *sentinel {
                    return None;
                }
                let k = ranges.partition_point(|&(first, _)| first <= g);
                Some(ranges.get(k.checked_sub(1)?)?.1)
            }
        }
    }
}

/// Top DICT operators whose operands are offsets or counts of the old
/// layout: charset, Encoding, CharStrings, Private, CIDCount, FDArray,
/// FDSelect.
const RELAID: &[u16] = &[15, 16, 17, 18, 0x0c22, 0x0c24, 0x0c25];

/// A CID-keyed CFF holding glyphs `glyphs` of `cff` (glyph 0, .notdef,
/// first), glyph n of the result being CID n, then the copies of `copies`
/// that could be made, in their order; with the program, which of
/// `copies` were made. `None` where this copy does not apply or the table
/// is damaged.
pub(super) fn subset(
    cff: &[u8],
    glyphs: &[u16],
    copies: &[NarrowCopy],
) -> Option<(Vec<u8>, Vec<usize>)> {
    let p = parse(cff)?;
    let fd_of = |g: u16| {
        p.fd_select
            .of(g)
            .filter(|&fd| usize::from(fd) < p.fonts.len())
    };
    let mut kept: Vec<&[u8]> = glyphs
        .iter()
        .map(|&g| p.charstrings.get(usize::from(g)))
        .collect::<Option<_>>()?;
    // The Font DICT of each glyph.
    let mut old_fds: Vec<u8> = glyphs.iter().map(|&g| fd_of(g)).collect::<Option<_>>()?;
    let mut made = Vec::new();
    let copied: Vec<(u8, Vec<u8>)> = copies
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let fd = fd_of(c.glyph)?;
            let nominal = nominal_width(p.fonts[usize::from(fd)].private)?;
            let cs = p.charstrings.get(usize::from(c.glyph))?;
            let copy = super::narrow::copy(cs, nominal, c.advance, c.shift)?;
            made.push(i);
            Some((fd, copy))
        })
        .collect();
    kept.extend(copied.iter().map(|(_, c)| c.as_slice()));
    old_fds.extend(copied.iter().map(|&(fd, _)| fd));
    let n = u16::try_from(kept.len()).ok().filter(|&n| n >= 1)?;
    // The Font DICTs the glyphs use, in the FDArray's order, and each
    // glyph's among them.
    let mut used: Vec<u8> = old_fds.clone();
    used.sort_unstable();
    used.dedup();
    let new_fds = old_fds.iter().map(|fd| {
        used.binary_search(fd)
            .ok()
            .and_then(|i| u8::try_from(i).ok())
    });
    let new_fds: Vec<u8> = new_fds.collect::<Option<_>>()?;
    let fonts: Vec<&FontDict<'_>> = used.iter().map(|&fd| &p.fonts[usize::from(fd)]).collect();
    let charset: Vec<u8> = if n == 1 {
        vec![0]
    } else {
        // Format 2: one range, CIDs 1..n-1 for glyphs 1..n-1.
        let mut c = vec![2, 0, 1];
        c.extend_from_slice(&(n - 2).to_be_bytes());
        c
    };
    let fd_select = fd_select(&new_fds, n);
    let charstrings = index(&kept);
    // The Top DICT's and the Font DICTs' sizes do not depend on the
    // offsets they hold.
    let top_len = index(&[&top_dict(&p.top, n, [0; 4])]).len();
    let charset_at = p.head.len() + top_len + p.strings.len();
    let fd_select_at = charset_at + charset.len();
    let charstrings_at = fd_select_at + fd_select.len();
    let fd_array_at = charstrings_at + charstrings.len();
    let font_dicts = |privates_at: usize| -> Vec<Vec<u8>> {
        let mut at = privates_at;
        fonts
            .iter()
            .map(|f| {
                let d = font_dict(&f.entries, f.private.len(), at);
                at += f.private.len();
                d
            })
            .collect()
    };
    let fd_array_len = index_of(&font_dicts(0)).len();
    let privates_at = fd_array_at + fd_array_len;
    let privates_len: usize = fonts.iter().map(|f| f.private.len()).sum();
    let offsets = [charset_at, fd_select_at, charstrings_at, fd_array_at];
    let offsets = offsets.map(|o| i32::try_from(o).unwrap_or(i32::MAX));
    let mut out = Vec::with_capacity(privates_at + privates_len);
    out.extend_from_slice(p.head);
    out.extend_from_slice(&index(&[&top_dict(&p.top, n, offsets)]));
    out.extend_from_slice(p.strings);
    out.extend_from_slice(&charset);
    out.extend_from_slice(&fd_select);
    out.extend_from_slice(&charstrings);
    out.extend_from_slice(&index_of(&font_dicts(privates_at)));
    for f in &fonts {
        out.extend_from_slice(f.private);
    }
    (out.len() == privates_at + privates_len && i32::try_from(out.len()).is_ok())
        .then_some((out, made))
}

/// The `nominalWidthX` of a Private DICT (0 when it has none); `None` when
/// it is not an integer or the DICT is damaged.
fn nominal_width(private: &[u8]) -> Option<i64> {
    match entries(private)?.iter().find(|(op, _)| *op == 21) {
        Some((_, entry)) => operands(entry)?.first().copied(),
        None => Some(0),
    }
}

/// An FDSelect in format 3 giving glyph g Font DICT `fds[g]`, for `n`
/// glyphs: one range per run of glyphs with the same Font DICT.
fn fd_select(fds: &[u8], n: u16) -> Vec<u8> {
    let mut ranges: Vec<(u16, u8)> = Vec::new();
    for (g, &fd) in (0u16..).zip(fds) {
        if ranges.last().is_none_or(|&(_, last)| last != fd) {
            ranges.push((g, fd));
        }
    }
    let mut out = vec![3];
    out.extend_from_slice(
        &u16::try_from(ranges.len())
            .unwrap_or(u16::MAX)
            .to_be_bytes(),
    );
    for (first, fd) in ranges {
        out.extend_from_slice(&first.to_be_bytes());
        out.push(fd);
    }
    out.extend_from_slice(&n.to_be_bytes());
    out
}

/// [`index`] of owned items.
fn index_of(items: &[Vec<u8>]) -> Vec<u8> {
    index(&items.iter().map(Vec::as_slice).collect::<Vec<_>>())
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

/// An INDEX of `items`, its offsets as few bytes as its length needs (a
/// subset's CharStrings INDEX: two or three bytes a glyph less than
/// four-byte offsets).
fn index(items: &[&[u8]]) -> Vec<u8> {
    let count = u16::try_from(items.len()).unwrap_or(u16::MAX);
    let mut out = count.to_be_bytes().to_vec();
    if items.is_empty() {
        return out;
    }
    let total: usize = items.iter().map(|i| i.len()).sum();
    let last = u32::try_from(total).unwrap_or(u32::MAX).saturating_add(1);
    let size: usize = match last {
        0..=0xff => 1,
        0x100..=0xffff => 2,
        0x1_0000..=0xff_ffff => 3,
        _ => 4,
    };
    out.push(size as u8);
    let put =
        |out: &mut Vec<u8>, offset: u32| out.extend_from_slice(&offset.to_be_bytes()[4 - size..]);
    let mut offset: u32 = 1;
    put(&mut out, offset);
    for item in items {
        offset = offset.saturating_add(u32::try_from(item.len()).unwrap_or(u32::MAX));
        put(&mut out, offset);
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
    let fd_select = FdSelect::at(cff, offset(0x0c25)?)?;
    let (fonts, _) = read_index(cff, offset(0x0c24)?)?;
    let fonts = fonts
        .into_iter()
        .map(|font| font_dict_of(cff, font))
        .collect::<Option<Vec<_>>>()?;
    Some(Parsed {
        head: cff.get(..after_names)?,
        top: top
            .iter()
            .filter(|(op, _)| !RELAID.contains(op))
            .map(|(_, e)| *e)
            .collect(),
        strings: cff.get(after_top..after_globals)?,
        fonts,
        fd_select,
        charstrings,
    })
}

/// A Font DICT `font` of `cff` with its Private DICT; `None` where the
/// Private DICT has local subroutines (offsets into the old layout) or is
/// out of range.
fn font_dict_of<'a>(cff: &'a [u8], font: &'a [u8]) -> Option<FontDict<'a>> {
    let font = entries(font)?;
    let (_, private) = font.iter().find(|(op, _)| *op == 18)?;
    let &[size, at] = operands(private)?.as_slice() else {
        return None;
    };
    let (size, at) = (usize::try_from(size).ok()?, usize::try_from(at).ok()?);
    let private = cff.get(at..at.checked_add(size)?)?;
    if entries(private)?.iter().any(|(op, _)| *op == 19) {
        return None;
    }
    Some(FontDict {
        entries: font
            .iter()
            .filter(|(op, _)| *op != 18)
            .map(|(_, e)| *e)
            .collect(),
        private,
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

    /// The `CFF ` table of the bundled 黑体.
    fn hei_cff() -> &'static [u8] {
        static DATA: std::sync::LazyLock<Vec<u8>> = std::sync::LazyLock::new(|| {
            let path = concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/fonts/NotoSansSC-Regular-subset.otf"
            );
            std::fs::read(path).unwrap()
        });
        let face = ttf_parser::RawFace::parse(&DATA, 0).unwrap();
        face.table(ttf_parser::Tag::from_bytes(b"CFF ")).unwrap()
    }

    #[test]
    fn each_glyph_keeps_its_font_dict() {
        // The bundled 黑体 has a dozen Font DICTs: a glyph's Private DICT
        // (its charstring's widths) is the one it had.
        let cff = hei_cff();
        let old = parse(cff).unwrap();
        assert!(old.fonts.len() > 1, "{}", old.fonts.len());
        let glyphs: Vec<u16> = (0..old.charstrings.count as u16).step_by(97).collect();
        let out = plain(cff, &glyphs).unwrap();
        let new = parse(&out).unwrap();
        fn private<'a>(p: &Parsed<'a>, g: u16) -> &'a [u8] {
            p.fonts[usize::from(p.fd_select.of(g).unwrap())].private
        }
        let mut seen = std::collections::BTreeSet::new();
        for (new_g, &old_g) in (0u16..).zip(&glyphs) {
            assert_eq!(private(&new, new_g), private(&old, old_g), "glyph {old_g}");
            assert_eq!(
                new.charstrings.get(usize::from(new_g)),
                old.charstrings.get(usize::from(old_g))
            );
            seen.insert(old.fd_select.of(old_g));
        }
        assert!(seen.len() > 1, "{seen:?}");
        // Only the Font DICTs used are kept.
        assert_eq!(new.fonts.len(), seen.len());
        // One range a run of glyphs with the same Font DICT.
        assert_eq!(
            fd_select(&[0, 0, 1, 1, 0], 5),
            [3, 0, 3, 0, 0, 0, 0, 2, 1, 0, 4, 0, 0, 5]
        );
    }

    #[test]
    fn a_damaged_table_with_many_font_dicts_never_crashes() {
        // An installed face is untrusted: the 黑体 table with bytes
        // overwritten in its head (Top DICT, strings), in its FDSelect and
        // FDArray, and at points through it gives a subset or `None`.
        let cff = hei_cff();
        let top = entries(
            read_index(cff, read_index(cff, usize::from(cff[2])).unwrap().1)
                .unwrap()
                .0[0],
        )
        .unwrap();
        let offset = |op: u16| -> usize {
            let (_, e) = top.iter().find(|(o, _)| *o == op).unwrap();
            usize::try_from(*operands(e).unwrap().last().unwrap()).unwrap()
        };
        let mut places: Vec<usize> = (0..600).collect();
        places.extend((0..256).map(|i| offset(0x0c25) + i));
        places.extend((0..256).map(|i| offset(0x0c24) + i));
        places.extend((1..200).map(|k| k * (cff.len() - 8) / 200));
        let glyphs: Vec<u16> = (0..400).step_by(7).collect();
        // Narrow copies asked of some, to read their damaged charstrings.
        let marks: Vec<NarrowCopy> = (1..40)
            .map(|g| NarrowCopy {
                glyph: g * 9,
                advance: 500,
                shift: 500,
            })
            .collect();
        let (mut cut, mut refused) = (0, 0);
        for (k, &at) in places.iter().enumerate() {
            for value in [0x00, 0xff, 0x1d, 0x8b] {
                let mut bytes = cff.to_vec();
                let end = (at + 1 + k % 5).min(bytes.len());
                for b in &mut bytes[at.min(end)..end] {
                    *b = value;
                }
                match subset(&bytes, &glyphs, &marks) {
                    Some((out, made)) => {
                        cut += 1;
                        assert!(!out.is_empty() && made.len() <= marks.len());
                    }
                    None => refused += 1,
                }
            }
        }
        assert!(cut > 0 && refused > 0, "{cut} {refused}");
    }

    #[test]
    fn damaged_or_other_tables_are_left_to_subsetter() {
        assert!(plain(b"", &[0]).is_none());
        assert!(plain(&[1, 0, 4, 4, 0, 0], &[0]).is_none());
    }

    /// [`subset`] with no narrow copies.
    fn plain(cff: &[u8], glyphs: &[u16]) -> Option<Vec<u8>> {
        subset(cff, glyphs, &[]).map(|(program, _)| program)
    }

    #[test]
    fn the_body_face_marks_get_narrow_copies_with_their_width_written() {
        let data = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fonts/FandolFang-Regular-subset.otf"
        ))
        .unwrap();
        let face = ttf_parser::Face::parse(&data, 0).unwrap();
        let cff = face
            .raw_face()
            .table(ttf_parser::Tag::from_bytes(b"CFF "))
            .unwrap();
        let marks: Vec<NarrowCopy> = "》，（《"
            .chars()
            .zip([0, 0, 300, 500])
            .map(|(c, shift)| NarrowCopy {
                glyph: face.glyph_index(c).unwrap().0,
                advance: 1000 - shift.max(300),
                shift,
            })
            .collect();
        let glyphs: Vec<u16> = std::iter::once(0)
            .chain(marks.iter().map(|m| m.glyph))
            .collect();
        let (out, made) = subset(cff, &glyphs, &marks).unwrap();
        assert_eq!(made, [0, 1, 2, 3]);
        let new = parse(&out).unwrap();
        assert_eq!(new.charstrings.count, 9);
        let table = ttf_parser::cff::Table::parse(&out).unwrap();
        let bbox = |g: u16| {
            struct Nothing;
            impl ttf_parser::OutlineBuilder for Nothing {
                fn move_to(&mut self, _: f32, _: f32) {}
                fn line_to(&mut self, _: f32, _: f32) {}
                fn quad_to(&mut self, _: f32, _: f32, _: f32, _: f32) {}
                fn curve_to(&mut self, _: f32, _: f32, _: f32, _: f32, _: f32, _: f32) {}
                fn close(&mut self) {}
            }
            table.outline(ttf_parser::GlyphId(g), &mut Nothing).unwrap()
        };
        for (k, m) in marks.iter().enumerate() {
            let (full, copy) = (k as u16 + 1, k as u16 + 5);
            let (a, b) = (bbox(full), bbox(copy));
            let shift = i16::try_from(m.shift).unwrap();
            assert_eq!(
                (a.x_min - shift, a.x_max - shift),
                (b.x_min, b.x_max),
                "{k}"
            );
            assert_eq!((a.y_min, a.y_max), (b.y_min, b.y_max));
            // The width is written first: nominalWidthX + it = the advance.
            let fd = usize::from(new.fd_select.of(copy).unwrap());
            let nominal = nominal_width(new.fonts[fd].private).unwrap();
            let cs = new.charstrings.get(usize::from(copy)).unwrap();
            assert_eq!(cs[0], 28);
            let width = i64::from(i16::from_be_bytes([cs[1], cs[2]]));
            assert_eq!(nominal + width, m.advance);
            // The copies keep their mark's Font DICT.
            assert_eq!(new.fd_select.of(copy), new.fd_select.of(full));
        }
    }
}
