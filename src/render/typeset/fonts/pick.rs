//! Which face draws each character: advances per face, coverage, and the
//! role's face with its fallbacks.

use std::collections::BTreeSet;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::{Arc, Mutex};

use super::cmap::Cmap;
use super::{Fonts, Role};

/// Advances (in em) of the characters of one document, per face; a missing
/// entry means the face lacks the character. It may hold other characters
/// too (those read earlier by the same [`Fonts`]).
#[derive(Clone)]
pub struct Metrics {
    adv: Vec<HashMap<char, f32>>,
}

/// Most characters whose advances one [`Fonts`] keeps: far more than a
/// report has (about 1,000), so that a long-running process holds a few
/// megabytes at most.
const KNOWN_MOST: usize = 20_000;

/// The advances a [`Fonts`] has read so far, in every face, and the
/// characters asked: a build asks for the report's characters three times
/// (the glyph check, the installed fonts' cover, the warnings) and the
/// document's once more, each a lookup in every face's `cmap`. A clone
/// starts empty: its faces may come to differ.
#[derive(Default)]
pub(super) struct Known(Mutex<Option<(Arc<Metrics>, HashSet<char>)>>);

/// Characters FandolFang maps to a wrong drawing: 鬱 is drawn as 郁, and
/// the full-width yuan sign ￥ (U+FFE5) as a dollar sign (the same outline
/// as its ＄). They are taken from the next face that has them.
const FANDOL_MISDRAWN: [char; 2] = ['鬱', '￥'];

impl Clone for Known {
    fn clone(&self) -> Self {
        Known::default()
    }
}

/// Characters that must be one em wide; a face drawing them narrower is
/// skipped for them (the WenKai quotes, Noto's em dash).
const FULL_WIDTH: &[char] = &['“', '”', '‘', '’', '—', '…', '·'];

impl Fonts {
    /// Whether face `face` has a glyph for any of `chars`.
    pub fn has_any(&self, face: usize, chars: &BTreeSet<char>) -> bool {
        self.with_data(self.faces[face].origin, |data, index| {
            ttf_parser::Face::parse(data, index).is_ok_and(|f| {
                chars
                    .iter()
                    .any(|&c| f.glyph_index(c).is_some_and(|g| g.0 != 0))
            })
        })
        .unwrap_or(false)
    }

    /// The 造字 font's face, when one was given.
    pub fn zaozi_face(&self) -> Option<usize> {
        self.zaozi
    }

    /// The face of `role`.
    pub fn role_face(&self, role: Role) -> usize {
        self.role[role.index()]
    }

    /// Widths of `chars` in every face (one parse per face for the
    /// characters not read before), shared with the other callers rather
    /// than copied.
    pub fn metrics(&self, chars: &BTreeSet<char>) -> Arc<Metrics> {
        let Ok(mut known) = self.known.0.lock() else {
            return Arc::new(self.read_metrics(chars.iter().copied()));
        };
        let fresh = known.as_ref().is_none_or(|(m, seen)| {
            m.adv.len() != self.faces.len() || seen.len() + chars.len() > KNOWN_MOST
        });
        if fresh {
            *known = Some((
                Arc::new(self.read_metrics(chars.iter().copied())),
                chars.iter().copied().collect(),
            ));
        } else if let Some((m, seen)) = known.as_mut() {
            let missing: Vec<char> = chars
                .iter()
                .copied()
                .filter(|c| !seen.contains(c))
                .collect();
            if !missing.is_empty() {
                let more = self.read_metrics(missing.iter().copied());
                // Copied only if a caller still holds the metrics given out.
                for (all, new) in Arc::make_mut(m).adv.iter_mut().zip(more.adv) {
                    all.extend(new);
                }
                seen.extend(missing);
            }
        }
        known.as_ref().map_or_else(
            || Arc::new(self.read_metrics(chars.iter().copied())),
            |(m, _)| Arc::clone(m),
        )
    }

    /// Widths of `chars` read from every face, one face after another: this
    /// runs under the lock of [`Fonts::metrics`] (and inside the PDF's
    /// prediction of each face's characters), where a thread-pool job could
    /// let this thread take another job that asks for metrics, and wait on
    /// itself.
    fn read_metrics(&self, chars: impl Iterator<Item = char> + Clone) -> Metrics {
        let adv = self
            .faces
            .iter()
            .map(|f| {
                self.with_data(f.origin, |data, index| {
                    let mut map = HashMap::default();
                    if let Ok(face) = ttf_parser::Face::parse(data, index) {
                        let upem = face.units_per_em() as f32;
                        let cmap = Cmap::of(&face);
                        for c in chars.clone() {
                            if let Some(g) = cmap.glyph(c)
                                && g.0 != 0
                            {
                                let a = face.glyph_hor_advance(g).unwrap_or(0) as f32 / upem;
                                map.insert(c, a);
                            }
                        }
                    }
                    map
                })
                .unwrap_or_default()
            })
            .collect();
        Metrics { adv }
    }

