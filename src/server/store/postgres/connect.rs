//! How the PostgreSQL store reaches its database: the connection string
//! of `server init --db` (never with a password in it), the password from
//! the environment or from a file only its owner may read, and TLS to the
//! database (`sslmode=require` or `verify-full`, checked against the CA of
//! `sslrootcert`) through rustls.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use postgres::config::SslMode;
use postgres::{Client, Config, NoTls};

use super::conninfo;
use crate::server::store::StoreError;

/// The environment variable holding the database password.
pub const PASSWORD_VAR: &str = "NIANBAO_DB_PASSWORD";

/// The environment variable naming a file that holds the database
/// password (readable by its owner only).
pub const PASSWORD_FILE_VAR: &str = "NIANBAO_DB_PASSWORD_FILE";

/// The longest password file read.
const MAX_PASSWORD_FILE: u64 = 4096;

/// How long a connection attempt may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// A database to connect to: the driver's settings (password included,
/// never shown) and, for TLS, the CA file to check the server against.
#[derive(Clone)]
pub struct Target {
    config: Config,
    ca: Option<PathBuf>,
}

impl std::fmt::Debug for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The driver's Debug redacts the password.
        f.debug_struct("Target")
            .field("config", &self.config)
            .field("ca", &self.ca)
            .finish()
    }
}

/// Whether `url` names a PostgreSQL database: a `postgresql://` (or
/// `postgres://`) URL, or libpq's `key=value` pairs (`host=… user=…
/// dbname=…`).
pub fn is_postgres_url(url: &str) -> bool {
    conninfo::is_url(url) || conninfo::pairs(url).is_some()
}

fn bad(message: String) -> StoreError {
    StoreError::Database(message)
}

/// Splits our own options off `url`: `sslrootcert=FILE` (kept aside) and
/// `sslmode=verify-full`/`verify-ca` (the driver knows `require`; the
/// certificate is always verified here). Refuses a password in it.
fn split_options(url: &str) -> Result<(String, Option<PathBuf>), StoreError> {
    if !conninfo::is_url(url)
        && let Some(found) = conninfo::pairs(url)
    {
        return split_pairs(found);
    }
    let (base, query) = url.split_once('?').unwrap_or((url, ""));
    let authority = base.split_once("://").map_or(base, |(_, rest)| rest);
    let userinfo = authority.split('/').next().unwrap_or("");
    if userinfo.contains('@') && userinfo.split('@').next().is_some_and(|u| u.contains(':')) {
        return Err(bad(format!(
            "数据库连接串中不能写密码：请去掉密码，改用环境变量 {PASSWORD_VAR} 或 {PASSWORD_FILE_VAR}"
        )));
    }
    let mut kept = Vec::new();
    let mut ca = None;
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match key {
            "password" => {
                return Err(bad(format!(
                    "数据库连接串中不能写密码：请去掉 password=，改用环境变量 {PASSWORD_VAR} 或 {PASSWORD_FILE_VAR}"
                )));
            }
            "sslrootcert" => ca = Some(PathBuf::from(value)),
            "sslmode" if value == "verify-full" || value == "verify-ca" => {
                kept.push("sslmode=require".to_string());
            }
            _ => kept.push(pair.to_string()),
        }
    }
    let url = if kept.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", kept.join("&"))
    };
    Ok((url, ca))
}

/// [`split_options`] of the `key=value` form.
fn split_pairs(found: Vec<(String, String)>) -> Result<(String, Option<PathBuf>), StoreError> {
    let mut kept = Vec::new();
    let mut ca = None;
    for (key, value) in found {
        match key.as_str() {
            "password" => {
                return Err(bad(format!(
                    "数据库连接串中不能写密码：请去掉 password=，改用环境变量 {PASSWORD_VAR} 或 {PASSWORD_FILE_VAR}"
                )));
            }
            "sslrootcert" => ca = Some(PathBuf::from(value)),
            "sslmode" if value == "verify-full" || value == "verify-ca" => {
                kept.push((key, "require".to_string()));
            }
            _ => kept.push((key, value)),
        }
    }
    Ok((conninfo::join(&kept), ca))
}

/// The password from [`PASSWORD_VAR`], or from the file named by
/// [`PASSWORD_FILE_VAR`] (refused when its group or others may read it).
fn password() -> Result<Option<String>, StoreError> {
    if let Some(p) = std::env::var_os(PASSWORD_VAR) {
        return Ok(Some(p.to_string_lossy().into_owned()));
    }
    let Some(file) = std::env::var_os(PASSWORD_FILE_VAR) else {
        return Ok(None);
    };
    read_password_file(Path::new(&file)).map(Some)
}

