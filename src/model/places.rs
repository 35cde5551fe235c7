//! Agencies placed by the map: which administrative divisions a unit's
//! name names (`淄博市张店区交通运输局`: 淄博市, then 张店区, then the organ
//! 交通运输局; short forms too, `张店交通运输局`), and how a named unit
//! stands to the report's own agency by those places — the same place, a
//! wider one over it, a narrower one under it, or another place (临淄区 and
//! 张店区 are two districts of 淄博市, so their 交警大队 are two agencies).
//!
//! The divisions are the 国家统计局's 2023年统计用区划代码 (cut-off
//! 2023-06-30) — provinces, cities, counties and their townships — as
//! compiled by modood/Administrative-divisions-of-China (WTFPL), made into
//! `divisions.txt` by `scripts/divisions.py`. A name whose places cannot be
//! read for sure (a place the table lacks, a short name shared by several
//! counties that this agency's own places do not settle, places that do not
//! nest) is not placed: the caller keeps its own judgement.

use crate::slice::Slice;

/// Each division's level, 1 (province) to 4 (township), compiled from
/// `divisions.txt` by the build script (`build.rs`, which says the format).
static LEVELS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/division-levels.bin"));
/// Each division's parent, a little-endian u32 (`u32::MAX`: none).
static PARENTS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/division-parents.bin"));
/// Every form of every division's name, concatenated in byte order.
static FORM_TEXT: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/division-forms.txt"));
/// Per form: where it ends in [`FORM_TEXT`] and its division times two,
/// plus one for a short form; two little-endian u32 each.
static FORM_INDEX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/division-form-index.bin"));

/// The level of a division.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// A province, autonomous region or municipality.
    Province = 1,
    /// A city, prefecture, autonomous prefecture or league.
    City = 2,
    /// A county, district, county-level city or banner.
    County = 3,
    /// A township, town, street (街道) or sumu.
    Township = 4,
}

/// The little-endian u32 at index `i` of `bytes`.
fn u32_at(bytes: &[u8], i: usize) -> Option<u32> {
    let at = i.checked_mul(4)?;
    let word = bytes.get(at..at + 4)?;
    Some(u32::from_le_bytes([word[0], word[1], word[2], word[3]]))
}

/// The table of divisions, read in place from the compiled arrays.
struct Table;

/// The table.
const TABLE: Table = Table;

/// The entries of the form index that stand for one form: each a division
/// and whether the form is a short one.
#[derive(Debug, Clone)]
struct Forms(std::ops::Range<usize>);

impl Forms {
    /// The divisions, each with whether the form is a short one.
    fn iter(&self) -> impl Iterator<Item = (u32, bool)> {
        self.0
            .clone()
            .filter_map(|i| u32_at(FORM_INDEX, i * 2 + 1))
            .map(|e| (e / 2, e % 2 == 1))
    }

    /// How many divisions the form stands for.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.0.len()
    }
}

impl Table {
    /// How many forms the index holds.
    fn form_count(&self) -> usize {
        FORM_INDEX.len() / 8
    }

    /// The text of form `i`.
    fn form(&self, i: usize) -> &'static [u8] {
        let start = match i {
            0 => 0,
            _ => u32_at(FORM_INDEX, (i - 1) * 2).unwrap_or(0) as usize,
        };
        let end = u32_at(FORM_INDEX, i * 2).unwrap_or(0) as usize;
        FORM_TEXT.get(start..end).unwrap_or_default()
    }

    /// The divisions `form` names, or `None` when it names none.
    fn forms(&self, form: &str) -> Option<Forms> {
        let key = form.as_bytes();
        let (mut lo, mut hi) = (0, self.form_count());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.form(mid) < key {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let first = lo;
        while lo < self.form_count() && self.form(lo) == key {
            lo += 1;
        }
        (lo > first).then_some(Forms(first..lo))
    }

    /// The division `id` is in, if any.
    fn parent(&self, id: u32) -> Option<u32> {
        u32_at(PARENTS, id as usize).filter(|p| *p != u32::MAX)
    }

    /// The divisions `id` is in, from itself up to its province.
    fn chain(&self, id: u32) -> Vec<u32> {
        let mut out = vec![id];
        let mut at = id;
        // A province has no parent; the bound keeps a corrupt table finite.
        while let Some(p) = self.parent(at).filter(|_| out.len() < 8) {
            out.push(p);
            at = p;
        }
        out
    }

    /// Whether `upper` is `lower` or one of the divisions it is in.
    fn contains(&self, upper: u32, lower: u32) -> bool {
        self.chain(lower).contains(&upper)
    }

    /// How many divisions `a` and `b` share (0: not even the province).
    fn shared(&self, a: u32, b: u32) -> usize {
        let (ca, cb) = (self.chain(a), self.chain(b));
        ca.iter().filter(|d| cb.contains(d)).count()
    }

    /// The level of `id`.
    fn level(&self, id: u32) -> Option<Level> {
        match LEVELS.get(id as usize)? {
            1 => Some(Level::Province),
            2 => Some(Level::City),
            3 => Some(Level::County),
            4 => Some(Level::Township),
            _ => None,
        }
    }
}

