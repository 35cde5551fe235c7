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
/// Full-width closing marks whose glyph sits in the left half of the em
/// box: their empty right half may be compressed (and the PDF draws such a
/// mark from a half-width copy of its glyph).
pub const HALF_CLOSING: &[char] = &[
    '，', '。', '、', '；', '：', '）', '》', '」', '』', '”', '’', '】', '〕', '〉',
];
/// Full-width opening marks whose glyph sits in the right half: their
/// empty left half may be compressed.
pub const HALF_OPENING: &[char] = &['（', '《', '「', '『', '“', '‘', '【', '〔', '〈'];
/// Signs and currency marks that stand before a figure and stay on its
/// line (`±0.5`, `≥95%`, `−3.2%`, `￥1,234`, `№3`). Not the ASCII hyphen,
/// which also joins a telephone number's parts (`0533-2182345`).
pub const PREFIX: &[char] = &[
    '±', '≥', '≤', '≈', '≠', '<', '>', '＜', '＞', '−', '－', '+', '＋', '￥', '¥', '$', '＄', '€',
    '£', '№', '#', '＃',
];

/// Whether a line may not break between `prev` and `next` because `prev`
/// is a sign or currency mark of the figure `next` begins
/// ([`PREFIX`]).
pub fn is_prefix_of_figure(prev: char, next: char) -> bool {
    PREFIX.contains(&prev) && (next.is_ascii_digit() || ('０'..='９').contains(&next))
}

/// Whether `c` may not start a line.
pub fn is_no_start(c: char) -> bool {
    NO_START.contains(&c)
}

/// Whether `c` may not end a line.
pub fn is_no_end(c: char) -> bool {
    NO_END.contains(&c)
}
