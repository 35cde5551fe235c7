//! A look at the file before it is parsed: hayro-syntax decodes object
//! streams and cross-reference streams itself, without a bound. So each of
//! them is found in the bytes and decoded here within
//! [`MAX_STREAM_BYTES`](super::MAX_STREAM_BYTES) alone and
//! [`MAX_OBJECT_STREAM_BYTES`] together; and since a stream's dictionary is
//! found by looking back from its `stream` keyword, which a crafted file can
//! mislead (a type written with `#` escapes, a dictionary hidden in another
//! object's string), every other stream is inflated too, counting what
//! comes out without keeping it (through up to three zlib layers), within
//! [`MAX_ANY_STREAM_BYTES`] alone and [`MAX_ALL_STREAMS_BYTES`] together:
//! more than any page, font or image of a report needs, and a bound on
//! what the parser could be made to hold. (An encrypted file's streams
//! cannot be read before decryption: its object streams are bounded by
//! their size as stored instead, [`MAX_OPAQUE_OBJECT_STREAM`].) The parser also builds every page of the page tree before
//! the page limit can be applied (about 1 KB each): the dictionaries of
//! the file, which every page needs one of, are counted first (at most
//! [`MAX_DICTIONARIES`]).

use std::io::Read;

use super::MAX_STREAM_BYTES;
use super::filters::{self, Failure};
use crate::import::ImportError;
use crate::import::error::Limit;

/// Most bytes all object and cross-reference streams of a file decode to.
pub const MAX_OBJECT_STREAM_BYTES: usize = 64 * 1024 * 1024;

/// Most dictionaries (`<<`) in a file and its object streams.
pub const MAX_DICTIONARIES: usize = 500_000;

/// Most bytes any one stream of a file inflates to.
pub const MAX_ANY_STREAM_BYTES: u64 = 256 * 1024 * 1024;

/// Most bytes all streams of a file inflate to together.
pub const MAX_ALL_STREAMS_BYTES: u64 = 1024 * 1024 * 1024;

/// Most bytes (as stored) of one object or cross-reference stream of an
/// encrypted file (not decodable before parsing): deflate expands
/// at most about 1,032 times, so it decodes to at most about 33 MB.
pub(super) const MAX_OPAQUE_OBJECT_STREAM: usize = 32 * 1024;

/// Most bytes (as stored) of all such streams of a file together (at most
/// about 264 MB decoded, and a report's file has a few kilobytes of them).
pub(super) const MAX_OPAQUE_OBJECT_STREAMS: usize = 256 * 1024;

/// Deepest zlib layers (a stream deflated again) followed when counting.
const MAX_LAYERS: usize = 3;

/// How far back from `stream` its dictionary is looked for.
const DICT_WINDOW: usize = 4096;

/// Refuses a file whose object or cross-reference streams decode to more
/// than the bounds.
pub(super) fn check(bytes: &[u8]) -> Result<(), ImportError> {
    check_within(bytes, MAX_ANY_STREAM_BYTES, MAX_ALL_STREAMS_BYTES)
}

