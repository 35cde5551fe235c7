//! The style of a face (仿宋, 宋体, 楷体, 黑体) read from its names and
//! weight, and how close a style is to a role: a character a role's face
//! lacks is drawn from the closest face that has it.

use super::Role;

/// The kind of Chinese face, as offices name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) enum Class {
    /// 仿宋: FangSong, FandolFang.
    Fang,
    /// 宋体 and 明体 (serif): SimSun, Noto Serif, Ming, Mincho (HanaMin).
    Song,
    /// 楷体: KaiTi, WenKai, UKai.
    Kai,
    /// 黑体 (sans): SimHei, Noto Sans, YaHei, WenQuanYi.
    Hei,
    /// Anything else (Unifont, symbol faces): no known style.
    Other,
}

/// A face's class, weight (100–900, 400 regular, 700 bold) and slant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Style {
    /// What kind of face.
    pub(super) class: Class,
    /// OS/2 weight class.
    pub(super) weight: u16,
    /// Italic or oblique: Chinese text is set upright, so a slanted face
    /// comes after every upright one (a superscript ⁴ was drawn from DejaVu
    /// Serif Italic among 仿宋 while DejaVu Serif had it too).
    pub(super) slanted: bool,
}

/// Weights from here up count as bold.
const HEAVY: u16 = 600;

/// Words in a face's names that tell its class, tried in this order (仿宋
/// before 宋, sans before serif).
const WORDS: &[(Class, &[&str])] = &[
    (Class::Fang, &["fang", "仿宋"]),
    (Class::Kai, &["kai", "楷"]),
    (
        Class::Hei,
        &[
            "hei", "黑", "sans", "gothic", "dengxian", "等线", "yuan", "圆",
        ],
    ),
    (
        Class::Song,
        &[
            "song", "宋", "serif", "ming", "明", "mincho", "hanamin", "sun", "batang",
        ],
    ),
];

/// The class told by `names` (family, full and PostScript names).
pub(super) fn classify<'a>(names: impl IntoIterator<Item = &'a str>) -> Class {
    let lower: Vec<String> = names.into_iter().map(str::to_lowercase).collect();
    WORDS
        .iter()
        .find(|(_, words)| lower.iter().any(|n| words.iter().any(|w| n.contains(w))))
        .map_or(Class::Other, |(class, _)| *class)
}

impl Style {
    /// Whether the face is bold or heavier.
    pub(super) fn heavy(self) -> bool {
        self.weight >= HEAVY
    }

    /// How well this face stands in for `role`'s face, lower is better;
    /// `None` when it must never draw that role's text (a bold 黑体 among
    /// body text or headings of another style).
    pub(super) fn rank(self, role: Role) -> Option<(bool, u8, u8, u16)> {
        let order: [Class; 5] = match role {
            // 仿宋 text takes every character it lacks from a 宋体, the
            // closest style that has them all (the bundled Noto Serif SC
            // subset holds every one the bundled 仿宋 lacks), so a name is
            // set in one face, never half in 楷体 (issue 77.4).
            Role::Body => [
                Class::Fang,
                Class::Song,
                Class::Kai,
                Class::Other,
                Class::Hei,
            ],
            Role::Title | Role::Folio => [
                Class::Song,
                Class::Fang,
                Class::Kai,
                Class::Other,
                Class::Hei,
            ],
            Role::Kai => [
                Class::Kai,
                Class::Fang,
                Class::Song,
                Class::Other,
                Class::Hei,
            ],
            Role::Hei => [
                Class::Hei,
                Class::Other,
                Class::Song,
                Class::Fang,
                Class::Kai,
            ],
        };
        let class = order.iter().position(|c| *c == self.class).unwrap_or(4) as u8;
        let (target, wants_heavy) = if role == Role::Title {
            (700, true)
        } else {
            (400, false)
        };
        if !wants_heavy && self.heavy() && self.class == Class::Hei && role != Role::Hei {
            return None;
        }
        let wrong_weight = u8::from(self.heavy() != wants_heavy);
        let distance = self.weight.abs_diff(target);
        Some(if wants_heavy {
            // The title: a 宋体 of any weight before a bold face of another style.
            (self.slanted, class, wrong_weight, distance)
        } else {
            // A face of the wrong weight after every face of the right one.
            (self.slanted, wrong_weight, class, distance)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faces_are_classified_by_their_names() {
        let c = |n: &str| classify([n]);
        assert_eq!(c("仿宋_GB2312"), Class::Fang);
        assert_eq!(c("FangSong"), Class::Fang);
        assert_eq!(c("FandolFang-Regular"), Class::Fang);
        assert_eq!(c("SimSun-ExtB"), Class::Song);
        assert_eq!(c("MingLiU-ExtB"), Class::Song);
        assert_eq!(c("HanaMinA"), Class::Song);
        assert_eq!(c("Noto Serif CJK SC"), Class::Song);
        assert_eq!(c("Noto Sans CJK SC"), Class::Hei);
        assert_eq!(c("Microsoft YaHei"), Class::Hei);
        assert_eq!(c("WenQuanYi Zen Hei"), Class::Hei);
        assert_eq!(c("WenKai GB Subset"), Class::Kai);
        assert_eq!(c("AR PL UMing CN"), Class::Song);
        assert_eq!(c("Unifont"), Class::Other);
    }

    #[test]
    fn body_text_prefers_regular_fangsong_then_songti_and_never_bold_sans() {
        let s = |class, weight| Style {
            class,
            weight,
            slanted: false,
        };
        let body = |st: Style| st.rank(Role::Body);
        // 仿宋, then 宋体, then 楷体 (issue 77.4).
        assert!(body(s(Class::Fang, 400)) < body(s(Class::Song, 400)));
        assert!(body(s(Class::Song, 400)) < body(s(Class::Kai, 400)));
        assert!(body(s(Class::Kai, 400)) < body(s(Class::Hei, 400)));
        // A regular face of any style before a bold one.
        assert!(body(s(Class::Hei, 400)) < body(s(Class::Song, 700)));
        assert_eq!(body(s(Class::Hei, 700)), None);
        // The title wants a bold 宋体.
        let title = |st: Style| st.rank(Role::Title);
        assert!(title(s(Class::Song, 700)) < title(s(Class::Song, 400)));
        assert!(title(s(Class::Song, 700)) < title(s(Class::Hei, 700)));
        assert!(title(s(Class::Song, 400)) < title(s(Class::Hei, 700)));
        // An italic face after every upright one, whatever its style.
        let italic = Style {
            slanted: true,
            ..s(Class::Fang, 400)
        };
        assert!(body(s(Class::Hei, 400)) < body(italic));
        assert!(title(s(Class::Hei, 400)) < title(italic));
        // 黑体 headings take a sans face, bold or not.
        assert!(s(Class::Hei, 700).rank(Role::Hei).is_some());
        assert!(s(Class::Hei, 400).rank(Role::Hei) < s(Class::Song, 400).rank(Role::Hei));
    }
}