    /// Characters of `chars` that no face fit for body text can draw (the
    /// 仿宋 face and its fallbacks; a bold 黑体 face never sets body text).
    pub fn uncovered(&self, chars: &BTreeSet<char>) -> BTreeSet<char> {
        self.uncovered_in(&self.metrics(chars), chars)
    }

    /// [`Fonts::uncovered`] without reading advances: each character looked
    /// up in the body face, then in its fallbacks until one draws it. For
    /// a check, which lays nothing out (a build reads the advances anyway).
    pub fn uncovered_quick(&self, chars: &BTreeSet<char>) -> BTreeSet<char> {
        let mut left: Vec<char> = chars
            .iter()
            .copied()
            .filter(|&c| !c.is_control() && !c.is_whitespace())
            .collect();
        let faces = std::iter::once(self.role_face(Role::Body))
            .chain(self.fallback_for[Role::Body.index()].iter().copied());
        for f in faces {
            if left.is_empty() {
                break;
            }
            self.with_data(self.faces[f].origin, |data, index| {
                if let Ok(face) = ttf_parser::Face::parse(data, index) {
                    let cmap = Cmap::of(&face);
                    left.retain(|&c| !cmap.draws(c));
                }
            });
        }
        left.into_iter().collect()
    }

    /// [`Fonts::uncovered`] with the metrics of `chars` already read.
    pub fn uncovered_in(&self, m: &Metrics, chars: &BTreeSet<char>) -> BTreeSet<char> {
        let faces: Vec<usize> = std::iter::once(self.role_face(Role::Body))
            .chain(self.fallback_for[Role::Body.index()].iter().copied())
            .collect();
        chars
            .iter()
            .copied()
            .filter(|&c| !c.is_control() && !c.is_whitespace())
            .filter(|&c| faces.iter().all(|&f| !m.adv[f].contains_key(&c)))
            .collect()
    }

