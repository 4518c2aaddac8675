//! Reading any bytes as an input stream: every item is consumed, nothing panics.
//! The first byte picks the file name's extension, the rest is the content.
#![no_main]

use std::io::Cursor;

use herald_input::{Limits, read_stream};
use libfuzzer_sys::fuzz_target;

const EXTENSIONS: [&str; 4] = ["txt", "jsonl", "warc", "gz"];

fuzz_target!(|data: &[u8]| {
    let Some((&first, bytes)) = data.split_first() else {
        return;
    };
    let name = format!("fuzz.{}", EXTENSIONS[usize::from(first) % EXTENSIONS.len()]);
    let limits = Limits {
        max_document_bytes: 1 << 20,
    };
    for item in read_stream(name, Box::new(Cursor::new(bytes.to_vec())), limits) {
        let _ = item;
    }
});