/// Longest form of a division's name tried, in characters
/// (`新疆维吾尔自治区`, `莫力达瓦达斡尔族自治旗`).
const MAX_FORM_CHARS: usize = 12;

/// Endings of a unit named after a place inside its organ
/// (`公安局交通警察支队张店大队`, `公安局临淄分局`).
const UNIT_ENDS: [&str; 6] = ["派出所", "大队", "中队", "支队", "分局", "分队"];

/// Words in an organ that name no place although they contain a place's
/// ending (`住房和城乡建设局`).
const NOT_PLACES: [&str; 5] = ["城乡", "乡村", "乡镇", "城镇", "社区"];

/// One-character organ endings a short form of a place never stands
/// before in a name (`公安局`, `民政厅`).
const ORGAN_CHARS: [char; 10] = ['局', '厅', '委', '办', '处', '所', '署', '院', '站', '队'];

/// A name read into the places it names and its organ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// For each place named, in order, the divisions it may be.
    pub places: Vec<Vec<u32>>,
    /// Whether each place was named by a short form.
    pub short: Vec<bool>,
    /// The organ: the name without its places (`交通运输局`;
    /// `公安局交通警察支队大队` for `公安局交通警察支队张店大队`).
    pub organ: String,
}

/// The longest division's form `text` starts with, leaving at least two
/// characters after it: its byte length and divisions.
fn form_at(text: &str) -> Option<(usize, Forms)> {
    let ends: Vec<usize> = text
        .char_indices()
        .skip(1)
        .take(MAX_FORM_CHARS)
        .map(|(i, _)| i)
        .chain((text.chars().count() <= MAX_FORM_CHARS).then_some(text.len()))
        .collect();
    ends.into_iter().rev().find_map(|end| {
        if text.slice_from(end).chars().count() < 2 {
            return None;
        }
        TABLE.forms(text.slice_to(end)).map(|list| (end, list))
    })
}

/// Reads `name` (normalized) into its places and organ, or `None` when it
/// names no division the table knows, or seems to name a place it does
/// not know (`城市管理局` is read as no place: precision first).
pub fn read(name: &str) -> Option<Reading> {
    let mut reading = Reading {
        places: Vec::new(),
        short: Vec::new(),
        organ: String::new(),
    };
    let mut rest = name;
    while let Some((end, list)) = form_at(rest) {
        let ids: Vec<u32> = list.iter().map(|(id, _)| id).collect();
        let short = list.iter().all(|(_, short)| short);
        // `公安局` is no 公安县's 局: a short form right before an organ's
        // one-character ending is a word of the organ.
        let organ_word = short && rest.slice_from(end).starts_with(ORGAN_CHARS);
        // A place not inside the one before starts the organ
        // (`淄博市公安局…`: 公安县 is not in 淄博市).
        let inside = reading.places.last().is_none_or(|before| {
            ids.iter()
                .any(|n| before.iter().any(|b| b != n && TABLE.contains(*b, *n)))
        });
        if organ_word || !inside {
            break;
        }
        reading.places.push(ids);
        reading.short.push(short);
        rest = rest.slice_from(end);
    }
    let mut organ = rest.to_string();
    if let Some((at, len, list)) = unit_place(rest) {
        reading.places.push(list.iter().map(|(id, _)| id).collect());
        reading.short.push(list.iter().all(|(_, short)| short));
        organ = format!("{}{}", rest.slice_to(at), rest.slice_from(at + len));
    }
    if reading.places.is_empty() || names_unknown_place(&organ) {
        return None;
    }
    reading.organ = organ;
    Some(reading)
}

