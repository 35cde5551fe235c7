//! `server init`: the store made from a roster, one account per unit plus
//! the office's, and the initial passwords written once to `初始密码.csv`.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::auth;
use super::store::{self, Role};
use crate::model::agency::Kind;

/// The file the initial passwords are written to, in the server's folder.
pub const PASSWORD_FILE: &str = "初始密码.csv";

/// The office's account name.
pub const OFFICE_USER: &str = "审核";

/// The office's unit, as shown.
pub const OFFICE_UNIT: &str = "政务公开办";

/// What `init` made.
#[derive(Debug, Clone)]
pub struct Made {
    /// The database: the SQLite file, or the PostgreSQL connection string.
    pub db: String,
    /// The password file.
    pub passwords: PathBuf,
    /// How many department accounts.
    pub departments: usize,
    /// The office accounts of the regions below the top (`sh001`, …), with
    /// their regions.
    pub offices: Vec<(String, String)>,
}

/// The account name of the `n`th unit of the roster (from 1).
pub fn department_user(n: usize) -> String {
    format!("bm{n:03}")
}

/// The account name of the office of the `n`th region below the top
/// (from 1).
pub fn region_office_user(n: usize) -> String {
    format!("sh{n:03}")
}

/// The unit shown for the office of `region` (a path).
pub fn region_office_unit(region: &str) -> String {
    format!("{}{OFFICE_UNIT}", region.replace('/', ""))
}

/// Every region of `regions` and every region above one, each once, in the
/// order first met (a region before the ones below it); the top (empty)
/// left out.
pub fn region_nodes(regions: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for region in regions.iter().filter(|r| !r.is_empty()) {
        let parts: Vec<&str> = region.split('/').collect();
        for n in 1..=parts.len() {
            let node = parts[..n].join("/");
            if !out.contains(&node) {
                out.push(node);
            }
        }
    }
    out
}

/// Creates the store for the units in `names` and `year`: in `dir`'s
/// SQLite file, or (`url`) in an empty PostgreSQL database recorded in
/// `dir`; refuses when a store or a password file is already there.
pub fn init(dir: &Path, names: &[String], year: i64, url: Option<&str>) -> Result<Made, String> {
    init_in_regions(
        dir,
        names,
        &vec![String::new(); names.len()],
        &[],
        year,
        url,
    )
}

/// Creates the store for the units in `names`, each in its region of
/// `regions` (a path; empty: the top), and `year` — in `dir`'s SQLite
/// file, or (`url`) in an empty PostgreSQL database recorded in `dir`:
/// one account per unit (with what `kinds` declares it to be, the
/// roster's 机关类型; `None` or missing: not declared), the top
/// office's `审核` and one office account
/// per region below the top (`sh001`, …, in the order [`region_nodes`]
/// gives). Refuses when a store or a password file is already there.
pub fn init_in_regions(
    dir: &Path,
    names: &[String],
    regions: &[String],
    kinds: &[Option<Kind>],
    year: i64,
    url: Option<&str>,
) -> Result<Made, String> {
    if url.is_some() && !cfg!(feature = "postgres") {
        return Err(store::WITHOUT_POSTGRES.to_string());
    }
    let db = store::db_path(dir);
    let passwords = dir.join(PASSWORD_FILE);
    let recorded = dir.join(store::DB_URL_FILE);
    for existing in [&db, &passwords, &recorded] {
        if existing.exists() {
            return Err(format!(
                "{} 已存在：服务器已经初始化过，不会覆盖（初始密码只写一次）",
                existing.display()
            ));
        }
    }
    if names.is_empty() {
        return Err("名单中没有单位".to_string());
    }
    crate::model::check_year(year)?;
    let mut texts = Vec::with_capacity(names.len());
    for name in names {
        let agency =
            crate::next_year::agency_name(name).map_err(|e| format!("名单中的“{name}”：{e}"))?;
        texts.push(crate::next_year::blank(year as i32, agency).text());
    }
    std::fs::create_dir_all(dir).map_err(|e| {
        format!(
            "无法创建 {}：{}",
            dir.display(),
            crate::files::io_message(&e)
        )
    })?;
    let (accounts, account_regions) = new_accounts(names, regions)?;
    let account_kinds = account_kinds(accounts.len(), kinds);
    let opened = match url {
        Some(url) => open_empty_postgres(url),
        None => open_sqlite(&db),
    };
    let made = opened.and_then(|store| {
        write_passwords(&passwords, &accounts)?;
        fill(
            store.as_ref(),
            (&accounts, &account_regions, &account_kinds),
            names,
            &texts,
            year,
        )
    });
    if let Err(e) = made {
        let _ = std::fs::remove_file(&passwords);
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
        }
        return Err(e);
    }
    if let Some(url) = url {
        crate::files::write_new(&recorded, format!("{url}\n").as_bytes(), false).map_err(|e| {
            format!(
                "无法写入 {}：{}",
                recorded.display(),
                crate::files::io_message(&e)
            )
        })?;
    }
    Ok(Made {
        db: url.map_or_else(|| db.display().to_string(), str::to_string),
        passwords,
        departments: names.len(),
        offices: accounts[names.len() + 1..]
            .iter()
            .map(|(user, ..)| user.clone())
            .zip(account_regions[names.len() + 1..].iter().cloned())
            .collect(),
    })
}