/// The first line of the password file `path`, which only its owner may
/// read: a regular file (a FIFO or a device is refused, never waited on:
/// it is opened without blocking and checked on the handle) of at most
/// [`MAX_PASSWORD_FILE`] bytes.
pub fn read_password_file(path: &Path) -> Result<String, StoreError> {
    let shown = path.display();
    let unreadable = |e: &std::io::Error| {
        bad(format!(
            "无法读取数据库密码文件 {shown}：{}",
            crate::files::io_message(e)
        ))
    };
    let mut options = std::fs::File::options();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(|e| unreadable(&e))?;
    let meta = file.metadata().map_err(|e| unreadable(&e))?;
    if !meta.is_file() {
        return Err(bad(format!(
            "数据库密码文件 {shown} 不是普通文件（是管道、设备或文件夹）：请把密码写在一个普通文件中"
        )));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if meta.permissions().mode() & 0o077 != 0 {
            return Err(bad(format!(
                "数据库密码文件 {shown} 其他账号也能读取：请执行 chmod 600 {shown} 后再试"
            )));
        }
    }
    if meta.len() > MAX_PASSWORD_FILE {
        return Err(bad(format!("数据库密码文件 {shown} 过大，不像密码文件")));
    }
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(
        &mut std::io::Read::take(file, MAX_PASSWORD_FILE + 1),
        &mut bytes,
    )
    .map_err(|e| unreadable(&e))?;
    if bytes.len() as u64 > MAX_PASSWORD_FILE {
        return Err(bad(format!("数据库密码文件 {shown} 过大，不像密码文件")));
    }
    let text = String::from_utf8(bytes)
        .map_err(|_| bad(format!("数据库密码文件 {shown} 不是 UTF-8 文本")))?;
    Ok(text.lines().next().unwrap_or("").to_string())
}

