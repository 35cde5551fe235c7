//! A round's deadlines (issue 65): the office sets one for departments
//! and one for people's governments (default from 条例 art. 49: 31 January
//! of the next year for departments, townships and sub-districts, 31 March
//! for 县级以上人民政府, [`crate::model::agency::due_in_march`]); each unit
//! is due by the one of its kind (issue 61.3: its report text's 机关类型
//! where the text is read anyway, else the roster's, else its name;
//! [`judged`]). Days are counted in China Standard Time (UTC+8), whatever
//! the server's own zone.

use serde::Deserialize;
use serde_json::{Value, json};

use super::Server;
use super::auth::Session;
use super::store::{Deadlines, Entry, ReportMeta, ReportRow, Role, State};
use crate::civil::Date;
use crate::model::agency::{self, Basis, Judged, Kind};
use crate::serve::reply::{Answer, Reply};

/// Seconds China Standard Time is ahead of UTC.
const CHINA_OFFSET: i64 = 8 * 3600;

/// Days since 1970-01-01 of the date `y-m-d` (proleptic Gregorian).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    Date {
        year: y,
        month: m,
        day: d,
    }
    .days()
}

/// The date of day `days` since 1970-01-01, as `YYYY-MM-DD`.
pub fn date_text(days: i64) -> String {
    Date::from_days(days).iso()
}

/// The day of `YYYY-MM-DD` (a real date, years 2000–2199), or `None`.
pub fn parse_date(text: &str) -> Option<i64> {
    let mut parts = text.trim().splitn(3, '-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let d: u32 = parts.next()?.parse().ok()?;
    if !(2000..2200).contains(&y) || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let days = days_from_civil(y, m, d);
    // 2月30日 and the like come back as another date.
    (date_text(days) == format!("{y:04}-{m:02}-{d:02}")).then_some(days)
}

/// Today in China Standard Time, as days since 1970-01-01, at Unix second
/// `now`.
pub fn today(now: i64) -> i64 {
    (now + CHINA_OFFSET).div_euclid(86_400)
}

/// The deadlines in force for the round of `year`: those set, else the
/// rule's (departments 31 January, governments 31 March of the next
/// year), as days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InForce {
    /// For departments, townships and sub-districts.
    pub departments: i64,
    /// For people's governments at county level and above.
    pub governments: i64,
}

impl InForce {
    /// The deadlines of `year`'s round from what was `set`.
    pub fn of(year: i64, set: &Deadlines) -> InForce {
        let (dep, gov) = defaults(year);
        InForce {
            departments: parse_date(&set.departments).unwrap_or(dep),
            governments: parse_date(&set.governments).unwrap_or(gov),
        }
    }

    /// The day a unit taken to be `judged` is due by.
    pub fn due(&self, judged: &Judged) -> i64 {
        if judged.march {
            self.governments
        } else {
            self.departments
        }
    }
}

/// What `unit` is taken to be for its deadline and the hierarchy check:
/// what its report text declares (`own`, where the text is read anyway)
/// first, else what the roster declared (`roster`, the stored word), else
/// its name.
pub fn judged(unit: &str, own: Option<(Kind, Basis)>, roster: &str) -> Judged {
    agency::judge(unit, own.or_else(|| super::store::roster_kind(roster)))
}

/// Which deadline `judged` takes and why, in a few words for a page or an
/// export: `县级以上人民政府的截止日期，按名单中的机关类型`.
pub fn basis_words(judged: &Judged) -> String {
    let whose = match (judged.march, judged.government) {
        (true, _) => "县级以上人民政府",
        (false, true) => "乡镇、街道",
        (false, false) => "部门",
    };
    let why = match judged.basis {
        Basis::File => "按报告中的机关类型",
        Basis::Roster => "按名单中的机关类型",
        Basis::Name => "按单位名称",
    };
    format!("{whose}的截止日期，{why}")
}

/// The rule's deadlines of `year`'s round, as days.
fn defaults(year: i64) -> (i64, i64) {
    (
        days_from_civil(year + 1, 1, 31),
        days_from_civil(year + 1, 3, 31),
    )
}

