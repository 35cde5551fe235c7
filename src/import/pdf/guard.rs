//! A look at the file before it is parsed: hayro-syntax decodes object
//! streams and cross-reference streams itself, without a bound, so each of
//! them is found in the bytes and decoded here within
//! [`MAX_STREAM_BYTES`](super::MAX_STREAM_BYTES) alone and
//! [`MAX_OBJECT_STREAM_BYTES`] together. (An encrypted file's object
//! streams cannot be read before decryption; they are decoded by the
//! parser as they are; and the dictionary of a stream is found by looking
//! back from its `stream` keyword, which a file crafted to hide an object
//! stream — its type written with `#` escapes, its dictionary padded or
//! hidden in another object's string — can defeat: a bound inside the
//! parser is what would close that.) And it builds every page of the page tree before
//! the page limit can be applied (about 1 KB each): the dictionaries of
//! the file, which every page needs one of, are counted first (at most
//! [`MAX_DICTIONARIES`]).

use super::MAX_STREAM_BYTES;
use super::filters::{self, Failure};
use crate::import::ImportError;
use crate::import::error::Limit;

/// Most bytes all object and cross-reference streams of a file decode to.
pub const MAX_OBJECT_STREAM_BYTES: usize = 64 * 1024 * 1024;

/// Most dictionaries (`<<`) in a file and its object streams.
pub const MAX_DICTIONARIES: usize = 500_000;

/// How far back from `stream` its dictionary is looked for.
const DICT_WINDOW: usize = 4096;

/// Refuses a file whose object or cross-reference streams decode to more
/// than the bounds.
pub(super) fn check(bytes: &[u8]) -> Result<(), ImportError> {
    let mut left = MAX_OBJECT_STREAM_BYTES;
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
        if find(dict, b"/ObjStm").is_none() && find(dict, b"/XRef").is_none() {
            continue;
        }
        let start = data_start(bytes, from);
        let end = find(&bytes[start..], b"endstream").map_or(bytes.len(), |e| start + e);
        let names = filter_names(dict);
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
    use std::io::Write;

    fn deflate(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

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
        let small = object_stream(&deflate(b"6 0 << /A 1 >>"));
        assert!(check(&small).is_ok());
        let bomb = object_stream(&deflate(&vec![b' '; MAX_STREAM_BYTES + 1]));
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
    fn dictionaries_are_counted_in_the_file_and_its_object_streams() {
        let many = "<</Type/Page>>".repeat(MAX_DICTIONARIES / 2 + 1);
        assert!(check(many.as_bytes()).is_ok());
        let packed = object_stream(&deflate(many.as_bytes()));
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
