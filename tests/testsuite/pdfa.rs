//! `--pdfa`: the archival PDF checked clause by clause against ISO 19005-2
//! (PDF/A-2, level A) by reading the file back, since no ISO validator
//! (veraPDF) can be installed here. One test per clause the claim rests on;
//! `docs/pdf.md` lists them beside the clauses not checked.
//!
//! The document is the seed example with a narrative added to section 二
//! that has every kind of block: sub-headings of three levels, a numbered
//! and a bullet list, a paragraph in bold.

use nianbao::slice::Slice;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::sync::OnceLock;

use hayro_syntax::content::UntypedIter;
use hayro_syntax::object::{Array, Dict, MaybeRef, Name, Object, ObjectIdentifier, Stream};

use crate::common::TempDir;
use crate::pdf_inspect::{self, Pdf};
use nianbao::render::document::{self, Document};
use nianbao::render::pdf::{self, PdfOptions};

const EXAMPLE: &str = "examples/zibo-zhangdian-traffic-2024.yaml";

/// The narrative added to section 二: every kind of block.
const NARRATIVE: &str = "### （一）主动公开情况\n\n本年度主动公开信息1,234条。\n\n\
    #### 1.网站建设\n\n完成网站改版：\n\n1. 栏目调整\n2. 检索优化\n\n##### （1）政务新媒体\n\n\
    - 微信公众号\n  - 订阅号\n- 微博\n\n**加强培训**，提升能力。\n\n### （二）依申请公开情况\n\n共受理申请8件。\n";

fn doc() -> Document {
    let checked = nianbao::check::check_path(Path::new(EXAMPLE), None).expect("example loads");
    let report = checked.report.expect("example is a report");
    let mut d = document::build(&report, None);
    d.sections[1].blocks.extend(document::blocks(NARRATIVE));
    d
}

/// The document's `--pdfa` PDF, built once, and where it was written.
fn built() -> &'static (Vec<u8>, std::path::PathBuf) {
    static DIR: OnceLock<TempDir> = OnceLock::new();
    static PDF: OnceLock<(Vec<u8>, std::path::PathBuf)> = OnceLock::new();
    PDF.get_or_init(|| {
        let opts = PdfOptions {
            pdfa: true,
            ..Default::default()
        };
        let bytes = pdf::render(&doc(), &opts).expect("renders");
        let path = DIR.get_or_init(|| TempDir::new("pdfa")).path("pdfa.pdf");
        std::fs::write(&path, &bytes).unwrap();
        (bytes, path)
    })
}

fn bytes() -> &'static [u8] {
    &built().0
}

fn read() -> &'static Pdf {
    static READ: OnceLock<Pdf> = OnceLock::new();
    READ.get_or_init(|| pdf_inspect::read_bytes(bytes()).expect("reads"))
}

/// The XMP packet's text.
fn xmp() -> String {
    let meta = read()
        .catalog()
        .get::<Stream<'_>>(b"Metadata")
        .expect("a Metadata stream");
    String::from_utf8(meta.raw_data().into_owned()).expect("UTF-8 XMP")
}

/// The text of one XMP property (the first `rdf:li` for a container).
fn xmp_value(x: &roxmltree::Document<'_>, ns: &str, name: &str) -> Option<String> {
    let node = x
        .descendants()
        .find(|n| n.tag_name().namespace() == Some(ns) && n.tag_name().name() == name)?;
    let li = node.descendants().find(|n| n.tag_name().name() == "li");
    Some(li.unwrap_or(node).text().unwrap_or("").to_string())
}

/// Every dictionary of the file (and every stream's dictionary), nested
/// ones included.
fn all_dicts() -> Vec<Dict<'static>> {
    let mut out = Vec::new();
    let mut stack: Vec<Object<'static>> = read().objects();
    while let Some(o) = stack.pop() {
        match o {
            Object::Dict(d) => {
                stack.extend(d.entries().filter_map(|(_, v)| match v {
                    MaybeRef::NotRef(o) => Some(o),
                    MaybeRef::Ref(_) => None,
                }));
                out.push(d);
            }
            Object::Stream(s) => stack.push(Object::Dict(s.dict().clone())),
            Object::Array(a) => stack.extend(a.raw_iter().filter_map(|v| match v {
                MaybeRef::NotRef(o) => Some(o),
                MaybeRef::Ref(_) => None,
            })),
            _ => {}
        }
    }
    out
}

