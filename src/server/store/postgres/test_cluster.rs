//! A throwaway PostgreSQL cluster for the tests (the store's, and the
//! server's end-to-end tests, which include this file): `initdb` and
//! `pg_ctl` from Debian's `postgresql` package (`/usr/lib/postgresql/*/bin`)
//! in a temp folder, listening on a Unix socket in that folder and on
//! 127.0.0.1 (for the TLS test), with `trust` authentication. As root the tools run as the `postgres` user
//! (`runuser -u postgres`), since `initdb` refuses root. A watcher stops
//! the cluster and removes the folder when the test process ends, however
//! it ends. Without PostgreSQL the tests skip with a message, except under
//! CI (`CI=true`), where they fail.

#![allow(dead_code, unreachable_pub)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// One running cluster.
#[derive(Debug)]
pub struct Cluster {
    /// The folder of the socket (and of the data, under `data/`).
    pub dir: PathBuf,
    /// The port that names the socket.
    pub port: u16,
    bin: PathBuf,
    as_postgres: bool,
}

static CLUSTER: OnceLock<Option<Cluster>> = OnceLock::new();
static NEXT_DB: AtomicUsize = AtomicUsize::new(0);

/// The newest `…/postgresql/<version>/bin` holding `initdb`.
fn bin_dir() -> Option<PathBuf> {
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .flatten()
        .filter_map(|e| {
            let version = e.file_name().to_str()?.parse().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").is_file().then_some((version, bin))
        })
        .collect();
    found.sort();
    found.pop().map(|(_, bin)| bin)
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

impl Cluster {
    /// Runs the tool `name` of the cluster's version with `args` (as the
    /// `postgres` user when we are root).
    fn tool(&self, name: &str) -> Command {
        let program = self.bin.join(name);
        if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(program);
            c
        } else {
            Command::new(program)
        }
    }

    fn start() -> Result<Cluster, String> {
        let bin = bin_dir().ok_or("未找到 PostgreSQL（/usr/lib/postgresql/*/bin/initdb）")?;
        let as_postgres = is_root();
        let dir = std::env::temp_dir().join(format!(
            "nianbao-pg-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.subsec_nanos())
        ));
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        if as_postgres {
            run(Command::new("chown").args(["postgres:postgres"]).arg(&dir))?;
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map_err(|e| e.to_string())?
            .port();
        let cluster = Cluster {
            dir,
            port,
            bin,
            as_postgres,
        };
        let data = cluster.dir.join("data");
        run(cluster.tool("initdb").arg("-D").arg(&data).args([
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        ]))?;
        cluster.watch(&data)?;
        let options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300",
            cluster.dir.display()
        );
        run(cluster
            .tool("pg_ctl")
            .arg("-D")
            .arg(&data)
            .arg("-l")
            .arg(cluster.dir.join("server.log"))
            .args(["-w", "-o", &options, "start"]))?;
        Ok(cluster)
    }

    /// Starts the watcher that stops the cluster and removes its folder
    /// once this process is gone.
    fn watch(&self, data: &Path) -> Result<(), String> {
        let stop = format!(
            "{}{} -D '{}' -m immediate stop",
            if self.as_postgres {
                "runuser -u postgres -- "
            } else {
                ""
            },
            self.bin.join("pg_ctl").display(),
            data.display()
        );
        let script = format!(
            "while kill -0 {pid} 2>/dev/null; do sleep 1; done; {stop} >/dev/null 2>&1; rm -rf '{dir}'",
            pid = std::process::id(),
            dir = self.dir.display()
        );
        Command::new("sh")
            .args(["-c", &script])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map(drop)
            .map_err(|e| e.to_string())
    }

    /// A connection string to the cluster's database `db`.
    pub fn url(&self, db: &str) -> String {
        format!(
            "postgresql://postgres@/{db}?host={}&port={}",
            self.dir.display(),
            self.port
        )
    }

    /// Runs `sql` as the cluster's superuser (in database `postgres`).
    pub fn admin(&self, sql: &str) {
        postgres::Client::connect(&self.url("postgres"), postgres::NoTls)
            .expect("connect to the test cluster")
            .batch_execute(sql)
            .expect("run as the superuser");
    }

    /// Whether the tools run as the `postgres` user (we are root).
    pub fn as_postgres(&self) -> bool {
        self.as_postgres
    }

    /// A new empty database; its connection string.
    pub fn database(&self) -> String {
        let name = format!("t{}", NEXT_DB.fetch_add(1, Ordering::SeqCst));
        let mut admin = postgres::Client::connect(&self.url("postgres"), postgres::NoTls)
            .expect("connect to the test cluster");
        admin
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .expect("create a test database");
        self.url(&name)
    }
}

fn run(command: &mut Command) -> Result<(), String> {
    let out = command.output().map_err(|e| e.to_string())?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{:?}: {}{}",
            command,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

/// The cluster of this test process, started on first use; `None` (with
/// a message) when PostgreSQL is not installed, outside CI.
pub fn cluster() -> Option<&'static Cluster> {
    CLUSTER
        .get_or_init(|| match Cluster::start() {
            Ok(c) => Some(c),
            Err(e) if std::env::var("CI").is_ok_and(|v| v == "true") => {
                panic!("CI 须有 PostgreSQL（.ci/run 安装 postgresql）：{e}")
            }
            Err(e) => {
                eprintln!("跳过 PostgreSQL 测试：{e}");
                None
            }
        })
        .as_ref()
}

/// A new empty database of the test cluster, or `None` (skipped).
pub fn database() -> Option<String> {
    cluster().map(Cluster::database)
}
