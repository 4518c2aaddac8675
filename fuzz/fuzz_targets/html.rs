//! Cleaning any bytes given as an HTML page: no panic, no hang.
#![no_main]

use herald_model::{Body, FormatHint, RawDocument};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let doc = RawDocument {
        source: "fuzz.html".to_string(),
        body: Body::Bytes(data.to_vec()),
        hint: FormatHint::Html,
        ..RawDocument::default()
    };
    let _ = herald_clean::clean(&doc);
});
