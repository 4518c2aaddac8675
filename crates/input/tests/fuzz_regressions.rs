//! Inputs found by (or written for) the fuzz targets in `fuzz/`, kept as
//! regression tests: every file of `tests/fuzz/` runs through the check of
//! the target its name starts with (`input-...`), with the target's
//! assertions. The hostile inputs of the core issue are here: gzip bombs
//! inside a WARC record and as a `.gz` file, a WARC record whose
//! `Content-Length` is wrong, broken JSON lines. See `fuzz/README.md`.

use std::path::Path;

#[path = "../../../fuzz/checks/input.rs"]
mod input;
#[path = "../../../fuzz/checks/regressions.rs"]
mod regressions;

#[test]
fn fuzz_inputs_pass_their_targets() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz");
    regressions::run_dir(&dir, |target, data| match target {
        "input" => input::run(data),
        other => panic!("no fuzz target {other:?} in this crate"),
    });
}
