//! Fuzz target: any bytes read as a roster (`--roster`: a workbook, CSV or
//! text, first byte choosing the name) and reconciled with a few files must
//! never panic or hang; seed with rosters as .txt, .csv and .xlsx.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use nianbao::batch::roster::{self, Submission};

fuzz_target!(|data: &[u8]| {
    let Some((&first, bytes)) = data.split_first() else {
        return;
    };
    let name = if first % 2 == 0 { "名单.csv" } else { "名单.txt" };
    if let Ok(r) = roster::from_bytes(Path::new(name), bytes) {
        let files: Vec<Submission> = r
            .names
            .iter()
            .take(8)
            .map(|n| Submission {
                file: format!("{n}.yaml"),
                agency: format!("{n}局"),
                year: 2025,
                edition: None,
            })
            .collect();
        let _ = roster::reconcile(&r, &files, None);
    }
});
