//! Accounts on the page: anyone changes their own password (the old one
//! required); the office lists the accounts, resets a unit's password (a
//! new one-time password shown once) and unlocks an account. Each change
//! is a line of the audit log naming who made it.

use crate::slice::Slice;
use serde::Deserialize;
use serde_json::{Value, json};

use super::Server;
use super::access::failed;
use super::accounts::acceptable;
use super::auth::{self, Session};
use super::login::{self, account_wait, client_wait};
use super::store::{self, Account, Entry, FailedLogin, Role};
use crate::serve::reply::{Answer, Reply};

/// `POST /api/password`'s body.
#[derive(Debug, Deserialize)]
pub struct NewPassword {
    old: String,
    new: String,
}

/// `POST /api/account/reset` and `unlock`'s body.
#[derive(Debug, Deserialize)]
pub struct Named {
    user: String,
}

/// The session's own account, as stored now.
fn own(server: &Server, session: &Session) -> Result<Account, Reply> {
    server
        .store()
        .account(&session.user)?
        .ok_or_else(|| Reply::error(401, "请先登录"))
}

/// `POST /api/password`: the session's account gets `new` as its password
/// when `old` is its password now. Wrong old passwords count as failed
/// logins of the account from this session; the account's other sessions
/// end.
pub fn change(server: &Server, session: &Session, token: &str, req: NewPassword) -> Answer {
    let account = own(server, session)?;
    let store = server.store();
    let client = format!("session:{}", token.slice_to(token.len().min(16)));
    let (failures, last) = store.client_failures(account.id, &client)?;
    let wait = client_wait(failures, last, store::now());
    if wait > 0 {
        return Err(Reply::error(
            429,
            &format!(
                "原密码连续输错 {failures} 次，请 {} 分钟后再试",
                (wait + 59) / 60
            ),
        ));
    }
    if req.old.len() > auth::MAX_CREDENTIAL || req.new.len() > auth::MAX_CREDENTIAL * 4 {
        return Err(Reply::error(400, "密码过长"));
    }
    acceptable(&req.new).map_err(|e| Reply::error(400, &e))?;
    if req.new == req.old {
        return Err(Reply::error(400, "新密码不能与原密码相同"));
    }
    let ok = {
        let _hold = server.hashing.lock().unwrap_or_else(|e| e.into_inner());
        auth::verify(&req.old, &account.hash)
    };
    if !ok {
        store.login_failed(&FailedLogin {
            account: account.id,
            client: &client,
            untrusted: false,
            window: login::ACCOUNT_WINDOW,
            audit: Entry {
                who: &account.user,
                action: "修改密码失败（原密码错误）",
                detail: "",
            },
        })?;
        return Err(Reply::error(400, "原密码不正确，密码没有修改"));
    }
    let hash = auth::hash(&req.new).map_err(failed)?;
    store.set_password(
        account.id,
        &hash,
        &Entry {
            who: &account.user,
            action: "修改密码",
            detail: "",
        },
    )?;
    server.sessions.end_user(&account.user, token);
    Ok(Reply::json(
        200,
        &json!({ "ok": true, "message": "密码已修改；本账号在其他计算机上的登录已退出" }),
    ))
}

/// Refuses a session that is not the office's.
fn office(session: &Session, what: &str) -> Result<(), Reply> {
    if session.role == Role::Office {
        Ok(())
    } else {
        Err(Reply::error(403, &format!("只有审核账号可以{what}")))
    }
}

/// The account named in a request of the office, if it is in the
/// office's region (another region's account is the same 404 as none).
fn target(server: &Server, session: &Session, req: &Named) -> Result<Account, Reply> {
    let found = server.store().account(req.user.trim())?;
    found
        .filter(|a| super::access::within(&session.region, &a.region))
        .ok_or_else(|| {
            Reply::error(
                404,
                &format!("没有账号“{}”", crate::diag::visible(&req.user)),
            )
        })
}

/// `GET /api/accounts` (the office): every account with its unit, role,
/// former names, whether it is retired and whether unknown clients are
/// held by its ceiling now.
pub fn list(server: &Server, session: &Session) -> Answer {
    office(session, "管理账号")?;
    let store = server.store();
    let now = store::now();
    let mut out: Vec<Value> = Vec::new();
    let accounts = store.accounts()?;
    let mine = accounts
        .into_iter()
        .filter(|a| super::access::within(&session.region, &a.region));
    for a in mine {
        let former: Vec<String> = store
            .former_names(a.id)?
            .into_iter()
            .map(|(name, year)| format!("{name}（至 {year} 年度）"))
            .collect();
        out.push(json!({
            "user": a.user, "unit": a.unit,
            "role": a.role.key(), "retired": a.retired, "former": former, "region": a.region,
            "failures": if a.window_start + login::ACCOUNT_WINDOW > now { a.failures } else { 0 },
            "held": account_wait(&a, now) > 0,
        }));
    }
    Ok(Reply::json(200, &json!({ "accounts": out })))
}

/// `POST /api/account/reset` (the office): a new one-time password for
/// another account, shown once in the answer; its sessions end.
pub fn reset(server: &Server, session: &Session, req: Named) -> Answer {
    office(session, "重置密码")?;
    let account = target(server, session, &req)?;
    if account.user == session.user {
        return Err(Reply::error(
            400,
            "不能重置自己的密码：请用“修改密码”，或由另一个审核账号重置",
        ));
    }
    let password = auth::new_password().map_err(failed)?;
    let hash = auth::hash(&password).map_err(failed)?;
    server.store().set_password(
        account.id,
        &hash,
        &Entry {
            who: &session.user,
            action: "重置密码",
            detail: &account.user,
        },
    )?;
    server.sessions.end_user(&account.user, "");
    Ok(Reply::json(
        200,
        &json!({ "user": account.user, "unit": account.unit, "password": password }),
    ))
}

/// `POST /api/account/unlock` (the office): every lockout of the account
/// cleared.
pub fn unlock(server: &Server, session: &Session, req: Named) -> Answer {
    office(session, "解除锁定")?;
    let account = target(server, session, &req)?;
    server.store().unlock(
        account.id,
        &Entry {
            who: &session.user,
            action: "解除锁定",
            detail: &account.user,
        },
    )?;
    Ok(Reply::json(
        200,
        &json!({ "user": account.user, "ok": true }),
    ))
}
