//! A stream's filters undone within a size bound: hayro-syntax reads the
//! objects and decrypts a stream's bytes, but decodes without a limit, so
//! every stream the importer reads (page content, forms, CMaps) is decoded
//! here, and each step stops as soon as its output passes the bound (a
//! decompression bomb costs at most the bound in memory and work).
//!
//! The filters a text layer uses: `FlateDecode` (through flate2, with the
//! PNG and TIFF predictors), `LZWDecode`, `ASCIIHexDecode`,
//! `ASCII85Decode` and `RunLengthDecode`; image filters are not decoded.

use std::io::Read;

use hayro_syntax::object::{Array, Dict, Name, Object, Stream};

/// Why a stream could not be decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Failure {
    /// Its decoded bytes would pass the bound.
    TooBig,
    /// A filter is unknown (or an image filter) or its data is unreadable.
    Damaged,
}

/// The decoded bytes of `stream`, at most `max` of them.
pub(super) fn decode(stream: &Stream<'_>, max: usize) -> Result<Vec<u8>, Failure> {
    let mut data = stream.raw_data().into_owned();
    for (filter, params) in filters(stream.dict()) {
        data = apply(&filter, &data, params.as_ref(), max)?;
    }
    if data.len() > max {
        return Err(Failure::TooBig);
    }
    Ok(data)
}