/// What one marked-content sequence on a page holds.
#[derive(Debug, Default)]
struct Marked {
    /// `(page, MCID)` → its text, through the fonts' ToUnicode maps.
    tagged: BTreeMap<(usize, i64), String>,
    /// The text inside artifacts.
    artifacts: String,
    /// Text, rules or fills outside any marked-content sequence.
    outside: Vec<String>,
    /// Every two-byte code shown, per font resource, with its font.
    codes: Vec<(Dict<'static>, u32)>,
    /// A sequence opened inside another.
    nested: usize,
}

/// The content of every page read as marked-content sequences.
fn marked() -> &'static Marked {
    static MARKED: OnceLock<Marked> = OnceLock::new();
    MARKED.get_or_init(|| {
        let mut m = Marked::default();
        for (n, page) in read().doc.pages().iter().enumerate() {
            let fonts = page.resources().fonts.clone();
            let mut font: Option<Dict<'static>> = None;
            // The open sequence: Some(Some(mcid)) tagged, Some(None) artifact.
            let mut open: Option<Option<i64>> = None;
            let mut ops = UntypedIter::new(page.page_stream().expect("content"));
            while let Some(op) = ops.next() {
                let operator = &op.operator[..];
                let operands: Vec<Object<'_>> = op.operands().cloned().collect();
                match operator {
                    b"BDC" | b"BMC" => {
                        if open.is_some() {
                            m.nested += 1;
                        }
                        let is_artifact = matches!(operands.first(), Some(Object::Name(t)) if &t[..] == b"Artifact");
                        let mcid = operands.iter().find_map(|o| match o {
                            Object::Dict(d) => d.get::<i64>(b"MCID"),
                            _ => None,
                        });
                        open = Some(if is_artifact { None } else { mcid });
                    }
                    b"EMC" => open = None,
                    b"Tf" => {
                        font = match operands.first() {
                            Some(Object::Name(name)) => fonts.get::<Dict<'_>>(name.as_ref()),
                            _ => None,
                        }
                    }
                    b"Tj" | b"TJ" => {
                        let strings: Vec<Vec<u8>> = operands
                            .iter()
                            .flat_map(|o| match o {
                                Object::String(s) => vec![s.as_bytes().to_vec()],
                                Object::Array(a) => a
                                    .iter::<Object<'_>>()
                                    .filter_map(|o| match o {
                                        Object::String(s) => Some(s.as_bytes().to_vec()),
                                        _ => None,
                                    })
                                    .collect(),
                                _ => Vec::new(),
                            })
                            .collect();
                        let f = font.clone().expect("a font set before text");
                        let codes: Vec<u32> = strings
                            .iter()
                            .flat_map(|s| s.chunks(2).map(|p| u32::from(p[0]) << 8 | u32::from(*p.get(1).unwrap_or(&0))))
                            .collect();
                        let map = pdf_inspect::to_unicode(&f, codes.iter().copied());
                        let text: String = codes.iter().filter_map(|c| map.get(c).cloned()).collect();
                        m.codes.extend(codes.iter().map(|&c| (f.clone(), c)));
                        match open {
                            Some(Some(mcid)) => m.tagged.entry((n, mcid)).or_default().push_str(&text),
                            Some(None) => m.artifacts.push_str(&text),
                            None => m.outside.push(format!("page {}: {text}", n + 1)),
                        }
                    }
                    b"S" | b"f" | b"F" | b"f*" | b"B" | b"b" | b"sh" | b"Do" if open.is_none() => {
                        m.outside.push(format!("page {}: {}", n + 1, String::from_utf8_lossy(operator)))
                    }
                    _ => {}
                }
            }
        }
        m
    })
}

/// A structure element read back: its type, its children and the text of
/// its marked-content sequences (its own, then its children's).
#[derive(Debug)]
struct Element {
    kind: String,
    attributes: Vec<Dict<'static>>,
    children: Vec<Element>,
    text: String,
}

