//! Fuzz target: any bytes through loading, validation and rendering of the
//! document structure must never panic or hang.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let loaded = nianbao::load::load_bytes(Path::new("fuzz.yaml"), data);
    let checked = nianbao::check::check_loaded(loaded, None);
    if let Some(report) = &checked.report {
        let doc = nianbao::render::document::build(report, None);
        let _ = nianbao::render::context::build(&doc);
    }
    for d in &checked.diagnostics {
        let _ = nianbao::diag::human::render(d, Some(&checked.file), false);
    }
});