impl Target {
    /// The database of connection string `url` (a `postgresql://` URL or
    /// `key=value` pairs), with the password from the environment.
    pub fn parse(url: &str) -> Result<Target, StoreError> {
        let (url, ca) = split_options(url.trim())?;
        let mut config: Config = url
            .parse()
            .map_err(|e| bad(format!("数据库连接串无法识别：{e}")))?;
        if config.get_password().is_some() {
            return Err(bad(format!(
                "数据库连接串中不能写密码：请改用环境变量 {PASSWORD_VAR} 或 {PASSWORD_FILE_VAR}"
            )));
        }
        if let Some(p) = password()? {
            config.password(p);
        }
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(CONNECT_TIMEOUT);
        }
        config.application_name("nianbao");
        Ok(Target { config, ca })
    }

    /// A new connection (over TLS when the string asks for it).
    pub fn connect(&self) -> Result<Client, StoreError> {
        let connected = match self.config.get_ssl_mode() {
            SslMode::Require => self.config.connect(self.tls()?),
            _ => self.config.connect(NoTls),
        };
        connected.map_err(|e| {
            let text = format!("无法连接 PostgreSQL 数据库：{}", super::message(&e));
            // Refused for what it asked (a wrong password, no such
            // database): the operator's to fix; else the server is away.
            use postgres::error::SqlState;
            match e.code() {
                Some(c)
                    if *c != SqlState::CANNOT_CONNECT_NOW
                        && *c != SqlState::ADMIN_SHUTDOWN
                        && *c != SqlState::TOO_MANY_CONNECTIONS
                        && *c != SqlState::OBJECT_NOT_IN_PREREQUISITE_STATE =>
                {
                    StoreError::Database(text)
                }
                Some(_) => {
                    StoreError::Storage(crate::server::store::error::Storage::Unavailable, text)
                }
                None if super::broken(&e) => {
                    StoreError::Storage(crate::server::store::error::Storage::Unavailable, text)
                }
                None => StoreError::Database(text),
            }
        })
    }

    /// The rustls connector trusting the CA of `sslrootcert`.
    fn tls(&self) -> Result<tokio_postgres_rustls::MakeRustlsConnect, StoreError> {
        use rustls::pki_types::CertificateDer;
        use rustls::pki_types::pem::PemObject;
        let Some(ca) = &self.ca else {
            return Err(bad(
                "数据库连接要求 TLS（sslmode=require 或 verify-full）：请用 sslrootcert=CA证书.pem 给出签发数据库证书的 CA"
                    .to_string(),
            ));
        };
        let mut roots = rustls::RootCertStore::empty();
        let certs = CertificateDer::pem_file_iter(ca)
            .map_err(|e| bad(format!("无法读取 CA 证书 {}：{e}", ca.display())))?;
        for cert in certs {
            let cert = cert.map_err(|e| bad(format!("CA 证书 {} 无法识别：{e}", ca.display())))?;
            roots
                .add(cert)
                .map_err(|e| bad(format!("CA 证书 {} 无法使用：{e}", ca.display())))?;
        }
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| bad(format!("TLS 设置失败：{e}")))?
            .with_root_certificates(roots)
            .with_no_client_auth();
        Ok(tokio_postgres_rustls::MakeRustlsConnect::new(config))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_in_the_string_is_refused_and_our_options_split_off() {
        for url in [
            "postgresql://nianbao:secret@db/nianbao",
            "postgresql://nianbao@db/nianbao?password=secret",
            "host=db user=nianbao password=secret",
        ] {
            let e = Target::parse(url).unwrap_err().to_string();
            assert!(
                e.contains("不能写密码") && !e.contains("secret"),
                "{url}: {e}"
            );
        }
        let (url, ca) =
            split_options("postgresql://n@db/x?sslmode=verify-full&sslrootcert=/etc/ca.pem")
                .unwrap();
        assert_eq!(url, "postgresql://n@db/x?sslmode=require");
        assert_eq!(ca, Some(PathBuf::from("/etc/ca.pem")));
        assert!(is_postgres_url("postgres://a@b/c") && !is_postgres_url("/tmp/x.db"));
        // The key=value form, as documented, with our own options split off.
        assert!(is_postgres_url("host=db user=nianbao dbname=nianbao"));
        let (pairs, ca) =
            split_options("host=db user=n dbname=x sslmode=verify-full sslrootcert=/etc/ca.pem")
                .unwrap();
        assert_eq!(pairs, "host='db' user='n' dbname='x' sslmode='require'");
        assert_eq!(ca, Some(PathBuf::from("/etc/ca.pem")));
        let config: Config = pairs.parse().unwrap();
        assert_eq!(config.get_dbname(), Some("x"));
    }

    /// TLS to a real server: the cluster given a certificate for
    /// 127.0.0.1, the store connects with `sslmode=verify-full` and that
    /// certificate as `sslrootcert`; the session is encrypted. Without a
    /// CA, or with another one, it does not connect.
    #[test]
    fn tls_is_used_when_asked_and_the_certificate_checked() {
        let Some(cluster) = super::super::test_cluster::cluster() else {
            return;
        };
        let made = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_string()]).unwrap();
        let other = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_string()]).unwrap();
        let (cert, key) = (cluster.dir.join("tls.crt"), cluster.dir.join("tls.key"));
        let stranger = cluster.dir.join("other.crt");
        std::fs::write(&cert, made.cert.pem()).unwrap();
        std::fs::write(&key, made.signing_key.serialize_pem()).unwrap();
        std::fs::write(&stranger, other.cert.pem()).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).unwrap();
            if cluster.as_postgres() {
                let owned = std::process::Command::new("chown")
                    .arg("postgres:postgres")
                    .arg(&cert)
                    .arg(&key)
                    .status()
                    .unwrap();
                assert!(owned.success());
            }
        }
        // One statement at a time: ALTER SYSTEM refuses a transaction.
        cluster.admin(&format!(
            "ALTER SYSTEM SET ssl_cert_file = '{}'",
            cert.display()
        ));
        cluster.admin(&format!(
            "ALTER SYSTEM SET ssl_key_file = '{}'",
            key.display()
        ));
        cluster.admin("ALTER SYSTEM SET ssl = on");
        cluster.admin("SELECT pg_reload_conf()");
        std::thread::sleep(std::time::Duration::from_millis(500));
        let db = cluster.database();
        let name = db.split('/').nth(3).unwrap().split('?').next().unwrap();
        let url = |tail: &str| {
            format!(
                "postgresql://postgres@127.0.0.1:{}/{name}?{tail}",
                cluster.port
            )
        };
        let store = super::super::PgStore::open(&url(&format!(
            "sslmode=verify-full&sslrootcert={}",
            cert.display()
        )))
        .unwrap();
        let encrypted: bool = store
            .with(|c| {
                use super::super::Prepared as _;
                c.query_one(
                    "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
                    &[],
                )
                .map_err(super::super::failure)
            })
            .unwrap()
            .get(0);
        assert!(encrypted);
        let no_ca = super::super::PgStore::open(&url("sslmode=require"))
            .unwrap_err()
            .to_string();
        assert!(no_ca.contains("sslrootcert"), "{no_ca}");
        let wrong = super::super::PgStore::open(&url(&format!(
            "sslmode=require&sslrootcert={}",
            stranger.display()
        )))
        .unwrap_err()
        .to_string();
        assert!(wrong.contains("无法连接"), "{wrong}");
    }

    #[test]
    fn a_fifo_as_the_password_file_is_refused_at_once() {
        let dir = crate::testutil::TempDir::new("pgpass-fifo");
        let fifo = dir.0.join("db-password");
        if !crate::files::make_fifo(&fifo) {
            return; // No mkfifo here: nothing to test.
        }
        let started = std::time::Instant::now();
        let e = read_password_file(&fifo).unwrap_err().to_string();
        assert!(e.contains("不是普通文件"), "{e}");
        assert!(started.elapsed() < Duration::from_secs(2));
    }

    #[cfg(unix)]
    #[test]
    fn a_password_file_others_may_read_is_refused() {
        let dir = std::env::temp_dir().join(format!("nianbao-pw-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("pw");
        std::fs::write(&file, "s3cret\n").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
            let e = read_password_file(&file).unwrap_err().to_string();
            assert!(e.contains("chmod 600"), "{e}");
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        assert_eq!(read_password_file(&file).unwrap(), "s3cret");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
