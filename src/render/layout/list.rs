//! The marks of a narrative's list items, by the depth of their list
//! (issue 77: lists nested two or three deep printed every level at one
//! indent, bulleted items with no mark). An ordered list is numbered `1.`,
//! then `（1）`, then `①` (to ⑩) as a GB/T 9704 document numbers its levels, from
//! the list's own start (a list starting at 3 prints `3.`, `4.`); a bullet
//! list is marked `●`, then `○`, then `■`. Deeper levels take the last
//! level's marks. Each level is indented two characters more than the one
//! above it ([`INDENT_EM`]). The PDF, the OFD, the Word document and the
//! web page all print these.

/// How much more each nesting level is indented, in em of the body type.
pub const INDENT_EM: f32 = 2.0;

/// The bullets of the first three levels of a bullet list.
pub const BULLETS: [char; 3] = ['●', '○', '■'];

/// The mark of an item at `depth` (0 for a top-level list): `Some(n)` is
/// its number in an ordered list, `None` a bullet list's item. A bullet is
/// followed by an ideographic space's half (a space), a number by nothing:
/// `1.`, `（1）` and `①` end in their own mark.
pub fn mark(number: Option<u64>, depth: usize) -> String {
    match number {
        Some(n) => match depth {
            0 => format!("{n}."),
            1 => format!("（{n}）"),
            _ => circled(n).map_or_else(|| format!("（{n}）"), String::from),
        },
        None => format!("{} ", BULLETS[depth.min(BULLETS.len() - 1)]),
    }
}

/// `n` as a circled number, ① to ⑩ (GB 2312 has those, and the bundled
/// body face; a later item of a third-level list is numbered `（11）`).
fn circled(n: u64) -> Option<char> {
    match n {
        1..=10 => char::from_u32(0x2460 + (n as u32 - 1)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_level_has_its_own_marks() {
        assert_eq!(mark(Some(3), 0), "3.");
        assert_eq!(mark(Some(2), 1), "（2）");
        assert_eq!(mark(Some(1), 2), "①");
        assert_eq!(mark(Some(10), 3), "⑩");
        assert_eq!(mark(Some(11), 2), "（11）");
        assert_eq!(mark(None, 0), "● ");
        assert_eq!(mark(None, 1), "○ ");
        assert_eq!(mark(None, 5), "■ ");
    }
}