/// A place named inside an organ before a unit's ending
/// (`公安局交通警察支队张店大队`): its byte offset, length and divisions.
fn unit_place(organ: &str) -> Option<(usize, usize, Forms)> {
    let end = UNIT_ENDS.iter().find(|e| organ.ends_with(*e))?;
    let before = organ.slice_to(organ.len() - end.len());
    let starts: Vec<usize> = before.char_indices().map(|(i, _)| i).collect();
    // The longest place right before the ending, at least two characters.
    starts
        .iter()
        .filter(|&&i| {
            let n = before.slice_from(i).chars().count();
            (2..=MAX_FORM_CHARS).contains(&n) && i > 0
        })
        .find_map(|&i| {
            TABLE
                .forms(before.slice_from(i))
                .map(|list| (i, before.len() - i, list))
        })
}

/// Whether `organ` still seems to name a place (a region's or township's
/// ending within its first characters): a place the table does not know.
fn names_unknown_place(organ: &str) -> bool {
    let head: String = organ.chars().take(9).collect();
    let mut masked = head.clone();
    for w in NOT_PLACES {
        masked = masked.replace(w, "  ");
    }
    masked.char_indices().skip(1).any(|(i, c)| {
        let region = "省市区县州旗盟镇乡".contains(c) || masked.slice_from(i).starts_with("街道");
        region && masked.slice_from(i + c.len_utf8()).chars().count() >= 2
    })
}

/// The divisions the places of `reading` may end at, each nested in the
/// one before; `None` when they do not nest.
fn nested(reading: &Reading) -> Option<Vec<u32>> {
    let table = &TABLE;
    let mut alive: Vec<u32> = reading.places.first()?.clone();
    for next in reading.places.iter().skip(1) {
        alive = next
            .iter()
            .copied()
            .filter(|n| alive.iter().any(|a| a != n && table.contains(*a, *n)))
            .collect();
        if alive.is_empty() {
            return None;
        }
    }
    Some(alive)
}

/// How a named unit's place stands to the report's agency's place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// The same division.
    Same,
    /// A division this agency's is in (淄博市 for 张店区).
    Above,
    /// A division inside this agency's (马尚街道 for 张店区).
    Below,
    /// Another division at the same level or below it elsewhere (临淄区
    /// for 张店区; a township of another county).
    Other,
}

/// Where the unit `name` is placed against `ours`, both normalized and
/// written out: the relation of their places and the two organs, or `None`
/// when either cannot be placed for sure.
pub fn relation(name: &str, ours: &str) -> Option<(Relation, String, String)> {
    let table = &TABLE;
    let ours_reading = read(ours)?;
    let ours_at = match nested(&ours_reading)?.as_slice() {
        [one] => *one,
        _ => return None,
    };
    let reading = read(name)?;
    let candidates = nested(&reading)?;
    // A short name shared by several places is the one nearest this
    // agency's; one shared by several as near, or a short form of another
    // province, is not placed.
    let best = candidates.iter().map(|c| table.shared(*c, ours_at)).max()?;
    let nearest: Vec<u32> = candidates
        .iter()
        .copied()
        .filter(|c| table.shared(*c, ours_at) == best)
        .collect();
    let short = reading.short.iter().any(|s| *s);
    let [named] = nearest.as_slice() else {
        return None;
    };
    if best == 0 && short {
        return None;
    }
    let relation = relation_of(*named, ours_at)?;
    Some((relation, reading.organ, ours_reading.organ))
}

