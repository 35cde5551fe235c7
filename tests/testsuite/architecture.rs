//! The stages the code is built in, enforced: `src/lib.rs` declares the
//! top-level modules in flow order, and a module may use only modules
//! declared before it (no backward edge, so no cycle between stages); inside
//! a module, no two files may use each other round a cycle (a file and its
//! own parent or children excepted). Edges are read from the `crate::`,
//! `super::` and `self::` paths of the code outside `#[cfg(test)]` items and
//! comments, which is what a workspace of one crate per stage would compile.

use nianbao::slice::Slice;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A module path below the crate root: `["render", "pdf", "table"]`.
type ModPath = Vec<String>;

/// One use of another module: where, and which module.
#[derive(Debug, Clone)]
struct Edge {
    from: ModPath,
    to: ModPath,
    line: usize,
}

#[test]
fn no_stage_uses_a_later_one() {
    let order = declared_order();
    let rank = |m: &ModPath| order.iter().position(|o| *o == m[0]);
    let mut backward = Vec::new();
    for e in all_edges() {
        if e.from[0] == e.to[0] {
            continue;
        }
        let (Some(from), Some(to)) = (rank(&e.from), rank(&e.to)) else {
            panic!(
                "{} 使用了 lib.rs 未声明的模块 {}",
                file_of(&e.from),
                e.to.join("::")
            );
        };
        if to > from {
            backward.push(format!(
                "{}:{} uses crate::{} (stage `{}` is declared after `{}` in src/lib.rs)",
                file_of(&e.from),
                e.line,
                e.to.join("::"),
                e.to[0],
                e.from[0]
            ));
        }
    }
    assert!(
        backward.is_empty(),
        "backward edges between stages:\n{}",
        backward.join("\n")
    );
}

#[test]
fn no_files_use_each_other_round_a_cycle() {
    let mut graph: BTreeMap<ModPath, BTreeSet<ModPath>> = BTreeMap::new();
    for e in all_edges() {
        let related = e.to.starts_with(&e.from) || e.from.starts_with(&e.to);
        if !related {
            graph
                .entry(e.from.clone())
                .or_default()
                .insert(e.to.clone());
        }
    }
    let cycles: Vec<String> = strongly_connected(&graph)
        .into_iter()
        .filter(|c| c.len() > 1)
        .map(|c| c.iter().map(file_of).collect::<Vec<_>>().join(" ↔ "))
        .collect();
    assert!(cycles.is_empty(), "file cycles:\n{}", cycles.join("\n"));
}

/// The scanner itself: paths in `use` trees and expressions are found,
/// comments, strings and test items are not.
#[test]
fn the_scanner_reads_use_trees_and_skips_tests_and_comments() {
    let code = r##"
use crate::{model::{self, Report}, diag::codes};
// crate::cli in a comment
fn f() { let s = "crate::workbench"; let c = '"'; crate::render::pdf::render(); }
#[cfg(test)]
mod tests { use crate::batch::walk; }
fn g<'a>(x: &'a str) { super::sibling::h(); }
"##;
    let modules: BTreeSet<ModPath> = [
        vec!["model"],
        vec!["diag"],
        vec!["diag", "codes"],
        vec!["render"],
        vec!["render", "pdf"],
        vec!["a"],
        vec!["a", "sibling"],
        vec!["a", "me"],
    ]
    .into_iter()
    .map(|m| m.into_iter().map(String::from).collect())
    .collect();
    let me: ModPath = vec!["a".into(), "me".into()];
    let found: Vec<String> = edges_in(&me, code, &modules)
        .into_iter()
        .map(|e| e.to.join("::"))
        .collect();
    assert_eq!(found, ["model", "diag::codes", "render::pdf", "a::sibling"]);
}