/// The filter names of a stream dictionary with their parameters, in order.
fn filters<'a>(dict: &Dict<'a>) -> Vec<(Vec<u8>, Option<Dict<'a>>)> {
    let name = |key: &[u8]| dict.get::<Name<'_>>(key);
    if let Some(f) = name(b"Filter").or_else(|| name(b"F")) {
        let params = dict
            .get::<Dict<'_>>(b"DecodeParms")
            .or_else(|| dict.get::<Dict<'_>>(b"DP"));
        return vec![(f.to_vec(), params)];
    }
    let Some(list) = dict
        .get::<Array<'_>>(b"Filter")
        .or_else(|| dict.get::<Array<'_>>(b"F"))
    else {
        return Vec::new();
    };
    let params: Vec<Option<Dict<'_>>> = dict
        .get::<Array<'_>>(b"DecodeParms")
        .or_else(|| dict.get::<Array<'_>>(b"DP"))
        .map(|a| {
            a.iter::<Object<'_>>()
                .take(16)
                .map(Object::into_dict)
                .collect()
        })
        .unwrap_or_default();
    list.iter::<Object<'_>>()
        .take(16)
        .enumerate()
        .map(|(i, f)| {
            let name = f.into_name().map(|n| n.to_vec()).unwrap_or_default();
            (name, params.get(i).cloned().flatten())
        })
        .collect()
}

/// `data` through the named filters in turn (without their parameters:
/// a predictor only shortens the data), at most `max` bytes out.
pub(super) fn decode_named(names: &[&[u8]], data: &[u8], max: usize) -> Result<Vec<u8>, Failure> {
    let mut data = data.to_vec();
    for name in names {
        data = apply(name, &data, None, max)?;
    }
    Ok(data)
}

/// One filter undone, its output at most `max` bytes.
fn apply(
    filter: &[u8],
    data: &[u8],
    params: Option<&Dict<'_>>,
    max: usize,
) -> Result<Vec<u8>, Failure> {
    let out = match filter {
        b"FlateDecode" | b"Fl" => predict(inflate(data, max)?, params)?,
        b"LZWDecode" | b"LZW" => {
            let early = params
                .and_then(|p| p.get::<i64>(b"EarlyChange"))
                .unwrap_or(1)
                != 0;
            predict(lzw(data, early, max)?, params)?
        }
        b"ASCIIHexDecode" | b"AHx" => ascii_hex(data),
        b"ASCII85Decode" | b"A85" => ascii85(data).ok_or(Failure::Damaged)?,
        b"RunLengthDecode" | b"RL" => run_length(data, max)?,
        b"Crypt" => data.to_vec(),
        _ => return Err(Failure::Damaged),
    };
    if out.len() > max {
        return Err(Failure::TooBig);
    }
    Ok(out)
}

/// Deflate data (zlib-wrapped, else raw), read until its end, an error
/// (what came before is kept, as readers do for a truncated stream) or
/// more than `max` bytes.
fn inflate(data: &[u8], max: usize) -> Result<Vec<u8>, Failure> {
    let bound = max as u64 + 1;
    let mut out = Vec::new();
    let zlib = flate2::read::ZlibDecoder::new(data)
        .take(bound)
        .read_to_end(&mut out);
    if zlib.is_err() && out.is_empty() {
        let raw = flate2::read::DeflateDecoder::new(data)
            .take(bound)
            .read_to_end(&mut out);
        if raw.is_err() && out.is_empty() {
            return Err(Failure::Damaged);
        }
    }
    if out.len() > max {
        return Err(Failure::TooBig);
    }
    Ok(out)
}

/// LZW as PDF uses it: codes of 9 to 12 bits, 256 to clear the table, 257
/// to end; `early` switches code width one code early (the default).
fn lzw(data: &[u8], early: bool, max: usize) -> Result<Vec<u8>, Failure> {
    // Each entry: (prefix entry, last byte, length); 0..=255 are the bytes.
    let mut table: Vec<(u16, u8, u16)> = (0..=255u8).map(|b| (0, b, 1)).collect();
    table.extend([(0, 0, 0), (0, 0, 0)]);
    let mut out: Vec<u8> = Vec::new();
    let (mut acc, mut bits, mut width) = (0u32, 0u32, 9u32);
    let mut previous: Option<u16> = None;
    let mut bytes = data.iter();
    loop {
        while bits < width {
            let Some(&b) = bytes.next() else {
                return Ok(out);
            };
            acc = (acc << 8) | u32::from(b);
            bits += 8;
        }
        let code = ((acc >> (bits - width)) & ((1 << width) - 1)) as u16;
        bits -= width;
        acc &= (1 << bits) - 1;
        match code {
            256 => {
                table.truncate(258);
                width = 9;
                previous = None;
                continue;
            }
            257 => return Ok(out),
            _ => {}
        }
        let start = out.len();
        let known = usize::from(code) < table.len();
        let entry = match (known, previous) {
            (true, _) => code,
            (false, Some(p)) if usize::from(code) == table.len() => p,
            _ => return Err(Failure::Damaged),
        };
        let len = usize::from(table[usize::from(entry)].2);
        if start + len + 1 > max.saturating_add(1) {
            return Err(Failure::TooBig);
        }
        out.resize(start + len, 0);
        let mut at = entry;
        for k in (start..start + len).rev() {
            let (prefix, byte, _) = table[usize::from(at)];
            out[k] = byte;
            at = prefix;
        }
        if !known {
            out.push(out[start]);
        }
        if let Some(p) = previous
            && table.len() < 4096
        {
            let first = out[start];
            let plen = table[usize::from(p)].2;
            table.push((p, first, plen.saturating_add(1)));
        }
        previous = Some(code);
        let next = table.len() + usize::from(early);
        width = match next {
            0..512 => 9,
            512..1024 => 10,
            1024..2048 => 11,
            _ => 12,
        };
    }
}

/// Hex digits (whitespace skipped) up to `>`; an odd last digit is padded
/// with 0.
fn ascii_hex(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() / 2);
    let mut high: Option<u8> = None;
    for &c in data {
        if c == b'>' {
            break;
        }
        let Some(d) = (c as char).to_digit(16) else {
            continue;
        };
        match high.take() {
            Some(h) => out.push((h << 4) | d as u8),
            None => high = Some(d as u8),
        }
    }
    if let Some(h) = high {
        out.push(h << 4);
    }
    out
}

/// Base-85 groups (`z` for four zero bytes, whitespace skipped) up to `~>`.
fn ascii85(data: &[u8]) -> Option<Vec<u8>> {
    let data = data.trim_ascii_start();
    let data = data.strip_prefix(b"<~").unwrap_or(data);
    let mut out = Vec::with_capacity(data.len() / 5 * 4);
    let mut group = [0u8; 5];
    let mut n = 0;
    for &c in data {
        match c {
            b'~' => break,
            b'z' if n == 0 => out.extend([0; 4]),
            b'!'..=b'u' => {
                group[n] = c - b'!';
                n += 1;
                if n == 5 {
                    out.extend(base85_word(&group)?.to_be_bytes());
                    n = 0;
                }
            }
            c if c.is_ascii_whitespace() || c == 0 => {}
            _ => return None,
        }
    }
    if n > 1 {
        group[n..].fill(84);
        out.extend(&base85_word(&group)?.to_be_bytes()[..n - 1]);
    }
    Some(out)
}

/// The 32-bit word five base-85 digits stand for.
fn base85_word(digits: &[u8; 5]) -> Option<u32> {
    let v = digits.iter().fold(0u64, |v, &d| v * 85 + u64::from(d));
    u32::try_from(v).ok()
}

/// Run-length data: a length byte, then that many bytes plus one (below
/// 128) or one byte repeated 257 − length times (above 128); 128 ends.
fn run_length(data: &[u8], max: usize) -> Result<Vec<u8>, Failure> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&len) = data.get(i) {
        match len {
            128 => break,
            0..128 => {
                let end = (i + 2 + usize::from(len)).min(data.len());
                out.extend_from_slice(&data[i + 1..end]);
                i = end;
            }
            _ => {
                let Some(&b) = data.get(i + 1) else { break };
                out.resize(out.len() + 257 - usize::from(len), b);
                i += 2;
            }
        }
        if out.len() > max {
            return Err(Failure::TooBig);
        }
    }
    Ok(out)
}

