//! 禁则: the marks that may not start a line and those that may not end
//! one, for every format that breaks lines (the PDF sets them, the Word
//! document and the HTML page cut labels by them).
//!
//! The marks are slices of `char`, not strings: `str::contains` with a
//! character outside ASCII runs a substring search, which the line breaker
//! asked several hundred thousand times a report.

/// Closing punctuation: never starts a line.
pub const NO_START: &[char] = &[
    '，', '。', '、', '；', '：', '？', '！', '）', '》', '」', '』', '”', '’', '】', '〕', '〉',
    '］', '｝', '…', '—', '·', '％', '‰', '℃', ',', '.', ';', ':', '?', '!', ')', ']', '}', '%',
];
/// Opening punctuation: never ends a line.
pub const NO_END: &[char] = &[
    '（', '《', '「', '『', '“', '‘', '【', '〔', '〈', '［', '｛', '(', '[', '{',
];
/// Whether `c` may not start a line.
pub fn is_no_start(c: char) -> bool {
    NO_START.contains(&c)
}

/// Whether `c` may not end a line.
pub fn is_no_end(c: char) -> bool {
    NO_END.contains(&c)
}
