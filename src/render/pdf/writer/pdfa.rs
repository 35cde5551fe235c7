//! What PDF/A-2a adds to the file (ISO 19005-2, for archives under
//! DA/T 47): XMP metadata that repeats the document information and names
//! the part and conformance level, and an output intent whose profile gives
//! the page's grey (`g`) a meaning. The profile is a small grey one made
//! here (ICC v2 monitor class, D50 white, gamma 2.2), since every colour
//! the pages use is a grey. Level A rests on what every PDF of ours has:
//! the tags (`structure`), `/Lang`, ToUnicode maps for every glyph.
//! `docs/pdf.md` lists the clauses and the tests that check them.

use super::Meta;

/// `s` escaped for the XMP packet, what XML cannot carry left out.
fn escape(s: &str) -> String {
    crate::zip_xml::xml::escape_replacing(s, "")
}

/// The ICC profile of the output intent: one grey channel, gamma 2.2.
pub(super) fn grey_profile() -> Vec<u8> {
    let text = |s: &str| {
        let mut t = b"text\0\0\0\0".to_vec();
        t.extend_from_slice(s.as_bytes());
        t.push(0);
        t
    };
    let desc = |s: &str| {
        let mut t = b"desc\0\0\0\0".to_vec();
        t.extend_from_slice(&(s.len() as u32 + 1).to_be_bytes());
        t.extend_from_slice(s.as_bytes());
        t.push(0);
        // No Unicode or ScriptCode description: language, counts, and the
        // 67-byte ScriptCode field.
        t.extend_from_slice(&[0; 4 + 4 + 2 + 1 + 67]);
        t
    };
    // D50 in s15Fixed16.
    let d50: [u8; 12] = [0, 0, 0xf6, 0xd6, 0, 1, 0, 0, 0, 0, 0xd3, 0x2d];
    let mut wtpt = b"XYZ \0\0\0\0".to_vec();
    wtpt.extend_from_slice(&d50);
    // One gamma value, u8Fixed8: 2.2 ≈ 0x0233.
    let trc = b"curv\0\0\0\0\0\0\0\x01\x02\x33".to_vec();
    let tags: [(&[u8; 4], Vec<u8>); 4] = [
        (b"desc", desc("Gray Gamma 2.2")),
        (b"cprt", text("No copyright, use freely")),
        (b"wtpt", wtpt),
        (b"kTRC", trc),
    ];
    let mut body = Vec::new();
    let mut table = (tags.len() as u32).to_be_bytes().to_vec();
    let start = 128 + 4 + 12 * tags.len();
    for (sig, data) in &tags {
        table.extend_from_slice(*sig);
        table.extend_from_slice(&((start + body.len()) as u32).to_be_bytes());
        table.extend_from_slice(&(data.len() as u32).to_be_bytes());
        body.extend_from_slice(data);
        body.resize(body.len().next_multiple_of(4), 0);
    }
    let size = (128 + table.len() + body.len()) as u32;
    let mut header = Vec::with_capacity(size as usize);
    header.extend_from_slice(&size.to_be_bytes());
    header.extend_from_slice(&[0; 4]); // preferred CMM
    header.extend_from_slice(&[2, 0x10, 0, 0]); // version 2.1
    header.extend_from_slice(b"mntrGRAYXYZ ");
    // Creation date: 2026-01-01 00:00:00 (fixed, for identical builds).
    for v in [2026u16, 1, 1, 0, 0, 0] {
        header.extend_from_slice(&v.to_be_bytes());
    }
    header.extend_from_slice(b"acsp");
    header.extend_from_slice(&[0; 4 + 4 + 4 + 4 + 8 + 4]); // platform … intent
    header.extend_from_slice(&d50); // PCS illuminant
    header.resize(128, 0); // creator, profile id, reserved
    header.extend_from_slice(&table);
    header.extend_from_slice(&body);
    header
}

