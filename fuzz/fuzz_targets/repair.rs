//! Repair of any text: no panic, and idempotent as `repair` documents
//! (`repair(repair(x).text).text == repair(x).text`).
#![no_main]

use herald_clean::repair::repair;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let once = repair(&text);
    let twice = repair(&once.text);
    assert_eq!(
        twice.text, once.text,
        "repair is not idempotent on {text:?}"
    );
});
