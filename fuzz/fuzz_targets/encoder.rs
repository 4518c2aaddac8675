//! Loading a model file from the bytes: a model or an error, no panic; a
//! model holds no more than a small multiple of the file; a loaded model
//! embeds short texts into finite vectors of its dimension.
//!
//! Seed it with a valid model (`crates/encoder/tests/fuzz/encoder-tiny-model`,
//! see `fuzz/README.md`), or the fuzzer hardly gets past the header.
#![no_main]

#[path = "../checks/encoder.rs"]
mod check;

libfuzzer_sys::fuzz_target!(|data: &[u8]| check::run(data));
