//! Fuzz target: any bytes read as an Excel/WPS workbook must never panic,
//! hang or expand beyond the reader's budgets (shared strings counted at
//! every cell that uses them); seed the corpus with tests/fixtures/xlsx/*.xlsx
//! and the workbooks `nianbao new --format xlsx` writes.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(loaded) = nianbao::load::load_workbook(Path::new("fuzz.xlsx"), data) {
        let _ = nianbao::check::check_loaded(loaded, None);
    }
});
