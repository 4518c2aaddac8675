//! Inputs found by the fuzz targets in `fuzz/`, kept as regression tests:
//! every file of `tests/fuzz/` runs through the check of the target its
//! name starts with (`decode-...`, `repair-...`, `html-...`), with the
//! target's assertions. See `fuzz/README.md`.

use std::path::Path;

#[path = "../../../fuzz/checks/decode.rs"]
mod decode;
#[path = "../../../fuzz/checks/html.rs"]
mod html;
#[path = "../../../fuzz/checks/regressions.rs"]
mod regressions;
#[path = "../../../fuzz/checks/repair.rs"]
mod repair;

#[test]
fn fuzz_inputs_pass_their_targets() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz");
    regressions::run_dir(&dir, |target, data| match target {
        "decode" => decode::run(data),
        "repair" => repair::run(data),
        "html" => html::run(data),
        other => panic!("no fuzz target {other:?} in this crate"),
    });
}
