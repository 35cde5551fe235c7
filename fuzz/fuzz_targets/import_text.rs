//! Fuzz target: any bytes imported as a text or a web page (the first byte
//! chooses which) must never panic or hang, and what is imported must be
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
    let opts = nianbao::import::Options { year: Some(2024) };
    if let Ok(imported) = nianbao::import::import_bytes(Path::new(name), bytes, &opts) {
        let _ = nianbao::write::data_file(&imported.report, &imported.notes);
    }
});
