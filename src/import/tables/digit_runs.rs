//! Figures printed without anything between them (crawler text:
//! `行政许可396442278`, `一、本年新收…136122520451283214069`): one run of
//! digits standing for a whole row. Split only when the split is certain:
//! a one-cell row, or exactly one split that the row's own printed totals
//! admit (table 三: six figures and their total; table 四: groups of four
//! figures and their total). As many digits as cells is not enough: the
//! crawler also drops blank cells, so `490` under three cells may be one
//! figure with two blanks. Never guessed.

/// Longest run of digits tried (a row of table 四 has 15 figures).
const MAX_DIGITS: usize = 60;

/// How many splits are looked for by [`split`]: two show ambiguity.
const ENOUGH: usize = 2;

/// What can be made of a run of digits for a row of `width` cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Split {
    /// The one possible reading: the figures, as byte ranges of the run.
    Certain(Vec<(usize, usize)>),
    /// Several readings, or none that the row's totals admit.
    Uncertain,
}

/// Steps a search may take before it gives up (near-linear work on any
/// input).
const BUDGET: usize = 200_000;

/// Splits the ASCII digits `run` into `width` figures (see the module
/// documentation).
pub(super) fn split(run: &str, width: usize) -> Split {
    let n = run.len();
    if width == 0 || n < width || n > MAX_DIGITS || !run.bytes().all(|b| b.is_ascii_digit()) {
        return Split::Uncertain;
    }
    if width == 1 {
        return Split::Certain(vec![(0, n)]);
    }
    let groups = match width {
        5 | 7 => 1,
        15 => 3,
        _ => return Split::Uncertain,
    };
    let mut search = Search {
        bytes: run.as_bytes(),
        per: width / groups,
        budget: BUDGET,
        limit: ENOUGH,
        found: Vec::new(),
        acc: Vec::new(),
    };
    search.groups(0, groups);
    match search.found.as_slice() {
        [one] if search.budget > 0 => Split::Certain(one.clone()),
        _ => Split::Uncertain,
    }
}

/// Every reading of a run for a row of table 三 (seven figures, the last
/// their total), when there are at most `limit`; None when there are more
/// or the search ran out of steps.
pub(super) fn readings(run: &str, limit: usize) -> Option<Vec<Vec<(usize, usize)>>> {
    const WIDTH: usize = 7;
    if run.len() < WIDTH || run.len() > MAX_DIGITS || !run.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut search = Search {
        bytes: run.as_bytes(),
        per: WIDTH,
        budget: BUDGET,
        limit: limit + 1,
        found: Vec::new(),
        acc: Vec::new(),
    };
    search.groups(0, 1);
    (search.budget > 0 && search.found.len() <= limit).then_some(search.found)
}

/// A bounded search for the readings of a run.
struct Search<'a> {
    bytes: &'a [u8],
    /// Figures per group (the last one the group's total).
    per: usize,
    /// Steps left.
    budget: usize,
    /// How many readings are enough to stop.
    limit: usize,
    /// The readings found.
    found: Vec<Vec<(usize, usize)>>,
    /// The reading being built.
    acc: Vec<(usize, usize)>,
}

