//! nianbao: validates the data of a 政府信息公开工作年度报告 and renders the
//! report as Markdown, HTML, PDF, OFD, Word and Excel; imports published
//! reports; serves a preview and a workbench; checks, sums and audits a
//! county's reports, and collects them on a server.
//!
//! The modules are declared in flow order: each uses only those declared
//! before it (`tests/testsuite/architecture.rs` fails on a backward edge and
//! on files that use each other round a cycle). docs/ARCHITECTURE.md is the
//! map.

// Every text the library reads is untrusted: a byte range that ends inside a
// character panics, so text is sliced through `slice::Slice` (issue 72);
// Cargo.toml denies `clippy::string_slice` in every target, tests too.

// Foundations: text with places, files, Office packages.
pub mod slice; // byte-offset slices of text that never split a character
pub mod find; // short words found in text, faster than str::find
pub mod percent; // percent-encoding of text for URLs, and its decoding
pub mod source; // a file's text, and places in it (line, column, bytes)
pub mod files; // bounded reads, safe writes, I/O errors in Chinese
pub mod zip_xml; // zip-and-XML packages (.docx, .xlsx, .ofd): the zip writer, XML escaping, bounded reading
pub mod stop; // why a command stopped short: a Chinese message and its kind
pub mod civil; // calendar dates from day counts and back

// The model and the diagnostics.
pub mod model; // schema, official format, data paths, agency names and places, the loaded report
pub mod diag; // the diagnostic model, the rule codes and their registry, the output (human, short, JSON)

// Data files in and out.
pub mod write; // a report (or one value) as data-file text
pub mod grid; // a table of the model as cells with spans, for every format
pub mod xlsx; // the Excel/WPS workbook: written from a report, read back as text
pub mod load; // a data file or workbook → the report and its diagnostics

// Checking.
pub mod placeholder; // `{{ 依申请公开.本年新收.总计 }}` in the narrative
pub mod claims; // what the prose says: each sentence read into measures, figures, comparisons, denials, years
pub mod rules; // every check of the format, one function per rule (their codes: diag::codes)
pub mod check; // load + rules for one file, with last year's
pub mod next_year; // `new`: next year's data file from last year's

// Output and input of reports.
pub mod render; // Document → Markdown, HTML, .docx, and through typesetting the PDF and the OFD
pub mod import; // a published report (text, web page, Word, PDF) → a report
pub mod build; // the build plan: formats, fonts, templates, outputs written together
pub mod signoff; // the sign-off round: a reviewed .docx back into changes to the data file

// The county office.
pub mod batch; // folders: walk, check, aggregate, audit, rosters, summaries
pub mod compare; // two reports or two folders, figure by figure

// Served: the one HTTP layer, and the pages it serves on loopback.
pub mod serve; // the one HTTP layer: accept loop, admission, deadlines, bounds
pub mod preview; // re-render on save, serve the page
pub mod editing; // the report page's core: in-place edits, sign-off writing, the page's state
pub mod workbench; // the browser workbench

// Served on the county's network.
pub mod server; // the collection server: accounts, reports, revisions in SQLite or PostgreSQL (feature `postgres`)

// The command line.
pub mod cli; // arguments, printing, exit status

#[cfg(test)]
pub(crate) mod testutil;
