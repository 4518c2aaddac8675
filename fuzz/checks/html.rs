//! The check of the `html` fuzz target, shared by `fuzz/fuzz_targets/html.rs`
//! and the regression test of the crate that keeps its inputs
//! (`tests/fuzz_regressions.rs`), so that both assert the same.

use herald_model::{Body, FormatHint, RawDocument};

/// The `html` target: cleaning the bytes as an HTML page; no panic.
pub fn run(data: &[u8]) {
    let doc = RawDocument {
        source: "fuzz.html".to_string(),
        body: Body::Bytes(data.to_vec()),
        hint: FormatHint::Html,
        ..RawDocument::default()
    };
    let _ = herald_clean::clean(&doc);
}
