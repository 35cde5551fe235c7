//! A published report or Word document uploaded to start this year's
//! report from (the workbench's 从上年生成 and the server's 从上年报告开始):
//! imported, and a document still holding tracked changes or comments
//! refused as such, so that the page can ask before reading it as
//! accepted. The front ends answer the refusal, each on its own routes.

use std::path::Path;

use serde::Serialize;

use crate::import::{ImportError, Imported, Options, import_bytes};

/// Why an upload was not imported, as the page reads it:
/// `{"error": …}`, with `"unaccepted": true` when the document holds
/// revisions or comments not yet accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Refused {
    /// The refusal, naming the file.
    pub error: String,
    /// Whether the document only holds revisions or comments not yet
    /// accepted: the page asks, then sends it again read as accepted.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub unaccepted: bool,
}

/// Imports the uploaded file `name` (`body`), read as accepted when
/// `accept`: a document with pending revisions or comments is refused as
/// [`Refused::unaccepted`], any other failure refused naming the file, in
/// a page's words ([`ImportError::for_page`]).
pub fn import_upload(name: &str, body: &[u8], accept: bool) -> Result<Imported, Refused> {
    let opts = Options {
        accept_revisions: accept,
        ..Default::default()
    };
    import_bytes(Path::new(name), body, &opts).map_err(|e| match e {
        ImportError::Unaccepted(what) => Refused {
            error: format!("{name}：{what}"),
            unaccepted: true,
        },
        e => Refused {
            error: format!("无法导入 {name}：{}", e.for_page()),
            unaccepted: false,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a browser's user is told of an upload that cannot be read: no
    /// library's English, no command-line option.
    #[test]
    fn a_refused_upload_is_said_for_a_page() {
        let garbage = b"PK\x03\x04garbage".repeat(10);
        let why = import_upload("上年.docx", &garbage, false).unwrap_err();
        assert!(
            why.error
                .starts_with("无法导入 上年.docx：这个 .docx 文件已损坏"),
            "{why:?}"
        );
        assert!(
            !why.error.contains("Zip") && !why.error.contains("EOCD"),
            "{why:?}"
        );
        let why = import_upload(
            "notes.txt",
            "随便写的一些文字，不是年报。".as_bytes(),
            false,
        )
        .unwrap_err();
        assert!(why.error.contains("写明年度"), "{why:?}");
        assert!(!why.error.contains("--year"), "{why:?}");
        assert!(!why.unaccepted);
    }
}
