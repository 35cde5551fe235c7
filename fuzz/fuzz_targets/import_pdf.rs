//! Fuzz target: any bytes imported as a PDF and then checked must never panic or hang; seed
//! the corpus with tests/fixtures/import/*.pdf and PDFs nianbao builds.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = nianbao::import::Options {
        year: Some(2024),
        ..Default::default()
    };
    if let Ok(imported) = nianbao::import::import_bytes(Path::new("fuzz.pdf"), data, &opts) {
        // Then checked, as `audit` does (issue 72: import then check never panics).
        let text = nianbao::write::data_file(&imported.report, &imported.notes);
        let file = nianbao::source::SourceFile::new(Path::new("fuzz.yaml"), text);
        let _ = nianbao::check::check_loaded(nianbao::load::load_str(file), None);
    }
});
