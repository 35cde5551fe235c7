//! `nianbao server` (`nianbao 服务器`): the county collection server —
//! `server init DIR --roster 名单` makes its store, `server DIR --listen
//! ADDR:PORT` serves it.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use super::{Error, Outcome, Status};
use crate::server::{Server, listen, setup, tls};

/// The address listened on by default.
pub(super) const DEFAULT_LISTEN: &str = "127.0.0.1:8400";

/// Arguments of `nianbao server`.
#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
#[command(after_help = "\
先初始化：nianbao server init 文件夹 --roster 名单.xlsx（每个单位一个账号，另有审核账号“审核”，初始密码写入 文件夹/初始密码.csv）；
再启动：nianbao server 文件夹 --listen 地址:端口 --cert 证书.pem --key 私钥.pem。第一行输出是访问地址；按 Ctrl-C 停止。
在局域网地址上提供服务须给出证书和私钥（HTTPS）；不用证书、以明文 HTTP 提供服务须加 --insecure-http。")]
pub struct Args {
    /// 初始化
    #[command(subcommand)]
    action: Option<Action>,
    /// 服务器文件夹（由 server init 创建）
    #[arg(value_name = "文件夹")]
    dir: Option<PathBuf>,
    /// 监听的地址和端口（端口 0 表示任选空闲端口）
    #[arg(long, value_name = "地址:端口", default_value = DEFAULT_LISTEN)]
    listen: String,
    /// 允许在非本机地址上以明文 HTTP 提供服务（口令和数据可能被截获）
    #[arg(long)]
    insecure_http: bool,
    /// HTTPS：服务器证书（PEM，本服务器证书在前，可接中间证书）
    #[arg(long, value_name = "证书.pem", requires = "key")]
    cert: Option<PathBuf>,
    /// HTTPS：证书的私钥（PEM，未加密）
    #[arg(long, value_name = "私钥.pem", requires = "cert")]
    key: Option<PathBuf>,
    /// 明文 HTTP 时，除 IP 地址和 localhost 外允许在浏览器地址栏中使用的服务器名称（可多次给出；其他名称的请求一律拒绝，防 DNS 重绑定）
    #[arg(long = "host", value_name = "名称")]
    hosts: Vec<String>,
    /// 前置网关（反向代理，如 nginx）的地址：只采信来自这些地址的 X-Forwarded-For 作为客户端地址（可多次给出）；其他来源的该请求头一律忽略
    #[arg(long = "trusted-proxy", value_name = "地址")]
    proxies: Vec<std::net::IpAddr>,
    /// 前置网关以 HTTPS 对外提供服务（本进程只在内网上讲 HTTP）：登录 Cookie 加 Secure，并按 HTTPS 检查请求来源
    #[arg(long)]
    gateway_https: bool,
    /// 生成 PDF、Word 文档等所用的字体，同 nianbao build 的 --font；造字=造字程序的字体文件（如 EUDC.TTE），各单位报告中人名、地名的造字从它印出（可重复）
    #[arg(long = "font", value_name = "角色=字体", value_parser = crate::render::typeset::parse_font_arg)]
    fonts: Vec<crate::render::typeset::FontArg>,
}

/// How `nianbao server DIR` serves.
struct Serving<'a> {
    listen: &'a str,
    insecure_http: bool,
    /// The certificate and key files, for HTTPS.
    tls: Option<(&'a std::path::Path, &'a std::path::Path)>,
    /// Host names answered to over plain HTTP (`--host`).
    hosts: &'a [String],
    /// The gateway in front (`--trusted-proxy`, `--gateway-https`).
    gateway: crate::server::Gateway,
    /// `--font`: the faces and the 造字 font of the documents built.
    fonts: &'a [crate::render::typeset::FontArg],
}

