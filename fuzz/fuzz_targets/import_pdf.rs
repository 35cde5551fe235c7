//! Fuzz target: any bytes imported as a PDF must never panic or hang; seed
//! the corpus with tests/fixtures/import/*.pdf and PDFs nianbao builds.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = nianbao::import::Options { year: Some(2024) };
    if let Ok(imported) = nianbao::import::import_bytes(Path::new("fuzz.pdf"), data, &opts) {
        let _ = nianbao::write::data_file(&imported.report, &imported.notes);
    }
});
