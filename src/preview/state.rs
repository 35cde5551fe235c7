//! The preview's current state: the last good rendering, the diagnostics of
//! the data as it is now, and a generation counter that tells browsers when
//! to fetch the page again.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

use crate::build::BuildPlan;
use crate::check::{self, check_path};
use crate::diag::Severity;
use crate::render::document::{self, Document};
use crate::render::markup::TextFormat;

/// What the preview is built from.
#[derive(Debug, Clone)]
pub struct Inputs {
    /// The data file, as named on the command line.
    pub file: PathBuf,
    /// How it is rendered: HTML through the templates of `--templates DIR`
    /// (see [`BuildPlan::preview`]).
    pub plan: BuildPlan,
}

impl Inputs {
    /// The inputs of a preview of `file` with the templates in `templates`.
    pub fn new(file: PathBuf, templates: Option<PathBuf>) -> Inputs {
        Inputs {
            file,
            plan: BuildPlan::preview(templates),
        }
    }
}

/// One entry of the overlay panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// How serious it is.
    pub severity: Severity,
    /// Stable code (`T3-ROWSUM`, or `READ` / `TEMPLATE` for problems that
    /// are not about the data).
    pub code: String,
    /// The message in Chinese.
    pub message: String,
    /// `file:line:col`, or just the file, when known.
    pub location: Option<String>,
    /// The label printed under the caret by `check`.
    pub label: Option<String>,
    /// The suggested fix, if any.
    pub help: Option<String>,
    /// `data-path` values of the table cells concerned.
    pub cells: Vec<String>,
}

/// Code of a problem reading the data file.
pub const READ: &str = "READ";
/// Code of a problem with the templates.
pub const TEMPLATE: &str = "TEMPLATE";

/// The result of one validation and rendering of the inputs.
#[derive(Debug, Clone, Default)]
pub struct Rendering {
    /// The rendered HTML, when the data could be rendered.
    pub html: Option<String>,
    /// The document the HTML was rendered from.
    pub document: Option<Document>,
    /// Everything to show in the overlay.
    pub problems: Vec<Problem>,
    /// Errors among `problems`.
    pub errors: usize,
    /// Warnings among `problems`.
    pub warnings: usize,
    /// Last year's data file named by `上年数据`, to be watched as well.
    pub previous: Option<PathBuf>,
}

/// Validates and renders the inputs as they are on disk now. Never panics on
/// bad input: every failure becomes a [`Problem`].
pub fn render(inputs: &Inputs) -> Rendering {
    let mut out = Rendering::default();
    let checked = match check_path(&inputs.file, None) {
        Ok(c) => c,
        Err(e) => {
            out.problems.push(Problem {
                severity: Severity::Error,
                code: READ.into(),
                message: format!("无法读取数据文件：{}", e.message),
                location: Some(e.path),
                label: None,
                help: None,
                cells: Vec::new(),
            });
            out.errors = 1;
            return out;
        }
    };
    out.errors = checked.errors();
    out.warnings = checked.warnings();
    let name = checked.file.name();
    let mut document = None;
    if let Some(report) = &checked.report {
        if let Some(w) = &report.previous {
            out.previous = Some(check::previous_path(&checked.file, &w.value));
        }
        let draft = inputs.plan.draft_for(&checked.diagnostics, true);
        document = Some(document::build(report, draft));
    }
    let grid_paths: Vec<String> = document
        .iter()
        .flat_map(|d: &Document| d.sections.iter())
        .filter_map(|s| s.table.as_ref())
        .flat_map(|g| g.cells.iter())
        .filter_map(|c| c.path.clone())
        .collect();
    for d in &checked.diagnostics {
        out.problems.push(Problem {
            severity: d.severity,
            code: d.code.to_string(),
            message: d.message.clone(),
            location: Some(match d.span {
                Some(s) => format!("{name}:{}:{}", s.line, s.column),
                None => name.clone(),
            }),
            label: d.label.clone(),
            help: d.help.clone(),
            cells: crate::diag::cells::cells_for(d, &grid_paths),
        });
    }
    let (Some(doc), Some(report)) = (document, &checked.report) else {
        return out;
    };
    // The sentences the tool writes come from the (possibly overridden)
    // templates too.
    let plan = &inputs.plan;
    let rendered = plan.load_templates().and_then(|tera| {
        let doc = plan.document(report, doc.draft, &tera)?;
        plan.render_text(TextFormat::Html, &doc, &tera)
            .map(|html| (html, doc))
    });
    match rendered {
        Ok((html, doc)) => {
            out.html = Some(html);
            out.document = Some(doc);
        }
        Err(e) => {
            out.problems.insert(
                0,
                Problem {
                    severity: Severity::Error,
                    code: TEMPLATE.into(),
                    message: format!("模板错误：{}", e.message),
                    location: Some(e.file),
                    label: None,
                    help: None,
                    cells: Vec::new(),
                },
            );
            out.errors += 1;
        }
    }
    out
}

