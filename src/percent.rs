//! Percent-encoding (RFC 3986) of text for a URL's query or a `data:`
//! address, and its decoding from a request's query.

/// Upper-case hexadecimal digits, as RFC 3986 recommends for escapes.
const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// `text` percent-encoded: every byte but the unreserved ones (ASCII
/// letters, digits and `-._~`) as `%XX`, so that the result is safe in a
/// query value and in a `data:` address alike.
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            // By hand: the formatter, once a byte, was most of a print
            // label's cost.
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0x0F)]));
        }
    }
    out
}

/// `text` with its `%XX` escapes and `+` (a form's space) decoded; a `%`
/// not followed by two hexadecimal digits stays as it is, and invalid
/// UTF-8 is replaced.
pub fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let hex = |b: u8| char::from(b).to_digit(16);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = bytes.get(i + 1).zip(bytes.get(i + 2));
        match (
            bytes[i],
            escaped.and_then(|(h, l)| Some((hex(*h)?, hex(*l)?))),
        ) {
            (b'%', Some((h, l))) => {
                // Two hexadecimal digits make at most 0xFF.
                out.push(u8::try_from(h * 16 + l).unwrap_or(u8::MAX));
                i += 3;
                continue;
            }
            (b'+', _) => out.push(b' '),
            (b, _) => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding_keeps_the_unreserved_bytes_only() {
        for (text, encoded) in [
            ("a-Z._~9", "a-Z._~9"),
            ("<办 '%'>", "%3C%E5%8A%9E%20%27%25%27%3E"),
            ("某 a&b", "%E6%9F%90%20a%26b"),
        ] {
            assert_eq!(encode(text), encoded);
        }
        let all: String = (0..=127u8).map(char::from).collect();
        let expected: String = all
            .bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                    char::from(b).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect();
        assert_eq!(encode(&all), expected);
    }

    #[test]
    fn decoding_reads_escapes_and_plus_and_leaves_the_rest() {
        for (text, decoded) in [
            ("%E4%B8%8A%E5%B9%B4+a", "上年 a"),
            ("100%", "100%"),
            ("%4", "%4"),
            ("%zz%41", "%zzA"),
            ("%FF", "\u{fffd}"),
        ] {
            assert_eq!(decode(text), decoded);
        }
        for text in ["", "办 '%' + & =", "a-Z._~9", "\u{0}\u{7f}"] {
            assert_eq!(decode(&encode(text)), text);
        }
    }
}
