//! The report's other fields compared: agency, year, edition, date and
//! contact details.

use crate::model::Report;
use crate::model::path;
use crate::model::schema::{contact, top};

/// A field whose value differs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    /// Its data path (`机关`, `联系方式.电话`).
    pub path: String,
    /// The old value, empty when not given.
    pub old: String,
    /// The new value, empty when not given.
    pub new: String,
}

/// Every field with its data path and its value in `r`, in the order of
/// the data file.
fn fields(r: &Report) -> Vec<(String, String)> {
    let located = |v: &Option<crate::model::Located<String>>| {
        v.as_ref().map(|v| v.value.clone()).unwrap_or_default()
    };
    let year = if r.year.value > 0 {
        r.year.value.to_string()
    } else {
        String::new()
    };
    vec![
        (path::field(top::AGENCY), r.agency.value.clone()),
        (path::field(top::YEAR), year),
        (path::field(top::EDITION), r.edition().to_string()),
        (
            path::field(top::DATE),
            r.date
                .as_ref()
                .map(|d| d.value.chinese())
                .unwrap_or_default(),
        ),
        (path::contact(contact::ADDRESS), located(&r.contact.address)),
        (
            path::contact(contact::POSTCODE),
            located(&r.contact.postcode),
        ),
        (path::contact(contact::PHONE), located(&r.contact.phone)),
        (path::contact(contact::EMAIL), located(&r.contact.email)),
    ]
}

/// The fields whose values differ between `old` and `new`.
pub fn compare(old: &Report, new: &Report) -> Vec<FieldChange> {
    fields(old)
        .into_iter()
        .zip(fields(new))
        .filter(|((_, a), (_, b))| a.trim() != b.trim())
        .map(|((path, old), (_, new))| FieldChange { path, old, new })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Edition;

    #[test]
    fn only_differing_fields_are_listed() {
        let old = crate::testutil::report(Edition::E2021);
        let mut new = old.clone();
        assert!(compare(&old, &new).is_empty());
        new.year.value += 1;
        let changes = compare(&old, &new);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].path, path::field(top::YEAR));
        assert_eq!(changes[0].new, (old.year.value + 1).to_string());
    }
}
