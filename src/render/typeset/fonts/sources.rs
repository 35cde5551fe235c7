//! Where the faces come from: `--font` files, the bundled faces (a font
//! directory or the copies compiled in), and which role gets which face.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::{FontChoice, FontError, FontSource, Fonts, Origin, Role, parse_failure};

/// Largest font file read, in bytes (whole-family collections reach ~130 MB).
pub const MAX_FONT_FILE: u64 = 256 * 1024 * 1024;

/// The bundled face of `role` compiled into the binary, unless the build
/// has no `embed-fonts` feature or `NIANBAO_NO_EMBEDDED_FONTS` is set (to
/// try the paths a build without embedded faces takes).
pub fn embedded(role: Role) -> Option<&'static [u8]> {
    if std::env::var_os("NIANBAO_NO_EMBEDDED_FONTS").is_some_and(|v| !v.is_empty()) {
        return None;
    }
    embedded_bytes(role)
}

#[cfg(feature = "embed-fonts")]
fn embedded_bytes(role: Role) -> Option<&'static [u8]> {
    Some(match role {
        Role::Title => include_bytes!("../../../../fonts/NotoSerifSC-Bold-subset.otf"),
        Role::Body => include_bytes!("../../../../fonts/FandolFang-Regular-subset.otf"),
        Role::Hei => include_bytes!("../../../../fonts/NotoSansSC-Regular-subset.otf"),
        Role::Kai => include_bytes!("../../../../fonts/WenKaiGB-Regular-subset.ttf"),
        Role::Folio => include_bytes!("../../../../fonts/NotoSerifSC-Regular-subset.otf"),
    })
}

#[cfg(not(feature = "embed-fonts"))]
fn embedded_bytes(_role: Role) -> Option<&'static [u8]> {
    None
}

/// Gives back the memory pages of the compiled-in face of `role` that
/// reading it has mapped. The kernel maps an executable's pages sixteen at
/// a time around each one read, so cutting a few hundred glyphs scattered
/// through a face maps most of its megabytes, and those pages were most of
/// a build's peak memory. Once a face's subset is cut they are not needed;
/// read again, they come back from the executable as they were.
pub(super) fn release_embedded(role: Role) {
    if let Some(bytes) = embedded_bytes(role) {
        pages::release(bytes);
    }
}

#[cfg(target_os = "linux")]
mod pages {
    #![allow(unsafe_code)]

    /// Drops the whole pages inside `bytes` from this process's memory.
    pub(super) fn release(bytes: &'static [u8]) {
        // SAFETY: sysconf has no preconditions.
        let page = usize::try_from(unsafe { libc::sysconf(libc::_SC_PAGESIZE) }).unwrap_or(0);
        if page == 0 {
            return;
        }
        let start = bytes.as_ptr() as usize;
        let first = start.div_ceil(page) * page;
        let last = (start + bytes.len()) / page * page;
        if last > first {
            // SAFETY: the range lies inside `bytes`, read-only data of the
            // executable, mapped privately from its file and never written
            // (no relocation points into compiled-in bytes). Dropping its
            // pages changes nothing a reader sees: the next read faults them
            // in again from the file, with the same contents.
            unsafe {
                libc::madvise(
                    first as *mut libc::c_void,
                    last - first,
                    libc::MADV_DONTNEED,
                );
            }
        }
    }
}

