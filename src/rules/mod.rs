//! The arithmetic and consistency rules of FORMAT.md §3, applied to a loaded
//! report. Each rule reports under its FORMAT.md rule id.

mod agency_name;
mod agency_text;
mod blanks;
mod carried;
mod contact;
mod content;
mod cross_year;
mod dates;
mod fee_text;
mod headings;
mod literal_markup;
mod pasted_tables;
mod items;
mod meta;
mod narrative;
mod pasted;
mod problems;
mod remedies;
mod prose;
mod punct;
mod row_shape;
mod simplified;
mod stale_year;
mod table2;
mod table3;
mod table4;
mod template;
mod xyear_prose;
mod years;

use crate::diag::Diagnostic;
use crate::model::Report;
use crate::source::SourceFile;

/// What the rules may look at besides the report itself.
pub struct Inputs<'a> {
    /// The data file, to locate text inside narrative values.
    pub file: &'a SourceFile,
    /// Last year's report, for the cross-year rules.
    pub previous: Option<&'a Report>,
    /// The name of last year's file, for pointing into it.
    pub previous_name: Option<String>,
}

/// Runs every rule and returns what they found.
pub fn check(report: &Report, inputs: &Inputs<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    meta::check(report, inputs.file, &mut out);
    table2::check(report, &mut out);
    table3::check(report, &mut out);
    blanks::check(report, &mut out);
    table4::check(report, &mut out);
    // Last year's report of another agency compares with nothing.
    let previous = inputs
        .previous
        .filter(|prev| match cross_year::other_agency(report, prev) {
            Some(d) => {
                out.push(d);
                false
            }
            None => true,
        });
    narrative::check(
        report,
        previous.map(|p| (p, inputs.previous_name.as_deref())),
        inputs.file,
        &mut out,
    );
    headings::check(report, inputs.file, &mut out);
    pasted_tables::check(report, inputs.file, &mut out);
    literal_markup::check(report, inputs.file, &mut out);
    fee_text::check(report, inputs.file, &mut out);
    years::check(report, inputs.file, &mut out);
    simplified::content(report, previous, inputs.file, &mut out);
    carried::check(report, inputs.file, &mut out);
    stale_year::check(report, inputs.file, &mut out);
    xyear_prose::check(
        report,
        previous.map(|p| (p, inputs.previous_name.as_deref())),
        inputs.file,
        &mut out,
    );
    template::check(report, inputs.file, &mut out);
    punct::check(report, inputs.file, &mut out);
    pasted::check(report, inputs.file, &mut out);
    contact::check(report, &mut out);
    agency_text::check(report, inputs.file, &mut out);
    if let Some(prev) = previous {
        agency_name::against_previous(report, prev, &mut out);
        cross_year::check(report, prev, inputs.previous_name.as_deref(), &mut out);
    }
    out
}

pub use agency_name::against_roster as agency_against_roster;