impl Element {
    fn walk<'a>(&'a self, out: &mut Vec<&'a Element>) {
        out.push(self);
        for c in &self.children {
            c.walk(out);
        }
    }

    /// Every element, depth first, in reading order.
    fn all(&self) -> Vec<&Element> {
        let mut out = Vec::new();
        self.walk(&mut out);
        out
    }

    /// The text of the element and everything under it.
    fn full_text(&self) -> String {
        let mut t = self.text.clone();
        for c in &self.children {
            t.push_str(&c.full_text());
        }
        t
    }
}

/// The structure tree, from the root's one `Document` element.
fn tree() -> &'static Element {
    static TREE: OnceLock<Element> = OnceLock::new();
    TREE.get_or_init(|| {
        let pages: HashMap<ObjectIdentifier, usize> = read()
            .doc
            .pages()
            .iter()
            .enumerate()
            .map(|(i, p)| (p.raw().obj_id().expect("an indirect page"), i))
            .collect();
        let root = read()
            .catalog()
            .get::<Dict<'_>>(b"StructTreeRoot")
            .expect("a structure tree");
        let top = root.get::<Dict<'_>>(b"K").expect("one top element");
        element(&top, &pages, None, 0)
    })
}

fn element(
    d: &Dict<'static>,
    pages: &HashMap<ObjectIdentifier, usize>,
    page: Option<usize>,
    depth: usize,
) -> Element {
    assert!(depth < 64, "the structure tree is too deep");
    let page = d
        .get_ref(b"Pg")
        .and_then(|r| pages.get(&ObjectIdentifier::from(r)).copied())
        .or(page);
    let mut e = Element {
        kind: d
            .get::<Name<'_>>(b"S")
            .map(|n| n.as_str().to_string())
            .unwrap_or_default(),
        attributes: d.get::<Dict<'_>>(b"A").into_iter().collect(),
        children: Vec::new(),
        text: String::new(),
    };
    let kids: Vec<Object<'static>> = match d.get::<Object<'_>>(b"K") {
        Some(Object::Array(a)) => a.iter::<Object<'_>>().collect(),
        Some(o) => vec![o],
        None => Vec::new(),
    };
    for k in kids {
        match k {
            Object::Number(n) => {
                let p = page.expect("a marked-content id with a page");
                if let Some(t) = marked().tagged.get(&(p, n.as_i64())) {
                    e.text.push_str(t);
                }
            }
            Object::Dict(kd) if kd.get::<Name<'_>>(b"Type").as_deref() == Some(&b"MCR"[..]) => {
                let p = kd
                    .get_ref(b"Pg")
                    .and_then(|r| pages.get(&ObjectIdentifier::from(r)).copied())
                    .or(page)
                    .expect("a page");
                let mcid = kd.get::<i64>(b"MCID").expect("an MCID");
                if let Some(t) = marked().tagged.get(&(p, mcid)) {
                    e.text.push_str(t);
                }
            }
            Object::Dict(kd) => e.children.push(element(&kd, pages, page, depth + 1)),
            other => panic!("an unexpected kid: {other:?}"),
        }
    }
    e
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

// ISO 19005-2 6.1.2: the header and the binary comment after it.
#[test]
fn clause_6_1_2_file_header() {
    let b = bytes();
    assert!(b.starts_with(b"%PDF-1."), "{:?}", &b[..8]);
    let second = b.split(|&c| c == b'\n').nth(1).expect("a second line");
    assert!(second.first() == Some(&b'%') && second[1..].iter().filter(|&&c| c > 127).count() >= 4);
}

// 6.1.3: a file identifier in the trailer, no encryption.
#[test]
fn clause_6_1_3_trailer_identifier_and_no_encryption() {
    let text = String::from_utf8_lossy(bytes());
    let trailer = text.slice_from(text.rfind("/XRef").expect("a cross-reference stream"));
    assert!(trailer.contains("/ID"), "no /ID in the trailer");
    assert!(!text.contains("/Encrypt"));
}