#[cfg(not(target_os = "linux"))]
mod pages {
    /// Nothing: only Linux is known to drop an executable's pages this way.
    pub(super) fn release(_bytes: &'static [u8]) {}
}

/// Where the bundled face of a role is: a file of the font directory or
/// the copy compiled in.
#[derive(Clone)]
enum Bundled {
    File(PathBuf),
    Embedded(Role),
}

impl Fonts {
    /// Loads the fonts chosen by `choice`: `--font` overrides, then the
    /// bundled faces (a font directory wins over the compiled-in copies),
    /// then, when neither exists, installed faces by role.
    pub fn load(choice: &FontChoice) -> Result<Fonts, FontError> {
        let dir = font_dir(choice.dir.as_deref());
        if choice.dir.is_some() && dir.is_none() {
            return Err(FontError::FontDirNotFound {
                tried: candidate_dirs(choice.dir.as_deref()),
            });
        }
        let mut fonts = Fonts {
            faces: Vec::new(),
            role: [usize::MAX; Role::ALL.len()],
            fallback: Vec::new(),
            fallback_for: Default::default(),
            files: fontdb::Database::new(),
            system: None,
            cut: Default::default(),
            known: Default::default(),
            zaozi: None,
        };
        let bundled = |role: Role| -> Result<Option<Bundled>, FontError> {
            if let Some(dir) = &dir {
                let path = dir.join(role.bundled_file());
                if path.is_file() {
                    return Ok(Some(Bundled::File(path)));
                }
                // A font directory from before the 页码 face: page numbers
                // then borrow an installed 宋体 or the body face.
                if embedded(role).is_none() && role != Role::Folio {
                    return Err(FontError::FontMissing { role, path });
                }
            }
            Ok(embedded(role).map(|_| Bundled::Embedded(role)))
        };
        let mut by_path: HashMap<PathBuf, usize> = HashMap::new();
        let mut missing = Vec::new();
        for role in Role::ALL {
            let source = choice
                .overrides
                .iter()
                .rev()
                .find(|(r, _)| *r == role)
                .map(|(_, s)| s.clone());
            let idx = match source {
                Some(FontSource::Path(p)) => fonts.add_file(&p, &mut by_path)?,
                Some(FontSource::Family(name)) => fonts.add_family(&name)?,
                None => match bundled(role)? {
                    Some(b) => fonts.add_bundled(b, &mut by_path)?,
                    None => match fonts.add_role_from_system(role) {
                        Some(i) => i,
                        None => {
                            missing.push(role);
                            continue;
                        }
                    },
                },
            };
            fonts.role[role.index()] = idx;
        }
        if missing.contains(&Role::Folio) && fonts.role[Role::Body.index()] != usize::MAX {
            missing.retain(|&r| r != Role::Folio);
            fonts.role[Role::Folio.index()] = fonts.role[Role::Body.index()];
        }
        if !missing.is_empty() {
            // A role without a face of its own borrows another role's.
            let Some(&any) = fonts.role.iter().find(|&&i| i != usize::MAX) else {
                return Err(FontError::NoFonts {
                    tried: candidate_dirs(choice.dir.as_deref()),
                });
            };
            for role in missing {
                fonts.role[role.index()] = any;
            }
        }
        // Fallback: the broad bundled faces, when present; the 宋体 first,
        // the one face body text takes what the 仿宋 lacks from.
        for role in [Role::Folio, Role::Hei, Role::Title, Role::Kai, Role::Body] {
            if let Some(b) = bundled(role).ok().flatten() {
                let idx = fonts.add_bundled(b, &mut by_path)?;
                if !fonts.fallback.contains(&idx) {
                    fonts.fallback.push(idx);
                }
            }
        }
        for role in [Role::Hei, Role::Title, Role::Kai, Role::Body] {
            let idx = fonts.role[role.index()];
            if !fonts.fallback.contains(&idx) {
                fonts.fallback.push(idx);
            }
        }
        fonts.order_fallbacks();
        fonts.add_zaozi(choice)?;
        Ok(fonts)
    }

    /// Adds the 造字 font of `choice` (`--font 造字=FILE`), the face that
    /// draws the private-use characters it has ([`Fonts::pick`]).
    fn add_zaozi(&mut self, choice: &FontChoice) -> Result<(), FontError> {
        let Some(font) = &choice.zaozi else {
            return Ok(());
        };
        let source = fontdb::Source::Binary(std::sync::Arc::new(font.bytes.to_vec()));
        let ids = self.files.load_font_source(source);
        let Some(&id) = ids.first() else {
            return Err(FontError::FontUnreadable {
                path: font.path.clone(),
                reason: "不是可用的字体文件".into(),
            });
        };
        let shown = font.path.display().to_string();
        self.zaozi = Some(self.add_face(Origin::File(id), 0, &shown)?);
        Ok(())
    }

