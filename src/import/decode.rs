//! Decoding a published report: UTF-8, UTF-16 (with BOM) or GB18030/GBK,
//! and telling HTML from plain text.

/// A decoded input file.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// Name of the encoding it was read in (`UTF-8`, `GB18030`, …).
    pub encoding: &'static str,
    /// Whether the text is an HTML page.
    pub html: bool,
    /// Whether some bytes could not be decoded and were replaced.
    pub lossy: bool,
    /// The byte offset of the first byte that could not be decoded, when
    /// known (UTF-8).
    pub first_bad: Option<usize>,
}

/// Why bytes cannot be read as text or a web page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotText {
    /// A PDF file.
    Pdf,
    /// A Word/Office document (a zip archive, `.docx`).
    Office,
    /// An old Word/Office document (`.doc`, `.xls`, …).
    OldOffice,
    /// A binary file (it holds NUL characters).
    Binary,
}

impl std::fmt::Display for NotText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            NotText::Pdf => {
                "这是 PDF 文件；请先在浏览器或 PDF 阅读器中把全文另存为文本（.txt）或网页（.html）"
            }
            NotText::Office => {
                "这是 Word/Office 文档（.docx）；请用 .docx 文件本身导入，或另存为文本（.txt）"
            }
            NotText::OldOffice => {
                "这是旧版 Word/Office 文档（.doc/.xls 等）；请先在 Word 或 WPS 中另存为 .docx、文本（.txt）或网页（.html）再导入"
            }
            NotText::Binary => "文件含有 NUL 字符，看起来是二进制文件，不是文本或网页",
        })
    }
}

/// Decodes `bytes`. `html_hint` is set when the file name ends in `.htm(l)`.
pub fn decode(bytes: &[u8], html_hint: bool) -> Result<Decoded, NotText> {
    if bytes.starts_with(b"%PDF") {
        return Err(NotText::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Err(NotText::Office);
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        return Err(NotText::OldOffice);
    }
    let (text, encoding, lossy) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let (t, _, bad) = encoding_rs::UTF_8.decode(rest);
        (t.into_owned(), "UTF-8", bad)
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (t, enc, bad) = encoding_rs::UTF_16LE.decode(bytes);
        (t.into_owned(), enc.name(), bad)
    } else if let Ok(s) = std::str::from_utf8(bytes) {
        (s.to_string(), "UTF-8", false)
    } else if mostly_utf8(bytes) {
        // A UTF-8 page with a few stray bytes: read as UTF-8, the stray
        // bytes replaced (and said), not the whole page as GB18030.
        (String::from_utf8_lossy(bytes).into_owned(), "UTF-8", true)
    } else {
        let (t, bad) =
            match encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
                Some(t) => (t.into_owned(), false),
                None => {
                    let (t, _) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
                    (t.into_owned(), true)
                }
            };
        (t, "GB18030", bad)
    };
    if text.contains('\0') {
        return Err(NotText::Binary);
    }
    let html = html_hint || looks_like_html(&text);
    let first_bad = (lossy && encoding == "UTF-8")
        .then(|| std::str::from_utf8(bytes).err().map(|e| e.valid_up_to()))
        .flatten();
    Ok(Decoded {
        text,
        encoding,
        html,
        lossy,
        first_bad,
    })
}

/// Whether `bytes`, not valid UTF-8, are UTF-8 with a few stray bytes:
/// at least 16 bytes of valid multi-byte characters for each byte that is
/// not. GB18030 text read as UTF-8 is mostly invalid, its few valid
/// sequences chance.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (valid, invalid) = bytes.utf8_chunks().fold((0usize, 0usize), |(v, i), chunk| {
        let multi = chunk.valid().bytes().filter(|b| *b >= 0x80).count();
        (v + multi, i + chunk.invalid().len())
    });
    invalid > 0 && valid >= 16 * invalid
}

fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .chars()
        .take(4096)
        .collect::<String>()
        .to_ascii_lowercase();
    [
        "<!doctype html",
        "<html",
        "<body",
        "<table",
        "<meta ",
        "<head",
    ]
    .iter()
    .any(|m| head.contains(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_encodings() {
        let d = decode("一、总体情况".as_bytes(), false).unwrap();
        assert_eq!((d.encoding, d.html), ("UTF-8", false));
        let (gbk, _, _) = encoding_rs::GB18030.encode("一、总体情况\n规章\t0");
        let d = decode(&gbk, false).unwrap();
        assert_eq!(d.encoding, "GB18030");
        assert_eq!(d.text, "一、总体情况\n规章\t0");
        assert!(
            decode(b"<html><body><p>x</p></body></html>", false)
                .unwrap()
                .html
        );
        // UTF-8 with a few stray bytes stays UTF-8, the bytes replaced.
        let mut bytes = "一、总体情况。本年度收到申请12件。".repeat(4).into_bytes();
        bytes.insert(9, 0xff);
        let d = decode(&bytes, false).unwrap();
        assert_eq!((d.encoding, d.lossy, d.first_bad), ("UTF-8", true, Some(9)));
        assert!(d.text.starts_with("一、总\u{fffd}体情况"), "{}", d.text);
        // GB18030 with a byte it cannot read is still GB18030.
        let text = "一、总体情况。本年度收到申请12件。".repeat(4);
        let mut gbk = encoding_rs::GB18030.encode(&text).0.into_owned();
        gbk.push(0xff);
        assert_eq!(decode(&gbk, false).unwrap().encoding, "GB18030");
        assert!(decode(b"%PDF-1.7", false).is_err());
        assert!(decode(b"a\0b", false).is_err());
    }
}
