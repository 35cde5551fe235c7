//! `POST /api/login`: the password checked (one at a time), and the
//! lockout that slows guessing without handing the office's accounts to
//! whoever guesses (OWASP ASVS 2.2.1).
//!
//! Failures are counted per account *and client*: a client is the browser
//! when it carries a device cookie of that account (`nb_device`, given at
//! every successful login, its SHA-256 kept in the store), else its
//! address (an IPv6 address by its /64). After [`CLIENT_FAILURES`] wrong
//! passwords in a row a client waits [`FIRST_WAIT`] seconds before its
//! next attempt on that account is checked, doubled with each further
//! failure up to [`LONGEST_WAIT`] (429, the password not checked); the
//! right password clears its count. Besides, an account takes at most
//! [`ACCOUNT_CEILING`] failures in [`ACCOUNT_WINDOW`] from clients that
//! are no known device of it; past that, such clients wait for the window
//! to end. A known device is never held by another client's failures nor
//! by the ceiling: the owner of an account logs in from a browser they
//! used before whatever anyone else tries. Unlocking (the office on its
//! board, or `nianbao server unlock`) clears every count of the account.

use crate::slice::Slice;
use std::net::IpAddr;

use serde::Deserialize;
use serde_json::json;

use super::Server;
use super::access::failed;
use super::auth;
use super::reply::{WithSession, cookie_named};
use super::store::{self, Account, Entry, FailedLogin, Role};
use crate::serve::http::Head;
use crate::serve::reply::{Answer, Reply, parse};

/// The cookie that marks a browser the account logged in from.
pub const DEVICE_COOKIE: &str = "nb_device";

/// Wrong passwords in a row from one client before it must wait.
pub const CLIENT_FAILURES: i64 = auth::MAX_FAILURES;

/// The first wait (seconds), doubled with each further failure.
pub const FIRST_WAIT: i64 = 60;

/// The longest wait between two attempts of one client (seconds).
pub const LONGEST_WAIT: i64 = 15 * 60;

/// Failures an account takes from unknown clients within
/// [`ACCOUNT_WINDOW`] (ASVS 2.2.1: at most 100 an hour).
pub const ACCOUNT_CEILING: i64 = 100;

/// The account's window (seconds).
pub const ACCOUNT_WINDOW: i64 = 3600;

/// How long a device cookie lasts (seconds).
const DEVICE_AGE: i64 = 365 * 24 * 3600;

#[derive(Debug, Deserialize)]
struct Login {
    user: String,
    password: String,
}

/// Seconds a client with `failures` in a row, the last at `last_at`,
/// still waits at `now` (0: it may try).
pub fn client_wait(failures: i64, last_at: i64, now: i64) -> i64 {
    if failures < CLIENT_FAILURES {
        return 0;
    }
    let shift = (failures - CLIENT_FAILURES).min(16) as u32;
    let wait = FIRST_WAIT.saturating_mul(1 << shift).min(LONGEST_WAIT);
    (last_at + wait - now).max(0)
}

/// Seconds clients unknown to `account` still wait at `now` (0: none).
pub fn account_wait(account: &Account, now: i64) -> i64 {
    window_wait(account.failures, account.window_start, now)
}

/// Seconds unknown clients wait at `now` on an account (or a made-up
/// name) with `failures` in the window from `start` (0: none).
fn window_wait(failures: i64, start: i64, now: i64) -> i64 {
    let end = start + ACCOUNT_WINDOW;
    if failures >= ACCOUNT_CEILING && end > now {
        end - now
    } else {
        0
    }
}