/// Rooms that must not reach into another (`from`, `to`, why): the seams
/// between the front ends and the editing core, and between the writers of
/// fixed pages and the typesetting they share.
const SEAMS: &[(&str, &str, &str)] = &[
    (
        "server",
        "workbench",
        "the county server uses the editing core, not the clerk's page",
    ),
    (
        "merge",
        "workbench",
        "the sign-off round uses the editing core, not the clerk's page",
    ),
    (
        "cli::merge",
        "workbench",
        "`nianbao 审签` uses the editing core, not the clerk's page",
    ),
    (
        "editing",
        "workbench",
        "the editing core is below the front ends",
    ),
    (
        "editing",
        "server",
        "the editing core is below the front ends",
    ),
    (
        "editing",
        "preview",
        "the editing core knows no preview: what both mark, a finding's cells, is `diag::cells`",
    ),
    (
        "editing",
        "serve",
        "the editing core knows no HTTP: each front end answers on its own routes",
    ),
    (
        "serve",
        "workbench",
        "the HTTP layer is below the front ends",
    ),
    (
        "render::typeset",
        "render::docx",
        "typesetting depends on no writer",
    ),
    (
        "render::docx",
        "render::pdf",
        "the Word writer takes its font facts from typesetting",
    ),
    (
        "render::typeset",
        "render::pdf",
        "typesetting lays out pages for any fixed-layout writer",
    ),
    (
        "render::typeset",
        "render::ofd",
        "typesetting lays out pages for any fixed-layout writer",
    ),
    (
        "render::ofd",
        "render::pdf",
        "the OFD writer is the PDF writer's sibling: both read the laid-out pages",
    ),
    (
        "render::pdf",
        "render::ofd",
        "the PDF writer is the OFD writer's sibling: both read the laid-out pages",
    ),
    (
        "serve",
        "server",
        "the HTTP layer is below the collection server",
    ),
    (
        "import",
        "batch",
        "the importer reads one report; folders are the batch commands'",
    ),
    (
        "server::county",
        "server::new_year",
        "the summary and the opening of a year do not depend on each other",
    ),
];

#[test]
fn seams_between_rooms_hold() {
    let starts = |m: &ModPath, prefix: &str| {
        let p: Vec<&str> = prefix.split("::").collect();
        m.len() >= p.len() && m.iter().zip(&p).all(|(a, b)| a == b)
    };
    let mut crossed = Vec::new();
    for e in all_edges() {
        for (from, to, why) in SEAMS {
            let page = e.from[0] == "server" && e.to.get(1).is_some_and(|m| m.starts_with("page"));
            if starts(&e.from, from) && starts(&e.to, to) && !page {
                crossed.push(format!(
                    "{}:{} uses crate::{} ({why})",
                    file_of(&e.from),
                    e.line,
                    e.to.join("::")
                ));
            }
        }
    }
    assert!(crossed.is_empty(), "seams crossed:\n{}", crossed.join("\n"));
}