impl Search<'_> {
    fn done(&self) -> bool {
        self.found.len() >= self.limit || self.budget == 0
    }

    /// Reads `groups` groups from `at` to the end of the run.
    fn groups(&mut self, at: usize, groups: usize) {
        if self.done() {
            return;
        }
        let n = self.bytes.len();
        if groups == 0 {
            if at == n {
                self.found.push(self.acc.clone());
            }
            return;
        }
        let left = (groups - 1) * self.per;
        for end in at + self.per..=n.saturating_sub(left) {
            self.group(at, end, groups);
            if self.done() {
                return;
            }
        }
    }

    /// Reads one group over `from..to` (its total last), then the rest.
    fn group(&mut self, from: usize, to: usize, groups: usize) {
        for start in (from + self.per - 1..to).rev() {
            let Some(total) = figure(self.bytes, start, to) else {
                continue;
            };
            // Each addend has at most as many digits as the total.
            if start - from > (self.per - 1) * (to - start) {
                continue;
            }
            let mark = self.acc.len();
            self.addends(from, start, self.per - 1, total, (start, to), groups);
            self.acc.truncate(mark);
            if self.done() {
                return;
            }
        }
    }

    /// Splits `at..to` into `left` figures adding up to `sum`; then puts the
    /// group's total and reads the remaining groups.
    fn addends(
        &mut self,
        at: usize,
        to: usize,
        left: usize,
        sum: u64,
        total: (usize, usize),
        groups: usize,
    ) {
        if self.done() {
            return;
        }
        self.budget -= 1;
        if left == 0 {
            if at == to && sum == 0 {
                self.acc.push(total);
                self.groups(total.1, groups - 1);
                self.acc.pop();
            }
            return;
        }
        for end in at + 1..=to.saturating_sub(left - 1) {
            let Some(v) = figure(self.bytes, at, end) else {
                break;
            };
            if v > sum {
                break;
            }
            self.acc.push((at, end));
            self.addends(end, to, left - 1, sum - v, total, groups);
            self.acc.pop();
            if self.done() {
                return;
            }
        }
    }
}

/// The figure `bytes[from..to]`: no leading zero (but `0` itself), at most
/// 15 digits.
fn figure(bytes: &[u8], from: usize, to: usize) -> Option<u64> {
    let d = bytes.get(from..to)?;
    if d.is_empty() || d.len() > 15 || (d.len() > 1 && d[0] == b'0') {
        return None;
    }
    std::str::from_utf8(d).ok()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::slice::Slice;

    fn figures(run: &str, width: usize) -> Option<Vec<&str>> {
        match split(run, width) {
            Split::Certain(r) => Some(r.iter().map(|&(a, b)| run.slice(a, b)).collect()),
            Split::Uncertain => None,
        }
    }

    #[test]
    fn one_cell_rows_and_one_digit_per_cell() {
        assert_eq!(figures("11398889", 1), Some(vec!["11398889"]));
        assert_eq!(
            figures("0000000", 7),
            Some(vec!["0", "0", "0", "0", "0", "0", "0"])
        );
        // Three figures without a total: never guessed.
        assert_eq!(figures("3574", 3), None);
    }

    #[test]
    fn a_row_of_table_three_splits_when_its_total_admits_one_reading() {
        assert_eq!(
            figures("136122520451283214069", 7),
            Some(vec!["13612", "252", "0", "45", "128", "32", "14069"])
        );
        assert_eq!(
            figures("12345621", 7),
            Some(vec!["1", "2", "3", "4", "5", "6", "21"])
        );
        // 1 0 3 0 12 12 28, 10 3 0 1 2 12 28 and 10 3 0 12 1 2 28.
        assert_eq!(figures("1030121228", 7), None);
        // No reading adds up.
        assert_eq!(figures("1011102", 8), None);
        assert_eq!(figures("10110112", 7), None);
    }

    #[test]
    fn table_four_splits_only_when_its_group_totals_leave_one_reading() {
        // 16 1 12 27 56, 16 11 2 27 56 and 16 11 22 7 56 all add up.
        assert_eq!(figures("376971961217901611227567413051156", 15), None);
        let run = "37697196121790000007413051156";
        assert_eq!(
            figures(run, 15),
            Some(vec![
                "376", "97", "196", "121", "790", "0", "0", "0", "0", "0", "74", "1", "30", "51",
                "156"
            ])
        );
    }

    #[test]
    fn all_readings_of_a_row_up_to_a_limit() {
        let run = "1030121228";
        let all = readings(run, 8).expect("three readings");
        assert_eq!(all.len(), 3);
        assert!(readings(run, 2).is_none());
        assert_eq!(readings("10110112", 8), Some(Vec::new()));
    }

    #[test]
    fn long_runs_are_bounded() {
        assert_eq!(figures(&"1".repeat(200), 15), None);
        assert_eq!(figures(&"9".repeat(60), 15), None);
        let started = std::time::Instant::now();
        for run in ["1".repeat(60), "10".repeat(30), "1000000".repeat(8)] {
            for width in [5, 7, 15] {
                let _ = split(&run, width);
            }
        }
        assert!(started.elapsed().as_secs() < 5);
    }
}
