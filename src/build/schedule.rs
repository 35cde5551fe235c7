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
    // The thread that takes these renders the first and offers the rest:
    // the longest first, so that the shorter ones go to whichever core is
    // free first (the PDF's, once it is written).
    let others_here = || -> Vec<Rendered> {
        let mut longest_first: Vec<(usize, OutputFormat)> =
            others.iter().copied().enumerate().collect();
        longest_first.sort_by_key(|&(_, f)| render_rank(f));
        let mut rendered: Vec<(usize, Rendered)> = longest_first
            .par_iter()
            .with_max_len(1)
            .map(|&(at, f)| (at, one(f)))
            .collect();
        rendered.sort_by_key(|(at, _)| *at);
        rendered.into_iter().map(|(_, r)| r).collect()
    };
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

/// Where a format stands when the formats beside the PDF are handed out,
/// the longest to render first: the OFD (its own layout of the pages), the
/// web page (its tables and the print copy's styles), the Word document,
/// the workbook, then Markdown.
fn render_rank(format: OutputFormat) -> u8 {
    match format {
        OutputFormat::Ofd => 0,
        OutputFormat::Html => 1,
        OutputFormat::Docx => 2,
        OutputFormat::Xlsx => 3,
        OutputFormat::Md | OutputFormat::Pdf => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whatever order the formats are handed out in, each comes back in
    /// its place, the PDF in its own.
    #[test]
    fn every_format_comes_back_in_its_place() {
        let formats = [
            OutputFormat::Md,
            OutputFormat::Pdf,
            OutputFormat::Xlsx,
            OutputFormat::Html,
            OutputFormat::Docx,
        ];
        let one = |f: OutputFormat| -> Rendered { Ok(Some(f.extension().as_bytes().to_vec())) };
        let noop = || ();
        for settle in [None, Some(&noop as &(dyn Fn() + Sync))] {
            let steps = PdfSteps {
                at: 1,
                lay_out: &|| "pages",
                faces: &noop,
                settle,
                write: &|laid| Ok(Some(format!("pdf of {laid}").into_bytes())),
            };
            let rendered: Vec<String> = run(&formats, &one, Some(steps), false)
                .into_iter()
                .map(|r| String::from_utf8(r.unwrap().unwrap()).unwrap())
                .collect();
            assert_eq!(rendered, ["md", "pdf of pages", "xlsx", "html", "docx"]);
        }
    }
}
