//! The check of the `input` fuzz target, shared by `fuzz/fuzz_targets/input.rs`
//! and the regression test of the crate that keeps its inputs
//! (`tests/fuzz_regressions.rs`), so that both assert the same.

use std::io::Cursor;

use herald_input::{Limits, read_stream};
use herald_model::Body;

const EXTENSIONS: [&str; 4] = ["txt", "jsonl", "warc", "gz"];

/// The `input` target: the first byte picks the file name's extension, the
/// rest is the content; every item is read, nothing panics, and no
/// document's body is larger than the limit (a gzip bomb, in a `.gz` or a
/// WARC record, is cut off, not inflated).
pub fn run(data: &[u8]) {
    let Some((&first, bytes)) = data.split_first() else {
        return;
    };
    let name = format!("fuzz.{}", EXTENSIONS[usize::from(first) % EXTENSIONS.len()]);
    let limits = Limits {
        max_document_bytes: 1 << 20,
    };
    for doc in read_stream(name, Box::new(Cursor::new(bytes.to_vec())), limits).flatten() {
        let len = match &doc.body {
            Body::Empty => 0,
            Body::Bytes(b) => b.len(),
            Body::Text(t) => t.len(),
        };
        assert!(
            len <= limits.max_document_bytes,
            "{}: a body of {len} bytes",
            doc.source
        );
    }
}
