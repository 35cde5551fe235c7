//! A zlib stream of one Huffman-coded deflate block of literals, with no
//! back-references: zlib's `Z_HUFFMAN_ONLY`, for data whose redundancy is
//! in its bytes' frequencies rather than in repeats.
//!
//! A CFF font program is such data: its charstrings are already a compact
//! code, so a match finder (libdeflate at its fastest level) spends most of
//! a build's longest single task finding little. On the benchmark's body
//! face (194 KB) this gives 2.7 % more bytes than libdeflate's level 1 in
//! about a quarter of the time (docs/benchmark.md). Any inflater reads it:
//! the block is a standard dynamic-Huffman block (RFC 1951 3.2.7) with two
//! one-bit distance codes, as zlib itself writes when no distance is used.

/// `data` as a zlib stream (RFC 1950): a header, one final dynamic-Huffman
/// block of `data`'s bytes as literals and the end of block, and the
/// Adler-32 of `data`.
pub(super) fn zlib(data: &[u8]) -> Vec<u8> {
    let mut freq = [0u32; 257];
    count(data, &mut freq);
    freq[END_OF_BLOCK] = 1;
    let lengths = limited_lengths(&freq, 15);
    let codes = canonical_codes(&lengths);
    // In an array of the alphabet's size, so that a byte indexes it
    // without a bounds check.
    let mut literal_codes = [(0u32, 0u8); 257];
    for (slot, &code) in literal_codes.iter_mut().zip(&codes) {
        *slot = code;
    }
    // The literals' size is known from the counts: the buffer is made
    // once, of that size and the header's 300 bytes at most.
    let literal_bits: u64 = freq
        .iter()
        .zip(&lengths)
        .map(|(&f, &l)| u64::from(f) * u64::from(l))
        .sum();
    let mut out = Bits::with_room(usize::try_from(literal_bits / 8).unwrap_or(usize::MAX) + 310);
    // CMF: deflate with a 32 KiB window; FLG: no dictionary, "fastest"
    // level, and the check bits that make CMF·256 + FLG a multiple of 31.
    out.push(0x78, 8);
    out.push(0x01, 8);
    out.push(1, 1); // BFINAL
    out.push(2, 2); // BTYPE: dynamic Huffman codes
    write_code_lengths(&mut out, &lengths);
    out.literals(data, &literal_codes);
    let (code, len) = codes[END_OF_BLOCK];
    out.push(code, len);
    let mut bytes = out.finish();
    bytes.extend_from_slice(&adler32(data).to_be_bytes());
    bytes
}

/// The end-of-block symbol of the literal/length alphabet.
const END_OF_BLOCK: usize = 256;

/// Adds each byte of `data` to its count, in four tables so that runs of
/// one byte do not wait on the same counter.
fn count(data: &[u8], freq: &mut [u32; 257]) {
    let mut part = [[0u32; 256]; 4];
    let mut chunks = data.chunks_exact(4);
    for c in &mut chunks {
        part[0][usize::from(c[0])] += 1;
        part[1][usize::from(c[1])] += 1;
        part[2][usize::from(c[2])] += 1;
        part[3][usize::from(c[3])] += 1;
    }
    for &b in chunks.remainder() {
        part[0][usize::from(b)] += 1;
    }
    for (i, f) in freq.iter_mut().take(256).enumerate() {
        *f = part.iter().map(|p| p[i]).sum();
    }
}

/// Huffman code lengths for `freq`, none longer than `limit` bits: a symbol
/// that never occurs gets 0. At least two symbols get a length, so that the
/// code is complete (a lone symbol is paired with the first unused one).
/// Over the limit, the counts are flattened (halved, kept at least one) and
/// the code built again, which always ends: equal counts give a balanced
/// tree of at most ⌈log₂ n⌉ bits.
fn limited_lengths(freq: &[u32], limit: u8) -> Vec<u8> {
    let mut weights: Vec<u64> = freq.iter().map(|&f| u64::from(f)).collect();
    let used = weights.iter().filter(|&&w| w > 0).count();
    for w in weights
        .iter_mut()
        .filter(|w| **w == 0)
        .take(2usize.saturating_sub(used))
    {
        *w = 1;
    }
    loop {
        let lengths = huffman_lengths(&weights);
        if lengths.iter().all(|&l| l <= limit) {
            return lengths;
        }
        for w in weights.iter_mut().filter(|w| **w > 0) {
            *w = (*w >> 1).max(1);
        }
    }
}

