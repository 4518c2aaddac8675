//! Repair of any text: no panic, and idempotent as `repair` documents
//! (`repair(repair(x).text).text == repair(x).text`).
#![no_main]

#[path = "../checks/repair.rs"]
mod check;

libfuzzer_sys::fuzz_target!(|data: &[u8]| check::run(data));
