//! A published report or Word document uploaded to start this year's
//! report from (the workbench's 从上年生成 and the server's 从上年报告开始):
//! imported, and a document still holding tracked changes or comments
//! answered so that the page can ask before reading it as accepted.

use std::path::Path;

use serde_json::json;

use crate::import::{ImportError, Imported, Options, import_bytes};
use crate::serve::reply::Reply;

/// Imports the uploaded file `name` (`body`), read as accepted when
/// `accept`: a document with pending revisions or comments is a 409 with
/// `"unaccepted": true` (the page asks, then sends it again with
/// `accept=1`), any other failure a 400 naming the file.
pub fn import_upload(name: &str, body: &[u8], accept: bool) -> Result<Imported, Reply> {
    let opts = Options {
        accept_revisions: accept,
        ..Default::default()
    };
    import_bytes(Path::new(name), body, &opts).map_err(|e| match e {
        ImportError::Unaccepted(what) => Reply::json(
            409,
            &json!({ "error": format!("{name}：{what}"), "unaccepted": true }),
        ),
        e => Reply::error(400, &format!("无法导入 {name}：{e}")),
    })
}
