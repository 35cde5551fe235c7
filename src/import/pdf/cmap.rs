//! A font's `ToUnicode` CMap: the `bfchar` and `bfrange` sections read into
//! code ranges (never expanded code by code), looked up by code and code
//! length (`<0041>` is a two-byte code, `<41>` a one-byte one).

use std::collections::BTreeMap;

/// Most UTF-16 units one code maps to (the PDF standard allows 512 bytes
/// for a `bfchar` destination): the rest of a longer one is dropped, so
/// that no code stands for a page of text.
pub(super) const MAX_CODE_UNITS: usize = 256;

/// Most mappings read from one CMap (a font has at most 65,536 glyphs; the
/// codes the ranges cover are bounded before parsing, see `fonts`).
const MAX_MAPPINGS: usize = 200_000;

/// What a range of codes maps to.
#[derive(Debug)]
enum Target {
    /// UTF-16 units whose last unit counts up from the range's first code.
    Counting(Vec<u16>),
    /// One UTF-16 sequence per code, from the range's first.
    Listed(Vec<Vec<u16>>),
}

/// A parsed ToUnicode CMap.
#[derive(Debug, Default)]
pub(super) struct ToUnicode {
    /// By code length (1 to 4 bytes): first code → (last code, the first
    /// code of the mapping it belongs to, its target).
    ranges: [BTreeMap<u32, (u32, u32, usize)>; 4],
    targets: Vec<Target>,
}

impl ToUnicode {
    /// Reads the mappings of a CMap; `None` when it has none.
    pub(super) fn parse(bytes: &[u8]) -> Option<ToUnicode> {
        let mut map = ToUnicode::default();
        let mut tokens = Tokens { bytes, at: 0 };
        let mut mappings = 0;
        while let Some(t) = tokens.next() {
            let ranged = match t {
                Token::Word(b"beginbfchar") => false,
                Token::Word(b"beginbfrange") => true,
                _ => continue,
            };
            while mappings < MAX_MAPPINGS {
                let Some(Token::Hex(lo)) = tokens.next() else {
                    break;
                };
                let hi = if ranged {
                    let Some(Token::Hex(hi)) = tokens.next() else {
                        break;
                    };
                    hi
                } else {
                    lo.clone()
                };
                let target = match tokens.next() {
                    Some(Token::Hex(dst)) => Target::Counting(units(&dst)),
                    Some(Token::Array(list)) => {
                        Target::Listed(list.iter().map(|d| units(d)).collect())
                    }
                    _ => break,
                };
                map.insert(&lo, &hi, target);
                mappings += 1;
            }
        }
        (mappings > 0).then_some(map)
    }

    /// Maps `lo..=hi` (codes of `lo`'s length) to `target`, over what was
    /// mapped before.
    fn insert(&mut self, lo: &[u8], hi: &[u8], target: Target) {
        let len = lo.len();
        if !(1..=4).contains(&len) {
            return;
        }
        let (lo, hi) = (code(lo), code(hi));
        if hi < lo {
            return;
        }
        let map = &mut self.ranges[len - 1];
        // Cut what overlaps out of the earlier ranges.
        let overlapping: Vec<u32> = map
            .range(..=hi)
            .rev()
            .take_while(|(_, (end, _, _))| *end >= lo)
            .map(|(start, _)| *start)
            .collect();
        for start in overlapping {
            let (end, base, t) = map.remove(&start).unwrap();
            if start < lo {
                map.insert(start, (lo - 1, base, t));
            }
            if end > hi {
                map.insert(hi + 1, (end, base, t));
            }
        }
        self.targets.push(target);
        map.insert(lo, (hi, lo, self.targets.len() - 1));
    }

    /// The text of `code`, a code of `len` bytes, if the map has it.
    pub(super) fn get(&self, code: u32, len: usize) -> Option<String> {
        let map = self.ranges.get(len.checked_sub(1)?)?;
        let (_, &(end, base, t)) = map.range(..=code).next_back()?;
        if code > end {
            return None;
        }
        let step = code - base;
        let units = match &self.targets[t] {
            Target::Counting(units) => {
                let mut units = units.clone();
                if let Some(last) = units.last_mut() {
                    *last = last.wrapping_add(step as u16);
                }
                units
            }
            Target::Listed(list) => list.get(step as usize).cloned().unwrap_or(vec![0xFFFD]),
        };
        Some(String::from_utf16_lossy(&units))
    }
}

/// A code's bytes as a number.
fn code(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0, |c, &b| (c << 8) | u32::from(b))
}

/// Bytes as UTF-16BE units (an odd last byte is a unit of its own), at
/// most [`MAX_CODE_UNITS`].
fn units(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks(2)
        .take(MAX_CODE_UNITS)
        .map(|p| match p {
            [a, b] => u16::from_be_bytes([*a, *b]),
            [a] => u16::from(*a),
            _ => 0,
        })
        .collect()
}

