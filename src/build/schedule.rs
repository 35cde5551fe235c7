//! The order in which one document's formats are rendered on the cores:
//! which waits for which, not what any format is ([`super::render`] says
//! that). With a PDF the schedule is set, since its faces' work is the
//! longest single task.

use rayon::prelude::*;

use super::BuildError;
use super::plan::OutputFormat;

/// One format rendered: its bytes, `None` for a format left out (a PDF
/// without fonts), or why it failed.
pub(super) type Rendered = Result<Option<Vec<u8>>, BuildError>;

/// The PDF's steps as the schedule runs them (`P`: the laid-out pages).
pub(super) struct PdfSteps<'a, P> {
    /// Where the PDF stands in the asked formats.
    pub at: usize,
    /// Lays out the pages.
    pub lay_out: &'a (dyn Fn() -> P + Sync),
    /// The faces' work that the layout does not wait for: cutting and
    /// deflating the subsets.
    pub faces: &'a (dyn Fn() + Sync),
    /// With `Some`, the body face's work was begun earlier and this waits
    /// until it is over; `faces` then does the smaller faces only.
    pub settle: Option<&'a (dyn Fn() + Sync)>,
    /// Writes the PDF of the laid-out pages once the faces are done.
    pub write: &'a (dyn Fn(P) -> Rendered + Sync),
}

/// Every format of `formats`, in that order, each from `one`; `one_by_one`
/// renders them one after another (a document of megabytes, whose renders'
/// memory would add up side by side), else side by side. With `pdf`, the
/// PDF's path (the layout, then the writing) stays on this core: without
/// earlier work the faces are offered to the other core first and the
/// other formats follow the layout here; with the body face begun earlier
/// the other formats are offered first, so that the other core takes them
/// once the body face is done, and they render while the PDF is written.
pub(super) fn run<P: Send>(
    formats: &[OutputFormat],
    one: &(dyn Fn(OutputFormat) -> Rendered + Sync),
    pdf: Option<PdfSteps<'_, P>>,
    one_by_one: bool,
) -> Vec<Rendered> {
    if one_by_one {
        return formats.iter().map(|&f| one(f)).collect();
    }
    let Some(pdf) = pdf else {
        return formats
            .par_iter()
            .with_max_len(1)
            .map(|&f| one(f))
            .collect();
    };
    let others: Vec<OutputFormat> = formats
        .iter()
        .copied()
        .filter(|&f| f != OutputFormat::Pdf)
        .collect();
    let others_here =
        || -> Vec<Rendered> { others.par_iter().with_max_len(1).map(|&f| one(f)).collect() };
    let (written, mut rendered) = match pdf.settle {
        Some(settle) => rayon::join(
            || {
                let (laid, ()) = rayon::join(pdf.lay_out, pdf.faces);
                settle();
                (pdf.write)(laid)
            },
            others_here,
        ),
        // `join` runs its first closure here and offers the second to the
        // other core, which takes the oldest offer first: the faces.
        None => {
            let ((laid, rest), ()) =
                rayon::join(|| rayon::join(pdf.lay_out, others_here), pdf.faces);
            ((pdf.write)(laid), rest)
        }
    };
    rendered.insert(pdf.at, written);
    rendered
}
