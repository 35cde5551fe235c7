//! The operator's account commands (`nianbao server passwd`, `reset`,
//! `unlock`): a password chosen by the operator or a new one-time one
//! for an account, or its lockout cleared, each
//! with its line in the audit log. They work on the store directly, with
//! or without a server running; a running server keeps the sessions it
//! has (a reset password takes effect at the next login).

use std::path::Path;

use super::auth;
use super::store::{self, Account, Entry, Store};

/// The store of the server folder `dir`, and its account `user`.
fn account_of(dir: &Path, user: &str) -> Result<(Box<dyn Store>, Account), String> {
    let db = store::db_path(dir);
    if !db.is_file() {
        return Err(format!(
            "{} 中没有服务器数据库（{}）",
            dir.display(),
            store::DB_FILE
        ));
    }
    let opened = store::open(&db, false)?;
    let account = opened
        .account(user)?
        .ok_or_else(|| format!("没有账号“{}”", crate::diag::visible(user)))?;
    Ok((opened, account))
}

/// Gives account `user` of the server folder `dir` a new random password
/// (returned, to be shown once) and clears its lockout.
pub fn reset(dir: &Path, user: &str) -> Result<String, String> {
    let (opened, account) = account_of(dir, user)?;
    let password = auth::new_password()?;
    let hash = auth::hash(&password)?;
    opened.set_password(
        account.id,
        &hash,
        &Entry {
            who: "nianbao",
            action: "重置密码",
            detail: &account.user,
        },
    )?;
    Ok(password)
}

/// The shortest password [`set`] takes.
pub const MIN_PASSWORD: usize = 10;

/// The longest password [`set`] takes.
pub const MAX_PASSWORD: usize = 128;

/// Sets the password of account `user` of the server folder `dir` to
/// `password` (between [`MIN_PASSWORD`] and [`MAX_PASSWORD`] characters)
/// and clears its lockout.
pub fn set(dir: &Path, user: &str, password: &str) -> Result<(), String> {
    let n = password.chars().count();
    if !(MIN_PASSWORD..=MAX_PASSWORD).contains(&n) || password.chars().any(char::is_control) {
        return Err(format!(
            "新密码应为 {MIN_PASSWORD} 到 {MAX_PASSWORD} 个字符，不含控制字符"
        ));
    }
    let (opened, account) = account_of(dir, user)?;
    let hash = auth::hash(password)?;
    Ok(opened.set_password(
        account.id,
        &hash,
        &Entry {
            who: "nianbao",
            action: "设置密码",
            detail: &account.user,
        },
    )?)
}

/// Clears the lockout of account `user` of the server folder `dir`.
pub fn unlock(dir: &Path, user: &str) -> Result<(), String> {
    let (opened, account) = account_of(dir, user)?;
    Ok(opened.login_outcome(
        account.id,
        0,
        0,
        &Entry {
            who: "nianbao",
            action: "解除锁定",
            detail: &account.user,
        },
    )?)
}