/// A token of a CMap that matters here.
enum Token<'a> {
    /// A hex string, decoded.
    Hex(Vec<u8>),
    /// An array of hex strings.
    Array(Vec<Vec<u8>>),
    /// An operator or number.
    Word(&'a [u8]),
    /// Anything else (names, dictionaries, literal strings).
    Other,
}

/// The tokens of a CMap, comments and whitespace skipped.
struct Tokens<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Tokens<'a> {
    fn next(&mut self) -> Option<Token<'a>> {
        let b = self.bytes;
        loop {
            match b.get(self.at)? {
                c if c.is_ascii_whitespace() || *c == 0 => self.at += 1,
                b'%' => {
                    while b.get(self.at).is_some_and(|&c| c != b'\n' && c != b'\r') {
                        self.at += 1;
                    }
                }
                _ => break,
            }
        }
        let start = self.at;
        self.at += 1;
        Some(match b[start] {
            b'<' if b.get(self.at) == Some(&b'<') => {
                self.at += 1;
                Token::Other
            }
            b'<' => Token::Hex(self.hex()),
            b'[' => {
                let mut list = Vec::new();
                loop {
                    match self.next() {
                        Some(Token::Hex(h)) => list.push(h),
                        Some(Token::Word(b"]")) | None => break,
                        Some(_) => {}
                    }
                }
                Token::Array(list)
            }
            b']' => Token::Word(b"]"),
            b'(' => {
                let mut depth = 1usize;
                while depth > 0 && self.at < b.len() {
                    match b[self.at] {
                        b'\\' => self.at += 1,
                        b'(' => depth += 1,
                        b')' => depth -= 1,
                        _ => {}
                    }
                    self.at += 1;
                }
                Token::Other
            }
            b'/' | b'>' | b'{' | b'}' => {
                self.word_end();
                Token::Other
            }
            _ => {
                self.word_end();
                Token::Word(&b[start..self.at])
            }
        })
    }

    /// Moves past the regular characters of a word.
    fn word_end(&mut self) {
        while self
            .bytes
            .get(self.at)
            .is_some_and(|&c| !c.is_ascii_whitespace() && !b"()<>[]{}/%".contains(&c))
        {
            self.at += 1;
        }
    }

    /// The bytes of a hex string whose `<` was read, up to its `>`.
    fn hex(&mut self) -> Vec<u8> {
        let end = self.bytes[self.at..]
            .iter()
            .position(|&c| c == b'>')
            .map_or(self.bytes.len(), |p| self.at + p);
        let digits: Vec<u8> = self.bytes[self.at..end]
            .iter()
            .filter_map(|&c| (c as char).to_digit(16).map(|d| d as u8))
            .collect();
        self.at = (end + 1).min(self.bytes.len());
        digits
            .chunks(2)
            .map(|p| (p[0] << 4) | p.get(1).copied().unwrap_or(0))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chars_ranges_and_arrays_are_looked_up_by_code_and_length() {
        let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
            /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
            1 begincodespacerange <0000> <FFFF> endcodespacerange
            2 beginbfchar <0003> <0020> <0011> <4E2D> endbfchar % a comment <0012> <0041>
            2 beginbfrange <0020> <0022> <0061> <0030> <0031> [<0066006C> <D840DC00>] endbfrange
            1 beginbfchar <41> <0042> endbfchar
            endcmap CMapName currentdict /CMap defineresource pop end end";
        let map = ToUnicode::parse(cmap).unwrap();
        assert_eq!(map.get(0x11, 2).as_deref(), Some("中"));
        assert_eq!(map.get(0x03, 2).as_deref(), Some(" "));
        assert_eq!(map.get(0x12, 2), None);
        assert_eq!(map.get(0x21, 2).as_deref(), Some("b"));
        assert_eq!(map.get(0x30, 2).as_deref(), Some("fl"));
        assert_eq!(map.get(0x31, 2).as_deref(), Some("\u{20000}"));
        assert_eq!(map.get(0x23, 2), None);
        // A one-byte code is not a two-byte one.
        assert_eq!(map.get(0x41, 1).as_deref(), Some("B"));
        assert_eq!(map.get(0x41, 2), None);
    }

    #[test]
    fn a_later_mapping_wins_over_the_part_of_a_range_it_covers() {
        let map = ToUnicode::parse(
            b"1 beginbfrange <00> <09> <0030> endbfrange 1 beginbfchar <05> <0058> endbfchar",
        )
        .unwrap();
        let text: String = (0..10).filter_map(|c| map.get(c, 1)).collect();
        assert_eq!(text, "01234X6789");
        assert!(ToUnicode::parse(b"no mappings here").is_none());
    }
}
