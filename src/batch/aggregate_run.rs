//! `aggregate` over files and folders: the data files found and checked,
//! the sources held against the roster, and their sum written as one data
//! file for the agency. The caller prints the account.

use std::path::{Path, PathBuf};

use super::aggregate::{self, Sources};
use super::progress::{Note, Observer};
use super::roster::{self, Submission};
use super::walk::{self, Found, Reading};
use crate::check::{Checked, check_walked};
use crate::diag::visible;
use crate::files;
use crate::model::Report;
use crate::next_year::new_file::{existing_dir, relative_path};
use crate::stop::Stop;

/// What to sum, for whom, and where to.
#[derive(Debug, Clone, Default)]
pub struct AggregateOptions {
    /// Data files and folders of them.
    pub files: Vec<PathBuf>,
    /// The agency of the sum, as typed.
    pub agency: String,
    /// The output (default: `<year>-aggregate.yaml`).
    pub output: Option<PathBuf>,
    /// Last year's file of the sum, written as its `上年数据`.
    pub prev: Option<PathBuf>,
    /// Sums sources with errors or agencies counted twice; replaces the
    /// output.
    pub force: bool,
    /// The year to sum (default: the year most sources are of).
    pub year: Option<i32>,
    /// The roster of agencies that must report.
    pub roster: Option<PathBuf>,
    /// A web page of the sum's figures written beside it (`--html`), made
    /// by `page`.
    pub html: Option<PathBuf>,
    /// Makes that page (the command line passes `compare`'s charts).
    pub page: Option<SumPage>,
}

/// What the web page of a sum is made from (issue 65): the sum, last
/// year's sum (`--prev`), and each source's report with its own last
/// year's (its `上年数据`), when they can be read.
#[derive(Debug)]
pub struct SumView<'a> {
    /// The year summed.
    pub year: i32,
    /// The sum.
    pub sum: &'a Report,
    /// Last year's sum.
    pub prev: Option<Report>,
    /// Each source: its report and last year's.
    pub units: Vec<(&'a Report, Option<Report>)>,
}

/// Makes the web page of a sum.
pub type SumPage = fn(&SumView<'_>) -> String;

/// The report of the data file at `path`, if it can be read as one.
fn report_at(path: &Path) -> Option<Report> {
    crate::load::load_path(path).ok()?.report
}

/// The web page of the sum `draft` of `sources`, if asked.
fn sum_page(
    opts: &AggregateOptions,
    checked: &[Checked],
    sources: &Sources<'_>,
    sum: &Report,
) -> Option<(PathBuf, Vec<u8>)> {
    let (path, page) = (opts.html.clone()?, opts.page?);
    let units = sources
        .sources
        .iter()
        .map(|s| {
            let file = checked
                .iter()
                .find(|c| c.report.as_ref().is_some_and(|r| std::ptr::eq(r, s.report)));
            let before = file.and_then(|c| {
                let previous = &s.report.previous.as_ref()?.value;
                report_at(&c.file.path.parent()?.join(previous))
            });
            (s.report, before)
        })
        .collect();
    let view = SumView {
        year: sources.year,
        sum,
        prev: opts.prev.as_deref().and_then(report_at),
        units,
    };
    Some((path, page(&view).into_bytes()))
}

/// The sum written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Aggregated {
    /// The file written.
    pub out: PathBuf,
    /// How many sources were summed.
    pub sources: usize,
    /// The agency of the sum, trimmed.
    pub agency: String,
    /// The year summed.
    pub year: i32,
    /// How many cells are left `~` because a source left them empty.
    pub unknown_cells: usize,
}

/// Sums the data files of `opts.files` into one file; what is set aside,
/// the roster's account and a sum forced past problems are told to
/// `observer` as they arise.
pub fn aggregate_files(
    opts: &AggregateOptions,
    observer: &dyn Observer,
) -> Result<Aggregated, Stop> {
    let agency = crate::next_year::agency_name(&opts.agency).map_err(Stop::usage)?;
    let found = walked(&opts.files, observer)?;
    let roster = roster::read_given(opts.roster.as_deref())?;
    let mut checked: Vec<Checked> = Vec::new();
    let mut unreadable: Vec<String> = Vec::new();
    for (path, seen) in found.walked() {
        match check_walked(path, seen, None) {
            Ok(c) => checked.push(c),
            Err(e) => unreadable.push(e.to_string()),
        }
    }
    let result = aggregate::sources(&checked, agency, opts.year);
    // Every source that stops the sum is named, all in one run.
    if !unreadable.is_empty() {
        return Err(unreadable_sources(unreadable, &result));
    }
    let sources = result.map_err(|e| Stop::input(e.to_string()))?;
    for line in &sources.set_aside {
        observer.note(Note::Notice(format!("未计入 {line}")));
    }
    if let Some(roster) = &roster {
        for line in
            roster::reconcile(roster, &submissions(&sources), Some(sources.year)).lines(roster)
        {
            observer.note(Note::Roster(line));
        }
    }
    if !sources.problems.is_empty() {
        let list = sources.problems.join("\n  ");
        if !opts.force {
            return Err(Stop::input(format!(
                "来源有问题，没有汇总（改正后重试，或加 --force 仍然汇总）：\n  {list}"
            )));
        }
        observer.note(Note::Warning(format!("按 --force 仍然汇总：\n  {list}")));
    }
    write_sum(opts, &found, &checked, &sources, agency)
}