/// Where a unit stands against its deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    /// Its deadline, `YYYY-MM-DD`.
    pub due: String,
    /// Days from today to the deadline (negative: past it).
    pub days_left: i64,
    /// Past the deadline without having submitted.
    pub late: bool,
    /// Which deadline and why ([`basis_words`]).
    pub basis: String,
}

/// Where `row` stands against `deadlines` on day `today`.
pub fn standing(row: &ReportMeta, deadlines: &InForce, today: i64) -> Standing {
    let judged = judged(&row.unit, None, &row.agency_kind);
    let due = deadlines.due(&judged);
    let days_left = due - today;
    let done = matches!(row.state, State::Submitted | State::Approved);
    Standing {
        due: date_text(due),
        days_left,
        late: days_left < 0 && !done,
        basis: basis_words(&judged),
    }
}

/// How `standing` reads: `还剩 3 天`, `今天截止`, `已逾期 2 天`.
pub fn words(standing: &Standing) -> String {
    match standing.days_left {
        d if d > 0 => format!("截止 {}，还剩 {d} 天", standing.due),
        0 => format!("今天（{}）截止", standing.due),
        d => format!("截止 {}，已过 {} 天", standing.due, -d),
    }
}

/// The deadlines of `year` in the store's terms, for the board: the days
/// in force, and whether each was set or is the rule's.
pub fn describe(set: &Deadlines, year: i64) -> Value {
    let force = InForce::of(year, set);
    json!({
        "departments": date_text(force.departments),
        "governments": date_text(force.governments),
        "departments_set": parse_date(&set.departments).is_some(),
        "governments_set": parse_date(&set.governments).is_some(),
    })
}

/// The deadline of `row`'s unit and the days left, for its page
/// (`{"words", "late", "basis"}`), its text's own 机关类型 (`own`, the
/// report as read for the page) first; `None` once it was submitted.
pub fn for_report(
    server: &Server,
    row: &ReportRow,
    own: Option<(Kind, Basis)>,
) -> Result<Option<Value>, Reply> {
    if !row.meta.state.editable() {
        return Ok(None);
    }
    let force = InForce::of(row.meta.year, &server.store().deadlines(row.meta.year)?);
    let judged = judged(&row.meta.unit, own, &row.meta.agency_kind);
    let due = force.due(&judged);
    let days_left = due - today(super::store::now());
    let standing = Standing {
        due: date_text(due),
        days_left,
        late: days_left < 0,
        basis: basis_words(&judged),
    };
    Ok(Some(
        json!({ "words": words(&standing), "late": standing.late, "basis": standing.basis }),
    ))
}

/// The body of `POST /api/deadline`.
#[derive(Debug, Deserialize)]
pub struct SetDeadlines {
    /// The round's year.
    pub year: i64,
    /// `YYYY-MM-DD`, or empty for the rule's.
    #[serde(default)]
    pub departments: String,
    /// `YYYY-MM-DD`, or empty for the rule's.
    #[serde(default)]
    pub governments: String,
}