/// The SHA-256 (hex) of a device token, as the store keeps it.
fn device_hash(token: &str) -> String {
    use sha2::Digest as _;
    sha2::Sha256::digest(token.as_bytes())
        .iter()
        .fold(String::with_capacity(64), |mut s, b| {
            use std::fmt::Write as _;
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// Minutes to say for `seconds`.
fn minutes(seconds: i64) -> i64 {
    (seconds + 59) / 60
}

/// One login being checked.
struct Attempt<'a> {
    server: &'a Server,
    peer: IpAddr,
    /// The device's hash when the browser is a known device of the account.
    device: Option<String>,
}

impl Attempt<'_> {
    fn trusted(&self) -> bool {
        self.device.is_some()
    }

    /// The client failures are counted under.
    fn client(&self) -> String {
        match &self.device {
            Some(hash) => format!("device:{}", hash.slice_to(16)),
            None => format!("addr:{}", super::throttle::key(self.peer)),
        }
    }

    /// Counts a failure against the address (not for a known device).
    fn count_address(&self) {
        if !self.trusted() && self.server.throttle.failed(self.peer) {
            let _ =
                self.server
                    .store()
                    .audit("", "登录失败过多（按地址限制）", &self.peer.to_string());
        }
    }

    fn refused(&self) -> Reply {
        self.count_address();
        Reply::error(401, "账号或密码错误")
    }
}

/// `POST /api/login`.
pub fn login(server: &Server, head: &Head, body: &[u8]) -> Answer {
    let req: Login = parse(body)?;
    let store = server.store();
    let mut attempt = Attempt {
        server,
        peer: server.client(head),
        device: None,
    };
    // A name no account can have (too long, a control character such as
    // NUL, which PostgreSQL refuses in a text) is not looked up.
    let name = req.user.trim();
    let account = if req.user.len() > auth::MAX_CREDENTIAL || name.chars().any(char::is_control) {
        None
    } else {
        store.account(name)?
    };
    if let (Some(a), Some(token)) = (&account, cookie_named(head.header("cookie"), DEVICE_COOKIE)) {
        let hash = device_hash(token);
        if store.device_known(a.id, &hash)? {
            attempt.device = Some(hash);
        }
    }
    if !attempt.trusted()
        && let Some(wait) = server.throttle.refused(attempt.peer)
    {
        return Err(Reply::error(
            429,
            &format!(
                "这台计算机（{}）登录失败次数过多，请 {} 分钟后再试；如是同事共用网络出口，请在以前登录过的计算机上登录，或联系审核账号管理员",
                attempt.peer,
                wait.as_secs().div_ceil(60)
            ),
        ));
    }
    let long = req.password.len() > auth::MAX_CREDENTIAL;
    let Some(account) = account.filter(|_| !long) else {
        let counted = !long && req.user.len() <= auth::MAX_CREDENTIAL;
        if counted {
            let unknown = &server.unknown_names;
            let client = unknown.client_failures(name, &attempt.client());
            lockout(&attempt, name, client, unknown.window(name), false)?;
        }
        {
            let _hold = server.hashing.lock().unwrap_or_else(|e| e.into_inner());
            let _ = auth::verify(&req.password, &server.decoy);
        }
        if counted {
            let client = attempt.client();
            let now = store::now();
            server
                .unknown_names
                .failed(name, &client, ACCOUNT_WINDOW, now);
        }
        return Err(attempt.refused());
    };
    held(&attempt, &account)?;
    let ok = {
        let _hold = server.hashing.lock().unwrap_or_else(|e| e.into_inner());
        auth::verify(&req.password, &account.hash)
    };
    if !ok {
        return Err(wrong(&attempt, &account)?);
    }
    signed_in(&attempt, &account)
}

/// Refuses (429) a client that must wait, before the password is checked.
fn held(attempt: &Attempt<'_>, account: &Account) -> Result<(), Reply> {
    let store = attempt.server.store();
    let client = store.client_failures(account.id, &attempt.client())?;
    let window = (account.failures, account.window_start);
    lockout(attempt, &account.user, client, window, true)
}

/// Refuses (429) a client of the account (or made-up name) `user` that
/// must wait: its `client` failures in a row and the last one's time, the
/// name's `window` (failures from unknown clients, since when); the same
/// answer whether `user` is an account or not. `audit`: an account's,
/// written to its audit log.
fn lockout(
    attempt: &Attempt<'_>,
    user: &str,
    (failures, last): (i64, i64),
    (in_window, since): (i64, i64),
    audit: bool,
) -> Result<(), Reply> {
    let store = attempt.server.store();
    let now = store::now();
    let refuse = |action: &str, message: String| -> Result<(), Reply> {
        attempt.count_address();
        if audit && attempt.server.audit_rate.take(&format!("login:{user}")) {
            store.audit(user, action, &attempt.client())?;
        }
        Err(Reply::error(429, &message))
    };
    let wait = client_wait(failures, last, now);
    if wait > 0 {
        return refuse(
            "登录被拒（已锁定）",
            format!(
                "密码连续错误 {failures} 次，这台计算机上的账号“{}”已锁定，请 {} 分钟后再试；忘记密码请联系审核账号重置",
                user,
                minutes(wait)
            ),
        );
    }
    let wait = window_wait(in_window, since, now);
    if wait > 0 && !attempt.trusted() {
        return refuse(
            "登录被拒（账号上限）",
            format!(
                "账号“{}”一小时内在其他计算机上输错密码已达 {ACCOUNT_CEILING} 次，暂停从未登录过的计算机登录，请 {} 分钟后再试；在以前登录过本账号的计算机上可以照常登录，审核账号也可以解锁",
                user,
                minutes(wait)
            ),
        );
    }
    Ok(())
}

/// Records a wrong password; the refusal.
fn wrong(attempt: &Attempt<'_>, account: &Account) -> Result<Reply, Reply> {
    let store = attempt.server.store();
    let client = attempt.client();
    let (before, _) = store.client_failures(account.id, &client)?;
    let action = if before + 1 >= CLIENT_FAILURES {
        "登录失败并锁定"
    } else {
        "登录失败"
    };
    store.login_failed(&FailedLogin {
        account: account.id,
        client: &client,
        untrusted: !attempt.trusted(),
        window: ACCOUNT_WINDOW,
        audit: Entry {
            who: &account.user,
            action,
            detail: &client,
        },
    })?;
    Ok(attempt.refused())
}

/// The right password: the session started, the device remembered.
fn signed_in(attempt: &Attempt<'_>, account: &Account) -> Answer {
    let server = attempt.server;
    let store = server.store();
    if account.retired {
        store.audit(&account.user, "登录被拒（已停用）", "")?;
        return Err(Reply::error(
            403,
            &format!(
                "账号“{}”所属单位已不在名单中，账号已停用；往年的报告请向审核账号查询",
                account.user
            ),
        ));
    }
    let token = auth::new_token().map_err(failed)?;
    let hash = device_hash(&token);
    store.login_succeeded(
        account.id,
        &attempt.client(),
        Some(&hash),
        &Entry {
            who: &account.user,
            action: "登录",
            detail: "",
        },
    )?;
    let (session, csrf) = server
        .sessions
        .start(&account.user, &account.unit, account.role, &account.region)
        .map_err(failed)?;
    let role = match account.role {
        Role::Office => "office",
        Role::Department => "department",
    };
    Ok(Reply::json(
        200,
        &json!({ "csrf": csrf, "user": account.user, "unit": account.unit, "role": role }),
    )
    .with_session(&session)
    .with_cookie(format!(
        "{DEVICE_COOKIE}={token}; Path=/api/login; Max-Age={DEVICE_AGE}; HttpOnly; SameSite=Strict"
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_waits_longer_with_each_failure_up_to_a_bound() {
        assert_eq!(client_wait(4, 1000, 1000), 0);
        assert_eq!(client_wait(5, 1000, 1000), 60);
        assert_eq!(client_wait(6, 1000, 1000), 120);
        assert_eq!(client_wait(7, 1000, 1030), 210);
        assert_eq!(client_wait(30, 1000, 1000), LONGEST_WAIT);
        assert_eq!(client_wait(99, 1000, 1000 + LONGEST_WAIT), 0);
    }

    #[test]
    fn the_account_ceiling_lasts_its_window_only() {
        let account = Account {
            id: 1,
            user: "审核".into(),
            unit: "政务公开办".into(),
            role: Role::Office,
            hash: String::new(),
            failures: ACCOUNT_CEILING,
            locked_until: 0,
            window_start: 10_000,
            retired: false,
            region: String::new(),
            agency_kind: String::new(),
        };
        assert_eq!(account_wait(&account, 10_000), ACCOUNT_WINDOW);
        assert_eq!(account_wait(&account, 10_000 + ACCOUNT_WINDOW), 0);
        let fewer = Account {
            failures: ACCOUNT_CEILING - 1,
            ..account
        };
        assert_eq!(account_wait(&fewer, 10_000), 0);
        assert_eq!(device_hash("a").len(), 64);
    }
}