/// Writes the sum of `sources`, refusing an output that is one of the
/// inputs (a source, `--prev`, a source's last-year file).
fn write_sum(
    opts: &AggregateOptions,
    found: &Found,
    checked: &[Checked],
    sources: &Sources<'_>,
    agency: &str,
) -> Result<Aggregated, Stop> {
    let out = opts
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("{}-aggregate.yaml", sources.year)));
    let out_dir = existing_dir(&out)?;
    let mut inputs: Vec<PathBuf> = found.files.clone();
    inputs.extend(opts.prev.iter().cloned());
    // Each source's last-year file (`上年数据`, relative to the source) is
    // someone's input too.
    for c in checked {
        if let (Some(report), Some(dir)) = (&c.report, c.file.path.parent())
            && let Some(previous) = &report.previous
        {
            inputs.push(dir.join(&previous.value));
        }
    }
    if let Some(input) = files::clobbered_input(&out, &inputs) {
        return Err(Stop::usage(format!(
            "输出文件 {} 就是输入文件 {}，不能覆盖；请用 -o 另给文件名",
            out.display(),
            input.display()
        )));
    }
    let previous = match &opts.prev {
        None => None,
        Some(p) => Some(previous_path(p, &out_dir)?),
    };
    let (draft, unknown) = aggregate::sum(&sources.sources, agency, previous.as_deref());
    if unknown.too_large > 0 {
        return Err(Stop::input(format!(
            "未生成：有 {} 格的合计超过 {}，不像真实的件数（数据文件也不能这样写）；请核对各来源中过大的数字（nianbao check 各来源可找出）",
            unknown.too_large,
            crate::load::MAX_COUNT
        )));
    }
    let mut group = vec![(out.clone(), draft.text().into_bytes())];
    if let Some(html) = &opts.html
        && (files::clobbered_input(html, &inputs).is_some() || *html == out)
    {
        return Err(Stop::usage(format!(
            "网页 {} 就是输入文件，不能覆盖；请另给文件名",
            html.display()
        )));
    }
    group.extend(sum_page(opts, checked, sources, &draft.report));
    files::write_group_new(&group, opts.force).map_err(|(path, e)| Stop::not_written(&path, &e))?;
    Ok(Aggregated {
        out,
        sources: sources.sources.len(),
        agency: agency.to_string(),
        year: sources.year,
        unknown_cells: unknown.cells,
    })
}

/// The stop for sources that cannot be read, naming with them those
/// that cannot be summed.
fn unreadable_sources(
    mut lines: Vec<String>,
    result: &Result<Sources<'_>, aggregate::Refusal>,
) -> Stop {
    if let Err(aggregate::Refusal::Blocked(more)) = result {
        lines.extend(more.iter().cloned());
    }
    Stop::io(format!(
        "未汇总：{} 个来源无法读取或无法汇总：\n  {}",
        lines.len(),
        lines.join("\n  ")
    ))
}

/// The sources as the roster sees them.
fn submissions(sources: &Sources<'_>) -> Vec<Submission> {
    sources
        .sources
        .iter()
        .map(|s| Submission {
            file: s.name.clone(),
            agency: s.report.agency.value.clone(),
            year: s.report.year.value,
            edition: Some(s.report.edition()),
        })
        .collect()
}

/// The data files of `files`, what was passed over told; a folder that
/// cannot be read stops the sum, which would be short.
fn walked(files: &[PathBuf], observer: &dyn Observer) -> Result<Found, Stop> {
    let found = walk::expand(files)?;
    for (dir, message) in &found.empty_dirs {
        observer.note(Note::Notice(format!("{}：{message}", dir.display())));
    }
    if let Some((dir, reason)) = found.unreadable_dirs.first() {
        return Err(Stop::io(format!(
            "未汇总：{}：无法读取目录：{reason}",
            dir.display()
        )));
    }
    for note in &found.skipped {
        observer.note(Note::Notice(visible(note).into_owned()));
    }
    for path in &found.passed_over {
        observer.note(Note::Notice(format!(
            "未读取 {}：{}",
            visible(&path.display().to_string()),
            walk::advice(path, Reading::DataFiles)
        )));
    }
    if found.files.is_empty() {
        return Err(Stop::usage("没有找到要汇总的数据文件"));
    }
    Ok(found)
}

/// `--prev` as written into the result: relative to the output's folder.
fn previous_path(prev: &Path, out_dir: &Path) -> Result<String, Stop> {
    if !prev.is_file() {
        return Err(Stop::usage(format!(
            "{}：上年数据文件不存在或不是文件",
            prev.display()
        )));
    }
    let (Ok(abs), Ok(dir)) = (prev.canonicalize(), out_dir.canonicalize()) else {
        return Err(Stop::usage(format!("{}：无法确定文件位置", prev.display())));
    };
    Ok(relative_path(&abs, &dir))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_agency_is_refused_before_reading() {
        let e = aggregate_files(
            &AggregateOptions {
                files: vec![PathBuf::from("/nonexistent")],
                agency: "  ".into(),
                ..AggregateOptions::default()
            },
            &super::super::progress::Quiet,
        )
        .unwrap_err();
        assert_eq!(e.kind, crate::stop::StopKind::Usage);
        assert_eq!(e.message, "机关名称为空或含有控制字符");
    }

    #[test]
    fn a_missing_prev_is_refused() {
        let tmp = crate::testutil::TempDir::new("aggregate-prev");
        let e = previous_path(&tmp.0.join("gone.yaml"), &tmp.0).unwrap_err();
        assert!(e.message.contains("上年数据文件不存在"), "{e}");
    }
}