/// Unlimited Huffman code lengths for `weights` (0: unused symbol), by the
/// two-queue method over the symbols sorted by weight.
fn huffman_lengths(weights: &[u64]) -> Vec<u8> {
    let mut leaves: Vec<(u64, usize)> = weights
        .iter()
        .enumerate()
        .filter(|(_, w)| **w > 0)
        .map(|(s, &w)| (w, s))
        .collect();
    leaves.sort_unstable();
    let n = leaves.len();
    let mut lengths = vec![0u8; weights.len()];
    if n < 2 {
        if let Some(&(_, s)) = leaves.first() {
            lengths[s] = 1;
        }
        return lengths;
    }
    // Nodes 0..n are the leaves, n.. the merged nodes in the order made;
    // `parent` links each to the node it was merged into.
    let mut weight: Vec<u64> = leaves.iter().map(|&(w, _)| w).collect();
    let mut parent = vec![0usize; 2 * n - 1];
    let (mut next_leaf, mut next_node) = (0, n);
    for made in n..2 * n - 1 {
        let mut pick = || {
            let leaf = (next_leaf < n).then(|| weight[next_leaf]);
            let node = (next_node < made).then(|| weight[next_node]);
            match (leaf, node) {
                (Some(l), Some(m)) if m < l => {
                    next_node += 1;
                    next_node - 1
                }
                (Some(_), _) => {
                    next_leaf += 1;
                    next_leaf - 1
                }
                _ => {
                    next_node += 1;
                    next_node - 1
                }
            }
        };
        let (a, b) = (pick(), pick());
        weight.push(weight[a] + weight[b]);
        parent[a] = made;
        parent[b] = made;
    }
    // Depths from the root (the last node made) down.
    let mut depth = vec![0u8; 2 * n - 1];
    for node in (0..2 * n - 2).rev() {
        depth[node] = depth[parent[node]].saturating_add(1);
    }
    for (i, &(_, s)) in leaves.iter().enumerate() {
        lengths[s] = depth[i];
    }
    lengths
}

/// The canonical code of each symbol (RFC 1951 3.2.2), bit-reversed so that
/// it is written least significant bit first, with its length.
fn canonical_codes(lengths: &[u8]) -> Vec<(u32, u8)> {
    let mut count = [0u32; 16];
    for &l in lengths {
        count[usize::from(l)] += 1;
    }
    count[0] = 0;
    let mut next = [0u32; 16];
    let mut code = 0;
    for bits in 1..16 {
        code = (code + count[bits - 1]) << 1;
        next[bits] = code;
    }
    lengths
        .iter()
        .map(|&l| {
            if l == 0 {
                return (0, 0);
            }
            let c = next[usize::from(l)];
            next[usize::from(l)] += 1;
            (c.reverse_bits() >> (32 - u32::from(l)), l)
        })
        .collect()
}

/// The order in which the code length code's lengths are written.
const LENGTH_ORDER: [usize; 19] = [
    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
];

