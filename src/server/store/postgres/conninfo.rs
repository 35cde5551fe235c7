//! The two forms of a PostgreSQL connection string `--db` takes (issue
//! 75.5): a URL (`postgresql://用户@主机[:端口]/库名[?选项]`) and libpq's
//! `key=value` pairs (`host=主机 user=用户 dbname=库名`, a value in single
//! quotes when it holds spaces), and how either is shown in a message:
//! never with a password.

/// The keys of the `key=value` form that name a connection (libpq's, as
/// the driver reads them, and ours: `sslrootcert`).
const KEYS: &[&str] = &[
    "host",
    "hostaddr",
    "port",
    "user",
    "dbname",
    "password",
    "options",
    "application_name",
    "sslmode",
    "sslrootcert",
    "sslnegotiation",
    "connect_timeout",
    "tcp_user_timeout",
    "keepalives",
    "keepalives_idle",
    "keepalives_interval",
    "keepalives_retries",
    "target_session_attrs",
    "channel_binding",
    "load_balance_hosts",
];

/// Whether `s` is a PostgreSQL URL (`postgresql://` or `postgres://`).
pub fn is_url(s: &str) -> bool {
    let s = s.trim_start();
    s.starts_with("postgresql://") || s.starts_with("postgres://")
}

/// The `key=value` pairs of `s`, in order; `None` when `s` is not of that
/// form (a word without `=`, a key libpq does not know, an unclosed
/// quote, nothing at all).
pub fn pairs(s: &str) -> Option<Vec<(String, String)>> {
    let mut chars = s.chars().peekable();
    let mut found = Vec::new();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if chars.peek().is_none() {
            break;
        }
        let mut key = String::new();
        while let Some(c) = chars.next_if(|c| *c != '=' && !c.is_whitespace()) {
            key.push(c);
        }
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        chars.next_if_eq(&'=')?;
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if !KEYS.contains(&key.as_str()) {
            return None;
        }
        found.push((key, value(&mut chars)?));
    }
    (!found.is_empty()).then_some(found)
}

/// One value: quoted (`'…'`, `\` escaping the next character) or up to
/// the next space.
fn value(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Option<String> {
    let mut value = String::new();
    if chars.next_if_eq(&'\'').is_some() {
        loop {
            match chars.next()? {
                '\\' => value.push(chars.next()?),
                '\'' => return Some(value),
                c => value.push(c),
            }
        }
    }
    while let Some(c) = chars.next_if(|c| !c.is_whitespace()) {
        if c == '\\' {
            value.push(chars.next()?);
        } else {
            value.push(c);
        }
    }
    Some(value)
}

/// `pairs` written back as a `key=value` string, every value quoted.
pub fn join(pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{k}='{}'", v.replace('\\', "\\\\").replace('\'', "\\'")))
        .collect::<Vec<_>>()
        .join(" ")
}

/// `s` as a message may show it: a password (a URL's `用户:密码@`, a
/// `password=` option or pair) replaced by `***`; a string of neither
/// form is not shown at all (it might be a password typed in the wrong
/// place).
pub fn shown(s: &str) -> String {
    let s = s.trim();
    if is_url(s) {
        return shown_url(s);
    }
    match pairs(s) {
        Some(found) => found
            .into_iter()
            .map(|(k, v)| {
                if k == "password" {
                    format!("{k}=***")
                } else {
                    format!("{k}={v}")
                }
            })
            .collect::<Vec<_>>()
            .join(" "),
        None => "（无法识别的内容，不予显示）".to_string(),
    }
}

/// A URL with its password, if any, replaced by `***`.
fn shown_url(url: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let (scheme, rest) = base.split_once("://").unwrap_or(("", base));
    let (authority, path) = match rest.split_once('/') {
        Some((a, p)) => (a, format!("/{p}")),
        None => (rest, String::new()),
    };
    let authority = match authority.rsplit_once('@') {
        Some((user, host)) => match user.split_once(':') {
            Some((name, _)) => format!("{name}:***@{host}"),
            None => format!("{user}@{host}"),
        },
        None => authority.to_string(),
    };
    let query = query.map(|q| {
        let kept: Vec<String> = q
            .split('&')
            .map(|pair| match pair.split_once('=') {
                Some(("password", _)) => "password=***".to_string(),
                _ => pair.to_string(),
            })
            .collect();
        format!("?{}", kept.join("&"))
    });
    format!("{scheme}://{authority}{path}{}", query.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_forms_are_read_and_no_password_is_ever_shown() {
        let found =
            pairs("host=/run/postgresql user=nianbao dbname='年报 库' port = 5433").unwrap();
        assert_eq!(
            found,
            [
                ("host".to_string(), "/run/postgresql".to_string()),
                ("user".to_string(), "nianbao".to_string()),
                ("dbname".to_string(), "年报 库".to_string()),
                ("port".to_string(), "5433".to_string()),
            ]
        );
        assert_eq!(pairs(&join(&found)).unwrap(), found);
        for not in [
            "",
            "   ",
            "/tmp/x.db",
            "nianbao:secret@db",
            "host",
            "hots=db",
            "host='db",
        ] {
            assert!(pairs(not).is_none(), "{not}");
        }
        for (given, want) in [
            (
                "postgresql://n:s3cret@db:5432/x?sslmode=require",
                "postgresql://n:***@db:5432/x?sslmode=require",
            ),
            (
                "postgres://n@db/x?password=s3cret&port=1",
                "postgres://n@db/x?password=***&port=1",
            ),
            (
                "host=db password='s3 cret' user=n",
                "host=db password=*** user=n",
            ),
            ("n:s3cret@db", "（无法识别的内容，不予显示）"),
        ] {
            assert_eq!(shown(given), want);
            assert!(!shown(given).contains("s3"));
        }
    }
}
