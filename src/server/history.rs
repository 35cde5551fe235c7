//! Comparing two revisions of one report on screen (`GET /compare`): the
//! figures and the text compared by [`crate::compare`] (the page `nianbao
//! compare --format html` writes), with two menus to choose the versions.
//! By default the last submitted version is held against the one
//! submitted before it.

use serde_json::json;

use super::Server;
use super::access::named_in;
use super::auth::Session;
use super::store::{ReportRow, Revision};
use crate::compare::{Batch, Comparison, Side, Threshold};
use crate::render::escape::escape_html;
use crate::serve::http::Head;
use crate::serve::query::query;
use crate::serve::reply::{Answer, Reply};

/// What a revision's kind is called.
pub fn kind_label(kind: &str) -> &'static str {
    match kind {
        "save" => "保存",
        "submit" => "提交",
        "return" => "退回",
        "approve" => "通过",
        "start" => "从上传的报告开始",
        _ => "修改",
    }
}

/// The revisions compared by default: the one submitted before the last
/// submitted one (else the one before the latest), and the last submitted
/// one (else the latest).
fn defaults(list: &[Revision]) -> (i64, i64) {
    let submits: Vec<i64> = list
        .iter()
        .filter(|r| r.kind == "submit")
        .map(|r| r.revision)
        .collect();
    let latest = list.last().map_or(0, |r| r.revision);
    match submits.as_slice() {
        [.., a, b] => (*a, *b),
        [b] => ((b - 1).max(1), *b),
        [] => ((latest - 1).max(1), latest),
    }
}

fn chosen(head: &Head, name: &str, default: i64) -> i64 {
    query(&head.target, name)
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

/// Revision `n` of `row` as one side of the comparison.
fn side(server: &Server, row: &ReportRow, n: i64) -> Result<Side, Reply> {
    let text = server
        .store()
        .revision_text(row.id, n)?
        .ok_or_else(|| Reply::error(404, &format!("没有第 {n} 版")))?;
    let name = format!("第 {n} 版");
    let loaded =
        crate::load::load_str(crate::source::SourceFile::new(name.as_str(), text.as_str()));
    let report = loaded
        .report
        .ok_or_else(|| Reply::error(500, &format!("第 {n} 版无法读取为年报")))?;
    let mut side = Side::data(report);
    side.file = name.into();
    Ok(side)
}

/// `GET /compare?f=ID&a=N&b=M`: revisions `a` and `b` compared.
pub fn page(server: &Server, session: &Session, head: &Head) -> Answer {
    let row = named_in(server, session, head)?;
    let list = server.store().revisions(row.id)?;
    if list.is_empty() {
        return Ok(Reply::html(wrap(
            &row,
            &list,
            (0, 0),
            "<p>这份报告还没有保存过，没有可以对比的版本。</p>",
        )));
    }
    let (da, db) = defaults(&list);
    let (a, b) = (chosen(head, "a", da), chosen(head, "b", db));
    let batch = Batch {
        comparisons: vec![Comparison::new(
            side(server, &row, a)?,
            side(server, &row, b)?,
            &Threshold::default(),
        )],
        threshold: Threshold::default(),
        folders: None,
    };
    let html = crate::compare::html::render(&batch);
    Ok(Reply::html(wrap(&row, &list, (a, b), &html)))
}

/// The comparison page with the menus above it (`compared` is the whole
/// page of [`crate::compare::html`], or a message).
fn wrap(row: &ReportRow, list: &[Revision], (a, b): (i64, i64), compared: &str) -> String {
    let options = |chosen: i64| -> String {
        list.iter()
            .map(|r| {
                format!(
                    "<option value=\"{n}\"{sel}>第 {n} 版（{kind}，{who}）</option>",
                    n = r.revision,
                    sel = if r.revision == chosen {
                        " selected"
                    } else {
                        ""
                    },
                    kind = kind_label(&r.kind),
                    who = escape_html(&r.who)
                )
            })
            .collect()
    };
    let boot = json!({ "f": row.id }).to_string();
    let nav = format!(
        "<nav id=\"versions\" style=\"margin:0 0 1em;padding:.6em;background:#f4f4f4\">\
         <a href=\"/\">← 返回</a> <a href=\"/report?f={id}\">打开报告</a> \
         <label>旧版本 <select id=\"a\">{oa}</select></label> \
         <label>新版本 <select id=\"b\">{ob}</select></label></nav>\
         <script>(function(){{var b={boot};function go(){{location.href=\"/compare?f=\"+b.f+\"&a=\"+\
         document.getElementById(\"a\").value+\"&b=\"+document.getElementById(\"b\").value;}}\
         document.getElementById(\"a\").onchange=go;document.getElementById(\"b\").onchange=go;}})();</script>\n",
        id = row.id,
        oa = options(a),
        ob = options(b),
    );
    if compared.contains("<body>\n") {
        compared.replacen("<body>\n", &format!("<body>\n{nav}"), 1)
    } else {
        format!(
            "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<link rel=\"icon\" href=\"data:,\">\n<title>版本对比</title>\n</head>\n<body>\n{nav}{compared}</body>\n</html>\n"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rev(revision: i64, kind: &str) -> Revision {
        Revision {
            revision,
            kind: kind.into(),
            who: "bm001".into(),
            at: 0,
            remark: String::new(),
        }
    }

    #[test]
    fn the_last_submission_is_held_against_the_one_before() {
        let list = [
            rev(1, "save"),
            rev(2, "submit"),
            rev(3, "return"),
            rev(4, "save"),
            rev(5, "submit"),
        ];
        assert_eq!(defaults(&list), (2, 5));
        assert_eq!(defaults(&list[..2]), (1, 2));
        assert_eq!(defaults(&list[..1]), (1, 1));
    }
}
