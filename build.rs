//! The build's three jobs: what `nianbao --version` prints besides the
//! version (`version_env`), the divisions table compiled (`divisions`), and
//! the traditional → simplified character table compiled (`hant`).
//!
//! `version_env` records the target the binary was built for and, when
//! `scripts/dist.sh` gives it in `NIANBAO_COMMIT`, the commit. Runs no git:
//! a plain `cargo build` of a source archive works without it.
//!
//! `divisions` compiles the table of China's administrative divisions
//! (`src/model/divisions.txt`) into the sorted arrays `model::places` reads
//! in place, so that placing a name costs a binary search and no start-up:
//! reading the text into a hash map at run time took 100 M instructions
//! (25 ms), most of a `check` (issue 76).
//!
//! `hant` reads OpenCC's character table (`src/model/TSCharacters.txt`,
//! Apache-2.0) into `hant-pairs.bin`: per character, two little-endian u32,
//! the traditional character and its simplified form, sorted by the first;
//! only pairs of one character each that take the same number of bytes (so
//! a text keeps its byte offsets), the last line of a character winning;
//! and `hant-bmp.bin`, one bit per character of the Basic Multilingual
//! Plane (8 KiB), set for those the pairs hold.
//!
//! `divisions` writes to `OUT_DIR`:
//! - `division-levels.bin`: one byte per division, its level (1–4);
//! - `division-parents.bin`: one little-endian u32 per division, its
//!   parent's index (`u32::MAX`: none);
//! - `division-forms.txt`: every full and short form, concatenated in byte
//!   order (a form standing for several divisions written once per division);
//! - `division-form-index.bin`: per form, two little-endian u32: where the
//!   form ends in the text, and its division's index times two, plus one
//!   when the form is a short one.

use std::path::Path;

/// Township endings as the table writes them, one letter each.
const TOWNSHIP_ENDS: [(char, &str); 4] = [('z', "镇"), ('j', "街道"), ('x', "乡"), ('s', "苏木")];

/// The divisions read so far and their forms.
#[derive(Default)]
struct Table {
    /// Each division's level, 1 (province) to 4 (township).
    levels: Vec<u8>,
    /// Each division's parent (`u32::MAX` for a province).
    parents: Vec<u32>,
    /// (form, division, whether the form is a short one).
    forms: Vec<(String, u32, bool)>,
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    version_env();
    divisions();
    hant();
}

/// The traditional → simplified pairs as a sorted array in `OUT_DIR`.
fn hant() {
    let source = "src/model/TSCharacters.txt";
    println!("cargo:rerun-if-changed={source}");
    let text = std::fs::read_to_string(source).expect("src/model/TSCharacters.txt");
    let mut pairs: Vec<(char, char)> = text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            let (mut t, mut s) = (words.next()?.chars(), words.next()?.chars());
            match (t.next(), t.next(), s.next(), s.next()) {
                (Some(t), None, Some(s), None) if t != s && t.len_utf8() == s.len_utf8() => {
                    Some((t, s))
                }
                _ => None,
            }
        })
        .collect();
    pairs.sort_by_key(|(t, _)| *t);
    pairs.reverse();
    pairs.dedup_by_key(|(t, _)| *t);
    pairs.reverse();
    let bytes: Vec<u8> = pairs
        .iter()
        .flat_map(|(t, s)| [u32::from(*t), u32::from(*s)])
        .flat_map(u32::to_le_bytes)
        .collect();
    // One bit per character of the Basic Multilingual Plane, set for a
    // traditional one: most characters of a text are answered by it alone.
    let mut bmp = vec![0u8; 0x10000 / 8];
    for (t, _) in pairs.iter().filter(|(t, _)| u32::from(*t) < 0x10000) {
        let t = u32::from(*t) as usize;
        bmp[t / 8] |= 1 << (t % 8);
    }
    let out = std::env::var("OUT_DIR").expect("OUT_DIR");
    write(Path::new(&out), "hant-pairs.bin", &bytes);
    write(Path::new(&out), "hant-bmp.bin", &bmp);
}

