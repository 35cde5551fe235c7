//! PDF input: recognised, not read yet.

use super::ImportError;
use super::lines::Extracted;

/// Whether `bytes` look like a PDF (the `%PDF-` header within the first KiB).
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(1024)]
        .windows(5)
        .any(|w| w == b"%PDF-")
}

/// Extracts the text of a PDF.
pub fn extract(_bytes: &[u8]) -> Result<Extracted, ImportError> {
    Err(ImportError(
        "这是 PDF 文件；请先在浏览器或 PDF 阅读器中把全文另存为文本（.txt）或网页（.html）".into(),
    ))
}
