//! Inputs found by (or written for) the fuzz targets in `fuzz/`, kept as
//! regression tests: every file of `tests/fuzz/` runs through the check of
//! the target its name starts with (`encoder-...`), with the target's
//! assertions. See `fuzz/README.md`.

mod common;

use std::path::Path;

#[path = "../../../fuzz/checks/encoder.rs"]
mod encoder;
#[path = "../../../fuzz/checks/regressions.rs"]
mod regressions;

fn dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz")
}

#[test]
fn fuzz_inputs_pass_their_targets() {
    regressions::run_dir(&dir(), |target, data| match target {
        "encoder" => encoder::run(data),
        other => panic!("no fuzz target {other:?} in this crate"),
    });
}

/// The seed of the `encoder` target is the tests' tiny model, so that the
/// fuzzer starts from a file that loads.
#[test]
fn the_seed_is_the_tiny_model() {
    let path = dir().join("encoder-tiny-model");
    let seed = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(
        seed == common::ModelFile::tiny(1).to_bytes(),
        "{} is not ModelFile::tiny(1).to_bytes(): write it again",
        path.display()
    );
    assert!(herald_encoder::Encoder::from_bytes(&seed).is_ok());
}
