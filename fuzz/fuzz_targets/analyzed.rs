//! Reading `herald analyze` output back: JSON Lines that `herald-input`
//! takes for analysed articles, loaded by `herald-pipeline`. Nothing
//! panics, every offset lies within the article's text, a bad line is a
//! `malformed` error, and a loaded article printed again reads back the same.
#![no_main]

#[path = "../checks/analyzed.rs"]
mod check;

libfuzzer_sys::fuzz_target!(|data: &[u8]| check::run(data));