/// The editing core (issue 76.3) knows no HTTP beyond the seams above: no
/// file of `src/editing/` names a reply, a request head, a status or the
/// timing of an answer, nor writes a route.
#[test]
fn the_editing_core_knows_no_http() {
    const HTTP: &[&str] = &["Reply", "Answer", "Head", "Timing", "status", "tiny_http"];
    let mut found = Vec::new();
    for (module, path) in module_files() {
        if module[0] != "editing" {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let code = strip(&text);
        for (word, line) in tokenize(&code) {
            if HTTP.contains(&word.as_str()) {
                found.push(format!("{}:{line}: {word}", file_of(&module)));
            }
        }
        // A route is written as a literal on a line of code (not a
        // comment, not a test).
        for (i, (kept, line)) in code.lines().zip(text.lines()).enumerate() {
            let route = ["\"/api/", "\"GET\"", "\"POST\""]
                .iter()
                .any(|r| line.contains(r));
            if route && !kept.trim().is_empty() && !line.trim_start().starts_with("//") {
                found.push(format!(
                    "{}:{}: route {}",
                    file_of(&module),
                    i + 1,
                    line.trim()
                ));
            }
        }
    }
    assert!(
        found.is_empty(),
        "HTTP in the editing core:\n{}",
        found.join("\n")
    );
}

/// The files that build the report page's state, each a typed structure
/// the front end's answer serializes (issue 76.3): the editing core's
/// `PageState` and its `Finding`s, and the server's `ReportState` around
/// it.
const PAGE_STATE: &[&str] = &[
    "src/editing/state.rs",
    "src/editing/findings.rs",
    "src/server/report_state.rs",
];

/// The page state is typed: its files assemble nothing as untyped JSON (no
/// `json!`, no `serde_json::Value` or `Map`) and derive `Serialize`; and
/// no front end reads a field back out of a state as JSON (`state["…"]`)
/// or turns a typed answer into a `Value` to read it (`to_value`), so no
/// decision rests on a field that might be missing.
#[test]
fn the_page_state_is_typed() {
    let mut found = Vec::new();
    let mut seen = 0;
    for (module, path) in module_files() {
        let file = file_of(&module);
        let code = strip(&std::fs::read_to_string(&path).unwrap());
        let words: Vec<String> = tokenize(&code).into_iter().map(|(w, _)| w).collect();
        if PAGE_STATE.contains(&file.as_str()) {
            seen += 1;
            // `json!`, and any `serde_json::Value` or `Map`, which can only
            // come in through a `serde_json` path.
            for untyped in ["json", "serde_json"] {
                if words.iter().any(|w| w == untyped) {
                    found.push(format!("{file}: `{untyped}` in a file of the page state"));
                }
            }
            if !words.iter().any(|w| w == "Serialize") {
                found.push(format!("{file}: no `Serialize` structure"));
            }
        }
        let front = matches!(module[0].as_str(), "editing" | "workbench" | "server");
        let compact: String = code.chars().filter(|c| !c.is_whitespace()).collect();
        if front && (compact.contains("state[") || compact.contains("to_value(")) {
            found.push(format!("{file}: a state read back as JSON"));
        }
    }
    assert_eq!(
        seen,
        PAGE_STATE.len(),
        "the files of the page state moved: {PAGE_STATE:?}"
    );
    assert!(
        found.is_empty(),
        "untyped page state:\n{}",
        found.join("\n")
    );
}

/// Pages are templates: no `.replace(…)`/`.replacen(…)` in the library
/// looks for an HTML tag (a page patched by string replacement silently
/// loses a control when the other page's wording changes). Escaping a `<`
/// or a `</` is not patching.
#[test]
fn no_html_is_patched_by_string_replacement() {
    let mut patched = Vec::new();
    for (module, path) in module_files() {
        let code = std::fs::read_to_string(&path).unwrap();
        for (line, call) in replace_calls(&code) {
            let pattern = literals(&call).into_iter().next().unwrap_or_default();
            if holds_tag(&pattern) {
                patched.push(format!("{}:{line}: {}", file_of(&module), call.trim()));
            }
        }
    }
    assert!(
        patched.is_empty(),
        "HTML patched by replace:\n{}",
        patched.join("\n")
    );
}

/// No function of the library runs over 100 lines, signature to closing
/// brace (tests excepted).
#[test]
fn no_function_runs_over_100_lines() {
    let mut long = Vec::new();
    for (module, path) in module_files() {
        let code = strip(&std::fs::read_to_string(&path).unwrap());
        for (name, line, lines) in function_lengths(&code) {
            if lines > 100 {
                long.push(format!(
                    "{}:{line}: fn {name} ({lines} lines)",
                    file_of(&module)
                ));
            }
        }
    }
    assert!(
        long.is_empty(),
        "functions over 100 lines:\n{}",
        long.join("\n")
    );
}

/// Things with one home (`what`, the one file allowed): one page-number
/// placement for every writer, one reply for both front ends, one query
/// decoder (a request target's query string: the PostgreSQL store's
/// `Db::query`, a SQL statement's rows, is another thing), and the
/// database driver only inside the SQLite store.
const ONE_HOME: &[(&str, &str)] = &[
    ("enum PageNumbers", "src/render/layout/page.rs"),
    ("struct Reply", "src/serve/reply.rs"),
    ("fn query(target", "src/serve/query.rs"),
    ("struct BuildRequest", "src/editing/request.rs"),
    ("struct Save", "src/editing/request.rs"),
    ("rusqlite::", "src/server/store/sqlite/"),
    ("unicode_normalization::", "src/render/layout/print_form.rs"),
    ("DEVICE_COOKIE", "src/server/login.rs"),
];

/// The server's pages run no inline script (issue 59.8, `script-src
/// 'self'`): every `<script>` has a `src` or holds JSON data, and no
/// element carries an event-handler attribute.
#[test]
fn server_pages_have_no_inline_script() {
    let dir = src().join("server/pages");
    let mut found = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        for (i, _) in text.match_indices("<script") {
            let end = text.slice_from(i).find('>').map_or(text.len(), |e| i + e);
            let head = text.slice(i, end);
            if !head.contains("src=") && !head.contains("application/json") {
                found.push(format!("{}: {head}>", path.display()));
            }
        }
        for handler in [
            " onclick=",
            " onload=",
            " onchange=",
            " oninput=",
            " onsubmit=",
        ] {
            if text.contains(handler) {
                found.push(format!("{}: {handler}", path.display()));
            }
        }
    }
    assert!(found.is_empty(), "inline scripts:\n{}", found.join("\n"));
}

/// Longest line of a template file, in characters (issue 76.4).
const TEMPLATE_LINE_LIMIT: usize = 160;