/// Writes HLIT, HDIST and HCLEN, the code length code, and the literal
/// code's lengths (`lengths`, 257 of them) followed by two one-bit distance
/// codes, run-length coded (symbols 16, 17 and 18).
fn write_code_lengths(out: &mut Bits, lengths: &[u8]) {
    let mut all: Vec<u8> = lengths.to_vec();
    all.extend_from_slice(&[1, 1]);
    let runs = run_lengths(&all);
    let mut freq = [0u32; 19];
    for &(sym, _) in &runs {
        freq[usize::from(sym)] += 1;
    }
    let cl_lengths = limited_lengths(&freq, 7);
    let cl_codes = canonical_codes(&cl_lengths);
    let hclen = LENGTH_ORDER
        .iter()
        .rposition(|&s| cl_lengths[s] != 0)
        .map_or(4, |last| (last + 1).max(4));
    out.push((lengths.len() - 257) as u32, 5); // HLIT
    out.push(1, 5); // HDIST: two distance codes
    out.push((hclen - 4) as u32, 4);
    for &s in &LENGTH_ORDER[..hclen] {
        out.push(u32::from(cl_lengths[s]), 3);
    }
    for (sym, extra) in runs {
        let (code, len) = cl_codes[usize::from(sym)];
        out.push(code, len);
        match sym {
            16 => out.push(u32::from(extra) - 3, 2),
            17 => out.push(u32::from(extra) - 3, 3),
            18 => out.push(u32::from(extra) - 11, 7),
            _ => {}
        }
    }
}

/// `lengths` as code length symbols: a length (0-15) with 0, a repeat of
/// the previous length 3-6 times (16), or a run of zeros 3-10 (17) or
/// 11-138 times (18), each with its count.
fn run_lengths(lengths: &[u8]) -> Vec<(u8, u8)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lengths.len() {
        let l = lengths[i];
        let run = lengths[i..].iter().take_while(|&&x| x == l).count();
        if l == 0 && run >= 3 {
            let n = run.min(138);
            out.push(if n >= 11 {
                (18, n as u8)
            } else {
                (17, n as u8)
            });
            i += n;
        } else if l != 0 && run >= 4 {
            out.push((l, 0));
            let n = (run - 1).min(6);
            out.push((16, n as u8));
            i += 1 + n;
        } else {
            out.push((l, 0));
            i += 1;
        }
    }
    out
}

/// Bits written least significant first into bytes: up to 56 bits are
/// gathered between two flushes, and a flush stores eight bytes at once
/// (the buffer keeps eight bytes of slack past what is written) and keeps
/// the bits of the last byte not yet full.
struct Bits {
    bytes: Vec<u8>,
    at: usize,
    acc: u64,
    used: u32,
}

impl Bits {
    /// Room for `n` bytes before the buffer grows.
    fn with_room(n: usize) -> Bits {
        Bits {
            bytes: vec![0; n + 8],
            at: 0,
            acc: 0,
            used: 0,
        }
    }

    /// Appends the `len` low bits of `value`; at most 56 bits may be
    /// pending before a [`Bits::flush`].
    #[inline]
    fn put(&mut self, value: u32, len: u8) {
        self.acc |= u64::from(value) << self.used;
        self.used += u32::from(len);
    }

    /// Stores the whole bytes gathered.
    #[inline]
    fn flush(&mut self) {
        if self.bytes.len() < self.at + 8 {
            self.bytes.resize(self.bytes.len() * 2 + 8, 0);
        }
        self.bytes[self.at..self.at + 8].copy_from_slice(&self.acc.to_le_bytes());
        let whole = self.used / 8;
        self.at += whole as usize;
        self.used -= whole * 8;
        // `whole` is at most 7 here, so the shift is within the word.
        self.acc >>= whole * 8;
    }

    /// Appends the code of each byte of `data`, three (45 bits at most)
    /// between two stores; the buffer must have room for them.
    fn literals(&mut self, data: &[u8], codes: &[(u32, u8); 257]) {
        // In locals, not through `self`, so that they stay in registers.
        let (mut acc, mut used, mut at) = (self.acc, self.used, self.at);
        let bytes = &mut self.bytes;
        let mut triples = data.chunks_exact(3);
        for t in &mut triples {
            for &b in t {
                let (code, len) = codes[usize::from(b)];
                acc |= u64::from(code) << used;
                used += u32::from(len);
            }
            if bytes.len() < at + 8 {
                bytes.resize(bytes.len() * 2 + 8, 0);
            }
            bytes[at..at + 8].copy_from_slice(&acc.to_le_bytes());
            let whole = used / 8;
            at += whole as usize;
            used -= whole * 8;
            acc >>= whole * 8;
        }
        (self.acc, self.used, self.at) = (acc, used, at);
        for &b in triples.remainder() {
            let (code, len) = codes[usize::from(b)];
            self.push(code, len);
        }
    }