// 6.1.7: streams are internal, with a Length, and use no LZW; qpdf finds
// the lengths and encodings right.
#[test]
fn clause_6_1_7_streams() {
    for d in all_dicts() {
        for key in [&b"F"[..], b"FFilter", b"FDecodeParms"] {
            assert!(
                !(d.contains_key(b"Length") && d.contains_key(key)),
                "an external stream"
            );
        }
        if let Some(f) = d.get::<Name<'_>>(b"Filter") {
            assert!(&f[..] != b"LZWDecode", "LZW");
        }
    }
    let path = built().1.to_str().unwrap();
    if let Some(check) = pdf_inspect::external("qpdf", &["--check", path]) {
        assert!(
            check.contains("No syntax or stream encoding errors"),
            "{check}"
        );
    }
}

// 6.1.13: implementation limits — names, strings, nesting of q.
#[test]
fn clause_6_1_13_implementation_limits() {
    for d in all_dicts() {
        for (k, v) in d.entries() {
            assert!(k.len() <= 127, "a name over 127 bytes");
            if let MaybeRef::NotRef(Object::String(s)) = v {
                assert!(s.as_bytes().len() <= 32767, "a string over 32767 bytes");
            }
        }
    }
    for page in read().doc.pages().iter() {
        let mut depth: i32 = 0;
        let mut ops = UntypedIter::new(page.page_stream().unwrap());
        while let Some(op) = ops.next() {
            match &op.operator[..] {
                b"q" => depth += 1,
                b"Q" => depth -= 1,
                _ => {}
            }
            assert!((0..=28).contains(&depth), "q nested {depth} deep");
        }
    }
}

// 6.2.2: one PDF/A output intent with a valid ICC profile whose colour
// space matches the pages' (grey), ICC version 2 or 4, monitor or printer.
#[test]
fn clause_6_2_2_output_intent() {
    let intents = read()
        .catalog()
        .get::<Array<'_>>(b"OutputIntents")
        .expect("OutputIntents");
    let all: Vec<Dict<'_>> = intents.iter::<Dict<'_>>().collect();
    assert_eq!(all.len(), 1);
    assert_eq!(
        all[0].get::<Name<'_>>(b"S").as_deref(),
        Some(&b"GTS_PDFA1"[..])
    );
    assert!(pdf_inspect::string_of(&all[0], b"OutputConditionIdentifier").is_some());
    let profile = all[0]
        .get::<Stream<'_>>(b"DestOutputProfile")
        .expect("a profile");
    assert_eq!(profile.dict().get::<i64>(b"N"), Some(1));
    let icc = profile.decoded().unwrap();
    assert_eq!(
        u32::from_be_bytes(icc[0..4].try_into().unwrap()) as usize,
        icc.len()
    );
    assert!(matches!(icc[8], 2 | 4), "ICC version {}", icc[8]);
    assert!(matches!(&icc[12..16], b"mntr" | b"prtr"));
    assert_eq!(&icc[16..20], b"GRAY");
    assert_eq!(&icc[36..40], b"acsp");
}

// 6.2.4.3: device colour only as the output intent allows: the pages set
// greys (g/G) and nothing else, no colour space of their own.
#[test]
fn clause_6_2_4_device_colour() {
    for n in 0..read().page_count() {
        for op in read().operations(n) {
            assert!(
                !["rg", "RG", "k", "K", "cs", "CS", "sc", "SC", "scn", "SCN"]
                    .contains(&op.operator.as_str()),
                "page {}: {}",
                n + 1,
                op.operator
            );
        }
    }
    assert!(all_dicts().iter().all(|d| !d.contains_key(b"ColorSpace")));
}

// 6.2.10: no transparency: no soft mask, blend mode or constant alpha
// other than the defaults, no transparency group.
#[test]
fn clause_6_2_10_transparency() {
    for d in all_dicts() {
        if let Some(m) = d.get::<Name<'_>>(b"SMask") {
            assert_eq!(&m[..], b"None");
        }
        assert!(!d.contains_key(b"SMask") || d.get::<Name<'_>>(b"SMask").is_some());
        if let Some(bm) = d.get::<Name<'_>>(b"BM") {
            assert!(matches!(&bm[..], b"Normal" | b"Compatible"));
        }
        for key in [&b"CA"[..], b"ca"] {
            if let Some(a) = d.get::<f64>(key) {
                assert_eq!(a, 1.0);
            }
        }
        assert!(!d.contains_key(b"Group"), "a transparency group");
    }
}