/// Templates stay readable: no line of a report template (`templates/`) or
/// of a page template (every `pages/` folder under `src/`) is longer than
/// [`TEMPLATE_LINE_LIMIT`] characters. A long line is broken where Tera's
/// whitespace control keeps the output as it was: a `{%-`/`{{-` starting
/// the next line, or `{# -#}` ending this one.
#[test]
fn template_lines_are_at_most_160_characters() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs = vec![root.join("templates")];
    let mut stack = vec![src()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n == "pages") {
                    dirs.push(path.clone());
                }
                stack.push(path);
            }
        }
    }
    let mut long = Vec::new();
    let mut files = 0;
    for dir in &dirs {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file())
            .collect();
        paths.sort();
        for path in paths {
            files += 1;
            let text = std::fs::read_to_string(&path).unwrap();
            for (i, line) in text.lines().enumerate() {
                let n = line.chars().count();
                if n > TEMPLATE_LINE_LIMIT {
                    long.push(format!(
                        "{}:{}: {n} characters",
                        path.strip_prefix(root).unwrap_or(&path).display(),
                        i + 1
                    ));
                }
            }
        }
    }
    assert!(files > 30, "only {files} template files found in {dirs:?}");
    assert!(
        long.is_empty(),
        "template lines over {TEMPLATE_LINE_LIMIT} characters:\n{}",
        long.join("\n")
    );
}

#[test]
fn shared_things_have_one_home() {
    let mut strays = Vec::new();
    for (module, path) in module_files() {
        let code = strip(&std::fs::read_to_string(&path).unwrap());
        let file = file_of(&module);
        for (what, home) in ONE_HOME {
            if code.contains(what) && !file.starts_with(home) {
                strays.push(format!("{file}: `{what}` belongs in {home} alone"));
            }
        }
    }
    assert!(strays.is_empty(), "{}", strays.join("\n"));
}

/// The two stores' folders, whose code is only what differs between them.
const STORE_FOLDERS: [&str; 2] = ["src/server/store/sqlite/", "src/server/store/postgres/"];

/// The data statements (`SELECT`, `INSERT`, `UPDATE`, `DELETE`) of the
/// string literals of `code` outside test items, each as both stores would
/// read it: `$n` as `?n`, `"user"` as `user`, the spaces collapsed.
fn data_statements(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    for literal in string_literals(&drop_test_items(code)) {
        let text = literal.replace("\\\n", " ").replace("\\\"", "\"");
        for statement in text.split(';') {
            let words: Vec<&str> = statement.split_whitespace().collect();
            let head = words.first().map(|w| w.to_ascii_uppercase());
            if !matches!(
                head.as_deref(),
                Some("SELECT" | "INSERT" | "UPDATE" | "DELETE")
            ) {
                continue;
            }
            let joined = words.join(" ").replace("\"user\"", "user");
            out.push(joined.replace('$', "?"));
        }
    }
    out
}

