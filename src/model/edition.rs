//! The two editions of the official report format.

use std::fmt;

/// The first report year with an official format (国办公开办函〔2019〕60号).
pub const FIRST_YEAR: i32 = 2019;

/// The last report year accepted (four digits).
pub const LAST_YEAR: i32 = 9999;

/// A report year given by the user (`--year` of every command, a page's
/// form), checked: the year, or the Chinese message when it is outside
/// [`FIRST_YEAR`]–[`LAST_YEAR`]. The one range and wording for them all.
pub fn check_year(year: i64) -> Result<i32, String> {
    i32::try_from(year)
        .ok()
        .filter(|y| (FIRST_YEAR..=LAST_YEAR).contains(y))
        .ok_or_else(|| {
            format!("年度 {year} 不在 {FIRST_YEAR}–{LAST_YEAR} 之间（支持 2019 版和 2021 版格式）")
        })
}

/// A report year as written on the command line (`--year 2024`), checked
/// with [`check_year`]; the Chinese message when it is not a number.
pub fn parse_year(text: &str) -> Result<i32, String> {
    let text = text.trim();
    let year: i64 = text
        .parse()
        .map_err(|_| "年度应为四位数字，如 2024".to_string())?;
    check_year(year)
}

/// Which official format a report follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Edition {
    /// 国办公开办函〔2019〕60号, for reports on 2019 and 2020.
    E2019,
    /// 国办公开办函〔2021〕30号, for reports on 2021 onward.
    E2021,
}

impl Edition {
    /// The edition a report on `year` must use.
    pub fn for_year(year: i64) -> Edition {
        if year >= 2021 {
            Edition::E2021
        } else {
            Edition::E2019
        }
    }

    /// The year that names the edition (`2019` or `2021`), as written in `格式:`.
    pub fn year(self) -> u16 {
        match self {
            Edition::E2019 => 2019,
            Edition::E2021 => 2021,
        }
    }

    /// Parses the value of `格式:`.
    pub fn from_year(year: i64) -> Option<Edition> {
        match year {
            2019 => Some(Edition::E2019),
            2021 => Some(Edition::E2021),
            _ => None,
        }
    }

    /// The document that issued the edition, as cited in the opening paragraph.
    pub fn instrument(self) -> &'static str {
        match self {
            Edition::E2019 => {
                "《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60号）"
            }
            Edition::E2021 => {
                "《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）"
            }
        }
    }
}

impl fmt::Display for Edition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.year())
    }
}
