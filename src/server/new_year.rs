//! The next year's round in the same store: every unit gets next year's
//! report from its approved (else latest) one, rolled forward as `nianbao
//! new --from` rolls a data file forward ([`crate::next_year::roll_forward`]:
//! 上年结转 filled, last year's text carried as the clerk's draft). A
//! roster given again adds units, renames them (a unit whose 曾用名 is an
//! account's name now; the old name is kept) and retires those left out;
//! their history stays with their accounts. Earlier rounds are closed:
//! readable and comparable, no longer changed.

use std::collections::{HashMap, HashSet};

use super::Server;
use super::auth;
use super::setup::department_user;
use super::store::{self, Account, NewRound, Renamed, ReportRow, Role, RoundReport, Store};
use crate::batch::names::normalize;
use crate::batch::roster::Roster;
use crate::model::agency::Kind;
use crate::serve::reply::{Reason, Reply};

/// Refuses (409) a change to `row` when its round is closed (a later
/// year was opened).
pub fn still_open(server: &Server, row: &ReportRow) -> Result<(), Reply> {
    let latest = server
        .store()
        .rounds()?
        .first()
        .copied()
        .unwrap_or(row.meta.year);
    if row.meta.year < latest {
        return Err(Reply::refused(
            Reason::Readonly,
            &format!(
                "{} 年度的收集已结束（已开启 {latest} 年度），这份报告只能查看和比较",
                row.meta.year
            ),
        ));
    }
    Ok(())
}

/// What opening a round did.
#[derive(Debug, Clone, Default)]
pub struct Opened {
    /// The year opened.
    pub year: i64,
    /// Reports started from an approved one.
    pub from_approved: usize,
    /// Reports started from one not approved (its latest text).
    pub from_latest: usize,
    /// Reports started blank (a unit added, or last year unreadable).
    pub blank: usize,
    /// Units added: account, one-time password, unit.
    pub added: Vec<(String, String, String)>,
    /// Units renamed: account, old name, new name.
    pub renamed: Vec<(String, String, String)>,
    /// Units retired: account, name.
    pub retired: Vec<(String, String)>,
    /// Reports still in review (已提交) last year, carried over as
    /// submitted (they can no longer be approved or returned): account,
    /// unit.
    pub carried_in_review: Vec<(String, String)>,
}

/// The reports of the latest round still in review (已提交): to approve
/// or return before the next year is opened, or to carry over as they
/// are.
pub fn in_review(store: &dyn Store) -> Result<Vec<ReportRow>, String> {
    let Some(current) = store.rounds()?.first().copied() else {
        return Ok(Vec::new());
    };
    Ok(store
        .reports_of_year(None, current)?
        .into_iter()
        .filter(|r| r.meta.state == store::State::Submitted)
        .collect())
}

/// The refusal to open the next year while `pending` reports are in
/// review: each named, what to do.
pub fn in_review_refusal(pending: &[ReportRow]) -> String {
    let named: Vec<String> = pending
        .iter()
        .take(20)
        .map(|r| format!("{}（{}）", r.meta.unit, r.meta.owner))
        .collect();
    let more = if pending.len() > named.len() {
        format!("等 {} 份", pending.len())
    } else {
        String::new()
    };
    format!(
        "还有 {} 份报告已提交、尚未审核：{}{more}。请先在看板上通过或退回；或确认按提交的内容结转（结转后这些报告不能再通过或退回），命令行为 --carry-in-review，没有改动",
        pending.len(),
        named.join("、")
    )
}