/// `POST /api/deadline` (the office): sets the deadlines of the latest
/// round (an empty one: the rule's again), with its audit line.
pub fn set(server: &Server, session: &Session, req: SetDeadlines) -> Answer {
    // One round, one pair of deadlines: the top office sets them.
    if session.role != Role::Office || !session.region.is_empty() {
        return Err(Reply::error(403, "只有最上级的审核账号可以设置截止日期"));
    }
    let store = server.store();
    if store.rounds()?.first() != Some(&req.year) {
        return Err(Reply::error(
            409,
            &format!("只能设置正在收集的年度的截止日期（不是 {} 年度）", req.year),
        ));
    }
    let mut set = Deadlines::default();
    for (given, into, whose) in [
        (&req.departments, &mut set.departments, "部门"),
        (&req.governments, &mut set.governments, "人民政府"),
    ] {
        let given = given.trim();
        if given.is_empty() {
            continue;
        }
        let day = parse_date(given).ok_or_else(|| {
            Reply::error(
                400,
                &format!(
                    "{whose}的截止日期“{}”不是日期，请写成 2026-01-31 的样子",
                    crate::diag::visible(given)
                ),
            )
        })?;
        *into = date_text(day);
    }
    let force = InForce::of(req.year, &set);
    let detail = format!(
        "{} 年度：部门 {}，人民政府 {}",
        req.year,
        date_text(force.departments),
        date_text(force.governments)
    );
    store.set_deadlines(
        req.year,
        &set,
        &Entry {
            who: &session.user,
            action: "设置截止日期",
            detail: &detail,
        },
    )?;
    Ok(Reply::json(
        200,
        &json!({ "year": req.year, "deadlines": describe(&set, req.year) }),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_go_both_ways() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(date_text(0), "1970-01-01");
        assert_eq!(parse_date("2026-01-31"), Some(days_from_civil(2026, 1, 31)));
        assert_eq!(date_text(days_from_civil(2028, 2, 29)), "2028-02-29");
        assert_eq!(parse_date("2026-02-30"), None);
        assert_eq!(
            parse_date("2026-1-31").map(date_text).as_deref(),
            Some("2026-01-31")
        );
        assert_eq!(parse_date("明天"), None);
        assert_eq!(parse_date("99999-01-01"), None);
    }

    #[test]
    fn governments_are_due_in_march_and_departments_in_january() {
        let force = InForce::of(2025, &Deadlines::default());
        let due = |unit: &str| date_text(force.due(&judged(unit, None, "")));
        assert_eq!(due("某县教育局"), "2026-01-31");
        assert_eq!(due("某县人民政府"), "2026-03-31");
        assert_eq!(due("某县某镇人民政府"), "2026-01-31");
        let set = Deadlines {
            departments: "2026-01-20".into(),
            governments: String::new(),
        };
        assert_eq!(
            date_text(InForce::of(2025, &set).due(&judged("某县教育局", None, ""))),
            "2026-01-20"
        );
    }

    #[test]
    fn the_text_then_the_roster_then_the_name_decide() {
        let force = InForce::of(2025, &Deadlines::default());
        // Named like a department, declared a government by the roster.
        let roster = judged("某某高新区管理局", None, "政府");
        assert_eq!(date_text(force.due(&roster)), "2026-03-31");
        assert_eq!(
            basis_words(&roster),
            "县级以上人民政府的截止日期，按名单中的机关类型"
        );
        // Named like a government, declared a department.
        let dept = judged("某县人民政府办公室", None, "部门");
        assert_eq!(date_text(force.due(&dept)), "2026-01-31");
        // The report's own 机关类型 comes before the roster's.
        let own = judged(
            "某县人民政府办公室",
            Some((Kind::Government, Basis::File)),
            "部门",
        );
        assert_eq!(date_text(force.due(&own)), "2026-03-31");
        assert!(basis_words(&own).contains("按报告中的机关类型"));
        let named = judged("某县教育局", None, "");
        assert_eq!(basis_words(&named), "部门的截止日期，按单位名称");
    }

    #[test]
    fn a_unit_is_late_only_past_its_day_and_not_submitted() {
        let force = InForce::of(2025, &Deadlines::default());
        let due = force.departments;
        let row = |state| ReportMeta {
            id: 1,
            unit: "某县教育局".into(),
            year: 2025,
            state,
            revision: 0,
            errors: None,
            empty: None,
            remark: String::new(),
            changed_at: 0,
            changed_by: String::new(),
            owner: "bm001".into(),
            region: String::new(),
            agency_kind: String::new(),
        };
        assert!(!standing(&row(State::Filling), &force, due).late);
        assert_eq!(
            words(&standing(&row(State::Filling), &force, due)),
            "今天（2026-01-31）截止"
        );
        assert!(standing(&row(State::Filling), &force, due + 1).late);
        assert!(!standing(&row(State::Submitted), &force, due + 1).late);
        assert_eq!(standing(&row(State::New), &force, due - 3).days_left, 3);
        // 2026-01-31 16:00 UTC is already 1 February in China.
        assert_eq!(
            today(days_from_civil(2026, 1, 31) * 86_400 + 16 * 3600),
            due + 1
        );
    }
}
