//! The arithmetic and consistency rules of FORMAT.md §3, applied to a loaded
//! report. Each rule reports under its FORMAT.md rule id.

mod agency_name;
mod agency_text;
mod blanks;
mod bounds;
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

/// Runs every rule and returns what they found, in the order the rules
/// are listed here. The rules fall in two halves (the narrative's on one
/// side, the other prose rules on the other) that run side by side on the
/// thread pool; their findings are joined in order, so the result does not
/// depend on the number of threads.
pub fn check(report: &Report, inputs: &Inputs<'_>) -> Vec<Diagnostic> {
    check_then(report, inputs, || (), || ())
}

/// [`check`], with work for both cores once their half of the rules is
/// done, before the other half may be. `then` is called on the thread that
/// ran the narrative's half: where a caller spawns work onto the thread
/// pool there, that work is queued behind the rules on the core that ran
/// them, rather than before them (`nianbao build`: the PDF's faces).
/// `beside` is called on this thread after the other prose rules, the
/// smaller half, with work that does not depend on the findings
/// (`nianbao build`: the layout of the pages, kept if the check lets the
/// document be built as it was laid out).
pub fn check_then(
    report: &Report,
    inputs: &Inputs<'_>,
    then: impl FnOnce() + Send,
    beside: impl FnOnce() + Send,
) -> Vec<Diagnostic> {
    // Last year's report of another agency compares with nothing.
    let mut other_agency = None;
    let previous = inputs
        .previous
        .filter(|prev| match cross_year::other_agency(report, prev) {
            Some(d) => {
                other_agency = Some(d);
                false
            }
            None => true,
        });
    let previous_named = previous.map(|p| (p, inputs.previous_name.as_deref()));
    let file = inputs.file;
    // `join` runs its first closure here and offers the second to the
    // other core.
    let (prose, mut out) = rayon::join(
        || {
            let mut out = Vec::new();
            bounds::check(report, file, &mut out);
            headings::check(report, file, &mut out);
            pasted_tables::check(report, file, &mut out);
            literal_markup::check(report, file, &mut out);
            fee_text::check(report, file, &mut out);
            years::check(report, file, &mut out);
            simplified::content(report, previous, file, &mut out);
            carried::check(report, file, &mut out);
            stale_year::check(report, file, &mut out);
            xyear_prose::check(report, previous_named, file, &mut out);
            template::check(report, file, &mut out);
            punct::check(report, file, &mut out);
            pasted::check(report, file, &mut out);
            contact::check(report, &mut out);
            agency_text::check(report, file, &mut out);
            if let Some(prev) = previous {
                agency_name::against_previous(report, prev, &mut out);
                cross_year::check(report, prev, inputs.previous_name.as_deref(), &mut out);
            }
            beside();
            out
        },
        || {
            let mut out = Vec::new();
            meta::check(report, file, &mut out);
            table2::check(report, &mut out);
            table3::check(report, &mut out);
            blanks::check(report, &mut out);
            table4::check(report, &mut out);
            out.extend(other_agency);
            narrative::check(report, previous_named, file, &mut out);
            then();
            out
        },
    );
    out.extend(prose);
    out
}

pub use agency_name::against_roster as agency_against_roster;