/// The accounts to make, each with its region: the top office's first,
/// then one per unit of `names` (in its region of `regions`), then one
/// office per region below the top, each with a new password.
fn new_accounts(
    names: &[String],
    regions: &[String],
) -> Result<(Vec<NewAccount>, Vec<String>), String> {
    let mut accounts = vec![(
        OFFICE_USER.to_string(),
        auth::new_password()?,
        OFFICE_UNIT.to_string(),
        Role::Office,
    )];
    let mut account_regions = vec![String::new()];
    for (i, name) in names.iter().enumerate() {
        accounts.push((
            department_user(i + 1),
            auth::new_password()?,
            name.clone(),
            Role::Department,
        ));
        account_regions.push(regions.get(i).cloned().unwrap_or_default());
    }
    let nodes = region_nodes(regions);
    for (i, node) in nodes.iter().enumerate() {
        accounts.push((
            region_office_user(i + 1),
            auth::new_password()?,
            region_office_unit(node),
            Role::Office,
        ));
        account_regions.push(node.clone());
    }
    Ok((accounts, account_regions))
}

/// The word stored for each account of [`new_accounts`] (`政府`, `部门`;
/// empty: not declared): the units' from `kinds`, none for the offices.
fn account_kinds(accounts: usize, kinds: &[Option<Kind>]) -> Vec<&'static str> {
    (0..accounts)
        .map(|i| {
            i.checked_sub(1)
                .and_then(|unit| kinds.get(unit).copied().flatten())
                .map_or("", Kind::word)
        })
        .collect()
}

/// A new SQLite store at `db`, readable by its owner only.
fn open_sqlite(db: &Path) -> Result<Box<dyn store::Store>, String> {
    let store = store::open(db, true)?;
    // The database holds the hashes and every report: its owner's only.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(db, std::fs::Permissions::from_mode(0o600)).map_err(|e| {
            format!(
                "无法设置 {} 的权限：{}",
                db.display(),
                crate::files::io_message(&e)
            )
        })?;
    }
    Ok(store)
}

/// The store in the PostgreSQL database `url`, which must hold no
/// accounts yet (a database already in use is never filled again).
#[cfg(feature = "postgres")]
fn open_empty_postgres(url: &str) -> Result<Box<dyn store::Store>, String> {
    use store::Store as _;
    if !store::postgres::is_postgres_url(url) {
        return Err(format!(
            "--db 应为 PostgreSQL 连接串，如 postgresql://nianbao@数据库主机/nianbao 或 host=数据库主机 user=nianbao dbname=nianbao（得到的是“{}”）",
            store::postgres::shown(url)
        ));
    }
    let store = store::postgres::PgStore::open(url)?;
    if !store.accounts()?.is_empty() {
        return Err("该 PostgreSQL 数据库中已有账号（已经初始化过）：不会覆盖".to_string());
    }
    Ok(Box::new(store))
}

