//! The operator's account commands (`nianbao server passwd`, `reset`,
//! `unlock`): a password chosen by the operator or a new one-time one
//! for an account, or its lockout cleared, each
//! with its line in the audit log. They work on the store directly, with
//! or without a server running; a new password also ends the account's
//! sessions (they are in the store, so a running server asks for a new
//! login at the account's next request).

use std::path::Path;

use super::auth;
use super::store::{self, Account, Entry, Store};

/// The store of the server folder `dir`, and its account `user`.
fn account_of(dir: &Path, user: &str) -> Result<(Box<dyn Store>, Account), String> {
    let opened = store::open_existing(dir)?;
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
    end_sessions(opened.as_ref(), &account.user)?;
    Ok(password)
}

/// The shortest password [`set`] takes.
pub const MIN_PASSWORD: usize = 10;

/// The longest password [`set`] takes.
pub const MAX_PASSWORD: usize = 128;

/// Refuses a password shorter than [`MIN_PASSWORD`] or longer than
/// [`MAX_PASSWORD`] characters, or with a control character.
pub fn acceptable(password: &str) -> Result<(), String> {
    let n = password.chars().count();
    if !(MIN_PASSWORD..=MAX_PASSWORD).contains(&n) || password.chars().any(char::is_control) {
        return Err(format!(
            "新密码应为 {MIN_PASSWORD} 到 {MAX_PASSWORD} 个字符，不含控制字符"
        ));
    }
    Ok(())
}

/// Sets the password of account `user` of the server folder `dir` to
/// `password` (between [`MIN_PASSWORD`] and [`MAX_PASSWORD`] characters)
/// and clears its lockout.
pub fn set(dir: &Path, user: &str, password: &str) -> Result<(), String> {
    acceptable(password)?;
    let (opened, account) = account_of(dir, user)?;
    let hash = auth::hash(password)?;
    opened.set_password(
        account.id,
        &hash,
        &Entry {
            who: "nianbao",
            action: "设置密码",
            detail: &account.user,
        },
    )?;
    end_sessions(opened.as_ref(), &account.user)
}

/// Ends every session of account `user`: whoever was logged in with the
/// old password logs in again.
fn end_sessions(store: &dyn Store, user: &str) -> Result<(), String> {
    // No session's token hashes to the empty string: none is kept.
    Ok(store.sessions_end_user(user, "")?)
}

/// Clears every lockout of account `user` of the server folder `dir`
/// (its own count and every client's).
pub fn unlock(dir: &Path, user: &str) -> Result<(), String> {
    let (opened, account) = account_of(dir, user)?;
    Ok(opened.unlock(
        account.id,
        &Entry {
            who: "nianbao",
            action: "解除锁定",
            detail: &account.user,
        },
    )?)
}

/// The longest account name taken.
pub const MAX_USER: usize = 32;

/// Refuses an account name that is empty, longer than [`MAX_USER`]
/// characters, or has spaces or control characters.
pub fn acceptable_user(user: &str) -> Result<(), String> {
    let n = user.chars().count();
    if n == 0
        || n > MAX_USER
        || user
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || crate::source::is_hidden(c))
    {
        return Err(format!(
            "账号名应为 1 到 {MAX_USER} 个字符，不含空格和控制字符"
        ));
    }
    Ok(())
}

/// Adds an office reviewer `user` of `region` (a path; empty: every unit)
/// to the server folder `dir` with a new one-time password (returned, to
/// be shown once).
pub fn add_reviewer(dir: &Path, user: &str, region: &str) -> Result<String, String> {
    acceptable_user(user)?;
    let region = crate::batch::roster::region_path(region)?;
    let region = region.as_str();
    let opened = store::open_existing(dir)?;
    if opened.account(user)?.is_some() {
        return Err(format!("账号“{}”已存在", crate::diag::visible(user)));
    }
    let password = auth::new_password()?;
    let hash = auth::hash(&password)?;
    opened.add_account(
        &store::NewAccount {
            user,
            unit: &if region.is_empty() {
                super::setup::OFFICE_UNIT.to_string()
            } else {
                super::setup::region_office_unit(region)
            },
            role: store::Role::Office,
            hash: &hash,
            region,
            agency_kind: "",
        },
        &Entry {
            who: "nianbao",
            action: "添加审核账号",
            detail: user,
        },
    )?;
    Ok(password)
}
