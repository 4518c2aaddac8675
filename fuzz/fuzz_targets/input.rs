//! Reading any bytes as an input stream: every item is consumed, nothing panics.
//! The first byte picks the file name's extension, the rest is the content.
#![no_main]

#[path = "../checks/input.rs"]
mod check;

libfuzzer_sys::fuzz_target!(|data: &[u8]| check::run(data));
