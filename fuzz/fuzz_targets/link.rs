//! Linking names across a few articles built from the bytes: no panic, and
//! the same result whatever the order of the articles (here: reversed).
//!
//! Articles are separated by 0xFF (at most 8). In each, the first byte picks
//! the language; then each line (at most 16) is one entity: its first byte
//! picks the kind (bits 0-1) and the mention count (bits 2-3, 1 to 4), the
//! rest is the name. Each article has one quote, spoken by its first entity.
#![no_main]

#[path = "../checks/link.rs"]
mod check;

libfuzzer_sys::fuzz_target!(|data: &[u8]| check::run(data));
