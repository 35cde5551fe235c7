//! Fuzz target: any bytes read as an HTTP request by the one HTTP layer —
//! the head (`serve::http::parse_next`, pipelined bytes allowed, and
//! `parse_request`), then a chunked body fed to `serve::chunked::Dechunker`
//! in pieces — must never panic or hang, and never yield a body over its
//! limit; seed the corpus with requests captured from a browser (curl -v,
//! the tests in src/serve/tests.rs).

#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::serve::chunked::{Dechunker, Fed};
use nianbao::serve::http;

/// The route's limit used throughout.
const LIMIT: usize = 4096;

fuzz_target!(|data: &[u8]| {
    let _ = http::parse_request(data, |_| Some(LIMIT));
    if let Some(Ok(request)) = http::parse_next(data, |_| Some(LIMIT)) {
        assert!(request.body_len <= LIMIT);
        let rest = &data[request.head_len.min(data.len())..];
        let mut chunks = Dechunker::new(LIMIT);
        for piece in rest.chunks(7) {
            match chunks.feed(piece) {
                Ok(Fed::More) => continue,
                Ok(Fed::Done(_)) | Err(_) => break,
            }
        }
        assert!(chunks.into_body().len() <= LIMIT);
    }
});
