//! Inputs found by (or written for) the fuzz targets in `fuzz/`, kept as
//! regression tests: every file of `tests/fuzz/` runs through the check of
//! the target its name starts with (`annotate-...`, `analyzed-...`), with
//! the target's assertions. See `fuzz/README.md`.

use std::path::Path;

#[path = "../../../fuzz/checks/analyzed.rs"]
mod analyzed;
#[path = "../../../fuzz/checks/annotate.rs"]
mod annotate;
#[path = "../../../fuzz/checks/regressions.rs"]
mod regressions;

#[test]
fn fuzz_inputs_pass_their_targets() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz");
    regressions::run_dir(&dir, |target, data| match target {
        "annotate" => annotate::run(data),
        "analyzed" => analyzed::run(data),
        other => panic!("no fuzz target {other:?} in this crate"),
    });
}