/// How the roster's units meet the accounts.
#[derive(Debug, Default)]
struct Plan {
    /// Accounts that go on, with their name in the new year.
    going_on: Vec<(Account, String)>,
    /// Names of units added.
    added: Vec<String>,
    /// The region of each unit added, from the roster (the units that go
    /// on keep theirs).
    added_regions: Vec<String>,
    /// What the roster declares each unit added to be (`政府`, `部门`;
    /// empty: not declared), in the order of `added`.
    added_kinds: Vec<&'static str>,
    /// Units going on whose 机关类型 the roster declares anew: the account
    /// and the word (a blank cell keeps what was declared before).
    declared: Vec<(i64, &'static str)>,
    /// Accounts retired.
    retired: Vec<Account>,
}

/// Meets `roster` (if given) with the department accounts `accounts`:
/// the same name, else a name the roster gives as its 曾用名 or one the
/// account had before (`former`), goes on; a roster name met by none is
/// added; an account met by no name is retired.
fn plan(accounts: &[Account], former: &HashMap<i64, Vec<String>>, roster: Option<&Roster>) -> Plan {
    let active: Vec<&Account> = accounts
        .iter()
        .filter(|a| a.role == Role::Department && !a.retired)
        .collect();
    let Some(roster) = roster else {
        return Plan {
            going_on: active
                .iter()
                .map(|a| ((*a).clone(), a.unit.clone()))
                .collect(),
            ..Plan::default()
        };
    };
    let mut taken: HashSet<i64> = HashSet::new();
    let mut met: Vec<Option<i64>> = vec![None; roster.names.len()];
    for (i, name) in roster.names.iter().enumerate() {
        if let Some(a) = active
            .iter()
            .find(|a| !taken.contains(&a.id) && normalize(&a.unit) == normalize(name))
        {
            taken.insert(a.id);
            met[i] = Some(a.id);
        }
    }
    for (i, name) in roster.names.iter().enumerate() {
        if met[i].is_some() {
            continue;
        }
        let olds: Vec<String> = roster.former[i].iter().map(|f| normalize(f)).collect();
        if let Some(a) = active.iter().find(|a| {
            !taken.contains(&a.id)
                && (olds.contains(&normalize(&a.unit))
                    || former
                        .get(&a.id)
                        .is_some_and(|f| f.iter().any(|n| normalize(n) == normalize(name))))
        }) {
            taken.insert(a.id);
            met[i] = Some(a.id);
        }
    }
    let mut out = Plan::default();
    for (i, name) in roster.names.iter().enumerate() {
        let kind = roster.kinds.get(i).copied().flatten().map(Kind::word);
        match met[i].and_then(|id| active.iter().find(|a| a.id == id)) {
            Some(a) => {
                if let Some(kind) = kind.filter(|k| *k != a.agency_kind) {
                    out.declared.push((a.id, kind));
                }
                out.going_on.push(((*a).clone(), name.clone()));
            }
            None => {
                out.added.push(name.clone());
                let region = roster.regions.get(i).cloned().unwrap_or_default();
                out.added_regions.push(region);
                out.added_kinds.push(kind.unwrap_or(""));
            }
        }
    }
    out.retired = active
        .into_iter()
        .filter(|a| !taken.contains(&a.id))
        .cloned()
        .collect();
    out
}

/// Next year's draft for `unit` from last year's `text` (its year
/// `prev_year`): rolled forward as `nianbao new --from` does, or blank
/// when the text is no report. Whether it was rolled forward.
fn draft(text: Option<&str>, unit: &str, year: i64) -> (String, bool) {
    let loaded =
        text.map(|t| crate::load::load_str(crate::source::SourceFile::new("上年.yaml", t)));
    match loaded.and_then(|l| l.report) {
        Some(mut prev) => {
            prev.agency.value = unit.to_string();
            prev.year.value = (year - 1) as i32;
            let mut rolled = crate::next_year::roll_forward(&prev, "");
            // Last year's report is in the store, not in a file beside.
            rolled.report.previous = None;
            (rolled.text(), true)
        }
        None => (crate::next_year::blank(year as i32, unit).text(), false),
    }
}

/// Errors and empty cells of a draft.
fn counts_of(text: &str) -> (i64, i64) {
    let loaded = crate::load::load_str(crate::source::SourceFile::new("新年度.yaml", text));
    super::county::counts(&crate::check::check_loaded(loaded, None))
}

/// The next free department account number.
fn next_number(accounts: &[Account]) -> usize {
    accounts
        .iter()
        .filter_map(|a| a.user.strip_prefix("bm")?.parse::<usize>().ok())
        .max()
        .unwrap_or(0)
        + 1
}

/// Opens the round of `year` (default: the latest plus one; only that
/// year may be opened) in `store`, by `who`, re-reading `roster` if
/// given. Refused whole, nothing changed, on any error, and while reports
/// are still in review ([`in_review`]) unless `carry` says to carry them
/// over as they are.
pub fn open_next(
    store: &dyn Store,
    year: Option<i64>,
    roster: Option<&Roster>,
    who: &str,
    carry: bool,
) -> Result<Opened, String> {
    let current = store
        .rounds()?
        .first()
        .copied()
        .ok_or("服务器中还没有任何年度")?;
    let year = year.unwrap_or(current + 1);
    if year <= current {
        return Err(format!(
            "{year} 年度已经开启过（最近开启的是 {current} 年度），没有改动"
        ));
    }
    if year != current + 1 {
        return Err(format!(
            "只能开启 {current} 年度的下一年度，即 {} 年度",
            current + 1
        ));
    }
    let accounts = store.accounts()?;
    let mut former: HashMap<i64, Vec<String>> = HashMap::new();
    for a in &accounts {
        let names = store.former_names(a.id)?;
        former.insert(a.id, names.into_iter().map(|(n, _)| n).collect());
    }
    let plan = plan(&accounts, &former, roster);
    let last: HashMap<String, ReportRow> = store
        .reports_of_year(None, current)?
        .into_iter()
        .map(|r| (r.meta.owner.clone(), r))
        .collect();
    for name in &plan.added {
        crate::next_year::agency_name(name).map_err(|e| format!("名单中的“{name}”：{e}"))?;
    }
    let pending = in_review(store)?;
    if !carry && !pending.is_empty() {
        return Err(in_review_refusal(&pending));
    }
    let mut opened = made(store, year, who, &plan, &last, &accounts)?;
    opened.carried_in_review = pending
        .into_iter()
        .map(|r| (r.meta.owner, r.meta.unit))
        .collect();
    Ok(opened)
}

/// The round of `year` made from `plan` in one transaction.
fn made(
    store: &dyn Store,
    year: i64,
    who: &str,
    plan: &Plan,
    last: &HashMap<String, ReportRow>,
    accounts: &[Account],
) -> Result<Opened, String> {
    let mut opened = Opened {
        year,
        ..Opened::default()
    };
    let mut drafts: Vec<(String, String, String, i64, i64)> = Vec::new();
    for (account, unit) in &plan.going_on {
        let source = last.get(&account.user);
        let (text, rolled) = draft(source.map(|r| r.text.as_str()), unit, year);
        match (rolled, source.map(|r| r.meta.state)) {
            (true, Some(store::State::Approved)) => opened.from_approved += 1,
            (true, _) => opened.from_latest += 1,
            (false, _) => opened.blank += 1,
        }
        if &account.unit != unit {
            opened
                .renamed
                .push((account.user.clone(), account.unit.clone(), unit.clone()));
        }
        let (errors, empty) = counts_of(&text);
        drafts.push((account.user.clone(), unit.clone(), text, errors, empty));
    }
    let mut hashes = Vec::new();
    for (number, unit) in (next_number(accounts)..).zip(&plan.added) {
        let user = department_user(number);
        let password = auth::new_password()?;
        hashes.push(auth::hash(&password)?);
        let (text, _) = draft(None, unit, year);
        let (errors, empty) = counts_of(&text);
        drafts.push((user.clone(), unit.clone(), text, errors, empty));
        opened.added.push((user, password, unit.clone()));
        opened.blank += 1;
    }
    opened.retired = plan
        .retired
        .iter()
        .map(|a| (a.user.clone(), a.unit.clone()))
        .collect();
    let detail = format!(
        "{year} 年度：{} 份报告，新增 {} 个单位，更名 {} 个，停用 {} 个",
        drafts.len(),
        opened.added.len(),
        opened.renamed.len(),
        opened.retired.len()
    );
    let round = NewRound {
        year,
        who,
        added: added_accounts(&opened, &hashes, plan),
        renamed: plan
            .going_on
            .iter()
            .filter(|(a, unit)| &a.unit != unit)
            .map(|(a, unit)| Renamed {
                account: a.id,
                unit,
                former: &a.unit,
            })
            .collect(),
        retired: plan.retired.iter().map(|a| a.id).collect(),
        kinds: plan.declared.clone(),
        reports: drafts
            .iter()
            .map(|(owner, unit, text, errors, empty)| RoundReport {
                owner,
                unit,
                text,
                errors: *errors,
                empty: *empty,
            })
            .collect(),
        audit: store::Entry {
            who,
            action: "开启新年度",
            detail: &detail,
        },
    };
    store.open_round(&round)?;
    Ok(opened)
}

/// The accounts of the units `opened` added, with their password
/// `hashes` and the region and kind `plan` gives each.
fn added_accounts<'a>(
    opened: &'a Opened,
    hashes: &'a [String],
    plan: &'a Plan,
) -> Vec<store::NewAccount<'a>> {
    opened
        .added
        .iter()
        .zip(hashes)
        .zip(&plan.added_regions)
        .zip(&plan.added_kinds)
        .map(
            |((((user, _, unit), hash), region), kind)| store::NewAccount {
                user,
                unit,
                role: Role::Department,
                hash,
                region,
                agency_kind: kind,
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dept(id: i64, user: &str, unit: &str) -> Account {
        Account {
            id,
            user: user.into(),
            unit: unit.into(),
            role: Role::Department,
            hash: String::new(),
            failures: 0,
            locked_until: 0,
            window_start: 0,
            retired: false,
            region: String::new(),
            agency_kind: String::new(),
        }
    }

    #[test]
    fn the_roster_adds_renames_and_retires_units() {
        let accounts = [
            dept(2, "bm001", "某县教育局"),
            dept(3, "bm002", "某县财政局"),
            dept(4, "bm003", "某县公安局"),
        ];
        let roster = Roster {
            names: vec![
                "某县教育体育局".into(),
                "某县财政局".into(),
                "某县医保局".into(),
            ],
            former: vec![vec!["某县教育局".into()], vec![], vec![]],
            regions: vec![String::new(); 3],
            kinds: Vec::new(),
            notes: vec![],
        };
        let plan = plan(&accounts, &HashMap::new(), Some(&roster));
        let on: Vec<(&str, &str)> = plan
            .going_on
            .iter()
            .map(|(a, n)| (a.user.as_str(), n.as_str()))
            .collect();
        assert_eq!(on, [("bm001", "某县教育体育局"), ("bm002", "某县财政局")]);
        assert_eq!(plan.added, ["某县医保局"]);
        assert_eq!(plan.retired.len(), 1);
        assert_eq!(plan.retired[0].user, "bm003");
        assert_eq!(next_number(&accounts), 4);
        // Without a roster every active unit goes on as it is.
        assert_eq!(plan_without(&accounts), 3);
    }

    #[test]
    fn the_roster_declares_kinds_anew_and_a_blank_cell_keeps_them() {
        let mut declared = dept(3, "bm002", "某县财政局");
        declared.agency_kind = "部门".into();
        let accounts = [dept(2, "bm001", "某县高新区管理局"), declared];
        let roster = crate::batch::roster::from_rows(&[
            vec!["单位名称".into(), "机关类型".into()],
            vec!["某县高新区管理局".into(), "管委会".into()],
            vec!["某县财政局".into(), String::new()],
            vec!["某县某镇人民政府".into(), "政府".into()],
            vec!["某县医保局".into(), String::new()],
        ])
        .unwrap();
        let plan = plan(&accounts, &HashMap::new(), Some(&roster));
        assert_eq!(plan.declared, [(2, "政府")]);
        assert_eq!(plan.added, ["某县某镇人民政府", "某县医保局"]);
        assert_eq!(plan.added_kinds, ["政府", ""]);
    }

    fn plan_without(accounts: &[Account]) -> usize {
        plan(accounts, &HashMap::new(), None).going_on.len()
    }

    #[test]
    fn a_draft_carries_last_years_figures_forward() {
        let last = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("examples/zibo-zhangdian-traffic-2024.yaml"),
        )
        .unwrap();
        let (text, rolled) = draft(Some(&last), "某县教育体育局", 2025);
        assert!(rolled);
        assert!(text.contains("机关: 某县教育体育局"), "{text}");
        assert!(text.contains("年度: 2025"), "{text}");
        assert!(!text.contains("上年数据"), "{text}");
        let (blank, rolled) = draft(Some("not a report"), "某局", 2026);
        assert!(!rolled && blank.contains("某局"));
    }
}