/// [`check`] with the bounds on inflating any stream given.
fn check_within(bytes: &[u8], any: u64, all: u64) -> Result<(), ImportError> {
    let mut inflated = 0u64;
    let mut left = MAX_OBJECT_STREAM_BYTES;
    let mut opaque = 0;
    let encrypted = find(&unescaped(bytes), b"/Encrypt").is_some();
    let mut dictionaries = dictionaries(bytes);
    let mut from = 0;
    while let Some(p) = find(&bytes[from..], b"stream") {
        let at = from + p;
        // Each byte is looked at once: a dictionary is looked for only
        // after the previous keyword.
        let floor = from;
        from = at + 6;
        if at >= 3 && &bytes[at - 3..at] == b"end" {
            continue;
        }
        let Some(dict) = dictionary_before(bytes, floor, at) else {
            continue;
        };
        let start = data_start(bytes, from);
        let size = inflated_size(&bytes[start..], any.min(all - inflated));
        inflated += size;
        if size > any || inflated > all {
            let together = size <= any;
            return Err(Limit::InflatedStreams {
                max: if together { all } else { any },
                together,
            }
            .into());
        }
        let dict = unescaped(dict);
        if find(&dict, b"/ObjStm").is_none() && find(&dict, b"/XRef").is_none() {
            continue;
        }
        let end = find(&bytes[start..], b"endstream").map_or(bytes.len(), |e| start + e);
        if encrypted {
            // What it decodes to cannot be known before decryption, so
            // its size as stored is bounded instead.
            opaque += end - start;
            if end - start > MAX_OPAQUE_OBJECT_STREAM || opaque > MAX_OPAQUE_OBJECT_STREAMS {
                return Err(Limit::ObjectStreams {
                    max: MAX_STREAM_BYTES,
                }
                .into());
            }
            continue;
        }
        let names = filter_names(&dict);
        let max = MAX_STREAM_BYTES.min(left);
        match filters::decode_named(&names, &bytes[start..end], max) {
            Ok(data) => {
                left -= data.len();
                dictionaries += self::dictionaries(&data);
            }
            Err(Failure::TooBig) => {
                return Err(Limit::ObjectStreams {
                    max: MAX_STREAM_BYTES,
                }
                .into());
            }
            Err(Failure::Damaged) => {}
        }
        from = end.max(from);
    }
    if dictionaries > MAX_DICTIONARIES {
        return Err(Limit::PdfDictionaries {
            max: MAX_DICTIONARIES,
        }
        .into());
    }
    Ok(())
}

/// How many bytes `data` inflates to (zlib, else raw deflate; then through
/// zlib layers inside it, up to [`MAX_LAYERS`]), the most of any layer;
/// counting stops past `cap`. Data that does not inflate counts nothing.
fn inflated_size(data: &[u8], cap: u64) -> u64 {
    let mut most = 0;
    for depth in 1..=MAX_LAYERS {
        let (count, head) = count_output(layers(data, depth), cap);
        most = most.max(count);
        if count > cap || !is_zlib(&head) {
            break;
        }
    }
    most
}

/// A reader of `data` inflated `depth` times.
fn layers(data: &[u8], depth: usize) -> Box<dyn Read + '_> {
    let mut r: Box<dyn Read + '_> = if is_zlib(data) {
        Box::new(flate2::read::ZlibDecoder::new(data))
    } else {
        Box::new(flate2::read::DeflateDecoder::new(data))
    };
    for _ in 1..depth {
        r = Box::new(flate2::read::ZlibDecoder::new(r));
    }
    r
}

/// Bytes read from `r` until its end, an error or past `cap`, and its first
/// two bytes.
fn count_output(mut r: Box<dyn Read + '_>, cap: u64) -> (u64, [u8; 2]) {
    let mut buf = vec![0u8; 64 * 1024];
    let (mut count, mut head) = (0u64, [0u8; 2]);
    while count <= cap {
        match r.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                for (k, b) in buf[..n].iter().enumerate().take(2) {
                    if let Some(h) = head.get_mut(count as usize + k) {
                        *h = *b;
                    }
                }
                count += n as u64;
            }
        }
    }
    (count, head)
}

/// Whether `data` starts with a zlib header (deflate, a valid check).
fn is_zlib(data: &[u8]) -> bool {
    matches!(data, [cmf, flg, ..] if cmf & 0x0F == 8 && (u16::from(*cmf) << 8 | u16::from(*flg)) % 31 == 0)
}

/// How many dictionaries (`<<`) `bytes` open.
fn dictionaries(bytes: &[u8]) -> usize {
    bytes.windows(2).filter(|w| w == b"<<").count()
}

