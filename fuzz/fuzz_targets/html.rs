//! Cleaning any bytes given as an HTML page: no panic, no hang.
#![no_main]

#[path = "../checks/html.rs"]
mod check;

libfuzzer_sys::fuzz_target!(|data: &[u8]| check::run(data));