    /// Adds a bundled face (once).
    fn add_bundled(
        &mut self,
        b: Bundled,
        seen: &mut HashMap<PathBuf, usize>,
    ) -> Result<usize, FontError> {
        match b {
            Bundled::File(path) => self.add_file(&path, seen),
            Bundled::Embedded(role) => {
                if let Some(i) = self
                    .faces
                    .iter()
                    .position(|f| f.origin == Origin::Embedded(role))
                {
                    return Ok(i);
                }
                let origin = format!("内置{role}字体");
                self.add_face(Origin::Embedded(role), 0, &origin)
            }
        }
    }

    /// Adds face 0 of a font file (once per path), after the checks every
    /// read makes.
    fn add_file(
        &mut self,
        path: &Path,
        seen: &mut HashMap<PathBuf, usize>,
    ) -> Result<usize, FontError> {
        if let Some(i) = seen.get(path) {
            return Ok(*i);
        }
        let unreadable = |reason: String| FontError::FontUnreadable {
            path: path.to_path_buf(),
            reason,
        };
        // The same checks as every other read: a regular file, not too big.
        let meta = std::fs::metadata(path).map_err(|e| unreadable(crate::files::io_message(&e)))?;
        if !meta.is_file() {
            return Err(unreadable("不是普通文件".into()));
        }
        if meta.len() > MAX_FONT_FILE {
            return Err(unreadable(format!(
                "文件过大（{} 字节，上限 {} 字节）",
                meta.len(),
                MAX_FONT_FILE
            )));
        }
        // fontdb maps the file (no copy) and indexes its faces; face 0 is used.
        let ids = self
            .files
            .load_font_source(fontdb::Source::File(path.to_path_buf()));
        let Some(&id) = ids
            .iter()
            .find(|id| self.files.face(**id).is_some_and(|f| f.index == 0))
        else {
            // Say why, in ttf-parser's words when it has some.
            let reason = std::fs::File::open(path)
                .map_err(|e| crate::files::io_message(&e))
                .and_then(|_| {
                    let data = crate::files::read_limited(path, MAX_FONT_FILE, "字体文件")
                        .map_err(|e| e.message)?;
                    ttf_parser::Face::parse(&data, 0)
                        .map(|_| ())
                        .map_err(|e| parse_failure(&e))
                })
                .err()
                .unwrap_or_else(|| "不是可用的字体文件".into());
            return Err(unreadable(reason));
        };
        let i = self.add_face(Origin::File(id), 0, &path.display().to_string())?;
        seen.insert(path.to_path_buf(), i);
        Ok(i)
    }
}

/// The directories searched for the bundled fonts, in order.
pub fn candidate_dirs(explicit: Option<&Path>) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Some(d) = explicit {
        out.push(d.to_path_buf());
        return out;
    }
    if let Some(d) = std::env::var_os("NIANBAO_FONT_DIR")
        && !d.is_empty()
    {
        out.push(PathBuf::from(d));
    }
    if let Ok(exe) = std::env::current_exe()
        && let Some(dir) = exe.parent()
    {
        out.push(dir.join("fonts"));
        out.push(dir.join("../share/nianbao/fonts"));
    }
    // A build without compiled-in faces still finds the source tree's.
    if embedded_bytes(Role::Body).is_none() {
        out.push(PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/fonts")));
    }
    out
}

/// The first candidate directory that holds a bundled face.
fn font_dir(explicit: Option<&Path>) -> Option<PathBuf> {
    candidate_dirs(explicit)
        .into_iter()
        .find(|d| Role::ALL.iter().any(|r| d.join(r.bundled_file()).is_file()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A face whose pages were given back reads the same, byte for byte.
    #[cfg(feature = "embed-fonts")]
    #[test]
    fn a_released_face_reads_the_same() {
        let sum = |b: &[u8]| {
            b.iter().fold(0u64, |h, &x| {
                h.wrapping_mul(1_099_511_628_211) ^ u64::from(x)
            })
        };
        for role in Role::ALL {
            let bytes = embedded_bytes(role).unwrap();
            let before = (sum(bytes), bytes.len());
            release_embedded(role);
            assert_eq!((sum(bytes), bytes.len()), before);
            release_embedded(role);
            assert!(ttf_parser::Face::parse(bytes, 0).is_ok());
        }
    }
}