/// The subcommands of `nianbao server`.
#[derive(Debug, clap::Subcommand)]
enum Action {
    /// 创建服务器文件夹：数据库、各单位账号和初始密码（别名：初始化）
    #[command(alias = "初始化")]
    Init(InitArgs),
    /// 备份数据库：写入 文件夹/备份/ 中的一个文件（服务器运行时也可以备份；别名：备份）
    #[command(alias = "备份")]
    Backup(BackupArgs),
    /// 从备份恢复数据库（须先停止服务器；现有数据库移到 文件夹/备份/恢复前-时间/；别名：恢复）
    #[command(alias = "恢复")]
    Restore(RestoreArgs),
    /// 设置账号的密码：从标准输入读入新密码（一行，10 到 128 个字符），同时解除锁定（别名：设置密码）
    #[command(alias = "设置密码")]
    Passwd(AccountArgs),
    /// 重置账号的密码：生成新的一次性密码并显示一次，同时解除锁定（别名：重置密码）
    #[command(alias = "重置密码")]
    Reset(AccountArgs),
    /// 解除账号因多次输错密码而被锁定的状态（别名：解锁）
    #[command(alias = "解锁")]
    Unlock(AccountArgs),
    /// 添加一个审核账号（政务公开办的又一位审核人），生成一次性密码并显示一次（别名：添加审核账号）
    #[command(alias = "添加审核账号")]
    AddReviewer(ReviewerArgs),
    /// 把本县的 SQLite 数据库整体迁入一个空的 PostgreSQL 数据库（账号、报告、每个版本、批注、日志），按行数和散列核对，此后 server 文件夹 使用该数据库；可重复运行（别名：移到PostgreSQL）
    #[command(alias = "移到PostgreSQL")]
    MoveToPostgres(MoveArgs),
    /// 开启下一年度的收集：各单位从上年已通过（或最新）的报告生成本年草稿；给出 --roster 时按新名单增加、更名、停用单位（别名：新年度）
    #[command(alias = "新年度")]
    NewYear(NewYearArgs),
}

/// Arguments of `nianbao server new-year`.
#[derive(Debug, clap::Args)]
struct NewYearArgs {
    /// 服务器文件夹
    #[arg(value_name = "文件夹")]
    dir: PathBuf,
    /// 开启的年度（默认：最近一个年度的下一年；只能是这一年）
    #[arg(long, value_name = "年度", value_parser = crate::model::parse_year)]
    year: Option<i32>,
    /// 新的单位名单（.txt、.csv 或 .xlsx）：名单中新出现的单位新建账号，“曾用名”一列与现有单位相同的视为更名，名单中没有的单位停用
    #[arg(long, value_name = "名单")]
    roster: Option<PathBuf>,
    /// 上年度还有已提交、尚未审核的报告时，仍开启下一年度，并把这些报告按提交的内容结转（此后不能再通过或退回）；不给出时列出这些报告并拒绝开启
    #[arg(long)]
    carry_in_review: bool,
}

/// Arguments of `nianbao server move-to-postgres`.
#[derive(Debug, clap::Args)]
struct MoveArgs {
    /// 服务器文件夹（须先停止服务器）
    #[arg(value_name = "文件夹")]
    dir: PathBuf,
    /// 目标 PostgreSQL 数据库（空库），如 postgresql://nianbao@数据库主机/nianbao 或 "host=数据库主机 user=nianbao dbname=nianbao"；密码放在环境变量 NIANBAO_DB_PASSWORD 或 NIANBAO_DB_PASSWORD_FILE 指向的文件中
    #[arg(long, value_name = "连接串")]
    db: String,
}

/// Arguments of `nianbao server reset` and `unlock`.
#[derive(Debug, clap::Args)]
struct AccountArgs {
    /// 服务器文件夹
    #[arg(value_name = "文件夹")]
    dir: PathBuf,
    /// 账号（如 bm001 或 审核）
    #[arg(value_name = "账号")]
    user: String,
}

/// Arguments of `nianbao server add-reviewer`.
#[derive(Debug, clap::Args)]
struct ReviewerArgs {
    /// 服务器文件夹
    #[arg(value_name = "文件夹")]
    dir: PathBuf,
    /// 账号（如 审核2）
    #[arg(value_name = "账号")]
    user: String,
    /// 所审核的地区（如 某市/某县；默认：全部单位）
    #[arg(long, value_name = "地区", default_value = "")]
    region: String,
}

/// Arguments of `nianbao server backup`.
#[derive(Debug, clap::Args)]
struct BackupArgs {
    /// 服务器文件夹
    #[arg(value_name = "文件夹")]
    dir: PathBuf,
}

/// Arguments of `nianbao server restore`.
#[derive(Debug, clap::Args)]
struct RestoreArgs {
    /// 服务器文件夹
    #[arg(value_name = "文件夹")]
    dir: PathBuf,
    /// 备份文件（由“备份数据库”或 nianbao server backup 写出）
    #[arg(value_name = "备份")]
    backup: PathBuf,
}

/// Arguments of `nianbao server init`.
#[derive(Debug, clap::Args)]
struct InitArgs {
    /// 要创建的服务器文件夹
    #[arg(value_name = "文件夹")]
    dir: PathBuf,
    /// 应报送单位名单（.txt、.csv 或 .xlsx，每行一个单位；可有“所属区县”“机关类型”（政府或部门，决定截止日期）等列）
    #[arg(long, value_name = "名单")]
    roster: PathBuf,
    /// 收集的年度（默认：上一年）
    #[arg(long, value_name = "年度", value_parser = crate::model::parse_year)]
    year: Option<i32>,
    /// 数据保存到 PostgreSQL 数据库（空库），如 postgresql://nianbao@数据库主机/nianbao 或 "host=数据库主机 user=nianbao dbname=nianbao"；不写密码，密码放在环境变量 NIANBAO_DB_PASSWORD 或 NIANBAO_DB_PASSWORD_FILE 指向的文件（仅本人可读）中。不给出时使用文件夹中的 SQLite 数据库
    #[arg(long, value_name = "连接串")]
    db: Option<String>,
}