    /// The face that draws `c` for `role`, and its advance in em: the
    /// role's own face, else the fallback of the closest style that has it
    /// ([`super::style::Style::rank`]): body text (仿宋) takes a regular
    /// 仿宋 or 宋体 face first, then 楷体 (FandolFang lacks the characters
    /// of the 通用规范汉字表 outside GB 2312, which the bundled 楷体 face
    /// has), and never a bold 黑体. A character no face has stays with the
    /// role's face (it draws as .notdef).
    pub fn pick(&self, m: &Metrics, role: Role, c: char) -> (usize, f32) {
        // A 造字 is the 造字 font's, whatever the role.
        if let Some(z) = self.zaozi
            && crate::source::is_private_use(c)
            && let Some(a) = m.adv[z].get(&c)
        {
            return (z, *a);
        }
        let own = self.role_face(role);
        let usable = |f: usize| -> Option<f32> {
            let a = *m.adv[f].get(&c)?;
            if FULL_WIDTH.contains(&c) && a < 0.95 {
                return None;
            }
            if self.faces[f].fandol && FANDOL_MISDRAWN.contains(&c) {
                return None;
            }
            Some(a)
        };
        let candidates =
            || std::iter::once(own).chain(self.fallback_for[role.index()].iter().copied());
        if let Some(found) = candidates().find_map(|f| usable(f).map(|a| (f, a))) {
            return found;
        }
        // Anything fit for the role that at least has the glyph, even if narrow.
        if let Some(found) = candidates().find_map(|f| m.adv[f].get(&c).map(|a| (f, *a))) {
            return found;
        }
        (own, if c == ' ' { 0.25 } else { 1.0 })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::typeset::FontChoice;

    /// The check's quick coverage answers as the advances do.
    #[test]
    fn quick_coverage_is_the_coverage() {
        let Ok(fonts) = Fonts::load(&FontChoice::default()) else {
            return;
        };
        let chars: BTreeSet<char> = "政府信息公开喆𬌗䶮𠮷黃眞鬱￥\u{E123}\u{10FFFD}☃ \tA1，。"
            .chars()
            .chain('\u{4E00}'..='\u{4FFF}')
            .collect();
        assert_eq!(fonts.uncovered_quick(&chars), fonts.uncovered(&chars));
        assert!(!fonts.uncovered_quick(&chars).is_empty());
    }

    /// FandolFang lacks the table characters outside GB 2312: body text
    /// takes them from the bundled 宋体 (issue 77.4), headings from the
    /// first fallback of their own style.
    #[cfg(feature = "embed-fonts")]
    #[test]
    fn body_text_falls_back_to_the_song_face_first() {
        let fonts = Fonts::load(&FontChoice::default()).unwrap();
        let chars: BTreeSet<char> = "喆𬌗政".chars().collect();
        let m = fonts.metrics(&chars);
        let (song, kai) = (fonts.role_face(Role::Folio), fonts.role_face(Role::Kai));
        assert_eq!(fonts.pick(&m, Role::Body, '喆').0, song);
        assert_eq!(fonts.pick(&m, Role::Body, '𬌗').0, song);
        assert_eq!(
            fonts.pick(&m, Role::Body, '政').0,
            fonts.role_face(Role::Body)
        );
        assert_eq!(fonts.pick(&m, Role::Kai, '喆').0, kai);
        assert_ne!(fonts.pick(&m, Role::Hei, '喆').0, kai);
        assert!(fonts.uncovered(&chars).is_empty());
    }

    /// Issue 62: the traditional forms FandolFang draws stay in 仿宋. Issue
    /// 77.4: every character it lacks — the rare forms of the hard-text
    /// reports, and the 通用规范汉字表 characters common in names — comes
    /// from one face, the bundled 宋体, never from the 楷体.
    #[cfg(feature = "embed-fonts")]
    #[test]
    fn what_the_body_face_lacks_comes_from_one_bundled_song_face() {
        let fonts = Fonts::load(&FontChoice::default()).unwrap();
        let names = "喆堃犇玥珺昇淏婕琨琪瑄璟晞旻煜燚瑀鑫森垚彧翀曌泓浠溱渼沅";
        let rare = "䶮𠮷黃眞";
        let chars: BTreeSet<char> = format!("誠國學{rare}{names}").chars().collect();
        let m = fonts.metrics(&chars);
        let (body, song) = (fonts.role_face(Role::Body), fonts.role_face(Role::Folio));
        for c in "誠國學".chars() {
            assert_eq!(fonts.pick(&m, Role::Body, c).0, body, "{c}");
        }
        let elsewhere: Vec<char> = format!("{rare}{names}")
            .chars()
            .filter(|&c| fonts.pick(&m, Role::Body, c).0 != body)
            .collect();
        assert!(elsewhere.len() >= rare.chars().count() + 5, "{elsewhere:?}");
        for c in elsewhere {
            assert_eq!(fonts.pick(&m, Role::Body, c).0, song, "{c}");
        }
        assert!(fonts.uncovered(&chars).is_empty());
    }

    /// FandolFang draws 鬱 as 郁 and ￥ as ＄ (one outline for ＄ and ￥):
    /// body text takes both from another face, and ＄ stays with FandolFang.
    #[cfg(feature = "embed-fonts")]
    #[test]
    fn misdrawn_characters_are_not_taken_from_fandol() {
        let fonts = Fonts::load(&FontChoice::default()).unwrap();
        let chars: BTreeSet<char> = "鬱￥＄".chars().collect();
        let m = fonts.metrics(&chars);
        let body = fonts.role_face(Role::Body);
        assert!(fonts.faces[body].fandol);
        for c in FANDOL_MISDRAWN {
            let (face, advance) = fonts.pick(&m, Role::Body, c);
            assert_ne!(face, body, "{c}");
            assert!(advance > 0.95, "{c}: {advance}");
        }
        assert_eq!(fonts.pick(&m, Role::Body, '＄').0, body);
    }

    /// Units, currency signs and marks that reports use are in the bundled
    /// faces: a machine without CJK fonts prints them without a GLYPH.
    #[cfg(feature = "embed-fonts")]
    #[test]
    fn units_currency_and_marks_are_bundled() {
        let fonts = Fonts::load(&FontChoice::default()).unwrap();
        let chars: BTreeSet<char> = "㎡㎏㎞㎝㎎㏄€✓❶❿①⑳№℃‰￥".chars().collect();
        assert!(
            fonts.uncovered(&chars).is_empty(),
            "{:?}",
            fonts.uncovered(&chars)
        );
    }

    /// Advances read before are kept, and a later request gives what a
    /// fresh read gives, for the characters asked.
    #[cfg(feature = "embed-fonts")]
    #[test]
    fn kept_advances_answer_as_a_fresh_read() {
        let fonts = Fonts::load(&FontChoice::default()).unwrap();
        let first: BTreeSet<char> = "政府信息公开，。喆".chars().collect();
        let second: BTreeSet<char> = "公开年度报告123—“”".chars().collect();
        fonts.metrics(&first);
        let kept = fonts.metrics(&second);
        let fresh = Fonts::load(&FontChoice::default())
            .unwrap()
            .metrics(&second);
        for role in Role::ALL {
            for c in second.iter().copied() {
                assert_eq!(
                    fonts.pick(&kept, role, c),
                    fonts.pick(&fresh, role, c),
                    "{c}"
                );
            }
        }
        assert!(fonts.uncovered_in(&kept, &second).is_empty());
        let (seen, faces) = {
            let known = fonts.known.0.lock().unwrap();
            let (m, seen) = known.as_ref().unwrap();
            (seen.len(), m.adv.len())
        };
        assert_eq!(seen, first.union(&second).count());
        assert_eq!(faces, fonts.faces.len());
        assert!(
            fonts.clone().known.0.lock().unwrap().is_none(),
            "a clone starts empty"
        );
    }
}
