//! The query parameters of a request target, decoded
//! (`/api/state?f=2025.yaml`).

/// The value of query parameter `name` in a request target, decoded.
pub fn query(target: &str, name: &str) -> Option<String> {
    let (_, q) = target.split_once('?')?;
    q.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (k == name).then(|| percent_decode(v))
    })
}

/// `%XX` escapes and `+` decoded; invalid UTF-8 replaced.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push((h * 16 + l) as u8);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_are_found_by_name_and_decoded() {
        let target = "/api/start?f=7&name=%E4%B8%8A%E5%B9%B4+%E6%8A%A5%E5%91%8A.docx&x";
        assert_eq!(query(target, "f").as_deref(), Some("7"));
        assert_eq!(query(target, "name").as_deref(), Some("上年 报告.docx"));
        assert_eq!(query(target, "x").as_deref(), Some(""));
        assert_eq!(query(target, "y"), None);
        assert_eq!(query("/api/state", "f"), None);
    }
}