// 6.2.11.4.1: every font's program is embedded (and a subset).
#[test]
fn clause_6_2_11_4_fonts_embedded() {
    let fonts = read().fonts();
    assert!(!fonts.is_empty());
    for f in &fonts {
        assert!(f.embedded && f.subset, "{f:?}");
    }
}

// 6.2.11.7.2 (level U, and A): every glyph shown maps to Unicode, never to
// U+0000, U+FEFF or U+FFFE.
#[test]
fn clause_6_2_11_7_every_glyph_maps_to_unicode() {
    let m = marked();
    assert!(m.codes.len() > 1000, "{} glyphs", m.codes.len());
    let mut maps: HashMap<ObjectIdentifier, BTreeMap<u32, String>> = HashMap::new();
    for (font, code) in &m.codes {
        let id = font.obj_id().expect("an indirect font");
        let map = maps
            .entry(id)
            .or_insert_with(|| pdf_inspect::to_unicode(font, 0..=0xffff));
        let text = map
            .get(code)
            .unwrap_or_else(|| panic!("glyph {code} has no Unicode"));
        assert!(!text.is_empty());
        for c in text.chars() {
            assert!(
                !matches!(c, '\0' | '\u{feff}' | '\u{fffe}'),
                "glyph {code} → {c:?}"
            );
        }
    }
}

// 6.2.11.8: no .notdef glyph is shown; a document with characters no face
// has claims no conformance.
#[test]
fn clause_6_2_11_8_no_notdef() {
    assert!(marked().codes.iter().all(|(_, c)| *c != 0));
    let mut d = doc();
    d.sections[0]
        .blocks
        .push(document::Block::Paragraph("\u{10FFFD}\u{2FFFF}".into()));
    let opts = PdfOptions {
        pdfa: true,
        accept_missing_glyphs: true,
        ..Default::default()
    };
    let missing = pdf_inspect::read_bytes(&pdf::render(&d, &opts).unwrap()).unwrap();
    let meta = missing.catalog().get::<Stream<'_>>(b"Metadata").unwrap();
    let x = String::from_utf8(meta.raw_data().into_owned()).unwrap();
    assert!(!x.contains("pdfaid:part"), "{x}");
}

// 6.6.2.1: the catalog's metadata stream is XMP, unfiltered, well formed.
#[test]
fn clause_6_6_2_1_metadata_stream() {
    let meta = read()
        .catalog()
        .get::<Stream<'_>>(b"Metadata")
        .expect("metadata");
    assert_eq!(
        meta.dict().get::<Name<'_>>(b"Type").as_deref(),
        Some(&b"Metadata"[..])
    );
    assert_eq!(
        meta.dict().get::<Name<'_>>(b"Subtype").as_deref(),
        Some(&b"XML"[..])
    );
    assert!(!meta.dict().contains_key(b"Filter"));
    let x = xmp();
    assert!(x.starts_with("<?xpacket begin="));
    let body = x.split_once("?>").unwrap().1.rsplit_once("<?").unwrap().0;
    roxmltree::Document::parse(body).expect("well-formed XMP");
}

// 6.6.2.3: only the schemas PDF/A predefines (no extension schema needed).
#[test]
fn clause_6_6_2_3_predefined_schemas_only() {
    let x = xmp();
    let body = x.split_once("?>").unwrap().1.rsplit_once("<?").unwrap().0;
    let doc = roxmltree::Document::parse(body).unwrap();
    let allowed: HashSet<&str> = [
        "adobe:ns:meta/",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "http://purl.org/dc/elements/1.1/",
        "http://ns.adobe.com/xap/1.0/",
        "http://ns.adobe.com/pdf/1.3/",
        "http://www.aiim.org/pdfa/ns/id/",
        "http://www.w3.org/XML/1998/namespace",
    ]
    .into();
    for n in doc.descendants().filter(|n| n.is_element()) {
        let ns = n.tag_name().namespace().unwrap_or("");
        assert!(allowed.contains(ns), "{ns}");
    }
}

