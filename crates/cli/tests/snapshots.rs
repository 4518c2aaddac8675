//! Snapshot of `herald analyze samples/`: every field of every sample
//! article, so that any change of output shows as a reviewable diff
//! (`cargo insta review`, or `INSTA_UPDATE=always` to accept).

use std::process::Command;

#[test]
fn analyze_samples() {
    let samples = concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples");
    let out = Command::new(env!("CARGO_BIN_EXE_herald"))
        .args(["analyze", "--quiet", "--threads", "2"])
        .arg(samples)
        .output()
        .expect("herald runs");
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    // Sources are absolute paths: keep what follows `samples/`.
    let pretty: Vec<String> = stdout
        .lines()
        .map(|l| {
            let mut v: serde_json::Value = serde_json::from_str(l).expect("JSON line");
            if let Some(s) = v["source"].as_str() {
                let tail = s.rsplit_once("samples/").map_or(s, |(_, t)| t).to_string();
                v["source"] = serde_json::Value::String(tail);
            }
            serde_json::to_string_pretty(&v).expect("serialises")
        })
        .collect();
    insta::assert_snapshot!(pretty.join("\n"));
}