/// Without the `postgres` feature: refused (`init_in_regions` refuses a
/// URL before this).
#[cfg(not(feature = "postgres"))]
fn open_empty_postgres(_url: &str) -> Result<Box<dyn store::Store>, String> {
    Err(store::WITHOUT_POSTGRES.to_string())
}

/// An account to make: user, password, unit, role.
pub(super) type NewAccount = (String, String, String, Role);

/// `store` filled: `accounts` (the top office's first, then one per unit
/// of `names`, then the regions' offices) with their regions and declared
/// kinds, and a report per unit.
fn fill(
    store: &dyn store::Store,
    (accounts, regions, kinds): (&[NewAccount], &[String], &[&str]),
    names: &[String],
    texts: &[String],
    year: i64,
) -> Result<(), String> {
    debug_assert!(
        accounts.len() > names.len() && accounts.len() == regions.len(),
        "the office's account first, a region each"
    );
    let hashes = accounts
        .iter()
        .map(|(_, password, _, _)| auth::hash(password))
        .collect::<Result<Vec<_>, _>>()?;
    let detail = format!("{} 个单位，{year} 年度", names.len());
    // One transaction: a store is made whole or not at all.
    let seed = store::Seed {
        accounts: accounts
            .iter()
            .zip(&hashes)
            .zip(regions)
            .zip(kinds)
            .map(
                |((((user, _, unit, role), hash), region), kind)| store::NewAccount {
                    user,
                    unit,
                    role: *role,
                    hash,
                    region,
                    agency_kind: kind,
                },
            )
            .collect(),
        reports: accounts
            .iter()
            .skip(1)
            .take(names.len())
            .zip(texts)
            .map(|((owner, _, unit, _), text)| store::NewReport {
                unit,
                owner,
                year,
                text,
            })
            .collect(),
        audit: store::Entry {
            who: "nianbao",
            action: "初始化",
            detail: &detail,
        },
    };
    Ok(store.populate(&seed)?)
}

/// Writes the password file once (never over an existing one), readable
/// by its owner only on Unix; UTF-8 with a BOM so that Excel reads it, its
/// fields written as every CSV of nianbao writes them
/// ([`crate::batch::summary::csv_field`]): quoted when they need to be; one
/// that a spreadsheet would take for a formula (starting with `=`, `+`,
/// `-`, `@` — ASCII or full-width `＝＋－＠` —, a tab or a carriage return)
/// given a leading `'`; control characters shown, never written.
pub(super) fn write_passwords(path: &Path, accounts: &[NewAccount]) -> Result<(), String> {
    let mut text = String::from("\u{feff}账号,密码,单位\r\n");
    for (user, password, unit, _) in accounts {
        text.push_str(&crate::batch::summary::csv_line(&[user, password, unit]));
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let shown = |e: std::io::Error| {
        format!(
            "无法写入 {}：{}",
            path.display(),
            crate::files::io_message(&e)
        )
    };
    let mut file = options.open(path).map_err(shown)?;
    file.write_all(text.as_bytes()).map_err(shown)?;
    file.sync_all().map_err(shown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_unit_keeps_its_declared_kind_and_the_offices_none() {
        let kinds = [Some(Kind::Government), None, Some(Kind::Department)];
        // The top office, three units, one region's office.
        assert_eq!(account_kinds(5, &kinds), ["", "政府", "", "部门", ""]);
        assert_eq!(account_kinds(3, &[]), ["", "", ""]);
    }

    #[test]
    fn department_accounts_are_numbered() {
        assert_eq!(department_user(7), "bm007");
    }
}
