//! Watching the inputs: the data file, last year's file and the template
//! directory. Their parent directories are watched, not the files, since
//! many editors save by writing a new file and renaming it over the old one.
//! Bursts of events are debounced into one re-render.

use super::PreviewError;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError, SyncSender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, RecursiveMode, Watcher};

use super::state::{self, Inputs, Rendering, Shared};

/// Quiet time after the last event before re-rendering.
pub const DEBOUNCE: Duration = Duration::from_millis(150);

/// Poll interval when the platform's notification service is unavailable.
const POLL_INTERVAL: Duration = Duration::from_millis(500);

/// What the watcher reacts to: exact files, and every file in some directories.
#[derive(Debug, Default)]
struct Targets {
    files: Vec<PathBuf>,
    dirs: Vec<PathBuf>,
}

impl Targets {
    fn matches(&self, path: &Path) -> bool {
        self.files.iter().any(|f| f == path)
            || path
                .parent()
                .is_some_and(|parent| self.dirs.iter().any(|d| d == parent))
    }
}

/// The directory to watch for `file` and the path its events will carry.
fn locate(file: &Path) -> (PathBuf, PathBuf) {
    let parent = match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let dir = std::fs::canonicalize(&parent).unwrap_or(parent);
    let name = file.file_name().map(PathBuf::from).unwrap_or_default();
    let target = dir.join(name);
    (dir, target)
}

