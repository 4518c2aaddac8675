//! The whole analysis of any plain text: no panic, and every offset of a
//! mention, quote or date within the article's text (`start <= end <= chars`).
//! The first byte picks the publication date given (none or one of two), so
//! that relative dates are resolved too; the rest is the text.
#![no_main]

#[path = "../checks/annotate.rs"]
mod check;

libfuzzer_sys::fuzz_target!(|data: &[u8]| check::run(data));
