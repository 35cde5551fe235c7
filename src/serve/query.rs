//! The query parameters of a request target, decoded
//! (`/api/state?f=2025.yaml`).

/// The value of query parameter `name` in a request target, decoded.
pub fn query(target: &str, name: &str) -> Option<String> {
    let (_, q) = target.split_once('?')?;
    q.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (k == name).then(|| crate::percent::decode(v))
    })
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