    /// Appends `value` (up to 16 bits) and flushes.
    fn push(&mut self, value: u32, len: u8) {
        self.put(value, len);
        self.flush();
    }

    /// The bytes, the last one padded with zero bits.
    fn finish(mut self) -> Vec<u8> {
        self.push(0, 7);
        self.bytes.truncate(self.at);
        self.bytes
    }
}

/// The Adler-32 checksum of `data` (RFC 1950 8.2), libdeflate's (vector
/// instructions where the processor has them: a byte-at-a-time sum took a
/// fifth of the coder's time).
fn adler32(data: &[u8]) -> u32 {
    libdeflater::adler32(data)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::pdf::writer::pack::tests::inflate;

    /// Bytes that look like charstrings: a skewed distribution.
    fn skewed(n: usize, seed: u64) -> Vec<u8> {
        let mut x = seed;
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                // Geometric: small values crowd, as a charstring's do.
                (x.trailing_zeros() * 4 + (x >> 62) as u32) as u8
            })
            .collect()
    }

    #[test]
    fn any_inflater_gives_the_bytes_back() {
        let cases: Vec<Vec<u8>> = vec![
            Vec::new(),
            vec![7],
            vec![0; 1000],
            vec![255; 70_000],
            (0..=255).collect(),
            (0..300_000).map(|i| (i % 251) as u8).collect(),
            skewed(200_000, 1),
            skewed(17, 2),
        ];
        for data in cases {
            let z = zlib(&data);
            assert_eq!(inflate(&z), data, "{} bytes", data.len());
            assert_eq!(u16::from_be_bytes([z[0], z[1]]) % 31, 0, "FCHECK");
        }
    }

    #[test]
    fn skewed_bytes_come_out_smaller() {
        let data = skewed(100_000, 3);
        let z = zlib(&data);
        assert!(z.len() < data.len() / 2, "{} of {}", z.len(), data.len());
    }

    #[test]
    fn lengths_stay_within_the_limit_on_fibonacci_counts() {
        // Fibonacci counts make the deepest unlimited tree.
        let mut freq = vec![0u32; 257];
        let (mut a, mut b) = (1u32, 1u32);
        for f in freq.iter_mut().take(30) {
            *f = a;
            (a, b) = (b, a.saturating_add(b));
        }
        assert!(
            huffman_lengths(&freq.iter().map(|&f| u64::from(f)).collect::<Vec<_>>())
                .iter()
                .any(|&l| l > 15)
        );
        let lengths = limited_lengths(&freq, 15);
        assert!(lengths.iter().all(|&l| l <= 15));
        // Complete: Kraft's sum is exactly one.
        let kraft: f64 = lengths
            .iter()
            .filter(|&&l| l > 0)
            .map(|&l| 0.5f64.powi(i32::from(l)))
            .sum();
        assert!((kraft - 1.0).abs() < 1e-12, "{kraft}");
        // And the bytes of such a distribution still come back.
        let data: Vec<u8> = freq
            .iter()
            .take(20)
            .enumerate()
            .flat_map(|(s, &f)| std::iter::repeat_n(s as u8, f as usize))
            .collect();
        assert_eq!(inflate(&zlib(&data)), data);
    }

    #[test]
    fn adler32_matches_the_known_value() {
        // RFC 1950's example word and zlib's figure for it.
        assert_eq!(adler32(b"Wikipedia"), 0x11E6_0398);
        assert_eq!(adler32(&[]), 1);
        let long = vec![0xffu8; 100_000];
        assert_eq!(adler32(&long), {
            let (mut a, mut b) = (1u64, 0u64);
            for &x in &long {
                a = (a + u64::from(x)) % 65_521;
                b = (b + a) % 65_521;
            }
            ((b << 16) | a) as u32
        });
    }
}