/// Runs the command.
pub(crate) fn run(args: Args) -> Outcome {
    match (args.action, args.dir) {
        (Some(Action::Init(init)), _) => run_init(&init),
        (Some(Action::Backup(backup)), _) => run_backup(&backup),
        (Some(Action::Restore(restore)), _) => run_restore(&restore),
        (Some(Action::Passwd(account)), _) => {
            let mut line = String::new();
            std::io::stdin()
                .read_line(&mut line)
                .map_err(|e| Error::usage(format!("无法读入新密码：{e}")))?;
            let password = line.trim_end_matches(['\r', '\n']);
            crate::server::accounts::set(&account.dir, &account.user, password)
                .map_err(Error::usage)?;
            println!("已设置账号“{}”的新密码", account.user);
            Ok(Status::Clean)
        }
        (Some(Action::Reset(account)), _) => {
            let password = crate::server::accounts::reset(&account.dir, &account.user)
                .map_err(Error::usage)?;
            println!("账号“{}”的新密码：{password}", account.user);
            eprintln!("（只显示这一次，请当面或电话告知本人；原密码已失效，账号的锁定已解除）");
            Ok(Status::Clean)
        }
        (Some(Action::AddReviewer(account)), _) => {
            let password =
                crate::server::accounts::add_reviewer(&account.dir, &account.user, &account.region)
                    .map_err(Error::usage)?;
            println!("已添加审核账号“{}”，一次性密码：{password}", account.user);
            eprintln!("（只显示这一次，请当面告知本人，登录后在页面上修改密码）");
            Ok(Status::Clean)
        }
        (Some(Action::NewYear(args)), _) => run_new_year(&args),
        (Some(Action::MoveToPostgres(args)), _) => run_move(&args),
        (Some(Action::Unlock(account)), _) => {
            crate::server::accounts::unlock(&account.dir, &account.user).map_err(Error::usage)?;
            println!("已解除账号“{}”的锁定", account.user);
            Ok(Status::Clean)
        }
        (None, Some(dir)) => serve(
            &dir,
            &Serving {
                listen: &args.listen,
                insecure_http: args.insecure_http,
                hosts: &args.hosts,
                tls: args.cert.as_deref().zip(args.key.as_deref()),
                gateway: crate::server::Gateway {
                    proxies: args.proxies.clone(),
                    tls: args.gateway_https,
                },
                fonts: &args.fonts,
            },
        ),
        (None, None) => Err(Error::usage(
            "请给出服务器文件夹，如 nianbao server 年报服务器 --listen 127.0.0.1:8400；首次使用先运行 nianbao server init".to_string(),
        )),
    }
}

/// The calendar year before this one.
fn last_year() -> i64 {
    crate::civil::year_of_secs(crate::server::store::now()) - 1
}

fn run_init(args: &InitArgs) -> Outcome {
    let roster = crate::batch::roster::read(&args.roster).map_err(Error::usage)?;
    for note in &roster.notes {
        eprintln!("{note}");
    }
    let year = args.year.map_or_else(last_year, i64::from);
    let made = setup::init_in_regions(
        &args.dir,
        &roster.names,
        &roster.regions,
        &roster.kinds,
        year,
        args.db.as_deref(),
    )
    .map_err(Error::usage)?;
    println!(
        "已创建服务器：{} 个单位账号和审核账号“{}”，{year} 年度",
        made.departments,
        setup::OFFICE_USER
    );
    for (user, region) in &made.offices {
        println!("{region}：审核账号“{user}”（只看本地区及其下级的单位）");
    }
    println!("数据库：{}", made.db);
    println!(
        "初始密码：{}（只写这一次，请分发后妥善保管或删除）",
        made.passwords.display()
    );
    Ok(Status::Clean)
}

/// Without the `postgres` feature: refused, naming the server download.
#[cfg(not(feature = "postgres"))]
fn run_move(_args: &MoveArgs) -> Outcome {
    Err(Error::usage(
        crate::server::store::WITHOUT_POSTGRES.to_string(),
    ))
}

