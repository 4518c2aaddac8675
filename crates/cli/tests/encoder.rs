//! End-to-end with the sentence encoder (`--features encoder`): a tiny
//! model written by the test (the real weights are never needed here).
#![cfg(feature = "encoder")]

use std::process::Command;

#[path = "../../encoder/tests/common/mod.rs"]
mod model;

const A: &str = "Floods hit Valdoria\n\nFloods swept through the river town of Valdoria on March 3, 2021, forcing residents from their homes.\n";
const B: &str = "Book fair opens in Ostrava\n\nThe Ostrava book fair opened on June 12, 2019 with 300 publishers.\n";

#[test]
fn similarity_with_a_model_adds_a_meaning_signal_and_without_one_says_so() {
    // Removed when the test ends.
    let scratch = tempfile::Builder::new()
        .prefix("herald-enc-")
        .tempdir()
        .expect("temp dir");
    let dir = scratch.path();
    let models = dir.join("model");
    std::fs::create_dir_all(&models).expect("dir");
    std::fs::write(
        models.join("e5-small-q4.bin"),
        model::ModelFile::tiny(7).to_bytes(),
    )
    .expect("model");
    std::fs::write(dir.join("a.txt"), A).expect("write");
    std::fs::write(dir.join("b.txt"), B).expect("write");
    let run = |extra: &[&std::ffi::OsStr]| {
        Command::new(env!("CARGO_BIN_EXE_herald"))
            .arg("similarity")
            .arg(dir.join("a.txt"))
            .arg(dir.join("b.txt"))
            .arg("--quiet")
            .args(extra)
            .env("HERALD_MODEL_DIR", dir.join("nowhere"))
            .output()
            .expect("run")
    };
    let with = run(&["--model".as_ref(), models.as_os_str()]);
    assert!(
        with.status.success(),
        "{}",
        String::from_utf8_lossy(&with.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&with.stdout).expect("json");
    let signals = v["signals"].as_array().expect("signals");
    assert!(signals.iter().any(|s| s["signal"] == "meaning"), "{v}");

    // No model where Herald looks: it says so and compares without one.
    let without = run(&[]);
    assert!(without.status.success());
    let v: serde_json::Value = serde_json::from_slice(&without.stdout).expect("json");
    assert!(
        !v["signals"]
            .as_array()
            .expect("signals")
            .iter()
            .any(|s| s["signal"] == "meaning")
    );
    assert!(String::from_utf8_lossy(&without.stderr).contains("no sentence encoder"));

    // A corrupt model file is a clear error, not a panic.
    std::fs::write(models.join("e5-small-q4.bin"), b"E5S1 broken").expect("write");
    let broken = run(&["--model".as_ref(), models.as_os_str()]);
    assert!(!broken.status.success());
    assert!(String::from_utf8_lossy(&broken.stderr).contains("cannot load the sentence encoder"));
}