/// How the division `named` stands to `ours`, or `None` when it is a wider
/// division elsewhere (`青岛市` for 张店区: no more than the names say).
fn relation_of(named: u32, ours: u32) -> Option<Relation> {
    let table = &TABLE;
    if named == ours {
        Some(Relation::Same)
    } else if table.contains(named, ours) {
        Some(Relation::Above)
    } else if table.contains(ours, named) {
        Some(Relation::Below)
    } else if table.level(named)? >= table.level(ours)? {
        Some(Relation::Other)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rel(name: &str, ours: &str) -> Option<Relation> {
        relation(name, ours).map(|(r, _, _)| r)
    }

    #[test]
    fn the_table_reads_every_level() {
        let t = &TABLE;
        assert_eq!(LEVELS.iter().filter(|l| **l == 1).count(), 31);
        assert!(LEVELS.len() > 40_000, "{}", LEVELS.len());
        assert_eq!(PARENTS.len(), LEVELS.len() * 4);
        let levels = (0..LEVELS.len() as u32).filter_map(|id| t.level(id));
        assert_eq!(levels.count(), LEVELS.len());
        for form in [
            "淄博市",
            "淄博",
            "张店区",
            "张店",
            "马尚街道",
            "中埠镇",
            "恩施",
            "内蒙古",
        ] {
            assert!(t.forms(form).is_some(), "{form}");
        }
        assert!(t.forms("马尚").is_none());
        assert!(t.forms("").is_none());
        let sorted = (1..t.form_count()).all(|i| t.form(i - 1) <= t.form(i));
        assert!(sorted, "the forms are in byte order");
    }

    #[test]
    fn a_name_is_read_into_its_places_and_organ() {
        let r = read("淄博市张店区交通运输局").unwrap();
        assert_eq!(r.places.len(), 2);
        assert_eq!(r.organ, "交通运输局");
        let r = read("淄博市公安局交通警察支队张店大队").unwrap();
        assert_eq!(r.places.len(), 2);
        assert_eq!(r.organ, "公安局交通警察支队大队");
        assert_eq!(read("张店交通运输局").unwrap().short, [true]);
        assert!(read("交通运输局").is_none());
        assert!(
            read("临江市河东区交通运输局").is_none(),
            "河东区 is not in 临江市"
        );
        assert!(read("淄博市张点区交通运输局").is_none(), "an unknown place");
        assert!(read("张店区住房和城乡建设局").is_some());
    }

    #[test]
    fn places_stand_by_the_map() {
        let ours = "淄博市张店区交通运输局";
        for (name, want) in [
            ("临淄区交通运输局", Some(Relation::Other)),
            ("淄博市临淄区交通运输局", Some(Relation::Other)),
            ("张店区交通运输局", Some(Relation::Same)),
            ("张店交通运输局", Some(Relation::Same)),
            ("淄博市交通运输局", Some(Relation::Above)),
            ("山东省交通运输厅", Some(Relation::Above)),
            ("马尚街道办事处", Some(Relation::Below)),
            ("中埠镇人民政府", Some(Relation::Below)),
            ("青岛市交通运输局", None),
            ("临淄交警大队", Some(Relation::Other)),
            ("交通运输局", None),
        ] {
            assert_eq!(rel(name, ours), want, "{name}");
        }
        assert_eq!(
            rel("临淄区交警大队", "淄博市公安局交通警察支队张店大队"),
            Some(Relation::Other)
        );
        assert_eq!(
            rel("傅家镇综合执法办公室", "张店区中埠镇综合执法办公室"),
            Some(Relation::Other)
        );
        assert_eq!(
            rel("淄博市公安局临淄分局", "淄博市公安局张店分局"),
            Some(Relation::Other)
        );
    }

    /// Neighbours of one city or county across the map, whose names differ
    /// by a character or two, are other places.
    #[test]
    fn neighbours_across_the_map_are_other_places() {
        for (name, ours) in [
            ("张店区交通运输局", "淄博市临淄区交通运输局"),
            ("路桥区财政局", "台州市黄岩区财政局"),
            ("衡东县自然资源局", "衡阳市衡南县自然资源局"),
            ("衡山县司法局", "衡阳市衡南县司法局"),
            ("贾悦镇人民政府", "潍坊市诸城市枳沟镇人民政府"),
            ("伊川县教育局", "洛阳市宜阳县教育局"),
            ("牛塘镇人民政府", "常州市武进区湖塘镇人民政府"),
            ("西城街道办事处", "台州市黄岩区东城街道办事处"),
            ("青州市农业农村局", "潍坊市寿光市农业农村局"),
        ] {
            assert_eq!(rel(name, ours), Some(Relation::Other), "{name} / {ours}");
        }
    }

    /// 城关镇 is in many counties: the one of this agency's county is meant;
    /// elsewhere, a name shared by several places is not placed.
    #[test]
    fn a_shared_name_is_settled_by_this_agencys_places() {
        let t = &TABLE;
        assert!(t.forms("城关镇").is_some_and(|l| l.len() > 10));
        let ours = "淄博市张店区交通运输局";
        assert_eq!(rel("城关镇人民政府", ours), None);
        assert_eq!(rel("鼓楼区交通运输局", ours), None);
        assert_eq!(rel("交通运输局", "鼓楼区交通运输局"), None);
    }
}