/// The XMP metadata packet: the document information of `meta` and the
/// PDF/A-2a identification (none when a glyph is .notdef or the document
/// is a draft).
pub(super) fn xmp(meta: &Meta) -> Vec<u8> {
    let (y, m, d) = meta.date;
    let date = format!("{:04}-{m:02}-{d:02}T00:00:00Z", y.clamp(0, 9999));
    let mut x = String::from(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
         <x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n\
         <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
         <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" \
         xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n\
         <dc:format>application/pdf</dc:format>\n",
    );
    let alt = |tag: &str, v: &str| {
        format!(
            "<dc:{tag}><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:{tag}>\n",
            escape(v)
        )
    };
    if !meta.title.is_empty() {
        x.push_str(&alt("title", &meta.title));
    }
    if !meta.author.is_empty() {
        x.push_str(&format!(
            "<dc:creator><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:creator>\n",
            escape(&meta.author)
        ));
    }
    if !meta.subject.is_empty() {
        x.push_str(&alt("description", &meta.subject));
    }
    x.push_str(&format!(
        "<dc:language><rdf:Bag><rdf:li>zh-CN</rdf:li></rdf:Bag></dc:language>\n\
         <xmp:CreatorTool>nianbao</xmp:CreatorTool>\n\
         <xmp:CreateDate>{date}</xmp:CreateDate>\n\
         <xmp:ModifyDate>{date}</xmp:ModifyDate>\n\
         <pdf:Producer>nianbao</pdf:Producer>\n"
    ));
    if !meta.notdef && !meta.draft {
        x.push_str(
            "<pdfaid:part>2</pdfaid:part>\n\
             <pdfaid:conformance>A</pdfaid:conformance>\n",
        );
    }
    x.push_str("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
    x.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grey_profile_is_a_well_formed_icc_profile() {
        let p = grey_profile();
        assert_eq!(
            u32::from_be_bytes([p[0], p[1], p[2], p[3]]) as usize,
            p.len()
        );
        assert_eq!(&p[12..24], b"mntrGRAYXYZ ");
        assert_eq!(&p[36..40], b"acsp");
        let count = u32::from_be_bytes([p[128], p[129], p[130], p[131]]) as usize;
        assert_eq!(count, 4);
        for i in 0..count {
            let e = 132 + 12 * i;
            let at = u32::from_be_bytes([p[e + 4], p[e + 5], p[e + 6], p[e + 7]]) as usize;
            let len = u32::from_be_bytes([p[e + 8], p[e + 9], p[e + 10], p[e + 11]]) as usize;
            assert!(at.is_multiple_of(4) && at + len <= p.len(), "tag {i}");
        }
    }

    #[test]
    fn the_xmp_repeats_the_document_information_escaped() {
        let meta = super::super::tests::sample_meta("A&B<年报>", true);
        let x = String::from_utf8(xmp(&meta)).unwrap();
        assert!(x.contains("<rdf:li xml:lang=\"x-default\">A&amp;B&lt;年报&gt;</rdf:li>"));
        assert!(x.contains("<rdf:li>机关</rdf:li>"));
        assert!(!x.contains("dc:description"));
        assert!(x.contains("<xmp:CreateDate>2026-01-20T00:00:00Z</xmp:CreateDate>"));
        assert!(x.contains("<pdfaid:part>2</pdfaid:part>"));
        assert!(x.contains("<pdfaid:conformance>A</pdfaid:conformance>"));
        // A .notdef glyph: no claim.
        let x = String::from_utf8(xmp(&Meta {
            notdef: true,
            draft: false,
            ..meta.clone()
        }))
        .unwrap();
        assert!(!x.contains("pdfaid:part"));
        // A draft: no claim.
        let draft = String::from_utf8(xmp(&Meta {
            draft: true,
            ..meta.clone()
        }))
        .unwrap();
        assert!(!draft.contains("pdfaid:part"));
        assert!(
            roxmltree::Document::parse(x.split_once("?>").unwrap().1.rsplit_once("<?").unwrap().0)
                .is_ok()
        );
        // U+FFFE and U+FFFF are no XML characters (issue 75.6): dropped.
        let x = String::from_utf8(xmp(&Meta {
            title: "年\u{FFFE}报\u{FFFF}".into(),
            author: "机\u{FFFF}关".into(),
            ..meta
        }))
        .unwrap();
        assert!(
            x.contains(">年报</rdf:li>") && x.contains("<rdf:li>机关</rdf:li>"),
            "{x}"
        );
        assert!(
            roxmltree::Document::parse(x.split_once("?>").unwrap().1.rsplit_once("<?").unwrap().0)
                .is_ok()
        );
    }
}