/// What the server shows: the last good rendering and the current problems.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// Changes whenever anything shown changes; unique across restarts.
    pub generation: u64,
    /// The last HTML rendered successfully, without the preview additions.
    pub html: Option<Arc<str>>,
    /// The document `html` was rendered from (for the PDF).
    pub document: Option<Arc<Document>>,
    /// Whether `html` is older than the data file (the current data could not
    /// be rendered).
    pub stale: bool,
    /// Overlay entries for the data as it is now.
    pub problems: Arc<[Problem]>,
    /// Errors among `problems`.
    pub errors: usize,
    /// Warnings among `problems`.
    pub warnings: usize,
    /// The data file's name, for messages.
    pub file: String,
}

/// The state shared by the server, the watcher and the Ctrl-C handler.
#[derive(Debug)]
pub struct Shared {
    snapshot: Mutex<Snapshot>,
    changed: Condvar,
    stopping: AtomicBool,
}

impl Shared {
    /// A state with nothing rendered yet. `file` names the data file.
    pub fn new(file: &Path) -> Shared {
        // Start from the clock so that a restarted server never repeats a
        // generation a browser has already seen.
        let start = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_millis() as u64);
        Shared {
            snapshot: Mutex::new(Snapshot {
                generation: start,
                html: None,
                document: None,
                stale: false,
                problems: Arc::from(Vec::new()),
                errors: 0,
                warnings: 0,
                file: crate::source::display_path(file),
            }),
            changed: Condvar::new(),
            stopping: AtomicBool::new(false),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Snapshot> {
        // A panic elsewhere must not take the preview down with it.
        self.snapshot.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A copy of the current snapshot (cheap: the big parts are shared).
    pub fn snapshot(&self) -> Snapshot {
        self.lock().clone()
    }

    /// Applies a new outcome. Without new HTML the last good HTML stays, marked
    /// stale. When anything shown changed, moves to a new generation, wakes
    /// every waiter and returns true.
    pub fn update(&self, outcome: Rendering) -> bool {
        let mut s = self.lock();
        let same = s.problems[..] == outcome.problems[..]
            && match &outcome.html {
                Some(html) => !s.stale && s.html.as_deref() == Some(html.as_str()),
                None => s.stale || s.html.is_none(),
            };
        if same {
            return false;
        }
        s.generation += 1;
        match outcome.html {
            Some(html) => {
                s.html = Some(Arc::from(html));
                s.document = outcome.document.map(Arc::new);
                s.stale = false;
            }
            None => s.stale = s.html.is_some(),
        }
        s.problems = Arc::from(outcome.problems);
        s.errors = outcome.errors;
        s.warnings = outcome.warnings;
        drop(s);
        self.changed.notify_all();
        true
    }

    /// Waits until the generation differs from `seen`, the server stops, or
    /// `timeout` passes. Returns the current generation.
    pub fn wait_change(&self, seen: u64, timeout: Duration) -> u64 {
        let s = self.lock();
        let (s, _) = self
            .changed
            .wait_timeout_while(s, timeout, |s| {
                s.generation == seen && !self.stopping.load(Ordering::SeqCst)
            })
            .unwrap_or_else(|e| e.into_inner());
        s.generation
    }

    /// Asks every waiter to finish.
    pub fn stop(&self) {
        self.stopping.store(true, Ordering::SeqCst);
        let _guard = self.lock();
        self.changed.notify_all();
    }

    /// Whether the server is stopping.
    pub fn stopping(&self) -> bool {
        self.stopping.load(Ordering::SeqCst)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::cells::t3;
    use crate::diag::codes;
    use crate::model::official::T3Role;

    #[test]
    fn bad_input_keeps_the_last_good_page() {
        let tmp = crate::testutil::TempDir::new("preview-state");
        let dir = tmp.0.clone();
        let file = dir.join("r.yaml");
        let example = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/zibo-zhangdian-traffic-2024.yaml"
        );
        std::fs::copy(example, &file).unwrap();
        let inputs = Inputs::new(file.clone(), None);
        let shared = Shared::new(&file);
        shared.update(render(&inputs));
        let first = shared.snapshot();
        assert!(first.html.as_deref().unwrap().contains("933554"));
        assert!(!first.stale);

        // A YAML syntax error: no new HTML, the old one stays, marked stale.
        std::fs::write(&file, format!("{}: [\n", crate::model::schema::top::AGENCY)).unwrap();
        shared.update(render(&inputs));
        let s = shared.snapshot();
        assert!(s.stale);
        assert!(s.html.as_deref().unwrap().contains("933554"));
        assert_eq!(s.problems[0].code, codes::YAML.as_str());
        assert!(s.generation > first.generation);

        // Deleted, then binary: still no panic, still the old page.
        std::fs::remove_file(&file).unwrap();
        let o = render(&inputs);
        assert_eq!(o.problems[0].code, READ);
        shared.update(o);
        std::fs::write(&file, b"\x00\x01").unwrap();
        shared.update(render(&inputs));
        assert!(shared.snapshot().html.is_some());

        // A validation error: a draft with the offending cell marked.
        let text = std::fs::read_to_string(example).unwrap().replace(
            "本年新收: [6, 0, 0, 0, 0, 0, 6]",
            "本年新收: [6, 0, 0, 0, 0, 0, 7]",
        );
        std::fs::write(&file, text).unwrap();
        shared.update(render(&inputs));
        let s = shared.snapshot();
        assert!(!s.stale);
        assert!(s.html.as_deref().unwrap().contains("草稿"));
        let rowsum = s
            .problems
            .iter()
            .find(|p| p.code == codes::T3_ROWSUM.as_str())
            .unwrap();
        // The printed total, then the part that makes the sum.
        assert_eq!(
            rowsum.cells,
            vec![t3(T3Role::Received, 6), t3(T3Role::Received, 0)]
        );
        assert!(rowsum.location.as_deref().unwrap().contains("r.yaml:"));

        // A broken template: reported, the last page stays.
        let tpl = dir.join("tpl");
        std::fs::create_dir_all(&tpl).unwrap();
        std::fs::write(tpl.join("report.html"), "{% for x in %}").unwrap();
        let o = render(&Inputs::new(file.clone(), Some(tpl)));
        assert!(o.html.is_none());
        assert_eq!(o.problems[0].code, TEMPLATE);
    }

    #[test]
    fn waiters_wake_on_change_and_on_stop() {
        let shared = Arc::new(Shared::new(Path::new("x.yaml")));
        let seen = shared.snapshot().generation;
        let s2 = Arc::clone(&shared);
        let t = std::thread::spawn(move || s2.wait_change(seen, Duration::from_secs(30)));
        std::thread::sleep(Duration::from_millis(50));
        assert!(!shared.update(Rendering::default()), "nothing changed");
        let mut o = Rendering::default();
        o.problems.push(Problem {
            severity: Severity::Error,
            code: READ.into(),
            message: "x".into(),
            location: None,
            label: None,
            help: None,
            cells: Vec::new(),
        });
        assert!(shared.update(o));
        assert_eq!(t.join().unwrap(), seen + 1);
        let s2 = Arc::clone(&shared);
        let t = std::thread::spawn(move || s2.wait_change(seen + 1, Duration::from_secs(30)));
        std::thread::sleep(Duration::from_millis(50));
        shared.stop();
        assert_eq!(t.join().unwrap(), seen + 1);
        assert!(shared.stopping());
    }
}
