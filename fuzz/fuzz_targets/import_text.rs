//! Fuzz target: any bytes imported as a text or a web page (the first byte
//! chooses which) and then checked must never panic or hang, and what is imported must be
//! writable as a data file.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&choice, bytes)) = data.split_first() else {
        return;
    };
    let name = if choice & 1 == 0 {
        "fuzz.txt"
    } else {
        "fuzz.html"
    };
    let opts = nianbao::import::Options {
        year: Some(2024),
        ..Default::default()
    };
    if let Ok(imported) = nianbao::import::import_bytes(Path::new(name), bytes, &opts) {
        // Then checked, as `audit` does (issue 72: import then check never panics).
        let text = nianbao::write::data_file(&imported.report, &imported.notes);
        let file = nianbao::source::SourceFile::new(Path::new("fuzz.yaml"), text);
        let _ = nianbao::check::check_loaded(nianbao::load::load_str(file), None);
    }
});