/// The target and the commit, for `--version`.
fn version_env() {
    println!("cargo:rerun-if-env-changed=NIANBAO_COMMIT");
    let target = std::env::var("TARGET").unwrap_or_default();
    let commit = std::env::var("NIANBAO_COMMIT")
        .ok()
        .filter(|c| !c.is_empty() && c.len() <= 64 && c.bytes().all(|b| b.is_ascii_hexdigit()))
        .unwrap_or_else(|| "未记录（不是由 scripts/dist.sh 构建的）".to_string());
    println!("cargo:rustc-env=NIANBAO_BUILD_TARGET={target}");
    println!("cargo:rustc-env=NIANBAO_BUILD_COMMIT={commit}");
}

/// The divisions table as sorted arrays in `OUT_DIR`.
fn divisions() {
    let source = "src/model/divisions.txt";
    println!("cargo:rerun-if-changed={source}");
    let text = std::fs::read_to_string(source).expect("src/model/divisions.txt");
    let mut table = parse(&text);
    table.forms.sort();
    let out = std::env::var("OUT_DIR").expect("OUT_DIR");
    let out = Path::new(&out);
    let mut forms = String::new();
    let mut index = Vec::new();
    for (form, id, short) in &table.forms {
        forms.push_str(form);
        let end = u32::try_from(forms.len()).expect("forms under 4 GB");
        index.extend_from_slice(&end.to_le_bytes());
        index.extend_from_slice(&(id * 2 + u32::from(*short)).to_le_bytes());
    }
    let parents: Vec<u8> = table.parents.iter().flat_map(|p| p.to_le_bytes()).collect();
    write(out, "division-levels.bin", &table.levels);
    write(out, "division-parents.bin", &parents);
    write(out, "division-forms.txt", forms.as_bytes());
    write(out, "division-form-index.bin", &index);
}

/// Writes `bytes` to `name` in `out`.
fn write(out: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(out.join(name), bytes).expect("OUT_DIR writable");
}

/// The table read from `text` (see `scripts/divisions.py` for its format).
fn parse(text: &str) -> Table {
    let mut table = Table::default();
    let (mut province, mut city) = (None, None);
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let mut words = line.split(' ');
        let kind = words.next().unwrap_or_default();
        let first = words.next().unwrap_or_default();
        let (level, parent) = match kind {
            "P" => (1, None),
            "C" => (2, province),
            _ => (3, city.or(province)),
        };
        let id = table.add(first, level, parent);
        match level {
            1 => (province, city) = (id, None),
            2 => city = id,
            _ => {
                for town in words {
                    let Some(end) = town.chars().last() else {
                        continue;
                    };
                    let Some((_, full)) = TOWNSHIP_ENDS.iter().find(|(c, _)| *c == end) else {
                        continue;
                    };
                    let stem: String = town.chars().take(town.chars().count() - 1).collect();
                    table.add(&format!("{stem}{full}"), 4, id);
                }
            }
        }
    }
    table
}

impl Table {
    /// Adds the division written `written` (`name` or `name|short`; `-`: a
    /// placeholder, added as nothing) and returns its index.
    fn add(&mut self, written: &str, level: u8, parent: Option<u32>) -> Option<u32> {
        if written == "-" || written.is_empty() {
            return None;
        }
        let id = u32::try_from(self.levels.len()).expect("divisions under 4 G");
        self.levels.push(level);
        self.parents.push(parent.unwrap_or(u32::MAX));
        let (full, short) = match written.split_once('|') {
            Some((full, short)) => (full, Some(short.to_string())),
            None if level == 4 => (written, None),
            None => (written, plain_short(written)),
        };
        self.forms.push((full.to_string(), id, false));
        if let Some(short) = short {
            self.forms.push((short, id, true));
        }
        Some(id)
    }
}

/// The short form of a division's full `name` when the table does not
/// write one: the name without its last character, if two are left.
fn plain_short(name: &str) -> Option<String> {
    let chars: Vec<char> = name.chars().collect();
    let (last, stem) = chars.split_last()?;
    (stem.len() >= 2 && "省市区县州旗盟".contains(*last)).then(|| stem.iter().collect())
}