// 6.6.3: the document information dictionary and the XMP agree, entry by
// entry.
#[test]
fn clause_6_6_3_info_repeated_in_xmp() {
    let x = xmp();
    let body = x.split_once("?>").unwrap().1.rsplit_once("<?").unwrap().0;
    let doc = roxmltree::Document::parse(body).unwrap();
    let dc = "http://purl.org/dc/elements/1.1/";
    let xap = "http://ns.adobe.com/xap/1.0/";
    let pdfns = "http://ns.adobe.com/pdf/1.3/";
    let pdf = read();
    for (info, ns, name) in [
        ("Title", dc, "title"),
        ("Author", dc, "creator"),
        ("Subject", dc, "description"),
        ("Creator", xap, "CreatorTool"),
        ("Producer", pdfns, "Producer"),
    ] {
        assert_eq!(pdf.info(info), xmp_value(&doc, ns, name), "{info}");
    }
    let created = pdf.info("CreationDate").expect("a creation date");
    let xmp_date = xmp_value(&doc, xap, "CreateDate").expect("xmp:CreateDate");
    let digits: String = xmp_date.chars().filter(char::is_ascii_digit).collect();
    assert_eq!(created, format!("D:{digits}"));
    assert_eq!(xmp_value(&doc, xap, "ModifyDate"), Some(xmp_date));
    // The dates carry their zone in both (UTC).
    let raw = String::from_utf8_lossy(bytes()).into_owned();
    assert!(
        !raw.contains("/CreationDate") || raw.contains("Z"),
        "a zone"
    );
}

// 6.6.4: the PDF/A identification: part 2, conformance A.
#[test]
fn clause_6_6_4_identification() {
    let x = xmp();
    assert!(x.contains("<pdfaid:part>2</pdfaid:part>"), "{x}");
    assert!(
        x.contains("<pdfaid:conformance>A</pdfaid:conformance>"),
        "{x}"
    );
}

// 6.5, 6.4, 6.9, 6.8, 6.3: no actions or JavaScript, no forms, no optional
// content, no embedded files, no annotations.
#[test]
fn clauses_6_3_to_6_9_nothing_interactive() {
    for d in all_dicts() {
        for key in [
            &b"JS"[..],
            b"JavaScript",
            b"AA",
            b"OpenAction",
            b"AcroForm",
            b"OCProperties",
            b"EmbeddedFiles",
            b"Annots",
        ] {
            assert!(!d.contains_key(key), "{}", String::from_utf8_lossy(key));
        }
    }
}

// 6.7.2 (level A): MarkInfo says the file is tagged, and suspects none.
#[test]
fn clause_6_7_2_mark_information() {
    let mark = read()
        .catalog()
        .get::<Dict<'_>>(b"MarkInfo")
        .expect("MarkInfo");
    assert_eq!(mark.get::<bool>(b"Marked"), Some(true));
    assert_ne!(mark.get::<bool>(b"Suspects"), Some(true));
}

/// ISO 32000-1 14.8.4's standard structure types.
const STANDARD: &[&str] = &[
    "Document",
    "Part",
    "Art",
    "Sect",
    "Div",
    "BlockQuote",
    "Caption",
    "TOC",
    "TOCI",
    "Index",
    "NonStruct",
    "Private",
    "P",
    "H",
    "H1",
    "H2",
    "H3",
    "H4",
    "H5",
    "H6",
    "L",
    "LI",
    "Lbl",
    "LBody",
    "Table",
    "TR",
    "TH",
    "TD",
    "THead",
    "TBody",
    "TFoot",
    "Span",
    "Quote",
    "Note",
    "Reference",
    "BibEntry",
    "Code",
    "Link",
    "Annot",
    "Ruby",
    "RB",
    "RT",
    "RP",
    "Warichu",
    "WT",
    "WP",
    "Figure",
    "Formula",
    "Form",
];

