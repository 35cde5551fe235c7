//! The held-out prose set of issue 73 (item 4): cases written before the prose
//! rules were changed, run as `check --format json`, with recall per kind and
//! false alarms on the honest cases printed, and a ratchet: the cases caught
//! (defects) or quiet (honest) now, listed in `caught.txt`, must stay so.
//! `NIANBAO_BLESS=1` rewrites `caught.txt`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::common::{blessing, run_in};

const DIR: &str = "tests/fixtures/heldout/prose";

/// The kinds of case in `cases.tsv`, in the order they are reported.
const KINDS: [&str; 5] = ["prose-table", "agency", "cross-year", "other", "honest"];

/// Codes to come (issue 73, item 3) that `cases.tsv` may expect before the
/// rule exists.
const FUTURE_CODES: [&str; 1] = ["XYEAR-PROSE"];

/// Whether a code is one of the rules that read the narrative: an honest case
/// is quiet when none of these is reported on it. Table rules (T3-*, T4-SUM,
/// XYEAR-CARRY, T2-*, FEE-REPORT, FEE-XCHECK, …) are not counted.
fn prose_rule(code: &str) -> bool {
    code.starts_with("NARR")
        || code.starts_with("TEXT-")
        || code.starts_with("PROBLEMS-")
        || code.starts_with("ASSESSMENT")
        || code.starts_with("XYEAR-PROSE")
        || matches!(
            code,
            "COPY" | "AGENCY-NAME" | "FEE-TEXT" | "OTHER-ITEMS" | "PERIOD" | "SECTION-EMPTY"
        )
}

/// One line of `cases.tsv`.
struct Case {
    file: String,
    kind: String,
    /// Codes any of which counts as caught (`NARR|NARR-PARTS`); empty for `quiet`.
    expected: Vec<String>,
}

fn cases(dir: &Path) -> Vec<Case> {
    let text = std::fs::read_to_string(dir.join("cases.tsv")).unwrap();
    let mut out = Vec::new();
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() || line.starts_with("file\t") {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 4, "cases.tsv: four columns: {line}");
        assert!(KINDS.contains(&cols[1]), "cases.tsv: unknown kind: {line}");
        assert!(
            dir.join(cols[0]).is_file(),
            "cases.tsv: no such file: {}",
            cols[0]
        );
        let expected: Vec<String> = if cols[2] == "quiet" {
            assert_eq!(cols[1], "honest", "only honest cases are quiet: {line}");
            Vec::new()
        } else {
            assert_ne!(cols[1], "honest", "an honest case is quiet: {line}");
            cols[2].split('|').map(str::to_owned).collect()
        };
        for code in &expected {
            assert!(
                nianbao::diag::codes::lookup(code).is_some()
                    || FUTURE_CODES.contains(&code.as_str()),
                "cases.tsv: unknown code {code}: {line}"
            );
            assert!(prose_rule(code), "cases.tsv: {code} is not a prose rule");
        }
        out.push(Case {
            file: cols[0].to_owned(),
            kind: cols[1].to_owned(),
            expected,
        });
    }
    out
}

