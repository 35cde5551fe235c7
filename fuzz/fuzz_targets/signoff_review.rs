//! Fuzz target: any bytes read as a reviewed Word document in the sign-off
//! round (`signoff::review`, against the example report) must never panic
//! or hang; seed the corpus with the .docx files `nianbao build` writes,
//! reviewed in Word, WPS or LibreOffice, and tests/fixtures/merge/*.docx.

#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use nianbao::model::Report;

/// The report the reviewed documents are compared with, loaded once.
fn report() -> &'static Report {
    static REPORT: OnceLock<Report> = OnceLock::new();
    REPORT.get_or_init(|| {
        let text = include_str!("../../examples/zibo-zhangdian-traffic-2024.yaml");
        nianbao::load::load_bytes(Path::new("fuzz.yaml"), text.as_bytes())
            .report
            .expect("the example loads")
    })
}

fuzz_target!(|data: &[u8]| {
    if let Ok(review) = nianbao::signoff::review(report(), data) {
        let _ = review.changes.len();
    }
});