/// Undoes a Flate or LZW predictor (`/Predictor` 2 for TIFF at 8 bits,
/// 10 to 15 for PNG); data without one is returned as it is.
fn predict(data: Vec<u8>, params: Option<&Dict<'_>>) -> Result<Vec<u8>, Failure> {
    let Some(p) = params else { return Ok(data) };
    let predictor = p.get::<i64>(b"Predictor").unwrap_or(1);
    if predictor < 2 {
        return Ok(data);
    }
    let get =
        |key: &[u8], default: i64| p.get::<i64>(key).unwrap_or(default).clamp(1, 1 << 16) as usize;
    let (colors, bpc, columns) = (
        get(b"Colors", 1),
        get(b"BitsPerComponent", 8),
        get(b"Columns", 1),
    );
    let bpp = (colors * bpc).div_ceil(8).max(1);
    let row = (colors * bpc * columns).div_ceil(8);
    if predictor == 2 {
        if bpc != 8 {
            return Err(Failure::Damaged);
        }
        let mut data = data;
        for line in data.chunks_mut(row) {
            for k in bpp..line.len() {
                line[k] = line[k].wrapping_add(line[k - bpp]);
            }
        }
        return Ok(data);
    }
    Ok(png_rows(&data, row, bpp))
}

/// PNG-predicted rows (a filter-type byte before each row) undone.
fn png_rows(data: &[u8], row: usize, bpp: usize) -> Vec<u8> {
    let mut out: Vec<u8> = Vec::with_capacity(data.len());
    let mut prior = vec![0u8; row];
    for chunk in data.chunks(row + 1) {
        let (kind, bytes) = (chunk[0], &chunk[1..]);
        let mut line = bytes.to_vec();
        line.resize(row, 0);
        for k in 0..row {
            let left = if k >= bpp { line[k - bpp] } else { 0 };
            let up = prior[k];
            let corner = if k >= bpp { prior[k - bpp] } else { 0 };
            let add = match kind {
                1 => left,
                2 => up,
                3 => ((u16::from(left) + u16::from(up)) / 2) as u8,
                4 => paeth(left, up, corner),
                _ => 0,
            };
            line[k] = line[k].wrapping_add(add);
        }
        out.extend_from_slice(&line[..bytes.len().min(row)]);
        prior = line;
    }
    out
}

/// The PNG Paeth predictor.
fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let p = i16::from(a) + i16::from(b) - i16::from(c);
    let (pa, pb, pc) = (
        (p - i16::from(a)).abs(),
        (p - i16::from(b)).abs(),
        (p - i16::from(c)).abs(),
    );
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

