//! Comparing two revisions of one report on screen (`GET /compare`): the
//! figures and the text compared by [`crate::compare`] (the page `nianbao
//! compare --format html` writes), with two menus to choose the versions.
//! By default the last submitted version is held against the one
//! submitted before it.

use super::Server;
use super::access::named_in;
use super::auth::Session;
use super::pages::{VersionChoice, VersionGroup, versions};
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
        "carry" => "由上年报告生成",
        _ => "修改",
    }
}

/// Whether a revision is a step of the round (listed first).
fn is_step(kind: &str) -> bool {
    matches!(kind, "submit" | "return" | "approve")
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

/// A revision chosen: of which report, which number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pick {
    report: i64,
    revision: i64,
}

impl Pick {
    /// A menu's value (`N`, or `ID.N` for another report than `this`).
    fn parse(value: &str, this: i64) -> Option<Pick> {
        let value = value.trim();
        match value.split_once('.') {
            Some((report, revision)) => Some(Pick {
                report: report.parse().ok()?,
                revision: revision.parse().ok()?,
            }),
            None => Some(Pick {
                report: this,
                revision: value.parse().ok()?,
            }),
        }
    }

    /// The menu's value of this pick, on report `this`'s page.
    fn value(self, this: i64) -> String {
        if self.report == this {
            self.revision.to_string()
        } else {
            format!("{}.{}", self.report, self.revision)
        }
    }
}

fn chosen(head: &Head, name: &str, this: i64, default: Pick) -> Pick {
    query(&head.target, name)
        .and_then(|v| Pick::parse(&v, this))
        .unwrap_or(default)
}

/// Revision `pick` as one side of the comparison: of `row`, or of an
/// earlier report of the same unit that the session may see.
fn side(server: &Server, session: &Session, row: &ReportRow, pick: Pick) -> Result<Side, Reply> {
    let n = pick.revision;
    let of = if pick.report == row.meta.id {
        row.clone()
    } else {
        let other = super::access::named(server, session, &pick.report.to_string())?;
        if other.meta.owner != row.meta.owner {
            return Err(Reply::error(404, "未找到该报告"));
        }
        other
    };
    let text = server
        .store()
        .revision_text(of.meta.id, n)?
        .ok_or_else(|| Reply::error(404, &format!("没有第 {n} 版")))?;
    let name = if of.meta.id == row.meta.id {
        format!("第 {n} 版")
    } else {
        format!("{} 年度第 {n} 版", of.meta.year)
    };
    let loaded =
        crate::load::load_str(crate::source::SourceFile::new(name.as_str(), text.as_str()));
    let report = loaded
        .report
        .ok_or_else(|| Reply::error(500, &format!("{name}无法读取为年报")))?;
    let mut side = Side::data(report);
    side.file = name.into();
    Ok(side)
}

/// The menu's label of revision `r` (`year` given for another year's).
fn label(r: &Revision, year: Option<i64>) -> String {
    let year = year.map_or(String::new(), |y| format!("{y} 年度"));
    format!(
        "{year}第 {} 版（{}，{}）",
        r.revision,
        kind_label(&r.kind),
        r.who
    )
}

/// This report's revisions in two groups: the round's steps (submitted,
/// returned, approved), newest first, then the others, newest first.
fn own_groups(row: &ReportRow, list: &[Revision]) -> Vec<VersionGroup> {
    let choice = |r: &Revision| VersionChoice {
        value: r.revision.to_string(),
        label: label(r, None),
    };
    let steps: Vec<VersionChoice> = list
        .iter()
        .rev()
        .filter(|r| is_step(&r.kind))
        .map(choice)
        .collect();
    let others: Vec<VersionChoice> = list
        .iter()
        .rev()
        .filter(|r| !is_step(&r.kind))
        .map(choice)
        .collect();
    let mut groups = Vec::new();
    if !steps.is_empty() {
        groups.push(VersionGroup {
            label: format!("{} 年度：提交、退回、通过的版本", row.meta.year),
            choices: steps,
        });
    }
    if !others.is_empty() {
        groups.push(VersionGroup {
            label: format!("{} 年度：其他保存的版本", row.meta.year),
            choices: others,
        });
    }
    groups
}