/// Issue 76.3: the store's statements are written once for both stores
/// (`store::sql`, turned into each one's dialect by `store::dialect`): no
/// data statement stands, as either store would read it, in both stores'
/// folders.
#[test]
fn no_statement_is_written_in_both_stores() {
    let mut seen: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    for (module, path) in module_files() {
        let file = file_of(&module);
        let Some(folder) = STORE_FOLDERS.iter().find(|f| file.starts_with(**f)) else {
            continue;
        };
        let code = std::fs::read_to_string(&path).unwrap();
        for statement in data_statements(&code) {
            seen.entry(statement).or_default().insert(folder);
        }
    }
    let twice: Vec<&String> = seen
        .iter()
        .filter(|(_, folders)| folders.len() > 1)
        .map(|(statement, _)| statement)
        .collect();
    assert!(
        twice.is_empty(),
        "statements written in both stores (write them once in src/server/store/sql.rs):\n{}",
        twice
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// The scanner of statements: a literal's statements are read as either
/// store would, and those in test items are not.
#[test]
fn statements_are_read_from_literals_as_either_store_would() {
    let code = "const A: &str = \"SELECT a FROM t WHERE \\\"user\\\" = $1 \\\n     AND b = ?2\";\n\
                const B: &str = \"CREATE TABLE t (a TEXT); INSERT INTO t (a) VALUES ($1)\";\n\
                #[cfg(test)]\nmod tests { const C: &str = \"DELETE FROM t\"; }\n";
    assert_eq!(
        data_statements(code),
        [
            "SELECT a FROM t WHERE user = ?1 AND b = ?2",
            "INSERT INTO t (a) VALUES (?1)"
        ]
    );
}

/// Issue 76.3: the save-burst rule — which save replaces the latest
/// revision rather than follows it — is written once, for both stores:
/// one `fn mergeable`, and [`COALESCE_SECONDS`] read nowhere else.
#[test]
fn the_save_burst_rule_is_written_once() {
    let mut rules = Vec::new();
    let mut readers = Vec::new();
    for (module, path) in module_files() {
        let code = strip(&std::fs::read_to_string(&path).unwrap());
        let file = file_of(&module);
        let tokens = tokenize(&code);
        for w in tokens.windows(2) {
            if w[0].0 == "fn" && w[1].0 == "mergeable" {
                rules.push(format!("{file}:{}", w[0].1));
            }
        }
        let defines = code.contains("pub const COALESCE_SECONDS");
        if !defines && tokens.iter().any(|t| t.0 == "COALESCE_SECONDS") {
            readers.push(file);
        }
    }
    assert_eq!(rules.len(), 1, "fn mergeable defined at: {rules:?}");
    assert!(
        rules[0].starts_with("src/server/store/shared/"),
        "{rules:?}"
    );
    assert_eq!(
        readers.len(),
        1,
        "COALESCE_SECONDS read by {readers:?}: the rule belongs in mergeable alone"
    );
}

/// Issue 76.3: `Store` is implemented once, in `store::shared`, for every
/// store's `Backend`: no store has a layer of its own passing the
/// trait's methods on.
#[test]
fn the_store_is_implemented_once() {
    let mut impls = Vec::new();
    for (module, path) in module_files() {
        let code = strip(&std::fs::read_to_string(&path).unwrap());
        let tokens = tokenize(&code);
        for w in tokens.windows(2) {
            if w[0].0 == "Store" && w[1].0 == "for" {
                impls.push(format!("{}:{}", file_of(&module), w[0].1));
            }
        }
    }
    assert_eq!(impls.len(), 1, "impl Store at: {impls:?}");
    assert!(
        impls[0].starts_with("src/server/store/shared/mod.rs:"),
        "{impls:?}"
    );
}

/// The contents of the string literals of `code` (plain and raw), as
/// written: escapes and line continuations left in.
fn string_literals(code: &str) -> Vec<String> {
    let c: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        if c[i] == '/' && c.get(i + 1) == Some(&'/') {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if c[i] == '/' && c.get(i + 1) == Some(&'*') {
            i = block_comment_end(&c, i);
        } else if c[i] == 'r' && matches!(c.get(i + 1), Some('"' | '#')) && !prev_ident(&c, i) {
            let end = raw_string_end(&c, i);
            let hashes = c[i + 1..].iter().take_while(|ch| **ch == '#').count();
            let (from, to) = (i + 2 + hashes, end.saturating_sub(1 + hashes));
            if from <= to {
                out.push(c[from..to].iter().collect());
            }
            i = end;
        } else if c[i] == '"' {
            let start = i + 1;
            i += 1;
            while i < c.len() && c[i] != '"' {
                i += if c[i] == '\\' { 2 } else { 1 };
            }
            out.push(c[start..i.min(c.len())].iter().collect());
            i += 1;
        } else if c[i] == '\'' && c.get(i + 1) == Some(&'\\') {
            i += 2;
            while i < c.len() && c[i] != '\'' {
                i += 1;
            }
            i += 1;
        } else if c[i] == '\'' && c.get(i + 2) == Some(&'\'') {
            i += 3;
        } else {
            i += 1;
        }
    }
    out
}

/// `code` with the items under a `#[cfg(test)]`-like attribute removed
/// (their line breaks kept), comments and literals kept.
fn drop_test_items(code: &str) -> String {
    let blanked: Vec<char> = blank_literals(code).chars().collect();
    let original: Vec<char> = code.chars().collect();
    let mut out = String::with_capacity(code.len());
    let mut i = 0;
    while i < blanked.len() {
        if blanked[i] == '#' && blanked.get(i + 1) == Some(&'[') {
            let end = matching(&blanked, i + 1, '[', ']');
            let attr: String = blanked[i..end].iter().collect();
            if attr.starts_with("#[cfg(") && attr.contains("test") && !attr.contains("not(test") {
                let mut j = end;
                while j < blanked.len() && blanked[j] != '{' && blanked[j] != ';' {
                    j += 1;
                }
                let stop = if blanked.get(j) == Some(&'{') {
                    matching(&blanked, j, '{', '}')
                } else {
                    j + 1
                };
                let stop = stop.min(blanked.len());
                out.extend(blanked[i..stop].iter().filter(|c| **c == '\n'));
                i = stop;
                continue;
            }
        }
        out.push(original[i]);
        i += 1;
    }
    out
}

/// The `.replace(`/`.replacen(` calls of `code` outside test items, each
/// with its line and its argument text as written.
fn replace_calls(code: &str) -> Vec<(usize, String)> {
    let blanked: Vec<char> = blank_literals(code).chars().collect();
    let original: Vec<char> = code.chars().collect();
    let kept: Vec<bool> = strip(code).lines().map(|l| !l.trim().is_empty()).collect();
    let mut out = Vec::new();
    let mut line = 1;
    for i in 0..blanked.len() {
        if blanked[i] == '\n' {
            line += 1;
            continue;
        }
        let rest = &blanked[i..];
        let name_len = if rest.starts_with(&['.', 'r', 'e', 'p', 'l', 'a', 'c', 'e', 'n', '(']) {
            9
        } else if rest.starts_with(&['.', 'r', 'e', 'p', 'l', 'a', 'c', 'e', '(']) {
            8
        } else {
            continue;
        };
        if !kept.get(line - 1).copied().unwrap_or(false) {
            continue;
        }
        let open = i + name_len;
        let close = matching(&blanked, open, '(', ')');
        out.push((line, original[open..close].iter().collect()));
    }
    out
}

/// Whether `s` holds an HTML tag: `<` or `</` before a lower-case letter.
fn holds_tag(s: &str) -> bool {
    let b = s.as_bytes();
    (0..b.len()).any(|i| {
        b[i] == b'<' && {
            let next = if b.get(i + 1) == Some(&b'/') {
                i + 2
            } else {
                i + 1
            };
            b.get(next).is_some_and(u8::is_ascii_lowercase)
        }
    })
}

/// The contents of the string literals in `code` (plain and raw).
fn literals(code: &str) -> Vec<String> {
    let blanked: Vec<char> = blank_literals(code).chars().collect();
    let original: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut current = String::new();
    for (b, o) in blanked.iter().zip(&original) {
        if *b == ' ' && *o != ' ' {
            current.push(*o);
        } else if *b != ' ' && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Each `fn` of `code` (already stripped) with its line and how many lines
/// it spans, from `fn` to its closing brace.
fn function_lengths(code: &str) -> Vec<(String, usize, usize)> {
    let chars: Vec<char> = code.chars().collect();
    let tokens = tokenize(code);
    let mut out = Vec::new();
    // Map each line to the char index where it starts.
    let mut line_start = vec![0];
    for (i, c) in chars.iter().enumerate() {
        if *c == '\n' {
            line_start.push(i + 1);
        }
    }
    for w in tokens.windows(2) {
        let ((kw, line), (name, _)) = (&w[0], &w[1]);
        if kw != "fn" || !is_ident(name) {
            continue;
        }
        let mut j = line_start[line - 1];
        while j < chars.len() && chars[j] != '{' && chars[j] != ';' {
            j += 1;
        }
        if chars.get(j) != Some(&'{') {
            continue;
        }
        let end = matching(&chars, j, '{', '}');
        let lines = chars[line_start[line - 1]..end.min(chars.len())]
            .iter()
            .filter(|c| **c == '\n')
            .count()
            + 1;
        out.push((name.clone(), *line, lines));
    }
    out
}

/// The top-level modules in the order `src/lib.rs` declares them.
fn declared_order() -> Vec<String> {
    let lib = std::fs::read_to_string(src().join("lib.rs")).unwrap();
    let code = strip(&lib);
    let mut order = Vec::new();
    for line in code.lines() {
        let line = line.trim();
        let rest = line
            .strip_prefix("pub mod ")
            .or_else(|| line.strip_prefix("mod "));
        if let Some(name) = rest.and_then(|r| r.strip_suffix(';')) {
            order.push(name.trim().to_string());
        }
    }
    assert!(order.len() > 10, "src/lib.rs declares {order:?}");
    order
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The file of module `m`, for messages.
fn file_of(m: &ModPath) -> String {
    let base = src().join(m.join("/"));
    let dir = base.join("mod.rs");
    if dir.is_file() {
        format!("src/{}/mod.rs", m.join("/"))
    } else {
        format!("src/{}.rs", m.join("/"))
    }
}

/// Every edge of every library file (the binary's `main.rs`, test files and
/// `testutil` left out).
fn all_edges() -> Vec<Edge> {
    let files = module_files();
    let modules: BTreeSet<ModPath> = files.iter().map(|(m, _)| m.clone()).collect();
    let mut edges = Vec::new();
    for (module, path) in &files {
        let text = std::fs::read_to_string(path).unwrap();
        edges.extend(edges_in(module, &text, &modules));
    }
    edges
}

/// `(module path, file)` of every module.
fn module_files() -> Vec<(ModPath, PathBuf)> {
    let mut out = Vec::new();
    let mut stack = vec![src()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path.strip_prefix(src()).unwrap();
            let mut parts: Vec<String> = rel
                .iter()
                .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
                .collect();
            if parts.last().is_some_and(|p| p == "mod") {
                parts.pop();
            }
            let skipped = matches!(parts.as_slice(), [one] if one == "lib" || one == "main")
                || parts.iter().any(|p| p == "tests" || p == "testutil");
            if !skipped {
                out.push((parts, path));
            }
        }
    }
    out.sort();
    out
}

/// The modules `code` (the file of `module`) uses through `crate::`,
/// `super::` and `self::` paths, each resolved to the longest known module.
fn edges_in(module: &ModPath, code: &str, modules: &BTreeSet<ModPath>) -> Vec<Edge> {
    let code = strip(code);
    let tokens = tokenize(&code);
    let mut edges = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let (word, line) = (&tokens[i].0, tokens[i].1);
        let base: Option<ModPath> = match word.as_str() {
            "crate" => Some(Vec::new()),
            "self" if i == 0 || tokens[i - 1].0 != "::" => Some(module.clone()),
            "super" if i == 0 || tokens[i - 1].0 != "::" => {
                // `super` of a file `a/b.rs` is `a`; of `a/b/mod.rs`, also `a`.
                let mut m = module.clone();
                m.pop();
                let mut j = i;
                while tokens.get(j + 1).is_some_and(|t| t.0 == "::")
                    && tokens.get(j + 2).is_some_and(|t| t.0 == "super")
                {
                    m.pop();
                    j += 2;
                }
                i = j;
                Some(m)
            }
            _ => None,
        };
        i += 1;
        let Some(base) = base else { continue };
        if tokens.get(i).is_none_or(|t| t.0 != "::") {
            continue;
        }
        let mut paths = Vec::new();
        i = use_tree(&tokens, i + 1, base, &mut paths);
        for p in paths {
            if let Some(to) = longest_module(&p, modules)
                && to != *module
                && !edges.iter().any(|e: &Edge| e.line == line && e.to == to)
            {
                edges.push(Edge {
                    from: module.clone(),
                    to,
                    line,
                });
            }
        }
    }
    edges
}

/// Reads the path or `{…}` group at `i` after `prefix::`, pushing every
/// full path; returns the index after it.
fn use_tree(
    tokens: &[(String, usize)],
    mut i: usize,
    prefix: ModPath,
    out: &mut Vec<ModPath>,
) -> usize {
    let Some(tok) = tokens.get(i) else { return i };
    if tok.0 == "{" {
        i += 1;
        while let Some(t) = tokens.get(i) {
            match t.0.as_str() {
                "}" => return i + 1,
                "," => i += 1,
                _ => i = use_tree(tokens, i, prefix.clone(), out),
            }
        }
        return i;
    }
    if !is_ident(&tok.0) {
        out.push(prefix);
        return i;
    }
    let mut path = prefix;
    if tok.0 != "self" {
        path.push(tok.0.clone());
    }
    i += 1;
    if tokens.get(i).is_some_and(|t| t.0 == "::") {
        return use_tree(tokens, i + 1, path, out);
    }
    out.push(path);
    i
}

fn is_ident(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
}

fn longest_module(path: &ModPath, modules: &BTreeSet<ModPath>) -> Option<ModPath> {
    (1..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|p| modules.contains(p))
}

/// Identifiers, `::`, braces and commas, each with its line.
fn tokenize(code: &str) -> Vec<(String, usize)> {
    let chars: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push((chars[start..i].iter().collect(), line));
        } else if c == ':' && chars.get(i + 1) == Some(&':') {
            out.push(("::".into(), line));
            i += 2;
        } else {
            if matches!(c, '{' | '}' | ',' | ';' | '(' | ')') {
                out.push((c.to_string(), line));
            }
            i += 1;
        }
    }
    out
}

/// `code` with comments, string and character literals blanked and the
/// items under a `#[cfg(test)]`-like attribute removed; line breaks kept.
fn strip(code: &str) -> String {
    let blanked = blank_literals(code);
    let chars: Vec<char> = blanked.chars().collect();
    let mut out = String::with_capacity(code.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '#' && chars.get(i + 1) == Some(&'[') {
            let end = matching(&chars, i + 1, '[', ']');
            let attr: String = chars[i..end].iter().collect();
            let test_only =
                attr.starts_with("#[cfg(") && attr.contains("test") && !attr.contains("not(test");
            if test_only {
                // Skip the item: to its `;` or the end of its `{…}` block.
                let mut j = end;
                while j < chars.len() && chars[j] != '{' && chars[j] != ';' {
                    j += 1;
                }
                let stop = if chars.get(j) == Some(&'{') {
                    matching(&chars, j, '{', '}')
                } else {
                    j + 1
                };
                let skipped = chars[i..stop.min(chars.len())]
                    .iter()
                    .filter(|c| **c == '\n');
                out.extend(skipped);
                i = stop;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// The index after the bracket matching the one at `open`.
fn matching(chars: &[char], open: usize, l: char, r: char) -> usize {
    let mut depth = 0;
    for (k, c) in chars.iter().enumerate().skip(open) {
        if *c == l {
            depth += 1;
        } else if *c == r {
            depth -= 1;
            if depth == 0 {
                return k + 1;
            }
        }
    }
    chars.len()
}

/// Comments and literals replaced by spaces (line breaks kept).
fn blank_literals(code: &str) -> String {
    let c: Vec<char> = code.chars().collect();
    let mut out = String::with_capacity(code.len());
    let mut i = 0;
    let blank = |out: &mut String, s: &[char]| {
        for ch in s {
            out.push(if *ch == '\n' { '\n' } else { ' ' });
        }
    };
    while i < c.len() {
        let start = i;
        if c[i] == '/' && c.get(i + 1) == Some(&'/') {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if c[i] == '/' && c.get(i + 1) == Some(&'*') {
            i = block_comment_end(&c, i);
        } else if c[i] == 'r' && matches!(c.get(i + 1), Some('"' | '#')) && !prev_ident(&c, i) {
            i = raw_string_end(&c, i);
        } else if c[i] == '"' {
            i += 1;
            while i < c.len() && c[i] != '"' {
                i += if c[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
        } else if c[i] == '\'' {
            // A char literal ('x', '\n', '\u{1b}'), else a lifetime.
            if c.get(i + 1) == Some(&'\\') {
                i += 2;
                while i < c.len() && c[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if c.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                out.push(c[i]);
                i += 1;
                continue;
            }
        } else {
            out.push(c[i]);
            i += 1;
            continue;
        }
        let end = i.min(c.len());
        blank(&mut out, &c[start..end]);
        i = end;
    }
    out
}

fn prev_ident(c: &[char], i: usize) -> bool {
    i > 0 && (c[i - 1].is_alphanumeric() || c[i - 1] == '_')
}

fn block_comment_end(c: &[char], mut i: usize) -> usize {
    let mut depth = 0;
    while i < c.len() {
        if c[i] == '/' && c.get(i + 1) == Some(&'*') {
            depth += 1;
            i += 2;
        } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            i += 1;
        }
    }
    i
}

fn raw_string_end(c: &[char], mut i: usize) -> usize {
    i += 1;
    let mut hashes = 0;
    while c.get(i) == Some(&'#') {
        hashes += 1;
        i += 1;
    }
    if c.get(i) != Some(&'"') {
        return i;
    }
    i += 1;
    while i < c.len() {
        if c[i] == '"' && (1..=hashes).all(|k| c.get(i + k) == Some(&'#')) {
            return i + 1 + hashes;
        }
        i += 1;
    }
    i
}

/// Tarjan's strongly connected components of `graph`.
fn strongly_connected(graph: &BTreeMap<ModPath, BTreeSet<ModPath>>) -> Vec<Vec<ModPath>> {
    struct State<'g> {
        graph: &'g BTreeMap<ModPath, BTreeSet<ModPath>>,
        index: BTreeMap<&'g ModPath, (usize, usize)>,
        stack: Vec<&'g ModPath>,
        on_stack: BTreeSet<&'g ModPath>,
        next: usize,
        out: Vec<Vec<ModPath>>,
    }
    fn visit<'g>(s: &mut State<'g>, v: &'g ModPath) {
        s.index.insert(v, (s.next, s.next));
        s.next += 1;
        s.stack.push(v);
        s.on_stack.insert(v);
        if let Some(next) = s.graph.get(v) {
            for w in next {
                let Some((w, _)) = s.graph.get_key_value(w) else {
                    continue;
                };
                if !s.index.contains_key(w) {
                    visit(s, w);
                    let low = s.index[w].1.min(s.index[v].1);
                    s.index.get_mut(v).unwrap().1 = low;
                } else if s.on_stack.contains(w) {
                    let low = s.index[w].0.min(s.index[v].1);
                    s.index.get_mut(v).unwrap().1 = low;
                }
            }
        }
        if s.index[v].0 == s.index[v].1 {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                component.push(w.clone());
                if w == v {
                    break;
                }
            }
            s.out.push(component);
        }
    }
    let mut s = State {
        graph,
        index: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        next: 0,
        out: Vec::new(),
    };
    for v in graph.keys() {
        if !s.index.contains_key(v) {
            visit(&mut s, v);
        }
    }
    s.out
}
