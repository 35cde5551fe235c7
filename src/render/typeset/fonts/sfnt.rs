//! A TrueType font file written from its tables: what the OFD embeds and
//! what a TrueType subset with narrow copies of marks becomes.

/// The tables packed into one font file, `head`'s checksum adjustment set.
pub fn pack(tables: &[(&[u8; 4], Vec<u8>)]) -> Vec<u8> {
    let n = tables.len() as u16;
    let (power, exp) = search_power(tables.len());
    let power = power as u16;
    let mut out = Vec::new();
    put32(&mut out, 0x0001_0000);
    put16(&mut out, n);
    put16(&mut out, power * 16);
    put16(&mut out, exp);
    put16(&mut out, n * 16 - power * 16);
    let mut offset = 12 + 16 * tables.len();
    let mut head_at = None;
    for (tag, data) in tables {
        out.extend_from_slice(*tag);
        put32(&mut out, checksum(data));
        put32(&mut out, offset as u32);
        put32(&mut out, data.len() as u32);
        if *tag == b"head" {
            head_at = Some(offset);
        }
        offset += data.len().div_ceil(4) * 4;
    }
    for (_, data) in tables {
        out.extend_from_slice(data);
        while out.len() % 4 != 0 {
            out.push(0);
        }
    }
    if let Some(at) = head_at {
        let adjust = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        out[at + 8..at + 12].copy_from_slice(&adjust.to_be_bytes());
    }
    out
}

/// The largest power of two not above `n` (1 for none), and its exponent:
/// what the binary-search fields of a font's table directory and of a
/// `cmap` format 4 subtable are computed from.
pub fn search_power(n: usize) -> (usize, u16) {
    let mut power = 1usize;
    let mut exp = 0u16;
    while power * 2 <= n {
        power *= 2;
        exp += 1;
    }
    (power, exp)
}

/// The sum of `data` as big-endian 32-bit words (zero-padded).
fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, c| {
        let mut w = [0u8; 4];
        w[..c.len()].copy_from_slice(c);
        sum.wrapping_add(u32::from_be_bytes(w))
    })
}

/// Appends `v` big-endian (the font files' numbers).
pub fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_be_bytes());
}

/// Appends `v` big-endian.
pub fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_be_bytes());
}