/// The earlier years' reports of `row`'s unit: a group each (its steps
/// and its latest revision, newest first), and the revision to compare
/// with by default (the last year's approved, else latest, version).
fn earlier_groups(
    server: &Server,
    row: &ReportRow,
) -> Result<(Vec<VersionGroup>, Option<Pick>), Reply> {
    let store = server.store();
    let mut groups = Vec::new();
    let mut default = None;
    let mut earlier: Vec<ReportRow> = store
        .reports(Some(&row.meta.owner))?
        .into_iter()
        .filter(|r| r.meta.year < row.meta.year && !row.meta.owner.is_empty())
        .collect();
    earlier.sort_by_key(|r| std::cmp::Reverse(r.meta.year));
    for other in earlier {
        let list = store.revisions(other.meta.id)?;
        let last = list.last().map(|r| r.revision);
        let shown: Vec<&Revision> = list
            .iter()
            .rev()
            .filter(|r| is_step(&r.kind) || Some(r.revision) == last)
            .collect();
        if default.is_none() {
            let best = shown.iter().find(|r| r.kind == "approve").or(shown.first());
            default = best.map(|r| Pick {
                report: other.meta.id,
                revision: r.revision,
            });
        }
        let choices = shown
            .iter()
            .map(|r| VersionChoice {
                value: format!("{}.{}", other.meta.id, r.revision),
                label: label(r, Some(other.meta.year)),
            })
            .collect();
        groups.push(VersionGroup {
            label: format!("{} 年度（{}）", other.meta.year, other.meta.unit),
            choices,
        });
    }
    Ok((groups, default))
}

/// `GET /compare?f=ID&a=N&b=M`: revisions `a` and `b` compared (`ID.N`:
/// revision `N` of an earlier year's report `ID` of the same unit).
pub fn page(server: &Server, session: &Session, head: &Head) -> Answer {
    let row = named_in(server, session, head)?;
    let list = server.store().revisions(row.meta.id)?;
    let mut groups = own_groups(&row, &list);
    let (earlier, last_year) = earlier_groups(server, &row)?;
    groups.extend(earlier);
    if list.is_empty() {
        return Ok(Reply::html(versions(
            row.meta.id,
            &groups,
            ("0", "0"),
            None,
        )));
    }
    let (da, db) = defaults(&list);
    let own = |revision| Pick {
        report: row.meta.id,
        revision,
    };
    // A report of a new round with no submission yet: against last year's.
    let da = match last_year {
        Some(pick) if !list.iter().any(|r| r.kind == "submit") => pick,
        _ => own(da),
    };
    let (a, b) = (
        chosen(head, "a", row.meta.id, da),
        chosen(head, "b", row.meta.id, own(db)),
    );
    let batch = Batch {
        comparisons: vec![Comparison::new(
            side(server, session, &row, a)?,
            side(server, session, &row, b)?,
            &Threshold::default(),
        )],
        threshold: Threshold::default(),
        folders: None,
    };
    Ok(Reply::html(versions(
        row.meta.id,
        &groups,
        (&a.value(row.meta.id), &b.value(row.meta.id)),
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

    #[test]
    fn the_rounds_steps_are_listed_first_newest_first() {
        let list = [
            rev(1, "carry"),
            rev(2, "save"),
            rev(3, "submit"),
            rev(4, "return"),
            rev(5, "save"),
            rev(6, "submit"),
            rev(7, "approve"),
        ];
        let meta = crate::server::store::ReportMeta {
            id: 9,
            unit: "某局".into(),
            owner: "bm001".into(),
            year: 2025,
            state: crate::server::store::State::Approved,
            revision: 7,
            errors: None,
            empty: None,
            remark: String::new(),
            changed_at: 0,
            changed_by: String::new(),
            region: String::new(),
            agency_kind: String::new(),
        };
        let row = ReportRow {
            meta,
            text: String::new(),
        };
        let groups = own_groups(&row, &list);
        let values: Vec<Vec<&str>> = groups
            .iter()
            .map(|g| g.choices.iter().map(|c| c.value.as_str()).collect())
            .collect();
        assert_eq!(values, [vec!["7", "6", "4", "3"], vec!["5", "2", "1"]]);
        assert_eq!(groups[0].choices[0].label, "第 7 版（通过，bm001）");
        assert_eq!(
            Pick::parse("12.3", 9),
            Some(Pick {
                report: 12,
                revision: 3
            })
        );
        assert_eq!(Pick::parse("4", 9).map(|p| p.value(9)), Some("4".into()));
        assert_eq!(Pick::parse("x", 9), None);
    }
}
