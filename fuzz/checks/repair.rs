//! The check of the `repair` fuzz target, shared by `fuzz/fuzz_targets/repair.rs`
//! and the regression test of the crate that keeps its inputs
//! (`tests/fuzz_regressions.rs`), so that both assert the same.

use herald_clean::repair::repair;

/// The `repair` target: repair is idempotent, as it documents.
pub fn run(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let once = repair(&text);
    let twice = repair(&once.text);
    assert_eq!(
        twice.text, once.text,
        "repair is not idempotent on {text:?}"
    );
}