/// Whether an event can mean new content. Opening and reading do not (the
/// preview's own reads would otherwise trigger it again).
fn relevant(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

/// The watcher thread's handle on the file system.
struct Watch {
    watcher: Box<dyn Watcher + Send>,
    targets: Arc<Mutex<Targets>>,
    watched: Vec<PathBuf>,
}

impl Watch {
    fn new(tx: SyncSender<()>) -> Result<Watch, PreviewError> {
        let targets = Arc::new(Mutex::new(Targets::default()));
        let handler = |tx: SyncSender<()>, targets: Arc<Mutex<Targets>>| {
            move |res: notify::Result<Event>| {
                let Ok(event) = res else { return };
                if !relevant(&event.kind) {
                    return;
                }
                let t = targets.lock().unwrap_or_else(|e| e.into_inner());
                if event.paths.iter().any(|p| t.matches(p)) {
                    // A full channel already holds a pending re-render.
                    let _ = tx.try_send(());
                }
            }
        };
        let watcher: Box<dyn Watcher + Send> =
            match notify::recommended_watcher(handler(tx.clone(), Arc::clone(&targets))) {
                Ok(w) => Box::new(w),
                Err(e) => {
                    eprintln!(
                        "nianbao: 警告：无法使用系统文件监视（{e}），改为每 {} 毫秒检查一次",
                        POLL_INTERVAL.as_millis()
                    );
                    let config = notify::Config::default().with_poll_interval(POLL_INTERVAL);
                    Box::new(
                        notify::PollWatcher::new(handler(tx, Arc::clone(&targets)), config)
                            .map_err(|e| PreviewError::Watch {
                                target: "文件".into(),
                                reason: e.to_string(),
                            })?,
                    )
                }
            };
        Ok(Watch {
            watcher,
            targets,
            watched: Vec::new(),
        })
    }

    fn watch_dir(&mut self, dir: &Path) -> Result<(), PreviewError> {
        if self.watched.iter().any(|d| d == dir) {
            return Ok(());
        }
        self.watcher
            .watch(dir, RecursiveMode::NonRecursive)
            .map_err(|e| PreviewError::Watch {
                target: format!("目录 {} ", dir.display()),
                reason: e.to_string(),
            })?;
        self.watched.push(dir.to_path_buf());
        Ok(())
    }

    /// Watches `file` through its directory.
    fn add_file(&mut self, file: &Path) -> Result<(), PreviewError> {
        let (dir, target) = locate(file);
        self.watch_dir(&dir)?;
        let mut t = self.targets.lock().unwrap_or_else(|e| e.into_inner());
        if !t.files.contains(&target) {
            t.files.push(target);
        }
        Ok(())
    }

    /// Watches every file directly in `dir`.
    fn add_dir(&mut self, dir: &Path) -> Result<(), PreviewError> {
        let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        self.watch_dir(&dir)?;
        let mut t = self.targets.lock().unwrap_or_else(|e| e.into_inner());
        if !t.dirs.contains(&dir) {
            t.dirs.push(dir);
        }
        Ok(())
    }
}

/// Starts watching the inputs, renders them once, and keeps re-rendering
/// them into `shared` on every change until the server stops. `log` is told
/// of every outcome. Returns once the first rendering is in `shared`.
pub fn start(
    inputs: Inputs,
    shared: Arc<Shared>,
    log: fn(&Rendering),
) -> Result<std::thread::JoinHandle<()>, PreviewError> {
    // One slot: events arriving while a re-render is pending add nothing.
    let (tx, rx) = mpsc::sync_channel::<()>(1);
    let mut watch = Watch::new(tx)?;
    watch.add_file(&inputs.file)?;
    if let Some(dir) = &inputs.plan.templates {
        watch.add_dir(dir)?;
    }
    // Watches are in place before the first read, so no save is missed.
    let refresh = move |watch: &mut Watch| {
        let outcome = state::render(&inputs);
        if let Some(prev) = &outcome.previous
            && let Err(e) = watch.add_file(prev)
        {
            eprintln!("nianbao: 警告：{e}");
        }
        log(&outcome);
        shared.update(outcome);
        !shared.stopping()
    };
    refresh(&mut watch);
    let handle = std::thread::Builder::new()
        .name("nianbao-watch".into())
        .spawn(move || {
            while rx.recv().is_ok() {
                loop {
                    match rx.recv_timeout(DEBOUNCE) {
                        Ok(()) => continue,
                        Err(RecvTimeoutError::Timeout) => break,
                        Err(RecvTimeoutError::Disconnected) => return,
                    }
                }
                if !refresh(&mut watch) {
                    return;
                }
            }
        })
        .map_err(|e| PreviewError::Watch {
            target: "文件".into(),
            reason: format!("无法启动监视线程（{}）", crate::files::io_message(&e)),
        })?;
    Ok(handle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, ModifyKind};

    #[test]
    fn reads_are_not_changes() {
        assert!(!relevant(&EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(!relevant(&EventKind::Access(AccessKind::Read)));
        assert!(relevant(&EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(relevant(&EventKind::Modify(ModifyKind::Any)));
        assert!(relevant(&EventKind::Create(CreateKind::File)));
    }

    #[test]
    fn targets_match_files_and_directories() {
        let (dir, target) = locate(Path::new("report.yaml"));
        assert_eq!(target, dir.join("report.yaml"));
        let t = Targets {
            files: vec![target.clone()],
            dirs: vec![PathBuf::from("/tpl")],
        };
        assert!(t.matches(&target));
        assert!(!t.matches(&dir.join("other.yaml")));
        assert!(t.matches(Path::new("/tpl/style.css")));
        assert!(!t.matches(Path::new("/tpl/sub/style.css")));
    }

    #[test]
    fn a_save_is_rendered() {
        let tmp = crate::testutil::TempDir::new("watch");
        let dir = tmp.0.clone();
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("r.yaml");
        std::fs::write(&file, format!("{}: [\n", crate::model::schema::top::AGENCY)).unwrap();
        let shared = Arc::new(Shared::new(&file));
        let inputs = Inputs::new(file.clone(), None);
        start(inputs, Arc::clone(&shared), |_| {}).unwrap();
        let first = shared.snapshot().generation;
        let example = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/zibo-zhangdian-traffic-2024.yaml"
        );
        // Save by rename, as many editors do.
        let tmp = dir.join(".r.yaml.tmp");
        std::fs::copy(example, &tmp).unwrap();
        std::fs::rename(&tmp, &file).unwrap();
        let g = shared.wait_change(first, Duration::from_secs(10));
        assert_ne!(g, first);
        assert!(shared.snapshot().html.is_some());
        shared.stop();
    }
}
