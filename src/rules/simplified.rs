//! A report published in traditional characters, read by the rules that
//! look for words (the content of sections 五 and 六, ASSESSMENT) in its
//! simplified form and quoted as published: the simplified text keeps every
//! byte where it was, so places are the same and a quotation is the
//! published text at the same place.

use super::content;
use crate::diag::Diagnostic;
use crate::model::{Report, hant};
use crate::slice::Slice;
use crate::source::SourceFile;

/// The content rules on `report`, read simplified when it is written in
/// traditional characters.
pub(super) fn content(
    report: &Report,
    previous: Option<&Report>,
    file: &SourceFile,
    out: &mut Vec<Diagnostic>,
) {
    let Some(reading) = hant::read_as_simplified(report) else {
        content::check(report, previous, file, out);
        return;
    };
    let simplified_file = file.with_text(hant::simplified(&file.text));
    let from = out.len();
    content::check(&reading, previous, &simplified_file, out);
    let texts: Vec<(&str, &str)> = reading
        .narratives()
        .into_iter()
        .zip(report.narratives())
        .map(|((_, s), (_, p))| (s.value.as_str(), p.value.as_str()))
        .chain([(reading.agency.value.as_str(), report.agency.value.as_str())])
        .collect();
    for d in &mut out[from..] {
        d.message = as_published(&d.message, &texts);
    }
}

/// `message` with each quotation (“…”) of a simplified text replaced by
/// the published text at the same bytes; an excerpt's closing `…` kept.
fn as_published(message: &str, texts: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(open) = rest.find('“') {
        let inner = open + '“'.len_utf8();
        let Some(len) = rest.slice_from(inner).find('”') else {
            break;
        };
        out.push_str(rest.slice_to(inner));
        let quote = rest.slice(inner, inner + len);
        let body = quote.strip_suffix('…').unwrap_or(quote);
        let published = texts.iter().find_map(|(s, p)| {
            let at = s.find(body).filter(|_| !body.is_empty())?;
            p.get(at..at + body.len())
        });
        match published {
            Some(p) => {
                out.push_str(p);
                out.push_str(quote.slice_from(body.len()));
            }
            None => out.push_str(quote),
        }
        rest = rest.slice_from(inner + len);
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotations_are_given_as_published() {
        let texts = [("部分栏目更新不够及时。", "部分欄目更新不夠及時。")];
        assert_eq!(
            as_published("第五部分只写了“部分栏目更新…”，没有写改进措施", &texts),
            "第五部分只写了“部分欄目更新…”，没有写改进措施"
        );
        assert_eq!(as_published("没有写“考核”", &texts), "没有写“考核”");
    }
}
