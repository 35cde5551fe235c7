//! The cell styles of the workbook (`xl/styles.xml`): labels locked, cells
//! to fill unlocked and tinted, totals grey.

/// A cell style; the value is its index in `cellXfs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(super) enum Style {
    /// Default (locked): index 0 of `cellXfs`, what a cell without a
    /// style shows; written in `xl/styles.xml`, never set on a cell.
    #[allow(dead_code)]
    Plain = 0,
    /// A sheet's heading: bold, larger.
    Heading = 1,
    /// A column header or title row: bold, centred, bordered.
    Header = 2,
    /// A row label: bordered, wrapped.
    Label = 3,
    /// A figure to fill: unlocked, tinted, right-aligned.
    Figure = 4,
    /// A computed total: locked, grey, bold.
    Total = 5,
    /// A short text to fill (contact, date, note): unlocked, stored as text.
    Entry = 6,
    /// A narrative section to fill: unlocked, text, wrapped, top-aligned.
    Narrative = 7,
    /// Instructions: wrapped, top-aligned.
    Guide = 8,
}

/// The styles part.
pub(super) fn xml() -> String {
    let mut out = String::from(crate::zip_xml::xml::DECL);
    out.push_str(concat!(
        "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">",
        "<fonts count=\"3\">",
        "<font><sz val=\"11\"/><name val=\"宋体\"/><family val=\"3\"/><charset val=\"134\"/></font>",
        "<font><b/><sz val=\"11\"/><name val=\"宋体\"/><family val=\"3\"/><charset val=\"134\"/></font>",
        "<font><b/><sz val=\"14\"/><name val=\"宋体\"/><family val=\"3\"/><charset val=\"134\"/></font>",
        "</fonts>",
        "<fills count=\"4\">",
        "<fill><patternFill patternType=\"none\"/></fill>",
        "<fill><patternFill patternType=\"gray125\"/></fill>",
        "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFFFF2CC\"/><bgColor indexed=\"64\"/></patternFill></fill>",
        "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFE7E6E6\"/><bgColor indexed=\"64\"/></patternFill></fill>",
        "</fills>",
        "<borders count=\"2\">",
        "<border><left/><right/><top/><bottom/><diagonal/></border>",
        "<border><left style=\"thin\"><color auto=\"1\"/></left><right style=\"thin\"><color auto=\"1\"/></right>",
        "<top style=\"thin\"><color auto=\"1\"/></top><bottom style=\"thin\"><color auto=\"1\"/></bottom><diagonal/></border>",
        "</borders>",
        "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>",
        "<cellXfs count=\"9\">",
        // Plain
        "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>",
        // Heading
        "<xf numFmtId=\"0\" fontId=\"2\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>",
        // Header
        "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyFont=\"1\" applyBorder=\"1\" applyAlignment=\"1\">",
        "<alignment horizontal=\"center\" vertical=\"center\" wrapText=\"1\"/></xf>",
        // Label
        "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyBorder=\"1\" applyAlignment=\"1\">",
        "<alignment vertical=\"center\" wrapText=\"1\"/></xf>",
        // Figure
        "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"2\" borderId=\"1\" xfId=\"0\" applyFill=\"1\" applyBorder=\"1\" applyAlignment=\"1\" applyProtection=\"1\">",
        "<alignment horizontal=\"right\" vertical=\"center\"/><protection locked=\"0\"/></xf>",
        // Total
        "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"3\" borderId=\"1\" xfId=\"0\" applyFont=\"1\" applyFill=\"1\" applyBorder=\"1\" applyAlignment=\"1\">",
        "<alignment horizontal=\"right\" vertical=\"center\"/></xf>",
        // Entry
        "<xf numFmtId=\"49\" fontId=\"0\" fillId=\"2\" borderId=\"1\" xfId=\"0\" applyNumberFormat=\"1\" applyFill=\"1\" applyBorder=\"1\" applyAlignment=\"1\" applyProtection=\"1\">",
        "<alignment vertical=\"center\" wrapText=\"1\"/><protection locked=\"0\"/></xf>",
        // Narrative
        "<xf numFmtId=\"49\" fontId=\"0\" fillId=\"2\" borderId=\"1\" xfId=\"0\" applyNumberFormat=\"1\" applyFill=\"1\" applyBorder=\"1\" applyAlignment=\"1\" applyProtection=\"1\">",
        "<alignment vertical=\"top\" wrapText=\"1\"/><protection locked=\"0\"/></xf>",
        // Guide
        "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyAlignment=\"1\">",
        "<alignment vertical=\"top\" wrapText=\"1\"/></xf>",
        "</cellXfs>",
        "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>",
        "</styleSheet>"
    ));
    out
}