// 6.7.3 (level A): a structure tree of standard types only (no role map
// needed), nested as ISO 32000-1 14.8.4 says (TR in Table, TH/TD in TR, LI
// in L, Lbl/LBody in LI), every tagged sequence reached from the tree and
// from the parent tree, and no content outside a tagged sequence or an
// artifact.
#[test]
fn clause_6_7_3_logical_structure() {
    let root = tree();
    assert_eq!(root.kind, "Document");
    let all = root.all();
    for e in &all {
        assert!(STANDARD.contains(&e.kind.as_str()), "{}", e.kind);
        let kids: Vec<&str> = e.children.iter().map(|c| c.kind.as_str()).collect();
        let allowed: &[&str] = match e.kind.as_str() {
            "Table" => &["TR"],
            "TR" => &["TH", "TD"],
            "L" => &["LI"],
            "LI" => &["Lbl", "LBody"],
            // A nested list is in its item's body.
            "LBody" => &["L"],
            "Document" => &["H1", "H2", "H3", "H4", "H5", "H6", "P", "L", "Table"],
            _ => &[],
        };
        assert!(
            kids.iter().all(|k| allowed.contains(k)),
            "{} > {kids:?}",
            e.kind
        );
    }
    assert!(
        !read()
            .catalog()
            .get::<Dict<'_>>(b"StructTreeRoot")
            .unwrap()
            .contains_key(b"RoleMap")
    );
    let m = marked();
    assert_eq!(m.nested, 0, "marked-content sequences nested");
    assert!(
        m.outside.is_empty(),
        "content outside any sequence: {:?}",
        m.outside
    );
    // Every tagged sequence belongs to an element.
    let reached: usize = squeeze(
        &root
            .all()
            .iter()
            .map(|e| e.text.clone())
            .collect::<String>(),
    )
    .chars()
    .count();
    let shown: usize = m.tagged.values().map(|t| squeeze(t).chars().count()).sum();
    assert_eq!(reached, shown, "tagged text no element holds");
}

// 6.7.4 (level A): the document's natural language, a valid tag.
#[test]
fn clause_6_7_4_natural_language() {
    assert_eq!(
        pdf_inspect::string_of(&read().catalog(), b"Lang").as_deref(),
        Some(&b"zh-CN"[..])
    );
}

/// The elements of `kind`, with their text.
fn texts_of(kind: &str) -> Vec<String> {
    tree()
        .all()
        .into_iter()
        .filter(|e| e.kind == kind)
        .map(|e| squeeze(&e.full_text()))
        .collect()
}

// The tags say what the text is (issue 63): H1 the title, H2 the six
// sections' headings, H3 （一）, H4 1., H5 （1）, in that order and never
// a level skipped.
#[test]
fn headings_are_tagged_by_level() {
    let d = doc();
    assert_eq!(texts_of("H1"), [squeeze(&d.title)]);
    let h2: Vec<String> = d.sections.iter().map(|s| squeeze(s.heading)).collect();
    assert_eq!(texts_of("H2"), h2);
    let h3 = texts_of("H3");
    assert!(h3.len() > 10, "{h3:?}");
    for h in &h3 {
        let n = h.trim_start_matches('（').split('）').next().unwrap();
        assert!(n.chars().all(|c| "一二三四五六七八九十".contains(c)), "{h}");
    }
    assert!(h3.contains(&"（一）主动公开情况".to_string()), "{h3:?}");
    assert_eq!(texts_of("H4"), ["1.网站建设"]);
    assert_eq!(texts_of("H5"), ["（1）政务新媒体"]);
    let mut level = 0;
    for e in tree().all() {
        if let Some(n) = e.kind.strip_prefix('H').and_then(|n| n.parse::<i32>().ok()) {
            assert!(n <= level + 1, "H{n} after H{level}");
            level = n;
        }
    }
}

