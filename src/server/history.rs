//! Comparing two revisions of one report on screen (`GET /compare`): the
//! figures and the text compared by [`crate::compare`] (the page `nianbao
//! compare --format html` writes), with two menus to choose the versions.
//! By default the last submitted version is held against the one
//! submitted before it.

use super::Server;
use super::access::named_in;
use super::auth::Session;
use super::pages::{VersionChoice, versions};
use super::store::{ReportRow, Revision};
use crate::compare::{Batch, Comparison, Side, Threshold};
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
    let choices: Vec<VersionChoice> = list
        .iter()
        .map(|r| VersionChoice {
            revision: r.revision,
            kind: kind_label(&r.kind),
            who: r.who.clone(),
        })
        .collect();
    if list.is_empty() {
        return Ok(Reply::html(versions(row.id, &choices, (0, 0), None)));
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
    Ok(Reply::html(versions(
        row.id,
        &choices,
        (a, b),
        Some(&batch),
    )))
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