/// `check --format json` over every case in one run (a case's `上年数据` is
/// read beside it): each file's (code, severity) pairs.
fn run_cases(dir: &Path, cases: &[Case]) -> BTreeMap<String, Vec<(String, String)>> {
    let mut args = vec!["check", "--format", "json"];
    args.extend(cases.iter().map(|c| c.file.as_str()));
    let out = run_in(&args, dir);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "check's JSON: {e}\n{}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let mut found: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for file in json["files"].as_array().unwrap() {
        let diags = file["diagnostics"].as_array().unwrap();
        let list = diags
            .iter()
            .map(|d| {
                (
                    d["code"].as_str().unwrap().to_owned(),
                    d["severity"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        found.insert(file["file"].as_str().unwrap().to_owned(), list);
    }
    found
}

#[test]
fn heldout_prose_recall_and_false_alarms() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(DIR);
    let cases = cases(&dir);
    let defects = cases.iter().filter(|c| c.kind != "honest").count();
    assert!(
        defects >= 60 && cases.len() - defects >= 40,
        "the set has 60 defects and 40 honest cases at least"
    );
    let found = run_cases(&dir, &cases);

    // Caught (defects) or quiet (honest), per case.
    let mut now = BTreeSet::new();
    let mut per_kind: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut false_alarms: BTreeMap<String, usize> = BTreeMap::new();
    let mut misses = Vec::new();
    for case in &cases {
        let diags = found
            .get(&case.file)
            .unwrap_or_else(|| panic!("no result for {}", case.file));
        let errors: Vec<&str> = diags
            .iter()
            .filter(|(_, s)| s == "error")
            .map(|(c, _)| c.as_str())
            .collect();
        assert!(
            errors.is_empty(),
            "{}: a case is a valid data file, but check reports errors {errors:?}",
            case.file
        );
        let codes: BTreeSet<&str> = diags.iter().map(|(c, _)| c.as_str()).collect();
        let ok = if case.kind == "honest" {
            let alarms: Vec<&&str> = codes.iter().filter(|c| prose_rule(c)).collect();
            for code in &alarms {
                *false_alarms.entry((**code).to_owned()).or_default() += 1;
            }
            alarms.is_empty()
        } else {
            case.expected.iter().any(|e| codes.contains(e.as_str()))
        };
        let entry = per_kind.entry(case.kind.as_str()).or_default();
        entry.0 += 1;
        if ok {
            entry.1 += 1;
            now.insert(case.file.clone());
        } else {
            let got: Vec<&&str> = codes.iter().filter(|c| prose_rule(c)).collect();
            misses.push(format!("{} ({}; got {got:?})", case.file, case.kind));
        }
    }

    println!("held-out prose set ({DIR}): {} cases", cases.len());
    println!("{:<12} {:>5} {:>7}", "kind", "cases", "caught");
    for kind in KINDS {
        let (n, ok) = per_kind.get(kind).copied().unwrap_or_default();
        let label = if kind == "honest" { "quiet" } else { "" };
        println!("{kind:<12} {n:>5} {ok:>7} {label}");
    }
    let caught: usize = KINDS[..4]
        .iter()
        .map(|k| per_kind.get(k).map_or(0, |p| p.1))
        .sum();
    println!("defects caught: {caught} of {defects}");
    println!("false alarms on honest cases, per code: {false_alarms:?}");
    for miss in &misses {
        println!("  not caught / not quiet: {miss}");
    }

    ratchet(&dir, &now);
}

/// Compares the cases caught or quiet `now` with `caught.txt` (or rewrites it
/// when blessing): a listed case that is no longer caught or quiet fails.
fn ratchet(dir: &Path, now: &BTreeSet<String>) {
    let path = dir.join("caught.txt");
    if blessing() {
        let mut text = String::from(
            "# Held-out prose cases caught (defects) or quiet (honest) by the current build.\n\
             # tests/testsuite/heldout_prose.rs fails when one of these regresses; NIANBAO_BLESS=1 rewrites this file.\n",
        );
        for file in now {
            text.push_str(file);
            text.push('\n');
        }
        std::fs::write(&path, text).unwrap();
        return;
    }
    let listed = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "{DIR}/caught.txt missing: NIANBAO_BLESS=1 cargo test --test testsuite heldout_prose"
        )
    });
    let listed: BTreeSet<String> = listed
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.trim().to_owned())
        .collect();
    let regressed: Vec<&String> = listed.iter().filter(|f| !now.contains(*f)).collect();
    let gained: Vec<&String> = now.iter().filter(|f| !listed.contains(*f)).collect();
    if !gained.is_empty() {
        println!("newly caught or quiet (NIANBAO_BLESS=1 to keep them): {gained:?}");
    }
    assert!(
        regressed.is_empty(),
        "held-out prose cases that were caught or quiet and are no longer: {regressed:?}"
    );
}