/// The first place of `needle` in `hay`.
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The dictionary that ends just before the keyword `stream` at `at`
/// (from its object's `obj`, within [`DICT_WINDOW`] bytes and not before
/// `floor`).
fn dictionary_before(bytes: &[u8], floor: usize, at: usize) -> Option<&[u8]> {
    let window = &bytes[at.saturating_sub(DICT_WINDOW).max(floor)..at];
    let trimmed = window.trim_ascii_end();
    if !trimmed.ends_with(b">>") {
        return None;
    }
    let open = window
        .windows(3)
        .rposition(|w| w == b"obj")
        .map_or(0, |p| p + 3);
    Some(&trimmed[open.min(trimmed.len())..])
}

/// Where a stream's data starts: after the end of line that follows
/// `stream` (at `after`).
fn data_start(bytes: &[u8], after: usize) -> usize {
    match bytes.get(after..after + 2) {
        Some(b"\r\n") => after + 2,
        _ if matches!(bytes.get(after), Some(b'\n' | b'\r')) => after + 1,
        _ => after,
    }
}

/// `dict` with its `#xx` escapes decoded, as the parser reads names
/// (`/Obj#53tm` is `/ObjStm`).
fn unescaped(dict: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    if !dict.contains(&b'#') {
        return std::borrow::Cow::Borrowed(dict);
    }
    let hex = |c: u8| (c as char).to_digit(16);
    let mut out = Vec::with_capacity(dict.len());
    let mut i = 0;
    while i < dict.len() {
        let pair = dict.get(i + 1).zip(dict.get(i + 2));
        match pair.and_then(|(a, b)| Some((hex(*a)?, hex(*b)?))) {
            Some((a, b)) if dict[i] == b'#' => {
                out.push((a * 16 + b) as u8);
                i += 3;
            }
            _ => {
                out.push(dict[i]);
                i += 1;
            }
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The filter names of a dictionary's `/Filter` entry (a name or an array
/// of names).
fn filter_names(dict: &[u8]) -> Vec<&[u8]> {
    let Some(p) = find(dict, b"/Filter") else {
        return Vec::new();
    };
    let rest = dict[p + 7..].trim_ascii_start();
    let list = match rest.first() {
        Some(b'[') => &rest[1..rest.iter().position(|&c| c == b']').unwrap_or(rest.len())],
        Some(b'/') => {
            let end = rest[1..]
                .iter()
                .position(|&c| c.is_ascii_whitespace() || b"/[]<>()".contains(&c))
                .map_or(rest.len(), |e| e + 1);
            &rest[..end]
        }
        _ => return Vec::new(),
    };
    list.split(|&c| c == b'/' || c.is_ascii_whitespace())
        .filter(|n| !n.is_empty())
        .take(16)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::pdf::filters::zlib;

    fn object_stream(data: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "5 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length {} >>\nstream\n",
            data.len()
        )
        .into_bytes();
        out.extend_from_slice(data);
        out.extend_from_slice(b"\nendstream\nendobj\n");
        out
    }

    #[test]
    fn an_object_stream_bomb_is_refused_and_a_small_one_passes() {
        let small = object_stream(&zlib(b"6 0 << /A 1 >>"));
        assert!(check(&small).is_ok());
        let bomb = object_stream(&zlib(&vec![b' '; MAX_STREAM_BYTES + 1]));
        assert!(matches!(
            check(&bomb),
            Err(ImportError::Limit(Limit::ObjectStreams { .. }))
        ));
        // Page content is not looked at here (it is decoded within the
        // limits when it is read).
        let content = String::from_utf8_lossy(&bomb).replace("/ObjStm", "/Other");
        assert!(check(content.as_bytes()).is_ok());
    }

    #[test]
    fn an_encrypted_files_object_streams_are_bounded_as_stored() {
        // Encrypted data looks like noise.
        let noise = |n: usize| -> Vec<u8> {
            let mut x = 0x2545_f491_u32;
            (0..n)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 17;
                    x ^= x << 5;
                    x as u8
                })
                .collect()
        };
        let trailer = b"trailer\n<< /Root 1 0 R /Encrypt 9 0 R >>\n".as_slice();
        let encrypted = |body: Vec<u8>| [body.as_slice(), trailer].concat();
        assert!(check(&encrypted(object_stream(&noise(4_000)))).is_ok());
        let plain = object_stream(&noise(MAX_OPAQUE_OBJECT_STREAM + 1));
        assert!(
            check(&plain).is_ok(),
            "not encrypted: decoded and bounded so"
        );
        let big = encrypted(plain);
        assert!(matches!(
            check(&big),
            Err(ImportError::Limit(Limit::ObjectStreams { .. }))
        ));
        // Its type written with escapes is read as the parser reads it.
        let disguised = String::from_utf8_lossy(&big).replace("/ObjStm", "/Obj#53tm");
        assert!(check(&latin1(&disguised, &big)).is_err());
        // Many small ones together.
        let many = object_stream(&noise(30_000)).repeat(MAX_OPAQUE_OBJECT_STREAMS / 30_000 + 1);
        assert!(check(&encrypted(many.clone())).is_err());
        assert!(check(&many).is_ok());
        // The trailer's key written with escapes counts too.
        let escaped = String::from_utf8_lossy(trailer).replace("/Encrypt", "/Encr#79pt");
        let small = object_stream(&noise(MAX_OPAQUE_OBJECT_STREAM + 1));
        assert!(check(&[small.as_slice(), escaped.as_bytes()].concat()).is_err());
    }

    /// `big` with its dictionary replaced by the one in `text` (the data
    /// after the dictionary kept as bytes).
    fn latin1(text: &str, big: &[u8]) -> Vec<u8> {
        let head_end = text.find("stream\n").unwrap() + 7;
        let old_end = big.windows(7).position(|w| w == b"stream\n").unwrap() + 7;
        [&text.as_bytes()[..head_end], &big[old_end..]].concat()
    }

    #[test]
    fn every_stream_is_counted_through_its_zlib_layers() {
        let page = |data: &[u8]| {
            let mut out = format!("4 0 obj\n<< /Length {} >>\nstream\n", data.len()).into_bytes();
            out.extend_from_slice(data);
            out.extend_from_slice(b"\nendstream\nendobj\n");
            out
        };
        let zeros = zlib(&vec![0u8; 100_000]);
        // A stream that says nothing of its type still counts.
        assert!(check_within(&page(&zeros), 200_000, 1_000_000).is_ok());
        assert!(matches!(
            check_within(&page(&zeros), 50_000, 1_000_000),
            Err(ImportError::Limit(Limit::InflatedStreams {
                max: 50_000,
                together: false
            }))
        ));
        // Together.
        let two = [page(&zeros), page(&zeros)].concat();
        assert!(matches!(
            check_within(&two, 200_000, 150_000),
            Err(ImportError::Limit(Limit::InflatedStreams {
                max: 150_000,
                together: true
            }))
        ));
        // Deflated twice: the inner layer is counted.
        let twice = zlib(&zeros);
        assert_eq!(inflated_size(&twice, 1_000_000), 100_000);
        assert!(inflated_size(b"not deflate", 100) < 20);
    }

    #[test]
    fn dictionaries_are_counted_in_the_file_and_its_object_streams() {
        let many = "<</Type/Page>>".repeat(MAX_DICTIONARIES / 2 + 1);
        assert!(check(many.as_bytes()).is_ok());
        let packed = object_stream(&zlib(many.as_bytes()));
        let both = [many.as_bytes(), &packed].concat();
        assert!(matches!(
            check(&both),
            Err(ImportError::Limit(Limit::PdfDictionaries { .. }))
        ));
    }

    #[test]
    fn filter_names_are_read_from_a_name_or_an_array() {
        assert_eq!(
            filter_names(b"<< /Filter /FlateDecode /Length 5 >>"),
            [b"FlateDecode"]
        );
        assert_eq!(
            filter_names(b"<</Filter[/ASCII85Decode /FlateDecode]>>"),
            [&b"ASCII85Decode"[..], b"FlateDecode"]
        );
        assert!(filter_names(b"<< /Length 5 >>").is_empty());
    }
}
