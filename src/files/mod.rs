//! Files: bounded reads of regular files ([`read_limited`], [`read_walked`]),
//! safe writes through exclusive temporaries renamed into place
//! ([`write_new`], [`write_group_atomic`], [`write_folder`]), and the Chinese
//! wording of I/O errors ([`io_message`]). Every read and write of the
//! program goes through here.

mod names;
mod replaced;
mod read;
mod write;

pub use names::{notepad_name, report_stem};
pub use read::{FileId, ReadError, read_limited, read_limited_no_link, read_walked};
pub use write::{
    Durability, FOLDER_MARK, FolderError, TempFolder, WriteError, Written, clobbered_input,
    create_dir, folder_outputs, private_temp_dir, remove_temporaries, same_file, write_ahead,
    write_among, write_atomic, write_file, write_folder, write_group_atomic,
    write_group_atomic_with, write_group_new, write_new,
};

/// For tests of reads that must never block on a FIFO: makes one at
/// `path`; whether it did (no `mkfifo` here: nothing to test).
#[cfg(test)]
pub(crate) fn make_fifo(path: &std::path::Path) -> bool {
    std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .is_ok_and(|s| s.success())
}

/// A Chinese description of an I/O error, for reads and writes alike.
pub fn io_message(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    if let Some(said) = e
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<write::NotRegular>())
    {
        return said.to_string();
    }
    match e.kind() {
        NotFound => "文件不存在".into(),
        // Windows also refuses replacing a file Word or WPS holds open so.
        PermissionDenied if cfg!(windows) => {
            "没有权限，或文件正被其他程序占用：如果它在 Word/WPS 中打开着，请先在 Word/WPS 中关闭该文件".into()
        }
        PermissionDenied => "没有权限".into(),
        AlreadyExists => "文件已存在".into(),
        IsADirectory => "这是一个目录".into(),
        _ => io_message_by_code(e),
    }
}

/// Chinese wording for the errors `ErrorKind` does not name, by OS code;
/// otherwise the system's own text.
fn io_message_by_code(e: &std::io::Error) -> String {
    let known = match e.raw_os_error().and_then(os_message) {
        Some(known) => known,
        None => match e.kind() {
            std::io::ErrorKind::InvalidData => "文件内容无法读取",
            std::io::ErrorKind::Interrupted => "操作被中断",
            std::io::ErrorKind::UnexpectedEof => "文件意外结束",
            std::io::ErrorKind::InvalidInput => "路径无效",
            _ => return format!("系统错误：{e}"),
        },
    };
    known.to_string()
}

/// What a file held open by Word or WPS gets on Windows (sharing or lock
/// violation), for reads and writes alike.
pub const HELD_OPEN: &str = "文件正被其他程序占用，请先在 Word/WPS 中关闭该文件";

/// Chinese wording of an errno value (Linux numbering).
#[cfg(not(windows))]
fn os_message(code: i32) -> Option<&'static str> {
    Some(match code {
        28 => "磁盘空间不足",
        20 => "路径中的某一级不是目录",
        21 => "这是一个目录",
        30 => "文件系统是只读的",
        36 => "文件名过长",
        40 => "路径中的符号链接过多（可能是循环链接）",
        122 => "超出磁盘配额",
        27 => "文件过大",
        5 => "输入输出错误（磁盘或设备故障）",
        18 => "不能跨文件系统移动文件",
        24 => "打开的文件过多",
        _ => return None,
    })
}

/// Chinese wording of a Win32 error code. A file open in Word or WPS is
/// refused with a sharing (32) or lock (33) violation.
#[cfg(windows)]
fn os_message(code: i32) -> Option<&'static str> {
    Some(match code {
        32 | 33 => HELD_OPEN,
        39 | 112 => "磁盘空间不足",
        19 => "磁盘或U盘有写保护",
        206 => "文件名或路径过长",
        123 => "文件名中有 Windows 不允许的字符（如 \\ / : * ? \" < > |）",
        21 => "设备未就绪（U盘或光盘是否已插好？）",
        _ => return None,
    })
}
