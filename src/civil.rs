//! Calendar dates from day counts and back (proleptic Gregorian), for the
//! `Date` header, the server's deadlines, workbook date serials and "this
//! year": Howard Hinnant's algorithms, with eras starting on 0000-03-01.

/// A civil date: year, month (1–12) and day (1–31).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    /// The year (proleptic Gregorian; negative before year 0).
    pub year: i64,
    /// The month, 1–12.
    pub month: u32,
    /// The day of the month, 1–31.
    pub day: u32,
}

impl Date {
    /// The date of day `days` since 1970-01-01 (negative before it).
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        Date {
            year: yoe + era * 400 + i64::from(month <= 2),
            month: month as u32,
            day: day as u32,
        }
    }

    /// Days since 1970-01-01 of this date (negative before it). A day past
    /// its month's end counts on into the next month.
    pub fn days(self) -> i64 {
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = if m <= 2 { self.year - 1 } else { self.year };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date as `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The calendar year (UTC) of `secs` seconds since 1970-01-01.
pub fn year_of_secs(secs: i64) -> i64 {
    Date::from_days(secs.div_euclid(86_400)).year
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_days() {
        let d = |year, month, day| Date { year, month, day };
        assert_eq!(Date::from_days(0), d(1970, 1, 1));
        assert_eq!(Date::from_days(-1), d(1969, 12, 31));
        assert_eq!(Date::from_days(11_016), d(2000, 2, 29));
        assert_eq!(Date::from_days(20_454), d(2026, 1, 1));
        assert_eq!(d(2026, 1, 1).days(), 20_454);
        assert_eq!(d(2026, 2, 29).days(), d(2026, 3, 1).days());
        assert_eq!(Date::from_days(-25_568).iso(), "1899-12-31");
        assert_eq!(year_of_secs(1_798_761_599), 2026);
        assert_eq!(year_of_secs(1_798_761_600), 2027);
    }

    #[test]
    fn days_and_dates_agree_across_four_centuries() {
        for days in (-200_000..200_000).step_by(7) {
            assert_eq!(Date::from_days(days).days(), days);
        }
    }
}