// Lists: L > LI > Lbl + LBody for the numbered list (ListNumbering
// Decimal), LI > LBody for the bullet list, whose marks are not printed.
#[test]
fn lists_are_tagged_with_labels_and_bodies() {
    let lists: Vec<&Element> = tree().all().into_iter().filter(|e| e.kind == "L").collect();
    assert_eq!(lists.len(), 3);
    let numbering = |l: &Element| {
        l.attributes.iter().find_map(|a| {
            a.get::<Name<'_>>(b"ListNumbering")
                .map(|n| n.as_str().to_string())
        })
    };
    let items = |l: &Element| -> Vec<Vec<(String, String)>> {
        l.children
            .iter()
            .map(|li| {
                li.children
                    .iter()
                    .map(|c| (c.kind.clone(), squeeze(&c.full_text())))
                    .collect()
            })
            .collect()
    };
    assert_eq!(numbering(lists[0]).as_deref(), Some("Decimal"));
    let pair = |a: &str, b: &str| {
        vec![
            ("Lbl".to_string(), a.to_string()),
            ("LBody".to_string(), b.to_string()),
        ]
    };
    assert_eq!(
        items(lists[0]),
        [pair("1.", "栏目调整"), pair("2.", "检索优化")]
    );
    // A bullet list's items are labelled with their bullet, a nested
    // list's with the next level's, and the nested list's L is inside its
    // item's LI, in its LBody (issue 77: every L was a child of Document).
    assert_eq!(numbering(lists[1]).as_deref(), Some("Disc"));
    assert_eq!(
        items(lists[1]),
        [pair("●", "微信公众号○订阅号"), pair("●", "微博")]
    );
    let body = &lists[1].children[0].children[1];
    let kinds: Vec<&str> = body.children.iter().map(|c| c.kind.as_str()).collect();
    assert_eq!(kinds, ["L"], "the nested list is in its item's LBody");
    assert_eq!(numbering(lists[2]).as_deref(), Some("Circle"));
    assert_eq!(items(lists[2]), [pair("○", "订阅号")]);
    let document = tree();
    let top: Vec<&str> = document.children.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(top.iter().filter(|k| **k == "L").count(), 2, "{top:?}");
}

// Tables: TH with a Scope (Column or Row), figures in TD, rows in TR.
#[test]
fn tables_have_header_cells_with_scope() {
    let all = tree().all();
    assert_eq!(all.iter().filter(|e| e.kind == "Table").count(), 3);
    let th: Vec<&&Element> = all.iter().filter(|e| e.kind == "TH").collect();
    assert!(th.len() > 20);
    for e in &th {
        let scope = e
            .attributes
            .iter()
            .find_map(|a| a.get::<Name<'_>>(b"Scope").map(|n| n.as_str().to_string()));
        assert!(
            matches!(scope.as_deref(), Some("Column" | "Row")),
            "{} has no scope",
            e.full_text()
        );
    }
    assert!(all.iter().filter(|e| e.kind == "TD").count() > 50);
}

// Folios and repeated table heads are artifacts, never read out: each
// page's number is in an artifact and in no element.
#[test]
fn folios_and_running_marks_are_artifacts() {
    let m = marked();
    let tagged: String = squeeze(&m.tagged.values().cloned().collect::<String>());
    let artifacts = squeeze(&m.artifacts);
    for n in 1..=read().page_count() {
        let folio = format!("—{n}—");
        assert!(artifacts.contains(&folio), "folio {n}");
        assert!(!tagged.contains(&folio), "folio {n} is read out");
    }
    // Table 三's head, repeated on its second page, is read once.
    assert_eq!(tagged.matches("申请人情况").count(), 1);
    assert!(artifacts.contains("申请人情况"));
}

// The tagged text is the document's text in reading order: every
// element's text, in tree order, is what pdftotext reads with the artifacts
// left out.
#[test]
fn the_tree_reads_the_whole_text_in_order() {
    let text = squeeze(&tree().full_text());
    let d = doc();
    let mut at = 0;
    for needle in [
        squeeze(&d.title),
        squeeze(d.sections[0].heading),
        "（一）主动公开情况".into(),
        "栏目调整".into(),
        squeeze(d.sections[5].heading),
    ] {
        at += text
            .slice_from(at)
            .find(&needle)
            .unwrap_or_else(|| panic!("{needle} not after {at}"));
    }
    assert!(text.ends_with(&squeeze(&d.date)), "the date last");
}

// The archival PDF is the same pages: its text, page by page, is the plain
// build's.
#[test]
fn the_archival_pdf_has_the_pages_of_the_plain_one() {
    let plain =
        pdf_inspect::read_bytes(&pdf::render(&doc(), &PdfOptions::default()).unwrap()).unwrap();
    assert_eq!(plain.page_texts(), read().page_texts());
}