/// `data` zlib-compressed, as a `FlateDecode` stream holds it (for tests).
#[cfg(test)]
pub(super) fn zlib(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflate_stops_at_the_bound_and_keeps_a_truncated_stream() {
        let zeros = zlib(&vec![0u8; 1 << 20]);
        assert_eq!(inflate(&zeros, 1 << 20).unwrap().len(), 1 << 20);
        assert_eq!(inflate(&zeros, (1 << 20) - 1), Err(Failure::TooBig));
        let text = zlib(&b"BT (abc) Tj ET ".repeat(2000));
        let cut = &text[..text.len() / 2];
        assert!(
            inflate(cut, 1 << 20)
                .unwrap()
                .starts_with(b"BT (abc) Tj ET")
        );
        assert_eq!(inflate(b"not deflate at all", 100), Err(Failure::Damaged));
    }

    #[test]
    fn lzw_decodes_the_reference_example_and_is_bounded() {
        // PDF 32000-1, 7.4.4.2: "-----A---B" with EarlyChange 1.
        let data = [0x80, 0x0B, 0x60, 0x50, 0x22, 0x0C, 0x0C, 0x85, 0x01];
        assert_eq!(lzw(&data, true, 100).unwrap(), b"-----A---B");
        assert_eq!(lzw(&data, true, 5), Err(Failure::TooBig));
    }

    /// LZW as PDF writes it (a test encoder: 9 to 12 bits, a clear code
    /// when the table is full, EarlyChange 1; qpdf decodes its output of
    /// the test below to the same bytes).
    fn lzw_encode(data: &[u8]) -> Vec<u8> {
        use std::collections::HashMap;
        let mut out = Vec::new();
        let (mut acc, mut bits) = (0u32, 0u32);
        let mut put = |code: u32, width: u32, out: &mut Vec<u8>| {
            acc = (acc << width) | code;
            bits += width;
            while bits >= 8 {
                out.push((acc >> (bits - 8)) as u8);
                bits -= 8;
                acc &= (1 << bits) - 1;
            }
        };
        let fresh =
            || -> HashMap<Vec<u8>, u32> { (0..=255u8).map(|b| (vec![b], u32::from(b))).collect() };
        let mut table = fresh();
        let mut next = 258u32;
        let width = |next: u32| match next + 1 {
            0..512 => 9,
            512..1024 => 10,
            1024..2048 => 11,
            _ => 12,
        };
        put(256, 9, &mut out);
        let mut w: Vec<u8> = Vec::new();
        for &c in data {
            let mut wc = w.clone();
            wc.push(c);
            if table.contains_key(&wc) {
                w = wc;
                continue;
            }
            put(table[&w], width(next - 1), &mut out);
            table.insert(wc, next);
            next += 1;
            w = vec![c];
            if next == 4094 {
                put(table[&w], width(next - 1), &mut out);
                put(256, 12, &mut out);
                table = fresh();
                next = 258;
                w.clear();
            }
        }
        if !w.is_empty() {
            put(table[&w], width(next - 1), &mut out);
        }
        put(257, width(next), &mut out);
        put(0, 7, &mut out);
        out
    }

    #[test]
    fn lzw_reads_back_long_streams_through_every_code_width() {
        let text: Vec<u8> = (0..60_000u32)
            .map(|i| {
                b"BT /F1 12 Tf (abc) Tj ET 0123456789"[(i * 7 % 35) as usize] ^ (i / 1000) as u8
            })
            .collect();
        let encoded = lzw_encode(&text);
        assert!(encoded.len() < text.len());
        assert_eq!(lzw(&encoded, true, text.len()).unwrap(), text);
    }

    #[test]
    fn the_ascii_filters_and_run_length_decode() {
        assert_eq!(ascii_hex(b"48 65 6c6C 6>"), b"Hel\x6c\x60");
        assert_eq!(ascii85(b"87cURD]i,\"Ebo80~>").unwrap(), b"Hello World!");
        assert_eq!(ascii85(b"z!!~>").unwrap(), [0, 0, 0, 0, 0]);
        assert_eq!(ascii85(b" <~87cURD]i,\"Ebo80~>").unwrap(), b"Hello World!");
        assert_eq!(
            run_length(&[2, b'a', b'b', b'c', 254, b'x', 128], 100).unwrap(),
            b"abcxxx"
        );
        assert_eq!(run_length(&[129, b'x'], 200).unwrap().len(), 128);
        assert_eq!(
            run_length(&[129, b'x', 129, b'x'], 200),
            Err(Failure::TooBig)
        );
    }

    #[test]
    fn png_and_tiff_predictors_are_undone() {
        // Two rows of three bytes: None, then Up.
        let rows = [0, 1, 2, 3, 2, 1, 1, 1];
        assert_eq!(png_rows(&rows, 3, 1), [1, 2, 3, 2, 3, 4]);
        // Sub and Paeth.
        assert_eq!(png_rows(&[1, 5, 1, 1], 3, 1), [5, 6, 7]);
        assert_eq!(paeth(10, 20, 15), 15);
    }
}
