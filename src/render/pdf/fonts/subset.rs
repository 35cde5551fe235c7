//! Cutting a face down to the glyphs a document uses, for embedding.

use std::collections::BTreeSet;
use std::path::PathBuf;

use super::{Fonts, PdfError, parse_failure};

impl Fonts {
    /// A font program holding only the glyphs of `chars` in face `face`
    /// (plus .notdef), with a Unicode cmap for them and, for CID-keyed CFF
    /// faces, CIDs equal to glyph ids: what the PDF embeds as it is.
    /// Parsing and subsetting this instead of the whole face keeps printpdf
    /// away from the tens of thousands of glyphs a document never uses.
    pub fn subset(&self, face: usize, chars: &BTreeSet<char>) -> Result<Vec<u8>, PdfError> {
        let mut otf = self.subset_raw(face, chars)?;
        crate::render::pdf::cid::identity_cids(&mut otf);
        Ok(otf)
    }

    /// [`Fonts::subset`] as allsorts writes it, with the face's own CIDs.
    pub(crate) fn subset_raw(
        &self,
        face: usize,
        chars: &BTreeSet<char>,
    ) -> Result<Vec<u8>, PdfError> {
        let f = &self.faces[face];
        let failed = |reason: String| PdfError::FontUnreadable {
            path: PathBuf::from(&f.name),
            reason,
        };
        self.with_data(f.origin, |data, index| {
            let face =
                ttf_parser::Face::parse(data, index).map_err(|e| failed(parse_failure(&e)))?;
            let mut ids: Vec<u16> = chars
                .iter()
                .filter_map(|&c| face.glyph_index(c))
                .map(|g| g.0)
                .filter(|&g| g != 0)
                .collect();
            ids.sort_unstable();
            ids.dedup();
            ids.insert(0, 0);
            use allsorts::binary::read::ReadScope;
            use allsorts::font_data::FontData;
            let file = ReadScope::new(data)
                .read::<FontData<'_>>()
                .map_err(|e| failed(e.to_string()))?;
            let provider = file
                .table_provider(index as usize)
                .map_err(|e| failed(e.to_string()))?;
            allsorts::subset::subset(
                &provider,
                &ids,
                &allsorts::subset::SubsetProfile::Minimal,
                allsorts::subset::CmapTarget::Unicode,
            )
            .map_err(|e| failed(e.to_string()))
        })
        .unwrap_or_else(|| Err(failed("无法读取".into())))
    }
}