#[cfg(feature = "postgres")]
fn run_move(args: &MoveArgs) -> Outcome {
    use crate::slice::Slice;
    let moved =
        crate::server::moving::move_to_postgres(&args.dir, &args.db).map_err(Error::usage)?;
    if moved.already {
        println!("该 PostgreSQL 数据库中已经是本县的全部数据（核对一致），未重复复制");
    } else {
        println!("已迁入 PostgreSQL，逐表核对行数和散列一致：");
    }
    for t in &moved.tables {
        println!(
            "  {}：{} 行，SHA-256 {}",
            t.table,
            t.rows,
            t.sha256.slice_to(16)
        );
    }
    println!(
        "此后 nianbao server {} 使用该数据库；原 SQLite 文件保留未动",
        args.dir.display()
    );
    Ok(Status::Clean)
}

fn run_new_year(args: &NewYearArgs) -> Outcome {
    let roster = match &args.roster {
        Some(path) => {
            let roster = crate::batch::roster::read(path).map_err(Error::usage)?;
            for note in &roster.notes {
                eprintln!("{note}");
            }
            Some(roster)
        }
        None => None,
    };
    let opened = crate::server::opening::in_folder(
        &args.dir,
        args.year.map(i64::from),
        roster.as_ref(),
        args.carry_in_review,
    )
    .map_err(Error::usage)?;
    for line in opened {
        println!("{line}");
    }
    Ok(Status::Clean)
}

fn run_backup(args: &BackupArgs) -> Outcome {
    let store = crate::server::store::open_existing(&args.dir).map_err(Error::usage)?;
    if let Some(advice) = store.backup_by_tool() {
        return Err(Error::usage(advice.to_string()));
    }
    let name = crate::server::backup::take(store.as_ref(), &args.dir).map_err(Error::io)?;
    let _ = store.audit("nianbao", "backup", &name);
    println!(
        "已备份到 {}",
        args.dir
            .join(crate::server::backup::BACKUP_DIR)
            .join(&name)
            .display()
    );
    Ok(Status::Clean)
}

fn run_restore(args: &RestoreArgs) -> Outcome {
    if !args.backup.is_file() {
        return Err(Error::usage(format!(
            "找不到备份文件 {}",
            args.backup.display()
        )));
    }
    let restored = crate::server::backup::restore(&args.dir, &args.backup).map_err(Error::usage)?;
    println!(
        "已从 {} 恢复数据库（{} 份报告）；原有数据库文件已移到 {}",
        args.backup.display(),
        restored.reports,
        restored.set_aside.display()
    );
    Ok(Status::Clean)
}

fn serve(dir: &std::path::Path, how: &Serving) -> Outcome {
    let listen_on = how.listen;
    let addr: SocketAddr = listen_on.trim().parse().map_err(|_| {
        Error::usage(format!(
            "--listen {listen_on} 不是有效的地址:端口，如 127.0.0.1:8400 或 192.168.1.10:8400"
        ))
    })?;
    // The fonts and the certificate are read before anything is bound or opened.
    let fonts = super::build::font_choice(None, how.fonts)?;
    let tls = match how.tls {
        Some((cert, key)) => Some(tls::config(cert, key).map_err(Error::usage)?),
        None => None,
    };
    let listener = listen::bind(addr, how.insecure_http || tls.is_some()).map_err(Error::usage)?;
    let bound = listener.local_addr().map_err(|e| {
        Error::io(format!(
            "无法取得监听地址：{}",
            crate::files::io_message(&e)
        ))
    })?;
    let mut server = Server::open(dir, bound)
        .map_err(Error::usage)?
        .with_hosts(how.hosts)
        .with_gateway(how.gateway.clone());
    if tls.is_some() {
        server = server.with_tls();
    }
    server.plan.fonts = fonts;
    let server = Arc::new(server);
    {
        let server = Arc::clone(&server);
        if let Err(e) = ctrlc::set_handler(move || server.stop()) {
            eprintln!("nianbao: 警告：无法处理 Ctrl-C（{e}）");
        }
    }
    println!("{}", server.url());
    let _ = std::io::stdout().flush();
    if !bound.ip().is_loopback() && tls.is_none() && !how.gateway.tls {
        eprintln!(
            "警告：正在以明文 HTTP 在 {bound} 上提供服务，局域网中的其他人可能截获口令和数据；请只在可信的内部网络中使用"
        );
    }
    eprintln!("年报收集服务器已启动：{}；按 Ctrl-C 停止", dir.display());
    listen::serve(&listener, &server, tls);
    if let Err(e) = server.close() {
        eprintln!(
            "nianbao: 警告：停止时未能把日志并入数据库文件（{e}）：复制文件夹时请连同 nianbao-server.db-wal 一起复制"
        );
    }
    eprintln!("服务器已停止");
    Ok(Status::Clean)
}

#[cfg(test)]
mod tests {
    #[test]
    fn last_year_is_plausible() {
        let y = super::last_year();
        assert!((2025..2100).contains(&y), "{y}");
    }
}
