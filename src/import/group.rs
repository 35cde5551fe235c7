//! Keeps the import's report readable whatever the input: notes of one kind
//! beyond the first few are summed up in one line, and the total is capped.

use std::collections::HashMap;

use crate::diag::{Code, Diagnostic, Severity};

/// Notes shown of each kind before the rest are summed up.
pub const PER_KIND: usize = 5;
/// Most notes shown in all (summaries included).
pub const MAX_NOTES: usize = 200;

/// What makes two notes alike: their code, severity and the message up to
/// the text it quotes from the source.
type Kind = (Code, Severity, String);

/// The kind of a note (`表三中未识别的文字，未导入：…` → `表三中未识别的文字，未导入`).
fn kind(d: &Diagnostic) -> Kind {
    let head = d
        .message
        .split(['：', '“'])
        .next()
        .unwrap_or(&d.message)
        .to_string();
    (d.code, d.severity, head)
}

/// The note that stands for `n` notes of `kind` not listed.
fn summary((code, severity, head): Kind, n: usize) -> Diagnostic {
    let message = format!("另有 {n} 处同类内容（{head}）未逐一列出");
    match severity {
        Severity::Error => Diagnostic::error(code, message),
        Severity::Warning => Diagnostic::warning(code, message),
        Severity::Info => Diagnostic::info(code, message),
    }
}

/// How many notes of one kind are kept: [`PER_KIND`], or [`MAX_NOTES`] of
/// an error (never hidden before the total cap).
fn room(kind: &Kind) -> usize {
    if kind.1 == Severity::Error {
        MAX_NOTES
    } else {
        PER_KIND
    }
}

/// Counts the notes of each kind as they come, while a source is read:
/// those past a kind's room are turned away before anything is done with
/// them (placed, quoted, written into the data file), so that a page with
/// one slip repeated a million times is read in bounded time and memory.
#[derive(Debug, Default)]
pub struct Tally {
    /// Notes seen of each kind, and where its summary is in `turned_away`.
    seen: HashMap<Kind, (usize, Option<usize>)>,
    /// Kinds with notes turned away, in the order of the first: how many,
    /// and the data-file path of the first.
    turned_away: Vec<(Kind, usize, Option<String>)>,
}

impl Tally {
    /// Whether `d` is kept, counting it; `path` is the row being read.
    pub fn admit(&mut self, d: &Diagnostic, path: Option<&str>) -> bool {
        let k = kind(d);
        let room = room(&k);
        let (n, at) = self.seen.entry(k.clone()).or_insert((0, None));
        *n += 1;
        if *n <= room {
            return true;
        }
        match at {
            Some(i) => self.turned_away[*i].1 += 1,
            None => {
                *at = Some(self.turned_away.len());
                let path = d.path.as_deref().or(path).map(str::to_string);
                self.turned_away.push((k, 1, path));
            }
        }
        false
    }

    /// One note per kind with notes turned away, saying how many, about the
    /// path of the first.
    pub fn summaries(self) -> impl Iterator<Item = Diagnostic> {
        self.turned_away.into_iter().map(|(k, n, path)| {
            let d = summary(k, n);
            match path {
                Some(p) => d.path(p),
                None => d,
            }
        })
    }
}

/// Groups `diags` (in source order): the first [`PER_KIND`] of each kind are
/// kept, the rest become one note per kind, "另有 N 处同类内容……", placed
/// after the last kept one; errors are always kept before the cap applies.
pub fn group(diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut tally = Tally::default();
    let mut kept: Vec<Diagnostic> = diags.into_iter().filter(|d| tally.admit(d, None)).collect();
    kept.extend(tally.summaries().map(|mut d| {
        d.path = None;
        d
    }));
    if kept.len() > MAX_NOTES {
        let extra = kept.len() - MAX_NOTES + 1;
        // Errors first, so that the cap never hides one.
        kept.sort_by_key(|d| d.severity);
        kept.truncate(MAX_NOTES - 1);
        kept.push(Diagnostic::info(
            crate::diag::codes::IMPORT_UNPLACED,
            format!("另有 {extra} 条提示未列出"),
        ));
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::codes;

    #[test]
    fn repeated_notes_are_summed_up() {
        let notes: Vec<Diagnostic> = (0..1000)
            .map(|i| {
                Diagnostic::info(
                    codes::IMPORT_UNPLACED,
                    format!("表三中未识别的文字，未导入：垃圾{i}"),
                )
            })
            .chain([Diagnostic::error(codes::IMPORT_MISSING, "缺少表四")])
            .collect();
        let grouped = group(notes);
        assert_eq!(grouped.len(), PER_KIND + 2, "{grouped:#?}");
        assert!(grouped.iter().any(|d| d.code == codes::IMPORT_MISSING));
        let summary = grouped.last().unwrap();
        assert!(
            summary.message.contains("另有 995 处"),
            "{}",
            summary.message
        );
    }

    #[test]
    fn the_total_is_capped_but_errors_stay() {
        let notes: Vec<Diagnostic> = (0..1000)
            .map(|i| Diagnostic::error(codes::IMPORT_MISSING, format!("缺少第{i}行")))
            .collect();
        let grouped = group(notes);
        assert_eq!(grouped.len(), MAX_NOTES);
        assert!(grouped.last().unwrap().message.contains("另有"));
    }

    #[test]
    fn a_tally_keeps_the_first_of_a_kind_and_sums_up_the_rest_at_its_path() {
        let mut tally = Tally::default();
        let note = |i: usize| {
            Diagnostic::warning(
                codes::IMPORT_UNPLACED,
                format!("表二中“规章”后的数字无法归入：{i}"),
            )
        };
        let kept = (0..100)
            .filter(|&i| tally.admit(&note(i), Some("主动公开.规章")))
            .count();
        assert_eq!(kept, PER_KIND);
        let errors = (0..300)
            .filter(|_| tally.admit(&Diagnostic::error(codes::IMPORT_MISSING, "缺少：x"), None))
            .count();
        assert_eq!(errors, MAX_NOTES);
        let summaries: Vec<Diagnostic> = tally.summaries().collect();
        assert_eq!(summaries.len(), 2, "{summaries:#?}");
        assert_eq!(
            summaries[0].message,
            "另有 95 处同类内容（表二中）未逐一列出"
        );
        assert_eq!(summaries[0].path.as_deref(), Some("主动公开.规章"));
        assert_eq!(summaries[0].severity, Severity::Warning);
        assert_eq!(
            summaries[1].message,
            "另有 100 处同类内容（缺少）未逐一列出"
        );
    }
}
