//! Writing the accepted changes of a reviewed document ([`crate::signoff`])
//! into the data file's text, the way the page's edits are written
//! ([`yaml_edit::set`]: only the changed values' bytes, comments and
//! layout kept), and the findings a change would cause. Shared by the
//! workbench's 导入审签稿 and `nianbao merge --apply` (审签).

use std::collections::{BTreeMap, HashSet};

use super::yaml_edit::{self, EditError};
use crate::diag::Diagnostic;
use crate::load;
use crate::model::schema::top;
use crate::model::{Report, path};
use crate::signoff::{self, Change, Edit};
use crate::source::SourceFile;

/// What writing a set of changes did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// The data file's new text.
    pub text: String,
    /// The ids of the changes written.
    pub written: Vec<usize>,
    /// The ids of the changes not written, with why.
    pub failed: Vec<(usize, String)>,
}

/// The current value of narrative field `data_path` of `report`.
fn field_value<'r>(report: &'r Report, data_path: &str) -> Option<&'r str> {
    match data_path {
        top::OVERVIEW => Some(&report.overview.value),
        top::PROBLEMS => Some(&report.problems.value),
        top::PREFACE => report.preface.as_ref().map(|p| p.value.as_str()),
        p if p == path::other_body() => Some(&report.other.value),
        _ => None,
    }
}

/// `text` (named `name`) with `changes` written; those that cannot be
/// written are left out and named. A change is written whole or not at
/// all; the edits of one narrative field are written together.
pub fn apply(name: &str, text: &str, changes: &[&Change]) -> Result<Applied, EditError> {
    let loaded = load::load_str(SourceFile::new(name, text));
    let report = loaded.report.ok_or_else(|| {
        EditError(
            "数据文件无法读取为年报，无法写入审签稿的改动：请先在工作台中打开它，按页面上的提示改好".into(),
        )
    })?;
    let edition = report.edition();
    let mut out = Applied {
        text: text.to_string(),
        written: Vec::new(),
        failed: Vec::new(),
    };
    // The edits of each field, with the changes they come from.
    let mut fields: BTreeMap<&str, Vec<&Change>> = BTreeMap::new();
    for c in changes {
        match &c.edit {
            Edit::Value { path, value } => match yaml_edit::set(&out.text, edition, path, value) {
                Ok(t) => {
                    out.text = t;
                    out.written.push(c.id);
                }
                Err(e) => out.failed.push((c.id, e.0)),
            },
            Edit::Field { path, .. } => fields.entry(path.as_str()).or_default().push(c),
            Edit::None => out
                .failed
                .push((c.id, c.problem.clone().unwrap_or_else(|| "无法写回".into()))),
        }
    }
    for (field, list) in fields {
        let edits: Vec<_> = list
            .iter()
            .flat_map(|c| match &c.edit {
                Edit::Field { edits, .. } => edits.iter().collect::<Vec<_>>(),
                _ => Vec::new(),
            })
            .collect();
        let value = field_value(&report, field)
            .and_then(|v| signoff::apply_field_edits(v, &edits))
            .ok_or_else(|| format!("“{field}”的内容已与审签稿对不上，未写入"));
        let result =
            value.and_then(|v| yaml_edit::set(&out.text, edition, field, &v).map_err(|e| e.0));
        match result {
            Ok(t) => {
                out.text = t;
                out.written.extend(list.iter().map(|c| c.id));
            }
            Err(e) => out.failed.extend(list.iter().map(|c| (c.id, e.clone()))),
        }
    }
    out.written.sort_unstable();
    Ok(out)
}

/// Most changes whose findings are worked out (each is a check of the file).
pub const MAX_FINDINGS: usize = 200;

/// What `check` would newly find if `change` alone were written into
/// `text`: `代码：说明` lines. Empty when it finds nothing new or the
/// change cannot be written.
pub fn findings(name: &str, text: &str, change: &Change, before: &[Diagnostic]) -> Vec<String> {
    let Ok(applied) = apply(name, text, &[change]) else {
        return Vec::new();
    };
    if applied.written.is_empty() {
        return Vec::new();
    }
    let key = |d: &Diagnostic| (d.code.as_str(), d.path.clone(), d.message.clone());
    let known: HashSet<_> = before.iter().map(key).collect();
    let after = crate::check::check_loaded(
        load::load_str(SourceFile::new(name, applied.text.as_str())),
        None,
    );
    after
        .diagnostics
        .iter()
        .filter(|d| !known.contains(&key(d)))
        .map(|d| format!("{}：{}", d.code.as_str(), d.message))
        .collect()
}

/// What `check` would newly find once all of `chosen` are written into
/// `text` together (not one at a time: two edits may only clash once both
/// are in): for each change, the new findings at the data path it writes,
/// and the new findings at no chosen change's path. `代码：说明` lines.
pub fn findings_together(
    name: &str,
    text: &str,
    changes: &[Change],
    chosen: &[&Change],
    before: &[Diagnostic],
) -> (Vec<Vec<String>>, Vec<String>) {
    let mut per_change = vec![Vec::new(); changes.len()];
    let Ok(applied) = apply(name, text, chosen) else {
        return (per_change, Vec::new());
    };
    if applied.written.is_empty() {
        return (per_change, Vec::new());
    }
    let key = |d: &Diagnostic| (d.code.as_str(), d.path.clone(), d.message.clone());
    let known: HashSet<_> = before.iter().map(key).collect();
    let after = crate::check::check_loaded(
        load::load_str(SourceFile::new(name, applied.text.as_str())),
        None,
    );
    let mut rest = Vec::new();
    for d in after
        .diagnostics
        .iter()
        .filter(|d| !known.contains(&key(d)))
    {
        let line = format!("{}：{}", d.code.as_str(), d.message);
        let at = changes.iter().position(|c| {
            applied.written.contains(&c.id)
                && c.edit
                    .path()
                    .zip(d.path.as_deref())
                    .is_some_and(|(p, q)| q == p || q.starts_with(&format!("{p}.")))
        });
        match at {
            Some(i) => per_change[i].push(line),
            None => rest.push(line),
        }
    }
    (per_change, rest)
}

/// The diagnostics of `text` as it is: what [`findings`] compares with.
pub fn diagnostics(name: &str, text: &str) -> Vec<Diagnostic> {
    crate::check::check_loaded(load::load_str(SourceFile::new(name, text)), None).diagnostics
}

#[cfg(test)]
mod tests;
