//! Decoding any bytes with any declared charset, as HTML or not: no panic.
//! The first byte picks the declared charset and whether the bytes are HTML.
#![no_main]

#[path = "../checks/decode.rs"]
mod check;

libfuzzer_sys::fuzz_target!(|data: &[u8]| check::run(data));
