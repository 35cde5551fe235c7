//! AGENCY-NAME: the agency's name written shorter or otherwise than last
//! year's file (PREV) or the county's roster writes it, while it is the
//! same agency (`model::names`: regions left out, a slip of a character or
//! two): a warning that names both, so that the title and the 落款 carry
//! the full name. A former name declared (`曾用名`) is a rename, not a
//! slip.

use crate::diag::{Diagnostic, codes};
use crate::model::names::{self, Match};
use crate::model::schema::top;
use crate::model::{Report, path};

/// The name of `prev` against this year's.
pub(super) fn against_previous(report: &Report, prev: &Report, out: &mut Vec<Diagnostic>) {
    let before = prev.agency.value.trim();
    if declared_former(report, before) {
        return;
    }
    if let Some(d) = finding(report, before, "上年报告") {
        out.push(d);
    }
}

/// The warning for a name that differs from `roster_name`, the roster's
/// entry for it, when it is not a former name the file declares.
pub fn against_roster(report: &Report, roster_name: &str) -> Option<Diagnostic> {
    if declared_former(report, roster_name) {
        return None;
    }
    finding(report, roster_name.trim(), "名单")
}

/// The warning when this year's name is near `other` but not it.
fn finding(report: &Report, other: &str, whose: &str) -> Option<Diagnostic> {
    let this = report.agency.value.trim();
    if this.is_empty() || other.is_empty() || names::normalize(this) == names::normalize(other) {
        return None;
    }
    let Match::Near(_, why) = names::find(this, &[other.to_string()]) else {
        return None;
    };
    // A name longer than the other's is the fuller one (交通局 last year,
    // 交通运输局 now): nothing to say.
    let (mine, theirs) = (this.chars().count(), other.chars().count());
    let message = match mine.cmp(&theirs) {
        std::cmp::Ordering::Greater => return None,
        std::cmp::Ordering::Less => format!("机关名称“{this}”比{whose}中的“{other}”短（{why}）"),
        std::cmp::Ordering::Equal => format!("机关名称“{this}”与{whose}中的“{other}”不同（{why}）"),
    };
    Some(
        Diagnostic::new_at(
            codes::AGENCY_NAME,
            message,
            report.agency.span,
            path::field(top::AGENCY),
        )
        .label(format!("{whose}中为“{other}”"))
        .help(format!(
            "标题和落款要写机关全称：核对后改为“{other}”；确已更名的，在数据文件中写“曾用名: {other}”"
        )),
    )
}

/// Whether `name` is one of the names the file declares in `曾用名`
/// (matched as agency names are: regions added or left out, a slip of a
/// character or two).
pub(super) fn declared_former(report: &Report, name: &str) -> bool {
    let declared: Vec<String> = report
        .former_names()
        .into_iter()
        .map(String::from)
        .collect();
    !declared.is_empty() && !matches!(names::find(name, &declared), Match::None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(name: &str) -> Report {
        let mut r = crate::testutil::report(crate::model::Edition::E2021);
        r.agency.value = name.to_string();
        r
    }

    #[test]
    fn a_shorter_or_other_name_of_the_same_agency_is_named_with_both() {
        let r = named("交通运输局");
        let d = against_roster(&r, "淄博市张店区交通运输局").unwrap();
        assert!(
            d.message
                .contains("“交通运输局”比名单中的“淄博市张店区交通运输局”短"),
            "{}",
            d.message
        );
        // A slip of a character: the same length, different.
        let d = against_roster(&named("淄博市张店区交通运愉局"), "淄博市张店区交通运输局").unwrap();
        assert!(d.message.contains("不同"), "{}", d.message);
        // The fuller name this year is no slip.
        assert!(against_roster(&named("淄博市张店区交通运输局"), "张店区交通运输局").is_none());
        assert!(
            against_roster(&named("淄博市张店区交通运输局"), "淄博市张店区交通运输局").is_none()
        );
        // Another agency is PREV's or the roster's business, not this.
        assert!(against_roster(&named("淄博市张店区教育局"), "淄博市张店区交通运输局").is_none());
        // A neighbour's unit on the map is another agency, however alike
        // the names (issue 73.2).
        assert!(against_roster(&named("淄博市公安局临淄分局"), "淄博市公安局张店分局").is_none());
        assert!(against_roster(&named("傅家镇人民政府"), "中埠镇人民政府").is_none());
        assert!(against_roster(&named("张店区交通局"), "淄博市张店区交通运输局").is_some());
        // A declared rename is no slip.
        let mut renamed = named("交通运输局");
        renamed.former_names = Some(crate::model::Located::new(
            "淄博市张店区交通运输局".to_string(),
            crate::source::Span::default(),
        ));
        assert!(against_roster(&renamed, "淄博市张店区交通运输局").is_none());
    }
}
